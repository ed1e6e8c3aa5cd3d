// The health check (DESIGN "The flow", question 8): every option in every language, on a
// 390 px and a 320 px phone, with nothing clipped and axe clean; and a visitor who ticks the
// four newer answers gets a provisional result that says, in their language, what the clinic
// will check and why, with the lead form still offered and the codes in the stored lead.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { ROOT, axe, newPage, startStack } from './harness.mjs';
import { answerIn, humanPace } from './visitor.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const LANGS = ['en', 'es', 'fr', 'de', 'pt', 'it'];
const HEALTH = ['keloid', 'scalp_condition', 'blood_thinners', 'pregnancy', 'chemo', 'immune', 'diabetes', 'ink_allergy', 'recent_transplant', 'none'];
const NEW = ['immune', 'diabetes', 'ink_allergy', 'recent_transplant'];

// Every table's texts by key, as the typed tables in src/i18n say them (each engine carries
// its own language's compiled in): printed by the smp-texts tool.
const TEXTS = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--bin', 'smp-texts'], { cwd: ROOT, encoding: 'utf8' }));
const words = (lang) => TEXTS[lang];

/** A widget in `lang` on a blank page `width` px wide, walked to the health question. */
async function toHealthStep(width, lang) {
  const page = await newPage(stack, { width, height: 800, path: '/examples/blank.html' });
  await page.evaluate(({ lang, endpoint }) => {
    sessionStorage.clear();
    const el = document.createElement('smp-consult');
    el.id = 'assessment';
    el.setAttribute('clinic', 'Northline SMP');
    el.setAttribute('lang', lang);
    el.setAttribute('endpoint', endpoint);
    document.getElementById('main').append(el);
  }, { lang, endpoint: `${stack.inboxUrl}/v1/leads` });
  const w = page.locator('smp-consult#assessment');
  await answerIn(w, 'pattern', 'male');
  await answerIn(w, 'stage', 'n4');
  await answerIn(w, 'progression', 'stable');
  await answerIn(w, 'style', 'buzz');
  await answerIn(w, 'hair_colour', 'dark_brown');
  await answerIn(w, 'skin_tone', '3');
  await answerIn(w, 'scars', 'none');
  await w.locator('input[name="health"]').first().waitFor();
  return { page, w };
}

/** Whatever sticks out sideways: the page, the widget box, or any option card inside it. */
const overflow = (page) => page.evaluate(() => {
  const host = document.querySelector('smp-consult#assessment');
  const box = host.shadowRoot.querySelector('[part="widget"]') ?? host;
  const right = box.getBoundingClientRect().right + 0.5;
  const clipped = [...host.shadowRoot.querySelectorAll('label, legend, button, p')]
    .filter((el) => el.getBoundingClientRect().right > right || el.scrollWidth > el.clientWidth + 1)
    .map((el) => `${el.tagName.toLowerCase()}: ${el.textContent.trim().slice(0, 40)}`);
  const page = document.documentElement.scrollWidth - window.innerWidth;
  return { page, clipped };
});

describe('the health check', () => {
  for (const width of [390, 320]) {
    test(`every option in all six languages at ${width} px: listed, nothing clipped, axe clean`, async () => {
      const violations = [];
      for (const lang of LANGS) {
        const { page, w } = await toHealthStep(width, lang);
        const values = await w.locator('input[name="health"]').evaluateAll((inputs) => inputs.map((i) => i.value));
        assert.deepEqual(values, HEALTH, `${lang}: the options of DESIGN, in order, with none last`);
        const labels = await w.locator('input[name="health"]').evaluateAll((inputs) => inputs.map((i) => i.labels[0]?.innerText.trim()));
        assert.equal(new Set(labels).size, HEALTH.length, `${lang}: every option has its own words: ${labels.join(' | ')}`);
        if (lang !== 'en') {
          const file = words(lang);
          for (const code of NEW) assert.ok(labels.some((l) => l.startsWith(file[`choice.health.${code}`])), `${lang}: ${code} in its language`);
        }
        // Optional, and explained as keeping the visitor safe (the hint under the question).
        assert.match(await w.locator('legend').innerText(), /\S/);
        const { page: pageOverflow, clipped } = await overflow(page);
        assert.ok(pageOverflow <= 0, `${lang} at ${width} px: the page scrolls sideways by ${pageOverflow} px`);
        assert.deepEqual(clipped, [], `${lang} at ${width} px: clipped`);
        violations.push(...await axe(page, `${lang} health at ${width} px`));
        assert.deepEqual(page.consoleErrors, []);
        await page.context().close();
      }
      assert.deepEqual(violations, []);
    });
  }

  for (const lang of ['en', 'de']) {
    test(`${lang}: the four newer answers give a provisional result that explains each, and the lead carries them`, async () => {
      const { page, w } = await toHealthStep(390, lang);
      const file = words(lang);
      await answerIn(w, 'health', NEW);
      await answerIn(w, 'age_band', '35_44');
      await answerIn(w, 'hairline', 'soft');
      const result = w.locator('[data-approach]');
      await result.waitFor();
      assert.equal(await result.getAttribute('data-approach'), 'buzz_cut', 'the treatment itself is unchanged');
      const notice = await w.locator('[part="notice"] li').allInnerTexts();
      assert.deepEqual(notice, NEW.map((c) => file[`in_person.${c}`]), 'each flag, in words, in the order chosen');
      const text = await result.innerText();
      assert.ok(text.includes(file['caution.patch_test']), 'the patch test is explained');
      assert.ok(text.includes(file['caution.transplant_settle']), 'the wait after a transplant is explained');
      assert.deepEqual(await axe(page, `${lang} provisional result`), []);

      // The lead form is still offered, and the stored lead has the codes and the flags.
      const lead = page.evaluate(() => new Promise((r) => {
        document.addEventListener('smp-consult:lead', (e) => r(e.detail), { once: true });
      }));
      await w.locator('.result [part~="next"]').click();
      await humanPace(page);
      await w.locator('input[name="name"]').fill('Alex Moreau');
      await w.locator('input[name="email"]').fill('alex@example.com');
      await w.locator('input[name="consent"]').check();
      await w.locator('form.lead [part~="next"]').click();
      const payload = await lead;
      assert.deepEqual(payload.answers.health, NEW);
      assert.deepEqual(payload.recommendation.in_person, NEW);
      assert.deepEqual(payload.recommendation.cautions, ['patch_test', 'transplant_settle']);
      await w.locator('[part="thanks"]').waitFor();
      const stored = (await stack.leads()).find((l) => l.id === payload.id);
      assert.ok(stored, 'the lead reached the inbox');
      assert.deepEqual(stored.lead.answers.health, NEW);
      assert.deepEqual(page.consoleErrors, []);
      await page.context().close();
    });
  }
});
