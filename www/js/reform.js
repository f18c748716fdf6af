// The "如果金额改为… / If the amounts were…" panel under the result: pick a rule (or a
// cap) of the region's texts, as explain() lists them with the figures a reform may
// change, type a new amount or percentage or switch it off, and see per line and in
// total the result without the change, with it, and the difference. The engine computes
// both (`estimate(request, { reform })`: the reformed lines carry their baseline); money
// stays decimal strings, differences are exact (yuan.js).
import { h, fill, uid } from './dom.js';
import { t, money, colon, describe } from './i18n.js';
import { difference } from './yuan.js';

/** a − b in money words with its sign ("+5 万元", "-6 万元", "0 元"). */
export function signedMoney(a, b, lang) {
  const d = difference(a, b);
  return d === '0' ? money('0', lang) : `${d[0]}${money(d.slice(1), lang)}`;
}

export class ReformPanel {
  /** `recompute()` is called after every change of the reform. */
  constructor(ctx, recompute) {
    this.ctx = ctx;
    this.recompute = recompute;
    this.changes = new Map(); // region → [{ key, change }]: each region keeps its own
    this.error = null;
    const ids = { target: uid('reform'), field: uid('reform'), value: uid('reform') };
    this.title = h('h3', { class: 'lp-h3' });
    this.intro = h('p', { class: 'lp-hint' });
    this.targetLabel = h('label', { for: ids.target });
    this.target = h('select', { id: ids.target, onchange: () => this.pickTarget() });
    this.fieldLabel = h('label', { for: ids.field });
    this.field = h('select', { id: ids.field, onchange: () => this.pickField() });
    this.valueLabel = h('label', { for: ids.value });
    this.value = h('input', { id: ids.value, type: 'text', inputmode: 'decimal', autocomplete: 'off', onkeydown: (e) => { if (e.key === 'Enter') this.apply(); } });
    this.applyButton = h('button', { type: 'button', class: 'lp-button lp-primary', onclick: () => this.apply() });
    this.errorBox = h('p', { class: 'lp-reform-error', role: 'alert', hidden: true });
    this.list = h('ul', { class: 'lp-reform-changes' });
    this.table = h('div', { class: 'lp-reform-table', 'aria-live': 'polite' });
    this.el = h('section', { class: ['lp-section', 'lp-reform'], 'data-testid': 'reform' },
      this.title, this.intro,
      h('div', { class: 'lp-reform-editor' },
        h('div', { class: 'lp-reform-target' }, this.targetLabel, this.target),
        h('div', null, this.fieldLabel, this.field),
        h('div', { class: 'lp-reform-value' }, this.valueLabel, this.value),
        this.applyButton),
      this.errorBox, this.list, this.table);
  }

  /** The rules and caps of the region a reform may change, from explain(). */
  targets(region, lang) {
    return this.ctx.explain(region, lang).policies.flatMap((p) => [
      ...p.rules.map((r) => ({ key: `${p.id}|rule|${r.id}`, policy: p.id, kind: 'rule', id: r.id, label: `${r.clause} · ${r.applies_to || r.kind} · ${r.amount}`, editable: r.editable, group: p.title })),
      ...p.limits.filter((l) => l.editable?.length).map((l) => ({ key: `${p.id}|limit|${l.id}`, policy: p.id, kind: 'limit', id: l.id, label: `${l.clause} · ${l.text}`, editable: l.editable, group: p.title })),
    ]);
  }

  current() {
    return this.changes.get(this.region) ?? [];
  }

  /** The reform the changes make, or null without any. */
  reform() {
    const list = this.current();
    return list.length ? { name: t('reformName', this.lang), changes: list.map((c) => c.change) } : null;
  }

  pickTarget() {
    const target = this.byKey.get(this.target.value);
    const lang = this.lang;
    fill(this.field, [...(target?.editable ?? []), { field: 'off' }].map((e) => h('option', { value: e.field, text: t(`reform.${e.field}`, lang) })));
    this.pickField();
  }

  pickField() {
    const target = this.byKey.get(this.target.value);
    const off = this.field.value === 'off';
    this.value.disabled = off;
    this.value.value = off ? '' : target?.editable.find((e) => e.field === this.field.value)?.value ?? '';
  }

  /** Adds the change in the editor (replacing one of the same figure), if the engine takes it. */
  apply() {
    const target = this.byKey.get(this.target.value);
    if (!target) return;
    const field = this.field.value;
    const change = { policy: target.policy, [target.kind]: target.id, [field]: field === 'off' ? true : this.value.value.trim() };
    const key = `${target.key}|${field}`;
    const next = [...this.current().filter((c) => c.key !== key), { key, target: target.key, change, field }];
    try {
      this.ctx.lingpao.estimate(this.request, { reform: { changes: next.map((c) => c.change) } });
    } catch (e) {
      this.error = e;
      this.showError();
      return;
    }
    this.error = null;
    this.changes.set(this.region, next);
    this.recompute();
  }

  remove(key) {
    this.changes.set(this.region, this.current().filter((c) => c.key !== key));
    this.recompute();
  }

  showError() {
    const e = this.error;
    this.errorBox.hidden = !e;
    if (!e) return;
    const lang = this.lang;
    let text = lang === 'en' || !e.message_zh ? String(e.message) : e.message_zh;
    if (e.field && text.startsWith(`${e.field}: `)) text = text.slice(e.field.length + 2);
    const m = /\.(amount|percent|max|raised_amount|off)$/.exec(e.field ?? '');
    fill(this.errorBox, h('strong', { text: `${m ? t(`reform.${m[1]}`, lang) : t('reformTitle', lang)}${colon(lang)}` }), text);
  }

  /**
   * Draws the panel for the region and request shown. view: { ctx, state, lang, region };
   * `request` is the estimate's request (its result is the baseline).
   */
  render(view, request) {
    const { lang, region, state } = view;
    const keep = this.region === region.id && this.lang === lang ? this.target.value : null;
    this.region = region.id;
    this.lang = lang;
    this.request = request;
    this.title.textContent = t('reformTitle', lang);
    this.intro.textContent = t('reformIntro', lang);
    this.targetLabel.textContent = t('reformRule', lang);
    this.fieldLabel.textContent = t('reformField', lang);
    this.valueLabel.textContent = t('reformValue', lang);
    this.applyButton.textContent = t('reformApply', lang);
    const targets = this.targets(region.id, lang);
    this.byKey = new Map(targets.map((x) => [x.key, x]));
    this.el.hidden = !targets.length;
    if (keep == null) {
      const groups = [...new Set(targets.map((x) => x.group))];
      fill(this.target, groups.map((g) => h('optgroup', { label: lang === 'en' ? g : `《${g}》` },
        targets.filter((x) => x.group === g).map((x) => h('option', { value: x.key, text: x.label })))));
      this.pickTarget();
    }
    this.showError();
    fill(this.list, this.current().map((c) => {
      const label = this.byKey.get(c.target)?.label ?? c.target; // in the language shown now
      const v = c.change[c.field];
      const shown = c.field === 'off' ? t('reform.switchedOff', lang) : `${t(`reform.${c.field}`, lang)} → ${c.field === 'percent' ? `${v}%` : money(v, lang)}`;
      return h('li', null, h('span', { text: `${label}${colon(lang)}${shown}` }), ' ',
        h('button', { type: 'button', class: 'lp-button lp-quiet', 'aria-label': t('reformRemove', lang, { what: label }), text: '×', onclick: () => this.remove(c.key) }));
    }));
    const reform = this.reform();
    if (!reform || !state.achievements.length) {
      fill(this.table, reform ? h('p', { class: 'lp-hint', text: t('noAchievements', lang) }) : null);
      return;
    }
    let r;
    try {
      r = this.ctx.lingpao.estimate(request, { reform });
    } catch (e) {
      this.error = e;
      this.showError();
      fill(this.table);
      return;
    }
    // Every item paid with or without the reform: its line, or its unmatched entry.
    const rows = [
      ...r.lines.map((l) => ({ i: l.achievement, base: l.reform?.baseline_amount_yuan ?? l.amount_yuan, now: l.amount_yuan, changed: !!l.reform })),
      ...r.unmatched.filter((u) => u.reform).map((u) => ({ i: u.achievement, base: u.reform.baseline_amount_yuan, now: '0', changed: true })),
    ].sort((a, b) => a.i - b.i);
    const row = (cells, cls) => h('tr', { class: cls }, cells.map((c, k) => h(k ? 'td' : 'th', { scope: k ? null : 'row', text: c })));
    const item = (i) => `${t('item', lang, { n: i + 1 })} · ${describe(this.ctx.kinds, state.achievements[i], lang)}`;
    const diff = difference(r.total_yuan, r.baseline_total_yuan);
    fill(this.table, h('table', { class: ['lp-table', 'lp-reform-grid'] },
      h('thead', null, h('tr', null, ['reformItem', 'reformBaseline', 'reformReform', 'reformDifference'].map((k) => h('th', { scope: 'col', text: t(k, lang) })))),
      h('tbody', null, rows.map((x) => row([item(x.i), money(x.base, lang), money(x.now, lang), signedMoney(x.now, x.base, lang)], x.changed ? 'lp-changed' : null))),
      h('tfoot', null, row([t('total', lang), money(r.baseline_total_yuan, lang), money(r.total_yuan, lang), signedMoney(r.total_yuan, r.baseline_total_yuan, lang)], 'lp-reform-total'))),
    h('data', { 'data-testid': 'reform-total', value: r.total_yuan, hidden: true, text: r.total_yuan }),
    h('data', { 'data-testid': 'reform-difference', value: diff, hidden: true, text: diff }));
  }
}
