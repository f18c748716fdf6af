// What the browser tests share: Chromium as scripts/setup.sh installs it, and a folder
// served by scripts/serve.mjs on a free port.
import { chromium } from 'playwright-core';
import { start } from '../../scripts/serve.mjs';

export const launch = () => chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

/** Serves dir; resolves to its URL and a close() that also ends open connections. */
export async function serve(dir) {
  const { server, url } = await start({ dir });
  return { url, close: () => { server.closeAllConnections(); server.close(); } };
}
