// Serves the built site (dist/, scripts/build-site.mjs) as a static host does: the
// headers of its _headers file, the precompressed .br or .gz beside a file as the
// browser accepts (with Vary), an ETag from the bytes sent, 304 on If-None-Match.
// Each answer reads whole files once, with no check before: a file gone mid-request is
// a 404, never a crash, and a rollback (old content, any mtime) is served as itself.
//   node scripts/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, extname, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseHeaders, headersFor } from './headers.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const COMPRESSED = new Set(['.html', '.js', '.css', '.json', '.txt', '.wasm', '.svg']);
const ENCODINGS = [['br', '.br'], ['gzip', '.gz']];

/** Whether Accept-Encoding admits `coding` (q > 0; a named coding overrides `*`). */
function accepts(header, coding) {
  const q = {};
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    const weight = params.find((p) => p.startsWith('q='));
    if (name) q[name] = weight ? Number(weight.slice(2)) : 1;
  }
  return (q[coding] ?? q['*'] ?? 0) > 0;
}

/** The file's bytes, or null when it is not there (gone, a folder, a bad path). */
async function read(file) {
  try {
    return await readFile(file);
  } catch (e) {
    if (['ENOENT', 'EISDIR', 'ENOTDIR', 'ENAMETOOLONG'].includes(e.code)) return null;
    throw e;
  }
}

/** The file a URL path names inside dir: no escaping it, no dot or _ files (_headers), known types only. */
function fileOf(dir, pathname) {
  let path;
  try { path = decodeURIComponent(pathname); } catch { return null; }
  if (path.includes('\0')) return null;
  const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
  const rel = file.slice(dir.length + 1);
  if (!file.startsWith(dir + sep) || rel.split(sep).some((p) => p.startsWith('.') || p.startsWith('_')) || !TYPES[extname(file)]) return null;
  return file;
}

async function answer(dir, req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  const headers = headersFor(parseHeaders((await read(join(dir, '_headers')))?.toString() ?? ''), pathname);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
    return;
  }
  const file = fileOf(dir, pathname);
  let body = null;
  if (file && COMPRESSED.has(extname(file))) {
    headers.vary = 'Accept-Encoding';
    for (const [coding, ext] of ENCODINGS) {
      if (accepts(req.headers['accept-encoding'], coding) && (body = await read(file + ext))) {
        headers['content-encoding'] = coding;
        break;
      }
    }
  }
  body ??= file && await read(file);
  if (!body) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('404 not found\n');
    return;
  }
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  const match = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (match.includes(etag) || match.includes('*')) {
    res.writeHead(304, { ...headers, etag }).end();
    return;
  }
  res.writeHead(200, { ...headers, etag, 'content-type': TYPES[extname(file)], 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A server of dir (default dist/); an unexpected failure is a 500, not a crash. */
export function createStaticServer(dir = new URL('../dist', import.meta.url).pathname) {
  const root = resolve(dir);
  return createServer((req, res) => {
    answer(root, req, res).catch((e) => {
      console.error(`serve: ${req.url}: ${e.message}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('500 server error\n');
      else res.destroy();
    });
  });
}

/** Listens; resolves to the server and its URL. Port 0 picks a free one. */
export async function start({ dir, port = 0, host = '127.0.0.1' } = {}) {
  const server = createStaticServer(dir);
  await new Promise((ok, fail) => { server.once('error', fail); server.listen(port, host, ok); });
  return { server, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${server.address().port}/` };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
  const host = arg('host', '127.0.0.1');
  const dir = arg('dir', undefined);
  const port = Number(arg('port', process.env.PORT ?? 8080));
  let started;
  try {
    started = await start({ dir, port, host });
  } catch (e) {
    if (e.code !== 'EADDRINUSE') throw e;
    console.log(`port ${port} is busy: using a free one`);
    started = await start({ dir, port: 0, host });
  }
  console.log(`lingpao calculator: ${started.url}   (widget demo: ${started.url}embed-demo.html; Ctrl-C stops)`);
}
