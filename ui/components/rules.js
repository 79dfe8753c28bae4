// The review rules on the page: the names and words of each rule, the badge of a card that fails
// some, the detail view's findings with the sentence that decided each, and the editor of the
// account's rules. Rust checks; this shows, in the user's language.

import { el } from '../dom.js';
import { currentLanguage, t } from '../i18n.js';
import { wallClock } from '../time.js';

/** @typedef {import('../ipc').Finding} Finding */
/** @typedef {import('../ipc').RuleSettings} RuleSettings */
/** @typedef {import('../ipc').OwnRule} OwnRule */
/** @typedef {import('../ipc').BuiltInRule} BuiltInRule */
/** @typedef {import('../types').AppError} AppError */

/** The account's calling window, once its rules are known. @type {import('../ipc').CallingHours | null} */
let callingHours = null;

/** Sets the calling window the cards measure against. @param {import('../ipc').CallingHours | null} hours */
export function setCallingHours(hours) {
  callingHours = hours;
}

const WEEKDAYS = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** @param {string} time `HH:MM` */
const minutesOf = (time) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Whether it is now outside the manager's calling window in `zone` (information that changes
 * with the clock, never a rule result); false when there is no window yet or the zone is not
 * valid (the time zone rule says so).
 * @param {string} zone @param {number} [now]
 */
export function outsideCallingHours(zone, now = Date.now()) {
  const clock = callingHours && zone ? wallClock(zone, now) : null;
  if (!callingHours || !clock) return false;
  const day = WEEKDAYS[/** @type {keyof typeof WEEKDAYS} */ (clock.weekday)];
  const { minute } = clock;
  return !callingHours.days.includes(day) || minute < minutesOf(callingHours.start) || minute >= minutesOf(callingHours.end);
}

/**
 * The card's note that the assistant's zone is outside the calling window now; kept true by
 * the cards' clock (`tickTimes`).
 * @param {string} zone
 */
export function callingHoursNote(zone) {
  return el('span', { class: 'outside-hours', 'data-zone': zone, hidden: !outsideCallingHours(zone) }, ` · ☾ ${t('rules.outsideHours')}`);
}

/** The built-in rules, in the order Rust checks them. @type {BuiltInRule[]} */
export const BUILT_IN = ['aiDisclosure', 'companyNamed', 'optOut', 'timeZone', 'languageMatches', 'greetingLength'];

/**
 * A rule's name as the user reads it: a built-in's, or the phrase of one of the manager's.
 * @param {string} key `aiDisclosure`, or `own-<n>` @param {RuleSettings | undefined} settings
 */
export function ruleName(key, settings) {
  if (!key.startsWith('own-')) return t(`rules.name.${key}`);
  const own = settings?.own[Number(key.slice(4))];
  if (!own) return key;
  return t(own.expect === 'mustAppear' ? 'rules.ownMust' : 'rules.ownMustNot', { phrase: own.phrase });
}

/**
 * The badge of a card that fails rules, naming them in its title; null when it fails none.
 * @param {number} position @param {import('../view.js').Marks} marks @param {RuleSettings | undefined} settings
 */
export function ruleBadge(position, marks, settings) {
  const fails = marks.fails?.[position];
  if (!fails?.length) return null;
  const names = fails.map((index) => ruleName(marks.ruleNames[index], settings)).join(', ');
  return el('span', { class: 'badge badge-rules', title: names, 'data-rules': fails.map((i) => marks.ruleNames[i]).join(' ') },
    `✗ ${t('rules.fails', { count: fails.length })}`);
}

/**
 * The badge of a changed card whose edit broke rules its earlier version kept; null otherwise.
 * @param {number} position @param {import('../view.js').Marks} marks @param {RuleSettings | undefined} settings
 */
export function newlyFailingBadge(position, marks, settings) {
  const rules = marks.changed.get(position)?.newlyFailing;
  if (!rules?.length) return null;
  return el('span', { class: 'badge badge-rules badge-newly-failing', title: rules.map((key) => ruleName(key, settings)).join(', ') },
    `⚠ ${t('rules.newlyFails', { count: rules.length })}`);
}

/** The words of a finding's verdict, with a sign that is not colour alone. @param {Finding} f */
function verdictText(f) {
  switch (f.verdict) {
    case 'pass': return `✓ ${t('rules.pass')}`;
    case 'fail': return `✗ ${t('rules.fail')}`;
    default: return `? ${t('rules.cannotCheck')}`;
  }
}

/**
 * A finding's detail as the user reads it: a language found is named in their language.
 * @param {Finding} f
 */
function detailText(f) {
  if (f.why === 'languageDiffers' && f.detail) {
    try {
      return new Intl.DisplayNames([currentLanguage()], { type: 'language' }).of(f.detail) ?? f.detail;
    } catch {
      return f.detail;
    }
  }
  return f.detail ?? '';
}

/**
 * The detail view's section: every rule's finding, failures first, each with why and the
 * sentence that decided it.
 * @param {Finding[]} findings @param {RuleSettings | undefined} settings
 */
export function rulesSection(findings, settings) {
  const order = { fail: 0, cannotCheck: 1, pass: 2 };
  const sorted = [...findings].sort((a, b) => order[a.verdict] - order[b.verdict]);
  return el('section', { class: 'detail-section', id: 'rules-section' },
    el('h3', {}, t('rules.heading')),
    el('ul', { class: 'findings' }, ...sorted.map((f) => {
      const own = f.rule.startsWith('own-') ? settings?.own[Number(f.rule.slice(4))] : undefined;
      return el('li', { class: `finding finding-${f.verdict}`, 'data-rule': f.rule },
        el('span', { class: 'finding-verdict' }, verdictText(f)), ' ',
        el('strong', { dir: 'auto' }, ruleName(f.rule, settings)),
        el('p', { class: 'finding-why' }, t(`rules.why.${f.why}`, { detail: detailText(f) })),
        f.evidence ? el('blockquote', { class: 'finding-evidence', dir: 'auto' }, f.evidence) : null,
        f.verdict === 'fail' && own?.note ? el('p', { class: 'finding-note', dir: 'auto' }, own.note) : null);
    })));
}

/**
 * The editor of the account's rules, inside `details` (folded until opened): the built-ins on
 * or off, each explained, the company's name, the manager's phrasings of disclosure, the word
 * limit of a greeting, and phrases that must or must not appear. Save keeps them (for the
 * sample, for this session) and shows what they find; a refusal is shown beside the button.
 * @param {HTMLDetailsElement} details
 * @param {{ settings: RuleSettings, kept: boolean }} current
 * @param {(settings: RuleSettings) => Promise<AppError | null>} save
 * @param {(error: AppError) => string} describe
 */
export function fillRulesEditor(details, current, save, describe) {
  const { settings } = current;
  const toggles = BUILT_IN.map((rule) => {
    const box = /** @type {HTMLInputElement} */ (el('input', { type: 'checkbox', id: `rule-on-${rule}`, 'data-rule': rule }));
    box.checked = !settings.off.includes(rule);
    return el('div', { class: 'rule-toggle' },
      box, ' ', el('label', { for: `rule-on-${rule}` }, el('strong', {}, t(`rules.name.${rule}`))),
      el('p', { class: 'muted rule-explain', id: `rule-explain-${rule}` }, t(`rules.explain.${rule}`)));
  });
  const company = /** @type {HTMLInputElement} */ (el('input', { type: 'text', id: 'rules-company', dir: 'auto', maxlength: '300', value: settings.company }));
  const disclosures = /** @type {HTMLTextAreaElement} */ (el('textarea', { id: 'rules-disclosures', dir: 'auto', rows: '3' }));
  disclosures.value = settings.disclosures.join('\n');
  const words = /** @type {HTMLInputElement} */ (el('input', { type: 'number', id: 'rules-words', min: '1', max: '1000', value: String(settings.greetingWords) }));
  const hours = settings.callingHours;
  const from = /** @type {HTMLInputElement} */ (el('input', { type: 'time', id: 'rules-from', value: hours.start }));
  const until = /** @type {HTMLInputElement} */ (el('input', { type: 'time', id: 'rules-until', value: hours.end }));
  // Monday first; each day named by Intl in the user's language (1 Jan 2024 was a Monday).
  const dayName = new Intl.DateTimeFormat(currentLanguage(), { weekday: 'long', timeZone: 'UTC' });
  const days = [1, 2, 3, 4, 5, 6, 7].map((day) => {
    const box = /** @type {HTMLInputElement} */ (el('input', { type: 'checkbox', id: `rules-day-${day}`, 'data-day': String(day) }));
    box.checked = hours.days.includes(day);
    return el('span', { class: 'rule-day' }, box, ' ', el('label', { for: box.id }, dayName.format(Date.UTC(2024, 0, day))));
  });
  const rows = el('div', { class: 'own-rules', id: 'own-rules' });
  /** @param {OwnRule} rule */
  const addRow = (rule) => {
    const n = rows.children.length;
    const phrase = /** @type {HTMLInputElement} */ (el('input', { type: 'text', class: 'own-phrase', id: `own-phrase-${n}`, dir: 'auto', maxlength: '300', value: rule.phrase }));
    const expect = /** @type {HTMLSelectElement} */ (el('select', { class: 'own-expect', id: `own-expect-${n}` },
      el('option', { value: 'mustNotAppear' }, t('rules.mustNot')), el('option', { value: 'mustAppear' }, t('rules.must'))));
    expect.value = rule.expect;
    const place = /** @type {HTMLSelectElement} */ (el('select', { class: 'own-place', id: `own-place-${n}` },
      el('option', { value: 'anywhere' }, t('rules.anywhere')), el('option', { value: 'greeting' }, t('card.greeting')), el('option', { value: 'prompt' }, t('detail.prompt'))));
    place.value = rule.place;
    const note = /** @type {HTMLInputElement} */ (el('input', { type: 'text', class: 'own-note', id: `own-note-${n}`, dir: 'auto', maxlength: '300', value: rule.note }));
    const remove = el('button', { type: 'button', class: 'own-remove' }, t('rules.remove'));
    const row = el('fieldset', { class: 'own-rule' },
      el('legend', { class: 'visually-hidden' }, t('rules.ownRule', { n: n + 1 })),
      el('label', { for: phrase.id }, t('rules.phrase')), phrase,
      el('label', { for: expect.id }, t('rules.expect')), expect,
      el('label', { for: place.id }, t('rules.place')), place,
      el('label', { for: note.id }, t('rules.note')), note,
      remove);
    remove.addEventListener('click', () => row.remove());
    rows.append(row);
  };
  settings.own.forEach(addRow);
  const add = el('button', { type: 'button', id: 'rules-add' }, t('rules.add'));
  add.addEventListener('click', () => {
    addRow({ phrase: '', expect: 'mustNotAppear', place: 'anywhere', note: '' });
    /** @type {HTMLInputElement | null} */ (rows.querySelector('.own-rule:last-child .own-phrase'))?.focus();
  });
  const status = el('p', { class: 'rules-status', id: 'rules-status', role: 'status' });
  const saveButton = el('button', { type: 'button', id: 'rules-save', class: 'primary' }, t('rules.save'));
  saveButton.addEventListener('click', async () => {
    /** @type {RuleSettings} */
    const edited = {
      off: BUILT_IN.filter((rule) => !/** @type {HTMLInputElement} */ (details.querySelector(`#rule-on-${rule}`)).checked),
      company: company.value.trim(),
      disclosures: disclosures.value.split('\n').map((line) => line.trim()).filter(Boolean),
      greetingWords: Number(words.value) || 0,
      own: [...rows.querySelectorAll('.own-rule')].map((row) => ({
        phrase: /** @type {HTMLInputElement} */ (row.querySelector('.own-phrase')).value.trim(),
        expect: /** @type {'mustAppear' | 'mustNotAppear'} */ (/** @type {HTMLSelectElement} */ (row.querySelector('.own-expect')).value),
        place: /** @type {'greeting' | 'prompt' | 'anywhere'} */ (/** @type {HTMLSelectElement} */ (row.querySelector('.own-place')).value),
        note: /** @type {HTMLInputElement} */ (row.querySelector('.own-note')).value.trim(),
      })).filter((rule) => rule.phrase),
      callingHours: {
        start: from.value,
        end: until.value,
        days: [...details.querySelectorAll('[data-day]')].filter((box) => /** @type {HTMLInputElement} */ (box).checked).map((box) => Number(/** @type {HTMLElement} */ (box).dataset.day)),
      },
    };
    const error = await save(edited);
    // A save fills the editor anew with what was kept: its status line and button are new ones.
    const shown = details.querySelector('#rules-status') ?? status;
    shown.textContent = error ? describe(error) : t('rules.saved');
    shown.classList.toggle('error', !!error);
    /** @type {HTMLElement | null} */ (details.querySelector('#rules-save'))?.focus();
  });
  details.replaceChildren(
    el('summary', { id: 'rules-summary' }, t('rules.editor')),
    el('p', { class: 'muted' }, current.kept ? t('rules.intro') : t('rules.introSession')),
    el('fieldset', { class: 'rule-toggles' }, el('legend', {}, t('rules.builtIn')), ...toggles),
    el('div', { class: 'rule-field' }, el('label', { for: company.id }, t('rules.company')), company,
      el('p', { class: 'muted' }, t('rules.companyHint'))),
    el('div', { class: 'rule-field' }, el('label', { for: disclosures.id }, t('rules.disclosures')), disclosures,
      el('p', { class: 'muted' }, t('rules.disclosuresHint'))),
    el('div', { class: 'rule-field' }, el('label', { for: words.id }, t('rules.words')), words),
    el('fieldset', { class: 'calling-hours' }, el('legend', {}, t('rules.callingHours')),
      el('p', { class: 'muted' }, t('rules.callingHoursHint')),
      el('div', { class: 'rule-hours' }, el('label', { for: from.id }, t('rules.from')), from, el('label', { for: until.id }, t('rules.until')), until),
      el('div', { class: 'rule-days' }, ...days)),
    el('fieldset', { class: 'own' }, el('legend', {}, t('rules.own')), el('p', { class: 'muted' }, t('rules.ownHint')), rows, add),
    el('div', { class: 'rules-actions' }, saveButton, status),
  );
}
