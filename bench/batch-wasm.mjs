// The page's file import in Node, per unit: the wasm batch entry (`batchLines`, pieces
// of 2,048 lines: the CLI's reading and totals path) against `estimateJson` once per line
// (the full explained result, then parsed), on the same Tianjin units; and the whole
// import module (www/js/batch.js: reading a Blob, sums, CSV) as the page's worker runs
// it. Measured, not asserted. Run: node bench/batch-wasm.mjs [units]
import * as lingpao from '../pkg/index.js';
import { runBatch, PIECE_LINES } from '../www/js/batch.js';
import { units } from './units.mjs';

const n = Number(process.argv[2] ?? 100000);
await lingpao.init();
const lines = units(n, { seed: 2022 });
const text = `${lines.join('\n')}\n`;
const bytes = new TextEncoder().encode(text);
const best = (f, runs = 3) => Math.min(...Array.from({ length: runs }, () => { const t0 = performance.now(); f(); return performance.now() - t0; }));
const perUnit = (ms) => `${((ms * 1000) / n).toFixed(2)} µs/unit`;

const pieces = [];
for (let i = 0; i < n; i += PIECE_LINES) pieces.push(new TextEncoder().encode(`${lines.slice(i, i + PIECE_LINES).join('\n')}\n`));
const batch = best(() => { let after = 0; for (const p of pieces) { lingpao.batchLines(p, after); after += PIECE_LINES; } });
const each = best(() => { for (const l of lines) JSON.parse(lingpao.estimateJson(l)); }, 1);
const t0 = performance.now();
await runBatch(lingpao, new Blob([bytes]), { name: 'units.jsonl' });
const module = performance.now() - t0;
console.log(JSON.stringify({ units: n, bytes: bytes.length, batchLines_ms: Math.round(batch), batchLines: perUnit(batch), estimateJson_per_line_ms: Math.round(each), estimateJson_per_line: perUnit(each), import_module_ms: Math.round(module), import_module: perUnit(module) }));
