// The page: which screen shows (welcome, loading, list, problem), and what the controls do.

import * as backend from './backend.js';
import { LANGUAGES, currentLanguage, setLanguage, t } from './i18n.js';
import { assistantCard, describeError, el, isActive, tickTimes } from './render.js';
import { exactTime, relativeTime } from './time.js';

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
  sessionBadge: byId('session-badge'),
  summary: byId('summary'),
  fetchedAt: byId('fetched-at'),
  refresh: /** @type {HTMLButtonElement} */ (byId('refresh')),
  signOut: /** @type {HTMLButtonElement} */ (byId('sign-out')),
  language: /** @type {HTMLSelectElement} */ (byId('language')),
};

const OTHER = 'other';

/**
 * @type {{
 *   platforms: Platform[], platformChoice: string | null, roster: Roster | null, stale: boolean,
 *   cacheDamaged: boolean, problem: AppError | null, busy: boolean, screen: string,
 *   retry: { attempt: number, at: number | null, timer: number | null, ticker: number | null },
 * }}
 */
const state = {
  platforms: [], platformChoice: null, roster: null, stale: false, cacheDamaged: false,
  problem: null, busy: false, screen: 'loading',
  retry: { attempt: 0, at: null, timer: null, ticker: null },
};

/** Failures worth trying again by themselves; the others need the user. */
const RETRYABLE = new Set(['timeout', 'offline', 'dns', 'server_trouble', 'rate_limited']);
/** Waits between automatic attempts, in seconds: at most three, about a minute in all. */
const BACKOFF_SECS = [5, 15, 45];
/** A server asking to wait longer than this is not retried automatically. */
const MAX_WAIT_SECS = 120;

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

  ui.sessionBadge.hidden = !account.sessionOnly;
  ui.notice.replaceChildren();
  if (state.stale) {
    ui.notice.append(
      el('div', { class: 'notice notice-stale', role: 'note' }, t('list.asOf', { time: exactTime(roster.fetchedAtMs) })),
    );
  }
  if (state.cacheDamaged) {
    ui.notice.append(el('div', { class: 'notice', role: 'note' }, t('list.cacheDamaged')));
  }
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
  let countdown = /** @type {HTMLElement | string} */ ('');
  if (state.retry.at !== null) {
    const cancel = el('button', { type: 'button', id: 'cancel-retry' }, t('retry.cancel'));
    cancel.addEventListener('click', () => {
      stopRetry();
      renderProblem();
    });
    countdown = el('p', { class: 'countdown' }, el('span', { id: 'retry-countdown' }, countdownText()), ' ', cancel);
  }
  ui.problem.replaceChildren(
    el('h2', { id: 'problem-title' }, title),
    el('p', {}, body),
    detail ? el('p', { class: 'detail' }, t('error.detail', { detail })) : '',
    countdown,
    actions,
  );
  ui.problem.dataset.kind = error.kind;
}

function countdownText() {
  const seconds = Math.max(0, Math.ceil(((state.retry.at ?? 0) - Date.now()) / 1000));
  return t('retry.countdown', { count: seconds });
}

/** Plans the next automatic attempt after a failed load, if the failure is worth one. */
/** @param {AppError} problem */
function planRetry(problem) {
  stopRetry();
  if (!RETRYABLE.has(problem.kind) || state.retry.attempt >= BACKOFF_SECS.length) return;
  const asked = problem.retryAfterSecs;
  if (asked !== null && asked > MAX_WAIT_SECS) return;
  const wait = asked !== null ? Math.max(asked, 1) : BACKOFF_SECS[state.retry.attempt];
  state.retry.attempt += 1;
  state.retry.at = Date.now() + wait * 1000;
  state.retry.timer = window.setTimeout(() => {
    stopRetry();
    void load(true);
  }, wait * 1000);
  // The visible countdown; screen readers heard the plan once, through the status line.
  state.retry.ticker = window.setInterval(() => {
    const node = document.getElementById('retry-countdown');
    if (node) node.textContent = countdownText();
  }, 1000);
}

function stopRetry() {
  if (state.retry.timer !== null) clearTimeout(state.retry.timer);
  if (state.retry.ticker !== null) clearInterval(state.retry.ticker);
  state.retry.timer = null;
  state.retry.ticker = null;
  state.retry.at = null;
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

/**
 * Loads (or reloads) the open account's list. A failure keeps the last list on screen and, when
 * worth it, plans another attempt; `automatic` marks such an attempt.
 * @param {boolean} [automatic]
 */
async function load(automatic = false) {
  if (state.busy) return;
  if (!automatic) state.retry.attempt = 0;
  stopRetry();
  setBusy(true);
  if (!state.roster) show('loading');
  announce(t('list.loading'));
  try {
    state.roster = await backend.refresh();
    state.stale = false;
    state.retry.attempt = 0;
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
      planRetry(problem);
      if (state.roster) state.stale = true;
      renderProblem();
      renderList();
      show(state.roster ? 'list' : 'problem');
      const { title } = describeError(problem);
      announce(state.retry.at !== null ? `${title} ${countdownText()}` : title);
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

/** @param {boolean} [remember] false: keep the key for this session only (keyring unusable) */
async function connect(remember = true) {
  if (state.busy) return;
  const base = ui.platform.value === OTHER ? ui.address.value : ui.platform.value;
  const key = ui.apiKey.value;
  ui.connectError.hidden = true;
  setBusy(true);
  ui.connect.textContent = t('connect.checking');
  announce(t('connect.checking'));
  try {
    state.roster = await backend.connect(base, key, remember);
    ui.apiKey.value = '';
    state.stale = false;
    state.cacheDamaged = false;
    state.problem = null;
    renderProblem();
    renderList();
    show('list');
    announce(ui.summary.textContent ?? '');
  } catch (error) {
    const problem = backend.toAppError(error);
    const { title, body, detail } = describeError(problem);
    /** @type {HTMLElement | string} */
    let offer = '';
    if (problem.kind === 'keyring_unavailable') {
      const sessionOnly = el('button', { type: 'button', id: 'session-only' }, t('keyring.sessionOnly'));
      sessionOnly.addEventListener('click', () => void connect(false));
      offer = el('div', { class: 'offer' }, sessionOnly, el('p', { class: 'hint' }, t('keyring.sessionOnlyHint')));
    }
    ui.connectError.replaceChildren(
      el('strong', {}, title),
      el('p', {}, body),
      detail ? el('p', { class: 'detail' }, t('error.detail', { detail })) : '',
      offer,
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
  stopRetry();
  state.roster = null;
  state.stale = false;
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
      // The last good list shows at once, marked with its time; the fresh one replaces it.
      const cached = await backend.cachedRoster();
      state.cacheDamaged = cached.damaged;
      if (cached.roster) {
        state.roster = cached.roster;
        state.stale = true;
        renderList();
        show('list');
      }
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
