// The npm package's API in Node: results, typed errors, and no trap on any input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as lingpao from '../../pkg/index.js';
import { readFileSync } from 'node:fs';

// How many regions the data defines (each a `[[region]]` of policies/regions.toml).
const REGIONS = readFileSync(new URL('../../policies/regions.toml', import.meta.url), 'utf8').match(/^\[\[region\]\]/gm).length;

const tianjin = {
  region: 'tianjin',
  as_of: '2022-06-30',
  achievements: [{ kind: 'standard', level: 'national', action: 'formulate', role: 'lead', count: 2 }],
};

test('calls before init say so', () => {
  assert.throws(() => lingpao.estimate(tianjin), /await init\(\)/);
});

test('init once, estimate with cited lines', async () => {
  await lingpao.init();
  await lingpao.init(); // idempotent
  await lingpao.initNational(); // lookup, eligibility and the SME tiers: the second module
  const r = lingpao.estimate(tianjin);
  assert.equal(r.total_yuan, '160000');
  assert.equal(r.total_is_upper_bound, false);
  assert.equal(r.lines[0].clause, '第七条');
  assert.match(r.lines[0].quote, /8 万元/);
  assert.equal(typeof r.lines[0].amount_yuan, 'string');
  assert.deepEqual(r.unmatched, []);
  assert.equal(r.policies.find((p) => p.id === 'tianjin-subsidy-fund').status, 'in_force');
});

test('no achievements: a total of 0 with the region\'s warnings, not an error', () => {
  const r = lingpao.estimate({ region: 'tianjin', as_of: '2025-01-01', achievements: [] });
  assert.equal(r.total_yuan, '0');
  assert.deepEqual(r.lines, []);
  assert.ok(r.warnings.some((w) => w.includes('失效')), r.warnings.join(' | '));
  assert.ok(lingpao.compare({ achievements: [] }).ranking.every((x) => x.total_yuan === '0'));
});

test('money in may be a whole number or a decimal string; out it is always a string', () => {
  const r = lingpao.estimate({ region: 'beijing', as_of: '2021-01-01', achievements: [
    { kind: 'pilot', level: 'national', actual_cost_yuan: 120000 },
    { kind: 'pilot', level: 'provincial', actual_cost_yuan: '9500.50' },
  ] });
  assert.deepEqual(r.lines.map((l) => l.amount_yuan), ['120000', '9500.5']);
  assert.equal(r.total_yuan, '129500.5');
  assert.equal(r.total_is_upper_bound, true);
});

test('bad input throws an Error naming the field, with the allowed values as properties', () => {
  const cases = [
    [{ region: 'atlantis', achievements: tianjin.achievements }, 'region', 'tianjin'],
    [{ region: 'tianjin', achievements: [{ kind: 'standard', level: 'city', action: 'formulate', role: 'lead' }] }, 'achievements[0].level', 'national'],
    [{ region: 'tianjin', achievements: [{ kind: 'medal' }] }, 'achievements[0].kind', 'leader'],
    [{ region: 'tianjin', achievements: [{ kind: 'leader', level: 'national', count: -3 }] }, 'achievements[0].count', undefined],
    [{ region: 'tianjin', achievements: [{ kind: 'leader', level: 'national', count: 2.5 }] }, 'achievements[0].count', undefined],
    [{ region: 'beijing', achievements: [{ kind: 'pilot', level: 'national', actual_cost_yuan: 1.5 }] }, 'achievements[0].actual_cost_yuan', undefined],
  ];
  for (const [request, field, allowedOne] of cases) {
    assert.throws(() => lingpao.estimate(request), (e) => {
      assert.ok(e instanceof Error, 'an Error');
      assert.equal(e.field, field);
      assert.ok(e.message.includes(field), e.message);
      assert.ok(Array.isArray(e.allowed));
      if (allowedOne) assert.ok(e.allowed.includes(allowedOne), `${field}: ${e.allowed}`);
      assert.ok(e.message_zh.length > 0);
      return true;
    });
  }
  assert.throws(() => lingpao.estimateJson('{"region":'), (e) => e.field === 'request' && /malformed JSON/.test(e.message)
    && e.message_zh === 'JSON 格式错误：文本意外结束（第 1 行第 11 列）');
  assert.throws(() => lingpao.explain('atlantis'), (e) => e.field === 'region' && e.allowed.length === REGIONS);
  assert.throws(() => lingpao.regions('yesterday'), (e) => e.field === 'as_of');
  assert.throws(() => lingpao.regions(undefined, 'fr'), (e) => e.field === 'lang');
});

test('no input traps the module', () => {
  const weird = [null, undefined, 42, 'x', [], {}, { region: null }, { achievements: 'all' },
    { region: 'tianjin', achievements: [null] }, { region: 'tianjin', achievements: [{ kind: 'standard', level: {} }] },
    { region: 'tianjin', achievements: [{ kind: 'leader', level: 'national', count: 1e300 }] },
    { region: 'tianjin', achievements: Array.from({ length: 500 }, () => ({ kind: 'leader', level: 'national' })) },
    { region: 'tianjin', as_of: '2022-02-30', achievements: [] }, { region: 'tianjin', achievements: [{ kind: 'leader', level: 'national', subject: 'x'.repeat(10000) }] }];
  for (const w of weird) {
    try { lingpao.estimate(w); } catch (e) { assert.ok(e instanceof Error); }
    try { lingpao.compare(w); } catch (e) { assert.ok(e instanceof Error); }
  }
  // Still alive after all that:
  assert.equal(lingpao.estimate(tianjin).total_yuan, '160000');
});

test('compare, regions, explain, version', () => {
  const c = lingpao.compare({ as_of: '2022-06-30', achievements: tianjin.achievements });
  assert.equal(c.ranking.length, REGIONS);
  assert.equal(c.ranking[0].rank, 1);
  assert.equal(c.ranking.find((r) => r.region === 'tianjin').total_yuan, '160000');
  const totals = c.ranking.map((r) => Number(r.total_yuan));
  assert.deepEqual([...totals].sort((a, b) => b - a), totals);
  const regions = lingpao.regions('2022-06-30', 'en');
  assert.equal(regions.length, REGIONS);
  assert.equal(regions.find((r) => r.id === 'tianjin').name.en, 'Tianjin');
  const e = lingpao.explain('tianjin', 'en');
  assert.ok(e.policies.some((p) => p.rules.some((r) => r.id === 'national_formulate_lead')));
  const k = lingpao.kinds();
  assert.ok(k.kind.some((x) => x.id === 'standard' && x.field.some((f) => f.name === 'level' && f.values.includes('group'))));
  assert.equal(k.values.role.lead.en, 'Lead');
  assert.ok(lingpao.regions().every((r) => r.policies.every((p) => p.source.endsWith('.txt'))));
  const v = lingpao.version();
  assert.match(v.package, /^\d+\.\d+\.\d+$/);
  assert.match(v.data, /\+data\./);
});

test('eligibility: each condition met / not met / unknown, with clause and quote', () => {
  const r = lingpao.eligibility({ region: 'shaanxi', facts: { years_implemented: 1, declared: true } });
  assert.equal(r.verdict, 'some_not_met');
  const two = r.conditions.find((c) => c.policy === 'shaanxi-leader-plan' && c.id === 'implemented_two_years');
  assert.equal(two.status, 'not_met');
  assert.equal(two.value, 12);
  assert.deepEqual(two.requirement, { min: 24 });
  assert.equal(two.clause, '三、（一）1.');
  assert.match(two.quote, /已实施2年以上/);
  assert.equal(r.conditions.find((c) => c.scope === 'national' && c.id === 'implemented_twelve_months').status, 'met');
  assert.ok(r.conditions.some((c) => c.status === 'unknown'));
  assert.ok(r.missing_facts.includes('incidents_3y'));
  assert.throws(() => lingpao.eligibility({ region: 'shaanxi', facts: { declared: 'yes' } }), (e) => e.field === 'facts.declared');
  assert.throws(() => lingpao.eligibility({ region: 'shaanxi', facts: { colour: 1 } }), (e) => e.field === 'facts.colour' && e.allowed.includes('months_held'));
  for (const w of [null, undefined, 'x', { region: 'shaanxi', facts: [] }, { region: 'shaanxi', facts: { months_held: 1e300 } }]) {
    try { lingpao.eligibility(w); } catch (e) { assert.ok(e instanceof Error); }
  }
});

test('lookup: the 2022 registers by keyword', () => {
  const r = lingpao.lookup('鲁花');
  assert.equal(r.count, 5);
  assert.ok(r.hits.every((h) => h.register === 'grain-oil-leaders-2022' && h.row.company === '山东鲁花集团有限公司'));
  const toys = lingpao.lookup('玩具');
  assert.deepEqual(toys.hits[0].row, { no: '41', industry: '文教、工美、体育和娱乐用品制造业', domain: '玩具' });
  assert.equal(toys.hits[0].clause, '一、13.');
  assert.equal(lingpao.lookup('火箭').count, 0);
  for (const blank of ['', '  ', undefined, null]) {
    assert.throws(() => lingpao.lookup(blank), (e) => e.field === 'text');
  }
});
