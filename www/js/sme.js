// The SME tiers self-assessment (优质中小企业自评): a form built from the engine's own list
// of facts (`smeInputs()`, from policies/sme.toml), and for each of the three tiers the
// verdict, the points by indicator with the band's words, the conditions, and what would
// change the answer. Every fact is optional: the engine answers with ranges.
import { h, fill, uid } from './dom.js';
import { t, pick, colon, groupDigits, toWan } from './i18n.js';

const UNIT = { yuan: ['元', 'yuan'], signed_yuan: ['元', 'yuan'], percent: ['%', '%'], years: ['年', 'years'], points: ['分', 'points'] };
const TEXT_TYPES = new Set(['yuan', 'signed_yuan', 'percent']);

/** A typed amount as the engine reads it: thousands separators and spaces dropped. */
const plain = (s) => s.replace(/[,，\s]/g, '');

/** A worked example: a manufacturer that is innovative, not yet specialised. */
export const EXAMPLE = {
  revenue: '80000000', revenue_prior: '70000000', main_revenue: '60000000', main_revenue_prior: '52000000', main_revenue_prior2: '48000000',
  net_profit: '4000000', debt_ratio: '62', rd_expense: '2080000', rd_expense_prior: '1800000', staff: '120', rd_staff: '14',
  ip_first: '3', ip_own_first: '2', ip_high_value: '0', ip_second: '5', niche_years: '5', strategic_emerging: 'false', domain: 'six_basics',
  digital_level: 'level2', quality_system: 'true', own_brand: 'true', quality_award: 'false', standard_work: 'false', local_points: '8',
  rd_institution: 'municipal', provincial_award_rank: '0', national_award_rank: '0', qualifying_honor: 'false', equity_3y: '0', equity_2y: '0',
  maker_china: 'none', current_tier: 'none', sme_size: 'true', clean_record: 'true', allowed_products: 'true', no_incidents: 'true', cancelled_3y: 'false',
};

export class SmeView {
  /** ctx: the loaded engine (data.js); values: the form's strings by fact id; onChange(values) after each edit. */
  constructor(ctx, { lang = 'zh', values = {}, onChange, onLang } = {}) {
    this.ctx = ctx;
    this.lang = lang;
    this.values = { ...values };
    this.onChange = onChange;
    this.spec = ctx.lingpao.smeInputs();
    this.controls = new Map();
    this.langButton = h('button', { type: 'button', class: 'lp-button', onclick: () => onLang?.(this.lang === 'zh' ? 'en' : 'zh') });
    this.exampleButton = h('button', { type: 'button', class: 'lp-button', onclick: () => this.set({ ...EXAMPLE }) });
    this.clearButton = h('button', { type: 'button', class: 'lp-button lp-quiet', onclick: () => this.set({}) });
    this.intro = h('p', { class: 'lp-hint' });
    this.form = h('div', { class: 'lp-inputs sme-form' });
    this.errorBox = h('div', { class: 'lp-error', role: 'alert', hidden: true });
    this.out = h('div', { class: 'sme-tiers', 'aria-live': 'polite' });
    this.notices = h('div', { class: 'sme-notices' });
    this.el = h('div', { class: 'lp lp-page sme' },
      h('div', { class: 'lp-toolbar' }, this.exampleButton, this.clearButton, this.langButton),
      this.intro,
      h('div', { class: 'lp-columns' }, this.form, h('section', { class: 'lp-results' }, this.errorBox, this.out, this.notices)));
    this.render();
  }

  setLang(lang) {
    if (lang === this.lang) return;
    this.lang = lang;
    this.render();
  }

  set(values) {
    this.values = values;
    this.onChange?.(this.values);
    this.render();
  }

  /** The request the engine reads: every fact given, as typed (numbers as exact strings). */
  request() {
    const facts = {};
    for (const input of this.spec.inputs) {
      const v = this.values[input.id];
      if (v == null || v === '') continue;
      facts[input.id] = input.type === 'bool' ? v === 'true' : input.type === 'choice' ? v : plain(v);
    }
    return { facts, lang: this.lang };
  }

  render() {
    const { lang } = this;
    this.langButton.textContent = t('switchLang', lang);
    this.langButton.setAttribute('aria-label', t('switchLangLabel', lang));
    this.exampleButton.textContent = t('sme.example', lang);
    this.clearButton.textContent = t('sme.clear', lang);
    this.intro.textContent = t('sme.intro', lang);
    this.renderForm();
    this.compute();
  }

  renderForm() {
    const { lang } = this;
    this.controls.clear();
    const sections = this.spec.sections.map((s) => {
      const fields = this.spec.inputs.filter((i) => i.section === s.id).map((i) => this.field(i));
      return h('fieldset', { class: 'sme-section' }, h('legend', { class: 'lp-h3', text: pick(s.name, lang) }), h('div', { class: 'sme-grid' }, fields));
    });
    fill(this.form, h('h2', { class: 'lp-h2', text: t('sme.facts', lang) }), sections);
  }

  field(input) {
    const { lang } = this;
    const id = uid('sme');
    const value = this.values[input.id] ?? '';
    const update = (v) => {
      if (v === '') delete this.values[input.id]; else this.values[input.id] = v;
      this.onChange?.(this.values);
      this.compute();
    };
    let control;
    if (input.type === 'bool' || input.type === 'choice') {
      const options = input.type === 'bool'
        ? [['true', t('yes', lang)], ['false', t('sme.no', lang)]]
        : input.choice.map((c) => [c.id, pick(c.name, lang)]);
      control = h('select', { id, onchange: (e) => update(e.target.value) },
        h('option', { value: '', text: t('sme.unknown', lang) }),
        options.map(([v, label]) => h('option', { value: v, text: label, selected: v === value })));
    } else {
      const text = TEXT_TYPES.has(input.type);
      control = h('input', {
        id, value, type: text ? 'text' : 'number', inputmode: text ? 'decimal' : 'numeric', autocomplete: 'off',
        min: text ? null : 0, max: input.max ?? null, step: text ? null : 1, placeholder: t('sme.unknown', lang),
        oninput: (e) => { update(e.target.value.trim()); this.showWan(input, e.target.value); },
      });
    }
    this.controls.set(input.id, control);
    const unit = UNIT[input.type]?.[lang === 'en' ? 1 : 0];
    const wan = h('span', { class: 'lp-hint sme-wan' });
    this.controls.set(`${input.id}:wan`, wan);
    const body = unit ? h('div', { class: 'lp-with-unit' }, control, h('span', { class: 'lp-unit', text: unit })) : control;
    const doc = input.quote ? `${pick(input.doc, lang)}（${input.clause}）` : pick(input.doc, lang);
    const field = h('div', { class: 'lp-field sme-field' }, h('label', { for: id, text: pick(input.name, lang) }), body, wan, h('span', { class: 'lp-hint', text: doc }));
    this.showWan(input, value);
    return field;
  }

  /** "= 8,000 万元" beside a money field, moved by the decimal point (exact). */
  showWan(input, raw) {
    const wan = this.controls.get(`${input.id}:wan`);
    if (!wan) return;
    const v = plain(String(raw ?? ''));
    const ok = (input.type === 'yuan' || input.type === 'signed_yuan') && /^-?\d+(\.\d+)?$/.test(v) && v.replace('-', '').split('.')[0].length >= 5;
    wan.textContent = ok ? (this.lang === 'en' ? `= CNY ${groupDigits(v)}` : `= ${toWan(v)} 万元`) : '';
  }

  compute() {
    for (const c of this.controls.values()) c.removeAttribute?.('aria-invalid');
    let result;
    try {
      result = this.ctx.lingpao.sme(this.request());
    } catch (e) {
      const name = this.spec.inputs.find((i) => `facts.${i.id}` === e.field);
      this.errorBox.hidden = false;
      this.errorBox.textContent = `${name ? pick(name.name, this.lang) : e.field}${colon(this.lang)}${this.lang === 'en' ? e.message.replace(/^[^:]*: /, '') : e.message_zh ?? e.message}`;
      if (name) this.controls.get(name.id)?.setAttribute('aria-invalid', 'true');
      return;
    }
    this.errorBox.hidden = true;
    this.last = result;
    fill(this.out, h('h2', { class: 'lp-h2', text: `${result.title}${colon(this.lang)}${t('sme.tiers', this.lang)}` }), result.tiers.map((tier) => this.tier(tier)));
    fill(this.notices, h('h3', { class: 'lp-h3', text: t('sme.notices', this.lang) }),
      h('ul', { class: 'sme-list' }, result.notices.map((n) => h('li', null, n.text, ' ', this.cite(n.clause, n.quote)))));
  }

  cite(clause, quote) {
    return h('details', { class: 'lp-src sme-cite' }, h('summary', { text: clause }), h('blockquote', { class: 'lp-quote', text: quote }));
  }

  inputName(id) {
    const input = this.spec.inputs.find((i) => i.id === id);
    return input ? pick(input.name, this.lang) : id;
  }

  tier(tier) {
    const { lang } = this;
    const badge = h('span', { class: ['lp-badge', `sme-${tier.verdict}`], text: t(`sme.${tier.verdict}`, lang) });
    const parts = [h('div', { class: 'lp-card-head' }, h('h3', { class: 'lp-h3', text: tier.name }), badge)];
    if (tier.score) {
      const s = tier.score;
      const pts = s.points_min === s.points_max ? `${s.points_min}` : `${s.points_min}–${s.points_max}`;
      parts.push(h('p', { class: 'sme-score' }, t('sme.score', lang, { points: pts, pass: s.pass }), ' ', this.cite(tier.clause, s.quote)));
      parts.push(this.indicators(tier));
    } else {
      parts.push(h('p', { class: 'lp-hint', text: t('sme.conditionsOnly', lang) }));
    }
    parts.push(this.conditions(tier));
    if (tier.missing.length) {
      parts.push(h('div', { class: 'sme-missing' }, h('h4', { class: 'lp-h3', text: t('sme.missing', lang) }),
        h('ul', { class: 'sme-list' }, tier.missing.map((m) => h('li', { class: `sme-role-${m.role}` },
          h('span', { class: 'lp-badge lp-warn', text: t(`sme.role.${m.role}`, lang) }), ' ', m.text, ' ', this.cite(m.clause, m.quote))))));
    }
    if (tier.undetermined_by.length) {
      parts.push(h('p', { class: 'sme-waits' }, t('sme.waits', lang), tier.undetermined_by.map((id) => this.inputName(id)).join(lang === 'en' ? ', ' : '、')));
    }
    return h('article', { class: ['lp-card', 'sme-tier', `sme-tier-${tier.verdict}`], dataset: { tier: tier.id } }, parts);
  }

  indicators(tier) {
    const { lang } = this;
    const rows = tier.groups.flatMap((g) => {
      const gp = g.points_min === g.points_max ? `${g.points_min}` : `${g.points_min}–${g.points_max}`;
      const threshold = g.threshold != null ? t('sme.threshold', lang, { min: g.threshold }) : '';
      const head = h('tr', { class: 'sme-group' }, h('th', { colspan: 3, scope: 'rowgroup', text: `${g.name}${threshold}` }), h('td', { class: 'lp-num', text: `${gp} / ${g.full}` }));
      const items = tier.indicators.filter((i) => i.group === g.id).map((i) => {
        const pts = i.points_min === i.points_max ? `${i.points_min}` : `${i.points_min}–${i.points_max}`;
        return h('tr', { dataset: { indicator: i.id } },
          h('td', null, i.name, ' ', this.cite(i.clause, i.quote)),
          h('td', { class: 'lp-num', text: i.value ?? '—' }),
          h('td', { class: 'sme-band', text: i.band ?? (i.points_min === i.points_max ? '' : t('sme.range', lang)) }),
          h('td', { class: 'lp-num', text: `${pts} / ${i.full}` }));
      });
      return [head, ...items];
    });
    return h('div', { class: 'lp-table-wrap' }, h('table', { class: 'lp-table sme-table' },
      h('thead', null, h('tr', null, ['sme.indicator', 'sme.value', 'sme.band', 'sme.points'].map((k) => h('th', { scope: 'col', text: t(k, lang) })))),
      h('tbody', null, rows)));
  }

  conditions(tier) {
    const { lang } = this;
    const mark = { met: '✓', not_met: '✗', undetermined: '?' };
    return h('details', { class: 'sme-conditions', open: tier.verdict !== 'met' },
      h('summary', { text: t('sme.conditions', lang, { n: tier.conditions.length }) }),
      h('ul', { class: 'sme-list' }, tier.conditions.map((c) => h('li', { class: `sme-c-${c.verdict}` },
        h('span', { class: ['sme-mark', `sme-${c.verdict}`], 'aria-label': t(`sme.${c.verdict}`, lang), text: mark[c.verdict] }), ' ',
        h('span', { class: 'lp-badge', text: t(`sme.role.${c.role}`, lang) }), ' ', c.text,
        c.note ? h('span', { class: 'lp-note', text: `${t('sme.reading', lang)}${c.note}` }) : null,
        ' ', this.cite(c.clause, c.quote)))));
  }
}
