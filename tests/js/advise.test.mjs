// The advisor through the npm package: every hand-computed case of policies/cases/advise/
// (what one more item adds, the limits its reasons name, the room left under each cap and
// count limit), the same answer as the native CLI's `lingpao advise`, the `across` option,
// and bad options and requests refused naming their field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'smol-toml';
import * as lingpao from '../../pkg/index.js';

const root = new URL('../../', import.meta.url).pathname;
const cli = process.env.LINGPAO_BIN ?? `${root}target/debug/lingpao`;
const REGIONS = readFileSync(`${root}policies/regions.toml`, 'utf8').match(/^\[\[region\]\]/gm).length;

/** TOML values as JSON values (smol-toml may give integers as BigInt). */
const plain = (v) => JSON.parse(JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x)));

function cases() {
  const dir = `${root}policies/cases/advise`;
  return readdirSync(dir).filter((f) => f.endsWith('.toml')).sort().flatMap((file) => plain(parse(readFileSync(`${dir}/${file}`, 'utf8')).case).map((c) => ({ file, ...c })));
}

/** The problems of one case's advice, as the native runner (tests/advise_cases.rs) finds them. */
function problems(c, a) {
  const out = [];
  if (a.total_yuan !== c.total_yuan) out.push(`total ${a.total_yuan} ≠ ${c.total_yuan}`);
  const at = (ach) => a.candidates.findIndex((x) => isDeepStrictEqual(x.achievement, ach));
  for (const want of c.candidate ?? []) {
    const i = at(want.achievement);
    if (i < 0) { out.push(`no candidate ${JSON.stringify(want.achievement)}`); continue; }
    const got = a.candidates[i];
    const label = JSON.stringify(want.achievement);
    if (got.marginal_yuan !== want.marginal_yuan || got.listed_yuan !== want.listed_yuan) {
      out.push(`${label}: marginal ${got.marginal_yuan} listed ${got.listed_yuan}, expected ${want.marginal_yuan} and ${want.listed_yuan}`);
    }
    const named = [...new Set(got.reasons.map((r) => r.limit))].sort();
    if (!isDeepStrictEqual(named, [...want.reasons].sort())) out.push(`${label}: reasons name ${named}, expected ${want.reasons}`);
    for (const words of want.reason_says ?? []) {
      if (!got.reasons.some((r) => r.text.includes(words))) out.push(`${label}: no reason says “${words}”`);
    }
  }
  let last = -1;
  for (const ach of c.order ?? []) {
    const i = at(ach);
    if (i < last) out.push(`order: ${JSON.stringify(ach)} at ${i}, before ${last}`);
    last = Math.max(last, i);
  }
  for (const want of c.room ?? []) {
    const r = a.room.find((x) => x.limit === want.limit);
    if (!r) { out.push(`no room for ${want.limit}`); continue; }
    for (const key of ['max', 'used', 'left']) {
      if (want[key] !== undefined && r[key] !== want[key]) out.push(`room ${want.limit}: ${key} ${r[key]} ≠ ${want[key]} (${r.summary})`);
    }
  }
  for (const rule of c.needs_input ?? []) {
    if (!a.needs_input.some((n) => n.rule === rule)) out.push(`needs_input lists no item of rule ${rule}`);
  }
  return out;
}

test('every hand-computed advise case holds through the npm package, as natively', async () => {
  await lingpao.init();
  const all = cases();
  assert.ok(all.length >= 35, `only ${all.length} advise cases`);
  const failures = [];
  for (const c of all) {
    const advice = lingpao.advise(c.request);
    const found = problems(c, advice);
    if (found.length) failures.push(`${c.file} — ${c.name}:\n    ${found.join('\n    ')}`);
    // The same JSON as the native CLI.
    const out = spawnSync(cli, ['advise'], { input: JSON.stringify(c.request), encoding: 'utf8' });
    assert.equal(out.status, 0, `${c.file} — ${c.name}: ${out.stderr}`);
    assert.deepEqual(plain(advice), JSON.parse(out.stdout), `${c.file} — ${c.name}: wasm and native differ`);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
  console.log(`advise: ${all.length} cases hold in wasm, identical to native`);
});

const beijing = {
  region: 'beijing',
  as_of: '2023-06-30',
  achievements: [{ kind: 'standard', level: 'national', action: 'formulate', role: 'lead', count: 2 }],
};

test('the issue\'s case: two national standards in Beijing, the next best items ranked, the cap room explained', () => {
  const a = lingpao.advise(beijing);
  assert.equal(a.total_yuan, '500000');
  const [best] = a.candidates;
  assert.deepEqual(best.achievement, { kind: 'standard', level: 'international', action: 'formulate', role: 'lead', count: 1 });
  assert.equal(best.marginal_yuan, '500000');
  const more = a.candidates.find((c) => isDeepStrictEqual(c.achievement, { ...beijing.achievements[0], count: 1 }));
  assert.equal(more.marginal_yuan, '0');
  assert.match(more.reasons[0].text, /尚余 0 元/);
  assert.equal(more.reasons[0].clause, '第十一条');
  // Best first: by what it adds, then by the listed amount.
  const worth = a.candidates.map((c) => [Number(c.marginal_yuan), Number(c.listed_yuan)]);
  for (let i = 1; i < worth.length; i += 1) {
    assert.ok(worth[i - 1][0] > worth[i][0] || (worth[i - 1][0] === worth[i][0] && worth[i - 1][1] >= worth[i][1]), `not best first at ${i}`);
  }
  const cap = a.room.find((r) => r.limit === 'standards_annual_cap');
  assert.deepEqual([cap.unit, cap.max, cap.used, cap.left], ['yuan', '500000', '500000', '0']);
});

test('{ across: true } prices every candidate in every region; without it there is no `regions`', () => {
  const plainAdvice = lingpao.advise(beijing);
  assert.ok(plainAdvice.candidates.every((c) => !('regions' in c)));
  assert.deepEqual(lingpao.advise(beijing, {}), plainAdvice);
  assert.deepEqual(lingpao.advise(beijing, { across: false }), plainAdvice);
  const across = lingpao.advise(beijing, { across: true });
  assert.ok(across.candidates.length > 0);
  for (const c of across.candidates) {
    assert.ok(Array.isArray(c.regions), JSON.stringify(c.achievement));
    assert.equal(c.regions.length, REGIONS);
    const here = c.regions.find((r) => r.region === 'beijing');
    assert.equal(here.marginal_yuan, c.marginal_yuan, 'the region itself agrees with the candidate');
    for (let i = 1; i < c.regions.length; i += 1) assert.ok(Number(c.regions[i - 1].marginal_yuan) >= Number(c.regions[i].marginal_yuan));
  }
  // The same as the native CLI's --across.
  const out = spawnSync(cli, ['advise', '--across'], { input: JSON.stringify(beijing), encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  assert.deepEqual(plain(across), JSON.parse(out.stdout));
});

test('bad options and bad requests throw an Error naming the field', () => {
  const throwsField = (f, field, allowedOne) => assert.throws(f, (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.field, field);
    assert.ok(e.message.includes(field), e.message);
    assert.ok(e.message_zh.length > 0);
    assert.ok(Array.isArray(e.allowed));
    if (allowedOne) assert.ok(e.allowed.includes(allowedOne), `${field}: ${e.allowed}`);
    return true;
  });
  throwsField(() => lingpao.advise(beijing, { across: 'yes' }), 'options.across');
  throwsField(() => lingpao.advise(beijing, { across: 1 }), 'options.across');
  throwsField(() => lingpao.advise(beijing, 'across'), 'options');
  throwsField(() => lingpao.advise(beijing, [true]), 'options');
  throwsField(() => lingpao.advise({ ...beijing, region: 'atlantis' }), 'region', 'beijing');
  throwsField(() => lingpao.advise({ achievements: [] }), 'region');
  throwsField(() => lingpao.advise({ ...beijing, achievements: [{ kind: 'standard', level: 'city', action: 'formulate', role: 'lead' }] }), 'achievements[0].level', 'national');
  throwsField(() => lingpao.advise({ ...beijing, as_of: '2023-02-30' }), 'as_of');
});
