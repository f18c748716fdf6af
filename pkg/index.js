// lingpao: the ESM entry point. One `await init()`, then plain synchronous calls.
// Works in browsers without a bundler, in Vite/webpack (the .wasm is an asset next to
// wasm/lingpao.js), and in Node >= 18 (the .wasm is read from disk).
import * as wasm from './wasm/lingpao.js';

let loading = null;
let ready = false;

const isNode = typeof process !== 'undefined' && process.versions != null && process.versions.node != null;

export function init(input) {
  if (!loading) {
    loading = (async () => {
      let source = input;
      if (source === undefined && isNode) {
        // A variable specifier keeps bundlers from trying to resolve Node's fs for browsers.
        const fsModule = 'node:fs/promises';
        const { readFile } = await import(/* @vite-ignore */ /* webpackIgnore: true */ fsModule);
        // Compiled synchronously: V8 then compiles functions lazily, as they are first
        // called; its asynchronous compile does all of them up front, which measured
        // 26-55 ms against 4-7 ms (bench/wasm.mjs, cold start).
        wasm.initSync({ module: await readFile(new URL('./wasm/lingpao_bg.wasm', import.meta.url)) });
        ready = true;
        return;
      }
      await wasm.default(source === undefined ? undefined : { module_or_path: source });
      ready = true;
    })();
  }
  return loading;
}

function loaded() {
  if (!ready) throw new Error('lingpao: call `await init()` before using the API');
}

// Plain objects cross the boundary as JSON text: JSON.stringify / JSON.parse are the
// fastest way in and out of wasm for results of this shape.
function toJson(request) {
  let text;
  try {
    text = JSON.stringify(request);
  } catch (e) {
    const err = new Error(`request: not plain JSON data (${e.message})`);
    Object.assign(err, { field: 'request', message_zh: '请求应为普通 JSON 数据', allowed: [] });
    throw err;
  }
  return text === undefined ? 'null' : text;
}

// Results come back as UTF-16 code units: a copy into a JS string, where decoding
// UTF-8 cost more than the engine itself (bench/wasm.mjs).
const utf16 = typeof Buffer === 'function' && typeof Buffer.from === 'function'
  ? (units) => Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le')
  : ((decoder) => (units) => decoder.decode(units))(new TextDecoder('utf-16le'));
const json = (units) => JSON.parse(utf16(units));

export function estimate(request) { loaded(); return json(wasm.estimateJson(toJson(request))); }
export function estimateJson(request) { loaded(); return utf16(wasm.estimateJson(String(request))); }
export function compare(request) { loaded(); return json(wasm.compareJson(toJson(request))); }
export function regions(asOf, lang) { loaded(); return json(wasm.regionsJson(asOf, lang)); }
export function explain(region, lang) { loaded(); return json(wasm.explainJson(String(region), lang)); }
export function eligibility(request) { loaded(); return json(wasm.eligibilityJson(toJson(request))); }
export function lookup(text) { loaded(); return json(wasm.lookupJson(String(text ?? ''))); }
export function kinds() { loaded(); return json(wasm.kindsJson()); }
export function version() { loaded(); return json(wasm.versionJson()); }
