// Loads what every view needs once: the engine (wasm), the kinds registry and the
// source-text index, both read from the engine itself so the form offers exactly what
// it accepts. Paths are relative to this module, so the page and the widget (embedded
// on other sites) find them the same way. www/ is served at /, pkg/ at /pkg/.
import * as lingpao from '../pkg/index.js';
import { registry } from './registry.js';

export const base = new URL('../', import.meta.url);

let loading = null;

/** The engine and its registries, loaded once; after a failure, the next call tries again. */
export function loadContext() {
  loading ??= load().catch((e) => { loading = null; throw e; });
  return loading;
}

function load() {
  return (async () => {
    await lingpao.init();
    const { kinds, sources } = registry(lingpao);
    const regionsCache = new Map();
    const explainCache = new Map();
    return {
      lingpao,
      kinds,
      sources,
      version: lingpao.version(),
      /** The national module (the SME tiers), loaded when its view first opens. */
      loadSme: () => lingpao.initNational(),
      /** The application checklists (pkg/checklists.json), loaded when a paying text is first shown. */
      loadChecklists: () => lingpao.initChecklists(),
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
}
