// End-to-end: delivery targets other than the JSON endpoint. A Zapier/Make-style hook that
// answers no CORS preflight (simple mode), and HubSpot's forms API, faked on loopback here,
// checking the request's shape. Both get the lead through the same outbox.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { newPage, startStack } from './harness.mjs';
import { fillLead, walkTotalLoss, widget } from './visitor.mjs';

let stack;
let fake;
const received = [];
before(async () => {
  stack = await startStack();
  // A fake HubSpot on loopback: answers the CORS preflight as HubSpot does, records each POST.
  fake = createServer((req, res) => {
    const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-headers': 'content-type',
      'access-control-allow-methods': 'POST' };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received.push({ url: req.url, headers: req.headers, body: JSON.parse(body) });
      res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{"inlineMessage":"Thanks"}');
    });
  });
  await new Promise((r) => fake.listen(0, '127.0.0.1', r));
});
after(async () => { await stack?.stop(); fake?.close(); });

/** Opens the bare page and adds a widget with these attributes and JSON config. */
/** Resolves once `page` has logged a console error containing `text` (already or later). */
async function consoleError(page, text) {
  if (page.consoleErrors.some((e) => e.includes(text))) return;
  await page.waitForEvent('console', { predicate: (m) => m.type() === 'error' && m.text().includes(text) });
}

async function embed(page, attributes, config) {
  await page.goto(stack.siteUrl + '/examples/blank.html');
  await page.evaluate(({ attributes, config }) => {
    sessionStorage.clear();
    localStorage.clear();
    if (config) {
      const script = document.createElement('script');
      script.type = 'application/json';
      script.id = 'cfg';
      script.textContent = JSON.stringify(config);
      document.body.append(script);
    }
    const el = document.createElement('smp-consult');
    el.id = 'assessment';
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
    if (config) el.setAttribute('config', '#cfg');
    document.getElementById('main').append(el);
  }, { attributes, config });
}

describe('delivery targets', () => {
  test('simple mode: a text/plain POST with no preflight reaches a hook, with the id in the body', async () => {
    const page = await newPage(stack, { path: '/examples/blank.html' });
    const requests = [];
    page.on('request', (r) => { if (r.url().includes('/v1/leads')) requests.push(r); });
    await embed(page, { clinic: 'Hookline SMP', endpoint: `${stack.inboxUrl}/v1/leads`, 'endpoint-mode': 'simple' });
    await walkTotalLoss(page);
    await fillLead(page, { name: 'Tom Simple', email: 'tom.simple@example.com' });
    await widget(page).getByRole('button', { name: 'Send to the clinic' }).click();
    await widget(page).getByRole('heading', { name: 'Thank you, Tom' }).waitFor();
    assert.deepEqual(requests.map((r) => r.method()), ['POST'], 'no OPTIONS preflight');
    const headers = await requests[0].allHeaders();
    assert.match(headers['content-type'], /^text\/plain/);
    assert.equal(headers['idempotency-key'], undefined);
    const stored = (await stack.leads()).filter((l) => l.lead.contact.email === 'tom.simple@example.com');
    assert.equal(stored.length, 1);
    assert.equal(stored[0].lead.clinic, 'Hookline SMP');
    await page.context().close();
  });

  test('HubSpot: fields, page and GDPR consent with the exact texts, as the forms API expects', async () => {
    const page = await newPage(stack, { path: '/examples/blank.html' });
    const form = '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
    await embed(page, { clinic: 'Northline SMP' }, {
      hubspot: { portal_id: '1234567', form_id: form, subscription_type_id: 99, api: `http://127.0.0.1:${fake.address().port}` },
    });
    await walkTotalLoss(page);
    await fillLead(page, { name: 'Hana Kim Lee', email: 'hana@example.com', phone: '+44 7700 900456', marketing: true });
    await widget(page).getByRole('button', { name: 'Send to the clinic' }).click();
    await widget(page).getByRole('heading', { name: 'Thank you, Hana' }).waitFor();
    assert.equal(received.length, 1);
    const { url, headers, body } = received[0];
    assert.equal(url, `/submissions/v3/integration/submit/1234567/${form}`);
    assert.match(headers['content-type'], /^application\/json/);
    const field = (name) => body.fields.find((f) => f.name === name);
    assert.equal(field('email').value, 'hana@example.com');
    assert.equal(field('firstname').value, 'Hana');
    assert.equal(field('lastname').value, 'Kim Lee');
    assert.equal(field('phone').value, '+44 7700 900456');
    assert.match(field('message').value, /approach=buzz_cut extent=large/);
    assert.ok(body.fields.every((f) => f.objectTypeId === '0-1'));
    assert.match(body.context.pageUri, /\/examples\/blank\.html$/);
    assert.match(body.submittedAt, /^\d{13}$/);
    const consent = body.legalConsentOptions.consent;
    assert.equal(consent.consentToProcess, true);
    assert.match(consent.text, /^I agree that Northline SMP may use my answers, including health information/);
    assert.deepEqual(consent.communications.map((c) => [c.value, c.subscriptionTypeId]), [[true, 99]]);
    assert.match(consent.communications[0].text, /offers and news from Northline SMP/);
    await page.context().close();
  });

  test('a wrong HubSpot config names the item in one console error and the widget still works', async () => {
    const page = await newPage(stack, { path: '/examples/blank.html' });
    await embed(page, { clinic: 'Northline SMP', endpoint: `${stack.inboxUrl}/v1/leads`, 'endpoint-mode': 'carrier-pigeon' },
      { hubspot: { portal_id: 'abc', form_id: 'nope' } });
    // The first question is painted before the engine; the engine reads the config and logs.
    for (const text of ['`endpoint-mode`', '`hubspot.portal_id`']) await consoleError(page, text);
    await widget(page).locator('input[name="pattern"]').first().waitFor();
    const errors = page.consoleErrors.filter((e) => e.startsWith('<smp-consult>'));
    assert.ok(errors.some((e) => e.includes('`endpoint-mode`') && e.includes('json or simple')), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('`hubspot.portal_id`')), errors.join('\n'));
    await page.context().close();
  });
});
