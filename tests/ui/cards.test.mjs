// The cards of a list: badges, times in both zones, the dark theme, an empty account, unreadable
// items, and data that tries to be HTML.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, SAMPLE, accountRoster, OUTPUT } from './harness.mjs';
import { ui, sampleAnswers, connectedStartup, card, openSample } from './setup.mjs';

test('sample account: 13 cards, count, badges with text, times in the viewer zone and the assistant zone', async () => {
  const { page, context, problems } = await openPage(ui.browser, ui.server.url, { answers: sampleAnswers });
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
  // The voice and language by name once the platform's lists come; an id it does not name stays.
  await page.waitForFunction(() => document.querySelector('article[data-id="123"] .speaks')?.textContent.startsWith('Sarah'));
  assert.equal(await first.locator('.speaks').textContent(), 'Sarah (US English, warm) · English (US)');
  assert.equal(await card(page, '128').locator('.speaks').textContent(), 'Voice #12 · English (US)');

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
  assert.equal(await night.locator('.facts dd').nth(1).textContent(), 'Mars/Olympus_Mons (not a valid time zone)');
  assert.match(await night.textContent(), /yesterday-ish \(unreadable date\)/);
  const noZone = card(page, '135');
  assert.equal(await noZone.locator('.facts dd').nth(1).textContent(), 'Not set');
  assert.match(await noZone.textContent(), /Created\s*Unknown/);

  await page.screenshot({ path: join(OUTPUT, 'sample-light.png'), fullPage: false });
  assert.deepEqual(problems, []);
  await context.close();
});

test('dark theme follows the OS', async () => {
  const { page, context } = await openPage(ui.browser, ui.server.url, { answers: sampleAnswers, colorScheme: 'dark' });
  await page.click('#open-sample');
  await page.locator('article.card').first().waitFor();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(15, 23, 42)');
  await page.screenshot({ path: join(OUTPUT, 'sample-dark.png') });
  await context.close();
});

test('empty account and unreadable items are explained', async () => {
  const { page, context } = await openPage(ui.browser, ui.server.url, {
    answers: { ...connectedStartup, refresh: [{ ok: accountRoster([]) }] },
  });
  await page.locator('#empty').waitFor();
  assert.equal(await page.locator('#empty h2').textContent(), 'No outbound assistants yet');
  assert.match(await page.locator('#empty').textContent(), /press Refresh/);
  await context.close();

  // Nothing of the answer is left out silently: each gap has its own plain notice.
  const gaps = { skipped: 1, tooLarge: 2, overLimit: 100000, morePages: true };
  const partial = await openPage(ui.browser, ui.server.url, {
    answers: { ...connectedStartup, refresh: [{ ok: accountRoster(SAMPLE.cards.slice(0, 1), { gaps }) }] },
  });
  await partial.page.locator('.notice-gap').first().waitFor();
  const notices = await partial.page.locator('.notice-gap').allTextContents();
  assert.equal(notices.length, 4);
  assert.match(notices[0], /^1 assistant could not be read and is not shown\./);
  assert.match(notices[1], /^2 assistants are too large to show and are left out\. An assistant larger than 2 MB/);
  assert.equal(notices[2], 'The platform sent more than 100,000 assistants. Only the first 100,000 are shown.');
  assert.match(notices[3], /more pages\. Only the first page is shown/);
  await partial.context.close();
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
  const { page, context, problems } = await openPage(ui.browser, ui.server.url, {
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

test('larger text (Ctrl +, the View menu, the system text size) grows the cards with it: nothing is cut, not even an id or the badges beside a long name, in any language', async () => {
  for (const locale of ['en', 'de', 'bg', 'ar', 'tr', 'pt']) {
    const { page, context, problems } = await openSample({ locale });
    // A card taller than its box, an id beside a long name cut short ("ID 1…"), or the badges
    // row squeezed lower than its badges.
    const cut = () => page.evaluate(() => [...document.querySelectorAll('article.card')].flatMap((card) => [
      ...(card.scrollHeight > card.clientHeight + 1 ? [card.dataset.id] : []),
      ...[...card.querySelectorAll('.card-id')].filter((id) => id.scrollWidth > id.clientWidth + 1).map(() => `${card.dataset.id} id`),
      ...([...card.querySelectorAll('.badges > .badge')].some((badge) => badge.scrollHeight > badge.clientHeight + 1) ? [`${card.dataset.id} badges`] : []),
    ]));
    assert.deepEqual(await cut(), [], `${locale} 100 %`);
    // Three steps up: 110, 125, 150 %.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Equal');
    await page.waitForFunction(() => getComputedStyle(document.documentElement).fontSize === '22.5px');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.deepEqual(await cut(), [], `${locale} 150 %`);
    if (locale === 'de' || locale === 'ar') await page.screenshot({ path: join(OUTPUT, `zoomed-150-${locale}.png`) });
    // The menu's Zoom In twice more (175, 200 %), remembered at the next start.
    await page.evaluate(() => { window.__emit('menu', 'zoom-in'); window.__emit('menu', 'zoom-in'); });
    await page.waitForFunction(() => getComputedStyle(document.documentElement).fontSize === '30px');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.deepEqual(await cut(), [], `${locale} 200 %`);
    assert.equal(await page.evaluate(() => localStorage.getItem('assistant-roster.zoom')), '2');
    await page.keyboard.press('Control+0');
    await page.waitForFunction(() => getComputedStyle(document.documentElement).fontSize === '15px');
    assert.deepEqual(problems, []);
    await context.close();
  }
});
