// The table view: the same assistants as the cards, a dense row each, for accounts with hundreds
// of them. The same search, filters and order as the cards (a column's header sorts by it, and
// again turns the order round); rows are windowed by grid.js like the cards, with the same keys.
// An ARIA table: the header row says which column orders the list and which way (aria-sort).

import { el } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { exactTime, isoTime, relativeTime } from '../time.js';
import { badge, lookupName, reviewBadges, zoneProblem } from '../words.js';
import { DESCENDING_SORTS } from '../view.js';
import { highlight } from './card.js';
import { setAttributeIfNew, topBarHeight } from './grid.js';
import { ruleBadge } from './rules.js';

/** @typedef {import('../view.js').Entry} Entry */
/** @typedef {import('../view.js').SortKey} SortKey */
/** @typedef {import('./card.js').CardContext} CardContext */

/** The rows: one column, 40 px high at the normal 15 px, no gap. @type {import('./grid.js').Layout} */
export const ROWS = {
  minWidthRem: null,
  heightRem: 2.6667,
  gapRem: 0,
  sideways: false,
  // The head is row 1.
  place: (row, index) => setAttributeIfNew(row, 'aria-rowindex', String(index + 2)),
  // The top bar and the table's sticky head, measured when a row is scrolled to (not on every
  // render: reading a size makes the browser lay the page out there and then).
  covered: () => topBarHeight() + (document.querySelector('.table-head')?.getBoundingClientRect().height ?? 0),
};

/**
 * The columns: the order each header sorts by (none for the marks), its words, and each cell.
 * @type {{ key: SortKey | null, label: string, cell: (e: Entry, context: CardContext) => Node | string }[]}
 */
const COLUMNS = [
  {
    key: 'name',
    label: 'field.name',
    cell: (e, { query = '' }) => el('span', { class: e.name ? 'cell-name found' : 'cell-name', dir: 'auto', title: e.name || null },
      e.name ? highlight(e.name, query) : el('span', { class: 'muted' }, t('card.noName'))),
  },
  { key: 'status', label: 'card.status', cell: (e) => badge('status', e.c.status) },
  { key: 'mode', label: 'card.mode', cell: (e) => badge('mode', e.c.mode) },
  { key: 'voice', label: 'field.voiceId', cell: (e, { names = null }) => text(lookupName('voice', e.c.voiceId, names)) },
  { key: 'language', label: 'field.languageId', cell: (e, { names = null }) => text(lookupName('language', e.c.languageId, names)) },
  {
    key: 'zone',
    label: 'card.timezone',
    cell: (e) => {
      const zone = e.c.timezone?.trim() ?? '';
      return zoneProblem(zone, 'span') ?? text(zone);
    },
  },
  {
    key: 'updated',
    label: 'card.updated',
    cell: (e) => {
      const stamp = e.c.updatedAt;
      if (typeof stamp !== 'number') return el('span', { class: 'muted' }, t('card.unknownDate'));
      return el('time', { datetime: isoTime(stamp), title: exactTime(stamp), 'data-epoch': stamp }, relativeTime(stamp));
    },
  },
  {
    key: 'checks',
    label: 'filter.checks',
    // The count alone fits the column in every language; the words are in its tooltip.
    cell: (e) => {
      if (!e.checks.length) return '';
      const words = t('card.attention', { count: e.checks.length });
      return el('span', { class: 'badge badge-attention', title: words },
        el('span', { 'aria-hidden': 'true' }, `⚠ ${formatNumber(e.checks.length)}`),
        el('span', { class: 'visually-hidden' }, words));
    },
  },
  {
    key: null,
    label: 'filter.review',
    cell: (e, { marks, rules }) => el('span', { class: 'cell-marks' },
      ...(marks ? reviewBadges(marks, e.position) : []), marks ? ruleBadge(e.position, marks, rules) : null),
  },
];

/** A cell's text, whole in its tooltip when the column cuts it. @param {string} value */
const text = (value) => el('span', { dir: 'auto', title: value || null }, value);

/**
 * Fills the table's head: a sort button per column. `onSort` gets the column's order.
 * @param {HTMLElement} head the head's row @param {(key: SortKey) => void} onSort
 */
export function fillHead(head, onSort) {
  head.replaceChildren(...COLUMNS.map(({ key, label }) => {
    if (!key) return el('div', { role: 'columnheader', class: 'cell' }, t(label));
    const button = el('button', { type: 'button', class: 'sort-button', 'data-sort': key }, t(label), el('span', { class: 'sort-arrow', 'aria-hidden': 'true' }));
    button.addEventListener('click', () => onSort(key));
    return el('div', { role: 'columnheader', class: 'cell', 'data-sort': key }, button);
  }));
}

/**
 * Marks the column the list is ordered by, and which way.
 * @param {HTMLElement} head @param {{ sort: SortKey, reverse: boolean }} order
 */
export function showOrder(head, { sort, reverse }) {
  for (const header of head.querySelectorAll('[role="columnheader"][data-sort]')) {
    const key = header.getAttribute('data-sort');
    const arrow = header.querySelector('.sort-arrow');
    if (key !== sort) {
      header.setAttribute('aria-sort', 'none');
      if (arrow) arrow.textContent = '';
      continue;
    }
    const ascending = DESCENDING_SORTS.has(key ?? '') === reverse;
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    if (arrow) arrow.textContent = ascending ? ' ▲' : ' ▼';
  }
}

/**
 * One assistant as a row.
 * @param {Entry} entry @param {CardContext} context
 */
export function tableRow(entry, context) {
  return el('div', { role: 'row', class: 'table-row', 'data-id': entry.c.id ?? '' },
    ...COLUMNS.map(({ cell }) => el('div', { role: 'cell', class: 'cell' }, cell(entry, context))));
}
