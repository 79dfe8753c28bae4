// Issue-3 features in headless Chromium: search, filters, sort, remembered view, detail view,
// checks, accounts, export, keyboard, Arabic right-to-left, and axe accessibility checks.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startStaticServer, launchBrowser, openPage, SAMPLE, SAMPLE_ASSISTANTS, accountRoster, OUTPUT, ROOT } from './harness.mjs';

let server;
let browser;
let axeSource;
before(async () => {
  server = await startStaticServer();
  browser = await launchBrowser();
  axeSource = await readFile(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const sampleAnswers = { open_sample: [{ ok: SAMPLE }], raw_assistant: [{ ok: '{\n  "id": 123\n}' }] };
const shownIds = (page) => page.evaluate(() => [...document.querySelectorAll('article.card')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index)).map((c) => c.getAttribute('data-id')));

async function openSample({ answers = {}, ...options } = {}) {
  const opened = await openPage(browser, server.url, { answers: { ...sampleAnswers, ...answers }, ...options });
  await opened.page.click('#open-sample');
  await opened.page.locator('article.card').first().waitFor();
  return opened;
}

/** Runs axe-core on the page and returns its violations (ids and targets). */
async function axe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test('search: instant, across name, id, greeting, prompt and variable values, marked as text', async () => {
  const { page, context } = await openSample();
  await page.fill('#search', 'софия');
  assert.deepEqual(await shownIds(page), ['125']);
  await page.fill('#search', '131');
  assert.deepEqual(await shownIds(page), ['131']);
  await page.fill('#search', 'keigo'); // only in a system prompt
  assert.deepEqual(await shownIds(page), ['130']);
  await page.fill('#search', 'anadolu sigorta'); // only in a variable value
  assert.deepEqual(await shownIds(page), ['132']);
  await page.fill('#search', 'follow');
  assert.equal(await page.locator('article[data-id="124"] h2 mark').textContent(), 'Follow');
  assert.equal(await page.locator('#result-count').textContent(), 'Showing 1 of 13');
  await page.fill('#search', 'no such assistant anywhere');
  assert.equal(await page.locator('#no-results').isVisible(), true);
  assert.equal(await page.locator('#no-results p').textContent(), 'No assistants match your search and filters.');
  await page.click('#clear-filters');
  assert.equal(await page.locator('article.card').count() > 0, true);
  assert.equal(await page.locator('#result-count').textContent(), 'Showing all 13 assistants');
  await context.close();
});

test('a list Rust no longer holds: search and detail say so and the cards stay', async () => {
  const { page, context, problems } = await openSample({ answers: { search: [{ ok: [] }], assistant: [{ ok: null }] } });
  const status = () => page.locator('#status').textContent();
  await page.fill('#search', 'sales');
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'The list was updated meanwhile. Try again.');
  assert.equal(await page.locator('#result-count').textContent(), 'Showing all 13 assistants');
  await page.evaluate(() => { document.querySelector('#status').textContent = ''; });
  await page.click('article.card[data-index="0"]');
  await page.waitForFunction(() => document.querySelector('#status').textContent !== '');
  assert.equal(await status(), 'The list was updated meanwhile. Try again.');
  assert.equal(await page.locator('dialog#detail').isVisible(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('filter chips with live counts, combined, and sort orders', async () => {
  const { page, context } = await openSample();
  const count = (chip) => page.locator(`[data-chip="${chip}"] .chip-count`).textContent();
  assert.equal(await count('status:active'), '8');
  assert.equal(await count('status:inactive'), '3');
  assert.equal(await count('status:other'), '2');
  assert.equal(await count('mode:other'), '1');
  assert.equal(await count('webhook:on'), '7');
  await page.click('[data-chip="status:active"]');
  assert.equal(await page.locator('[data-chip="status:active"]').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('#result-count').textContent(), 'Showing 8 of 13');
  // Counts of the other groups follow the active filter.
  assert.equal(await count('mode:multimodal'), '3');
  await page.click('[data-chip="mode:multimodal"]');
  assert.deepEqual((await shownIds(page)).sort(), ['126', '132', '135']);
  await page.click('[data-chip="webhook:off"]');
  assert.deepEqual((await shownIds(page)).sort(), ['126', '132', '135']);
  await page.click('[data-chip="attention"]');
  assert.deepEqual((await shownIds(page)).sort(), ['135']); // no time zone
  await page.click('#clear-filters').catch(() => {});
  await page.evaluate(() => document.querySelectorAll('.chip[aria-pressed="true"]').forEach((b) => b.click()));
  await page.selectOption('#sort', 'updated');
  assert.deepEqual((await shownIds(page)).slice(0, 3), ['130', '127', '126']);
  await page.selectOption('#sort', 'created');
  assert.equal((await shownIds(page))[0], '127');
  await page.selectOption('#sort', 'status');
  const statuses = await page.evaluate(() => [...document.querySelectorAll('article.card')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index)).map((c) => c.querySelector('.badge-status .badge-text').textContent));
  assert.equal(statuses.indexOf('Inactive') > statuses.lastIndexOf('Active'), true);
  await page.selectOption('#sort', 'name');
  const byName = await page.evaluate(() => [...document.querySelectorAll('article.card')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index)).map((c) => c.querySelector('h2').textContent));
  const collator = new Intl.Collator('en-US', { sensitivity: 'base', numeric: true });
  assert.deepEqual(byName, [...byName].sort(collator.compare));
  await context.close();
});

test('the view (not the search) is remembered per account across restarts', async () => {
  const first = await openSample();
  await first.page.click('[data-chip="status:inactive"]');
  await first.page.selectOption('#sort', 'updated');
  await first.page.fill('#search', 'berlin');
  const saved = await first.page.evaluate(() => localStorage.getItem('assistant-roster.view.sample'));
  assert.deepEqual(JSON.parse(saved), { status: 'inactive', mode: null, webhook: null, attention: false, sort: 'updated' });
  // A new page with the same storage: a restart.
  const page = await first.context.newPage();
  await page.clock.install({ time: new Date('2026-11-22T12:00:00Z') });
  await page.addInitScript((sample) => {
    window.__calls = [];
    window.__TAURI__ = { core: { invoke: async (cmd) => {
      if (cmd === 'startup') return { platforms: [], account: null, accounts: [] };
      if (cmd === 'open_sample') return sample;
      if (cmd === 'lookups') return { voices: [], languages: [] };
      throw { kind: 'unknown', message: cmd };
    } } };
  }, SAMPLE);
  await page.goto(server.url);
  await page.click('#open-sample');
  await page.locator('article.card').first().waitFor();
  assert.equal(await page.locator('[data-chip="status:inactive"]').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('#sort').inputValue(), 'updated');
  assert.equal(await page.locator('#search').inputValue(), '');
  await first.context.close();
});

test('detail view: texts with line breaks, counts, copy, variables, webhook, names, both zones, raw JSON', async () => {
  const { page, context, problems } = await openSample({ answers: { open_link: [{ ok: null }] } });
  await page.click('article[data-id="128"]');
  const dialog = page.locator('dialog#detail');
  await dialog.waitFor();
  assert.equal(await dialog.locator('#detail-title').textContent(), 'Helios Solar – Appointment Setter');
  const prompt = dialog.locator('.long-text').nth(1);
  assert.match(await prompt.textContent(), /Rules:\n- Never promise savings figures\./);
  assert.equal(await prompt.evaluate((p) => getComputedStyle(p).whiteSpace), 'pre-wrap');
  assert.match(await dialog.locator('.count').first().textContent(), /^\d+ characters \/ 200$/);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await dialog.locator('button.copy').first().click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), SAMPLE_ASSISTANTS.find((a) => a.id === '128').initialMessage);
  assert.deepEqual(await dialog.locator('table.variables tbody th').allTextContents(), ['calendar_link', 'financing_partner']);
  assert.equal(await dialog.locator('.url').textContent(), 'https://helios.example.com/api/calls');
  await dialog.locator('#open-webhook').click();
  assert.deepEqual(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'open_link').map((c) => c.args.url)), ['https://helios.example.com/api/calls']);
  assert.equal(await dialog.locator('#detail-voice').textContent(), 'Voice #12'); // not in the stubbed names: shown by id
  assert.equal(await dialog.locator('#detail-language').textContent(), 'English (US)');
  assert.match(await dialog.textContent(), /America\/Phoenix · now 05:00 AM in Phoenix ☀ daytime|America\/Phoenix · now 05:00 AM in Phoenix ☾ night-time/);
  assert.match(await dialog.textContent(), /Nov 15, 2026, 12:00 PM GMT\+2 your time/);
  assert.match(await dialog.textContent(), /Nov 15, 2026, 3:00 AM GMT-7 in Phoenix/);
  await dialog.locator('details.raw-json summary').click();
  await page.waitForFunction(() => document.querySelector('pre.raw').textContent.includes('"id": 123'));
  await page.screenshot({ path: join(OUTPUT, 'detail.png') });
  await page.keyboard.press('Escape');
  assert.equal(await dialog.isVisible(), false);
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-id') === '128'); // focus returns to the card
  assert.deepEqual(problems, []);
  await context.close();
});

test('a field Rust adds shows in the detail view under its label; every field without a section has one', async () => {
  // Fields the page has no section for, as a model with one more field would send them.
  const whole = { ...SAMPLE_ASSISTANTS[0], maxDuration: '300', recordCalls: true };
  const { page, context } = await openSample({ answers: { assistant: [{ ok: whole }] } });
  await page.locator('article.card').first().click();
  const more = page.locator('#detail .detail-section', { hasText: 'More details' });
  await more.waitFor();
  assert.match(await more.textContent(), /300/);
  assert.match(await more.textContent(), /Yes/);
  const unlabelled = await page.evaluate(async (fields) => {
    const { SHOWN_FIELDS } = await import('./components/detail.js');
    const { default: english } = await import('./locales/en.js');
    return fields.filter((field) => !SHOWN_FIELDS.has(field) && !(`field.${field}` in english));
  }, Object.keys(SAMPLE_ASSISTANTS[0]));
  assert.deepEqual(unlabelled, [], 'add a field.<name> label to every locale');
  await context.close();
});

test('checks: each finding shows on the card and is explained in the detail view', async () => {
  // Rust finds all but the time zone ones (src-tauri/roster.rs, tested there); the page checks
  // zones with Intl and words every finding.
  const base = { ...SAMPLE.cards[0], checks: [] };
  const make = (over) => ({ ...base, ...over });
  const list = [
    make({ id: '1', name: 'Missing var', checks: [{ code: 'placeholder_missing', names: ['first_name'] }] }),
    make({ id: '2', name: 'Hook without URL', checks: [{ code: 'webhook_no_url' }] }),
    make({ id: '3', name: 'Bad zone', timezone: 'Nowhere/Land' }),
    make({ id: '4', name: 'No zone', timezone: null }),
    make({ id: '5', name: 'Empty greeting', checks: [{ code: 'greeting_empty' }] }),
    make({ id: '6', name: 'Empty prompt', checks: [{ code: 'prompt_empty' }] }),
    make({ id: '7', name: 'Long greeting', checks: [{ code: 'greeting_too_long' }] }),
    make({ id: '8', name: 'Twin A', checks: [{ code: 'duplicate_id' }] }),
    make({ id: '8', name: 'Twin B', checks: [{ code: 'duplicate_id' }] }),
    make({ id: '9', name: 'All good' }),
  ];
  const startup = { startup: [{ ok: { platforms: [], account: { id: 'a', base: 'https://x.example/api', label: 'X', sample: false, sessionOnly: false }, accounts: [] } }] };
  const { page, context } = await openPage(browser, server.url, { answers: { ...startup, refresh: [{ ok: accountRoster(list) }] } });
  await page.locator('article.card').first().waitFor();
  const expected = {
    'Missing var': 'Uses {{first_name}}, which is not defined in the variables.',
    'Hook without URL': 'The webhook is switched on but has no URL.',
    'Bad zone': 'The time zone is not valid, so call times may be wrong.',
    'No zone': 'No time zone is set.',
    'Empty greeting': 'The greeting is empty.',
    'Empty prompt': 'The system prompt is empty.',
    'Long greeting': 'The greeting is longer than the platform’s limit of 200 characters.',
    'Twin A': 'Another assistant has the same ID.',
  };
  assert.equal(await page.locator('[data-chip="attention"] .chip-count').textContent(), '9');
  for (const [name, text] of Object.entries(expected)) {
    const card = page.locator('article.card', { has: page.locator('h2', { hasText: name }) });
    assert.equal(await card.locator('.badge-attention').count(), 1, name);
    await card.click();
    assert.deepEqual(await page.locator('dialog .issues li').allTextContents(), [text], name);
    await page.keyboard.press('Escape');
  }
  const good = page.locator('article.card', { has: page.locator('h2', { hasText: 'All good' }) });
  assert.equal(await good.locator('.badge-attention').count(), 0);
  await context.close();
});

test('keyboard: / focuses search, arrows move between cards, Enter opens, Esc closes', async () => {
  const { page, context } = await openSample();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search');
  await page.keyboard.press('ArrowDown');
  const first = await page.evaluate(() => document.activeElement?.dataset.index);
  assert.equal(first, '0');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.index), '1');
  await page.keyboard.press('ArrowDown');
  const columns = await page.evaluate(() => Number(document.activeElement?.dataset.index) - 1);
  assert.ok(columns >= 1);
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('dialog#detail').isVisible(), true);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('dialog#detail').isVisible(), false);
  await page.waitForFunction(() => document.activeElement?.matches('article.card'));
  await page.keyboard.press('Control+f');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search');
  await context.close();
});

test('accounts: switch between them, add one with a label, remove one', async () => {
  const a = { id: 'https://call.aiployees.com/api', base: 'https://call.aiployees.com/api', label: 'Agency A', sample: false, sessionOnly: false };
  const b = { id: 'https://app.famulor.de/api', base: 'https://app.famulor.de/api', label: 'Agency B', sample: false, sessionOnly: false };
  const rosterA = { ...accountRoster(SAMPLE.cards.slice(0, 2)), account: a };
  const rosterB = { ...accountRoster(SAMPLE.cards.slice(2, 5)), account: b };
  const { page, context } = await openPage(browser, server.url, {
    answers: {
      startup: [{ ok: { platforms: [], account: a, accounts: [a, b] } }],
      refresh: [{ ok: rosterA }, { ok: rosterB }, { ok: rosterA }],
      switch_account: [{ ok: b }],
      remove_account: [{ ok: { next: a, accounts: [a] } }],
    },
  });
  await page.locator('article.card').nth(1).waitFor();
  assert.deepEqual(await page.locator('#account-switcher option').allTextContents(), ['Agency A', 'Agency B', 'Sample account', 'Add account…']);
  await page.selectOption('#account-switcher', b.id);
  await page.waitForFunction(() => document.querySelectorAll('article.card').length === 3);
  assert.equal(await page.locator('#account-switcher').inputValue(), b.id);
  await page.click('#sign-out');
  await page.waitForFunction(() => document.querySelectorAll('article.card').length === 2);
  assert.deepEqual(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'remove_account').map((c) => c.args.id)), [b.id]);
  assert.deepEqual(await page.locator('#account-switcher option').allTextContents(), ['Agency A', 'Sample account', 'Add account…']);
  await page.selectOption('#account-switcher', '+add');
  await page.locator('#connect-form').waitFor();
  assert.equal(await page.locator('#back-to-list').isVisible(), true);
  await context.close();
});

test('export sends the shown list, filtered and sorted (Rust knows the account and its label)', async () => {
  const { page, context } = await openSample({ answers: { export_list: [{ ok: '/tmp/assistants.csv' }] } });
  await page.click('[data-chip="status:inactive"]');
  await page.click('#export-csv');
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'Saved to /tmp/assistants.csv');
  const call = await page.evaluate(() => window.__calls.find((c) => c.cmd === 'export_list').args);
  assert.equal(call.format, 'csv');
  assert.deepEqual(Object.keys(call).sort(), ['format', 'listId', 'positions']);
  assert.equal(call.listId, SAMPLE.listId);
  assert.deepEqual(call.positions.map((p) => SAMPLE.cards[p].id), ['124', '134', '129']);
  await context.close();
});

test('Arabic: right-to-left layout, Arabic words and digits from Intl', async () => {
  const { page, context, problems } = await openSample({ locale: 'ar' });
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
  assert.notEqual(await page.locator('#summary').textContent(), '13 assistants · 8 active');
  const firstCard = await page.locator('article.card[data-index="0"]').boundingBox();
  const secondCard = await page.locator('article.card[data-index="1"]').boundingBox();
  assert.ok(firstCard.x > secondCard.x, 'the first card is on the right');
  await page.screenshot({ path: join(OUTPUT, 'arabic.png') });
  await page.click('article.card[data-index="0"]');
  await page.locator('dialog#detail').waitFor();
  await page.screenshot({ path: join(OUTPUT, 'arabic-detail.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [language, scheme] of [['en-US', 'light'], ['en-US', 'dark'], ['ar', 'light'], ['ar', 'dark']]) {
  test(`axe: no violations on welcome, list and detail (${language}, ${scheme})`, async () => {
    const { page, context } = await openPage(browser, server.url, { answers: sampleAnswers, locale: language, colorScheme: scheme });
    await page.locator('#welcome').waitFor();
    assert.deepEqual(await axe(page), [], 'welcome');
    await page.click('#open-sample');
    await page.locator('article.card').first().waitFor();
    assert.deepEqual(await axe(page), [], 'list');
    await page.click('article.card[data-index="0"]');
    await page.locator('dialog#detail').waitFor();
    assert.deepEqual(await axe(page), [], 'detail');
    await context.close();
  });
}
