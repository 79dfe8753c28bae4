// One assistant as a summary card, and the clocks on cards that stay true while the window is
// open.

import { el } from '../dom.js';
import { foundIn } from '../fold.js';
import { pageDirection, t } from '../i18n.js';
import { clockIn, exactTime, isNightIn, isoTime, isValidZone, placeOf, relativeTime } from '../time.js';
import { badge, lookupName, reviewBadges, webhookText, zoneProblem } from '../words.js';
import { callingHoursNote, newlyFailingBadge, outsideCallingHours, ruleBadge } from './rules.js';

/** @typedef {import('../ipc').CardTime} CardTime */

/**
 * A `<time>` showing relative time, with the exact time (viewer's zone, and the assistant's when
 * valid) in a tooltip that appears on hover and on keyboard focus. A card's date is milliseconds
 * since the epoch, or the text as sent when it could not be read.
 * @param {CardTime | null} stamp
 * @param {string | null} zone
 * @param {string} idBase
 */
function timeField(stamp, zone, idBase) {
  if (stamp === null) return el('span', { class: 'muted' }, t('card.unknownDate'));
  if (typeof stamp !== 'number') return el('span', { class: 'warning-text' }, t('card.unreadableDate', { raw: stamp }));
  const tipId = `${idBase}-tip`;
  const yours = t('card.yourTime', { time: exactTime(stamp) });
  const theirs =
    zone && isValidZone(zone)
      ? t('card.theirTime', { time: exactTime(stamp, zone), place: placeOf(zone) })
      : null;
  return el(
    'span',
    { class: 'has-tip' },
    el(
      'time',
      { datetime: isoTime(stamp), tabindex: 0, 'aria-describedby': tipId, 'data-epoch': stamp },
      relativeTime(stamp),
    ),
    el('span', { class: 'tip', role: 'tooltip', id: tipId }, yours, theirs ? el('br') : null, theirs),
  );
}

/** @param {string | null} zone */
function zoneField(zone) {
  const name = zone?.trim() ?? '';
  const problem = zoneProblem(name, 'span');
  if (problem) return problem;
  const night = isNightIn(name);
  const place = placeOf(name);
  return el('span', {},
    el(
      'span',
      { class: 'zone', 'data-zone': name, title: place === name ? name : `${place} · ${name}` },
      el('span', { class: 'day-cue', 'aria-hidden': 'true' }, night ? '☾' : '☀'),
      ' ',
      t('card.localTime', { time: clockIn(name), place }),
    ),
    callingHoursNote(name));
}

/**
 * @param {string} label
 * @param {Node | string} value
 */
function row(label, value) {
  return el('div', { class: 'row' }, el('dt', {}, label), el('dd', {}, value));
}

/**
 * `text` with every occurrence of `query` (folded, see ../fold.js) wrapped in <mark>, as text
 * nodes: "istanbul" marks "İstanbul", "cafe" marks "Café".
 * @param {string} text @param {string} query
 */
export function highlight(text, query) {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const [start, end] of foundIn(text, query)) {
    if (start < at) continue;
    fragment.append(text.slice(at, start), el('mark', {}, text.slice(start, end)));
    at = end;
  }
  fragment.append(text.slice(at));
  return fragment;
}

/**
 * Marks `query` anew in the texts of a card or row made with `highlight` (its `.found` elements,
 * whose text is the text searched): a card kept in view from one keystroke to the next.
 * @param {ParentNode} root @param {string} query
 */
export function markSearch(root, query) {
  for (const node of root.querySelectorAll('.found')) node.replaceChildren(highlight(node.textContent ?? '', query));
}

/**
 * What a card shows beside the assistant itself: the search to mark, the findings, the review
 * memory's and the rules' marks, and the platform's names of voices and languages.
 * @typedef {{
 *   query?: string, issues?: number, marks?: import('../view.js').Marks,
 *   onMark?: (position: number) => void, rules?: import('../ipc').RuleSettings,
 *   names?: import('./detail.js').Names | null,
 * }} CardContext
 */

/**
 * One assistant as a summary card.
 * @param {import('../ipc').Card} a
 * @param {number} index position in the list, to make element ids unique even for equal ids
 * @param {CardContext} [context]
 */
export function assistantCard(a, index, context = {}) {
  const { query = '', issues = 0, marks, onMark, rules, names = null } = context;
  const idBase = `a${index}`;
  const greeting = a.greeting?.trim();
  const webhookOn = a.isWebhookActive === true;
  const speaks = `${lookupName('voice', a.voiceId, names)} · ${lookupName('language', a.languageId, names)}`;
  return el(
    'article',
    { class: 'card', 'aria-labelledby': `${idBase}-name`, 'data-id': a.id ?? '' },
    el(
      'header',
      { class: 'card-head' },
      el('h2', { id: `${idBase}-name`, class: a.name?.trim() ? 'card-name found' : 'card-name', dir: 'auto' }, a.name?.trim() ? highlight(a.name.trim(), query) : t('card.noName')),
      a.id ? el('span', { class: 'card-id' }, t('card.id', { id: a.id })) : null,
    ),
    el('div', { class: 'badges' }, badge('mode', a.mode), badge('status', a.status),
      issues ? el('span', { class: 'badge badge-attention', title: t('filter.attention') }, `⚠ ${t('card.attention', { count: issues })}`) : null,
      ...(marks ? reviewBadges(marks, index) : []),
      marks ? ruleBadge(index, marks, rules) : null,
      marks ? newlyFailingBadge(index, marks, rules) : null),
    el(
      'p',
      { class: greeting ? 'greeting' : 'greeting muted', title: greeting || null, dir: 'auto' },
      // The label has the page's direction: `dir=auto` then reads the direction of the greeting
      // alone, so an English greeting in the Arabic window keeps its quotes and "…" in place.
      el('span', { class: 'visually-hidden', dir: pageDirection() }, `${t('card.greeting')}: `),
      greeting ? el('span', { class: 'found' }, highlight(greeting, query)) : t('card.noGreeting'),
    ),
    el(
      'dl',
      { class: 'facts' },
      row(t('card.speaks'), el('span', { class: 'speaks', title: speaks, dir: 'auto' }, speaks)),
      row(t('card.timezone'), zoneField(a.timezone)),
      row(t('card.updated'), timeField(a.updatedAt, a.timezone, `${idBase}-updated`)),
      row(t('card.created'), timeField(a.createdAt, a.timezone, `${idBase}-created`)),
      row(
        t('card.webhook'),
        el('span', { class: webhookOn ? 'webhook webhook-on' : 'webhook' }, webhookText(a.isWebhookActive)),
      ),
    ),
    markButton(index, marks, onMark),
  );
}

/**
 * "Mark reviewed" on a card not yet reviewed, or changed since: one click records the version
 * shown. Out of the Tab order (the cards move with the arrow keys); the detail view has the same
 * action, with a note, for the keyboard.
 * @param {number} position @param {import('../view.js').Marks} [marks]
 * @param {(position: number) => void} [onMark]
 */
function markButton(position, marks, onMark) {
  if (!marks || !onMark) return null;
  const mark = marks.reviewed.get(position);
  if (mark && !mark.changedSince) return null;
  const button = el('button', { type: 'button', class: 'card-mark', tabindex: -1 }, `✓ ${t('review.markShort')}`);
  button.addEventListener('click', () => onMark(position));
  return el('div', { class: 'card-actions' }, button);
}

/** Refreshes the clocks and relative times in place, e.g. once a minute. @param {ParentNode} root */
export function tickTimes(root) {
  for (const node of root.querySelectorAll('time[data-epoch]')) {
    node.textContent = relativeTime(Number(node.getAttribute('data-epoch')));
  }
  for (const node of root.querySelectorAll('.zone[data-zone]')) {
    const zone = node.getAttribute('data-zone') ?? '';
    const cue = node.querySelector('.day-cue');
    if (cue) cue.textContent = isNightIn(zone) ? '☾' : '☀';
    node.lastChild && (node.lastChild.textContent = t('card.localTime', { time: clockIn(zone), place: placeOf(zone) }));
  }
  for (const node of root.querySelectorAll('.outside-hours[data-zone]')) {
    /** @type {HTMLElement} */ (node).hidden = !outsideCallingHours(node.getAttribute('data-zone') ?? '');
  }
}
