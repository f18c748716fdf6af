// The npm package against odd and hostile input (issue 13, items 2, 4, 5, 6, 8, 9, 10):
// every bad value is an Error naming its field, with message_zh; nothing becomes
// "not given" on the way through JSON.stringify; a failed init can be retried.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as lingpao from '../../pkg/index.js';

const item = { kind: 'standard', level: 'national', action: 'formulate', role: 'lead' };
const request = (patch = {}, itemPatch = {}) => ({ region: 'tianjin', as_of: '2022-06-30', achievements: [{ ...item, ...itemPatch }], ...patch });

/** `call` throws the engine's error form, naming `field`. */
function refuses(call, field, pattern) {
  assert.throws(call, (e) => {
    assert.ok(e instanceof Error, `an Error, not ${e?.constructor?.name}`);
    assert.equal(e.field, field, e.message);
    assert.ok(typeof e.message_zh === 'string' && e.message_zh.length > 0, 'message_zh');
    assert.ok(Array.isArray(e.allowed), 'allowed');
    assert.ok(e.message.startsWith(`${field}: `), e.message);
    if (pattern) assert.match(e.message, pattern);
    assert.ok(e.message.length < 400 && e.field.length < 200, `short: ${e.message.length} chars`);
    return true;
  });
}

test('a failed init can be retried', async () => {
  assert.throws(() => lingpao.estimate(request()), /await init\(\)/);
  await assert.rejects(lingpao.init(new Uint8Array([0, 0x61, 0x73, 0x6d, 9, 9, 9, 9])));
  await lingpao.init();
  await lingpao.initNational();
  assert.equal(lingpao.estimate(request()).total_yuan, '80000');
});

test('what is not plain data is read as JSON.stringify reads it', () => {
  const plain = lingpao.estimate(request());
  // Plain data is written directly; the rest takes the checking path, with the same answer.
  assert.deepEqual(lingpao.estimate(Object.assign(Object.create(null), request())), plain);
  assert.deepEqual(lingpao.estimate({ toJSON: () => request() }), plain);
  assert.deepEqual(lingpao.estimate(request({ as_of: new Date('2022-06-30T12:00:00+08:00') })), plain);
  assert.deepEqual(lingpao.estimate(request({ note: undefined })), plain);
  const cycle = request();
  cycle.achievements[0].self = cycle;
  assert.throws(() => lingpao.estimate(cycle), (e) => e.field === 'request' && /not plain JSON data/.test(e.message));
});

test('NaN, Infinity and invalid Dates are refused, naming the field', () => {
  refuses(() => lingpao.estimate(request({}, { actual_cost_yuan: NaN })), 'achievements[0].actual_cost_yuan', /finite/);
  refuses(() => lingpao.estimate(request({}, { count: NaN })), 'achievements[0].count', /finite/);
  refuses(() => lingpao.estimate(request({}, { count: Infinity })), 'achievements[0].count');
  refuses(() => lingpao.compare(request({}, { count: -Infinity })), 'achievements[0].count');
  refuses(() => lingpao.estimate(request({ as_of: new Date('x') })), 'as_of', /invalid Date/);
  refuses(() => lingpao.eligibility({ region: 'shaanxi', facts: { years_implemented: NaN } }), 'facts.years_implemented');
  refuses(() => lingpao.estimate(NaN), 'request');
  refuses(() => lingpao.regions(new Date('x')), 'as_of', /invalid Date/);
});

test('a valid Date is its calendar day in China (UTC+8)', () => {
  const byDate = lingpao.estimate(request({ as_of: new Date('2022-06-30T00:00:00+08:00') }));
  assert.equal(byDate.as_of, '2022-06-30');
  assert.equal(lingpao.estimate(request({ as_of: new Date('2022-06-29T16:00:00Z') })).as_of, '2022-06-30');
  assert.deepEqual(lingpao.regions(new Date('2025-01-01T00:00:00+08:00')), lingpao.regions('2025-01-01'));
});

test('arguments of the wrong type give the documented error, not a TypeError', () => {
  refuses(() => lingpao.regions(20220630), 'as_of', /must be a string, not a number/);
  refuses(() => lingpao.regions(undefined, 5), 'lang');
  refuses(() => lingpao.explain('beijing', 5), 'lang');
  refuses(() => lingpao.explain(42), 'region');
  refuses(() => lingpao.explain({ toString: () => 'beijing' }), 'region', /not an object/);
  refuses(() => lingpao.lookup(['鲁花']), 'text', /not an array/);
  refuses(() => lingpao.estimateJson({}), 'request');
  refuses(() => lingpao.estimate(request({ as_of: 20220630 })), 'as_of');
  refuses(() => lingpao.estimate(10n), 'request');
  // Absent optional arguments are still the defaults.
  assert.equal(lingpao.regions(undefined, undefined).length, lingpao.regions().length);
  assert.equal(lingpao.explain('beijing', null).region, 'beijing');
});

test('requests over 1 MiB are refused before they enter wasm', () => {
  assert.equal(lingpao.MAX_REQUEST_BYTES, 1048576);
  const big = request({}, { subject: 'x'.repeat(lingpao.MAX_REQUEST_BYTES) });
  refuses(() => lingpao.estimate(big), 'request', /1048576/);
  refuses(() => lingpao.estimateJson(JSON.stringify(big)), 'request', /1048576/);
  // Under the JS check (units), over the engine's (bytes: 3 per character here).
  const wide = request({}, { subject: '领'.repeat(400_000) });
  refuses(() => lingpao.estimate(wide), 'request', /1048576/);
  refuses(() => lingpao.explain('r'.repeat(2_000_000)), 'region', /1048576/);
  // 150 MB (the case) costs no wasm memory: refused in JS.
  const before = process.memoryUsage().arrayBuffers;
  refuses(() => lingpao.estimateJson(' '.repeat(150_000_000)), 'request');
  assert.ok(process.memoryUsage().arrayBuffers - before < 64 << 20);
});

test('echoed values are cut short', () => {
  refuses(() => lingpao.estimate(request({ region: 'r'.repeat(500_000) })), 'region', /\(500000 characters\)/);
  refuses(() => lingpao.explain('r'.repeat(500_000)), 'region', /\(500000 characters\)/);
  const key = 'k'.repeat(100_000);
  refuses(() => lingpao.estimate(request({}, { [key]: 1 })), `achievements[0].${'k'.repeat(32)}… (100000 characters)`);
});

test('a lone surrogate names the field that holds it', () => {
  refuses(() => lingpao.estimate(request({}, { subject: 'a\ud800b' })), 'achievements[0].subject', /lone surrogate/);
  refuses(() => lingpao.estimate(request({ region: '\udc00' })), 'region', /lone surrogate/);
  refuses(() => lingpao.estimateJson(JSON.stringify(request()).replace('standard', 'stan\ud800dard')), 'achievements[0].kind', /lone surrogate/);
  refuses(() => lingpao.explain('bei\ud800jing'), 'region', /lone surrogate/);
  refuses(() => lingpao.lookup('\udfff'), 'text', /lone surrogate/);
  // A pair is fine.
  assert.equal(lingpao.estimate(request({}, { subject: '标准😀' })).total_yuan, '80000');
});

test('a byte-order mark before JSON text is accepted', () => {
  const r = JSON.parse(lingpao.estimateJson(`\ufeff${JSON.stringify(request())}`));
  assert.equal(r.total_yuan, '80000');
});

// Hostile values in every slot of every entry point: an Error with field and message_zh,
// or a result, never a TypeError, a trap or a silent default.
const hostile = [NaN, Infinity, -Infinity, new Date('x'), 10n, Symbol('s'), () => 1, 'a\ud800', '\ufeff2022-06-30',
  'x'.repeat(300_000), 'é'.repeat(1_100_000), [[[[[[[[[[1]]]]]]]]]], JSON.parse('['.repeat(200) + ']'.repeat(200)), { a: { b: { c: {} } } },
  null, undefined, true, 0, -1, 1e308, 2 ** 53, '', [], {}];
const nest = (depth) => (depth ? { a: nest(depth - 1) } : 1);

test('hostile values anywhere give the documented error or a result', () => {
  const seen = new Map();
  const attempt = (name, call) => {
    try { call(); seen.set('ok', (seen.get('ok') ?? 0) + 1); } catch (e) {
      assert.ok(e instanceof Error && typeof e.field === 'string' && e.field && typeof e.message_zh === 'string',
        `${name}: ${e?.constructor?.name}: ${String(e?.message).slice(0, 200)}`);
      assert.ok(String(e.message).length < 2000, `${name}: ${String(e.message).length} chars`);
    }
  };
  const values = [...hostile, nest(300)];
  for (const [i, v] of values.entries()) {
    const slots = {
      region: request({ region: v }), as_of: request({ as_of: v }), lang: request({ lang: v }),
      achievements: request({ achievements: v }), item: request({ achievements: [v] }),
      count: request({}, { count: v }), cost: request({}, { actual_cost_yuan: v }), subject: request({}, { subject: v }),
      extra: request({}, { [typeof v === 'string' ? v.slice(0, 100_000) : String(i)]: v }),
    };
    for (const [slot, req] of Object.entries(slots)) {
      attempt(`estimate ${slot} #${i}`, () => lingpao.estimate(req));
      attempt(`compare ${slot} #${i}`, () => lingpao.compare(req));
    }
    attempt(`eligibility #${i}`, () => lingpao.eligibility({ region: 'shaanxi', facts: { declared: v } }));
    attempt(`estimateJson #${i}`, () => lingpao.estimateJson(v));
    attempt(`regions #${i}`, () => lingpao.regions(v));
    attempt(`regions lang #${i}`, () => lingpao.regions(undefined, v));
    attempt(`explain #${i}`, () => lingpao.explain(v));
    attempt(`explain lang #${i}`, () => lingpao.explain('beijing', v));
    attempt(`lookup #${i}`, () => lingpao.lookup(v));
  }
  // The engine still answers after all that.
  assert.equal(lingpao.estimate(request()).total_yuan, '80000');
});

/** A small seeded generator (mulberry32): the same cases on every run. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random hostile value, nested up to `depth`: objects with request-like keys among others. */
function hostileValue(rand, depth) {
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const keys = ['region', 'as_of', 'lang', 'achievements', 'kind', 'level', 'count', 'subject', 'actual_cost_yuan', 'facts', '\ud800', '\ufeffkind', 'x'.repeat(5000)];
  const r = rand();
  if (depth > 0 && r < 0.2) return Array.from({ length: Math.floor(rand() * 4) }, () => hostileValue(rand, depth - 1));
  if (depth > 0 && r < 0.4) return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, () => [pick(keys), hostileValue(rand, depth - 1)]));
  return pick([...hostile.filter((v) => typeof v !== 'object' || v === null), 'tianjin', 'standard', 'national', '2022-06-30', 'zh', 2, 1.5, -0, new Date('2022-06-30')]);
}

const jsonOf = (v) => { try { return JSON.stringify(v) ?? ''; } catch { return '{'; } };

test('property: random hostile requests and arguments give the documented error or a result', () => {
  const rand = random(13);
  for (let i = 0; i < 300; i++) {
    const v = hostileValue(rand, 4);
    const req = rand() < 0.5 ? v : request({ [['region', 'as_of', 'lang', 'achievements'][i % 4]]: v });
    for (const [name, call] of [
      ['estimate', () => lingpao.estimate(req)],
      ['compare', () => (i % 5 ? null : lingpao.compare(req))],
      ['eligibility', () => lingpao.eligibility({ region: 'shaanxi', facts: v })],
      ['estimateJson', () => lingpao.estimateJson(typeof v === 'string' ? v : jsonOf(req))],
      ['regions', () => lingpao.regions(v, i % 2 ? v : undefined)],
      ['explain', () => lingpao.explain(v, i % 2 ? 'en' : v)],
      ['lookup', () => lingpao.lookup(v)],
    ]) {
      try { call(); } catch (e) {
        assert.ok(e instanceof Error && typeof e.field === 'string' && e.field.length > 0 && e.field.length < 200 && typeof e.message_zh === 'string',
          `case ${i} ${name}: ${e?.constructor?.name}: ${String(e?.message).slice(0, 200)}`);
      }
    }
  }
  assert.equal(lingpao.estimate(request()).total_yuan, '80000');
});
