// The SME self-assessment through the npm package (wasm in Node): every hand-computed case
// of policies/cases/sme/cases.toml holds as it does natively (tests/sme.rs), the JSON is
// the CLI's, and bad facts throw an Error naming `facts.<id>`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { parse } from 'smol-toml';
import * as lingpao from '../../pkg/index.js';

const root = new URL('../../', import.meta.url).pathname;
const cli = process.env.LINGPAO_BIN ?? `${root}target/debug/lingpao`;
const plain = (v) => JSON.parse(JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x)));
const file = plain(parse(readFileSync(`${root}policies/cases/sme/cases.toml`, 'utf8')));

function factsOf(c) {
  const facts = { ...file.base[c.base], ...(c.facts ?? {}) };
  for (const k of c.leave_out ?? []) delete facts[k];
  return facts;
}

/** Every way the result differs from the case (as `differences` in tests/sme_common). */
function differences(c, r) {
  const out = [];
  const tier = (id) => r.tiers.find((t) => t.id === id);
  for (const id of ['innovative', 'specialized', 'little_giant']) {
    const e = c[id];
    const t = tier(id);
    if (t.verdict !== e.verdict) out.push(`${id}: verdict ${t.verdict} (expected ${e.verdict})`);
    for (const k of ['points_min', 'points_max']) {
      if (e[k] !== undefined && t.score?.[k] !== e[k]) out.push(`${id}: ${k} ${t.score?.[k]} (expected ${e[k]})`);
    }
    for (const [ind, want] of Object.entries(e.indicators ?? {})) {
      const i = t.indicators.find((x) => x.id === ind);
      const [lo, hi] = Array.isArray(want) ? want : [want, want];
      if (!i || i.points_min !== lo || i.points_max !== hi) out.push(`${id}.${ind}: ${i?.points_min}–${i?.points_max} (expected ${lo}–${hi})`);
    }
    for (const [list, want] of [[e.met ?? [], 'met'], [e.not_met ?? [], 'not_met']]) {
      for (const cid of list) {
        const x = t.conditions.find((y) => y.id === cid);
        if (x?.verdict !== want) out.push(`${id}.${cid}: ${x?.verdict} (expected ${want})`);
      }
    }
  }
  for (const m of c.missing ?? []) {
    const found = tier(m.tier).missing.some((x) => (m.id === undefined || x.id === m.id) && x.changes.some((ch) => ch.input === m.input && ch.to === m.to));
    if (!found) out.push(`${m.tier}: no plan${m.id ? ` ${m.id}` : ''} sets ${m.input} to ${m.to}`);
  }
  return out;
}

function native(facts, lang = 'zh') {
  const out = spawnSync(cli, ['sme'], { input: JSON.stringify({ facts, lang }), encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return JSON.parse(out.stdout);
}

test('every SME case holds through wasm, identical to the CLI', async () => {
  await lingpao.initNational();
  assert.ok(file.case.length >= 30, `only ${file.case.length} cases`);
  const failures = [];
  for (const c of file.case) {
    const facts = factsOf(c);
    const r = lingpao.sme({ facts });
    // The package puts the lean result's words back (engine::sme::lean): the same JSON
    // text as the CLI's, key order included, in both languages.
    assert.equal(JSON.stringify(r), JSON.stringify(native(facts)), `${c.name}: wasm and native differ`);
    assert.equal(JSON.stringify(lingpao.sme({ facts, lang: 'en' })), JSON.stringify(native(facts, 'en')), `${c.name} (en): wasm and native differ`);
    const diff = differences(c, r);
    // A known bug must still show (as natively); any other difference is a failure.
    if (c.known_bug ? diff.length === 0 : diff.length > 0) failures.push(`${c.name}: ${c.known_bug ? 'known_bug no longer shows' : diff.join('; ')}`);
  }
  assert.deepEqual(failures, []);
});

test('bad SME facts throw an Error naming the field and what is allowed', async () => {
  await lingpao.initNational();
  for (const [facts, field, words] of [
    [{ revenue: '-1' }, 'facts.revenue', 'from 0 to'],
    [{ debt_ratio: '100.01' }, 'facts.debt_ratio', 'from 0 to 100'],
    [{ revenue: 'ten million' }, 'facts.revenue', 'decimal string'],
    [{ staff: 2.5 }, 'facts.staff', 'whole number'],
    [{ revenue: '100', main_revenue: '200' }, 'facts.main_revenue', 'revenue'],
    [{ staff: 10, rd_staff: 11 }, 'facts.rd_staff', 'staff'],
    [{ ip_first: 1, ip_high_value: 2 }, 'facts.ip_high_value', 'ip_first'],
    [{ equity_3y: '1', equity_2y: '2' }, 'facts.equity_2y', 'equity_3y'],
    [{ turnover: 1 }, 'facts.turnover', 'unknown fact'],
    [{ rd_institution: 'galactic' }, 'facts.rd_institution', 'listed'],
    [{ revenue: Number.NaN }, 'facts.revenue', 'finite'],
  ]) {
    assert.throws(() => lingpao.sme({ facts }), (e) => {
      assert.equal(e.field, field, `${JSON.stringify(facts)}: ${e.message}`);
      assert.match(e.message, new RegExp(words));
      assert.ok(e.message_zh);
      return true;
    });
  }
  assert.throws(() => lingpao.sme({ facts: { rd_institution: 'x' } }), (e) => e.allowed.includes('provincial'));
  assert.throws(() => lingpao.sme({ facts: [] }), (e) => e.field === 'facts');
  assert.throws(() => lingpao.sme({ facts: {}, lang: 'fr' }), (e) => e.field === 'lang');
});

test('smeInputs lists the facts sme reads', async () => {
  await lingpao.initNational();
  const { inputs, sections } = lingpao.smeInputs();
  assert.deepEqual(Object.keys(file.base.strong).sort(), inputs.map((i) => i.id).sort());
  assert.ok(inputs.every((i) => sections.some((s) => s.id === i.section)));
  const en = lingpao.sme({ facts: {}, lang: 'en' });
  assert.deepEqual(en.tiers.map((t) => t.verdict), ['undetermined', 'undetermined', 'undetermined']);
});
