// The result column of one region: lines with their clause and quoted words (each
// expandable to the article of the published text), the combination rules applied
// step by step from gross to net, unmatched items, warnings and promised incentives.
import { h, uid, fill, patch } from './dom.js';
import { t, pick, money, groupDigits, describe, colon } from './i18n.js';
import { loadText, article } from './sources.js';
import { calendar } from '../pkg/index.js';

/** Clause, quoted words, and a button that fetches the text and shows the whole article. */
export function citation(view, policy, clause, quote) {
  const { ctx, lang, expanded, titles } = view;
  const src = ctx.sources[policy];
  const title = titles.get(policy) ?? pick(src?.title, lang) ?? policy;
  const key = `${policy}|${quote}`;
  const panelId = uid('article');
  const panel = h('div', { class: 'lp-article', id: panelId, hidden: true });
  const button = h('button', { type: 'button', class: 'lp-link', 'aria-expanded': 'false', 'aria-controls': panelId });
  const show = async (open) => {
    button.setAttribute('aria-expanded', String(open));
    button.textContent = t(open ? 'hideArticle' : 'showArticle', lang);
    panel.hidden = !open;
    if (open) expanded.add(key); else expanded.delete(key);
    if (!open || panel.dataset.loaded || !src) return;
    fill(panel, h('p', { class: 'lp-hint', text: t('sourceLoading', lang) }));
    try {
      const text = await loadText(src.file);
      const a = article(text, quote);
      panel.dataset.loaded = '1';
      const full = h('a', { href: new URL(src.file, new URL('../', import.meta.url)).href, target: '_blank', rel: 'noopener', text: t('fullText', lang) });
      fill(panel,
        a ? h('div', { class: 'lp-article-text', lang: 'zh-CN' },
          a.heading ? h('p', { class: 'lp-article-heading', text: `${a.heading} ……` }) : null,
          a.before, h('mark', { text: a.quote }), a.after)
          : h('p', { class: 'lp-hint', text: t('sourceMissing', lang) }),
        h('p', { class: 'lp-article-foot' }, lang === 'en' ? title : `《${title}》`, ' · ', full));
    } catch {
      fill(panel, h('p', { class: 'lp-hint', text: t('sourceFailed', lang) }));
    }
  };
  button.addEventListener('click', () => show(panel.hidden));
  button.textContent = t('showArticle', lang);
  if (expanded.has(key)) show(true);
  return h('div', { class: 'lp-citation' },
    h('p', { class: 'lp-cite', text: t('clauseOf', lang, { title, clause }) }),
    h('blockquote', { class: 'lp-quote', lang: 'zh-CN', text: `“${quote}”` }),
    src ? button : null,
    panel);
}

function section(title, cls, ...children) {
  return h('section', { class: ['lp-section', cls] }, h('h3', { class: 'lp-h3', text: title }), ...children);
}

function itemLabel(view, index) {
  const a = view.state.achievements[index];
  return `${t('item', view.lang, { n: index + 1 })} · ${a ? describe(view.ctx.kinds, a, view.lang) : ''}`;
}

/** The words of a line's window or deadline, which the result carries on its policy. */
function words(view, l, kind, id) {
  return view.periods?.get(`${l.policy}|${kind}|${id}`) ?? { text: id, clause: '', quote: '' };
}

/** A window of the text and where the item's date stands in it. */
function windowRow(lang, lw, w) {
  const cls = lw.status === 'out' ? 'lp-bad' : lw.status === 'in' ? 'lp-ok' : 'lp-warn';
  return h('p', { class: ['lp-window', `lp-window-${lw.status}`], 'data-testid': 'window' },
    h('span', { class: ['lp-badge', cls], text: t(`window.${lw.status}`, lang) }), ' ',
    lang === 'en' ? `${w.text} (${w.clause})` : `${w.text}（${w.clause}）`,
    h('span', { class: 'lp-hint', text: ` · ${t('windowDays', lang, { from: w.from, to: w.to })}` }),
    w.note ? h('span', { class: 'lp-hint', text: ` · ${w.note}` }) : null);
}

/** When to apply: the day or months where the text makes them dates, its words always. */
function deadlineRows(view, l) {
  const { lang } = view;
  if (!l.deadlines.length) {
    const none = view.noDeadline?.get(l.policy) ?? t('deadlineNone', lang);
    return h('p', { class: 'lp-deadline lp-hint', 'data-testid': 'deadline' }, h('strong', { text: `${t('deadline', lang)}${colon(lang)}` }), none);
  }
  return l.deadlines.map((d) => {
    const w = words(view, l, 'deadline', d.id);
    // The item's own day (a time limit after its date), else the text's day or months.
    const on = d.date ?? w.date;
    const when = on ? t('deadlineBy', lang, { date: on }) : w.from ? t('deadlinePeriod', lang, { from: w.from, to: w.to }) : null;
    return h('p', { class: 'lp-deadline', 'data-testid': 'deadline' },
      h('strong', { text: `${t('deadline', lang)}${colon(lang)}` }),
      when ? h('span', { class: 'lp-deadline-when', text: `${when}${w.shape?.startsWith('yearly') ? (lang === 'en' ? ` (${t('deadlineYearly', lang)})` : `（${t('deadlineYearly', lang)}）`) : ''} · ` }) : null,
      lang === 'en' ? `${w.text} (${w.clause})` : `${w.text}（${w.clause}）`);
  });
}

/** "Download calendar": the result's dated deadlines as an .ics file (pkg/calendar.js). */
function calendarBox(view, result) {
  const { lang } = view;
  if (!result.lines.some((l) => l.deadlines.some((d) => d.date || words(view, l, 'deadline', d.id).date || words(view, l, 'deadline', d.id).from))) return null;
  const download = () => {
    const url = URL.createObjectURL(new Blob([calendar(result)], { type: 'text/calendar;charset=utf-8' }));
    const a = h('a', { href: url, download: `lingpao-${result.region}-${result.as_of}.ics`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return h('div', { class: 'lp-calendar' },
    h('button', { type: 'button', class: 'lp-button', 'data-testid': 'download-calendar', onclick: download, text: t('downloadCalendar', lang) }),
    h('p', { class: 'lp-hint', text: t('calendarHint', lang) }));
}

function line(view, l) {
  const { lang } = view;
  return h('li', { class: 'lp-line' },
    h('div', { class: 'lp-line-head' },
      h('span', { class: 'lp-line-what', text: itemLabel(view, l.achievement) }),
      h('span', { class: 'lp-amount' }, l.basis === 'cap' ? h('span', { class: 'lp-upto', text: t('upTo', lang) }) : null, money(l.amount_yuan, lang))),
    h('p', { class: 'lp-calc' },
      t('unitTimes', lang, { unit: money(l.unit_amount_yuan, lang), counted: l.counted }),
      l.claimed !== l.counted ? ` · ${t('claimedCounted', lang, { claimed: l.claimed, counted: l.counted })}` : '',
      l.formula && l.formula !== l.unit_amount_yuan ? ` · ${t('computed', lang, { formula: l.formula })}` : '',
      l.gross_yuan !== l.amount_yuan ? ` · ${money(l.gross_yuan, lang)} → ${money(l.amount_yuan, lang)}` : '',
      l.basis === 'cap' ? ' · ' : null,
      l.basis === 'cap' ? h('span', { class: 'lp-badge lp-warn', text: t('basisCap', lang) }) : null),
    citation(view, l.policy, l.clause, l.quote),
    l.windows.map((lw) => windowRow(lang, lw, words(view, l, 'window', lw.id))),
    deadlineRows(view, l),
    l.notes.length ? h('ul', { class: 'lp-notes' }, l.notes.map((n) => h('li', null, h('strong', { text: `${t('debatable', lang)}${colon(lang)}` }), n))) : null);
}

/**
 * The lines, as the same elements as last time where a line did not change (keyed by
 * what it shows): a keystroke in one of 200 items rebuilds one line, not 200. `view.memo`
 * keeps them from one render to the next.
 */
function lines(view, result) {
  const { lang } = view;
  const memo = view.memo;
  if (memo.lang !== lang) {
    const ol = h('ol', { class: 'lp-lines' });
    Object.assign(memo, { lang, ol, items: new Map(), section: section(t('lines', lang), 'lp-lines-box', ol) });
  }
  const next = new Map();
  const items = result.lines.map((l) => {
    const key = `${itemLabel(view, l.achievement)}\n${JSON.stringify(l)}`;
    const el = memo.items.get(key)?.pop() ?? line(view, l);
    next.set(key, [...(next.get(key) ?? []), el]);
    return el;
  });
  memo.items = next;
  patch(memo.ol, items);
  return memo.section;
}

function steps(view, result) {
  const { lang } = view;
  return section(t('steps', lang), 'lp-steps-box', h('ol', { class: 'lp-steps' },
    h('li', { class: 'lp-step' }, h('span', { text: t('gross', lang) }), h('span', { class: 'lp-amount', text: money(result.gross_yuan, lang) })),
    result.adjustments.map((a) => h('li', { class: 'lp-step lp-step-adj' },
      h('div', { class: 'lp-step-what' },
        h('p', { class: 'lp-step-rule', text: a.rule }),
        h('p', { class: 'lp-hint', text: a.effect }),
        a.note ? h('p', { class: 'lp-notes' }, h('strong', { text: `${t('debatable', lang)}${colon(lang)}` }), a.note) : null,
        citation(view, a.policy, a.clause, a.quote)),
      h('span', { class: 'lp-amount', text: `${money(a.before_yuan, lang)} → ${money(a.after_yuan, lang)}` }))),
    h('li', { class: 'lp-step lp-step-net' }, h('span', { text: t('net', lang) }),
      h('span', { class: 'lp-amount' }, result.total_is_upper_bound ? h('span', { class: 'lp-upto', text: t('upTo', lang) }) : null, money(result.total_yuan, lang)))));
}

function benefits(view, list, noMoney) {
  const { lang } = view;
  return section(t('benefits', lang), ['lp-benefits', noMoney && 'lp-benefits-main'],
    noMoney ? h('p', { class: 'lp-intro', text: t('benefitsNoMoney', lang) }) : null,
    h('ul', { class: 'lp-list' }, list.map((b) => h('li', null, h('p', { text: b.text }), citation(view, b.policy, b.clause, b.quote)))));
}

/** Incentives from explain(), for a region shown before any achievement is entered. */
export function explainedBenefits(explanation) {
  return explanation.policies.flatMap((p) => p.benefits.map((b) => ({ policy: p.id, clause: b.clause, quote: b.quote, text: b.text })));
}

/**
 * The breakdown below the total. view: { ctx, state, lang, region (RegionInfo),
 * expanded (Set of open citations), titles (policy id → title in lang), memo (an
 * object kept between renders) }. Put it in place with `patch`, which keeps the lines'
 * elements that did not change.
 */
export function renderBreakdown(view, result) {
  const { lang, region } = view;
  const out = [];
  if (!result) {
    if (region.pays) out.push(h('p', { class: 'lp-empty', text: t('noAchievements', lang) }));
    else out.push(benefits(view, explainedBenefits(view.ctx.explain(region.id, lang)), true));
    return out;
  }
  // Nothing entered yet: the engine's 0 comes with the region's warnings, under the prompt.
  if (region.pays && !view.state.achievements.length) out.push(h('p', { class: 'lp-empty', text: t('noAchievements', lang) }));
  for (const p of result.policies.filter((x) => x.pays && (x.status === 'expired' || x.status === 'not_yet_effective'))) {
    const expired = p.status === 'expired';
    out.push(h('p', { class: 'lp-alert' }, h('span', { class: 'lp-badge lp-bad', text: t(`status.${p.status}`, lang) }), ' ',
      t(expired ? 'expiredBanner' : 'notYetBanner', lang, { title: p.title, date: expired ? p.expires : p.effective })));
  }
  if (!region.pays && result.benefits.length) out.push(benefits(view, result.benefits, true));
  view.noDeadline = new Map(result.policies.filter((p) => p.no_deadline).map((p) => [p.id, p.no_deadline]));
  view.periods = new Map(result.policies.flatMap((p) => [
    ...(p.windows ?? []).map((w) => [`${p.id}|window|${w.id}`, w]),
    ...(p.deadlines ?? []).map((d) => [`${p.id}|deadline|${d.id}`, d])]));
  if (result.lines.length) out.push(lines(view, result), calendarBox(view, result));
  if (result.adjustments.length) out.push(steps(view, result));
  if (result.unmatched.length) {
    out.push(section(t('unmatched', lang), 'lp-unmatched', h('ul', { class: 'lp-list' }, result.unmatched.map((u) => h('li', null,
      h('span', { class: 'lp-line-what', text: itemLabel(view, u.achievement) }), h('p', { class: 'lp-hint', text: u.reason }))))));
  }
  if (result.warnings.length) {
    out.push(section(t('warnings', lang), 'lp-warnings', h('ul', { class: 'lp-list' }, result.warnings.map((w) => h('li', { text: w })))));
  }
  if (region.pays && result.benefits.length) {
    out.push(h('details', { class: 'lp-more-benefits' }, h('summary', { text: `${t('benefits', lang)}${lang === 'en' ? ` (${result.benefits.length})` : `（${result.benefits.length}）`}` }), benefits(view, result.benefits, false)));
  }
  return out;
}

/** The total box's contents: amount (with 最高 / up to), exact yuan, test hook. */
export function renderTotal(lang, result, region, asOf) {
  const regionName = pick(region.name, lang);
  const total = result?.total_yuan ?? '0';
  return [
    h('p', { class: 'lp-total-label' }, h('span', { text: t('total', lang) }), h('span', { class: 'lp-hint', text: ` ${t('resultFor', lang, { region: regionName, date: asOf })}` })),
    h('p', { class: 'lp-total' },
      result?.total_is_upper_bound ? h('span', { class: 'lp-upto', text: t('upTo', lang) }) : null,
      h('span', { class: 'lp-total-amount', text: money(total, lang) })),
    lang === 'en' || total.split('.')[0].length < 5 ? null : h('p', { class: 'lp-total-exact', text: `${groupDigits(total)} 元` }),
    h('data', { 'data-testid': 'total-yuan', value: total, hidden: true, text: total }),
    result?.total_is_upper_bound ? h('p', { class: 'lp-hint', text: t('upToNote', lang) }) : null,
    region.pays ? null : h('p', { class: 'lp-hint', text: t('noMoneyTotal', lang) }),
  ];
}
