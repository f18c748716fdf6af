// The page's pure modules, in Node: money formatting, link parsing (untrusted input),
// and finding a quote's article in every policy text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { money, moneyFull, toWan, groupDigits } from '../../www/js/i18n.js';
import { fromHash, toHash, defaultState, isDate, MAX_REQUEST_BYTES } from '../../www/js/state.js';
import { article } from '../../www/js/sources.js';
import { registry } from '../../www/js/registry.js';
import { rankRegions, compareYuan } from '../../www/js/compare.js';
import * as lingpao from '../../pkg/index.js';

const root = new URL('../../', import.meta.url).pathname;

test('money: exact 万元 / 元 and CNY, never through floats', () => {
  assert.equal(money('160000', 'zh'), '16 万元');
  assert.equal(money('75000', 'zh'), '7.5 万元');
  assert.equal(money('5000', 'zh'), '5,000 元');
  assert.equal(money('9500.50', 'zh'), '9,500.50 元');
  assert.equal(moneyFull('160000', 'zh'), '16 万元（160,000 元）');
  assert.equal(money('160000', 'en'), 'CNY 160,000');
  assert.equal(toWan('12345678901234567.89'), '1234567890123.456789');
  assert.equal(groupDigits('0'), '0');
});

await lingpao.init();
const { kinds, sources } = registry(lingpao);
const ids = ['beijing', 'tianjin', 'hebei'];
const base = { ...defaultState(ids), as_of: '2024-01-01' };

test('a link round-trips through the hash', () => {
  const state = { ...base, region: 'tianjin', lang: 'en', view: 'compare', achievements: [{ kind: 'standard', level: 'national', action: 'formulate', role: 'lead', count: 2, subject: 'a&b=c#d' }] };
  const back = fromHash(toHash(state), base, ids, kinds);
  assert.deepEqual(back.state, state);
  assert.equal(back.invalid, false);
});

test('untrusted links: wrong types, unknown kinds, fields and values are dropped', () => {
  const hash = `#req=${encodeURIComponent(JSON.stringify({
    region: 'atlantis', as_of: '2024-13-45', lang: 'xx',
    achievements: [
      { kind: 'standard', level: 'galactic', action: 'formulate', role: 'lead', count: -3, evil: '<script>', subject: 42 },
      { kind: '__proto__' }, 'text', null, [1],
      { kind: 'leader', level: 'national', held_months: 12, actual_cost_yuan: '1e9' },
    ],
  }))}`;
  const { state, invalid } = fromHash(hash, base, ids, kinds);
  assert.equal(invalid, true);
  assert.equal(state.region, 'beijing');
  assert.equal(state.as_of, '2024-01-01');
  assert.equal(state.lang, 'zh');
  assert.deepEqual(state.achievements, [
    { kind: 'standard', level: 'international', action: 'formulate', role: 'lead', count: 1 },
    { kind: 'leader', level: 'national', held_months: 12, count: 1 },
  ]);
  for (const bad of ['#req=%7B', '#req=null', '#req=%5B%5D', `#req=${'x'.repeat(200000)}`]) {
    assert.equal(fromHash(bad, base, ids, kinds).invalid, true, bad.slice(0, 20));
  }
  assert.equal(fromHash('', base, ids, kinds).present, false);
  assert.equal(fromHash('#app', base, ids, kinds).present, false);
});

test('link dates are calendar days, and the size limit is the engine\'s', () => {
  for (const d of ['2024-02-29', '2022-06-30', '2000-02-29', '2022-12-31']) assert.equal(isDate(d), true, d);
  for (const d of ['2022-02-30', '2023-02-29', '2022-04-31', '1900-02-29', '2022-13-01', '2022-00-10', '2022-06-00', '2022-6-30', 20220630, null]) assert.equal(isDate(d), false, String(d));
  assert.equal(MAX_REQUEST_BYTES, lingpao.MAX_REQUEST_BYTES);
  const { state, problems } = fromHash(`#req=${encodeURIComponent(JSON.stringify({ as_of: '2022-02-30', region: 'tianjin' }))}`, base, ids, kinds);
  assert.equal(state.as_of, base.as_of);
  assert.equal(state.region, 'tianjin');
  assert.deepEqual(problems, [{ field: 'as_of', why: 'date', value: '2022-02-30' }]);
  const big = fromHash(`#req=${encodeURIComponent(JSON.stringify({ region: 'tianjin', achievements: [{ kind: 'leader', subject: 'x'.repeat(MAX_REQUEST_BYTES) }] }))}`, base, ids, kinds);
  assert.deepEqual(big.problems, [{ field: 'request', why: 'size', value: undefined }]);
});

test('property: any link gives a valid state, and says so when it dropped something', () => {
  let seed = 12;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const leaves = [NaN, null, true, -1, 0, 2, 1e308, '', 'tianjin', 'mars', '2022-02-30', '2024-02-29', 'zh', 'en', 'standard', 'national', 'lead', 'a\ud800', '\ufeff', '<script>', 'x'.repeat(300)];
  const value = (d) => {
    const r = rand();
    if (d > 0 && r < 0.25) return Array.from({ length: Math.floor(rand() * 4) }, () => value(d - 1));
    if (d > 0 && r < 0.5) return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, () => [pick(['kind', 'level', 'action', 'role', 'count', 'subject', 'actual_cost_yuan', 'evil', '__proto__']), value(d - 1)]));
    return pick(leaves);
  };
  for (let i = 0; i < 500; i++) {
    const req = Object.fromEntries(['region', 'as_of', 'lang', 'achievements', 'colour'].filter(() => rand() < 0.7).map((k) => [k, value(3)]));
    const text = rand() < 0.1 ? JSON.stringify(req).slice(0, Math.floor(rand() * 40)) : JSON.stringify(req);
    const { state, invalid, problems } = fromHash(`#req=${encodeURIComponent(text)}`, base, ids, kinds);
    assert.ok(ids.includes(state.region) && isDate(state.as_of) && ['zh', 'en'].includes(state.lang), `case ${i}`);
    assert.ok(state.achievements.length <= 200 && state.achievements.every((a) => kinds.byId.has(a.kind)));
    assert.equal(invalid, problems.length > 0);
    assert.ok(problems.every((p) => typeof p.field === 'string' && p.field.length <= 64 && (p.value === undefined || p.value.length <= 40)), JSON.stringify(problems));
    try { lingpao.estimate({ region: state.region, as_of: state.as_of, lang: state.lang, achievements: state.achievements }); } catch (e) {
      assert.ok(typeof e.field === 'string' && e.message_zh, `case ${i}: ${e.message}`);
    }
  }
});

test('the page ranks the regions exactly as the engine\'s compare()', async () => {
  for (const [a, b, sign] of [['160000', '75000', 1], ['2.5', '2.50', 0], ['9500.5', '9500.49', 1], ['0', '0.01', -1], ['100', '99.99', 1]]) {
    assert.equal(Math.sign(compareYuan(a, b)), sign, `${a} vs ${b}`);
  }
  const ids = lingpao.regions().map((r) => r.id);
  const std = { kind: 'standard', level: 'national', action: 'formulate', role: 'lead' };
  const requests = [
    { as_of: '2022-06-30', achievements: [{ ...std, count: 2 }] },
    { as_of: '2021-06-30', lang: 'en', achievements: [{ kind: 'leader', level: 'national' }, { kind: 'pilot', level: 'provincial', actual_cost_yuan: '9500.50' }] },
    { as_of: '2024-01-01', achievements: Array.from({ length: 200 }, (_, i) => ({ ...std, level: ['national', 'industry', 'regional', 'group', 'provincial'][i % 5], count: 1 + (i % 3) })) },
    { achievements: [{ kind: 'leader', level: 'provincial' }] },
  ];
  for (const req of requests) assert.deepEqual(await rankRegions(lingpao, req, ids), lingpao.compare(req));
  let live = true;
  const stopped = rankRegions(lingpao, requests[0], ids, () => live);
  live = false;
  assert.equal(await stopped, null);
});

test('every quote of every region is found in its text, within a readable article', async () => {
  let n = 0;
  for (const r of lingpao.regions()) {
    for (const p of lingpao.explain(r.id).policies) {
      const text = readFileSync(`${root}policies/${sources[p.id].file}`, 'utf8'); // unbuilt: sources/<name>
      for (const row of [...p.rules, ...p.limits, ...p.conditions, ...p.notices, ...p.benefits]) {
        const a = article(text, row.quote);
        assert.ok(a, `${p.id} ${row.clause}: quote not located`);
        assert.equal(a.quote.replace(/\s+/g, ''), row.quote.replace(/\s+/g, ''));
        assert.ok(a.before.length + a.quote.length + a.after.length < 3000, `${p.id} ${row.clause}: passage too long`);
        n++;
      }
    }
  }
  assert.ok(n > 500);
  const tianjin = readFileSync(`${root}policies/sources/04-tianjin-subsidy-fund.txt`, 'utf8');
  const seventh = article(tianjin, '每项标准分别给予 8 万元、4 万元、3 万元资助');
  assert.match(seventh.before, /^第七条/);
});

test('the what-if panel and the import take differences of yuan exactly', async () => {
  const { difference } = await import('../../www/js/yuan.js');
  assert.equal(difference('200000', '160000'), '+40000');
  assert.equal(difference('0', '60000'), '-60000');
  assert.equal(difference('0.3', '0.1'), '+0.2'); // 0.3 - 0.1 in floats is 0.19999999999999998
  assert.equal(difference('1234567.05', '1234567.05'), '0');
  assert.equal(difference('10.5', '100'), '-89.5');
});
