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

/** What `open_sample` sends, fetched two minutes before the tests' fixed "now". */
export const SAMPLE = {
  ...JSON.parse(await readFile(join(ROOT, 'tests/fixtures/sample-roster.json'), 'utf8')),
  fetchedAtMs: Date.parse('2026-11-22T11:58:00Z'),
};
export const PLATFORMS = [
  { id: 'aiployees', name: 'AIployees', base: 'https://call.aiployees.com/api' },
  { id: 'sondos', name: 'Sondos AI', base: 'https://app.sondos-ai.com/api' },
  { id: 'autocalls', name: 'Autocalls', base: 'https://app.autocalls.ai/api' },
  { id: 'famulor', name: 'Famulor', base: 'https://app.famulor.de/api' },
];

/** A roster of a connected (non-sample) account. */
export function accountRoster(assistants, extra = {}) {
  return {
    account: { id: 'https://call.aiployees.com/api', base: 'https://call.aiployees.com/api', label: 'AIployees', sample: false, sessionOnly: false },
    assistants,
    skipped: 0,
    fetchedAtMs: Date.parse('2026-11-22T11:58:00Z'),
    ...extra,
  };
}

export function apiError(kind, extra = {}) {
  return { kind, message: `${kind} detail`, status: null, retryAfterSecs: null, reason: null, ...extra };
}

/**
 * Opens the page with a stubbed backend. `answers` maps a command to a list of answers used in
 * turn (the last one repeats): `{ ok: value }` or `{ err: AppError }`.
 */
export async function openPage(browser, url, { answers = {}, locale = 'en-US', timezoneId = 'Europe/Sofia', colorScheme = 'light', now = '2026-11-22T12:00:00Z', viewport = { width: 1200, height: 820 } } = {}) {
  const context = await browser.newContext({ locale, timezoneId, colorScheme, viewport });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  page.on('dialog', (dialog) => { problems.push(`dialog: ${dialog.message()}`); void dialog.dismiss(); });
  await page.clock.install({ time: new Date(now) });
  await page.addInitScript((config) => {
    const queues = config.answers;
    window.__calls = [];
    window.__TAURI__ = {
      core: {
        invoke: async (cmd, args) => {
          window.__calls.push({ cmd, args });
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
    answers: {
      startup: [{ ok: { platforms: PLATFORMS, account: null, accounts: [] } }],
      cached_roster: [{ ok: { roster: null, damaged: false } }],
      lookups: [{ ok: { voices: [['8', 'Sarah (US English, warm)']], languages: [['1', 'English (US)']] } }],
      ...answers,
    },
  });
  await page.goto(url);
  return { page, context, problems };
}
