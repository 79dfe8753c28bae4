// The detail view of one assistant, in a modal <dialog> (focus stays inside, Esc closes, focus
// returns to the card). Built with createElement/textContent like everything else.

import { byId, el } from '../dom.js';
import { t } from '../i18n.js';
import { clockIn, exactTime, isNightIn, isValidZone, placeOf } from '../time.js';
import { badge, checkText, lookupName, reviewBadges, webhookText, zoneProblem } from '../words.js';
import { changesSection, compareSection, reviewSection, timelineSection } from './changes.js';
import { rulesSection } from './rules.js';

/** @typedef {import('../view.js').Entry} Entry */
/** @typedef {{ voices: Map<string, string>, languages: Map<string, string> }} Names */

/**
 * Copies text to the clipboard, with the old way as a fallback for webviews without the API.
 * @param {string} text
 */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el('textarea', { 'aria-hidden': 'true', class: 'visually-hidden' });
    area.value = text;
    document.body.append(area);
    area.select();
    const done = document.execCommand('copy');
    area.remove();
    return done;
  }
}

/**
 * A copy button that says "Copied" for a moment.
 * @param {() => string} text @param {string} label @param {(s: string) => void} announce
 */
function copyButton(text, label, announce) {
  const button = el('button', { type: 'button', class: 'copy' }, label);
  button.addEventListener('click', async () => {
    const ok = await copyText(text());
    button.textContent = ok ? t('detail.copied') : t('detail.copyFailed');
    announce(button.textContent);
    setTimeout(() => (button.textContent = label), 1500);
  });
  return button;
}

/** @param {string} title @param {...(Node | string | null)} content */
function section(title, ...content) {
  return el('section', { class: 'detail-section' }, el('h3', {}, title), ...content);
}

/**
 * A long text with its line breaks, a character count and a copy button.
 * @param {string} title @param {string | null} text @param {string} empty @param {(s: string) => void} announce
 */
function textBlock(title, text, empty, announce, limit = 0) {
  const value = text ?? '';
  const length = [...value].length;
  const count = el('span', { class: limit && length > limit ? 'count warning-text' : 'count muted' },
    t('detail.characters', { count: length }), limit ? ` / ${new Intl.NumberFormat().format(limit)}` : '');
  return section(
    title,
    // Focusable: a long text scrolls, and keyboard users scroll it too.
    value.trim() ? el('p', { class: 'long-text', dir: 'auto', tabindex: 0 }, value) : el('p', { class: 'muted' }, empty),
    el('div', { class: 'row-actions' }, count, value ? copyButton(() => value, t('detail.copy'), announce) : null),
  );
}

/**
 * An instant in the viewer's zone and in the assistant's, each with its UTC offset.
 * @param {import('../ipc').Timestamp | null} stamp @param {string | null} zone
 */
function bothZones(stamp, zone) {
  if (!stamp) return el('span', { class: 'muted' }, t('card.unknownDate'));
  if (stamp.epochMs === null) return el('span', { class: 'warning-text' }, t('card.unreadableDate', { raw: stamp.raw }));
  const theirs = zone && isValidZone(zone)
    ? el('div', {}, t('card.theirTime', { time: exactTime(stamp.epochMs, zone), place: placeOf(zone) }))
    : null;
  return el('div', {}, el('div', {}, t('card.yourTime', { time: exactTime(stamp.epochMs) })), theirs);
}

/**
 * The fields shown in sections of their own below (`kind` and `userId`, the platform's
 * bookkeeping, are in the raw JSON). Any other field Rust sends shows under "More details" with
 * its `field.<name>` label, so a field added to the model needs no code here.
 */
export const SHOWN_FIELDS = new Set([
  'id', 'name', 'mode', 'status', 'timezone', 'voiceId', 'languageId', 'initialMessage',
  'systemPrompt', 'variables', 'webhookUrl', 'isWebhookActive', 'createdAt', 'updatedAt', 'kind', 'userId',
]);

/**
 * A field of any type in words: text as is, yes/no, a timestamp in both zones, pairs as lines.
 * @param {unknown} value @param {string} zone
 */
function fieldValue(value, zone) {
  if (value === null || value === undefined) return el('span', { class: 'muted' }, t('card.unknown'));
  if (typeof value === 'boolean') return value ? t('detail.yes') : t('detail.no');
  if (Array.isArray(value)) return el('div', {}, ...value.map((item) => el('div', { dir: 'auto' }, Array.isArray(item) ? item.join(': ') : String(item))));
  if (typeof value === 'object' && 'raw' in value && 'epochMs' in value) {
    return bothZones(/** @type {import('../ipc').Timestamp} */ (value), zone);
  }
  return el('span', { dir: 'auto' }, String(value));
}

/** The fields not shown in a section of their own, if any. @param {Record<string, unknown>} a @param {string} zone */
function moreFields(a, zone) {
  const rows = Object.entries(a)
    .filter(([name]) => !SHOWN_FIELDS.has(name))
    .map(([name, value]) => el('div', { class: 'row' }, el('dt', {}, t(`field.${name}`)), el('dd', {}, fieldValue(value, zone))));
  return rows.length ? section(t('detail.more'), el('dl', { class: 'facts' }, ...rows)) : null;
}

/**
 * The host of an http(s) link that may be opened, or null (not a web link, or a user name or
 * password before the host, which can disguise where it leads).
 * @param {string} url
 */
function webHost(url) {
  try {
    const parsed = new URL(url);
    const web = parsed.protocol === 'https:' || parsed.protocol === 'http:';
    return web && parsed.host && !parsed.username && !parsed.password ? parsed.host : null;
  } catch {
    return null;
  }
}

/**
 * Fills the dialog with one assistant and opens it.
 * @param {HTMLDialogElement} dialog
 * @param {import('../ipc').Assistant} a the whole assistant
 * @param {Entry} entry its card's entry: position and findings
 * @param {{
 *   names: Names | null, announce: (s: string) => void, greetingLimit: number,
 *   raw: (position: number) => Promise<string | null>,
 *   openWebhook: (position: number) => void,
 *   others: () => { position: number, name: string }[],
 *   listSize: number,
 *   compare: (position: number, other: number) => Promise<import('../ipc').Comparison | null>,
 *   print: () => void,
 *   rules: null | {
 *     settings: import('../ipc').RuleSettings,
 *     findings: (position: number) => Promise<import('../ipc').Finding[] | null>,
 *   },
 *   review: null | {
 *     marks: import('../view.js').Marks,
 *     changes: (position: number) => Promise<import('../ipc').AssistantChanges | null>,
 *     setReviewed: (position: number, reviewed: boolean, note: string) => Promise<boolean>,
 *     timeline: (position: number) => Promise<import('../ipc').VersionSeen[]>,
 *     compareVersions: (position: number, older: string, newer: string) => Promise<import('../ipc').AssistantChanges | null>,
 *   },
 * }} context
 */
export function showDetail(dialog, a, entry, context) {
  const { announce } = context;
  const close = el('button', { type: 'button', class: 'close', id: 'detail-close' }, t('detail.close'));
  const print = el('button', { type: 'button', id: 'detail-print', title: t('detail.printHint') }, t('export.html'));
  print.addEventListener('click', () => context.print());
  close.addEventListener('click', () => dialog.close());

  const checks = entry.checks.length
    ? section(t('detail.attention'), el('ul', { class: 'issues' }, ...entry.checks.map((check) => el('li', {}, checkText(check)))))
    : null;

  const variables = a.variables.length
    ? el('table', { class: 'variables' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('detail.varName')), el('th', { scope: 'col' }, t('detail.varValue')))),
      el('tbody', {}, ...a.variables.map(([name, value]) => el('tr', {}, el('th', { scope: 'row', dir: 'auto' }, name), el('td', { dir: 'auto' }, value)))))
    : el('p', { class: 'muted' }, t('detail.noVariables'));

  const url = (a.webhookUrl ?? '').trim();
  // The button names the host it leads to (as the browser will see it, so a look-alike name
  // shows as punycode); Rust opens the assistant's link, never one the page passes.
  const host = webHost(url);
  const open = host ? el('button', { type: 'button', id: 'open-webhook', dir: 'auto' }, t('detail.openLink', { host })) : null;
  open?.addEventListener('click', () => context.openWebhook(entry.position));
  const zone = (a.timezone ?? '').trim();
  const zoneLine = zoneProblem(zone, 'p')
    ?? el('p', {}, `${zone} · `, t('detail.nowIn', { time: clockIn(zone), place: placeOf(zone) }), ' ',
      el('span', { class: 'day-cue' }, isNightIn(zone) ? `☾ ${t('detail.night')}` : `☀ ${t('detail.day')}`));

  const rawPre = el('pre', { class: 'raw', dir: 'ltr' }, t('list.loading'));
  const rawDetails = el('details', { class: 'raw-json' }, el('summary', {}, t('detail.raw')), rawPre);
  let rawText = '';
  rawDetails.addEventListener('toggle', async () => {
    if (!rawDetails.open || rawText) return;
    rawText = (await context.raw(entry.position)) ?? '';
    rawPre.textContent = rawText || t('reason.list_replaced');
    if (rawText) rawDetails.append(copyButton(() => rawText, t('detail.copy'), announce));
  });

  // The review memory's parts: the mark at once, what changed when Rust has compared.
  const review = context.review;
  const reviewPart = review
    ? reviewSection(review.marks.reviewed.get(entry.position), (reviewed, note) => review.setReviewed(entry.position, reviewed, note))
    : null;
  const changesPart = review ? el('div', { id: 'changes-part' }) : null;
  const timelinePart = review ? el('div', { id: 'timeline-part' }) : null;
  if (review && changesPart && timelinePart) {
    void review.changes(entry.position).then((changes) => {
      if (changes) changesPart.replaceWith(changesSection(changes));
    });
    void review.timeline(entry.position).then((versions) => {
      if (versions.length > 1) {
        timelinePart.replaceWith(timelineSection(versions, (older, newer) => review.compareVersions(entry.position, older, newer)));
      }
    });
  }

  // The rules' findings, once Rust has checked this assistant.
  const rulesPart = context.rules ? el('div', { id: 'rules-part' }) : null;
  if (context.rules && rulesPart) {
    const { settings, findings } = context.rules;
    void findings(entry.position).then((found) => {
      if (found) rulesPart.replaceWith(rulesSection(found, settings));
    });
  }

  dialog.replaceChildren(
    el('header', { class: 'detail-head' },
      el('div', {},
        el('h2', { id: 'detail-title', dir: 'auto' }, a.name?.trim() || t('card.noName')),
        a.id ? el('p', { class: 'muted' }, t('card.id', { id: a.id })) : null,
        el('div', { class: 'badges' }, badge('mode', a.mode), badge('status', a.status),
          ...(context.review ? reviewBadges(context.review.marks, entry.position) : []))),
      el('div', { class: 'detail-head-actions' }, print, close)),
    el('div', { class: 'detail-body' },
      changesPart,
      reviewPart,
      checks,
      rulesPart,
      textBlock(t('card.greeting'), a.initialMessage, t('card.noGreeting'), announce, context.greetingLimit),
      textBlock(t('detail.prompt'), a.systemPrompt, t('detail.noPrompt'), announce),
      section(t('detail.variables'), variables),
      section(t('card.webhook'),
        el('p', {}, webhookText(a.isWebhookActive)),
        url ? el('p', { class: 'url', dir: 'ltr' }, url) : el('p', { class: 'muted' }, t('detail.noUrl')),
        open),
      section(t('detail.voiceLanguage'),
        el('dl', { class: 'facts' },
          el('div', { class: 'row' }, el('dt', {}, t('detail.voice')), el('dd', { id: 'detail-voice' }, lookupName('voice', a.voiceId, context.names))),
          el('div', { class: 'row' }, el('dt', {}, t('detail.language')), el('dd', { id: 'detail-language' }, lookupName('language', a.languageId, context.names))))),
      section(t('card.timezone'), zoneLine),
      section(t('detail.dates'),
        el('dl', { class: 'facts' },
          el('div', { class: 'row' }, el('dt', {}, t('card.created')), el('dd', {}, bothZones(a.createdAt, zone))),
          el('div', { class: 'row' }, el('dt', {}, t('card.updated')), el('dd', {}, bothZones(a.updatedAt, zone))))),
      moreFields(a, zone),
      timelinePart,
      context.listSize > 1 ? compareSection(context.others, (other) => context.compare(entry.position, other)) : null,
      rawDetails),
  );
  dialog.setAttribute('aria-labelledby', 'detail-title');
  if (!dialog.open) {
    // Modal by hand rather than showModal(): WebKitGTK does not paint the top layer everywhere.
    // The rest of the page becomes inert (no focus, no clicks), which keeps focus in here.
    for (const node of document.querySelectorAll('body > header, body > main')) node.setAttribute('inert', '');
    byId('backdrop').hidden = false;
    dialog.show();
  }
  close.focus();
}

/** Wires what makes the hand-made modal behave like one: Esc and the backdrop close it. */
/** @param {HTMLDialogElement} dialog */
export function wireDetail(dialog) {
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      dialog.close();
    }
  });
  byId('backdrop').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    for (const node of document.querySelectorAll('[inert]')) node.removeAttribute('inert');
    byId('backdrop').hidden = true;
  });
}
