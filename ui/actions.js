// What the user and the backend make happen: start, load, connect, open the sample, switch and
// remove accounts, search, open an assistant, export. Each changes the store through `update`;
// a list arriving is always shown by `showRoster`, a failure always kept by `showProblem`.

import * as backend from './backend.js';
import { announce, painted } from './dom.js';
import { fold } from './fold.js';
import { currentLanguage, t } from './i18n.js';
import { state, update } from './store.js';
import { buildEntries, defaultFilters, entriesAgain, invalidZones, keepNameOrder, madeNameOrder, marksOf } from './view.js';
import { describeError } from './words.js';

/** @typedef {import('./ipc').Roster} Roster */
/** @typedef {import('./ipc').AccountView} AccountView */
/** @typedef {import('./types').AppError} AppError */
/** @typedef {import('./view.js').Entry} Entry */
/** @typedef {import('./view.js').Filters} Filters */

/** Failures worth trying again by themselves; the others need the user. */
const RETRYABLE = new Set(['timeout', 'offline', 'dns', 'server_trouble', 'rate_limited']);
/** Waits between automatic attempts, in seconds: at most three, about a minute in all. */
const BACKOFF_SECS = [5, 15, 45];
/** A server asking to wait longer than this is not retried automatically. */
const MAX_WAIT_SECS = 120;

/** The planned automatic attempt. */
let retryTimer = 0;
/**
 * Counts changes of the account on screen (open, switch, remove, connect, sample): an answer to
 * a load begun before the latest change is for an account no longer shown, and is dropped.
 */
let turn = 0;
/** The turn whose load is running, while `state.busy`. */
let loadingTurn = -1;
/** Counts searches, so the answer to an older keystroke is dropped. */
let searches = 0;

/**
 * Starts the page: asks Rust what to open, and, in the same moment, the first screen of the
 * account opened last (nearly always the one to open; Rust answers nothing for another). Its
 * part before the first answer touches no screen, so the screens mount while Rust answers.
 */
export async function boot() {
  performance.mark('boot');
  const early = firstScreenAsk(lastOpened());
  try {
    const info = await backend.startup();
    update({ platforms: info.platforms, accounts: info.accounts, greetingLimit: info.greetingLimit, settingsSetAside: info.settingsSetAside });
    if (info.account) await openAccount(info.account, early?.accountId === info.account.id ? early : undefined);
    else showWelcome();
  } catch (error) {
    showProblem(backend.failure(error));
  }
}

/**
 * Shows a list that arrived (fetched, saved or the sample): its cards prepared once, with the
 * account's remembered view when the account changes.
 * @param {Roster} roster
 * @param {{ stale: boolean, entries?: Entry[] | null }} how `entries`: those of a refresh made
 *   from the entries the page holds (see `fetchList`)
 */
function showRoster(roster, { stale, entries: made = null }) {
  const sameAccount = state.roster?.account.id === roster.account.id;
  const entries = made && sameAccount ? made : buildEntries(roster.cards);
  if (sameAccount && state.roster?.firstScreenOf !== undefined) keepFirstScreen(entries);
  /** @type {Partial<import('./store.js').State>} */
  const changes = { roster, account: roster.account, entries, stale, problem: null, screen: 'list' };
  // Rust indexed the list for search before sending it.
  performance.mark('list-searchable');
  if (!sameAccount) Object.assign(changes, accountStart(roster.account.id));
  update(changes);
  // A new list of the same account needs the search asked again; until it answers, the cards
  // shown stay.
  if (sameAccount && state.search.matches) void search(state.search.text);
  // Performance marks (standard, cheap) for scripts/bench.sh.
  performance.mark('list-rendered');
  void painted().then(() => {
    performance.mark('cards-painted');
    // Painted, or replaced by then without stopping the page: Rust may now open this account's
    // saved list by itself at the next start.
    backend.listShown(roster.listId).catch(() => {});
    saveNameOrder(roster);
    // Then the review memory and the rules: after the first paint, never before.
    void loadReview().then(() => loadRules());
  });
  if (!state.names) void loadNames();
}

/**
 * What an account shown anew starts with: its remembered view, and nothing of another's search,
 * names, review or rules.
 * @param {string} accountId
 */
function accountStart(accountId) {
  return {
    filters: loadFilters(accountId),
    search: { text: '', query: '', matches: null, listId: null },
    names: null,
    review: null,
    reviewProblem: null,
    rules: null,
    rulesProblem: null,
    marks: marksOf(null),
  };
}

/**
 * The whole saved list after its first screen: the first screen's entries take their places
 * among `entries` when their cards are the same, so the cards in view stay as painted.
 * @param {Entry[]} entries
 */
function keepFirstScreen(entries) {
  for (const entry of state.entries) {
    const card = entries[entry.position]?.c;
    if (card && JSON.stringify(card) === JSON.stringify(entry.c)) entries[entry.position] = entry;
  }
}

/**
 * Keeps a failure on screen: as a banner above a list that stays, or as the whole screen.
 * @param {AppError} problem
 */
function showProblem(problem) {
  update({ problem, screen: state.roster ? 'list' : 'problem' });
}

/** @param {{ signedOut?: boolean, adding?: boolean }} [how] */
export function showWelcome({ signedOut = false, adding = false } = {}) {
  update({ screen: 'welcome', welcome: { signedOut, adding, error: null, replacing: null } });
}

/**
 * Asks for a new key for the open account (its key was refused, or rotated): its list, view
 * and review history stay. (An account kept for this session only is not saved: it is
 * connected again instead.)
 */
export function askNewKey() {
  const account = state.account;
  if (!account || account.sample || account.sessionOnly) return;
  update({ screen: 'welcome', welcome: { signedOut: false, adding: Boolean(state.roster), error: null, replacing: account } });
}

/**
 * Gives account `id` the new `key`; answers whether it was accepted.
 * @param {string} id @param {string} key
 */
export async function changeKey(id, key) {
  return connectWith(() => backend.changeKey(id, key));
}

/** Back from "Add account" to the list still open. */
export function backToList() {
  if (state.roster) update({ screen: 'list' });
}

/** The summary of the shown list, for the status line. */
function summary() {
  const whole = state.roster?.firstScreenOf;
  if (whole !== undefined) return t('list.count', { count: whole });
  const total = state.entries.length;
  const active = state.entries.filter((e) => e.status === 'active').length;
  return `${t('list.count', { count: total })} · ${t('list.active', { count: active })}`;
}
export { summary as listSummary };

/**
 * Loads (or reloads) the open account's list. A failure keeps the last list on screen and, when
 * worth it, plans another attempt; `automatic` marks such an attempt.
 * @param {boolean} [automatic]
 */
export async function load(automatic = false) {
  // A load for an account no longer shown does not hold up the one now shown; one follows the
  // whole list after a first screen.
  if ((state.busy && loadingTurn === turn) || state.roster?.firstScreenOf !== undefined) return;
  const mine = turn;
  loadingTurn = mine;
  stopRetry();
  if (!automatic) update({ retry: { attempt: 0, at: null } });
  update({ busy: true, ...(state.roster ? {} : { screen: 'loading' }) });
  announce(t('list.loading'));
  try {
    const fetched = await fetchList().catch((error) => {
      if (mine !== turn) return null;
      throw error;
    });
    if (mine !== turn || !fetched) return;
    const { roster, entries } = fetched;
    // fetchedAtMs is when the response was complete (before decoding), for scripts/bench.sh.
    performance.mark('roster-received', { detail: { sinceResponseMs: Date.now() - roster.fetchedAtMs, count: roster.cards.length } });
    update({ retry: { attempt: 0, at: null } });
    showRoster(roster, { stale: false, entries });
    announce(summary());
  } catch (error) {
    const problem = backend.failure(error);
    if (problem.kind === 'not_connected') {
      update({ roster: null, entries: [], problem: null });
      showWelcome();
    } else if (problem.kind === 'cancelled' && state.roster) {
      // Stopped by the user: the list on screen stays as it was.
      announce(t('load.stopped'));
    } else {
      planRetry(problem);
      if (state.roster) update({ stale: true });
      showProblem(problem);
      const { title } = describeError(problem);
      announce(state.retry.at !== null ? `${title} ${t('retry.countdown', { count: secondsToRetry() })}` : title);
    }
  } finally {
    if (loadingTurn === mine) update({ busy: false });
  }
}

/**
 * The open account's list fetched again, its cards whole. Rust sends only the cards the page
 * does not hold (none when nothing changed) and where the others are; their prepared entries
 * then come with it, those of unchanged cards kept.
 * @returns {Promise<{ roster: Roster, entries: Entry[] | null }>}
 */
async function fetchList() {
  const held = state.roster && state.roster.account.id === state.account?.id ? state.roster : null;
  const roster = await backend.refresh(held?.listId ?? null);
  if (roster.reuses === null) return { roster, entries: null };
  // Rust keeps a held list only while it is still the one shown, so these are the page's cards;
  // should the answer name another list, or the page hold another by now, it asks in full.
  if (!held || state.roster !== held || roster.reuses.listId !== held.listId) return { roster: await backend.refresh(null), entries: null };
  const entries = entriesAgain(state.entries, roster.reuses.places, roster.cards);
  return { roster: { ...roster, cards: entries === state.entries ? held.cards : entries.map((entry) => entry.c) }, entries };
}

/** Seconds until the planned automatic attempt. */
export function secondsToRetry() {
  return Math.max(0, Math.ceil(((state.retry.at ?? 0) - Date.now()) / 1000));
}

/** Plans the next automatic attempt after a failed load, if the failure is worth one. */
/** @param {AppError} problem */
function planRetry(problem) {
  const { attempt } = state.retry;
  if (!RETRYABLE.has(problem.kind) || attempt >= BACKOFF_SECS.length) return;
  const asked = problem.retryAfterSecs;
  if (asked !== null && asked > MAX_WAIT_SECS) return;
  const wait = asked !== null ? Math.max(asked, 1) : BACKOFF_SECS[attempt];
  update({ retry: { attempt: attempt + 1, at: Date.now() + wait * 1000 } });
  retryTimer = window.setTimeout(() => {
    stopRetry();
    void load(true);
  }, wait * 1000);
}

/** Cancels the planned automatic attempt, if any. */
export function stopRetry() {
  clearTimeout(retryTimer);
  if (state.retry.at !== null) update({ retry: { ...state.retry, at: null } });
}

/**
 * Opens the connected account `account`: its saved list at once, then a fresh one.
 * @param {AccountView} account @param {FirstScreenAsk | null} [ask] its first screen, if asked
 */
async function openAccount(account, ask = firstScreenAsk(account.id)) {
  const mine = ++turn;
  performance.mark('saved-list-asked');
  if (!account.sample && !account.sessionOnly) rememberOpened(account.id);
  if (ask) await showFirstScreen(account, mine, ask);
  if (mine !== turn) return;
  // Without a first screen, the list screen is laid out unseen while the whole list comes.
  update({ problem: null, account });
  let cached;
  try {
    cached = await backend.cachedRoster();
  } catch (error) {
    // The saved list cannot be used (held after the app closed on it, or a file error): say
    // so, with the next step, instead of fetching by itself.
    if (mine !== turn) return;
    update({ roster: null, entries: [], stale: false });
    showProblem(backend.failure(error));
    return;
  }
  performance.mark('saved-list-received');
  if (mine !== turn) return;
  update({ cacheDamaged: cached.damaged });
  if (cached.roster && cached.roster.account.id === account.id) {
    showRoster(cached.roster, { stale: true });
    // The saved list first, on screen; the refresh (fetch, decode) can wait for that.
    await painted();
  } else {
    update({ roster: null, entries: [] });
  }
  await load();
}

/** How many cards a first screen asks for: more than a tall window of small rows shows. */
const FIRST_SCREEN = 120;

/**
 * @typedef {{ accountId: string, start: ReturnType<typeof accountStart>, positions: number[],
 *   kept: number, head: Promise<import('./ipc').SavedHead | null> }} FirstScreenAsk
 */

/**
 * Asks Rust for the first screen of account `accountId`'s saved list (see `showFirstScreen`):
 * the cards its order by name, kept from the last start, shows first, by position. None (null)
 * unless the list is shown by name in the language the order was kept in. A filter leaves the
 * first screen true: the first of the filtered are among the first of all.
 * @param {string | null} accountId @returns {FirstScreenAsk | null}
 */
function firstScreenAsk(accountId) {
  if (accountId === null) return null;
  const kept = loadNameOrder(accountId);
  if (!kept || kept.language !== currentLanguage()) return null;
  const start = accountStart(accountId);
  const { sort, reverse } = start.filters;
  if (sort !== 'name') return null;
  const positions = reverse ? kept.positions.slice(-FIRST_SCREEN).reverse() : kept.positions.slice(0, FIRST_SCREEN);
  const head = backend.savedHead(accountId, positions).catch(() => null);
  return { accountId, start, positions, kept: kept.positions.length, head };
}

/**
 * Paints the first screen of the account's saved list before the whole list comes (at 10,000
 * assistants, 25 MB read from the review memory and decoded, then 4.7 MB of cards sent), read
 * alone by position. Until the whole list comes its controls wait (`inert`) and the counts are
 * left out.
 * @param {AccountView} account @param {number} mine the turn of this opening
 * @param {FirstScreenAsk} ask
 */
async function showFirstScreen(account, mine, ask) {
  const { start, positions } = ask;
  const head = await ask.head;
  performance.mark('first-screen-received');
  // Another list for this account since the order was kept: the whole list is ordered anew.
  if (mine !== turn || !head || head.count !== ask.kept) return;
  // No list has number 0 in Rust: a call about this one answers "not found".
  const roster = { listId: 0, account, cards: head.cards, more: 0, reuses: null, gaps: head.gaps, fetchedAtMs: head.fetchedAtMs, firstScreenOf: head.count };
  update({ ...start, account, roster, entries: buildEntries(head.cards, positions), stale: true, problem: null, screen: 'list' });
  performance.mark('first-screen-rendered');
  await painted();
  performance.mark('cards-painted');
}

/**
 * Connects an account with a key; answers whether it worked (the form then forgets the key).
 * @param {string} base @param {string} key @param {string | null} label
 * @param {boolean} [remember] false: keep the key for this session only (keyring unusable)
 */
export async function connect(base, key, label, remember = true) {
  return connectWith(() => backend.connect(base, key, label, remember));
}

/**
 * Connects through `ask` (a new account, or a new key for one) and shows its list; answers
 * whether it worked. A failure stays on the welcome form, in words.
 * @param {() => Promise<import('./ipc').Connected>} ask
 */
async function connectWith(ask) {
  if (state.busy) return false;
  update({ busy: true, connecting: true, welcome: { ...state.welcome, error: null } });
  announce(t('connect.checking'));
  try {
    const { roster, accounts } = await ask();
    turn++;
    update({ accounts, cacheDamaged: false, settingsSetAside: null });
    showRoster(roster, { stale: false });
    announce(summary());
    return true;
  } catch (error) {
    const problem = backend.failure(error);
    update({ welcome: { ...state.welcome, error: problem } });
    announce(describeError(problem).title);
    return false;
  } finally {
    update({ busy: false, connecting: false });
  }
}

export async function openSample() {
  try {
    const roster = await backend.openSample();
    turn++;
    stopRetry();
    showRoster(roster, { stale: false });
    announce(summary());
  } catch (error) {
    showProblem(backend.failure(error));
  }
}

/**
 * Removes the open account from this computer (its key, its saved list and, with
 * `forgetHistory`, which the user confirmed, its review history), or leaves the sample. Another
 * connected account opens if there is one; else the welcome screen. "Connect again" after a
 * refused key keeps the history: the same user connecting again finds it.
 * @param {boolean} [announceIt] @param {boolean} [forgetHistory]
 */
export async function signOut(announceIt = true, forgetHistory = false) {
  const account = state.roster?.account;
  // From here, an answer to a refresh of this account is dropped.
  turn++;
  stopRetry();
  /** @type {AccountView | null} */
  let next = null;
  if (account && !account.sample) {
    try {
      const removed = await backend.removeAccount(account.id, forgetHistory);
      next = removed.next;
      update({ accounts: removed.accounts });
      forgetKept(account.id);
    } catch (error) {
      showProblem(backend.failure(error));
      return;
    }
  } else if (account?.sample) {
    next = state.accounts[0] ?? null;
  }
  update({ roster: null, entries: [], stale: false, problem: null });
  if (next) {
    await openAccount(next);
  } else {
    const signedOut = announceIt && !account?.sample;
    showWelcome({ signedOut });
    if (signedOut) announce(t('welcome.signedOut'));
  }
}

/** Says on the status line what went wrong and what to do, in plain words. @param {unknown} error */
function sayFailure(error) {
  const { title, body } = describeError(backend.failure(error));
  announce(`${title} ${body}`);
}

/**
 * Asks, in the system's own dialog, whether to remove account `id` from this computer; answers
 * the user's yes. A dialog that could not ask removes nothing and says why.
 * @param {string} id
 */
export async function askRemoval(id) {
  try {
    return await backend.confirmRemoval(id);
  } catch (error) {
    sayFailure(error);
    return false;
  }
}

/**
 * Lists again an account whose settings were lost (its key is still in the keyring) and opens
 * it. Answers whether it worked.
 * @param {string} id
 */
export async function recoverAccount(id) {
  try {
    const { next, accounts } = await backend.recoverAccount(id);
    update({ accounts, settingsSetAside: null });
    if (next) await openAccount(next);
    return true;
  } catch (error) {
    sayFailure(error);
    return false;
  }
}

/**
 * Removes the key (and review history) of an account whose settings were lost.
 * @param {string} id
 */
export async function removeRecoverable(id) {
  try {
    await backend.removeAccount(id, true);
    announce(t('settings.keyRemoved'));
    return true;
  } catch (error) {
    sayFailure(error);
    return false;
  }
}

/** Opens another connected account. @param {string} id */
export async function switchAccount(id) {
  try {
    await openAccount(await backend.switchAccount(id));
  } catch (error) {
    update({ problem: backend.failure(error), screen: 'problem' });
  }
}

/** The instant the chosen comparison starts from, or null for "the last refresh". */
function sinceMs() {
  const day = 24 * 60 * 60 * 1000;
  switch (state.since) {
    case 'review': return state.review?.lastReviewMs ?? null;
    case 'week': return Date.now() - 7 * day;
    case 'month': return Date.now() - 30 * day;
    default: return null;
  }
}

/**
 * Whether an answer is what the page already shows (as after a refresh that changed nothing):
 * then nothing is rendered again, and the cards stay as painted.
 * @param {unknown} answer @param {unknown} shown
 */
const sameAnswer = (answer, shown) => answer === shown || (answer !== null && shown !== null && JSON.stringify(answer) === JSON.stringify(shown));

/** @param {import('./ipc').ListReview | null} review @param {Roster} roster */
function showReview(review, roster) {
  if (state.roster !== roster || (!state.reviewProblem && sameAnswer(review, state.review))) return;
  update({ review, marks: marksOf(review, state.rules), reviewProblem: null });
}

/**
 * Asks the review memory what changed in the shown list and what is reviewed. A failure is said
 * once, in the status line and the review bar; the list stays as it is.
 */
export async function loadReview() {
  const roster = state.roster;
  if (!roster || roster.account.sample || roster.account.sessionOnly) return;
  try {
    showReview(await backend.listReview(roster.listId, sinceMs()), roster);
  } catch (error) {
    if (state.roster !== roster) return;
    update({ review: null, marks: marksOf(null, state.rules), reviewProblem: backend.failure(error) });
    announce(describeError(backend.failure(error)).title);
  }
}

/**
 * Runs the account's review rules on the shown list (the sample's too). A failure is said once;
 * the cards stay as they are.
 */
export async function loadRules() {
  const roster = state.roster;
  if (!roster) return;
  try {
    showRules(await backend.listRules(roster.listId, invalidZones(state.entries)), roster);
  } catch (error) {
    if (state.roster !== roster) return;
    update({ rulesProblem: backend.failure(error) });
    announce(describeError(backend.failure(error)).title);
  }
}

/** @param {import('./ipc').ListRules | null} rules @param {Roster} roster */
function showRules(rules, roster) {
  if (state.roster !== roster || !rules || (!state.rulesProblem && sameAnswer(rules, state.rules))) return;
  update({ rules, marks: marksOf(state.review, rules), rulesProblem: null });
}

/**
 * Keeps the account's rules as edited and shows what they now find; answers the failure, if
 * any, for the editor to show next to the rules (nothing is lost: the editor keeps its fields).
 * @param {import('./ipc').RuleSettings} settings
 * @returns {Promise<AppError | null>}
 */
export async function saveRules(settings) {
  const roster = state.roster;
  if (!roster) return null;
  try {
    showRules(await backend.saveRules(roster.listId, settings), roster);
    announce(t('rules.saved'));
    return null;
  } catch (error) {
    return backend.failure(error);
  }
}

/**
 * Every rule's finding for the assistant at `position`; null when it cannot be said (said in
 * the status line).
 * @param {number} position
 */
export async function assistantRules(position) {
  const roster = state.roster;
  if (!roster) return null;
  try {
    return await backend.assistantRules(roster.listId, position);
  } catch (error) {
    announce(describeError(backend.failure(error)).title);
    return null;
  }
}

/** Compares the shown list with another earlier one. @param {import('./store.js').Since} since */
export async function setSince(since) {
  update({ since });
  await loadReview();
}

/**
 * What changed in the assistant at `position` since the chosen comparison; null when nothing can
 * be compared (or it failed, said in the status line).
 * @param {number} position
 */
export async function assistantChanges(position) {
  const roster = state.roster;
  if (!roster || !state.review) return null;
  try {
    return await backend.assistantChanges(roster.listId, position, sinceMs());
  } catch (error) {
    announce(describeError(backend.failure(error)).title);
    return null;
  }
}

/**
 * The versions of the assistant at `position` the app has seen; empty when it has none or
 * could not say (said in the status line).
 * @param {number} position
 */
export async function timeline(position) {
  const roster = state.roster;
  if (!roster || !state.review) return [];
  try {
    return await backend.assistantTimeline(roster.listId, position);
  } catch (error) {
    announce(describeError(backend.failure(error)).title);
    return [];
  }
}

/**
 * How one version of the assistant at `position` differs from another.
 * @param {number} position @param {string} older @param {string} newer
 */
export async function compareVersions(position, older, newer) {
  const roster = state.roster;
  if (!roster) return null;
  try {
    return await backend.compareVersions(roster.listId, position, older, newer);
  } catch (error) {
    announce(describeError(backend.failure(error)).title);
    return null;
  }
}

/**
 * How the assistant at `other` of the shown list differs from the one at `position`.
 * @param {number} position @param {number} other
 */
export async function compareAssistants(position, other) {
  const roster = state.roster;
  if (!roster) return null;
  try {
    const comparison = await backend.compareAssistants(roster.listId, position, other);
    if (!comparison) announce(t('reason.list_replaced'));
    return comparison;
  } catch (error) {
    announce(describeError(backend.failure(error)).title);
    return null;
  }
}

/**
 * Marks the assistant at `position`, as it is now, as reviewed (with a note), or takes the mark
 * back. Answers whether it was saved.
 * @param {number} position @param {boolean} reviewed @param {string} [note]
 */
export async function setReviewed(position, reviewed, note = '') {
  const roster = state.roster;
  if (!roster) return false;
  try {
    showReview(await backend.setReviewed(roster.listId, position, reviewed, note, sinceMs()), roster);
    announce(t(reviewed ? 'review.marked' : 'review.unmarked'));
    return true;
  } catch (error) {
    sayFailure(error);
    return false;
  }
}

/**
 * A call for the history settings, which say a failure in place rather than in the status line
 * alone: answers `{ ok }`, or `{ problem }` with the AppError.
 * @template T @param {() => Promise<T>} call
 * @returns {Promise<{ ok: T, problem?: undefined } | { ok?: undefined, problem: AppError }>}
 */
async function attempt(call) {
  try {
    return { ok: await call() };
  } catch (error) {
    return { problem: backend.failure(error) };
  }
}

/** How much room the review history takes and how long it is kept. */
export const historyInfo = () => attempt(backend.historyInfo);
/** Keeps the review history `days` days (null: always). @param {number | null} days */
export const keepHistory = (days) => attempt(() => backend.keepHistory(days));
/** Saves the marks and notes of every account to a file the user chooses (null: cancelled). */
export const saveBackup = () => attempt(backend.saveBackup);
/** Reads a backup file the user chooses and answers what restoring it will do (null: cancelled). */
export const openBackup = () => attempt(backend.openBackup);

/**
 * Restores the backup a plan described, then asks for the shown list's marks again.
 * @param {number} token
 */
export async function restoreBackup(token) {
  const outcome = await attempt(() => backend.restoreBackup(token));
  if (outcome.ok) await loadReview();
  return outcome;
}

/** Accounts whose keys remain though the settings that listed them were lost; none on failure. */
export async function recoverableAccounts() {
  try {
    return await backend.recoverableAccounts();
  } catch {
    return []; // The note on the welcome screen already says what to do.
  }
}

/** Voice and language names, fetched once per account in the background; ids show meanwhile. */
async function loadNames() {
  const account = state.roster?.account;
  if (!account) return;
  try {
    const found = await backend.lookups();
    if (state.roster?.account.id !== account.id) return;
    update({ names: { voices: new Map(found.voices), languages: new Map(found.languages) } });
  } catch {
    // Names are a nicety: without them the detail view shows "Voice #8".
  }
}

/**
 * Asks Rust which assistants hold `text`, then applies the search. Answers to older keystrokes
 * are dropped; an answer for a list that is no longer open is empty, and said so.
 * @param {string} text
 */
export async function search(text) {
  const roster = state.roster;
  if (!roster || roster.firstScreenOf !== undefined) return;
  const asked = ++searches;
  let matches = null;
  if (text.trim()) {
    try {
      const sent = performance.now();
      matches = await backend.search(roster.listId, text);
      // For scripts/bench.sh: what of a keystroke is Rust's search and the way there and back.
      performance.measure('search-answered', { start: sent });
    } catch (error) {
      announce(describeError(backend.failure(error)).body);
      return;
    }
    if (asked !== searches || state.roster !== roster) return;
    if (matches.length !== state.entries.length) {
      // Rust no longer holds this list (it could not be opened again after a failed refresh).
      announce(t('reason.list_replaced'));
      return;
    }
  }
  update({ search: { text, query: fold(text.trim()), matches, listId: roster.listId } });
}

/** Changes the filters (and sort) and remembers them for the account. @param {Partial<Filters>} changes */
export function setFilters(changes) {
  update({ filters: { ...state.filters, ...changes } });
  saveFilters();
}

/** The whole assistant of a shown card, from Rust; `null` (and said why) when it cannot come. */
/** @param {Entry} entry */
export async function wholeAssistant(entry) {
  const roster = state.roster;
  if (!roster) return null;
  try {
    const whole = await backend.assistant(roster.listId, entry.position);
    if (state.roster !== roster) return null;
    if (!whole) announce(t('reason.list_replaced'));
    return whole;
  } catch (error) {
    announce(describeError(backend.failure(error)).body);
    return null;
  }
}

/** The assistant at `position` of the shown list as sent. @param {number} position */
export function rawAssistant(position) {
  const roster = state.roster;
  return roster ? backend.rawAssistant(roster.listId, position) : Promise.resolve(null);
}

/** Opens the webhook link of the assistant at `position` in the system browser. @param {number} position */
export function openWebhook(position) {
  const roster = state.roster;
  if (!roster) return;
  backend.openWebhook(roster.listId, position).catch((error) => announce(describeError(backend.failure(error)).body));
}

/**
 * Saves the shown list (search, filters and sort applied) through the system's Save dialog.
 * @param {import('./ipc').ExportFormat} format @param {number[]} positions in the order shown
 */
export async function exportList(format, positions) {
  const roster = state.roster;
  if (!roster) return;
  try {
    const path = await backend.exportList(format, roster.listId, positions);
    if (!path) return;
    update({ exported: { path } });
    announce(t('export.saved', { path }));
  } catch (error) {
    const failed = backend.failure(error);
    update({ exported: { failed } });
    announce(`${t('export.failed')} ${describeError(failed).body}`);
  }
}

/** Shows the last export's file in the system's file manager. */
export async function showExport() {
  const exported = state.exported;
  if (!exported || !('path' in exported)) return;
  try {
    await backend.showExport();
  } catch {
    // No file manager answered (a minimal desktop): the path stays on screen to find by hand.
    update({ exported: { path: exported.path, showFailed: true } });
  }
}

/** Where each account's view (filters and sort, not the search text) is remembered. */
const viewKey = (/** @type {string} */ accountId) => `assistant-roster.view.${accountId}`;

/** @param {string} accountId @returns {Filters} */
function loadFilters(accountId) {
  try {
    const saved = JSON.parse(localStorage.getItem(viewKey(accountId)) ?? 'null');
    // A rule filter is not kept: the rules run after the first paint, and may have changed.
    return { ...defaultFilters(), ...(saved && typeof saved === 'object' ? saved : {}), rule: null };
  } catch {
    return defaultFilters();
  }
}

function saveFilters() {
  const id = state.roster?.account.id;
  if (!id) return;
  try {
    const { rule, ...kept } = state.filters;
    localStorage.setItem(viewKey(id), JSON.stringify(kept));
  } catch {
    // Storage off: the view lasts for this session.
  }
}

/**
 * Forgets what the page kept for a removed account: its view, its order by name, and that it
 * was the account opened last. @param {string} accountId
 */
function forgetKept(accountId) {
  try {
    localStorage.removeItem(viewKey(accountId));
    localStorage.removeItem(orderKey(accountId));
    if (localStorage.getItem(OPENED_KEY) === accountId) localStorage.removeItem(OPENED_KEY);
  } catch {
    // Storage off: nothing was kept.
  }
}

/**
 * Where the order by name of an account's last list shown is kept: positions, and a hash of the
 * names that decide it (no name itself). At the next start the saved list, if its names are the
 * same, is shown in that order without ordering it again (see view.js).
 */
const orderKey = (/** @type {string} */ accountId) => `assistant-roster.name-order.${accountId}`;

/** Where the id of the account opened last is kept: its first screen is asked at the start. */
const OPENED_KEY = 'assistant-roster.opened';

/** The account opened last, if the page knows it. @returns {string | null} */
function lastOpened() {
  try {
    return localStorage.getItem(OPENED_KEY);
  } catch {
    return null;
  }
}

/** @param {string} accountId */
function rememberOpened(accountId) {
  try {
    if (localStorage.getItem(OPENED_KEY) !== accountId) localStorage.setItem(OPENED_KEY, accountId);
  } catch {
    // Storage off: the first screen is asked after the start's answer instead.
  }
}

/** The hash of the order kept last, by account: an order is written only when it changes. @type {Map<string, string>} */
const ordersKept = new Map();

/**
 * Reads the order by name kept for the account, if any: its positions, and the language it was
 * made in. @param {string} accountId @returns {{ positions: number[], language: string } | null}
 */
function loadNameOrder(accountId) {
  try {
    const kept = JSON.parse(localStorage.getItem(orderKey(accountId)) ?? 'null');
    const language = typeof kept?.key === 'string' ? keepNameOrder(kept.key, kept.positions) : null;
    if (language === null) return null;
    ordersKept.set(accountId, kept.key);
    return { positions: kept.positions, language };
  } catch {
    // Storage off, or what it held unreadable: the list is ordered as it comes.
    return null;
  }
}

/** Keeps the order by name of the list painted, if one was made (the sample's and a session-only account's are not kept). @param {Roster} roster */
function saveNameOrder(roster) {
  const { id, sample, sessionOnly } = roster.account;
  if (sample || sessionOnly || state.roster !== roster) return;
  const made = madeNameOrder(state.entries, currentLanguage());
  if (!made || ordersKept.get(id) === made.key) return;
  try {
    localStorage.setItem(orderKey(id), JSON.stringify(made));
    ordersKept.set(id, made.key);
  } catch {
    // Storage off or full: the next start orders the list again.
  }
}
