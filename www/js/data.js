// Loads what every view needs once: the engine (wasm), the kinds registry and the
// source-text index. Paths are relative to this module, so the page and the widget
// (embedded on other sites) find them the same way. www/ is served at /, pkg/ at /pkg/.
import * as lingpao from '../pkg/index.js';

export const base = new URL('../', import.meta.url);

let loading = null;

async function json(path) {
  const res = await fetch(new URL(path, base));
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

export function loadContext() {
  loading ??= (async () => {
    const [kinds, sources] = await Promise.all([json('gen/kinds.json'), json('gen/sources.json'), lingpao.init()]);
    kinds.byId = new Map(kinds.kinds.map((k) => [k.id, k]));
    const regionsCache = new Map();
    const explainCache = new Map();
    return {
      lingpao,
      kinds,
      sources,
      version: lingpao.version(),
      regions(asOf, lang) {
        const key = `${asOf}|${lang}`;
        if (!regionsCache.has(key)) regionsCache.set(key, lingpao.regions(asOf, lang));
        return regionsCache.get(key);
      },
      explain(region, lang) {
        const key = `${region}|${lang}`;
        if (!explainCache.has(key)) explainCache.set(key, lingpao.explain(region, lang));
        return explainCache.get(key);
      },
    };
  })();
  return loading;
}
