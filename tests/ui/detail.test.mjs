// The detail view of an assistant: every text, the checks explained, and fields the page has no
// section for.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, SAMPLE, SAMPLE_ASSISTANTS, accountRoster, OUTPUT } from './harness.mjs';
import { ui, card, openSample } from './setup.mjs';

test('detail view: texts with line breaks, counts, copy, variables, webhook, names, both zones, raw JSON', async () => {
  const { page, context, problems } = await openSample({ answers: { open_webhook: [{ ok: null }] } });
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
  // The button names the host; the page asks Rust for the assistant's link, never a URL.
  assert.equal(await dialog.locator('#open-webhook').textContent(), 'Open helios.example.com in browser');
  await dialog.locator('#open-webhook').click();
  const position = SAMPLE.cards.findIndex((c) => c.id === '128');
  assert.deepEqual(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'open_webhook').map((c) => c.args)), [{ listId: SAMPLE.listId, position }]);
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
  // Rust finds all but the time zone ones (crates/roster-core/src/checks.rs, tested there); the page checks
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
    make({ id: '10', name: 'Many missing', checks: [{ code: 'placeholder_missing', names: ['a', 'b'], more: 1234 }] }),
  ];
  const startup = { startup: [{ ok: { platforms: [], account: { id: 'a', base: 'https://x.example/api', label: 'X', sample: false, sessionOnly: false }, accounts: [] } }] };
  const { page, context } = await openPage(ui.browser, ui.server.url, { answers: { ...startup, refresh: [{ ok: accountRoster(list) }] } });
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
    'Many missing': 'Uses {{a}}, {{b}} and 1,234 more, which are not defined in the variables.',
  };
  assert.equal(await page.locator('[data-chip="attention"] .chip-count').textContent(), '10');
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
