// The packed npm package as other projects get it: `npm pack`, install the tarball in a
// scratch project, then (a) plain Node ESM and (b) a Vite build run in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, extname } from 'node:path';
import { chromium } from 'playwright-core';

const root = new URL('../../', import.meta.url).pathname;
const out = join(root, 'test-output');
mkdirSync(out, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'lingpao-pkg-'));

function sh(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

test('npm pack gives a package that installs and runs in Node ESM', () => {
  const packed = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', scratch], join(root, 'pkg')));
  const files = packed[0].files.map((f) => f.path).sort();
  assert.deepEqual(files, ['README.md', 'calendar.js', 'checklists.json', 'data.d.ts', 'index.d.ts', 'index.js', 'package.json', 'wasm/lingpao.js', 'wasm/lingpao_bg.wasm', 'wasm/lingpao_national.js', 'wasm/lingpao_national_bg.wasm']);
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  sh('npm', ['install', '--no-audit', '--no-fund', '--offline', join(scratch, packed[0].filename)], scratch);
  writeFileSync(join(scratch, 'node-esm.mjs'), `
import { init, initChecklists, estimate, checklist } from 'lingpao';
await init();
await initChecklists();
const q = { region: 'tianjin', as_of: '2022-06-30', achievements: [{ kind: 'standard', level: 'national', action: 'formulate', role: 'lead', count: 2 }] };
const r = estimate(q);
const proof = checklist(q).policies[1].materials.find((m) => m.id === 'standard_published');
console.log(JSON.stringify({ total: r.total_yuan, clause: r.lines[0].clause, proof: [proof.clause, proof.lines] }));
`);
  const res = JSON.parse(sh('node', ['node-esm.mjs'], scratch));
  assert.deepEqual(res, { total: '160000', clause: '第七条', proof: ['第七条', [0]] });
});

test('the typings check a typed client and reject a wrong one', () => {
  writeFileSync(join(scratch, 'good.ts'), `
import { init, initNational, initChecklists, estimate, checklist, sme, type Checklist, type ChecklistMaterial, type EstimateRequest, type Achievement, type LingpaoError, type Reform, type LineReform, type SmeFacts, type SmeVerdict } from 'lingpao';
const facts: SmeFacts = { revenue: '12000000', rd_institution: 'provincial', maker_china: 'top50', staff: 40, quality_system: true };
export const verdict = async (): Promise<SmeVerdict> => { await initNational(); return sme({ facts, lang: 'en' }).tiers[0].verdict; };
const a: Achievement = { kind: 'secretariat', scope: 'international', tier: 'sc' };
const req: EstimateRequest = { region: 'weihai', achievements: [a, { kind: 'standard', level: 'group', action: 'revise', role: 'participant', count: 3 }] };
const reform: Reform = { name: 'x', changes: [{ policy: 'tianjin-subsidy-fund', rule: 'national_formulate_lead', amount: '100000' }, { policy: 'beijing-subsidy-fund', limit: 'standards_annual_cap', off: true }] };
export async function run(): Promise<string> {
  await init();
  try {
    const r = estimate(req, { reform });
    const changed: LineReform | undefined = r.lines[0]?.reform;
    return [r.total_yuan, r.baseline_total_yuan ?? '', changed?.baseline_amount_yuan ?? '', r.reform?.changes[0]?.clause ?? ''].join(' ');
  } catch (e) { return (e as LingpaoError).field; }
}
export async function ticked(): Promise<string[]> {
  await init();
  await initChecklists();
  const c: Checklist = checklist(req);
  const served: ChecklistMaterial[] = c.policies.flatMap((p) => p.materials.filter((m) => m.lines.length > 0));
  return served.map((m) => \`\${m.clause} \${m.kinds.join(',')} \${m.note ?? ''} \${c.policies[0]?.materials_elsewhere?.quote ?? ''}\`);
}
`);
  writeFileSync(join(scratch, 'bad.ts'), `
import type { Achievement, EstimateRequest, Reform, SmeFacts } from 'lingpao';
const a: Achievement = { kind: 'secretariat', scope: 'galactic', tier: 'sc' };
const r: EstimateRequest = { region: 'atlantis', achievements: [a] };
const twoFigures: Reform = { changes: [{ policy: 'p', rule: 'r', amount: '1', percent: '2' }] };
const offFalse: Reform = { changes: [{ policy: 'p', rule: 'r', off: false }] };
const f: SmeFacts = { rd_institution: 'moonbase' };
const kindOfMaterial: import('lingpao').ChecklistMaterial['kinds'] = ['wormhole'];
export { r, twoFigures, offFalse, f, kindOfMaterial };
`);
  const tsc = join(root, 'node_modules/.bin/tsc');
  const good = spawnSync(tsc, ['--strict', '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'good.ts'], { cwd: scratch, encoding: 'utf8' });
  assert.equal(good.status, 0, good.stdout + good.stderr);
  const bad = spawnSync(tsc, ['--strict', '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'bad.ts'], { cwd: scratch, encoding: 'utf8' });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout, /galactic/);
  assert.match(bad.stdout, /atlantis/);
  // A change sets one figure; `off` is only ever true.
  assert.match(bad.stdout, /bad\.ts\(5,/);
  assert.match(bad.stdout, /bad\.ts\(6,/);
  assert.match(bad.stdout, /moonbase/);
  assert.match(bad.stdout, /wormhole/);
});

function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html'));
    if (!path.startsWith(dir) || !existsSync(path)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('a Vite build of a page using the package computes in headless Chromium', async () => {
  const app = join(scratch, 'app');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'index.html'), '<!doctype html><meta charset="utf-8"><title>lingpao via Vite</title><p id="out">…</p><script type="module" src="./main.js"></script>');
  writeFileSync(join(app, 'main.js'), `
import { init, estimate } from 'lingpao';
await init();
const r = estimate({ region: 'tianjin', as_of: '2022-06-30', achievements: [{ kind: 'standard', level: 'national', action: 'formulate', role: 'lead', count: 2 }] });
document.getElementById('out').textContent = r.total_yuan + ' ' + r.lines[0].clause;
`);
  sh(join(root, 'node_modules/.bin/vite'), ['build', app, '--outDir', join(app, 'dist'), '--emptyOutDir', '--logLevel', 'error'], scratch);
  const server = await serve(join(app, 'dist'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => document.getElementById('out').textContent !== '…', null, { timeout: 15000 });
    assert.equal(await page.textContent('#out'), '160000 第七条');
    assert.deepEqual(errors, []);
    await page.screenshot({ path: join(out, 'package-vite-chromium.png') });
  } finally {
    await browser.close();
    server.close();
  }
});
