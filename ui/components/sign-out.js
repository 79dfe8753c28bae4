// "Remove account from this computer" asks first, in the system's own dialog, and says what
// leaves this computer with the account: its key, its saved list and its review history (what
// changed, review marks and notes). Leaving the sample needs no question.

import * as actions from '../actions.js';
import { state } from '../store.js';

/** @param {HTMLButtonElement} button the "Remove account from this computer" button */
export function mountSignOut(button) {
  button.addEventListener('click', async () => {
    const account = state.roster?.account;
    if (!account || account.sample) {
      void actions.signOut();
      return;
    }
    const yes = await actions.askRemoval(account.id);
    // The list may have changed while the question was open: remove only what was asked about.
    if (yes && state.roster?.account.id === account.id) void actions.signOut(true, true);
    else button.focus();
  });
}
