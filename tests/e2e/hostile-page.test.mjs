// Attack script (issue 13, points 2, 3, 4 and the planted outbox of 6): the widget on host pages
// that changed the built-ins it relies on, a config-url that never answers, leads left in the
// outbox on pages where nobody opens the widget, and outbox entries planted by someone else.
// Each page's patch is installed before any of the page's own scripts run, as an old library
// in the page's <head> would be. The lead is checked where it lands: the real inbox.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { startStack } from './harness.mjs';
import { walkTotalLossIn } from './visitor.mjs';

const OUTBOX = 'smp-consult:outbox:v1';
let stack;
let silent; // a loopback server that takes requests and never answers
let hits = []; // requests that reached `silent`
before(async () => {
  stack = await startStack();
  silent = createServer((req) => { hits.push(`${req.method} ${req.url}`); });
  await new Promise((r) => silent.listen(0, '127.0.0.1', r));
});
after(async () => {
  silent?.closeAllConnections?.();
  silent?.close();
  await stack?.stop();
});

/** A page of its own context; `patch` runs before the page's scripts (like a library in <head>). */
async function openPage(patch, { path = '/examples/blank.html', context } = {}) {
  context ??= await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // When the visitor started (for the 3-second minimum fill time), read without the page's JSON.
  await page.addInitScript(() => {
    document.addEventListener('smp-consult:step', () => { window.__firstStep ??= performance.now(); });
  });
  if (patch) await page.addInitScript(patch);
  page.consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => page.consoleErrors.push(`pageerror: ${e.message}`));
  await page.goto(stack.siteUrl + path);
  return page;
}

/** Adds <smp-consult id="assessment"> with these attributes to the page's main. */
function addWidget(page, attributes) {
  return page.evaluate((attributes) => {
    const el = document.createElement('smp-consult');
    el.id = 'assessment';
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
    document.getElementById('main').append(el);
  }, attributes);
}

/** From the result: to the lead form, wait the human minimum, fill it in, send. */
async function sendLead(page, w, { name, email }) {
  await w.locator('.result [part~="next"]').click();
  await page.waitForFunction(() => window.__firstStep !== undefined && performance.now() - window.__firstStep > 3300);
  await w.getByLabel('Your name').fill(name);
  await w.getByRole('textbox', { name: 'Email' }).fill(email);
  await w.locator('input[name="consent"]').check();
  await w.locator('form.lead [part~="next"]').click();
}

const leadsFor = async (email) => (await stack.leads()).filter((l) => l.lead.contact.email === email);

/** The lead as the inbox stored it is the whole lead: every part present and as answered. */
function assertIntact(stored, { name, email }) {
  const lead = stored.lead;
  assert.equal(lead.schema, 'smp-consult.lead/v1');
  assert.equal(stored.idempotency_key, lead.id, 'sent with its Idempotency-Key');
  assert.equal(lead.clinic, 'Northline SMP');
  assert.deepEqual(lead.contact, { name, email, phone: '', preferred_contact: 'email', best_time: 'any', message: '' });
  assert.deepEqual(lead.answers, { pattern: 'total', progression: 'stable', hair_colour: 'black', skin_tone: 3, scars: [],
    health: [], age_band: '25_34', hairline: 'defined' });
  assert.equal(lead.recommendation.approach, 'buzz_cut');
  assert.deepEqual(lead.recommendation.sessions, { min: 3, max: 4 });
  assert.deepEqual(lead.recommendation.add_ons, []);
  assert.equal(lead.consent.processing, true);
  assert.match(lead.consent.text, /^I agree that Northline SMP may use my answers/);
  assert.deepEqual(lead.photos, []);
  assert.deepEqual(lead.page.utm, {});
}

// Pages that changed JSON the way old libraries do. Each walks to a delivered lead.
const JSON_PAGES = {
  'JSON.stringify overridden to throw': () => {
    JSON.stringify = function stringify() { throw new TypeError('JSON.stringify is switched off on this page'); };
  },
  'Prototype.js 1.6 toJSON on Array and String': () => {
    // What Prototype.js 1.6 added: arrays and strings turn themselves into JSON text, so
    // JSON.stringify writes an array as a string and every string quoted twice.
    Array.prototype.toJSON = function toJSON() { return `[${this.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ')}]`; };
    String.prototype.toJSON = function toJSON() { return `"${this}"`; };
  },
  'Object.prototype.toJSON and a JSON.parse that loses arrays': () => {
    Object.defineProperty(Object.prototype, 'toJSON', { value() { return {}; }, writable: true, configurable: true });
    const parse = JSON.parse;
    JSON.parse = function (text, reviver) {
      const value = parse.call(JSON, text, reviver);
      return Array.isArray(value) ? [] : value;
    };
  },
};

describe('a lead is never lost to a page that changed JSON', () => {
  for (const [name, patch] of Object.entries(JSON_PAGES)) {
    test(`${name}: the lead arrives intact, exactly once, and only then "thank you"`, async () => {
      const page = await openPage(patch);
      await addWidget(page, { clinic: 'Northline SMP', endpoint: `${stack.inboxUrl}/v1/leads`, phone: '+44 113 496 0000' });
      const w = page.locator('smp-consult#assessment');
      const email = `json.${randomUUID().slice(0, 8)}@example.com`;
      await walkTotalLossIn(w);
      await sendLead(page, w, { name: 'Jo Json', email });
      await w.locator('[part="thanks"]').waitFor({ timeout: 20_000 });
      const stored = await leadsFor(email);
      assert.equal(stored.length, 1, 'exactly one lead at the inbox');
      assertIntact(stored[0], { name: 'Jo Json', email });
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), OUTBOX), null, 'outbox emptied once delivered');
      await page.context().close();
    });
  }
});

describe('a page that changed fetch', () => {
  test('fetch fakes success for every POST: the lead still arrives intact, once', async () => {
    const page = await openPage(() => {
      const real = window.fetch;
      window.fetch = function fetch(input, init) {
        const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
        if (method.toUpperCase() === 'POST') return Promise.resolve(new Response('{"status":"stored"}', { status: 201 }));
        return real.call(this, input, init);
      };
    });
    await addWidget(page, { clinic: 'Northline SMP', endpoint: `${stack.inboxUrl}/v1/leads` });
    const w = page.locator('smp-consult#assessment');
    const email = `fetch.${randomUUID().slice(0, 8)}@example.com`;
    await walkTotalLossIn(w);
    await sendLead(page, w, { name: 'Fen Fetch', email });
    await w.locator('[part="thanks"]').waitFor({ timeout: 20_000 });
    const stored = await leadsFor(email);
    assert.equal(stored.length, 1, 'the real inbox has it, once');
    assertIntact(stored[0], { name: 'Fen Fetch', email });
    await page.context().close();
  });

  test('fetch patched after the widget loaded (a late tag) strips the body: the lead still arrives intact', async () => {
    const page = await openPage(null);
    await addWidget(page, { clinic: 'Northline SMP', endpoint: `${stack.inboxUrl}/v1/leads` });
    const w = page.locator('smp-consult#assessment');
    await w.locator('input[name="pattern"]').first().waitFor();
    await page.evaluate(() => {
      const real = window.fetch;
      window.fetch = function fetch(input, init) {
        if (input instanceof Request && input.method === 'POST') return real.call(this, input.url, { method: 'POST', body: '' });
        if (init?.body) return real.call(this, input, { ...init, body: '' });
        return real.call(this, input, init);
      };
    });
    const email = `late.${randomUUID().slice(0, 8)}@example.com`;
    await walkTotalLossIn(w);
    await sendLead(page, w, { name: 'Lee Late', email });
    await w.locator('[part="thanks"]').waitFor({ timeout: 20_000 });
    const stored = await leadsFor(email);
    assert.equal(stored.length, 1);
    assertIntact(stored[0], { name: 'Lee Late', email });
    await page.context().close();
  });

  test('fetch and XMLHttpRequest both fake success: never "thank you"; kept, and sent from the next page', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openPage(() => {
      const real = window.fetch;
      window.fetch = function fetch(input, init) {
        const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
        if (method.toUpperCase() === 'POST') return Promise.resolve(new Response('{"status":"stored"}', { status: 201 }));
        return real.call(this, input, init);
      };
      window.XMLHttpRequest = class XMLHttpRequest extends EventTarget {
        open() {} setRequestHeader() {} getResponseHeader() { return null; } abort() {}
        send() {
          Object.assign(this, { readyState: 4, status: 201, responseText: '{"status":"stored"}' });
          setTimeout(() => { this.onreadystatechange?.(); this.onload?.(); this.dispatchEvent(new Event('load')); });
        }
      };
    }, { context });
    await addWidget(page, { clinic: 'Northline SMP', endpoint: `${stack.inboxUrl}/v1/leads` });
    const w = page.locator('smp-consult#assessment');
    const email = `both.${randomUUID().slice(0, 8)}@example.com`;
    await walkTotalLossIn(w);
    await sendLead(page, w, { name: 'Bo Both', email });
    await w.getByText('saved on this device').waitFor({ timeout: 20_000 });
    assert.equal(await w.locator('[part="thanks"]').count(), 0, 'the visitor is not told it was sent');
    assert.equal((await leadsFor(email)).length, 0);
    assert.notEqual(await page.evaluate((k) => localStorage.getItem(k), OUTBOX), null, 'kept in the outbox');
    await page.close();

    // The next page of the site, with no widget on it at all: the loader sends it.
    const next = await openPage(null, { context });
    await next.waitForFunction((k) => localStorage.getItem(k) === null, OUTBOX, { timeout: 15_000 });
    const stored = await leadsFor(email);
    assert.equal(stored.length, 1, 'arrived once');
    assertIntact(stored[0], { name: 'Bo Both', email });
    assert.deepEqual(next.consoleErrors, []);
    await context.close();
  });
});

test('a config-url that never answers: one clear error, the error event, and the widget from its attributes', async () => {
  const page = await openPage(null);
  await page.evaluate(() => {
    window.__errors = [];
    document.addEventListener('smp-consult:error', (e) => window.__errors.push(e.detail));
  });
  const started = Date.now();
  await addWidget(page, { clinic: 'Northline SMP', phone: '+44 113 496 0000', 'config-url': `http://127.0.0.1:${silent.address().port}/config.json` });
  const w = page.locator('smp-consult#assessment');
  await w.locator('input[name="pattern"]').first().waitFor({ timeout: 15_000 });
  const waited = Date.now() - started;
  assert.ok(hits.some((h) => h.startsWith('GET /config.json')), 'the config-url was asked');
  const named = page.consoleErrors.filter((e) => e.includes('`config-url`'));
  assert.equal(named.length, 1, JSON.stringify(page.consoleErrors));
  assert.match(named[0], /did not answer within \d+ s/);
  assert.deepEqual((await page.evaluate(() => window.__errors)).map((e) => [e.code, e.item]), [['config', 'config-url']]);
  console.log(`config-url that never answers: widget shown after ${waited} ms`);
  await page.context().close();
});

/** Puts leads in the outbox exactly as the widget writes them, made by the real engine. */
async function plant(page, entries) {
  return page.evaluate(async ({ entries, key }) => {
    const { recommend } = await import('/widget/smp-consult.js');
    const answers = { pattern: 'total', progression: 'stable', hair_colour: 'black', skin_tone: 3, scars: [], health: [],
      age_band: '25_34', hairline: 'defined' };
    const recommendation = await recommend(answers, null);
    const outbox = entries.map(({ id, endpoint, email }) => {
      const lead = { schema: 'smp-consult.lead/v1', id, created_at: new Date().toISOString(), clinic: 'Northline SMP', locale: 'en',
        contact: { name: 'Pat Pending', email, phone: '', preferred_contact: 'email', best_time: 'any', message: '' },
        consent: { processing: true, text: 'I agree that Northline SMP may use my answers, including health information, to assess whether SMP suits me and to contact me about it.',
          marketing: false, marketing_text: "I'd also like to hear about offers and news from Northline SMP. (Optional)" },
        answers, recommendation, photos: [], page: { url: location.href, referrer: '', utm: {} } };
      return { id: `${id}:json`, lead_id: id, kind: 'json', endpoint, body: JSON.stringify(lead), attempts: 0, next_at: 0 };
    });
    localStorage.setItem(key, JSON.stringify(outbox));
  }, { entries, key: OUTBOX });
}

describe('a lead left in the outbox is sent wherever the loader runs, without the visitor opening the widget', () => {
  test('a popup nobody opens', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const first = await openPage(null, { context });
    const id = randomUUID();
    const email = `popup.${id.slice(0, 8)}@example.com`;
    await plant(first, [{ id, endpoint: `${stack.inboxUrl}/v1/leads`, email }]);
    await first.close();
    const page = await openPage(null, { context, path: '/examples/popup.html' });
    await page.waitForFunction((k) => localStorage.getItem(k) === null, OUTBOX, { timeout: 15_000 });
    assert.equal((await stack.leads()).filter((l) => l.id === id).length, 1, 'arrived once');
    assert.equal(await page.locator('smp-consult#popup dialog').evaluate((d) => d.open), false, 'the popup stayed closed');
    assert.equal(await page.locator('smp-consult#popup [part="widget"]').count(), 0, 'and nothing was mounted');
    assert.deepEqual(page.consoleErrors, []);
    await context.close();
  });

  test('an inline widget far below the fold', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const first = await openPage(null, { context });
    const id = randomUUID();
    await plant(first, [{ id, endpoint: `${stack.inboxUrl}/v1/leads`, email: `fold.${id.slice(0, 8)}@example.com` }]);
    await first.close();
    // A long article with the widget at its end: the reader never gets there.
    await context.addInitScript(() => document.addEventListener('smp-consult:ready', () => { window.__mounted = true; }));
    const page = await openPage(null, { context, path: '/examples/article.html' });
    await page.waitForFunction((k) => localStorage.getItem(k) === null, OUTBOX, { timeout: 15_000 });
    assert.equal((await stack.leads()).filter((l) => l.id === id).length, 1, 'arrived once');
    // Its first question is painted (before any engine); the engine is not mounted for it.
    assert.equal(await page.evaluate(() => window.__mounted ?? false), false, 'the far widget was not mounted for it');
    await context.close();
  });
});

test('planted outbox entries with endpoints that break the rules are dropped with a console error; a valid one is sent', async () => {
  const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const first = await openPage(null, { context });
  const good = randomUUID();
  const planted = {
    'javascript:alert(document.domain)': randomUUID(),
    'http://evil.example/steal': randomUUID(),
    '//evil.example/steal': randomUUID(),
    '/\\evil.example/steal': randomUUID(),
    'https://evil.example\u200b/steal': randomUUID(),
    'https://user@evil.example/steal': randomUUID(),
    'data:text/plain,x': randomUUID(),
  };
  await plant(first, [
    ...Object.entries(planted).map(([endpoint, id]) => ({ id, endpoint, email: 'planted@example.com' })),
    { id: good, endpoint: `${stack.inboxUrl}/v1/leads`, email: `good.${good.slice(0, 8)}@example.com` },
  ]);
  await first.close();
  const page = await openPage(null, { context });
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.waitForFunction((k) => localStorage.getItem(k) === null, OUTBOX, { timeout: 15_000 });
  assert.equal((await stack.leads()).filter((l) => l.id === good).length, 1, 'the valid one arrived');
  const dropped = page.consoleErrors.filter((e) => e.startsWith('<smp-consult>: a pending lead was dropped'));
  assert.equal(dropped.length, Object.keys(planted).length, JSON.stringify(page.consoleErrors));
  assert.deepEqual(requested.filter((u) => u.includes('evil')), [], 'nothing was sent to them');
  await context.close();
});
