// A horizontal SVG bar chart of the ranking, drawn for the width it is given (text stays
// legible at 375 px instead of shrinking with a viewBox). Purely visual: the table next
// to it carries the same numbers for keyboards and screen readers.
import { svg } from './dom.js';
import { t, pick, money } from './i18n.js';

const ROW = 26;
const BAR = 16;

/** A label's width in px at the chart's 12.5 px font, near enough to keep labels apart. */
const textWidth = (s) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 12.5 : 7), 0);

/** Fits a region name into the label column: drops a bracketed alias, then cuts with an ellipsis. */
function fitLabel(name, px) {
  const short = name.replace(/\s*[（(][^）)]*[）)]\s*$/, '');
  if (textWidth(short) <= px) return short;
  let cut = [...short];
  while (cut.length > 1 && textWidth(`${cut.join('')}…`) > px) cut.pop();
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
 * `width` yuan wide) as an SVG of columns, with the range's bounds written under it.
 * Counts set the heights (numbers of units, not money); bounds come from exact strings.
 */
export function histogram({ zero, width, counts }, { lang, chartWidth = 640 }) {
  const step = BigInt(width);
  const edge = (k) => money((BigInt(k) * step).toString(), lang);
  const bars = [
    ...(zero ? [{ label: money('0', lang), n: zero, zero: true }] : []),
    ...counts.map((n, k) => ({ label: `${edge(k)} – ${edge(k + 1)}`, n, k })),
  ];
  const H = 160;
  const base = 16 + H;
  const gap = 2;
  const colW = Math.max(6, Math.floor((chartWidth - 8) / Math.max(1, bars.length)) - gap);
  const max = Math.max(1, ...bars.map((b) => b.n));
  const chart = svg('svg', {
    class: 'lp-chart lp-histogram', width: chartWidth, height: base + 40, viewBox: `0 0 ${chartWidth} ${base + 40}`, role: 'img', 'aria-label': t('importHistogram', lang),
  });
  // Bounds under the range bars, as many as fit without touching, the last bound always
  // (right-aligned at the end, so the one before it must leave room for both).
  const at = (k) => 4 + ((zero ? 1 : 0) + k) * (colW + gap);
  const room = textWidth(edge(counts.length)) + 14;
  const every = Math.max(1, Math.ceil(room / (colW + gap)));
  const ticks = counts.map((_, k) => k).filter((k) => k % every === 0 && at(counts.length) - at(k) >= 2 * room);
  if (counts.length) ticks.push(counts.length);
  bars.forEach((b, i) => {
    const x = 4 + i * (colW + gap);
    const hgt = b.n ? Math.max(2, Math.round((b.n / max) * H)) : 0;
    chart.append(svg('g', { class: ['lp-bar', b.zero && 'lp-bar-zero'] },
      svg('title', { text: t('importBar', lang, { range: b.label, n: b.n }) }),
      svg('rect', { class: 'lp-bar-fill', x, y: base - hgt, width: colW, height: hgt, rx: 1 }),
      b.n && colW >= 18 ? svg('text', { class: 'lp-bar-amount', x: x + colW / 2, y: base - hgt - 4, 'text-anchor': 'middle', text: b.n }) : null));
    if (b.zero) chart.append(svg('text', { class: 'lp-bar-label', x: x + colW / 2, y: base + 16, 'text-anchor': 'middle', text: '= 0' }));
  });
  for (const k of ticks) {
    const end = k === counts.length;
    const x = end ? at(k) - gap : at(k);
    chart.append(svg('line', { class: 'lp-axis', x1: x, y1: base, x2: x, y2: base + 5 }),
      svg('text', { class: 'lp-bar-label', x, y: base + 18, 'text-anchor': end ? 'end' : 'start', text: edge(k) }));
  }
  chart.append(svg('line', { class: 'lp-axis', x1: 0, y1: base + 0.5, x2: chartWidth, y2: base + 0.5 }));
  return chart;
}
