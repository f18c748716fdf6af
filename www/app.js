// The calculator page: loads the engine, restores the state from the URL (#req=…),
// mounts the estimator, and mirrors every change back into the URL so that the
// address bar is always a share link. Registers the service worker for offline use.
import { loadContext } from './js/data.js';
import { Estimator } from './js/estimator.js';
import { defaultState, fromHash, toHash } from './js/state.js';
import { t } from './js/i18n.js';
import { updateNotice } from './js/update.js';
import { h } from './js/dom.js';
import { scriptURL } from './js/trusted.js';
import { Importer } from './js/import.js';

const mount = document.getElementById('app');
const status = document.getElementById('status');
const update = updateNotice();
if (update) document.querySelector('.site-head').append(update);

// The URL follows the state a moment after the last change: browsers throttle
// replaceState when it is called on every keystroke.
let pending = null;
function writeUrl() {
  if (pending == null) return;
  if (location.hash !== pending) history.replaceState(null, '', pending);
  pending = null;
}
let timer = 0;
let shownLang = null;
let importer = null; // the file import, below the calculator
function onState(state) {
  const { lang } = state;
  // Only on a change: setting <html lang> restyles the whole document, even to the same value.
  if (lang !== shownLang) {
    shownLang = lang;
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = t('title', lang);
    document.getElementById('title').textContent = t('title', lang);
    document.getElementById('tagline').textContent = t('tagline', lang);
    update?.setLang(lang);
    importer?.setLang(lang);
  }
  pending = toHash(state);
  clearTimeout(timer);
  timer = setTimeout(writeUrl, 120);
}
window.addEventListener('pagehide', writeUrl);

async function main() {
  let ctx;
  try {
    ctx = await loadContext();
    await new Promise((ok) => setTimeout(ok)); // the engine's start and the first render: two tasks, not one
  } catch (e) {
    // A transient network failure: the retry loads again, without a reload.
    status.textContent = `${t('loadFailed', 'zh')}${e.message} / ${t('loadFailed', 'en')}${e.message} `;
    status.append(h('button', { type: 'button', class: 'lp-button', text: `${t('retry', 'zh')} / ${t('retry', 'en')}`, onclick: () => {
      status.textContent = `${t('loading', 'zh')} / ${t('loading', 'en')}`;
      main();
    } }));
    return;
  }
  const ids = ctx.regions(undefined, 'zh').map((r) => r.id);
  const read = () => fromHash(location.hash, defaultState(ids), ids, ctx.kinds);
  const { state, problems } = read();
  const estimator = new Estimator(ctx, state, { mode: 'page', onState });
  importer = new Importer(ctx, state.lang);
  mount.replaceChildren(estimator.el, importer.el);
  estimator.load(state, problems);
  // A link pasted into this tab: our own replaceState never fires hashchange.
  window.addEventListener('hashchange', () => {
    pending = null; // the new link wins over a change not yet written
    const next = read();
    if (next.present) estimator.load(next.state, next.problems);
  });
  window.addEventListener('beforeprint', () => {
    for (const d of estimator.results.querySelectorAll('details')) d.open = true;
  });
}

function registerWorker() {
  if (!('serviceWorker' in navigator)) return;
  // Trusted Types guard the worker URL too (trusted.js admits the page's own scripts only).
  navigator.serviceWorker.register(scriptURL('sw.js')).catch(() => { /* offline use is a bonus */ });
}

// The worker's install downloads every file of the build: after the first estimate, so it
// does not compete with what that estimate needs.
main().finally(registerWorker);
