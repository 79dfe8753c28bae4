// The page: which screen shows (welcome, loading, list, problem), the list's search, filters and
// sort, the detail view, accounts, export, and what every control does.

import * as backend from './backend.js';
import { CardGrid } from './grid.js';
import { showDetail, wireDetail } from './detail.js';
import { LANGUAGES, currentLanguage, isRtl, setLanguage, t } from './i18n.js';
import { assistantCard, describeError, el, tickTimes } from './render.js';
import { exactTime, relativeTime } from './time.js';
import { applyView, buildEntries, defaultFilters } from './view.js';

/** @typedef {import('./ipc').Roster} Roster */
/** @typedef {import('./types').AppError} AppError */
/** @typedef {import('./ipc').Platform} Platform */
/** @typedef {import('./ipc').AccountView} AccountView */
/** @typedef {import('./view.js').Entry} Entry */
/** @typedef {import('./view.js').Filters} Filters */

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
  accountName: /** @type {HTMLInputElement} */ (byId('account-name')),
  apiKey: /** @type {HTMLInputElement} */ (byId('api-key')),
  toggleKey: /** @type {HTMLButtonElement} */ (byId('toggle-key')),
  connect: /** @type {HTMLButtonElement} */ (byId('connect')),
  backToList: /** @type {HTMLButtonElement} */ (byId('back-to-list')),
  connectError: byId('connect-error'),
  openSample: /** @type {HTMLButtonElement} */ (byId('open-sample')),
  loading: byId('loading'),
  problem: byId('problem'),
  list: byId('list'),
  notice: byId('notice'),
  search: /** @type {HTMLInputElement} */ (byId('search')),
  sort: /** @type {HTMLSelectElement} */ (byId('sort')),
  chips: byId('chips'),
  resultCount: byId('result-count'),
  noResults: byId('no-results'),
  clearFilters: /** @type {HTMLButtonElement} */ (byId('clear-filters')),
  exportCsv: /** @type {HTMLButtonElement} */ (byId('export-csv')),
  exportJson: /** @type {HTMLButtonElement} */ (byId('export-json')),
  cards: byId('cards'),
  empty: byId('empty'),
  detail: /** @type {HTMLDialogElement} */ (byId('detail')),
  accountBar: byId('account-bar'),
  accountSwitcher: /** @type {HTMLSelectElement} */ (byId('account-switcher')),
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
const SAMPLE_ID = 'sample';
const ADD_ACCOUNT = '+add';

/** Failures worth trying again by themselves; the others need the user. */
const RETRYABLE = new Set(['timeout', 'offline', 'dns', 'server_trouble', 'rate_limited']);
/** Waits between automatic attempts, in seconds: at most three, about a minute in all. */
const BACKOFF_SECS = [5, 15, 45];
/** A server asking to wait longer than this is not retried automatically. */
const MAX_WAIT_SECS = 120;

/**
 * `matches` is the search's answer (a flag per position) for `query`, the search text it was
 * asked for, lower-cased; null when there is no search text.
 * @type {{
 *   platforms: Platform[], platformChoice: string | null, accounts: AccountView[],
 *   roster: Roster | null, entries: Entry[], shown: Entry[], query: string,
 *   matches: Uint8Array | null, searches: number, filters: Filters,
 *   stale: boolean, cacheDamaged: boolean, problem: AppError | null, busy: boolean, screen: string,
 *   names: import('./detail.js').Names | null,
 *   retry: { attempt: number, at: number | null, timer: number | null, ticker: number | null },
 * }}
 */
const state = {
  platforms: [], platformChoice: null, accounts: [],
  roster: null, entries: [], shown: [], query: '', matches: null, searches: 0, filters: defaultFilters(),
  stale: false, cacheDamaged: false, problem: null, busy: false, screen: 'loading', names: null,
  retry: { attempt: 0, at: null, timer: null, ticker: null },
};

const grid = new CardGrid(
  /** @type {HTMLElement} */ (document.scrollingElement),
  ui.cards,
  (index) => {
    const entry = state.shown[index];
    return assistantCard(entry.c, entry.position, state.query, entry.issues.length);
  },
  (index) => openDetail(index),
);

/** Shows one screen; the others are hidden. @param {'welcome' | 'loading' | 'list' | 'problem'} screen */
function show(screen) {
  state.screen = screen;
  ui.welcome.hidden = screen !== 'welcome';
  ui.loading.hidden = screen !== 'loading';
  ui.list.hidden = screen !== 'list';
  ui.problem.hidden = screen !== 'problem' && !(screen === 'list' && state.problem);
  ui.accountBar.hidden = !(state.roster && (screen === 'list' || screen === 'problem'));
  document.body.dataset.screen = screen;
  if (screen === 'list') grid.schedule();
}

/** Says something to screen readers (and shows it in the status line). @param {string} text */
function announce(text) {
  ui.status.textContent = text;
}

/** Puts every static text of the page in the current language and direction. */
function applyStaticTexts() {
  document.documentElement.lang = currentLanguage();
  document.documentElement.dir = isRtl() ? 'rtl' : 'ltr';
  document.title = t('app.title');
  for (const node of document.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.getAttribute('data-i18n') ?? '');
  }
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.setAttribute('placeholder', t(node.getAttribute('data-i18n-placeholder') ?? ''));
  }
  updateKeyToggle();
  fillPlatforms();
  fillAccounts();
}

function fillLanguages() {
  ui.language.replaceChildren(
    ...LANGUAGES.map(({ code, name }) => el('option', { value: code, lang: code }, name)),
  );
  ui.language.value = currentLanguage();
  ui.language.setAttribute('aria-label', t('lang.label'));
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

/** The account switcher: every connected account, the sample, and "Add account". */
function fillAccounts() {
  const current = state.roster?.account;
  const accounts = [...state.accounts];
  if (current && !current.sample && !accounts.some((a) => a.id === current.id)) accounts.push(current);
  ui.accountSwitcher.replaceChildren(
    ...accounts.map((a) => el('option', { value: a.id }, a.label)),
    el('option', { value: SAMPLE_ID }, t('sample.account')),
    el('option', { value: ADD_ACCOUNT }, t('accounts.add')),
  );
  ui.accountSwitcher.value = current?.id ?? SAMPLE_ID;
  ui.accountSwitcher.setAttribute('aria-label', t('accounts.switch'));
}

function updateKeyToggle() {
  const visible = ui.apiKey.type === 'text';
  ui.toggleKey.textContent = visible ? t('connect.hide') : t('connect.show');
  ui.toggleKey.setAttribute('aria-pressed', String(visible));
}

/** Where each account's view (filters and sort, not the search text) is remembered. */
const viewKey = (/** @type {string} */ accountId) => `assistant-roster.view.${accountId}`;

/** @param {string} accountId */
function loadFilters(accountId) {
  try {
    const saved = JSON.parse(localStorage.getItem(viewKey(accountId)) ?? 'null');
    return { ...defaultFilters(), ...(saved && typeof saved === 'object' ? saved : {}) };
  } catch {
    return defaultFilters();
  }
}

function saveFilters() {
  const id = state.roster?.account.id;
  if (!id) return;
  try {
    localStorage.setItem(viewKey(id), JSON.stringify(state.filters));
  } catch {
    // Storage off: the view lasts for this session.
  }
}

/** Takes a new list in: prepares its cards once, then shows it with the account's remembered view. */
/** @param {Roster} roster */
function setRoster(roster) {
  const sameAccount = state.roster?.account.id === roster.account.id;
  state.roster = roster;
  state.entries = buildEntries(roster.cards);
  // Rust indexed the list for search before sending it.
  performance.mark('list-searchable');
  if (!sameAccount) {
    state.filters = loadFilters(roster.account.id);
    ui.search.value = '';
    state.names = null;
  }
  renderList(sameAccount);
  // Performance marks (standard, cheap) for scripts/bench.sh.
  performance.mark('list-rendered');
  void painted().then(() => performance.mark('cards-painted'));
  if (!state.names) void loadNames();
}

/** Resolves once what is in the DOM now has been painted (or after half a second, for a hidden window). */
function painted() {
  return Promise.race([
    new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    new Promise((resolve) => setTimeout(resolve, 500)),
  ]);
}

/** Voice and language names, fetched once per account in the background; ids show meanwhile. */
async function loadNames() {
  const account = state.roster?.account;
  if (!account) return;
  try {
    const found = await backend.lookups();
    if (state.roster?.account.id !== account.id) return;
    state.names = { voices: new Map(found.voices), languages: new Map(found.languages) };
  } catch {
    // Names are a nicety: without them the detail view shows "Voice #8".
  }
}

/** Renders the header, notices, chips and the visible cards of the current roster. */
/** @param {boolean} [keepScroll] */
function renderList(keepScroll = false) {
  const roster = state.roster;
  if (!roster) return;
  const { account } = roster;
  const total = state.entries.length;
  const active = state.entries.filter((e) => e.status === 'active').length;
  ui.accountLabel.textContent = account.sample ? t('sample.account') : account.label;
  ui.sampleBadge.hidden = !account.sample;
  ui.sessionBadge.hidden = !account.sessionOnly;
  ui.signOut.textContent = account.sample ? t('sample.leave') : t('list.signOut');
  ui.refresh.hidden = account.sample;
  ui.summary.textContent = `${t('list.count', { count: total })} · ${t('list.active', { count: active })}`;
  ui.fetchedAt.textContent = t('list.updatedAt', { time: relativeTime(roster.fetchedAtMs) });
  fillAccounts();

  ui.notice.replaceChildren();
  if (state.stale) {
    ui.notice.append(el('div', { class: 'notice notice-stale', role: 'note' }, t('list.asOf', { time: exactTime(roster.fetchedAtMs) })));
  }
  if (state.cacheDamaged) ui.notice.append(el('div', { class: 'notice', role: 'note' }, t('list.cacheDamaged')));
  if (roster.skipped > 0) {
    ui.notice.append(
      el('div', { class: 'notice', role: 'note' },
        el('strong', {}, t('list.skipped', { count: roster.skipped })), ' ', t('list.skippedHint')),
    );
  }
  const hasAny = total > 0;
  ui.empty.hidden = hasAny;
  for (const node of [ui.chips, ui.resultCount, ui.search.closest('.toolbar')]) {
    /** @type {HTMLElement} */ (node).hidden = !hasAny;
  }
  // A new list needs the search asked again; until it answers, the cards shown stay.
  if (ui.search.value.trim()) void search(keepScroll);
  else {
    state.query = '';
    state.matches = null;
    renderView(keepScroll);
  }
}

/**
 * Asks Rust which assistants hold the search text, then shows them. Answers to older keystrokes
 * are dropped; an answer for a list that is no longer open is empty, and said so.
 * @param {boolean} [keepScroll]
 */
async function search(keepScroll = false) {
  const text = ui.search.value;
  const roster = state.roster;
  if (!roster) return;
  const asked = ++state.searches;
  let matches = null;
  if (text.trim()) {
    try {
      matches = await backend.search(roster.listId, text);
    } catch (error) {
      announce(describeError(backend.failure(error)).body);
      return;
    }
    if (asked !== state.searches || state.roster !== roster) return;
    if (matches.length !== state.entries.length) {
      // Rust no longer holds this list (it could not be opened again after a failed refresh).
      announce(t('reason.list_replaced'));
      return;
    }
  }
  state.matches = matches;
  state.query = text.trim().toLowerCase();
  renderView(keepScroll);
}

/** Applies search, filters and sort, and shows the result. */
/** @param {boolean} [keepScroll] */
function renderView(keepScroll = false) {
  const { shown, counts } = applyView(state.entries, state.filters, state.matches, currentLanguage());
  state.shown = shown;
  ui.sort.value = state.filters.sort;
  renderChips(counts);
  const total = state.entries.length;
  ui.resultCount.textContent = shown.length === total
    ? t('filter.showingAll', { count: total })
    : t('filter.showing', { count: shown.length, total: new Intl.NumberFormat(currentLanguage()).format(total) });
  ui.noResults.hidden = !(total > 0 && shown.length === 0);
  ui.cards.hidden = shown.length === 0;
  grid.setItems(shown.length, keepScroll);
}

/** The filter chips, each a toggle button with its live count. */
/** @param {Record<string, number>} counts */
function renderChips(counts) {
  const f = state.filters;
  /** @param {'status' | 'mode' | 'webhook'} group @param {string} value @param {string} label */
  const chip = (group, value, label) => {
    const on = f[group] === value;
    const button = el('button', { type: 'button', class: 'chip', 'aria-pressed': String(on), 'data-chip': `${group}:${value}` },
      label, ' ', el('span', { class: 'chip-count' }, new Intl.NumberFormat(currentLanguage()).format(counts[`${group}:${value}`] ?? 0)));
    button.addEventListener('click', () => {
      f[group] = on ? null : value;
      saveFilters();
      renderView();
    });
    return button;
  };
  const attention = el('button', { type: 'button', class: 'chip chip-attention', 'aria-pressed': String(f.attention), 'data-chip': 'attention' },
    `⚠ ${t('filter.attention')}`, ' ', el('span', { class: 'chip-count' }, new Intl.NumberFormat(currentLanguage()).format(counts.attention ?? 0)));
  attention.addEventListener('click', () => {
    f.attention = !f.attention;
    saveFilters();
    renderView();
  });
  /** @param {string} label @param {...HTMLElement} buttons */
  const group = (label, ...buttons) => el('div', { class: 'chip-group', role: 'group', 'aria-label': label }, el('span', { class: 'chip-label', 'aria-hidden': 'true' }, label), ...buttons);
  ui.chips.replaceChildren(
    group(t('card.status'), chip('status', 'active', t('status.active')), chip('status', 'inactive', t('status.inactive')), chip('status', 'other', t('filter.other'))),
    group(t('card.mode'), chip('mode', 'pipeline', t('mode.pipeline')), chip('mode', 'multimodal', t('mode.multimodal')), chip('mode', 'other', t('filter.other'))),
    group(t('card.webhook'), chip('webhook', 'on', t('card.webhookOn')), chip('webhook', 'off', t('card.webhookOff'))),
    group(t('filter.checks'), attention),
  );
}

/** Opens the detail view of a card, with the whole assistant asked from Rust. */
/** @param {number} index position in the shown list */
async function openDetail(index) {
  const entry = state.shown[index];
  const roster = state.roster;
  if (!entry || !roster) return;
  /** @type {import('./ipc').Assistant | null} */
  let whole;
  try {
    whole = await backend.assistant(roster.listId, entry.position);
  } catch (error) {
    announce(describeError(backend.failure(error)).body);
    return;
  }
  if (state.roster !== roster) return;
  if (!whole) {
    announce(t('reason.list_replaced'));
    return;
  }
  showDetail(ui.detail, whole, entry, {
    names: state.names,
    announce,
    raw: (position) => backend.rawAssistant(roster.listId, position),
    openLink: (url) => void backend.openLink(url).catch((e) => announce(describeError(backend.failure(e)).body)),
  });
}

/** Renders a problem: as the whole screen, or as a banner above a list that stays visible. */
function renderProblem() {
  const error = state.problem;
  if (!error) {
    ui.problem.replaceChildren();
    return;
  }
  const { title, body, detail } = describeError(backend.failure(error));
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
  ui.accountSwitcher.disabled = busy;
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
    const roster = await backend.refresh();
    // fetchedAtMs is when the response was complete (before decoding), for scripts/bench.sh.
    performance.mark('roster-received', { detail: { sinceResponseMs: Date.now() - roster.fetchedAtMs, count: roster.cards.length } });
    state.stale = false;
    state.retry.attempt = 0;
    state.problem = null;
    renderProblem();
    setRoster(roster);
    show('list');
    announce(ui.summary.textContent ?? '');
  } catch (error) {
    const problem = backend.failure(error);
    if (problem.kind === 'not_connected') {
      state.roster = null;
      state.problem = null;
      showWelcome();
    } else {
      state.problem = problem;
      planRetry(problem);
      if (state.roster) state.stale = true;
      renderProblem();
      renderList(true);
      show(state.roster ? 'list' : 'problem');
      const { title } = describeError(problem);
      announce(state.retry.at !== null ? `${title} ${countdownText()}` : title);
    }
  } finally {
    setBusy(false);
  }
}

/** Opens the connected account `account`: its saved list at once, then a fresh one. */
/** @param {AccountView} account */
async function openAccount(account) {
  state.problem = null;
  renderProblem();
  performance.mark('saved-list-asked');
  const cached = await backend.cachedRoster();
  performance.mark('saved-list-received');
  state.cacheDamaged = cached.damaged;
  if (cached.roster && cached.roster.account.id === account.id) {
    state.stale = true;
    setRoster(cached.roster);
    show('list');
    // The saved list first, on screen; the refresh (fetch, decode) can wait for that.
    await painted();
  } else {
    state.roster = null;
  }
  await load();
}

/** @param {{ signedOut?: boolean, adding?: boolean }} [how] */
function showWelcome({ signedOut = false, adding = false } = {}) {
  ui.signedOutNote.hidden = !signedOut;
  ui.connectError.hidden = true;
  ui.backToList.hidden = !adding;
  show('welcome');
}

/** @param {boolean} [remember] false: keep the key for this session only (keyring unusable) */
async function connect(remember = true) {
  if (state.busy) return;
  const base = ui.platform.value === OTHER ? ui.address.value : ui.platform.value;
  const key = ui.apiKey.value;
  const label = ui.accountName.value.trim() || null;
  ui.connectError.hidden = true;
  setBusy(true);
  ui.connect.textContent = t('connect.checking');
  announce(t('connect.checking'));
  try {
    const { roster, accounts } = await backend.connect(base, key, label, remember);
    ui.apiKey.value = '';
    ui.accountName.value = '';
    state.stale = false;
    state.cacheDamaged = false;
    state.problem = null;
    renderProblem();
    state.accounts = accounts;
    setRoster(roster);
    show('list');
    announce(ui.summary.textContent ?? '');
  } catch (error) {
    const problem = backend.failure(error);
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
    const roster = await backend.openSample();
    stopRetry();
    state.stale = false;
    state.problem = null;
    renderProblem();
    setRoster(roster);
    show('list');
    announce(ui.summary.textContent ?? '');
  } catch (error) {
    state.problem = backend.failure(error);
    renderProblem();
    show('problem');
  }
}

/**
 * Signs out of the open account (removing its key and everything kept for it), or leaves the
 * sample. Another connected account opens if there is one; else the welcome screen.
 * @param {boolean} [announceIt]
 */
async function signOut(announceIt = true) {
  const account = state.roster?.account;
  stopRetry();
  let next = null;
  if (account && !account.sample) {
    try {
      const removed = await backend.removeAccount(account.id);
      next = removed.next;
      state.accounts = removed.accounts;
      localStorage.removeItem(viewKey(account.id));
    } catch (error) {
      state.problem = backend.failure(error);
      renderProblem();
      show(state.roster ? 'list' : 'problem');
      return;
    }
  } else if (account?.sample) {
    next = state.accounts[0] ?? null;
  }
  state.roster = null;
  state.stale = false;
  state.problem = null;
  renderProblem();
  grid.setItems(0);
  if (next) {
    await openAccount(next);
  } else {
    const signedOut = announceIt && !account?.sample;
    showWelcome({ signedOut });
    if (signedOut) announce(t('welcome.signedOut'));
  }
}

/** @param {string} id */
async function switchAccount(id) {
  if (id === ADD_ACCOUNT) {
    fillAccounts();
    showWelcome({ adding: true });
    ui.platform.focus();
    return;
  }
  if (id === SAMPLE_ID) {
    await openSample();
    return;
  }
  try {
    const account = await backend.switchAccount(id);
    await openAccount(account);
  } catch (error) {
    state.problem = backend.failure(error);
    renderProblem();
    show('problem');
  }
}

/** Saves the shown list (search, filters and sort applied) through the system's Save dialog. */
/** @param {'csv' | 'json'} format */
async function exportList(format) {
  const roster = state.roster;
  if (!roster) return;
  try {
    const path = await backend.exportList(format, roster.listId, state.shown.map((e) => e.position));
    if (path) announce(t('export.saved', { path }));
  } catch (error) {
    const { title, body } = describeError(backend.failure(error));
    announce(`${title} ${body}`);
  }
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
  ui.backToList.addEventListener('click', () => {
    if (state.roster) show('list');
  });
  ui.openSample.addEventListener('click', () => void openSample());
  ui.refresh.addEventListener('click', () => void load());
  ui.signOut.addEventListener('click', () => void signOut());
  ui.accountSwitcher.addEventListener('change', () => void switchAccount(ui.accountSwitcher.value));
  ui.search.addEventListener('input', async () => {
    const start = performance.now();
    await search();
    // For scripts/bench.sh: the keystroke to the cards in the DOM, and to the next frame.
    performance.measure('search-to-dom', { start });
    requestAnimationFrame(() => performance.measure('search-to-paint', { start }));
  });
  ui.sort.addEventListener('change', () => {
    state.filters.sort = ui.sort.value;
    saveFilters();
    renderView();
  });
  ui.clearFilters.addEventListener('click', () => {
    state.filters = { ...defaultFilters(), sort: state.filters.sort };
    ui.search.value = '';
    saveFilters();
    void search();
    ui.search.focus();
  });
  ui.exportCsv.addEventListener('click', () => void exportList('csv'));
  ui.exportJson.addEventListener('click', () => void exportList('json'));
  wireDetail(ui.detail);
  ui.detail.addEventListener('close', () => grid.focusIndex(grid.current));
  ui.language.addEventListener('change', () => {
    setLanguage(ui.language.value);
    applyStaticTexts();
    renderList(true);
    renderProblem();
  });
  document.addEventListener('keydown', (event) => {
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement;
    const mod = event.ctrlKey || event.metaKey;
    if ((event.key === 'r' || event.key === 'R') && mod || event.key === 'F5') {
      // The webview would reload the page; a refresh of the data is what is meant.
      event.preventDefault();
      if (state.roster && !state.roster.account.sample) void load();
    } else if (state.screen === 'list' && !ui.detail.open && ((event.key === '/' && !typing) || (event.key.toLowerCase() === 'f' && mod))) {
      event.preventDefault();
      ui.search.focus();
      ui.search.select();
    } else if (event.key === 'Escape' && event.target === ui.search && ui.search.value) {
      ui.search.value = '';
      void search();
    } else if (event.key === 'ArrowDown' && event.target === ui.search && state.shown.length) {
      event.preventDefault();
      grid.focusIndex(0);
    }
  });
  // View > Refresh in the native menu.
  void window.__TAURI__?.event?.listen('menu', (event) => {
    if (event.payload === 'refresh' && state.roster && !state.roster.account.sample) void load();
  });
  // Clocks and "3 minutes ago" stay true while the window is open.
  setInterval(() => {
    tickTimes(ui.cards);
    if (state.roster) ui.fetchedAt.textContent = t('list.updatedAt', { time: relativeTime(state.roster.fetchedAtMs) });
  }, 30_000);
}

async function boot() {
  performance.mark('boot');
  fillLanguages();
  applyStaticTexts();
  wireEvents();
  try {
    const info = await backend.startup();
    state.platforms = info.platforms;
    state.accounts = info.accounts ?? [];
    fillPlatforms();
    if (info.account) {
      await openAccount(info.account);
    } else {
      showWelcome();
    }
  } catch (error) {
    state.problem = backend.failure(error);
    renderProblem();
    show('problem');
  }
}

void boot();
