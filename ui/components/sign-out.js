// Sign out asks first, and says what leaves this computer with the account: its key, its saved
// list and its review history (what changed, review marks and notes). Leaving the sample needs
// no question. The question owns its element; Esc or Cancel puts focus back on Sign out.

import * as actions from '../actions.js';
import { byId, el } from '../dom.js';
import { t } from '../i18n.js';
import { state, watch } from '../store.js';
import { accountName } from '../words.js';

/** @param {HTMLButtonElement} button the Sign out button */
export function mountSignOut(button) {
  const panel = byId('sign-out-confirm');
  const close = () => {
    panel.hidden = true;
    panel.replaceChildren();
    button.focus();
  };
  button.addEventListener('click', () => {
    const account = state.roster?.account;
    if (!account || account.sample) {
      void actions.signOut();
      return;
    }
    const confirm = el('button', { type: 'button', class: 'primary danger', id: 'confirm-sign-out' }, t('signOut.confirm'));
    const cancel = el('button', { type: 'button', id: 'cancel-sign-out' }, t('signOut.cancel'));
    confirm.addEventListener('click', () => {
      panel.hidden = true;
      panel.replaceChildren();
      void actions.signOut(true, true);
    });
    cancel.addEventListener('click', close);
    panel.replaceChildren(
      el('h2', { id: 'sign-out-title' }, t('signOut.title', { account: accountName(account) })),
      el('p', { id: 'sign-out-body' }, account.sessionOnly ? t('signOut.bodySession') : t('signOut.body')),
      el('div', { class: 'actions' }, confirm, cancel),
    );
    panel.hidden = false;
    cancel.focus();
  });
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  // Another account or screen: the question is no longer about what is shown.
  watch(['roster', 'screen'], () => {
    if (!panel.hidden && (state.screen !== 'list' || !state.roster || state.roster.account.sample)) {
      panel.hidden = true;
      panel.replaceChildren();
    }
  });
}
