// End-to-end: visitors walk the demo clinic page in headless Chromium, by DESIGN's markup
// contract (native inputs named after the answer fields, buttons by their text), and the
// lead is checked where it landed: in the real inbox. axe-core checks every screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, newPage, startStack } from './harness.mjs';
import { answer, answerByKeyboard, captureLead, fillLead, humanPace, walkTotalLoss, widget } from './visitor.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const legend = (page) => widget(page).locator('legend h2');

async function leadById(id) {
  const leads = await stack.leads();
  return leads.find((l) => l.id === id);
}

describe('a visitor on the demo clinic page', () => {
  test('male Norwood 4, buzz cut: result with price, lead stored in the inbox (desktop, mouse)', async () => {
    const page = await newPage(stack);
    const violations = [];
    await page.evaluate(() => sessionStorage.clear());
    await answer(page, 'pattern', 'male', violations);
    await answer(page, 'stage', 'n4', violations);
    await answer(page, 'progression', 'slow', violations);
    await answer(page, 'style', 'buzz', violations);
    await answer(page, 'hair_colour', 'dark_brown', violations);
    await answer(page, 'skin_tone', '3', violations);
    await answer(page, 'scars', 'none', violations);
    await answer(page, 'health', 'none', violations);
    await answer(page, 'age_band', '35_44', violations);
    await answer(page, 'hairline', 'unsure', violations);

    const result = widget(page).locator('[data-approach]');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-approach'), 'buzz_cut');
    const text = await result.innerText();
    assert.match(text, /The full buzz-cut look/);
    assert.match(text, /3 sessions, 3–4 hours each/);
    assert.match(text, /£850 to £1,500/);
    assert.match(text, /Soft and natural/, 'hairline unsure at 35–44 suggests soft');
    assert.match(text, /Why this suits you/);
    assert.match(text, /may continue/, 'future_loss caution shown');
    assert.match(text, /top-up every 3 to 5 years/);
    violations.push(...await axe(page, 'result'));

    await widget(page).getByRole('button', { name: 'Ask the clinic about this' }).click();
    await widget(page).getByLabel('Your name').waitFor();
    violations.push(...await axe(page, 'lead form'));
    await fillLead(page, { name: 'Sam Carter', email: 'sam@example.com', phone: '+44 7700 900123', preferred: 'whatsapp', marketing: true });
    const event = captureLead(page);
    await widget(page).getByRole('button', { name: 'Send to the clinic' }).click();
    await widget(page).getByRole('heading', { name: 'Thank you, Sam' }).waitFor();
    violations.push(...await axe(page, 'thank-you'));
    const payload = await event;

    const stored = await leadById(payload.id);
    assert.ok(stored, 'the inbox has the lead');
    assert.equal(stored.idempotency_key, payload.id, 'Idempotency-Key header equals the lead id');
    const lead = stored.lead;
    assert.equal(lead.schema, 'smp-consult.lead/v1');
    assert.equal(lead.clinic, 'Northline SMP');
    assert.equal(lead.locale, 'en');
    assert.deepEqual(lead.contact, { name: 'Sam Carter', email: 'sam@example.com', phone: '+44 7700 900123', preferred_contact: 'whatsapp', best_time: 'any', message: '' });
    assert.deepEqual(lead.answers, { pattern: 'male', stage: 'n4', progression: 'slow', style: 'buzz', hair_colour: 'dark_brown', skin_tone: 3, scars: [], health: [], age_band: '35_44', hairline: 'unsure' });
    assert.equal(lead.recommendation.approach, 'buzz_cut');
    assert.equal(lead.recommendation.extent, 'medium');
    assert.deepEqual(lead.recommendation.sessions, { min: 3, max: 3 });
    assert.deepEqual(lead.recommendation.price, { currency: 'GBP', min: 850, max: 1500 });
    assert.equal(lead.recommendation.hairline, 'soft');
    assert.deepEqual(lead.recommendation.cautions, ['future_loss']);
    assert.equal(lead.consent.processing, true);
    assert.equal(lead.consent.marketing, true);
    assert.match(lead.consent.text, /^I agree that Northline SMP may use my answers, including health information/);
    assert.match(lead.page.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.match(lead.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(lead.photos, []);
    assert.deepEqual(violations, []);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('female Ludwig 2 with a recent strip scar, keyboard only: provisional result, lead stored', async () => {
    const page = await newPage(stack);
    await page.evaluate(() => sessionStorage.clear());
    // Start from the widget: Tab until focus is inside it.
    await widget(page).locator('input[name="pattern"]').first().waitFor();
    await widget(page).locator('legend h2').focus();
    await answerByKeyboard(page, 'pattern', 'female');
    await answerByKeyboard(page, 'stage', 'l2');
    await answerByKeyboard(page, 'progression', 'stable');
    await answerByKeyboard(page, 'style', 'longer');
    await answerByKeyboard(page, 'hair_colour', 'blonde');
    await answerByKeyboard(page, 'skin_tone', '2');
    await answerByKeyboard(page, 'scars', ['fut_strip']);
    await answerByKeyboard(page, 'scar_healed', 'false');
    await answerByKeyboard(page, 'scar_raised', 'false');
    await answerByKeyboard(page, 'health', ['blood_thinners']);
    await answerByKeyboard(page, 'age_band', '45_54');

    const result = widget(page).locator('[data-approach]');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-approach'), 'density_shading');
    const text = await result.innerText();
    assert.match(text, /Provisional/);
    assert.match(text, /Blood thinners/);
    assert.match(text, /younger than 9 months/);
    assert.match(text, /Scar camouflage/, 'scar add-on shown');
    assert.match(text, /2–4 sessions/, 'scar add-on raises max sessions by one');
    assert.match(text, /£700 to £1,200/);
    assert.match(text, /little contrast/, 'low_contrast caution for blonde density shading');
    assert.match(text, /diluted, lighter pigment/, 'lighter_dilution for skin type 2');

    // Keyboard: the primary action is reachable and works with Enter.
    const toLead = widget(page).getByRole('button', { name: 'Ask the clinic about this' });
    await toLead.focus();
    await page.keyboard.press('Enter');
    await widget(page).getByLabel('Your name').waitFor();
    await humanPace(page);
    await page.keyboard.press('Tab'); // heading → name
    await page.keyboard.type('Ana Ruiz');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ana.ruiz@example.org');
    // Jump to the consent box and tick it with Space, then send with Enter from the button.
    await widget(page).locator('input[name="consent"]').focus();
    await page.keyboard.press('Space');
    const event = captureLead(page);
    await widget(page).getByRole('button', { name: 'Send to the clinic' }).focus();
    await page.keyboard.press('Enter');
    await widget(page).getByRole('heading', { name: 'Thank you, Ana' }).waitFor();
    const payload = await event;
    const stored = await leadById(payload.id);
    assert.ok(stored);
    assert.equal(stored.lead.contact.email, 'ana.ruiz@example.org');
    assert.deepEqual(stored.lead.recommendation.in_person, ['blood_thinners', 'scar_recent']);
    assert.deepEqual(stored.lead.recommendation.add_ons, ['scar_camouflage']);
    assert.equal(stored.lead.consent.marketing, false);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('patchy loss on a 390 px phone: form errors are announced, progress survives a reload', async () => {
    const page = await newPage(stack, { width: 390, height: 844 });
    await page.evaluate(() => sessionStorage.clear());
    const violations = [];
    // Next without a choice gives an accessible error.
    await widget(page).locator('input[name="pattern"]').first().waitFor();
    await widget(page).getByRole('button', { name: 'Next' }).click();
    const alert = widget(page).getByRole('alert');
    await assert.doesNotReject(alert.getByText('Please choose an answer to continue.').waitFor());
    violations.push(...await axe(page, 'question error'));

    await answer(page, 'pattern', 'patchy');
    await answer(page, 'progression', 'fast');
    // Reload mid-way: the same question comes back, with earlier answers kept.
    await widget(page).locator('input[name="style"]').first().waitFor();
    await page.reload();
    await widget(page).locator('input[name="style"]').first().waitFor();
    assert.match(await legend(page).innerText(), /wear your hair/);
    await widget(page).getByRole('button', { name: 'Back' }).click();
    assert.ok(await widget(page).locator('input[name="progression"][value="fast"]').isChecked(), 'answer kept after reload');
    await widget(page).getByRole('button', { name: 'Next' }).click();

    await answer(page, 'style', 'longer');
    await answer(page, 'hair_colour', 'black');
    await answer(page, 'skin_tone', '6');
    await answer(page, 'scars', 'none');
    await answer(page, 'health', []);
    await answer(page, 'age_band', '25_34');
    const result = widget(page).locator('[data-approach]');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-approach'), 'patch_blending');
    const text = await result.innerText();
    assert.match(text, /Provisional/);
    assert.match(text, /regrow/);
    assert.match(text, /£400 to £800/);
    violations.push(...await axe(page, 'result 390'));

    await widget(page).getByRole('button', { name: 'Ask the clinic about this' }).click();
    await widget(page).getByRole('button', { name: 'Send to the clinic' }).click();
    await widget(page).locator('.field-error').getByText('Please enter your name.').waitFor();
    assert.match(await widget(page).locator('.error-summary[role="alert"]').innerText(), /correct the fields/);
    assert.equal(await widget(page).getByRole('textbox', { name: 'Email' }).getAttribute('aria-invalid'), 'true');
    assert.ok(await widget(page).locator('.field-error').getByText('Please tick the box').isVisible());
    violations.push(...await axe(page, 'lead form with errors'));
    await widget(page).getByLabel('Your name').fill('Lee');
    await widget(page).getByRole('textbox', { name: 'Email' }).fill('not-an-email');
    await widget(page).getByRole('button', { name: 'Send to the clinic' }).click();
    await widget(page).locator('.field-error').getByText("This doesn't look like an email address").waitFor();

    // No horizontal scrolling on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 390px`);
    assert.deepEqual(violations, []);
    await page.context().close();
  });

  test('a failing endpoint: the visitor is told, retries, and one lead arrives once', async () => {
    const page = await newPage(stack);
    await page.evaluate(() => sessionStorage.clear());
    let attempts = 0;
    let failing = true;
    await page.route('**/v1/leads', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      attempts += 1;
      if (failing) return route.fulfill({ status: 503, body: 'down', headers: { 'access-control-allow-origin': '*' } });
      return route.continue();
    });
    await answer(page, 'pattern', 'none');
    await answer(page, 'style', 'unsure');
    await answer(page, 'hair_colour', 'grey');
    await answer(page, 'skin_tone', '4');
    await answer(page, 'scars', ['surgical']);
    await answer(page, 'scar_healed', 'true');
    await answer(page, 'scar_raised', 'false');
    await answer(page, 'health', 'none');
    await answer(page, 'age_band', '55_plus');
    const result = widget(page).locator('[data-approach]');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-approach'), 'scar_camouflage');
    await widget(page).getByRole('button', { name: 'Ask the clinic about this' }).click();
    await fillLead(page, { name: 'Kim Lo', email: 'kim@example.net' });
    await widget(page).getByRole('button', { name: 'Send to the clinic' }).click();
    await widget(page).getByText("We couldn't reach the clinic just now").waitFor({ timeout: 30_000 });
    assert.equal(attempts, 4, 'retried with backoff before asking the visitor');
    assert.match(await widget(page).locator('.status').innerText(), /\+44 113 496 0000/, 'fallback phone shown');
    failing = false;
    await widget(page).getByRole('button', { name: 'Try again' }).click();
    await widget(page).getByRole('heading', { name: 'Thank you, Kim' }).waitFor();
    assert.equal(attempts, 5);
    const leads = (await stack.leads()).filter((l) => l.lead.contact.email === 'kim@example.net');
    assert.equal(leads.length, 1);
    await page.context().close();
  });

  test('offline while sending: the visitor is told it is saved, and it is sent when back online', async () => {
    const page = await newPage(stack);
    await page.evaluate(() => { sessionStorage.clear(); localStorage.clear(); });
    await walkTotalLoss(page);
    await fillLead(page, { name: 'Omar Haddad', email: 'omar@example.com' });
    await page.context().setOffline(true);
    const event = captureLead(page);
    await widget(page).getByRole('button', { name: 'Send to the clinic' }).click();
    const payload = await event;
    await widget(page).getByText('saved on this device').waitFor({ timeout: 30_000 });
    const outbox = await page.evaluate(() => JSON.parse(localStorage.getItem('smp-consult:outbox:v1')));
    assert.deepEqual(outbox.map((p) => p.lead_id), [payload.id], 'kept in local storage until delivered');
    assert.equal(await leadById(payload.id), undefined);
    await page.context().setOffline(false); // fires "online": the outbox is sent at once
    await widget(page).getByRole('heading', { name: 'Thank you, Omar' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate(() => localStorage.getItem('smp-consult:outbox:v1')), null, 'removed once delivered');
    assert.equal((await stack.leads()).filter((l) => l.id === payload.id).length, 1);
    await page.context().close();
  });

  test('a lead saved while the clinic is unreachable arrives after a reload, and on a later visit, once each', async () => {
    const page = await newPage(stack);
    await page.evaluate(() => { sessionStorage.clear(); localStorage.clear(); });
    const block = (route) => (route.request().method() === 'POST' ? route.abort('connectionreset') : route.continue());
    await page.route('**/v1/leads', block);
    await walkTotalLoss(page);
    await fillLead(page, { name: 'Ines Duarte', email: 'ines@example.com' });
    const event = captureLead(page);
    await widget(page).getByRole('button', { name: 'Send to the clinic' }).click();
    const first = await event;
    await widget(page).getByText('saved on this device').waitFor({ timeout: 30_000 });

    // Reload mid-delivery, network back: the same tab resumes on the lead and it arrives.
    await page.unroute('**/v1/leads', block);
    await page.reload();
    await widget(page).getByRole('heading', { name: 'Thank you, Ines' }).waitFor({ timeout: 10_000 });
    assert.equal((await stack.leads()).filter((l) => l.id === first.id).length, 1);

    // A second lead left behind, then a later visit in a new tab (new session) sends it.
    await page.route('**/v1/leads', block);
    await widget(page).getByRole('button', { name: 'Start again' }).click();
    await walkTotalLoss(page);
    await fillLead(page, { name: 'Ines Duarte', email: 'ines.2@example.com' });
    const secondEvent = captureLead(page);
    await widget(page).getByRole('button', { name: 'Send to the clinic' }).click();
    const second = await secondEvent;
    await widget(page).getByText('saved on this device').waitFor({ timeout: 30_000 });
    await page.close();
    const later = await page.context().newPage();
    await later.goto(stack.siteUrl + '/');
    await later.waitForFunction(() => localStorage.getItem('smp-consult:outbox:v1') === null, null, { timeout: 10_000 });
    const stored = (await stack.leads()).filter((l) => l.id === second.id);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].lead.contact.email, 'ines.2@example.com');
    await later.context().close();
  });

  test('bots are shown success and nothing is sent: too fast, or the hidden field filled', async () => {
    // Too fast: the page's clock is frozen, so no time passes between the first question and Send.
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    // `setFixedTime`, not `install`: after `install` time still flows, so on a slow machine the
    // walk through the questions took longer than the 3 s a bot would, and the lead was sent.
    await page.clock.setFixedTime(Date.now());
    await page.goto(stack.siteUrl + '/');
    await walkTotalLoss(page);
    await widget(page).getByLabel('Your name').fill('Speedy Bot');
    await widget(page).getByRole('textbox', { name: 'Email' }).fill('speedy-bot@example.com');
    await widget(page).locator('input[name="consent"]').check();
    await widget(page).getByRole('button', { name: 'Send to the clinic' }).click();
    await widget(page).getByRole('heading', { name: 'Thank you, Speedy' }).waitFor();
    await context.close();

    // The honeypot: a field people never see, which form-filling bots fill in.
    const page2 = await newPage(stack);
    await page2.evaluate(() => sessionStorage.clear());
    await walkTotalLoss(page2);
    await fillLead(page2, { name: 'Honey Bot', email: 'honey-bot@example.com' });
    await widget(page2).locator('input[name="website"]').fill('http://spam.example', { force: true });
    await widget(page2).getByRole('button', { name: 'Send to the clinic' }).click();
    await widget(page2).getByRole('heading', { name: 'Thank you, Honey' }).waitFor();
    const emails = (await stack.leads()).map((l) => l.lead.contact.email);
    assert.ok(!emails.includes('speedy-bot@example.com'), 'too-fast submission not sent');
    assert.ok(!emails.includes('honey-bot@example.com'), 'honeypot submission not sent');
    assert.equal(await page2.evaluate(() => localStorage.getItem('smp-consult:outbox:v1')), null);
    await page2.context().close();
  });

  test('a lead the receiver refuses for good: the visitor gets the clinic\'s contacts and an email with the result', async () => {
    const page = await newPage(stack);
    await page.evaluate(() => { sessionStorage.clear(); localStorage.clear(); });
    let attempts = 0;
    await page.route('**/v1/leads', (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      attempts += 1;
      return route.fulfill({ status: 400, body: '{"error":"nope"}', headers: { 'access-control-allow-origin': '*' } });
    });
    await walkTotalLoss(page);
    await fillLead(page, { name: 'Rita Moreno', email: 'rita@example.com' });
    await widget(page).getByRole('button', { name: 'Send to the clinic' }).click();
    await widget(page).getByText('did not accept the request').waitFor();
    assert.equal(attempts, 1, 'a 400 is not retried');
    const mailto = await widget(page).getByRole('link', { name: 'Email my result to the clinic' }).getAttribute('href');
    assert.match(mailto, /^mailto:hello@northline-smp\.example\?subject=My%20SMP%20consultation%20for%20Northline%20SMP&body=/);
    const body = decodeURIComponent(mailto.split('&body=')[1]);
    assert.match(body, /Rita Moreno/);
    assert.match(body, /The full buzz-cut look/);
    assert.match(body, /"pattern":"total"/);
    assert.equal(await widget(page).getByRole('button', { name: 'Try again' }).count(), 0, 'no pointless retry');
    assert.equal(await page.evaluate(() => localStorage.getItem('smp-consult:outbox:v1')), null, 'not kept for retrying');
    await page.context().close();
  });

  test('the JS API recommend() returns DESIGN\'s JSON shape', async () => {
    const page = await newPage(stack);
    const out = await page.evaluate(async () => {
      const m = await import('/widget/smp-consult.js');
      const ok = await m.recommend(
        { pattern: 'male', stage: 'n4', progression: 'slow', style: 'buzz', hair_colour: 'dark_brown', skin_tone: 3, scars: [], health: [], age_band: '35_44', hairline: 'unsure' },
        { currency: 'GBP', prices: { buzz_cut: { small: [400, 850], medium: [850, 1500] }, scar_camouflage: { small: [500, 900] } } });
      const nulls = await m.recommend({ pattern: 'total', stage: null, style: null, scars: null });
      let error = null;
      try { await m.recommend({ pattern: 'male', stage: 'n9' }); } catch (e) { error = e.message; }
      return { ok, nulls, error };
    });
    const { reasons, ...rest } = out.ok;
    assert.deepEqual(rest, {
      approach: 'buzz_cut', alternative: null, add_ons: [], extent: 'medium', sessions: { min: 3, max: 3 },
      hours_per_session: { min: 3, max: 4 }, hairline: 'soft', pigment: [], cautions: ['future_loss'], in_person: [],
      price: { currency: 'GBP', min: 850, max: 1500 },
    });
    assert.ok(reasons.length > 0);
    assert.equal(out.nulls.approach, 'buzz_cut');
    assert.equal(out.nulls.extent, 'large');
    assert.equal(out.nulls.price, null);
    assert.match(out.error, /stage/);
    await page.context().close();
  });
});
