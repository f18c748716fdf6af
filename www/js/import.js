// The file import panel, below the calculator: pick a CSV or JSON Lines file, follow the
// progress, read the totals by region and policy, the distribution of the units' totals
// and the first failures, and download the results as the CLI's CSV. The File goes to a
// Web Worker (import.worker.js) as a handle; this thread reads nothing and computes
// nothing, so the page answers clicks and keys while a file of 100,000 units runs.
import { h, fill, uid } from './dom.js';
import { t, pick, money, moneyFull, groupDigits, colon } from './i18n.js';
import { histogram } from './chart.js';
import { signedMoney } from './reform.js';
import { scriptURL, importWorker } from './trusted.js';

export class Importer {
  constructor(ctx, lang) {
    this.ctx = ctx;
    this.lang = lang;
    this.worker = null;
    this.run = 0; // the id of the current run: messages of an older one are dropped
    this.result = null;
    this.download = null; // the object URL of the last results
    const inputId = uid('file');
    const reformId = uid('reform-file');
    this.reformText = null; // an optional reform (its JSON text), from a file
    this.title = h('h2', { class: 'lp-h2', id: uid('import') });
    this.intro = h('p', { class: 'lp-hint' });
    this.privacy = h('p', { class: 'lp-privacy', 'data-testid': 'import-privacy' });
    this.pickLabel = h('label', { for: inputId, class: 'lp-field-label' });
    this.input = h('input', {
      id: inputId, type: 'file', class: 'lp-file', 'data-testid': 'import-file',
      accept: '.csv,.jsonl,.ndjson,.json,.txt,text/csv,application/jsonl,application/x-ndjson',
      onchange: () => { if (this.input.files[0]) this.start(this.input.files[0]); },
    });
    this.reformLabel = h('label', { for: reformId, class: 'lp-field-label' });
    this.reformInput = h('input', {
      id: reformId, type: 'file', class: 'lp-file', 'data-testid': 'import-reform', accept: '.json,application/json',
      onchange: () => this.pickReform(this.reformInput.files[0]),
    });
    this.reformState = h('p', { class: 'lp-hint', 'data-testid': 'import-reform-state' });
    this.reformClear = h('button', { type: 'button', class: 'lp-button lp-quiet', hidden: true, onclick: () => this.pickReform(null) });
    this.progressText = h('span', { class: 'lp-hint', id: uid('progress'), role: 'status', 'aria-live': 'polite' });
    this.bar = h('progress', { class: 'lp-progress', 'data-testid': 'import-progress', 'aria-labelledby': this.progressText.id });
    this.cancelButton = h('button', { type: 'button', class: 'lp-button', onclick: () => this.cancel() });
    this.progress = h('div', { class: 'lp-import-progress', hidden: true }, this.bar, this.progressText, this.cancelButton);
    this.errorBox = h('div', { class: 'lp-error', role: 'alert', hidden: true, 'data-testid': 'import-error' });
    this.results = h('div', { class: 'lp-import-results', hidden: true, 'data-testid': 'import-results' });
    this.el = h('section', { class: 'lp lp-page lp-import', 'aria-labelledby': this.title.id },
      this.title, this.intro, this.privacy,
      h('div', { class: 'lp-field' }, this.reformLabel, this.reformInput, h('div', { class: 'lp-reform-state' }, this.reformState, this.reformClear)),
      h('div', { class: 'lp-field' }, this.pickLabel, this.input),
      this.progress, this.errorBox, this.results);
    this.setLang(lang);
  }

  setLang(lang) {
    this.lang = lang;
    this.el.lang = lang === 'en' ? 'en' : 'zh-CN';
    this.title.textContent = t('importTitle', lang);
    this.intro.textContent = t('importIntro', lang);
    this.privacy.textContent = t('importPrivacy', lang);
    this.pickLabel.textContent = t('importPick', lang);
    this.reformLabel.textContent = t('importReformPick', lang);
    this.reformClear.textContent = t('importReformClear', lang);
    this.showReform();
    this.cancelButton.textContent = t('importCancel', lang);
    if (this.last) this.showProgress(this.last);
    if (this.failure) this.showError(this.failure);
    if (this.result) this.render();
  }

  /**
   * The reform to compute the next file under: a JSON file (the format of `lingpao batch
   * --reform`, README: Reforms), read here as text; the engine checks it (a bad one is
   * refused with its field named when the file is computed). `null` clears it.
   */
  async pickReform(file) {
    this.reformText = null;
    this.reformName = null;
    if (file) {
      this.reformText = await file.text();
      this.reformName = file.name;
    } else this.reformInput.value = '';
    this.showReform();
    if (this.file && !this.last) this.start(this.file); // the file shown, computed again under it
  }

  showReform() {
    const { lang } = this;
    this.reformClear.hidden = !this.reformText;
    this.reformState.textContent = this.reformText ? t('importReformOn', lang, { name: this.reformName ?? '' }) : t('importReformOff', lang);
  }

  /** A worker, started on the first file: the page's first load pays nothing for it. */
  ensureWorker() {
    if (this.worker) return this.worker;
    const w = new Worker(scriptURL(importWorker), { type: 'module', name: 'lingpao-import' });
    w.addEventListener('message', ({ data }) => this.onMessage(data));
    // A worker that cannot start (a failed fetch, a CSP refusal) or dies: said, never silent.
    const died = (e) => {
      this.stopWorker();
      this.fail({ field: 'worker', message: `${t('importWorkerFailed', 'en')}${e.message ?? 'unknown error'}`, message_zh: `${t('importWorkerFailed', 'zh')}${e.message ?? '未知错误'}` });
    };
    w.addEventListener('error', (e) => { e.preventDefault(); died(e); });
    w.addEventListener('messageerror', died);
    this.worker = w;
    return w;
  }

  stopWorker() {
    this.worker?.terminate();
    this.worker = null;
  }

  start(file) {
    this.run += 1;
    this.result = null;
    this.failure = null;
    this.results.hidden = true;
    this.errorBox.hidden = true;
    this.file = file;
    this.showProgress({ done: 0, total: null });
    this.progress.hidden = false;
    try {
      this.ensureWorker().postMessage({ id: this.run, file, reform: this.reformText });
    } catch (e) {
      this.fail({ field: 'worker', message: String(e.message ?? e), message_zh: String(e.message ?? e) });
    }
  }

  cancel() {
    this.run += 1;
    this.stopWorker(); // a running computation ends at once; the next file starts a new worker
    this.last = null;
    this.progress.hidden = true;
    this.input.value = '';
    this.fail({ field: 'file', message: t('importCancelled', 'en'), message_zh: t('importCancelled', 'zh') });
  }

  onMessage(m) {
    if (m?.id !== this.run) return;
    if (m.type === 'progress') this.showProgress(m);
    else if (m.type === 'done') {
      this.last = null;
      this.progress.hidden = true;
      this.result = m;
      if (this.download) URL.revokeObjectURL(this.download);
      this.download = URL.createObjectURL(m.csv);
      this.render();
    } else if (m.type === 'error') {
      this.stopWorker(); // a failed module is not reused
      this.fail(m.error);
    }
  }

  showProgress(p) {
    this.last = p;
    const { lang } = this;
    if (p.total == null) {
      this.bar.removeAttribute('value'); // indeterminate while the file is first read
      this.progressText.textContent = t('importReading', lang, { name: this.file?.name ?? '' });
      return;
    }
    this.bar.max = Math.max(1, p.total);
    this.bar.value = p.done;
    this.progressText.textContent = t('importProgress', lang, { done: groupDigits(String(p.done)), total: groupDigits(String(p.total)) });
  }

  fail(error) {
    this.last = null;
    this.progress.hidden = true;
    this.showError(error);
  }

  showError(error) {
    this.failure = error;
    const { lang } = this;
    this.errorBox.hidden = false;
    const text = lang === 'en' ? error.message : error.message_zh ?? error.message;
    const cancelled = error.message === t('importCancelled', 'en');
    fill(this.errorBox, cancelled ? null : h('strong', { text: `${t('importFailed', lang)}${colon(lang)}` }),
      !cancelled && error.field && !['file', 'worker'].includes(error.field) ? `${error.field}${colon(lang)}` : null, text);
  }

  render() {
    const { lang } = this;
    const { summary: s, format, ms } = this.result;
    // Under a reform: each sum beside its baseline and the difference (exact, in yuan).
    const both = (total, baseline) => (s.reformed ? [money(baseline, lang), money(total, lang), signedMoney(total, baseline, lang)] : [money(total, lang)]);
    const moneyHead = s.reformed ? [t('reformBaseline', lang), t('reformReform', lang), t('reformDifference', lang)] : [t('importTotal', lang)];
    const c = colon(lang);
    const regions = new Map(this.ctx.regions(undefined, lang).map((r) => [r.id, r]));
    const titles = new Map([...regions.values()].flatMap((r) => r.policies.map((p) => [p.id, p.title])));
    const computed = s.units - s.failed;
    const share = computed ? ((s.upperBound * 100) / computed).toFixed(1) : '0.0'; // a share shown, not money
    const stat = (label, value, testid) => h('div', { class: 'lp-stat' }, h('dt', { text: label }), h('dd', { text: value, 'data-testid': testid }));
    const table = (head, rows) => h('div', { class: 'lp-table-wrap' }, h('table', { class: 'lp-table' },
      h('thead', null, h('tr', null, head.map((x, i) => h('th', { scope: 'col', class: i ? 'lp-num' : null, text: x })))),
      h('tbody', null, rows.map((r) => h('tr', { dataset: { id: r.id } }, r.cells.map((x, i) => h(i ? 'td' : 'th', { scope: i ? null : 'row', class: i ? 'lp-num' : null, text: x })))))));
    fill(this.results,
      h('p', { class: 'lp-hint', text: `${t('importFile', lang, { name: this.file?.name ?? '', format: format === 'csv' ? 'CSV' : 'JSON Lines' })} · ${t('importTime', lang, { s: (ms / 1000).toFixed(1) })}` }),
      h('dl', { class: 'lp-stats' },
        stat(t('importUnits', lang), groupDigits(String(s.units)), 'import-units'),
        stat(t('importFailures', lang), groupDigits(String(s.failed)), 'import-failed'),
        stat(t(s.reformed ? 'importTotalReform' : 'importTotal', lang), moneyFull(s.total, lang), 'import-total'),
        s.reformed ? stat(t('importBaseline', lang), moneyFull(s.baseline, lang), 'import-baseline') : null,
        s.reformed ? stat(t('reformDifference', lang), signedMoney(s.total, s.baseline, lang), 'import-difference') : null,
        stat(t('importUpper', lang), t('importShare', lang, { n: groupDigits(String(s.upperBound)), share }), 'import-upper')),
      h('p', null, h('a', { class: 'lp-button lp-primary', href: this.download, download: `${(this.file?.name ?? 'lingpao').replace(/\.[^.]*$/, '')}-results.csv`, 'data-testid': 'import-download', text: t('importDownload', lang) })),
      s.errors.length ? h('div', { class: 'lp-section' },
        h('h3', { class: 'lp-h3', text: t('importErrorsTitle', lang, { n: s.errors.length }) }),
        h('ul', { class: 'lp-import-errors', 'data-testid': 'import-errors' }, s.errors.map((e) => h('li', null,
          h('strong', { text: `${t('importLine', lang, { n: e.line })} · ${e.field}` }), `${c}${lang === 'en' ? e.message : e.message_zh}`)))) : null,
      h('h3', { class: 'lp-h3', text: t('importByRegion', lang) }),
      table([t('region', lang), t('importUnits', lang), ...moneyHead],
        s.regions.map((r) => ({ id: r.id, cells: [pick(regions.get(r.id)?.name, lang) || r.id, groupDigits(String(r.units)), ...both(r.total, r.baseline)] }))),
      h('h3', { class: 'lp-h3', text: t('importByPolicy', lang) }),
      table([t('importPolicy', lang), ...moneyHead],
        s.policies.map((p) => ({ id: p.id, cells: [titles.get(p.id) ?? p.id, ...both(p.total, p.baseline)] }))),
      h('h3', { class: 'lp-h3', text: t('importHistogram', lang) }),
      this.chartBox = h('div', { class: 'lp-histogram-wrap' }),
      h('p', { class: 'lp-hint', text: t(s.reformed ? 'importHistogramReform' : 'importHistogramNote', lang) }));
    this.results.hidden = false;
    // Drawn for the width it gets, now that the panel is shown.
    fill(this.chartBox, histogram(s.histogram, { lang, chartWidth: Math.min(900, Math.max(300, this.chartBox.clientWidth || 640)) }));
  }
}
