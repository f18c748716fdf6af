// The page's one Trusted Types policy (the CSP admits a single one, named lingpao): it
// turns into script URLs exactly the scripts the page starts, its service worker and
// the file import's Web Worker (Vite gives the worker's built URL).
import importWorker from './import.worker.js?worker&url';

const SCRIPTS = new Set(['sw.js', importWorker]);
let policy;

/** `url` as a script URL the CSP lets through; any other URL throws. */
export function scriptURL(url) {
  if (!SCRIPTS.has(url)) throw new TypeError(`blocked script URL ${url}`);
  policy ??= window.trustedTypes?.createPolicy('lingpao', {
    createScriptURL: (u) => { if (SCRIPTS.has(u)) return u; throw new TypeError(`blocked script URL ${u}`); },
  }) ?? null;
  return policy ? policy.createScriptURL(url) : url;
}

export { importWorker };
