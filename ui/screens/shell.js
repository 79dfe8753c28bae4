// The frame around the screens: which screen shows, the static words in the chosen language and
// direction, the language switch, the busy state, and Refresh from the keyboard or the menu.

import * as actions from '../actions.js';
import * as backend from '../backend.js';
import { byId, el } from '../dom.js';
import { LANGUAGES, currentLanguage, pageDirection, setLanguage, t } from '../i18n.js';
import { state, update, watch } from '../store.js';
import { mountLoadProgress } from '../components/load-progress.js';
import { openDiagnostics } from '../components/diagnostics.js';
import { restoreZoom, zoom } from '../zoom.js';

/** The help and the check for updates, loaded when first asked for: nothing of them is needed
 * for the first paint. */
const openHelp = () => import('../components/help.js').then((help) => help.openHelp());
const checkForUpdates = () => import('../components/updates.js').then((updates) => updates.checkForUpdates());

export function mountShell() {
  const welcome = byId('welcome');
  const loading = byId('loading');
  const list = byId('list');
  const problem = byId('problem');
  const accountBar = byId('account-bar');
  const language = /** @type {HTMLSelectElement} */ (byId('language'));
  const busyControls = ['refresh', 'connect', 'open-sample', 'account-switcher'].map(
    (id) => /** @type {HTMLButtonElement | HTMLSelectElement} */ (byId(id)),
  );

  language.replaceChildren(...LANGUAGES.map(({ code, name }) => el('option', { value: code, lang: code }, name)));
  language.addEventListener('change', () => {
    // The words of a language not used yet are loaded first; should that fail, the choice
    // shows the language the page stays in.
    setLanguage(language.value).then(
      () => update({ language: currentLanguage() }),
      () => (language.value = currentLanguage()),
    );
  });

  watch(['language'], () => {
    document.documentElement.lang = currentLanguage();
    document.documentElement.dir = pageDirection();
    document.title = t('app.title');
    for (const node of document.querySelectorAll('[data-i18n]')) {
      node.textContent = t(node.getAttribute('data-i18n') ?? '');
    }
    for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
      node.setAttribute('placeholder', t(node.getAttribute('data-i18n-placeholder') ?? ''));
    }
    for (const node of document.querySelectorAll('[data-i18n-title]')) {
      node.setAttribute('title', t(node.getAttribute('data-i18n-title') ?? ''));
    }
    language.value = currentLanguage();
    language.setAttribute('aria-label', t('lang.label'));
    // The menu, the Save dialog and exports are Rust's: they follow the page's language.
    void backend.setLanguage(currentLanguage()).catch(() => {});
  });

  watch(['screen', 'problem', 'roster'], () => {
    const { screen } = state;
    welcome.hidden = screen !== 'welcome';
    loading.hidden = screen !== 'loading';
    list.hidden = screen !== 'list';
    problem.hidden = screen !== 'problem' && !(screen === 'list' && state.problem);
    accountBar.hidden = !(state.roster && (screen === 'list' || screen === 'problem'));
    document.body.dataset.screen = screen;
  });

  mountLoadProgress(byId('load-progress'), () => state.screen === 'loading' && state.busy);

  watch(['busy'], () => {
    for (const control of busyControls) control.disabled = state.busy;
    document.body.setAttribute('aria-busy', String(state.busy));
  });

  const refreshable = () => state.roster !== null && !state.roster.account.sample;
  restoreZoom();
  document.addEventListener('keydown', (event) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && ['+', '=', '-', '0'].includes(event.key)) {
      // The text size, not the webview's own zoom (which the cards' layout would not follow).
      event.preventDefault();
      zoom(event.key === '0' ? 0 : event.key === '-' ? -1 : 1);
    }
    if (event.key === 'F1') {
      event.preventDefault();
      void openHelp();
    }
    if (((event.key === 'r' || event.key === 'R') && mod) || event.key === 'F5') {
      // The webview would reload the page; a refresh of the data is what is meant.
      event.preventDefault();
      if (refreshable()) void actions.load();
    }
  });
  byId('help-open').addEventListener('click', () => void openHelp());
  // View > Refresh, Help > Assistant Roster Help and Copy Diagnostic Information in the native menu.
  void window.__TAURI__?.event?.listen('menu', (event) => {
    if (event.payload === 'refresh' && refreshable()) void actions.load();
    if (event.payload === 'diagnostics') void openDiagnostics();
    if (event.payload === 'help') void openHelp();
    if (event.payload === 'check-updates') void checkForUpdates();
    if (event.payload === 'zoom-in') zoom(1);
    if (event.payload === 'zoom-out') zoom(-1);
    if (event.payload === 'zoom-reset') zoom(0);
  });
}
