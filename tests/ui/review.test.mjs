// The review memory in the page: what changed since the last refresh (the bar, chips and card
// badges), an assistant's differences word by word, marking it reviewed with a note, comparing
// with another time, and a store that cannot be used.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, SAMPLE, accountRoster, apiError, OUTPUT } from './harness.mjs';
import { ui, axe, card, connectedStartup, openSample, shownIds } from './setup.mjs';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const SINCE = Date.parse('2026-11-20T09:30:00Z');
const CARDS = SAMPLE.cards.slice(0, 6);
const ids = CARDS.map((c) => c.id);

/** What Rust answers for the list: 1 new, 1 removed, 2 changed (one only by its date), 2 reviewed. */
function reviewOf(roster, changes = {}) {
  return {
    listId: roster.listId,
    sinceMs: SINCE,
    historyFromMs: Date.parse('2026-10-01T08:00:00Z'),
    added: [1],
    changed: [
      { position: 0, fields: ['status', 'systemPrompt', 'updatedAt'], onlyUpdated: false },
      { position: 2, fields: ['updatedAt'], onlyUpdated: true },
    ],
    removed: [{ id: '999', name: 'Old renewals assistant' }],
    removalsKnown: true,
    reviewed: [
      { position: 3, atMs: Date.parse('2026-11-18T10:00:00Z'), note: 'Script approved', changedSince: true },
      { position: 4, atMs: Date.parse('2026-11-19T10:00:00Z'), note: '', changedSince: false },
    ],
    lastReviewMs: Date.parse('2026-11-19T10:00:00Z'),
    setAside: null,
    ...changes,
  };
}

const unchanged = 'You call leads who asked about solar panels and want a visit. '.repeat(8);
/** What Rust answers for the first card: its status and prompt changed. */
const ASSISTANT_CHANGES = {
  sinceMs: SINCE,
  added: false,
  difference: {
    fields: [
      { field: 'status', before: 'active', after: 'inactive' },
      { field: 'systemPrompt', before: `${unchanged}Be polite.`, after: `${unchanged}Be warm.` },
      { field: 'updatedAt', before: { raw: '2026-11-01 10:00:00', epochMs: Date.parse('2026-11-01T10:00:00Z') }, after: { raw: '2026-11-21 10:00:00', epochMs: Date.parse('2026-11-21T10:00:00Z') } },
    ],
    variables: [{ name: 'product', before: 'solar', after: 'solar and storage' }, { name: 'gone', before: 'x', after: null }],
    otherFields: ['max_duration'],
  },
  greeting: [],
  prompt: [
    { change: 'same', text: `${unchanged}Be ` },
    { change: 'removed', text: 'polite.' },
    { change: 'added', text: 'warm.' },
  ],
};

async function openReviewed({ answers = {}, ...options } = {}) {
  const roster = accountRoster(CARDS);
  const opened = await openPage(ui.browser, ui.server.url, {
    answers: { ...connectedStartup, refresh: [{ ok: roster }], list_review: [{ ok: reviewOf(roster) }], ...answers },
    ...options,
  });
  await opened.page.locator('#review-summary').waitFor();
  return { ...opened, roster };
}

test('what changed since the last refresh: the bar, the chips and the card badges', async () => {
  const { page, context, problems } = await openReviewed();
  assert.equal(await page.locator('#review-summary').textContent(), 'Since Nov 20, 2026, 11:30 AM GMT+2: 1 new · 1 removed · 2 changed');
  assert.equal(await page.locator('#review-removed').textContent(), 'No longer on the platform: Old renewals assistant');
  assert.equal(await page.locator('#review-progress').textContent(), 'Reviewed 2 of 6 assistants');
  // Badges say it in words (and a sign), not by colour alone.
  assert.match(await card(page, ids[0]).locator('.badge-changed').textContent(), /^✎ Changed: Status and System prompt$/);
  assert.equal(await card(page, ids[1]).locator('.badge-new').textContent(), '✚ New');
  assert.equal(await card(page, ids[2]).locator('.badge-changed').textContent(), '✎ Only its date changed');
  assert.equal(await card(page, ids[3]).locator('.badge-review-stale').textContent(), '⟳ Changed since your review');
  assert.equal(await card(page, ids[4]).locator('.badge-reviewed').textContent(), '✓ Reviewed');
  assert.equal(await card(page, ids[5]).locator('.badge-new, .badge-changed, .badge-reviewed, .badge-review-stale').count(), 0);
  // A chip per question, with live counts.
  const count = (chip) => page.locator(`[data-chip="review:${chip}"] .chip-count`).textContent();
  assert.deepEqual(
    await Promise.all(['new', 'changed', 'unreviewed', 'changedSinceReview'].map(count)),
    ['1', '2', '4', '1'],
  );
  await page.click('[data-chip="review:changed"]');
  assert.deepEqual((await shownIds(page)).sort(), [ids[0], ids[2]].sort());
  await page.click('[data-chip="review:changedSinceReview"]');
  assert.deepEqual(await shownIds(page), [ids[3]]);
  await page.click('[data-chip="review:changedSinceReview"]');
  assert.equal((await shownIds(page)).length, 6);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'review-list.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('an assistant\'s changes word by word, then marked as reviewed with a note', async () => {
  const { page, context, problems, roster } = await openReviewed({
    answers: { assistant_changes: [{ ok: ASSISTANT_CHANGES }], set_reviewed: [{ ok: null }] },
  });
  const marked = reviewOf(roster, { reviewed: [{ position: 0, atMs: NOW, note: 'Looks good', changedSince: false }] });
  await page.evaluate((answer) => { window.__TAURI__.core.invoke = ((invoke) => (cmd, args) => (cmd === 'set_reviewed' ? (window.__calls.push({ cmd, args }), Promise.resolve(answer)) : invoke(cmd, args)))(window.__TAURI__.core.invoke); }, marked);
  await card(page, ids[0]).click();
  const dialog = page.locator('dialog#detail');
  await dialog.locator('#prompt-diff').waitFor();
  assert.equal(await dialog.locator('#prompt-diff del').textContent(), 'Removed polite.');
  assert.equal(await dialog.locator('#prompt-diff ins').textContent(), 'Added warm.');
  assert.equal(await dialog.locator('#prompt-diff del').evaluate((n) => getComputedStyle(n).textDecorationLine), 'line-through');
  assert.equal(await dialog.locator('#prompt-diff ins').evaluate((n) => getComputedStyle(n).textDecorationLine), 'underline');
  // The long unchanged stretch is folded; a click shows it.
  const fold = dialog.locator('#prompt-diff button.fold');
  assert.match(await fold.textContent(), /unchanged characters/);
  await fold.click();
  assert.equal(await dialog.locator('#prompt-diff .diff').textContent(), `${unchanged}Be Removed polite.Added warm.`);
  assert.match(await dialog.locator('.changes').textContent(), /StatusBefore active → After inactive/);
  assert.deepEqual(await dialog.locator('.diff-block table.variables tbody th').allTextContents(), ['product', 'gone']);
  assert.match(await dialog.textContent(), /Fields the app does not show also changed: max_duration/);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'review-difference.png') });

  // The answer to the mark changes the marks of three cards (0 marked, 3 and 4 not reviewed in
  // it); the cards whose marks stay the same keep their elements.
  for (const position of [1, 3, 5]) await card(page, ids[position]).evaluate((node) => { node.dataset.painted = 'before'; });
  await dialog.locator('#review-note').fill('Looks good');
  await dialog.locator('#mark-reviewed').click();
  await dialog.locator('#unmark-reviewed').waitFor();
  const calls = await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'set_reviewed').map((c) => c.args));
  assert.deepEqual(calls, [{ listId: roster.listId, position: 0, reviewed: true, note: 'Looks good', sinceMs: null }]);
  assert.match(await dialog.locator('#review-section').textContent(), /You reviewed this assistant on .*Note: Looks good/);
  await page.keyboard.press('Escape');
  assert.equal(await card(page, ids[0]).locator('.badge-reviewed').textContent(), '✓ Reviewed');
  assert.equal(await page.locator('#review-progress').textContent(), 'Reviewed 1 of 6 assistants');
  assert.deepEqual(
    await Promise.all([1, 3, 5].map((position) => card(page, ids[position]).getAttribute('data-painted'))),
    ['before', null, 'before'],
  );
  assert.equal(await card(page, ids[3]).locator('.badge-review-stale').count(), 0);
  assert.equal(await card(page, ids[1]).locator('.badge-new').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('compare with 7 days ago, or with my last review', async () => {
  const { page, context } = await openReviewed();
  await page.selectOption('#review-since', 'week');
  await page.waitForFunction(() => window.__calls.filter((c) => c.cmd === 'list_review').length === 2);
  const asked = await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'list_review').map((c) => c.args.sinceMs));
  assert.equal(asked[0], null);
  // The page's clock runs on from the fixed "now" while the test works.
  assert.ok(Math.abs(asked[1] - (NOW - 7 * 24 * 60 * 60 * 1000)) < 60_000, String(asked[1]));
  await page.selectOption('#review-since', 'review');
  await page.waitForFunction(() => window.__calls.filter((c) => c.cmd === 'list_review').length === 3);
  assert.equal(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'list_review')[2].args.sinceMs), Date.parse('2026-11-19T10:00:00Z'));
  await context.close();
});

test('the first list on record, and a review memory that cannot be used, say so; the list stays', async () => {
  const first = await openReviewed({ answers: { list_review: [{ ok: { ...reviewOf({ listId: 0 }), sinceMs: null, added: [], changed: [], removed: [], reviewed: [], lastReviewMs: null } }] } });
  assert.match(await first.page.locator('#review-summary').textContent(), /first list the app has kept for this account/);
  // With no review yet, "my last review" is not offered.
  assert.deepEqual(await first.page.locator('#review-since option').evaluateAll((os) => os.map((o) => o.value)), ['previous', 'week', 'month']);
  await first.context.close();

  const roster = accountRoster(CARDS);
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { ...connectedStartup, refresh: [{ ok: roster }], list_review: [{ err: apiError('review_memory') }] },
  });
  await page.locator('#review-problem').waitFor();
  assert.match(await page.locator('#review-problem').textContent(), /Your review history could not be read or saved/);
  assert.equal(await page.locator('article.card').count(), 6);
  await context.close();
});

test('the sample keeps no history: no review bar, and only "updated in the last 7 days"', async () => {
  const { page, context } = await openSample();
  assert.equal(await page.locator('#review-bar').isVisible(), false);
  assert.deepEqual(await page.locator('[data-chip^="review:"]').evaluateAll((cs) => cs.map((c) => c.dataset.chip)), ['review:recent']);
  assert.equal(await page.evaluate(() => window.__calls.some((c) => c.cmd === 'list_review')), false);
  await context.close();
});

test('Arabic, dark: the review bar and a difference read right to left', async () => {
  const { page, context } = await openReviewed({ answers: { assistant_changes: [{ ok: ASSISTANT_CHANGES }] }, locale: 'ar', colorScheme: 'dark' });
  assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
  await page.locator('#review-summary').waitFor();
  await page.screenshot({ path: join(OUTPUT, 'review-list-ar-dark.png') });
  await card(page, ids[0]).click();
  await page.locator('#prompt-diff').waitFor();
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'review-difference-ar-dark.png') });
  await context.close();
});

test('the history on this computer: its size, from when, and how long it is kept', async () => {
  const info = { bytes: 12_345_678, keepDays: 365, oldestMs: Date.parse('2026-10-01T08:00:00Z'), path: '/home/ana/.local/share/com.assistantroster.desktop/review-memory.sqlite3' };
  const { page, context, problems } = await openReviewed({
    answers: { history_info: [{ ok: info }], keep_history: [{ ok: { ...info, keepDays: 90, bytes: 2_000_000 } }] },
  });
  await page.click('#history-settings summary');
  await page.locator('#history-size').waitFor();
  assert.equal(await page.locator('#history-size').textContent(), 'It takes 12.3 MB, with lists from Oct 1, 2026, 11:00 AM GMT+3 on.');
  assert.equal(await page.locator('#history-keep').inputValue(), '365');
  await page.selectOption('#history-keep', '90');
  await page.locator('#history-saved').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'keep_history').map((c) => c.args)), [{ keepDays: 90 }]);
  assert.match(await page.locator('#history-size').textContent(), /^It takes 2 MB/);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an assistant\'s versions: when each was seen, and any two compared', async () => {
  const versions = [
    { id: 'a1', firstSeenMs: Date.parse('2026-10-01T08:00:00Z'), lastSeenMs: Date.parse('2026-10-20T08:00:00Z'), current: false },
    { id: 'b2', firstSeenMs: Date.parse('2026-10-27T08:00:00Z'), lastSeenMs: Date.parse('2026-10-27T08:00:00Z'), current: false },
    { id: 'c3', firstSeenMs: Date.parse('2026-11-21T08:00:00Z'), lastSeenMs: Date.parse('2026-11-22T11:58:00Z'), current: true },
  ];
  const { page, context, problems, roster } = await openReviewed({
    answers: { assistant_changes: [{ ok: ASSISTANT_CHANGES }], assistant_timeline: [{ ok: versions }], compare_versions: [{ ok: ASSISTANT_CHANGES }] },
  });
  await card(page, ids[0]).click();
  const items = page.locator('#detail ol.timeline li');
  await items.first().waitFor();
  assert.deepEqual(await items.allTextContents(), [
    'Version 1 seen from Oct 1, 2026, 11:00 AM GMT+3 to Oct 20, 2026, 11:00 AM GMT+3',
    'Version 2 seen on Oct 27, 2026, 10:00 AM GMT+2',
    'Version 3 seen from Nov 21, 2026, 10:00 AM GMT+2 to Nov 22, 2026, 1:58 PM GMT+2 (shown now)',
  ]);
  assert.equal(await page.locator('#timeline-older').inputValue(), 'a1');
  assert.equal(await page.locator('#timeline-newer').inputValue(), 'c3');
  await page.selectOption('#timeline-older', 'b2');
  await page.click('#timeline-compare');
  await page.locator('#timeline-result #timeline-prompt-diff').waitFor();
  assert.deepEqual(
    await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'compare_versions').map((c) => c.args)),
    [{ listId: roster.listId, position: 0, older: 'b2', newer: 'c3' }],
  );
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('compare two assistants: what the other one has differently', async () => {
  const comparison = { difference: ASSISTANT_CHANGES.difference, greeting: [], prompt: ASSISTANT_CHANGES.prompt };
  const { page, context, problems } = await openSample({ answers: { compare_assistants: [{ ok: comparison }] } });
  await card(page, '128').click();
  // Folded until asked for: a big account's thousands of choices are not made with every view.
  assert.equal(await page.locator('#compare-with').count(), 0);
  await page.click('#compare summary');
  await page.locator('#compare-with').waitFor();
  const other = SAMPLE.cards.findIndex((c) => c.id === '123');
  await page.selectOption('#compare-with', String(other));
  await page.click('#compare-go');
  await page.locator('#compare-result #compare-prompt-diff').waitFor();
  assert.equal(await page.locator('#compare-result h4').first().textContent(), 'How “Sales Outbound Assistant” differs from this assistant');
  const position = SAMPLE.cards.findIndex((c) => c.id === '128');
  assert.deepEqual(
    await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'compare_assistants').map((c) => c.args)),
    [{ listId: SAMPLE.listId, position, other }],
  );
  // The assistant itself is not offered.
  assert.equal(await page.locator(`#compare-with option[value="${position}"]`).count(), 0);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('back up marks and notes, and restore them after seeing what they replace', async () => {
  const info = { bytes: 1_000_000, keepDays: 365, oldestMs: Date.parse('2026-10-01T08:00:00Z'), path: '/tmp/review-memory.sqlite3' };
  const plan = {
    token: 7,
    createdAtMs: Date.parse('2026-11-01T09:00:00Z'),
    accounts: [
      { id: 'https://call.aiployees.com/api', label: 'AIployees', inFile: 12, replaced: 3 },
      { id: 'https://app.famulor.de/api', label: 'https://app.famulor.de/api', inFile: 1, replaced: 0 },
    ],
  };
  const { page, context, problems } = await openReviewed({
    answers: {
      history_info: [{ ok: info }],
      save_backup: [{ ok: '/home/ana/assistant-roster-review-backup-2026-11-22.json' }],
      open_backup: [{ err: apiError('backup_unreadable') }, { ok: plan }],
      restore_backup: [{ ok: true }],
    },
  });
  await page.click('#history-settings summary');
  await page.click('#save-backup');
  await page.waitForFunction(() => document.querySelector('#backup-outcome')?.textContent.includes('Backup saved to'));
  // A file that is not a backup: said plainly, nothing changed.
  await page.click('#open-backup');
  await page.locator('#backup-outcome [role="alert"]').waitFor();
  assert.match(await page.locator('#backup-outcome').textContent(), /This file could not be restored\. .*Nothing was changed\./);
  await page.click('#open-backup');
  await page.locator('#restore-plan').waitFor();
  assert.deepEqual(await page.locator('#restore-accounts li').allTextContents(), [
    'AIployees: 12 marks; replaces the 3 marks on this computer',
    'https://app.famulor.de/api: 1 mark',
  ]);
  assert.equal(await page.evaluate(() => window.__calls.some((c) => c.cmd === 'restore_backup')), false);
  await page.click('#restore-backup');
  await page.waitForFunction(() => document.querySelector('#backup-outcome')?.textContent.includes('Restored.'));
  assert.deepEqual(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'restore_backup').map((c) => c.args)), [{ token: 7 }]);
  // The marks are asked again.
  assert.equal(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'list_review').length), 2);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('mark reviewed from a card, with one click', async () => {
  const { page, context, problems, roster } = await openReviewed();
  const marked = reviewOf(roster, { reviewed: [...reviewOf(roster).reviewed, { position: 5, atMs: NOW, note: '', changedSince: false }] });
  await page.evaluate((answer) => { window.__TAURI__.core.invoke = ((invoke) => (cmd, args) => (cmd === 'set_reviewed' ? (window.__calls.push({ cmd, args }), Promise.resolve(answer)) : invoke(cmd, args)))(window.__TAURI__.core.invoke); }, marked);
  // Reviewed and unchanged: no button; changed since the review: offered again.
  assert.equal(await card(page, ids[4]).locator('.card-mark').count(), 0);
  assert.equal(await card(page, ids[3]).locator('.card-mark').count(), 1);
  await card(page, ids[5]).locator('.card-mark').click();
  await card(page, ids[5]).locator('.badge-reviewed').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'set_reviewed').map((c) => c.args)), [{ listId: roster.listId, position: 5, reviewed: true, note: '', sinceMs: null }]);
  assert.equal(await card(page, ids[5]).locator('.card-mark').count(), 0);
  // The click did not open the detail view.
  assert.equal(await page.locator('dialog#detail').isVisible(), false);
  assert.deepEqual(problems, []);
  await context.close();
});
