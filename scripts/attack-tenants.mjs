#!/usr/bin/env node
// Attacks one inbox serving two clinics the way a curious or hostile clinic (or a stolen
// token of one) would: a lead posted with another clinic's name, clinic A's API token used on
// clinic B's ids, a desk user of A opening, changing, exporting, erasing and retrying B's
// leads. Each finding must stay fixed. Starts the real inbox binary on loopback with its own
// database; clinics and users are made with the real command line.
//
//   node scripts/attack-tenants.mjs           # everything
//   node scripts/attack-tenants.mjs --short   # what CI runs (the same: it takes seconds)
//
// INBOX_PROFILE=debug uses target/debug/smp-inbox (default: release). Prints one line per
// check and ends with "N passed, N failed"; exits 1 if any failed.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, check, leadBody, leadId as id, login as loginForm, startInbox, tally, PASSWORD } from './lib/inbox.mjs';

const DEFAULT_TOKEN = randomBytes(32).toString('base64');
const HOOK_SECRET = randomBytes(32).toString('base64');
const dir = mkdtempSync(join(tmpdir(), 'smp-attack-tenants-'));
const db = join(dir, 'inbox.sqlite3');

function cli(args, input = '') {
  const run = spawnSync(BIN, [...args, '--db', db], {
    input, encoding: 'utf8', env: { ...process.env, SMP_INBOX_CLINIC_WEBHOOK_SECRET: HOOK_SECRET },
  });
  if (run.status !== 0) throw new Error(`${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

function addClinic(id, origin) {
  // The webhook points at a closed port: the job stays pending, so it can be retried.
  const out = cli(['clinic', 'add', id, '--allow-origin', origin, '--forward-webhook', 'http://127.0.0.1:9/hook']);
  return out.match(/api token \(shown once\): (\S+)/)[1];
}

const start = () => startInbox(['--db', db, '--admin-token', DEFAULT_TOKEN, '--forward-retry-initial-ms', '3600000'], { stderr: 'inherit' });
const lead = (n, name, email, clinic) => leadBody(n, { name, email, clinic, url: 'https://alpha.example/' });

/** A logged-in desk user: `get(path)`, `post(path, fields)` (with the CSRF token). */
async function login(base, user) {
  const { session: { value: session }, csrf } = await loginForm(base, user);
  return {
    get: (path) => fetch(`${base}${path}`, { redirect: 'manual', headers: { cookie: `smp_desk=${session}` } }),
    post: (path, fields = {}) => fetch(`${base}${path}`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie: `smp_desk=${session}` },
      body: new URLSearchParams({ csrf, ...fields }),
    }),
  };
}

const answer = async (res) => ({ status: res.status, body: await res.text(), location: res.headers.get('location') });

try {
  const alphaToken = addClinic('alpha', 'https://alpha.example');
  const betaToken = addClinic('beta', 'https://beta.example');
  cli(['user', 'add', 'alice', '--admin', '--clinic', 'alpha'], `${PASSWORD}\n`);
  cli(['user', 'add', 'bob', '--admin', '--clinic', 'beta'], `${PASSWORD}\n`);
  const inbox = await start();
  const base = inbox.url;
  const post = (path, body, headers = {}) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const api = (path, token, method = 'GET') => fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}` } });

  // --- A lead that claims to be another clinic's.
  const alphaLead = lead(1, 'Alma Private', 'alma.private@example.com', 'beta');
  const stored = await post('/v1/clinics/alpha/leads', alphaLead, { origin: 'https://alpha.example', 'x-clinic': 'beta', 'x-clinic-id': 'beta', 'x-forwarded-host': 'beta.example' });
  check('a lead posted to alpha naming beta (body, headers) is stored', stored.status === 201, `status ${stored.status}`);
  const asBeta = await api(`/v1/leads/${id(1)}`, betaToken);
  const asAlpha = await api(`/v1/leads/${id(1)}`, alphaToken);
  check('…under alpha, not beta', asAlpha.status === 200 && (await asAlpha.json()).clinic === 'alpha' && asBeta.status === 404, `alpha ${asAlpha.status}, beta ${asBeta.status}`);
  const moved = await post('/v1/clinics/beta/leads', alphaLead, { origin: 'https://beta.example' });
  check("the same lead id posted to beta's endpoint is refused, not moved", moved.status === 422, `status ${moved.status}`);
  const cross = await post('/v1/clinics/alpha/leads', lead(2, 'X', 'x@example.com', 'alpha'), { origin: 'https://beta.example' });
  check("beta's website cannot post to alpha's endpoint (CORS)", cross.status === 403, `status ${cross.status}`);
  for (const path of ['/v1/clinics/ALPHA/leads', '/v1/clinics/alpha%2F..%2Fbeta/leads', '/v1/clinics/gamma/leads', '/v1/clinics/default%00/leads']) {
    const res = await post(path, lead(3, 'Y', 'y@example.com', 'alpha'));
    check(`no clinic at ${path}`, res.status === 404, `status ${res.status}`);
  }
  const betaLead = await post('/v1/clinics/beta/leads', lead(4, 'Bettina Secret', 'bettina.secret@example.com', 'Beta'), { origin: 'https://beta.example' });
  if (betaLead.status !== 201) throw new Error(`seed beta: ${betaLead.status}`);

  // --- Beta's API token against alpha's lead and job.
  const alphaJobs = await (await api('/v1/forwards', alphaToken)).json();
  const alphaJob = alphaJobs.jobs.find((j) => j.lead_id === id(1))?.id;
  check("alpha's lead has a forwarding job to retry", Number.isInteger(alphaJob));
  const missing = id(0xdead);
  const foreignGet = await answer(await api(`/v1/leads/${id(1)}`, betaToken));
  const absentGet = await answer(await api(`/v1/leads/${missing}`, betaToken));
  check("beta's token: alpha's lead id answers as an id that does not exist", foreignGet.status === absentGet.status && foreignGet.body.replace(id(1), 'X') === absentGet.body.replace(missing, 'X'), `${foreignGet.status} ${foreignGet.body}`);
  const betaList = await (await api('/v1/leads', betaToken)).text();
  check("beta's token lists no lead of alpha", !betaList.includes(id(1)) && betaList.includes(id(4)));
  const betaJobs = await (await api('/v1/forwards', betaToken)).text();
  check("beta's token lists no forwarding job of alpha", !betaJobs.includes(id(1)));
  const retry = await answer(await api(`/v1/forwards/${alphaJob}/retry`, betaToken, 'POST'));
  const retryAbsent = await answer(await api('/v1/forwards/987654321/retry', betaToken, 'POST'));
  check("beta's token cannot retry alpha's forward", retry.status === 404 && retryAbsent.status === 404, `status ${retry.status}`);
  const photo = await answer(await api(`/admin/leads/${id(1)}/photos/front`, betaToken));
  const csvByToken = await answer(await api('/admin/leads.csv', betaToken));
  check("beta's token: alpha's photo and CSV rows are not served", photo.status === 404 && !csvByToken.body.includes('alma.private'), `photo ${photo.status}`);
  const defaultList = await (await api('/v1/leads', DEFAULT_TOKEN)).text();
  check("the default clinic's token lists neither clinic's leads", !defaultList.includes(id(1)) && !defaultList.includes(id(4)));

  // --- Bob, beta's administrator, on the desk against alpha's lead.
  const bob = await login(base, 'bob');
  const pages = ['', '/lead.json', '/person.json', '/erase', '/photos/front'];
  for (const page of pages) {
    const foreign = await answer(await bob.get(`/admin/leads/${id(1)}${page}`));
    const absent = await answer(await bob.get(`/admin/leads/${missing}${page}`));
    check(`bob GET /admin/leads/<alpha's>${page}: as if it did not exist, nothing shown`, foreign.status === absent.status && foreign.status === 404 && !foreign.body.includes('Alma'), `status ${foreign.status}`);
  }
  const changes = [['/status', { status: 'not_a_fit' }], ['/notes', { note: 'bob was here' }], ['/erase', {}], ['/notes', { note: '' }]];
  for (const [path, fields] of changes) {
    const foreign = await answer(await bob.post(`/admin/leads/${id(1)}${path}`, fields));
    const absent = await answer(await bob.post(`/admin/leads/${missing}${path}`, fields));
    check(`bob POST /admin/leads/<alpha's>${path} ${JSON.stringify(fields)}: answered as a missing lead`, foreign.status === absent.status && (foreign.location ?? '').replace(id(1), 'X') === (absent.location ?? '').replace(missing, 'X'), `status ${foreign.status}`);
  }
  const retryDesk = await answer(await bob.post(`/admin/forwards/${alphaJob}/retry`, { back: 'lead' }));
  check("bob cannot retry alpha's forward from the desk", retryDesk.status === 404, `status ${retryDesk.status}`);
  const csv = await (await bob.get('/admin/leads.csv')).text();
  check("bob's CSV export has beta's lead and none of alpha's", csv.includes('bettina.secret') && !csv.includes('alma.private'));
  // (The search box shows back what bob typed: look for alpha's lead, not the word.)
  for (const path of ['/admin', '/admin/forwards', '/admin/audit', `/admin?q=${encodeURIComponent('alma.private')}`]) {
    const html = await (await bob.get(path)).text();
    const leaked = html.includes(id(1)) || html.includes('Alma Private') || html.includes('alma.private@');
    check(`bob's ${path} shows nothing of alpha`, !leaked && html.includes('bob'));
  }

  // --- Alpha's lead is as it was.
  const alice = await login(base, 'alice');
  const mine = await (await alice.get(`/admin/leads/${id(1)}`)).text();
  check("alice still sees alpha's lead, new, without bob's note", mine.includes('Alma Private') && !mine.includes('bob was here') && /value="new" aria-pressed="true"/.test(mine));
  const audit = await (await alice.get('/admin/audit')).text();
  check("alpha's audit log has no entry by bob", !audit.includes('>bob<'));
  const jobs = await (await api('/v1/forwards', alphaToken)).json();
  const job = jobs.jobs.find((j) => j.id === alphaJob);
  check("alpha's job was not retried by beta", job && job.attempts <= 1 && job.state === 'pending', JSON.stringify(job));

  // --- A clinic removed while the inbox runs: its endpoint and token stop within seconds.
  cli(['clinic', 'remove', 'beta']);
  const gone = await api('/v1/leads', betaToken);
  check("a removed clinic's token stops at once", gone.status === 401, `status ${gone.status}`);
  inbox.child.kill();
} catch (err) {
  check('attack script ran', false, err.stack);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
