#!/usr/bin/env node
// Benchmark (not a test): prints the size of every file in dist/ (raw, gzip -9, brotli -q 11)
// and the total, then the time to the first question painted, over N runs in headless Chromium:
// from navigation start, and from the loader module starting to run.
// Usage: node scripts/bench.mjs [--runs 10]   (run scripts/build first; scripts/bench does)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = new URL('..', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 10;

const kb = (n) => (n / 1024).toFixed(1).padStart(7);
let total = { raw: 0, gz: 0, br: 0 };
console.log('file                              raw KB   gzip KB  brotli KB');
for (const name of readdirSync(DIST).sort()) {
  const data = readFileSync(join(DIST, name));
  const gz = gzipSync(data, { level: 9 }).length;
  const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total = { raw: total.raw + data.length, gz: total.gz + gz, br: total.br + br };
  console.log(`${name.padEnd(32)} ${kb(data.length)}  ${kb(gz)}  ${kb(br)}`);
}
console.log(`${'TOTAL'.padEnd(32)} ${kb(total.raw)}  ${kb(total.gz)}  ${kb(total.br)}   (budget 100 KB brotli)`);
const loader = readFileSync(join(DIST, 'smp-consult.js'));
const loaderBr = brotliCompressSync(loader, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`loader alone (what every page of a bubble/popup site pays): ${kb(loaderBr).trim()} KB brotli`);

const server = spawn('node', [join(ROOT, 'scripts/serve.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((r) => server.stdout.on('data', (c) => { const m = String(c).match(/on (http\S+)/); if (m) r(m[1]); }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const fromNav = [];
const fromLoader = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}/`, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelector('smp-consult')?.shadowRoot?.querySelector('legend'), null, { polling: 'raf' });
  // One more frame so the question has been painted, then read the clock.
  const t = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => {
    const loader = performance.getEntriesByName('smp-consult:loader')[0]?.startTime ?? NaN;
    const now = performance.now();
    r({ nav: now, loader: now - loader });
  })));
  fromNav.push(t.nav);
  fromLoader.push(t.loader);
  await context.close();
}
// Popup mode: from the visitor's click on the button to the first question painted. The
// button is clicked as soon as it is there (no hover first, so the engine starts loading on
// the click itself: the slowest case).
const afterClick = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}/examples/popup.html`);
  await page.waitForFunction(() => document.querySelector('smp-consult')?.shadowRoot?.querySelector('.launcher'));
  const t = await page.evaluate(() => new Promise((resolve) => {
    const host = document.querySelector('smp-consult');
    const start = performance.now();
    host.shadowRoot.querySelector('.launcher').click();
    const poll = () => {
      if (host.shadowRoot.querySelector('legend')) requestAnimationFrame(() => resolve(performance.now() - start));
      else requestAnimationFrame(poll);
    };
    poll();
  }));
  afterClick.push(t);
  await context.close();
}
await browser.close();
server.kill();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
console.log(`\nfirst question painted, ${runs} cold page loads (new browser context each, cache empty):`);
console.log(`  from navigation start: ${fmt(fromNav)}`);
console.log(`  from loader running:   ${fmt(fromLoader)}   (budget 300 ms)`);
console.log(`popup mode, first question painted after the click: ${fmt(afterClick)}`);
