#!/usr/bin/env node
// Attacks the lead desk the way an abusive client or a hostile web page would, and checks
// each finding stays fixed. Starts the real inbox binary on loopback with its own database.
//
//   node scripts/attack-desk.mjs            # everything, including a hostile page in Chromium
//   node scripts/attack-desk.mjs --short    # what CI runs (no browser)
//
// INBOX_PROFILE=debug uses target/debug/smp-inbox (default: release). Prints one line per
// check and ends with "N passed, N failed"; exits 1 if any failed.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, check, cookies, leadBody, leadId as id, login, startInbox, tally, PASSWORD } from './lib/inbox.mjs';

const SHORT = process.argv.includes('--short');
// The inbox refuses short or placeholder secrets.
const API_TOKEN = randomBytes(32).toString('base64');
const dir = mkdtempSync(join(tmpdir(), 'smp-attack-desk-'));

function addUser(db, name, admin) {
  const run = spawnSync(BIN, ['user', 'add', name, '--db', db, ...(admin ? ['--admin'] : [])], { input: `${PASSWORD}\n`, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
}

const start = (db, args = []) => startInbox(['--db', db, '--admin-token', API_TOKEN, ...args]);
const lead = (n, name, phone) => leadBody(n, { name, phone });

async function status(base, session, n) {
  const html = await (await fetch(`${base}/admin/leads/${id(n)}`, { headers: { cookie: `smp_desk=${session}` } })).text();
  return html.match(/value="(\w+)" aria-pressed="true"/)?.[1];
}

try {
  const db = join(dir, 'inbox.sqlite3');
  addUser(db, 'admin', true);
  addUser(db, 'clerk', false);
  addUser(db, 'victim', false);
  const inbox = await start(db);
  const base = inbox.url;
  // Names and phones that a spreadsheet would run as formulas. (A phone like `-2+3` is no
  // longer accepted at all: the lead type wants an international number; `+…` still is.)
  const leads = [lead(1, 'Sam Taylor'), lead(2, 'Sam;=1+1'), lead(3, '=HYPERLINK("http://evil.example";"Click")', '+1 (555) 0100'),
    lead(4, '@SUM(1+1)', '+2 345 678 9012'), lead(5, '<script>alert(1)</script>')];
  for (const body of leads) {
    const res = await fetch(`${base}/v1/leads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`seed: ${res.status} ${await res.text()}`);
  }
  const admin = await login(base, 'admin');

  // --- Session cookie flags and fixation.
  const flags = admin.session?.line ?? '';
  check('session cookie is HttpOnly, SameSite=Strict, Path=/', /HttpOnly/.test(flags) && /SameSite=Strict/.test(flags) && /Path=\//.test(flags), flags);
  const planted = 'attacker-planted-session-token';
  const fixed = await login(base, 'admin', { plant: planted });
  check('a planted session cookie is replaced at login', fixed.session && fixed.session.value !== planted);
  const withPlanted = await fetch(`${base}/admin`, { redirect: 'manual', headers: { cookie: `smp_desk=${planted}` } });
  check('the planted token opens nothing', withPlanted.status === 303, `status ${withPlanted.status}`);
  const https = await start(join(dir, 'https.sqlite3'), ['--public-url', 'https://desk.example']);
  const httpsLogin = await fetch(`${https.url}/admin/login`);
  const prefixed = cookies(httpsLogin)['__Host-smp_desk_login']?.line ?? '';
  check('over https: __Host- prefix and Secure', /; Secure/.test(prefixed), prefixed);
  https.child.kill();

  // --- CSRF: the same state change forged every way a hostile page could.
  const target = `${base}/admin/leads/${id(1)}/status`;
  const forge = async (headers, fields) => (await fetch(target, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `smp_desk=${admin.session.value}`, ...headers },
    body: new URLSearchParams({ status: 'not_a_fit', ...fields }),
  })).status;
  const other = await login(base, 'clerk');
  const attempts = {
    'no token': await forge({ origin: base }, {}),
    'a made-up token': await forge({ origin: base }, { csrf: 'x'.repeat(43) }),
    "another user's token": await forge({ origin: base }, { csrf: other.csrf }),
    'a foreign Origin with the right token': await forge({ origin: 'https://evil.example' }, { csrf: admin.csrf }),
    'Origin: null with the right token': await forge({ origin: 'null' }, { csrf: admin.csrf }),
    'Sec-Fetch-Site: cross-site with the right token': await forge({ origin: base, 'sec-fetch-site': 'cross-site' }, { csrf: admin.csrf }),
  };
  for (const [how, code] of Object.entries(attempts)) check(`CSRF with ${how} is refused`, code === 403, `status ${code}`);
  check('the forged status change did not happen', await status(base, admin.session.value, 1) === 'new');
  const loginCsrf = await fetch(`${base}/admin/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base }, body: new URLSearchParams({ user: 'admin', password: PASSWORD }) });
  check('login CSRF (no login token) is refused', loginCsrf.status === 403 && !cookies(loginCsrf).smp_desk, `status ${loginCsrf.status}`);
  const real = await forge({ origin: base, 'sec-fetch-site': 'same-origin' }, { csrf: admin.csrf });
  check('the desk\'s own form still works', real === 303 && await status(base, admin.session.value, 1) === 'not_a_fit', `status ${real}`);

  if (!SHORT) {
    // A hostile page on another origin auto-submits a form to the desk in a real browser
    // where the admin is logged in.
    const { chromium } = await import('playwright-core');
    const evil = createServer((req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<form id=f method=post action="${base}/admin/leads/${id(1)}/status"><input name=status value=booked><input name=csrf value=guess></form><script>f.submit()</script>`);
    });
    await new Promise((r) => evil.listen(0, '127.0.0.1', r));
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/admin/login`);
    await page.fill('#user', 'admin');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/admin`);
    await page.goto(`http://127.0.0.1:${evil.address().port}/`);
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    check('a hostile page\'s auto-submitted form changes nothing (real browser)', await status(base, admin.session.value, 1) === 'not_a_fit', page.url());
    await browser.close();
    evil.close();
  }

  // --- Login throttling.
  const codes = [];
  for (let i = 0; i < (SHORT ? 8 : 30); i += 1) {
    const page = await fetch(`${base}/admin/login`);
    const token = cookies(page).smp_desk_login.value;
    const res = await fetch(`${base}/admin/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie: `smp_desk_login=${token}` }, body: new URLSearchParams({ csrf: token, user: 'victim', password: `guess ${i}` }) });
    codes.push(res.status);
  }
  const refused = codes.filter((c) => c === 401).length;
  check('password guessing is throttled after 5 tries', refused === 5 && codes.slice(5).every((c) => c === 429), codes.join(' '));
  const page = await fetch(`${base}/admin/login`);
  const token = cookies(page).smp_desk_login.value;
  const right = await fetch(`${base}/admin/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie: `smp_desk_login=${token}` }, body: new URLSearchParams({ csrf: token, user: 'victim', password: PASSWORD }) });
  check('while throttled even the right password waits', right.status === 429 && Number(right.headers.get('retry-after')) > 0, `status ${right.status}, Retry-After ${right.headers.get('retry-after')}`);

  // --- IDOR on lead ids, and what a desk (non-admin) user may do.
  for (const path of [`/admin/leads/${id(1)}`, `/admin/leads/${id(1)}/lead.json`, `/admin/leads/${id(1)}/person.json`, `/admin/leads/${id(1)}/photos/front`, '/admin/leads.csv', '/admin/audit', '/admin/forwards']) {
    const res = await fetch(`${base}${path}`, { redirect: 'manual' });
    const body = await res.text();
    check(`without a session ${path} gives no data`, res.status === 303 && !body.includes('Sam'), `status ${res.status}`);
  }
  // The machines' API token opens the JSON API, not the desk's forwarding page or its button.
  const bearer = { authorization: `Bearer ${API_TOKEN}` };
  const tokenPage = await fetch(`${base}/admin/forwards`, { redirect: 'manual', headers: bearer });
  const tokenRetry = await fetch(`${base}/admin/forwards/1/retry`, { method: 'POST', redirect: 'manual', headers: bearer });
  check('the API token opens neither /admin/forwards nor its Retry now', tokenPage.status === 303 && tokenRetry.status === 303,
    `status ${tokenPage.status}, ${tokenRetry.status}`);
  const api = await fetch(`${base}/v1/leads/${id(1)}`);
  check('the JSON API without the token gives no data', api.status === 401);
  const clerk = await login(base, 'clerk');
  for (const path of [`/admin/leads/${id(1)}/person.json`, `/admin/leads/${id(1)}/erase`, '/admin/audit']) {
    const res = await fetch(`${base}${path}`, { redirect: 'manual', headers: { cookie: `smp_desk=${clerk.session.value}` } });
    check(`a desk user cannot open ${path}`, res.status === 403, `status ${res.status}`);
  }
  const erase = await fetch(`${base}/admin/leads/${id(1)}/erase`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie: `smp_desk=${clerk.session.value}` }, body: new URLSearchParams({ csrf: clerk.csrf }) });
  check('a desk user cannot erase', erase.status === 403);
  const unknown = await fetch(`${base}/admin/leads/6f1c2b3a-4d5e-4f60-8a7b-999999999999`, { headers: { cookie: `smp_desk=${admin.session.value}` } });
  check('an unknown lead id is a plain 404', unknown.status === 404);
  const xss = await (await fetch(`${base}/admin`, { headers: { cookie: `smp_desk=${admin.session.value}` } })).text();
  check('a lead\'s markup is escaped on the list', !xss.includes('<script>alert(1)') && xss.includes('&lt;script&gt;alert(1)'));

  // --- CSV formula injection, opened with ';' as the separator in a real spreadsheet.
  const csv = Buffer.from(await (await fetch(`${base}/admin/leads.csv`, { headers: { cookie: `smp_desk=${admin.session.value}` } })).arrayBuffer());
  const file = join(dir, 'leads.csv');
  writeFileSync(file, csv);
  const office = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo-profile`, '--infilter=CSV:59,34,76,1', '--convert-to', 'fods', '--outdir', dir, file], { encoding: 'utf8' });
  if (office.error) {
    check('LibreOffice is installed (scripts/setup)', false, String(office.error));
  } else {
    const sheet = readFileSync(join(dir, 'leads.fods'), 'utf8');
    const formulas = sheet.match(/table:formula="[^"]*"/g) ?? [];
    check('no formula cell when the CSV is opened with ; in LibreOffice', formulas.length === 0, formulas.join(', '));
    check('the hostile cells are there as text', sheet.includes('Sam;=1+1') && sheet.includes('HYPERLINK'));
  }
  inbox.child.kill();
} catch (err) {
  check('the attack script ran', false, err.stack);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed === 0 ? 0 : 1);
