// Accounts: a stored key opens its list, switching, adding, removing (signing out), and each
// account's remembered view.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, SAMPLE, accountRoster, apiError } from './harness.mjs';
import { ui, AIPLOYEES, connectedStartup, card, openSample } from './setup.mjs';

test('a stored key loads the list straight away; Ctrl+R refreshes', async () => {
  const roster = accountRoster(SAMPLE.cards.slice(0, 2));
  const { page, context } = await openPage(ui.browser, ui.server.url, { answers: { ...connectedStartup, refresh: [{ ok: roster }] } });
  await page.locator('article.card').nth(1).waitFor();
  assert.equal(await page.locator('#welcome').isVisible(), false);
  assert.equal(await page.locator('#account-label').textContent(), 'AIployees');
  assert.equal(await page.locator('#summary').textContent(), '2 assistants · 1 active');
  assert.equal(await page.locator('#fetched-at').textContent(), 'Updated 2 minutes ago');
  await page.keyboard.press('Control+r');
  await page.waitForFunction(() => window.__calls.filter((c) => c.cmd === 'refresh').length === 2);
  await context.close();
});

test('not connected any more goes back to the welcome screen', async () => {
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { ...connectedStartup, refresh: [{ err: apiError('not_connected') }] },
  });
  await page.locator('#welcome').waitFor();
  await context.close();
});

test('removing an account (no longer "sign out") returns to the welcome screen and says the key was removed', async () => {
  const roster = accountRoster(SAMPLE.cards.slice(0, 1));
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: {
      ...connectedStartup,
      refresh: [{ ok: roster }],
      // The system's dialog (Rust's, its words tested there): Cancel, then Remove.
      confirm_removal: [{ ok: false }, { ok: true }],
      remove_account: [{ ok: { next: null, accounts: [] } }],
      startup: [{ ok: { platforms: [], account: AIPLOYEES, accounts: [AIPLOYEES] } }],
    },
  });
  await page.locator('article.card').first().waitFor();
  assert.equal(await page.locator('#sign-out').textContent(), 'Remove account from this computer');
  // First the question; Cancel keeps everything and gives the focus back.
  await page.click('#sign-out');
  await page.waitForFunction(() => document.activeElement?.id === 'sign-out');
  assert.equal(await page.evaluate(() => window.__calls.some((c) => c.cmd === 'remove_account')), false);
  await page.click('#sign-out');
  await page.locator('#welcome').waitFor();
  assert.equal(await page.locator('#signed-out-note').isVisible(), true);
  assert.equal(await page.locator('#account-bar').isVisible(), false);
  assert.deepEqual(
    await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'remove_account').map((c) => c.args)),
    [{ id: 'https://call.aiployees.com/api', forgetHistory: true }],
  );
  await context.close();
});

test('when the removal question cannot be asked, nothing is removed and the status line says why', async () => {
  const roster = accountRoster(SAMPLE.cards.slice(0, 1));
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: {
      ...connectedStartup,
      refresh: [{ ok: roster }],
      confirm_removal: [{ err: apiError('internal') }],
    },
  });
  await page.locator('article.card').first().waitFor();
  await page.click('#sign-out');
  await page.waitForFunction(() => document.activeElement?.id === 'sign-out');
  assert.equal(await page.locator('#status').textContent(), 'Something on this computer did not work Try again. If it keeps happening, restart the app. The technical detail below helps support.');
  assert.equal(await page.evaluate(() => window.__calls.some((c) => c.cmd === 'remove_account')), false);
  assert.equal(await page.locator('article.card').count(), 1);
  await context.close();
});

test('accounts: switch between them, add one with a label, remove one', async () => {
  const a = { id: 'https://call.aiployees.com/api', base: 'https://call.aiployees.com/api', label: 'Agency A', sample: false, sessionOnly: false };
  const b = { id: 'https://app.famulor.de/api', base: 'https://app.famulor.de/api', label: 'Agency B', sample: false, sessionOnly: false };
  const rosterA = { ...accountRoster(SAMPLE.cards.slice(0, 2)), account: a };
  const rosterB = { ...accountRoster(SAMPLE.cards.slice(2, 5)), account: b };
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: {
      startup: [{ ok: { platforms: [], account: a, accounts: [a, b] } }],
      refresh: [{ ok: rosterA }, { ok: rosterB }, { ok: rosterA }],
      switch_account: [{ ok: b }],
      confirm_removal: [{ ok: true }],
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
  assert.deepEqual(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'confirm_removal').map((c) => c.args)), [{ id: b.id }]);
  assert.deepEqual(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'remove_account').map((c) => c.args.id)), [b.id]);
  assert.deepEqual(await page.locator('#account-switcher option').allTextContents(), ['Agency A', 'Sample account', 'Add account…']);
  await page.selectOption('#account-switcher', '+add');
  await page.locator('#connect-form').waitFor();
  assert.equal(await page.locator('#back-to-list').isVisible(), true);
  await context.close();
});

test('the view (not the search) is remembered per account across restarts', async () => {
  const first = await openSample();
  await first.page.click('[data-chip="status:inactive"]');
  await first.page.selectOption('#sort', 'updated');
  await first.page.fill('#search', 'berlin');
  const saved = await first.page.evaluate(() => localStorage.getItem('assistant-roster.view.sample'));
  assert.deepEqual(JSON.parse(saved), { status: 'inactive', mode: null, webhook: null, attention: false, review: null, sort: 'updated', reverse: false, layout: 'cards' });
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
  await page.goto(ui.server.url);
  await page.click('#open-sample');
  await page.locator('article.card').first().waitFor();
  assert.equal(await page.locator('[data-chip="status:inactive"]').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('#sort').inputValue(), 'updated');
  assert.equal(await page.locator('#search').inputValue(), '');
  await first.context.close();
});

test('signing out while a refresh runs: the next account opens and is refreshed; the late answer is dropped', async () => {
  const a = { id: 'https://call.aiployees.com/api', base: 'https://call.aiployees.com/api', label: 'Agency A', sample: false, sessionOnly: false };
  const b = { id: 'https://app.famulor.de/api', base: 'https://app.famulor.de/api', label: 'Agency B', sample: false, sessionOnly: false };
  const savedA = { ...accountRoster(SAMPLE.cards.slice(0, 2)), account: a };
  const lateA = { ...accountRoster(SAMPLE.cards.slice(0, 4)), account: a };
  const freshB = { ...accountRoster(SAMPLE.cards.slice(4, 7)), account: b };
  const { page, context, problems } = await openPage(ui.browser, ui.server.url, {
    answers: {
      startup: [{ ok: { platforms: [], account: a, accounts: [a, b] } }],
      cached_roster: [{ ok: { roster: savedA, damaged: false } }, { ok: { roster: null, damaged: false } }],
      refresh: [{ ok: lateA, delayMs: 5000 }, { ok: freshB }],
      confirm_removal: [{ ok: true }],
      remove_account: [{ ok: { next: b, accounts: [b] } }],
    },
  });
  await page.locator('article.card').nth(1).waitFor();
  await page.waitForFunction(() => window.__calls.filter((c) => c.cmd === 'refresh').length === 1);
  await page.click('#sign-out');
  // B's list is fetched although A's refresh has not answered.
  await page.waitForFunction(() => document.querySelectorAll('article.card').length === 3);
  assert.equal(await page.locator('#account-label').textContent(), 'Agency B');
  await page.clock.runFor(5100);
  await page.waitForFunction(() => window.__calls.filter((c) => c.cmd === 'refresh').length === 2);
  await new Promise((r) => setTimeout(r, 200));
  // A's answer came after A was removed: not shown, not in the switcher.
  assert.equal(await page.locator('article.card').count(), 3);
  assert.equal(await page.locator('#account-label').textContent(), 'Agency B');
  assert.deepEqual(await page.locator('#account-switcher option').allTextContents(), ['Agency B', 'Sample account', 'Add account…']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a saved list the app closed on is not opened by itself; fetching again shows the list', async () => {
  const roster = accountRoster(SAMPLE.cards.slice(0, 2));
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { ...connectedStartup, cached_roster: [{ err: apiError('saved_list_held') }], refresh: [{ ok: roster }] },
  });
  await page.locator('#problem-title').waitFor();
  assert.equal(await page.locator('#problem-title').textContent(), 'The saved list was not opened');
  assert.match(await page.locator('#problem').textContent(), /closed while showing this list last time/);
  assert.equal(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'refresh').length), 0);
  await page.click('#retry');
  await page.locator('article.card').nth(1).waitFor();
  // Once painted, Rust is told the list is safe to open at the next start.
  await page.waitForFunction((listId) => window.__calls.some((c) => c.cmd === 'list_shown' && c.args.listId === listId), roster.listId);
  await context.close();
});

test('settings that could not be read: the welcome screen says so, where the old file is, and what to do', async () => {
  const aside = '/home/ana/.config/com.assistantroster.app/settings.json.damaged';
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { startup: [{ ok: { platforms: [], account: null, accounts: [], settingsSetAside: aside } }] },
  });
  await page.locator('#settings-aside-note').waitFor();
  const text = await page.locator('#settings-aside-note').textContent();
  assert.match(text, /^Your saved accounts could not be read, so the app has started afresh\. Connect your account again/);
  assert.ok(text.endsWith(aside));
  await context.close();
});

test('after the settings were lost, accounts whose keys remain can be reconnected or their keys removed', async () => {
  const famulor = { id: 'https://app.famulor.de/api', base: 'https://app.famulor.de/api', label: 'Famulor', sample: false, sessionOnly: false };
  const roster = accountRoster(SAMPLE.cards.slice(0, 2));
  const { page, context, problems } = await openPage(ui.browser, ui.server.url, {
    answers: {
      startup: [{ ok: { platforms: [], account: null, accounts: [], settingsSetAside: '/home/ana/.config/com.assistantroster.desktop/settings.json.damaged' } }],
      recoverable_accounts: [{ ok: [AIPLOYEES, famulor] }],
      remove_account: [{ ok: { next: null, accounts: [] } }],
      recover_account: [{ ok: { next: AIPLOYEES, accounts: [AIPLOYEES] } }],
      refresh: [{ ok: roster }],
    },
  });
  await page.locator('#recoverable li').nth(1).waitFor();
  assert.match(await page.locator('#recoverable').textContent(), /Accounts found on this computer\. Their API keys are still in your system keyring/);
  await page.click(`[data-remove-key="${famulor.id}"]`);
  await page.waitForFunction(() => document.querySelector('#recoverable').textContent.includes('Famulor: Key removed.'));
  assert.deepEqual(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'remove_account').map((c) => c.args)), [{ id: 'https://app.famulor.de/api', forgetHistory: true }]);
  await page.click(`[data-recover="${AIPLOYEES.id}"]`);
  await page.locator('article.card').nth(1).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'recover_account').map((c) => c.args)), [{ id: AIPLOYEES.id }]);
  assert.deepEqual(await page.locator('#account-switcher option').allTextContents(), ['AIployees', 'Sample account', 'Add account…']);
  assert.deepEqual(problems, []);
  await context.close();
});
