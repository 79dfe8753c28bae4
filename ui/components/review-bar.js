// The review bar above the list: what changed since the chosen earlier list (counts, the
// assistants no longer there), how many assistants are reviewed, and the choice of what to
// compare with. It owns its element and re-renders from the store.

import * as actions from '../actions.js';
import { announce } from '../dom.js';
import { el } from '../dom.js';
import { currentLanguage, formatNumber, t } from '../i18n.js';
import { state, watch } from '../store.js';
import { exactTime } from '../time.js';
import { describeError, listOf } from '../words.js';

/** Removed assistants named before "and N more". */
const REMOVED_SHOWN = 20;

/** @typedef {import('../store.js').Since} Since */
/** @type {Since[]} */
const SINCE_CHOICES = ['previous', 'review', 'week', 'month'];

/** @param {HTMLElement} root */
export function mountReviewBar(root) {
  watch(['review', 'reviewProblem', 'roster', 'entries', 'since', 'language'], () => render(root));
}

/** @param {HTMLElement} root */
function render(root) {
  const { review, reviewProblem, roster } = state;
  root.hidden = !roster || roster.account.sample || roster.account.sessionOnly || (!review && !reviewProblem);
  if (root.hidden) {
    root.replaceChildren();
    return;
  }
  const heading = el('h2', { id: 'review-heading', class: 'review-heading' }, t('review.heading'));
  if (!review) {
    const { title, body } = describeError(/** @type {import('../types').AppError} */ (reviewProblem));
    root.replaceChildren(heading, el('p', { class: 'warning-text', id: 'review-problem' }, `${title}. ${body}`));
    return;
  }
  const total = state.entries.length;
  const reviewedCount = review.reviewed.length;
  const since = el('select', { id: 'review-since', 'aria-label': t('review.compareWith') },
    ...SINCE_CHOICES
      .filter((choice) => choice !== 'review' || review.lastReviewMs !== null)
      .map((choice) => el('option', { value: choice }, t(`review.since.${choice}`))));
  since.value = state.since === 'review' && review.lastReviewMs === null ? 'previous' : state.since;
  since.addEventListener('change', () => void actions.setSince(/** @type {Since} */ (since.value)));

  /** @type {(Node | string)[]} */
  const lines = [];
  if (review.sinceMs === null) {
    lines.push(el('p', { id: 'review-summary' }, state.since === 'previous' ? t('review.first') : t('review.noneThatOld')));
  } else {
    const counts = [
      t('review.new', { count: review.added.length }),
      ...(review.removalsKnown ? [t('review.removed', { count: review.removed.length })] : []),
      t('review.changed', { count: review.changed.length }),
    ];
    const nothing = review.added.length + review.removed.length + review.changed.length === 0;
    lines.push(el('p', { id: 'review-summary' },
      el('span', { class: 'review-since' }, t('review.sinceTime', { time: exactTime(review.sinceMs) })), ' ',
      el('strong', {}, nothing ? t('review.nothing') : counts.join(' · '))));
    if (!review.removalsKnown) lines.push(el('p', { class: 'muted' }, t('review.removalsUnknown')));
    if (review.removed.length) {
      const names = review.removed.slice(0, REMOVED_SHOWN).map((r) => r.name?.trim() || t('card.id', { id: r.id }));
      const more = review.removed.length - names.length;
      const text = more > 0 ? t('check.andMore', { names: names.join(', '), count: more }) : listOf(names);
      lines.push(el('p', { id: 'review-removed' }, el('strong', {}, `${t('review.removedNames')} `), el('bdi', {}, text)));
    }
  }
  if (review.setAside) lines.push(el('p', { class: 'warning-text' }, t('review.setAside'), ' ', el('span', { dir: 'ltr' }, review.setAside)));
  const progress = el('p', { id: 'review-progress' },
    t('review.progress', { reviewed: formatNumber(reviewedCount), count: total }));
  root.replaceChildren(
    el('div', { class: 'review-head' }, heading, el('label', { class: 'review-compare' }, `${t('review.compareWith')} `, since)),
    ...lines,
    progress,
    historyPart(),
  );
}

/** The history settings, kept across renders (a restore re-renders the bar, and what it said
 * stays on screen) and made anew when the language changes. */
let history = { node: /** @type {HTMLElement | null} */ (null), language: '' };
/** @returns {HTMLElement} */
function historyPart() {
  if (!history.node || history.language !== currentLanguage()) {
    history = { node: historySettings(), language: currentLanguage() };
  }
  return history.node ?? historySettings();
}

/** The periods history can be kept, in days; null is "always". */
const KEEP_CHOICES = [90, 180, 365, 730, null];

/**
 * How much room the history takes, from when, and how long it is kept: asked from Rust when
 * opened. A shorter period forgets older history at once (reviewed marks stay).
 */
function historySettings() {
  const body = el('div', { class: 'history-body' }, t('list.loading'));
  const details = el('details', { id: 'history-settings' }, el('summary', {}, t('history.summary')), body);
  const language = currentLanguage();
  /** @param {import('../ipc').HistoryInfo} info @param {string} [said] */
  const render = (info, said) => {
    const size = new Intl.NumberFormat(language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(info.bytes / 1e6);
    const keep = el('select', { id: 'history-keep' },
      ...KEEP_CHOICES.map((days) => el('option', { value: days === null ? 'always' : String(days) }, t(`history.keep.${days ?? 'always'}`))));
    keep.value = info.keepDays === null ? 'always' : String(info.keepDays);
    if (!keep.value) keep.append(el('option', { value: String(info.keepDays), selected: true }, t('history.keepDays', { count: info.keepDays ?? 0 })));
    keep.addEventListener('change', async () => {
      const outcome = await actions.keepHistory(keep.value === 'always' ? null : Number(keep.value));
      if (outcome.problem) {
        const { title, body: words } = describeError(outcome.problem);
        announce(`${title} ${words}`);
        return;
      }
      render(outcome.ok, t('history.saved'));
      announce(t('history.saved'));
    });
    body.replaceChildren(
      el('p', { id: 'history-size' }, info.oldestMs === null
        ? t('history.sizeEmpty', { size })
        : t('history.size', { size, time: exactTime(info.oldestMs) })),
      el('label', { class: 'review-compare' }, `${t('history.keepLabel')} `, keep),
      el('p', { class: 'muted' }, t('history.hint')),
      el('p', { class: 'muted' }, t('history.where'), ' ', el('span', { dir: 'ltr', class: 'url' }, info.path)),
      ...(said ? [el('p', { id: 'history-saved' }, said)] : []),
      backupPart(),
    );
  };
  details.addEventListener('toggle', async () => {
    if (!details.open) return;
    const outcome = await actions.historyInfo();
    if (outcome.problem) {
      const { title, body: words } = describeError(outcome.problem);
      body.replaceChildren(el('p', { class: 'warning-text' }, `${title}. ${words}`));
    } else {
      render(outcome.ok);
    }
  });
  return details;
}

/** Say `text` on screen in `where` and in the status line. @param {HTMLElement} where @param {string} text */
function tell(where, text) {
  where.replaceChildren(el('p', {}, text));
  announce(text);
}

/**
 * Back up the marks and notes of every account to a file, or restore them from one: the file is
 * read first and what it will replace shown; only "Restore" changes anything.
 */
function backupPart() {
  const outcome = el('div', { id: 'backup-outcome', 'aria-live': 'polite' });
  const save = el('button', { type: 'button', id: 'save-backup' }, t('backup.save'));
  const open = el('button', { type: 'button', id: 'open-backup' }, t('backup.open'));
  /** @param {import('../types').AppError} problem */
  const failed = (problem) => {
    const { title, body } = describeError(problem);
    outcome.replaceChildren(el('p', { class: 'warning-text', role: 'alert' }, `${title}. ${body}`));
  };
  save.addEventListener('click', async () => {
    const saved = await actions.saveBackup();
    if (saved.problem) failed(saved.problem);
    else if (saved.ok) tell(outcome, t('backup.saved', { path: saved.ok }));
  });
  open.addEventListener('click', async () => {
    const read = await actions.openBackup();
    if (read.problem) failed(read.problem);
    else if (read.ok) showPlan(read.ok);
  });
  /** @param {import('../ipc').RestorePlan} plan */
  const showPlan = (plan) => {
    const restore = el('button', { type: 'button', class: 'primary', id: 'restore-backup' }, t('backup.restore'));
    const cancel = el('button', { type: 'button', id: 'cancel-restore' }, t('backup.cancel'));
    cancel.addEventListener('click', () => outcome.replaceChildren());
    restore.addEventListener('click', async () => {
      const restored = await actions.restoreBackup(plan.token);
      if (restored.problem) failed(restored.problem);
      else tell(outcome, restored.ok ? t('backup.restored') : t('backup.expired'));
    });
    outcome.replaceChildren(
      el('p', { id: 'restore-plan' }, t('backup.plan', { time: exactTime(plan.createdAtMs) })),
      el('ul', { id: 'restore-accounts' }, ...plan.accounts.map((a) => el('li', { dir: 'auto' },
        el('strong', {}, a.label), ': ', t('backup.inFile', { count: a.inFile }),
        a.replaced ? `; ${t('backup.replaces', { count: a.replaced })}` : ''))),
      el('div', { class: 'row-actions' }, restore, cancel),
    );
    restore.focus();
  };
  return el('div', { class: 'backup' }, el('p', { class: 'muted' }, t('backup.hint')), el('div', { class: 'row-actions' }, save, open), outcome);
}
