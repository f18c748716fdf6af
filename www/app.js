// The calculator page: loads the engine, restores the state from the URL (#req=… for
// the estimate, #sme=… for the SME tiers), mounts the two views, and mirrors every
// change back into the URL so that the address bar is always a share link. Registers
// the service worker for offline use.
import { loadContext } from './js/data.js';
import { Estimator } from './js/estimator.js';
import { defaultState, fromHash, toHash } from './js/state.js';
import { t } from './js/i18n.js';
import { updateNotice } from './js/update.js';
import { h } from './js/dom.js';
import { scriptURL } from './js/trusted.js';
import { Importer } from './js/import.js';
import { SmeView } from './js/sme.js';

const mount = document.getElementById('app');
const status = document.getElementById('status');
const update = updateNotice();
if (update) document.querySelector('.site-head').append(update);

// The URL follows the state a moment after the last change: browsers throttle
// replaceState when it is called on every keystroke.
let pending = null;
// The hash as this page last read or wrote it. Another one when the timer fires means a
// link came in whose hashchange has not run yet: that link wins, the write is dropped
// (written, it would replace the link before the handler read it).
let known = location.hash;
function writeUrl() {
  if (pending == null) return;
  if (location.hash === known) {
    if (location.hash !== pending) history.replaceState(null, '', pending);
    known = location.hash;
  }
  pending = null;
}
let timer = 0;
let shownLang = null;
let importer = null; // the file import, below the calculator
let view = 'estimate';
let views = null; // { nav, tabs, sme, estimator }
function later(hash) {
  pending = hash;
  clearTimeout(timer);
  timer = setTimeout(writeUrl, 120);
}
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
    views?.setLang(lang);
  }
  if (view === 'estimate') later(toHash(state));
}

/** `#sme=` + the form's values as JSON, then `&lang=en` in English; `#sme` alone opens the view empty. */
const SME_HASH = /^#sme(?:=([^&]*))?(?:&lang=(zh|en))?$/;
function smeValues(hash) {
  try {
    const v = JSON.parse(decodeURIComponent(hash.match(SME_HASH)?.[1] || '{}'));
    return v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) : {};
  } catch {
    return {};
  }
}
const smeLang = (hash) => hash.match(SME_HASH)?.[2];
let smeHash = (values) => `#sme=${encodeURIComponent(JSON.stringify(values))}`;

/** The two views of the page, as tabs: the estimator (with the file import below it), and the SME tiers (built when first opened). */
function makeViews(ctx, estimator, importer) {
  const holder = h('div', { role: 'tabpanel', id: 'view-sme', 'aria-labelledby': 'tab-sme', hidden: true });
  const main = h('div', { role: 'tabpanel', id: 'view-estimate', 'aria-labelledby': 'tab-estimate' }, estimator.el, importer.el);
  let sme = null;
  const lang = () => estimator.state.lang;
  const tab = (id) => h('button', {
    type: 'button', role: 'tab', id: `tab-${id}`, 'aria-controls': `view-${id}`,
    onclick: () => show(id),
    onkeydown: (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const other = id === 'sme' ? 'estimate' : 'sme';
      show(other);
      tabs[other].focus();
    },
  });
  const tabs = { estimate: tab('estimate'), sme: tab('sme') };
  const nav = h('div', { class: 'views', role: 'tablist' }, tabs.estimate, tabs.sme);
  function show(id, values) {
    view = id;
    for (const [k, b] of Object.entries(tabs)) {
      b.setAttribute('aria-selected', String(k === id));
      b.tabIndex = k === id ? 0 : -1;
    }
    main.hidden = id !== 'estimate';
    holder.hidden = id !== 'sme';
    if (id === 'sme') {
      if (!sme) openSme(values);
      else if (values) sme.set(values);
      later(smeHash(sme?.values ?? values ?? {}));
    } else {
      later(toHash(estimator.state));
    }
  }
  // The SME module is a second download (small): a loading line, and a retry if it fails.
  let opening = null;
  function openSme(values) {
    if (opening) return;
    const status = h('p', { class: 'loading', role: 'status', text: t('loading', lang()) });
    holder.replaceChildren(status);
    opening = ctx.loadSme().then(() => {
      sme = new SmeView(ctx, { lang: lang(), values, onChange: (v) => later(smeHash(v)), onLang: (l) => estimator.update({ lang: l }) });
      holder.replaceChildren(sme.el);
    }, (e) => {
      status.textContent = `${t('loadFailed', lang())}${e.message} `;
      status.append(h('button', { type: 'button', class: 'lp-button', text: t('retry', lang()), onclick: () => openSme(values) }));
    }).finally(() => { opening = null; });
  }
  smeHash = (values) => `#sme=${encodeURIComponent(JSON.stringify(values))}${lang() === 'en' ? '&lang=en' : ''}`;
  function setLang(l) {
    if (view === 'sme' && sme) later(smeHash(sme.values));
    tabs.estimate.textContent = t('view.estimate', l);
    tabs.sme.textContent = t('view.sme', l);
    nav.setAttribute('aria-label', t('view.label', l));
    sme?.setLang(l);
  }
  return { nodes: [nav, main, holder], show, setLang };
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
  views = makeViews(ctx, estimator, importer);
  views.setLang(state.lang);
  mount.replaceChildren(...views.nodes);
  estimator.load(state, problems);
  if (SME_HASH.test(location.hash)) {
    if (smeLang(location.hash)) estimator.update({ lang: smeLang(location.hash) });
    views.show('sme', smeValues(location.hash));
  } else {
    views.show('estimate');
  }
  // A link pasted into this tab: our own replaceState never fires hashchange.
  window.addEventListener('hashchange', () => {
    pending = null; // the new link wins over a change not yet written
    known = location.hash;
    if (SME_HASH.test(location.hash)) {
      if (smeLang(location.hash)) estimator.update({ lang: smeLang(location.hash) });
      views.show('sme', smeValues(location.hash));
      return;
    }
    const next = read();
    if (next.present) {
      views.show('estimate');
      estimator.load(next.state, next.problems);
    }
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
