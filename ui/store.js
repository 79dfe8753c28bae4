// The one store of the page's state. Anything may read `state`; only `update` changes it, and
// `update` re-renders what depends on the keys whose value it changed (each screen and component says which
// keys it watches). So no change can forget to show itself, and no render depends on call order.

import { currentLanguage } from './i18n.js';
import { defaultFilters, marksOf } from './view.js';

/** @typedef {import('./ipc').Roster} Roster */
/** @typedef {import('./ipc').Platform} Platform */
/** @typedef {import('./ipc').AccountView} AccountView */
/** @typedef {import('./types').AppError} AppError */
/** @typedef {import('./view.js').Entry} Entry */
/** @typedef {import('./view.js').Filters} Filters */
/** @typedef {import('./view.js').Marks} Marks */
/** @typedef {import('./ipc').ListReview} ListReview */
/** @typedef {import('./ipc').ListRules} ListRules */
/** @typedef {'previous' | 'review' | 'week' | 'month'} Since */
/** @typedef {import('./components/detail.js').Names} Names */

/**
 * @typedef {{
 *   screen: 'loading' | 'welcome' | 'list' | 'problem',
 *   language: string,
 *   platforms: Platform[],
 *   accounts: AccountView[],
 *   greetingLimit: number,
 *   roster: (Roster & { firstScreenOf?: number }) | null,
 *   entries: Entry[],
 *   stale: boolean,
 *   cacheDamaged: boolean,
 *   settingsSetAside: string | null,
 *   problem: AppError | null,
 *   retry: { attempt: number, at: number | null },
 *   busy: boolean,
 *   connecting: boolean,
 *   welcome: { signedOut: boolean, adding: boolean, error: AppError | null, replacing: AccountView | null },
 *   account: AccountView | null,
 *   search: { text: string, query: string, matches: Uint8Array | null, listId: number | null },
 *   filters: Filters,
 *   names: Names | null,
 *   review: ListReview | null,
 *   reviewProblem: AppError | null,
 *   marks: Marks,
 *   since: Since,
 *   rules: ListRules | null,
 *   rulesProblem: AppError | null,
 *   exported: Exported | null,
 * }} State
 *
 * `screen` is what fills the window. `roster` is the shown list and `entries` its cards prepared
 * once (groups, checks, sort keys); at a start, until the whole saved list comes, `roster` may be
 * only its first screen (`firstScreenOf`: how many assistants the whole list has). `stale`: the
 * list is a saved one, or a refresh failed.
 * `search` is the applied search: the text asked, lower-cased, and Rust's answer (a flag per
 * position) for list `listId`.
 * `settingsSetAside`: where a damaged settings file was kept at this start, if one was.
 * `retry.at` is when the next automatic attempt is planned, if one is.
 * `account` is the account open, or being opened (its list may not have come yet).
 * `welcome.replacing` is the account whose key the welcome form asks for anew.
 * `review` is the review memory's answer for the shown list (null for the sample, a session-only
 * account, or until it comes); `marks` the same by position; `since` what it compares with;
 * `reviewProblem` why the review memory could not answer, if it could not.
 * `rules` is what the account's review rules find in the shown list (after the first paint);
 * `rulesProblem` why they could not run, if they could not.
 * `exported` is the last export's outcome, shown under the toolbar until dismissed or the list
 * changes.
 */

/** @typedef {{ path: string, showFailed?: boolean } | { failed: AppError }} Exported */

/** @type {State} */
const initial = {
  screen: 'loading',
  // The language the page starts in (the saved choice or the system's), so that choosing
  // another is a change.
  language: currentLanguage(),
  platforms: [],
  accounts: [],
  greetingLimit: 0,
  roster: null,
  entries: [],
  stale: false,
  cacheDamaged: false,
  settingsSetAside: null,
  problem: null,
  retry: { attempt: 0, at: null },
  busy: false,
  connecting: false,
  welcome: { signedOut: false, adding: false, error: null, replacing: null },
  account: null,
  search: { text: '', query: '', matches: null, listId: null },
  filters: defaultFilters(),
  names: null,
  review: null,
  reviewProblem: null,
  marks: marksOf(null),
  since: 'previous',
  rules: null,
  rulesProblem: null,
  exported: null,
};

/** The page's state, to read. @type {Readonly<State>} */
export const state = initial;

/** @type {{ keys: (keyof State)[], render: () => void }[]} */
const watchers = [];

/**
 * Calls `render` now and whenever `update` changes one of `keys`.
 * @param {(keyof State)[]} keys @param {() => void} render
 */
export function watch(keys, render) {
  watchers.push({ keys, render });
  render();
}

/**
 * Changes the state, then re-renders, once each, what watches the keys changed.
 * @param {Partial<State>} changes
 */
export function update(changes) {
  // A key given the value it has changes nothing: an account opened sets the names to none
  // again, and the cards just made would be made once more.
  const changed = /** @type {(keyof State)[]} */ (Object.keys(changes)).filter((key) => !Object.is(initial[key], changes[key]));
  Object.assign(initial, changes);
  if (changed.length === 0) return;
  for (const watcher of watchers) {
    if (watcher.keys.some((key) => changed.includes(key))) watcher.render();
  }
}
