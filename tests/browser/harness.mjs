// What the browser tests share: Chromium as scripts/setup.sh installs it, a folder
// served by scripts/serve.mjs on a free port, and, for the page's own tests, the site
// built as it deploys (scripts/build-site.mjs, into a temporary folder), the folder for
// screenshots and the file's timings printed at the end (not asserted).
import { before, after } from 'node:test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { start } from '../../scripts/serve.mjs';
import { buildSite } from '../../scripts/build-site.mjs';

const root = new URL('../../', import.meta.url).pathname;
export const out = join(root, 'test-output');
mkdirSync(out, { recursive: true });
/** How many regions the data defines (each a `[[region]]` of policies/regions.toml). */
export const REGIONS = readFileSync(join(root, 'policies/regions.toml'), 'utf8').match(/^\[\[region\]\]/gm).length;

export const launch = () => chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

/** Serves dir; resolves to its URL and a close() that also ends open connections. */
export async function serveDir(dir) {
  const { server, url } = await start({ dir });
  return { url, close: () => { server.closeAllConnections(); server.close(); } };
}

/** The site's base URL and the browser: set once `serve` has started them. */
export let url;
export let browser;

/**
 * Builds the site, serves it and starts the browser before this file's tests; stops
 * them after and prints `timings` as `label`.
 */
export function serve(timings, label = 'timings') {
  const site = mkdtempSync(join(tmpdir(), 'lingpao-site-'));
  let close;
  before(async () => {
    await buildSite({ out: site });
    ({ url, close } = await serveDir(site));
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    close?.();
    rmSync(site, { recursive: true, force: true });
    console.log(`# ${label} (ms): ${JSON.stringify(timings)}`);
  });
}

/**
 * A fresh context and page that records page errors, console errors (CSP violations
 * among them), dialogs and any request to another host. Service workers are blocked
 * except where a test is about them.
 */
export async function openPage(t, { width = 1280, height = 900, serviceWorkers = 'block' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, serviceWorkers, locale: 'zh-CN' });
  const page = await context.newPage();
  const seen = { errors: [], dialogs: [], foreign: [] };
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  context.on('request', (r) => { if (!r.url().startsWith(url) && !r.url().startsWith('data:')) seen.foreign.push(r.url()); });
  t.after(() => context.close());
  return { context, page, seen };
}

/** By clicks, as a user in Chinese: the region, the claim date 2022-06-30, and one national standard led. */
export async function addNationalStandard(page, region) {
  await page.getByLabel('地区', { exact: true }).selectOption(region);
  await page.getByLabel('申报基准日').fill('2022-06-30');
  await page.getByLabel('成果类型').selectOption('standard');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await page.getByLabel('标准层级').selectOption('national');
  await page.getByLabel('制定或修订').selectOption('formulate');
  await page.getByLabel('主导（第一起草单位）或参与').selectOption('lead');
}
