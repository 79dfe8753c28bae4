// The page's first questions to Rust: what to open, and the first screen of the account opened
// last (nearly always the one to open; Rust answers nothing for another). index.html runs this
// small script on its own, ahead of the page's main one, so they are on their way while the rest
// of the page (its words, its screens) is read, and the answers come while the screens mount.

import * as backend from './backend.js';
import { lastOpened, loadFilters, loadNameOrder } from './kept.js';
import { pickLanguage } from './languages.js';

/** How many cards a first screen asks for: more than a tall window of small rows shows. */
const FIRST_SCREEN = 120;

/**
 * @typedef {{ accountId: string, language: string, filters: import('./view.js').Filters,
 *   positions: number[], kept: number, head: Promise<import('./ipc').SavedHead | null> }} FirstScreenAsk
 */

/**
 * Asks Rust for the first screen of account `accountId`'s saved list (see actions.js
 * `showFirstScreen`): the cards its order by name, kept from the last start, shows first, by
 * position. None (null) unless the list is shown by name, and the order was kept in `language`.
 * A filter leaves the first screen true: the first of the filtered are among the first of all.
 * @param {string | null} accountId @param {string} language @returns {FirstScreenAsk | null}
 */
export function firstScreenAsk(accountId, language) {
  if (accountId === null) return null;
  const kept = loadNameOrder(accountId);
  if (!kept || kept.language !== language) return null;
  const filters = loadFilters(accountId);
  if (filters.sort !== 'name') return null;
  const positions = filters.reverse ? kept.positions.slice(-FIRST_SCREEN).reverse() : kept.positions.slice(0, FIRST_SCREEN);
  const head = backend.savedHead(accountId, positions).catch(() => null);
  return { accountId, language, filters, positions, kept: kept.positions.length, head };
}

performance.mark('start-asked');
const firstScreen = firstScreenAsk(lastOpened(), pickLanguage());
const startup = backend.startup();
// A failure is shown by actions.js `boot`, which may not wait for it yet.
startup.catch(() => {});

/** The answers `boot` starts the page with. */
export const asked = { startup, firstScreen };
