// Prepares www/ for serving: the generated files the page reads (gitignored, rebuilt
// from policies/ each time so they never drift from the embedded data):
//   www/gen/precache.json  what the service worker stores for offline use
//   www/sources/*.txt      the policy texts, fetched lazily to show a quote's article
// The wasm itself (pkg/wasm/) comes from scripts/build-wasm.sh.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';

const root = new URL('../', import.meta.url).pathname;

function files(dir, keep = () => true) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name.startsWith('.')) continue;
    if (statSync(p).isDirectory()) out.push(...files(p, keep));
    else if (keep(p)) out.push(p);
  }
  return out;
}

export function buildWww() {
  const www = join(root, 'www');
  const gen = join(www, 'gen');
  mkdirSync(gen, { recursive: true });

  // Source texts, copied whole so the page can show the article around a quote.
  const srcDir = join(www, 'sources');
  rmSync(srcDir, { recursive: true, force: true });
  mkdirSync(srcDir, { recursive: true });
  for (const name of readdirSync(join(root, 'policies/sources'))) {
    if (name.endsWith('.txt')) copyFileSync(join(root, 'policies/sources', name), join(srcDir, name));
  }

  // The offline set: every file of the page and of the package, named as the page
  // requests them (www/ is served at /, pkg/ at /pkg/), and a hash naming this build.
  const wasmDir = join(root, 'pkg/wasm');
  if (!existsSync(join(wasmDir, 'lingpao_bg.wasm'))) throw new Error('pkg/wasm/ is missing: run ./scripts/build-wasm.sh');
  const pageFiles = files(www, (p) => !p.endsWith('precache.json') && !p.endsWith('sw.js') && !p.includes('/embed'))
    .map((p) => relative(www, p));
  const pkgFiles = ['index.js', 'wasm/lingpao.js', 'wasm/lingpao_bg.wasm'].map((p) => `pkg/${p}`);
  const hash = createHash('sha256');
  for (const f of pageFiles) hash.update(f).update(readFileSync(join(www, f)));
  for (const f of pkgFiles) hash.update(f).update(readFileSync(join(root, f)));
  const precache = { version: hash.digest('hex').slice(0, 12), files: ['./', ...pageFiles, ...pkgFiles] };
  writeFileSync(join(gen, 'precache.json'), JSON.stringify(precache));
  return precache;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { version, files: list } = buildWww();
  console.log(`www: ${list.length} files for offline use, build ${version}`);
}
