// Tianjin units as the OpenFisca side-by-side benchmark draws them (../shared/peers/
// openfisca/bench.py): a few of the 18 kinds its articles 7-15 pay for, often none, as
// requests of the contract, one JSON text each. Deterministic (xorshift from `seed`), so
// a failure can be replayed. Used by bench/batch-wasm.mjs and tests/browser/import.test.mjs.

const KINDS = [
  ['standard', { level: 'international', action: 'formulate', role: 'lead' }], ['standard', { level: 'international', action: 'revise', role: 'lead' }],
  ['standard', { level: 'international', action: 'formulate', role: 'participant' }], ['standard', { level: 'national', action: 'formulate', role: 'lead' }],
  ['standard', { level: 'national', action: 'revise', role: 'lead' }], ['standard', { level: 'industry', action: 'formulate', role: 'lead' }],
  ['standard', { level: 'regional', action: 'formulate', role: 'lead' }], ['secretariat', { scope: 'international', tier: 'tc' }],
  ['secretariat', { scope: 'national', tier: 'tc' }], ['secretariat', { scope: 'national', tier: 'sc' }],
  ['pilot', { level: 'national' }], ['leader', { level: 'national' }], ['leader', { level: 'municipal' }],
];

function random(seed) {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 2 ** 32; };
}

/** `n` requests' JSON texts, the regions taken in turn. */
export function units(n, { seed = 17, regions = ['tianjin'] } = {}) {
  const rnd = random(seed);
  const lines = [];
  for (let i = 0; i < n; i++) {
    const achievements = [];
    for (const [kind, fields] of KINDS) if (rnd() < 0.12) achievements.push({ kind, ...fields, count: 1 + Math.floor(rnd() * 3) });
    lines.push(JSON.stringify({ region: regions[i % regions.length], as_of: '2022-06-30', achievements }));
  }
  return lines;
}
