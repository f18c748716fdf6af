// The module's size budget: the wasm, every policy embedded, at most 150 KB brotli (what
// static hosts serve; gzip is reported beside it). The build is deterministic, so this is
// asserted, where times are only measured (bench/wasm.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const BUDGET_BROTLI = 150 * 1024;

test('the wasm module is within 150 KB brotli', () => {
  const bytes = readFileSync(new URL('../../pkg/wasm/lingpao_bg.wasm', import.meta.url));
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;
  const gz = gzipSync(bytes, { level: 9 }).length;
  console.log(`wasm: ${bytes.length} B raw, ${gz} B gzip, ${br} B brotli (budget ${BUDGET_BROTLI})`);
  assert.ok(br <= BUDGET_BROTLI, `${br} B brotli is over the ${BUDGET_BROTLI} B budget`);
});
