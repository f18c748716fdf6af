// Every data-driven case of policies/cases/ gives the identical result JSON through the
// wasm module (in Node) and through the native CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { parse } from 'smol-toml';
import * as lingpao from '../../pkg/index.js';

const root = new URL('../../', import.meta.url).pathname;
const cli = process.env.LINGPAO_BIN ?? `${root}target/debug/lingpao`;

function native(requestText) {
  const out = spawnSync(cli, ['estimate'], { input: requestText, encoding: 'utf8' });
  return out.status === 0 ? { ok: JSON.parse(out.stdout) } : { err: JSON.parse(out.stderr).error.field, status: out.status };
}

function viaWasm(requestText) {
  try {
    return { ok: JSON.parse(lingpao.estimateJson(requestText)) };
  } catch (e) {
    return { err: e.field, status: 2 };
  }
}

test('wasm and native agree on every case', async () => {
  await lingpao.init();
  let n = 0;
  for (const file of readdirSync(`${root}policies/cases`).filter((f) => f.endsWith('.toml')).sort()) {
    const { case: cases } = parse(readFileSync(`${root}policies/cases/${file}`, 'utf8'));
    for (const c of cases) {
      const text = JSON.stringify(c.request, (_, v) => (typeof v === 'bigint' ? Number(v) : v));
      const a = native(text);
      const b = viaWasm(text);
      assert.deepEqual(b, a, `${file} — ${c.name}`);
      if (c.total_yuan !== undefined) assert.equal(b.ok.total_yuan, c.total_yuan, `${file} — ${c.name}`);
      // The object API gives the same as JSON text in, JSON text out.
      if (b.ok) assert.deepEqual(JSON.parse(JSON.stringify(lingpao.estimate(JSON.parse(text)))), b.ok, `${file} — ${c.name} (object API)`);
      n += 1;
    }
  }
  assert.ok(n >= 100, `only ${n} cases`);
  console.log(`parity: ${n} cases identical in wasm and native`);
});
