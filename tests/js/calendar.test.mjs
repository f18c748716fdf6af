// The npm package's `calendar(result)` (pkg/calendar.js, which the page's download uses)
// writes the very bytes of `lingpao estimate --ics` (src/calendar.rs, whose output
// tests/calendar.rs reads back with an iCalendar parser): every case of policies/cases/
// that has deadlines, in both languages, estimated in wasm and natively.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { parse } from 'smol-toml';
import * as lingpao from '../../pkg/index.js';

const root = new URL('../../', import.meta.url).pathname;
const cli = process.env.LINGPAO_BIN ?? `${root}target/debug/lingpao`;

function nativeIcs(requestText) {
  const out = spawnSync(cli, ['estimate', '--ics'], { input: requestText, encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

test('calendar(result) is byte for byte the CLI\'s --ics, on every case with deadlines', async () => {
  await lingpao.init();
  let n = 0;
  let events = 0;
  for (const file of readdirSync(`${root}policies/cases`).filter((f) => f.endsWith('.toml')).sort()) {
    const { case: cases } = parse(readFileSync(`${root}policies/cases/${file}`, 'utf8'));
    for (const c of cases.filter((x) => x.deadlines?.length)) {
      for (const lang of ['zh', 'en']) {
        const text = JSON.stringify({ ...c.request, lang }, (_, v) => (typeof v === 'bigint' ? Number(v) : v));
        const ics = lingpao.calendar(lingpao.estimate(JSON.parse(text)));
        assert.equal(ics, nativeIcs(text), `${file} — ${c.name} (${lang})`);
        events += ics.split('BEGIN:VEVENT').length - 1;
        n += 1;
      }
    }
  }
  assert.ok(n >= 20 && events >= 20, `${n} calendars, ${events} events`);
  console.log(`calendar: ${n} calendars (${events} events) identical to the CLI's`);
});

test('text that needs escaping and folding is written as the CLI writes it', async () => {
  await lingpao.init();
  // A made-up result exercises what the data may one day hold: \ ; , and a line break,
  // characters of 1 to 4 octets across the 75-octet fold, a leap day's next day.
  const result = {
    region_name: { zh: '测试', en: 'Test' }, as_of: '2024-02-28', data_version: 'x',
    policies: [{ id: 'p', title: 'A, b; c\\d' }],
    lines: [{ achievement: 0, kind: 'standard', rule: 'r', clause: '第一条', policy: 'p',
      deadlines: [{ id: 'd', shape: 'after_date', date: '2024-02-29', from: null, to: null, text: `x\ny ${'标'.repeat(30)}😀é`, clause: '第一条', quote: '“一”' }] }],
  };
  const ics = lingpao.calendar(result);
  for (const l of ics.split('\r\n').slice(0, -1)) assert.ok(Buffer.byteLength(l) <= 75, l);
  assert.match(ics, /SUMMARY:A\\, b\\; c\\\\d — x\\ny /);
  assert.match(ics, /DTEND;VALUE=DATE:20240301\r\n/);
  const unfolded = ics.replaceAll('\r\n ', '');
  assert.ok(unfolded.includes(`${'标'.repeat(30)}😀é`), 'folding splits no character');
});
