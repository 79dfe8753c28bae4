// "Remove account from this computer" asks first, in the system's own dialog, and says what
// leaves this computer with the account: its key, its saved list and its review history (what
// changed, review marks and notes). Leaving the sample needs no question.

import * as actions from '../actions.js';
import * as backend from '../backend.js';
import { announce } from '../dom.js';
import { state } from '../store.js';
import { describeError } from '../words.js';

/** @param {HTMLButtonElement} button the "Remove account from this computer" button */
export function mountSignOut(button) {
  button.addEventListener('click', async () => {
    const account = state.roster?.account;
    if (!account || account.sample) {
      void actions.signOut();
      return;
    }
    let yes = false;
    try {
      yes = await backend.confirmRemoval(account.id);
    } catch (error) {
      // The system's dialog could not ask: nothing is removed, and the user hears why.
      const { title, body } = describeError(backend.failure(error));
      announce(`${title} ${body}`);
    }
    // The list may have changed while the question was open: remove only what was asked about.
    if (yes && state.roster?.account.id === account.id) void actions.signOut(true, true);
    else button.focus();
  });
}
