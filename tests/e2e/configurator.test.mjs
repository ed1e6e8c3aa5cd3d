// The configurator, used as a clinic owner would: set a clinic up in plain words, copy the
// snippet, paste it into a blank page and find the widget there as configured, with a lead
// reaching the receiver; a wrong value in the widget's own words; "Send a test lead" telling
// delivered, refused and blocked by CORS apart; the snippet pasted back giving the same
// settings; settings kept over a reload and in a link; the preview delivering nothing;
// `preview` and `accent` applied live on a widget already on a page;
// axe-core at 1280 and 390 px; no CSP violation (the page runs under a strict policy).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import { startStack } from './harness.mjs';
import { answerIn, humanPace, walkTotalLossIn } from './visitor.mjs';

let stack;
let receiver;
before(async () => {
  stack = await startStack();
  receiver = await startReceivers(new URL(stack.siteUrl).origin);
});
after(async () => {
  await stack?.stop();
  receiver?.server.close();
});

/** Fake lead receivers on loopback: /ok takes leads (CORS for the site), /refuse answers 422,
 *  /nocors takes them but sends no CORS headers (a browser then blocks the answer). It also
 *  serves /clinic, a clinic's own blank page (another origin than the widget's files) holding
 *  whatever `pages.clinic` is set to. */
function startReceivers(siteOrigin) {
  const leads = [];
  const pages = {};
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (req.method === 'GET' && path === '/clinic') {
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages.clinic);
    }
    const cors = path === '/nocors' ? {} : {
      'access-control-allow-origin': siteOrigin,
      'access-control-allow-headers': 'content-type, idempotency-key',
      'access-control-allow-methods': 'POST, OPTIONS',
    };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      if (req.method !== 'POST') return res.writeHead(405, cors).end();
      if (path === '/refuse') {
        return res.writeHead(422, { ...cors, 'content-type': 'application/json' }).end('{"error":"consent.text is required"}');
      }
      leads.push({ path, body: JSON.parse(body), key: req.headers['idempotency-key'] });
      res.writeHead(201, { ...cors, 'content-type': 'application/json' }).end('{"status":"stored"}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, leads, pages, url: `http://127.0.0.1:${server.address().port}` });
  }));
}

/** The configurator in a fresh browser context (its own storage), clipboard allowed. */
async function openConfigurator({ width = 1280, path = '/widget/configure/' } = {}) {
  const context = await stack.browser.newContext({ viewport: { width, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.siteUrl });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  await page.goto(stack.siteUrl + path);
  await page.locator('#settings').waitFor();
  return page;
}

/** Errors that are not the preview widget reporting a setting (those are expected while a
 *  clinic types): CSP violations, failed loads, page errors. */
const unexpected = (page) => page.errors.filter((e) => !e.startsWith('<smp-consult>: `'));

/** Resolves once `check()` is true, polling the test's own state (at most 10 s). */
async function until(check) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
}

const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());

/** The preview widget, inside the preview frame. */
const previewWidget = (page) => page.frameLocator('iframe.frame').locator('smp-consult');

/** Sets a clinic up: name, brand colour, Spanish, euro prices, popup, a webhook. */
async function configureClinic(page, endpoint) {
  await page.getByLabel('Clinic name').fill('Clínica Norte');
  await page.getByLabel('Brand colour').fill('#6a1b9a');
  await page.getByLabel('The consultation speaks').selectOption('es');
  await page.getByLabel('Currency').fill('eur');
  await page.locator('#price-buzz_cut-large-min').fill('2100');
  await page.locator('#price-buzz_cut-large-max').fill('3200');
  await page.getByRole('button', { name: 'Fill empty rows with example prices' }).click();
  await page.getByRole('radio', { name: /A button that opens it/ }).check();
  await page.getByLabel('Button text').fill('Consulta gratuita');
  await page.getByRole('radio', { name: /A webhook or your CRM/ }).check();
  await page.getByLabel('Webhook address').fill(endpoint);
}

describe('a clinic sets its widget up', () => {
  let snippet;

  test('languages: the ones ticked and the fallback reach the snippet; a fixed language hides the list', async () => {
    const page = await openConfigurator({ width: 390 });
    await page.getByLabel('Clinic name').fill('Clínica Norte');
    await page.getByRole('checkbox', { name: /French/ }).uncheck();
    await page.getByRole('checkbox', { name: /Italian/ }).uncheck();
    await page.getByLabel('When the visitor’s language is none of these, it speaks').selectOption('es');
    assert.match(await page.locator('#snippet-code').textContent(), / languages="es en de pt"/);
    await page.getByLabel('The consultation speaks').selectOption('de');
    assert.equal(await page.locator('#f-languages').count(), 0, 'the list is hidden');
    assert.doesNotMatch(await page.locator('#snippet-code').textContent(), /languages=/);
    assert.deepEqual(unexpected(page), []);
    await page.context().close();
  });

  test('configure, copy the snippet, paste it into a blank page: the widget there has the settings and its lead arrives', async () => {
    const page = await openConfigurator();
    await configureClinic(page, `${receiver.url}/ok`);
    assert.equal(await page.getByText('to fix first').count(), 0, 'nothing left to fix');
    assert.equal(await page.getByLabel('Currency').inputValue(), 'EUR', 'the currency is written as the widget wants it');
    assert.equal(await page.locator('#price-buzz_cut-small-min').inputValue(), '500', 'example prices, in euros');

    await page.getByRole('button', { name: 'Copy the snippet' }).click();
    await page.getByText('Copied.').first().waitFor();
    snippet = await clipboard(page);
    assert.match(snippet, /^<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/widget\/smp-consult\.js"><\/script>\n<smp-consult /);
    assert.equal(snippet, await page.locator('#snippet-code').textContent(), 'what is copied is what is shown');
    assert.deepEqual(unexpected(page), []);
    await page.context().close();

    // A blank page of the clinic's own site, holding nothing but the pasted snippet; the
    // widget's files come from where the configurator is (another origin, like a CDN).
    receiver.pages.clinic = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clínica Norte</title><link rel="icon" href="data:,"></head>
<body><h1>Clínica Norte</h1>\n${snippet}\n</body></html>`;
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const blank = await context.newPage();
    const errors = [];
    blank.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await blank.goto(`${receiver.url}/clinic`);
    const w = blank.locator('smp-consult');
    // Popup mode: a button with the clinic's words opens the consultation in a dialog.
    const launcher = w.locator('.launcher');
    await launcher.waitFor();
    assert.equal(await launcher.textContent(), 'Consulta gratuita');
    const colours = (el) => el.evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]);
    const [launcherColour, launcherText] = await colours(launcher);
    assert.equal(launcherColour, 'rgb(106, 27, 154)', 'the button is in the clinic’s colour before the engine loads');
    await launcher.click();
    assert.ok(await w.locator('dialog').evaluate((d) => d.open), 'popup mode: a dialog opens');
    await w.locator('input[name="pattern"]').first().waitFor();
    assert.equal(await w.locator('.smp-widget').getAttribute('lang'), 'es', 'it speaks Spanish');
    assert.match(await w.locator('h2').first().textContent(), /pérdida de cabello|caída/i);
    assert.deepEqual(await colours(w.locator('[part~="next"]').first()), [launcherColour, launcherText],
      'the clinic’s colour inside, with the same text colour as on the button');
    await walkTotalLossIn(w);
    const result = await w.locator('[part="result"]').textContent();
    assert.match(result, /2100\u00a0€/, `the clinic’s price in euros: ${result}`);
    assert.match(result, /3200\u00a0€/);
    await w.locator('.result [part~="next"]').click();
    assert.match(await w.locator('label:has(input[name="consent"])').textContent(), /Clínica Norte/, 'the clinic’s name in the consent');
    await humanPace(blank);
    await w.getByLabel(/nombre/i).fill('Lucía Pérez');
    await w.getByRole('textbox', { name: /correo/i }).fill('lucia@example.com');
    await w.locator('input[name="consent"]').check();
    const before = receiver.leads.length;
    await w.locator('form.lead [part~="next"]').click();
    await w.locator('[part="thanks"]').waitFor();
    const lead = receiver.leads.at(-1);
    assert.equal(receiver.leads.length, before + 1, 'one lead reached the receiver');
    assert.equal(lead.body.clinic, 'Clínica Norte');
    assert.equal(lead.body.locale, 'es');
    assert.deepEqual(lead.body.recommendation.price, { currency: 'EUR', min: 2100, max: 3200 });
    assert.equal(lead.key, lead.body.id, 'sent as the widget sends: with its Idempotency-Key');
    assert.deepEqual(errors, [], 'no configuration error on the clinic’s page');
    await context.close();
  });

  test('pasting the snippet back fills the form with the same settings, and copies the same snippet', async () => {
    assert.ok(snippet, 'the first test made a snippet');
    const page = await openConfigurator();
    await page.getByLabel(/Paste its snippet/).fill(snippet);
    await page.getByRole('button', { name: 'Fill the form from it' }).click();
    await page.getByText('The form now holds the settings you pasted').waitFor();
    assert.equal(await page.getByLabel('Clinic name').inputValue(), 'Clínica Norte');
    assert.equal(await page.getByLabel('Brand colour').inputValue(), '#6a1b9a');
    assert.equal(await page.getByLabel('The consultation speaks').inputValue(), 'es');
    assert.equal(await page.getByLabel('Currency').inputValue(), 'EUR');
    assert.equal(await page.locator('#price-buzz_cut-large-max').inputValue(), '3200');
    assert.ok(await page.getByRole('radio', { name: /A button that opens it/ }).isChecked());
    assert.ok(await page.getByRole('radio', { name: /A webhook or your CRM/ }).isChecked());
    assert.equal(await page.getByLabel('Webhook address').inputValue(), `${receiver.url}/ok`);
    assert.equal(await page.locator('#snippet-code').textContent(), snippet, 'the same snippet comes out');

    // Kept over a reload (local storage), and carried by a link into a fresh browser.
    await page.reload();
    await page.locator('#settings').waitFor();
    assert.equal(await page.getByLabel('Clinic name').inputValue(), 'Clínica Norte');
    await page.getByRole('button', { name: 'Copy a link to these settings' }).click();
    await page.getByText('Link copied.').waitFor();
    const link = await clipboard(page);
    assert.match(link, /\/widget\/configure\/#settings=[A-Za-z0-9_-]+$/, 'the settings travel after the #');
    const other = await openConfigurator({ path: new URL(link).pathname + new URL(link).hash });
    assert.equal(await other.getByLabel('Clinic name').inputValue(), 'Clínica Norte');
    assert.equal(await other.locator('#snippet-code').textContent(), snippet);
    assert.equal(new URL(other.url()).hash, '', 'the settings leave the address bar once read');
    assert.deepEqual(unexpected(page), []);
    await other.context().close();
    await page.context().close();
  });

  test('a wrong value is shown beside its field in the words the widget logs', async () => {
    const page = await openConfigurator();
    await page.getByLabel('Clinic name').fill('Northline SMP');
    await page.getByLabel('Brand colour').fill('teal');
    await page.getByLabel('Clinic name').focus(); // leave the field
    const shown = await page.locator('#f-accent-error').textContent();
    assert.equal(shown, '`accent` is not valid: expected a hex colour such as #1f5f5b');
    assert.equal(await page.getByLabel('Brand colour').getAttribute('aria-invalid'), 'true');
    // The preview widget (the real one) logs the same words once it is rebuilt.
    await until(() => page.errors.includes(`<smp-consult>: ${shown}`));
    assert.ok(page.errors.includes(`<smp-consult>: ${shown}`), `the widget logs the same words: ${page.errors.join(' | ')}`);
    // A price whose "from" is above its "to", and the summary above the snippet lists both.
    await page.getByLabel('Currency').fill('GBP');
    await page.locator('#price-buzz_cut-small-min').fill('900');
    await page.locator('#price-buzz_cut-small-max').fill('400');
    await page.getByLabel('Currency').focus();
    assert.equal(await page.locator('#price-buzz_cut-small-error').textContent(),
      '`prices.buzz_cut.small` is not valid: expected [min, max]: two whole numbers with min not above max');
    const summary = await page.locator('.summary').textContent();
    assert.match(summary, /2 settings to fix first/);
    assert.match(summary, /`accent` is not valid/);
    // A link or a pasted snippet naming the widget's files elsewhere is pointed out: the
    // clinic's site would run that script.
    await page.getByLabel('Where the widget’s files are').fill('https://cdn.elsewhere.example/smp-consult.js');
    await page.getByText('Your website will run the script at https://cdn.elsewhere.example').waitFor();
    assert.deepEqual(unexpected(page), []);
    await page.context().close();
  });

  test('“Send a test lead” reports delivered, refused with its status, and blocked by CORS with the origin to allow', async () => {
    const page = await openConfigurator();
    const origin = new URL(stack.siteUrl).origin;
    await page.getByLabel('Clinic name').fill('Northline SMP');
    const testLead = async () => {
      await page.getByRole('button', { name: 'Send a test lead' }).click();
      const outcome = page.locator('.test-result .outcome');
      await outcome.first().waitFor();
      return outcome.textContent();
    };

    // The project's inbox, which allows this site: delivered, and it is there.
    await page.getByRole('radio', { name: /Your SMP Consult inbox/ }).check();
    await page.getByLabel('Your inbox’s address').fill(stack.inboxUrl);
    const delivered = await testLead();
    assert.match(delivered, /^Your inbox: delivered\. .* answered 201/);
    const stored = (await stack.leads()).map((l) => l.lead);
    assert.ok(stored.some((l) => l.clinic === 'Northline SMP' && l.contact.name.includes('Test lead')), 'the inbox has the test lead');

    // A receiver that refuses: the status and what it said.
    await page.getByRole('radio', { name: /A webhook or your CRM/ }).check();
    await page.getByLabel('Webhook address').fill(`${receiver.url}/refuse`);
    const refused = await testLead();
    assert.match(refused, /refused\. .* answered 422: “\{"error":"consent.text is required"\}”/);

    // A receiver that does not allow this page: CORS, with the origin and the inbox's setting.
    const before = receiver.leads.length;
    await page.getByLabel('Webhook address').fill(`${receiver.url}/nocors`);
    const blocked = await testLead();
    assert.match(blocked, /blocked by the browser \(CORS\)/);
    assert.ok(blocked.includes(`does not allow pages from ${origin}`), blocked);
    assert.ok(blocked.includes(`--allow-origin ${origin}`), blocked);
    assert.equal(receiver.leads.length, before, 'the browser stopped it at the preflight: nothing stored');

    // Nothing listening: not reached (told apart from CORS).
    await page.getByLabel('Webhook address').fill('http://127.0.0.1:9/leads');
    assert.match(await testLead(), /not reached\. Nothing answered/);
    // (The browser logs each refused or blocked request itself; those are the point here.)
    await page.context().close();
  });

  test('the preview opens at a sample result with the clinic’s price, and a lead sent from it goes nowhere', async () => {
    const page = await openConfigurator();
    await configureClinic(page, `${receiver.url}/ok`);
    await page.getByRole('radio', { name: /In the page/ }).check();
    await page.getByLabel('Show').selectOption({ label: 'Result: Full SMP, buzz-cut look, large area' });
    const w = previewWidget(page);
    await w.locator('[data-approach="buzz_cut"]').waitFor();
    assert.match(await w.locator('[part="result"]').textContent(), /2100\u00a0€/, 'the sample result shows the clinic’s price');
    await page.locator('#pv-lang').selectOption('en');
    await w.locator('.smp-widget[lang="en"]').waitFor();
    await w.locator('.result [part~="next"]').click();
    // A visitor takes at least 3 s from the first screen to sending (the widget's anti-bot
    // minimum, on its own clock); the preview keeps no progress to read the start from.
    await page.waitForTimeout(3100);
    await w.getByLabel('Your name').fill('Preview Person');
    await w.getByRole('textbox', { name: 'Email' }).fill('preview@example.com');
    await w.locator('input[name="consent"]').check();
    const before = receiver.leads.length;
    await w.locator('form.lead [part~="next"]').click();
    await w.locator('[part="thanks"]').waitFor();
    await page.getByText('The lead the preview just made (not sent)').waitFor();
    await page.waitForTimeout(500);
    assert.equal(receiver.leads.length, before, 'nothing was delivered from the preview');
    const outbox = await page.evaluate(() => localStorage.getItem('smp-consult:outbox:v1'));
    assert.equal(outbox, null, 'and nothing waits in the outbox');
    // Phone width: the frame is 390 px wide and the widget lays itself out for a phone.
    await page.locator('label[for="pv-phone"]').click();
    await page.waitForFunction(() => document.querySelector('iframe.frame').contentWindow.innerWidth === 390);
    assert.deepEqual(unexpected(page), []);
    await page.context().close();
  });

  test('`preview` and `accent` set on a widget already on the page apply at once, like every attribute', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${stack.siteUrl}/examples/blank.html`);
    await page.evaluate((endpoint) => {
      const el = document.createElement('smp-consult');
      el.id = 'live';
      for (const [k, v] of Object.entries({ clinic: 'Northline SMP', endpoint, lang: 'en' })) el.setAttribute(k, v);
      const pop = document.createElement('smp-consult');
      pop.id = 'pop';
      for (const [k, v] of Object.entries({ clinic: 'Northline SMP', mode: 'popup' })) pop.setAttribute(k, v);
      document.getElementById('main').append(pop, el);
    }, `${receiver.url}/ok`);
    const w = page.locator('smp-consult#live');
    await answerIn(w, 'pattern', 'total');
    await w.locator('input[name="progression"]').first().waitFor();

    // Made a preview: it opens at the result for its answers, and what it sends goes nowhere.
    const answers = { pattern: 'male', stage: 'n4', progression: 'stable', style: 'buzz', hair_colour: 'black', skin_tone: 3,
      scars: [], health: [], age_band: '35_44', hairline: 'unsure' };
    await page.evaluate((a) => document.querySelector('#live').setAttribute('preview', JSON.stringify(a)), answers);
    await w.locator('[data-approach="buzz_cut"]').waitFor();
    await w.locator('.result [part~="next"]').click();
    await page.waitForTimeout(3100); // the widget's anti-bot minimum, on its own clock
    await w.getByLabel('Your name').fill('Preview Person');
    await w.getByRole('textbox', { name: 'Email' }).fill('preview.live@example.com');
    await w.locator('input[name="consent"]').check();
    const before = receiver.leads.length;
    await w.locator('form.lead [part~="next"]').click();
    await w.locator('[part="thanks"]').waitFor();
    await page.waitForTimeout(500);
    assert.equal(receiver.leads.length, before, 'nothing was delivered from the preview');
    assert.equal(await page.evaluate(() => localStorage.getItem('smp-consult:outbox:v1')), null, 'nothing waits in the outbox');
    // Not a preview any more: a real widget again, where the visitor was before it.
    await page.evaluate(() => document.querySelector('#live').removeAttribute('preview'));
    await w.locator('input[name="progression"]').first().waitFor();
    assert.equal(await w.locator('[part="thanks"]').count(), 0);

    // The popup's button takes a brand colour set later, and gives it back when it goes.
    const button = () => page.evaluate(() => getComputedStyle(document.querySelector('#pop').shadowRoot.querySelector('.launcher')).backgroundColor);
    const teal = await button();
    await page.evaluate(() => document.querySelector('#pop').setAttribute('accent', '#8a2be2'));
    await page.waitForFunction(() => getComputedStyle(document.querySelector('#pop').shadowRoot.querySelector('.launcher')).backgroundColor === 'rgb(138, 43, 226)');
    await page.evaluate(() => document.querySelector('#pop').removeAttribute('accent'));
    await page.waitForFunction((t) => getComputedStyle(document.querySelector('#pop').shadowRoot.querySelector('.launcher')).backgroundColor === t, teal);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('the configurator is accessible and works under a strict CSP', () => {
  for (const width of [1280, 390]) {
    test(`axe-core finds nothing at ${width} px; every part fits the screen`, async () => {
      const page = await openConfigurator({ width });
      await page.getByLabel('Clinic name').fill('Northline SMP');
      await page.getByLabel('Brand colour').fill('nope');
      await page.getByLabel('Clinic name').focus();
      await page.getByRole('radio', { name: /Your SMP Consult inbox/ }).check();
      await page.getByRole('checkbox', { name: /HubSpot/ }).check();
      // The preview's widget loads as it nears the screen, as on a clinic's page.
      await page.locator('iframe.frame').scrollIntoViewIfNeeded();
      await previewWidget(page).locator('input[name="pattern"]').first().waitFor();
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      const violations = result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(violations, []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling (${overflow} px too wide)`);
      // Keyboard: the radio groups move with the arrow keys, buttons work with Enter.
      await page.getByRole('radio', { name: /In the page/ }).focus();
      await page.keyboard.press('ArrowDown');
      assert.ok(await page.getByRole('radio', { name: /A button that opens it/ }).isChecked());
      await page.getByRole('button', { name: 'Copy the snippet' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('Copied.').first().waitFor();
      assert.deepEqual(unexpected(page), [], 'no CSP violation or failed load');
      await page.context().close();
    });
  }
});
