// What the list shows: the checks behind "needs attention", the search index, filters with live
// counts, and sorting. Pure functions of the assistants and the view; no DOM.

import { isValidZone } from './time.js';

/** @typedef {import('./types').Assistant} Assistant */

/** The platform's limit on the greeting's length. */
export const GREETING_LIMIT = 200;

/**
 * @typedef {{ code: string, names?: string[] }} Issue
 * @typedef {{
 *   a: Assistant, position: number, haystack: string, status: string, mode: string,
 *   webhook: 'on' | 'off', issues: Issue[], name: string, updated: number, created: number,
 * }} Entry
 * @typedef {{ status: string | null, mode: string | null, webhook: string | null, attention: boolean, sort: string }} Filters
 */

/** @param {string | null} value */
const norm = (value) => (value ?? '').trim().toLowerCase();

/** `{{name}}` placeholders used in a text. @param {string} text */
function placeholders(text) {
  return [...text.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1]);
}

/**
 * Why an assistant needs attention, computed here from its own data.
 * @param {Assistant} a
 * @param {Set<string>} duplicateIds
 * @returns {Issue[]}
 */
export function checksFor(a, duplicateIds) {
  /** @type {Issue[]} */
  const issues = [];
  const greeting = a.initialMessage ?? '';
  const prompt = a.systemPrompt ?? '';
  const known = new Set(a.variables.map(([name]) => name));
  const missing = [...new Set([...placeholders(greeting), ...placeholders(prompt)])].filter((n) => !known.has(n));
  if (missing.length) issues.push({ code: 'placeholder_missing', names: missing });
  if (a.isWebhookActive === true && !(a.webhookUrl ?? '').trim()) issues.push({ code: 'webhook_no_url' });
  const zone = (a.timezone ?? '').trim();
  if (!zone) issues.push({ code: 'timezone_missing' });
  else if (!isValidZone(zone)) issues.push({ code: 'timezone_invalid' });
  if (!greeting.trim()) issues.push({ code: 'greeting_empty' });
  if (!prompt.trim()) issues.push({ code: 'prompt_empty' });
  if ([...greeting].length > GREETING_LIMIT) issues.push({ code: 'greeting_too_long' });
  if (a.id !== null && duplicateIds.has(a.id)) issues.push({ code: 'duplicate_id' });
  return issues;
}

/**
 * Prepares every assistant once: lower-cased search text, groups, checks, sort keys. Searching
 * and filtering then touch no assistant field again.
 * @param {Assistant[]} assistants
 * @returns {Entry[]}
 */
export function buildEntries(assistants) {
  const seen = new Set();
  const duplicateIds = new Set();
  for (const a of assistants) {
    if (a.id === null) continue;
    if (seen.has(a.id)) duplicateIds.add(a.id);
    seen.add(a.id);
  }
  return assistants.map((a, position) => {
    const status = norm(a.status);
    const mode = norm(a.mode);
    return {
      a,
      position,
      haystack: [a.name, a.id, a.initialMessage, a.systemPrompt, ...a.variables.map(([, v]) => v)]
        .filter(Boolean)
        .join('\u0000')
        .toLowerCase(),
      status: status === 'active' || status === 'inactive' ? status : 'other',
      mode: mode === 'pipeline' || mode === 'multimodal' ? mode : 'other',
      webhook: a.isWebhookActive === true ? 'on' : 'off',
      issues: checksFor(a, duplicateIds),
      name: (a.name ?? '').trim(),
      updated: a.updatedAt?.epochMs ?? -Infinity,
      created: a.createdAt?.epochMs ?? -Infinity,
    };
  });
}

/** @returns {Filters} */
export function defaultFilters() {
  return { status: null, mode: null, webhook: null, attention: false, sort: 'name' };
}

/**
 * Whether an entry passes the filters, leaving out one group (for that group's live counts).
 * @param {Entry} e @param {Filters} f @param {string} query lower-cased @param {string} [skip]
 */
function passes(e, f, query, skip) {
  if (query && !e.haystack.includes(query)) return false;
  if (skip !== 'status' && f.status && e.status !== f.status) return false;
  if (skip !== 'mode' && f.mode && e.mode !== f.mode) return false;
  if (skip !== 'webhook' && f.webhook && e.webhook !== f.webhook) return false;
  if (skip !== 'attention' && f.attention && e.issues.length === 0) return false;
  return true;
}

const STATUS_ORDER = { active: 0, inactive: 1, other: 2 };

/** @param {string} language */
function comparator(language, /** @type {string} */ sort) {
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  const byName = (/** @type {Entry} */ x, /** @type {Entry} */ y) => collator.compare(x.name, y.name) || x.position - y.position;
  switch (sort) {
    case 'updated':
      return (/** @type {Entry} */ x, /** @type {Entry} */ y) => y.updated - x.updated || byName(x, y);
    case 'created':
      return (/** @type {Entry} */ x, /** @type {Entry} */ y) => y.created - x.created || byName(x, y);
    case 'status':
      return (/** @type {Entry} */ x, /** @type {Entry} */ y) =>
        STATUS_ORDER[/** @type {'active'} */ (x.status)] - STATUS_ORDER[/** @type {'active'} */ (y.status)] || byName(x, y);
    default:
      return byName;
  }
}

/**
 * The entries to show, in order, and the live count of every chip.
 * @param {Entry[]} entries @param {Filters} filters @param {string} search @param {string} language
 */
export function applyView(entries, filters, search, language) {
  const query = search.trim().toLowerCase();
  const shown = entries.filter((e) => passes(e, filters, query));
  shown.sort(comparator(language, filters.sort));
  /** @type {Record<string, number>} */
  const counts = {};
  const bump = (/** @type {string} */ key) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const e of entries) {
    if (passes(e, filters, query, 'status')) bump(`status:${e.status}`);
    if (passes(e, filters, query, 'mode')) bump(`mode:${e.mode}`);
    if (passes(e, filters, query, 'webhook')) bump(`webhook:${e.webhook}`);
    if (passes(e, filters, query, 'attention') && e.issues.length) bump('attention');
  }
  return { shown, counts, query };
}
