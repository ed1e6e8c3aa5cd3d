// Fault injection: 200 leads go through the widget's delivery (its outbox in local storage)
// to a loopback endpoint that fails 40% of requests in every way: 500, 503, 429 with
// Retry-After, hangs past the widget's timeout, dropped connections, and the nastiest: storing
// the lead and then failing the answer. Midway the browser goes offline and back, and the page
// is reloaded mid-delivery. At the end: 0 lost, 0 duplicated at the receiver.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { newPage, startStack } from './harness.mjs';

const LEADS = 200;
const FAILURE_RATE = 0.4;
const MAX_HANGS = 3; // each costs the widget's 15 s timeout; a few prove the point

let stack;
let flaky;
const stats = { requests: 0, forwarded: 0, failures: {}, acceptedIds: new Set(), duplicatesSeen: 0 };

/** Deterministic pseudo-random numbers (mulberry32), so a failure replays the same way. */
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

before(async () => {
  stack = await startStack();
  const random = rng(20261123);
  let hangs = 0;
  const cors = (req) => ({ 'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-allow-headers': 'content-type, idempotency-key', 'access-control-allow-methods': 'POST',
    'access-control-expose-headers': 'retry-after' });
  const forward = async (req, body) => {
    stats.forwarded += 1;
    const res = await fetch(`${stack.inboxUrl}/v1/leads`, { method: 'POST', body,
      headers: { 'content-type': req.headers['content-type'], 'idempotency-key': req.headers['idempotency-key'], origin: req.headers.origin } });
    const text = await res.text();
    if (res.status === 200) stats.duplicatesSeen += 1; // the inbox answers 200 for an id it already has
    if (res.ok) stats.acceptedIds.add(req.headers['idempotency-key']);
    return { status: res.status, text };
  };
  flaky = createServer((req, res) => {
    if (req.method === 'OPTIONS') return res.writeHead(204, cors(req)).end();
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', async () => {
      stats.requests += 1;
      const roll = random();
      let mode = 'ok';
      if (roll < FAILURE_RATE) {
        const modes = ['500', '503', '429', 'drop', 'store-then-503', 'store-then-drop', 'hang'];
        mode = modes[Math.floor((roll / FAILURE_RATE) * modes.length)];
        if (mode === 'hang' && hangs >= MAX_HANGS) mode = 'drop';
        if (mode === 'hang') hangs += 1;
      }
      stats.failures[mode] = (stats.failures[mode] ?? 0) + 1;
      switch (mode) {
        case '500': case '503':
          return res.writeHead(Number(mode), cors(req)).end('{"error":"injected"}');
        case '429':
          return res.writeHead(429, { ...cors(req), 'retry-after': '1' }).end('{"error":"slow down"}');
        case 'drop':
          return req.socket.destroy();
        case 'hang':
          return; // never answer: the widget's timeout must fire
        case 'store-then-503':
          await forward(req, body);
          return res.writeHead(503, cors(req)).end('{"error":"injected after storing"}');
        case 'store-then-drop':
          await forward(req, body);
          return req.socket.destroy();
        default: {
          const { status, text } = await forward(req, body);
          return res.writeHead(status, { ...cors(req), 'content-type': 'application/json' }).end(text);
        }
      }
    });
  });
  await new Promise((r) => flaky.listen(0, '127.0.0.1', r));
});
after(async () => {
  flaky?.closeAllConnections?.();
  flaky?.close();
  await stack?.stop();
});

test(`${LEADS} leads through a 40%-failing endpoint, offline and a reload: none lost, none twice`, { timeout: 600_000 }, async () => {
  const page = await newPage(stack, { path: '/examples/blank.html' });
  const endpoint = `http://127.0.0.1:${flaky.address().port}/v1/leads`;
  // Make the leads in the page (the real engine computes each recommendation), then put them
  // in the outbox exactly as the widget does when a visitor presses Send.
  const ids = Array.from({ length: LEADS }, () => randomUUID());
  await page.evaluate(async ({ ids, endpoint }) => {
    localStorage.clear();
    const { recommend } = await import('/widget/smp-consult.js');
    const answers = { pattern: 'male', stage: 'n5', progression: 'stable', style: 'buzz', hair_colour: 'black',
      skin_tone: 4, scars: [], health: [], age_band: '35_44', hairline: 'soft' };
    const recommendation = await recommend(answers, null);
    const outbox = ids.map((id, i) => {
      const lead = { schema: 'smp-consult.lead/v1', id, created_at: new Date().toISOString(), clinic: 'Northline SMP', locale: 'en',
        contact: { name: `Visitor ${i}`, email: `visitor${i}@example.com`, phone: '', preferred_contact: 'email', best_time: 'any', message: '' },
        consent: { processing: true, text: 'I agree that Northline SMP may use my answers, including health information, to assess whether SMP suits me and to contact me about it.',
          marketing: false, marketing_text: "I'd also like to hear about offers and news from Northline SMP. (Optional)" },
        answers, recommendation, photos: [], page: { url: location.href, referrer: '', utm: {} } };
      return { id: `${id}:json`, lead_id: id, kind: 'json', endpoint, body: JSON.stringify(lead), attempts: 0, next_at: 0 };
    });
    localStorage.setItem('smp-consult:outbox:v1', JSON.stringify(outbox));
  }, { ids, endpoint });

  const pending = () => page.evaluate(() => JSON.parse(localStorage.getItem('smp-consult:outbox:v1') ?? '[]').length);
  // Mounting a widget starts delivery of whatever the outbox holds.
  const mount = () => page.evaluate(() => {
    const el = document.createElement('smp-consult');
    el.setAttribute('clinic', 'Northline SMP');
    document.getElementById('main').append(el);
  });
  await mount();

  // A quarter through: the browser goes offline for a while, then comes back.
  await page.waitForFunction((n) => JSON.parse(localStorage.getItem('smp-consult:outbox:v1') ?? '[]').length <= n, LEADS * 0.75,
    { timeout: 300_000, polling: 200 });
  await page.context().setOffline(true);
  await page.waitForTimeout(1500); // the page's own time offline (no live service is waited on)
  await page.context().setOffline(false);

  // Halfway: reload mid-delivery (requests in flight are cut off), and mount again.
  await page.waitForFunction((n) => JSON.parse(localStorage.getItem('smp-consult:outbox:v1') ?? '[]').length <= n, LEADS * 0.5,
    { timeout: 300_000, polling: 200 });
  await page.reload();
  await mount();

  await page.waitForFunction(() => localStorage.getItem('smp-consult:outbox:v1') === null, null, { timeout: 480_000, polling: 500 });
  assert.equal(await pending(), 0);

  const stored = (await stack.leads()).filter((l) => ids.includes(l.id));
  const storedIds = stored.map((l) => l.id);
  const lost = ids.filter((id) => !storedIds.includes(id));
  const twice = storedIds.filter((id, i) => storedIds.indexOf(id) !== i);
  console.log(`fault injection: ${stats.requests} requests, outcomes ${JSON.stringify(stats.failures)}, `
    + `${stats.duplicatesSeen} repeats answered as duplicates by the inbox`);
  assert.deepEqual(lost, [], 'no lead lost');
  assert.deepEqual(twice, [], 'no lead stored twice');
  assert.equal(stored.length, LEADS);
  const injected = Object.entries(stats.failures).filter(([m]) => m !== 'ok').reduce((n, [, c]) => n + c, 0);
  assert.ok(injected / stats.requests > 0.3, `failures were really injected (${injected}/${stats.requests})`);
  for (const mode of ['500', '503', '429', 'drop', 'store-then-503', 'store-then-drop', 'hang']) {
    assert.ok(stats.failures[mode] > 0, `failure mode ${mode} happened`);
  }
  assert.ok(stats.duplicatesSeen > 0, 'some leads were stored, then their answer lost, then resent: the inbox kept one');
  await page.context().close();
});
