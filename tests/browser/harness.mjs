// What every browser test file shares: the static server (scripts/serve.mjs) on a free
// port and one headless Chromium, started before the file's tests and stopped after,
// the folder for screenshots, and the file's timings printed at the end (not asserted).
import { before, after } from 'node:test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { start } from '../../scripts/serve.mjs';

const root = new URL('../../', import.meta.url).pathname;
export const out = join(root, 'test-output');
mkdirSync(out, { recursive: true });
/** How many regions the data defines (each a `[[region]]` of policies/regions.toml). */
export const REGIONS = readFileSync(join(root, 'policies/regions.toml'), 'utf8').match(/^\[\[region\]\]/gm).length;

/** The server's base URL and the browser: set once `serve` has started them. */
export let url;
export let browser;
let server;

/** Starts the server and the browser for this file's tests; prints `timings` as `label` after. */
export function serve(timings, label = 'timings') {
  before(async () => {
    ({ server, url } = await start());
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    server?.close();
    console.log(`# ${label} (ms): ${JSON.stringify(timings)}`);
  });
}
