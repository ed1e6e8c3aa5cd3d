// Attack script (issue 13, points 5, 6 and 7): a curious analytics tag reading the dataLayer
// and the page's storage at every step of a walk with health and scar answers; a careless
// clinic config (tricky URLs and emails, megabyte texts, bidi overrides); a page that changes
// the element's attributes after the widget is on it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { newPage, startStack } from './harness.mjs';
import { answerIn, humanPace, walkTotalLossIn } from './visitor.mjs';

let stack;
let other; // another host: counts what reaches it, takes leads (CORS) and answers 201
const received = [];
before(async () => {
  stack = await startStack();
  other = createServer((req, res) => {
    const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-headers': 'content-type, idempotency-key',
      'access-control-allow-methods': 'POST' };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, body });
      res.writeHead(req.method === 'POST' ? 201 : 404, { ...cors, 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise((r) => other.listen(0, '127.0.0.1', r));
});
after(async () => {
  other?.closeAllConnections?.();
  other?.close();
  await stack?.stop();
});

// What must never be readable by a tag on the page: a health answer, a scar answer, or
// anything that follows from one.
const HEALTH = ['keloid', 'scalp_condition', 'blood_thinners', 'pregnancy', 'chemo', 'immune', 'diabetes', 'ink_allergy', 'recent_transplant'];
const SCARS = ['fut_strip', 'fue_dots', 'surgical', 'burn', 'scar_healed', 'scar_raised', 'scar_recent'];
const FORBIDDEN = new RegExp([...HEALTH, ...SCARS, 'provisional', 'in_person', '(scars|health)\\\\*"\\s*:'].join('|'));

/** What a tag on the page can read: the dataLayer, session storage and local storage. */
const visible = (page) => page.evaluate(() => {
  const store = (s) => Object.fromEntries(Object.keys(s).map((k) => [k, s.getItem(k)]));
  return { dataLayer: structuredClone(window.dataLayer), session: store(sessionStorage), local: store(localStorage) };
});

test('health and scar answers never reach the dataLayer or storage; session storage is emptied after delivery and after a restart', async () => {
  const page = await newPage(stack, { path: '/examples/blank.html' });
  await page.evaluate((endpoint) => {
    window.dataLayer = [];
    const el = document.createElement('smp-consult');
    el.id = 'assessment';
    for (const [k, v] of Object.entries({ clinic: 'Northline SMP', endpoint })) el.setAttribute(k, v);
    document.getElementById('main').append(el);
  }, `${stack.inboxUrl}/v1/leads`);
  const w = page.locator('smp-consult#assessment');
  const seen = [];
  const step = async (name, values) => {
    await answerIn(w, name, values);
    await w.locator('form.step, [data-approach]').first().waitFor();
    const now = await visible(page);
    seen.push({ after: name, ...now });
    const leak = JSON.stringify(now).match(FORBIDDEN);
    assert.equal(leak, null, `after ${name}: ${leak} is readable by the page: ${JSON.stringify(now)}`);
  };
  const walk = async ({ scars, health }) => {
    await step('pattern', 'male');
    await step('stage', 'n4');
    await step('progression', 'stable');
    await step('style', 'buzz');
    await step('hair_colour', 'dark_brown');
    await step('skin_tone', '3');
    await step('scars', scars);
    if (scars !== 'none') {
      await step('scar_healed', 'false');
      await step('scar_raised', 'true');
    }
    await step('health', health);
    await step('age_band', '35_44');
    await step('hairline', 'soft');
    await w.locator('[data-approach="buzz_cut"]').waitFor();
  };

  // A visitor with strip and surgical scars, not yet healed and raised, on blood thinners and pregnant.
  await walk({ scars: ['fut_strip', 'surgical'], health: ['blood_thinners', 'pregnancy'] });
  assert.match(await w.locator('[part="result"]').innerText(), /Provisional/, 'the visitor is told, on screen only');
  const withScars = (await visible(page)).dataLayer;
  await w.locator('.result [part~="next"]').click();
  await humanPace(page);
  await w.getByLabel('Your name').fill('Ash Private');
  await w.getByRole('textbox', { name: 'Email' }).fill('ash.private@example.com');
  await w.locator('input[name="consent"]').check();
  await w.locator('form.lead [part~="next"]').click();
  await w.locator('[part="thanks"]').waitFor();
  const delivered = await visible(page);
  assert.deepEqual(Object.keys(delivered.session).filter((k) => k.startsWith('smp-consult')), [], 'session storage emptied once delivered');
  assert.deepEqual(Object.keys(delivered.local).filter((k) => k.startsWith('smp-consult')), [], 'outbox emptied once delivered');
  assert.equal(JSON.stringify(delivered.dataLayer).match(FORBIDDEN), null);
  const stored = (await stack.leads()).find((l) => l.lead.contact.email === 'ash.private@example.com');
  assert.deepEqual(stored.lead.answers.health, ['blood_thinners', 'pregnancy'], 'the clinic gets every answer');
  assert.deepEqual(stored.lead.answers.scars, ['fut_strip', 'surgical']);

  // Start again: nothing of the first visitor is left in the tab.
  await page.evaluate(() => { window.dataLayer.length = 0; });
  await w.getByRole('button', { name: 'Start again' }).click();
  await w.locator('input[name="pattern"]').first().waitFor();
  assert.deepEqual(Object.keys((await visible(page)).session).filter((k) => k.startsWith('smp-consult')), [], 'emptied by a restart');

  // The same visitor without scars or health conditions: the analytics are the same, event for
  // event, so a tag cannot tell the two apart.
  await walk({ scars: 'none', health: 'none' });
  const without = (await visible(page)).dataLayer;
  assert.deepEqual(without, withScars.slice(0, without.length), 'same events, same numbers, with or without scars and health conditions');
  assert.deepEqual(without.map((e) => e.event), [...Array(10).fill('smp_step'), 'smp_result']);
  assert.deepEqual(without.slice(0, 10).map((e) => [e.smp_question, e.smp_step, e.smp_steps]), [
    ['pattern', 1, 10], ['stage', 2, 10], ['progression', 3, 10], ['style', 4, 10], ['hair_colour', 5, 10], ['skin_tone', 6, 10],
    ['scars', 7, 10], ['health', 8, 10], ['age_band', 9, 10], ['hairline', 10, 10]]);
  assert.deepEqual(without[10], { event: 'smp_result', smp_clinic: 'Northline SMP', smp_approach: 'buzz_cut' });
  assert.deepEqual(withScars.at(-1), without[10]);
  // reset() from the page's own button: forgotten at once.
  await page.evaluate(() => document.querySelector('#assessment').reset());
  await w.locator('input[name="pattern"]').first().waitFor();
  assert.deepEqual(Object.keys((await visible(page)).session).filter((k) => k.startsWith('smp-consult')), [], 'emptied by reset()');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('each validation gap: refused with one console error naming the item, and nothing fetched from elsewhere', async () => {
  const page = await newPage(stack, { path: '/examples/blank.html' });
  const otherHost = `127.0.0.1:${other.address().port}`;
  const megabyte = 'x'.repeat(1_000_000);
  await page.evaluate(({ otherHost, megabyte }) => {
    window.__ready = {};
    document.addEventListener('smp-consult:ready', (e) => { window.__ready[e.target.id] = e.detail; });
    const add = (id, attributes) => {
      const el = document.createElement('smp-consult');
      el.id = id;
      for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
      document.getElementById('main').append(el);
    };
    add('urls', {
      clinic: 'Northline SMP',
      logo: `/\\${otherHost}/logo.png`, // a browser reads /\ as //: another host
      email: 'clinic@example.com?bcc=spy%40evil.com',
      'privacy-url': 'https://northline-smp.example/\u200bprivacy',
      'booking-url': `https://northline-smp.example\\@${otherHost}/book`,
      'redirect-url': 'https://northline-smp.example/\u0007thanks',
    });
    add('hidden-email', { clinic: 'Northline SMP', email: 'clinic\u200b@example.com', endpoint: `http://${otherHost}/leads` });
    add('long', { clinic: megabyte, 'thanks-text': megabyte });
    add('long-popup', { clinic: 'Northline SMP', mode: 'popup', 'button-text': megabyte });
    add('long-bubble', { clinic: 'Northline SMP', mode: 'bubble', teaser: megabyte });
    add('bidi', { clinic: 'Northline \u202eSMP Clinic' });
  }, { otherHost, megabyte });
  for (const id of ['urls', 'hidden-email', 'long', 'bidi']) {
    await page.locator(`smp-consult#${id}`).scrollIntoViewIfNeeded();
    await page.locator(`smp-consult#${id} input[name="pattern"]`).first().waitFor();
  }
  const errors = (item) => page.consoleErrors.filter((e) => e.startsWith(`<smp-consult>: \`${item}\` is not valid`));
  for (const [item, count] of [['logo', 1], ['email', 2], ['privacy-url', 1], ['booking-url', 1], ['redirect-url', 1], ['clinic', 2],
    ['thanks-text', 1], ['button-text', 1], ['teaser', 1]]) {
    assert.equal(errors(item).length, count, `${item}: ${JSON.stringify(page.consoleErrors.map((e) => e.slice(0, 160)))}`);
  }
  assert.match(errors('logo')[0], /a path on this site/);
  assert.match(errors('clinic').find((e) => e.includes('characters')), /at most \d+ characters/);
  assert.match(errors('clinic').find((e) => e.includes('bidi') || e.includes('invisible')), /control, invisible or bidi/);
  assert.equal(await page.locator('smp-consult#urls img.smp-logo').count(), 0, 'no logo from another host');
  assert.deepEqual(received.filter((r) => r.method === 'GET'), [], 'nothing was fetched from the other host');
  // Megabyte texts are cut to their cap: the page stays its own width.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 1280, 'the page is not widened');
  assert.ok((await page.locator('smp-consult#long-popup .launcher').innerText()).length <= 80);
  assert.ok((await page.evaluate(() => window.__ready.long.clinic)).length <= 120);
  // A bidi override in the clinic's name is taken out, and the name is isolated in every sentence.
  assert.equal(await page.evaluate(() => window.__ready.bidi.clinic), 'Northline SMP Clinic');
  const bidi = page.locator('smp-consult#bidi');
  await walkTotalLossIn(bidi);
  await bidi.locator('.result [part~="next"]').click();
  assert.equal(await bidi.locator('form.lead h2').innerText(), 'Send your result to Northline SMP Clinic');
  for (const sentence of ['form.lead h2', 'input[name="consent"] + span', 'input[name="marketing"] + span']) {
    assert.deepEqual(await bidi.locator(`${sentence} bdi`).allInnerTexts(), ['Northline SMP Clinic'], `${sentence}: the name is isolated`);
  }
  await page.context().close();
});

test('attributes changed after the widget is on the page are applied, keeping the visitor where they are', async () => {
  const page = await newPage(stack, { path: '/examples/blank.html' });
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const endpoint = (path) => `http://127.0.0.1:${other.address().port}${path}`;
  await page.evaluate((endpoint) => {
    const el = document.createElement('smp-consult');
    el.id = 'live';
    for (const [k, v] of Object.entries({ clinic: 'First Clinic', endpoint, lang: 'en' })) el.setAttribute(k, v);
    const popup = document.createElement('smp-consult');
    popup.id = 'pop';
    for (const [k, v] of Object.entries({ clinic: 'First Clinic', mode: 'popup', 'button-text': 'Before' })) popup.setAttribute(k, v);
    document.getElementById('main').append(popup, el);
  }, endpoint('/first'));
  const w = page.locator('smp-consult#live');
  await answerIn(w, 'pattern', 'total');
  await w.locator('input[name="progression"]').first().waitFor();

  // The language: the same question, now in Spanish, and back.
  await page.evaluate(() => document.querySelector('#live').setAttribute('lang', 'es'));
  await w.locator('[part="widget"][lang="es"]').waitFor();
  assert.equal(await w.locator('input[name="progression"]').count() > 0, true, 'still at the same question');
  assert.notEqual(await w.locator('legend').first().innerText(), 'How has your hair loss changed over the last year?');
  await page.evaluate(() => document.querySelector('#live').setAttribute('lang', 'en'));
  await w.locator('[part="widget"][lang="en"]').waitFor();
  // The clinic, its colour and where leads go.
  await page.evaluate((endpoint) => {
    const el = document.querySelector('#live');
    el.setAttribute('clinic', 'Second Clinic');
    el.setAttribute('accent', '#8a2be2');
    el.setAttribute('endpoint', endpoint);
  }, endpoint('/second'));
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#live').shadowRoot.querySelector('[part~="next"]')).backgroundColor === 'rgb(138, 43, 226)');
  await answerIn(w, 'progression', 'stable');
  await answerIn(w, 'hair_colour', 'black');
  await answerIn(w, 'skin_tone', '3');
  await answerIn(w, 'scars', 'none');
  await answerIn(w, 'health', 'none');
  await answerIn(w, 'age_band', '25_34');
  await answerIn(w, 'hairline', 'defined');
  await w.locator('.result [part~="next"]').click();
  assert.equal(await w.locator('form.lead h2').innerText(), 'Send your result to Second Clinic');
  await humanPace(page);
  await w.getByLabel('Your name').fill('Lou Live');
  await w.getByRole('textbox', { name: 'Email' }).fill('lou.live@example.com');
  await w.locator('input[name="consent"]').check();
  await w.locator('form.lead [part~="next"]').click();
  await w.locator('[part="thanks"]').waitFor();
  const posts = received.filter((r) => r.method === 'POST' && r.body.includes('lou.live@example.com'));
  assert.deepEqual(posts.map((r) => r.url), ['/second'], 'sent once, to the endpoint set last');
  assert.equal(JSON.parse(posts[0].body).clinic, 'Second Clinic');

  // The popup's button text, then its mode.
  const pop = page.locator('smp-consult#pop');
  await page.evaluate(() => document.querySelector('#pop').setAttribute('button-text', 'After'));
  await page.waitForFunction(() => document.querySelector('#pop').shadowRoot.querySelector('.launcher')?.textContent === 'After');
  await page.evaluate(() => document.querySelector('#pop').setAttribute('mode', 'inline'));
  await pop.locator('input[name="pattern"]').first().waitFor();
  assert.equal(await pop.locator('.launcher').count(), 0, 'inline now: no button');
  // A wrong value set later is reported once, like at the start, and the widget carries on.
  await page.evaluate(() => document.querySelector('#pop').setAttribute('accent', 'red;}'));
  await page.waitForFunction(() => true);
  await pop.locator('input[name="pattern"]').first().waitFor();
  await page.waitForTimeout(200); // the page's own time: a second error would come now
  assert.equal(page.consoleErrors.filter((e) => e.includes('`accent` is not valid')).length, 1, JSON.stringify(page.consoleErrors));
  assert.deepEqual(warnings, []);
  await page.context().close();
});
