// Builds the deployable site into dist/ (any static host serves it as is):
//  - Vite bundles the page (www/index.html), the widget (www/widget.js, kept at that name
//    since other sites include it) and the widget demo, with the package (pkg/) and its
//    wasm: content-hashed names under assets/, <link rel=modulepreload> for the chunks;
//  - the policy texts (policies/sources/) as assets/<name>-<hash>.txt, found by the page
//    through LINGPAO_TEXTS (www/js/registry.js);
//  - each page's <meta> placeholders get the CSP (scripts/headers.mjs) and the build id,
//    and a preload of the wasm is added; dist/_headers carries the same CSP and the
//    cache rules;
//  - dist/sw.js is www/sw.js behind this build's id and file list;
//  - every compressible file gets .br and .gz beside it.
//   node scripts/build-site.mjs [--out dist]      (needs pkg/wasm/: scripts/build-wasm.sh)
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, basename, extname, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { CSP, cspMeta, headersFile } from './headers.mjs';

const sha = (data) => createHash('sha256').update(data).digest('hex');

function walk(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** The files served under fixed names (revalidated on each use); every other one is content-hashed. */
const FIXED = ['index.html', 'embed-demo.html', 'widget.js', 'sw.js'];
const COMPRESS = new Set(['.html', '.js', '.css', '.txt', '.wasm', '.svg', '.json']);

/** Builds root's www/ + pkg/ + policies/sources/ into out; returns { id, data, files }. */
export async function buildSite({ root = new URL('../', import.meta.url).pathname, out = join(root, 'dist') } = {}) {
  if (!existsSync(join(root, 'pkg/wasm/lingpao_bg.wasm'))) throw new Error('pkg/wasm/ is missing: run ./scripts/build-wasm.sh');
  const textDir = join(root, 'policies/sources');
  const texts = {};
  for (const name of readdirSync(textDir).filter((n) => n.endsWith('.txt')).sort()) {
    texts[name] = `assets/${basename(name, '.txt')}-${sha(readFileSync(join(textDir, name))).slice(0, 10)}.txt`;
  }

  await build({
    configFile: false,
    root: join(root, 'www'),
    base: './', // relative URLs: dist/ works from any path of any host
    logLevel: 'error', // not the warnings on www/'s runtime new URL('../', import.meta.url)
    define: { LINGPAO_TEXTS: JSON.stringify(texts) },
    // www/js/data.js imports the package as the unbuilt page was served: pkg/ beside www/.
    resolve: { alias: [{ find: /^\.\.\/pkg\//, replacement: `${join(root, 'pkg')}/` }] },
    // The file import's Web Worker (www/js/import.worker.js) is a module worker: one file
    // with the package, loading the page's own hashed wasm.
    worker: { format: 'es' },
    plugins: [{
      name: 'lingpao-wasm-preload', // fetched with the page's modules, not after them
      transformIndexHtml: {
        order: 'post',
        handler(html, { bundle }) {
          // The estimator's module only: the SME one waits for its tab.
          const wasm = Object.keys(bundle ?? {}).find((f) => /lingpao_bg[-.].*wasm$/.test(f));
          return wasm ? [{ tag: 'link', attrs: { rel: 'preload', href: wasm, as: 'fetch', type: 'application/wasm', crossorigin: '' }, injectTo: 'head' }] : [];
        },
      },
    }],
    build: {
      outDir: out,
      emptyOutDir: true,
      assetsInlineLimit: 0, // no data: URLs (the CSP allows 'self' only)
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      rolldownOptions: {
        input: { index: join(root, 'www/index.html'), 'embed-demo': join(root, 'www/embed-demo.html'), widget: join(root, 'www/widget.js') },
        output: { entryFileNames: (chunk) => (chunk.name === 'widget' ? 'widget.js' : 'assets/[name]-[hash].js') },
      },
    },
  });
  for (const [name, file] of Object.entries(texts)) writeFileSync(join(out, file), readFileSync(join(textDir, name)));

  // The build id names everything the build serves: a new id is a new worker and cache.
  const files = walk(out).map((p) => relative(out, p)).filter((f) => f !== 'sw.js');
  const hash = createHash('sha256').update(CSP.join());
  for (const f of files) hash.update(f).update(readFileSync(join(out, f)));
  const id = hash.digest('hex').slice(0, 12);
  const lingpao = await import(pathToFileURL(join(root, 'pkg/index.js')).href);
  await lingpao.init();
  const data = lingpao.version().data;
  // The pages' placeholders: the CSP (must come before any script) and the build id.
  const fills = {
    '<meta http-equiv="Content-Security-Policy">': `<meta http-equiv="Content-Security-Policy" content="${cspMeta()}">`,
    '<meta name="lingpao-build">': `<meta name="lingpao-build" content="${id}" data-version="${data}">`,
  };
  for (const page of ['index.html', 'embed-demo.html']) {
    let html = readFileSync(join(out, page), 'utf8');
    for (const [from, to] of Object.entries(fills)) html = html.replace(from, to);
    if (!html.includes('content="default-src')) throw new Error(`${page}: no <meta http-equiv="Content-Security-Policy"> to fill`);
    writeFileSync(join(out, page), html);
  }

  const hashed = files.filter((f) => !FIXED.includes(f));
  const offline = ['./', ...files.filter((f) => f !== 'index.html')];
  writeFileSync(join(out, 'sw.js'), `const BUILD = ${JSON.stringify({ id, data, files: offline, hashed })};\n${readFileSync(join(root, 'www/sw.js'), 'utf8')}`);
  writeFileSync(join(out, '_headers'), headersFile(hashed, ['', ...FIXED]));

  for (const f of [...files, 'sw.js']) {
    if (!COMPRESS.has(extname(f))) continue;
    const body = readFileSync(join(out, f));
    writeFileSync(join(out, `${f}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
    writeFileSync(join(out, `${f}.gz`), gzipSync(body, { level: 9 }));
  }
  return { id, data, files: [...files, 'sw.js'] };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--out');
  const { id, data, files } = await buildSite(i > 0 ? { out: resolve(process.argv[i + 1]) } : {});
  console.log(`dist: build ${id} (data ${data}), ${files.length} files, each with .br and .gz`);
}
