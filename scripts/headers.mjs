// The site's HTTP headers, defined once. scripts/build-site.mjs writes them to
// dist/_headers (the format Netlify and Cloudflare Pages read; scripts/serve.mjs reads it
// too) and puts the same Content-Security-Policy in each page's <meta http-equiv>.

/** No inline script, no eval; wasm may compile; Trusted Types with the page's one policy. */
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
];

/** The policy as a <meta> can carry it: frame-ancestors works only as a header. */
export const cspMeta = () => CSP.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

/** Sent with every file. */
const COMMON = {
  'Content-Security-Policy': CSP.join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Access-Control-Allow-Origin': '*', // public static files: lets other sites load widget.js
};

/**
 * The _headers file: common headers for all, then the cache rule per path. Content-hashed
 * files never change (a year, immutable); fixed names (the pages, widget.js, sw.js) are
 * revalidated on every use. No path matches two Cache-Control rules, since hosts join them.
 */
export function headersFile(hashed, fixed) {
  const block = (path, headers) => [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n');
  return [
    block('/*', COMMON),
    ...fixed.map((p) => block(`/${p}`, { 'Cache-Control': 'no-cache' })),
    ...[...new Set(hashed.map((p) => p.slice(0, p.lastIndexOf('/') + 1)))].map((dir) => block(`/${dir}*`, { 'Cache-Control': 'public, max-age=31536000, immutable' })),
  ].join('\n') + '\n';
}

/** Parses a _headers file into [{ path, headers }], in order. */
export function parseHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: {} });
    else if (rules.length) {
      const at = line.indexOf(':');
      rules.at(-1).headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
    }
  }
  return rules;
}

/** The headers for a URL path: every rule whose path matches (a trailing * is a prefix). */
export function headersFor(rules, path) {
  const out = {};
  for (const r of rules) {
    const match = r.path.endsWith('*') ? path.startsWith(r.path.slice(0, -1)) : path === r.path;
    if (match) Object.assign(out, r.headers);
  }
  return out;
}
