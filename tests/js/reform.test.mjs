// Reforms through the npm package: the `reform` option of estimate and compare (as data or
// JSON text), the same results as the native CLI's `--reform`, and bad reforms refused
// naming their field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { parse } from 'smol-toml';
import * as lingpao from '../../pkg/index.js';

const root = new URL('../../', import.meta.url).pathname;
const cli = process.env.LINGPAO_BIN ?? `${root}target/debug/lingpao`;
const example = `${root}examples/reform.json`;

const tianjin = {
  region: 'tianjin',
  as_of: '2022-06-30',
  achievements: [
    { kind: 'standard', level: 'national', action: 'formulate', role: 'lead', count: 2 },
    { kind: 'leader', level: 'national' },
  ],
};
const to100000 = { name: '10万', changes: [{ policy: 'tianjin-subsidy-fund', rule: 'national_formulate_lead', amount: '100000' }] };

test('estimate takes a reform as data or as JSON text', async () => {
  await lingpao.init();
  const plain = lingpao.estimate(tianjin);
  assert.equal(plain.total_yuan, '220000');
  assert.equal('baseline_total_yuan' in plain, false);
  for (const reform of [to100000, JSON.stringify(to100000)]) {
    const r = lingpao.estimate(tianjin, { reform });
    // 2 × 100000 + 60000, against 2 × 80000 + 60000.
    assert.equal(r.total_yuan, '260000');
    assert.equal(r.baseline_total_yuan, '220000');
    assert.equal(r.reform.name, '10万');
    assert.deepEqual(r.lines[0].reform.changes[0], { policy: 'tianjin-subsidy-fund', rule: 'national_formulate_lead', clause: '第七条', field: 'amount', baseline: '80000', reform: '100000' });
    assert.equal(r.lines[0].reform.baseline_amount_yuan, '160000');
    assert.equal(r.lines[1].reform, undefined, 'the leader line did not change');
  }
  assert.deepEqual(lingpao.estimate(tianjin, {}), plain);
  assert.deepEqual(lingpao.estimate(tianjin, { reform: null }), plain);
  const text = JSON.parse(lingpao.estimateJson(JSON.stringify(tianjin), JSON.stringify(to100000)));
  assert.equal(text.total_yuan, '260000');
});

test('compare ranks by the reform\'s totals', () => {
  const big = { changes: [{ policy: 'tianjin-subsidy-fund', rule: 'national_formulate_lead', amount: '10000000' }] };
  const c = lingpao.compare(tianjin, { reform: big });
  assert.equal(c.ranking[0].region, 'tianjin');
  assert.equal(c.ranking[0].total_yuan, '20060000');
  assert.equal(c.ranking[0].baseline_total_yuan, '220000');
});

test('a bad reform is refused naming its field', () => {
  const bad = [
    [{ changes: [] }, 'reform.changes'],
    [{ changes: [{ policy: 'atlantis', rule: 'x', amount: '1' }] }, 'reform.changes[0].policy'],
    [{ changes: [{ policy: 'tianjin-subsidy-fund', rule: 'nope', amount: '1' }] }, 'reform.changes[0].rule'],
    [{ changes: [{ policy: 'tianjin-subsidy-fund', rule: 'national_formulate_lead', amount: '-1' }] }, 'reform.changes[0].amount'],
    [{ changes: [{ policy: 'tianjin-subsidy-fund', rule: 'national_formulate_lead', amount: NaN }] }, 'reform.changes[0].amount'],
    [{ changes: [{ policy: 'tianjin-subsidy-fund', rule: 'national_formulate_lead', percent: '50' }] }, 'reform.changes[0].percent'],
    ['{oops', 'reform'],
    [42, 'reform'],
  ];
  for (const [reform, field] of bad) {
    assert.throws(() => lingpao.estimate(tianjin, { reform }), (e) => {
      assert.equal(e.field, field, `${JSON.stringify(reform)}: ${e.message}`);
      assert.ok(e.message_zh.length > 0);
      return true;
    });
  }
  const e = (() => { try { lingpao.estimate(tianjin, { reform: bad[2][0] }); } catch (x) { return x; } })();
  assert.ok(e.allowed.includes('national_formulate_lead'), e.allowed.join());
  assert.throws(() => lingpao.estimate(tianjin, 'reform'), (x) => x.field === 'options');
  assert.throws(() => lingpao.compare(tianjin, { reform: { changes: 'x' } }), (x) => x.field === 'reform.changes');
});

test('wasm and native agree under the example reform on every case', () => {
  const reform = readFileSync(example, 'utf8');
  let n = 0;
  let changed = 0;
  for (const file of readdirSync(`${root}policies/cases`).filter((f) => f.endsWith('.toml')).sort()) {
    const { case: cases } = parse(readFileSync(`${root}policies/cases/${file}`, 'utf8'));
    for (const c of cases) {
      const text = JSON.stringify(c.request, (_, v) => (typeof v === 'bigint' ? Number(v) : v));
      const out = spawnSync(cli, ['estimate', '--reform', example], { input: text, encoding: 'utf8' });
      const native = out.status === 0 ? { ok: JSON.parse(out.stdout) } : { err: JSON.parse(out.stderr).error.field };
      let wasm;
      try { wasm = { ok: JSON.parse(lingpao.estimateJson(text, reform)) }; } catch (e) { wasm = { err: e.field }; }
      assert.deepEqual(wasm, native, `${file} — ${c.name}`);
      if (wasm.ok && wasm.ok.total_yuan !== wasm.ok.baseline_total_yuan) changed += 1;
      n += 1;
    }
  }
  assert.ok(n >= 100 && changed >= 5, `${n} cases, ${changed} changed`);
});
