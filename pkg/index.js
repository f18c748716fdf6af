// lingpao: the ESM entry point. One `await init()`, then plain synchronous calls.
// Works in browsers without a bundler, in Vite/webpack (the .wasm is an asset next to
// wasm/lingpao.js), and in Node >= 18 (the .wasm is read from disk).
import * as wasm from './wasm/lingpao.js';

// The deadlines of an estimate as an iCalendar file: plain JS, no wasm needed.
export { calendar } from './calendar.js';

let ready = false;

const isNode = typeof process !== 'undefined' && process.versions != null && process.versions.node != null;

/** `load` run once, its promise shared; after a failure (a transient fetch error), a later call tries again. */
function once(load) {
  let loading = null;
  return (input) => (loading ??= load(input).catch((e) => { loading = null; throw e; }));
}

/** A file of this package, read from disk (Node). */
async function readBeside(path, encoding) {
  // A variable specifier keeps bundlers from trying to resolve Node's fs for browsers.
  const fsModule = 'node:fs/promises';
  const { readFile } = await import(/* @vite-ignore */ /* webpackIgnore: true */ fsModule);
  return readFile(new URL(path, import.meta.url), encoding);
}

/** Loads the module once; after a failure (a transient fetch error), a later call tries again. */
export const init = once(load);

async function load(source) {
  if (source === undefined && isNode) {
    // Compiled synchronously: V8 then compiles functions lazily, as they are first
    // called; its asynchronous compile does all of them up front, which measured
    // 26-55 ms against 4-7 ms (bench/wasm.mjs, cold start).
    wasm.initSync({ module: await readBeside('./wasm/lingpao_bg.wasm') });
  } else {
    await wasm.default(source === undefined ? undefined : { module_or_path: source });
  }
  ready = true;
}

function loaded() {
  if (!ready) throw new Error('lingpao: call `await init()` before using the API');
}

// What the estimate does not need (the SME tiers and the 2022 registers of the national
// background text, the leader-eligibility self-check) lives in a module of its own
// (wasm/lingpao_national_bg.wasm), loaded by `initNational()` when first needed, so the
// estimator's download does not carry it.
let nationalWasm = null;

/** Loads the national module once (`sme`, `smeInputs`, `lookup`, `eligibility`); after a failure, a later call tries again. */
export const initNational = once(loadNational);

async function loadNational(source) {
  const glue = await import('./wasm/lingpao_national.js');
  if (source === undefined && isNode) {
    glue.initSync({ module: await readBeside('./wasm/lingpao_national_bg.wasm') });
  } else {
    await glue.default(source === undefined ? undefined : { module_or_path: source });
  }
  nationalWasm = glue;
}

function nationalLoaded() {
  if (!nationalWasm) throw new Error('lingpao: call `await initNational()` before `sme`, `smeInputs`, `lookup` or `eligibility`');
  return nationalWasm;
}

// The application checklists (what to hand in, the steps) are mostly Chinese quotes: not
// in the estimator's module but in `checklists.json`, generated from the same checked
// data (`cargo run --example gen`), loaded once by `initChecklists()`.
let checklistData = null;

/** Loads the checklists once; after a failure, a later call tries again. */
export const initChecklists = once(loadChecklists);

async function loadChecklists(source) {
  let data;
  if (source === undefined && isNode) {
    data = JSON.parse(await readBeside('./checklists.json', 'utf8'));
  } else {
    const res = source instanceof Response ? source : await fetch(source ?? new URL('./checklists.json', import.meta.url));
    if (!res.ok) throw new Error(`lingpao: checklists.json: HTTP ${res.status}`);
    data = await res.json();
  }
  if (!data || typeof data.policies !== 'object') throw new Error('lingpao: checklists.json is not the checklist data');
  checklistData = data;
}

// A line claims money when its amount is not zero (a decimal string: any digit 1-9).
const claimsMoney = (line) => /[1-9]/.test(line.amount_yuan);

/**
 * The application checklist of a request's region, as `lingpao checklist` answers it:
 * the engine's estimate (in wasm), each material of a kind ticked on the lines whose kind
 * and rule the data's selector picks (resolved at generation: `kinds`, `rules`).
 */
export function checklist(request) {
  loaded();
  if (!checklistData) throw new Error('lingpao: call `await initChecklists()` before `checklist`');
  const est = estimate(request);
  if (checklistData.data_version !== est.data_version) {
    throw new Error(`lingpao: checklists.json is of data ${checklistData.data_version}, the module of ${est.data_version}`);
  }
  const lang = request.lang === 'en' ? 'en' : 'zh';
  const pick = (t) => (t == null ? null : t[lang] || t.zh);
  return {
    region: est.region,
    region_name: est.region_name,
    as_of: est.as_of,
    policies: est.policies.map((s) => {
      const d = checklistData.policies[s.id] ?? { materials: [], steps: [], materials_elsewhere: null };
      return {
        policy: s.id,
        title: s.title,
        status: s.status,
        pays: s.pays,
        lists_materials: d.materials.length > 0,
        materials: d.materials.map((m) => ({
          id: m.id,
          text: pick(m.text),
          clause: m.clause,
          quote: m.quote,
          note: pick(m.note),
          kinds: m.kinds,
          lines: est.lines.flatMap((l, i) => (l.policy === s.id && m.kinds.includes(l.kind) && m.rules.includes(l.rule) && claimsMoney(l) ? [i] : [])),
        })),
        steps: d.steps.map((st) => ({ id: st.id, text: pick(st.text), clause: st.clause, quote: st.quote, note: pick(st.note) })),
        materials_elsewhere: d.materials_elsewhere && { text: pick(d.materials_elsewhere.text), clause: d.materials_elsewhere.clause, quote: d.materials_elsewhere.quote },
      };
    }),
    data_version: est.data_version,
  };
}

/** The largest request text: 1 MiB of UTF-8, as the engine's `api::MAX_REQUEST_BYTES`. */
export const MAX_REQUEST_BYTES = 1 << 20;

/** An error of the engine's form: `field`, `message_zh`, `allowed`, and a message naming the field. */
function fail(field, message, message_zh, allowed = []) {
  return Object.assign(new Error(`${field}: ${message}`), { field, message_zh, allowed });
}

// Checked here, before the text is copied into wasm memory (the engine checks the exact
// byte count): a UTF-16 unit is at least one byte of UTF-8, so a longer string is over.
function sized(text, field) {
  if (text.length <= MAX_REQUEST_BYTES) return text;
  const json = field === 'request';
  throw fail(field, `is over the limit of 1048576 bytes (1 MiB)${json ? ' of JSON' : ''}`, `${json ? '请求' : ''}超过 1048576 字节（1 MiB）的上限`);
}

// A lone surrogate would cross into wasm as U+FFFD, silently another text.
const wellFormed = (s) => (s.isWellFormed ? s.isWellFormed() : !/\p{Cs}/u.test(s));
const lone = (field) => fail(field, 'holds a lone surrogate (\\ud800-\\udfff without its pair)', '含有不成对的代理项（\\ud800-\\udfff）');

const kind = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `${/^[aeiou]/.test(typeof v) ? 'an' : 'a'} ${typeof v}`);

/** China's calendar day (UTC+8, the policies' time zone) of a valid `Date`. */
function day(d, field) {
  if (Number.isNaN(d.getTime())) throw fail(field, 'is an invalid Date', '是无效的日期（Invalid Date）');
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A string argument: the right type, within the size limit, well-formed. */
function text(value, field, optional = false) {
  if (optional && value == null) return undefined;
  if (field === 'as_of' && value instanceof Date) return day(value, field);
  if (typeof value !== 'string') throw fail(field, `must be a string, not ${kind(value)}`, '应为字符串');
  if (!wellFormed(value)) throw lone(field);
  return sized(value, field);
}

/** A key as the engine quotes it in a field path: whole up to 40 characters, else cut with its length. */
const cut = (k) => ([...k].length <= 40 ? k : `${[...k].slice(0, 32).join('')}… (${[...k].length} characters)`);

/** Where `key` of `holder` sits in `root`, as the engine names fields: `achievements[0].count`. */
function pathOf(root, holder, key) {
  const seen = new Set();
  const walk = (node, at) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return null;
    seen.add(node);
    const step = (k) => (Array.isArray(node) ? `${at}[${k}]` : at ? `${at}.${cut(k)}` : cut(k));
    if (node === holder) return step(key);
    for (const [k, v] of Object.entries(node)) {
      const p = walk(v, step(k));
      if (p) return p;
    }
    return null;
  };
  return walk(root, '') ?? 'request';
}

// Plain objects cross the boundary as JSON text: JSON.stringify / JSON.parse are the
// fastest way in and out of wasm for results of this shape. JSON.stringify writes NaN,
// ±Infinity and an invalid Date as null, which the engine would read as "not given":
// they are refused here, naming their field; a valid Date becomes its day in China.
function toJson(request, root = 'request') {
  // Plain data is written as it is: the replacer below changes nothing there, and
  // costs a call per value (a tenth of `sme` through JS, bench/wasm.mjs).
  if (plain(request, 0)) return sized(JSON.stringify(request) ?? 'null', root);
  let bad = null;
  let text;
  try {
    text = JSON.stringify(request, function check(key, value) {
      const raw = this[key];
      if (raw instanceof Date) {
        if (Number.isNaN(raw.getTime())) throw (bad = [this, key, 'is an invalid Date', '是无效的日期（Invalid Date）']);
        return day(raw);
      }
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw (bad = [this, key, `must be a finite number, not ${value}`, `应为有限数值，不能是 ${value}`]);
      }
      return value;
    });
  } catch (e) {
    if (bad) throw fail(root === 'request' ? pathOf(request, bad[0], bad[1]) : `${root}.${pathOf(request, bad[0], bad[1])}`, bad[2], bad[3]);
    throw fail(root, `not plain JSON data (${e.message})`, '应为普通 JSON 数据');
  }
  return text === undefined ? 'null' : sized(text, root);
}

/** Whether `value` holds only what JSON.stringify writes unchanged: objects of the plain
 * prototype, arrays, strings, finite numbers, booleans, null (no Date, NaN, `toJSON`,
 * class instance or cycle, which take the checking path). */
function plain(value, depth) {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (!plain(v, depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) return false;
  for (const k in value) if (!plain(value[k], depth + 1)) return false;
  return true;
}

/** The reform of `{ reform }` (an object, or its JSON text) as JSON text; undefined without one. */
function reformJson(options) {
  if (options == null) return undefined;
  if (typeof options !== 'object' || Array.isArray(options)) throw fail('options', `must be an object such as { reform }, not ${kind(options)}`, '选项应为对象，如 { reform }');
  const { reform } = options;
  if (reform == null) return undefined;
  if (typeof reform === 'string') return jsonText(reform, 'reform');
  return toJson(reform, 'reform');
}

/** The `across` option of `advise`: whether each candidate is priced in every region too. */
function acrossOption(options) {
  if (options == null) return false;
  if (typeof options !== 'object' || Array.isArray(options)) throw fail('options', `must be an object such as { across: true }, not ${kind(options)}`, '选项应为对象，如 { across: true }');
  const { across = false } = options;
  if (typeof across !== 'boolean') throw fail('options.across', `must be true or false, not ${kind(across)}`, '应为 true 或 false');
  return across;
}

/**
 * `advise`'s across-regions view: each candidate appended to the same request in every
 * region, priced by the batch's totals path (one crossing for all), as the CLI's
 * `advise --across` prices it natively; the most it adds first, then by region id.
 */
function priceEverywhere(request, advice) {
  const regions = json(wasm.regionsJson(undefined, 'zh'));
  // Each line written from pieces made once: the request's other fields, its items, each
  // candidate. A candidate of a kind no rule of a region names is not priced there: an
  // item no rule pays is no claim, so no limit sees it, and it adds exactly 0.
  const { region: _, achievements, ...rest } = request;
  const head = JSON.stringify(rest).slice(1, -1);
  const items = achievements.map((a) => JSON.stringify(a)).join(',');
  const extra = advice.candidates.map((c) => `${items ? ',' : ''}${JSON.stringify(c.achievement)}]}`);
  const lines = [];
  const at = regions.map((r) => {
    const start = `{${head}${head ? ',' : ''}"region":${JSON.stringify(r.id)},"achievements":[${items}`;
    const base = lines.push(`${start}]}`) - 1;
    return [base, advice.candidates.map((c, k) => (r.kinds.includes(c.achievement.kind) ? lines.push(start + extra[k]) - 1 : base))];
  });
  const totals = utf16(wasm.batchLines(new TextEncoder().encode(`${lines.join('\n')}\n`), 0, undefined)).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const bad = totals.find((t) => t.error);
  if (bad) throw fail(bad.error.field, bad.error.message, bad.error.message_zh, bad.error.allowed);
  // Exact: every total as an integer at one scale (the most decimals any has), read once.
  const scale = Math.max(...totals.map((t) => (t.total_yuan.split('.')[1] ?? '').length));
  const exact = totals.map((t) => scaled(t.total_yuan, scale));
  advice.candidates.forEach((c, k) => {
    c.regions = regions
      .map((r, i) => ({ r, d: exact[at[i][1][k]] - exact[at[i][0]], upper: totals[at[i][1][k]].total_is_upper_bound }))
      .sort((a, b) => (a.d > b.d ? -1 : a.d < b.d ? 1 : a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0))
      .map((x) => ({ region: x.r.id, region_name: x.r.name, marginal_yuan: written(x.d, scale), total_is_upper_bound: x.upper }));
  });
}

/** Yuan ("12.5") as an exact integer at `scale` decimals (1250n at 2). */
function scaled(yuan, scale) {
  const [int, frac = ''] = yuan.replace('-', '').split('.');
  const v = BigInt(int + frac.padEnd(scale, '0'));
  return yuan.startsWith('-') ? -v : v;
}

/** An integer at `scale` decimals written as the engine writes yuan (no trailing zeros). */
function written(v, scale) {
  const digits = (v < 0n ? -v : v).toString().padStart(scale + 1, '0');
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${v < 0n ? '-' : ''}${digits.slice(0, digits.length - scale)}${frac ? `.${frac}` : ''}`;
}

/** JSON text from the caller: lone surrogates written as `\\uXXXX`, so the engine names their field. */
function jsonText(value, field = 'request') {
  if (typeof value !== 'string') throw fail(field, `must be JSON text, not ${kind(value)}`, '应为 JSON 文本字符串');
  const escaped = wellFormed(value) ? value : value.replace(/\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return sized(escaped, field);
}

// Results come back as UTF-16 code units: a copy into a JS string, where decoding
// UTF-8 cost more than the engine itself (bench/wasm.mjs).
const utf16 = typeof Buffer === 'function' && typeof Buffer.from === 'function'
  ? (units) => Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le')
  : ((decoder) => (units) => decoder.decode(units))(new TextDecoder('utf-16le'));
const json = (units) => JSON.parse(utf16(units));

export function estimate(request, options) { loaded(); return json(wasm.estimateJson(toJson(request), reformJson(options))); }
export function estimateJson(request, reform) { loaded(); return utf16(wasm.estimateJson(jsonText(request), reform == null ? undefined : jsonText(reform, 'reform'))); }
export function compare(request, options) { loaded(); return json(wasm.compareJson(toJson(request), reformJson(options))); }
export function advise(request, options) {
  loaded();
  const across = acrossOption(options);
  const text = toJson(request);
  const advice = json(wasm.adviseJson(text));
  if (across) priceEverywhere(JSON.parse(text), advice);
  return advice;
}
export function regions(asOf, lang) { loaded(); return json(wasm.regionsJson(text(asOf, 'as_of', true), text(lang, 'lang', true))); }
export function explain(region, lang) { loaded(); return json(wasm.explainJson(text(region, 'region'), text(lang, 'lang', true))); }
export function eligibility(request) { const m = nationalLoaded(); return json(m.eligibilityJson(toJson(request))); }
export function sme(request) { const m = nationalLoaded(); return worded(m, json(m.smeJson(toJson(request), true))); }

// `sme` comes back lean (engine::sme::lean): without the words from the scheme (ids,
// names, clauses, quotes), which are those of an assessment of no facts in the same
// language, written whole once and kept. Each object takes them back in their places:
// the same JSON as the CLI's, a third of the text to parse (docs/performance.md).
const smeWords = new Map();
function worded(m, lean) {
  const { lang, ...found } = lean;
  let w = smeWords.get(lang);
  if (!w) smeWords.set(lang, (w = json(m.smeJson(JSON.stringify({ facts: {}, lang }), false))));
  const each = (list, words) => list.map((x, i) => ({ ...words[i], ...x }));
  return {
    ...w,
    ...found,
    tiers: found.tiers.map((t, k) => {
      const s = w.tiers[k];
      const conditions = t.conditions.map((verdict, i) => ({ ...s.conditions[i], verdict }));
      // A plan's quote is its condition's, or the score's.
      const missing = t.missing.map((x) => ({ ...x, quote: x.role === 'score' ? s.score.quote : conditions.find((c) => c.id === x.id && c.role === x.role).quote }));
      return { ...s, ...t, score: t.score && { ...s.score, ...t.score }, groups: each(t.groups, s.groups), indicators: each(t.indicators, s.indicators), conditions, missing };
    }),
    measures: each(found.measures, w.measures),
    notices: w.notices.map((n) => ({ ...n })),
  };
}
export function smeInputs() { return json(nationalLoaded().smeInputsJson()); }
export function lookup(query) { const m = nationalLoaded(); return json(m.lookupJson(text(query ?? '', 'text'))); }
export function kinds() { loaded(); return json(wasm.kindsJson()); }
export function version() { loaded(); return json(wasm.versionJson()); }

/**
 * Many units at once, as `lingpao batch [--reform]` answers them: `bytes`, a Uint8Array
 * of whole lines of JSON Lines (one request a line), the first numbered `after + 1`;
 * returns the CLI's JSON Lines for them (totals per unit, or `error`; blank lines are no
 * units). With `{ reform }`, the reform's totals, each unit's baseline beside them.
 */
export function batchLines(bytes, after = 0, options) {
  loaded();
  if (!(bytes instanceof Uint8Array)) throw fail('bytes', `must be a Uint8Array, not ${kind(bytes)}`, '应为 Uint8Array');
  if (!Number.isInteger(after) || after < 0 || after > 0xffffffff) throw fail('after', `must be a whole number from 0 to 4294967295, not ${after}`, '应为 0 至 4294967295 的整数');
  return utf16(wasm.batchLines(bytes, after, reformJson(options)));
}
// The SME tiers on `{ facts, lang }`: errors name `facts.<id>` as the engine does.
