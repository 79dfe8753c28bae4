// The table view: the same list as the cards in dense rows, with sortable columns, the same
// search, filters and keys, remembered per account, and windowed for big accounts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUTPUT, SAMPLE, accountRoster, openPage } from './harness.mjs';
import { axe, connectedStartup, openSample, ui } from './setup.mjs';

/** The names in the table's rows, top to bottom. */
const rowNames = (page) => page.evaluate(() => [...document.querySelectorAll('#table-rows [role="row"]')]
  .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
  .map((row) => row.querySelector('.cell-name')?.textContent));

test('table: every assistant a row, a header sorts and turns the order round, filters and keys as on the cards', async () => {
  const { page, context, problems } = await openSample();
  await page.click('#layout-table');
  await page.locator('#table-rows [role="row"]').first().waitFor();
  assert.equal(await page.locator('#cards').isHidden(), true);
  assert.equal(await page.locator('#layout-table').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('#table-rows [role="row"]').count(), 13);
  assert.equal(await page.locator('#table').getAttribute('aria-rowcount'), '14');
  const headers = await page.locator('#table-head [role="columnheader"]').allTextContents();
  assert.deepEqual(headers.map((h) => h.replace(/ [▲▼]$/, '')), ['Name', 'Status', 'Mode', 'Voice', 'Language', 'Time zone', 'Updated', 'Checks', 'Review']);
  assert.equal(await page.locator('[role="columnheader"][data-sort="name"]').getAttribute('aria-sort'), 'ascending');
  const byName = await rowNames(page);
  assert.equal(byName.length, 13);
  // A row holds what a card does: badges, names of voice and language, the findings.
  const helios = page.locator('#table-rows [data-id="128"]');
  assert.equal(await helios.locator('.badge-status .badge-text').textContent(), 'Active');
  await page.waitForFunction(() => document.querySelector('#table-rows [data-id="123"]')?.textContent.includes('Sarah'));
  assert.match(await page.locator('#table-rows [data-id="123"]').textContent(), /Sarah \(US English, warm\)English \(US\)America\/New_York/);

  // The newest first; again, the oldest first; the order shows in the head and the toolbar.
  await page.click('[data-sort="updated"] button');
  assert.equal(await page.locator('[role="columnheader"][data-sort="updated"]').getAttribute('aria-sort'), 'descending');
  assert.equal(await page.locator('[role="columnheader"][data-sort="name"]').getAttribute('aria-sort'), 'none');
  assert.equal(await page.locator('#sort').inputValue(), 'updated');
  const newest = await rowNames(page);
  await page.click('[data-sort="updated"] button');
  assert.equal(await page.locator('[role="columnheader"][data-sort="updated"]').getAttribute('aria-sort'), 'ascending');
  assert.equal(await page.locator('#sort-reverse').getAttribute('aria-pressed'), 'true');
  // Those without a date stay together; the rest is the same order turned round.
  const oldest = await rowNames(page);
  assert.deepEqual(oldest.filter((n) => n !== 'Night Shift Recovery'), newest.filter((n) => n !== 'Night Shift Recovery').reverse());
  // By voice: the platform's names, an id it does not name after them.
  await page.selectOption('#sort', 'voice');
  assert.equal(await page.locator('#sort-reverse').getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('[role="columnheader"][data-sort="voice"]').getAttribute('aria-sort'), 'ascending');

  // The filters and the search apply as on the cards.
  await page.click('[data-chip="status:inactive"]');
  assert.deepEqual((await rowNames(page)).sort(), ['Follow-up Assistant', 'Survey – Customer Satisfaction (Q4)', 'Terminvereinbarung Berlin'].sort());
  await page.click('[data-chip="status:inactive"]');
  await page.fill('#search', 'helios');
  await page.waitForFunction(() => document.querySelectorAll('#table-rows [role="row"]').length === 1);
  assert.equal(await page.locator('#table-rows mark').textContent(), 'Helios');

  // Keys: from the search down into the rows, along them, Enter opens, Escape comes back.
  await page.fill('#search', '');
  await page.waitForFunction(() => document.querySelectorAll('#table-rows [role="row"]').length === 13);
  await page.focus('#search');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.index), '0');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight'); // no columns of rows to move across
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.index), '1');
  const second = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
  await page.keyboard.press('Enter');
  await page.locator('dialog#detail').waitFor();
  await page.keyboard.press('Escape');
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-id') === id, second);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'table.png') });

  // Arabic: the columns run right to left.
  await page.selectOption('#language', 'ar');
  // Its words are loaded when first chosen.
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  const [first, last] = await page.evaluate(() => {
    const cells = [...document.querySelectorAll('#table-head [role="columnheader"]')];
    return [cells[0].getBoundingClientRect().left, cells.at(-1).getBoundingClientRect().left];
  });
  assert.ok(first > last, 'the name column is on the right');
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'table-ar.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the table is remembered per account, with its order', async () => {
  const { page, context } = await openSample();
  await page.click('#layout-table');
  await page.click('[data-sort="mode"] button');
  await page.reload();
  await page.click('#open-sample');
  await page.locator('#table-rows [role="row"]').first().waitFor();
  assert.equal(await page.locator('#cards').isHidden(), true);
  assert.equal(await page.locator('[role="columnheader"][data-sort="mode"]').getAttribute('aria-sort'), 'ascending');
  // Back to cards, and that is remembered too.
  await page.click('#layout-cards');
  await page.reload();
  await page.click('#open-sample');
  await page.locator('article.card').first().waitFor();
  assert.equal(await page.locator('#table').isHidden(), true);
  await context.close();
});

test('2,000 assistants: only the rows in view are in the page; End reaches the last', async () => {
  const cards = Array.from({ length: 2000 }, (_, i) => ({ ...SAMPLE.cards[i % SAMPLE.cards.length], id: String(100000 + i), name: `Assistant ${String(i).padStart(4, '0')}` }));
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { ...connectedStartup, refresh: [{ ok: accountRoster(cards) }] },
  });
  await page.locator('article.card').first().waitFor();
  await page.click('#layout-table');
  await page.locator('#table-rows [role="row"]').first().waitFor();
  const inPage = await page.locator('#table-rows [role="row"]').count();
  assert.ok(inPage > 5 && inPage < 60, `${inPage} rows in the page`);
  await page.locator('#table-rows [role="row"]').first().focus();
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.activeElement?.querySelector('.cell-name')?.textContent === 'Assistant 1999');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex')), '2001');
  assert.ok(await page.locator('#table-rows [role="row"]').count() < 60);
  await context.close();
});
