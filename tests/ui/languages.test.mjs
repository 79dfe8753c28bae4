// Languages: Bulgarian, Arabic right to left, and every language has every message.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, OUTPUT } from './harness.mjs';
import { ui, sampleAnswers, card, openSample } from './setup.mjs';

test('Bulgarian: follows the OS language, plurals, dates, and can be switched', async () => {
  const locales = [];
  const { page, context, problems } = await openPage(ui.browser, ui.server.url, { answers: sampleAnswers, locale: 'bg-BG' });
  page.on('request', (request) => { const name = /\/locales\/(\w+)\.js$/.exec(request.url())?.[1]; if (name) locales.push(name); });
  await page.reload();
  await page.locator('#welcome').waitFor();
  // Only the words of the language shown (and English, for any key it lacks) are loaded.
  assert.deepEqual(locales.sort(), ['bg', 'en']);
  assert.equal(await page.locator('html').getAttribute('lang'), 'bg');
  assert.equal(await page.locator('#welcome h1').textContent(), 'Вижте всеки AI асистент, който се обажда на клиентите ви');
  assert.equal(await page.locator('#connect').textContent(), 'Свържи');
  await page.click('#open-sample');
  await page.locator('article.card').first().waitFor();
  assert.equal(await page.locator('#summary').textContent(), '13 асистента · 8 активни');
  const first = card(page, '123');
  assert.equal(await first.locator('.badge-status .badge-text').textContent(), 'Активен');
  // The zone by its Bulgarian name, from Intl.
  assert.match(await first.locator('.zone').textContent(), /07:00 \(Северноамериканско източно време\)/);
  assert.equal(await first.locator('time').first().textContent(), 'миналата година');
  assert.match(await first.locator('.tip').first().textContent(), /2\.08\.2025 г\., 12:18 Гринуич\+3 във вашата часова зона/);
  await page.screenshot({ path: join(OUTPUT, 'sample-bg.png') });
  await page.selectOption('#language', 'en');
  assert.equal(await page.locator('#summary').textContent(), '13 assistants · 8 active');
  // Rust's words (the menu, the Save dialog, export headers) follow the page's language.
  const told = await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'set_language').map((c) => c.args.code));
  assert.deepEqual([told[0], told.at(-1)], ['bg', 'en']);
  assert.equal(await first.locator('.badge-status .badge-text').textContent(), 'Active');
  assert.deepEqual(problems, []);
  await context.close();
});

test('zones read the way people read them: UTC+3 for Etc/GMT-3, names in the viewer\'s language', async () => {
  const { page, context } = await openPage(ui.browser, ui.server.url);
  const places = await page.evaluate(async () => {
    const { placeOf } = await import('./time.js');
    const { setLanguage } = await import('./i18n.js');
    await setLanguage('en');
    const english = ['Etc/GMT-3', 'Etc/GMT+5', 'Etc/UTC', 'America/New_York'].map(placeOf);
    await setLanguage('de');
    const german = ['Europe/Berlin', 'Etc/GMT-3', 'No/Such_Zone'].map(placeOf);
    return { english, german };
  });
  assert.deepEqual(places.english, ['UTC+3', 'UTC−5', 'UTC', 'New York']);
  assert.deepEqual(places.german, ['Mitteleuropäische Zeit', 'UTC+3', 'Such Zone']);
  await context.close();
});

test('every language has every message', async () => {
  const { page, context } = await openPage(ui.browser, ui.server.url);
  const missing = await page.evaluate(async () => (await import('./i18n.js')).missingKeys());
  assert.deepEqual(missing, {});
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
  // An English greeting keeps its own direction in the Arabic window (its quote and "…" on the
  // left), and a value put into an Arabic sentence is isolated from it.
  const greeting = page.locator('article.card[data-id="123"] .greeting');
  assert.equal(await greeting.evaluate((p) => getComputedStyle(p).direction), 'ltr');
  assert.match(await page.locator('article.card[data-id="123"] .zone').textContent(), /\u2068[^\u2069]+\u2069/);
  await page.screenshot({ path: join(OUTPUT, 'arabic.png') });
  await page.click('article.card[data-index="0"]');
  await page.locator('dialog#detail').waitFor();
  await page.screenshot({ path: join(OUTPUT, 'arabic-detail.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
