// Response to screen, cold start and memory in the real window (release build, Xvfb, mock server
// on 127.0.0.1), next to an empty Tauri 2 app with the same window (bench/empty-app) built in the
// same run. Run by scripts/bench.sh inside xvfb-run and a D-Bus session with an unlocked keyring.
// Prints Markdown tables.
//
// Made to hold still on a small, noisy machine: the launches of the app and of the empty app are
// interleaved round by round (alternating which goes first) and each round gives a ratio (time)
// or a difference (memory), so a slow minute of the machine weighs on both sides of the same
// round; the tables give the median of those per-round figures with the first and third
// quartiles. Each launch waits until the machine is quiet. With BENCH_BASELINE_APP (another build
// of the app's binary), every round also launches that build, in a rotating order, and the
// tables add the ratio new / baseline per round.
//
//   node bench/window.mjs APP MOCK EMPTY     the benchmark
//   node bench/window.mjs --plan             how many launches it would make, and exits
//
// Environment: BENCH_COUNTS (default 100,10000,50000), BENCH_PAIRS (rounds of cold starts per
// account size, default 15), BENCH_KEYS (keystrokes per session, default 16), BENCH_SESSIONS
// (connect sessions per build and account size: 1, or 2 with a baseline), BENCH_BASELINE_APP,
// BENCH_COLD_CHANGED=1 (each cold start's refresh finds one assistant changed; by default it
// finds the list as saved, as after most restarts), BENCH_LANGUAGE (a language code: the app is
// switched to it before it connects, so its cold starts are in it; default English).

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Session, startDriver, until } from '../tests/e2e/webdriver.mjs';
import { memory, pidOf } from './processes.mjs';

const KEY = 'bench-key';
const COUNTS = (process.env.BENCH_COUNTS ?? '100,10000,50000').split(',').map(Number);
/** Account sizes whose cold start is measured (50,000 is measured in the session only). */
const COLD_COUNTS = COUNTS.filter((count) => count !== 50_000);
const PAIRS = Math.max(1, Number(process.env.BENCH_PAIRS ?? 15));
const KEYS = Math.max(1, Number(process.env.BENCH_KEYS ?? 16));
const BASELINE = process.env.BENCH_BASELINE_APP || '';
const HAS_BASELINE = !!(BASELINE || process.env.BENCH_BASELINE_REV);
const SESSIONS = Math.max(1, Number(process.env.BENCH_SESSIONS ?? (HAS_BASELINE ? 2 : 1)));
const COLD_CHANGED = process.env.BENCH_COLD_CHANGED === '1';
const LANGUAGE = process.env.BENCH_LANGUAGE || '';
/** After the first cards (and for the app its refresh) are painted, before memory is read. */
const MEMORY_SETTLE_MS = 500;
/** A launch waits (up to QUIET_MAX_MS) until the CPUs were at most QUIET_BUSY busy over 300 ms. */
const QUIET_BUSY = 0.2;
const QUIET_MAX_MS = 15_000;

// WebKitGTK composites with OpenGL; under Xvfb that is Mesa's software renderer, whose frames
// are slow. scripts/bench.sh runs a second pass with compositing off to tell the page's work from
// that.
const MODE = process.env.WEBKIT_DISABLE_COMPOSITING_MODE === '1' ? 'compositing off' : 'default (GL compositing)';

const builds = HAS_BASELINE ? 2 : 1;
const perRound = builds + 1;
const sessionLaunches = COUNTS.length * SESSIONS * builds;
const coldLaunches = COLD_COUNTS.length * PAIRS * perRound;
if (process.argv[2] === '--plan') {
  console.log(`${MODE}: ${sessionLaunches + coldLaunches} launches = ${sessionLaunches} connect sessions (${COUNTS.join(', ')} assistants) + ${coldLaunches} cold starts (${COLD_COUNTS.join(', ') || 'none'}: ${PAIRS} rounds of ${perRound})`);
  process.exit(0);
}

const [APP, MOCK, EMPTY] = process.argv.slice(2);
const began = Date.now();

const mock = spawn(MOCK, ['--port', '0', '--key', KEY], { stdio: ['ignore', 'pipe', 'ignore'] });
process.on('exit', () => mock.kill());
const line = await new Promise((resolve) => createInterface({ input: mock.stdout }).once('line', resolve));
const base = /(http:\/\/127\.0\.0\.1:\d+\/api)/.exec(line)[1];
const scenario = (name) => fetch(`${base.replace(/\/api$/, '')}/__mock/scenario/${name}`, { method: 'PUT' });
/** The generated list of `count` assistants; a different `edit` changes the last one's name. */
const generated = (count, edit = 0) => scenario(`generated?count=${count}&prompt=2000&edit=${edit}`);
let edits = 1;

const settle = (ms) => new Promise((r) => setTimeout(r, ms));

/** The q-quantile (linear between order statistics) of `values`; NaN when there are none. */
function quantile(values, q) {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.ceil(at)] - s[lo]) * (at - lo);
}
const median = (values) => quantile(values, 0.5);
/** "median [Q1, Q3]" of `values`, each formatted by `f`. */
const spread = (values, f) => (values.some(Number.isFinite) ? `${f(median(values))} [${f(quantile(values, 0.25))}, ${f(quantile(values, 0.75))}]` : '-');
const ms = (v) => (Number.isFinite(v) ? `${Math.round(v)} ms` : '-');
const mib = (v) => `${Math.round(v)} MiB`;
const signedMib = (v) => `${v > 0 ? '+' : ''}${Math.round(v)}`;
const times = (digits) => (v) => `${v.toFixed(digits)}×`;
const plain = (digits) => (v) => v.toFixed(digits);

/** The CPUs' busy and total jiffies so far (iowait counts as busy: writeback slows a launch). */
function cpu() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { idle: f[3], total };
}
let busyLaunches = 0;
let launches = 0;
/**
 * Flushes dirty pages (a 25 MB saved list just written must not be written back during the next
 * launch), then waits until the machine has been quiet for 300 ms, or gives up after QUIET_MAX_MS.
 */
async function quiet() {
  spawnSync('sync');
  launches++;
  const deadline = Date.now() + QUIET_MAX_MS;
  for (;;) {
    const a = cpu();
    await settle(300);
    const b = cpu();
    const busy = 1 - (b.idle - a.idle) / Math.max(1, b.total - a.total);
    if (busy <= QUIET_BUSY) return;
    if (Date.now() > deadline) {
      busyLaunches++;
      console.error(`bench: the machine is still ${Math.round(busy * 100)} % busy; launching anyway`);
      return;
    }
  }
}

/** A throw-away profile (settings, WebKit data, cache). */
function profile() {
  const dir = mkdtempSync(join(tmpdir(), 'roster-bench-'));
  return { ...process.env, XDG_CONFIG_HOME: join(dir, 'c'), XDG_DATA_HOME: join(dir, 'd'), XDG_CACHE_HOME: join(dir, 'k') };
}

/** The builds measured: the app, and the baseline when one is given. */
const BUILDS = [{ key: 'app', name: 'Assistant Roster', binary: APP }];
if (BASELINE) BUILDS.unshift({ key: 'base', name: 'baseline', binary: BASELINE });
const app = BUILDS.find((b) => b.key === 'app');
const baseline = BUILDS.find((b) => b.key === 'base');
const empty = { key: 'empty', name: 'empty Tauri 2 app', binary: EMPTY };

/**
 * One launch of `build` through `driver`: the time from asking for the launch to the page's
 * `cards-painted` mark; then, once the page is at rest (for the app: its saved list refreshed
 * and painted again), the peak RSS of the app and its WebKit processes.
 */
async function coldStart(driver, build, count) {
  if (COLD_CHANGED) await generated(count, ++edits);
  await quiet();
  const session = await Session.open(driver.base, build.binary);
  try {
    const marks = await until(async () => session.execute(`
      if (!performance.getEntriesByName('cards-painted').length) return null;
      const at = {};
      for (const name of ['boot', 'saved-list-asked', 'first-screen-received', 'first-screen-rendered', 'saved-list-received', 'list-rendered', 'cards-painted']) {
        at[name] = performance.getEntriesByName(name)[0]?.startTime ?? null;
      }
      return { origin: performance.timeOrigin, at };`), 'first cards painted', 60_000);
    const time = marks.origin + marks.at['cards-painted'] - session.launchedAt;
    const since = (name) => (marks.at[name] === null ? '-' : Math.round(marks.at[name]));
    console.error(`bench: cold start of ${build.name}: ${Math.round(time)} ms; page started ${Math.round(marks.origin - session.launchedAt)} ms after the launch; then (ms) ${Object.keys(marks.at).map((n) => `${n} ${since(n)}`).join(', ')}`);
    if (build !== empty) {
      // The refresh that follows the saved list: the same state for every launch before memory.
      await until(async () => session.execute(`
        const received = performance.getEntriesByName('roster-received')[0];
        return !!received && performance.getEntriesByName('cards-painted').some((m) => m.startTime > received.startTime);`), 'refreshed cards', 120_000);
    }
    await settle(MEMORY_SETTLE_MS);
    return { ms: time, ...memory(pidOf(build.binary)) };
  } finally {
    await session.close().catch(() => {});
  }
}

/** The keystrokes typed into search: "sal", then erasing and retyping its last two letters. */
const BACKSPACE = '\uE003';
const KEYSTROKES = ['s', 'a', 'l', ...Array.from({ length: KEYS }, (_, i) => [BACKSPACE, BACKSPACE, 'a', 'l'][i % 4])].slice(0, KEYS);

/**
 * One session of `build` on a fresh profile with `count` generated assistants: connect, refresh
 * (response to screen), KEYS keystrokes into search, a jump to the end. Answers the figures and
 * the profile, which now holds the account and its saved list.
 */
async function connectSession(build, count, withMemory) {
  const env = profile();
  const driver = await startDriver(env);
  const memoryRows = [];
  try {
    await generated(count);
    await quiet();
    const session = await Session.open(driver.base, build.binary);
    try {
      await session.waitFor('#connect-form');
      if (withMemory && count === COUNTS[0]) {
        await settle(1500);
        memoryRows.push({ at: `${build.name}, welcome (0 assistants)`, ...memory(pidOf(build.binary)) });
      }
      if (LANGUAGE) {
        await session.execute(`const s = document.querySelector('#language'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));`, [LANGUAGE]);
        await until(async () => (await session.execute(`return document.documentElement.lang`)) === LANGUAGE, `the page in ${LANGUAGE}`, 30_000);
      }
      await session.execute(`const s = document.querySelector('#platform'); s.value = 'other'; s.dispatchEvent(new Event('change'));`);
      await session.type(await session.waitFor('#address'), base);
      await session.type(await session.find('#api-key'), KEY);
      // From here the connect path fetches, decodes, stores the key and sends the cards.
      await session.click(await session.find('#connect'));
      await until(async () => (await session.execute(`return document.querySelectorAll('article.card').length`)) > 0, 'cards', 120_000);
      // The first list arrives through connect; refresh once more to measure the refresh path.
      // ... against the list with one assistant changed, so it is decoded and sent again.
      await generated(count, 1);
      await settle(300);
      await session.execute(`performance.clearMarks(); performance.clearMeasures(); document.querySelector('#refresh').click();`);
      await until(async () => session.execute(`
        const received = performance.getEntriesByName('roster-received')[0];
        return !!received && performance.getEntriesByName('cards-painted').some((m) => m.startTime > received.startTime);`), 'refreshed cards', 180_000);
      const row = await session.execute(`
        const at = (n) => performance.getEntriesByName(n)[0];
        const received = at('roster-received');
        const since = received.detail.sinceResponseMs;
        return { ipc: since, searchable: since + at('list-searchable').startTime - received.startTime,
                 painted: since + performance.getEntriesByName('cards-painted').find((m) => m.startTime > received.startTime).startTime - received.startTime,
                 cards: document.querySelectorAll('article.card').length };`);
      // Keystrokes into search, one at a time, each measured from the input event to the cards
      // in the DOM and to the next frame.
      await settle(300);
      const search = await session.find('#search');
      for (let i = 0; i < KEYSTROKES.length; i++) {
        await session.type(search, KEYSTROKES[i]);
        await settle(150);
        await until(async () => (await session.execute(`return performance.getEntriesByName('search-to-paint').length`)) > i, `keystroke ${i + 1} painted`, 30_000);
        await settle(50);
      }
      const [dom, paint, answered] = await session.execute(`return ['search-to-dom', 'search-to-paint', 'search-answered'].map((n) => performance.getEntriesByName(n).map((m) => m.duration))`);
      Object.assign(row, { dom, paint, answered });
      console.error(`bench: ${build.name}, ${count}: ${JSON.stringify({ ...row, dom: dom.map(Math.round), paint: paint.map(Math.round), answered: answered.map(Math.round) })}`);
      if (withMemory && count === 10_000) memoryRows.push({ at: `${build.name}, 10,000 assistants`, ...memory(pidOf(build.binary)) });
      // Scroll to the bottom of a big list: it stays responsive.
      row.scroll = await session.execute(`const t0 = performance.now(); document.scrollingElement.scrollTop = 1e9; return new Promise((r) => requestAnimationFrame(() => r(performance.now() - t0)));`);
      return { row, env, memoryRows };
    } finally {
      await session.close().catch(() => {});
    }
  } finally {
    await driver.stop();
  }
}

console.log(`\n### WebKitGTK rendering: ${MODE}${LANGUAGE ? `; the app in ${LANGUAGE}` : ''}`);
console.error(`bench: ${sessionLaunches + coldLaunches} launches (${sessionLaunches} connect sessions, ${coldLaunches} cold starts)`);

const sessionRows = []; // { count, build, rows: [...] }
const coldRows = []; // { count, rounds: [{ app, base?, empty }] }
const memoryRows = [];

const emptyDriver = await startDriver(profile());
try {
  for (const [c, count] of COUNTS.entries()) {
    console.error(`bench: ${count} assistants…`);

    // Connect sessions, the builds interleaved (with a baseline: A B B A, then B A A B).
    const order = [];
    for (let s = 0; s < SESSIONS; s++) {
      const pair = (c + s) % 2 === 0 ? BUILDS : [...BUILDS].reverse();
      order.push(...pair);
    }
    const byBuild = new Map(BUILDS.map((b) => [b, []]));
    const envs = new Map();
    for (const build of order) {
      const first = byBuild.get(build).length === 0;
      const result = await connectSession(build, count, first);
      byBuild.get(build).push(result.row);
      envs.set(build, result.env);
      memoryRows.push(...result.memoryRows);
    }
    for (const build of BUILDS) sessionRows.push({ count, build, rows: byBuild.get(build) });

    // Cold starts with this account's saved list (its own profile per build), in rounds.
    if (!COLD_COUNTS.includes(count)) continue;
    const drivers = new Map([[empty, emptyDriver]]);
    try {
      for (const build of BUILDS) drivers.set(build, await startDriver(envs.get(build)));
      const members = [...BUILDS, empty];
      const rounds = [];
      for (let r = 0; r < PAIRS; r++) {
        // Pairs: app first, then empty first. Triples: rotated by one each round.
        const shift = members.length === 2 ? r % 2 : r % members.length;
        const turn = [...members.slice(shift), ...members.slice(0, shift)];
        const round = {};
        try {
          for (const build of turn) round[build.key] = await coldStart(drivers.get(build), build, count);
          rounds.push(round);
        } catch (error) {
          console.error(`bench: round ${r + 1} at ${count} left out: ${error}`);
        }
      }
      coldRows.push({ count, rounds });
    } finally {
      for (const build of BUILDS) await drivers.get(build)?.stop();
    }
  }
} finally {
  await emptyDriver.stop();
}
mock.kill();

// Response to screen, per build (with several sessions: the median of each figure).
const med = (rows, key) => median(rows.map((r) => r[key]));
console.log(`\n### Response to screen (${SESSIONS} session${SESSIONS > 1 ? 's' : ''} per build; keystrokes: ${KEYS} per session, median [Q1, Q3])`);
console.log('| assistants | response → cards sent (decode, index, IPC) | response → searchable | response → first cards painted | keystroke → cards in the DOM | of which: the search in Rust, there and back | keystroke → next frame | jump to the end, painted | cards in the DOM |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { count, build, rows } of sessionRows) {
  const label = baseline ? `${count} (${build === baseline ? 'baseline' : 'new'})` : `${count}`;
  const dom = rows.flatMap((r) => r.dom);
  const paint = rows.flatMap((r) => r.paint);
  const answered = rows.flatMap((r) => r.answered);
  console.log(`| ${label} | ${ms(med(rows, 'ipc'))} | ${ms(med(rows, 'searchable'))} | ${ms(med(rows, 'painted'))} | ${spread(dom, ms)} | ${spread(answered, ms)} | ${spread(paint, ms)} | ${ms(med(rows, 'scroll'))} | ${med(rows, 'cards')} |`);
}

if (baseline) {
  // Keystroke i of the app's k-th session against keystroke i of the baseline's k-th session:
  // same query, same list.
  console.log(`\n### Keystrokes, new / baseline (each keystroke against the same keystroke of the baseline session run next to it; median [Q1, Q3])`);
  console.log('| assistants | keystroke → cards in the DOM | keystroke → next frame | pairs |');
  console.log('|---:|---:|---:|---:|');
  for (const count of COUNTS) {
    const rowsOf = (build) => sessionRows.find((s) => s.count === count && s.build === build).rows;
    const [a, b] = [rowsOf(app), rowsOf(baseline)];
    const ratios = (key) => a.flatMap((r, k) => r[key].map((v, i) => (b[k]?.[key]?.[i] > 0 ? v / b[k][key][i] : NaN)));
    const dom = ratios('dom');
    console.log(`| ${count} | ${spread(dom, times(2))} | ${spread(ratios('paint'), times(2))} | ${dom.filter(Number.isFinite).length} |`);
  }
}

if (coldRows.length) {
  const of = (rounds, key, field) => rounds.map((r) => r[key][field]);
  const ratio = (rounds, a, b, field) => rounds.map((r) => r[a][field] / r[b][field]);
  const diff = (rounds, a, b, field) => rounds.map((r) => r[a][field] - r[b][field]);
  const what = (count) => `saved list of ${count.toLocaleString('en')}`;
  const scheme = baseline ? 'baseline, new app and empty app in a rotating order' : 'app and empty app, alternating which goes first';
  console.log(`\n### Cold start: launch → first card painted (${PAIRS} rounds per row: ${scheme}; per-round ratios, median [Q1, Q3])`);
  if (baseline) {
    console.log('| Assistant Roster | new / baseline | new / empty app | baseline / empty app | new, median | baseline, median | empty app, median | rounds |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const { count, rounds } of coldRows) {
      console.log(`| ${what(count)} | ${spread(ratio(rounds, 'app', 'base', 'ms'), times(3))} | ${spread(ratio(rounds, 'app', 'empty', 'ms'), times(2))} | ${spread(ratio(rounds, 'base', 'empty', 'ms'), times(2))} | ${ms(median(of(rounds, 'app', 'ms')))} | ${ms(median(of(rounds, 'base', 'ms')))} | ${ms(median(of(rounds, 'empty', 'ms')))} | ${rounds.length} |`);
    }
  } else {
    console.log('| Assistant Roster | app / empty app | app | empty app | rounds |');
    console.log('|---|---:|---:|---:|---:|');
    for (const { count, rounds } of coldRows) {
      console.log(`| ${what(count)} | ${spread(ratio(rounds, 'app', 'empty', 'ms'), times(2))} | ${spread(of(rounds, 'app', 'ms'), ms)} | ${spread(of(rounds, 'empty', 'ms'), ms)} | ${rounds.length} |`);
    }
  }

  console.log(`\n### Peak RSS, app + WebKit processes, in the same launches once at rest (the app: its saved list refreshed and painted; per-round differences in MiB, median [Q1, Q3])`);
  if (baseline) {
    console.log('| Assistant Roster | new − baseline | new − empty app | baseline − empty app | new, median | baseline, median | empty app, median |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const { count, rounds } of coldRows) {
      console.log(`| ${what(count)} | ${spread(diff(rounds, 'app', 'base', 'peakRss'), signedMib)} | ${spread(diff(rounds, 'app', 'empty', 'peakRss'), signedMib)} | ${spread(diff(rounds, 'base', 'empty', 'peakRss'), signedMib)} | ${mib(median(of(rounds, 'app', 'peakRss')))} | ${mib(median(of(rounds, 'base', 'peakRss')))} | ${mib(median(of(rounds, 'empty', 'peakRss')))} |`);
    }
  } else {
    console.log('| Assistant Roster | app − empty app | app, MiB | empty app, MiB |');
    console.log('|---|---:|---:|---:|');
    for (const { count, rounds } of coldRows) {
      console.log(`| ${what(count)} | ${spread(diff(rounds, 'app', 'empty', 'peakRss'), signedMib)} | ${spread(of(rounds, 'app', 'peakRss'), plain(0))} | ${spread(of(rounds, 'empty', 'peakRss'), plain(0))} |`);
    }
  }
}

console.log('\n### Memory in one connect session (single measurements: peak RSS, and PSS at that moment)');
console.log('| app + WebKit processes | peak RSS | PSS |');
console.log('|---|---:|---:|');
for (const m of memoryRows) console.log(`| ${m.at} | ${mib(m.peakRss)} | ${mib(m.pss)} |`);
console.log(`\n### ${MODE}: ${launches} launches in ${((Date.now() - began) / 60_000).toFixed(1)} min; ${busyLaunches} found the machine still busy after ${QUIET_MAX_MS / 1000} s`);
