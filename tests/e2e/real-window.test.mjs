// The built app in a real window (Xvfb), driven through tauri-driver and WebKitWebDriver,
// against the mock platform on 127.0.0.1 and the real Secret Service of the test session.
// Run by scripts/test.sh, which provides the display, the D-Bus session and an unlocked keyring.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { Session, startDriver, until } from './webdriver.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APP = process.env.APP_BINARY ?? join(ROOT, 'target/debug/assistant-roster');
const MOCK = process.env.MOCK_SERVER_BINARY ?? join(ROOT, 'target/debug/mock-server');
const OUTPUT = join(ROOT, 'test-output', 'real-window');
const KEY = `e2e-key-${process.pid}-Zq7`;
const SERVICE = 'com.assistantroster.desktop';

let mock;
let mockBase;
before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  mock = spawn(MOCK, ['--port', '0', '--key', KEY], { stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = await new Promise((resolve) => createInterface({ input: mock.stdout }).once('line', resolve));
  mockBase = /(http:\/\/127\.0\.0\.1:\d+\/api)/.exec(firstLine)[1];
});
after(() => {
  mock?.kill();
  // A test that failed midway leaves its app running (the drivers are gone, not the app), and
  // the app holds the runner's output open: the runner would wait for it for ever.
  spawnSync('pkill', ['-f', `^${APP}`]);
  // Child processes of the drivers (WebKit helpers) can keep a pipe of ours open after every test
  // has finished: name what is still open, then end, so the run never waits on them.
  setTimeout(() => {
    const open = process._getActiveHandles().map((h) => h.constructor?.name);
    if (open.length) console.error(`real-window: ending with open handles: ${open.join(', ')}`);
    process.exit(process.exitCode ?? 0);
  }, 3000).unref();
});

/**
 * A fresh app profile: its own config, data (WebKit storage) and cache folders; the keyring is
 * the test session's. `config` is the root of all three.
 */
function appEnv(extra = {}) {
  const config = mkdtempSync(join(tmpdir(), 'roster-e2e-profile-'));
  const dirs = { XDG_CONFIG_HOME: join(config, 'config'), XDG_DATA_HOME: join(config, 'data'), XDG_CACHE_HOME: join(config, 'cache') };
  for (const dir of Object.values(dirs)) mkdirSync(dir);
  // The desktop's browser for web pages is tests/e2e/fake-browser.sh, which notes what it is
  // asked to open in ROSTER_TEST_OPENED (xdg-open finds it as a person's default would be).
  mkdirSync(join(dirs.XDG_DATA_HOME, 'applications'));
  writeFileSync(join(dirs.XDG_DATA_HOME, 'applications', 'roster-test-browser.desktop'),
    `[Desktop Entry]\nType=Application\nName=Test browser\nExec=${join(ROOT, 'tests/e2e/fake-browser.sh')} %u\nMimeType=text/html;\n`);
  writeFileSync(join(dirs.XDG_CONFIG_HOME, 'mimeapps.list'), '[Default Applications]\ntext/html=roster-test-browser.desktop\n');
  const opened = join(config, 'opened-in-browser');
  return { config, env: { ...process.env, ...dirs, ROSTER_TEST_OPENED: opened, ...extra } };
}

/**
 * Prints a page as the user's browser would, with headless Chromium, to PDF, and its first page
 * to a PNG in test-output. Returns the PDF's page count.
 */
function printToPng(page, png) {
  const profile = mkdtempSync(join(tmpdir(), 'roster-print-'));
  const pdf = join(profile, 'page.pdf');
  const printed = spawnSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`,
    `file://${page}`], { encoding: 'utf8', timeout: 60000 });
  assert.ok(existsSync(pdf), `Chromium printed no PDF: ${printed.stderr}`);
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
  const converted = spawnSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, png.replace(/\.png$/, '')], { encoding: 'utf8' });
  assert.equal(converted.status, 0, converted.stderr);
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

/** Switches what the mock platform answers. */
async function scenario(name) {
  const response = await fetch(`${mockBase.replace(/\/api$/, '')}/__mock/scenario/${name}`, { method: 'PUT' });
  assert.equal(response.status, 200, name);
}

/** The key stored for an account, read straight from the Secret Service with secret-tool. */
function keyringLookup(account) {
  const result = spawnSync('secret-tool', ['lookup', 'service', SERVICE, 'username', account], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout : null;
}

/**
 * Every file below `dir`, for looking for the key where it must not be. The webview writes
 * caches while it runs (a shader cache's temporary files come and go): a file gone before it
 * is looked at is left out.
 */
function filesBelow(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((path) => statSync(path, { throwIfNoEntry: false })?.isFile());
}

/** Each file below `dir` with its bytes, leaving out one gone before it is read (see filesBelow). */
function contentsBelow(dir) {
  return filesBelow(dir).flatMap((file) => {
    try {
      return [{ file, bytes: readFileSync(file) }];
    } catch (error) {
      if (error.code === 'ENOENT') return [];
      throw error;
    }
  });
}

/** Chooses "Other", enters the mock server's address and key as a user would, and connects. */
async function connectToMock(app, cards = 2) {
  await app.execute(`const s = document.querySelector('#platform'); s.value = 'other'; s.dispatchEvent(new Event('change'));`);
  await app.type(await app.waitFor('#address'), mockBase);
  await app.type(await app.find('#api-key'), KEY);
  await app.click(await app.find('#connect'));
  await until(async () => (await app.findAll('article.card')).length === cards, `${cards} cards`, 20000);
}

/**
 * "Remove account from this computer" and the system's own question, answered by pressing its
 * Remove button through the accessibility bus (WebDriver reaches only the page). With `shot`,
 * the screen is saved while the question shows.
 */
async function removeAccount(app, shot) {
  await app.click(await app.find('#sign-out'));
  const args = [join(ROOT, 'tests/e2e/press-button.py'), 'from this computer?', 'Remove from this computer'];
  if (shot) args.push(shot);
  const pressed = spawnSync('/usr/bin/python3', args, { encoding: 'utf8', timeout: 45000 });
  if (pressed.status !== 0) {
    const page = await app.execute(`return { focus: document.activeElement?.id, busy: document.body.getAttribute('aria-busy'), status: document.querySelector('[role=status]')?.innerText }`).catch((e) => String(e));
    // The app's last errors, as its diagnostic information gives them to support.
    const diagnostics = await app.execute(`return window.__TAURI__.core.invoke('diagnostics').catch(String)`).catch((e) => String(e));
    const folder = /^Log folder: (.+)$/m.exec(String(diagnostics))?.[1];
    const logFile = folder && join(folder, 'assistant-roster.log');
    const log = logFile && existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '(none)';
    assert.fail(`${pressed.stderr}\nthe page: ${JSON.stringify(page)}\nthe app: ${diagnostics}\nits log's end:\n${log}`);
  }
}

async function withApp(extraEnv, body) {
  const { config, env } = appEnv(extraEnv);
  const driver = await startDriver(env, extraEnv.capture);
  let session;
  try {
    session = await Session.open(driver.base, APP);
    await body(session, config);
  } finally {
    await session?.close().catch(() => {});
    await driver.stop();
  }
}

test('connect to the mock platform, see the two documented cards, sign out, key gone', async () => {
  await withApp({}, async (app, config) => {
    await app.waitFor('#connect-form');
    writeFileSync(join(OUTPUT, 'welcome.png'), await app.screenshot());

    await connectToMock(app);
    // What a person sees: the rendered text (innerText) of each card's heading. WebDriver's own
    // text command returns "" for the -webkit-box line clamp in WebKitWebDriver.
    const names = await until(async () => {
      const texts = await app.execute(`return [...document.querySelectorAll('article.card h2')].map((h) => h.innerText)`);
      return texts.every(Boolean) && texts; // painted (content-visibility skips unpainted cards)
    }, 'card names to paint');
    assert.deepEqual(names, ['Follow-up Assistant', 'Sales Outbound Assistant'], 'both, sorted by name');
    assert.equal(await app.text(await app.find('#summary')), '2 assistants · 1 active');
    writeFileSync(join(OUTPUT, 'connected.png'), await app.screenshot());

    // The key is in the OS keyring, and in no file the app wrote.
    assert.equal(keyringLookup(mockBase), KEY);
    const settings = JSON.parse(readFileSync(join(config, 'config', 'com.assistantroster.desktop', 'settings.json'), 'utf8'));
    assert.equal(settings.active, mockBase);
    for (const { file, bytes } of contentsBelow(config)) assert.ok(!bytes.includes(KEY), file);
    // The page never holds it either.
    assert.equal(await app.execute(`return document.documentElement.outerHTML.includes(arguments[0]) || document.querySelector('#api-key').value !== ''`, [KEY]), false);

    await removeAccount(app, join(OUTPUT, 'remove-account-question.png'));
    await app.waitFor('#signed-out-note');
    await app.waitFor('#connect-form');
    assert.equal(keyringLookup(mockBase), null, 'the key left the keyring');
    const after = JSON.parse(readFileSync(join(config, 'config', 'com.assistantroster.desktop', 'settings.json'), 'utf8'));
    assert.deepEqual(after, { accounts: [], active: null });
  });
});

test('a slow platform: connecting says it is waiting, and Stop ends it with nothing saved', async () => {
  await scenario('slow?ms=60000');
  try {
    await withApp({}, async (app) => {
      await app.waitFor('#connect-form');
      await app.execute(`const s = document.querySelector('#platform'); s.value = 'other'; s.dispatchEvent(new Event('change'));`);
      await app.type(await app.waitFor('#address'), mockBase);
      await app.type(await app.find('#api-key'), KEY);
      await app.click(await app.find('#connect'));
      await until(async () => (await textOf(app, '#connect-progress .progress-line')) === 'Waiting for the platform…', 'the waiting line', 20000);
      writeFileSync(join(OUTPUT, 'connect-waiting.png'), await app.screenshot());
      await app.click(await app.find('#connect-progress .stop-loading'));
      await until(async () => /Loading stopped/.test((await textOf(app, '#connect-error')) ?? ''), 'stopped, in words', 10000);
      assert.equal(keyringLookup(mockBase), null, 'nothing saved');
      assert.equal(await textOf(app, '#connect-progress'), '', 'the progress line is gone');
    });
  } finally {
    await scenario('docs');
  }
});

/**
 * The review memory of a profile, asked through the sqlite3 command line (the app's own file,
 * read the way any tool would): answers the query's output, trimmed; '' before the file exists.
 */
function memory(config, sql) {
  const db = join(config, 'data', 'com.assistantroster.desktop', 'review-memory.sqlite3');
  if (!existsSync(db)) return '';
  const run = spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim();
}

/** Offline copies marked as on their way to the screen, and saved lists of all kinds. */
const openingMarks = (config) => Number(memory(config, 'SELECT count(*) FROM offline WHERE opening') || 0);
const savedLists = (config) => Number(memory(config, 'SELECT count(*) FROM offline') || 0);

test('a stored key opens the list at the next launch with no question asked', async () => {
  const { config, env } = appEnv();
  const driver = await startDriver(env);
  try {
    const first = await Session.open(driver.base, APP);
    await first.waitFor('#connect-form');
    await connectToMock(first);
    // Once the page has painted the cards, the list is recorded: the offline copy, in the store.
    await until(() => savedLists(config) === 1, 'the list recorded as the offline copy', 20000);
    await first.close();

    // A new process of the app, same profile: straight to the cards.
    const second = await Session.open(driver.base, APP);
    await until(async () => (await second.findAll('article.card')).length === 2, 'two cards after relaunch', 20000);
    assert.equal(await second.execute(`return document.querySelector('#welcome').hidden`), true);
    // Painted first from the order kept at the last start, read by position from the review
    // memory, then the whole list.
    await until(async () => second.execute(`return performance.getEntriesByName('list-rendered').length > 0`), 'the whole list after the first screen', 20000);
    assert.equal(await second.execute(`return performance.getEntriesByName('first-screen-rendered').length`), 1);
    await until(() => openingMarks(config) === 0, 'the relaunched cards confirmed', 20000);
    await second.close();

    // As if the app had closed while showing the list: its mark stays. The next start does not
    // open that list by itself; it says so, and fetching again shows the list.
    memory(config, 'UPDATE offline SET opening = 1');
    const third = await Session.open(driver.base, APP);
    await until(async () => (await third.execute(`return document.querySelector('#problem-title')?.textContent ?? null`)) === 'The saved list was not opened', 'the held list said', 20000);
    writeFileSync(join(OUTPUT, 'saved-list-held.png'), await third.screenshot());
    await third.click(await third.find('#retry'));
    await until(async () => (await third.findAll('article.card')).length === 2, 'two cards fetched again', 20000);
    await until(() => openingMarks(config) === 0, 'the fetched cards confirmed', 20000);
    await removeAccount(third);
    await third.waitFor('#connect-form');
    assert.equal(keyringLookup(mockBase), null);
    await third.close();
  } finally {
    await driver.stop();
  }
});

for (const [theme, extra] of [['light', {}], ['dark', { GTK_THEME: 'Adwaita:dark' }]]) {
  test(`the sample account in the real window (${theme})`, async () => {
    await withApp(extra, async (app) => {
      await app.click(await app.waitFor('#open-sample'));
      await until(async () => (await app.findAll('article.card')).length === 13, 'thirteen cards');
      const dark = await app.execute(`return matchMedia('(prefers-color-scheme: dark)').matches`);
      assert.equal(dark, theme === 'dark');
      writeFileSync(join(OUTPUT, `sample-${theme}.png`), await app.screenshot());
      // A two-line name ("Helios Solar – Appointment Setter") leaves the badges under it whole.
      const squeezed = await app.execute(`return [...document.querySelectorAll('article.card .badges > .badge')].filter((badge) => badge.scrollHeight > badge.clientHeight + 1).map((badge) => badge.closest('article').dataset.id)`);
      assert.deepEqual(squeezed, [], 'badges rows squeezed');
      if (theme === 'light') {
        // Ctrl+= typed on the window, as a person would: the native menu's Zoom In takes it.
        const textSize = () => app.execute(`return getComputedStyle(document.documentElement).fontSize`);
        const window = spawnSync('xdotool', ['search', '--onlyvisible', '--name', 'Assistant Roster'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
        spawnSync('xdotool', ['windowfocus', '--sync', window]);
        for (let i = 0; i < 3; i++) spawnSync('xdotool', ['key', '--window', window, 'ctrl+equal']);
        await until(async () => (await textSize()) === '22.5px', 'text at 150 %');
        const cut = await app.execute(`return [...document.querySelectorAll('article.card')].filter((c) => c.scrollHeight > c.clientHeight + 1).length`);
        assert.equal(cut, 0, 'no card cut at 150 %');
        writeFileSync(join(OUTPUT, 'sample-150.png'), await app.screenshot());
        spawnSync('xdotool', ['key', '--window', window, 'ctrl+0']);
        await until(async () => (await textSize()) === '15px', 'text back to its size');

        // The table view: a row per assistant, in the real window's WebKit.
        await app.click(await app.find('#layout-table'));
        await until(async () => (await app.findAll('#table-rows [role="row"]')).length === 13, 'thirteen rows');
        assert.equal(await app.execute(`return document.querySelector('#cards').hidden`), true);
        writeFileSync(join(OUTPUT, 'table.png'), await app.screenshot());
        await app.click(await app.find('#layout-cards'));

        // F1 typed on the window (Help > Assistant Roster Help) opens the help.
        spawnSync('xdotool', ['key', '--window', window, 'F1']);
        await until(async () => app.execute(`return document.querySelector('#help').open`), 'the help');
        const folders = await app.execute(`return document.querySelector('[aria-labelledby="help-files"]').textContent`);
        assert.match(folders, /com\.assistantroster\.desktop/);
        writeFileSync(join(OUTPUT, 'help.png'), await app.screenshot());
        // Check for Updates in the shipped build: no release endpoint, so nothing is asked.
        await app.click(await app.find('#help-updates'));
        await until(async () => /does not look for new versions by itself/.test(await app.execute(`return document.querySelector('#updates-body')?.textContent ?? ''`)), 'the update check');
        writeFileSync(join(OUTPUT, 'updates.png'), await app.screenshot());
      }
    });
  });
}

test('secrecy: after a whole session the key is in no file, no output and no command answer', async () => {
  const output = [];
  await withApp({ capture: output }, async (app, profile) => {
    await scenario('docs');
    await app.waitFor('#connect-form');
    await connectToMock(app);
    await app.click(await app.find('#refresh'));
    await until(async () => !(await app.execute('return document.body.getAttribute("aria-busy") === "true"')), 'refresh done');
    await scenario('server-error');
    await app.click(await app.find('#refresh'));
    await app.waitFor('#problem h2');
    await app.click(await app.find('#cancel-retry'));
    await scenario('docs');

    // Every command the page may call, straight through the IPC: none answers with the key.
    const answers = await app.execute(`
      const invoke = window.__TAURI__.core.invoke;
      const all = {};
      for (const [cmd, args] of [['startup', {}], ['refresh', {}], ['cached_roster', {}], ['open_sample', {}],
                                 ['connect', { base: arguments[0], key: arguments[1] }], ['diagnostics', {}]]) {
        try { all[cmd] = await invoke(cmd, args); } catch (e) { all[cmd] = e; }
      }
      return JSON.stringify(all);`, [mockBase, KEY]);
    assert.ok(answers.includes('Sales Outbound Assistant'), 'the commands answered');
    assert.ok(!answers.includes(KEY), 'no command answer holds the key');
    // The diagnostic information names the trouble (the server error) and the platform, and
    // nothing of the list.
    const diagnostics = JSON.parse(answers).diagnostics;
    assert.match(diagnostics, /server_trouble: the platform had a problem \(HTTP 500\)/);
    assert.ok(diagnostics.includes(mockBase), diagnostics);
    assert.ok(!diagnostics.includes('Sales Outbound Assistant'), diagnostics);
    // The log, in the OS log folder, says the same.
    const log = join(profile, 'data', 'com.assistantroster.desktop', 'logs', 'assistant-roster.log');
    await until(() => existsSync(log) && readFileSync(log, 'utf8').includes('server_trouble'), 'the log');

    await removeAccount(app);
    await app.waitFor('#connect-form');
    const files = filesBelow(profile);
    assert.ok(files.some((f) => f.includes('WebKit') || f.includes('localstorage') || f.includes('data')), `webview data was written: ${files.length} files`);
    for (const { file, bytes } of contentsBelow(profile)) assert.ok(!bytes.includes(KEY), `key found in ${file}`);
  });
  const printed = output.join('');
  assert.ok(!printed.includes(KEY), 'the key is not in the app output');
});

test('webview lockdown: no inline script, no remote navigation, no new window, data shown as text', async () => {
  await withApp({}, async (app) => {
    await scenario('hostile-strings');
    await app.waitFor('#connect-form');
    await connectToMock(app);
    const name = await app.execute(`return [...document.querySelectorAll('article.card h2')].map((h) => h.textContent).find((t) => t.startsWith('Name '))`);
    assert.ok(name.startsWith('Name <img src=x onerror='), name);
    // The payload in every field stayed text: no element was made of it, nothing ran.
    assert.equal(await app.execute(`return document.querySelectorAll('#cards img, #cards script').length`), 0);
    writeFileSync(join(OUTPUT, 'hostile-strings.png'), await app.screenshot());

    // Markup injected on purpose still cannot run script: the CSP forbids inline code.
    await app.execute(`
      document.body.insertAdjacentHTML('beforeend', '<img src="x" onerror="document.title=\\'pwned\\'">');
      const s = document.createElement('script'); s.textContent = "document.title='pwned'"; document.body.append(s);
      const a = document.createElement('a'); a.href = "javascript:document.title='pwned'"; document.body.append(a); a.click();`);
    await new Promise((r) => setTimeout(r, 500));
    assert.notEqual(await app.execute('return document.title'), 'pwned');

    // Navigation away from the app and new windows are refused (targets on loopback only).
    const target = mockBase.replace(/\/api$/, '/__mock/none');
    await app.execute(`window.open(arguments[0]); location.href = arguments[0];`, [target]);
    await new Promise((r) => setTimeout(r, 800));
    assert.match(await app.execute('return location.href'), /^tauri:\/\/localhost(\/|$)/);
    assert.equal((await app.windowHandles()).length, 1);
    assert.equal(await app.execute(`return document.querySelectorAll('article.card').length`), 2);
    await scenario('docs');
  });
});

test('keyring unavailable: the real app offers a session-only key and writes nothing', async () => {
  const output = [];
  await withApp({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/roster-bus', capture: output }, async (app, profile) => {
    await app.waitFor('#connect-form');
    await app.execute(`const s = document.querySelector('#platform'); s.value = 'other'; s.dispatchEvent(new Event('change'));`);
    await app.type(await app.waitFor('#address'), mockBase);
    await app.type(await app.find('#api-key'), KEY);
    await app.click(await app.find('#connect'));
    await app.waitFor('#session-only', 20000);
    const message = await app.execute(`return document.querySelector('#connect-error').innerText`);
    assert.match(message, /No keyring service is running on this computer/);
    writeFileSync(join(OUTPUT, 'keyring-unavailable.png'), await app.screenshot());
    await app.click(await app.find('#session-only'));
    await until(async () => (await app.findAll('article.card')).length === 2, 'two cards', 20000);
    assert.equal(await app.execute(`return document.querySelector('#session-badge').hidden`), false);
    for (const { file, bytes } of contentsBelow(profile)) assert.ok(!bytes.includes(KEY), `key found in ${file}`);
    assert.ok(!filesBelow(profile).some((f) => f.endsWith('settings.json')), 'no account was saved');
  });
  assert.ok(!output.join('').includes(KEY));
});

/**
 * Types into the GTK Save dialog and confirms, as a person would (xdotool, on the test display).
 * When no dialog comes, the error says which windows there were and what the page showed.
 */
async function answerSaveDialog(app, path) {
  const find = () => spawnSync('xdotool', ['search', '--onlyvisible', '--name', '.'], { encoding: 'utf8' }).stdout.trim().split('\n');
  let seen = [];
  try {
    return await until(() => {
      const ids = find();
      seen = ids.map((id) => spawnSync('xdotool', ['getwindowname', id], { encoding: 'utf8' }).stdout.trim());
      for (const [i, id] of ids.entries()) {
        const name = seen[i];
        if (/save|export|запаз/i.test(name) && !/Assistant Roster/.test(name)) {
          spawnSync('xdotool', ['windowfocus', '--sync', id]);
          spawnSync('xdotool', ['key', '--window', id, 'ctrl+a']);
          spawnSync('xdotool', ['type', '--window', id, '--delay', '5', path]);
          spawnSync('xdotool', ['key', '--window', id, 'Return']);
          return true;
        }
      }
      return false;
    }, 'the Save dialog', 20000);
  } catch (error) {
    const page = await app.execute(`return [document.querySelector('#export-result')?.innerText ?? '', document.activeElement?.outerHTML.slice(0, 120) ?? '']`).catch(() => []);
    throw new Error(`${error.message}; windows: ${JSON.stringify(seen)}; the page's export result and focus: ${JSON.stringify(page)}`);
  }
}

/**
 * Chooses `path` in the GTK Open dialog as a person would: Ctrl+L for the location, the path
 * typed, Enter. The location completes what is typed as it goes (from the folder's files, read
 * meanwhile), which on a busy machine can mix into the typing: then the dialog is still there,
 * and the path is typed again.
 */
async function answerOpenDialog(path) {
  const openDialog = () => spawnSync('xdotool', ['search', '--onlyvisible', '--name', '^Open$'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  let tries = 0;
  await until(async () => {
    const id = openDialog();
    if (!id) return tries > 0;
    tries += 1;
    spawnSync('xdotool', ['windowfocus', '--sync', id]);
    spawnSync('xdotool', ['key', '--window', id, 'ctrl+l']);
    await pause(300);
    spawnSync('xdotool', ['key', '--window', id, 'ctrl+a']);
    spawnSync('xdotool', ['type', '--window', id, '--delay', '5', path]);
    await pause(300);
    spawnSync('xdotool', ['key', '--window', id, 'Return']);
    await until(async () => !openDialog(), 'the Open dialog closed', 4000).catch(() => {});
    return !openDialog();
  }, 'the Open dialog answered', 30000);
}

test('two accounts: add both, switch, open a detail view, export CSV through the Save dialog', async () => {
  // A second platform account: another mock server with its own key.
  const otherKey = `second-${process.pid}-key`;
  const other = spawn(MOCK, ['--port', '0', '--key', otherKey, '--scenario', 'generated?count=3&prompt=300'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve) => createInterface({ input: other.stdout }).once('line', resolve));
  const otherBase = /(http:\/\/127\.0\.0\.1:\d+\/api)/.exec(line)[1];
  try {
    await scenario('docs');
    await withApp({}, async (app, config) => {
      await app.waitFor('#connect-form');
      await app.type(await app.find('#account-name'), 'Agency A');
      await connectToMock(app);
      // Add the second account from the switcher.
      await app.execute(`const s = document.querySelector('#account-switcher'); s.value = '+add'; s.dispatchEvent(new Event('change'));`);
      await app.waitFor('#connect-form');
      await app.execute(`const s = document.querySelector('#platform'); s.value = 'other'; s.dispatchEvent(new Event('change'));`);
      await app.execute(`document.querySelector('#address').value = ''`);
      await app.type(await app.waitFor('#address'), otherBase);
      await app.type(await app.find('#account-name'), 'Agency B');
      await app.type(await app.find('#api-key'), otherKey);
      await app.click(await app.find('#connect'));
      await until(async () => (await app.findAll('article.card')).length === 3, 'three cards of B', 20000);
      const options = await app.execute(`return [...document.querySelectorAll('#account-switcher option')].map((o) => o.textContent)`);
      assert.deepEqual(options, ['Agency A', 'Agency B', 'Sample account', 'Add account…']);
      assert.equal(keyringLookup(otherBase), otherKey);

      // Switch back to A: its two documented assistants.
      const refreshed = `return performance.getEntriesByName('roster-received').length`;
      const before = await app.execute(refreshed);
      await app.execute(`const s = document.querySelector('#account-switcher'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));`, [mockBase]);
      await until(async () => (await app.execute(`return [...document.querySelectorAll('article.card h2')].map((h) => h.textContent).sort().join('|')`)) === 'Follow-up Assistant|Sales Outbound Assistant', 'account A again', 20000);
      // The saved list shows first and the fresh one replaces its cards: wait for the refresh.
      await until(async () => (await app.execute(refreshed)) > before, 'the refresh of A', 20000);
      await until(async () => (await app.execute(`return document.body.getAttribute('aria-busy')`)) === 'false', 'the refresh of A painted', 20000);

      // The detail view, with names looked up on the platform. (The cards are made anew when
      // the review memory's marks arrive after the refresh: find the card again if it went.)
      await until(async () => {
        try {
          await app.click(await app.find('article.card[data-id="123"]'));
          return true;
        } catch {
          return false;
        }
      }, 'the card clicked');
      await app.waitFor('dialog#detail');
      await until(async () => (await app.execute(`return document.querySelector('#detail-voice')?.textContent`)) !== null, 'detail');

      assert.equal(await app.execute(`return document.querySelector('#detail-title').textContent`), 'Sales Outbound Assistant');
      await app.click(await app.find('#detail-close'));
      // Closed, and the keyboard back on the card it was opened from, before the toolbar is used.
      await until(async () => app.execute(`return !document.querySelector('#detail').open && !!document.activeElement?.matches('article.card')`), 'the detail view closed');

      // Export CSV through the real Save dialog, then read the file back.
      const target = join(mkdtempSync(join(tmpdir(), 'roster-export-')), 'assistants.csv');
      await app.click(await app.find('#export-csv'));
      await answerSaveDialog(app, target);
      await until(() => existsSync(target), 'the exported file', 20000);
      const csv = readFileSync(target);
      assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
      const text = csv.toString('utf8');
      assert.match(text, /"Account","Agency A"\r\n/);
      assert.match(text, /Sales Outbound Assistant/);
      assert.match(text, /Follow-up Assistant/);
      assert.equal(text.split('\r\n').filter((l) => /^"12[34]",/.test(l)).length, 2);
      // Written whole and for the user only: it holds every prompt of the account.
      assert.equal(statSync(target).mode & 0o777, 0o600);

      // The Excel workbook the same way. The page says where it went, and "Show in folder" asks
      // the desktop's file manager, over the session's D-Bus, to show that file.
      const workbook = join(dirname(target), 'assistants.xlsx');
      const monitor = spawn('dbus-monitor', ["interface='org.freedesktop.FileManager1'"], { stdio: ['ignore', 'pipe', 'ignore'] });
      let heard = '';
      monitor.stdout.on('data', (chunk) => { heard += chunk; });
      try {
        await app.click(await app.find('#export-xlsx'));
        await answerSaveDialog(app, workbook);
        await until(async () => (await textOf(app, '#export-path')) === workbook, 'the export shown where it went', 20000);
        const bytes = readFileSync(workbook);
        assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a zip package');
        assert.ok(bytes.includes('xl/worksheets/sheet1.xml'), 'a workbook');
        assert.equal(statSync(workbook).mode & 0o777, 0o600);
        writeFileSync(join(OUTPUT, 'export-result.png'), await app.screenshot());
        await app.click(await app.find('#export-show'));
        await until(() => heard.includes('ShowItems') && heard.includes(`file://${workbook}`), 'the file manager asked to show the workbook', 20000);
      } finally {
        monitor.kill();
      }

      // "Print…": the shown list as one page, saved where the user says and opened in their
      // browser, which prints it (here headless Chromium, to PDF, then to a picture).
      const printPage = join(dirname(target), 'assistants.html');
      await app.click(await app.find('#export-html'));
      await answerSaveDialog(app, printPage);
      const opened = join(config, 'opened-in-browser');
      await until(() => existsSync(opened) && readFileSync(opened, 'utf8').trim() === printPage, 'the page opened in the browser', 20000);
      const html = readFileSync(printPage, 'utf8');
      assert.match(html, /<h1 dir="auto">Agency A<\/h1>/);
      assert.match(html, /<h2 dir="auto">Sales Outbound Assistant<\/h2>/);
      assert.match(html, /<h2 dir="auto">Follow-up Assistant<\/h2>/);
      assert.doesNotMatch(html, /<script|\son\w+=|src=|href=/i);
      assert.equal(statSync(printPage).mode & 0o777, 0o600);
      assert.ok(printToPng(printPage, join(OUTPUT, 'print-page.png')) >= 1);

      // Remove both accounts: keys gone.
      await removeAccount(app);
      await until(async () => (await app.execute(`return document.querySelector('#account-switcher').value`)) === otherBase, 'B opens next', 20000);
      await removeAccount(app);
      await app.waitFor('#connect-form');
      assert.equal(keyringLookup(mockBase), null);
      assert.equal(keyringLookup(otherBase), null);
    });
  } finally {
    other.kill();
  }
});

/** The rendered text of an element, or null while it is not there. */
const textOf = (app, selector) => app.execute(`return document.querySelector(arguments[0])?.innerText ?? null`, [selector]);

test('review memory: what changed between refreshes, a prompt difference, a reviewed mark that survives a restart', async () => {
  const { config, env } = appEnv();
  const database = join(config, 'data', 'com.assistantroster.desktop', 'review-memory.sqlite3');
  await scenario('team?v=1');
  let driver = await startDriver(env);
  try {
    const app = await Session.open(driver.base, APP);
    await app.waitFor('#connect-form');
    await connectToMock(app, 4);
    // The first list on record, kept in the app's local data folder.
    await until(async () => /first list the app has kept/.test((await textOf(app, '#review-summary')) ?? ''), 'the first list recorded', 20000);
    assert.ok(existsSync(database), database);

    // The platform changes; a refresh shows what.
    await scenario('team?v=2');
    await app.click(await app.find('#refresh'));
    await until(async () => /1 new · 1 removed · 2 changed/.test((await textOf(app, '#review-summary')) ?? ''), 'the changes counted', 20000);
    assert.match(await textOf(app, '#review-removed'), /Bo \(renewals\)/);
    assert.match(await textOf(app, 'article.card[data-id="9"] .badge-new'), /New/);
    assert.match(await textOf(app, 'article.card[data-id="1"] .badge-changed'), /System prompt/);
    assert.equal(await textOf(app, 'article.card[data-id="7"] .badge-changed'), null, 'Di written otherwise is unchanged');
    writeFileSync(join(OUTPUT, 'review-changes.png'), await app.screenshot());

    // Ana's prompt word by word, then marked as reviewed with a note.
    await app.click(await app.find('article.card[data-id="1"]'));
    await app.waitFor('#prompt-diff', 20000);
    assert.match(await textOf(app, '#prompt-diff del'), /polite\./);
    assert.match(await textOf(app, '#prompt-diff ins'), /warm\./);
    writeFileSync(join(OUTPUT, 'review-prompt-difference.png'), await app.screenshot());
    await app.type(await app.find('#review-note'), 'Prompt approved');
    await app.click(await app.find('#mark-reviewed'));
    await app.waitFor('#unmark-reviewed');
    await app.click(await app.find('#detail-close'));
    await until(async () => (await textOf(app, 'article.card[data-id="1"] .badge-reviewed')) !== null, 'the reviewed badge');

    // It changes again on the platform: the mark says so.
    await scenario('team?v=3');
    await app.click(await app.find('#refresh'));
    await until(async () => (await textOf(app, 'article.card[data-id="1"] .badge-review-stale')) !== null, 'changed since the review', 20000);
    // The list is on record before its review shows: it is the offline copy the restart opens.
    assert.equal(memory(config, 'SELECT count(*) FROM fetch'), '3');
    assert.equal(openingMarks(config), 0);
    await app.close();
    await driver.stop();

    // A restart (dark this time): the saved list opens with its marks.
    driver = await startDriver({ ...env, GTK_THEME: 'Adwaita:dark' });
    const again = await Session.open(driver.base, APP);
    await until(async () => (await textOf(again, 'article.card[data-id="1"] .badge-review-stale')) !== null, 'the mark after a restart', 20000);
    assert.match(await textOf(again, '#review-progress'), /Reviewed 1 of 4 assistants/);
    writeFileSync(join(OUTPUT, 'review-changes-dark.png'), await again.screenshot());
    await again.click(await again.find('article.card[data-id="1"]'));
    await again.waitFor('#review-section');
    assert.match(await textOf(again, '#review-section'), /Prompt approved/);
    await again.waitFor('#changes-summary, #prompt-diff, .changes', 20000);
    writeFileSync(join(OUTPUT, 'review-difference-dark.png'), await again.screenshot());
    await again.click(await again.find('#detail-close'));

    // The marks backed up to a file through the Save dialog, a second time over the same file
    // (the dialog asks before replacing it), then read back through the Open dialog.
    const backup = join(mkdtempSync(join(tmpdir(), 'roster-backup-')), 'marks.json');
    await again.click(await again.find('#history-settings summary'));
    for (const time of [1, 2]) {
      await again.click(await again.waitFor('#save-backup', 20000));
      await answerSaveDialog(again, backup);
      if (time === 2) {
        const replaced = spawnSync('/usr/bin/python3', [join(ROOT, 'tests/e2e/press-button.py'), 'already exists', 'Replace'], { encoding: 'utf8', timeout: 45000 });
        assert.equal(replaced.status, 0, replaced.stderr);
      }
      await until(async () => (await textOf(again, '#backup-outcome'))?.trim() === `Backup saved to ${backup}`, `backup ${time} saved`, 20000);
      assert.equal(statSync(backup).mode & 0o777, 0o600);
      await again.execute(`document.querySelector('#backup-outcome').replaceChildren()`);
    }
    assert.match(readFileSync(backup, 'utf8'), /Prompt approved/);
    await again.click(await again.find('#open-backup'));
    await answerOpenDialog(backup);
    await until(async () => /1 mark/.test((await textOf(again, '#restore-accounts')) ?? ''), 'the backup read', 20000);
    await again.click(await again.find('#restore-backup'));
    await until(async () => (await textOf(again, '#backup-outcome'))?.trim() === 'Restored. Your review marks and notes are back.', 'restored', 20000);

    await removeAccount(again);
    await again.waitFor('#connect-form');
    assert.equal(keyringLookup(mockBase), null);
    await again.close();
  } finally {
    await driver.stop();
    await scenario('docs');
  }
});

test('review rules: a phrase that must not appear fails a card until the assistant is edited', async () => {
  const { env } = appEnv();
  await scenario('team?v=1');
  const driver = await startDriver(env);
  try {
    const app = await Session.open(driver.base, APP);
    await app.waitFor('#connect-form');
    await connectToMock(app, 4);
    // The rules run after the first paint; their editor appears with them.
    await until(async () => app.execute(`return !document.querySelector('#rules-editor').hidden`), 'the rules ran', 20000);
    await app.click(await app.find('#rules-summary'));
    await app.click(await app.find('#rules-add'));
    await app.type(await app.waitFor('#own-phrase-0'), 'POLITE');
    await app.type(await app.find('#own-note-0'), 'Say warm, not polite.');
    await app.click(await app.find('#rules-save'));
    await until(async () => (await textOf(app, '#rules-status')) === 'Rules saved. The assistants were checked again.', 'the rules saved', 20000);
    // Ana's prompt says "polite": her card fails the phrase, the chip counts her.
    const failedBy = (id) => app.execute(`return document.querySelector('article.card[data-id="${id}"] .badge-rules')?.dataset.rules ?? ''`);
    await until(async () => (await failedBy(1)).split(' ').includes('own-0'), 'Ana fails the phrase', 20000);
    assert.ok(!(await failedBy(3)).split(' ').includes('own-0'), 'Cy never said it');
    assert.match(await app.execute(`return document.querySelector('article.card[data-id="1"] .badge-rules').title`), /Must not say “POLITE”/);
    assert.equal(await textOf(app, '[data-chip="rule:own-0"] .chip-count'), '1');
    // The editor folded again (from the top: the window's header stays over what scrolls under
    // it), then the card's findings.
    await app.execute('window.scrollTo(0, 0)');
    await app.click(await app.find('#rules-summary'));
    await app.click(await app.find('article.card[data-id="1"]'));
    await app.waitFor('#rules-section [data-rule="own-0"]', 20000);
    assert.match(await textOf(app, '#rules-section [data-rule="own-0"]'), /polite/);
    assert.match(await textOf(app, '#rules-section [data-rule="own-0"]'), /Say warm, not polite\./);
    writeFileSync(join(OUTPUT, 'rules-detail.png'), await app.screenshot());
    await app.click(await app.find('#detail-close'));

    // The assistant is edited on the platform; a refresh checks it again and it passes.
    await scenario('team?v=2');
    await app.click(await app.find('#refresh'));
    await until(async () => /changed/.test((await textOf(app, '#review-summary')) ?? ''), 'the refreshed list', 20000);
    await until(async () => !(await failedBy(1)).split(' ').includes('own-0')
      && (await app.findAll('[data-chip="rule:own-0"]')).length === 0, 'Ana passes the phrase now', 20000);
    writeFileSync(join(OUTPUT, 'rules-passing.png'), await app.screenshot());

    // The same in Arabic, right to left.
    await app.execute(`const s = document.querySelector('#language'); s.value = 'ar'; s.dispatchEvent(new Event('change'));`);
    await until(async () => app.execute(`return document.documentElement.dir === 'rtl'`), 'Arabic');
    await app.waitFor('#rules-summary');
    writeFileSync(join(OUTPUT, 'rules-editor-ar.png'), await app.screenshot());
    await app.close();
  } finally {
    await driver.stop();
    await scenario('docs');
  }
});
