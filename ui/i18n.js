// The words of the app, in every language it speaks, and `t()` to look them up.
// A message is a string with {name} slots, or an object of plural forms chosen by Intl.PluralRules.

/** @typedef {string | Partial<Record<Intl.LDMLPluralRule, string>>} Message */

import en from './locales/en.js';

/**
 * Each language's words, once loaded. English is always in the page (the words of a key another
 * language lacks); the others are loaded when chosen, so a start parses one language's words,
 * not six (the app's bundled script is a fifth of the size: 20 ms sooner to the first cards).
 * @type {Record<string, Record<string, Message>>}
 */
const MESSAGES = { en };

/** @type {Record<string, () => Promise<{ default: Record<string, Message> }>>} */
const LOAD = {
  bg: () => import('./locales/bg.js'),
  de: () => import('./locales/de.js'),
  tr: () => import('./locales/tr.js'),
  pt: () => import('./locales/pt.js'),
  ar: () => import('./locales/ar.js'),
};

/** Loads the words of `code`, a language the app speaks. @param {string} code */
async function load(code) {
  MESSAGES[code] ??= (await LOAD[code]()).default;
}

/** @param {unknown} code */
const speaks = (code) => typeof code === 'string' && (code === 'en' || code in LOAD);

export const LANGUAGES = /** @type {const} */ ([
  { code: 'en', name: 'English' },
  { code: 'bg', name: 'Български' },
  { code: 'de', name: 'Deutsch' },
  { code: 'tr', name: 'Türkçe' },
  { code: 'pt', name: 'Português (Brasil)' },
  { code: 'ar', name: 'العربية' },
]);

/** Languages written right to left. */
const RTL = new Set(['ar']);

function isRtl() {
  return RTL.has(language);
}

/** The page's direction, for a label inside user text whose own direction is `auto`. */
export function pageDirection() {
  return isRtl() ? 'rtl' : 'ltr';
}

/** First strong isolate and pop directional isolate: an inserted value keeps its own direction. */
const FSI = '\u2068';
const PDI = '\u2069';

const STORAGE_KEY = 'assistant-roster.language';

let language = pickLanguage();
// The page's modules wait for the chosen language's words before they run: the first screen is
// in that language. Should they not load, it is in English.
if (language !== 'en') await load(language).catch(() => (language = 'en'));
let plurals = new Intl.PluralRules(language);
let numbers = new Intl.NumberFormat(language);

/** The saved choice, else the first OS language we speak, else English. */
function pickLanguage() {
  const saved = safeStorageGet(STORAGE_KEY);
  if (speaks(saved)) return /** @type {string} */ (saved);
  for (const wanted of navigator.languages ?? [navigator.language]) {
    const base = String(wanted).toLowerCase().split('-')[0];
    if (speaks(base)) return base;
  }
  return 'en';
}

/** @param {string} key */
function safeStorageGet(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function currentLanguage() {
  return language;
}

/** A number in the page's language ("10,000", "10.000"), with one formatter per language. @param {number} value */
export function formatNumber(value) {
  return numbers.format(value);
}

/** Switches to `code` once its words are loaded (at once when they are). @param {string} code */
export async function setLanguage(code) {
  if (!speaks(code)) return;
  if (code !== 'en') await load(code);
  language = code;
  plurals = new Intl.PluralRules(code);
  numbers = new Intl.NumberFormat(code);
  document.documentElement.lang = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Private mode or storage off: the choice lasts for this session.
  }
}

/**
 * The message `key` in the current language (English when missing), with {slots} filled.
 * `vars.count` picks the plural form and is formatted as a number.
 * @param {string} key
 * @param {Record<string, string | number>} [vars]
 */
export function t(key, vars = {}) {
  const message = MESSAGES[language][key] ?? MESSAGES.en[key] ?? key;
  let text;
  if (typeof message === 'string') {
    text = message;
  } else {
    const count = Number(vars.count ?? 0);
    text = message[plurals.select(count)] ?? message.other ?? '';
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    const value = vars[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') return numbers.format(value);
    // In a right-to-left sentence a path, a zone or an English name is laid out on its own
    // (its "/" and "." stay where they belong), not mixed into the Arabic around it.
    return isRtl() ? `${FSI}${value}${PDI}` : value;
  });
}


/** Whether the app has words for `key` (a platform's newer field has none). @param {string} key */
export function has(key) {
  return key in MESSAGES.en;
}

/** For tests: every language must have exactly the English keys. */
export async function missingKeys() {
  await Promise.all(Object.keys(LOAD).map(load));
  const english = Object.keys(MESSAGES.en);
  /** @type {Record<string, string[]>} */
  const missing = {};
  for (const [code, messages] of Object.entries(MESSAGES)) {
    const gaps = english.filter((key) => !(key in messages));
    const extra = Object.keys(messages).filter((key) => !(key in MESSAGES.en));
    if (gaps.length || extra.length) missing[code] = [...gaps, ...extra];
  }
  return missing;
}
