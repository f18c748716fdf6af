// The page's file import without a browser: the wasm entry (`batchLines`) and the
// worker's module (www/js/batch.js) give what the native `lingpao batch` gives, on JSON
// Lines and CSV files with every kind of bad line, read in small pieces so that lines
// meet piece boundaries; bad files fail with the CLI's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as lingpao from '../../pkg/index.js';
import { runBatch, Yuan, Tally, cells, shown, CSV_HEADER, MAX_LINE } from '../../www/js/batch.js';

const root = new URL('../../', import.meta.url).pathname;
const cli = process.env.LINGPAO_BIN ?? `${root}target/debug/lingpao`;
await lingpao.init();

/** `lingpao batch [--csv] [--reform FILE]` on `input`: stdout, the parsed stderr summary or error, the exit status. */
function native(input, csv = false, reform = null) {
  const out = spawnSync(cli, ['batch', ...(csv ? ['--csv'] : []), ...(reform ? ['--reform', reform] : [])], { input, maxBuffer: 1 << 28 });
  const err = out.stderr.toString();
  return { stdout: out.stdout.toString(), status: out.status, error: err.startsWith('{') ? JSON.parse(err).error : null, summary: parseSummary(err) };
}

/** The CLI's summary (stderr) as the page's summary shape (under a reform, each sum's baseline beside it). */
function parseSummary(text) {
  const money = String.raw`(\S+) yuan(?: \(baseline (\S+), difference [+-]?\S+\))?`;
  const head = new RegExp(String.raw`^lingpao batch: (\d+) units, (\d+) failed; total(?: under the reform)? ${money}; (\d+) totals are upper bounds`, 'm').exec(text);
  if (!head) return null;
  const reformed = / under the reform /.test(text);
  return {
    units: Number(head[1]),
    failed: Number(head[2]),
    upperBound: Number(head[5]),
    total: head[3],
    reformed,
    baseline: reformed ? head[4] : null,
    regions: [...text.matchAll(new RegExp(String.raw`^ {2}region (\S+): (\d+) units, ${money}$`, 'gm'))].map((m) => ({ id: m[1], units: Number(m[2]), total: m[3], baseline: reformed ? m[4] : null })),
    policies: [...text.matchAll(new RegExp(String.raw`^ {2}policy (\S+): ${money}$`, 'gm'))].map((m) => ({ id: m[1], total: m[2], baseline: reformed ? m[3] : null })),
  };
}

const bytes = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
const req = (region, achievements, as_of = '2022-06-30') => JSON.stringify({ region, as_of, achievements });
const std = (n, extra = {}) => ({ kind: 'standard', level: 'national', action: 'formulate', role: 'lead', count: n, ...extra });

/** JSON Lines with every kind of line the CLI reads. */
const JSONL = bytes(
  `${req('tianjin', [std(2)])}\n`,
  '\n   \n',
  `${req('beijing', [std(1), { kind: 'leader', level: 'national' }], '2021-06-30')}\r\n`,
  '{"region":"tianjin","achievements":[{"kind":"standard","level":"galactic"}]}\n',
  'not json at all\n',
  `${req('tianjin', [])}\n`,
  Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]), // not UTF-8
  `{"region":"tianjin","pad":"${'x'.repeat(MAX_LINE + 10)}","achievements":[]}\n`, // over 1 MiB
  `{"region":"shanghai","as_of":"2023-03-01","achievements":[{"kind":"leader","level":"national"}]}\n`,
  `${req('hebei', [std(3)])}`, // no newline at the end
);

test('batchLines gives the CLI\'s JSON Lines, byte for byte', () => {
  const cliOut = native(JSONL);
  assert.equal(cliOut.status, 2, 'bad lines: exit 2');
  assert.equal(lingpao.batchLines(new Uint8Array(JSONL), 0), cliOut.stdout);
  // Numbered from `after`: the same lines, shifted.
  const shifted = lingpao.batchLines(new Uint8Array(Buffer.from(`${req('tianjin', [std(2)])}\n`)), 41);
  assert.match(shifted, /^\{"line":42,"region":"tianjin","total_yuan":"160000"/);
  assert.throws(() => lingpao.batchLines('text'), (e) => e.field === 'bytes');
  assert.throws(() => lingpao.batchLines(new Uint8Array(1), -1), (e) => e.field === 'after');
});

test('a JSON Lines file through the worker\'s module: the CLI\'s totals on every line, its summary', async () => {
  const cliOut = native(JSONL);
  const progress = [];
  const r = await runBatch(lingpao, new Blob([JSONL]), { name: 'units.jsonl', lines: 3, onProgress: (p) => progress.push(p) });
  assert.equal(r.format, 'jsonl');
  const rows = (await r.csv.text()).split('\n').slice(1, -1);
  const lines = cliOut.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, lines.length);
  lines.forEach((l, i) => {
    const [line, region, total, ub, policies] = rows[i].split(',');
    assert.equal(Number(line), l.line);
    if (l.error) assert.ok(rows[i].startsWith(`${l.line},,,,,${l.error.field},`), rows[i]);
    else assert.deepEqual([region, total, ub, policies], [l.region, l.total_yuan, String(l.total_is_upper_bound), Object.entries(l.policies).map(([k, v]) => `${k}=${v}`).join(';')]);
  });
  const { errors, histogram, ...summary } = r.summary;
  assert.deepEqual(summary, cliOut.summary);
  assert.deepEqual(errors.map((e) => [e.line, e.field]), lines.filter((l) => l.error).slice(0, 5).map((l) => [l.line, l.error.field]));
  assert.ok(errors.every((e) => e.message && e.message_zh));
  assert.equal(histogram.zero + histogram.counts.reduce((a, b) => a + b, 0), summary.units - summary.failed);
  assert.deepEqual(progress[0], { done: 0, total: summary.units });
  assert.deepEqual(progress.at(-1), { done: summary.units, total: summary.units });
  assert.ok(progress.length > 3, 'a progress message after each piece');
});

/** A CSV with every kind of row the CLI reads. */
const HEADER = 'region,as_of,"standard:level=national:action=formulate:role=lead",leader:level=national,lang\r\n';
const CSV = bytes(
  '\ufeff', HEADER,
  'tianjin,2022-06-30,2,,\r\n',
  '\n',
  'beijing,2021-06-30,1,1,en\n',
  'tianjin,2022-06-30,two,,\n', // not a count
  'tianjin,2022-06-30,1\n', // too few cells
  'tianjin,"2022-06-30,1,,\n', // a broken quote
  'atlantis,2022-06-30,1,,\n', // an unknown region
  'tianjin,2022-02-30,1,,\n', // not a day
  'tianjin,2022-06-30,99999999999,,\n', // over u32
  'tianjin,2022-06-30,0,007,\n',
  'tianjin,2022-06-30,,,\n', // nothing: 0
  Buffer.from([0x74, 0x69, 0xff, 0x2c, 0x2c, 0x2c, 0x2c, 0x0a]), // not UTF-8
  `tianjin,2022-06-30,1,,${'x'.repeat(MAX_LINE)}\n`, // over 1 MiB
  ' tianjin , 2022-06-30 , 3 , , \n',
  'shanghai,2023-03-01,,1,', // no newline at the end
);

test('under a reform: batchLines, the worker\'s CSV and summary are the CLI\'s --reform, byte for byte', async () => {
  const file = `${root}examples/reform.json`;
  const reform = readFileSync(file, 'utf8');
  const cliOut = native(JSONL, false, file);
  assert.equal(lingpao.batchLines(new Uint8Array(JSONL), 0, { reform }), cliOut.stdout);
  assert.match(cliOut.stdout, /"baseline_total_yuan"/);
  const r = await runBatch(lingpao, new Blob([JSONL]), { name: 'units.jsonl', lines: 3, reform });
  const { errors, histogram, ...summary } = r.summary;
  assert.deepEqual(summary, cliOut.summary);
  assert.equal(summary.reformed, true);
  assert.notEqual(summary.total, summary.baseline, 'the example reform changes Tianjin\'s amounts');
  // The CSV as `lingpao batch --csv --reform` writes it, for the same units as a CSV.
  const csvOut = native(CSV, true, file);
  const c = await runBatch(lingpao, new Blob([CSV]), { name: 'units.csv', lines: 4, reform });
  assert.equal(await c.csv.text(), csvOut.stdout);
  assert.match(csvOut.stdout, /^line,region,total_yuan,total_is_upper_bound,policies,baseline_total_yuan,baseline_policies,error_field,error_message\n/);
  const { errors: e2, histogram: h2, ...s2 } = c.summary;
  assert.deepEqual(s2, csvOut.summary);
  // A bad reform is refused before the file is read, naming its field.
  await assert.rejects(runBatch(lingpao, new Blob([JSONL]), { name: 'units.jsonl', reform: '{"changes":[{"policy":"tianjin-subsidy-fund","rule":"nope","amount":"1"}]}' }), (e) => e.field === 'reform.changes[0].rule');
  assert.throws(() => lingpao.batchLines(new Uint8Array(0), 0, { reform: '{"changes":[]}' }), (e) => e.field.startsWith('reform'));
});

test('CSV files through the worker\'s module: the CLI\'s CSV output, byte for byte, and its summary', async () => {
  for (const [name, input] of [['batch.csv', readFileSync(`${root}examples/batch.csv`)], ['units.csv', CSV]]) {
    const cliOut = native(input, true);
    for (const lines of [2, 2048]) {
      const r = await runBatch(lingpao, new Blob([input]), { name, lines });
      assert.equal(r.format, 'csv');
      assert.equal(await r.csv.text(), cliOut.stdout, `${name}, pieces of ${lines} lines`);
      const { errors, histogram, ...summary } = r.summary;
      assert.deepEqual(summary, cliOut.summary, name);
    }
  }
  // Without the .csv name, a CSV is still read as one (its first line is no JSON request).
  const r = await runBatch(lingpao, new Blob([CSV]), { name: 'units.txt' });
  assert.equal(await r.csv.text(), native(CSV, true).stdout);
});

test('a CSV header the CLI refuses is refused with its words, naming the column', async () => {
  const headers = [
    'region,as_of,region', // given twice
    'as_of,standard:level=national', // no region column
    'region,widget:level=national', // unknown kind
    'region,standard:level', // not field=value
    'region,standard:level=galactic', // unknown value
    'region,standard:colour=red', // unknown field
    'region,"standard', // broken quote
    'region,,leader', // empty name
    'region,standard:count=2', // a field the row sets
  ];
  for (const h of headers) {
    const input = `\n${h}\ntianjin,1\n`;
    const cliOut = native(input, true);
    assert.equal(cliOut.status, 2, h);
    await assert.rejects(runBatch(lingpao, new Blob([input]), { name: 'h.csv' }), (e) => {
      assert.deepEqual({ field: e.field, message: e.message, message_zh: e.message_zh, allowed: e.allowed }, cliOut.error, h);
      return true;
    });
  }
});

test('bad files: empty, blank, neither kind: an error in both languages', async () => {
  for (const content of ['', '\n \r\n\t\n']) {
    await assert.rejects(runBatch(lingpao, new Blob([content]), { name: 'x.csv' }), (e) => e.field === 'file' && /empty/.test(e.message) && /文件为空/.test(e.message_zh));
  }
  const png = new Blob([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])]);
  await assert.rejects(runBatch(lingpao, png, { name: 'photo.png' }), (e) => /neither JSON Lines/.test(e.message) && /既不是 JSON Lines/.test(e.message_zh) && e.field === 'header');
  // A header line over 1 MiB.
  await assert.rejects(runBatch(lingpao, new Blob([`region,${'x'.repeat(MAX_LINE)}\n`]), { name: 'x.csv' }), (e) => e.field === 'header' && /1 MiB/.test(e.message));
  // A JSON Lines file of one huge line: an error line, the batch goes on.
  const r = await runBatch(lingpao, new Blob([`{"a":"${'x'.repeat(3 * MAX_LINE)}"}\n${req('tianjin', [std(1)])}\n`]), { name: 'x.jsonl' });
  assert.deepEqual([r.summary.units, r.summary.failed, r.summary.total, r.summary.errors[0].field], [2, 1, '80000', 'request']);
});

test('sums are exact, the histogram counts every computed total once', () => {
  const s = new Yuan();
  for (const y of ['0.1', '0.2', '160000', '2.55', '0']) s.add(y);
  assert.equal(s.toString(), '160002.85');
  assert.equal(new Yuan().add('9007199254740993').add('1').toString(), '9007199254740994');
  assert.throws(() => s.add('1e5'), (e) => e.field === 'total_yuan');
  const t = new Tally();
  const totals = ['0', '0', '0.5', '80000', '160000', '159999.99', '1000000'];
  totals.forEach((y, i) => t.add({ line: i + 1, region: 'tianjin', total_yuan: y, total_is_upper_bound: i === 3, policies: { p: y } }));
  t.add({ line: 9, error: { field: 'request', message: 'm', message_zh: 'z' } });
  const h = t.histogram();
  assert.equal(h.zero, 2);
  assert.equal(h.width, '100000'); // 1,000,000 in at most 20 bars of 1/2/5 × 10^k
  assert.equal(h.counts.length, 11);
  assert.deepEqual([h.counts[0], h.counts[1], h.counts[10]], [2, 2, 1]);
  const sum = t.summary();
  assert.deepEqual([sum.units, sum.failed, sum.upperBound, sum.total], [8, 1, 1, '1400000.49']);
});

test('cells and quoted values as the engine writes them', () => {
  assert.deepEqual(cells('a,"b,""c""",,d').cells, ['a', 'b,"c"', '', 'd']);
  assert.deepEqual(cells('"a"x'), { col: 1, message: 'text after a quoted cell\'s closing quote' });
  assert.equal(shown('x'.repeat(40)), 'x'.repeat(40));
  assert.equal(shown('一'.repeat(41), true), `${'一'.repeat(32)}…（共 41 个字符）`);
  assert.equal(CSV_HEADER, native('region\n', true).stdout);
});
