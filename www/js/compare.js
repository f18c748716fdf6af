// The same achievements in every region, ranked: a bar chart and a table. Choosing a
// region (a bar or its button in the table) opens that region's breakdown.
import { h, fill } from './dom.js';
import { t, pick, money } from './i18n.js';
import { barChart } from './chart.js';
import { regionSummary } from './form.js';


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
