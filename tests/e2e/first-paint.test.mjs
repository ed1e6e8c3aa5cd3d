// The first question painted before the engine (issue 14, point 1): the loader draws it from
// the build-time render of the engine's own components (dist/first/<lang>.json) while the wasm
// is held back, the visitor can answer it, and the engine takes over keeping their choice and
// focus (or, after Next, starts at the next question). Also: no layout shift, the strict CSP,
// popup mode, the same markup and accessible names as the engine's in all six languages, and a
// reload at a later step showing a loading state, never the first question.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from './harness.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const WASM = 'smp-consult-core_bg.wasm';

/** A page whose wasm request is held until `release()`; counts `ready` events, layout shifts
 *  (without recent input) and CSP violations. */
async function heldPage({ width = 1280, height = 900, locale } = {}) {
  const context = await stack.browser.newContext({ viewport: { width, height }, ...(locale ? { locale } : {}) });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => page.consoleErrors.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    window.__ready = 0;
    window.__cls = 0;
    window.__violations = [];
    document.addEventListener('smp-consult:ready', () => { window.__ready += 1; });
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  let release;
  const gate = new Promise((r) => { release = r; });
  let asked;
  page.requested = new Promise((r) => { asked = r; });
  await page.route(`**/${WASM}`, async (route) => {
    asked();
    await gate;
    await route.continue().catch(() => {});
  });
  page.release = release;
  page.ready = (n = 1) => page.waitForFunction((n) => window.__ready >= n, n);
  return page;
}

/** The deepest focused element, through shadow roots. */
const focused = (page) => page.evaluate(() => {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return { tag: el?.tagName, name: el?.getAttribute('name'), value: el?.value, text: el?.textContent?.trim() };
});

/** The widget's markup as a comparable tree: attributes sorted, input values and checked
 *  states as the DOM holds them (the engine sets them as properties), text runs joined. */
const shape = (host) => host.evaluate((el) => {
  const walk = (node) => {
    const attrs = {};
    for (const a of node.attributes) attrs[a.name] = a.value;
    if (node.tagName === 'INPUT') {
      delete attrs.checked;
      attrs.value = node.value;
      attrs[':checked'] = String(node.checked);
    }
    for (const name of ['novalidate']) if (name in attrs) attrs[name] = '';
    const children = [];
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        if (typeof children.at(-1) === 'string') children[children.length - 1] += child.data;
        else children.push(child.data);
      } else if (child.nodeType === Node.ELEMENT_NODE) children.push(walk(child));
    }
    return [node.tagName.toLowerCase(), Object.fromEntries(Object.entries(attrs).sort()),
      ...children.map((c) => (typeof c === 'string' ? c.replace(/\s+/g, ' ') : c)).filter((c) => c !== '' && c !== ' ')];
  };
  return walk(el.shadowRoot.querySelector('.smp-widget'));
});

describe('before the engine', () => {
  test('the first question is painted and answerable while the wasm is held; choice and focus survive the takeover; nothing shifts', async () => {
    const page = await heldPage();
    await page.goto(`${stack.siteUrl}/`);
    const w = page.locator('smp-consult#assessment');
    const female = w.locator('input[name="pattern"][value="female"]');
    await female.waitFor();
    await page.requested; // the engine is asked for at once (the widget is in view)
    assert.equal(await page.evaluate(() => window.__ready), 0, 'the engine has not arrived');
    assert.equal(await w.locator('h2').textContent(), 'Which best describes your hair loss?');
    assert.equal(await w.getByRole('button', { name: 'Next' }).isVisible(), true);
    // Picked by keyboard: focus on the option, then Space.
    await female.focus();
    await page.keyboard.press('Space');
    assert.equal(await female.isChecked(), true);
    assert.equal(await w.locator('label:has(input[value="female"])').getAttribute('data-checked'), '', 'marked as chosen, as the engine marks it');
    await page.waitForTimeout(600); // past the 500 ms in which a shift counts as caused by the press
    page.release();
    await page.ready();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await female.isChecked(), true, 'the engine shows the choice');
    assert.deepEqual(await w.locator('input[name="pattern"]:checked').evaluateAll((l) => l.map((i) => i.value)), ['female']);
    const f = await focused(page);
    assert.deepEqual([f.tag, f.name, f.value], ['INPUT', 'pattern', 'female'], 'focus is where it was');
    // Still the engine's: Next moves on.
    await w.getByRole('button', { name: 'Next' }).click();
    await w.locator('input[name="stage"]').first().waitFor();
    const cls = await page.evaluate(() => window.__cls);
    console.log(`first paint and takeover: cumulative layout shift ${cls.toFixed(4)}`);
    assert.ok(cls <= 0.01, `CLS ${cls} ≤ 0.01`);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('Next pressed before the engine arrives: a loading state, then question 2 with the answer kept', async () => {
    const page = await heldPage({ width: 390, height: 844 });
    await page.goto(`${stack.siteUrl}/`);
    const w = page.locator('smp-consult#assessment');
    await w.locator('input[name="pattern"][value="total"]').check();
    await w.getByRole('button', { name: 'Next' }).click();
    await w.locator('.smp-loading').waitFor();
    assert.equal(await w.locator('.smp-loading').textContent(), 'Loading…');
    assert.equal(await w.locator('input').count(), 0, 'no question while it waits');
    page.release();
    await w.locator('input[name="progression"]').first().waitFor();
    await page.waitForFunction(() => document.querySelector('#assessment').shadowRoot.activeElement?.tagName === 'H2');
    assert.equal((await focused(page)).tag, 'H2', 'focus on the new question');
    await w.getByRole('button', { name: 'Back' }).click();
    assert.equal(await w.locator('input[name="pattern"][value="total"]').isChecked(), true, 'the first answer is kept');
    // The answer was saved as the engine saves it.
    const keys = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('smp-consult:v1:')));
    assert.equal(keys.length, 1);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('a reload at a later step shows a loading state, never the first question, then that step', async () => {
    const page = await heldPage();
    page.release(); // first visit: the engine loads freely
    await page.goto(`${stack.siteUrl}/`);
    const w = page.locator('smp-consult#assessment');
    await page.ready();
    await w.locator('input[name="pattern"][value="male"]').check();
    await w.getByRole('button', { name: 'Next' }).click();
    await w.locator('input[name="stage"]').first().waitFor();
    // Reloaded with the wasm held again.
    await page.unrouteAll();
    let release;
    const gate = new Promise((r) => { release = r; });
    let asked;
    const requested = new Promise((r) => { asked = r; });
    await page.route(`**/${WASM}`, async (route) => { asked(); await gate; await route.continue().catch(() => {}); });
    await page.reload();
    await w.locator('.smp-loading').waitFor();
    await requested;
    await page.waitForTimeout(200); // the first question would have been painted by now
    assert.equal(await w.locator('input[name="pattern"]').count(), 0, 'not the first question');
    assert.equal(await w.locator('.smp-loading').textContent(), 'Loading…');
    release();
    await w.locator('input[name="stage"]').first().waitFor();
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('popup: the dialog shows the first question before the engine; the choice survives', async () => {
    const page = await heldPage();
    await page.goto(`${stack.siteUrl}/examples/popup.html`);
    const host = page.locator('smp-consult#popup');
    await host.locator('.launcher').click();
    const male = host.locator('dialog input[name="pattern"][value="male"]');
    await male.waitFor();
    assert.equal(await page.evaluate(() => window.__ready), 0);
    await page.waitForFunction(() => document.querySelector('#popup').shadowRoot.activeElement?.tagName === 'H2');
    await male.check();
    page.release();
    await page.ready();
    assert.equal(await male.isChecked(), true);
    await host.getByRole('button', { name: 'Next' }).click();
    await host.locator('input[name="stage"]').first().waitFor();
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('strict CSP: painted early and taken over with no violation', async () => {
    const page = await heldPage();
    await page.goto(`${stack.siteUrl}/csp/`);
    // The page's own widget reads a config-url (not painted early: its settings are not known
    // before the engine reads them); one with its settings in attributes is.
    await page.evaluate(() => {
      const old = document.querySelector('#assessment');
      const el = document.createElement('smp-consult');
      el.id = 'early';
      for (const name of ['clinic', 'endpoint', 'phone']) el.setAttribute(name, old.getAttribute(name));
      el.setAttribute('accent', '#14302e');
      el.setAttribute('logo', '/favicon.svg');
      old.replaceWith(el);
    });
    const w = page.locator('smp-consult#early');
    await w.locator('input[name="pattern"][value="patchy"]').check();
    assert.equal(await w.locator('img.smp-logo').getAttribute('src'), '/favicon.svg', 'the clinic\'s logo, before the engine');
    const accent = () => w.locator('.smp').evaluate((el) => el.style.getPropertyValue('--_accent'));
    assert.equal(await accent(), '#14302e', 'the clinic\'s colour, before the engine');
    const before = await shape(w);
    page.release();
    await page.ready();
    assert.equal(await w.locator('input[name="pattern"][value="patchy"]').isChecked(), true);
    assert.equal(await accent(), '#14302e');
    assert.deepEqual(await shape(w), before, 'the engine draws what was painted (logo included)');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('languages: the loader paints, and the engine speaks, the page\'s or the browser\'s language only among those allowed, else the first', async () => {
    // [page's lang, browser's, languages attribute, expected]
    for (const [pageLang, browser, languages, expected] of [
      ['fr', 'de-DE', 'es fr', 'fr'],
      ['it', 'de-DE', 'es fr', 'es'],
      ['it', 'en-US', 'es en', 'en'],
      ['de', 'de-DE', '', 'de'],
    ]) {
      const page = await heldPage({ locale: browser });
      await page.goto(`${stack.siteUrl}/examples/blank.html`);
      await page.evaluate(([pageLang, languages]) => {
        document.documentElement.lang = pageLang;
        const el = document.createElement('smp-consult');
        el.id = 'assessment';
        el.setAttribute('clinic', 'Northline SMP');
        if (languages) el.setAttribute('languages', languages);
        document.addEventListener('smp-consult:ready', (e) => { window.__spoken = e.detail.lang; });
        document.getElementById('main').append(el);
      }, [pageLang, languages]);
      const w = page.locator('smp-consult#assessment');
      await w.locator('input[name="pattern"]').first().waitFor();
      const case_ = `page ${pageLang}, browser ${browser}, languages "${languages}"`;
      assert.equal((await shape(w))[1].lang, expected, `${case_}: painted`);
      page.release();
      await page.ready();
      assert.equal(await page.evaluate(() => window.__spoken), expected, `${case_}: spoken`);
      assert.equal(await w.locator('.smp-widget').getAttribute('lang'), expected);
      assert.deepEqual(page.consoleErrors, []);
      await page.context().close();
    }
  });

  test('all six languages: the painted first question is the engine\'s, in markup and accessible names', async () => {
    for (const lang of ['en', 'es', 'fr', 'de', 'pt', 'it']) {
      const page = await heldPage();
      await page.goto(`${stack.siteUrl}/examples/blank.html`);
      await page.evaluate((lang) => {
        const el = document.createElement('smp-consult');
        el.id = 'assessment';
        el.setAttribute('clinic', 'Northline SMP');
        el.setAttribute('lang', lang);
        document.getElementById('main').append(el);
      }, lang);
      const w = page.locator('smp-consult#assessment');
      await w.locator('input[name="pattern"]').first().waitFor();
      const painted = await shape(w);
      const paintedNames = await w.locator('.smp-widget').ariaSnapshot();
      assert.equal(painted[1].lang, lang);
      page.release();
      await page.ready();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      assert.deepEqual(await shape(w), painted, `${lang}: same markup`);
      assert.equal(await w.locator('.smp-widget').ariaSnapshot(), paintedNames, `${lang}: same accessible names`);
      assert.deepEqual(page.consoleErrors, []);
      await page.context().close();
    }
  });
});
