#!/usr/bin/env node
// Benchmark (not a test): prints the size of every widget file in dist/ (raw, gzip -9, brotli -q 11),
// the total, and what one visitor downloads in each language (the engine speaks English; any
// other language adds its one locale file), then the time to the first question painted, over
// N runs in headless Chromium: from navigation start, and from the loader module starting to
// run, in English and in Spanish, and in English on a simulated phone on 4G.
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
const sizes = {};
console.log('file                              raw KB   gzip KB  brotli KB');
let configurator = 0; // dist/configure/: the clinic's set-up page, never loaded by a visitor
for (const name of readdirSync(DIST, { recursive: true }).sort()) {
  if (!name.includes('.')) continue; // a folder
  const data = readFileSync(join(DIST, name));
  if (name.startsWith('configure/')) {
    configurator += brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    continue;
  }
  const gz = gzipSync(data, { level: 9 }).length;
  const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  sizes[name] = { raw: data.length, gz, br };
  total = { raw: total.raw + data.length, gz: total.gz + gz, br: total.br + br };
  console.log(`${name.padEnd(32)} ${kb(data.length)}  ${kb(gz)}  ${kb(br)}`);
}
console.log(`${'TOTAL (every file)'.padEnd(32)} ${kb(total.raw)}  ${kb(total.gz)}  ${kb(total.br)}   (budget 100 KB brotli)`);
console.log(`the configurator (dist/configure/, not loaded by visitors): ${kb(configurator).trim()} KB brotli`);
// The loader and the CSS, then the engine of the visitor's language (dist/<lang>/): its glue,
// its wasm and the link file the glue imports (__wasm_split.js); the lead chunk
// (split_lead.wasm) only once the result is shown.
const kbs = (n) => `${kb(n).trim()} KB (${(n / 1000).toFixed(1)} kB)`;
console.log('one visitor downloads (brotli; 1 KB = 1024 B, 1 kB = 1000 B), up to the result / in all:');
for (const lang of Object.keys(sizes).filter((n) => n.endsWith('/smp-consult-core_bg.wasm')).map((n) => n.split('/')[0])) {
  // The first question painted before the engine (first/<lang>.json), where the build has it.
  const early = sizes[`first/${lang}.json`] ? [`first/${lang}.json`] : [];
  const link = sizes[`${lang}/__wasm_split.js`] ? [`${lang}/__wasm_split.js`] : [];
  const files = ['smp-consult.js', 'smp-consult.css', `${lang}/smp-consult-core.js`, `${lang}/smp-consult-core_bg.wasm`, ...link, ...early];
  const br = files.reduce((sum, f) => sum + sizes[f].br, 0);
  const chunks = Object.keys(sizes).filter((n) => n.startsWith(`${lang}/split_`)).reduce((sum, f) => sum + sizes[f].br, 0);
  console.log(`  ${lang}: ${kbs(br)} / ${kbs(br + chunks)}`);
}
const loader = readFileSync(join(DIST, 'smp-consult.js'));
const loaderBr = brotliCompressSync(loader, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`loader alone (what every page of a bubble/popup site pays): ${kb(loaderBr).trim()} KB brotli`);

const server = spawn('node', [join(ROOT, 'scripts/serve.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((r) => server.stdout.on('data', (c) => { const m = String(c).match(/on (http\S+)/); if (m) r(m[1]); }));
// The server compresses the widget's files once; wait for that so no timed run pays for it.
for (const name of Object.keys(sizes)) await (await fetch(`${url}/widget/${name}`, { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const firstQuestion = async (lang, { phone = false } = {}) => {
const fromNav = [];
const fromLoader = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 } });
  const page = await context.newPage();
  if (phone) {
    // A phone on 4G: 100 ms more per request, 4 Mbit/s down.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 100, downloadThroughput: 4e6 / 8, uploadThroughput: 1e6 / 8 });
  }
  // The demo page with its widget set to another language (the same page, one attribute changed).
  if (lang !== 'en') {
    await page.route(`${url}/`, async (route) => {
      const response = await route.fetch();
      route.fulfill({ response, body: (await response.text()).replace('lang="en"\n', `lang="${lang}"\n`) });
    });
  }
  await page.goto(`${url}/`, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelector('smp-consult')?.shadowRoot?.querySelector('legend'), null, { polling: 'raf' });
  // One more frame so the question has been painted, then read the clock.
  const t = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => {
    const loader = performance.getEntriesByName('smp-consult:loader')[0]?.startTime ?? NaN;
    const now = performance.now();
    r({ nav: now, loader: now - loader, lang: document.querySelector('smp-consult').shadowRoot.querySelector('[part~="widget"]')?.lang });
  })));
  if (t.lang !== lang) throw new Error(`the widget spoke ${t.lang}, not ${lang}`);
  fromNav.push(t.nav);
  fromLoader.push(t.loader);
  await context.close();
}
return { fromNav, fromLoader };
};
const en = await firstQuestion('en');
const es = await firstQuestion('es');
const phone = await firstQuestion('en', { phone: true });
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
for (const [lang, { fromNav, fromLoader }] of [['en', en], ['es', es]]) {
  console.log(`  ${lang}, from navigation start: ${fmt(fromNav)}`);
  console.log(`  ${lang}, from loader running:   ${fmt(fromLoader)}   (budget 300 ms)`);
}
console.log(`  en, 390 px phone on 4G (+100 ms a request, 4 Mbit/s), from navigation start: ${fmt(phone.fromNav)}`);
console.log(`  en, 390 px phone on 4G, from loader running: ${fmt(phone.fromLoader)}`);
console.log(`popup mode, first question painted after the click: ${fmt(afterClick)}`);
