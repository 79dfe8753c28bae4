// The text size of the whole page (View > Zoom In, Zoom Out, Actual Size; Ctrl/Cmd with +, -
// and 0), remembered. Everything is sized in rem, so the layout grows with the text and the
// cards with it (ui/components/grid.js): nothing is cut at 150 % or 200 %.

import { announce } from './dom.js';
import { t } from './i18n.js';

/** The steps, as a share of the normal size. */
const STEPS = [0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];
const STORAGE_KEY = 'assistant-roster.zoom';

let step = STEPS.indexOf(1);

/** Applies the remembered size (at start); the normal size needs nothing done. */
export function restoreZoom() {
  let saved = 1;
  try {
    saved = Number(localStorage.getItem(STORAGE_KEY) ?? 1);
  } catch {
    // Storage off: the normal size.
  }
  const found = STEPS.indexOf(saved);
  if (found !== -1 && found !== step) apply(found, false);
}

/** One step larger (1), smaller (-1), or the normal size (0). @param {-1 | 0 | 1} direction */
export function zoom(direction) {
  const next = direction === 0 ? STEPS.indexOf(1) : Math.min(STEPS.length - 1, Math.max(0, step + direction));
  apply(next, true);
}

/** @param {number} index @param {boolean} say */
function apply(index, say) {
  step = index;
  const share = STEPS[index];
  // The stylesheet's own size (93.75 %, so 15 px at the usual default) times the step.
  document.documentElement.style.fontSize = share === 1 ? '' : `${93.75 * share}%`;
  try {
    localStorage.setItem(STORAGE_KEY, String(share));
  } catch {
    // Storage off: the size lasts for this session.
  }
  // The grid measures in rem: it lays the cards out again.
  window.dispatchEvent(new Event('resize'));
  if (say) announce(t('zoom.level', { percent: Math.round(share * 100) }));
}
