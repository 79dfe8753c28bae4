// The app's help: what each badge, check and rule means, the shortcuts (⌘ on a Mac), where the
// files are and how to remove the app, in every language.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUTPUT } from './harness.mjs';
import { axe, openSample } from './setup.mjs';

const FOLDERS = {
  os: 'linux',
  settings: '/home/ana/.config/com.assistantroster.desktop',
  data: '/home/ana/.local/share/com.assistantroster.desktop',
  logs: null,
};

test('F1 opens the help: badges as the cards draw them, every check and rule, shortcuts, folders, removal', async () => {
  const { page, context, problems } = await openSample({ answers: { help_folders: [{ ok: FOLDERS }] } });
  assert.equal(await page.locator('#refresh').getAttribute('title'), 'Fetch the list again from the platform (Ctrl+R)');
  await page.keyboard.press('F1');
  const help = page.locator('dialog#help');
  await help.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'help-close');
  assert.deepEqual(await help.locator('h3').allTextContents(),
    ['What the badges mean', 'What the checks look for', 'What the review rules check', 'Keyboard shortcuts', 'Where the app keeps your things', 'How to remove the app']);
  // The badges are the cards' own: the same classes and words.
  assert.equal(await help.locator('[aria-labelledby="help-badges"] .badge.mode-pipeline .badge-text').textContent(), 'Pipeline');
  assert.equal(await help.locator('.badge.status-inactive .badge-text').textContent(), 'Inactive');
  assert.match(await help.locator('.help-terms').first().textContent(), /It calls your leads\./);
  // Every check and every built-in rule, in words.
  const checks = await help.locator('[aria-labelledby="help-checks"] li').allTextContents();
  assert.equal(checks.length, 8);
  assert.ok(checks.includes('Uses {{first_name}}, which is not defined in the variables.'), checks.join('\n'));
  const rules = await help.locator('[aria-labelledby="help-rules"] dt').allTextContents();
  assert.deepEqual(rules, ['Says it is an AI', 'Names the company', 'Honours “do not call me”', 'Time zone for calling hours', 'Speaks the language set', 'Short greeting']);
  const keys = await help.locator('[aria-labelledby="help-keys"]').textContent();
  assert.match(keys, /Ctrl\+R F5Fetch the list again/);
  // The folders Rust names; one it could not name says so.
  const files = await help.locator('[aria-labelledby="help-files"]').textContent();
  assert.match(files, /\/home\/ana\/\.config\/com\.assistantroster\.desktop/);
  assert.match(files, /not known on this computer/);
  const steps = await help.locator('[aria-labelledby="help-remove"] li').allTextContents();
  assert.equal(steps.length, 3);
  assert.match(steps[0], /“Remove account from this computer”/);
  assert.match(steps[1], /sudo apt remove assistant-roster/);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'help.png') });
  await page.keyboard.press('Escape');
  assert.equal(await help.isVisible(), false);
  // The Help button opens it too, in the page's language; Arabic reads right to left.
  await page.selectOption('#language', 'ar');
  // Its words are loaded when first chosen.
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  await page.click('#help-open');
  await help.waitFor();
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#help')).direction), 'rtl');
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'help-ar.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a Mac the shortcuts say ⌘, and the removal is the Mac one', async () => {
  const { page, context } = await openSample({
    answers: { help_folders: [{ ok: { ...FOLDERS, os: 'macos' } }] },
    init: () => Object.defineProperty(navigator, 'platform', { get: () => 'MacIntel' }),
  });
  assert.equal(await page.locator('#refresh').getAttribute('title'), 'Fetch the list again from the platform (⌘R)');
  await page.click('#help-open');
  const help = page.locator('dialog#help');
  await help.waitFor();
  assert.match(await help.locator('[aria-labelledby="help-keys"]').textContent(), /⌘R F5/);
  assert.match(await help.locator('[aria-labelledby="help-remove"] li').nth(1).textContent(), /Applications/);
  await context.close();
});

test('check for updates: says what it found, opens the release page, never installs', async () => {
  const { page, context, problems } = await openSample({
    answers: {
      help_folders: [{ ok: FOLDERS }],
      check_updates: [
        { ok: { state: 'available', current: '0.1.0', version: '0.2.0', notes: 'A table view.', page: true } },
        { ok: { state: 'failed', current: '0.1.0', detail: 'error sending request for url (https://releases.example/latest.json)' } },
        { ok: { state: 'upToDate', current: '0.2.0' } },
        { ok: { state: 'notConfigured', current: '0.1.0' } },
      ],
      open_release_page: [{ ok: null }],
    },
  });
  // From the help, as from Help > Check for Updates in the menu.
  await page.keyboard.press('F1');
  await page.click('#help-updates');
  const dialog = page.locator('dialog#updates');
  await page.waitForSelector('#updates-open');
  assert.equal(await dialog.locator('strong').textContent(), 'Version 0.2.0 is available. You have 0.1.0.');
  assert.match(await dialog.textContent(), /install it over this one\. Your accounts, keys and review history stay/);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUTPUT, 'updates-available.png') });
  await page.click('#updates-open');
  assert.equal(await page.evaluate(() => window.__calls.filter((c) => c.cmd === 'open_release_page').length), 1);
  // The page has no way to install: no updater command is ever called.
  assert.deepEqual(await page.evaluate(() => window.__calls.map((c) => c.cmd).filter((c) => /download|install|plugin:updater/.test(c))), []);
  await page.click('#updates-close');

  // The menu's item: a failure says so, with the cause for support, and Try again.
  await page.evaluate(() => window.__emit('menu', 'check-updates'));
  await page.waitForSelector('#updates-again');
  assert.match(await dialog.textContent(), /did not work\. Check your internet connection/);
  await page.click('#updates-again');
  await page.waitForFunction(() => document.querySelector('#updates-body')?.textContent === 'You have the latest version (0.2.0).');
  await page.click('#updates-close');
  await page.evaluate(() => window.__emit('menu', 'check-updates'));
  await page.waitForFunction(() => /does not look for new versions by itself/.test(document.querySelector('#updates-body')?.textContent ?? ''));
  assert.deepEqual(problems, []);
  await context.close();
});
