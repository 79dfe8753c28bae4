// What the page keeps in the webview's storage between starts, by account: its view (filters and
// sort), the order by name of its last list, and which account was opened last. Nothing here
// waits for the page's words or screens: the page's first script (start.js) reads it.

import { defaultFilters, keepNameOrder } from './view.js';

/** @typedef {import('./view.js').Filters} Filters */

/** Where each account's view (filters and sort, not the search text) is remembered. */
const viewKey = (/** @type {string} */ accountId) => `assistant-roster.view.${accountId}`;

/**
 * Where the order by name of an account's last list shown is kept: positions, and a hash of the
 * names that decide it (no name itself). At the next start the saved list, if its names are the
 * same, is shown in that order without ordering it again (see view.js).
 */
const orderKey = (/** @type {string} */ accountId) => `assistant-roster.name-order.${accountId}`;

/** Where the id of the account opened last is kept: its first screen is asked at the start. */
const OPENED_KEY = 'assistant-roster.opened';

/** The hash of the order kept last, by account: an order is written only when it changes. @type {Map<string, string>} */
const ordersKept = new Map();

/** @param {string} accountId @returns {Filters} */
export function loadFilters(accountId) {
  try {
    const saved = JSON.parse(localStorage.getItem(viewKey(accountId)) ?? 'null');
    // A rule filter is not kept: the rules run after the first paint, and may have changed.
    return { ...defaultFilters(), ...(saved && typeof saved === 'object' ? saved : {}), rule: null };
  } catch {
    return defaultFilters();
  }
}

/** @param {string} accountId @param {Filters} filters */
export function saveFilters(accountId, filters) {
  try {
    const { rule, ...kept } = filters;
    localStorage.setItem(viewKey(accountId), JSON.stringify(kept));
  } catch {
    // Storage off: the view lasts for this session.
  }
}

/** Forgets all the page kept for the account (it was removed). @param {string} accountId */
export function forgetKept(accountId) {
  try {
    localStorage.removeItem(viewKey(accountId));
    localStorage.removeItem(orderKey(accountId));
    if (localStorage.getItem(OPENED_KEY) === accountId) localStorage.removeItem(OPENED_KEY);
  } catch {
    // Storage off: nothing was kept.
  }
}

/** The account opened last, if the page knows it. @returns {string | null} */
export function lastOpened() {
  try {
    return localStorage.getItem(OPENED_KEY);
  } catch {
    return null;
  }
}

/** @param {string} accountId */
export function rememberOpened(accountId) {
  try {
    if (localStorage.getItem(OPENED_KEY) !== accountId) localStorage.setItem(OPENED_KEY, accountId);
  } catch {
    // Storage off: the first screen is asked after the start's answer instead.
  }
}

/**
 * Reads the order by name kept for the account, if any: its positions, and the language it was
 * made in. @param {string} accountId @returns {{ positions: number[], language: string } | null}
 */
export function loadNameOrder(accountId) {
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

/**
 * Keeps an order by name made for the account (view.js `madeNameOrder`), unless it is the one
 * kept already. @param {string} accountId @param {{ key: string, positions: number[] }} made
 */
export function keepNameOrderOf(accountId, made) {
  if (ordersKept.get(accountId) === made.key) return;
  try {
    localStorage.setItem(orderKey(accountId), JSON.stringify(made));
    ordersKept.set(accountId, made.key);
  } catch {
    // Storage off or full: the next start orders the list again.
  }
}
