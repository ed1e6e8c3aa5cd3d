// What the attack scripts share: the inbox binary started on loopback, a tally of checks, a
// lead body, and a desk login through the real login form (with its CSRF token).
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The inbox binary: target/debug with INBOX_PROFILE=debug, else target/release. */
export const BIN = join(ROOT, 'target', process.env.INBOX_PROFILE ?? 'release', 'smp-inbox');
export const PASSWORD = 'attack script password 2026';

/** One line per check; `tally.passed`, `tally.failed` for the summary. */
export const tally = { passed: 0, failed: 0 };
export function check(name, ok, detail = '') {
  if (ok) tally.passed += 1; else tally.failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

/** Starts the inbox on a free loopback port; resolves to `{ child, url }` once it listens. */
export function startInbox(args, { stderr = 'pipe' } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(BIN, ['--addr', '127.0.0.1:0', '--rate-limit-per-minute', '0', ...args], { stdio: ['ignore', 'pipe', stderr] });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolvePromise({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`inbox exited ${code}`)));
  });
}

/** Polls `condition` (sync or async) every 50 ms until it holds or `ms` have passed;
 *  whether it held. A wait on a condition, never a fixed sleep against a live service. */
export async function until(condition, ms) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** The n-th lead id. */
export const leadId = (n) => `6f1c2b3a-4d5e-4f60-8a7b-${n.toString(16).padStart(12, '0')}`;

/** A valid lead; `contact` fields and `page.url` may be overridden. */
export function leadBody(n, { name, email = `p${n}@example.com`, phone = '+44 7700 900123', clinic = 'Northline SMP', url = 'https://northline.example/' }) {
  return {
    schema: 'smp-consult.lead/v1', id: leadId(n), created_at: '2026-12-01T10:00:00.000Z', clinic, locale: 'en',
    contact: { name, email, phone, preferred_contact: 'phone', best_time: 'any', message: '' },
    consent: { processing: true, marketing: false, text: 'I agree.' },
    answers: { pattern: 'male', stage: 'n4', progression: 'slow', style: 'buzz', hair_colour: 'dark_brown', skin_tone: 3, scars: [], health: [], age_band: '35_44' },
    recommendation: { approach: 'buzz_cut', alternative: null, add_ons: [], extent: 'medium', sessions: { min: 3, max: 3 }, hours_per_session: { min: 3, max: 4 }, hairline: 'soft', pigment: [], cautions: [], in_person: [], price: null, reasons: [] },
    photos: [], page: { url, referrer: null, utm: {} },
  };
}

/** Set-Cookie values by name: `{ value, line }`. */
export function cookies(res) {
  const out = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    out[pair.slice(0, at)] = { value: pair.slice(at + 1), line };
  }
  return out;
}

/**
 * Logs `user` in through the login form (optionally with a planted session cookie sent
 * along); returns the login answer, the session cookie and the desk's CSRF token.
 */
export async function login(base, user, { plant } = {}) {
  const page = await fetch(`${base}/admin/login`, { headers: plant ? { cookie: `smp_desk=${plant}` } : {} });
  const token = cookies(page).smp_desk_login.value;
  const res = await fetch(`${base}/admin/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie: `smp_desk_login=${token}${plant ? `; smp_desk=${plant}` : ''}` },
    body: new URLSearchParams({ csrf: token, user, password: PASSWORD }),
  });
  const session = cookies(res).smp_desk;
  const list = await fetch(`${base}/admin`, { headers: { cookie: `smp_desk=${session?.value}` } });
  const html = await list.text();
  const csrf = html.match(/name="csrf" value="([^"]+)"/)?.[1];
  return { res, session, csrf };
}
