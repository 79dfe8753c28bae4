// Help > Copy Diagnostic Information: what support needs (versions, system, platform address,
// the last errors; never the key, nothing of the assistants), shown before it is copied, so the
// user sees what they send. The dialog owns its element.

import * as backend from '../backend.js';
import { byId, el } from '../dom.js';
import { t } from '../i18n.js';

/** Shows the diagnostic information with a Copy button. */
export async function openDiagnostics() {
  const dialog = /** @type {HTMLDialogElement} */ (byId('diagnostics'));
  let text;
  try {
    text = await backend.diagnostics();
  } catch {
    return;
  }
  const report = el('pre', { class: 'raw', id: 'diagnostics-text', dir: 'ltr', tabindex: 0 }, text);
  const said = el('p', { class: 'muted', id: 'diagnostics-said', role: 'status' });
  const copy = el('button', { type: 'button', class: 'primary', id: 'diagnostics-copy' }, t('diagnostics.copy'));
  const close = el('button', { type: 'button', id: 'diagnostics-close' }, t('diagnostics.close'));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard for the page here: the text is selected, and the system's copy works.
      const range = document.createRange();
      range.selectNodeContents(report);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      document.execCommand('copy');
    }
    said.textContent = t('diagnostics.copied');
  });
  close.addEventListener('click', () => dialog.close());
  dialog.replaceChildren(
    el('h2', { id: 'diagnostics-title' }, t('diagnostics.title')),
    el('p', {}, t('diagnostics.lead')),
    report,
    said,
    el('div', { class: 'actions' }, copy, close),
  );
  if (!dialog.open) dialog.showModal();
  copy.focus();
}
