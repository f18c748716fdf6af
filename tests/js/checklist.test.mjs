// The application checklists through the package (the wasm estimate ticked with the
// generated checklists.json) give the native CLI's JSON on every case of
// policies/cases/checklist/, in both languages, and the ticks the cases expect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { parse } from 'smol-toml';
import * as lingpao from '../../pkg/index.js';

const root = new URL('../../', import.meta.url).pathname;
const cli = process.env.LINGPAO_BIN ?? `${root}target/debug/lingpao`;
const dir = `${root}policies/cases/checklist`;
const plain = (v) => JSON.parse(JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x)));

function native(request) {
  const out = spawnSync(cli, ['checklist'], { input: JSON.stringify(request), encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return JSON.parse(out.stdout);
}

const files = readdirSync(dir).filter((f) => f.endsWith('.toml') && f !== 'none.toml').sort().map((f) => [f, parse(readFileSync(`${dir}/${f}`, 'utf8'))]);

test('checklist before initChecklists says so', async () => {
  await lingpao.init();
  // This process loads the checklists in the next test: none loaded yet here.
  assert.throws(() => lingpao.checklist({ region: 'weihai', achievements: [] }), /initChecklists/);
});

test('the package gives the CLI its checklist on every case, in both languages', async () => {
  await lingpao.init();
  await lingpao.initChecklists();
  let n = 0;
  for (const [file, f] of files) {
    const requests = (f.case ?? []).map((c) => plain(c.request));
    const policy = readFileSync(`${root}policies/${file}`, 'utf8');
    const region = /^region = "([^"]+)"/m.exec(policy)[1];
    requests.push({ region, as_of: '2022-06-30', achievements: [] });
    for (const r of requests) {
      for (const lang of ['zh', 'en']) {
        const request = { ...r, lang };
        assert.deepEqual(lingpao.checklist(request), native(request), `${file} ${lang} ${JSON.stringify(r.achievements)}`);
        n += 1;
      }
    }
  }
  assert.ok(n >= 40, `only ${n} checklists`);
  console.log(`checklist: ${n} checklists identical through the package and the CLI`);
});

test('the ticks follow the kinds through wasm', async () => {
  await lingpao.init();
  await lingpao.initChecklists();
  for (const [file, f] of files) {
    for (const c of f.case ?? []) {
      const request = plain(c.request);
      const est = lingpao.estimate(request);
      const entry = lingpao.checklist(request).policies.find((p) => p.policy === f.policy);
      const got = {};
      for (const m of entry.materials) {
        const achs = [...new Set(m.lines.map((i) => est.lines[i].achievement))].sort((a, b) => a - b);
        if (achs.length) got[m.id] = achs;
      }
      const want = Object.fromEntries(Object.entries(c.ticks).map(([k, v]) => [k, v.map(Number)]));
      assert.deepEqual(got, want, `${file} — ${c.name}`);
      assert.deepEqual(entry.materials.map((m) => m.id), f.materials, file);
    }
  }
});

test('a bad request is refused naming its field, as estimate', async () => {
  await lingpao.init();
  await lingpao.initChecklists();
  assert.throws(() => lingpao.checklist({ region: 'atlantis', achievements: [] }), (e) => e.field === 'region');
  assert.throws(() => lingpao.checklist({ region: 'weihai', achievements: [{ kind: 'standard', level: 'galactic', action: 'formulate', role: 'lead' }] }), (e) => e.field === 'achievements[0].level');
});
