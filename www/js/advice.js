// The "下一步 / Next" panel under the result: what the region's texts would pay for one
// more item, ranked by what it adds to this total after the caps, count limits and
// categories (`advise(request)`: the engine prices each candidate appended to the
// request), why that is below the listed amount where it is, the room left under each
// cap, and one click to add the item to the list. "In every region" prices each
// candidate in every region (`{ across: true }`).
import { h, fill, uid } from './dom.js';
import { t, money, colon } from './i18n.js';

/** Candidates shown before "show all". */
const FIRST = 8;

export class AdvicePanel {
  /** `add(achievement)` appends an item to the request. */
  constructor(ctx, add) {
    this.ctx = ctx;
    this.add = add;
    this.all = false;
    const acrossId = uid('advice');
    this.title = h('h3', { class: 'lp-h3' });
    this.intro = h('p', { class: 'lp-hint' });
    this.across = h('input', { id: acrossId, type: 'checkbox', onchange: () => this.redraw() });
    this.acrossLabel = h('label', { for: acrossId });
    this.roomBox = h('div', { class: 'lp-advice-room' });
    this.list = h('ol', { class: 'lp-advice-list', 'aria-live': 'polite' });
    this.more = h('button', { type: 'button', class: 'lp-button lp-quiet', onclick: () => { this.all = !this.all; this.redraw(); } });
    this.needsBox = h('div', { class: 'lp-advice-needs' });
    this.errorBox = h('p', { class: 'lp-error', role: 'alert', hidden: true });
    this.el = h('section', { class: ['lp-section', 'lp-advice'], 'data-testid': 'advice' },
      this.title, this.intro,
      h('div', { class: 'lp-advice-options' }, this.across, this.acrossLabel),
      this.errorBox, this.roomBox, this.list, this.more, this.needsBox);
  }

  /** Draws the panel for the request shown. view: { ctx, state, lang, region }. */
  render(view, request) {
    if (this.region !== view.region.id) this.all = false;
    this.view = view;
    this.request = request;
    this.region = view.region.id;
    this.redraw();
  }

  redraw() {
    const { lang } = this.view;
    this.title.textContent = t('adviceTitle', lang);
    this.intro.textContent = t('adviceIntro', lang);
    this.acrossLabel.textContent = t('adviceAcross', lang);
    let advice;
    try {
      advice = this.ctx.lingpao.advise(this.request, { across: this.across.checked });
    } catch (e) {
      // An input error is already shown by the form; the panel only stays quiet.
      this.errorBox.hidden = false;
      this.errorBox.textContent = lang === 'en' || !e.message_zh ? String(e.message) : e.message_zh;
      fill(this.list);
      return;
    }
    this.errorBox.hidden = true;
    this.el.hidden = !advice.candidates.length && !advice.needs_input.length;
    this.drawRoom(advice.room, lang);
    const shown = this.all ? advice.candidates : advice.candidates.slice(0, FIRST);
    fill(this.list, shown.map((c) => this.candidate(c, lang)));
    this.more.hidden = advice.candidates.length <= FIRST;
    this.more.textContent = t(this.all ? 'adviceFewer' : 'adviceAll', lang, { n: advice.candidates.length });
    fill(this.needsBox, advice.needs_input.length
      ? [h('h4', { class: 'lp-h4', text: t('adviceNeeds', lang) }),
        h('ul', { class: 'lp-notes' }, advice.needs_input.map((n) => h('li', null, h('strong', { text: `${n.label}${colon(lang)}` }), n.reason)))]
      : []);
  }

  drawRoom(room, lang) {
    const amount = (r, v) => (r.unit === 'yuan' ? money(v, lang) : t(`adviceUnit.${r.unit}`, lang, { n: v }));
    fill(this.roomBox, room.length
      ? [h('h4', { class: 'lp-h4', text: t('adviceRoom', lang) }),
        h('ul', { class: 'lp-advice-caps' }, room.map((r) => h('li', { class: r.left === '0' ? 'lp-full' : null },
          h('span', { text: `${r.text}${colon(lang)}` }),
          h('strong', { text: t('adviceRoomLine', lang, { max: amount(r, r.max), used: amount(r, r.used), left: amount(r, r.left) }) }),
          ' ', h('span', { class: 'lp-cite', text: lang === 'en' ? `(${r.clause})` : `（${r.clause}）` }))))]
      : []);
  }

  candidate(c, lang) {
    const listed = c.listed_yuan !== c.marginal_yuan;
    const best = c.regions?.[0];
    const here = c.regions?.find((e) => e.region === this.region);
    return h('li', { class: 'lp-advice-item', 'data-testid': 'advice-candidate' },
      h('div', { class: 'lp-line-head' },
        h('span', { class: 'lp-line-what', text: c.label }),
        h('span', { class: 'lp-amount' }, c.basis === 'cap' ? h('span', { class: 'lp-upto', text: t('upTo', lang) }) : null, `+${money(c.marginal_yuan, lang)}`)),
      h('p', { class: 'lp-calc' },
        listed ? t('adviceListed', lang, { listed: money(c.listed_yuan, lang) }) : t('adviceFull', lang),
        ` · ${c.clause}`),
      c.reasons.length ? h('ul', { class: 'lp-notes' }, c.reasons.map((r) => h('li', null, r.text, lang === 'en' ? ` (${r.clause}: “${r.quote}”)` : `（${r.clause}：“${r.quote}”）`))) : null,
      best && here ? h('p', { class: 'lp-hint' }, best.region === this.region || best.marginal_yuan === here.marginal_yuan
        ? t('adviceBestHere', lang)
        : t('adviceBestElsewhere', lang, { region: lang === 'en' ? best.region_name.en : best.region_name.zh, amount: money(best.marginal_yuan, lang) })) : null,
      h('details', { class: 'lp-advice-quote' }, h('summary', { text: t('adviceQuote', lang, { clause: c.clause }) }), h('blockquote', { class: 'lp-quote', lang: 'zh-CN', text: `“${c.quote}”` })),
      h('button', { type: 'button', class: 'lp-button lp-primary', 'aria-label': t('adviceAddLabel', lang, { what: c.label }), text: t('add', lang), onclick: () => this.add(c.achievement) }));
  }
}
