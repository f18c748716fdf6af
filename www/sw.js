// Offline use: on install, store the page, the package and the policy texts (the list
// is gen/precache.json, written at build time). Requests go to the network first, so a
// reachable server always gives the current files, and fall back to the store offline.
// Only same-origin GETs are handled; the page requests nothing from other hosts.
const CACHE = 'lingpao';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const res = await fetch('gen/precache.json', { cache: 'no-store' });
    const { files } = await res.json();
    const cache = await caches.open(CACHE);
    await cache.addAll(files.map((f) => new Request(f, { cache: 'no-cache' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const res = await fetch(req);
      if (res.ok && res.status === 200) await cache.put(req, res.clone());
      return res;
    } catch (err) {
      // The hash never reaches here; a query string is not part of the page's state.
      const hit = await cache.match(req, { ignoreSearch: true })
        ?? (req.mode === 'navigate' ? await cache.match('./') : undefined);
      if (hit) return hit;
      throw err;
    }
  })());
});
