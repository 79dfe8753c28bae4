// The print page the app saves (tests/fixtures/print-page.html, made by the app's own code, see
// session.rs), opened as the user's browser would: no script in it, nothing loaded, and
// accessible (axe) and legible as printed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OUTPUT, ROOT } from './harness.mjs';
import { axe, ui } from './setup.mjs';

test('the print page: no script, nothing loaded, every assistant, axe clean, and its print layout', async () => {
  const html = await readFile(join(ROOT, 'tests/fixtures/print-page.html'), 'utf8');
  // axe is added by the test through the browser's debugging protocol, past the page's policy.
  const context = await ui.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.setContent(html);
  assert.equal(await page.evaluate(() => document.scripts.length), 0);
  assert.deepEqual(requests, [], 'the page loads nothing');
  assert.equal(await page.locator('h1').textContent(), 'Sample account');
  assert.equal(await page.locator('section h2').count(), 13);
  assert.match(await page.locator('section', { hasText: 'Sales Outbound Assistant' }).textContent(), /VoiceSarah \(US English, warm\) \(#8\)/);
  assert.deepEqual(await axe(page), []);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(OUTPUT, 'print-page.png'), fullPage: false });
  await context.close();
});
