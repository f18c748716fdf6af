// Offline use and updates. The site build (scripts/build-site.mjs) puts
//   const BUILD = { id, data, files, hashed }
// before this script: this build's id, its data version, every file it serves and the
// content-hashed ones among them (paths relative to this script). Each release is thus a
// new worker with a cache of its own, filled on install with exactly the build's files;
// activating drops the caches of older releases.
// Only the build's own URLs are handled, under one key each (a query string such as
// ?utm=… is not part of it), so the cache never grows past the build. Hashed files never
// change: the cache answers first. The pages go to the network first, so a returning
// visitor gets a new release on the next load; the cache answers when offline.
/* global BUILD */
const CACHE = `lingpao-${BUILD.id}`;
const scope = new URL('./', self.location.href).href;
const urlOf = (f) => new URL(f, scope).href;
const own = new Set(BUILD.files.map(urlOf));
const immutable = new Set(BUILD.hashed.map(urlOf));

/** The cache key of a request URL: no query, no fragment; index.html is the page './'. */
function keyOf(href) {
  const url = new URL(href);
  url.search = '';
  url.hash = '';
  return url.href === `${scope}index.html` ? scope : url.href;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(BUILD.files.map((f) => new Request(urlOf(f), { cache: 'no-cache' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith('lingpao') && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

/** The network's answer, stored under `key` on the side: storing may fail (quota), the answer stands. */
async function fromNetwork(event, key) {
  const res = await fetch(event.request);
  if (res.status === 200 && res.type === 'basic') {
    const copy = res.clone();
    event.waitUntil(caches.open(CACHE).then((c) => c.put(key, copy)).catch(() => {}));
  }
  return res;
}

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET') return;
  const key = keyOf(event.request.url);
  if (!own.has(key)) return; // not this build's: the browser fetches it as usual
  event.respondWith((async () => {
    if (immutable.has(key)) return (await caches.match(key, { cacheName: CACHE })) ?? fromNetwork(event, key);
    try {
      return await fromNetwork(event, key);
    } catch (err) {
      const hit = await caches.match(key, { cacheName: CACHE });
      if (hit) return hit;
      throw err;
    }
  })());
});
