// The app's help (Help > Assistant Roster Help, F1, or the Help button): what each badge, check
// and rule means, the keyboard shortcuts (⌘ on a Mac), where the app keeps its files and how to
// remove it. The badges are drawn by the cards' own code, so what the help shows is what a card
// shows. The dialog owns its element; it is built anew in the language of the moment.

import * as backend from '../backend.js';
import { byId, el } from '../dom.js';
import { t } from '../i18n.js';
import { badge, checkText, isMac, shortcut } from '../words.js';

/**
 * Every check, in the order the help lists them. Typed so a check added in Rust (or the page's
 * time zone checks) fails the type check until the help explains it.
 * @type {Record<import('../ipc').CheckCode, import('../ipc').Check>}
 */
const CHECKS = {
  greeting_empty: { code: 'greeting_empty' },
  greeting_too_long: { code: 'greeting_too_long' },
  prompt_empty: { code: 'prompt_empty' },
  placeholder_missing: { code: 'placeholder_missing', names: ['first_name'], more: 0 },
  webhook_no_url: { code: 'webhook_no_url' },
  timezone_missing: { code: 'timezone_missing' },
  timezone_invalid: { code: 'timezone_invalid' },
  duplicate_id: { code: 'duplicate_id' },
};

/** Every built-in rule; typed like `CHECKS`. @type {Record<import('../ipc').BuiltInRule, true>} */
const RULES = { aiDisclosure: true, companyNamed: true, optOut: true, timeZone: true, languageMatches: true, greetingLength: true };

/** The folders, asked once: they do not change while the app runs. @type {Promise<import('../ipc').HelpFolders | null> | null} */
let folders = null;

/** Opens the help, or brings it forward if it is open. */
export async function openHelp() {
  const dialog = /** @type {HTMLDialogElement} */ (byId('help'));
  folders ??= backend.helpFolders().catch(() => null);
  const found = await folders;
  const close = el('button', { type: 'button', id: 'help-close', class: 'close' }, t('help.close'));
  close.addEventListener('click', () => dialog.close());
  const updates = el('button', { type: 'button', id: 'help-updates' }, t('updates.check'));
  updates.addEventListener('click', () => {
    dialog.close();
    void import('./updates.js').then((module) => module.checkForUpdates());
  });
  dialog.replaceChildren(
    el('header', { class: 'detail-head' }, el('div', {}, el('h2', { id: 'help-title' }, t('help.title')), el('p', { class: 'muted' }, t('help.lead'))),
      el('div', { class: 'detail-head-actions' }, updates, close)),
    el('div', { class: 'detail-body' }, badges(), checks(), rules(), keys(), files(found), removal(found)));
  if (!dialog.open) dialog.showModal();
  close.focus();
}

/** @param {string} id @param {string} title @param {...(Node | null)} content */
function part(id, title, ...content) {
  return el('section', { class: 'detail-section', 'aria-labelledby': id }, el('h3', { id }, title), ...content);
}

/** @param {[Node | string, Node | string][]} rows */
function terms(rows) {
  return el('dl', { class: 'help-terms' }, ...rows.map(([term, meaning]) => el('div', { class: 'row' }, el('dt', {}, term), el('dd', {}, meaning))));
}

function badges() {
  /** @param {string} cls @param {string} text */
  const mark = (cls, text) => el('span', { class: `badge ${cls}` }, text);
  return part('help-badges', t('help.badges'), terms([
    [badge('mode', 'pipeline'), t('help.badge.pipeline')],
    [badge('mode', 'multimodal'), t('help.badge.multimodal')],
    [badge('status', 'active'), t('help.badge.active')],
    [badge('status', 'inactive'), t('help.badge.inactive')],
    [badge('status', 'paused'), t('help.badge.other')],
    [mark('badge-attention', `⚠ ${t('filter.attention')}`), t('help.badge.attention')],
    [mark('badge-new', `✚ ${t('review.badgeNew')}`), t('help.badge.new')],
    [mark('badge-changed', `✎ ${t('review.badgeChanged', { fields: t('field.systemPrompt') })}`), t('help.badge.changed')],
    [mark('badge-reviewed', `✓ ${t('review.badgeReviewed')}`), t('help.badge.reviewed')],
    [mark('badge-review-stale', `⟳ ${t('review.badgeChangedSince')}`), t('help.badge.changedSince')],
    [mark('badge-rules', `✗ ${t('rules.fails', { count: 1 })}`), t('help.badge.fails')],
  ]));
}

function checks() {
  return part('help-checks', t('help.checks'),
    el('p', {}, t('help.checksLead')),
    el('ul', {}, ...Object.values(CHECKS).map((check) => el('li', {}, checkText(check)))));
}

function rules() {
  return part('help-rules', t('help.rules'),
    el('p', {}, t('help.rulesLead', { rules: t('rules.editor') })),
    terms(Object.keys(RULES).map((rule) => [t(`rules.name.${rule}`), t(`help.rule.${rule}`)])));
}

function keys() {
  /** @param {...string} combos */
  const kbd = (...combos) => el('span', { class: 'keys', dir: 'ltr' }, ...combos.flatMap((combo, i) => [i ? ' ' : '', el('kbd', {}, combo)]));
  return part('help-keys', t('help.keys'), terms([
    [kbd('/', shortcut('F')), t('help.key.search')],
    [kbd('←', '→', '↑', '↓'), t('help.key.move')],
    [kbd('Home', 'End'), t('help.key.ends')],
    [kbd('Enter'), t('help.key.open')],
    [kbd('Esc'), t('help.key.close')],
    [kbd(shortcut('R'), 'F5'), t('help.key.refresh')],
    [kbd(shortcut('='), shortcut('-'), shortcut('0')), t('help.key.zoom')],
  ]));
}

/** @param {import('../ipc').HelpFolders | null} found */
function files(found) {
  /** @param {string | null | undefined} path */
  const folder = (path) => (path ? el('code', { dir: 'ltr', class: 'path' }, path) : el('span', { class: 'muted' }, t('help.file.unknown')));
  return part('help-files', t('help.files'),
    el('p', {}, t('help.file.keys')),
    terms([
      [t('help.file.settings'), folder(found?.settings)],
      [t('help.file.data'), folder(found?.data)],
      [t('help.file.logs'), folder(found?.logs)],
    ]));
}

/** @param {import('../ipc').HelpFolders | null} found */
function removal(found) {
  const os = found?.os ?? (isMac() ? 'macos' : /Win/.test(navigator.userAgent) ? 'windows' : 'linux');
  const system = ['linux', 'macos', 'windows'].includes(os) ? os : 'linux';
  return part('help-remove', t('help.remove'),
    el('ol', {},
      el('li', {}, t('help.remove.accounts', { button: t('list.signOut') })),
      el('li', {}, t(`help.remove.${system}`)),
      el('li', {}, t('help.remove.folders'))));
}
