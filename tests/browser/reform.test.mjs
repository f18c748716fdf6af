// The "如果金额改为… / If the amounts were…" panel in headless Chromium, with real clicks
// and typing, in Chinese and in English: a rule's amount changed, a rule switched off, a
// bad figure named, the change undone; baseline, reform and difference per line and in
// total. Screenshots in test-output/ (www-reform-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, url, browser, out } from './harness.mjs';

serve({}, 'reform timings');

const TIANJIN = { region: 'tianjin', as_of: '2022-06-30', achievements: [
  { kind: 'standard', level: 'national', action: 'formulate', role: 'lead', count: 2 },
  { kind: 'standard', level: 'national', action: 'revise', role: 'lead' },
  { kind: 'leader', level: 'national' },
] };
const link = (req) => `${url}#req=${encodeURIComponent(JSON.stringify(req))}`;
const waitData = (page, id, value) => page.waitForFunction(([i, v]) => document.querySelector(`[data-testid=${i}]`)?.textContent === v, [id, value], { timeout: 15000 });
const rows = (page) => page.$$eval('[data-testid=reform] tbody tr', (trs) => trs.map((tr) => ({ cells: [...tr.children].map((c) => c.textContent), changed: tr.classList.contains('lp-changed') })));
const shot = (page, name) => page.locator('[data-testid=reform]').screenshot({ path: join(out, `www-reform-${name}.png`) });

test('the what-if panel: an amount changed, a rule off, a bad figure, in zh and en', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', locale: 'zh-CN' });
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(link(TIANJIN));
  // Baseline: 2 × 80000 + 50% × 80000 + 60000 (第七条, 第十一条).
  await page.waitForFunction(() => document.querySelector('[data-testid=total-yuan]')?.textContent === '260000');
  const panel = page.locator('[data-testid=reform]');
  await panel.scrollIntoViewIfNeeded();
  assert.match(await panel.textContent(), /如果金额改为…/);

  // National standards at 10 万 instead of 8 万: typed, then 试算.
  await page.getByLabel('规则或上限').selectOption('tianjin-subsidy-fund|rule|national_formulate_lead');
  assert.equal(await page.getByLabel('修改', { exact: true }).inputValue(), 'amount');
  const value = page.getByLabel('新的数值');
  assert.equal(await value.inputValue(), '80000', 'prefilled with the figure of the text');
  await value.click();
  await value.press('Control+A');
  await value.pressSequentially('100000');
  await page.getByRole('button', { name: '试算', exact: true }).click();
  // 2 × 100000 + 50% × 100000 + 60000 = 310000: +50000.
  await waitData(page, 'reform-total', '310000');
  assert.equal(await page.textContent('[data-testid=reform-difference]'), '+50000');
  assert.equal(await page.textContent('[data-testid=total-yuan]'), '260000', 'the estimate above stays the text\'s');
  let r = await rows(page);
  assert.deepEqual(r.map((x) => x.cells.slice(1)), [['16 万元', '20 万元', '+4 万元'], ['4 万元', '5 万元', '+1 万元'], ['6 万元', '6 万元', '0 元']]);
  assert.deepEqual(r.map((x) => x.changed), [true, true, false]);
  assert.match(await page.textContent('.lp-reform-total'), /26 万元.*31 万元.*\+5 万元/);
  await shot(page, 'amount-zh');

  // The leader award switched off (a second change): its line goes to 0.
  await page.getByLabel('规则或上限').selectOption('tianjin-subsidy-fund|rule|leader_national');
  await page.getByLabel('修改', { exact: true }).selectOption('off');
  assert.equal(await value.isDisabled(), true);
  await page.getByRole('button', { name: '试算', exact: true }).click();
  await waitData(page, 'reform-total', '250000');
  assert.equal(await page.textContent('[data-testid=reform-difference]'), '-10000');
  r = await rows(page);
  assert.deepEqual(r[2].cells.slice(1), ['6 万元', '0 元', '-6 万元']);
  assert.equal(await page.locator('.lp-reform-changes li').count(), 2);

  // A percentage over 100 is refused, naming the figure; the reform stays as it was.
  await page.getByLabel('规则或上限').selectOption('tianjin-subsidy-fund|rule|domestic_revise_lead');
  assert.equal(await page.getByLabel('修改', { exact: true }).inputValue(), 'percent');
  await value.fill('');
  await value.pressSequentially('150');
  await value.press('Enter');
  await page.waitForSelector('.lp-reform-error:not([hidden])');
  assert.match(await page.textContent('.lp-reform-error'), /比例（%）：.*0 到 100/);
  assert.equal(await page.textContent('[data-testid=reform-total]'), '250000');
  await shot(page, 'off-zh');

  // English: the same reform, in English words.
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=reform] h3')?.textContent === 'If the amounts were…');
  assert.match(await panel.textContent(), /Now.*If changed.*Difference/);
  r = await rows(page);
  assert.deepEqual(r[0].cells.slice(1), ['CNY 160,000', 'CNY 200,000', '+CNY 40,000']);
  await shot(page, 'off-en');
  // Undo the switch-off with its × button; then a percentage of 60.
  await page.getByRole('button', { name: /^Undo: 第十一条/ }).click();
  await waitData(page, 'reform-total', '310000');
  await page.getByLabel('Rule or cap').selectOption('tianjin-subsidy-fund|rule|domestic_revise_lead');
  await page.getByLabel('New figure').fill('');
  await page.getByLabel('New figure').pressSequentially('60');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  // 200000 + 60% × 100000 + 60000 = 320000.
  await waitData(page, 'reform-total', '320000');
  assert.equal(await page.isVisible('.lp-reform-error'), false);
  assert.match(await page.textContent('.lp-reform-total'), /CNY 260,000.*CNY 320,000.*\+CNY 60,000/);
  await shot(page, 'percent-en');
  assert.deepEqual(errors, []);
});
