// The languages the app speaks, and which one a start shows. Apart from the words (i18n.js) so
// the page's first script (start.js) knows the language before any words have loaded.

export const LANGUAGES = /** @type {const} */ ([
  { code: 'en', name: 'English' },
  { code: 'bg', name: 'Български' },
  { code: 'de', name: 'Deutsch' },
  { code: 'tr', name: 'Türkçe' },
  { code: 'pt', name: 'Português (Brasil)' },
  { code: 'ar', name: 'العربية' },
]);

const STORAGE_KEY = 'assistant-roster.language';

/** Whether `code` is a language the app speaks. @param {unknown} code */
export const speaks = (code) => LANGUAGES.some((l) => l.code === code);

/** The saved choice, else the first OS language we speak, else English. @returns {string} */
export function pickLanguage() {
  let saved = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage off: the OS's languages decide.
  }
  if (speaks(saved)) return /** @type {string} */ (saved);
  for (const wanted of navigator.languages ?? [navigator.language]) {
    const base = String(wanted).toLowerCase().split('-')[0];
    if (speaks(base)) return base;
  }
  return 'en';
}

/** Remembers the user's choice for the next start. @param {string} code */
export function keepLanguage(code) {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Private mode or storage off: the choice lasts for this session.
  }
}
