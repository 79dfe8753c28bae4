// What changed in one assistant, for its detail view: fields before and after, variables row by
// row, the greeting and prompt word by word (insertions and deletions marked by more than
// colour: underlined and struck through, and named for screen readers), long unchanged stretches
// folded. Also the reviewed mark with its note. Each part owns its elements.

import { el } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { exactTime } from '../time.js';
import { fieldLabel } from '../words.js';

/** @typedef {import('../ipc').AssistantChanges} AssistantChanges */
/** @typedef {import('../ipc').Segment} Segment */
/** @typedef {import('../ipc').Shown} Shown */
/** @typedef {import('../ipc').ReviewedCard} ReviewedCard */

/** An unchanged stretch longer than this shows its two ends and folds the middle. */
const FOLD_CHARS = 240;
/** Characters kept at each end of a folded stretch. */
const FOLD_KEEP = 80;

/** @param {string} title @param {...(Node | string | null)} content */
function section(title, ...content) {
  return el('section', { class: 'detail-section' }, el('h3', {}, title), ...content);
}

/**
 * A text difference word by word.
 * @param {Segment[]} segments
 */
export function wordDiff(segments) {
  // Focusable: a long text scrolls, and keyboard users scroll it too.
  const out = el('p', { class: 'diff long-text', dir: 'auto', tabindex: 0 });
  for (const { change, text } of segments) {
    if (change === 'added') {
      out.append(el('ins', {}, el('span', { class: 'visually-hidden' }, `${t('diff.added')} `), text));
    } else if (change === 'removed') {
      out.append(el('del', {}, el('span', { class: 'visually-hidden' }, `${t('diff.removed')} `), text));
    } else if ([...text].length > FOLD_CHARS) {
      const chars = [...text];
      const hidden = chars.slice(FOLD_KEEP, chars.length - FOLD_KEEP).join('');
      const unfold = el('button', { type: 'button', class: 'fold' },
        t('diff.unchanged', { count: [...hidden].length, chars: formatNumber([...hidden].length) }));
      const middle = document.createTextNode(hidden);
      unfold.addEventListener('click', () => unfold.replaceWith(middle));
      out.append(chars.slice(0, FOLD_KEEP).join(''), unfold, chars.slice(chars.length - FOLD_KEEP).join(''));
    } else {
      out.append(text);
    }
  }
  return out;
}

/** A value before or after, in words. @param {Shown | null} value */
function shownText(value) {
  if (value === null) return t('diff.none');
  if (typeof value === 'boolean') return value ? t('detail.yes') : t('detail.no');
  if (typeof value === 'object') return value.epochMs === null ? value.raw : exactTime(value.epochMs);
  return value;
}

/**
 * What changed since the earlier list, or that the assistant is new. `prefix` keeps element ids
 * apart when two comparisons are on screen.
 * @param {AssistantChanges} changes @param {string} [prefix]
 */
export function changesSection(changes, prefix = '') {
  const since = exactTime(changes.sinceMs);
  const title = t('diff.heading', { time: since });
  if (changes.added) return section(title, el('p', { id: `${prefix}changes-summary` }, t('diff.new', { time: since })));
  return section(title, ...comparisonParts(changes, prefix, t('diff.nothing')));
}

/**
 * The parts of a comparison: fields before and after, greeting and prompt word by word,
 * variables row by row, fields the app does not show.
 * @param {import('../ipc').Comparison} comparison @param {string} prefix @param {string} same
 *   what to say when nothing differs
 * @returns {HTMLElement[]}
 */
function comparisonParts(comparison, prefix, same) {
  const { difference } = comparison;
  const rows = difference.fields.filter((f) => f.field !== 'initialMessage' && f.field !== 'systemPrompt');
  const only = difference.fields.length === 1 && difference.fields[0].field === 'updatedAt'
    && !difference.variables.length && !difference.otherFields.length;
  const nothing = !difference.fields.length && !difference.variables.length && !difference.otherFields.length;
  /** @type {(HTMLElement | null)[]} */
  const parts = [
    nothing ? el('p', { id: `${prefix}changes-summary` }, same) : null,
    only ? el('p', { id: `${prefix}changes-summary` }, t('diff.onlyUpdated')) : null,
    rows.length
      ? el('dl', { class: 'facts changes' }, ...rows.map((f) => el('div', { class: 'row' },
        el('dt', {}, fieldLabel(f.field)),
        el('dd', { dir: 'auto' },
          el('del', {}, el('span', { class: 'visually-hidden' }, `${t('diff.before')} `), shownText(f.before)),
          ' → ',
          el('ins', {}, el('span', { class: 'visually-hidden' }, `${t('diff.after')} `), shownText(f.after))))))
      : null,
    comparison.greeting.length ? el('div', { class: 'diff-block' }, el('h4', {}, fieldLabel('initialMessage')), wordDiff(comparison.greeting)) : null,
    comparison.prompt.length ? el('div', { class: 'diff-block', id: `${prefix}prompt-diff` }, el('h4', {}, fieldLabel('systemPrompt')), wordDiff(comparison.prompt)) : null,
    difference.variables.length
      ? el('div', { class: 'diff-block' }, el('h4', {}, fieldLabel('variables')),
        el('table', { class: 'variables' },
          el('thead', {}, el('tr', {},
            el('th', { scope: 'col' }, t('detail.varName')),
            el('th', { scope: 'col' }, t('diff.before')),
            el('th', { scope: 'col' }, t('diff.after')))),
          el('tbody', {}, ...difference.variables.map((v) => el('tr', {},
            el('th', { scope: 'row', dir: 'auto' }, v.name),
            el('td', { dir: 'auto' }, v.before === null ? el('span', { class: 'muted' }, t('diff.added')) : el('del', {}, v.before)),
            el('td', { dir: 'auto' }, v.after === null ? el('span', { class: 'muted' }, t('diff.removed')) : el('ins', {}, v.after)))))))
      : null,
    difference.otherFields.length
      ? el('p', { class: 'muted' }, t('diff.otherFields', { fields: difference.otherFields.join(', ') }))
      : null,
  ];
  return /** @type {HTMLElement[]} */ (parts.filter(Boolean));
}

/**
 * Compare with another assistant of the list: what the other one has differently (managers
 * copy a good assistant's script into a new one). "Before" is this assistant, "after" the other.
 * Folded: the choice of the other (one option per assistant, 10,000 in a big account) is made
 * only when the user opens it, not with every detail view.
 * @param {() => { position: number, name: string }[]} listOthers the other assistants, in the
 *   list's order
 * @param {(other: number) => Promise<import('../ipc').Comparison | null>} compare
 */
export function compareSection(listOthers, compare) {
  const details = el('details', { class: 'detail-section', id: 'compare' }, el('summary', {}, t('compare.title')));
  details.addEventListener('toggle', () => {
    if (!details.open || details.childElementCount > 1) return;
    const others = listOthers();
    const pick = el('select', { id: 'compare-with' }, ...others.map((o) => el('option', { value: String(o.position) }, o.name)));
    const result = el('div', { id: 'compare-result' });
    const go = el('button', { type: 'button', id: 'compare-go' }, t('compare.go'));
    go.addEventListener('click', async () => {
      const other = others.find((o) => String(o.position) === pick.value);
      const comparison = other ? await compare(other.position) : null;
      result.replaceChildren(...(comparison && other
        ? [el('h4', {}, t('compare.heading', { name: other.name })), ...comparisonParts(comparison, 'compare-', t('compare.same'))]
        : []));
    });
    details.append(
      el('div', { class: 'row-actions timeline-pick' }, el('label', {}, `${t('compare.with')} `, pick), go),
      el('p', { class: 'muted' }, t('compare.hint')),
      result);
  });
  return details;
}

/**
 * "Mark as reviewed" with an optional note, or the mark with a way to take it back.
 * @param {ReviewedCard | undefined} mark
 * @param {(reviewed: boolean, note: string) => Promise<boolean>} save
 */
export function reviewSection(mark, save) {
  const root = section(t('review.detailHeading'));
  root.id = 'review-section';
  const render = (/** @type {ReviewedCard | undefined} */ current) => {
    const heading = /** @type {HTMLElement} */ (root.firstChild);
    root.replaceChildren(heading);
    if (current) {
      const undo = el('button', { type: 'button', id: 'unmark-reviewed' }, t('review.unmark'));
      undo.addEventListener('click', async () => {
        if (await save(false, '')) render(undefined);
      });
      root.append(el('p', { class: current.changedSince ? 'warning-text' : '' },
        current.changedSince ? t('review.changedSinceOn', { time: exactTime(current.atMs) }) : t('review.reviewedOn', { time: exactTime(current.atMs) })));
      if (current.note) root.append(el('p', { class: 'review-note' }, el('strong', {}, `${t('review.note')}: `), el('bdi', {}, current.note)));
      root.append(el('div', { class: 'row-actions' }, undo));
      if (current.changedSince) {
        const again = el('button', { type: 'button', id: 'mark-reviewed' }, t('review.markAgain'));
        again.addEventListener('click', async () => {
          if (await save(true, current.note)) render({ ...current, changedSince: false, atMs: Date.now() });
        });
        root.lastElementChild?.prepend(again);
      }
      return;
    }
    const note = el('textarea', { id: 'review-note', rows: 2, maxlength: 2000, dir: 'auto' });
    const button = el('button', { type: 'button', id: 'mark-reviewed', class: 'primary' }, t('review.mark'));
    button.addEventListener('click', async () => {
      const text = note.value.trim();
      if (await save(true, text)) render({ position: -1, atMs: Date.now(), note: text, changedSince: false });
    });
    root.append(
      el('label', { class: 'field' }, el('span', {}, t('review.noteLabel')), note),
      el('div', { class: 'row-actions' }, button),
    );
  };
  render(mark);
  return root;
}

/**
 * Every version of the assistant the app has seen, when it was first and last seen, and a
 * comparison of any two (the first and the current one to begin with). Shown from two versions.
 * @param {import('../ipc').VersionSeen[]} versions
 * @param {(older: string, newer: string) => Promise<AssistantChanges | null>} compare
 */
export function timelineSection(versions, compare) {
  const number = (/** @type {number} */ i) => t('timeline.version', { number: i + 1 });
  const seen = (/** @type {import('../ipc').VersionSeen} */ v) => v.firstSeenMs === v.lastSeenMs
    ? t('timeline.seenOnce', { time: exactTime(v.firstSeenMs) })
    : t('timeline.seen', { from: exactTime(v.firstSeenMs), to: exactTime(v.lastSeenMs) });
  const list = el('ol', { class: 'timeline' }, ...versions.map((v, i) => el('li', {},
    el('strong', {}, number(i)), ' ', seen(v), v.current ? el('span', { class: 'muted' }, ` (${t('timeline.current')})`) : null)));
  const choose = (/** @type {string} */ id, /** @type {number} */ selected) => {
    const select = el('select', { id }, ...versions.map((v, i) => el('option', { value: v.id }, number(i))));
    select.selectedIndex = selected;
    return select;
  };
  const older = choose('timeline-older', 0);
  const newer = choose('timeline-newer', versions.length - 1);
  const result = el('div', { id: 'timeline-result' });
  const go = el('button', { type: 'button', id: 'timeline-compare' }, t('timeline.compare'));
  go.addEventListener('click', async () => {
    const changes = await compare(older.value, newer.value);
    result.replaceChildren(...(changes ? [changesSection(changes, 'timeline-')] : []));
  });
  return section(t('timeline.heading', { count: versions.length }),
    list,
    el('div', { class: 'row-actions timeline-pick' },
      el('label', {}, `${t('timeline.from')} `, older),
      el('label', {}, `${t('timeline.to')} `, newer),
      go),
    result);
}
