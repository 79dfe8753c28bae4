// The Rust commands, typed by the shapes generated from Rust (ipc.d.ts). Every call goes through
// `call`, which turns any failure into an AppError, so callers catch one shape.

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

/**
 * What the page shows for any failure: Rust's own errors as they come; anything else (no
 * backend, a broken call) as `unknown`.
 * @param {unknown} error @returns {AppError}
 */
function toAppError(error) {
  if (error && typeof error === 'object' && 'kind' in error && typeof error.kind === 'string') {
    const e = /** @type {Partial<AppError>} */ (error);
    return {
      kind: /** @type {AppError['kind']} */ (e.kind),
      message: String(e.message ?? ''),
      status: e.status ?? null,
      retryAfterSecs: e.retryAfterSecs ?? null,
      reason: e.reason ?? null,
    };
  }
  return { kind: 'unknown', message: String(error), status: null, retryAfterSecs: null, reason: null };
}

/**
 * A rejection of any call of this module, as what it always is: an AppError.
 * @param {unknown} error @returns {AppError}
 */
export const failure = (error) => /** @type {AppError} */ (error);

/**
 * A roster with all its cards: an answer carries at most 10,000 (`Roster.more` says how many
 * follow), the rest come a slice at a time, so neither process holds 100,000 cards' JSON at once.
 * @param {import('./ipc').Roster} roster @returns {Promise<import('./ipc').Roster>}
 */
async function allCards(roster) {
  if (!roster.more) return roster;
  const slices = [roster.cards];
  for (let left = roster.more; left > 0; ) {
    /** @type {import('./ipc').Card[] | null} */
    const slice = await call('more_cards', { listId: roster.listId });
    // Another list was answered meanwhile: this one is no longer the page's to show.
    if (!slice?.length) throw toAppError({ kind: 'cancelled', message: 'another list was answered while this one was sent' });
    slices.push(slice);
    left -= slice.length;
  }
  return { ...roster, cards: slices.flat(), more: 0 };
}

/**
 * The answer of `asked` with its roster's cards all there, when it has a roster.
 * @template {{ roster: import('./ipc').Roster | null }} T
 * @param {Promise<T>} asked @returns {Promise<T>}
 */
async function withAllCards(asked) {
  const answer = await asked;
  return answer.roster ? { ...answer, roster: await allCards(answer.roster) } : answer;
}

/** @returns {Promise<import('./ipc').Startup>} */
export const startup = () => call('startup');
/**
 * @param {string} base
 * @param {string} key
 * @param {string | null} label the user's name for the account, or null for the platform's
 * @param {boolean} [remember] false keeps the key in memory for this session only
 * @returns {Promise<import('./ipc').Connected>}
 */
export const connect = (base, key, label, remember = true) => withAllCards(call('connect', { base, key, label, remember }));
/** The diagnostic information for support (no key, nothing of the list). @returns {Promise<string>} */
export const diagnostics = () => call('diagnostics');
/** The folders the app keeps its files in, for the help. @returns {Promise<import('./ipc').HelpFolders>} */
export const helpFolders = () => call('help_folders');
/** Whether a newer version is out (nothing is installed). @returns {Promise<import('./ipc').UpdateCheck>} */
export const checkUpdates = () => call('check_updates');
/** Opens the release page set at build time in the browser. @returns {Promise<void>} */
export const openReleasePage = () => call('open_release_page');
/** Asks in the system's dialog whether to remove account `id`; its answer. @param {string} id @returns {Promise<boolean>} */
export const confirmRemoval = (id) => call('confirm_removal', { id });
/** The page is now in language `code`; Rust's menu, dialogs and exports follow. @param {string} code @returns {Promise<void>} */
export const setLanguage = (code) => call('set_language', { code });
/** A new key for saved account `id`. @param {string} id @param {string} key @returns {Promise<import('./ipc').Connected>} */
export const changeKey = (id, key) => withAllCards(call('change_key', { id, key }));
/**
 * The cards at `positions` of account `accountId`'s saved list: the first screen, before the
 * whole list (`cachedRoster`). Null when there is none to give.
 * @param {string} accountId @param {number[]} positions @returns {Promise<import('./ipc').SavedHead | null>}
 */
export const savedHead = (accountId, positions) => call('saved_head', { accountId, positions });
/** @returns {Promise<import('./ipc').CachedRoster>} */
export const cachedRoster = () => withAllCards(call('cached_roster'));
/**
 * The open account's list, fetched again. `held`: the list whose cards the page holds; the
 * answer then names it (`reuses`) and sends only the cards it does not hold.
 * @param {number | null} held @returns {Promise<import('./ipc').Roster>}
 */
export const refresh = async (held) => allCards(await call('refresh', { held }));
/** @returns {Promise<import('./ipc').Roster>} */
export const openSample = async () => allCards(await call('open_sample'));
/** @param {string} id @returns {Promise<import('./ipc').AccountView>} */
export const switchAccount = (id) => call('switch_account', { id });
/**
 * Removes an account from this computer (with its review history when `forgetHistory`); answers
 * the account to open next and the accounts left.
 * @param {string} id @param {boolean} forgetHistory @returns {Promise<import('./ipc').Removed>}
 */
export const removeAccount = (id, forgetHistory) => call('remove_account', { id, forgetHistory });
/** Voice and language names of the shown account. @returns {Promise<import('./ipc').Lookups>} */
export const lookups = () => call('lookups');
/**
 * Which assistants of the list hold `query`: one flag per position (raw bytes over the IPC).
 * @param {number} listId @param {string} query @returns {Promise<Uint8Array>}
 */
export const search = async (listId, query) => new Uint8Array(await call('search', { listId, query }));
/** @param {number} listId @param {number} position @returns {Promise<import('./ipc').Assistant | null>} */
export const assistant = (listId, position) => call('assistant', { listId, position });
/** @param {number} listId @param {number} position @returns {Promise<string | null>} */
export const rawAssistant = (listId, position) => call('raw_assistant', { listId, position });
/** The cards of list `listId` are painted. @param {number} listId @returns {Promise<void>} */
export const listShown = (listId) => call('list_shown', { listId });
/** @param {number} listId @param {number} position @returns {Promise<void>} */
export const openWebhook = (listId, position) => call('open_webhook', { listId, position });
/**
 * @param {import('./ipc').ExportFormat} format @param {number} listId
 * @param {number[]} positions the assistants shown, in the order shown
 * @returns {Promise<string | null>} where it was saved, or null when the user cancelled
 */
export const exportList = (format, listId, positions) => call('export_list', { format, listId, positions });
/** How much of the list being fetched has arrived. @returns {Promise<import('./ipc').LoadProgress>} */
export const loadProgress = () => call('load_progress');
/** Stops the list being fetched; that fetch then fails as `cancelled`. @returns {Promise<void>} */
export const stopLoading = () => call('stop_loading');
/** Shows the last export's file in the system's file manager. @returns {Promise<void>} */
export const showExport = () => call('show_export');
/**
 * What changed in list `listId` since the last fetch (or `sinceMs`), and its reviewed marks;
 * null for the sample or a session-only account.
 * @param {number} listId @param {number | null} sinceMs
 * @returns {Promise<import('./ipc').ListReview | null>}
 */
export const listReview = (listId, sinceMs) => call('list_review', { listId, sinceMs });
/**
 * What changed in one assistant, field by field and word by word; null with nothing to compare.
 * @param {number} listId @param {number} position @param {number | null} sinceMs
 * @returns {Promise<import('./ipc').AssistantChanges | null>}
 */
export const assistantChanges = (listId, position, sinceMs) => call('assistant_changes', { listId, position, sinceMs });
/**
 * Marks an assistant as reviewed (with a note), or takes the mark back; answers the list's review.
 * @param {number} listId @param {number} position @param {boolean} reviewed @param {string} note
 * @param {number | null} sinceMs
 * @returns {Promise<import('./ipc').ListReview | null>}
 */
export const setReviewed = (listId, position, reviewed, note, sinceMs) =>
  call('set_reviewed', { listId, position, reviewed, note, sinceMs });
/** How much room the review history takes and how long it is kept. @returns {Promise<import('./ipc').HistoryInfo>} */
export const historyInfo = () => call('history_info');
/**
 * Keeps the review history `keepDays` days (null: for ever) and forgets older history now.
 * @param {number | null} keepDays @returns {Promise<import('./ipc').HistoryInfo>}
 */
export const keepHistory = (keepDays) => call('keep_history', { keepDays });
/**
 * Every version of one assistant the app has seen, oldest first.
 * @param {number} listId @param {number} position @returns {Promise<import('./ipc').VersionSeen[]>}
 */
export const assistantTimeline = (listId, position) => call('assistant_timeline', { listId, position });
/**
 * How version `newer` of an assistant differs from version `older` (ids from its timeline).
 * @param {number} listId @param {number} position @param {string} older @param {string} newer
 * @returns {Promise<import('./ipc').AssistantChanges | null>}
 */
export const compareVersions = (listId, position, older, newer) => call('compare_versions', { listId, position, older, newer });
/**
 * How the assistant at `other` differs from the one at `position`.
 * @param {number} listId @param {number} position @param {number} other
 * @returns {Promise<import('./ipc').Comparison | null>}
 */
export const compareAssistants = (listId, position, other) => call('compare_assistants', { listId, position, other });
/** Saves every reviewed mark and note to a file the user chooses. @returns {Promise<string | null>} where, or null when cancelled */
export const saveBackup = () => call('save_backup');
/** Reads a backup file the user chooses; answers what restoring it will do. @returns {Promise<import('./ipc').RestorePlan | null>} */
export const openBackup = () => call('open_backup');
/** Restores the backup a plan described. @param {number} token @returns {Promise<boolean>} */
export const restoreBackup = (token) => call('restore_backup', { token });
/** Accounts whose keys are still in the keyring though their settings were lost. @returns {Promise<import('./ipc').AccountView[]>} */
export const recoverableAccounts = () => call('recoverable_accounts');
/** Lists a recoverable account again. @param {string} id @returns {Promise<import('./ipc').Removed>} */
export const recoverAccount = (id) => call('recover_account', { id });
/**
 * The review rules of list `listId`'s account and what they find in it; `invalidZones` are its
 * time zones `Intl` does not know. Null when the list is no longer shown.
 * @param {number} listId @param {string[]} invalidZones
 * @returns {Promise<import('./ipc').ListRules | null>}
 */
export const listRules = (listId, invalidZones) => call('list_rules', { listId, invalidZones });
/**
 * Keeps the account's rules as edited; answers what they now find.
 * @param {number} listId @param {import('./ipc').RuleSettings} settings
 * @returns {Promise<import('./ipc').ListRules | null>}
 */
export const saveRules = (listId, settings) => call('save_rules', { listId, settings });
/**
 * Every rule's finding for one assistant, with the sentence that decided it.
 * @param {number} listId @param {number} position
 * @returns {Promise<import('./ipc').Finding[] | null>}
 */
export const assistantRules = (listId, position) => call('assistant_rules', { listId, position });
