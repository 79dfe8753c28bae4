// The list screen: the account bar, notices, search, sort, filter chips with live counts, export,
// the windowed card grid and the detail view of a card.

import * as actions from '../actions.js';
import { assistantCard, markSearch, tickTimes } from '../components/card.js';
import { mountExportResult } from '../components/export-result.js';
import { mountReviewBar } from '../components/review-bar.js';
import { fillRulesEditor, ruleName, setCallingHours } from '../components/rules.js';
import { mountSignOut } from '../components/sign-out.js';
import { showDetail, wireDetail } from '../components/detail.js';
import { WindowedGrid } from '../components/grid.js';
import { fillHead, ROWS, showOrder, tableRow } from '../components/table.js';
import { announce, byId, el } from '../dom.js';
import { currentLanguage, formatNumber, t } from '../i18n.js';
import { state, watch } from '../store.js';
import { exactTime, relativeTime } from '../time.js';
import { applyView, REVIEW_FILTERS } from '../view.js';
import { accountName, describeError, shortcut } from '../words.js';

/** @typedef {import('../view.js').Entry} Entry */

const SAMPLE_ID = 'sample';
const ADD_ACCOUNT = '+add';
/** The most cards or rows kept made, out of view, for a later render (see `kept`): a few views' worth. */
const KEPT_AT_MOST = 100;
/** How often the clocks and relative times on the cards in view are written anew. */
const TICK_MS = 30_000;

export function mountList() {
  const ui = {
    accountSwitcher: /** @type {HTMLSelectElement} */ (byId('account-switcher')),
    accountLabel: byId('account-label'),
    sampleBadge: byId('sample-badge'),
    sessionBadge: byId('session-badge'),
    summary: byId('summary'),
    fetchedAt: byId('fetched-at'),
    refresh: byId('refresh'),
    signOut: /** @type {HTMLButtonElement} */ (byId('sign-out')),
    notice: byId('notice'),
    toolbar: /** @type {HTMLElement} */ (document.querySelector('#list .toolbar')),
    search: /** @type {HTMLInputElement} */ (byId('search')),
    sort: /** @type {HTMLSelectElement} */ (byId('sort')),
    chips: byId('chips'),
    resultCount: byId('result-count'),
    noResults: byId('no-results'),
    cards: byId('cards'),
    table: byId('table'),
    tableHead: byId('table-head'),
    tableRows: byId('table-rows'),
    reverse: byId('sort-reverse'),
    layoutCards: byId('layout-cards'),
    layoutTable: byId('layout-table'),
    empty: byId('empty'),
    detail: /** @type {HTMLDialogElement} */ (byId('detail')),
  };
  /** The cards shown, in order: search, filters and sort applied. @type {Entry[]} */
  let shown = [];
  /** What the grid last showed, to keep the scroll position unless the view itself changed. */
  let last = { accountId: /** @type {string | null} */ (null), filters: state.filters, search: state.search };

  /** What a card or a row shows beside the assistant. @param {Entry} entry @returns {import('../components/card.js').CardContext} */
  const contextOf = (entry) => ({
    query: state.search.query,
    issues: entry.checks.length,
    marks: state.marks,
    onMark: state.review ? (position) => void actions.setReviewed(position, true) : undefined,
    rules: state.rules?.settings,
    names: state.names,
  });
  /** The rules' settings as text, once per answer (a card names the rules it fails). @type {WeakMap<object, string>} */
  const settingsText = new WeakMap();
  const rulesKey = () => {
    const rules = state.rules;
    if (!rules) return '';
    let text = settingsText.get(rules);
    if (text === undefined) settingsText.set(rules, (text = JSON.stringify(rules.settings)));
    return text;
  };
  /**
   * What the review memory's and the rules' marks say of `position`, as text: a new answer
   * (after a refresh, a mark) leaves the cards whose marks are the same as they are.
   * @param {number} position
   */
  const marksAt = (position) => {
    const marks = state.marks;
    const fails = marks.fails?.[position] ?? null;
    return JSON.stringify([
      marks.added.has(position), marks.changed.get(position) ?? null, marks.reviewed.get(position) ?? null,
      fails && fails.map((index) => marks.ruleNames[index]),
    ]);
  };
  /** What a card or row is made from besides its entry and the search; see `reuseOr`. @param {Entry} entry */
  const madeFrom = (entry) => [marksAt(entry.position), rulesKey(), !!state.review, state.names, currentLanguage(), state.filters.layout];
  /** @type {WeakMap<HTMLElement, unknown[]>} */
  const madeWith = new WeakMap();
  /** The search each card or row has marked. @type {WeakMap<HTMLElement, string>} */
  const markedWith = new WeakMap();
  /** When each card's or row's clocks were written by its making or on its way back into the
   * page (the ticking below writes those in it). @type {WeakMap<HTMLElement, number>} */
  const tickedAt = new WeakMap();
  /**
   * The cards or rows made last, by entry, the most recent last: a keystroke keeps most of those
   * in view, a backspace or a filter turned off again brings back those of a moment ago, and
   * marking the new search in one costs far less than making it again (its times, zone, badges:
   * making the 18 cards of a new view is most of a keystroke). Those of the last render and up
   * to `KEPT_AT_MOST` in all.
   * @type {Map<Entry, HTMLElement>}
   */
  const kept = new Map();
  /** Keeps the cards or rows in view, to serve again in a later render. */
  const keepInView = () => {
    for (const [index, node] of grid().rendered) {
      const entry = shown[index];
      if (!entry) continue;
      kept.delete(entry);
      kept.set(entry, node);
    }
    for (const entry of kept.keys()) {
      if (kept.size <= KEPT_AT_MOST) break;
      kept.delete(entry);
    }
  };
  /**
   * The card or row of `entry`: the one kept, with the search marked anew, if nothing else it
   * shows has changed since it was made; else a new one from `make`.
   * @param {Entry} entry @param {() => HTMLElement} make
   */
  const reuseOr = (entry, make) => {
    const from = madeFrom(entry);
    const node = kept.get(entry);
    const query = state.search.query;
    if (node && madeWith.get(node)?.every((input, i) => input === from[i])) {
      if (markedWith.get(node) !== query) markSearch(node, query);
      markedWith.set(node, query);
      // Out of the page, its clocks were not kept true (see the ticking below).
      if (!node.isConnected && Date.now() - (tickedAt.get(node) ?? 0) > TICK_MS) {
        tickTimes(node);
        tickedAt.set(node, Date.now());
      }
      return node;
    }
    const made = make();
    madeWith.set(made, from);
    markedWith.set(made, query);
    tickedAt.set(made, Date.now());
    return made;
  };
  const scroller = /** @type {HTMLElement} */ (document.scrollingElement);
  const open = (/** @type {number} */ index) => void openDetail(shown[index]);
  const cardGrid = new WindowedGrid(scroller, ui.cards, (index) => reuseOr(shown[index], () => assistantCard(shown[index].c, shown[index].position, contextOf(shown[index]))), open);
  const rowGrid = new WindowedGrid(scroller, ui.tableRows, (index) => reuseOr(shown[index], () => tableRow(shown[index], contextOf(shown[index]))), open, ROWS);
  /** The grid of the layout shown: the cards or the table's rows. */
  const grid = () => (state.filters.layout === 'table' ? rowGrid : cardGrid);

  /** Opens the detail view of a card, with the whole assistant asked from Rust. @param {Entry | undefined} entry */
  async function openDetail(entry) {
    if (!entry) return;
    const whole = await actions.wholeAssistant(entry);
    if (!whole) return;
    showDetail(ui.detail, whole, entry, {
      names: state.names,
      greetingLimit: state.greetingLimit,
      announce,
      raw: actions.rawAssistant,
      openWebhook: actions.openWebhook,
      others: () => shown.filter((e) => e !== entry).map((e) => ({ position: e.position, name: e.name || t('card.noName') })),
      listSize: shown.length,
      compare: actions.compareAssistants,
      print: () => void actions.exportList('html', [entry.position]),
      rules: state.rules ? { settings: state.rules.settings, findings: actions.assistantRules } : null,
      review: state.review
        ? {
          marks: state.marks,
          changes: actions.assistantChanges,
          setReviewed: actions.setReviewed,
          timeline: actions.timeline,
          compareVersions: actions.compareVersions,
        }
        : null,
    });
  }

  // The account bar.
  watch(['roster', 'entries', 'accounts', 'language'], () => {
    const current = state.roster?.account;
    const accounts = [...state.accounts];
    if (current && !current.sample && !accounts.some((a) => a.id === current.id)) accounts.push(current);
    ui.accountSwitcher.replaceChildren(
      ...accounts.map((a) => el('option', { value: a.id }, a.label)),
      el('option', { value: SAMPLE_ID }, t('sample.account')),
      el('option', { value: ADD_ACCOUNT }, t('accounts.add')),
    );
    ui.accountSwitcher.value = current?.id ?? SAMPLE_ID;
    ui.accountSwitcher.setAttribute('aria-label', t('accounts.switch'));
    if (!current) return;
    ui.accountLabel.textContent = accountName(current);
    ui.sampleBadge.hidden = !current.sample;
    ui.sessionBadge.hidden = !current.sessionOnly;
    ui.signOut.textContent = current.sample ? t('sample.leave') : t('list.signOut');
    ui.refresh.hidden = current.sample;
    ui.summary.textContent = actions.listSummary();
    showFetchedAt();
  });
  watch(['busy', 'language'], () => {
    ui.refresh.textContent = state.busy ? t('list.refreshing') : t('list.refresh');
    ui.refresh.title = t('list.refreshHint', { keys: shortcut('R') });
  });
  const showFetchedAt = () => {
    if (state.roster) ui.fetchedAt.textContent = t('list.updatedAt', { time: relativeTime(state.roster.fetchedAtMs) });
  };

  // Notices above the list.
  watch(['roster', 'stale', 'cacheDamaged', 'language'], () => {
    const roster = state.roster;
    ui.notice.replaceChildren();
    if (!roster) return;
    if (state.stale) {
      ui.notice.append(el('div', { class: 'notice notice-stale', role: 'note' }, t('list.asOf', { time: exactTime(roster.fetchedAtMs) })));
    }
    if (state.cacheDamaged) ui.notice.append(el('div', { class: 'notice', role: 'note' }, t('list.cacheDamaged')));
    // What of the answer is not among the cards: never hidden silently.
    const { gaps } = roster;
    const notice = (/** @type {string} */ strong, /** @type {string} */ hint) =>
      ui.notice.append(el('div', { class: 'notice notice-gap', role: 'note' }, el('strong', {}, strong), hint ? ` ${hint}` : ''));
    if (gaps.skipped > 0) notice(t('list.skipped', { count: gaps.skipped }), t('list.skippedHint'));
    if (gaps.tooLarge > 0) notice(t('list.tooLarge', { count: gaps.tooLarge }), t('list.tooLargeHint'));
    if (gaps.overLimit !== null) notice(t('list.overLimit', { limit: gaps.overLimit }), '');
    if (gaps.morePages) notice(t('list.morePages'), '');
  });

  mountReviewBar(byId('review-bar'));
  mountExportResult(byId('export-result'));

  // The rules editor: filled when the rules arrive, and again once saved; never under the hands
  // of someone editing it (a refresh leaves an open editor as it is).
  const rulesEditor = /** @type {HTMLDetailsElement} */ (byId('rules-editor'));
  let justSaved = false;
  const saveRules = async (/** @type {import('../ipc').RuleSettings} */ settings) => {
    justSaved = true;
    const error = await actions.saveRules(settings);
    justSaved = false;
    return error;
  };
  watch(['rules', 'language'], () => {
    const rules = state.rules;
    rulesEditor.hidden = !rules;
    setCallingHours(rules?.settings.callingHours ?? null);
    if (!rules) return;
    // Someone editing keeps their fields (a refresh runs the rules again); a save fills it anew.
    // (An open editor has been filled: it has no summary to open it by before.)
    if (rulesEditor.open && !justSaved) return;
    fillRulesEditor(rulesEditor, { settings: rules.settings, kept: rules.kept }, saveRules, (error) => {
      const { title, body } = describeError(error);
      return `${title} ${body}`;
    });
  });

  // The cards: search, filters and sort applied, with the chips' live counts.
  // The table's head sticks under the top bar, whose height changes with the width and text size.
  const topbar = /** @type {HTMLElement} */ (document.querySelector('.topbar'));
  new ResizeObserver(() => document.documentElement.style.setProperty('--topbar-height', `${topbar.offsetHeight}px`)).observe(topbar);
  // The table's head: its words follow the language; a header sorts by its column, and a second
  // time turns the order round.
  watch(['language'], () => fillHead(ui.tableHead, (key) => actions.setFilters(
    state.filters.sort === key ? { reverse: !state.filters.reverse } : { sort: key, reverse: false })));

  watch(['entries', 'filters', 'search', 'marks', 'language'], showList);
  // The platform's names of voices and languages come after the first paint: the cards and rows
  // in view are made again with them; the list is ordered again only when it is by voice or
  // language (a whole pass over 10,000 entries for nothing otherwise).
  watch(['names'], () => {
    if (state.filters.sort === 'voice' || state.filters.sort === 'language') showList();
    else grid().setItems(shown.length, true);
  });

  /** The cards or rows: search, filters and sort applied, with the chips' live counts. */
  function showList() {
    const roster = state.roster;
    const accountId = roster?.account.id ?? null;
    if (accountId !== last.accountId) ui.search.value = '';
    const { entries, filters, search } = state;
    const hasAny = entries.length > 0;
    ui.empty.hidden = !roster || hasAny;
    for (const node of [ui.chips, ui.resultCount, ui.toolbar]) node.hidden = !hasAny;
    // The search of an earlier list is being asked again (see actions.showRoster): the cards
    // shown stay until it answers.
    if (roster && search.matches && search.listId !== roster.listId) return;
    // New review marks (after a refresh, or one marked) re-render the cards in place.
    const keepScroll = accountId === last.accountId && filters === last.filters && search === last.search;
    last = { accountId, filters, search };
    const view = applyView(entries, filters, search.matches, currentLanguage(), state.marks, state.names);
    keepInView();
    shown = view.shown;
    ui.sort.value = filters.sort;
    ui.reverse.setAttribute('aria-pressed', String(filters.reverse));
    const table = filters.layout === 'table';
    ui.layoutCards.setAttribute('aria-pressed', String(!table));
    ui.layoutTable.setAttribute('aria-pressed', String(table));
    showOrder(ui.tableHead, filters);
    // A first screen (see actions.showFirstScreen) has no counts yet, and its controls wait.
    const firstScreen = roster?.firstScreenOf !== undefined;
    for (const node of [ui.toolbar, ui.chips, ui.cards, ui.table]) node.inert = firstScreen;
    renderChips(firstScreen ? null : view.counts);
    const total = entries.length;
    ui.resultCount.textContent = firstScreen
      ? '\u00a0'
      : shown.length === total
        ? t('filter.showingAll', { count: total })
        : t('filter.showing', { count: shown.length, total: formatNumber(total) });
    ui.noResults.hidden = !(total > 0 && shown.length === 0);
    ui.cards.hidden = table || shown.length === 0;
    ui.table.hidden = !table || shown.length === 0;
    ui.table.setAttribute('aria-rowcount', String(shown.length + 1));
    (table ? cardGrid : rowGrid).setItems(0);
    grid().setItems(shown.length, keepScroll, firstScreen);
  }
  watch(['screen'], () => {
    if (state.screen === 'list') grid().schedule();
  });

  // An account being opened shows its list next. The list screen's first layout (its toolbar's
  // controls, fonts and styles seen for the first time) takes 60 to 190 ms at a cold start, a few
  // ms later on: done once, unseen, while the account's list is on its way (the page only waits
  // meanwhile), it leaves the path to the first cards. After the ask has gone out, not before.
  const listScreen = byId('list');
  let laidOut = false;
  watch(['account'], () => void setTimeout(() => {
    if (laidOut || !state.account || !listScreen.hidden) return;
    laidOut = true;
    const parts = [listScreen, ui.toolbar, ui.chips, ui.resultCount];
    const hidden = parts.map((part) => part.hidden);
    listScreen.style.visibility = 'hidden';
    for (const part of parts) part.hidden = false;
    void listScreen.offsetHeight;
    parts.forEach((part, i) => (part.hidden = hidden[i]));
    listScreen.style.visibility = '';
  }));

  /**
   * The filter chips, each a toggle button with its live count (none while `counts` is null).
   * @param {Record<string, number> | null} counts
   */
  function renderChips(counts) {
    const count = (/** @type {string} */ key) => (counts ? formatNumber(counts[key] ?? 0) : '');
    const f = state.filters;
    /** @param {'status' | 'mode' | 'webhook' | 'review' | 'rule'} group @param {string} value @param {string} label */
    const chip = (group, value, label) => {
      const on = f[group] === value;
      const button = el('button', { type: 'button', class: 'chip', 'aria-pressed': String(on), 'data-chip': `${group}:${value}` },
        label, ' ', el('span', { class: 'chip-count' }, count(`${group}:${value}`)));
      button.addEventListener('click', () => actions.setFilters({ [group]: on ? null : value }));
      return button;
    };
    const attention = el('button', { type: 'button', class: 'chip chip-attention', 'aria-pressed': String(f.attention), 'data-chip': 'attention' },
      `⚠ ${t('filter.attention')}`, ' ', el('span', { class: 'chip-count' }, count('attention')));
    attention.addEventListener('click', () => actions.setFilters({ attention: !f.attention }));
    /** @param {string} label @param {...HTMLElement} buttons */
    const group = (label, ...buttons) => el('div', { class: 'chip-group', role: 'group', 'aria-label': label }, el('span', { class: 'chip-label', 'aria-hidden': 'true' }, label), ...buttons);
    /** @param {import('../view.js').ReviewFilter} value */
    const reviewChip = (value) => chip('review', value, t(`review.filter.${value}`));
    // Without history, only "updated in the last 7 days" can be told (from the platform's dates).
    const reviewChips = state.review ? REVIEW_FILTERS : REVIEW_FILTERS.filter((value) => value === 'recent');
    const groups = [
      group(t('filter.review'), ...reviewChips.map(reviewChip)),
      group(t('card.status'), chip('status', 'active', t('status.active')), chip('status', 'inactive', t('status.inactive')), chip('status', 'other', t('filter.other'))),
      group(t('card.mode'), chip('mode', 'pipeline', t('mode.pipeline')), chip('mode', 'multimodal', t('mode.multimodal')), chip('mode', 'other', t('filter.other'))),
      group(t('card.webhook'), chip('webhook', 'on', t('card.webhookOn')), chip('webhook', 'off', t('card.webhookOff'))),
      group(t('filter.checks'), attention),
    ];
    if (state.rules) groups.push(group(t('rules.heading'), ...ruleChips()));
    ui.chips.replaceChildren(...groups);
    /** The rules chips: any rule failed, then each rule some assistant fails. */
    function ruleChips() {
      const rules = /** @type {import('../ipc').ListRules} */ (state.rules);
      const names = ['any', ...rules.rules.filter((name) => (counts?.[`rule:${name}`] ?? 0) > 0 || f.rule === name)];
      return names.map((name) => chip('rule', name, name === 'any' ? t('rules.failsAny') : ruleName(name, rules.settings)));
    }
  }

  ui.refresh.addEventListener('click', () => void actions.load());
  mountSignOut(ui.signOut);
  ui.accountSwitcher.addEventListener('change', () => {
    const id = ui.accountSwitcher.value;
    if (id === ADD_ACCOUNT) {
      ui.accountSwitcher.value = state.roster?.account.id ?? SAMPLE_ID;
      actions.showWelcome({ adding: true });
    } else if (id === SAMPLE_ID) {
      void actions.openSample();
    } else {
      void actions.switchAccount(id);
    }
  });
  ui.search.addEventListener('input', async () => {
    const start = performance.now();
    await actions.search(ui.search.value);
    // For scripts/bench.sh: the keystroke to the cards in the DOM, and to the next frame.
    performance.measure('search-to-dom', { start });
    requestAnimationFrame(() => performance.measure('search-to-paint', { start }));
  });
  ui.sort.addEventListener('change', () => actions.setFilters({ sort: /** @type {import('../view.js').SortKey} */ (ui.sort.value), reverse: false }));
  ui.reverse.addEventListener('click', () => actions.setFilters({ reverse: !state.filters.reverse }));
  ui.layoutCards.addEventListener('click', () => actions.setFilters({ layout: 'cards' }));
  ui.layoutTable.addEventListener('click', () => actions.setFilters({ layout: 'table' }));
  byId('clear-filters').addEventListener('click', () => {
    actions.setFilters({ status: null, mode: null, webhook: null, attention: false, review: null, rule: null });
    ui.search.value = '';
    void actions.search('');
    ui.search.focus();
  });
  byId('export-xlsx').addEventListener('click', () => void actions.exportList('xlsx', shown.map((e) => e.position)));
  byId('export-csv').addEventListener('click', () => void actions.exportList('csv', shown.map((e) => e.position)));
  byId('export-json').addEventListener('click', () => void actions.exportList('json', shown.map((e) => e.position)));
  byId('export-html').addEventListener('click', () => void actions.exportList('html', shown.map((e) => e.position)));
  wireDetail(ui.detail);
  ui.detail.addEventListener('close', () => grid().focusIndex(grid().current));

  document.addEventListener('keydown', (event) => {
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement;
    const mod = event.ctrlKey || event.metaKey;
    if (state.screen === 'list' && !ui.detail.open && ((event.key === '/' && !typing) || (event.key.toLowerCase() === 'f' && mod))) {
      event.preventDefault();
      ui.search.focus();
      ui.search.select();
    } else if (event.key === 'Escape' && event.target === ui.search && ui.search.value) {
      ui.search.value = '';
      void actions.search('');
    } else if (event.key === 'ArrowDown' && event.target === ui.search && shown.length) {
      event.preventDefault();
      grid().focusIndex(0);
    }
  });

  // Clocks and "3 minutes ago" stay true while the window is open.
  setInterval(() => {
    tickTimes(ui.cards);
    tickTimes(ui.tableRows);
    showFetchedAt();
  }, TICK_MS);
}
