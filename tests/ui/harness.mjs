// Serves ui/ on loopback with the app's CSP, launches Debian's Chromium headless, and stubs the
// Tauri backend so each test decides what the commands answer.

import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const UI = join(ROOT, 'ui');
export const OUTPUT = join(ROOT, 'test-output', 'ui');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** The CSP of tauri.conf.json, as the page gets it in the app. */
async function appCsp() {
  const config = JSON.parse(await readFile(join(ROOT, 'tauri.conf.json'), 'utf8'));
  return Object.entries(config.app.security.csp).map(([k, v]) => `${k} ${v}`).join('; ');
}

export async function startStaticServer() {
  const csp = await appCsp();
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(UI, path === '/' ? 'index.html' : path);
    if (!file.startsWith(UI)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': csp });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

export async function launchBrowser() {
  await mkdir(OUTPUT, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    // Playwright gives every launch a fresh, empty profile of its own.
  });
}

/**
 * Written by Rust (`the_ui_fixture_is_what_open_sample_sends` in src-tauri/lib.rs): what `open_sample` sends, every whole assistant of the
 * sample (what `assistant` answers) and its search text (what `search` looks in).
 */
const FIXTURE = JSON.parse(await readFile(join(ROOT, 'tests/fixtures/sample-roster.json'), 'utf8'));
/** What `open_sample` sends, fetched two minutes before the tests' fixed "now". */
export const SAMPLE = { ...FIXTURE.roster, fetchedAtMs: Date.parse('2026-11-22T11:58:00Z') };
/** The whole assistants of the sample, by position. */
export const SAMPLE_ASSISTANTS = FIXTURE.assistants;
export const PLATFORMS = [
  { id: 'aiployees', name: 'AIployees', base: 'https://call.aiployees.com/api' },
  { id: 'sondos', name: 'Sondos AI', base: 'https://app.sondos-ai.com/api' },
  { id: 'autocalls', name: 'Autocalls', base: 'https://app.autocalls.ai/api' },
  { id: 'famulor', name: 'Famulor', base: 'https://app.famulor.de/api' },
];

let nextListId = 100;

/** A roster of a connected (non-sample) account, with cards (e.g. some of `SAMPLE.cards`). */
export function accountRoster(cards, extra = {}) {
  return {
    listId: nextListId++,
    account: { id: 'https://call.aiployees.com/api', base: 'https://call.aiployees.com/api', label: 'AIployees', sample: false, sessionOnly: false },
    cards,
    more: 0,
    reuses: null,
    gaps: { skipped: 0, tooLarge: 0, overLimit: null, morePages: false },
    fetchedAtMs: Date.parse('2026-11-22T11:58:00Z'),
    ...extra,
  };
}

export function apiError(kind, extra = {}) {
  return { kind, message: `${kind} detail`, status: null, retryAfterSecs: null, reason: null, ...extra };
}

/** Every list among the stubbed answers, by list id: `search` and `assistant` answer from them. */
function listsIn(answers) {
  const lists = {};
  for (const answer of Object.values(answers).flat()) {
    for (const roster of [answer?.ok, answer?.ok?.roster]) {
      if (roster && Array.isArray(roster.cards)) lists[roster.listId] = roster.cards;
    }
  }
  return lists;
}

/**
 * Opens the page with a stubbed backend. `answers` maps a command to a list of answers used in
 * turn (the last one repeats): `{ ok: value }` or `{ err: AppError }`. Unless stubbed, `search`
 * and `assistant` answer like Rust does for the lists among the answers: a card from the sample
 * has its whole assistant and search text from the fixture; any other card stands for itself.
 * `init` runs in the page before its own scripts (to stand for another system, say).
 */
export async function openPage(browser, url, { answers = {}, locale = 'en-US', timezoneId = 'Europe/Sofia', colorScheme = 'light', now = '2026-11-22T12:00:00Z', viewport = { width: 1200, height: 820 }, init = null } = {}) {
  const context = await browser.newContext({ locale, timezoneId, colorScheme, viewport });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  page.on('dialog', (dialog) => { problems.push(`dialog: ${dialog.message()}`); void dialog.dismiss(); });
  await page.clock.install({ time: new Date(now) });
  await page.addInitScript((config) => {
    const queues = config.answers;
    const sampleIndex = new Map(config.sampleIds.map((id, i) => [id, i]));
    // A card's date is a number, or the text as sent when unreadable; an assistant's is both, and
    // keeps the sample's text when the card has the sample's date.
    const stampOf = (time, known) => (time === null || time === undefined ? null
      : known && (known.epochMs ?? known.raw) === time ? known
        : typeof time === 'number' ? { raw: new Date(time).toISOString(), epochMs: time } : { raw: time, epochMs: null });
    const fromCard = (card, base) => ({ id: card.id, name: card.name, mode: card.mode, status: card.status, timezone: card.timezone,
      isWebhookActive: card.isWebhookActive, createdAt: stampOf(card.createdAt, base?.createdAt), updatedAt: stampOf(card.updatedAt, base?.updatedAt) });
    const wholeOf = (card) => {
      const i = sampleIndex.get(card.id);
      const base = i === undefined
        ? { userId: null, kind: null, voiceId: null, languageId: null, initialMessage: card.greeting, systemPrompt: null, variables: [], webhookUrl: null }
        : config.assistants[i];
      return { ...base, ...fromCard(card, base) };
    };
    // Folded as Rust folds (the page's own copy of the rules, ui/fold.js).
    const folding = () => import(new URL('fold.js', location.href).href);
    const textOf = (card, fold) => {
      const i = sampleIndex.get(card.id);
      return i === undefined ? fold([card.name, card.id, card.greeting].filter(Boolean).join('\0')) : config.searchText[i];
    };
    const builtIn = {
      search: async ({ listId, query }) => {
        const { fold } = await folding();
        return (config.lists[listId] ?? []).map((card) => Number(textOf(card, fold).includes(fold(query.trim()))));
      },
      assistant: ({ listId, position }) => {
        const card = config.lists[listId]?.[position];
        return card ? wholeOf(card) : null;
      },
    };
    window.__calls = [];
    // Events from Rust (the native menu): a test sends one with `window.__emit(name, payload)`.
    const listeners = {};
    window.__emit = (name, payload) => (listeners[name] ?? []).forEach((listener) => listener({ payload }));
    window.__TAURI__ = {
      event: {
        listen: async (name, listener) => {
          (listeners[name] ??= []).push(listener);
          return () => {};
        },
      },
      core: {
        invoke: async (cmd, args) => {
          window.__calls.push({ cmd, args });
          if (!queues[cmd] && builtIn[cmd]) return builtIn[cmd](args);
          const queue = queues[cmd] ?? [];
          const answer = queue.length > 1 ? queue.shift() : queue[0];
          if (!answer) throw { kind: 'unknown', message: `no stub for ${cmd}` };
          if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
          if ('err' in answer) throw answer.err;
          return answer.ok;
        },
      },
    };
  }, {
    sampleIds: SAMPLE.cards.map((c) => c.id),
    assistants: FIXTURE.assistants,
    searchText: FIXTURE.searchText,
    lists: listsIn({ open_sample: [{ ok: SAMPLE }], ...answers }),
    answers: {
      cached_roster: [{ ok: { roster: null, damaged: false } }],
      list_shown: [{ ok: null }],
      // No review memory unless a test gives one (as for the sample or a session-only account).
      list_review: [{ ok: null }],
      assistant_timeline: [{ ok: [] }],
      // No rules unless a test gives them.
      list_rules: [{ ok: null }],
      assistant_rules: [{ ok: null }],
      recoverable_accounts: [{ ok: [] }],
      lookups: [{ ok: { voices: [['8', 'Sarah (US English, warm)']], languages: [['1', 'English (US)']] } }],
      ...answers,
      // Every start-up answer carries what Rust always sends with it.
      startup: (answers.startup ?? [{ ok: { platforms: PLATFORMS, account: null, accounts: [] } }])
        .map((answer) => ('ok' in answer ? { ...answer, ok: { greetingLimit: 200, settingsSetAside: null, ...answer.ok } } : answer)),
    },
  });
  await page.goto(url);
  return { page, context, problems };
}
