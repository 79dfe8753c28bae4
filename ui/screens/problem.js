// A problem: what went wrong in plain words, the next step, and the countdown to the next
// automatic attempt (this component owns its ticking clock).

import * as actions from '../actions.js';
import { byId, el } from '../dom.js';
import { t } from '../i18n.js';
import { state, watch } from '../store.js';
import { describeError } from '../words.js';

/** Kinds the user can fix by connecting again (another key or address). */
const NEEDS_NEW_KEY = ['bad_key', 'wrong_address', 'not_connected', 'keyring_unavailable'];

export function mountProblem() {
  const panel = byId('problem');
  let ticker = 0;

  const countdownText = () => t('retry.countdown', { count: actions.secondsToRetry() });

  watch(['problem', 'retry', 'roster', 'account', 'language'], () => {
    clearInterval(ticker);
    const error = state.problem;
    if (!error) {
      panel.replaceChildren();
      return;
    }
    const { title, body, detail } = describeError(error);
    const actionsRow = el('div', { class: 'actions' });
    if (error.kind !== 'not_connected') {
      const retry = el('button', { type: 'button', class: 'primary', id: 'retry' }, t('error.retry'));
      retry.addEventListener('click', () => void actions.load());
      actionsRow.append(retry);
    }
    if (error.kind === 'bad_key' && state.account && !state.account.sessionOnly) {
      // The account stays: only its key is asked for again.
      const newKey = el('button', { type: 'button', id: 'new-key' }, t('error.newKey'));
      newKey.addEventListener('click', () => actions.askNewKey());
      actionsRow.append(newKey);
    } else if (NEEDS_NEW_KEY.includes(error.kind)) {
      const again = el('button', { type: 'button', id: 'connect-again' }, t('error.changeKey'));
      again.addEventListener('click', () => void actions.signOut(false));
      actionsRow.append(again);
    }
    if (!state.roster) {
      const sample = el('button', { type: 'button', id: 'problem-sample' }, t('error.showSample'));
      sample.addEventListener('click', () => void actions.openSample());
      actionsRow.append(sample);
    }
    /** @type {HTMLElement | string} */
    let countdown = '';
    if (state.retry.at !== null) {
      const cancel = el('button', { type: 'button', id: 'cancel-retry' }, t('retry.cancel'));
      cancel.addEventListener('click', () => actions.stopRetry());
      const seconds = el('span', { id: 'retry-countdown' }, countdownText());
      countdown = el('p', { class: 'countdown' }, seconds, ' ', cancel);
      // The visible countdown; screen readers heard the plan once, through the status line.
      ticker = window.setInterval(() => (seconds.textContent = countdownText()), 1000);
    }
    panel.replaceChildren(
      el('h2', { id: 'problem-title' }, title),
      el('p', {}, body),
      detail ? el('p', { class: 'detail' }, t('error.detail', { detail })) : '',
      countdown,
      actionsRow,
    );
    panel.dataset.kind = error.kind;
  });
}
