// Response to screen in the real window (release build, Xvfb, mock server on 127.0.0.1), and the
// memory of the app with its WebKit processes. Run by scripts/bench.sh inside xvfb-run and a
// D-Bus session with an unlocked keyring. Prints a Markdown table.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Session, startDriver, until } from '../tests/e2e/webdriver.mjs';

const APP = process.argv[2];
const MOCK = process.argv[3];
const KEY = 'bench-key';

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

/** Peak RSS (sum of each process's VmHWM) and PSS now, in MiB, of the app and its WebKit helpers. */
function memory(appPid) {
  let hwm = 0;
  let pss = 0;
  for (const pid of tree(appPid)) {
    try {
      hwm += Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // The process ended meanwhile.
    }
  }
  return { peakRss: Math.round(hwm / 1024), pss: Math.round(pss / 1024) };
}

function appPid() {
  const found = spawnSync('pgrep', ['-n', '-f', `^${APP}`], { encoding: 'utf8' }).stdout.trim();
  return Number(found);
}

const rows = [];
const memoryRows = [];
const COUNTS = (process.env.BENCH_COUNTS ?? '100,10000,50000').split(',').map(Number);
for (const count of COUNTS) {
  console.error(`bench: ${count} assistants…`);
  await scenario(`generated?count=${count}&prompt=2000`);
  const profile = mkdtempSync(join(tmpdir(), 'roster-bench-'));
  const env = { ...process.env, XDG_CONFIG_HOME: join(profile, 'c'), XDG_DATA_HOME: join(profile, 'd'), XDG_CACHE_HOME: join(profile, 'k') };
  const driver = await startDriver(env);
  const app = await Session.open(driver.base, APP);
  try {
    await app.waitFor('#connect-form');
    if (count === 100) memoryRows.push({ at: 'welcome (0 assistants)', ...memory(appPid()) });
    await app.execute(`const s = document.querySelector('#platform'); s.value = 'other'; s.dispatchEvent(new Event('change'));`);
    await app.type(await app.waitFor('#address'), base);
    await app.type(await app.find('#api-key'), KEY);
    // From here the connect path fetches, decodes, stores the key and sends the list.
    await app.click(await app.find('#connect'));
    await until(async () => (await app.execute(`return document.querySelectorAll('article.card').length`)) > 0, 'cards', 120_000);
    // The first list arrives through connect; refresh once more to measure the refresh path.
    await app.execute(`performance.clearMarks(); document.querySelector('#refresh').click();`);
    await until(async () => (await app.execute(`return performance.getEntriesByName('cards-painted').length`)) > 0, 'refreshed cards', 120_000);
    const t = await app.execute(`
      const at = (n) => performance.getEntriesByName(n)[0];
      const received = at('roster-received');
      return { ipc: received.detail.sinceDecodedMs, searchable: at('list-searchable').startTime - received.startTime,
               painted: at('cards-painted').startTime - received.startTime, cards: document.querySelectorAll('article.card').length };`);
    // Keystrokes into search, each measured from the input event to the next paint.
    const search = await app.find('#search');
    for (const ch of 'sal') await app.type(search, ch);
    await new Promise((r) => setTimeout(r, 300));
    const keys = await app.execute(`return performance.getEntriesByName('search-to-paint').map((m) => m.duration)`);
    rows.push({ count, ...t, keystroke: Math.max(...keys) });
    console.error(`bench: ${count}: ${JSON.stringify(rows[rows.length - 1])}`);
    if (count === 10_000) memoryRows.push({ at: '10,000 assistants', ...memory(appPid()) });
    // Scroll to the bottom of a big list: it stays responsive.
    const scrolled = await app.execute(`const t0 = performance.now(); document.scrollingElement.scrollTop = 1e9; return new Promise((r) => requestAnimationFrame(() => r(performance.now() - t0)));`);
    rows[rows.length - 1].scroll = scrolled;
  } finally {
    await app.close().catch(() => {});
    await driver.stop();
  }
}
mock.kill();

console.log('\n| assistants | decoded → page (IPC) | received → searchable | received → first cards painted | keystroke → results painted (max of 3) | jump to the end, painted | cards in the DOM |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const ms = (v) => `${Math.round(v)} ms`;
  console.log(`| ${r.count} | ${ms(r.ipc)} | ${ms(r.searchable)} | ${ms(r.painted)} | ${ms(r.keystroke)} | ${ms(r.scroll)} | ${r.cards} |`);
}
console.log('\n| app + WebKit processes | peak RSS | PSS |');
console.log('|---|---:|---:|');
for (const m of memoryRows) console.log(`| ${m.at} | ${m.peakRss} MiB | ${m.pss} MiB |`);

