// Help > Check for Updates (and the help's button): asks Rust whether a newer version is out and
// says what it found in plain words. The app installs nothing: a new version comes from the
// release page, which Rust opens in the browser. The dialog owns its element.

import * as backend from '../backend.js';
import { byId, el } from '../dom.js';
import { t } from '../i18n.js';

/** Opens the dialog and checks; a second call while open checks again. */
export async function checkForUpdates() {
  const dialog = /** @type {HTMLDialogElement} */ (byId('updates'));
  const body = el('div', { id: 'updates-body', role: 'status' }, el('p', {}, t('updates.checking')));
  const close = el('button', { type: 'button', id: 'updates-close' }, t('updates.close'));
  close.addEventListener('click', () => dialog.close());
  const actions = el('div', { class: 'actions' }, close);
  dialog.replaceChildren(el('h2', { id: 'updates-title' }, t('updates.title')), body, actions);
  if (!dialog.open) dialog.showModal();
  close.focus();
  /** @type {import('../ipc').UpdateCheck} */
  let found;
  try {
    found = await backend.checkUpdates();
  } catch (error) {
    found = { state: 'failed', current: '', detail: backend.failure(error).message };
  }
  body.replaceChildren(...said(found));
  if (found.state === 'available' && found.page) {
    const open = el('button', { type: 'button', class: 'primary', id: 'updates-open' }, t('updates.openPage'));
    open.addEventListener('click', () => void backend.openReleasePage().catch(() => {}));
    actions.prepend(open);
    open.focus();
  } else if (found.state === 'failed') {
    const again = el('button', { type: 'button', id: 'updates-again' }, t('updates.tryAgain'));
    again.addEventListener('click', () => void checkForUpdates());
    actions.prepend(again);
  }
}

/** What the check found, in words. @param {import('../ipc').UpdateCheck} found @returns {Node[]} */
function said(found) {
  switch (found.state) {
    case 'notConfigured':
      return [el('p', {}, t('updates.notConfigured', { current: found.current }))];
    case 'upToDate':
      return [el('p', {}, t('updates.upToDate', { current: found.current }))];
    case 'available':
      return [
        el('p', {}, el('strong', {}, t('updates.available', { version: found.version, current: found.current }))),
        el('p', {}, found.page ? t('updates.availableHow') : t('updates.availableNoPage')),
        found.notes ? el('details', {}, el('summary', {}, t('updates.notes')), el('p', { class: 'update-notes', dir: 'auto' }, found.notes)) : null,
      ].filter((node) => node !== null);
    case 'failed':
      return [
        el('p', {}, t('updates.failed')),
        el('details', {}, el('summary', {}, t('updates.detail')), el('pre', { class: 'raw', dir: 'ltr' }, found.detail)),
      ];
  }
}
