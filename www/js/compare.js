// The same achievements in every region, ranked: a bar chart and a table. Choosing a
// region (a bar or its button in the table) opens that region's breakdown.
import { h, fill } from './dom.js';
import { t, pick, money } from './i18n.js';
import { barChart } from './chart.js';
import { regionSummary } from './form.js';


const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Compares two yuan decimal strings as the engine writes them ("160000", "2.5"), exactly. */
export function compareYuan(a, b) {
  const [ai, af = ''] = a.split('.');
  const [bi, bf = ''] = b.split('.');
  if (ai.length !== bi.length) return ai.length - bi.length;
  const n = Math.max(af.length, bf.length);
  const x = ai + af.padEnd(n, '0');
  const y = bi + bf.padEnd(n, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * The engine's compare(), one region per task: the same request estimated in each
 * region, ranked as compare() ranks (highest total first, then by id). With 200 items
 * compare() is one task of 100 ms or more in a browser; each estimate here is a few ms,
 * so typing is never held up for long. Resolves to null once `current()` turns false
 * (the state changed: a newer run takes over).
 */
export async function rankRegions(lingpao, request, regionIds, current = () => true) {
  const results = [];
  for (const region of regionIds) {
    await nextTask();
    if (!current()) return null;
    const t0 = performance.now();
    results.push(lingpao.estimate({ ...request, region }));
    performance.measure('lp-compare-step', { start: t0, end: performance.now() });
  }
  results.sort((a, b) => compareYuan(b.total_yuan, a.total_yuan) || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
  return {
    as_of: results[0]?.as_of,
    ranking: results.map((r, i) => ({ rank: i + 1, region: r.region, region_name: r.region_name, total_yuan: r.total_yuan, total_is_upper_bound: r.total_is_upper_bound, result: r })),
  };
}

/** view: { lang, current, width, onPick } */
export function renderCompare(view, comparison) {
  const { lang, onPick } = view;
  const ranking = comparison.ranking;
  const table = h('table', { class: 'lp-table' },
    h('caption', { text: t('compareTitle', lang) }),
    h('thead', null, h('tr', null, ['rank', 'region', 'amount', 'policyStatus'].map((k) => h('th', { scope: 'col', text: t(k, lang) })))),
    h('tbody', null, ranking.map((r) => h('tr', { class: r.region === view.current ? 'lp-current' : null },
      h('td', { class: 'lp-num', text: String(r.rank) }),
      h('th', { scope: 'row' }, h('button', {
        type: 'button', class: 'lp-link', 'aria-label': t('openBreakdown', lang, { region: pick(r.region_name, lang) }),
        text: pick(r.region_name, lang), onclick: () => onPick(r.region),
      })),
      h('td', { class: 'lp-num' }, r.total_is_upper_bound ? h('span', { class: 'lp-upto', text: t('upTo', lang) }) : null, money(r.total_yuan, lang)),
      h('td', { class: 'lp-hint', text: regionSummary(r.result, lang) })))));
  return [
    h('figure', { class: 'lp-figure' },
      barChart(ranking, { width: view.width, lang, current: view.current, onPick }),
      h('figcaption', { class: 'lp-hint', text: t('compareChart', lang) })),
    h('div', { class: 'lp-table-wrap' }, table),
  ];
}
