// A horizontal SVG bar chart of the ranking, drawn for the width it is given (text stays
// legible at 375 px instead of shrinking with a viewBox). Purely visual: the table next
// to it carries the same numbers for keyboards and screen readers.
import { svg } from './dom.js';
import { t, pick, money } from './i18n.js';

const ROW = 26;
const BAR = 16;

/** Fits a region name into the label column: drops a bracketed alias, then cuts with an ellipsis. */
function fitLabel(name, px) {
  const short = name.replace(/\s*[（(][^）)]*[）)]\s*$/, '');
  const width = (s) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 12.5 : 7), 0);
  if (width(short) <= px) return short;
  let cut = [...short];
  while (cut.length > 1 && width(`${cut.join('')}…`) > px) cut.pop();
  return `${cut.join('')}…`;
}

export function barChart(ranking, { width, lang, current, onPick }) {
  const labelW = Math.min(110, Math.round(width * 0.28));
  const amountW = lang === 'en' ? 120 : 96;
  const barMax = Math.max(40, width - labelW - amountW - 8);
  const max = Math.max(1, ...ranking.map((r) => Number(r.total_yuan)));
  const height = ranking.length * ROW + 4;
  const chart = svg('svg', {
    class: 'lp-chart', width, height, viewBox: `0 0 ${width} ${height}`, 'aria-hidden': 'true', focusable: 'false',
  }, svg('defs', null, svg('pattern', { id: 'lp-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
    svg('rect', { width: 6, height: 6, class: 'lp-hatch-bg' }), svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'lp-hatch-line' }))));
  ranking.forEach((r, i) => {
    const y = i * ROW + 2;
    const w = Number(r.total_yuan) > 0 ? Math.max(2, (Number(r.total_yuan) / max) * barMax) : 0;
    const name = pick(r.region_name, lang);
    const amount = `${r.total_is_upper_bound ? `${t('upTo', lang)} ` : ''}${money(r.total_yuan, lang)}`;
    const g = svg('g', { class: ['lp-bar', r.region === current && 'lp-bar-current', r.total_is_upper_bound && 'lp-bar-cap'], dataset: { region: r.region } },
      svg('title', { text: `${r.rank}. ${name}: ${amount}` }),
      svg('rect', { class: 'lp-bar-hit', x: 0, y, width, height: ROW - 2 }),
      svg('text', { class: 'lp-bar-label', x: labelW - 6, y: y + ROW / 2 + 1, 'text-anchor': 'end', 'dominant-baseline': 'middle', text: fitLabel(name, labelW - 10) }),
      svg('rect', { class: 'lp-bar-fill', fill: r.total_is_upper_bound ? 'url(#lp-hatch)' : null, x: labelW, y: y + (ROW - BAR) / 2 - 1, width: w.toFixed(1), height: BAR, rx: 2 }),
      svg('text', { class: 'lp-bar-amount', x: labelW + w + 6, y: y + ROW / 2 + 1, 'dominant-baseline': 'middle', text: amount }));
    g.addEventListener('click', () => onPick(r.region));
    chart.append(g);
  });
  return chart;
}

/**
 * The file import's histogram of unit totals (Tally.histogram(): a zero bar, then bars
 * `width` yuan wide) as an SVG of columns. Counts set the heights (numbers of units, not
 * money); each bar's range is written from exact decimal strings.
 */
export function histogram({ zero, width, counts }, { lang, chartWidth = 640 }) {
  const step = BigInt(width);
  const bars = [
    ...(zero ? [{ label: money('0', lang), n: zero }] : []),
    ...counts.map((n, k) => ({ label: `${money((BigInt(k) * step).toString(), lang)} – ${money((BigInt(k + 1) * step).toString(), lang)}`, n })),
  ];
  const H = 160;
  const top = 16;
  const base = top + H;
  const gap = 2;
  const colW = Math.max(6, Math.floor((chartWidth - 8) / Math.max(1, bars.length)) - gap);
  const max = Math.max(1, ...bars.map((b) => b.n));
  const chart = svg('svg', {
    class: 'lp-chart lp-histogram', width: chartWidth, height: base + 36, viewBox: `0 0 ${chartWidth} ${base + 36}`, role: 'img', 'aria-label': t('importHistogram', lang),
  });
  bars.forEach((b, i) => {
    const x = 4 + i * (colW + gap);
    const hgt = b.n ? Math.max(2, Math.round((b.n / max) * H)) : 0;
    chart.append(svg('g', { class: 'lp-bar' },
      svg('title', { text: t('importBar', lang, { range: b.label, n: b.n }) }),
      svg('rect', { class: 'lp-bar-fill', x, y: base - hgt, width: colW, height: hgt, rx: 1 }),
      b.n && colW >= 18 ? svg('text', { class: 'lp-bar-amount', x: x + colW / 2, y: base - hgt - 4, 'text-anchor': 'middle', text: b.n }) : null));
  });
  const first = bars[0]?.label.split(' – ')[0] ?? '';
  const last = counts.length ? money((BigInt(counts.length) * step).toString(), lang) : '';
  chart.append(svg('line', { class: 'lp-axis', x1: 0, y1: base + 0.5, x2: chartWidth, y2: base + 0.5 }),
    svg('text', { class: 'lp-bar-label', x: 4, y: base + 16, text: first }),
    svg('text', { class: 'lp-bar-label', x: chartWidth - 4, y: base + 16, 'text-anchor': 'end', text: last }));
  return chart;
}
