// Response to screen, cold start and memory in the real window (release build, Xvfb, mock server
// on 127.0.0.1), next to an empty Tauri 2 app with the same window (bench/empty-app) built in the
// same run. Run by scripts/bench.sh inside xvfb-run and a D-Bus session with an unlocked keyring.
// Prints Markdown tables.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Session, startDriver, until } from '../tests/e2e/webdriver.mjs';

const [APP, MOCK, EMPTY] = process.argv.slice(2);
const KEY = 'bench-key';
const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 5);

const mock = spawn(MOCK, ['--port', '0', '--key', KEY], { stdio: ['ignore', 'pipe', 'ignore'] });
process.on('exit', () => mock.kill());
const line = await new Promise((resolve) => createInterface({ input: mock.stdout }).once('line', resolve));
const base = /(http:\/\/127\.0\.0\.1:\d+\/api)/.exec(line)[1];
const scenario = (name) => fetch(`${base.replace(/\/api$/, '')}/__mock/scenario/${name}`, { method: 'PUT' });

/** The pids of a process and all its descendants. */
function tree(pid) {
  const kids = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
  return [pid, ...kids.flatMap((k) => tree(Number(k)))];
}

/**
 * Peak RSS (sum of each process's VmHWM) and PSS now, in MiB, of an app and its WebKit helpers;
 * each process's share goes to stderr.
 */
function memory(appPid) {
  let hwm = 0;
  let pss = 0;
  const parts = [];
  for (const pid of tree(appPid)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const peak = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const now = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      hwm += peak;
      pss += now;
      parts.push(`${/Name:\s+(\S+)/.exec(status)?.[1]} ${Math.round(peak / 1024)}/${Math.round(now / 1024)}`);
    } catch {
      // The process ended meanwhile.
    }
  }
  console.error(`bench: memory (peak RSS/PSS MiB): ${parts.join(', ')}`);
  return { peakRss: Math.round(hwm / 1024), pss: Math.round(pss / 1024) };
}

/** @param {string} binary */
const pidOf = (binary) => Number(spawnSync('pgrep', ['-n', '-f', `^${binary}`], { encoding: 'utf8' }).stdout.trim());
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const settle = (ms) => new Promise((r) => setTimeout(r, ms));

/** A throw-away profile (settings, WebKit data, cache) for one account size. */
function profile() {
  const dir = mkdtempSync(join(tmpdir(), 'roster-bench-'));
  return { ...process.env, XDG_CONFIG_HOME: join(dir, 'c'), XDG_DATA_HOME: join(dir, 'd'), XDG_CACHE_HOME: join(dir, 'k') };
}

/**
 * Launches `binary` `LAUNCHES` times and answers the median time from asking for the launch to
 * the page's `cards-painted` mark, and the memory of the last launch once painted.
 */
async function coldStarts(driver, binary) {
  const times = [];
  let mem = null;
  for (let i = 0; i < LAUNCHES; i++) {
    const app = await Session.open(driver.base, binary);
    try {
      const marks = await until(async () => app.execute(`
        if (!performance.getEntriesByName('cards-painted').length) return null;
        const at = {};
        for (const name of ['boot', 'saved-list-asked', 'saved-list-received', 'list-rendered', 'cards-painted']) {
          at[name] = performance.getEntriesByName(name)[0]?.startTime ?? null;
        }
        return { origin: performance.timeOrigin, at };`), 'first cards painted', 60_000);
      times.push(marks.origin + marks.at['cards-painted'] - app.launchedAt);
      const since = (name) => (marks.at[name] === null ? '-' : Math.round(marks.at[name]));
      console.error(`bench: cold start of ${binary.split('/').pop()}: page started ${Math.round(marks.origin - app.launchedAt)} ms after the launch; then (ms) ${Object.keys(marks.at).map((n) => `${n} ${since(n)}`).join(', ')}`);
      if (i === LAUNCHES - 1) {
        await settle(1500);
        mem = memory(pidOf(binary));
      }
    } finally {
      await app.close().catch(() => {});
    }
  }
  return { ms: median(times), all: times, mem };
}

// WebKitGTK composites with OpenGL; under Xvfb that is Mesa's software renderer, whose frames
// are slow. scripts/bench.sh runs a second pass with compositing off to tell the page's work from
// that.
const MODE = process.env.WEBKIT_DISABLE_COMPOSITING_MODE === '1' ? 'compositing off' : 'default (GL compositing)';
console.log(`\n### WebKitGTK rendering: ${MODE}`);

const rows = [];
const memoryRows = [];
const starts = [];

// The floor: the empty app, launched and measured the same way.
{
  const driver = await startDriver(profile());
  try {
    const empty = await coldStarts(driver, EMPTY);
    starts.push({ what: 'empty Tauri 2 app (same window, one static card)', ...empty });
    memoryRows.push({ at: 'empty Tauri 2 app', ...empty.mem });
  } finally {
    await driver.stop();
  }
}

const COUNTS = (process.env.BENCH_COUNTS ?? '100,10000,50000').split(',').map(Number);
for (const count of COUNTS) {
  console.error(`bench: ${count} assistants…`);
  await scenario(`generated?count=${count}&prompt=2000`);
  const env = profile();
  const driver = await startDriver(env);
  try {
    const app = await Session.open(driver.base, APP);
    try {
      await app.waitFor('#connect-form');
      if (count === COUNTS[0]) {
        await settle(1500);
        memoryRows.push({ at: 'Assistant Roster, welcome (0 assistants)', ...memory(pidOf(APP)) });
      }
      await app.execute(`const s = document.querySelector('#platform'); s.value = 'other'; s.dispatchEvent(new Event('change'));`);
      await app.type(await app.waitFor('#address'), base);
      await app.type(await app.find('#api-key'), KEY);
      // From here the connect path fetches, decodes, stores the key and sends the cards.
      await app.click(await app.find('#connect'));
      await until(async () => (await app.execute(`return document.querySelectorAll('article.card').length`)) > 0, 'cards', 120_000);
      // The first list arrives through connect; refresh once more to measure the refresh path.
      await app.execute(`performance.clearMarks(); performance.clearMeasures(); document.querySelector('#refresh').click();`);
      await until(async () => app.execute(`
        const received = performance.getEntriesByName('roster-received')[0];
        return !!received && performance.getEntriesByName('cards-painted').some((m) => m.startTime > received.startTime);`), 'refreshed cards', 180_000);
      const t = await app.execute(`
        const at = (n) => performance.getEntriesByName(n)[0];
        const received = at('roster-received');
        const since = received.detail.sinceResponseMs;
        return { ipc: since, searchable: since + at('list-searchable').startTime - received.startTime,
                 painted: since + performance.getEntriesByName('cards-painted').find((m) => m.startTime > received.startTime).startTime - received.startTime,
               cards: document.querySelectorAll('article.card').length };`);
      // Keystrokes into search, each measured from the input event to the cards in the DOM and
      // to the next frame.
      const search = await app.find('#search');
      for (const ch of 'sal') {
        await app.type(search, ch);
        await settle(150);
      }
      await settle(300);
      const keys = await app.execute(`return ['search-to-dom', 'search-to-paint'].map((n) => performance.getEntriesByName(n).map((m) => m.duration))`);
      rows.push({ count, ...t, keystrokeDom: median(keys[0]), keystrokePaint: median(keys[1]) });
      console.error(`bench: ${count}: ${JSON.stringify(rows[rows.length - 1])}`);
      if (count === 10_000) memoryRows.push({ at: 'Assistant Roster, 10,000 assistants', ...memory(pidOf(APP)) });
      // Scroll to the bottom of a big list: it stays responsive.
      const scrolled = await app.execute(`const t0 = performance.now(); document.scrollingElement.scrollTop = 1e9; return new Promise((r) => requestAnimationFrame(() => r(performance.now() - t0)));`);
      rows[rows.length - 1].scroll = scrolled;
    } finally {
      await app.close().catch(() => {});
    }
    // Cold starts with this account's saved list (the refresh that follows is not waited for).
    if (count !== 50_000) {
      const cold = await coldStarts(driver, APP);
      starts.push({ what: `Assistant Roster, saved list of ${count.toLocaleString('en')}`, ...cold });
    }
  } finally {
    await driver.stop();
  }
}
mock.kill();

const ms = (v) => `${Math.round(v)} ms`;
console.log('\n| assistants | response → cards sent (decode, index, IPC) | response → searchable | response → first cards painted | keystroke → cards in the DOM | keystroke → next frame | jump to the end, painted | cards in the DOM |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.count} | ${ms(r.ipc)} | ${ms(r.searchable)} | ${ms(r.painted)} | ${ms(r.keystrokeDom)} | ${ms(r.keystrokePaint)} | ${ms(r.scroll)} | ${r.cards} |`);
}
const floor = starts[0].ms;
console.log(`\n| cold start: launch → first card painted (median of ${LAUNCHES}) | time | × empty app | all launches |`);
console.log('|---|---:|---:|---|');
for (const s of starts) console.log(`| ${s.what} | ${ms(s.ms)} | ${(s.ms / floor).toFixed(2)}× | ${s.all.map(Math.round).join(', ')} |`);
console.log('\n| app + WebKit processes | peak RSS | PSS |');
console.log('|---|---:|---:|');
for (const m of memoryRows) console.log(`| ${m.at} | ${m.peakRss} MiB | ${m.pss} MiB |`);
