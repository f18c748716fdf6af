// lingpao: the ESM entry point. One `await init()`, then plain synchronous calls.
// Works in browsers without a bundler, in Vite/webpack (the .wasm is an asset next to
// wasm/lingpao.js), and in Node >= 18 (the .wasm is read from disk).
import initWasm, * as wasm from './wasm/lingpao.js';

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
        source = await readFile(new URL('./wasm/lingpao_bg.wasm', import.meta.url));
      }
      await initWasm(source === undefined ? undefined : { module_or_path: source });
      ready = true;
    })();
  }
  return loading;
}

function loaded() {
  if (!ready) throw new Error('lingpao: call `await init()` before using the API');
}

export function estimate(request) { loaded(); return wasm.estimate(request); }
export function estimateJson(request) { loaded(); return wasm.estimateJson(request); }
export function compare(request) { loaded(); return wasm.compare(request); }
export function regions(asOf, lang) { loaded(); return wasm.regions(asOf, lang); }
export function explain(region, lang) { loaded(); return wasm.explain(region, lang); }
export function version() { loaded(); return wasm.version(); }
