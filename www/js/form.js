// The input column: region picker (grouped by province, with policy status), claim
// date, and one card per achievement built from the kinds registry. The controls that
// can hold focus across a recompute (region, date, add) are created once and updated
// in place; cards are rebuilt only when the list's shape or the language changes.
import { h, uid, fill } from './dom.js';
import { t, pick, kindName, fieldLabel, valueLabel } from './i18n.js';

const DATE_STATUS = { in_force: 'ok', no_expiry: 'ok', expired: 'bad', not_yet_effective: 'warn', superseded: 'bad' };

/** One line per region in the picker: its paying policies' status on the claim day. */
export function regionSummary(r, lang) {
  const paying = r.policies.filter((p) => p.pays);
  if (!paying.length) return t('region.noMoney', lang);
  const live = paying.find((p) => p.status === 'in_force' || p.status === 'no_expiry');
  if (live) return live.expires ? t('region.until', lang, { date: live.expires }) : t('region.inForce', lang);
  const soon = paying.find((p) => p.status === 'not_yet_effective');
  if (soon) return t('region.notYet', lang, { date: soon.effective });
  const last = paying.map((p) => p.expires).filter(Boolean).sort().pop();
  return t('region.expiredOn', lang, { date: last ?? '' });
}

export function policyList(policies, lang) {
  return h('ul', { class: 'lp-policies' }, policies.map((p) => h('li', null,
    h('span', { class: `lp-badge lp-${DATE_STATUS[p.status] ?? 'warn'}`, text: t(`status.${p.status}`, lang) }),
    ' ',
    h('span', { class: 'lp-policy-title', text: lang === 'en' ? p.title : `《${p.title}》` }),
    h('span', { class: 'lp-dates' },
      `${t('issued', lang)} ${p.issued}`,
      p.effective ? ` · ${t('effective', lang)} ${p.effective}` : '',
      ` · ${p.expires ? `${t('expires', lang)} ${p.expires}` : t('noEnd', lang)}`,
      ` · ${t(p.pays ? 'paysYes' : 'paysNo', lang)}`),
    p.dates_note ? h('span', { class: 'lp-note', text: p.dates_note }) : null)));
}

export class Form {
  /** actions: setRegion, setAsOf, add(kind), remove(i), setField(i, name, value|undefined) */
  constructor(ctx, actions, { lockRegion = false } = {}) {
    this.ctx = ctx;
    this.actions = actions;
    this.lockRegion = lockRegion;
    const regionId = uid('region');
    const asOfId = uid('asof');
    const addId = uid('add');
    this.regionLabel = h('label', { for: regionId });
    this.regionSelect = h('select', { id: regionId, onchange: () => actions.setRegion(this.regionSelect.value) });
    this.regionFixed = h('p', { class: 'lp-region-fixed', id: regionId });
    this.policies = h('div', { class: 'lp-policy-box' });
    this.asOfLabel = h('label', { for: asOfId });
    this.asOfHint = h('p', { class: 'lp-hint', id: `${asOfId}-hint` });
    this.asOf = h('input', {
      id: asOfId, type: 'date', min: '2000-01-01', max: '2099-12-31', 'aria-describedby': `${asOfId}-hint`, dataset: { path: 'as_of' },
      onchange: () => { if (this.asOf.value) actions.setAsOf(this.asOf.value); },
    });
    this.heading = h('h2', { class: 'lp-h2' });
    this.noMoney = h('p', { class: 'lp-note lp-nomoney', hidden: true });
    this.empty = h('p', { class: 'lp-empty' });
    this.list = h('ol', { class: 'lp-cards' });
    this.addLabel = h('label', { for: addId });
    this.addSelect = h('select', { id: addId });
    this.addButton = h('button', { type: 'button', class: 'lp-button lp-primary', onclick: () => actions.add(this.addSelect.value) });
    this.el = h('section', { class: 'lp-inputs' },
      h('div', { class: 'lp-field' }, this.regionLabel, lockRegion ? this.regionFixed : this.regionSelect),
      this.policies,
      h('div', { class: 'lp-field' }, this.asOfLabel, this.asOf, this.asOfHint),
      this.heading, this.noMoney, this.empty, this.list,
      h('div', { class: 'lp-add' }, h('div', { class: 'lp-field' }, this.addLabel, this.addSelect), this.addButton));
    this.shape = null;
  }

  /** `regions`: every region on the claim day, in the state's language. */
  render(state, regions) {
    const { lang } = state;
    const region = regions.find((r) => r.id === state.region) ?? regions[0];
    this.region = region;
    // Region, policies and the add picker depend on these three only: not redrawn per keystroke.
    const key = `${lang}|${state.as_of}|${state.region}`;
    if (key !== this.key) {
      this.key = key;
      this.regionLabel.textContent = t(this.lockRegion ? 'regionLocked' : 'region', lang);
      this.renderRegions(regions, state);
      this.regionFixed.textContent = `${pick(region.name, lang)} · ${regionSummary(region, lang)}`;
      fill(this.policies, h('h2', { class: 'lp-h3', text: t('policies', lang) }), policyList(region.policies, lang));
      this.asOfLabel.textContent = t('asOf', lang);
      this.asOfHint.textContent = t('asOfHint', lang);
      this.heading.textContent = t('achievements', lang);
      this.noMoney.hidden = region.pays;
      this.noMoney.textContent = t('noMoneyNote', lang);
      this.empty.textContent = t('empty', lang);
      this.renderAdd(region, lang);
    }
    if (this.asOf.value !== state.as_of) this.asOf.value = state.as_of;
    this.empty.hidden = state.achievements.length > 0;
    // Cards: rebuilt when the list, the region (paid-here badges) or the language changed.
    const shape = `${key}|${state.achievements.map((a) => a.kind).join(',')}`;
    if (shape !== this.shape) {
      this.shape = shape;
      fill(this.list, ...state.achievements.map((a, i) => this.card(a, i, region, lang)));
    }
  }

  renderRegions(regions, state) {
    const { lang } = state;
    const groups = new Map();
    for (const r of regions) {
      const key = pick(r.province, lang);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(r);
    }
    fill(this.regionSelect, ...[...groups].map(([province, rs]) => h('optgroup', { label: province },
      rs.map((r) => h('option', { value: r.id, text: `${pick(r.name, lang)} — ${regionSummary(r, lang)}` })))));
    this.regionSelect.value = state.region;
  }

  renderAdd(region, lang) {
    const keep = this.addSelect.value;
    const paid = new Set(region.kinds);
    const all = this.ctx.kinds.kinds;
    const opt = (k) => h('option', { value: k.id, text: pick(k.name, lang) });
    fill(this.addSelect,
      paid.size ? h('optgroup', { label: t('paidHere', lang) }, all.filter((k) => paid.has(k.id)).map(opt)) : null,
      h('optgroup', { label: t('otherKinds', lang) }, all.filter((k) => !paid.has(k.id)).map(opt)));
    this.addSelect.value = paid.has(keep) || (keep && !paid.size) ? keep : (all.find((k) => paid.has(k.id)) ?? all[0]).id;
    this.addLabel.textContent = t('addKind', lang);
    this.addButton.textContent = t('add', lang);
  }

  card(a, i, region, lang) {
    const kind = this.ctx.kinds.byId.get(a.kind);
    const set = (name, value) => this.actions.setField(i, name, value);
    const required = kind.fields.filter((f) => f.required);
    // The date (published, recognised, awarded) beside the required fields: windows and deadlines read it.
    const date = this.ctx.kinds.common.find((f) => f.name === 'date');
    const optional = [...kind.fields.filter((f) => !f.required), ...this.ctx.kinds.common.filter((f) => f !== date && f.name !== 'count')];
    const paid = region.kinds.includes(a.kind);
    const n = i + 1;
    const more = h('details', { class: 'lp-more', open: optional.some((f) => a[f.name] != null) },
      h('summary', { text: t('more', lang) }),
      h('div', { class: 'lp-grid' }, optional.map((f) => this.control(f, a, i, set, lang))));
    return h('li', { class: 'lp-card', dataset: { index: String(i) } },
      h('div', { class: 'lp-card-head' },
        h('h3', { class: 'lp-h3' }, h('span', { class: 'lp-item-no', text: t('item', lang, { n }) }), ' ', kindName(this.ctx.kinds, a.kind, lang)),
        paid ? null : h('span', { class: 'lp-badge lp-warn', text: t('notPaidHere', lang) }),
        h('button', { type: 'button', class: 'lp-button lp-quiet', 'aria-label': t('removeItem', lang, { n }), text: t('remove', lang), onclick: () => this.actions.remove(i) })),
      h('div', { class: 'lp-grid' }, required.map((f) => this.control(f, a, i, set, lang)), this.stepper(a, i, set, lang), date ? this.control(date, a, i, set, lang) : null),
      optional.length ? more : null);
  }

  stepper(a, i, set, lang) {
    const id = uid('count');
    const input = h('input', {
      id, type: 'number', inputmode: 'numeric', min: 1, max: 10000, step: 1, value: String(a.count ?? 1),
      dataset: { path: `achievements[${i}].count` },
      oninput: () => set('count', /^\d+$/.test(input.value) ? Number(input.value) : input.value),
    });
    const step = (d) => {
      const v = Math.min(10000, Math.max(1, (parseInt(input.value, 10) || 1) + d));
      input.value = String(v);
      set('count', v);
    };
    return h('div', { class: 'lp-field' },
      h('label', { for: id, text: t('count', lang) }),
      h('div', { class: 'lp-stepper' },
        h('button', { type: 'button', class: 'lp-button', 'aria-label': t('decrease', lang), 'aria-controls': id, text: '−', onclick: () => step(-1) }),
        input,
        h('button', { type: 'button', class: 'lp-button', 'aria-label': t('increase', lang), 'aria-controls': id, text: '+', onclick: () => step(1) })));
  }

  control(f, a, i, set, lang) {
    const id = uid(f.name);
    const kinds = this.ctx.kinds;
    const label = h('label', { for: id, text: fieldLabel(kinds, f, lang) });
    const path = `achievements[${i}].${f.name}`;
    const v = a[f.name];
    if (f.type === 'enum') {
      const select = h('select', { id, dataset: { path }, onchange: () => set(f.name, select.value || undefined) },
        f.required ? null : h('option', { value: '', text: t('notGiven', lang) }),
        f.values.map((val) => h('option', { value: val, text: valueLabel(kinds, f.name, val, lang) })));
      select.value = v ?? '';
      return h('div', { class: 'lp-field' }, label, select);
    }
    if (f.type === 'bool') {
      const box = h('input', { id, type: 'checkbox', checked: v === true, dataset: { path }, onchange: () => set(f.name, box.checked || undefined) });
      return h('div', { class: 'lp-field lp-check' }, box, label);
    }
    const input = h('input', {
      id, dataset: { path }, value: v == null ? '' : String(v),
      ...(f.type === 'integer' ? { type: 'number', inputmode: 'numeric', min: f.min, max: f.max, step: 1 }
        : f.type === 'date' ? { type: 'date', min: '2000-01-01', max: '2099-12-31' }
        : f.type === 'yuan' ? { type: 'text', inputmode: 'decimal', autocomplete: 'off', maxlength: 20 }
          : { type: 'text', maxlength: 200, autocomplete: 'off' }),
      oninput: () => {
        const s = input.value.trim();
        set(f.name, s === '' ? undefined : f.type === 'integer' && /^\d+$/.test(s) ? Number(s) : s);
      },
    });
    const unit = f.type === 'yuan' ? h('span', { class: 'lp-unit', text: lang === 'en' ? 'CNY' : '元' }) : null;
    return h('div', { class: 'lp-field' }, label, unit ? h('div', { class: 'lp-with-unit' }, input, unit) : input);
  }

  /** Marks the control an engine error names (e.g. achievements[0].count) and says why under it. */
  markInvalid(field, message) {
    // Nothing marked and nothing to mark: skip the search through every control.
    if (!field && !this.marked) return;
    this.marked = !!field;
    for (const el of this.el.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      if (el.dataset.describedby) el.setAttribute('aria-describedby', el.dataset.describedby); else el.removeAttribute('aria-describedby');
    }
    for (const el of this.el.querySelectorAll('.lp-field-error')) el.remove();
    if (!field) return;
    for (const el of this.el.querySelectorAll('[data-path]')) {
      if (el.dataset.path !== field) continue;
      const id = uid('err');
      el.setAttribute('aria-invalid', 'true');
      el.dataset.describedby = el.getAttribute('aria-describedby') ?? '';
      el.setAttribute('aria-describedby', el.dataset.describedby ? `${el.dataset.describedby} ${id}` : id);
      el.closest('.lp-field')?.append(h('p', { class: 'lp-field-error', id, text: message }));
    }
  }

  /** After adding: focus the new card's first control; after removing: the add picker. */
  focusCard(i) {
    const card = this.list.children[i];
    (card?.querySelector('select, input') ?? this.addSelect).focus();
  }
}
