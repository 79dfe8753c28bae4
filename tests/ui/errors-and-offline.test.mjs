// Problems and being offline: plain words and a next step for every error, the saved list,
// automatic retries, Retry-After.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, SAMPLE, accountRoster, apiError, OUTPUT } from './harness.mjs';
import { ui, axe, connectedStartup, card, callCount } from './setup.mjs';

const ERROR_CASES = [
  [apiError('bad_key', { status: 401 }), 'Your API key was not accepted', /copied the whole key/, ['Try again', 'Enter a new key', 'Explore the sample instead']],
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
  [apiError('storage'), 'The app could not read or save its files', /disk/, ['Try again', 'Explore the sample instead']],
  [apiError('too_large'), 'The list is too large to read', /more data than the app can safely read/, ['Try again', 'Explore the sample instead']],
  [{ weird: true }, 'Something went wrong', /restart the app/, ['Try again', 'Explore the sample instead']],
];

test('every error state has plain words and a next step', async () => {
  for (const [error, title, body, buttons] of ERROR_CASES) {
    const { page, context, problems } = await openPage(ui.browser, ui.server.url, {
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

test('a refused key: a new one for the same account keeps its list, and the platform is not asked again', async () => {
  const roster = accountRoster(SAMPLE.cards.slice(0, 2));
  const renewed = { ...roster, listId: roster.listId + 1000 };
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: {
      ...connectedStartup,
      cached_roster: [{ ok: { roster, damaged: false } }],
      refresh: [{ err: apiError('bad_key', { status: 401 }) }],
      change_key: [{ err: apiError('another_users_key') }, { ok: { roster: renewed, accounts: [roster.account] } }],
    },
  });
  await page.locator('#new-key').click();
  // Only the key is asked: the account's platform and name stay as they are.
  assert.equal(await page.locator('#connect-heading').textContent(), 'A new API key for AIployees');
  assert.equal(await page.locator('#account-fields').isHidden(), true);
  assert.equal(await page.locator('#back-to-list').isVisible(), true);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'new-key.png') });
  await page.fill('#api-key', 'someone-else');
  await page.click('#connect');
  await page.locator('#connect-error').waitFor();
  assert.match(await page.locator('#connect-error').textContent(), /This key belongs to another user of the platform/);
  await page.fill('#api-key', 'rotated');
  await page.click('#connect');
  await card(page, SAMPLE.cards[1].id).waitFor();
  const calls = await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'change_key').map((c) => c.args));
  assert.deepEqual(calls, [{ id: roster.account.id, key: 'someone-else' }, { id: roster.account.id, key: 'rotated' }]);
  assert.equal(await callCount(page, 'remove_account'), 0, 'the account was never removed');
  assert.equal(await callCount(page, 'connect'), 0);
  await context.close();
});

test('a long load says how much has arrived and can be stopped', async () => {
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: {
      ...connectedStartup,
      cached_roster: [{ ok: { roster: null, damaged: false } }],
      refresh: [{ err: apiError('cancelled'), delayMs: 1500 }],
      load_progress: [{ ok: { received: 2_400_000, expected: 25_000_000 } }],
      stop_loading: [{ ok: null }],
    },
  });
  await page.locator('#load-progress .progress-line').waitFor();
  await page.waitForFunction(() => document.querySelector('#load-progress .progress-line')?.textContent === '2.4 MB of 25 MB received');
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'loading-progress.png') });
  await page.click('#load-progress .stop-loading');
  assert.equal(await callCount(page, 'stop_loading'), 1);
  // The fetch answers "cancelled": said in words, with the way back.
  await page.locator('#problem h2').waitFor();
  assert.equal(await page.locator('#problem h2').textContent(), 'Loading stopped');
  assert.deepEqual(await page.locator('#problem button').allTextContents(), ['Try again', 'Explore the sample instead']);
  assert.equal(await page.locator('#load-progress').isHidden(), true);
  await context.close();
});

test('Help > Copy Diagnostic Information shows what will be sent, and copies it', async () => {
  const report = 'Assistant Roster 0.1.0\nPlatform: https://call.aiployees.com/api\nLast errors (oldest first):\n2026-11-22T12:00:00Z bad_key: the platform did not accept the API key (HTTP 401)\n';
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { diagnostics: [{ ok: report }] },
  });
  await page.locator('#welcome').waitFor();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate(() => window.__emit('menu', 'diagnostics'));
  await page.locator('dialog#diagnostics[open]').waitFor();
  assert.equal(await page.locator('#diagnostics-text').textContent(), report);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'diagnostics.png') });
  await page.click('#diagnostics-copy');
  await page.waitForFunction(() => document.querySelector('#diagnostics-said')?.textContent === 'Copied.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), report);
  await page.click('#diagnostics-close');
  assert.equal(await page.locator('dialog#diagnostics').isVisible(), false);
  await context.close();
});

test('a failed refresh keeps the last list on screen with the problem above it', async () => {
  const roster = accountRoster(SAMPLE.cards.slice(0, 2));
  const { page, context } = await openPage(ui.browser, ui.server.url, {
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

test('the saved list shows at once, marked with its time, until the fresh one arrives', async () => {
  const cached = accountRoster(SAMPLE.cards.slice(0, 3), { fetchedAtMs: Date.parse('2026-11-20T09:30:00Z') });
  const fresh = accountRoster(SAMPLE.cards.slice(0, 2));
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { ...connectedStartup, cached_roster: [{ ok: { roster: cached, damaged: false } }], refresh: [{ ok: fresh, delayMs: 2000 }] },
  });
  await page.locator('article.card').nth(2).waitFor();
  assert.match(await page.locator('.notice-stale').textContent(), /^Showing the list as of Nov 20, 2026, 11:30 AM GMT\+2\. It may be out of date\.$/);
  await page.clock.runFor(2100);
  await page.waitForFunction(() => document.querySelectorAll('article.card').length === 2);
  assert.equal(await page.locator('.notice-stale').count(), 0);
  await context.close();
});

test('a refresh that finds the saved list unchanged keeps its cards, now up to date', async () => {
  const cached = accountRoster(SAMPLE.cards.slice(0, 3), { fetchedAtMs: Date.parse('2026-11-20T09:30:00Z') });
  // Rust found exactly the held list again: no cards, the list named instead.
  const same = accountRoster([], { reuses: { listId: cached.listId, places: null } });
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { ...connectedStartup, cached_roster: [{ ok: { roster: cached, damaged: false } }], refresh: [{ ok: same, delayMs: 500 }] },
  });
  await page.locator('article.card').nth(2).waitFor();
  // The cards stay in the page as they are: none is taken out, put back or changed.
  await page.waitForFunction(() => window.__calls.some((c) => c.cmd === 'list_rules'));
  await page.clock.runFor(50);
  await page.evaluate(() => {
    window.__cardChanges = [];
    new MutationObserver((list) => window.__cardChanges.push(...list.map((m) => m.type + ' ' + (m.attributeName ?? '') + ' ' + m.target.nodeName + '.' + (m.target.className ?? '') + ' +' + m.addedNodes.length + ' -' + m.removedNodes.length)))
      .observe(document.querySelector('#cards'), { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.clock.runFor(600);
  await page.waitForFunction(() => !document.querySelector('.notice-stale'));
  assert.equal(await page.locator('article.card').count(), 3);
  assert.deepEqual(await page.evaluate(() => window.__cardChanges), []);
  assert.equal(await page.locator('#summary').textContent(), '3 assistants · 2 active');
  assert.equal(await page.locator('#fetched-at').textContent(), 'Updated 2 minutes ago');
  assert.deepEqual(
    await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'refresh').map((c) => c.args)),
    [{ held: cached.listId }],
  );
  // The new number is the one asked about from now on.
  await page.fill('#search', 'a');
  await page.waitForFunction((id) => window.__calls.some((c) => c.cmd === 'search' && c.args.listId === id), same.listId);
  await context.close();
});

test('a list longer than one answer carries comes whole, its further cards asked a slice at a time', async () => {
  const cards = SAMPLE.cards.slice(0, 8);
  // Rust answers the first cards and how many follow; the page asks for the rest in slices.
  const cached = accountRoster(cards.slice(0, 3), { more: 5 });
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: {
      ...connectedStartup,
      cached_roster: [{ ok: { roster: cached, damaged: false } }],
      more_cards: [{ ok: cards.slice(3, 6) }, { ok: cards.slice(6) }],
      refresh: [{ ok: accountRoster([], { reuses: { listId: cached.listId, places: null } }), delayMs: 60_000 }],
    },
  });
  await page.waitForFunction(() => document.querySelectorAll('article.card').length === 8);
  assert.deepEqual(
    await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'more_cards').map((c) => c.args)),
    [{ listId: cached.listId }, { listId: cached.listId }],
  );
  const byName = [...cards].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base', numeric: true })).map((c) => c.name);
  assert.deepEqual(await page.locator('article.card .card-name').allTextContents(), byName);
  assert.match(await page.locator('#summary').textContent(), /^8 assistants · \d+ active$/);
  await context.close();
});

test('a refresh that changed some assistants brings their cards alone; the unchanged cards in view stay as painted', async () => {
  const cards = SAMPLE.cards.slice(0, 3);
  const cached = accountRoster(cards);
  const renamed = { ...cards[1], name: 'Renamed assistant' };
  const added = SAMPLE.cards[5];
  // Rust sends the cards the page does not hold and, for each position, where it holds the card
  // (null: the next card sent). The third is replaced by another.
  const changed = accountRoster([renamed, added], { reuses: { listId: cached.listId, places: [0, null, null] } });
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: {
      ...connectedStartup,
      cached_roster: [{ ok: { roster: cached, damaged: false } }],
      refresh: [{ ok: changed, delayMs: 500 }],
      // The refreshed list's review marks come later: until then, its cards are as first painted.
      list_review: [{ ok: null }, { ok: null, delayMs: 5000 }],
    },
  });
  await page.locator('article.card').nth(2).waitFor();
  await page.waitForFunction(() => window.__calls.some((c) => c.cmd === 'refresh'));
  await page.locator('article.card', { hasText: cards[0].name }).evaluate((node) => { node.dataset.painted = 'before'; });
  await page.clock.runFor(600);
  await page.waitForFunction(() => !document.querySelector('.notice-stale'));
  const names = await page.locator('article.card h2').allTextContents();
  assert.deepEqual([...names].sort(), [cards[0].name, renamed.name, added.name].sort());
  assert.equal(await page.locator('article.card', { hasText: cards[0].name }).getAttribute('data-painted'), 'before');
  assert.equal(await page.locator('#summary').textContent(), `3 assistants · ${[cards[0], renamed, added].filter((c) => c.status === 'active').length} active`);
  assert.deepEqual(
    await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'refresh').map((c) => c.args)),
    [{ held: cached.listId }],
  );
  await context.close();
});

test('the list screen, laid out unseen while the saved list is on its way, stays hidden until it comes', async () => {
  const cached = accountRoster(SAMPLE.cards.slice(0, 3));
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { ...connectedStartup, cached_roster: [{ ok: { roster: cached, damaged: false }, delayMs: 500 }], refresh: [{ ok: cached }] },
  });
  await page.waitForFunction(() => window.__calls.some((c) => c.cmd === 'cached_roster'));
  await page.clock.runFor(100);
  const hidden = () => page.evaluate(() => ['#list', '#list .toolbar', '#chips', '#result-count'].map((s) => {
    const node = /** @type {HTMLElement} */ (document.querySelector(s));
    return [s, node.hidden, node.style.visibility];
  }));
  assert.deepEqual(await hidden(), [['#list', true, ''], ['#list .toolbar', true, ''], ['#chips', true, ''], ['#result-count', true, '']]);
  assert.equal(await page.locator('#loading').isVisible(), true);
  await page.clock.runFor(500);
  await page.locator('article.card').nth(2).waitFor();
  assert.deepEqual(await hidden(), [['#list', false, ''], ['#list .toolbar', false, ''], ['#chips', false, ''], ['#result-count', false, '']]);
  await context.close();
});

test('an answer naming cards the page no longer holds is asked for again in full', async () => {
  const cached = accountRoster(SAMPLE.cards.slice(0, 3));
  const full = accountRoster(SAMPLE.cards.slice(0, 2));
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: {
      ...connectedStartup,
      cached_roster: [{ ok: { roster: cached, damaged: false } }],
      refresh: [{ ok: accountRoster([], { reuses: { listId: 9999, places: null } }) }, { ok: full }],
    },
  });
  await page.waitForFunction(() => document.querySelectorAll('article.card').length === 2);
  assert.deepEqual(
    await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'refresh').map((c) => c.args)),
    [{ held: cached.listId }, { held: null }],
  );
  await context.close();
});

test('offline: the saved list stays with an "as of" banner, and a retry comes by itself', async () => {
  const cached = accountRoster(SAMPLE.cards.slice(0, 3), { fetchedAtMs: Date.parse('2026-11-20T09:30:00Z') });
  const { page, context } = await openPage(ui.browser, ui.server.url, {
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
  const { page, context } = await openPage(ui.browser, ui.server.url, {
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
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { ...connectedStartup, refresh: [{ err: apiError('rate_limited', { retryAfterSecs: 30 }) }, { err: apiError('server_trouble', { status: 503, retryAfterSecs: 3600 }) }] },
  });
  await page.locator('#retry-countdown').waitFor();
  assert.equal(await page.locator('#retry-countdown').textContent(), 'Trying again in 30 seconds…');
  await page.clock.runFor(30_100);
  await page.waitForFunction(() => document.querySelector('#problem')?.dataset.kind === 'server_trouble');
  assert.equal(await page.locator('#retry-countdown').count(), 0);
  await context.close();
});

test('a damaged saved list is mentioned, never fatal', async () => {
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { ...connectedStartup, cached_roster: [{ ok: { roster: null, damaged: true } }], refresh: [{ ok: accountRoster(SAMPLE.cards.slice(0, 1)) }] },
  });
  await page.locator('article.card').waitFor();
  assert.equal(await page.locator('#notice').textContent(), 'The saved copy of this list was damaged and has been set aside.');
  await context.close();
});
