// A tiny static server for the calculator: www/ at /, pkg/ at /pkg/. No server logic:
// any static host serving the same two folders (with the .wasm MIME type) will do.
//   node scripts/serve.mjs [--port 8080] [--host 127.0.0.1]
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { join, extname, normalize, sep } from 'node:path';
import { buildWww } from './build-www.mjs';

const root = new URL('../', import.meta.url).pathname;

/** The page's policy; index.html carries the same one as a <meta> (minus frame-ancestors, which meta cannot set). */
export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lingpao',
  "frame-ancestors 'self'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

function resolve(urlPath) {
  let path;
  try { path = decodeURIComponent(urlPath); } catch { return null; }
  const [base, rest] = path.startsWith('/pkg/') ? [join(root, 'pkg'), path.slice(5)] : [join(root, 'www'), path.slice(1)];
  const file = normalize(join(base, rest.endsWith('/') || rest === '' ? `${rest}index.html` : rest));
  // No escaping the two folders, no dotfiles, nothing but known static types.
  if (!file.startsWith(base + sep) || file.split(sep).some((p) => p.startsWith('.')) || !TYPES[extname(file)]) return null;
  return file;
}

export function createStaticServer() {
  return createServer((req, res) => {
    const headers = {
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
      'access-control-allow-origin': '*', // public static files: lets other sites load widget.js
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolve(new URL(req.url, 'http://localhost').pathname);
    let st;
    try { st = file && statSync(file); } catch { st = null; }
    if (!st || !st.isFile()) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('404 not found\n');
      return;
    }
    const modified = new Date(Math.floor(st.mtimeMs / 1000) * 1000);
    const since = Date.parse(req.headers['if-modified-since'] ?? '');
    if (!Number.isNaN(since) && since >= modified.getTime()) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)], 'content-length': st.size, 'last-modified': modified.toUTCString() });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
}

/** Builds www/'s generated files and listens; resolves to the server and its URL. Port 0 picks a free one. */
export async function start({ port = 0, host = '127.0.0.1' } = {}) {
  buildWww();
  const server = createStaticServer();
  await new Promise((ok, fail) => { server.once('error', fail); server.listen(port, host, ok); });
  return { server, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${server.address().port}/` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
  const host = arg('host', '127.0.0.1');
  let port = Number(arg('port', process.env.PORT ?? 8080));
  let started;
  try {
    started = await start({ port, host });
  } catch (e) {
    if (e.code !== 'EADDRINUSE') throw e;
    console.log(`port ${port} is busy: using a free one`);
    started = await start({ port: 0, host });
  }
  console.log(`lingpao calculator: ${started.url}   (widget demo: ${started.url}embed-demo.html; Ctrl-C stops)`);
}
