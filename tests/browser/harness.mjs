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
