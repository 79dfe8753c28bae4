// While a list is fetched: how much of it has arrived, and a way out ("Stop loading"). The
// component owns its element and its polling timer: it asks Rust a few times a second while
// `active()` holds, and stops asking when it no longer does.

import * as backend from '../backend.js';
import { el } from '../dom.js';
import { currentLanguage, t } from '../i18n.js';
import { state, watch } from '../store.js';

/** How often the amount received is asked for, in ms. */
const EVERY_MS = 300;

/**
 * @param {HTMLElement} box where the line and the button go
 * @param {() => boolean} active whether a fetch shown here is under way
 */
export function mountLoadProgress(box, active) {
  let timer = 0;
  /** @type {HTMLElement | null} */
  let line = null;

  const ask = async () => {
    try {
      const { received, expected } = await backend.loadProgress();
      if (line) line.textContent = progressText(received, expected);
    } catch {
      // The line keeps its last words; the fetch itself says if something is wrong.
    }
  };

  watch(['busy', 'connecting', 'screen', 'language'], () => {
    clearInterval(timer);
    if (!active()) {
      box.replaceChildren();
      line = null;
      return;
    }
    line = el('p', { class: 'muted progress-line' }, t('load.waiting'));
    const stop = el('button', { type: 'button', class: 'stop-loading' }, t('load.stop'));
    stop.addEventListener('click', () => {
      stop.disabled = true;
      void backend.stopLoading();
    });
    box.replaceChildren(line, stop);
    timer = window.setInterval(() => void ask(), EVERY_MS);
    void ask();
  });
}

/**
 * "2.4 MB received", or "2.4 of 25 MB received" when the platform said the size.
 * @param {number} received @param {number | null} expected
 */
export function progressText(received, expected) {
  if (received === 0) return t('load.waiting');
  const size = (/** @type {number} */ bytes) => {
    const mb = bytes >= 1e6;
    return new Intl.NumberFormat(currentLanguage(), {
      style: 'unit',
      unit: mb ? 'megabyte' : 'kilobyte',
      maximumFractionDigits: mb ? 1 : 0,
    }).format(mb ? bytes / 1e6 : Math.max(1, Math.round(bytes / 1e3)));
  };
  return expected ? t('load.receivedOf', { size: size(received), total: size(expected) }) : t('load.received', { size: size(received) });
}
