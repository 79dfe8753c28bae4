// The Rust commands, typed. Every call goes through `call`, which turns any failure into an
// AppError so the page has one shape to handle.

/** @typedef {import('./types').Startup} Startup */
/** @typedef {import('./types').Roster} Roster */
/** @typedef {import('./types').AppError} AppError */

/**
 * @template T
 * @param {string} command
 * @param {Record<string, unknown>} [args]
 * @returns {Promise<T>}
 */
async function call(command, args) {
  const tauri = window.__TAURI__;
  if (!tauri) throw toAppError('the app backend is not available');
  try {
    return await tauri.core.invoke(command, args);
  } catch (error) {
    throw toAppError(error);
  }
}

/** @param {unknown} error @returns {AppError} */
export function toAppError(error) {
  if (error && typeof error === 'object' && 'kind' in error && typeof error.kind === 'string') {
    const e = /** @type {Partial<AppError> & { kind: string }} */ (error);
    return {
      kind: e.kind,
      message: String(e.message ?? ''),
      status: e.status ?? null,
      retryAfterSecs: e.retryAfterSecs ?? null,
      reason: e.reason ?? null,
    };
  }
  return { kind: 'unknown', message: String(error), status: null, retryAfterSecs: null, reason: null };
}

/** @returns {Promise<Startup>} */
export const startup = () => call('startup');
/**
 * @param {string} base
 * @param {string} key
 * @param {string | null} label the user's name for the account, or null for the platform's
 * @param {boolean} [remember] false keeps the key in memory for this session only
 * @returns {Promise<Roster>}
 */
export const connect = (base, key, label, remember = true) => call('connect', { base, key, label, remember });
/** @returns {Promise<import('./types').CachedRoster>} */
export const cachedRoster = () => call('cached_roster');
/** @returns {Promise<Roster>} */
export const refresh = () => call('refresh');
/** @returns {Promise<Roster>} */
export const openSample = () => call('open_sample');
/** @param {string} id @returns {Promise<import('./types').AccountView>} */
export const switchAccount = (id) => call('switch_account', { id });
/** Forgets an account; answers the account to open next, if any. */
/** @param {string} id @returns {Promise<import('./types').AccountView | null>} */
export const removeAccount = (id) => call('remove_account', { id });
/** @param {boolean} sample @returns {Promise<{ voices: [string, string][], languages: [string, string][] }>} */
export const lookups = (sample) => call('lookups', { sample });
/**
 * Which assistants of the list hold `query`: one flag per position (raw bytes over the IPC).
 * @param {number} listId @param {string} query @returns {Promise<Uint8Array>}
 */
export const search = async (listId, query) => new Uint8Array(await call('search', { listId, query }));
/** @param {number} listId @param {number} position @returns {Promise<import('./types').Assistant | null>} */
export const assistant = (listId, position) => call('assistant', { listId, position });
/** @param {number} listId @param {number} position @returns {Promise<string | null>} */
export const rawAssistant = (listId, position) => call('raw_assistant', { listId, position });
/** @param {string} url @returns {Promise<void>} */
export const openLink = (url) => call('open_link', { url });
/**
 * @param {'csv' | 'json'} format @param {string} label @param {number} listId
 * @param {number[]} positions the assistants shown, in the order shown
 * @returns {Promise<string | null>} where it was saved, or null when the user cancelled
 */
export const exportList = (format, label, listId, positions) =>
  call('export_list', { format, label, listId, positions });
