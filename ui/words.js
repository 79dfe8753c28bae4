// The plain words the page shows for what Rust sends: errors, checks, badges, webhook and time
// zone states. Shared by the screens and components, so each is worded in one place.

import { el } from './dom.js';
import { currentLanguage, has, t } from './i18n.js';
import { isValidZone } from './time.js';
import { normalized } from './view.js';

/** @typedef {import('./types').AppError} AppError */
/** @typedef {import('./ipc').Check} Check */

/**
 * The translated title and next step of an error. Every kind and reason from Rust has words
 * (a Rust test checks); `unknown` is for failures that never reached Rust.
 * @param {AppError} error
 * @returns {{ title: string, body: string, detail: string | null }}
 */
export function describeError(error) {
  const { kind } = error;
  const title = t(`error.${kind}.title`);
  /** @type {string} */
  let body;
  if (kind === 'rate_limited') {
    body = error.retryAfterSecs !== null
      ? t('error.rate_limited.body', { count: error.retryAfterSecs })
      : t('error.rate_limited.bodyNoTime');
  } else if (kind === 'invalid_input') {
    body = error.reason ? t(`reason.${error.reason}`) : error.message;
  } else {
    body = t(`error.${kind}.body`, { status: error.status ?? '' });
  }
  if (kind === 'keyring_unavailable' && error.reason) body = `${t(`reason.${error.reason}`)} ${body}`;
  // Machine detail helps support; the user-facing words above never depend on it.
  const detail = ['offline', 'dns', 'tls', 'unreadable', 'unknown', 'storage', 'internal'].includes(kind)
    ? error.message
    : null;
  return { title, body, detail };
}

/** Plain words for one "needs attention" finding. @param {Check} check */
export function checkText(check) {
  if (check.code === 'placeholder_missing') {
    const shown = (check.names ?? []).map((n) => `{{${n}}}`).join(', ');
    const more = check.more ?? 0;
    const names = more > 0 ? t('check.andMore', { names: shown, count: more }) : shown;
    return t('check.placeholder_missing', { names, count: (check.names?.length ?? 1) + more });
  }
  return t(`check.${check.code}`);
}

/** Whether the webhook is on, off or unknown, in words. @param {boolean | null} active */
export function webhookText(active) {
  return active === null ? t('card.unknown') : active ? t('card.webhookOn') : t('card.webhookOff');
}

/**
 * What to show instead of a time zone that is missing or invalid; `null` for a valid zone.
 * @param {string} zone trimmed @param {'span' | 'p'} tag
 */
export function zoneProblem(zone, tag) {
  if (!zone) return el(tag, { class: 'muted' }, t('card.tzMissing'));
  if (!isValidZone(zone)) return el(tag, { class: 'warning-text' }, t('card.tzInvalid', { zone }));
  return null;
}

/** The name of an account as the user knows it. @param {import('./ipc').AccountView} account */
export function accountName(account) {
  return account.sample ? t('sample.account') : account.label;
}

const KNOWN = { mode: ['pipeline', 'multimodal'], status: ['active', 'inactive'] };

/** A badge with a visible word; the class adds colour for known values only. */
/** @param {'mode' | 'status'} field @param {string | null} value */
export function badge(field, value) {
  const word = normalized(value);
  const isKnown = KNOWN[field].includes(word);
  const text = isKnown ? t(`${field}.${word}`) : value?.trim() || t('card.unknown');
  const label = t(field === 'mode' ? 'card.mode' : 'card.status');
  return el(
    'span',
    { class: `badge badge-${field} ${isKnown ? `${field}-${word}` : 'badge-neutral'}`, title: label },
    el('span', { class: 'visually-hidden' }, `${label}: `),
    field === 'status' ? el('span', { class: 'badge-dot', 'aria-hidden': 'true' }) : null,
    el('span', { class: 'badge-text' }, text),
  );
}

/** A field's name in words; a field the app does not know keeps the platform's name. @param {string} name */
export function fieldLabel(name) {
  return has(`field.${name}`) ? t(`field.${name}`) : name;
}

/**
 * The name of an assistant's voice or language, from the platform's lists; its id while the
 * names have not come (or the platform does not know it), and "unknown" without an id.
 * @param {'voice' | 'language'} kind @param {string | null} id
 * @param {import('./components/detail.js').Names | null} names
 */
export function lookupName(kind, id, names) {
  if (id === null) return t('card.unknown');
  const map = kind === 'voice' ? names?.voices : names?.languages;
  return map?.get(id) || t(kind === 'voice' ? 'detail.voiceId' : 'detail.languageId', { id });
}

/** Whether the app runs on a Mac, whose shortcuts use ⌘ where others use Ctrl. */
export function isMac() {
  return /Mac/i.test(navigator.platform || navigator.userAgent);
}

/** A shortcut with the platform's modifier, as its menus write it: ⌘R on a Mac, Ctrl+R elsewhere. @param {string} key */
export function shortcut(key) {
  return isMac() ? `⌘${key}` : `Ctrl+${key}`;
}

/** Names joined as the language joins a list ("a, b and c"). @param {string[]} names */
export function listOf(names) {
  return new Intl.ListFormat(currentLanguage(), { style: 'long', type: 'conjunction' }).format(names);
}

/**
 * The review badges of a card: new since the earlier list, changed (and in what), reviewed or
 * changed since the review. Words, not colour alone, say which.
 * @param {import('./view.js').Marks} marks @param {number} position
 */
export function reviewBadges(marks, position) {
  const changed = marks.changed.get(position);
  const reviewed = marks.reviewed.get(position);
  return [
    marks.added.has(position) ? el('span', { class: 'badge badge-new' }, `✚ ${t('review.badgeNew')}`) : null,
    changed
      ? el('span', { class: 'badge badge-changed', title: listOf(changed.fields.map(fieldLabel)) },
        el('span', { class: 'badge-text' }, `✎ ${changed.onlyUpdated ? t('review.badgeDateOnly') : t('review.badgeChanged', { fields: listOf(changed.fields.filter((f) => f !== 'updatedAt').map(fieldLabel)) })}`))
      : null,
    reviewed
      ? reviewed.changedSince
        ? el('span', { class: 'badge badge-review-stale', title: t('review.badgeChangedSince') }, el('span', { class: 'badge-text' }, `⟳ ${t('review.badgeChangedSince')}`))
        : el('span', { class: 'badge badge-reviewed' }, `✓ ${t('review.badgeReviewed')}`)
      : null,
  ];
}
