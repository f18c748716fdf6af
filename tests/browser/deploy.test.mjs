// The deployed site (scripts/build-site.mjs) through releases, in headless Chromium:
// two builds (the second from a copy of the tree with a changed stylesheet) deployed in
// turn into one folder behind scripts/serve.mjs, every file given the same mtime as a
// copy that keeps mtimes would. A returning visitor gets each new release on the next
// load and is told so; offline works; a rollback is served as such; the service worker
// stores only the build's own URLs and answers even when it cannot store.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, cpSync, readdirSync, readFileSync, writeFileSync, appendFileSync, utimesSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { launch, serveDir, out } from './harness.mjs';
import { buildSite } from '../../scripts/build-site.mjs';
import { cspMeta, CSP } from '../../scripts/headers.mjs';

const root = new URL('../../', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'lingpao-deploy-'));
const site = join(tmp, 'site'); // what the server serves
let close;
let url;
let browser;
let A;
let B;

const MTIME = 1_750_000_000; // every deployed file, every release

/** Replaces the served folder's content with a build's, every file at MTIME. */
function deploy(build) {
  rmSync(site, { recursive: true, force: true });
  cpSync(build.dir, site, { recursive: true });
  const touch = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) touch(p);
      else utimesSync(p, MTIME, MTIME);
    }
  };
  touch(site);
}

before(async () => {
  A = { dir: join(tmp, 'a'), ...await buildSite({ out: join(tmp, 'a') }) };
  // Release B: the same tree with one change to the page's stylesheet.
  const tree = join(tmp, 'tree');
  for (const part of ['www', 'pkg', 'policies/sources']) cpSync(join(root, part), join(tree, part), { recursive: true });
  appendFileSync(join(tree, 'www/css/page.css'), '\nbody { --lp-release: "B"; }\n');
  B = { dir: join(tmp, 'b'), ...await buildSite({ root: tree, out: join(tmp, 'b') }) };
  assert.notEqual(A.id, B.id);
  deploy(A);
  ({ url, close } = await serveDir(site));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  close?.();
  rmSync(tmp, { recursive: true, force: true });
});

const TIANJIN = { region: 'tianjin', as_of: '2022-06-30', achievements: [{ kind: 'standard', level: 'national', action: 'formulate', role: 'lead', count: 2 }] };
const link = () => `${url}#req=${encodeURIComponent(JSON.stringify(TIANJIN))}`;
const waitTotal = (page, v) => page.waitForFunction((want) => document.querySelector('[data-testid=total-yuan]')?.textContent === want, v, { timeout: 15000 });
const buildOf = (page) => page.getAttribute('meta[name="lingpao-build"]', 'content');
const shot = (page, name) => page.screenshot({ path: join(out, `deploy-${name}.png`) });

/** A context with service workers, recording errors and requests to other hosts. */
async function open(t) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'zh-CN', serviceWorkers: 'allow' });
  const page = await context.newPage();
  const seen = { errors: [], foreign: [] };
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  context.on('request', (r) => { if (!r.url().startsWith(url)) seen.foreign.push(r.url()); });
  t.after(() => context.close());
  return { context, page, seen };
}

/** Waits until the page is controlled by the worker of `build` and that worker's cache is the only one. */
async function settled(page, build) {
  for (let i = 0; i < 150; i++) {
    const done = await page.evaluate(async (id) => {
      const reg = await navigator.serviceWorker.getRegistration();
      const names = await caches.keys();
      return navigator.serviceWorker.controller != null && reg?.active?.state === 'activated' && !reg.installing && !reg.waiting
        && names.length === 1 && names[0] === `lingpao-${id}`;
    }, build.id);
    if (done) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`the worker of build ${build.id} did not take over`);
}

/** The URLs stored in the worker's caches, relative to the site. */
const stored = (page) => page.evaluate(async () => {
  const all = [];
  for (const name of await caches.keys()) {
    for (const req of await (await caches.open(name)).keys()) all.push(req.url.slice(location.origin.length));
  }
  return all.sort();
});

test('dist: hashed names, .br and .gz beside each file, one CSP in _headers and <meta>, the worker lists exactly the build', () => {
  const files = [];
  const walk = (dir, rel = '') => {
    for (const name of readdirSync(dir)) statSync(join(dir, name)).isDirectory() ? walk(join(dir, name), `${rel}${name}/`) : files.push(rel + name);
  };
  walk(A.dir);
  const served = files.filter((f) => !f.endsWith('.br') && !f.endsWith('.gz') && f !== '_headers');
  assert.deepEqual(served.filter((f) => !f.startsWith('assets/')).sort(), ['embed-demo.html', 'index.html', 'sw.js', 'widget.js']);
  for (const f of served.filter((f) => f.startsWith('assets/'))) assert.match(f, /^assets\/[\w.-]+-[\w-]{8,}\.\w+$/, f);
  for (const ext of ['.wasm', '.txt', '.css', '.js']) assert.ok(served.some((f) => f.startsWith('assets/') && f.endsWith(ext)), ext);
  for (const f of served.filter((f) => extname(f) !== '.png')) {
    const body = readFileSync(join(A.dir, f));
    assert.deepEqual(brotliDecompressSync(readFileSync(join(A.dir, `${f}.br`))), body, `${f}.br`);
    assert.deepEqual(gunzipSync(readFileSync(join(A.dir, `${f}.gz`))), body, `${f}.gz`);
  }
  const headers = readFileSync(join(A.dir, '_headers'), 'utf8');
  assert.ok(headers.includes(`  Content-Security-Policy: ${CSP.join('; ')}\n`));
  for (const page of ['index.html', 'embed-demo.html']) {
    assert.ok(readFileSync(join(A.dir, page), 'utf8').includes(`<meta http-equiv="Content-Security-Policy" content="${cspMeta()}">`), page);
  }
  const build = JSON.parse(readFileSync(join(A.dir, 'sw.js'), 'utf8').match(/^const BUILD = (.*);$/m)[1]);
  assert.equal(build.id, A.id);
  assert.match(build.data, /\+data\./);
  assert.deepEqual(build.files.map((f) => (f === './' ? 'index.html' : f)).sort(), served.filter((f) => f !== 'sw.js').sort());
});

test('a returning visitor gets each release on the next load, is told so in zh and en, and can go offline', async (t) => {
  deploy(A);
  const { page, context, seen } = await open(t);
  await page.goto(link());
  await waitTotal(page, '160000');
  assert.equal(await buildOf(page), A.id);
  await settled(page, A);
  assert.equal(await page.locator('.update').count(), 0, 'no notice on a first visit');

  deploy(B);
  await page.reload();
  await waitTotal(page, '160000');
  assert.equal(await buildOf(page), B.id);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--lp-release').trim()), '"B"');
  const notice = page.locator('.update');
  assert.match(await notice.textContent(), /领跑已更新.*数据版本 0\.1\.0\+data\./);
  await shot(page, 'update-zh');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.waitForFunction(() => /has been updated/.test(document.querySelector('.update')?.textContent));
  await shot(page, 'update-en');
  await settled(page, B); // B's worker took over and dropped A's cache

  // Offline: B from its cache, a policy text included though never opened online.
  await context.setOffline(true);
  await page.reload();
  await waitTotal(page, '160000');
  assert.equal(await buildOf(page), B.id);
  assert.equal(await page.locator('.update').count(), 0, 'said once');
  await page.getByRole('button', { name: 'Show the article' }).first().click();
  await page.waitForSelector('.lp-article mark');
  await shot(page, 'offline-b');
  await context.setOffline(false);

  // Rolled back to A, every file with the mtime B's had: A is what the visitor gets.
  deploy(A);
  await page.reload();
  await waitTotal(page, '160000');
  assert.equal(await buildOf(page), A.id);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--lp-release').trim()), '');
  await page.locator('.update').waitFor();
  await settled(page, A);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.foreign, []);
});

test('query strings and foreign URLs never grow the cache', async (t) => {
  deploy(A);
  writeFileSync(join(site, 'stray.txt'), 'a file on the host that is not part of the build');
  const { page, seen } = await open(t);
  await page.goto(url);
  await page.waitForSelector('.lp-inputs select');
  await settled(page, A);
  const before = await stored(page);
  assert.equal(before.length, A.files.length - 1); // every file but sw.js
  const script = await page.$eval('script[type=module][src]', (s) => s.getAttribute('src'));
  for (let i = 0; i < 5; i++) {
    await page.goto(`${url}?utm_source=mail&utm_campaign=${i}`);
    await page.waitForSelector('.lp-inputs select');
  }
  await page.goto(`${url}index.html?utm=x`);
  await page.waitForSelector('.lp-inputs select');
  const fetched = await page.evaluate(async (s) => {
    const codes = [];
    for (const u of [`${s}?v=1`, `${s}?v=2`, 'stray.txt', 'stray.txt?x=1', 'missing.txt']) codes.push((await fetch(u)).status);
    return codes;
  }, script);
  assert.deepEqual(fetched, [200, 200, 200, 200, 404]);
  assert.deepEqual(await stored(page), before);
  assert.ok(before.every((u) => !u.includes('?')));
  assert.deepEqual(seen.errors.filter((e) => !/404/.test(e)), []);
});

test('when storing fails (quota), the worker still answers with the network\'s copy', async (t) => {
  deploy(A);
  const { page, context } = await open(t);
  await page.goto(link());
  await waitTotal(page, '160000');
  await settled(page, A);
  // No room left for this origin: every cache write now fails with QuotaExceededError.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(url).origin, quotaSize: 1 });
  const refused = await page.evaluate(async () => {
    try { await (await caches.open('probe')).put('/probe', new Response('x'.repeat(1e5))); return null; } catch (e) { return e.name; }
  });
  assert.equal(refused, 'QuotaExceededError');
  deploy(B);
  await page.reload();
  await waitTotal(page, '160000');
  assert.equal(await buildOf(page), B.id, 'the page is the network\'s, not the stored one');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(url).origin });
});
