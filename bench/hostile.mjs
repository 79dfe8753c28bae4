// Bounded work for hostile answers, in the release build: for each body that costs the most work
// for its size (mock-server's `hostile-*` scenarios, on 127.0.0.1), a fresh app connects to it;
// printed are the time from "Connect" to a clear answer on screen (cards with their notices, or
// an error) and the peak RSS of the app and its WebKit processes; where cards show, the time of
// each keystroke into search and the peak once more after them; for the largest realistic
// list, also the next start, which opens it from the review memory. Run by scripts/bench.sh inside
// xvfb-run and a D-Bus session with an unlocked keyring.
//
//   node bench/hostile.mjs APP MOCK [SCENARIO]   (SCENARIO: only the cases whose scenario starts so)

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Session, startDriver, until } from '../tests/e2e/webdriver.mjs';
import { memory, pidOf } from './processes.mjs';

const [APP, MOCK, ONLY = ''] = process.argv.slice(2);
const KEY = 'bench-key';
const CASES = [
  ['hostile-tiny-items?mb=150', '`[{},{},…]`, 150 MB (52 million items)'],
  ['hostile-tiny-items?mb=199', '`[{},{},…]`, 199 MB, just under the cap'],
  ['hostile-placeholders?count=150000', 'one prompt with 150,000 different `{{placeholders}}` (1.6 MB)'],
  ['hostile-placeholders?count=200000', 'one prompt with 200,000 different `{{placeholders}}` (2.2 MB)'],
  ['hostile-long-name?mb=150', 'one assistant named with 150 MB, one beside it'],
  ['hostile-many-variables?count=3000000', '3,000 assistants of 1,000 variables each'],
  ['generated?count=100000&prompt=1500', '100,000 realistic assistants (the cap), 1.5 KB prompts', 'restart'],
];

/** Typed into search where cards show: "sal", then erasing and retyping its last two letters. */
const BACKSPACE = '\uE003';
const KEYSTROKES = ['s', 'a', 'l', BACKSPACE, BACKSPACE, 'a', 'l', BACKSPACE];

const mock = spawn(MOCK, ['--port', '0', '--key', KEY], { stdio: ['ignore', 'pipe', 'ignore'] });
process.on('exit', () => mock.kill());
const line = await new Promise((resolve) => createInterface({ input: mock.stdout }).once('line', resolve));
const base = /(http:\/\/127\.0\.0\.1:\d+\/api)/.exec(line)[1];

console.log('\n### Hostile answers (release build; a fresh profile each; time from Connect to the answer on screen)');
console.log(`| body | bytes | answer on screen | time | peak RSS, app + WebKit | keystroke → cards in the DOM, median [min, max] of ${KEYSTROKES.length} | peak RSS after them |`);
console.log('|---|---:|---|---:|---:|---:|---:|');
for (const [scenario, what, restart] of CASES.filter(([scenario]) => scenario.startsWith(ONLY))) {
  const set = await fetch(`${base.replace(/\/api$/, '')}/__mock/scenario/${scenario}`, { method: 'PUT' });
  if (set.status !== 200) throw new Error(`scenario ${scenario}: ${set.status}`);
  const bytes = (await (await fetch(`${base}/user/assistants/outbound`, { headers: { authorization: `Bearer ${KEY}` } })).arrayBuffer()).byteLength;
  const dir = mkdtempSync(join(tmpdir(), 'roster-hostile-'));
  const env = { ...process.env, XDG_CONFIG_HOME: join(dir, 'c'), XDG_DATA_HOME: join(dir, 'd'), XDG_CACHE_HOME: join(dir, 'k') };
  const driver = await startDriver(env);
  try {
    const app = await Session.open(driver.base, APP);
    try {
      await app.waitFor('#connect-form');
      await app.execute(`const s = document.querySelector('#platform'); s.value = 'other'; s.dispatchEvent(new Event('change'));`);
      await app.type(await app.waitFor('#address'), base);
      await app.type(await app.find('#api-key'), KEY);
      const started = Date.now();
      await app.click(await app.find('#connect'));
      const answer = await until(async () => app.execute(`
        const error = document.querySelector('#connect-error');
        if (error && !error.hidden && error.textContent) return 'error: ' + error.querySelector('strong').textContent;
        const cards = document.querySelectorAll('article.card').length;
        const empty = document.querySelector('#empty');
        if (!cards && (!empty || empty.hidden)) return null;
        const notices = [...document.querySelectorAll('.notice-gap strong')].map((n) => n.textContent);
        const checks = Number(document.querySelector('[data-chip="attention"] .chip-count')?.textContent.replace(/\D/g, '') || 0);
        return [cards ? document.querySelector('#summary').textContent : document.querySelector('#empty h2').textContent, ...notices, checks ? checks + ' with a finding' : ''].filter(Boolean).join('; ');`), 'an answer', 120_000);
      const seconds = (Date.now() - started) / 1000;
      await new Promise((r) => setTimeout(r, 1000));
      const atAnswer = memory(pidOf(APP)).peakRss;
      // Where cards show, the search over all of them: keystrokes typed one at a time, each
      // measured from its input event to the cards in the DOM, and the peak once more after.
      let keys = '';
      let afterKeys = '';
      if (await app.execute(`return document.querySelectorAll('article.card').length`)) {
        const search = await app.find('#search');
        for (let i = 0; i < KEYSTROKES.length; i++) {
          await app.type(search, KEYSTROKES[i]);
          await until(async () => (await app.execute(`return performance.getEntriesByName('search-to-dom').length`)) > i, `keystroke ${i + 1}`, 30_000);
          await new Promise((r) => setTimeout(r, 200));
        }
        const ms = (await app.execute(`return performance.getEntriesByName('search-to-dom').map((m) => m.duration)`)).sort((a, b) => a - b);
        keys = `${Math.round(ms[Math.floor(ms.length / 2)])} ms [${Math.round(ms[0])}, ${Math.round(ms.at(-1))}]`;
        afterKeys = `${Math.round(memory(pidOf(APP)).peakRss)} MiB`;
      }
      console.log(`| ${what} | ${bytes.toLocaleString('en')} | ${answer} | ${seconds.toFixed(1)} s | ${Math.round(atAnswer)} MiB | ${keys} | ${afterKeys} |`);
      // Time for the review memory to record the list, which the next start opens.
      if (restart) await new Promise((r) => setTimeout(r, 20_000));
    } finally {
      await app.close().catch(() => {});
    }
    if (restart) {
      // The next start opens the saved list (and refreshes it): from the launch to the first
      // cards, and the peak once the whole list is read and the refresh is done.
      const started = Date.now();
      const again = await Session.open(driver.base, APP);
      try {
        await until(async () => (await again.execute(`return document.querySelectorAll('article.card').length`)) > 0, 'cards at the next start', 120_000);
        const seconds = (Date.now() - started) / 1000;
        await new Promise((r) => setTimeout(r, 10_000));
        const peak = memory(pidOf(APP)).peakRss;
        console.log(`| the same, at the next start: the saved list | | first cards after the launch | ${seconds.toFixed(1)} s | ${Math.round(peak)} MiB | | |`);
      } finally {
        await again.close().catch(() => {});
      }
    }
  } finally {
    await driver.stop();
  }
}
mock.kill();
