// End-to-end: the pictures a visitor compares with the mirror, and the drawing of their own
// result (DESIGN.md "Pictures"), in headless Chromium on the demo page: each card's two-view
// drawing decodes and is big enough on a phone, the before/after range works with the keyboard,
// axe-core finds nothing in light, dark and forced colours, and it all holds at 320 px, with
// reduced motion and in the popup's dialog.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, newPage, startStack } from './harness.mjs';
import { answerIn, widget } from './visitor.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

/** Every option picture of the current question: its size, whether it decodes, and its views.
 *  Each is scrolled into view first, as a visitor would: the pictures load lazily. */
async function pictures(w) {
  await w.locator('img.picture').first().waitFor();
  return w.locator('.option').evaluateAll(async (options) => {
    const seen = [];
    for (const option of options) {
      const img = option.querySelector('img.picture');
      option.scrollIntoView({ block: 'center' });
      // A picture that never decodes fails below rather than hanging the spec.
      await Promise.race([img.decode(), new Promise((r) => setTimeout(r, 20000))]).catch(() => {});
      const box = img.getBoundingClientRect();
      const svg = new DOMParser().parseFromString(decodeURIComponent(img.src.slice('data:image/svg+xml,'.length)), 'image/svg+xml');
      seen.push({
        value: option.querySelector('input').value, alt: img.getAttribute('alt'), src: img.src,
        decoded: img.complete && img.naturalWidth > 0, width: box.width, height: box.height, top: Math.round(box.top + scrollY),
        views: ['front', 'top'].filter((v) => svg.querySelector(`g.${v} path`)),
        wellFormed: !svg.querySelector('parsererror'),
      });
    }
    return seen;
  });
}

/** Walks widget `w` to a result with the given answers (JSON codes, in the flow's order). */
async function walk(w, answers) {
  for (const [name, value] of answers) await answerIn(w, name, value);
  await w.locator('[data-approach]').waitFor();
}

const BUZZ_N5 = [['pattern', 'male'], ['stage', 'n5'], ['progression', 'stable'], ['style', 'buzz'], ['hair_colour', 'dark_brown'],
  ['skin_tone', '1'], ['scars', 'none'], ['health', 'none'], ['age_band', '35_44'], ['hairline', 'soft']];

describe('pictures', () => {
  test('pattern and stage cards: a two-view drawing each, decoded, at least 96 px tall on a 390 px phone, two to a row; axe clean in light, dark and forced colours', async () => {
    const page = await newPage(stack, { width: 390, height: 844 });
    await page.evaluate(() => sessionStorage.clear());
    const w = widget(page);
    const violations = [];
    for (const [field, values] of [['pattern', ['male', 'female', 'diffuse', 'patchy', 'total', 'none']],
      ['stage', ['n1', 'n2', 'n3', 'n3v', 'n4', 'n5', 'n6', 'n7']]]) {
      const seen = await pictures(w);
      assert.deepEqual(seen.map((p) => p.value), values);
      for (const p of seen) {
        assert.equal(p.alt, '', `${p.value}: decorative, the label says it in words`);
        assert.ok(p.decoded && p.wellFormed, `${p.value}: the drawing decodes`);
        assert.deepEqual(p.views, ['front', 'top'], `${p.value}: front and top views`);
        assert.ok(p.height >= 96, `${p.value}: ${p.height} px tall`);
      }
      assert.equal(new Set(seen.map((p) => p.src)).size, values.length, `${field}: each option its own drawing`);
      assert.equal(seen[0].top, seen[1].top, `${field}: two to a row`);
      assert.ok(seen[2].top > seen[1].top, `${field}: not three to a row on a phone`);
      if (field === 'stage') {
        await w.locator('input[value="n3v"]').check();
        const marked = await w.locator('.option[data-checked]').evaluate((el) => getComputedStyle(el).boxShadow);
        assert.notEqual(marked, 'none', 'the chosen card is marked');
        for (const [name, media] of [['light', { colorScheme: 'light' }], ['dark', { colorScheme: 'dark' }],
          ['forced colours', { colorScheme: 'light', forcedColors: 'active' }]]) {
          await page.emulateMedia(media);
          violations.push(...await axe(page, `stage step, ${name}`));
        }
        await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
      } else {
        await answerIn(w, field, 'male');
      }
    }
    assert.deepEqual(violations, []);
    // Ludwig, and the swatches of hair and skin.
    await w.getByRole('button', { name: 'Back' }).click();
    await answerIn(w, 'pattern', 'female');
    const ludwig = await pictures(w);
    assert.deepEqual(ludwig.map((p) => p.value), ['l1', 'l2', 'l3']);
    assert.ok(ludwig.every((p) => p.decoded && p.views.length === 2 && p.height >= 96));
    for (const [name, value] of [['stage', 'l2'], ['progression', 'stable'], ['style', 'longer']]) await answerIn(w, name, value);
    for (const field of ['hair_colour', 'skin_tone']) {
      const swatches = await pictures(w);
      assert.equal(swatches.length, field === 'hair_colour' ? 8 : 6);
      assert.ok(swatches.every((p) => p.decoded && p.alt === '' && p.width >= 40), JSON.stringify(swatches.map((p) => p.width)));
      assert.equal(new Set(swatches.map((p) => p.src)).size, swatches.length);
      await answerIn(w, field, field === 'hair_colour' ? 'black' : '6');
    }
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('the result: the visitor drawn now and with SMP, at least 120 px tall; the range works with the keyboard; axe clean in light, dark and forced colours', async () => {
    const page = await newPage(stack, { width: 390, height: 844 });
    await page.evaluate(() => sessionStorage.clear());
    const w = widget(page);
    await walk(w, BUZZ_N5);
    const img = w.locator('figure.preview img');
    await img.waitFor();
    const shown = () => img.evaluate(async (el) => {
      await el.decode().catch(() => {});
      return { decoded: el.complete && el.naturalWidth > 0, height: el.getBoundingClientRect().height, alt: el.alt, src: el.src };
    });
    const first = await shown();
    assert.ok(first.decoded, 'the drawing decodes');
    assert.ok(first.height >= 120, `${first.height} px tall`);
    assert.match(first.alt, /^Now: Norwood 5 \(Front and crown nearly meet\)\. Hair: Dark brown\. Skin: Very fair\. With SMP: The full buzz-cut look\. Suggested hairline: Soft and natural\. On fair skin a diluted, lighter pigment/);
    assert.match(await w.locator('figure.preview figcaption').innerText(), /not a photo of you, and not a promise/);

    // Keyboard: focus is on the result's heading; Tab reaches the range, arrows and Home/End move it.
    const range = w.getByRole('slider', { name: 'Compare now and with SMP' });
    await page.keyboard.press('Tab');
    assert.ok(await range.evaluate((el) => el.getRootNode().activeElement === el), 'Tab from the heading reaches the range');
    assert.equal(await range.getAttribute('aria-valuetext'), '50% with SMP');
    await page.keyboard.press('ArrowRight');
    assert.equal(await range.inputValue(), '60');
    assert.equal(await range.getAttribute('aria-valuetext'), '40% with SMP');
    const moved = await shown();
    assert.notEqual(moved.src, first.src, 'the divider moved');
    assert.match(decodeURIComponent(moved.src), /<rect width='60' height='120'\/>/);
    await page.keyboard.press('End');
    assert.equal(await range.getAttribute('aria-valuetext'), 'Now');
    assert.ok(!decodeURIComponent((await shown()).src).includes("clip-path='url(#r)'"), 'all now: nothing with SMP drawn');
    await page.keyboard.press('Home');
    assert.equal(await range.getAttribute('aria-valuetext'), 'With SMP');
    assert.ok((await shown()).decoded);

    const violations = [];
    for (const [name, media] of [['light', { colorScheme: 'light' }], ['dark', { colorScheme: 'dark' }],
      ['forced colours', { colorScheme: 'light', forcedColors: 'active' }]]) {
      await page.emulateMedia(media);
      violations.push(...await axe(page, `result, ${name}`));
    }
    assert.deepEqual(violations, []);

    // Reduced motion: nothing about the drawing or its control moves by itself.
    await page.emulateMedia({ forcedColors: 'none', reducedMotion: 'reduce' });
    const motion = await w.locator('figure.preview').evaluate((figure) => [...figure.querySelectorAll('*')]
      .map((el) => getComputedStyle(el)).filter((s) => s.transitionDuration !== '0s' || s.animationName !== 'none').length);
    assert.equal(motion, 0);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('at 320 px the cards and the drawing reflow without scrolling sideways; in the popup dialog on a phone the drawing fits', async () => {
    const page = await newPage(stack, { width: 320, height: 700 });
    await page.evaluate(() => sessionStorage.clear());
    const w = widget(page);
    const overflow = () => w.locator('.smp').evaluate((el) => el.scrollWidth - el.clientWidth);
    await answerIn(w, 'pattern', 'male');
    const cards = await pictures(w);
    assert.ok(cards.every((p) => p.decoded && p.width > 0));
    assert.equal(await overflow(), 0, 'stage step');
    for (const [name, value] of BUZZ_N5.slice(1)) await answerIn(w, name, value);
    await w.locator('figure.preview img').waitFor();
    assert.equal(await overflow(), 0, 'result');
    await page.context().close();

    const popup = await newPage(stack, { width: 390, height: 844, path: '/examples/popup.html' });
    const host = popup.locator('smp-consult#popup');
    await popup.evaluate(() => sessionStorage.clear());
    await host.locator('.launcher').click();
    await walk(host, [['pattern', 'total'], ['progression', 'stable'], ['hair_colour', 'grey'], ['skin_tone', '4'], ['scars', 'none'],
      ['health', 'none'], ['age_band', '55_plus'], ['hairline', 'unsure']]);
    const fit = await host.locator('figure.preview img').evaluate(async (el) => {
      await el.decode();
      const dialog = el.closest('dialog').getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return { inside: box.left >= dialog.left && box.right <= dialog.right, height: box.height, decoded: el.naturalWidth > 0, alt: el.alt };
    });
    assert.ok(fit.inside && fit.decoded && fit.height >= 120, JSON.stringify(fit));
    assert.match(fit.alt, /Suggested hairline: Mature\. Your grey tones/);
    assert.deepEqual(popup.consoleErrors, []);
    await popup.context().close();
  });
});
