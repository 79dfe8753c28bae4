// What became of the last export, in view under the toolbar (not only for screen readers):
// where the file was saved, with "Show in folder", or why it could not be, in plain words. It
// stays until dismissed or another account opens.

import * as actions from '../actions.js';
import { el } from '../dom.js';
import { t } from '../i18n.js';
import { state, update, watch } from '../store.js';
import { describeError } from '../words.js';

/** @param {HTMLElement} box the element under the toolbar */
export function mountExportResult(box) {
  /** The account the shown result belongs to. @type {string | null} */
  let account = null;
  watch(['exported', 'language'], () => {
    const exported = state.exported;
    box.hidden = !exported;
    box.replaceChildren();
    if (!exported) return;
    account = state.roster?.account.id ?? null;
    const dismiss = el('button', { type: 'button', class: 'dismiss', id: 'export-dismiss', 'aria-label': t('export.dismiss') }, '×');
    dismiss.addEventListener('click', () => update({ exported: null }));
    if ('failed' in exported) {
      box.className = 'export-result export-failed';
      box.append(el('p', {}, el('strong', {}, t('export.failed')), ' ', describeError(exported.failed).body), dismiss);
      return;
    }
    box.className = 'export-result';
    const show = el('button', { type: 'button', id: 'export-show' }, t('export.showInFolder'));
    show.addEventListener('click', () => void actions.showExport());
    box.append(el('p', {}, el('strong', {}, t('export.savedTitle')), ' ', el('bdi', { class: 'path', id: 'export-path' }, exported.path)));
    if (exported.showFailed) box.append(el('p', { class: 'muted' }, t('export.showFailed')));
    box.append(el('div', { class: 'actions' }, show, dismiss));
  });
  watch(['roster'], () => {
    if (state.exported && (state.roster?.account.id ?? null) !== account) update({ exported: null });
  });
}
