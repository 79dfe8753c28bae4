// What the list shows: the time zone checks (the others come with each card from Rust), filters
// with live counts, and sorting. The text search runs in Rust; its answer (one flag per
// assistant) comes in here. Pure functions of the cards and the view; no DOM.

import { isValidZone } from './time.js';

/** @typedef {import('./ipc').Card} Card */
/** @typedef {import('./ipc').Check} Check */
/** @typedef {import('./ipc').ListReview} ListReview */
/** @typedef {import('./ipc').ChangedCard} ChangedCard */
/** @typedef {import('./ipc').ReviewedCard} ReviewedCard */
/** @typedef {import('./ipc').ListRules} ListRules */
/** @typedef {import('./components/detail.js').Names} Names */

/**
 * @typedef {{
 *   c: Card, position: number, status: string, mode: string,
 *   webhook: 'on' | 'off', checks: readonly Check[], name: string, updated: number, created: number,
 *   chips: { status: string, mode: string, webhook: string },
 * }} Entry
 *
 * `chips` names the chip each group counts the entry under: the live counts run over every
 * entry at every keystroke, and making these names each time cost most of it.
 * @typedef {{
 *   status: string | null, mode: string | null, webhook: string | null, attention: boolean,
 *   review: ReviewFilter | null, rule: string | null, sort: SortKey, reverse: boolean,
 *   layout: 'cards' | 'table',
 * }} Filters
 * @typedef {'name' | 'updated' | 'created' | 'status' | 'mode' | 'voice' | 'language' | 'zone' | 'checks'} SortKey
 * @typedef {'new' | 'changed' | 'unreviewed' | 'changedSinceReview' | 'recent'} ReviewFilter
 * @typedef {{
 *   added: Set<number>, changed: Map<number, ChangedCard>, reviewed: Map<number, ReviewedCard>,
 *   recentSince: number, fails: number[][] | null, ruleNames: string[],
 * }} Marks
 *
 * `Marks` is what the review memory and the review rules say of each position (see `marksOf`);
 * `recentSince` is the instant after which an `updatedAt` counts as recent (7 days back), which
 * needs no history. `fails` holds, per position, the indexes in `ruleNames` of the rules it
 * fails (null until the rules have run). A rule filter is `any` or a rule's name.
 */

/** How far back "Updated in the last 7 days" looks. */
export const RECENT_DAYS = 7;

/**
 * The review memory's and the rules' answers, by position, for filtering and for the cards.
 * @param {ListReview | null} review @param {ListRules | null} [rules] @param {number} [now]
 * @returns {Marks}
 */
export function marksOf(review, rules = null, now = Date.now()) {
  return {
    added: new Set(review?.added ?? []),
    changed: new Map((review?.changed ?? []).map((c) => [c.position, c])),
    reviewed: new Map((review?.reviewed ?? []).map((r) => [r.position, r])),
    recentSince: now - RECENT_DAYS * 24 * 60 * 60 * 1000,
    fails: rules?.fails ?? null,
    ruleNames: rules?.rules ?? [],
  };
}

/**
 * Calls `each` with every rule filter the entry belongs under: `any` and each rule it fails.
 * @param {Entry} e @param {Marks} marks @param {(filter: string) => void} each
 */
function forEachRuleFailed(e, marks, each) {
  const fails = marks.fails?.[e.position];
  if (!fails?.length) return;
  each('any');
  for (const index of fails) each(marks.ruleNames[index]);
}

/** @param {Entry} e @param {string} filter @param {Marks} marks */
function failsRule(e, filter, marks) {
  let found = false;
  forEachRuleFailed(e, marks, (name) => (found ||= name === filter));
  return found;
}

/**
 * The time zones of the list that `Intl` does not know, once each: the rules' time zone check
 * takes the page's verdict, since the page shows times with that zone data.
 * @param {Entry[]} entries
 */
export function invalidZones(entries) {
  const zones = new Set();
  for (const e of entries) {
    if (e.checks.some((check) => check.code === 'timezone_invalid')) zones.add((e.c.timezone ?? '').trim());
  }
  return [...zones];
}

/**
 * Calls `each` with every review chip the entry belongs under: one look at the marks, which
 * filtering and the chips' counts (per assistant, per keystroke) both use.
 * @param {Entry} e @param {Marks} marks @param {(filter: ReviewFilter) => void} each
 */
function forEachReviewState(e, marks, each) {
  const mark = marks.reviewed.get(e.position);
  if (marks.added.has(e.position)) each('new');
  if (marks.changed.has(e.position)) each('changed');
  if (!mark) each('unreviewed');
  else if (mark.changedSince) each('changedSinceReview');
  if (e.updated >= marks.recentSince) each('recent');
}

/** @param {Entry} e @param {ReviewFilter} filter @param {Marks} marks */
function inReview(e, filter, marks) {
  let found = false;
  forEachReviewState(e, marks, (state) => (found ||= state === filter));
  return found;
}

/** The review chips, in order. @type {ReviewFilter[]} */
export const REVIEW_FILTERS = ['new', 'changed', 'unreviewed', 'changedSinceReview', 'recent'];

/** Each review chip's count key. */
const REVIEW_KEYS = /** @type {Record<ReviewFilter, string>} */ (Object.fromEntries(REVIEW_FILTERS.map((filter) => [filter, `review:${filter}`])));

/** Lower-cased, trimmed value, for comparing platform words. @param {string | null} value */
export const normalized = (value) => (value ?? '').trim().toLowerCase();

/** Findings shared by every entry that has them (nothing changes them): 10,000 entries are
 * prepared on the way to the first paint, and most have none. */
const NO_CHECKS = Object.freeze(/** @type {Check[]} */ ([]));
const ZONE_MISSING = Object.freeze([Object.freeze(/** @type {Check} */ ({ code: 'timezone_missing' }))]);
const ZONE_INVALID = Object.freeze([Object.freeze(/** @type {Check} */ ({ code: 'timezone_invalid' }))]);

/** The time zone findings of a card: checked with `Intl`, the zone data the page shows times with. */
/** @param {string | null} timezone @returns {readonly Check[]} */
function zoneChecks(timezone) {
  const zone = (timezone ?? '').trim();
  if (!zone) return ZONE_MISSING;
  return isValidZone(zone) ? NO_CHECKS : ZONE_INVALID;
}

/**
 * The chips' count keys of each mix of status, mode and webhook, by status, mode and webhook: 18
 * objects the entries share, so preparing 10,000 entries makes no string and no object for them.
 * @type {Record<string, Record<string, Record<string, Entry['chips']>>>}
 */
const CHIPS = {};
for (const status of ['active', 'inactive', 'other']) {
  for (const mode of ['pipeline', 'multimodal', 'other']) {
    for (const webhook of ['on', 'off']) {
      ((CHIPS[status] ??= {})[mode] ??= {})[webhook] = { status: `status:${status}`, mode: `mode:${mode}`, webhook: `webhook:${webhook}` };
    }
  }
}

/**
 * Prepares every card once: groups, checks, sort keys. Filtering then touches no card field again.
 * @param {Card[]} cards
 * @param {number[] | null} [positions] each card's position in its list, when they are not all of
 * it in order (a first screen)
 * @returns {Entry[]}
 */
export function buildEntries(cards, positions = null) {
  return cards.map((c, index) => {
    const position = positions ? positions[index] : index;
    const status = normalized(c.status);
    const mode = normalized(c.mode);
    const group = status === 'active' || status === 'inactive' ? status : 'other';
    const kind = mode === 'pipeline' || mode === 'multimodal' ? mode : 'other';
    const webhook = c.isWebhookActive === true ? 'on' : 'off';
    return {
      c,
      position,
      status: group,
      mode: kind,
      webhook,
      checks: c.checks?.length ? [...c.checks, ...zoneChecks(c.timezone)] : zoneChecks(c.timezone),
      name: (c.name ?? '').trim(),
      updated: typeof c.updatedAt === 'number' ? c.updatedAt : -Infinity,
      created: typeof c.createdAt === 'number' ? c.createdAt : -Infinity,
      chips: CHIPS[group][kind][webhook],
    };
  });
}

/**
 * The entries of a list refreshed from the one whose `entries` the page holds (see `Reuse`):
 * those of unchanged cards kept (the same objects at the same positions, so the cards in view
 * stay as painted), the others prepared from `cards`, in order.
 * @param {Entry[]} entries @param {(number | null)[] | null} places @param {Card[]} cards
 */
export function entriesAgain(entries, places, cards) {
  if (!places) return entries;
  /** @type {number[]} */
  const fresh = [];
  places.forEach((place, position) => place === null && fresh.push(position));
  const made = buildEntries(cards, fresh);
  let next = 0;
  const again = places.map((place, position) => {
    if (place === null) return made[next++];
    const entry = entries[place];
    return entry.position === position ? entry : { ...entry, position };
  });
  refreshedFrom.set(again, { entries, places });
  return again;
}

/** Entries made by `entriesAgain`, and from which: their order by name is mended from that
 * list's, not made again. @type {WeakMap<Entry[], { entries: Entry[], places: (number | null)[] }>} */
const refreshedFrom = new WeakMap();

/** The most new cards an order by name is mended with; with more, it is made again. */
const MEND_AT_MOST = 64;

/** @returns {Filters} */
export function defaultFilters() {
  return { status: null, mode: null, webhook: null, attention: false, review: null, rule: null, sort: 'name', reverse: false, layout: 'cards' };
}

/** The filter groups, each a row of chips whose counts leave that group's own filter out. */
const GROUPS = /** @type {const} */ (['status', 'mode', 'webhook', 'attention', 'review', 'rule']);

/**
 * Whether an entry is kept out by the filter of `group` (false when that filter is off).
 * @param {Entry} e @param {Filters} f @param {Marks} marks @param {typeof GROUPS[number]} group
 */
function filteredOut(e, f, marks, group) {
  switch (group) {
    case 'status': return !!f.status && e.status !== f.status;
    case 'mode': return !!f.mode && e.mode !== f.mode;
    case 'webhook': return !!f.webhook && e.webhook !== f.webhook;
    case 'attention': return f.attention && e.checks.length === 0;
    case 'review': return !!f.review && !inReview(e, f.review, marks);
    case 'rule': return !!f.rule && !failsRule(e, f.rule, marks);
  }
}

const STATUS_ORDER = { active: 0, inactive: 1, other: 2 };
const MODE_ORDER = { pipeline: 0, multimodal: 1, other: 2 };

/** Every order the list can be shown in; each has its natural direction (names A to Z, the
 * newest first, the most findings first), and `Filters.reverse` turns it round. */
export const SORT_KEYS = /** @type {const} */ (['name', 'updated', 'created', 'status', 'mode', 'voice', 'language', 'zone', 'checks']);

/** The orders whose natural direction is from the most (the newest, the most findings). @type {ReadonlySet<string>} */
export const DESCENDING_SORTS = new Set(['updated', 'created', 'checks']);

/** @param {string} language @param {SortKey} sort @param {Names | null} names */
function comparator(language, sort, names) {
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  /** @typedef {(x: Entry, y: Entry) => number} Compare */
  /** @type {Compare} */
  const byName = (x, y) => collator.compare(x.name, y.name) || x.position - y.position;
  /** Text order, an empty text last. @param {(e: Entry) => string} key @returns {Compare} */
  const byText = (key) => (x, y) => {
    const a = key(x);
    const b = key(y);
    return Number(a === '') - Number(b === '') || collator.compare(a, b) || byName(x, y);
  };
  /**
   * By the platform's names of voices or languages: those named first, in text order, then those
   * with only an id, by id, then those without one.
   * @param {Map<string, string> | undefined} map @param {(e: Entry) => string | null} id @returns {Compare}
   */
  const byLookup = (map, id) => (x, y) => {
    const [a, b] = [id(x), id(y)];
    const [nameA, nameB] = [a === null ? undefined : map?.get(a), b === null ? undefined : map?.get(b)];
    const rank = (/** @type {string | null} */ known, /** @type {string | undefined} */ name) => (name ? 0 : known === null ? 2 : 1);
    return rank(a, nameA) - rank(b, nameB) || collator.compare(nameA ?? a ?? '', nameB ?? b ?? '') || byName(x, y);
  };
  switch (sort) {
    case 'updated':
      return /** @type {Compare} */ ((x, y) => y.updated - x.updated || byName(x, y));
    case 'created':
      return /** @type {Compare} */ ((x, y) => y.created - x.created || byName(x, y));
    case 'status':
      return /** @type {Compare} */ ((x, y) =>
        STATUS_ORDER[/** @type {'active'} */ (x.status)] - STATUS_ORDER[/** @type {'active'} */ (y.status)] || byName(x, y));
    case 'mode':
      return /** @type {Compare} */ ((x, y) =>
        MODE_ORDER[/** @type {'pipeline'} */ (x.mode)] - MODE_ORDER[/** @type {'pipeline'} */ (y.mode)] || byName(x, y));
    case 'voice':
      return byLookup(names?.voices, (e) => e.c.voiceId);
    case 'language':
      return byLookup(names?.languages, (e) => e.c.languageId);
    case 'zone':
      return byText((e) => (e.c.timezone ?? '').trim());
    case 'checks':
      return /** @type {Compare} */ ((x, y) => y.checks.length - x.checks.length || byName(x, y));
    default:
      return byName;
  }
}

/** The entries in each order, sorted once per list, order, direction, language and names (a
 * search only filters). @type {WeakMap<Entry[], Map<string, Entry[]>>} */
const sortedLists = new WeakMap();

/** @param {Entry[]} entries @param {Filters} filters @param {string} language @param {Names | null} names */
function sorted(entries, { sort, reverse }, language, names) {
  let byKey = sortedLists.get(entries);
  if (!byKey) sortedLists.set(entries, (byKey = new Map()));
  // Names come once per list, after the first paint: an order by them is made again then.
  const byNames = sort === 'voice' || sort === 'language';
  const key = `${sort}|${reverse}|${language}|${byNames && names ? 'named' : ''}`;
  let order = byKey.get(key);
  if (!order) {
    const by = SORT_KEYS.includes(sort) ? sort : 'name';
    order = by === 'name' ? orderedByName(entries, language) : [...entries].sort(comparator(language, by, names));
    if (reverse) order.reverse();
    byKey.set(key, order);
  }
  return order;
}

/**
 * Name orders already made (positions), by what decides them: the names in list order and the
 * language. A list whose names are all as they were (the saved list at the next start, a refresh
 * that changed a prompt) is not ordered again: 10,000 names take 26 to 37 ms to order at a cold
 * start, before the first cards. The last few are kept. @type {Map<string, number[]>}
 */
const nameOrders = new Map();

/** The key of each list's order by name, by language: made once per list (see `nameOrderKey`).
 * @type {WeakMap<Entry[], Map<string, string>>} */
const nameOrderKeys = new WeakMap();

/**
 * What names the order by name of `entries` in `language`: their names hashed in list order, by
 * two different hashes (64 bits), with their count.
 * @param {Entry[]} entries @param {string} language
 */
function nameOrderKey(entries, language) {
  let byLanguage = nameOrderKeys.get(entries);
  if (!byLanguage) nameOrderKeys.set(entries, (byLanguage = new Map()));
  let key = byLanguage.get(language);
  if (key === undefined) byLanguage.set(language, (key = hashedNames(entries, language)));
  return key;
}

/** @param {Entry[]} entries @param {string} language */
function hashedNames(entries, language) {
  let fnv = 0x811c9dc5;
  let djb = 5381;
  for (const { name } of entries) {
    for (let i = 0; i < name.length; i++) {
      const code = name.charCodeAt(i);
      fnv = Math.imul(fnv ^ code, 0x01000193);
      djb = Math.imul(djb, 33) ^ code;
    }
    // Between names: "ab" + "c" is not "a" + "bc".
    fnv = Math.imul(fnv ^ 0x10000, 0x01000193);
    djb = Math.imul(djb, 33) ^ 0x10000;
  }
  return `${language}|${entries.length}|${(fnv >>> 0).toString(36)}|${(djb >>> 0).toString(36)}`;
}

/**
 * Keeps an order by name made before (at an earlier start) and answers the language it was made
 * in, or null when it is not one: `positions` must hold each position of a list of that many once.
 * @param {string} key as `nameOrderKey` makes it @param {unknown} positions
 * @returns {string | null}
 */
export function keepNameOrder(key, positions) {
  const [language, size] = key.split('|');
  const count = Number(size);
  if (!Array.isArray(positions) || positions.length !== count) return null;
  const seen = new Uint8Array(count);
  for (const position of positions) {
    if (!Number.isInteger(position) || position < 0 || position >= count || seen[position]) return null;
    seen[position] = 1;
  }
  remember(key, positions);
  return language;
}

/**
 * The order by name of `entries` in `language`, as positions, if it has been made (to keep for the
 * next start). @param {Entry[]} entries @param {string} language
 */
export function madeNameOrder(entries, language) {
  const key = nameOrderKey(entries, language);
  const positions = nameOrders.get(key);
  return positions ? { key, positions } : null;
}

/** @param {string} key @param {number[]} positions */
function remember(key, positions) {
  nameOrders.delete(key);
  nameOrders.set(key, positions);
  if (nameOrders.size > 4) nameOrders.delete(/** @type {string} */ (nameOrders.keys().next().value));
}

/** The entries ordered by name: as made before for the same names, mended from the list they
 * were refreshed from, or made now. @param {Entry[]} entries @param {string} language */
function orderedByName(entries, language) {
  const key = nameOrderKey(entries, language);
  const known = nameOrders.get(key);
  if (known) return known.map((position) => entries[position]);
  const order = mendedByName(entries, language) ?? [...entries].sort(comparator(language, 'name', null));
  remember(key, order.map((e) => e.position));
  return order;
}

/**
 * The order by name of entries refreshed from a list whose order by name is known, mended: the
 * cards kept stay in that order, the few new ones are put in their places. 10,000 names take
 * 16 to 37 ms to order; a refresh that changed a few assistants then takes well under one. Null
 * when it cannot be mended exactly (none known, many new cards, kept ones moved about).
 * @param {Entry[]} entries @param {string} language @returns {Entry[] | null}
 */
function mendedByName(entries, language) {
  const from = refreshedFrom.get(entries);
  const earlier = from && nameOrders.get(nameOrderKey(from.entries, language));
  if (!from || !earlier) return null;
  // Where each card kept went; a card used twice is new the second time.
  const to = new Int32Array(from.entries.length).fill(-1);
  /** @type {Entry[]} */
  const fresh = [];
  from.places.forEach((place, position) => {
    if (place !== null && to[place] === -1) to[place] = position;
    else fresh.push(entries[position]);
  });
  if (fresh.length > MEND_AT_MOST) return null;
  // Equal names are ordered by position: kept cards must keep their order of positions.
  let last = -1;
  for (const position of to) {
    if (position === -1) continue;
    if (position < last) return null;
    last = position;
  }
  const compare = comparator(language, 'name', null);
  const order = [];
  for (const position of earlier) if (to[position] !== -1) order.push(entries[to[position]]);
  for (const entry of fresh) {
    let [low, high] = [0, order.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(order[middle], entry) < 0) low = middle + 1;
      else high = middle;
    }
    order.splice(low, 0, entry);
  }
  return order;
}

/**
 * The entries to show, in order, and the live count of every chip.
 * @param {Entry[]} entries @param {Filters} filters @param {Uint8Array | null} matches
 * @param {string} language @param {Marks} [marks] the review memory's answer, if any
 * @param {Names | null} [names] the platform's names of voices and languages, to sort by
 */
export function applyView(entries, filters, matches, language, marks = marksOf(null), names = null) {
  /** @type {Entry[]} */
  const shown = [];
  /** @type {Record<string, number>} */
  const counts = {};
  const bump = (/** @type {string} */ key) => (counts[key] = (counts[key] ?? 0) + 1);
  // Made once per view, not per entry: this loop runs over every entry at every keystroke.
  const bumpReview = (/** @type {ReviewFilter} */ state) => bump(REVIEW_KEYS[state]);
  const ruleKeys = new Map(['any', ...marks.ruleNames].map((name) => [name, `rule:${name}`]));
  const bumpRule = (/** @type {string} */ name) => bump(/** @type {string} */ (ruleKeys.get(name)));
  // One look at each filter per entry (not one per chip group): an entry kept out by no group
  // is shown and counts in every group; kept out by one group, it counts only in that group
  // (whose chips say what turning that filter to them would show); by two, in none.
  // With no filter on (searching, mostly), every entry the search keeps is shown and counts in
  // every group: the filters are not looked at.
  const anyFilter = GROUPS.some((group) => !!filters[group]);
  for (const e of sorted(entries, filters, language, names)) {
    if (matches && !matches[e.position]) continue;
    /** @type {typeof GROUPS[number] | null} */
    let out = null;
    let outs = 0;
    if (anyFilter) {
      for (const group of GROUPS) {
        if (filteredOut(e, filters, marks, group) && ++outs === 1) out = group;
        if (outs > 1) break;
      }
    }
    if (outs > 1) continue;
    if (outs === 0) shown.push(e);
    if (outs === 0 || out === 'status') bump(e.chips.status);
    if (outs === 0 || out === 'mode') bump(e.chips.mode);
    if (outs === 0 || out === 'webhook') bump(e.chips.webhook);
    if ((outs === 0 || out === 'attention') && e.checks.length) bump('attention');
    if (outs === 0 || out === 'review') forEachReviewState(e, marks, bumpReview);
    if (outs === 0 || out === 'rule') forEachRuleFailed(e, marks, bumpRule);
  }
  return { shown, counts };
}
