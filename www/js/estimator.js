// The calculator itself, shared by the page (app.js) and the widget (widget.js): it owns
// the state, recomputes on every change (the engine is synchronous and takes about a
// millisecond), and renders into its own element, never touching the rest of the document.
import { h, uid, fill, patch } from './dom.js';
import { t, pick, describe, fieldLabel, colon } from './i18n.js';
import { Form } from './form.js';
import { renderTotal, renderBreakdown } from './result.js';
import { renderCompare, rankRegions } from './compare.js';
import { toRequest, toHash, todayCN } from './state.js';
import { base } from './data.js';
import { ReformPanel } from './reform.js';
import { renderChecklist } from './checklist.js';
import { AdvicePanel } from './advice.js';

/** Above this many achievements, the breakdown and comparison wait for a pause in typing. */
const LONG_LIST = 20;
const REST_DELAY = 150; // ms

export class Estimator {
  /**
   * opts: mode 'page' | 'widget'; lockRegion, hideCompare (widget attributes);
   * onState(state) after every change (the page mirrors it into the URL).
   */
  constructor(ctx, state, opts = {}) {
    this.ctx = ctx;
    this.state = state;
    this.opts = opts;
    this.expanded = new Set();
    this.memo = {}; // the breakdown's line elements, kept between renders
    this.lastResult = null;
    this.firstShown = false;
    const a = {
      setRegion: (region) => this.update({ region }),
      setAsOf: (as_of) => this.update({ as_of }),
      add: (kind) => this.add(kind),
      remove: (i) => this.remove(i),
      setField: (i, name, value) => {
        const next = { ...this.state.achievements[i] };
        if (value === undefined) delete next[name]; else next[name] = value;
        this.update({ achievements: this.state.achievements.map((x, j) => (j === i ? next : x)) });
      },
    };
    this.form = new Form(ctx, a, { lockRegion: opts.lockRegion });
    this.build();
  }

  build() {
    const page = this.opts.mode !== 'widget';
    this.langButton = h('button', { type: 'button', class: 'lp-button', onclick: () => this.update({ lang: this.state.lang === 'zh' ? 'en' : 'zh' }) });
    this.shareButton = page ? h('button', { type: 'button', class: 'lp-button', 'aria-expanded': 'false', onclick: () => this.toggleShare() }) : null;
    this.printButton = page ? h('button', { type: 'button', class: 'lp-button', onclick: () => window.print() }) : null;
    this.openFull = page ? null : h('a', { class: 'lp-button', target: '_blank', rel: 'noopener' });
    const shareId = uid('share');
    this.shareLabel = h('label', { for: shareId });
    this.shareInput = h('input', { id: shareId, type: 'url', readOnly: true, class: 'lp-share-url', onfocus: () => this.shareInput.select() });
    this.copyButton = h('button', { type: 'button', class: 'lp-button lp-primary', onclick: () => this.copy() });
    this.shareHint = h('p', { class: 'lp-hint', role: 'status' });
    this.sharePanel = h('div', { class: 'lp-share', hidden: true }, this.shareLabel, h('div', { class: 'lp-share-row' }, this.shareInput, this.copyButton), this.shareHint);
    this.notice = h('p', { class: 'lp-notice', role: 'status', hidden: true });

    // Results: a live total (announced politely), the breakdown, and the comparison.
    this.reportHead = h('div', { class: 'lp-report-head' });
    this.errorBox = h('div', { class: 'lp-error', role: 'alert', hidden: true });
    this.totalBox = h('div', { class: 'lp-total-box', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.breakdown = h('div', { class: 'lp-breakdown' });
    this.compareBox = h('div', { class: 'lp-compare' });
    // Under the estimate, on the page: what to hand in for each paying text, and printed with it.
    this.checklistBox = page ? h('section', { class: 'lp-section lp-checklist' }) : null;
    this.checklists = { ready: false, failed: null, loading: null };
    // The what-if panel: on the page, under the breakdown.
    this.reformPanel = page ? new ReformPanel(this.ctx, () => this.recompute()) : null;
    // What to add next: on the page, between the breakdown and the what-if panel.
    this.advicePanel = page ? new AdvicePanel(this.ctx, (a) => this.append(a)) : null;
    const estId = uid('tab');
    const cmpId = uid('tab');
    this.panelEstimate = h('div', { role: 'tabpanel', id: `${estId}-panel`, 'aria-labelledby': estId }, this.errorBox, this.totalBox, this.breakdown, this.checklistBox, this.advicePanel?.el, this.reformPanel?.el);
    this.panelCompare = h('div', { role: 'tabpanel', id: `${cmpId}-panel`, 'aria-labelledby': cmpId, hidden: true }, this.compareBox);
    const tab = (id, view) => h('button', {
      type: 'button', role: 'tab', id, class: 'lp-tab', 'aria-controls': `${id}-panel`,
      onclick: () => this.update({ view }),
      onkeydown: (e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        this.update({ view: view === 'estimate' ? 'compare' : 'estimate' });
        (view === 'estimate' ? this.tabCompare : this.tabEstimate).focus();
      },
    });
    this.tabEstimate = tab(estId, 'estimate');
    this.tabCompare = tab(cmpId, 'compare');
    this.tabs = this.opts.hideCompare ? null : h('div', { class: 'lp-tabs', role: 'tablist' }, this.tabEstimate, this.tabCompare);
    this.footer = h('footer', { class: 'lp-foot' });
    this.results = h('section', { class: 'lp-results' }, this.reportHead, this.tabs, this.panelEstimate, this.opts.hideCompare ? null : this.panelCompare, this.footer);

    this.el = h('div', { class: ['lp', page ? 'lp-page' : 'lp-widget'] },
      h('div', { class: 'lp-toolbar' }, this.langButton, this.shareButton, this.printButton, this.openFull),
      this.sharePanel, this.notice,
      h('div', { class: 'lp-columns' }, this.form.el, this.results));
    if (typeof ResizeObserver === 'function') {
      let width = 0;
      new ResizeObserver(() => {
        const w = this.compareBox.clientWidth;
        if (this.state.view === 'compare' && Math.abs(w - width) > 8) { width = w; this.drawCompare(); }
      }).observe(this.compareBox);
    }
  }

  /**
   * Replaces the whole state (a restored link); `problems` (from fromHash) says what of
   * it was dropped. `noticeKey`: linkInvalid (the page) or widgetInvalid (attributes).
   */
  load(state, problems = [], noticeKey = 'linkInvalid') {
    this.state = state;
    this.form.shape = null;
    this.setNotice(problems.length ? { key: noticeKey, problems } : null);
    this.recompute();
  }

  setNotice(notice) {
    this.noticeState = notice;
    this.notice.hidden = !notice;
    this.notice.textContent = notice ? this.noticeText(notice) : '';
  }

  /** "Part of the link was invalid…: Claim date “2022-02-30”: not a calendar date; …" */
  noticeText({ key, problems }) {
    const { lang } = this.state;
    const c = colon(lang);
    const shown = problems.slice(0, 4).map((p) => {
      const value = p.value === undefined ? '' : lang === 'en' ? ` "${p.value}"` : `“${p.value}”`;
      return `${this.fieldName(p.field)}${value}${c}${t(`why.${p.why}`, lang)}`;
    });
    if (problems.length > 4) shown.push(t('moreProblems', lang, { n: problems.length - 4 }));
    return `${t(key, lang)} ${shown.join(lang === 'en' ? '; ' : '；')}`;
  }

  /** A field path as the form labels it: `achievements[0].level` → "Item 1 · Level". */
  fieldName(field) {
    const { lang, achievements } = this.state;
    const kinds = this.ctx.kinds;
    const top = { as_of: 'asOf', region: 'region', lang: 'lang', achievements: 'achievements', request: 'request' };
    if (top[field]) return t(top[field], lang);
    const m = /^achievements\[(\d+)\](?:\.(.+))?$/.exec(field ?? '');
    if (!m) return field;
    const item = t('item', lang, { n: Number(m[1]) + 1 });
    if (!m[2]) return item;
    const kind = kinds.byId.get(achievements[Number(m[1])]?.kind);
    const def = kind?.fields.find((f) => f.name === m[2]) ?? kinds.common.find((f) => f.name === m[2]);
    return `${item} · ${def ? fieldLabel(kinds, def, lang) : m[2]}`;
  }

  update(change) {
    this.state = { ...this.state, ...change };
    this.recompute();
  }

  /** A new item of a kind, prefilled with the values of the region's first rule for it, so it pays at once. */
  add(kindId) {
    const kind = this.ctx.kinds.byId.get(kindId);
    if (!kind) return;
    const rule = this.ctx.explain(this.state.region, 'zh').policies.flatMap((p) => p.rules).find((r) => r.kind === kindId);
    const a = { kind: kindId };
    for (const f of kind.fields.filter((x) => x.required && x.type === 'enum')) {
      let v = rule?.conditions?.[f.name];
      if (Array.isArray(v)) v = v[0];
      a[f.name] = f.values.includes(v) ? v : f.values[0];
    }
    a.count = 1;
    this.update({ achievements: [...this.state.achievements, a] });
    this.form.focusCard(this.state.achievements.length - 1);
  }

  /** An item as the engine wrote it (the advice's candidate), appended to the list. */
  append(achievement) {
    this.update({ achievements: [...this.state.achievements, { ...achievement }] });
    this.form.focusCard(this.state.achievements.length - 1);
  }

  remove(i) {
    this.update({ achievements: this.state.achievements.filter((_, j) => j !== i) });
    this.form.focusCard(Math.min(i, this.state.achievements.length - 1));
  }

  shareUrl() {
    const page = this.opts.mode !== 'widget' ? new URL(location.href) : new URL('./', base);
    page.hash = toHash(this.state);
    return page.href;
  }

  toggleShare() {
    const open = this.sharePanel.hidden;
    this.sharePanel.hidden = !open;
    this.shareButton.setAttribute('aria-expanded', String(open));
    this.shareInput.value = this.shareUrl();
    this.shareHint.textContent = t('shareHint', this.state.lang);
    if (open) this.shareInput.focus();
  }

  async copy() {
    this.shareInput.value = this.shareUrl();
    try {
      await navigator.clipboard.writeText(this.shareInput.value);
      this.shareHint.textContent = t('copied', this.state.lang);
    } catch {
      this.shareInput.select(); // no clipboard permission: leave it selected for Ctrl+C
    }
  }

  /** Any error on the way (the engine's or ours) is shown, never a blank page. */
  recompute() {
    try {
      this.compute();
    } catch (e) {
      this.showError(e);
    }
  }

  showError(e) {
    this.errorBox.hidden = false;
    fill(this.errorBox, h('strong', { text: `${t('error', this.state.lang)}${colon(this.state.lang)}` }), this.errorText(e).text);
  }

  compute() {
    const t0 = performance.now();
    const { state, ctx } = this;
    const { lang } = state;
    const docLang = lang === 'en' ? 'en' : 'zh-CN';
    if (this.el.lang !== docLang) this.el.lang = docLang;
    // A day the engine refuses (a widget attribute, a state from elsewhere): the form
    // shows today's policies, and the error names the date.
    let regions;
    let error = null;
    try { regions = ctx.regions(state.as_of, lang); } catch (e) { error = e; regions = ctx.regions(undefined, lang); }
    this.form.render(state, regions);
    const region = this.form.region;
    let result = null;
    // No achievements is a valid request (a total of 0, with the region's warnings).
    if (!error) {
      try { result = ctx.lingpao.estimate(toRequest(state)); } catch (e) { error = e; }
    }
    const msg = error && this.errorText(error);
    this.form.markInvalid(error?.field, msg?.text);
    this.renderChrome(region);
    this.errorBox.hidden = !error;
    const c = colon(lang);
    if (error) fill(this.errorBox, h('strong', { text: `${t('error', lang)}${c}` }), msg.name ? `${msg.name}${c}${msg.text}` : msg.text);
    // On an input error the last good result stays, dimmed, until the input is fixed.
    const shown = error ? this.lastResult : result;
    if (!error) this.lastResult = result;
    this.panelEstimate.classList.toggle('lp-stale', !!error);
    const view = {
      ctx, state, lang, region, expanded: this.expanded, memo: this.memo,
      titles: new Map(region.policies.map((p) => [p.id, p.title])),
    };
    fill(this.totalBox, ...renderTotal(lang, shown, region, state.as_of));
    // The breakdown, the print report and the comparison (19 regions) of a long list
    // follow a moment after the last keystroke, in one task: each keystroke then costs
    // the estimate and the total only (tests/browser/hostile.test.mjs measures both).
    const compare = state.view === 'compare' && !this.opts.hideCompare;
    const rest = () => {
      const t1 = performance.now();
      // The hidden breakdown waits for its tab (switching tabs recomputes).
      if (!compare) patch(this.breakdown, renderBreakdown(view, shown));
      if (!compare && !error && this.advicePanel) this.advicePanel.render(view, toRequest(state));
      if (!compare && !error && this.reformPanel) this.reformPanel.render(view, toRequest(state));
      if (!compare && !error && this.checklistBox) this.renderChecklists(view, shown);
      this.renderReport(region, shown);
      if (compare) this.renderCompareView();
      performance.measure('lp-rest', { start: t1, end: performance.now() });
    };
    clearTimeout(this.restTimer);
    if (state.achievements.length > LONG_LIST) {
      this.restTimer = setTimeout(() => { try { rest(); } catch (e) { this.showError(e); } }, REST_DELAY);
    } else rest();
    this.opts.onState?.(state);
    performance.measure('lp-recompute', { start: t0, end: performance.now() });
    if (result && !this.firstShown) {
      this.firstShown = true;
      requestAnimationFrame(() => performance.mark('lp-first-estimate'));
    }
  }

  /** An engine error in the page's language: { name of the field as the form labels it, text }. */
  errorText(error) {
    const { lang } = this.state;
    let text = lang === 'en' || !error.message_zh ? String(error.message) : error.message_zh;
    if (error.field && text.startsWith(`${error.field}: `)) text = text.slice(error.field.length + 2);
    return { name: error.field ? this.fieldName(error.field) : undefined, text };
  }

  renderChrome(region) {
    const { lang, view } = this.state;
    this.langButton.textContent = t('switchLang', lang);
    this.langButton.lang = lang === 'zh' ? 'en' : 'zh-CN';
    this.langButton.setAttribute('aria-label', t('switchLangLabel', lang));
    if (this.shareButton) this.shareButton.textContent = t('share', lang);
    if (this.printButton) this.printButton.textContent = t('print', lang);
    if (this.openFull) { this.openFull.textContent = t('openFull', lang); this.openFull.href = this.shareUrl(); }
    this.shareLabel.textContent = t('share', lang);
    this.copyButton.textContent = t('copy', lang);
    if (!this.sharePanel.hidden) this.shareInput.value = this.shareUrl();
    if (this.noticeState) this.notice.textContent = this.noticeText(this.noticeState);
    const compare = view === 'compare' && !this.opts.hideCompare;
    this.tabEstimate.textContent = t('tabEstimate', lang);
    this.tabCompare.textContent = t('tabCompare', lang);
    this.tabEstimate.setAttribute('aria-selected', String(!compare));
    this.tabCompare.setAttribute('aria-selected', String(compare));
    this.tabEstimate.tabIndex = compare ? -1 : 0;
    this.tabCompare.tabIndex = compare ? 0 : -1;
    this.panelEstimate.hidden = compare;
    this.panelCompare.hidden = !compare;
    fill(this.footer,
      h('p', { class: 'lp-disclaimer', text: t('disclaimer', lang) }),
      h('p', { class: 'lp-hint', text: t('dataVersion', lang, { data: this.ctx.version.data, pkg: this.ctx.version.package }) }));
  }

  /** The checklists of the paying texts, loading their data the first time one is shown. */
  renderChecklists(view, result) {
    const c = this.checklists;
    const paying = result?.policies?.some((p) => p.pays);
    let list = null;
    if (paying && !c.ready && !c.loading && !c.failed) {
      c.loading = this.ctx.loadChecklists().then(() => { c.ready = true; }, (e) => { c.failed = e; })
        .finally(() => { c.loading = null; this.recompute(); });
    }
    if (paying && c.ready) list = this.ctx.lingpao.checklist(toRequest(this.state));
    const retry = () => { c.failed = null; this.recompute(); };
    fill(this.checklistBox, ...renderChecklist(view, result, list, c.failed, retry));
    this.checklistBox.hidden = !paying;
  }

  /** Print-only head of the report: what was entered, when, on which data. */
  renderReport(region, result) {
    const { lang, as_of, achievements } = this.state;
    fill(this.reportHead,
      h('h2', { class: 'lp-h2', text: t('reportTitle', lang) }),
      h('p', null, `${t('region', lang)}${colon(lang)}${pick(region.name, lang)} · ${t('asOf', lang)}${colon(lang)}${as_of} · ${t('generatedOn', lang, { date: todayCN() })}`),
      h('h3', { class: 'lp-h3', text: t('reportInputs', lang) }),
      achievements.length
        ? h('ol', null, achievements.map((a) => h('li', { text: describe(this.ctx.kinds, a, lang) })))
        : h('p', { text: t('noAchievements', lang) }),
      result?.policies ? h('p', { class: 'lp-hint', text: result.policies.map((p) => `${lang === 'en' ? p.title : `《${p.title}》`}${colon(lang)}${t(`status.${p.status}`, lang)}`).join(lang === 'en' ? '; ' : '；') }) : null);
  }

  /** Starts ranking the regions (one per task, see rankRegions) and draws them when done. */
  renderCompareView() {
    const { state, ctx } = this;
    const { lang } = state;
    const run = {};
    this.compareRun = run; // a newer run makes this one stop
    if (!state.achievements.length) {
      this.comparison = null;
      fill(this.compareBox, h('p', { class: 'lp-empty', text: t('compareEmpty', lang) }));
      return;
    }
    const ids = ctx.regions(undefined, 'zh').map((r) => r.id);
    rankRegions(ctx.lingpao, toRequest(state), ids, () => this.compareRun === run).then((comparison) => {
      if (!comparison) return;
      this.comparison = comparison;
      this.drawCompare();
    }, (e) => {
      if (this.compareRun !== run) return;
      this.comparison = null;
      fill(this.compareBox, h('p', { class: 'lp-error', text: lang === 'en' ? e.message : (e.message_zh ?? e.message) }));
    });
  }

  drawCompare() {
    const { state } = this;
    if (!this.comparison) return;
    const width = this.compareBox.clientWidth || 600;
    fill(this.compareBox, ...renderCompare({
      lang: state.lang, width, current: state.region,
      onPick: (region) => {
        this.update({ region, view: 'estimate' });
        this.tabEstimate.focus();
      },
    }, this.comparison));
  }
}
