// End-to-end: what axe cannot see (issue 13, "Accessibility gaps"). Each test looks at the
// widget as a person would: what forced colours leave on screen (pixels), whether any text
// or card leaves the widget at 320 px in each language (WCAG 1.4.10), whether the failed-send
// links overlap, where focus goes on a form error and when an error clears, whether progress
// ever moves backwards, and whether the popup's × ever covers what has focus.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, startStack } from './harness.mjs';
import { answerIn, humanPace } from './visitor.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

// The longest walk: every question once (male, Norwood 4, buzz cut, a scar).
const LONGEST = [['pattern', 'male'], ['stage', 'n4'], ['progression', 'slow'], ['style', 'buzz'], ['hair_colour', 'dark_brown'],
  ['skin_tone', '3'], ['scars', 'fut_strip'], ['scar_healed', 'true'], ['scar_raised', 'false'], ['health', 'none'],
  ['age_band', '35_44'], ['hairline', 'unsure']];
// The country code each language's phone example must use.
const LOCAL_CODE = { en: '+44', es: '+34', fr: '+33', de: '+49', pt: '+55', it: '+39' };

/** A fresh page at `width` with one widget (`id="w"`) in `lang`; `forced` turns forced colours on. */
async function widgetPage({ width = 390, height = 844, lang = 'en', forced = false, attrs = {} } = {}) {
  const context = await stack.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push(m.text()); });
  if (forced) await page.emulateMedia({ forcedColors: 'active' });
  await page.goto(`${stack.siteUrl}/examples/blank.html`);
  await page.evaluate(({ lang, endpoint, attrs }) => {
    sessionStorage.clear();
    localStorage.clear();
    window.__steps = [];
    document.addEventListener('smp-consult:step', (e) => window.__steps.push(e.detail));
    const el = document.createElement('smp-consult');
    const all = { id: 'w', clinic: 'Northline SMP', lang, endpoint, phone: '+44 113 496 0000', email: 'hello@northline-smp.example',
      'privacy-url': 'https://northline-smp.example/privacy', ...attrs };
    for (const [k, v] of Object.entries(all)) el.setAttribute(k, v);
    document.getElementById('main').append(el);
  }, { lang, endpoint: `${stack.inboxUrl}/v1/leads`, attrs });
  const w = page.locator('smp-consult#w');
  await w.locator('input[name="pattern"]').first().waitFor();
  return { page, w };
}

/** The pixels of an element as seen on screen: { width, height, at(x, y) → [r, g, b] }. */
async function pixels(page, locator) {
  const png = await locator.screenshot({ animations: 'disabled' });
  const { width, height, data } = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.width, img.height];
    const context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    return { width: img.width, height: img.height, data: [...context.getImageData(0, 0, img.width, img.height).data] };
  }, png.toString('base64'));
  const at = (x, y) => { const i = (Math.round(y) * width + Math.round(x)) * 4; return data.slice(i, i + 3); };
  return { width, height, at };
}
const distance = (a, b) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0);

/** Everything in the widget that leaves its box or its card: elements past the widget's edges,
 *  text past its card's (or the widget's) edges, and sideways scrolling of the page. */
function overflowIn(w) {
  return w.evaluate((host) => {
    const root = host.shadowRoot;
    const frame = root.querySelector('.smp').getBoundingClientRect();
    const problems = [];
    const hidden = (el) => el.closest('.visually-hidden, .hp, .file-input');
    const name = (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
    for (const el of root.querySelectorAll('.smp *')) {
      if (hidden(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > frame.right + 0.5 || r.left < frame.left - 0.5) {
        problems.push(`${name(el)} spans ${Math.round(r.left)}–${Math.round(r.right)}, the widget ${Math.round(frame.left)}–${Math.round(frame.right)}`);
      }
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el || hidden(el) || el.closest('option, select')) continue;
      const card = el.closest('.option, .card, .photo-slot, .status, .notice, .error-summary, .button, .smp').getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width && (r.right > card.right + 0.5 || r.left < card.left - 0.5)) {
          problems.push(`"${node.textContent.trim().slice(0, 30)}" in ${name(el)} passes its box by ${Math.round(Math.max(r.right - card.right, card.left - r.left))}px`);
        }
      }
    }
    const sideways = document.documentElement.scrollWidth - window.innerWidth;
    if (sideways > 0) problems.push(`the page scrolls sideways by ${sideways}px`);
    return problems;
  });
}

/** The deepest focused element through shadow roots, with its box. */
const focusedBox = (page) => page.evaluate(() => {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  const r = el?.getBoundingClientRect();
  return el && { tag: el.tagName, cls: el.className, id: el.id, name: el.getAttribute('name'), text: el.textContent.trim().slice(0, 40),
    box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom } };
});

describe('forced colours (Windows High Contrast)', () => {
  test('the dialog’s ×, the progress bar and the colour swatches stay visible', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.emulateMedia({ forcedColors: 'active' });
    await page.goto(`${stack.siteUrl}/examples/popup.html`);
    await page.evaluate(() => sessionStorage.clear());
    const host = page.locator('smp-consult#popup');
    await host.locator('.launcher').click();
    await host.locator('input[name="pattern"]').first().waitFor();

    // The ×: its middle is where the two strokes cross, so it must differ from the button's face.
    const close = await pixels(page, host.locator('.close'));
    const [cx, cy] = [close.width / 2, close.height / 2];
    assert.ok(distance(close.at(cx, cy), close.at(cx, close.height * 0.2)) > 150,
      `the × is drawn (middle ${close.at(cx, cy)} vs face ${close.at(cx, close.height * 0.2)})`);

    // Swatches: every hair colour and skin tone is its own colour, not the system background.
    for (const [question, before] of [['hair_colour', [['pattern', 'total'], ['progression', 'stable']]], ['skin_tone', [['hair_colour', 'black']]]]) {
      for (const [name, value] of before) await answerIn(host, name, value);
      const swatches = host.locator(`.swatch`);
      await host.locator(`input[name="${question}"]`).first().waitFor();
      const colours = [];
      for (const swatch of await swatches.all()) {
        const p = await pixels(page, swatch);
        colours.push(p.at(p.width / 2, p.height / 2));
      }
      assert.ok(colours.length >= 6, `${question}: swatches found`);
      for (let i = 0; i < colours.length; i++) {
        for (let j = i + 1; j < colours.length; j++) {
          assert.ok(distance(colours[i], colours[j]) > 12, `${question}: swatches ${i + 1} and ${j + 1} look the same (${colours[i]} / ${colours[j]})`);
        }
      }
      // The progress bar: its filled start differs from its empty end, and its end is marked.
      const bar = await pixels(page, host.locator('progress'));
      const y = bar.height / 2;
      assert.ok(distance(bar.at(2, y), bar.at(bar.width - 3, y)) > 150,
        `${question}: the bar shows how far (start ${bar.at(2, y)}, end ${bar.at(bar.width - 3, y)})`);
      const face = bar.at(bar.width - 3, y);
      assert.ok(distance(bar.at(bar.width - 1, y), face) > 150 || distance(bar.at(bar.width - 3, 0), face) > 150,
        `${question}: the bar's empty part has a visible edge`);
    }
    await context.close();
  });
});

describe('320 px wide, every language (WCAG 1.4.10 reflow)', () => {
  for (const lang of Object.keys(LOCAL_CODE)) {
    test(`${lang}: nothing is clipped or scrolls sideways on any step; the phone example is local`, async () => {
      const { page, w } = await widgetPage({ width: 320, height: 700, lang });
      const problems = [];
      const check = async (label) => {
        for (const p of await overflowIn(w)) problems.push(`${label}: ${p}`);
      };
      for (const [name, value] of LONGEST) {
        await w.locator(`input[name="${name}"]`).first().waitFor();
        await check(name);
        if (name === 'stage') {
          // The Ludwig cards too: back, female, and back to male.
          await w.locator('[part~="back"]').click();
          await answerIn(w, 'pattern', 'female');
          await w.locator('input[name="stage"][value="l1"]').waitFor();
          await check('stage (Ludwig)');
          await w.locator('[part~="back"]').click();
          await answerIn(w, 'pattern', 'male');
          await w.locator('input[name="stage"][value="n4"]').waitFor();
        }
        await answerIn(w, name, value);
      }
      await w.locator('[data-approach]').waitFor();
      await check('result');
      await w.locator('.result [part~="next"]').click();
      await w.locator('form.lead').waitFor();
      await check('lead form');
      await w.locator('input[name="phone"]').fill('12345');
      await w.locator('form.lead [part~="next"]').click();
      await w.locator('.field:has(input[name="phone"]) .field-error').waitFor();
      await check('lead form with errors');
      const phoneError = await w.locator('.field:has(input[name="phone"]) .field-error').innerText();
      assert.ok(phoneError.includes(LOCAL_CODE[lang]), `${lang}: the phone example uses ${LOCAL_CODE[lang]}: "${phoneError}"`);

      // Sending fails for good: the clinic's contacts and the email pill must fit too.
      await page.route('**/v1/leads', (route) => (route.request().method() === 'POST'
        ? route.fulfill({ status: 400, body: 'no', headers: { 'access-control-allow-origin': '*' } }) : route.continue()));
      await humanPace(page);
      await w.locator('input[name="name"]').fill('Sam Carter');
      await w.locator('input[name="email"]').fill('sam@example.com');
      await w.locator('input[name="phone"]').fill('');
      await w.locator('input[name="consent"]').check();
      await w.locator('form.lead [part~="next"]').click();
      await w.locator('.status a.button').waitFor();
      await check('send failed');
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }
});

describe('when sending fails', () => {
  test('390 px: the "email my result" button is one whole button, clear of the clinic’s links', async () => {
    const { page, w } = await widgetPage({ width: 390 });
    await page.route('**/v1/leads', (route) => (route.request().method() === 'POST'
      ? route.fulfill({ status: 422, body: 'no', headers: { 'access-control-allow-origin': '*' } }) : route.continue()));
    for (const [name, value] of [['pattern', 'total'], ['progression', 'stable'], ['hair_colour', 'black'], ['skin_tone', '3'],
      ['scars', 'none'], ['health', 'none'], ['age_band', '25_34'], ['hairline', 'defined']]) await answerIn(w, name, value);
    await w.locator('.result [part~="next"]').click();
    await humanPace(page);
    await w.getByLabel('Your name').fill('Sam Carter');
    await w.getByRole('textbox', { name: 'Email' }).fill('sam@example.com');
    await w.locator('input[name="consent"]').check();
    await w.locator('form.lead [part~="next"]').click();
    const pill = w.getByRole('link', { name: 'Email my result to the clinic' });
    await pill.waitFor();
    const boxes = await pill.evaluate((a) => [...a.getClientRects()].map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })));
    assert.equal(boxes.length, 1, `one box, not a pill broken over ${boxes.length} lines`);
    const [box] = boxes;
    for (const link of await w.locator('.status .fallback a').all()) {
      const r = await link.evaluate((a) => { const b = a.getBoundingClientRect(); return { left: b.left, top: b.top, right: b.right, bottom: b.bottom, text: a.textContent }; });
      const overlaps = r.left < box.right && box.left < r.right && r.top < box.bottom && box.top < r.bottom;
      assert.ok(!overlaps, `the button overlaps "${r.text}"`);
      assert.ok(box.top >= r.bottom + 4 || r.top >= box.bottom + 4, `"${r.text}" and the button keep at least 4 px apart`);
    }
    assert.ok(box.bottom - box.top >= 24 && box.right - box.left >= 24, 'at least 24×24 px');
    assert.deepEqual(await axe(page, 'send failed at 390'), []);
    await page.context().close();
  });
});

describe('lead-form errors, one pattern', () => {
  test('Send moves focus to an outlined summary linking to each field; each error is tied to its field and clears once fixed', async () => {
    const { page, w } = await widgetPage({ width: 390, height: 700 });
    for (const [name, value] of [['pattern', 'total'], ['progression', 'stable'], ['hair_colour', 'black'], ['skin_tone', '3'],
      ['scars', 'none'], ['health', 'none'], ['age_band', '25_34'], ['hairline', 'defined']]) await answerIn(w, name, value);
    await w.locator('.result [part~="next"]').click();
    const send = w.getByRole('button', { name: 'Send to the clinic' });
    await w.getByLabel('Anything you\'d like to ask?').fill('x'.repeat(2001));
    await send.click();

    // Focus: on the summary, which is on screen and outlined.
    const summary = w.locator('.error-summary');
    await page.waitForFunction(() => document.querySelector('#w').shadowRoot.activeElement?.classList.contains('error-summary'), null, { timeout: 2000 })
      .catch(() => {});
    const focused = await focusedBox(page);
    assert.match(String(focused?.cls), /error-summary/, `focus is on the error summary, not on ${focused?.tag}.${focused?.cls} "${focused?.text}"`);
    assert.ok(focused.box.top >= 0 && focused.box.bottom <= 700 && focused.box.bottom > focused.box.top, 'the summary is on screen');
    const outline = await summary.evaluate((el) => { const s = getComputedStyle(el); return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) }; });
    assert.ok(outline.style !== 'none' && outline.width >= 2, `the focused summary is outlined (${outline.style} ${outline.width}px)`);

    // One link per error, each to its field; following it focuses the field, not the host page's URL.
    const fields = ['name', 'email', 'message', 'consent'];
    const links = summary.locator('a');
    assert.equal(await links.count(), fields.length, 'a link per error');
    for (const [i, field] of fields.entries()) {
      await links.nth(i).click();
      const now = await focusedBox(page);
      assert.equal(now?.name, field, `link ${i + 1} leads to the ${field} field`);
      assert.equal(await page.evaluate(() => location.hash), '', 'the host page’s URL is left alone');
      await page.keyboard.press('Shift+Tab'); // back towards the summary; the next click needs it visible
      await summary.scrollIntoViewIfNeeded();
    }

    // Each invalid field: aria-invalid, and its error among its descriptions.
    const described = async (field) => w.locator(`[name="${field}"]`).evaluate((el) => ({
      invalid: el.getAttribute('aria-invalid'),
      text: (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
        .map((id) => el.getRootNode().getElementById(id)?.textContent ?? `(missing #${id})`).join(' | '),
    }));
    assert.deepEqual(await described('name'), { invalid: 'true', text: 'Please enter your name.' });
    assert.equal((await described('email')).invalid, 'true');
    const message = await described('message');
    assert.equal(message.invalid, 'true', 'a message that is too long is marked invalid');
    assert.match(message.text, /too long|2,?000/i, `the message's error is in its description: "${message.text}"`);
    assert.equal((await described('consent')).invalid, 'true');
    assert.deepEqual(await axe(page, 'lead form with errors'), []);

    // Corrected fields are cleared at once, without pressing Send again.
    await w.getByLabel('Your name').fill('Sam Carter');
    assert.deepEqual(await described('name'), { invalid: null, text: '' }, 'name cleared as soon as it is filled in');
    await w.getByLabel('Anything you\'d like to ask?').fill('Short question.');
    assert.equal((await described('message')).invalid, null, 'message cleared as soon as it is short enough');
    assert.match((await described('message')).text, /^Optional\.?$/);
    await w.locator('input[name="consent"]').check();
    assert.equal((await described('consent')).invalid, null, 'consent cleared once ticked');
    assert.equal(await links.count(), 1, 'the summary lists only what is still wrong');
    // A wrong email is told on leaving the field, not only on the next Send.
    await w.getByRole('textbox', { name: 'Email' }).fill('sam@');
    await page.keyboard.press('Tab');
    assert.match((await described('email')).text, /doesn't look like an email/);
    await w.getByRole('textbox', { name: 'Email' }).fill('sam@example.com');
    assert.equal((await described('email')).invalid, null, 'email cleared once valid');
    assert.equal(await summary.locator('a').count(), 0, 'nothing left in the summary');

    // A second Send with an error: focus to the summary again.
    await w.getByLabel('Your name').fill('');
    await send.click();
    await page.waitForFunction(() => document.querySelector('#w').shadowRoot.activeElement?.classList.contains('error-summary'), null, { timeout: 2000 });
    assert.equal(await links.count(), 1);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });
});

describe('progress', () => {
  test('"Question n of N" keeps its total and never moves back, and the total does not tell a branch', async () => {
    const totals = new Set();
    for (const path of [LONGEST, [['pattern', 'patchy'], ['progression', 'fast'], ['style', 'longer'], ['hair_colour', 'red'],
      ['skin_tone', '2'], ['scars', 'none'], ['health', 'keloid'], ['age_band', '18_24']]]) {
      const { page, w } = await widgetPage({ width: 1280, height: 900 });
      const seen = [];
      for (const [name, value] of path) {
        await w.locator(`input[name="${name}"]`).first().waitFor();
        const bar = w.locator('progress');
        seen.push({ name, text: await w.locator('.progress-text').innerText(), value: Number(await bar.getAttribute('value')), max: Number(await bar.getAttribute('max')) });
        await answerIn(w, name, value);
      }
      await w.locator('[data-approach]').waitFor();
      const events = await page.evaluate(() => window.__steps);
      for (const [i, step] of seen.entries()) {
        assert.equal(step.value, i + 1, `${step.name}: question ${i + 1} in order (${step.text})`);
        assert.equal(step.max, seen[0].max, `${step.name}: the total stays ${seen[0].max} (${step.text})`);
        assert.ok(step.text.includes(String(i + 1)) && step.text.includes(String(step.max)), `${step.name}: "${step.text}"`);
        totals.add(step.max);
        totals.add(events[i].total);
      }
      assert.ok(seen[0].max >= path.length, 'the total is never less than the questions asked');
      await page.context().close();
    }
    assert.equal(totals.size, 1, `one total for every visitor, whatever their branch: ${[...totals]}`);
  });
});

describe('popup on a 390 px phone', () => {
  test('the × never covers the focused heading, the focused field or any text', async () => {
    const context = await stack.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${stack.siteUrl}/examples/popup.html`);
    await page.evaluate(() => sessionStorage.clear());
    const host = page.locator('smp-consult#popup');
    await host.locator('.launcher').click();
    const problems = [];
    const check = (label) => host.evaluate((el, label) => {
      const root = el.shadowRoot;
      const close = root.querySelector('.close').getBoundingClientRect();
      const hits = (r) => r.width > 0 && r.left < close.right && close.left < r.right && r.top < close.bottom && close.top < r.bottom;
      const out = [];
      let focused = root.activeElement;
      if (focused && !focused.classList.contains('close') && hits(focused.getBoundingClientRect())) {
        out.push(`${label}: the × covers the focused ${focused.tagName.toLowerCase()} "${focused.textContent.trim().slice(0, 30)}"`);
      }
      // Text under the ×, where it is not clipped away by a scrolling box.
      const clipOf = (node) => {
        let r = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
        for (let a = node.parentElement; a && a !== root.host; a = a.parentElement ?? a.getRootNode().host) {
          if (getComputedStyle(a).overflowY !== 'visible') {
            const b = a.getBoundingClientRect();
            r = { left: Math.max(r.left, b.left), top: Math.max(r.top, b.top), right: Math.min(r.right, b.right), bottom: Math.min(r.bottom, b.bottom) };
          }
          if (a.tagName === 'DIALOG') break;
        }
        return r;
      };
      const walker = document.createTreeWalker(root.querySelector('.smp'), NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim() || node.parentElement.closest('.visually-hidden, .hp')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const clip = clipOf(node);
        for (const r of range.getClientRects()) {
          const seen = { left: Math.max(r.left, clip.left), top: Math.max(r.top, clip.top), right: Math.min(r.right, clip.right), bottom: Math.min(r.bottom, clip.bottom) };
          seen.width = seen.right - seen.left;
          if (seen.bottom > seen.top && hits(seen)) { out.push(`${label}: the × covers "${node.textContent.trim().slice(0, 30)}"`); break; }
        }
      }
      return out;
    }, label);
    await host.locator('input[name="pattern"]').first().waitFor();
    for (const [name, value] of [['pattern', 'total'], ['progression', 'stable'], ['hair_colour', 'black'], ['skin_tone', '3'],
      ['scars', 'none'], ['health', 'none'], ['age_band', '25_34'], ['hairline', 'defined']]) {
      await host.locator(`input[name="${name}"]`).first().waitFor();
      await page.waitForFunction(() => document.querySelector('#popup').shadowRoot.activeElement?.tagName === 'H2');
      problems.push(...await check(`question ${name}`));
      await answerIn(host, name, value);
    }
    await host.locator('.result [part~="next"]').click();
    await host.locator('form.lead h2').waitFor();
    problems.push(...await check('lead form heading'));
    // Tab through the form: each field scrolled to must stay clear of the ×.
    for (let i = 0; i < 16; i++) {
      await page.keyboard.press('Tab');
      problems.push(...await check(`lead form, Tab ${i + 1}`));
    }
    await host.locator('form.lead [part~="next"]').click();
    problems.push(...await check('lead form error summary'));
    assert.deepEqual([...new Set(problems)], []);
    // The row beside the × is the dialog's own: a tap there keeps it open.
    const box = await host.locator('dialog').boundingBox();
    await page.mouse.click(box.x + 20, box.y + 20);
    assert.ok(await host.locator('dialog').evaluate((d) => d.open), 'still open after a tap beside the ×');
    await context.close();
  });
});
