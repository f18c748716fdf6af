// `advise(request, { across: true })` in the package prices each candidate in every
// region through `batchLines` (so the module carries no code of its own for it); the
// CLI's `advise --across` prices them natively. Both must give the same regions, amounts
// and order, and the package's `advise` without the option the CLI's `advise` exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as lingpao from '../../pkg/index.js';

const root = new URL('../../', import.meta.url).pathname;
const cli = process.env.LINGPAO_BIN ?? `${root}target/debug/lingpao`;
await lingpao.init();

function native(request, ...flags) {
  const out = spawnSync(cli, ['advise', ...flags], { input: JSON.stringify(request) });
  assert.equal(out.status, 0, out.stderr.toString());
  return JSON.parse(out.stdout.toString());
}

const REQUESTS = [
  { region: 'beijing', as_of: '2023-06-30', achievements: [{ kind: 'standard', level: 'national', action: 'formulate', role: 'lead', count: 2 }] },
  { region: 'tianjin', as_of: '2022-06-30', lang: 'en', achievements: [{ kind: 'standard', level: 'national', action: 'formulate', role: 'lead' }, { kind: 'leader', level: 'national' }] },
  { region: 'liaocheng', as_of: '2022-06-30', achievements: [] },
  { region: 'guangzhou_huangpu', as_of: '2023-06-30', achievements: [{ kind: 'standard', level: 'group', action: 'formulate', role: 'lead', count: 3 }] },
];

test('the package gives the CLI\'s advice, and across every region the same prices in the same order', () => {
  for (const request of REQUESTS) {
    assert.deepEqual(lingpao.advise(request), native(request), request.region);
    const mine = lingpao.advise(request, { across: true });
    const theirs = native(request, '--across');
    assert.equal(mine.candidates.length, theirs.candidates.length);
    mine.candidates.forEach((c, i) => assert.deepEqual(c.regions, theirs.candidates[i].regions, `${request.region}: ${c.label}`));
    assert.ok(mine.candidates.every((c) => c.regions.length === lingpao.regions().length));
  }
});

test('the across option is checked', () => {
  assert.throws(() => lingpao.advise(REQUESTS[0], { across: 'yes' }), (e) => e.field === 'options.across');
  assert.throws(() => lingpao.advise(REQUESTS[0], 'across'), (e) => e.field === 'options');
  assert.throws(() => lingpao.advise({ ...REQUESTS[0], region: 'nowhere' }, { across: true }), (e) => e.field === 'region');
});
