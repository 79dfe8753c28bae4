// A windowed grid: only the rows in view (and a few around them) exist in the DOM, so 50,000
// assistants scroll as smoothly as 50. The cards and the table's rows are both laid out here:
// items have a fixed height; the cards' columns follow the width, the table has one.
// Sizes are in the root font's size (rem), as the items' CSS heights are: a larger text size (the
// app's zoom, the system's) makes them taller and wider together, so nothing in them is cut.
// Keyboard: one item is in the tab order (roving tabindex); arrows, Home and End move between
// items, Enter opens one.

import { painted } from '../dom.js';

/**
 * How a grid lays out its items: the least width (one column when null), the height (as in
 * styles.css) and the gap, in rem; whether Left and Right move (across columns); how an item
 * tells assistive technology its place; and what sticks over the top of the page.
 * @typedef {{
 *   minWidthRem: number | null, heightRem: number, gapRem: number, sideways: boolean,
 *   place: (item: HTMLElement, index: number, count: number) => void, covered: () => number,
 * }} Layout
 */

/** What sticks over the top of the page: the top bar. */
export const topBarHeight = () => document.querySelector('.topbar')?.getBoundingClientRect().height ?? 0;

/** The cards: 320 px least width, 286 px high and 16 px apart at the normal 15 px. @type {Layout} */
export const CARDS = {
  minWidthRem: 21.3333,
  heightRem: 19.0667,
  gapRem: 1.0667,
  sideways: true,
  place: (card, index, count) => {
    setAttributeIfNew(card, 'aria-posinset', String(index + 1));
    setAttributeIfNew(card, 'aria-setsize', String(count));
  },
  covered: topBarHeight,
};

/** Rows made beyond those in view, so a scroll finds them ready. */
const OVERSCAN_ROWS = 2;

/**
 * Sets `object[key]` (a style or dataset property) to `value` unless it already is.
 * @template {object} T @param {T} object @param {keyof T & string} key @param {string} value
 */
function setIfNew(object, key, value) {
  if (/** @type {Record<string, unknown>} */ (object)[key] !== value) /** @type {Record<string, unknown>} */ (object)[key] = value;
}

/** Sets an attribute unless it already has `value`. @param {Element} node @param {string} name @param {string} value */
export function setAttributeIfNew(node, name, value) {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** The root font size in px, which rem stands for. */
const remPx = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

export class WindowedGrid {
  /**
   * @param {HTMLElement} scroller the element that scrolls
   * @param {HTMLElement} host the grid's own element inside it
   * @param {(index: number) => HTMLElement} makeCard builds the item `index`
   * @param {(index: number) => void} onOpen Enter or click on an item
   * @param {Layout} [layout] the cards' unless given
   */
  constructor(scroller, host, makeCard, onOpen, layout = CARDS) {
    this.scroller = scroller;
    this.host = host;
    this.makeCard = makeCard;
    this.onOpen = onOpen;
    this.layout = layout;
    this.count = 0;
    this.columns = 1;
    this.current = 0;
    /** @type {Map<number, HTMLElement>} */
    this.rendered = new Map();
    this.frame = 0;
    // The page itself scrolls: its scroll events arrive on window.
    const events = scroller === document.scrollingElement ? window : scroller;
    events.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(host);
    // A new text size (zoom) changes what rem is without changing the host's width.
    window.addEventListener('resize', () => this.schedule());
    host.addEventListener('keydown', (event) => this.onKey(event));
    host.addEventListener('click', (event) => {
      const card = /** @type {HTMLElement | null} */ ((/** @type {HTMLElement} */ (event.target)).closest('[data-index]'));
      if (card && !(/** @type {HTMLElement} */ (event.target)).closest('button, a, time')) {
        this.current = Number(card.dataset.index);
        this.onOpen(this.current);
      }
    });
  }

  /**
   * Shows `count` items from the top; keeps the scroll position when `keepScroll`. Every item in
   * view is asked for again; one that `makeCard` serves as it was stays where it is in the DOM
   * (moved if its place changed), so an unchanged card costs the next frame nothing to paint.
   * `lean`: only the rows in view are made now, the rows around them once this is painted (a
   * first screen's cold start styles and lays out half as many cards before its first frame).
   * @param {number} count @param {boolean} [keepScroll] @param {boolean} [lean]
   */
  setItems(count, keepScroll = false, lean = false) {
    // A grid that shows nothing and stays empty (the layout not in use) has nothing to measure:
    // measuring would make the browser lay out the page before the cards are in it.
    if (count === 0 && this.count === 0 && this.rendered.size === 0) return;
    // The cards are made anew (new review marks, a new list of the same account): a card that
    // had the focus gives it to its successor, so the keyboard user stays where they were.
    const focused = this.host.contains(document.activeElement) && document.activeElement !== this.host;
    this.count = count;
    this.current = Math.min(this.current, Math.max(0, count - 1));
    const before = [...this.rendered.values()];
    this.rendered.clear();
    if (!keepScroll) this.scroller.scrollTop = 0;
    this.render(lean ? 0 : OVERSCAN_ROWS);
    if (lean) void painted().then(() => this.schedule());
    const served = new Set(this.rendered.values());
    for (const node of before) if (!served.has(node)) node.remove();
    if (focused && keepScroll) {
      const successor = this.rendered.get(this.current);
      if (successor && successor !== document.activeElement) successor.focus({ preventScroll: true });
    }
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** The sizes of now, in px: the gap, the least item width (null: one column) and a row's height. */
  sizes() {
    const rem = remPx();
    const { minWidthRem, heightRem, gapRem } = this.layout;
    const gap = gapRem * rem;
    return { gap, minWidth: minWidthRem === null ? null : minWidthRem * rem, rowHeight: heightRem * rem + gap };
  }

  /** Makes the items in view and `overscan` rows around them; drops the others. */
  render(overscan = OVERSCAN_ROWS) {
    const { gap, minWidth, rowHeight } = this.sizes();
    const width = this.host.clientWidth || this.scroller.clientWidth;
    this.columns = minWidth === null ? 1 : Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
    const rows = Math.ceil(this.count / this.columns);
    this.host.style.height = `${Math.max(0, rows * rowHeight - gap)}px`;
    const cardWidth = (width - gap * (this.columns - 1)) / this.columns;
    const top = Math.max(0, this.scroller.scrollTop - this.host.offsetTop);
    const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
    const viewport = this.scroller === document.scrollingElement ? window.innerHeight : this.scroller.clientHeight;
    const last = Math.min(rows - 1, Math.ceil((top + viewport) / rowHeight) + overscan);
    const wanted = new Set();
    for (let row = first; row <= last; row++) {
      for (let col = 0; col < this.columns; col++) {
        const index = row * this.columns + col;
        if (index >= this.count) break;
        wanted.add(index);
        let card = this.rendered.get(index);
        if (!card) {
          card = this.makeCard(index);
          // A card served again keeps what it had; only what differs is written (a write, even
          // of the same value, can make the browser lay it out and paint it again).
          setIfNew(card.dataset, 'index', String(index));
          this.layout.place(card, index, this.count);
          this.rendered.set(index, card);
          if (card.parentNode !== this.host) this.host.append(card);
        }
        const tabIndex = index === this.current ? 0 : -1;
        if (card.tabIndex !== tabIndex) card.tabIndex = tabIndex;
        setIfNew(card.style, 'top', `${row * rowHeight}px`);
        setIfNew(card.style, 'insetInlineStart', `${col * (cardWidth + gap)}px`);
        setIfNew(card.style, 'width', `${cardWidth}px`);
      }
    }
    for (const [index, card] of this.rendered) {
      // The focused card stays even out of view, so focus is never lost while scrolling.
      if (!wanted.has(index) && card !== document.activeElement) {
        card.remove();
        this.rendered.delete(index);
      }
    }
  }

  /** Moves to card `index`, scrolling it into view, and focuses it. @param {number} index */
  focusIndex(index) {
    if (this.count === 0) return;
    this.current = Math.max(0, Math.min(this.count - 1, index));
    const { rowHeight } = this.sizes();
    const row = Math.floor(this.current / this.columns);
    const top = this.host.offsetTop + row * rowHeight;
    const viewport = this.scroller === document.scrollingElement ? window.innerHeight : this.scroller.clientHeight;
    // The sticky top bar (and the table's head) cover the top of the page: keep the item below.
    const covered = this.layout.covered();
    if (top - covered < this.scroller.scrollTop) this.scroller.scrollTop = top - covered;
    else if (top + rowHeight > this.scroller.scrollTop + viewport) {
      this.scroller.scrollTop = top + rowHeight - viewport;
    }
    this.render();
    this.rendered.get(this.current)?.focus();
  }

  /** @param {KeyboardEvent} event */
  onKey(event) {
    const card = /** @type {HTMLElement} */ (event.target);
    if (!card.matches('[data-index]')) return;
    const index = Number(card.dataset.index);
    const rtl = document.documentElement.dir === 'rtl';
    const sideways = this.layout.sideways ? 1 : 0;
    /** @type {Record<string, number>} */
    const moves = {
      ArrowRight: (rtl ? -1 : 1) * sideways,
      ArrowLeft: (rtl ? 1 : -1) * sideways,
      ArrowDown: this.columns,
      ArrowUp: -this.columns,
      Home: -index,
      End: this.count - 1 - index,
      PageDown: this.columns * 3,
      PageUp: -this.columns * 3,
    };
    if (event.key in moves) {
      event.preventDefault();
      this.focusIndex(index + moves[event.key]);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.current = index;
      this.onOpen(index);
    }
  }
}
