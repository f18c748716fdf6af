// The application checklist under the estimate, in headless Chromium with real clicks:
// materials ticked ✓ with the items they serve, in both languages; a text that lists no
// materials says so; the data (checklists.json) is fetched only when a paying text is
// shown; and the printed report (print media, and a PDF) is one clean document with the
// lines, their quotes and the checklist, no buttons or form. Screenshots in test-output/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, url, out, openPage, addNationalStandard } from './harness.mjs';

serve({}, 'checklist');

const link = (req) => `${url}#req=${encodeURIComponent(JSON.stringify(req))}`;

async function open(t) {
  const { page, seen } = await openPage(t);
  seen.checklistFetches = 0;
  page.on('request', (r) => { if (/checklists[^/]*\.json/.test(r.url())) seen.checklistFetches += 1; });
  return { page, seen };
}

const shot = (page, name) => page.screenshot({ path: join(out, `www-checklist-${name}.png`), fullPage: true });
const material = (page, policy, id) => page.locator(`.lp-checklist-policy[data-policy="${policy}"] [data-material="${id}"]`);

test('Weihai in Chinese: added by clicks, each material ticked for its items', async (t) => {
  const { page, seen } = await open(t);
  // A region whose texts name no money: no checklist, nothing fetched.
  await page.goto(link({ region: 'hainan', as_of: '2022-06-30', achievements: [] }));
  await page.waitForSelector('[data-testid=total-yuan]', { state: 'attached' });
  assert.equal(await page.isVisible('.lp-checklist'), false);
  assert.equal(seen.checklistFetches, 0, 'checklists.json is not fetched for a region that pays nothing');
  await addNationalStandard(page, 'weihai');
  await page.getByLabel('成果类型').selectOption('leader');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await page.waitForSelector('.lp-checklist-policy[data-policy="weihai-subsidy-fund"]');
  assert.equal(seen.checklistFetches, 1, 'fetched once, when a paying text is first shown');
  assert.match(await page.textContent('.lp-checklist > .lp-h3'), /申报材料与流程/);
  const notice = material(page, 'weihai-subsidy-fund', 'publication_notice');
  assert.match(await notice.getAttribute('class'), /lp-material-ticked/);
  assert.match(await notice.textContent(), /✓ 用于：第 1 项/);
  assert.match(await notice.textContent(), /第十六条（二）/);
  assert.match(await notice.textContent(), /相关行政主管部门批准发布该标准的公告/);
  const recognition = material(page, 'weihai-subsidy-fund', 'recognition_document');
  assert.match(await recognition.textContent(), /✓ 用于：第 2 项/);
  assert.doesNotMatch(await recognition.textContent(), /第 1 项/);
  assert.match(await material(page, 'weihai-subsidy-fund', 'application_form').textContent(), /每项申报均需提交/);
  assert.equal(await page.locator('.lp-checklist-policy[data-policy="weihai-subsidy-fund"] .lp-app-step').count(), 5);
  // Removing the leader: its material is no longer ticked.
  await page.getByRole('button', { name: /删除/ }).last().click();
  await page.waitForFunction(() => !document.querySelector('[data-material="recognition_document"]')?.classList.contains('lp-material-ticked'));
  assert.match(await recognition.textContent(), /适用于：.*企业标准“领跑者”.*（本次估算中没有此类项目）/);
  await shot(page, 'weihai-zh');
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.foreign, []);
});

test('English: a text that lists no materials says so, with where they are set', async (t) => {
  const { page, seen } = await open(t);
  await page.goto(link({ region: 'zaozhuang', as_of: '2022-06-30', achievements: [{ kind: 'standard', level: 'national', action: 'formulate', role: 'lead' }] }));
  await page.waitForSelector('.lp-checklist-policy');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /Application checklist/.test(document.querySelector('.lp-checklist')?.textContent ?? ''));
  const box = await page.textContent('.lp-checklist-policy[data-policy="zaozhuang-strategy-awards"]');
  assert.match(box, /This text lists no materials\./);
  assert.match(box, /publishes the requirements/);
  assert.match(box, /具体申请要求、认定依据、申报材料等内容，由市标准化主管部门另行公布。/);
  assert.match(box, /Apply within 1 year/);
  await shot(page, 'zaozhuang-en');
  // Tianjin: three categories, two kept (第十五条): the leader's proof is not ticked.
  await page.goto(link({ region: 'tianjin', as_of: '2022-06-30', lang: 'en', achievements: [
    { kind: 'standard', level: 'national', action: 'formulate', role: 'lead' }, { kind: 'leader', level: 'national' }, { kind: 'pilot', level: 'national' }] }));
  await page.waitForSelector('.lp-checklist-policy[data-policy="tianjin-subsidy-fund"]');
  assert.match(await material(page, 'tianjin-subsidy-fund', 'standard_published').textContent(), /✓ For: Item 1/);
  assert.match(await material(page, 'tianjin-subsidy-fund', 'pilot_accepted').textContent(), /✓ For: Item 3/);
  assert.match(await material(page, 'tianjin-subsidy-fund', 'leader_published').textContent(), /For: Enterprise-standard leader \(no such item in this estimate\)/);
  assert.match(await material(page, 'tianjin-subsidy-fund', 'standard_published').textContent(), /Reading taken/);
  await shot(page, 'tianjin-en');
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.foreign, []);
});

test('print: the estimate lines with clause and quote, then the checklist; no buttons or form', async (t) => {
  const { page, seen } = await open(t);
  await page.goto(link({ region: 'weihai', as_of: '2022-06-30', achievements: [
    { kind: 'standard', level: 'national', action: 'formulate', role: 'lead' }, { kind: 'leader', level: 'national' }] }));
  await page.waitForSelector('.lp-checklist-policy[data-policy="weihai-subsidy-fund"]');
  assert.equal(await page.getByRole('button', { name: '打印报告' }).isVisible(), true);
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.lp-toolbar', '.lp-inputs', '.lp-import', '.views', '.lp-reform']) assert.equal(await page.isVisible(hidden), false, `${hidden} is not printed`);
  const visible = (sel) => page.locator(sel).evaluateAll((els) => els.filter((e) => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden').length);
  assert.equal(await visible('button'), 0, 'no button printed');
  assert.equal(await visible('input, select, textarea'), 0, 'no form field printed');
  const text = await page.textContent('.lp-results');
  for (const want of [/第十六条（二）/, /第十七条（二）/, /申报材料与流程/, /✓ 用于：第 1 项/, /✓ 用于：第 2 项/, /标准审查会议纪要/, /申报流程/, /数据版本/]) assert.match(text, want);
  // The lines come before the checklist, in one document.
  const order = await page.evaluate(() => {
    const lines = document.querySelector('.lp-lines');
    const list = document.querySelector('.lp-checklist');
    return !!(lines && list && (lines.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING));
  });
  assert.equal(order, true);
  await shot(page, 'print');
  await page.pdf({ path: join(out, 'www-checklist-print.pdf'), format: 'A4' });
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.foreign, []);
});
