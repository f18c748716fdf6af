// The module's own allocator (src/heap.rs) takes freed blocks back: after a few rounds
// of every call, hundreds more leave linear memory the same size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as glue from '../../pkg/wasm/lingpao.js';

test('linear memory stays the same size over hundreds of rounds of every call', () => {
  const exports = glue.initSync({ module: readFileSync(new URL('../../pkg/wasm/lingpao_bg.wasm', import.meta.url)) });
  const request = readFileSync(new URL('../../benches/request.json', import.meta.url), 'utf8');
  // A piece of the page's file import: many lines, a bad one among them.
  const lines = new TextEncoder().encode(`${`${request.replace(/\n/g, ' ')}\n`.repeat(200)}not json\n`);
  const round = () => {
    assert.ok(glue.estimateJson(request).length > 1000);
    glue.compareJson(request);
    glue.adviseJson(request);
    glue.explainJson('tianjin', 'en');
    glue.regionsJson(undefined, 'zh');
    glue.kindsJson();
    assert.equal(glue.batchLines(lines, 0).length > 200 * 50, true);
    assert.throws(() => glue.estimateJson('{"region":"nowhere","achievements":[]}'), /region/);
  };
  for (let i = 0; i < 5; i++) round();
  const size = exports.memory.buffer.byteLength;
  for (let i = 0; i < 300; i++) round();
  assert.equal(exports.memory.buffer.byteLength, size, 'memory grew: blocks are not taken back');
});
