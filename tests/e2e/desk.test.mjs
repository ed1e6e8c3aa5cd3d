// End-to-end: the clinic's lead desk (issue 8), driven as a front desk would in headless
// Chromium against the real inbox: log in, filter, search, change a status, add a note,
// export the filtered CSV, retry a forward by hand, erase a lead; axe-core on every desk page
// at 1280 px and 390 px;
// nothing wider than a phone at 390 px. Screenshots (light, dark, forced colours) go to
// $SHOTS_DIR when it is set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { addDeskUser, CHROMIUM_ARGS, freePort, startInbox } from './harness.mjs';

// The inbox refuses short or placeholder secrets: a fresh random one per run.
const API_TOKEN = randomBytes(32).toString('base64');

const ADMIN = 'frontdesk';
const PASSWORD = 'e2e desk password 2026';
const SHOTS = process.env.SHOTS_DIR;
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function lead(n, { name, email, phone, locale = 'en', answers = {}, recommendation = {}, photos = [] }) {
  return {
    schema: 'smp-consult.lead/v1',
    id: `6f1c2b3a-4d5e-4f60-8a7b-${n.toString(16).padStart(12, '0')}`,
    created_at: '2026-12-01T10:00:00.000Z',
    clinic: 'Northline SMP',
    locale,
    contact: { name, email, phone, preferred_contact: 'whatsapp', best_time: 'evening', message: 'Is this right for me?' },
    consent: { processing: true, marketing: false, text: 'I agree that Northline SMP may use my answers, including health information.' },
    answers: {
      pattern: 'male', stage: 'n4', progression: 'slow', style: 'buzz', hair_colour: 'dark_brown', skin_tone: 3,
      scars: [], health: [], age_band: '35_44', hairline: 'unsure', ...answers,
    },
    recommendation: {
      approach: 'buzz_cut', alternative: null, add_ons: [], extent: 'medium', sessions: { min: 3, max: 3 },
      hours_per_session: { min: 3, max: 4 }, hairline: 'soft', pigment: [], cautions: ['future_loss'], in_person: [],
      price: { currency: 'GBP', min: 850, max: 1500 }, reasons: ['prefers_buzz'], ...recommendation,
    },
    photos,
    page: { url: 'https://northline.example/consult', referrer: null, utm: {} },
  };
}

const LEADS = [
  lead(1, { name: 'Sam Taylor', email: 'sam@example.com', phone: '+44 7700 900123',
    answers: { health: ['keloid', 'blood_thinners'] }, recommendation: { in_person: ['keloid', 'blood_thinners'] } }),
  lead(2, { name: 'Ana Silva', email: 'ana@example.pt', phone: '+351 912 345 678', locale: 'pt',
    answers: { pattern: 'female', stage: 'l2', style: 'longer' },
    recommendation: { approach: 'density_shading', cautions: ['limited_density'] },
    photos: [{ slot: 'front', media_type: 'image/png', width: 1, height: 1, data: PNG_1X1 }] }),
  lead(3, { name: '=HYPERLINK("http://evil.example";"Zoë")', email: 'zoe@example.de', phone: '+49 30 1234567', locale: 'de',
    answers: { pattern: 'none', stage: undefined, scars: ['fut_strip'], scar_healed: false, scar_raised: true },
    recommendation: { approach: 'scar_camouflage', in_person: ['scar_recent', 'scar_raised'] } }),
];

let inbox;
let browser;
let dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'smp-desk-e2e-'));
  const db = join(dir, 'inbox.sqlite3');
  addDeskUser(db, ADMIN, PASSWORD, { admin: true });
  // Every lead is forwarded to a webhook that never answers (nothing listens on its port), so
  // each lead has a forward that is waiting or retrying, with its last error.
  const deadPort = await freePort();
  inbox = await startInbox(db, ['--admin-token', API_TOKEN,
    '--forward-webhook', `http://127.0.0.1:${deadPort}/hook`, '--forward-webhook-secret', randomBytes(32).toString('base64')]);
  for (const body of LEADS) {
    const res = await fetch(`${inbox.url}/v1/leads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 201, await res.text());
  }
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  inbox?.child.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** axe-core, WCAG 2.x A/AA, the whole page. */
async function violations(page, label) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations.map((v) => `${label}: ${v.id} ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** axe in the dark theme too (its colours are the desk's own, not the browser's). */
async function darkViolations(page, label) {
  await page.emulateMedia({ colorScheme: 'dark' });
  const found = await violations(page, `${label} dark`);
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/** Nothing sticks out sideways (a phone would have to scroll). */
async function assertNoSidewaysScroll(page, label) {
  // Against the device's width: a mobile browser widens its layout viewport to fit content.
  const { width } = page.viewportSize();
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width, `${label}: ${scroll}px wide in a ${width}px window`);
}

async function shoot(page, name) {
  if (!SHOTS) return;
  for (const [suffix, media] of [['light', { colorScheme: 'light', forcedColors: 'none' }], ['dark', { colorScheme: 'dark', forcedColors: 'none' }], ['forced', { colorScheme: 'light', forcedColors: 'active' }]]) {
    await page.emulateMedia(media);
    await page.screenshot({ path: join(SHOTS, `${name}-${suffix}.png`), fullPage: true });
    // What a phone shows first, at a size one can read.
    if (page.viewportSize().width < 500) await page.screenshot({ path: join(SHOTS, `${name}-${suffix}-screen.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
}

async function logIn(page) {
  await page.goto(`${inbox.url}/admin`);
  assert.match(page.url(), /\/admin\/login\?next=%2Fadmin/);
  await page.getByLabel('User name').fill(ADMIN);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${inbox.url}/admin`);
}

describe('the lead desk', () => {
  test('a front desk works its leads: log in, filter, search, status, note, CSV, erase', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const found = [];

    await page.goto(`${inbox.url}/admin/login`);
    found.push(...await violations(page, 'login 1280'));
    await shoot(page, 'login-1280');
    await logIn(page);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'smp_desk');
    assert.ok(session?.httpOnly && session.sameSite === 'Strict', JSON.stringify(cookies));

    // The list, in words.
    await assert.doesNotReject(page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor());
    assert.equal(await page.locator('ol.leads > li').count(), 3);
    const sam = page.locator('ol.leads > li', { hasText: 'Sam Taylor' });
    // Each in-person flag and caution as a badge of its own, described by the widget's sentence.
    assert.deepEqual(await sam.locator('.badge.warn').allTextContents(), ['Keloid tendency', 'Blood thinners / bleeding']);
    assert.deepEqual(await sam.locator('.badge.caution').allTextContents(), ['May keep losing hair']);
    const keloid = await sam.locator('.badge.warn', { hasText: 'Keloid tendency' }).getAttribute('aria-describedby');
    assert.match(await page.locator(`[id="${keloid}"]`).textContent(), /keloid scars/);
    const zoe = page.locator('ol.leads > li', { hasText: 'Zoë' });
    assert.deepEqual(await zoe.locator('.badge.warn').allTextContents(), ['Recent scar', 'Raised scar']);
    await assert.doesNotReject(sam.getByText('The full buzz-cut look').waitFor());
    assert.match(await sam.textContent(), /Hair: Dark brown/);
    found.push(...await violations(page, 'list 1280'));
    found.push(...await darkViolations(page, 'list 1280'));
    await shoot(page, 'list-1280');

    // Filter: in-person check needed, from the filter panel; the URL keeps it.
    await page.getByText('Find leads', { exact: true }).click();
    await page.getByLabel('In-person check').selectOption('yes');
    await page.locator('details.filters').getByRole('button', { name: 'Show leads' }).click();
    await page.waitForURL(/in_person=yes/);
    assert.equal(await page.locator('ol.leads > li').count(), 2);
    assert.equal(await page.locator('ol.leads > li', { hasText: 'Ana Silva' }).count(), 0);

    // Search on top of the filter, then alone.
    await page.getByLabel('Name, email or phone').fill('7700 900');
    await page.locator('.search').getByRole('button', { name: 'Show leads' }).click();
    await page.waitForURL(/q=7700\+900/);
    assert.match(page.url(), /in_person=yes/);
    assert.deepEqual(await page.locator('ol.leads > li h2').allTextContents(), ['Sam Taylor']);
    await page.goto(`${inbox.url}/admin?q=ANA`);
    assert.deepEqual(await page.locator('ol.leads > li h2').allTextContents(), ['Ana Silva']);

    // Work Sam's lead: status in one click, a note, the contact links.
    await page.goto(`${inbox.url}/admin`);
    await page.getByRole('link', { name: 'Sam Taylor' }).click();
    await page.getByRole('heading', { name: 'Sam Taylor', level: 1 }).waitFor();
    assert.equal(await page.getByRole('link', { name: /Call/ }).getAttribute('href'), 'tel:+447700900123');
    assert.equal(await page.getByRole('link', { name: 'WhatsApp' }).getAttribute('href'), 'https://wa.me/447700900123');
    await assert.doesNotReject(page.getByText('Blood thinners affect healing', { exact: false }).first().waitFor());
    found.push(...await violations(page, 'detail 1280'));
    found.push(...await darkViolations(page, 'detail 1280'));
    await shoot(page, 'detail-1280');
    await page.getByRole('button', { name: 'Contacted' }).click();
    await page.waitForURL(/#status$/);
    assert.equal(await page.getByRole('button', { name: 'Contacted' }).getAttribute('aria-pressed'), 'true');
    await assert.doesNotReject(page.getByText(`by ${ADMIN},`).waitFor());
    await page.getByLabel('New note').fill('Called, left a voicemail. Try again Thursday.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.waitForURL(/#notes$/);
    await assert.doesNotReject(page.locator('ol.notes').getByText('left a voicemail').waitFor());

    // Sam's forward to the webhook: its state on the lead's page, and Retry now.
    const forwarding = page.locator('#forwarding');
    await assert.doesNotReject(forwarding.getByText('Webhook', { exact: true }).waitFor());
    await page.getByRole('button', { name: 'Retry now: Webhook' }).click();
    await page.waitForURL(/forward=retried#forwarding$/);
    await assert.doesNotReject(forwarding.getByText('This forward will be tried again now.').waitFor());

    // Every forward on the forwarding page, from the navigation.
    await page.getByRole('navigation', { name: 'Lead desk' }).getByRole('link', { name: 'Forwarding' }).click();
    await page.getByRole('heading', { name: 'Forwarding', level: 1 }).waitFor();
    assert.equal(await page.locator('ol.forwards > li').count(), 3);
    await assert.doesNotReject(page.getByRole('link', { name: /Waiting or retrying \(3\)/ }).waitFor());
    found.push(...await violations(page, 'forwarding 1280'));
    found.push(...await darkViolations(page, 'forwarding 1280'));
    await shoot(page, 'forwarding-1280');
    await page.goto(`${inbox.url}/admin/leads/6f1c2b3a-4d5e-4f60-8a7b-000000000001#forwarding`);
    await shoot(page, 'detail-after-retry-1280');

    // Export the filtered view as CSV.
    await page.goto(`${inbox.url}/admin?status=contacted`);
    assert.equal(await page.locator('ol.leads > li').count(), 1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download these leads as CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines.length, 2, csv);
    assert.match(lines[1], /^"6f1c2b3a-4d5e-4f60-8a7b-000000000001","[^"]+","contacted","frontdesk",/);
    assert.match(lines[1], /"'\+44 7700 900123"/);

    // Erase Ana, after the confirmation.
    await page.goto(`${inbox.url}/admin`);
    await page.getByRole('link', { name: 'Ana Silva' }).click();
    await page.getByRole('link', { name: 'Erase this lead' }).click();
    await page.getByRole('heading', { name: 'Erase this lead?' }).waitFor();
    found.push(...await violations(page, 'erase 1280'));
    found.push(...await darkViolations(page, 'erase 1280'));
    await shoot(page, 'erase-1280');
    await page.getByRole('button', { name: 'Erase for good' }).click();
    await page.waitForURL(/erased=1/);
    await assert.doesNotReject(page.getByText('The lead was erased.').waitFor());
    assert.equal(await page.locator('ol.leads > li', { hasText: 'Ana Silva' }).count(), 0);
    const api = await fetch(`${inbox.url}/v1/leads`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
    assert.deepEqual((await api.json()).leads.map((l) => l.lead.contact.name).sort(), ['=HYPERLINK("http://evil.example";"Zoë")', 'Sam Taylor']);

    // The audit log has all of it.
    await page.getByRole('link', { name: 'Audit log' }).click();
    for (const what of ['Status changed', 'Note added', 'Forward retried', 'CSV export', 'Erased', 'Logged in']) {
      await assert.doesNotReject(page.getByRole('cell', { name: what, exact: true }).first().waitFor(), what);
    }
    found.push(...await violations(page, 'audit 1280'));
    await shoot(page, 'audit-1280');

    // Logging out ends the session.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/admin\/login\?out=1/);
    await page.goto(`${inbox.url}/admin`);
    assert.match(page.url(), /\/admin\/login/);
    assert.deepEqual(found, []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('every desk page works on a 390 px phone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const found = [];
    await page.goto(`${inbox.url}/admin/login`);
    await assertNoSidewaysScroll(page, 'login');
    found.push(...await violations(page, 'login 390'));
    await shoot(page, 'login-390');
    await logIn(page);
    for (const [name, path] of [
      ['list', '/admin'],
      ['filtered', '/admin?in_person=yes&status=new'],
      ['detail', '/admin/leads/6f1c2b3a-4d5e-4f60-8a7b-000000000001'],
      ['detail-scar', '/admin/leads/6f1c2b3a-4d5e-4f60-8a7b-000000000003'],
      ['erase', '/admin/leads/6f1c2b3a-4d5e-4f60-8a7b-000000000003/erase'],
      ['audit', '/admin/audit'],
      ['forwarding', '/admin/forwards'],
    ]) {
      await page.goto(`${inbox.url}${path}`);
      await assertNoSidewaysScroll(page, name);
      found.push(...await violations(page, `${name} 390`));
      await shoot(page, `${name}-390`);
    }
    // Status buttons are large enough to tap.
    await page.goto(`${inbox.url}/admin/leads/6f1c2b3a-4d5e-4f60-8a7b-000000000001`);
    const box = await page.getByRole('button', { name: 'Booked' }).boundingBox();
    assert.ok(box.height >= 24 && box.width >= 24, JSON.stringify(box));
    assert.deepEqual(found, []);
    await context.close();
  });
});
