// The calculator page's first estimate (the page's own 'lp-first-estimate' mark, from
// navigation start) and its main-thread tasks, in headless Chromium on a cold cache:
// on localhost as is, and under DevTools throttling (4x CPU, 1.6 Mbps down, 750 kbps up,
// 150 ms RTT). Measured, not asserted; history in docs/performance.md.
//   node bench/page.mjs [URL]       default: builds the site into a temporary folder and
//                                   serves it with scripts/serve.mjs (compression on)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serve } from '../tests/browser/harness.mjs';

const RUNS = 7;
const THROTTLED = { cpu: 4, latency: 150, down: 1.6e6 / 8, up: 750e3 / 8 };
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

let url = process.argv[2];
let stop = () => {};
if (!url) {
  const { buildSite } = await import('../scripts/build-site.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'lingpao-bench-'));
  await buildSite({ out: dir });
  const served = await serve(dir);
  url = served.url;
  stop = () => { served.close(); rmSync(dir, { recursive: true, force: true }); };
}
const link = `${url}#req=${encodeURIComponent(JSON.stringify({ region: 'tianjin', as_of: '2022-06-30', achievements: [{ kind: 'standard', level: 'national', action: 'formulate', role: 'lead', count: 2 }] }))}`;

const browser = await launch();

async function once(throttle) {
  const context = await browser.newContext(); // a first visit: the service worker installs too
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (throttle) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: throttle.latency, downloadThroughput: throttle.down, uploadThroughput: throttle.up });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle.cpu });
  }
  await page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(link);
  await page.waitForFunction(() => performance.getEntriesByName('lp-first-estimate').length > 0, null, { timeout: 60000 });
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => ({
    first: performance.getEntriesByName('lp-first-estimate')[0].startTime,
    tasks: window.__tasks,
    requests: performance.getEntriesByType('resource').length + 1,
    bytes: performance.getEntriesByType('resource').reduce((s, e) => s + e.transferSize, 0) + performance.getEntriesByType('navigation')[0].transferSize,
  }));
  await context.close();
  return r;
}

for (const [name, throttle] of [['localhost', null], ['throttled 4x CPU, 1.6 Mbps, 150 ms RTT', THROTTLED]]) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(throttle));
  const firsts = runs.map((r) => r.first);
  const longest = runs.map((r) => Math.max(0, ...r.tasks));
  console.log(`${name}: first estimate median ${median(firsts).toFixed(0)} ms (min ${Math.min(...firsts).toFixed(0)}, max ${Math.max(...firsts).toFixed(0)}, ${RUNS} runs); `
    + `longest task median ${median(longest)} ms; tasks over 50 ms: ${JSON.stringify(runs[0].tasks)}; ${runs[0].requests} requests, ${(runs[0].bytes / 1024).toFixed(0)} KB transferred`);
}
await browser.close();
stop();
