// The page's file import, the part that runs in its Web Worker (import.worker.js), kept
// free of the DOM so that Node tests run it whole (tests/js/batch.test.mjs): a File is
// read in pieces of whole lines, each piece computed by the engine (`batchLines`: the
// CLI's own reading and totals path, in wasm), the answers added up exactly (BigInt) and
// written as the CLI's CSV. A CSV file's rows become requests here (`Columns`, the
// rules of src/batch/csv.rs, held to the CLI's output by the tests): in wasm that code
// would cost 6 KB of the module's 150 KB budget.
import { Yuan } from './yuan.js';

// The exact sums' type, for the page and the tests.
export { Yuan };

/** The engine's request limit (pkg's MAX_REQUEST_BYTES): a longer line is an error line. */
export const MAX_LINE = 1 << 20;
/** Bytes of an over-long line passed on: enough for the engine to find it over the limit (a "\r" before its end is not counted). */
const KEEP = MAX_LINE + 2;
/** Lines per piece: one crossing into wasm per piece, a progress message after each. */
export const PIECE_LINES = 2048;
/** A piece ends early past this many bytes (lines of up to 1 MiB each). */
const PIECE_BYTES = 8 << 20;
/** The file is read in blocks of this size: memory stays flat whatever its length. */
const BLOCK = 1 << 20;

/** The header row of the CLI's CSV output (`lingpao batch --csv`). */
export const CSV_HEADER = 'line,region,total_yuan,total_is_upper_bound,policies,error_field,error_message\n';
/** Under a reform (src/batch/csv.rs `OUT_HEADER_REFORM`): each unit's baseline beside it. */
export const CSV_HEADER_REFORM = 'line,region,total_yuan,total_is_upper_bound,policies,baseline_total_yuan,baseline_policies,error_field,error_message\n';

const NL = 10;
/** ASCII whitespace as Rust's `is_ascii_whitespace`: a line of only these is blank, no unit. */
const blank = (c) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;

/** An error of the engine's shape, in both languages. */
export const problem = (field, message, message_zh, allowed = []) => Object.assign(new Error(message), { field, message_zh, allowed });

const utf8 = new TextDecoder();
const strict = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

async function* blocks(blob) {
  for (let pos = 0; pos < blob.size; pos += BLOCK) yield new Uint8Array(await blob.slice(pos, pos + BLOCK).arrayBuffer());
}

/**
 * The first non-blank line: `{ bytes, number, end }` (its bytes, at most KEEP; its line
 * number; the offset after it), or null when the file has none.
 */
export async function firstLine(blob) {
  let number = 1;
  let pos = 0;
  let parts = [];
  let size = 0;
  let seen = false;
  const line = () => {
    const bytes = join(parts, KEEP);
    return bytes[bytes.length - 1] === 13 ? bytes.subarray(0, bytes.length - 1) : bytes; // a "\r\n" end, as the CLI reads it
  };
  for await (const b of blocks(blob)) {
    let start = 0; // where the current line starts in b
    for (let i = 0; i < b.length; i++) {
      if (b[i] === NL) {
        if (seen) {
          parts.push(b.subarray(start, i));
          return { bytes: line(), number, end: pos + i + 1 };
        }
        number++;
        parts = [];
        size = 0;
        start = i + 1;
      } else if (!seen && !blank(b[i])) seen = true;
    }
    if (size < KEEP) { parts.push(b.subarray(start)); size += b.length - start; }
    pos += b.length;
  }
  return seen ? { bytes: line(), number, end: blob.size } : null;
}

/** Concatenates byte arrays, keeping at most `max` bytes. */
function join(parts, max = Infinity) {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(Math.min(n, max));
  let at = 0;
  for (const p of parts) {
    if (at >= out.length) break;
    const take = Math.min(p.length, out.length - at);
    out.set(p.subarray(0, take), at);
    at += take;
  }
  return out;
}

/** How many units the file holds: its non-blank lines (the progress bar's end). */
export async function countUnits(blob) {
  let units = 0;
  let has = false; // the current line has a byte that is not blank
  for await (const b of blocks(blob)) {
    let i = 0;
    while (i < b.length) {
      // Up to the line's first non-blank byte, then straight to its end (native indexOf).
      while (!has && i < b.length && b[i] !== NL) { if (!blank(b[i])) has = true; i++; }
      const nl = b.indexOf(NL, i);
      if (nl < 0) break;
      if (has) units++;
      has = false;
      i = nl + 1;
    }
  }
  return units + (has ? 1 : 0);
}

/**
 * The file's lines in pieces: `{ bytes, after }`, `bytes` up to PIECE_LINES whole lines
 * (each with its "\n"; the file's last may have none), `after` the number of lines
 * before them. A line longer than KEEP bytes is cut to KEEP: the engine then finds it
 * over the limit, as the CLI does, without the whole line entering wasm memory.
 */
export async function* pieces(blob, { after = 0, lines = PIECE_LINES } = {}) {
  let parts = [];
  let size = 0;
  let count = 0;
  let lineLen = 0; // bytes of the current line so far
  const piece = () => {
    const out = { bytes: join(parts), after };
    after += count;
    parts = [];
    size = 0;
    count = 0;
    return out;
  };
  for await (const b of blocks(blob)) {
    let from = 0; // the first byte of b not yet in parts
    let i = 0;
    for (;;) {
      const nl = b.indexOf(NL, i);
      const end = nl < 0 ? b.length : nl;
      if (lineLen + end - i > KEEP) {
        const keep = Math.max(0, KEEP - lineLen);
        if (i + keep > from) { parts.push(b.subarray(from, i + keep)); size += i + keep - from; }
        from = end; // the rest of the line is dropped; its "\n" stays
      }
      lineLen += end - i;
      if (nl < 0) break;
      lineLen = 0;
      count++;
      i = nl + 1;
      if (count === lines || size + i - from >= PIECE_BYTES) {
        parts.push(b.subarray(from, i));
        size += i - from;
        from = i;
        yield piece();
      }
    }
    if (from < b.length) { parts.push(b.subarray(from)); size += b.length - from; }
  }
  if (size > 0) yield piece();
}

// ---- a CSV's rows as requests: src/batch/csv.rs's rules, its words ----

/** Rust's `char::is_whitespace` (JS's \s differs: it has U+FEFF, lacks U+0085). */
const trim = (s) => s.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '');

/** A value as the engine's messages quote it: whole up to 40 characters, else its first 32 and its length. */
export function shown(s, zh = false) {
  const chars = [...s];
  if (chars.length <= 40) return s;
  return zh ? `${chars.slice(0, 32).join('')}…（共 ${chars.length} 个字符）` : `${chars.slice(0, 32).join('')}… (${chars.length} characters)`;
}

/** One CSV line's cells (quotes within the line); a broken quote gives `{ col, message }` (1-based). */
export function cells(line) {
  const out = [];
  let rest = 0;
  for (;;) {
    const col = out.length + 1;
    if (line[rest] === '"') {
      let cell = '';
      let i = rest + 1;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return { col, message: 'a quoted cell has no closing quote' };
        cell += line.slice(i, q);
        if (line[q + 1] === '"') { cell += '"'; i = q + 2; } else { i = q + 1; break; }
      }
      out.push(cell);
      if (line[i] === ',') rest = i + 1;
      else if (i === line.length) return { cells: out };
      else return { col, message: 'text after a quoted cell\'s closing quote' };
    } else {
      const c = line.indexOf(',', rest);
      if (c < 0) { out.push(line.slice(rest)); return { cells: out }; }
      out.push(line.slice(rest, c));
      rest = c + 1;
    }
  }
}

const q = (s) => JSON.stringify(s);

/** The parsed header: each column `{ name, key }` (region, as_of, lang) or `{ name, json }` (an item's JSON start). */
export class Columns {
  /**
   * Checks the header row (its text) as the CLI does, each achievement column through the
   * engine as a request of one item; an error names the column. `lingpao` is the package.
   */
  constructor(lingpao, text) {
    const err = (col, name, msg, zh) => problem(name, `header row, column ${col}: ${msg}`, `表头第 ${col} 列：${zh}`);
    const line = text.startsWith('\ufeff') ? text.slice(1) : text;
    const split = cells(line);
    if (split.message) throw err(split.col, 'header', split.message, '引号不配对');
    const names = split.cells.map(trim);
    this.cols = names.map((name, i) => {
      const col = i + 1;
      if (names.slice(0, i).includes(name)) throw err(col, name, `\`${shown(name)}\` is given twice`, '列名重复');
      if (name === 'region' || name === 'as_of' || name === 'lang') return { name, key: name };
      const [kind, ...parts] = name.split(':');
      if (!kind) {
        const e = err(col, name, 'an empty column name: give `region`, `as_of`, `lang` or an achievement `kind[:field=value…]`', '列名为空');
        e.allowed = ['region', 'as_of', 'lang', ...lingpao.kinds().kind.map((k) => k.id)];
        throw e;
      }
      let json = `{"kind":${q(kind)}`;
      for (const p of parts) {
        const at = p.indexOf('=');
        if (at < 0) throw err(col, name, `\`${shown(p)}\` is not \`field=value\``, '应为 字段=值');
        const v = p.slice(at + 1);
        json += `,${q(p.slice(0, at))}:${v === 'true' || v === 'false' || /^\d{1,15}$/.test(v) ? v : q(v)}`;
      }
      return { name, json };
    });
    if (!this.cols.some((c) => c.key === 'region')) throw problem('header', 'has no `region` column', '表头缺少 region 列', ['region', 'as_of', 'lang']);
    const region = lingpao.regions()[0].id;
    this.cols.forEach((c, i) => {
      if (!c.json) return;
      const [answer] = compute(lingpao, `{"region":${q(region)},"achievements":[${c.json},"count":1}]}\n`, 0);
      if (!answer.error) return;
      const field = answer.error.field.replace(/^achievements\[0\]/, '').replace(/^\.+/, '');
      const e = err(i + 1, c.name, `${field ? `${field}: ` : ''}${answer.error.message}`, answer.error.message_zh);
      e.allowed = answer.error.allowed;
      throw e;
    });
  }

  /** Row `row` (its line number) → `{ json, items }` (the request and each item's column) or `{ error }`. */
  row(row, line) {
    const at = (col, msg, zh) => ({ field: this.cols[col].name, message: `row ${row}, column ${col + 1}: ${msg}`, message_zh: `第 ${row} 行第 ${col + 1} 列：${zh}`, allowed: [] });
    const split = cells(line);
    if (split.message) return { error: at(Math.min(split.col - 1, this.cols.length - 1), split.message, '引号不配对') };
    const n = split.cells.length;
    if (n !== this.cols.length) {
      return { error: { field: 'row', message: `row ${row} has ${n} cells; the header has ${this.cols.length}`, message_zh: `第 ${row} 行有 ${n} 列，表头有 ${this.cols.length} 列`, allowed: [] } };
    }
    const top = [];
    const achievements = [];
    const items = [];
    for (let i = 0; i < n; i++) {
      const c = this.cols[i];
      const cell = trim(split.cells[i]);
      if (c.key) {
        if (cell) top.push(`${q(c.key)}:${q(cell)}`);
      } else if (cell && cell !== '0') {
        if (!/^\d+$/.test(cell) || BigInt(cell) > 0xffffffffn) {
          return { error: at(i, `\`${shown(cell)}\` is not a count of items (a whole number, 0 or more; blank for none)`, '应为项数（0 或正整数，空白即无）') };
        }
        const count = BigInt(cell);
        if (count === 0n) continue;
        achievements.push(`${c.json},"count":${count}}`);
        items.push(i);
      }
    }
    return { json: `{${[...top, `"achievements":[${achievements.join(',')}]`].join(',')}}`, items };
  }

  /** An engine error about `achievements[k]` names the row's k-th item's column, as the CLI says it. */
  locate(row, items, error) {
    const m = /^achievements\[(\d+)\]/.exec(error.field);
    const col = m ? items[Number(m[1])] : undefined;
    if (col === undefined) return error;
    return { ...error, field: this.cols[col].name, message: `row ${row}, column ${col + 1}: ${error.message}` };
  }
}

/** JSON Lines text (whole lines) through the engine → its answers, parsed. */
function compute(lingpao, text, after, reform) {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  return lingpao.batchLines(bytes, after, { reform }).split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/**
 * A piece of a CSV's rows → the answers. Each row becomes its request at its own line of
 * the text the engine reads; a row the engine must judge as bytes (over the limit, not
 * UTF-8) goes as it is, so the engine's own reading says why; a blank row stays blank.
 */
function csvPiece(lingpao, columns, { bytes, after }, reform) {
  const out = [];
  const own = new Map(); // line → an answer found here (a broken row)
  const rows = new Map(); // line → the items' columns of its request
  let n = after;
  let i = 0;
  while (i < bytes.length) {
    let end = bytes.indexOf(NL, i);
    if (end < 0) end = bytes.length;
    n++;
    let line = bytes.subarray(i, end);
    if (line[line.length - 1] === 13) line = line.subarray(0, line.length - 1);
    let text = null;
    if (!line.every(blank) && line.length <= MAX_LINE) {
      try { text = strict.decode(line); } catch { text = null; }
    }
    if (text === null) out.push(line);
    else {
      const r = columns.row(n, text);
      if (r.error) { own.set(n, { line: n, error: r.error }); out.push(new Uint8Array(0)); } else { rows.set(n, r.items); out.push(encoder.encode(r.json)); }
    }
    out.push(NEWLINE);
    i = end + 1;
  }
  const answers = compute(lingpao, join(out), after, reform).map((a) => (a.error && rows.has(a.line) ? { ...a, error: columns.locate(a.line, rows.get(a.line), a.error) } : a));
  if (!own.size) return answers;
  return [...answers, ...own.values()].sort((a, b) => a.line - b.line);
}
const NEWLINE = new Uint8Array([NL]);

/** A cell as the CLI's CSV writes it: quoted when it holds a comma, a quote or a line end. */
const cell = (s) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

const pairs = (policies) => cell(Object.entries(policies).map(([id, y]) => `${id}=${y}`).join(';'));

/** An answer as the CLI's CSV row (src/batch/csv.rs `out_row`); `reformed`: in the columns of CSV_HEADER_REFORM. */
export function csvRow(a, reformed = false) {
  if (a.error) return `${a.line},,,,,${reformed ? ',,' : ''}${cell(a.error.field)},${cell(a.error.message)}\n`;
  const base = a.baseline_total_yuan === undefined ? '' : `,${a.baseline_total_yuan},${pairs(a.baseline_policies)}`;
  return `${a.line},${a.region},${a.total_yuan},${a.total_is_upper_bound},${pairs(a.policies)}${base},,\n`;
}

/** Most bars of the histogram (a zero bar besides). */
const BARS = 20;

/** What the answers add up to: the CLI's summary, the first failures, the totals' distribution. */
export class Tally {
  constructor() {
    this.units = 0;
    this.failed = 0;
    this.upperBound = 0;
    this.total = new Yuan();
    this.baseline = new Yuan(); // under a reform: the same sums without it
    this.reformed = false;
    this.regions = new Map();
    this.policies = new Map();
    this.errors = [];
    this.zero = 0;
    this.yuan = []; // each computed total's whole yuan (BigInt), for the histogram
  }

  add(a) {
    this.units++;
    if (a.error) {
      this.failed++;
      if (this.errors.length < 5) this.errors.push({ line: a.line, field: a.error.field, message: a.error.message, message_zh: a.error.message_zh });
      return;
    }
    // Without a reform a unit's baseline is its total (src/batch/summary.rs).
    const base = a.baseline_total_yuan ?? a.total_yuan;
    if (a.baseline_total_yuan !== undefined) this.reformed = true;
    this.total.add(a.total_yuan);
    this.baseline.add(base);
    if (a.total_is_upper_bound) this.upperBound++;
    const r = this.regions.get(a.region) ?? { units: 0, total: new Yuan(), baseline: new Yuan() };
    r.units++;
    r.total.add(a.total_yuan);
    r.baseline.add(base);
    this.regions.set(a.region, r);
    for (const [id, y] of Object.entries(a.policies)) {
      const p = this.policies.get(id) ?? { total: new Yuan(), baseline: new Yuan() };
      p.total.add(y);
      p.baseline.add(a.baseline_policies?.[id] ?? y);
      this.policies.set(id, p);
    }
    if (a.total_yuan === '0') this.zero++;
    else this.yuan.push(BigInt(a.total_yuan.split('.')[0]));
  }

  /**
   * Bars of equal width (1, 2 or 5 × 10^k yuan): bar k counts the totals from k × width
   * up to (not including) (k + 1) × width; totals of exactly 0 have a bar of their own.
   */
  histogram() {
    let max = 0n;
    for (const y of this.yuan) if (y > max) max = y;
    let width = 1n;
    pick: for (let k = 1n; ; k *= 10n) {
      for (const m of [1n, 2n, 5n]) {
        width = m * k;
        if (max / width < BigInt(BARS)) break pick;
      }
    }
    const counts = this.yuan.length ? new Array(Number(max / width) + 1).fill(0) : [];
    for (const y of this.yuan) counts[Number(y / width)]++;
    return { zero: this.zero, width: width.toString(), counts };
  }

  summary() {
    return {
      units: this.units,
      failed: this.failed,
      upperBound: this.upperBound,
      total: this.total.toString(),
      // Under a reform, each sum's baseline (null without one).
      reformed: this.reformed,
      baseline: this.reformed ? this.baseline.toString() : null,
      regions: [...this.regions].map(([id, r]) => ({ id, units: r.units, total: r.total.toString(), baseline: this.reformed ? r.baseline.toString() : null })),
      policies: [...this.policies].map(([id, p]) => ({ id, total: p.total.toString(), baseline: this.reformed ? p.baseline.toString() : null })),
      errors: this.errors,
      histogram: this.histogram(),
    };
  }
}

// ---- a whole file ----

/** 'csv' or 'jsonl': by the file's extension, else by its first line (a JSON request starts with `{`). */
export function formatOf(name, first) {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.(jsonl|ndjson|json)$/i.test(name)) return 'jsonl';
  return first.replace(/^\ufeff/, '').trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

/**
 * Computes a file (a Blob or File): `{ format, summary, csv }`, `csv` a Blob of the CLI's
 * CSV output. `onProgress({ done, total })` after each piece. A file that cannot be read
 * as either kind throws an error of the engine's shape, in both languages.
 */
export async function runBatch(lingpao, blob, { name = blob.name ?? '', onProgress = () => {}, lines = PIECE_LINES, reform = null } = {}) {
  // A bad reform is refused before the file is read, naming its field.
  if (reform != null) lingpao.batchLines(new Uint8Array(0), 0, { reform });
  const first = await firstLine(blob);
  if (!first) throw problem('file', 'the file is empty: it has no line to compute', '文件为空：没有可计算的行');
  const text = utf8.decode(first.bytes);
  const format = formatOf(name, text);
  let columns = null;
  let body = blob;
  let after = 0;
  if (format === 'csv') {
    if (first.bytes.length > MAX_LINE) throw problem('header', 'the header row is over the limit of 1048576 bytes (1 MiB)', '表头行超过 1048576 字节（1 MiB）的上限');
    try {
      columns = new Columns(lingpao, text);
    } catch (e) {
      if (/\.csv$/i.test(name)) throw e;
      // Not named .csv and not starting with `{`: say both readings failed.
      throw problem(e.field, `neither JSON Lines (one {…} request a line) nor a CSV with a header row: ${e.message}`, `既不是 JSON Lines（每行一个 {…} 请求），也不是带表头的 CSV：${e.message_zh}`, e.allowed);
    }
    body = blob.slice(first.end);
    after = first.number;
  }
  const total = await countUnits(body);
  onProgress({ done: 0, total });
  const tally = new Tally();
  const reformed = reform != null;
  tally.reformed = reformed;
  const csv = [reformed ? CSV_HEADER_REFORM : CSV_HEADER];
  for await (const piece of pieces(body, { after, lines })) {
    const answers = columns ? csvPiece(lingpao, columns, piece, reform) : compute(lingpao, piece.bytes, piece.after, reform);
    let rows = '';
    for (const a of answers) {
      tally.add(a);
      rows += csvRow(a, reformed);
    }
    csv.push(rows);
    onProgress({ done: tally.units, total });
  }
  return { format, summary: tally.summary(), csv: new Blob(csv, { type: 'text/csv;charset=utf-8' }) };
}
