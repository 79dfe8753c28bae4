// Finding assistants: search through Rust, filter chips with live counts, sort, the keyboard,
// and exporting what is shown.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUTPUT, SAMPLE, accountRoster, apiError, openPage } from './harness.mjs';
import { axe, card, connectedStartup, shownIds, openSample, ui } from './setup.mjs';

const ISTANBUL = '132';

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

test('a card that stays in view from one keystroke to the next is kept, its search marked anew', async () => {
  const { page, context } = await openSample();
  await page.fill('#search', 'f');
  const follow = page.locator('article[data-id="124"]');
  await follow.evaluate((node) => { node.dataset.seen = 'yes'; });
  await page.fill('#search', 'fol');
  assert.deepEqual(await follow.locator('h2 mark').allTextContents(), ['Fol']);
  assert.equal(await follow.getAttribute('data-seen'), 'yes');
  await page.fill('#search', 'follow');
  assert.deepEqual(await follow.locator('h2 mark').allTextContents(), ['Follow']);
  assert.equal(await follow.getAttribute('data-seen'), 'yes');
  // Another language makes the cards again.
  await page.selectOption('#language', 'de');
  await page.waitForFunction(() => document.querySelector('#result-count').textContent.endsWith('angezeigt'));
  assert.equal(await follow.getAttribute('data-seen'), null);
  await context.close();
});

test('a card that left the view comes back from a later search as it was made, its clocks written anew', async () => {
  const { page, context } = await openSample();
  await page.fill('#search', 'follow');
  const follow = page.locator('article[data-id="124"]');
  const updated = follow.locator('time').first();
  await follow.evaluate((node) => { node.dataset.seen = 'yes'; });
  const before = await updated.textContent();
  await page.fill('#search', 'софия');
  assert.equal(await follow.count(), 0);
  // Three years later, the search of before: the same card, its "… ago" as a new card says it.
  await page.clock.fastForward(3 * 365 * 24 * 60 * 60 * 1000);
  await page.fill('#search', 'follow');
  assert.equal(await follow.getAttribute('data-seen'), 'yes');
  const after = await updated.textContent();
  assert.notEqual(after, before);
  // Made anew (another language and back): the same words.
  await page.selectOption('#language', 'de');
  await page.waitForFunction(() => document.querySelector('#result-count').textContent.endsWith('angezeigt'));
  await page.selectOption('#language', 'en');
  await page.waitForFunction(() => document.querySelector('#result-count').textContent.startsWith('Showing'));
  assert.equal(await follow.getAttribute('data-seen'), null);
  assert.equal(await updated.textContent(), after);
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

test('search: Turkish İ, accents and case fold together, and the shown text is marked where found', async () => {
  const { page, context } = await openSample();
  await page.fill('#search', 'istanbul');
  assert.deepEqual(await shownIds(page), [ISTANBUL]);
  assert.equal(await page.locator(`article[data-id="${ISTANBUL}"] h2 mark`).textContent(), 'İstanbul');
  await page.fill('#search', 'aqui e o pedro');
  assert.equal(await page.locator('article.card .greeting mark').textContent(), 'Aqui é o Pedro');
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

test('the order by name of the last list is kept for the next start, and used only for the same names', async () => {
  const key = 'assistant-roster.name-order.https://call.aiployees.com/api';
  const start = async (cards, kept) => {
    const { page, context } = await openPage(ui.browser, ui.server.url, {
      answers: { ...connectedStartup, cached_roster: [{ ok: { roster: accountRoster(cards), damaged: false } }], refresh: [{ err: apiError('offline') }] },
      init: kept ? `localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(kept)})` : null,
    });
    await page.locator('article.card').nth(cards.length - 1).waitFor();
    await page.waitForFunction((k) => localStorage.getItem(k) !== null, key);
    return { page, context, ids: await shownIds(page), kept: await page.evaluate((k) => localStorage.getItem(k), key) };
  };
  const cards = SAMPLE.cards.slice(0, 5);
  const first = await start(cards, null);
  const names = cards.map((c) => c.name.trim()).sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true }));
  assert.deepEqual(first.ids, names.map((name) => cards.find((c) => c.name.trim() === name).id));
  // Positions and a hash of the names, never a name.
  const kept = JSON.parse(first.kept);
  assert.deepEqual([...kept.positions].sort(), [0, 1, 2, 3, 4]);
  for (const c of cards) assert.ok(!first.kept.includes(c.name.trim()), c.name);
  await first.context.close();
  // The same names at the next start: the kept order is the one shown (here made different on
  // purpose, to see that it is used and not made again).
  const swapped = JSON.stringify({ ...kept, positions: [kept.positions[1], kept.positions[0], ...kept.positions.slice(2)] });
  const second = await start(cards, swapped);
  assert.deepEqual(second.ids, [first.ids[1], first.ids[0], ...first.ids.slice(2)]);
  await second.context.close();
  // Another name, or a kept order that is not one: ordered as it comes.
  const renamed = cards.map((c, i) => (i === 4 ? { ...c, name: `${c.name} 2` } : c));
  const third = await start(renamed, swapped);
  assert.deepEqual(third.ids, first.ids);
  await third.context.close();
  const notAnOrder = JSON.stringify({ ...kept, positions: [0, 0, 1, 2, 3] });
  const fourth = await start(cards, notAnOrder);
  assert.deepEqual(fourth.ids, first.ids);
  // The order made anew is kept in its place once painted.
  await fourth.page.waitForFunction(([k, v]) => localStorage.getItem(k) !== v, [key, notAnOrder]);
  assert.deepEqual(JSON.parse(await fourth.page.evaluate((k) => localStorage.getItem(k), key)).positions, kept.positions);
  await fourth.context.close();
});

test('at a start, the first screen of the saved list is painted from its kept order before the whole list comes', async () => {
  const id = 'https://call.aiployees.com/api';
  const key = `assistant-roster.name-order.${id}`;
  // More assistants than a first screen asks for (120), each its own name.
  const cards = Array.from({ length: 150 }, (_, i) => ({ ...SAMPLE.cards[i % SAMPLE.cards.length], id: String(1000 + i), name: `Agent ${(i * 37) % 150}` }));
  const roster = accountRoster(cards);
  const offline = { refresh: [{ err: apiError('offline') }] };
  // The first start orders the list and keeps the order.
  const first = await openPage(ui.browser, ui.server.url, { answers: { ...connectedStartup, ...offline, cached_roster: [{ ok: { roster, damaged: false } }] } });
  await first.page.waitForFunction((k) => localStorage.getItem(k) !== null, key);
  const ids = await shownIds(first.page);
  const kept = await first.page.evaluate((k) => localStorage.getItem(k), key);
  assert.equal(await first.page.evaluate(() => localStorage.getItem('assistant-roster.opened')), id);
  await first.context.close();
  const { positions } = JSON.parse(kept);

  /**
   * A start with the kept order (and view), the whole list 2.5 s after the first screen; with
   * `opened`, the page knows that account as the one opened last.
   */
  const start = async (view, asked, opened = null) => {
    const head = { count: cards.length, cards: asked.map((p) => cards[p]), fetchedAtMs: roster.fetchedAtMs, gaps: roster.gaps };
    const init = `localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(kept)});` +
      (view ? `localStorage.setItem(${JSON.stringify(`assistant-roster.view.${id}`)}, ${JSON.stringify(JSON.stringify(view))});` : '') +
      // The account opened last has an order of its own kept (here the same).
      (opened ? `localStorage.setItem('assistant-roster.opened', ${JSON.stringify(opened)}); localStorage.setItem(${JSON.stringify(`assistant-roster.name-order.${opened}`)}, ${JSON.stringify(kept)});` : '');
    return openPage(ui.browser, ui.server.url, {
      init,
      // No voice names, and the review late (either makes the cards in view again, on purpose).
      answers: { ...connectedStartup, ...offline, lookups: [{ err: apiError('offline') }], list_review: [{ ok: null, delayMs: 5000 }], saved_head: [{ ok: head }], cached_roster: [{ ok: { roster: { ...roster, listId: roster.listId + 1 }, damaged: false }, delayMs: 2500 }] },
    });
  };

  const { page, context, problems } = await start(null, positions.slice(0, 120));
  await page.locator('article.card').first().waitFor();
  // The first frame has the rows in view; the rows around them come once it is painted.
  await page.evaluate(() => new Promise((done) => {
    const frames = (n) => (n ? requestAnimationFrame(() => frames(n - 1)) : done(undefined));
    frames(4);
  }));
  // Asked by the positions the kept order shows first; shown in that order, before the whole list.
  const asked = await page.evaluate(() => window.__calls.find((c) => c.cmd === 'saved_head').args);
  assert.deepEqual(asked, { accountId: id, positions: positions.slice(0, 120) });
  assert.equal(await page.evaluate(() => performance.getEntriesByName('saved-list-received').length), 0);
  const firstScreen = await shownIds(page);
  assert.ok(firstScreen.length > 4);
  assert.deepEqual(firstScreen, ids.slice(0, firstScreen.length));
  assert.deepEqual(firstScreen, positions.slice(0, firstScreen.length).map((p) => cards[p].id));
  // No counts yet, and the controls wait for the whole list; the whole list's size is said.
  assert.deepEqual(new Set(await page.locator('#chips .chip-count').allTextContents()), new Set(['']));
  assert.equal(await page.evaluate(() => ['#cards', '.toolbar', '#chips'].every((s) => document.querySelector(s).inert)), true);
  assert.match(await page.locator('#summary').textContent(), /^150 assistants$/);
  await page.evaluate(() => (document.querySelector('article.card').dataset.painted = 'first'));
  await page.screenshot({ path: join(OUTPUT, 'first-screen.png') });
  assert.deepEqual(await axe(page), []);
  assert.equal(await page.evaluate(() => performance.getEntriesByName('saved-list-received').length), 0, 'axe ran on the first screen');
  // The whole list: counts, controls, and the cards painted first kept as they were.
  await page.waitForFunction(() => !document.querySelector('#cards').inert);
  assert.deepEqual(await shownIds(page), firstScreen);
  assert.equal(await page.locator('article.card[data-painted="first"]').count(), 1);
  assert.ok((await page.locator('#chips .chip-count').allTextContents()).every((count) => /^\d+$/.test(count)));
  assert.match(await page.locator('#result-count').textContent(), /150/);
  assert.deepEqual(problems, []);
  await context.close();

  // Shown by name the other way round: the last of the kept order, from the end.
  const reversed = await start({ sort: 'name', reverse: true }, positions.slice(-120).reverse());
  await reversed.page.locator('article.card').first().waitFor();
  const askedBack = await reversed.page.evaluate(() => window.__calls.find((c) => c.cmd === 'saved_head').args.positions);
  assert.deepEqual(askedBack, positions.slice(-120).reverse());
  const backwards = await shownIds(reversed.page);
  assert.deepEqual(backwards, positions.slice(-backwards.length).reverse().map((p) => cards[p].id));
  await reversed.context.close();

  // Another order than by name: no first screen, the whole list as before.
  const byDate = await start({ sort: 'updated', reverse: false }, []);
  await byDate.page.locator('article.card').first().waitFor();
  assert.equal(await byDate.page.evaluate(() => window.__calls.some((c) => c.cmd === 'saved_head')), false);
  assert.equal(await byDate.page.evaluate(() => document.querySelector('#cards').inert), false);
  await byDate.context.close();

  // The account opened last is the one to open: its first screen is asked with the start, not
  // after the start's answer.
  const early = await start(null, positions.slice(0, 120), id);
  await early.page.locator('article.card').first().waitFor();
  assert.deepEqual(await early.page.evaluate(() => window.__calls.slice(0, 2).map((c) => c.cmd)), ['saved_head', 'startup']);
  assert.equal(await early.page.evaluate(() => window.__calls.filter((c) => c.cmd === 'saved_head').length), 1);
  const earlyScreen = await shownIds(early.page);
  assert.deepEqual(earlyScreen, ids.slice(0, earlyScreen.length));
  assert.equal(await early.page.evaluate(() => document.querySelector('#cards').inert), true);
  await early.context.close();

  // Another account was opened last: what was asked for it is left, and the open one's asked.
  const other = await start(null, positions.slice(0, 120), 'https://app.famulor.de/api');
  await other.page.locator('article.card').first().waitFor();
  assert.deepEqual(await other.page.evaluate(() => window.__calls.filter((c) => c.cmd === 'saved_head').map((c) => c.args.accountId)), ['https://app.famulor.de/api', id]);
  await other.context.close();
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

test('export sends the shown list, filtered and sorted (Rust knows the account and its label), and says where it went', async () => {
  const { page, context } = await openSample({
    answers: {
      export_list: [
        { ok: '/tmp/Ассистенты/assistants.xlsx' },
        { err: apiError('invalid_input', { reason: 'workbook_too_large' }) },
        { ok: '/tmp/assistants.html' },
        { ok: '/tmp/assistant.html' },
      ],
      show_export: [{ err: apiError('internal') }],
    },
  });
  await page.click('[data-chip="status:inactive"]');
  await page.click('#export-xlsx');
  // In view, not only for screen readers: where the file is, and a way to it.
  await page.waitForSelector('#export-result:not([hidden])');
  assert.equal(await page.locator('#export-path').textContent(), '/tmp/Ассистенты/assistants.xlsx');
  assert.equal(await page.locator('#status').textContent(), 'Saved to /tmp/Ассистенты/assistants.xlsx');
  const call = await page.evaluate(() => window.__calls.find((c) => c.cmd === 'export_list').args);
  assert.equal(call.format, 'xlsx');
  assert.deepEqual(Object.keys(call).sort(), ['format', 'listId', 'positions']);
  assert.equal(call.listId, SAMPLE.listId);
  assert.deepEqual(call.positions.map((p) => SAMPLE.cards[p].id), ['124', '134', '129']);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'export-saved.png') });
  // No file manager: the path stays, with words saying so.
  await page.click('#export-show');
  await page.waitForSelector('#export-result .muted');
  assert.match(await page.locator('#export-result').innerText(), /could not be opened from here/);
  assert.equal(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'show_export').length), 1);
  // A failed export says so in plain words, as an export error.
  await page.click('#export-csv');
  await page.waitForSelector('#export-result.export-failed');
  assert.equal(
    await page.locator('#export-result p').textContent(),
    'The export could not be saved. This list is more than an Excel workbook can hold. Export it as CSV or JSON instead.',
  );
  assert.deepEqual(await axe(page), []);
  await page.click('#export-dismiss');
  assert.equal(await page.locator('#export-result').isHidden(), true);
  // "Print…" saves the shown list as a page (Rust opens it in the browser), and so does the
  // detail view for its one assistant.
  assert.match(await page.locator('#export-html').getAttribute('title'), /opens it in your browser/);
  await page.click('#export-html');
  await page.waitForSelector('#export-result:not([hidden])');
  assert.equal(await page.locator('#export-path').textContent(), '/tmp/assistants.html');
  await card(page, '129').click();
  await page.click('#detail-print');
  await page.waitForFunction(() => document.querySelector('#export-path')?.textContent === '/tmp/assistant.html');
  const printed = await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'export_list').slice(2).map((c) => c.args));
  assert.deepEqual(printed.map((c) => [c.format, c.positions.map((p) => SAMPLE.cards[p].id)]), [['html', ['124', '134', '129']], ['html', ['129']]]);
  await context.close();
});

test('after a refresh, the order by name mended from the last one is the order made anew', async () => {
  const { page, context } = await openSample();
  const trials = await page.evaluate(async (cards) => {
    const view = await import('/view.js');
    // A small, seeded generator: the same trials every run.
    let seed = 7;
    const random = (n) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const names = ['Ada', 'ada', 'Bo', 'Émile', 'Zoë', 'item 2', 'item 10', '', 'Ça va', 'bo'];
    const card = (i) => ({ ...cards[i % cards.length], name: names[random(names.length)] });
    const fresh = () => Array.from({ length: 30 + random(20) }, (_, i) => card(i));
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    const byName = (x, y) => collator.compare(x.name, y.name) || x.position - y.position;
    const filters = view.defaultFilters();
    const results = [];
    for (let trial = 0; trial < 200; trial++) {
      let entries = view.buildEntries(fresh());
      view.applyView(entries, filters, null, 'en');
      // A refresh: cards kept (most in place, some moved or dropped), a few new or renamed.
      const places = [];
      const sent = [];
      for (let p = 0; p < entries.length; p++) {
        const roll = random(20);
        if (roll === 0) continue; // dropped
        if (roll === 1) { places.push(null); sent.push(card(p)); } else if (roll === 2) places.push(random(entries.length));
        else places.push(p);
      }
      if (random(2)) { places.push(null); sent.push(card(3)); }
      const again = view.entriesAgain(entries, places, sent);
      const shown = view.applyView(again, filters, null, 'en').shown.map((e) => e.position);
      const expected = [...again].sort(byName).map((e) => e.position);
      results.push(JSON.stringify(shown) === JSON.stringify(expected));
    }
    return results;
  }, SAMPLE.cards);
  assert.equal(trials.filter(Boolean).length, trials.length);
  await context.close();
});
