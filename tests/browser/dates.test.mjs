// Dates on achievements and deadlines on the page (issue 16), in headless Chromium with
// real clicks and typing, in Chinese and in English: each line's window (in, out, no
// date) and deadline, a date typed into an item, a date after the day of application
// refused naming its field, and "下载日历 / Download calendar", whose file is the CLI's
// `estimate --ics` byte for byte (which tests/calendar.rs reads back with a parser).
// Screenshots in test-output/ (www-dates-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { serve, url, browser, out } from './harness.mjs';

serve({}, 'dates timings');

const root = new URL('../../', import.meta.url).pathname;
const cli = process.env.LINGPAO_BIN ?? `${root}target/debug/lingpao`;
const STD = { kind: 'standard', level: 'national', action: 'formulate', role: 'lead' };
// Liaocheng, as_of 2022-06-30: 第九条 covers items from 2020-09-01 on; 第六条（二） 30 September.
const LIAOCHENG = { region: 'liaocheng', as_of: '2022-06-30', achievements: [
  { ...STD, date: '2020-09-01' }, { ...STD, date: '2020-08-31' }, { ...STD } ] };
const link = (req) => `${url}#req=${encodeURIComponent(JSON.stringify(req))}`;
const total = (page, v) => page.waitForFunction((x) => document.querySelector('[data-testid=total-yuan]')?.textContent === x, v, { timeout: 15000 });

function nativeIcs(request) {
  const r = spawnSync(cli, ['estimate', '--ics'], { input: JSON.stringify(request), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

async function downloaded(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-calendar').click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('windows, deadlines and the calendar file, in zh and en', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, serviceWorkers: 'block', locale: 'zh-CN', acceptDownloads: true });
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(link(LIAOCHENG));
  // 2020-09-01 in (800000), 2020-08-31 out, no date assumed in (800000).
  await total(page, '1600000');
  const lines = page.locator('.lp-line');
  assert.equal(await lines.count(), 2);
  assert.match(await lines.nth(0).locator('[data-testid=window]').textContent(), /在期限内.*2020年9月1日以后获得的.*第九条.*本次申请：2020-09-01 至 2022-06-30/);
  assert.match(await lines.nth(1).locator('[data-testid=window]').textContent(), /未填日期，按在期限内计/);
  assert.match(await lines.nth(1).textContent(), /未填写日期：按在期限内计/);
  assert.match(await lines.nth(0).locator('[data-testid=deadline]').textContent(), /申请期限：截至 2022-09-30（每年） · 申报截止时间为每年 9 月 30 日（第六条（二））/);
  const unmatched = page.locator('.lp-unmatched');
  assert.match(await unmatched.textContent(), /第 2 项.*日期 2020-08-31 不在期限内：2020年9月1日以后获得的（申请日按 2020-09-01 至 2022-06-30；第九条：“本办法对2020年9月1日以后获得的奖项具有溯及力。”）/);
  await page.locator('.lp-breakdown').screenshot({ path: join(out, 'www-dates-zh.png') });

  // The calendar: one yearly event on 30 September, the CLI's bytes.
  let file = await downloaded(page);
  assert.equal(file.name, 'lingpao-liaocheng-2022-06-30.ics');
  assert.equal(file.text, nativeIcs(LIAOCHENG));
  assert.match(file.text, /DTSTART;VALUE=DATE:20220930\r\nDTEND;VALUE=DATE:20221001\r\nRRULE:FREQ=YEARLY\r\n/);

  // The second item's date typed in: the day after the start is in, and paid.
  const date2 = page.locator('[data-path="achievements[1].date"]');
  await date2.click();
  await date2.fill('2020-09-02');
  await total(page, '2400000');
  assert.equal(await page.locator('.lp-unmatched').count(), 0);

  // A date after the day of application is refused, naming the item's date.
  await date2.fill('2022-07-01');
  await page.waitForFunction(() => /晚于申请日/.test(document.querySelector('.lp-error')?.textContent ?? ''), null, { timeout: 15000 });
  assert.match(await page.locator('.lp-error').first().textContent(), /第 2 项 · 日期：发布、认定或授予之日：2022-07-01 晚于申请日（as_of 2022-06-30）/);
  await date2.fill('2020-09-02');
  await total(page, '2400000');

  // English: the same lines in English words, the same file in English.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en' || /In the window/.test(document.body.textContent), null, { timeout: 15000 });
  assert.match(await lines.nth(0).locator('[data-testid=window]').textContent(), /In the window.*obtained from 1 September 2020 on \(第九条\).*for this application: 2020-09-01 to 2022-06-30/);
  assert.match(await lines.nth(2).locator('[data-testid=window]').textContent(), /No date: assumed in the window/);
  assert.match(await lines.nth(0).locator('[data-testid=deadline]').textContent(), /When to apply: by 2022-09-30 \(each year\) · applications close on 30 September each year \(第六条（二）\)/);
  assert.match(await page.getByTestId('download-calendar').textContent(), /Download calendar/);
  file = await downloaded(page);
  const edited = { ...LIAOCHENG, lang: 'en', achievements: [LIAOCHENG.achievements[0], { ...STD, date: '2020-09-02' }, LIAOCHENG.achievements[2]] };
  assert.equal(file.text, nativeIcs(edited));
  await page.locator('.lp-breakdown').screenshot({ path: join(out, 'www-dates-en.png') });
  assert.deepEqual(errors, []);
});

test('a text with a notice for the time and one that sets none say so', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', locale: 'zh-CN' });
  t.after(() => context.close());
  const page = await context.newPage();
  // Zhengzhou sets no deadline; no calendar button then.
  await page.goto(link({ region: 'zhengzhou', as_of: '2021-06-30', achievements: [{ kind: 'innovation_award', grade: 'first', date: '2012-01-01' }] }));
  await total(page, '1000000');
  assert.match(await page.locator('.lp-line [data-testid=deadline]').textContent(), /本文件未规定申请期限或受理时间。/);
  assert.equal(await page.locator('.lp-line [data-testid=window]').count(), 0, 'the text sets no window');
  assert.equal(await page.getByTestId('download-calendar').count(), 0);
  // Zaozhuang: one year after the recognition (a day), and the fourth quarter (months).
  await page.goto(link({ region: 'zaozhuang', as_of: '2020-10-15', achievements: [{ ...STD, date: '2019-10-15' }] }));
  await total(page, '500000');
  const rows = await page.locator('.lp-line [data-testid=deadline]').allTextContents();
  assert.match(rows[0], /截至 2020-10-15 · 获得认定后1年内申请（第六条）/);
  assert.match(rows[1], /2020-10-01 至 2020-12-31（每年） · 每年第四季度受理（第六条）/);
  await page.locator('.lp-breakdown').screenshot({ path: join(out, 'www-dates-zaozhuang-zh.png') });
});
