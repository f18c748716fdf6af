// The calculator page and the widget in headless Chromium, driven by real clicks and
// key presses: the site built as it deploys (scripts/build-site.mjs, into a temporary
// folder) behind the static server (scripts/serve.mjs) on a free port, screenshots of each
// state in test-output/, timings printed (not asserted). Needs pkg/wasm/ (build-wasm.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, url, out, REGIONS, openPage as open, addNationalStandard } from './harness.mjs';

const timings = {};
serve(timings);

const TIANJIN = { region: 'tianjin', as_of: '2022-06-30', achievements: [{ kind: 'standard', level: 'national', action: 'formulate', role: 'lead', count: 2 }] };
const link = (req) => `${url}#req=${encodeURIComponent(JSON.stringify(req))}`;

const total = (page) => page.textContent('[data-testid=total-yuan]');
/** Waits until the total (of the page, or of the widget `host` selects) reads `value`. */
const waitTotal = (page, value, host = null) => page.waitForFunction(([h, v]) => {
  const root = h ? document.querySelector(h)?.shadowRoot : document;
  return root?.querySelector('[data-testid=total-yuan]')?.textContent === v;
}, [host, value], { timeout: 15000 });
const shot = (page, name, fullPage = true) => page.screenshot({ path: join(out, `www-${name}.png`), fullPage });
const clean = (seen) => {
  assert.deepEqual(seen.errors, [], 'no page or console errors');
  assert.deepEqual(seen.dialogs, [], 'no dialogs');
  assert.deepEqual(seen.foreign, [], 'no request to another host');
};

test('the server sends the CSP header and the wasm MIME type', async () => {
  const page = await fetch(url);
  assert.match(page.headers.get('content-security-policy'), /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(page.headers.get('content-security-policy'), /unsafe-inline|'unsafe-eval'/);
  const html = await page.text();
  assert.match(html, /http-equiv="Content-Security-Policy"/);
  const wasm = await fetch(new URL(html.match(/<link rel="preload" href="([^"]+\.wasm)"/)[1], url));
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal((await fetch(`${url}..%2fCargo.toml`)).status, 404);
});

test('Tianjin: two national standards as lead drafter make 160000', async (t) => {
  const { page, seen } = await open(t);
  await page.goto(url);
  await addNationalStandard(page, 'tianjin');
  await page.getByRole('button', { name: '增加数量' }).click();
  await waitTotal(page, '160000');
  assert.equal(await page.getByLabel('数量', { exact: true }).inputValue(), '2');
  assert.match(await page.textContent('.lp-total'), /16 万元/);
  assert.match(await page.textContent('.lp-lines'), /第七条/);
  assert.match(await page.textContent('.lp-policy-box'), /有效/);
  // Typing: the count field takes keys too.
  await page.getByLabel('数量', { exact: true }).fill('');
  await page.getByLabel('数量', { exact: true }).pressSequentially('3');
  await waitTotal(page, '240000');
  await page.getByLabel('数量', { exact: true }).fill('2');
  await waitTotal(page, '160000');
  // The quoted words open onto their article in the published text.
  await page.getByRole('button', { name: '查看原文条款' }).first().click();
  await page.waitForSelector('.lp-article mark');
  assert.match(await page.textContent('.lp-article'), /^第七条/);
  assert.match(await page.textContent('.lp-article mark'), /8 万元/);
  const recompute = await page.evaluate(() => performance.getEntriesByName('lp-recompute').map((e) => e.duration));
  const last = recompute.slice(-6);
  timings.recompute_after_input = { median: +last.sort((a, b) => a - b)[last.length >> 1].toFixed(2), max: +Math.max(...last).toFixed(2), n: last.length };
  await shot(page, 'tianjin-zh');
  clean(seen);
});

test('bad input is named at its field, and the result returns when it is fixed', async (t) => {
  const { page, seen } = await open(t);
  await page.goto(link({ region: 'beijing', as_of: '2021-06-30', achievements: [{ kind: 'standard', level: 'international', action: 'formulate', role: 'lead' }] }));
  await waitTotal(page, '1000000');
  await page.getByText('更多选项（可选）').click();
  const cost = page.getByLabel('实际发生费用（元）');
  await cost.pressSequentially('6万');
  await page.waitForSelector('.lp-error:not([hidden])');
  assert.match(await page.textContent('.lp-error'), /第 1 项 · 实际发生费用（元）/);
  assert.equal(await cost.getAttribute('aria-invalid'), 'true');
  assert.match(await page.textContent(`#${await cost.getAttribute('aria-describedby')}`), /十进制/);
  await cost.fill('600000');
  await waitTotal(page, '600000');
  assert.equal(await page.isVisible('.lp-error'), false);
  assert.equal(await cost.getAttribute('aria-invalid'), null);
  assert.match(await page.textContent('.lp-total'), /最高/);
  clean(seen);
});

test('no achievements: a total of 0 from the engine, with the region\'s warnings, no error', async (t) => {
  const { page, seen } = await open(t);
  await page.goto(link({ region: 'tianjin', as_of: '2025-01-01', achievements: [] }));
  await page.waitForSelector('.lp-warnings li');
  assert.equal(await total(page), '0');
  assert.match(await page.textContent('.lp-warnings'), /失效/);
  assert.match(await page.textContent('.lp-breakdown .lp-empty'), /添加成果后/);
  assert.equal(await page.isVisible('.lp-error'), false);
  clean(seen);
});

test('English: labels, units and engine messages switch', async (t) => {
  const { page, seen } = await open(t);
  await page.goto(link(TIANJIN));
  await waitTotal(page, '160000');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByLabel('Region', { exact: true }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.title(), 'Lingpao · standardization subsidy estimator');
  assert.match(await page.textContent('.lp-total'), /CNY 160,000/);
  assert.match(await page.textContent('.lp-lines'), /Standard drafted: National · Formulate · Lead × 2/);
  assert.match(await page.textContent('.lp-notes'), /Assumed|first/i); // engine note in English
  assert.equal(await page.getByLabel('Level of the standard').inputValue(), 'national');
  // Field words written for a sentence ("date published, …") start a label with a capital.
  assert.ok(await page.getByLabel('Date published, recognised or awarded').isVisible());
  const lower = await page.$$eval('label', (ls) => ls.map((l) => l.textContent.trim()).filter((x) => /^[a-z]/.test(x)));
  assert.deepEqual(lower, []);
  await page.waitForURL(/%22lang%22%3A%22en%22/);
  await shot(page, 'tianjin-en');
  await page.getByRole('button', { name: '切换到中文' }).click();
  await page.getByLabel('地区', { exact: true }).waitFor();
  clean(seen);
});

test('compare ranks every region, bars sorted; a region opens its breakdown', async (t) => {
  const { page, seen } = await open(t);
  await page.goto(link({ ...TIANJIN, achievements: [...TIANJIN.achievements, { kind: 'leader', level: 'national' }] }));
  await waitTotal(page, '220000');
  await page.getByRole('tab', { name: '各地区比较' }).click();
  await page.waitForSelector('.lp-chart .lp-bar');
  const widths = await page.$$eval('.lp-chart .lp-bar-fill', (rs) => rs.map((r) => Number(r.getAttribute('width'))));
  assert.equal(widths.length, REGIONS);
  assert.ok(widths[0] > 0);
  for (let i = 1; i < widths.length; i++) assert.ok(widths[i] <= widths[i - 1], `bar ${i} is not longer than bar ${i - 1}`);
  const ranks = await page.$$eval('.lp-table tbody tr td:first-child', (tds) => tds.map((td) => Number(td.textContent)));
  assert.deepEqual(ranks, Array.from({ length: REGIONS }, (_, i) => i + 1));
  await page.waitForURL(/view=compare/);
  await shot(page, 'compare');
  // Click a bar: that region's breakdown opens.
  const first = await page.$eval('.lp-chart .lp-bar', (g) => g.dataset.region);
  await page.click(`.lp-chart .lp-bar[data-region="${first}"] .lp-bar-fill`);
  await page.waitForSelector('[role=tabpanel]:not([hidden]) .lp-lines');
  assert.equal(await page.getByLabel('地区', { exact: true }).inputValue(), first);
  assert.notEqual(await total(page), '220000');
  // And through the table's button, by keyboard.
  await page.getByRole('tab', { name: '各地区比较' }).click();
  await page.getByRole('button', { name: '查看 天津市 明细' }).focus();
  await page.keyboard.press('Enter');
  await waitTotal(page, '220000');
  clean(seen);
});

test('a share link round-trips into a new page', async (t) => {
  const { page, seen, context } = await open(t);
  await page.goto(url);
  await page.getByLabel('地区', { exact: true }).selectOption('weihai');
  await page.getByLabel('申报基准日').fill('2023-03-01');
  await page.getByLabel('成果类型').selectOption('secretariat');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await page.getByRole('button', { name: '增加数量' }).click();
  await page.getByText('更多选项（可选）').click();
  await page.getByLabel(/所涉产品、服务或项目的名称/).fill('智能电表 & <b>“引号”</b>');
  const before = await total(page);
  assert.ok(Number(before) > 0);
  await page.getByRole('button', { name: '分享链接' }).click();
  const shared = await page.getByLabel('分享链接').inputValue();
  await page.waitForFunction((u) => location.href === u, shared); // the address bar is the same link
  const other = await context.newPage();
  await other.goto(shared);
  await waitTotal(other, before);
  assert.equal(await other.getByLabel('地区', { exact: true }).inputValue(), 'weihai');
  assert.equal(await other.getByLabel('申报基准日').inputValue(), '2023-03-01');
  assert.equal(await other.getByLabel('数量', { exact: true }).inputValue(), '2');
  assert.equal(await other.getByLabel(/所涉产品、服务或项目的名称/).inputValue(), '智能电表 & <b>“引号”</b>');
  const first = await other.evaluate(() => performance.getEntriesByName('lp-first-estimate')[0]?.startTime);
  timings.navigation_to_first_estimate = +first.toFixed(1);
  await shot(other, 'share-restored');
  clean(seen);
});

test('a link that comes in while the page has an edit to write into the URL wins', async (t) => {
  const { page, seen } = await open(t);
  await page.goto(link(TIANJIN));
  await waitTotal(page, '160000');
  await page.waitForTimeout(300); // the link's own state written
  // An edit: its state is written into the URL 120 ms later. Before that, a link comes in
  // whose hashchange runs only after the write is due (the order that once lost the link:
  // the write replaced it before the handler read it).
  await page.getByRole('button', { name: '增加数量' }).click();
  const incoming = `#req=${encodeURIComponent(JSON.stringify({ ...TIANJIN, achievements: [{ ...TIANJIN.achievements[0], count: 5 }] }))}`;
  await page.evaluate(async (hash) => {
    history.replaceState(null, '', hash);
    await new Promise((r) => setTimeout(r, 400));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, incoming);
  await waitTotal(page, '400000');
  assert.equal(await page.getByLabel('数量', { exact: true }).inputValue(), '5');
  clean(seen);
});

test('a #req= deep link with a script payload stays inert', async (t) => {
  const { page, seen } = await open(t);
  const payload = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2;alert(2)</script>';
  const req = {
    region: 'tianjin', as_of: '2022-06-30', lang: 'zh',
    achievements: [
      { kind: 'standard', level: 'national', action: 'formulate', role: 'lead', count: 2, subject: payload },
      { kind: `<script>alert(3)</script>`, level: payload },
      { kind: 'leader', level: `"><svg onload=alert(4)>` },
    ],
  };
  await page.goto(link(req));
  await page.waitForSelector('.lp-notice:not([hidden])');
  const state = await page.evaluate(() => ({
    pwned: window.__pwned,
    imgs: document.querySelectorAll('img').length,
    svgs: [...document.querySelectorAll('svg')].filter((s) => s.getAttribute('onload')).length,
    inline: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
  }));
  assert.deepEqual(state, { pwned: undefined, imgs: 0, svgs: 0, inline: 0, handlers: 0 });
  // The payload is shown as the text it is, and the rest still computes.
  assert.equal(await page.getByLabel(/所涉产品、服务或项目的名称/).first().inputValue(), payload);
  assert.ok((await page.textContent('.lp-lines')).includes(payload));
  assert.match(await page.textContent('.lp-notice'), /链接中的部分内容无效/);
  // The broken leader level was replaced by an allowed one; the unknown kind dropped.
  assert.equal(await page.locator('.lp-card').count(), 2);
  // A region payload falls back to the default region.
  await page.goto(link({ region: '</script><script>alert(5)</script>', achievements: [] }));
  await page.waitForSelector('.lp-notice:not([hidden])');
  assert.equal(await page.getByLabel('地区', { exact: true }).inputValue(), 'beijing');
  await page.waitForTimeout(300);
  await shot(page, 'payload-inert');
  assert.deepEqual(seen.dialogs, []);
  assert.deepEqual(seen.errors, []);
});

test('the widget demo computes inside hostile global CSS', async (t) => {
  const { page, seen } = await open(t);
  await page.goto(`${url}embed-demo.html`);
  await waitTotal(page, '160000', 'lingpao-estimator#demo');
  const look = await page.$eval('lingpao-estimator#demo', (host) => {
    const root = host.shadowRoot;
    const select = root.querySelector('select');
    const label = root.querySelector('label');
    return {
      font: getComputedStyle(label).fontFamily,
      spacing: getComputedStyle(label).letterSpacing,
      select: getComputedStyle(select).display,
      color: getComputedStyle(label).color,
    };
  });
  assert.doesNotMatch(look.font, /Comic|Papyrus|cursive/);
  assert.equal(look.spacing, 'normal');
  assert.notEqual(look.select, 'none');
  assert.notEqual(look.color, 'rgb(208, 0, 143)');
  // The locked, compare-less widget: no region picker, no tabs; adding an item computes.
  const locked = page.locator('lingpao-estimator#locked');
  assert.equal(await locked.locator('.lp-region-fixed').count(), 1);
  assert.equal(await locked.locator('[role=tab]').count(), 0);
  await locked.getByRole('button', { name: 'Add', exact: true }).click();
  await page.waitForFunction(() => Number(document.querySelector('#locked').shadowRoot.querySelector('[data-testid=total-yuan]').textContent) > 0);
  // The widget changed neither the host URL nor the host DOM outside itself.
  assert.equal(new URL(page.url()).hash, '');
  await shot(page, 'widget-demo');
  clean(seen);
});

test('a region with no money shows its promised incentives', async (t) => {
  const { page, seen } = await open(t);
  await page.goto(url);
  await page.getByLabel('地区', { exact: true }).selectOption('hebei');
  await page.waitForSelector('.lp-benefits-main li');
  assert.ok(await page.locator('.lp-benefits-main > .lp-list > li').count() >= 3);
  assert.match(await page.textContent('.lp-nomoney'), /未规定资助金额/);
  assert.match(await page.getByLabel('地区', { exact: true }).textContent(), /河北省 — 仅激励措施/);
  // With an achievement entered: total 0, the item unmatched with its reason, incentives still shown.
  await page.getByLabel('成果类型').selectOption('standard');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await page.waitForSelector('.lp-unmatched li');
  assert.equal(await total(page), '0');
  assert.match(await page.textContent('.lp-unmatched'), /不资助/);
  assert.ok(await page.locator('.lp-benefits-main li').count() >= 3);
  await shot(page, 'hebei-incentives');
  clean(seen);
});

test('after the first visit the page works offline', async (t) => {
  const { page, context, seen } = await open(t, { serviceWorkers: 'allow' });
  await page.goto(link(TIANJIN));
  await waitTotal(page, '160000');
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    return reg.active.state;
  });
  await context.setOffline(true);
  const res = await page.reload();
  assert.equal(res.fromServiceWorker(), true);
  await waitTotal(page, '160000');
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  // A policy text never opened online is there too (the texts are stored on install).
  await page.getByRole('button', { name: '查看原文条款' }).first().click();
  await page.waitForSelector('.lp-article mark');
  await shot(page, 'offline');
  await context.setOffline(false);
  clean(seen);
});

test('375 px wide: no horizontal scroll, in the breakdown and the comparison', async (t) => {
  const { page, seen } = await open(t, { width: 375, height: 800 });
  await page.goto(link({ ...TIANJIN, achievements: [...TIANJIN.achievements, { kind: 'leader', level: 'national', subject: '一个很长很长的产品名称用来测试换行是否正常而不会撑破页面宽度' }] }));
  await waitTotal(page, '220000');
  await page.getByRole('button', { name: '查看原文条款' }).first().click();
  await page.waitForSelector('.lp-article mark');
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(await overflow(), 0);
  // Every control stays inside its card, the optional ones too.
  for (const more of await page.locator('.lp-more > summary').all()) await more.click();
  const outside = await page.$$eval('.lp-card', (cards) => cards.flatMap((card) => {
    const box = card.getBoundingClientRect();
    return [...card.querySelectorAll('input, select, button')].filter((el) => el.getBoundingClientRect().right > box.right + 0.5).map((el) => el.outerHTML);
  }));
  assert.deepEqual(outside, []);
  await shot(page, 'mobile-375');
  await page.getByRole('tab', { name: '各地区比较' }).click();
  await page.waitForSelector('.lp-chart');
  assert.equal(await overflow(), 0);
  await shot(page, 'mobile-375-compare');
  clean(seen);
});

test('keyboard only: Tab to the region picker and change it, then add an item', async (t) => {
  const { page, seen } = await open(t);
  await page.goto(url);
  await page.waitForSelector('.lp-inputs select');
  const picker = page.getByLabel('地区', { exact: true });
  const start = await picker.inputValue();
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await picker.evaluate((el) => el === document.activeElement);
  }
  assert.ok(reached, 'the region picker is reachable by Tab');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((s) => document.activeElement.value !== s, start);
  const now = await picker.inputValue();
  assert.notEqual(now, start);
  assert.equal(await picker.evaluate((el) => el === document.activeElement), true, 'focus stays on the picker');
  // On to the add button (past the date and the kind picker) and press it.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.textContent === '添加')) break;
  }
  await page.keyboard.press('Enter');
  await page.waitForSelector('.lp-card');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SELECT'); // focus moved into the new card
  await shot(page, 'keyboard');
  clean(seen);
});

test('print: a clean report with inputs, lines, citations, date, data version and the disclaimer', async (t) => {
  const { page, seen } = await open(t);
  await page.goto(link(TIANJIN));
  await waitTotal(page, '160000');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.lp-inputs'), false);
  assert.equal(await page.isVisible('.lp-toolbar'), false);
  assert.equal(await page.isVisible('.lp-report-head'), true);
  const text = await page.textContent('.lp-results');
  for (const want of [/制修订标准：国家级 · 制定 · 主导 × 2/, /第七条/, /8 万元/, /生成日期 \d{4}-\d{2}-\d{2}/, /数据版本 0\.1\.0\+data\./, /不是主管部门的认定或决定/]) assert.match(text, want);
  await shot(page, 'print');
  await page.pdf({ path: join(out, 'www-print.pdf'), format: 'A4' });
  clean(seen);
});
