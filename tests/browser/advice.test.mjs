// The "下一步 / Next" panel in headless Chromium, with real clicks, in Chinese and in
// English: two national standards in Beijing (the issue's case) fill the 50 万 cap on
// standards, so the next standard adds 0 with the cap named, while a secretariat adds
// its full amount; one click adds the best candidate to the list and the total rises by
// exactly its marginal worth; "in every region" names where an item pays most.
// Screenshots in test-output/ (www-advice-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, url, browser, out } from './harness.mjs';

serve({}, 'advice timings');

const BEIJING = { region: 'beijing', as_of: '2023-06-30', achievements: [
  { kind: 'standard', level: 'national', action: 'formulate', role: 'lead', count: 2 },
] };
const link = (req, lang) => `${url}#req=${encodeURIComponent(JSON.stringify(req))}${lang ? `&lang=${lang}` : ''}`;
const total = (page) => page.textContent('[data-testid=total-yuan]');
const shot = (page, name) => page.locator('[data-testid=advice]').screenshot({ path: join(out, `www-advice-${name}.png`) });

test('the next-step panel: ranked with the cap room, one click adds, in zh and en', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, serviceWorkers: 'block', locale: 'zh-CN' });
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(link(BEIJING));
  // 第十一条: two national standards, 30 万 each, capped at 50 万 a year.
  await page.waitForFunction(() => document.querySelector('[data-testid=total-yuan]')?.textContent === '500000');
  const panel = page.locator('[data-testid=advice]');
  await panel.scrollIntoViewIfNeeded();
  assert.match(await panel.locator('h3').textContent(), /下一步/);
  // The room: the standards cap is used up, and said so.
  assert.match(await panel.locator('.lp-advice-caps').textContent(), /上限 50 万元，已用 50 万元，尚余 0 元/);
  const items = panel.locator('[data-testid=advice-candidate]');
  assert.equal(await items.count(), 8, 'the first eight, then "show all"');
  // Best first: the international standard (cap raised to 100 万: adds 50 万), TC secretariat 50 万…
  const first = await items.nth(0).textContent();
  assert.match(first, /国际/);
  assert.match(first, /\+50 万元/);
  await panel.getByRole('button', { name: /显示全部 \d+ 项/ }).click();
  const all = await items.allTextContents();
  assert.ok(all.length > 8);
  const national = all.find((x) => /制修订标准 · 制定 · 国家级 · 主导/.test(x));
  assert.match(national, /\+0 元/);
  assert.match(national, /列示金额 30 万元/);
  assert.match(national, /尚余 0 元/);
  assert.match(national, /第十一条/);
  await shot(page, 'zh');

  // One click adds the TC secretariat: the total rises by its marginal worth, 50 万.
  const tc = items.filter({ hasText: '标准化技术组织秘书处 · 国际 · 技术委员会（TC）' });
  assert.match(await tc.textContent(), /\+50 万元/);
  await tc.getByRole('button', { name: '添加' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=total-yuan]')?.textContent === '1000000');
  assert.equal(await page.locator('.lp-card').count(), 2, 'the item is on the list');
  // The link follows (the page writes it a moment after the last change).
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('"kind":"secretariat","scope":"international","tier":"tc"'));

  // In every region: each candidate says where it pays most.
  await panel.getByLabel(/比较各地区/).check();
  await page.waitForFunction(() => /各地区中最多|本地区资助最多/.test(document.querySelector('[data-testid=advice]').textContent));
  await shot(page, 'across-zh');

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=advice] h3')?.textContent === 'Next: what to apply for next');
  assert.match(await panel.locator('.lp-advice-caps').textContent(), /CNY 0 of CNY 500,000 left \(CNY 500,000 used\)/);
  assert.match(await panel.textContent(), /Add/);
  await shot(page, 'en');
  assert.deepEqual(errors, []);
});

test('a region that pays for nothing shows no panel, and a bad date leaves the page standing', async (t) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 900 }, serviceWorkers: 'block', locale: 'en-US' });
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(link({ region: 'shanghai', as_of: '2023-06-30', achievements: [] }, 'en'));
  await page.waitForFunction(() => document.querySelector('[data-testid=total-yuan]')?.textContent === '0');
  assert.equal(await page.locator('[data-testid=advice]').isHidden(), true);
  // A phone: the panel of a paying region fits the width.
  await page.goto(link({ ...BEIJING, lang: 'en' }, 'en'));
  await page.waitForFunction(() => document.querySelector('[data-testid=total-yuan]')?.textContent === '500000');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scroll (${width})`);
  await page.locator('[data-testid=advice]').scrollIntoViewIfNeeded();
  await shot(page, 'phone-en');
  assert.deepEqual(errors, []);
});
