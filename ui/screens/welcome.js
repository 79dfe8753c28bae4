// The welcome screen: connect an account (platform, address, name, key), or explore the sample.

import * as actions from '../actions.js';
import { byId, el } from '../dom.js';
import { t } from '../i18n.js';
import { state, watch } from '../store.js';
import { mountLoadProgress } from '../components/load-progress.js';
import { describeError } from '../words.js';

const OTHER = 'other';

export function mountWelcome() {
  const form = /** @type {HTMLFormElement} */ (byId('connect-form'));
  const platform = /** @type {HTMLSelectElement} */ (byId('platform'));
  const addressField = byId('address-field');
  const address = /** @type {HTMLInputElement} */ (byId('address'));
  const accountName = /** @type {HTMLInputElement} */ (byId('account-name'));
  const apiKey = /** @type {HTMLInputElement} */ (byId('api-key'));
  const toggleKey = byId('toggle-key');
  const connect = byId('connect');
  const backToList = byId('back-to-list');
  const error = byId('connect-error');
  const signedOutNote = byId('signed-out-note');
  const settingsAsideNote = byId('settings-aside-note');
  /** The platform the user picked; it survives a language switch. The default is the first. */
  let choice = /** @type {string | null} */ (null);

  const showAddress = () => (addressField.hidden = platform.value !== OTHER);
  const showKeyToggle = () => {
    const visible = apiKey.type === 'text';
    toggleKey.textContent = visible ? t('connect.hide') : t('connect.show');
    toggleKey.setAttribute('aria-pressed', String(visible));
  };

  /** @param {boolean} remember */
  const submit = async (remember) => {
    const base = platform.value === OTHER ? address.value : platform.value;
    const label = accountName.value.trim() || null;
    const replacing = state.welcome.replacing;
    const accepted = replacing
      ? await actions.changeKey(replacing.id, apiKey.value)
      : await actions.connect(base, apiKey.value, label, remember);
    if (accepted) {
      // The key leaves the page once it has been handed over.
      apiKey.value = '';
      accountName.value = '';
    }
  };

  platform.addEventListener('change', () => {
    choice = platform.value;
    showAddress();
    if (!addressField.hidden) address.focus();
  });
  toggleKey.addEventListener('click', () => {
    apiKey.type = apiKey.type === 'password' ? 'text' : 'password';
    showKeyToggle();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(true);
  });
  backToList.addEventListener('click', () => actions.backToList());
  byId('open-sample').addEventListener('click', () => void actions.openSample());

  watch(['platforms', 'language'], () => {
    platform.replaceChildren(
      ...state.platforms.map((p) => el('option', { value: p.base }, p.name)),
      el('option', { value: OTHER }, t('connect.other')),
    );
    platform.value = choice ?? state.platforms[0]?.base ?? OTHER;
    showAddress();
    showKeyToggle();
  });

  // The saved accounts could not be read: say what happened, where the old file is, and what
  // to do (connecting again replaces the key kept for the same account).
  watch(['settingsSetAside', 'language'], () => {
    const path = state.settingsSetAside;
    settingsAsideNote.hidden = !path;
    if (!path) return;
    const found = el('div', { id: 'recoverable' });
    settingsAsideNote.replaceChildren(
      el('strong', {}, t('settings.setAside')), ' ', t('settings.setAsideHint'),
      el('p', { class: 'detail', dir: 'ltr' }, path),
      found,
    );
    void showRecoverable(found);
  });

  /**
   * The accounts whose keys are still in the keyring, each to reconnect or to remove.
   * @param {HTMLElement} root
   */
  async function showRecoverable(root) {
    const accounts = await actions.recoverableAccounts();
    if (!accounts.length) return;
    const list = el('ul', { class: 'recoverable' });
    for (const account of accounts) {
      const reconnect = el('button', { type: 'button', class: 'primary', 'data-recover': account.id }, t('settings.recover'));
      const remove = el('button', { type: 'button', 'data-remove-key': account.id }, t('settings.removeKey'));
      const item = el('li', {}, el('strong', { dir: 'auto' }, account.label), ' ', el('span', { class: 'muted', dir: 'ltr' }, account.base), ' ', reconnect, ' ', remove);
      reconnect.addEventListener('click', () => void actions.recoverAccount(account.id));
      remove.addEventListener('click', async () => {
        if (await actions.removeRecoverable(account.id)) item.replaceChildren(`${account.label}: ${t('settings.keyRemoved')}`);
      });
      list.append(item);
    }
    root.replaceChildren(el('p', {}, el('strong', {}, t('settings.recoverHeading')), ' ', t('settings.recoverHint')), list);
  }

  mountLoadProgress(byId('connect-progress'), () => state.connecting);

  watch(['connecting', 'language'], () => {
    connect.textContent = state.connecting ? t('connect.checking') : t('connect.submit');
  });

  // A new key for an account: only the key is asked; the account's platform and name stay.
  watch(['welcome', 'language'], () => {
    const replacing = state.welcome.replacing;
    byId('account-fields').hidden = Boolean(replacing);
    byId('sample-panel').hidden = Boolean(replacing);
    const note = byId('replacing-note');
    note.hidden = !replacing;
    byId('connect-heading').textContent = replacing ? t('changeKey.heading', { account: replacing.label }) : t('connect.heading');
    note.textContent = replacing ? t('changeKey.lead') : '';
  });

  watch(['welcome', 'screen', 'language'], () => {
    signedOutNote.hidden = !state.welcome.signedOut;
    backToList.hidden = !state.welcome.adding;
    const problem = state.welcome.error;
    error.hidden = !problem || state.screen !== 'welcome';
    if (!problem) return;
    const { title, body, detail } = describeError(problem);
    /** @type {HTMLElement | string} */
    let offer = '';
    if (problem.kind === 'keyring_unavailable') {
      const sessionOnly = el('button', { type: 'button', id: 'session-only' }, t('keyring.sessionOnly'));
      sessionOnly.addEventListener('click', () => void submit(false));
      offer = el('div', { class: 'offer' }, sessionOnly, el('p', { class: 'hint' }, t('keyring.sessionOnlyHint')));
    } else if (problem.kind === 'bad_key' && platform.value !== OTHER && !state.welcome.replacing) {
      // A key works only on the platform that made it: a Sondos AI key sent to AIployees is
      // refused just like a mistyped one.
      const chosen = state.platforms.find((p) => p.base === platform.value)?.name ?? '';
      offer = el('p', { class: 'hint', id: 'platform-question' }, t('connect.rightPlatform', { platform: chosen }));
    }
    error.replaceChildren(
      el('strong', {}, title),
      el('p', {}, body),
      detail ? el('p', { class: 'detail' }, t('error.detail', { detail })) : '',
      offer,
    );
  });

  watch(['screen'], () => {
    if (state.screen === 'welcome' && state.welcome.adding) platform.focus();
  });
}
