// What a visitor does, by DESIGN's markup contract: answer questions by their input names and
// JSON codes, press the real buttons, fill the lead form by its labels. Shared by the e2e specs.
import assert from 'node:assert/strict';
import { axe } from './harness.mjs';

export const widget = (page) => page.locator('smp-consult#assessment');

/** Answers the current question by clicking its options (value codes), then Next. */
export async function answer(page, name, values, violations) {
  const w = widget(page);
  await w.locator(`input[name="${name}"]`).first().waitFor();
  for (const value of [values].flat()) {
    await w.locator(`input[name="${name}"][value="${value}"]`).check();
  }
  if (violations) violations.push(...await axe(page, `question ${name}`));
  await w.getByRole('button', { name: /^(Next|See my result)$/ }).click();
}

/** Answers by keyboard only: Tab into the group, arrows/space to choose, Enter to submit. */
export async function answerByKeyboard(page, name, values) {
  const w = widget(page);
  await w.locator(`input[name="${name}"]`).first().waitFor();
  // Focus is on the question heading after each step (the widget moves it there).
  const focusedName = () => page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { tag: el?.tagName, name: el?.getAttribute('name'), value: el?.getAttribute('value'), checked: el?.checked, text: el?.textContent };
  });
  const targets = [values].flat();
  const type = await w.locator(`input[name="${name}"]`).first().getAttribute('type');
  await page.keyboard.press('Tab');
  let focused = await focusedName();
  assert.equal(focused.name, name, `Tab from the heading reaches the ${name} options`);
  if (type === 'radio') {
    // Arrow keys move through a radio group, checking as they go.
    for (let i = 0; i < 20 && focused.value !== targets[0]; i++) {
      await page.keyboard.press('ArrowDown');
      focused = await focusedName();
    }
    if (!focused.checked) await page.keyboard.press('Space');
  } else {
    for (let i = 0; i < 20; i++) {
      if (targets.includes(focused.value) && !focused.checked) await page.keyboard.press('Space');
      if (focused.name !== name) break;
      await page.keyboard.press('Tab');
      focused = await focusedName();
    }
  }
  for (const v of targets) {
    assert.ok(await w.locator(`input[name="${name}"][value="${v}"]`).isChecked(), `${name}=${v} checked by keyboard`);
  }
  // Tab on to the Next (or See my result) button and press Enter.
  for (let i = 0; i < 20 && !(focused.tag === 'BUTTON' && /^(Next|See my result)$/.test(focused.text)); i++) {
    await page.keyboard.press('Tab');
    focused = await focusedName();
  }
  assert.equal(focused.tag, 'BUTTON', 'Next is reachable by Tab');
  await page.keyboard.press('Enter');
}

/** People take at least 3 s from the first question to sending (faster is treated as a bot):
 *  wait on the page's own clock until this visitor's consultation is that old. */
export async function humanPace(page) {
  await page.waitForFunction(() => Object.keys(sessionStorage)
    .map((k) => { try { return JSON.parse(sessionStorage.getItem(k)); } catch { return null; } })
    .some((v) => v?.started_at && Date.now() - v.started_at > 3100));
}

export async function fillLead(page, { name, email, phone, preferred = 'email', marketing = false }) {
  await humanPace(page);
  const w = widget(page);
  await w.getByLabel('Your name').fill(name);
  await w.getByRole('textbox', { name: 'Email' }).fill(email);
  if (phone) await w.getByRole('textbox', { name: 'Phone' }).fill(phone);
  await w.locator(`input[name="preferred_contact"][value="${preferred}"]`).check();
  await w.locator('input[name="consent"]').check();
  if (marketing) await w.locator('input[name="marketing"]').check();
}

/** A short walk: complete loss, to the lead form. */
export async function walkTotalLoss(page) {
  await answer(page, 'pattern', 'total');
  await answer(page, 'progression', 'stable');
  await answer(page, 'hair_colour', 'black');
  await answer(page, 'skin_tone', '3');
  await answer(page, 'scars', 'none');
  await answer(page, 'health', 'none');
  await answer(page, 'age_band', '25_34');
  await answer(page, 'hairline', 'defined');
  await widget(page).locator('[data-approach="buzz_cut"]').waitFor();
  await widget(page).getByRole('button', { name: 'Ask the clinic about this' }).click();
}

/** Waits for the smp-consult:lead event's payload (the page hears it from the widget). */
export function captureLead(page) {
  return page.evaluate(() => new Promise((r) => {
    document.addEventListener('smp-consult:lead', (e) => r(e.detail), { once: true });
  }));
}


/** Answers the current question of widget `w` (any <smp-consult> locator) by its codes, then
 *  presses its Next button (by part, so it works in every language). */
export async function answerIn(w, name, values) {
  await w.locator(`input[name="${name}"]`).first().waitFor();
  for (const value of [values].flat()) await w.locator(`input[name="${name}"][value="${value}"]`).check();
  await w.locator('form.step [part~="next"]').click();
}

/** Complete loss, every question answered in widget `w`, up to the result. */
export async function walkTotalLossIn(w, { scar = false } = {}) {
  await answerIn(w, 'pattern', 'total');
  await answerIn(w, 'progression', 'stable');
  await answerIn(w, 'hair_colour', 'black');
  await answerIn(w, 'skin_tone', '3');
  if (scar) {
    await answerIn(w, 'scars', 'surgical');
    await answerIn(w, 'scar_healed', 'true');
    await answerIn(w, 'scar_raised', 'false');
  } else {
    await answerIn(w, 'scars', 'none');
  }
  await answerIn(w, 'health', 'none');
  await answerIn(w, 'age_band', '25_34');
  await answerIn(w, 'hairline', 'defined');
  await w.locator('[data-approach]').waitFor();
}

/** From the result of widget `w`: to the lead form, fill the least a visitor must, send. */
export async function sendLeadIn(page, w, { name, email }) {
  await w.locator('.result [part~="next"]').click();
  await humanPace(page);
  await w.getByLabel('Your name').fill(name);
  await w.getByRole('textbox', { name: 'Email' }).fill(email);
  await w.locator('input[name="consent"]').check();
  await w.locator('form.lead [part~="next"]').click();
}
