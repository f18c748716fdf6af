// The static server (scripts/serve.mjs) over HTTP, on a folder laid out as dist/ is:
// precompressed answers by Accept-Encoding, ETags from content, 304s, _headers, a file
// vanishing mid-request, paths that must not be served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, unlinkSync, utimesSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { start } from '../../scripts/serve.mjs';

const dir = mkdtempSync(join(tmpdir(), 'lingpao-serve-'));
let server;
let url;

/** Writes a file with its .br and .gz, all with the same mtime `at` (seconds). */
function put(name, text, at = 1_700_000_000) {
  const body = Buffer.from(text);
  for (const [ext, data] of [['', body], ['.br', brotliCompressSync(body)], ['.gz', gzipSync(body)]]) {
    writeFileSync(join(dir, name + ext), data);
    utimesSync(join(dir, name + ext), at, at);
  }
}

/** A raw GET (fetch would decompress and hide Content-Encoding): status, headers, body bytes. */
function get(path, headers = {}) {
  return new Promise((ok, fail) => {
    request(new URL(path, url), { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

before(async () => {
  mkdirSync(join(dir, 'assets'));
  put('index.html', '<!doctype html><title>v1</title>');
  put('assets/app-1.js', 'console.log(1)');
  writeFileSync(join(dir, '_headers'), "/*\n  Content-Security-Policy: default-src 'none'\n  X-Content-Type-Options: nosniff\n/\n  Cache-Control: no-cache\n/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n");
  ({ server, url } = await start({ dir }));
});

after(() => {
  server?.closeAllConnections();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the precompressed file is sent as Accept-Encoding allows, with Vary', async () => {
  const br = await get('/', { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(brotliDecompressSync(br.body).toString(), '<!doctype html><title>v1</title>');
  assert.equal(br.headers.vary, 'Accept-Encoding');
  const gz = await get('/', { 'accept-encoding': 'br;q=0, gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gz.body).toString(), '<!doctype html><title>v1</title>');
  const plain = await get('/');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.body.toString(), '<!doctype html><title>v1</title>');
  assert.equal(plain.headers['content-type'], 'text/html; charset=utf-8');
  // One ETag per representation.
  assert.equal(new Set([br, gz, plain].map((r) => r.headers.etag)).size, 3);
});

test('headers come from _headers: the CSP on all, the cache rule by path', async () => {
  const page = await get('/index.html');
  assert.equal(page.headers['content-security-policy'], "default-src 'none'");
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.equal(page.headers['cache-control'], undefined);
  assert.equal((await get('/')).headers['cache-control'], 'no-cache');
  assert.equal((await get('/assets/app-1.js')).headers['cache-control'], 'public, max-age=31536000, immutable');
});

test('ETags follow content, not mtimes: a rollback with the same or a newer mtime is served as itself', async () => {
  const v1 = await get('/', { 'accept-encoding': 'br' });
  // Revalidation: unchanged content is a 304.
  const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': v1.headers.etag, 'if-modified-since': new Date(1_700_000_000_000).toUTCString() });
  assert.equal(again.status, 304);
  assert.equal(again.headers.etag, v1.headers.etag);
  // A new release with the same mtime (a copy that keeps mtimes): the browser's v1 is stale.
  put('index.html', '<!doctype html><title>v2</title>');
  const v2 = await get('/', { 'accept-encoding': 'br', 'if-none-match': v1.headers.etag, 'if-modified-since': new Date(1_700_000_000_000).toUTCString() });
  assert.equal(v2.status, 200);
  assert.match(brotliDecompressSync(v2.body).toString(), /v2/);
  // Rolled back to v1's content, its mtime newer than v2's: a browser holding v2 gets v1.
  put('index.html', '<!doctype html><title>v1</title>', 1_700_000_100);
  const back = await get('/', { 'accept-encoding': 'br', 'if-none-match': v2.headers.etag, 'if-modified-since': new Date(1_800_000_000_000).toUTCString() });
  assert.equal(back.status, 200);
  assert.match(brotliDecompressSync(back.body).toString(), /v1/);
  assert.equal(back.headers.etag, v1.headers.etag);
  // Rolled back with the very mtime v2 had.
  put('index.html', '<!doctype html><title>v2</title>');
  const v2b = await get('/', { 'accept-encoding': 'br' });
  put('index.html', '<!doctype html><title>v1</title>');
  const same = await get('/', { 'accept-encoding': 'br', 'if-none-match': v2b.headers.etag, 'if-modified-since': new Date(1_700_000_000_000).toUTCString() });
  assert.equal(same.status, 200);
  assert.match(brotliDecompressSync(same.body).toString(), /v1/);
});

test('a file vanishing while its request is answered gives a 404, and the server goes on', { timeout: 10000 }, async () => {
  put('gone.txt', 'here for a moment');
  // This listener runs right after the server's own, before its read completes.
  const vanish = (req) => {
    if (!req.url.startsWith('/gone.txt')) return;
    for (const ext of ['', '.br', '.gz']) { try { unlinkSync(join(dir, `gone.txt${ext}`)); } catch { /* already gone */ } }
  };
  server.on('request', vanish);
  try {
    for (const enc of ['br', 'gzip', 'identity']) {
      put('gone.txt', 'here for a moment');
      const res = await get('/gone.txt', { 'accept-encoding': enc });
      assert.equal(res.status, 404, enc);
    }
  } finally {
    server.off('request', vanish);
  }
  assert.equal((await get('/')).status, 200);
});

test('nothing outside the site, no _headers, no dotfiles, no raw .br', async () => {
  writeFileSync(join(dir, '.secret.txt'), 'no');
  for (const path of ['/_headers', '/..%2fetc%2fpasswd', '/%2e%2e/x.txt', '/.secret.txt', '/index.html.br', '/assets/', '/nope.js', '/%E0%A4%A']) {
    assert.equal((await get(path)).status, 404, path);
  }
  const post = await new Promise((ok) => request(new URL('/', url), { method: 'POST' }, ok).end());
  assert.equal(post.statusCode, 405);
});
