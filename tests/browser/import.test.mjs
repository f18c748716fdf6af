// The page's file import in headless Chromium: a JSON Lines file and a CSV picked with
// the file input, computed in the Web Worker with a progress bar, give the totals of the
// native `lingpao batch` on the same file, and the downloaded CSV is the CLI's; bad
// files are said in both languages and the page stays whole; the page answers a click
// while a large file runs (the longest main-thread task is printed). Screenshots in
// test-output/. LINGPAO_IMPORT_UNITS sets the large file's size (default 20,000; the
// benchmark in docs/performance.md is 100,000).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { serve, url, browser, out } from './harness.mjs';
import { units } from '../../bench/units.mjs';

const timings = {};
serve(timings, 'import timings');

const root = new URL('../../', import.meta.url).pathname;
const cli = process.env.LINGPAO_BIN ?? `${root}target/debug/lingpao`;
const UNITS = Number(process.env.LINGPAO_IMPORT_UNITS ?? 20000);

/** `lingpao batch [--csv]`: stdout and the summary's head (units, failed, total). */
function native(input, csv = false) {
  const r = spawnSync(cli, ['batch', ...(csv ? ['--csv'] : [])], { input, maxBuffer: 1 << 30 });
  const head = /^lingpao batch: (\d+) units, (\d+) failed; total (\S+) yuan/m.exec(r.stderr.toString());
  assert.ok(head, r.stderr.toString());
  const regions = [...r.stderr.toString().matchAll(/^ {2}region (\S+): (\d+) units, (\S+) yuan$/gm)].map((m) => [m[1], m[2], m[3]]);
  return { stdout: r.stdout.toString(), units: head[1], failed: head[2], total: head[3], regions };
}

/** A fresh page recording errors; the import section and its file input. */
async function open(t, { width = 1200, serviceWorkers = 'block' } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, serviceWorkers, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  t.after(() => context.close());
  await page.goto(url);
  await page.waitForSelector('[data-testid=import-file]');
  return { page, errors, context };
}

const files = mkdtempSync(join(tmpdir(), 'lingpao-import-'));
after(() => rmSync(files, { recursive: true, force: true }));
/**
 * Picks a file with the page's file input, by path: as a user's pick, the browser reads
 * it from disk (a buffer would be decoded on the page's thread by the test driver).
 */
function pick(page, name, content) {
  const path = join(files, name);
  writeFileSync(path, content);
  return page.setInputFiles('[data-testid=import-file]', path);
}
const waitDone = (page) => page.waitForSelector('[data-testid=import-results]:not([hidden]), [data-testid=import-error]:not([hidden])', { timeout: 120000 });
const text = (page, id) => page.textContent(`[data-testid=${id}]`);
const digits = (s) => s.replace(/[^\d.]/g, '');

async function download(page) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=import-download]')]);
  return readFileSync(await d.path(), 'utf8');
}

test('a JSON Lines file: the CLI\'s totals on every line, by region, and its CSV rows; zh and en', async (t) => {
  const { page, errors } = await open(t);
  const lines = units(3000, { regions: ['tianjin', 'beijing', 'shanghai', 'tianjin'] });
  lines.splice(10, 0, '{"region":"tianjin","achievements":[{"kind":"standard","level":"galactic"}]}', '', 'not json');
  const input = `${lines.join('\n')}\n`;
  const want = native(input);
  await page.evaluate(() => {
    window.__progress = [];
    const bar = document.querySelector('[data-testid=import-progress]');
    new MutationObserver(() => window.__progress.push([bar.value, bar.max])).observe(bar, { attributes: true, attributeFilter: ['value', 'max'] });
  });
  await pick(page, 'units.jsonl', input);
  await waitDone(page);
  assert.equal(await page.isHidden('[data-testid=import-error]'), true, await text(page, 'import-error'));
  assert.equal(digits(await text(page, 'import-units')), want.units);
  assert.equal(digits(await text(page, 'import-failed')), want.failed);
  assert.match(await text(page, 'import-total'), new RegExp(`（${want.total.replace(/\B(?=(\d{3})+(?!\d))/g, ',')} 元）`));
  // By region: each row's units as the CLI's summary counts them.
  for (const [id, n] of want.regions) assert.equal(digits(await page.textContent(`tr[data-id="${id}"] td`)), n, id);
  const progress = await page.evaluate(() => window.__progress);
  assert.ok(progress.some(([v, m]) => v > 0 && v <= m), JSON.stringify(progress.slice(0, 5)));
  assert.match(await text(page, 'import-errors'), /第 11 行 · achievements\[0\]\.level/);
  assert.match(await text(page, 'import-privacy'), /文件只在本机浏览器中计算，不会上传/);
  // The download: a row per unit, each the CLI's answer for its line.
  const rows = (await download(page)).split('\n').slice(1, -1);
  const answers = want.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, answers.length);
  answers.forEach((a, i) => {
    const cells = rows[i].split(',');
    assert.equal(Number(cells[0]), a.line);
    if (a.error) assert.equal(cells[5], a.error.field);
    else assert.deepEqual(cells.slice(1, 5), [a.region, a.total_yuan, String(a.total_is_upper_bound), Object.entries(a.policies).map(([k, v]) => `${k}=${v}`).join(';')]);
  });
  const section = page.locator('section.lp-import');
  await section.screenshot({ path: join(out, 'import-zh.png') });
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.waitForFunction(() => /nothing is uploaded/.test(document.querySelector('[data-testid=import-privacy]').textContent));
  assert.match(await text(page, 'import-errors'), /Line 11 · achievements\[0\]\.level/);
  assert.match(await text(page, 'import-total'), new RegExp(`CNY ${want.total.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`));
  assert.match(await page.textContent('section.lp-import'), /Download results \(CSV\)/);
  await section.screenshot({ path: join(out, 'import-en.png') });
  assert.deepEqual(errors, []);
});

test('a CSV file: the downloaded results are the CLI\'s CSV, byte for byte', async (t) => {
  const { page, errors } = await open(t);
  const csv = readFileSync(`${root}examples/batch.csv`, 'utf8') + 'tianjin,2022-06-30,two,,,,\natlantis,2022-06-30,1,,,,\n';
  const want = native(csv, true);
  await pick(page, 'units.csv', csv);
  await waitDone(page);
  assert.equal(digits(await text(page, 'import-units')), want.units);
  assert.equal(digits(await text(page, 'import-failed')), want.failed);
  assert.equal(await download(page), want.stdout);
  assert.deepEqual(errors, []);
});

test('under a reform file: baseline, reform and difference by region and policy, the CLI\'s --reform CSV; zh and en', async (t) => {
  const { page, errors } = await open(t);
  const csv = readFileSync(`${root}examples/batch.csv`, 'utf8');
  const reformFile = `${root}examples/reform.json`;
  const r = spawnSync(cli, ['batch', '--csv', '--reform', reformFile], { input: csv });
  const head = /^lingpao batch: (\d+) units, (\d+) failed; total under the reform (\S+) yuan \(baseline (\S+), difference ([+-]?\S+)\)/m.exec(r.stderr.toString());
  assert.ok(head, r.stderr.toString());
  // The reform first (a JSON file), then the units.
  await page.setInputFiles('[data-testid=import-reform]', reformFile);
  await page.waitForFunction(() => /reform\.json/.test(document.querySelector('[data-testid=import-reform-state]').textContent));
  await pick(page, 'units.csv', csv);
  await waitDone(page);
  assert.equal(await page.isHidden('[data-testid=import-error]'), true, await text(page, 'import-error'));
  const grouped = (y) => y.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  assert.match(await text(page, 'import-total'), new RegExp(`（${grouped(head[3])} 元）`));
  assert.match(await text(page, 'import-baseline'), new RegExp(`（${grouped(head[4])} 元）`));
  assert.match(await text(page, 'import-difference'), /^[+-]?\d/);
  // Tianjin's row: units, then now, under the reform, and the difference.
  const row = await page.$$eval('tr[data-id="tianjin"] td', (tds) => tds.map((td) => td.textContent));
  assert.equal(row.length, 4, row.join(' | '));
  assert.equal(await download(page), r.stdout.toString(), 'the CLI\'s --reform CSV, byte for byte');
  const section = page.locator('section.lp-import');
  await section.screenshot({ path: join(out, 'import-reform-zh.png') });
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.waitForFunction(() => /Computed under the reform/.test(document.querySelector('[data-testid=import-reform-state]').textContent));
  assert.match(await page.textContent('section.lp-import'), /Now.*If changed.*Difference/s);
  await section.screenshot({ path: join(out, 'import-reform-en.png') });
  // A bad reform is said naming its field, and no reform computes the file as it is.
  const bad = join(files, 'bad-reform.json');
  writeFileSync(bad, '{"changes":[{"policy":"tianjin-subsidy-fund","rule":"nope","amount":"1"}]}');
  await page.setInputFiles('[data-testid=import-reform]', bad);
  await waitDone(page);
  await page.waitForSelector('[data-testid=import-error]:not([hidden])');
  assert.match(await text(page, 'import-error'), /reform\.changes\[0\]\.rule/);
  await page.getByRole('button', { name: 'No reform' }).click();
  await page.waitForSelector('[data-testid=import-results]:not([hidden])', { timeout: 60000 });
  assert.equal(await page.isVisible('[data-testid=import-baseline]'), false);
  assert.deepEqual(errors, []);
});

test('offline after a first visit, 375 px wide: the worker and its wasm come from the service worker', async (t) => {
  const { page, errors, context } = await open(t, { width: 375, serviceWorkers: 'allow' });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
  });
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-testid=import-file]');
  const csv = readFileSync(`${root}examples/batch.csv`, 'utf8');
  await pick(page, 'offline.csv', csv);
  await waitDone(page);
  assert.equal(await page.isHidden('[data-testid=import-error]'), true, await text(page, 'import-error'));
  assert.equal(await download(page), native(csv, true).stdout);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, 'no horizontal scroll');
  await page.locator('section.lp-import').screenshot({ path: join(out, 'import-375.png') });
  await context.setOffline(false);
  assert.deepEqual(errors, []);
});

test('bad files: empty, neither kind, a bad header, a huge line: said in both languages, the page stays whole', async (t) => {
  const { page, errors } = await open(t);
  const cases = [
    ['empty.jsonl', '', /文件为空/, /the file is empty/],
    ['photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /既不是 JSON Lines/, /neither JSON Lines/],
    ['bad.csv', 'region,widget:level=national\ntianjin,1\n', /表头第 2 列/, /header row, column 2/],
  ];
  for (const [name, content, zh, en] of cases) {
    await pick(page, name, content);
    await page.waitForFunction(() => !document.querySelector('[data-testid=import-error]').hidden);
    assert.match(await text(page, 'import-error'), zh, name);
    assert.ok(await page.isVisible('.lp-columns'), 'the calculator is still there');
  }
  await page.locator('section.lp-import').screenshot({ path: join(out, 'import-error-zh.png') });
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.waitForFunction(() => /header row, column 2/.test(document.querySelector('[data-testid=import-error]').textContent));
  assert.match(await text(page, 'import-error'), cases[2][3]);
  // A line of 3 MiB is an error line; the other lines are computed (the worker survives).
  await pick(page, 'huge.jsonl', `{"a":"${'x'.repeat(3 << 20)}"}\n${units(2).join('\n')}\n`);
  await waitDone(page);
  assert.equal(digits(await text(page, 'import-units')), '3');
  assert.equal(digits(await text(page, 'import-failed')), '1');
  assert.match(await text(page, 'import-errors'), /Line 1 · request: is over the limit of 1048576 bytes/);
  assert.deepEqual(errors, []);
});

test('a worker that cannot start is said, and the next file starts a new one', async (t) => {
  const { page, errors } = await open(t);
  await page.route(/import\.worker-[\w-]+\.js$/, (r) => r.fulfill({ status: 404, body: 'gone' }));
  await pick(page, 'a.jsonl', `${units(3).join('\n')}\n`);
  await page.waitForFunction(() => !document.querySelector('[data-testid=import-error]').hidden);
  assert.match(await text(page, 'import-error'), /计算线程意外停止/);
  assert.ok(await page.isVisible('.lp-columns'));
  await page.unroute(/import\.worker-[\w-]+\.js$/);
  await pick(page, 'b.jsonl', `${units(4).join('\n')}\n`);
  await waitDone(page);
  assert.equal(digits(await text(page, 'import-units')), '4');
  assert.ok(errors.every((e) => /404|Failed to load/.test(e)), errors.join('\n'));
});

test(`${UNITS} Tianjin units: computed in the worker; the page answers a click meanwhile, and a cancel`, async (t) => {
  const { page, errors } = await open(t);
  const input = `${units(UNITS, { seed: 2022 }).join('\n')}\n`;
  const want = native(input);
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  const t0 = Date.now();
  await pick(page, 'tianjin.jsonl', input);
  await waitDone(page);
  const total = Date.now() - t0;
  assert.equal(digits(await text(page, 'import-units')), want.units);
  assert.equal(digits(await text(page, 'import-failed')), '0');
  assert.match(await text(page, 'import-total'), new RegExp(`（${want.total.replace(/\B(?=(\d{3})+(?!\d))/g, ',')} 元）`));
  // Five times the units, so that the run lasts well past a click: the comparison tab
  // answers at once while it runs, then Cancel stops it, says so, and the next file computes.
  await pick(page, 'again.jsonl', input.repeat(5));
  await page.waitForFunction(() => document.querySelector('[data-testid=import-progress]').value > 0);
  const c0 = Date.now();
  await page.getByRole('tab', { name: '各地区比较' }).click();
  await page.waitForFunction(() => document.querySelector('.lp-tabs [role=tab][aria-selected=true]').textContent === '各地区比较');
  const click = Date.now() - c0;
  assert.equal(await page.isVisible('[data-testid=import-progress]'), true, 'the click was answered while the file was computed');
  await page.getByRole('button', { name: '取消' }).click();
  assert.match(await text(page, 'import-error'), /已取消/);
  assert.equal(await page.isHidden('[data-testid=import-results]'), true);
  const longest = await page.evaluate(() => window.__longest);
  Object.assign(timings, { units: UNITS, file_to_results: total, click_while_running: click, longest_task: Math.round(longest) });
  assert.ok(click < 1000, `a click took ${click} ms to be answered`);
  assert.ok(longest < 200, `a main-thread task of ${longest} ms`);
  await pick(page, 'small.jsonl', `${units(5).join('\n')}\n`);
  await waitDone(page);
  assert.equal(digits(await text(page, 'import-units')), '5');
  assert.deepEqual(errors, []);
});
