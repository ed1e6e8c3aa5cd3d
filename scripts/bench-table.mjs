#!/usr/bin/env node
// Benchmark (not a test): issue 14's table. The median of N cold loads (new browser context
// each) of the first question painted, from navigation start, on a desktop and a phone profile
// (390 px, CPU 4x slower, 150 ms round trip, 1.6 Mbit/s), for:
//   - the widget (dist/, or --dist DIR: e.g. an earlier build to compare with);
//   - the plain-JS floor: a page whose few lines of JS fetch the widget's CSS and paint the
//     same first question's markup (made from dist/first/en.json), served the same way;
//   - SurveyJS, if node_modules/survey-core and survey-js-ui are there (`npm install --no-save
//     survey-core survey-js-ui`; not in package.json): the same first question.
// Then the brotli bytes an English visitor downloads for each, and the step change under the
// phone profile (Next pressed to the next question painted, over a whole walk), with targets.
// Every file is served brotli-compressed by scripts/serve.mjs, as a clinic's host would.
// Usage: node scripts/bench-table.mjs [--runs 5] [--dist DIR]   (scripts/bench builds and runs it)
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = new URL('..', import.meta.url).pathname;
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('runs', 5));
const DIST = resolve(arg('dist', join(ROOT, 'dist')));
const br = (data) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

// The site the bench serves: its own pages in www/, the widget's files and the others' in dist/.
const site = mkdtempSync(join(tmpdir(), 'smp-bench-'));
const www = join(site, 'www');
const dist = join(site, 'dist');
mkdirSync(www);
cpSync(DIST, dist, { recursive: true });
const page = (name, head, body = '') => writeFileSync(join(www, name), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>bench</title>${head}</head><body><main>${body}</main></body></html>`);

// The widget, as a clinic embeds it.
page('widget.html', '<script type="module" src="/widget/smp-consult.js"></script>',
  '<smp-consult id="assessment" clinic="Northline SMP" lang="en"></smp-consult>');
const widgetFiles = ['smp-consult.js', 'en/smp-consult-core.js', 'en/smp-consult-core_bg.wasm', 'smp-consult.css',
  ...(existsSync(join(DIST, 'first/en.json')) ? ['first/en.json'] : []),
  ...(existsSync(join(DIST, 'en/__wasm_split.js')) ? ['en/__wasm_split.js'] : [])];

// The floor: the first question's markup as HTML (from the build's tree), painted by a few
// lines that fetch the CSS. The same shadow root and stylesheet as the widget's.
const esc = (s, q) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(q ? /"/g : /$^/, '&quot;');
const VOID = new Set(['img', 'input', 'br', 'hr']);
const html = (n) => (typeof n === 'string' ? esc(n) : `<${n[0]}${Object.entries(n[1]).map(([k, v]) => ` ${k}="${esc(v, true)}"`).join('')}>${
  VOID.has(n[0]) ? '' : `${n.slice(2).map(html).join('')}</${n[0]}>`}`);
const first = JSON.parse(readFileSync(join(ROOT, 'dist/first/en.json'), 'utf8'));
mkdirSync(join(dist, 'floor'));
writeFileSync(join(dist, 'floor/floor.js'), `const css = await (await fetch(new URL('../smp-consult.css', import.meta.url))).text();
const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
const shadow = document.querySelector('#floor').attachShadow({ mode: 'open' });
shadow.adoptedStyleSheets = [sheet];
shadow.innerHTML = ${JSON.stringify(`<div class="smp" part="container">${html(first)}</div>`)};
`);
page('floor.html', '<script type="module" src="/widget/floor/floor.js"></script>', '<div id="floor"></div>');
const floorFiles = ['floor/floor.js', 'smp-consult.css'];

// SurveyJS, where installed: the same first question (its texts and codes, as a radio group).
const survey = existsSync(join(ROOT, 'node_modules/survey-core')) && existsSync(join(ROOT, 'node_modules/survey-js-ui'));
const surveyFiles = ['survey/survey.core.min.js', 'survey/survey-js-ui.min.js', 'survey/survey-core.min.css', 'survey/page.js'];
if (survey) {
  mkdirSync(join(dist, 'survey'));
  for (const f of ['survey-core/survey.core.min.js', 'survey-js-ui/survey-js-ui.min.js', 'survey-core/survey-core.min.css']) {
    cpSync(join(ROOT, 'node_modules', f), join(dist, 'survey', f.split('/')[1]));
  }
  const form = first.slice(2).find((n) => n[0] === 'form');
  const text = (n) => (typeof n === 'string' ? n : n.slice(2).map(text).join(''));
  const find = (n, cls, out = []) => {
    if (typeof n !== 'string') {
      if ((n[1].class ?? '').split(' ').includes(cls)) out.push(n);
      n.slice(2).forEach((c) => find(c, cls, out));
    }
    return out;
  };
  const choices = find(form, 'option').map((label) => ({
    value: label.slice(2).find((c) => c[0] === 'input')[1].value,
    text: text(find(label, 'option-label')[0]),
  }));
  const json = {
    title: text(find(first, 'smp-title')[0]),
    description: text(find(first, 'smp-intro')[0]),
    showProgressBar: 'top',
    pages: [{ elements: [{ type: 'radiogroup', name: 'pattern', title: text(find(form, 'question')[0]),
      description: text(find(form, 'hint')[0]), isRequired: true, choices }] }],
  };
  writeFileSync(join(dist, 'survey/page.js'), `const model = new Survey.Model(${JSON.stringify(json)});
(window.SurveyUI?.renderSurvey ? SurveyUI.renderSurvey(model, document.getElementById('survey')) : model.render(document.getElementById('survey')));
`);
  page('survey.html', `<link rel="stylesheet" href="/widget/survey/survey-core.min.css">
<script src="/widget/survey/survey.core.min.js"></script><script src="/widget/survey/survey-js-ui.min.js"></script>
<script defer src="/widget/survey/page.js"></script>`, '<div id="survey"></div>');
}

const bytes = (files) => files.reduce((sum, f) => sum + br(readFileSync(join(dist, f))), 0);

const server = spawn('node', [join(ROOT, 'scripts/serve.mjs'), '--port', '0', '--dist', dist, '--www', www], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((r) => server.stdout.on('data', (c) => { const m = String(c).match(/on (http\S+)/); if (m) r(m[1]); }));
// The server compresses once; every file is asked for once so no timed run pays for it.
for (const f of [...widgetFiles, ...floorFiles, ...(survey ? surveyFiles : [])]) {
  await (await fetch(`${url}/widget/${f}`, { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });

/** A fresh context (cold cache) with the phone profile applied if asked. */
async function fresh(phone) {
  const context = await browser.newContext({ viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 } });
  const p = await context.newPage();
  if (phone) {
    const cdp = await context.newCDPSession(p);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  }
  return { context, page: p };
}

/** Milliseconds from navigation start to the first frame in which the first question's title
 *  is there, read in the page (a check every frame), not through the automation's round trips. */
async function firstPainted(path, found, phone) {
  const { context, page: p } = await fresh(phone);
  await p.addInitScript(() => document.addEventListener('smp-consult:ready', () => { window.__ready = performance.now(); }));
  await p.addInitScript((source) => {
    const found = new Function(`return (${source})()`);
    const tick = (now) => { if (found()) window.__painted = now; else requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  }, found.toString());
  await p.goto(`${url}${path}`, { waitUntil: 'commit' });
  const t = await p.waitForFunction(() => window.__painted, null, { timeout: 60000 }).then((h) => h.jsonValue());
  // The widget: also when its engine is ready (has taken over, or mounted).
  if (path === '/widget.html') {
    engine.push(await p.waitForFunction(() => window.__ready, null, { timeout: 60000 }).then((h) => h.jsonValue()));
  }
  await context.close();
  return t;
}
let engine = [];
const engineReady = {};
const FOUND = {
  widget: () => !!document.querySelector('smp-consult')?.shadowRoot?.querySelector('legend h2'),
  floor: () => !!document.querySelector('#floor')?.shadowRoot?.querySelector('legend h2'),
  survey: () => !!document.querySelector('#survey .sd-question__title, #survey .sv-question__title'),
};
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const times = {};
for (const phone of [false, true]) {
  for (const [name, path] of [['widget', '/widget.html'], ['floor', '/floor.html'], ...(survey ? [['survey', '/survey.html']] : [])]) {
    const xs = [];
    engine = [];
    for (let i = 0; i < runs; i++) xs.push(await firstPainted(path, FOUND[name], phone));
    times[`${name}:${phone ? 'phone' : 'desktop'}`] = median(xs);
    if (engine.length) engineReady[phone ? 'phone' : 'desktop'] = median(engine);
  }
}

// The step change on the phone profile: the engine loaded, each question answered (its first
// option, or the last where the first is not accepted) and Next pressed; from the press to the
// frame after the next screen is there.
const steps = [];
let toForm;
{
  const { context, page: p } = await fresh(true);
  await p.addInitScript(() => document.addEventListener('smp-consult:ready', () => { window.__ready = true; }));
  await p.goto(`${url}/widget.html`);
  await p.waitForFunction(() => window.__ready, null, { timeout: 60000 });
  for (let i = 0; i < 30; i++) {
    const t = await p.evaluate(() => new Promise((resolve) => {
      const root = document.querySelector('smp-consult').shadowRoot;
      const form = root.querySelector('form.step');
      if (!form) return resolve(null);
      const inputs = [...form.querySelectorAll('input')];
      const pick = form.dataset.question === 'scars' || form.dataset.question === 'health' ? inputs.at(-1) : inputs[0];
      pick.click();
      const before = form.dataset.question;
      const start = performance.now();
      form.querySelector('button[type=submit]').click();
      const poll = () => {
        const now = root.querySelector('form.step')?.dataset.question;
        if (now !== before) requestAnimationFrame(() => resolve(performance.now() - start));
        else if (performance.now() - start > 5000) resolve(-1);
        else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    }));
    if (t === null) break;
    if (t < 0) throw new Error('a step did not change within 5 s (an answer not accepted?)');
    steps.push(t);
  }
  // At the result: the button to the lead form pressed at once, to the frame after the form is
  // there. The form's module (the lead chunk) starts downloading when the result is shown, so
  // this is the worst case: a visitor who reads the result first finds the form there.
  toForm = await p.evaluate(() => new Promise((resolve) => {
    const root = document.querySelector('smp-consult').shadowRoot;
    const start = performance.now();
    root.querySelector('.result [part~="next"]').click();
    const poll = () => {
      if (root.querySelector('form.lead')) requestAnimationFrame(() => resolve(performance.now() - start));
      else if (performance.now() - start > 20000) resolve(-1);
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  }));
  await context.close();
}
await browser.close();
server.kill();
const sizes = { widget: bytes(widgetFiles), floor: bytes(floorFiles), survey: survey ? bytes(surveyFiles) : undefined };
rmSync(site, { recursive: true, force: true });

const ms = (x) => (x === undefined ? 'not installed' : `${x.toFixed(0)} ms`);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const col = (s) => String(s).padEnd(16);
const load = loadavg().map((x) => x.toFixed(2)).join(', ');
console.log(`\nmedian of ${runs} cold loads, first question painted (from navigation start); load average ${load}`);
console.log(`${col('')}${col('widget')}${col('SurveyJS')}${col('plain-JS floor')}targets`);
const row = (label, key, target) => console.log(`${col(label)}${col(ms(times[`widget:${key}`]))}${col(ms(times[`survey:${key}`]))}${col(ms(times[`floor:${key}`]))}${target}`);
row('desktop', 'desktop', `widget ≤ 1.3× floor: ${(times['widget:desktop'] / times['floor:desktop']).toFixed(2)}×`);
const vsSurvey = survey ? `, ≥ 3× sooner than SurveyJS: ${(times['survey:phone'] / times['widget:phone']).toFixed(2)}×` : '';
row('phone', 'phone', `widget ≤ 1.3× floor: ${(times['widget:phone'] / times['floor:phone']).toFixed(2)}×${vsSurvey}`);
console.log(`${col('brotli, English')}${col(kb(sizes.widget))}${col(survey ? kb(sizes.survey) : 'not installed')}${col(kb(sizes.floor))}widget ≤ 125 KB (aim 110)`);
console.log(`the widget's engine ready (mounted, or taken over): desktop ${ms(engineReady.desktop)}, phone ${ms(engineReady.phone)}`);
const sorted = [...steps].sort((a, b) => a - b);
console.log(`step change on the phone profile (Next to the next question painted, ${steps.length} steps): median ${median(steps).toFixed(0)} ms, worst ${sorted.at(-1).toFixed(0)} ms   targets: median < 50 ms, worst < 100 ms`);
console.log(`the lead form on the phone profile (its button pressed the moment the result is there): ${toForm < 0 ? 'not there within 20 s' : `${toForm.toFixed(0)} ms`}`);
