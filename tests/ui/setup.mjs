// What every browser test file shares: importing this starts the page's static server and
// Chromium before the file's tests and stops them after; and the helpers the tests use.

import { before, after } from 'node:test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startStaticServer, launchBrowser, openPage, SAMPLE, ROOT } from './harness.mjs';

/** The static server and the browser of this test file, once started. */
export const ui = {
  /** @type {Awaited<ReturnType<typeof startStaticServer>>} */ server: /** @type {any} */ (null),
  /** @type {import('playwright-core').Browser} */ browser: /** @type {any} */ (null),
};
let axeSource = '';

before(async () => {
  ui.server = await startStaticServer();
  ui.browser = await launchBrowser();
  axeSource = await readFile(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
});
after(async () => {
  await ui.browser?.close();
  await ui.server?.close();
});

export const sampleAnswers = { open_sample: [{ ok: SAMPLE }], raw_assistant: [{ ok: '{\n  "id": 123\n}' }] };
export const AIPLOYEES = { id: 'https://call.aiployees.com/api', base: 'https://call.aiployees.com/api', label: 'AIployees', sample: false, sessionOnly: false };
export const connectedStartup = { startup: [{ ok: { platforms: [], account: AIPLOYEES, accounts: [AIPLOYEES] } }] };

/** The card of the assistant with this id. */
export const card = (page, id) => page.locator(`article.card[data-id="${id}"]`);

/** The ids of the cards shown, in order. */
export const shownIds = (page) => page.evaluate(() => [...document.querySelectorAll('article.card')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index)).map((c) => c.getAttribute('data-id')));

/** How many times the page has called a command. */
export const callCount = (page, cmd) => page.evaluate((c) => window.__calls.filter((x) => x.cmd === c).length, cmd);

/** Opens the page and the sample account in it. */
export async function openSample({ answers = {}, ...options } = {}) {
  const opened = await openPage(ui.browser, ui.server.url, { answers: { ...sampleAnswers, ...answers }, ...options });
  await opened.page.click('#open-sample');
  await opened.page.locator('article.card').first().waitFor();
  return opened;
}

/** Runs axe-core on the page and returns its violations (ids and targets). */
export async function axe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
