// Budgets of the wasm package, measured (not asserted): size raw, gzip and brotli (the
// budget, asserted by tests/js/size.test.mjs), cold start in
// Node (instantiate + first estimate, fresh process each time), estimate and compare
// through the JS boundary. Run: node bench/wasm.mjs
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';

const root = new URL('../', import.meta.url).pathname;
const wasmPath = `${root}pkg/wasm/lingpao_bg.wasm`;
const bytes = readFileSync(wasmPath);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
// This machine's speed drifts by tens of percent between minutes: the minimum shows
// what the code costs, the median what a run saw.
const min = (xs) => Math.min(...xs);

const request = JSON.parse(readFileSync(`${root}benches/request.json`, 'utf8'));

if (process.argv[2] === '--cold') {
  const t0 = performance.now();
  const lingpao = await import(`${root}pkg/index.js`);
  await lingpao.init();
  lingpao.estimate(request);
  console.log(performance.now() - t0);
  process.exit(0);
}

const cold = [];
for (let i = 0; i < 15; i++) cold.push(Number(execFileSync(process.execPath, [new URL(import.meta.url).pathname, '--cold'], { encoding: 'utf8' })));

const lingpao = await import(`${root}pkg/index.js`);
await lingpao.init();
function perCall(fn, batch, rounds) {
  for (let i = 0; i < batch; i++) fn(); // warm up
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    times.push(((performance.now() - t0) / batch) * 1000);
  }
  return times;
}
const est = perCall(() => lingpao.estimate(request), 500, 21);
// The same call as JSON text in and out (`estimateJson`), and JSON.parse of its result:
// what the engine costs, and what turning its text into objects costs in JS.
const requestText = JSON.stringify(request);
const estText = perCall(() => lingpao.estimateJson(requestText), 500, 21);
const resultText = lingpao.estimateJson(requestText);
const parse = perCall(() => JSON.parse(resultText), 500, 21);
const cmp = perCall(() => lingpao.compare(request), 50, 21);
// The advisor on the region with the most candidates, alone and across every region.
const adviseRequest = JSON.parse(readFileSync(`${root}benches/advise.json`, 'utf8'));
const adv = perCall(() => lingpao.advise(adviseRequest), 20, 21);
const advAcross = perCall(() => lingpao.advise(adviseRequest, { across: true }), 5, 11);
// The SME tiers: the module's own first load (instantiate + first assessment), then per call.
const smeRequest = JSON.parse(readFileSync(`${root}benches/sme.json`, 'utf8'));
const t0 = performance.now();
await lingpao.initNational();
lingpao.sme(smeRequest);
const smeFirst = performance.now() - t0;
const sme = perCall(() => lingpao.sme(smeRequest), 500, 21);
const smeBytes = readFileSync(`${root}pkg/wasm/lingpao_national_bg.wasm`);
const figures = {
  wasm_raw_bytes: bytes.length,
  wasm_gzip_bytes: gzipSync(bytes, { level: 9 }).length,
  wasm_brotli_bytes: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length,
  cold_start_ms_median: +median(cold).toFixed(2),
  cold_start_ms_min: +min(cold).toFixed(2),
  estimate_us_median: +median(est).toFixed(1),
  estimate_us_min: +min(est).toFixed(1),
  estimate_json_text_us_median: +median(estText).toFixed(1),
  result_json_parse_us_median: +median(parse).toFixed(1),
  compare_us_median: +median(cmp).toFixed(1),
  compare_us_min: +min(cmp).toFixed(1),
  advise_ms_median: +(median(adv) / 1000).toFixed(2),
  advise_across_ms_median: +(median(advAcross) / 1000).toFixed(2),
  national_wasm_brotli_bytes: brotliCompressSync(smeBytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: smeBytes.length } }).length,
  sme_first_ms: +smeFirst.toFixed(2),
  sme_us_median: +median(sme).toFixed(1),
  sme_us_min: +min(sme).toFixed(1),
  budgets: { wasm_brotli_bytes: 150 * 1024, national_wasm_brotli_bytes: 85 * 1024, cold_start_ms: 20, estimate_us: 50, compare_us: 1000, sme_us: 100, advise_ms: 8, advise_across_ms: 20 },
};
console.log(JSON.stringify(figures, null, 2));
