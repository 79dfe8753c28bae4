// The page in headless Chromium with the backend stubbed: cards, badges, times, every error
// state, Bulgarian, and data that tries to be HTML.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStaticServer, launchBrowser, openPage, SAMPLE, accountRoster, apiError, OUTPUT } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await startStaticServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const sampleAnswers = { open_sample: [{ ok: SAMPLE }] };
const AIPLOYEES = { id: 'https://call.aiployees.com/api', base: 'https://call.aiployees.com/api', label: 'AIployees', sample: false, sessionOnly: false };
const connectedStartup = { startup: [{ ok: { platforms: [], account: AIPLOYEES, accounts: [AIPLOYEES] } }] };

/** The card of the assistant with this id. */
const card = (page, id) => page.locator(`article.card[data-id="${id}"]`);

test('welcome screen: platforms, address for Other, masked key with show/hide', async () => {
  const { page, context, problems } = await openPage(browser, server.url);
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

test('sample account: 13 cards, count, badges with text, times in the viewer zone and the assistant zone', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { answers: sampleAnswers });
  await page.click('#open-sample');
  await page.locator('article.card').first().waitFor();
  assert.equal(await page.locator('article.card').count(), 13);
  assert.equal(await page.locator('#summary').textContent(), '13 assistants · 8 active');
  assert.equal(await page.locator('#sample-badge').isVisible(), true);
  assert.equal(await page.locator('#sample-badge').textContent(), 'Sample data');

  const first = card(page, '123');
  assert.equal(await first.locator('h2').textContent(), 'Sales Outbound Assistant');
  assert.equal(await first.locator('.card-id').textContent(), 'ID 123');
  assert.equal(await first.locator('.badge-mode .badge-text').textContent(), 'Pipeline');
  assert.equal(await first.locator('.badge-status .badge-text').textContent(), 'Active');
  assert.match(await first.locator('.badge-status').textContent(), /^Status: Active$/);
  // 12:00 UTC is 07:00 in New York (EST) on 22 Nov 2026.
  assert.match(await first.locator('.zone').textContent(), /07:00 AM in New York/);
  const updated = first.locator('time').first();
  assert.equal(await updated.getAttribute('datetime'), '2025-08-02T09:18:42.000Z');
  assert.equal(await updated.textContent(), 'last year');
  // The viewer is in Sofia (GMT+3 in August); the assistant in New York (GMT-4).
  const tip = await first.locator('.tip').first().textContent();
  assert.match(tip, /Aug 2, 2025, 12:18 PM GMT\+3 your time/);
  assert.match(tip, /Aug 2, 2025, 5:18 AM GMT-4 in New York/);
  assert.equal(await first.locator('.webhook').textContent(), 'On');

  // The exact time shows on keyboard focus, not only on hover.
  assert.equal(await first.locator('.tip').first().isVisible(), false);
  await updated.focus();
  await page.waitForFunction(() => getComputedStyle(document.querySelector('article[data-id="123"] .tip')).visibility === 'visible');

  const second = card(page, '124');
  assert.equal(await second.locator('.badge-mode .badge-text').textContent(), 'Multimodal');
  assert.equal(await second.locator('.badge-status .badge-text').textContent(), 'Inactive');
  assert.equal(await second.locator('.webhook').textContent(), 'Off');

  // Unknown values keep their own words, in a neutral badge.
  const tokyo = card(page, '130');
  assert.equal(await tokyo.locator('.badge-mode .badge-text').textContent(), 'realtime-v2');
  assert.match(await tokyo.locator('.badge-mode').getAttribute('class'), /badge-neutral/);
  assert.equal(await card(page, '127').locator('.badge-status .badge-text').textContent(), 'paused');
  // Invalid zone and unreadable date are said, not hidden.
  const night = card(page, '133');
  assert.equal(await night.locator('.facts dd').first().textContent(), 'Mars/Olympus_Mons (not a valid time zone)');
  assert.match(await night.textContent(), /yesterday-ish \(unreadable date\)/);
  const noZone = card(page, '135');
  assert.equal(await noZone.locator('.facts dd').first().textContent(), 'Not set');
  assert.match(await noZone.textContent(), /Created\s*Unknown/);

  await page.screenshot({ path: join(OUTPUT, 'sample-light.png'), fullPage: false });
  assert.deepEqual(problems, []);
  await context.close();
});

test('dark theme follows the OS', async () => {
  const { page, context } = await openPage(browser, server.url, { answers: sampleAnswers, colorScheme: 'dark' });
  await page.click('#open-sample');
  await page.locator('article.card').first().waitFor();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(15, 23, 42)');
  await page.screenshot({ path: join(OUTPUT, 'sample-dark.png') });
  await context.close();
});

test('a stored key loads the list straight away; Ctrl+R refreshes', async () => {
  const roster = accountRoster(SAMPLE.cards.slice(0, 2));
  const { page, context } = await openPage(browser, server.url, { answers: { ...connectedStartup, refresh: [{ ok: roster }] } });
  await page.locator('article.card').nth(1).waitFor();
  assert.equal(await page.locator('#welcome').isVisible(), false);
  assert.equal(await page.locator('#account-label').textContent(), 'AIployees');
  assert.equal(await page.locator('#summary').textContent(), '2 assistants · 1 active');
  assert.equal(await page.locator('#fetched-at').textContent(), 'Updated 2 minutes ago');
  await page.keyboard.press('Control+r');
  await page.waitForFunction(() => window.__calls.filter((c) => c.cmd === 'refresh').length === 2);
  await context.close();
});

const ERROR_CASES = [
  [apiError('bad_key', { status: 401 }), 'Your API key was not accepted', /copied the whole key/, ['Try again', 'Connect again', 'Explore the sample instead']],
  [apiError('wrong_address'), 'That address is not the platform’s API', /usually ends in \/api/, ['Try again', 'Connect again', 'Explore the sample instead']],
  [apiError('rate_limited', { retryAfterSecs: 30 }), 'The platform asks us to wait', /Try again in 30 seconds/, ['Try again', 'Explore the sample instead']],
  [apiError('rate_limited'), 'The platform asks us to wait', /Wait a minute/, ['Try again', 'Explore the sample instead']],
  [apiError('server_trouble', { status: 503 }), 'The platform is having trouble', /error 503/, ['Try again', 'Explore the sample instead']],
  [apiError('unexpected_status', { status: 418 }), 'The platform gave an unexpected answer', /error 418/, ['Try again', 'Explore the sample instead']],
  [apiError('timeout'), 'The platform took too long to answer', /internet connection/, ['Try again', 'Explore the sample instead']],
  [apiError('offline'), 'Can’t reach the platform', /connected to the internet/, ['Try again', 'Explore the sample instead']],
  [apiError('dns'), 'The platform’s address could not be found', /typing mistakes/, ['Try again', 'Explore the sample instead']],
  [apiError('tls'), 'The secure connection failed', /certificate/, ['Try again', 'Explore the sample instead']],
  [apiError('keyring_unavailable', { reason: 'no_service' }), 'Your system keyring can’t be used', /No keyring service is running/, ['Try again', 'Connect again', 'Explore the sample instead']],
  [apiError('unreadable'), 'The platform’s answer could not be read', /contact the platform’s support/, ['Try again', 'Explore the sample instead']],
  [apiError('storage'), 'The app could not save its settings', /disk/, ['Try again', 'Explore the sample instead']],
  [apiError('too_large'), 'The list is too large to read', /more data than the app can safely read/, ['Try again', 'Explore the sample instead']],
  [{ weird: true }, 'Something went wrong', /restart the app/, ['Try again', 'Explore the sample instead']],
];

test('every error state has plain words and a next step', async () => {
  for (const [error, title, body, buttons] of ERROR_CASES) {
    const { page, context, problems } = await openPage(browser, server.url, {
      answers: { ...connectedStartup, refresh: [{ err: error }] },
    });
    await page.locator('#problem h2').waitFor();
    assert.equal(await page.locator('#problem h2').textContent(), title, error.kind);
    assert.match(await page.locator('#problem').textContent(), body, error.kind);
    // Failures that may pass by themselves are retried automatically, with a way to cancel.
    const retried = ['rate_limited', 'server_trouble', 'timeout', 'offline', 'dns'].includes(error.kind);
    const expected = retried ? ['Cancel', ...buttons] : buttons;
    assert.deepEqual(await page.locator('#problem button').allTextContents(), expected, error.kind);
    assert.equal(await page.locator('#problem').getAttribute('role'), 'alert');
    assert.ok((await page.locator('#status').textContent()).startsWith(title), error.kind);
    if (error.kind === 'bad_key') await page.screenshot({ path: join(OUTPUT, 'error-bad-key.png') });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('not connected any more goes back to the welcome screen', async () => {
  const { page, context } = await openPage(browser, server.url, {
    answers: { ...connectedStartup, refresh: [{ err: apiError('not_connected') }] },
  });
  await page.locator('#welcome').waitFor();
  await context.close();
});

test('a failed refresh keeps the last list on screen with the problem above it', async () => {
  const roster = accountRoster(SAMPLE.cards.slice(0, 2));
  const { page, context } = await openPage(browser, server.url, {
    answers: { ...connectedStartup, refresh: [{ ok: roster }, { err: apiError('offline') }] },
  });
  await page.locator('article.card').nth(1).waitFor();
  await page.click('#refresh');
  await page.locator('#problem h2').waitFor();
  assert.equal(await page.locator('#problem h2').textContent(), 'Can’t reach the platform');
  assert.equal(await page.locator('article.card').count(), 2);
  assert.equal(await page.locator('#list').isVisible(), true);
  await context.close();
});

test('connect: a refused key says why and keeps the form; a good one shows the list', async () => {
  const roster = accountRoster(SAMPLE.cards.slice(0, 2));
  const { page, context } = await openPage(browser, server.url, {
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

test('invalid input is explained in the chosen language', async () => {
  const { page, context } = await openPage(browser, server.url, {
    answers: { connect: [{ err: apiError('invalid_input', { reason: 'https_only' }) }] },
  });
  await page.click('#connect');
  await page.locator('#connect-error').waitFor();
  assert.match(await page.locator('#connect-error').textContent(), /must start with https:\/\//);
  await context.close();
});

test('sign out returns to the welcome screen and says the key was removed', async () => {
  const roster = accountRoster(SAMPLE.cards.slice(0, 1));
  const { page, context } = await openPage(browser, server.url, {
    answers: {
      ...connectedStartup,
      refresh: [{ ok: roster }],
      remove_account: [{ ok: { next: null, accounts: [] } }],
      startup: [{ ok: { platforms: [], account: AIPLOYEES, accounts: [AIPLOYEES] } }],
    },
  });
  await page.locator('article.card').first().waitFor();
  await page.click('#sign-out');
  await page.locator('#welcome').waitFor();
  assert.equal(await page.locator('#signed-out-note').isVisible(), true);
  assert.equal(await page.locator('#account-bar').isVisible(), false);
  assert.ok(await page.evaluate(() => window.__calls.some((c) => c.cmd === 'remove_account' && c.args.id === 'https://call.aiployees.com/api')));
  await context.close();
});

test('empty account and unreadable items are explained', async () => {
  const { page, context } = await openPage(browser, server.url, {
    answers: { ...connectedStartup, refresh: [{ ok: accountRoster([]) }] },
  });
  await page.locator('#empty').waitFor();
  assert.equal(await page.locator('#empty h2').textContent(), 'No outbound assistants yet');
  assert.match(await page.locator('#empty').textContent(), /press Refresh/);
  await context.close();

  const skipped = await openPage(browser, server.url, {
    answers: { ...connectedStartup, refresh: [{ ok: accountRoster(SAMPLE.cards.slice(0, 1), { skipped: 1 }) }] },
  });
  await skipped.page.locator('.notice').waitFor();
  assert.match(await skipped.page.locator('.notice').textContent(), /^1 assistant could not be read and is not shown\./);
  await skipped.context.close();
});

test('Bulgarian: follows the OS language, plurals, dates, and can be switched', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { answers: sampleAnswers, locale: 'bg-BG' });
  await page.locator('#welcome').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'bg');
  assert.equal(await page.locator('#welcome h1').textContent(), 'Вижте всеки AI асистент, който се обажда на клиентите ви');
  assert.equal(await page.locator('#connect').textContent(), 'Свържи');
  await page.click('#open-sample');
  await page.locator('article.card').first().waitFor();
  assert.equal(await page.locator('#summary').textContent(), '13 асистента · 8 активни');
  const first = card(page, '123');
  assert.equal(await first.locator('.badge-status .badge-text').textContent(), 'Активен');
  assert.match(await first.locator('.zone').textContent(), /07:00 в New York/);
  assert.equal(await first.locator('time').first().textContent(), 'миналата година');
  assert.match(await first.locator('.tip').first().textContent(), /2\.08\.2025 г\., 12:18 Гринуич\+3 ваше време/);
  await page.screenshot({ path: join(OUTPUT, 'sample-bg.png') });
  await page.selectOption('#language', 'en');
  assert.equal(await page.locator('#summary').textContent(), '13 assistants · 8 active');
  assert.equal(await first.locator('.badge-status .badge-text').textContent(), 'Active');
  assert.deepEqual(problems, []);
  await context.close();
});

test('every language has every message', async () => {
  const { page, context } = await openPage(browser, server.url);
  const missing = await page.evaluate(async () => (await import('./i18n.js')).missingKeys());
  assert.deepEqual(missing, {});
  await context.close();
});

test('data that looks like HTML is shown as text and never runs', async () => {
  const payload = '<img src=x onerror=alert(1)>';
  const hostile = {
    ...SAMPLE.cards[0],
    id: '"><script>alert(2)</script>',
    name: payload,
    mode: '<b>bold</b>',
    status: '<i onmouseover=alert(3)>x</i>',
    timezone: '<svg onload=alert(4)>',
    greeting: '<script>alert(5)</script>',
  };
  const { page, context, problems } = await openPage(browser, server.url, {
    answers: { ...connectedStartup, refresh: [{ ok: accountRoster([hostile]) }] },
  });
  await page.locator('article.card').waitFor();
  const c = page.locator('article.card');
  assert.equal(await c.locator('h2').textContent(), payload);
  assert.equal(await c.locator('.badge-mode .badge-text').textContent(), '<b>bold</b>');
  assert.match(await c.locator('.greeting').textContent(), /<script>alert\(5\)<\/script>/);
  assert.equal(await c.locator('img, script, svg, b, i').count(), 0);
  await c.locator('.badge-status').hover();
  assert.deepEqual(problems, []);
  await context.close();
});

/** How many times the page has called a command. */
const callCount = (page, cmd) => page.evaluate((c) => window.__calls.filter((x) => x.cmd === c).length, cmd);

test('the saved list shows at once, marked with its time, until the fresh one arrives', async () => {
  const cached = accountRoster(SAMPLE.cards.slice(0, 3), { fetchedAtMs: Date.parse('2026-11-20T09:30:00Z') });
  const fresh = accountRoster(SAMPLE.cards.slice(0, 2));
  const { page, context } = await openPage(browser, server.url, {
    answers: { ...connectedStartup, cached_roster: [{ ok: { roster: cached, damaged: false } }], refresh: [{ ok: fresh, delayMs: 2000 }] },
  });
  await page.locator('article.card').nth(2).waitFor();
  assert.match(await page.locator('.notice-stale').textContent(), /^Showing the list as of Nov 20, 2026, 11:30 AM GMT\+2\. It may be out of date\.$/);
  await page.clock.runFor(2100);
  await page.waitForFunction(() => document.querySelectorAll('article.card').length === 2);
  assert.equal(await page.locator('.notice-stale').count(), 0);
  await context.close();
});

test('offline: the saved list stays with an "as of" banner, and a retry comes by itself', async () => {
  const cached = accountRoster(SAMPLE.cards.slice(0, 3), { fetchedAtMs: Date.parse('2026-11-20T09:30:00Z') });
  const { page, context } = await openPage(browser, server.url, {
    answers: {
      ...connectedStartup,
      cached_roster: [{ ok: { roster: cached, damaged: false } }],
      refresh: [{ err: apiError('offline') }, { ok: accountRoster(SAMPLE.cards.slice(0, 2)) }],
    },
  });
  await page.locator('#retry-countdown').waitFor();
  assert.equal(await page.locator('article.card').count(), 3);
  assert.equal(await page.locator('#problem h2').textContent(), 'Can’t reach the platform');
  assert.match(await page.locator('.notice-stale').textContent(), /as of Nov 20, 2026/);
  assert.equal(await page.locator('#retry-countdown').textContent(), 'Trying again in 5 seconds…');
  await page.clock.runFor(2000);
  assert.equal(await page.locator('#retry-countdown').textContent(), 'Trying again in 3 seconds…');
  await page.screenshot({ path: join(OUTPUT, 'offline-retry.png') });
  await page.clock.runFor(3100);
  await page.waitForFunction(() => document.querySelectorAll('article.card').length === 2);
  assert.equal(await page.locator('#problem').isVisible(), false);
  assert.equal(await callCount(page, 'refresh'), 2);
  await context.close();
});

test('automatic retries are bounded, back off, and can be cancelled', async () => {
  const { page, context } = await openPage(browser, server.url, {
    answers: { ...connectedStartup, refresh: [{ err: apiError('timeout') }] },
  });
  await page.locator('#retry-countdown').waitFor();
  for (const [wait, calls] of [[5, 2], [15, 3], [45, 4]]) {
    assert.equal(await page.locator('#retry-countdown').textContent(), `Trying again in ${wait} seconds…`);
    await page.clock.runFor(wait * 1000 + 100);
    await page.waitForFunction((n) => window.__calls.filter((c) => c.cmd === 'refresh').length === n, calls);
  }
  await page.locator('#problem h2').waitFor();
  assert.equal(await page.locator('#retry-countdown').count(), 0, 'three automatic attempts, then it waits for the user');
  await page.clock.runFor(300_000);
  assert.equal(await callCount(page, 'refresh'), 4);

  // A manual try starts a fresh plan, which the user can cancel.
  await page.click('#retry');
  await page.locator('#retry-countdown').waitFor();
  await page.click('#cancel-retry');
  assert.equal(await page.locator('#retry-countdown').count(), 0);
  await page.clock.runFor(60_000);
  assert.equal(await callCount(page, 'refresh'), 5);
  await context.close();
});

test('Retry-After is honoured, and a long one is left to the user', async () => {
  const { page, context } = await openPage(browser, server.url, {
    answers: { ...connectedStartup, refresh: [{ err: apiError('rate_limited', { retryAfterSecs: 30 }) }, { err: apiError('server_trouble', { status: 503, retryAfterSecs: 3600 }) }] },
  });
  await page.locator('#retry-countdown').waitFor();
  assert.equal(await page.locator('#retry-countdown').textContent(), 'Trying again in 30 seconds…');
  await page.clock.runFor(30_100);
  await page.waitForFunction(() => document.querySelector('#problem')?.dataset.kind === 'server_trouble');
  assert.equal(await page.locator('#retry-countdown').count(), 0);
  await context.close();
});

test('keyring unavailable: says so and offers a key for this session only', async () => {
  const sessionRoster = accountRoster(SAMPLE.cards.slice(0, 2));
  sessionRoster.account.sessionOnly = true;
  const { page, context } = await openPage(browser, server.url, {
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

test('a damaged saved list is mentioned, never fatal', async () => {
  const { page, context } = await openPage(browser, server.url, {
    answers: { ...connectedStartup, cached_roster: [{ ok: { roster: null, damaged: true } }], refresh: [{ ok: accountRoster(SAMPLE.cards.slice(0, 1)) }] },
  });
  await page.locator('article.card').waitFor();
  assert.equal(await page.locator('#notice').textContent(), 'The saved copy of this list was damaged and has been set aside.');
  await context.close();
});
