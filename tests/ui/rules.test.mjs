// The review rules in the page: the card badge and the chips with live counts, the findings of
// one assistant with the sentence that decided each, and the editor that saves the account's
// rules (its fields kept when the save is refused), in English and Arabic.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, SAMPLE, accountRoster, apiError, OUTPUT } from './harness.mjs';
import { ui, axe, card, connectedStartup, shownIds } from './setup.mjs';

const CARDS = SAMPLE.cards.slice(0, 4);
const ids = CARDS.map((c) => c.id);

const SETTINGS = {
  off: ['timeZone'],
  company: 'Acme',
  disclosures: [],
  greetingWords: 40,
  own: [{ phrase: 'guaranteed', expect: 'mustNotAppear', place: 'anywhere', note: 'Legal says no promises.' }],
  callingHours: { start: '08:00', end: '21:00', days: [1, 2, 3, 4, 5, 6, 7] },
};
const NAMES = ['aiDisclosure', 'companyNamed', 'optOut', 'languageMatches', 'greetingLength', 'own-0'];

/** What Rust answers: card 0 fails disclosure and the phrase, card 2 the phrase only. */
function rulesOf(roster, settings = SETTINGS, fails = [[0, 5], [], [5], []]) {
  const failed = NAMES.map((_, i) => fails.filter((f) => f.includes(i)).length);
  return { listId: roster.listId, settings, kept: true, rules: NAMES, fails, failed, unchecked: NAMES.map(() => 0) };
}

const FINDINGS = [
  { rule: 'aiDisclosure', verdict: 'fail', why: 'notDisclosed' },
  { rule: 'companyNamed', verdict: 'pass', why: 'companyNamed', evidence: 'Hi, this is Anna from Acme.' },
  { rule: 'optOut', verdict: 'pass', why: 'optOutFound', evidence: 'If they ask not to be called again, end the call.' },
  { rule: 'languageMatches', verdict: 'cannotCheck', why: 'languageUnclear' },
  { rule: 'greetingLength', verdict: 'pass', why: 'withinLimit', detail: '7' },
  { rule: 'own-0', verdict: 'fail', why: 'phraseFound', evidence: 'Savings are guaranteed.' },
];

async function openWithRules({ answers = {}, ...options } = {}) {
  const roster = accountRoster(CARDS);
  const opened = await openPage(ui.browser, ui.server.url, {
    answers: { ...connectedStartup, refresh: [{ ok: roster }], list_rules: [{ ok: rulesOf(roster) }], assistant_rules: [{ ok: FINDINGS }], ...answers },
    ...options,
  });
  await opened.page.locator('.badge-rules').first().waitFor();
  return { ...opened, roster };
}

test('cards that fail rules say so, and the chips count and filter them', async () => {
  const { page, context, problems } = await openWithRules();
  assert.equal(await card(page, ids[0]).locator('.badge-rules').textContent(), '✗ Fails 2 rules');
  assert.equal(await card(page, ids[0]).locator('.badge-rules').getAttribute('title'), 'Says it is an AI, Must not say “guaranteed”');
  assert.equal(await card(page, ids[1]).locator('.badge-rules').count(), 0);
  const count = (chip) => page.locator(`[data-chip="rule:${chip}"] .chip-count`).textContent();
  assert.deepEqual(await Promise.all(['any', 'aiDisclosure', 'own-0'].map(count)), ['2', '1', '2']);
  // Rules nobody fails have no chip.
  assert.equal(await page.locator('[data-chip="rule:optOut"]').count(), 0);
  await page.click('[data-chip="rule:own-0"]');
  assert.deepEqual((await shownIds(page)).sort(), [ids[0], ids[2]].sort());
  await page.click('[data-chip="rule:aiDisclosure"]');
  assert.deepEqual(await shownIds(page), [ids[0]]);
  await page.click('[data-chip="rule:aiDisclosure"]');
  assert.equal((await shownIds(page)).length, 4);
  // The page told Rust which time zones Intl does not know (none here).
  const asked = await page.evaluate(() => window.__calls.find((c) => c.cmd === 'list_rules').args);
  assert.deepEqual(asked.invalidZones, []);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an assistant\'s findings: failures first, why in words, the sentence that decided', async () => {
  const { page, context, problems } = await openWithRules();
  await card(page, ids[0]).click();
  const section = page.locator('dialog#detail #rules-section');
  await section.waitFor();
  assert.deepEqual(await section.locator('.finding').evaluateAll((n) => n.map((x) => x.getAttribute('data-rule'))),
    ['aiDisclosure', 'own-0', 'languageMatches', 'companyNamed', 'optOut', 'greetingLength']);
  const phrase = section.locator('[data-rule="own-0"]');
  assert.match(await phrase.textContent(), /^✗ Fails Must not say “guaranteed”The phrase is there\.Savings are guaranteed\.Legal says no promises\.$/);
  assert.match(await section.locator('[data-rule="languageMatches"]').textContent(), /^\? Cannot check/);
  assert.match(await section.locator('[data-rule="greetingLength"]').textContent(), /The greeting has 7 words\./);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'rules-detail.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the rules editor saves the account\'s rules, and a refusal keeps what was typed', async () => {
  const { page, context, problems, roster } = await openWithRules({
    answers: { save_rules: [{ err: apiError('invalid_input', { reason: 'rules_invalid' }) }, { ok: null }] },
  });
  const editor = page.locator('#rules-editor');
  await editor.locator('summary').click();
  assert.equal(await editor.locator('#rule-on-timeZone').isChecked(), false);
  assert.equal(await editor.locator('#rules-company').inputValue(), 'Acme');
  await editor.locator('#rules-add').click();
  await editor.locator('#own-phrase-1').fill('  Contoso ');
  await editor.locator('#own-place-1').selectOption('prompt');
  await editor.locator('#rule-on-timeZone').check();
  await editor.locator('#rules-words').fill('25');
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'rules-editor.png'), fullPage: true });
  await editor.locator('#rules-save').click();
  await page.locator('#rules-status.error').waitFor();
  assert.match(await editor.locator('#rules-status').textContent(), /at most 50 rules/);
  // Nothing typed is lost on a refusal.
  assert.equal(await editor.locator('#own-phrase-1').inputValue(), '  Contoso ');
  // Saved: Rust gets exactly the rules edited, and what they find replaces the badges.
  await editor.locator('#rules-day-7').uncheck();
  await editor.locator('#rules-until').fill('20:00');
  const saved = {
    ...SETTINGS, off: [], greetingWords: 25, own: [...SETTINGS.own, { phrase: 'Contoso', expect: 'mustNotAppear', place: 'prompt', note: '' }],
    callingHours: { start: '08:00', end: '20:00', days: [1, 2, 3, 4, 5, 6] },
  };
  const names = [...NAMES.slice(0, 3), 'timeZone', ...NAMES.slice(3), 'own-1'];
  const after = { ...rulesOf(roster, saved, [[], [], [], []]), rules: names, failed: names.map(() => 0), unchecked: names.map(() => 0) };
  await page.evaluate((answer) => { window.__TAURI__.core.invoke = ((invoke) => (cmd, args) => (cmd === 'save_rules' ? (window.__calls.push({ cmd, args }), Promise.resolve(answer)) : invoke(cmd, args)))(window.__TAURI__.core.invoke); }, after);
  await editor.locator('#rules-save').click();
  await page.locator('#rules-status:not(.error)').waitFor();
  const calls = await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'save_rules').map((c) => c.args.settings));
  assert.deepEqual(calls.at(-1), saved);
  assert.equal(await page.locator('.badge-rules').count(), 0);
  assert.equal(await editor.locator('#rules-status').textContent(), 'Rules saved. The assistants were checked again.');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the rules in Arabic, right to left', async () => {
  const { page, context, problems } = await openWithRules({ locale: 'ar' });
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await card(page, ids[0]).locator('.badge-rules').textContent(), '✗ يخالف قاعدتين');
  await page.locator('#rules-editor summary').click();
  await card(page, ids[0]).click();
  await page.locator('dialog#detail #rules-section').waitFor();
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'rules-detail-ar.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('an edit that breaks a rule is called out on the changed card', async () => {
  const roster = accountRoster(CARDS);
  const review = {
    listId: roster.listId, sinceMs: Date.parse('2026-11-20T09:30:00Z'), historyFromMs: Date.parse('2026-10-01T08:00:00Z'),
    added: [], removed: [], removalsKnown: true, reviewed: [], lastReviewMs: null, setAside: null,
    changed: [
      { position: 0, fields: ['initialMessage'], onlyUpdated: false, newlyFailing: ['aiDisclosure'] },
      { position: 1, fields: ['systemPrompt'], onlyUpdated: false, newlyFailing: [] },
    ],
  };
  const { page, context, problems } = await openWithRules({ answers: { list_review: [{ ok: review }] } });
  const badge = card(page, ids[0]).locator('.badge-newly-failing');
  await badge.waitFor();
  assert.equal(await badge.textContent(), '⚠ Now fails 1 rule');
  assert.equal(await badge.getAttribute('title'), 'Says it is an AI');
  assert.equal(await card(page, ids[1]).locator('.badge-newly-failing').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('cards say when an assistant\'s zone is outside the calling window now, and the clock keeps it true', async () => {
  // Sunday 22 November 2026, 12:00 UTC: 07:00 in New York, 04:00 in Los Angeles, 14:00 in Sofia.
  const { page, context, problems } = await openWithRules();
  const outside = (zone) => page.locator(`.outside-hours[data-zone="${zone}"]`).isVisible();
  assert.deepEqual(await Promise.all(['America/New_York', 'America/Los_Angeles', 'Europe/Sofia', 'Asia/Dubai'].map(outside)), [true, true, false, false]);
  assert.equal(await page.locator('.outside-hours[data-zone="America/New_York"]').textContent(), ' · ☾ Outside your calling hours now');
  // Two hours later New York is inside the window: the cards' clock says so without a reload.
  await page.clock.fastForward('02:00:00');
  await page.waitForFunction(() => document.querySelector('.outside-hours[data-zone="America/New_York"]')?.hidden === true);
  assert.equal(await outside('America/Los_Angeles'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a name over two lines leaves the card\'s badges whole, with the calling-hours note in it too', async () => {
  // New York is outside the calling window at the harness's noon UTC: its zone takes two lines.
  const long = [{ ...CARDS[0], name: 'Sales Outbound Assistant for the Spring Renewal' }, ...CARDS.slice(1)];
  const roster = accountRoster(long);
  const { page, context, problems } = await openWithRules({ answers: { refresh: [{ ok: roster }], list_rules: [{ ok: rulesOf(roster) }] } });
  const first = card(page, CARDS[0].id);
  await first.locator('.outside-hours').waitFor();
  const lines = await first.locator('h2').evaluate((h) => Math.round(h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)));
  assert.equal(lines, 2);
  // A badge squeezed lower than its text (the row is stretched to what is left of the card).
  const squeezed = await page.evaluate(() => [...document.querySelectorAll('article.card .badges > .badge')]
    .filter((badge) => badge.scrollHeight > badge.clientHeight + 1).map((badge) => badge.closest('article').dataset.id));
  assert.deepEqual(squeezed, []);
  await page.screenshot({ path: join(OUTPUT, 'rules-long-name.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
