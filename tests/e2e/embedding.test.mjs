// Embedding on any clinic site: the popup and bubble modes with their focus handling, the
// inline mode's reserved space (no layout shift) and lazy loading, two widgets on one page,
// removal and re-adding, the strict-CSP page walked to a delivered lead, a hostile theme kept
// out, one console error per wrong configuration item, the JS API, events and dataLayer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, axe, newPage, startStack } from './harness.mjs';
import { answerIn, sendLeadIn, walkTotalLossIn } from './visitor.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const WASM = 'smp-consult-core_bg.wasm';
const wasmRequested = (page) => page.evaluate((name) => performance.getEntriesByType('resource').some((e) => e.name.includes(name)), WASM);

/** The deepest focused element, through shadow roots: where it is and what it is. */
const focused = (page) => page.evaluate(() => {
  let el = document.activeElement;
  const path = [];
  while (el) {
    path.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''));
    if (!el.shadowRoot?.activeElement) break;
    el = el.shadowRoot.activeElement;
  }
  const inDialog = !!el?.closest?.('dialog');
  return { path: path.join(' > '), inDialog, tag: el?.tagName, cls: el?.className, text: el?.textContent?.trim() };
});

describe('popup and bubble modes', () => {
  test('popup: the engine loads on first hover or focus; the dialog traps focus, Esc closes it and focus returns', async () => {
    const page = await newPage(stack, { path: '/examples/popup.html' });
    const host = page.locator('smp-consult#popup');
    const launcher = host.locator('.launcher');
    await launcher.waitFor();
    assert.equal(await launcher.textContent(), 'Start the free 2-minute check', 'button-text labels the button');
    await page.waitForTimeout(300); // the page's own idle time: nothing may load meanwhile
    assert.equal(await wasmRequested(page), false, 'no wasm before the visitor shows interest');
    await launcher.hover();
    await page.waitForFunction((name) => performance.getEntriesByType('resource').some((e) => e.name.includes(name)), WASM);

    await launcher.click();
    const dialog = host.locator('dialog');
    assert.ok(await dialog.evaluate((d) => d.open && d.matches(':modal')), 'a modal dialog is open');
    await host.locator('input[name="pattern"]').first().waitFor();
    await page.waitForFunction(() => document.querySelector('#popup').shadowRoot.activeElement?.closest('dialog'));
    assert.ok((await focused(page)).inDialog, 'focus moved into the dialog');
    assert.deepEqual(await axe(page, 'popup dialog'), []);
    // Focus stays inside however far the visitor tabs, forwards and backwards.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      assert.ok((await focused(page)).inDialog, `Tab ${i + 1} stays in the dialog (${(await focused(page)).path})`);
    }
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Shift+Tab');
      assert.ok((await focused(page)).inDialog, `Shift+Tab ${i + 1} stays in the dialog`);
    }
    await answerIn(host, 'pattern', 'male');
    await host.locator('input[name="stage"]').first().waitFor();

    await page.keyboard.press('Escape');
    assert.equal(await dialog.evaluate((d) => d.open), false, 'Esc closes the dialog');
    const back = await focused(page);
    assert.match(back.cls, /launcher/, 'focus returns to the button that opened it');

    // Opened again (by keyboard), the visitor is where they left off; the close button closes.
    await page.keyboard.press('Enter');
    assert.ok(await dialog.evaluate((d) => d.open));
    await host.locator('input[name="stage"]').first().waitFor();
    await host.locator('.close').click();
    assert.equal(await dialog.evaluate((d) => d.open), false, 'the close button closes it');
    assert.match((await focused(page)).cls, /launcher/);

    // The element API does the same.
    await page.evaluate(() => document.querySelector('#popup').open());
    assert.ok(await dialog.evaluate((d) => d.open), 'open() opens');
    await page.evaluate(() => document.querySelector('#popup').close());
    assert.equal(await dialog.evaluate((d) => d.open), false, 'close() closes');
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('bubble on a phone: no teaser, never over the page text at the end; on a desktop the teaser shows', async () => {
    const phone = await newPage(stack, { width: 390, height: 844, path: '/examples/bubble.html' });
    const host = phone.locator('smp-consult#bubble');
    const launcher = host.locator('.launcher');
    await launcher.waitFor();
    assert.equal(await host.locator('.teaser').isVisible(), false, 'no teaser on a phone');
    const box = await launcher.boundingBox();
    assert.ok(box.x + box.width <= 390 && box.y + box.height <= 844 && box.width >= 44 && box.height >= 44, 'on screen, a 44 px target');
    await phone.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const overlaps = await phone.evaluate(() => {
      const b = document.querySelector('#bubble').shadowRoot.querySelector('.launcher').getBoundingClientRect();
      return [...document.querySelectorAll('main p, main h2')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.bottom > b.top && r.top < b.bottom && r.right > b.left && r.left < b.right;
      }).map((el) => el.textContent.slice(0, 30));
    });
    assert.deepEqual(overlaps, [], 'scrolled to the end, no page text lies under the bubble');
    assert.equal(await wasmRequested(phone), false, 'the engine waits for the visitor');
    await launcher.click();
    await host.locator('input[name="pattern"]').first().waitFor();
    const dialogBox = await host.locator('dialog').boundingBox();
    assert.ok(dialogBox.width >= 389 && dialogBox.x <= 1, 'the dialog takes the whole phone screen');
    assert.deepEqual(await axe(phone, 'bubble dialog on a phone'), []);
    await phone.keyboard.press('Escape');
    assert.equal(await host.locator('dialog').evaluate((d) => d.open), false);
    await phone.context().close();

    const desktop = await newPage(stack, { path: '/examples/bubble.html' });
    const teaser = desktop.locator('smp-consult#bubble .teaser');
    await teaser.waitFor();
    assert.equal(await teaser.textContent(), 'Is SMP right for you? Find out in 2 minutes.');
    const t = await teaser.boundingBox();
    assert.ok(t.x + t.width <= 1280 && t.y + t.height <= 900, 'the teaser is on screen, bottom right');
    assert.deepEqual(desktop.consoleErrors, []);
    await desktop.context().close();
  });
});

describe('inline mode', () => {
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    test(`reserves its height while the engine loads: layout shift ≤ 0.01 at ${width} px`, async () => {
      const context = await stack.browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      // The loader and the engine are slowed down, as on a real network: the page paints
      // before either runs, so both the page's :not(:defined) rule and the loader's reserve
      // are what keep the layout still.
      const slow = async (route) => { await new Promise((r) => setTimeout(r, 400)); await route.continue(); };
      await page.route('**/widget/smp-consult.js', slow);
      await page.route(`**/${WASM}`, slow);
      await page.goto(`${stack.siteUrl}/`);
      await page.locator('smp-consult#assessment input[name="pattern"]').first().waitFor();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const cls = await page.evaluate(() => window.__cls);
      console.log(`inline at ${width} px: cumulative layout shift ${cls.toFixed(4)}`);
      assert.ok(cls <= 0.01, `CLS ${cls} ≤ 0.01`);
      // Once the visitor has touched it, the reserve goes: no empty band under a short step.
      await answerIn(page.locator('smp-consult#assessment'), 'pattern', 'total');
      await page.locator('smp-consult#assessment input[name="progression"]').first().waitFor();
      const gap = await page.evaluate(() => {
        const host = document.querySelector('#assessment');
        return host.getBoundingClientRect().height - host.shadowRoot.querySelector('.smp').getBoundingClientRect().height;
      });
      assert.ok(gap < 2, `the element fits its content after the first answer (gap ${gap} px)`);
      await context.close();
    });
  }

  test('loads only when it nears the viewport', async () => {
    const page = await newPage(stack, { path: '/examples/blank.html' });
    await page.evaluate(() => {
      const spacer = document.createElement('div');
      spacer.className = 'spacer';
      spacer.textContent = 'Long page';
      spacer.setAttribute('hidden', 'until-found');
      document.getElementById('main').append(Object.assign(document.createElement('p'), { textContent: 'intro' }));
      const tall = document.createElement('section');
      tall.append(...Array.from({ length: 120 }, (_, i) => Object.assign(document.createElement('p'), { textContent: `Paragraph ${i}` })));
      document.getElementById('main').append(tall);
      const el = document.createElement('smp-consult');
      el.id = 'far';
      el.setAttribute('clinic', 'Northline SMP');
      document.getElementById('main').append(el);
    });
    await page.waitForTimeout(300); // the page's own idle time
    assert.equal(await wasmRequested(page), false, 'far below the fold: not loaded');
    // Its first question is painted already (from first/en.json, 2 KB): a visitor who scrolls
    // there can answer it while the engine arrives.
    assert.equal(await page.locator('smp-consult#far input[name="pattern"]').count(), 6, 'the first question is there');
    await page.locator('smp-consult#far').scrollIntoViewIfNeeded();
    await page.locator('smp-consult#far input[name="pattern"]').first().waitFor();
    await page.context().close();
  });
});

describe('many on one page', () => {
  test('two widgets keep their own state and language; loading the script twice is harmless; remove and re-add works', async () => {
    const page = await newPage(stack, { path: '/examples/two.html' });
    const leeds = page.locator('smp-consult#leeds');
    const malaga = page.locator('smp-consult#malaga');
    await leeds.locator('input[name="pattern"]').first().waitFor();
    await malaga.locator('input[name="pattern"]').first().waitFor();
    assert.equal(await malaga.locator('[part="widget"]').getAttribute('lang'), 'es');
    assert.equal(await leeds.locator('[part="widget"]').getAttribute('lang'), 'en');
    await answerIn(leeds, 'pattern', 'female');
    await leeds.locator('input[name="stage"][value="l1"]').waitFor();
    assert.equal(await malaga.locator('input[name="pattern"]').first().isVisible(), true, 'the other one did not move');
    await answerIn(malaga, 'pattern', 'total');
    await malaga.locator('input[name="progression"]').first().waitFor();
    const keys = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('smp-consult:')).sort());
    assert.equal(keys.length, 2, `own saved progress each: ${keys}`);

    await page.reload();
    await page.locator('smp-consult#leeds input[name="stage"]').first().waitFor();
    await page.locator('smp-consult#malaga input[name="progression"]').first().waitFor();

    // Taken off the page and put back: it cleans up, then mounts again and resumes.
    const events = await page.evaluate(async () => {
      const el = document.querySelector('#leeds');
      const parent = el.parentElement;
      const ready = new Promise((r) => el.addEventListener('smp-consult:ready', (e) => r(e.detail), { once: true }));
      el.remove();
      const emptied = el.shadowRoot.querySelector('[part="widget"]') === null;
      parent.append(el);
      return { detail: await ready, emptied };
    });
    assert.ok(events.emptied, 'removing unmounts the widget');
    assert.equal(events.detail.clinic, 'Northline SMP Leeds');
    await page.locator('smp-consult#leeds input[name="stage"]').first().waitFor();
    assert.equal(await page.evaluate(() => customElements.get('smp-consult') !== undefined), true);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });
});

test('strict CSP: zero violations and a full walk to a delivered lead', async () => {
  const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  const response = await page.goto(`${stack.siteUrl}/csp/`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  const w = page.locator('smp-consult#assessment');
  await answerIn(w, 'pattern', 'male');
  await answerIn(w, 'stage', 'n4');
  await answerIn(w, 'progression', 'stable');
  await answerIn(w, 'style', 'buzz');
  await answerIn(w, 'hair_colour', 'dark_brown');
  await answerIn(w, 'skin_tone', '2');
  await answerIn(w, 'scars', 'none');
  await answerIn(w, 'health', 'none');
  await answerIn(w, 'age_band', '35_44');
  await answerIn(w, 'hairline', 'soft');
  await w.locator('[data-approach="buzz_cut"]').waitFor();
  assert.match(await w.locator('[part="result"]').textContent(), /£850/, 'prices from config-url');
  // The drawing of the result shows under the strict policy, and its range redraws it.
  const drawing = () => w.locator('figure.preview img').evaluate(async (img) => {
    await img.decode();
    return { src: img.src, width: img.naturalWidth };
  });
  const before = await drawing();
  await w.getByRole('slider').press('ArrowLeft');
  const moved = await drawing();
  assert.ok(before.width > 0 && moved.width > 0 && moved.src !== before.src, 'the preview is drawn, and redrawn');
  assert.equal(await w.locator('img.smp-logo').getAttribute('src'), '/favicon.svg', 'logo from config-url');
  await sendLeadIn(page, w, { name: 'Casey Strict', email: 'casey@example.com' });
  await w.locator('[part="thanks"]').waitFor();
  const lead = (await stack.leads()).find((l) => l.lead.contact.name === 'Casey Strict');
  assert.ok(lead, 'the lead reached the inbox');
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
  assert.deepEqual(errors, [], 'nothing in the console');
  await context.close();
});

test('a hostile theme changes nothing inside, and the widget changes nothing outside', async () => {
  const styles = async (path) => {
    const page = await newPage(stack, { path });
    await page.evaluate(() => {
      if (document.querySelector('#assessment')) return;
      const el = document.createElement('smp-consult');
      el.id = 'assessment';
      el.setAttribute('clinic', 'Northline SMP');
      el.setAttribute('lang', 'en');
      document.getElementById('main').append(el);
    });
    const w = page.locator('smp-consult#assessment');
    await w.locator('input[name="pattern"]').first().waitFor();
    const inside = await page.evaluate(() => {
      const root = document.querySelector('#assessment').shadowRoot;
      const pick = (sel) => {
        const s = getComputedStyle(root.querySelector(sel));
        return ['fontFamily', 'fontSize', 'color', 'letterSpacing', 'lineHeight', 'textTransform', 'textAlign', 'padding', 'margin',
          'borderTopStyle', 'borderTopWidth', 'backgroundColor', 'boxSizing', 'direction'].map((p) => `${p}=${s[p]}`).join('; ');
      };
      const host = document.querySelector('#assessment');
      const h = getComputedStyle(host);
      return {
        heading: pick('h2'), option: pick('.option'), label: pick('.option-label'), next: pick('[part~="next"]'), input: pick('input'),
        host: `display=${h.display} padding=${h.padding} border=${h.borderTopStyle} visibility=${h.visibility}`,
        width: Math.round(root.querySelector('.smp').getBoundingClientRect().width),
      };
    });
    // Nothing leaks out: the page's own heading keeps the page's look.
    const outside = await page.evaluate(() => getComputedStyle(document.querySelector('h1')).fontFamily);
    await page.context().close();
    return { inside, outside };
  };
  const plain = await styles('/examples/blank.html');
  const hostile = await styles('/examples/hostile.html');
  for (const key of ['heading', 'option', 'label', 'next', 'input']) {
    assert.equal(hostile.inside[key], plain.inside[key], `${key} looks the same on the hostile page`);
  }
  assert.equal(hostile.inside.width, plain.inside.width, 'same width');
  assert.match(hostile.inside.host, /display=block padding=0px border=none visibility=visible/);
  assert.match(hostile.outside, /Comic Sans/, 'the page keeps its own (hostile) look outside the widget');
});

test('each wrong configuration item: one console error naming it and what was expected; the widget still works', async () => {
  const page = await newPage(stack, { path: '/examples/blank.html' });
  await page.evaluate(() => {
    const el = document.createElement('smp-consult');
    el.id = 'wrong';
    for (const [k, v] of Object.entries({
      clinic: 'Northline SMP', endpoint: 'ftp://example.com/leads', lang: 'xx', mode: 'sideways', phone: 'call us',
      email: 'not-an-email', 'privacy-url': 'javascript:alert(1)', accent: 'red;}', analytics: 'maybe', logo: 'javascript:x',
      'redirect-url': 'data:text/html,hi', 'booking-url': 'nope', hide: 'photos telepathy', theme: 'purple',
    })) el.setAttribute(k, v);
    document.addEventListener('smp-consult:ready', () => { window.__ready = true; });
    document.getElementById('main').append(el);
  });
  await page.locator('smp-consult#wrong input[name="pattern"]').first().waitFor();
  // The first question is painted before the engine; the engine reports the rest when it comes.
  await page.waitForFunction(() => window.__ready);
  const expected = { mode: /expected inline, popup or bubble/, endpoint: /https:\/\//, lang: /en, es, fr, de, pt, it/,
    phone: /international phone number/, email: /an email address/, 'privacy-url': /https:\/\//,
    accent: /hex colour/, analytics: /on or off/, logo: /https:\/\/ URL or a path/, 'redirect-url': /https:\/\//,
    'booking-url': /https:\/\//, hide: /photos, phone, message, best_time \(not "telepathy"\)/, theme: /auto, light or dark/ };
  for (const [item, pattern] of Object.entries(expected)) {
    const matching = page.consoleErrors.filter((e) => e.startsWith(`<smp-consult>: \`${item}\` is not valid: expected`));
    assert.equal(matching.length, 1, `one error for ${item}: ${JSON.stringify(page.consoleErrors)}`);
    assert.match(matching[0], pattern);
  }
  assert.equal(page.consoleErrors.length, Object.keys(expected).length, 'nothing else');
  await page.context().close();
});

test('JS API, events and dataLayer: ready, step, result, lead with documented details; no personal data pushed; reset()', async () => {
  const page = await newPage(stack, { path: '/examples/blank.html' });
  await page.evaluate((endpoint) => {
    window.dataLayer = [];
    window.__events = [];
    for (const name of ['ready', 'step', 'result', 'lead', 'error']) {
      document.addEventListener(`smp-consult:${name}`, (e) => window.__events.push({ name, detail: JSON.parse(JSON.stringify(e.detail)), composed: e.composed, bubbles: e.bubbles }));
    }
    const el = document.createElement('smp-consult');
    el.id = 'assessment';
    el.setAttribute('clinic', 'Northline SMP');
    el.setAttribute('endpoint', endpoint);
    document.getElementById('main').append(el);
  }, `${stack.inboxUrl}/v1/leads`);
  const w = page.locator('smp-consult#assessment');
  await walkTotalLossIn(w);
  await sendLeadIn(page, w, { name: 'Dana Events', email: 'dana@example.com' });
  await w.locator('[part="thanks"]').waitFor();

  const events = await page.evaluate(() => window.__events);
  assert.ok(events.every((e) => e.bubbles && e.composed), 'bubbling and composed');
  const names = events.map((e) => e.name);
  assert.equal(names[0], 'ready');
  assert.deepEqual(events[0].detail, { clinic: 'Northline SMP', mode: 'inline', lang: 'en' });
  assert.deepEqual(events.find((e) => e.name === 'step').detail, { question: 'pattern', number: 1, total: 12 });
  assert.equal(names.filter((n) => n === 'step').length, 8);
  assert.equal(events.find((e) => e.name === 'result').detail.approach, 'buzz_cut');
  const lead = events.find((e) => e.name === 'lead').detail;
  assert.equal(lead.contact.email, 'dana@example.com');

  const pushed = await page.evaluate(() => window.dataLayer);
  assert.deepEqual(pushed.map((p) => p.event), [...Array(8).fill('smp_step'), 'smp_result', 'generate_lead']);
  // Analytics number the questions the same for every visitor (of 10), unlike the events.
  assert.deepEqual(pushed[0], { event: 'smp_step', smp_clinic: 'Northline SMP', smp_question: 'pattern', smp_step: 1, smp_steps: 10 });
  assert.equal(pushed[8].smp_approach, 'buzz_cut');
  assert.equal(pushed[9].smp_approach, 'buzz_cut');
  assert.ok(!JSON.stringify(pushed).includes('dana'), 'no personal data in the dataLayer');

  // reset(): back to the first question, saved progress forgotten.
  await page.evaluate(() => document.querySelector('#assessment').reset());
  await w.locator('input[name="pattern"]').first().waitFor();
  assert.equal(await w.locator('input[name="pattern"]:checked').count(), 0);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('analytics="off": events still fire, nothing is pushed to the dataLayer', async () => {
  const page = await newPage(stack, { path: '/examples/blank.html' });
  await page.evaluate(() => {
    window.dataLayer = [];
    window.__steps = 0;
    document.addEventListener('smp-consult:step', () => { window.__steps += 1; });
    const el = document.createElement('smp-consult');
    el.id = 'assessment';
    el.setAttribute('clinic', 'Northline SMP');
    el.setAttribute('analytics', 'off');
    document.getElementById('main').append(el);
  });
  const w = page.locator('smp-consult#assessment');
  await answerIn(w, 'pattern', 'total');
  await w.locator('input[name="progression"]').first().waitFor();
  assert.equal(await page.evaluate(() => window.__steps), 2);
  assert.deepEqual(await page.evaluate(() => window.dataLayer), []);
  await page.context().close();
});

test('theming from outside: custom properties and parts reach in; dark and reduced motion are respected', async () => {
  const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark', reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${stack.siteUrl}/examples/blank.html`);
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('#themed { --smp-accent: #8a2be2; } #themed::part(option) { border-radius: 0px; }');
    document.adoptedStyleSheets = [sheet];
    for (const [id, theme] of [['themed', null], ['dark', null], ['light', 'light']]) {
      const el = document.createElement('smp-consult');
      el.id = id;
      el.setAttribute('clinic', 'Northline SMP');
      if (theme) el.setAttribute('theme', theme);
      document.getElementById('main').append(el);
    }
  });
  for (const id of ['themed', 'dark', 'light']) await page.locator(`smp-consult#${id} input[name="pattern"]`).first().waitFor();
  const look = await page.evaluate(() => Object.fromEntries(['themed', 'dark', 'light'].map((id) => {
    const root = document.getElementById(id).shadowRoot;
    const next = getComputedStyle(root.querySelector('[part~="next"]'));
    const option = getComputedStyle(root.querySelector('.option'));
    return [id, { next: next.backgroundColor, radius: option.borderTopLeftRadius, transition: option.transitionDuration,
      background: getComputedStyle(root.querySelector('.smp')).backgroundColor }];
  })));
  assert.equal(look.themed.next, 'rgb(138, 43, 226)', '--smp-accent reaches the buttons');
  assert.equal(look.themed.radius, '0px', '::part(option) reaches the options');
  assert.equal(look.dark.background, 'rgb(21, 25, 28)', 'dark background when the visitor prefers dark');
  assert.equal(look.light.background, 'rgb(255, 255, 255)', 'theme="light" stays light');
  assert.equal(look.dark.transition, '0s', 'no transitions with reduced motion');
  // The clinic's own purple is its choice; the widget's own dark and light themes must pass.
  await page.evaluate(() => document.getElementById('themed').remove());
  assert.deepEqual(await axe(page, 'dark theme'), []);
  await context.close();
});

test('every language renders in its own words, before and after the engine loads', async () => {
  const page = await newPage(stack, { path: '/examples/blank.html' });
  const engines = [];
  page.on('request', (r) => { if (r.url().endsWith('_bg.wasm')) engines.push(new URL(r.url()).pathname); });
  const langs = ['en', 'es', 'fr', 'de', 'pt', 'it'];
  await page.evaluate((langs) => {
    for (const lang of langs) {
      const el = document.createElement('smp-consult');
      el.id = `w-${lang}`;
      el.setAttribute('clinic', 'Northline SMP');
      el.setAttribute('lang', lang);
      document.getElementById('main').append(el);
      const popup = document.createElement('smp-consult');
      popup.id = `p-${lang}`;
      popup.setAttribute('mode', 'popup');
      popup.setAttribute('lang', lang);
      popup.setAttribute('clinic', 'Northline SMP');
      document.getElementById('main').append(popup);
    }
    // The language can also come from the JSON config alone.
    const config = Object.assign(document.createElement('script'), { type: 'application/json', id: 'cfg-it', textContent: '{"lang": "it"}' });
    const el = Object.assign(document.createElement('smp-consult'), { id: 'w-cfg' });
    el.setAttribute('clinic', 'Northline SMP');
    el.setAttribute('config', '#cfg-it');
    document.getElementById('main').append(config, el);
  }, langs);
  const seen = {};
  for (const lang of langs) {
    const w = page.locator(`smp-consult#w-${lang}`);
    // The element, not an input: the engine may take over the painted question meanwhile.
    await w.scrollIntoViewIfNeeded();
    await w.locator('input[name="pattern"]').first().waitFor();
    assert.equal(await w.locator('[part="widget"]').getAttribute('lang'), lang);
    seen[lang] = {
      question: await w.locator('legend').first().innerText(),
      next: await w.locator('[part~="next"]').innerText(),
      button: await page.locator(`smp-consult#p-${lang} .launcher`).innerText(),
    };
  }
  for (const key of ['question', 'next', 'button']) {
    const values = langs.map((l) => seen[l][key]);
    assert.equal(new Set(values).size, langs.length, `${key} differs in every language: ${values.join(' | ')}`);
  }
  const fromConfig = page.locator('smp-consult#w-cfg');
  await fromConfig.scrollIntoViewIfNeeded();
  await fromConfig.locator('input[name="pattern"]').first().waitFor();
  assert.equal(await fromConfig.locator('[part="widget"]').getAttribute('lang'), 'it');
  assert.equal(await fromConfig.locator('[part~="next"]').innerText(), seen.it.next);
  // Each language has its own engine, fetched once for all its widgets (the config's Italian
  // one included), and no other file of wording.
  assert.deepEqual(engines.sort(), ['de', 'en', 'es', 'fr', 'it', 'pt'].map((l) => `/widget/${l}/smp-consult-core_bg.wasm`));
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('each engine carries its own language’s wording and no other', () => {
  const titles = {
    en: 'Is scalp micropigmentation right for you?',
    de: 'Ist eine Haarpigmentierung das Richtige für Sie?',
    fr: 'La micropigmentation capillaire est-elle faite pour vous\u202f?',
  };
  for (const lang of ['en', 'es', 'fr', 'de', 'pt', 'it']) {
    const wasm = readFileSync(join(ROOT, 'dist', lang, 'smp-consult-core_bg.wasm'));
    for (const [other, title] of Object.entries(titles)) {
      if (other === lang) assert.ok(wasm.includes(title), `${lang}: its own title`);
      else assert.ok(!wasm.includes(title), `${lang} carries the ${other} title`);
    }
  }
});

test('a language’s engine that cannot load: one clear error naming it, and a working widget in English', async () => {
  const page = await newPage(stack, { path: '/examples/blank.html' });
  await page.route('**/de/smp-consult-core_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.evaluate(() => {
    window.__errors = [];
    document.addEventListener('smp-consult:error', (e) => window.__errors.push(e.detail));
    document.addEventListener('smp-consult:ready', (e) => { window.__ready = e.detail; });
    const el = document.createElement('smp-consult');
    el.id = 'assessment';
    el.setAttribute('clinic', 'Northline SMP');
    el.setAttribute('lang', 'de');
    document.getElementById('main').append(el);
  });
  const w = page.locator('smp-consult#assessment');
  await w.locator('input[name="pattern"]').first().waitFor();
  // Painted before the engine from first/de.json (a file of its own), the question is in
  // German; without the German engine, the English one takes over.
  await page.waitForFunction(() => window.__ready);
  assert.equal(await w.locator('[part~="next"]').innerText(), 'Next');
  assert.equal(await w.locator('[part="widget"]').getAttribute('lang'), 'en', 'screen readers read it as English');
  const named = page.consoleErrors.filter((e) => e.includes('<smp-consult>'));
  assert.equal(named.length, 1, JSON.stringify(page.consoleErrors));
  assert.match(named[0], /"de" engine could not load .*showing English/);
  assert.deepEqual((await page.evaluate(() => window.__errors)).map((e) => [e.code, e.item]), [['locale_failed', 'de/smp-consult-core.js']]);
  assert.equal((await page.evaluate(() => window.__ready)).lang, 'en', 'the ready event tells the language it really speaks');
  await w.locator('input[name="pattern"]').first().check();
  await w.locator('[part~="next"]').click();
  await w.locator('input[name="stage"]').first().waitFor();
  await page.context().close();
});

test('after a lead: the clinic’s booking link, its own thank-you line, then its own page (redirect-url)', async () => {
  const page = await newPage(stack, { path: '/examples/blank.html' });
  await page.evaluate((endpoint) => {
    const el = document.createElement('smp-consult');
    el.id = 'assessment';
    for (const [k, v] of Object.entries({ clinic: 'Northline SMP', endpoint, 'booking-url': 'https://northline-smp.example/book',
      'thanks-text': 'We call every enquiry back within one working day.', 'redirect-url': `${location.origin}/examples/index.html` })) el.setAttribute(k, v);
    document.getElementById('main').append(el);
  }, `${stack.inboxUrl}/v1/leads`);
  const w = page.locator('smp-consult#assessment');
  await walkTotalLossIn(w, { scar: true });
  assert.equal(await w.locator('a[part~="booking"]').getAttribute('href'), 'https://northline-smp.example/book');
  await sendLeadIn(page, w, { name: 'Robin Redirect', email: 'robin@example.com' });
  await w.getByText('We call every enquiry back within one working day.').waitFor();
  assert.ok(await w.getByText('Taking you to the next page…').isVisible());
  await page.waitForURL('**/examples/index.html', { timeout: 10_000 });
  assert.ok((await stack.leads()).some((l) => l.lead.contact.name === 'Robin Redirect'), 'delivered before leaving');
  await page.context().close();
});

test('never a blank box: a config-url that fails is named and skipped; an engine that cannot load says so, with the clinic’s phone', async () => {
  const page = await newPage(stack, { path: '/examples/blank.html' });
  await page.evaluate(() => {
    window.__errors = [];
    document.addEventListener('smp-consult:error', (e) => window.__errors.push(e.detail));
    const el = document.createElement('smp-consult');
    el.id = 'assessment';
    el.setAttribute('clinic', 'Northline SMP');
    el.setAttribute('config-url', '/examples/missing.json');
    document.getElementById('main').append(el);
  });
  await page.locator('smp-consult#assessment input[name="pattern"]').first().waitFor();
  const configErrors = page.consoleErrors.filter((e) => e.includes('`config-url` is not valid'));
  assert.equal(configErrors.length, 1, JSON.stringify(page.consoleErrors));
  assert.match(configErrors[0], /HTTP 404/);
  assert.deepEqual((await page.evaluate(() => window.__errors)).map((e) => [e.code, e.item]), [['config', 'config-url']]);
  await page.context().close();

  // The engine itself cannot load (a CDN outage, a blocked wasm): the box says so in words.
  const context = await stack.browser.newContext();
  const broken = await context.newPage();
  await broken.route(`**/${WASM}`, (route) => route.fulfill({ status: 503, body: 'down' }));
  await broken.goto(`${stack.siteUrl}/`);
  const message = broken.locator('smp-consult#assessment .smp-failed');
  await message.waitFor();
  assert.match(await message.innerText(), /could not load.*\+44 113 496 0000/);
  await context.close();
});

test('the lead form is a second module, fetched only from the result on; one that cannot load says so, with Back and Try again', async () => {
  const context = await stack.browser.newContext();
  const page = await context.newPage();
  const CHUNK = 'split_lead.wasm';
  const chunkRequests = () => page.evaluate((name) => performance.getEntriesByType('resource').filter((e) => e.name.includes(name)).length, CHUNK);
  let down = true;
  await page.route(`**/${CHUNK}`, (route) => (down ? route.fulfill({ status: 503, body: 'down' }) : route.continue()));
  await page.goto(`${stack.siteUrl}/`);
  const w = page.locator('smp-consult#assessment');
  for (const [name, value] of [['pattern', 'total'], ['progression', 'stable'], ['hair_colour', 'black'], ['skin_tone', '3'],
    ['scars', 'none'], ['health', 'none'], ['age_band', '25_34']]) await answerIn(w, name, value);
  assert.equal(await chunkRequests(), 0, 'nothing of the lead form is fetched while questions are asked');
  await answerIn(w, 'hairline', 'defined');
  await w.locator('[data-approach]').waitFor();
  // The result shown starts the form's download (here refused), before the button is pressed.
  await page.waitForFunction((name) => performance.getEntriesByType('resource').some((e) => e.name.includes(name)), CHUNK);
  await w.locator('.result [part~="next"]').click();
  const failed = w.locator('.smp-failed[role="alert"]');
  await failed.waitFor();
  assert.match(await failed.innerText(), /could not load\. Please check your connection and try again/);
  assert.equal(await failed.evaluate((el) => el.getRootNode().activeElement === el), true, 'the message has focus');
  // Back returns to the result, intact; the form is asked for again from there.
  await w.getByRole('button', { name: 'Back' }).click();
  await w.locator('[data-approach]').waitFor();
  await w.locator('.result [part~="next"]').click();
  await failed.waitFor();
  // The network is back: Try again fetches it afresh (a failed load is not remembered).
  down = false;
  await w.getByRole('button', { name: 'Try again' }).click();
  await w.getByLabel('Your name').waitFor();
  assert.equal(await failed.count(), 0, 'the message is gone once the form is there');
  assert.ok(await chunkRequests() >= 3, 'each attempt fetched the chunk');
  await context.close();
});
