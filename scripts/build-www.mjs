// Prepares www/ for serving: the generated files the page reads (gitignored, rebuilt
// from policies/ each time so they never drift from the embedded data):
//   www/gen/kinds.json     achievement kinds, fields and value labels (zh/en)
//   www/gen/sources.json   policy id → its source text file and title
//   www/gen/precache.json  what the service worker stores for offline use
//   www/sources/*.txt      the policy texts, fetched lazily to show a quote's article
// The wasm itself (pkg/wasm/) comes from scripts/build-wasm.sh.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { parse } from 'smol-toml';

const root = new URL('../', import.meta.url).pathname;

const toml = (path) => parse(readFileSync(path, 'utf8'));
const plain = (v) => JSON.parse(JSON.stringify(v)); // drops smol-toml's null prototypes

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

  // Kinds: merged from every file of policies/kinds/, in file order (as build.rs does).
  const kinds = { common: [], kinds: [], values: {} };
  for (const p of files(join(root, 'policies/kinds'), (p) => p.endsWith('.toml'))) {
    const part = plain(toml(p));
    kinds.common.push(...(part.common_field ?? []));
    for (const k of part.kind ?? []) kinds.kinds.push({ id: k.id, name: k.name, doc: k.doc, fields: k.field ?? [] });
    for (const [field, labels] of Object.entries(part.values ?? {})) Object.assign((kinds.values[field] ??= {}), labels);
  }
  writeFileSync(join(gen, 'kinds.json'), JSON.stringify(kinds));

  // Source texts, copied whole so the page can show the article around a quote.
  const srcDir = join(www, 'sources');
  rmSync(srcDir, { recursive: true, force: true });
  mkdirSync(srcDir, { recursive: true });
  const sources = {};
  for (const name of readdirSync(join(root, 'policies')).sort()) {
    if (!/^\d.*\.toml$/.test(name)) continue;
    const p = plain(toml(join(root, 'policies', name)));
    sources[p.id] = { file: `sources/${p.source}`, title: p.title };
  }
  for (const name of readdirSync(join(root, 'policies/sources'))) {
    if (name.endsWith('.txt')) copyFileSync(join(root, 'policies/sources', name), join(srcDir, name));
  }
  writeFileSync(join(gen, 'sources.json'), JSON.stringify(sources));

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
