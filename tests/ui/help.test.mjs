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
