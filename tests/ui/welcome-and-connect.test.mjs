// The welcome screen and connecting an account: platforms, the key's field, a refused key, input
// that cannot be used, and a keyring that cannot keep the key.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, SAMPLE, PLATFORMS, accountRoster, apiError, OUTPUT } from './harness.mjs';
import { ui, axe, card } from './setup.mjs';

test('welcome screen: platforms, address for Other, masked key with show/hide', async () => {
  const { page, context, problems } = await openPage(ui.browser, ui.server.url);
  await page.locator('#welcome').waitFor();
  assert.equal(await page.locator('#welcome h1').textContent(), 'See every AI assistant that calls your leads');
  assert.equal(await page.locator('#platform').inputValue(), 'https://call.aiployees.com/api');
  const options = await page.locator('#platform option').allTextContents();
  assert.deepEqual(options, ['AIployees', 'Sondos AI', 'Autocalls', 'Famulor', 'Other (enter the address)']);
  assert.equal(await page.locator('#address-field').isVisible(), false);
  await page.selectOption('#platform', 'other');
  assert.equal(await page.locator('#address').isVisible(), true);
  assert.equal(await page.locator('#api-key').getAttribute('type'), 'password');
  await page.click('#toggle-key');
  assert.equal(await page.locator('#api-key').getAttribute('type'), 'text');
  assert.equal(await page.locator('#toggle-key').textContent(), 'Hide');
  assert.equal(await page.locator('#toggle-key').getAttribute('aria-pressed'), 'true');
  await page.screenshot({ path: join(OUTPUT, 'welcome.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('connect: a refused key says why and keeps the form; a good one shows the list', async () => {
  const roster = accountRoster(SAMPLE.cards.slice(0, 2));
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { connect: [{ err: apiError('bad_key', { status: 401 }) }, { ok: { roster, accounts: [roster.account] } }] },
  });
  await page.locator('#welcome').waitFor();
  await page.selectOption('#platform', 'other');
  await page.fill('#address', 'http://127.0.0.1:9/api');
  await page.fill('#api-key', 'wrong');
  await page.click('#connect');
  await page.locator('#connect-error').waitFor();
  assert.match(await page.locator('#connect-error').textContent(), /Your API key was not accepted/);
  assert.equal(await page.locator('#welcome').isVisible(), true);
  await page.fill('#api-key', 'right');
  await page.click('#connect');
  await page.locator('article.card').nth(1).waitFor();
  const calls = await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'connect').map((c) => c.args));
  assert.deepEqual(calls, [
    { base: 'http://127.0.0.1:9/api', key: 'wrong', label: null, remember: true },
    { base: 'http://127.0.0.1:9/api', key: 'right', label: null, remember: true },
  ]);
  // The key leaves the page once it has been handed over.
  assert.equal(await page.evaluate(() => document.querySelector('#api-key').value), '');
  await context.close();
});

test('a refused key on a known platform asks whether the platform is the right one', async () => {
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { startup: [{ ok: { platforms: PLATFORMS, account: null, accounts: [] } }], connect: [{ err: apiError('bad_key', { status: 401 }) }] },
  });
  await page.locator('#welcome').waitFor();
  await page.fill('#api-key', 'a-sondos-key');
  await page.click('#connect');
  await page.locator('#platform-question').waitFor();
  assert.equal(
    await page.locator('#platform-question').textContent(),
    'Is your key from AIployees? A key works only on the platform that made it. If it is from another one, choose that platform above.',
  );
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('invalid input is explained in the chosen language', async () => {
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { connect: [{ err: apiError('invalid_input', { reason: 'https_only' }) }] },
  });
  await page.click('#connect');
  await page.locator('#connect-error').waitFor();
  assert.match(await page.locator('#connect-error').textContent(), /must start with https:\/\//);
  await context.close();
});

test('keyring unavailable: says so and offers a key for this session only', async () => {
  const sessionRoster = accountRoster(SAMPLE.cards.slice(0, 2));
  sessionRoster.account.sessionOnly = true;
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { connect: [{ err: apiError('keyring_unavailable', { reason: 'no_service' }) }, { ok: { roster: sessionRoster, accounts: [] } }] },
  });
  await page.fill('#api-key', 'the-key');
  await page.click('#connect');
  await page.locator('#session-only').waitFor();
  assert.match(await page.locator('#connect-error').textContent(), /No keyring service is running on this computer\./);
  await page.screenshot({ path: join(OUTPUT, 'keyring-unavailable.png') });
  await page.click('#session-only');
  await page.locator('article.card').nth(1).waitFor();
  assert.equal(await page.locator('#session-badge').isVisible(), true);
  assert.equal(await page.locator('#session-badge').textContent(), 'Key not saved: this session only');
  const calls = await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'connect').map((c) => c.args.remember));
  assert.deepEqual(calls, [true, false]);
  await context.close();
});
