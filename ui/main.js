// The page: which screen shows (welcome, loading, list, problem), and what the controls do.

import * as backend from './backend.js';
import { LANGUAGES, currentLanguage, setLanguage, t } from './i18n.js';
import { assistantCard, describeError, el, isActive, tickTimes } from './render.js';
import { relativeTime } from './time.js';

/** @typedef {import('./types').Roster} Roster */
/** @typedef {import('./types').AppError} AppError */
/** @typedef {import('./types').Platform} Platform */

/** @template {HTMLElement} T @param {string} id @returns {T} */
const byId = (id) => /** @type {T} */ (document.getElementById(id));

const ui = {
  status: byId('status'),
  welcome: byId('welcome'),
  signedOutNote: byId('signed-out-note'),
  connectForm: /** @type {HTMLFormElement} */ (byId('connect-form')),
  platform: /** @type {HTMLSelectElement} */ (byId('platform')),
  addressField: byId('address-field'),
  address: /** @type {HTMLInputElement} */ (byId('address')),
  apiKey: /** @type {HTMLInputElement} */ (byId('api-key')),
  toggleKey: /** @type {HTMLButtonElement} */ (byId('toggle-key')),
  connect: /** @type {HTMLButtonElement} */ (byId('connect')),
  connectError: byId('connect-error'),
  openSample: /** @type {HTMLButtonElement} */ (byId('open-sample')),
  loading: byId('loading'),
  problem: byId('problem'),
  list: byId('list'),
  notice: byId('notice'),
  cards: byId('cards'),
  empty: byId('empty'),
  accountBar: byId('account-bar'),
  accountLabel: byId('account-label'),
  sampleBadge: byId('sample-badge'),
  summary: byId('summary'),
  fetchedAt: byId('fetched-at'),
  refresh: /** @type {HTMLButtonElement} */ (byId('refresh')),
  signOut: /** @type {HTMLButtonElement} */ (byId('sign-out')),
  language: /** @type {HTMLSelectElement} */ (byId('language')),
};

const OTHER = 'other';

/** @type {{ platforms: Platform[], platformChoice: string | null, roster: Roster | null, problem: AppError | null, busy: boolean, screen: string }} */
const state = { platforms: [], platformChoice: null, roster: null, problem: null, busy: false, screen: 'loading' };

/** Shows one screen; the others are hidden. @param {'welcome' | 'loading' | 'list' | 'problem'} screen */
function show(screen) {
  state.screen = screen;
  ui.welcome.hidden = screen !== 'welcome';
  ui.loading.hidden = screen !== 'loading';
  ui.list.hidden = screen !== 'list';
  ui.problem.hidden = screen !== 'problem' && !(screen === 'list' && state.problem);
  ui.accountBar.hidden = !(state.roster && (screen === 'list' || screen === 'problem'));
  document.body.dataset.screen = screen;
}

/** Says something to screen readers (and shows it in the status line). @param {string} text */
function announce(text) {
  ui.status.textContent = text;
}

/** Puts every static text of the page in the current language. */
function applyStaticTexts() {
  document.documentElement.lang = currentLanguage();
  document.title = t('app.title');
  for (const node of document.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.getAttribute('data-i18n') ?? '');
  }
  for (const node of document.querySelectorAll('[data-i18n-label]')) {
    node.setAttribute('aria-label', t(node.getAttribute('data-i18n-label') ?? ''));
  }
  updateKeyToggle();
  fillPlatforms();
}

function fillLanguages() {
  ui.language.replaceChildren(
    ...LANGUAGES.map(({ code, name }) => el('option', { value: code, lang: code }, name)),
  );
  ui.language.value = currentLanguage();
}

/** The platform list; the user's choice survives a language switch, the default is the first. */
function fillPlatforms() {
  ui.platform.replaceChildren(
    ...state.platforms.map((p) => el('option', { value: p.base }, p.name)),
    el('option', { value: OTHER }, t('connect.other')),
  );
  ui.platform.value = state.platformChoice ?? state.platforms[0]?.base ?? OTHER;
  ui.addressField.hidden = ui.platform.value !== OTHER;
}

function updateKeyToggle() {
  const visible = ui.apiKey.type === 'text';
  ui.toggleKey.textContent = visible ? t('connect.hide') : t('connect.show');
  ui.toggleKey.setAttribute('aria-pressed', String(visible));
}

/** Renders the list of the current roster. */
function renderList() {
  const roster = state.roster;
  if (!roster) return;
  const { assistants, account } = roster;
  const active = assistants.filter(isActive).length;
  ui.accountLabel.textContent = account.sample ? t('sample.account') : account.label;
  ui.sampleBadge.hidden = !account.sample;
  ui.signOut.textContent = account.sample ? t('sample.leave') : t('list.signOut');
  ui.refresh.hidden = account.sample;
  ui.summary.textContent = `${t('list.count', { count: assistants.length })} · ${t('list.active', { count: active })}`;
  ui.fetchedAt.textContent = t('list.updatedAt', { time: relativeTime(roster.fetchedAtMs) });

  ui.notice.replaceChildren();
  if (roster.skipped > 0) {
    ui.notice.append(
      el('div', { class: 'notice', role: 'note' },
        el('strong', {}, t('list.skipped', { count: roster.skipped })), ' ', t('list.skippedHint')),
    );
  }
  const fragment = document.createDocumentFragment();
  assistants.forEach((assistant, index) => fragment.append(assistantCard(assistant, index)));
  ui.cards.replaceChildren(fragment);
  ui.empty.hidden = assistants.length > 0;
  ui.cards.hidden = assistants.length === 0;
}

/** Renders a problem: as the whole screen, or as a banner above a list that stays visible. */
function renderProblem() {
  const error = state.problem;
  if (!error) {
    ui.problem.replaceChildren();
    return;
  }
  const { title, body, detail } = describeError(error);
  const actions = el('div', { class: 'actions' });
  if (error.kind !== 'not_connected') {
    const retry = el('button', { type: 'button', class: 'primary', id: 'retry' }, t('error.retry'));
    retry.addEventListener('click', () => void load());
    actions.append(retry);
  }
  if (['bad_key', 'wrong_address', 'not_connected', 'keyring_unavailable'].includes(error.kind)) {
    const again = el('button', { type: 'button', id: 'connect-again' }, t('error.changeKey'));
    again.addEventListener('click', () => void signOut(false));
    actions.append(again);
  }
  if (!state.roster) {
    const sample = el('button', { type: 'button', id: 'problem-sample' }, t('error.showSample'));
    sample.addEventListener('click', () => void openSample());
    actions.append(sample);
  }
  ui.problem.replaceChildren(
    el('h2', { id: 'problem-title' }, title),
    el('p', {}, body),
    detail ? el('p', { class: 'detail' }, t('error.detail', { detail })) : '',
    actions,
  );
  ui.problem.dataset.kind = error.kind;
}

/** @param {boolean} busy */
function setBusy(busy) {
  state.busy = busy;
  ui.refresh.disabled = busy;
  ui.connect.disabled = busy;
  ui.openSample.disabled = busy;
  ui.refresh.textContent = busy ? t('list.refreshing') : t('list.refresh');
  document.body.setAttribute('aria-busy', String(busy));
}

/** Loads (or reloads) the open account's list. A failure keeps the last list on screen. */
async function load() {
  if (state.busy) return;
  setBusy(true);
  if (!state.roster) show('loading');
  announce(t('list.loading'));
  try {
    state.roster = await backend.refresh();
    state.problem = null;
    renderProblem();
    renderList();
    show('list');
    announce(ui.summary.textContent ?? '');
  } catch (error) {
    const problem = backend.toAppError(error);
    if (problem.kind === 'not_connected') {
      state.roster = null;
      state.problem = null;
      showWelcome();
    } else {
      state.problem = problem;
      renderProblem();
      show(state.roster ? 'list' : 'problem');
      announce(describeError(problem).title);
    }
  } finally {
    setBusy(false);
  }
}

/** @param {boolean} [signedOut] */
function showWelcome(signedOut = false) {
  ui.signedOutNote.hidden = !signedOut;
  ui.connectError.hidden = true;
  show('welcome');
}

async function connect() {
  if (state.busy) return;
  const base = ui.platform.value === OTHER ? ui.address.value : ui.platform.value;
  const key = ui.apiKey.value;
  ui.connectError.hidden = true;
  setBusy(true);
  ui.connect.textContent = t('connect.checking');
  announce(t('connect.checking'));
  try {
    state.roster = await backend.connect(base, key);
    ui.apiKey.value = '';
    state.problem = null;
    renderProblem();
    renderList();
    show('list');
    announce(ui.summary.textContent ?? '');
  } catch (error) {
    const { title, body, detail } = describeError(backend.toAppError(error));
    ui.connectError.replaceChildren(
      el('strong', {}, title),
      el('p', {}, body),
      detail ? el('p', { class: 'detail' }, t('error.detail', { detail })) : '',
    );
    ui.connectError.hidden = false;
    announce(title);
  } finally {
    setBusy(false);
    ui.connect.textContent = t('connect.submit');
  }
}

async function openSample() {
  try {
    state.roster = await backend.openSample();
    state.problem = null;
    renderProblem();
    renderList();
    show('list');
    announce(ui.summary.textContent ?? '');
  } catch (error) {
    state.problem = backend.toAppError(error);
    renderProblem();
    show('problem');
  }
}

/** Signs out (a real account) or leaves the sample, back to the welcome screen. */
/** @param {boolean} [announceIt] */
async function signOut(announceIt = true) {
  const wasSample = state.roster?.account.sample ?? false;
  if (!wasSample) {
    try {
      await backend.signOut();
    } catch (error) {
      state.problem = backend.toAppError(error);
      renderProblem();
      show(state.roster ? 'list' : 'problem');
      return;
    }
  }
  state.roster = null;
  state.problem = null;
  renderProblem();
  ui.cards.replaceChildren();
  showWelcome(announceIt && !wasSample);
  if (announceIt && !wasSample) announce(t('welcome.signedOut'));
}

function wireEvents() {
  ui.platform.addEventListener('change', () => {
    state.platformChoice = ui.platform.value;
    ui.addressField.hidden = ui.platform.value !== OTHER;
    if (!ui.addressField.hidden) ui.address.focus();
  });
  ui.toggleKey.addEventListener('click', () => {
    ui.apiKey.type = ui.apiKey.type === 'password' ? 'text' : 'password';
    updateKeyToggle();
  });
  ui.connectForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void connect();
  });
  ui.openSample.addEventListener('click', () => void openSample());
  ui.refresh.addEventListener('click', () => void load());
  ui.signOut.addEventListener('click', () => void signOut());
  ui.language.addEventListener('change', () => {
    setLanguage(ui.language.value);
    applyStaticTexts();
    renderList();
    renderProblem();
  });
  document.addEventListener('keydown', (event) => {
    const refreshKey = (event.key === 'r' || event.key === 'R') && (event.ctrlKey || event.metaKey);
    if (refreshKey || event.key === 'F5') {
      // The webview would reload the page; a refresh of the data is what is meant.
      event.preventDefault();
      if (state.roster && !state.roster.account.sample) void load();
    }
  });
  // Clocks and "3 minutes ago" stay true while the window is open.
  setInterval(() => {
    tickTimes(ui.cards);
    if (state.roster) ui.fetchedAt.textContent = t('list.updatedAt', { time: relativeTime(state.roster.fetchedAtMs) });
  }, 30_000);
}

async function boot() {
  fillLanguages();
  applyStaticTexts();
  wireEvents();
  try {
    const info = await backend.startup();
    state.platforms = info.platforms;
    fillPlatforms();
    if (info.account) {
      await load();
    } else {
      showWelcome();
    }
  } catch (error) {
    state.problem = backend.toAppError(error);
    renderProblem();
    show('problem');
  }
}

void boot();
