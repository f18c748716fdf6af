// The modules' size budgets, brotli (what static hosts serve; gzip is reported beside it):
// the estimator, every regional policy embedded, at most 150 KB; the national module (the
// SME tiers, the 2022 registers, the leader-eligibility self-check), loaded only when
// needed, at most 85 KB (84 until the SME tiers' remembered verdicts and lean results
// halved `sme` through JS, docs/performance.md). The build is
// deterministic, so these are asserted, where times are only measured (bench/wasm.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const BUDGETS = { lingpao_bg: 150 * 1024, lingpao_national_bg: 85 * 1024 };

for (const [name, budget] of Object.entries(BUDGETS)) {
  test(`${name}.wasm is within ${budget / 1024} KB brotli`, () => {
    const bytes = readFileSync(new URL(`../../pkg/wasm/${name}.wasm`, import.meta.url));
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;
    const gz = gzipSync(bytes, { level: 9 }).length;
    console.log(`${name}: ${bytes.length} B raw, ${gz} B gzip, ${br} B brotli (budget ${budget})`);
    assert.ok(br <= budget, `${br} B brotli is over the ${budget} B budget`);
  });
}
