#!/usr/bin/env node
// Several inbox processes on one PostgreSQL (issue 12, point 4), as an agency would run them,
// against the real binary and a throwaway PostgreSQL server of its own:
//
//   node scripts/fleet.mjs            # the test: 3 instances, 2,000 leads for 5 clinics
//   node scripts/fleet.mjs --short    # what CI runs: the same with 600 leads
//   node scripts/fleet.mjs --bench    # leads/s and p50/p99 with 1, 2 and 3 instances on
//                                     # PostgreSQL (durable: fsync on) and 1 on SQLite
//
// The test posts leads for five clinics at random to the three instances, 20% of them a
// second time (to another instance, at the same moment: the widget's retry racing its first
// try), kills one instance with kill -9 half-way and starts it again, while each clinic's
// webhook fails at first. Then: every acknowledged lead is stored exactly once, under its
// own clinic; every lead's webhook is accepted exactly once; no clinic's user sees another's
// lead. INBOX_PROFILE=debug uses target/debug/smp-inbox (default: release). Prints one line
// per check and "N passed, N failed"; exits 1 if any failed.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, check, leadBody, login, tally, until, PASSWORD } from './lib/inbox.mjs';

const args = process.argv.slice(2);
const SHORT = args.includes('--short');
const BENCH = args.includes('--bench');
const CLINICS = ['north', 'south', 'east', 'west', 'centre'];
const ADMIN_TOKEN = randomBytes(32).toString('base64');
const HOOK_SECRET = randomBytes(32).toString('base64');

/** A throwaway PostgreSQL server (scripts/pg-throwaway); `durable` keeps fsync on. */
function throwawayPostgres({ durable = false } = {}) {
  const run = spawnSync(join(ROOT, 'scripts', 'pg-throwaway'), [], {
    encoding: 'utf8', env: { ...process.env, ...(durable ? { PG_THROWAWAY_DURABLE: '1' } : {}) },
  });
  if (run.status !== 0) throw new Error(`pg-throwaway: ${run.stderr}`);
  const [url, dir] = run.stdout.trim().split('\n');
  return { url, stop: () => spawnSync(join(ROOT, 'scripts', 'pg-throwaway'), ['stop', dir]) };
}

/** `smp-inbox …` on the fleet's database. */
function cli(database, argv, input = '') {
  const run = spawnSync(BIN, argv, {
    input, encoding: 'utf8',
    env: { ...process.env, ...database.env, SMP_INBOX_CLINIC_WEBHOOK_SECRET: HOOK_SECRET },
  });
  if (run.status !== 0) throw new Error(`${argv.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** One inbox process; `url` once it listens. */
function instance(database, extra = []) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(BIN, ['--addr', '127.0.0.1:0', '--admin-token', ADMIN_TOKEN, '--rate-limit-per-minute', '0',
      '--forward-retry-initial-ms', '300', '--forward-retry-max-secs', '2', ...extra],
    { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ...database.env } });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolvePromise({ child, url: m[1] });
    });
    child.on('exit', (code, signal) => reject(new Error(`inbox exited ${code ?? signal}`)));
  });
}

/** Each clinic's webhook: answers 503 while `failing`, then 200; counts what it accepted. */
function receiver() {
  const accepted = new Map(); // lead id → [clinic, …] for each 2xx answer
  let refused = 0;
  const state = { failing: true, accepted, get refused() { return refused; } };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      if (state.failing) {
        refused += 1;
        res.writeHead(503).end();
        return;
      }
      const clinic = req.url.split('/').pop();
      const id = req.headers['idempotency-key'];
      accepted.set(id, [...(accepted.get(id) ?? []), clinic]);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => {
    state.url = `http://127.0.0.1:${server.address().port}`;
    state.close = () => server.close();
    r(state);
  }));
}

/** Posts `body` to `clinic` at one of `urls()` (another one after a refused connection, as
 *  the widget's retry would); the status, or 0 when every try failed. */
async function post(urls, clinic, body, first) {
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const list = urls();
    const url = list[(first + attempt) % list.length];
    try {
      const res = await fetch(`${url}/v1/clinics/${clinic}/leads`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': body.id }, body: JSON.stringify(body),
      });
      await res.text();
      if (res.status < 500) return res.status;
    } catch { /* that instance is down: try the next */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return 0;
}

/** Runs `tasks` (async functions) `concurrency` at a time. */
async function pool(tasks, concurrency) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < tasks.length) {
      const i = next;
      next += 1;
      await tasks[i]();
    }
  }));
}

async function fleetTest() {
  const total = SHORT ? 600 : 2000;
  const pg = throwawayPostgres();
  const database = { env: { SMP_INBOX_DATABASE_URL: pg.url } };
  const hooks = await receiver();
  const instances = [];
  try {
    cli(database, ['migrate']);
    for (const clinic of CLINICS) {
      cli(database, ['clinic', 'add', clinic, '--allow-origin', `https://${clinic}.example`, '--forward-webhook', `${hooks.url}/hook/${clinic}`]);
      cli(database, ['user', 'add', `desk-${clinic}`, '--clinic', clinic], `${PASSWORD}\n`);
    }
    for (let i = 0; i < 3; i += 1) instances.push(await instance(database));
    console.log(`3 instances on one PostgreSQL: ${instances.map((i) => i.url).join(' ')}`);

    // The leads: each to a random clinic; 20% posted twice at once, to two instances.
    const leads = Array.from({ length: total }, (_, n) => {
      const clinic = CLINICS[Math.floor(Math.random() * CLINICS.length)];
      return { clinic, body: leadBody(n + 1, { name: `Person ${n + 1}`, clinic: `Clinic ${clinic}` }), twice: Math.random() < 0.2 };
    });
    const acknowledged = new Map(); // id → clinic
    const failures = [];
    const urls = () => instances.map((i) => i.url);
    let done = 0;
    let killed = null;
    const tasks = leads.map((lead, n) => async () => {
      if (n === Math.floor(total / 2) && !killed) {
        // kill -9 one instance mid-way; start it again on a new port.
        killed = instances[1];
        killed.child.kill('SIGKILL');
        instances[1] = await instance(database);
      }
      const first = Math.floor(Math.random() * 3);
      const tries = lead.twice ? [post(urls, lead.clinic, lead.body, first), post(urls, lead.clinic, lead.body, first + 1)] : [post(urls, lead.clinic, lead.body, first)];
      const statuses = await Promise.all(tries);
      if (statuses.some((s) => s === 201 || s === 200)) acknowledged.set(lead.body.id, lead.clinic);
      else failures.push(`${lead.body.id}: ${statuses.join(',')}`);
      done += 1;
    });
    const started = Date.now();
    await pool(tasks, 16);
    const seconds = (Date.now() - started) / 1000;
    check(`every lead is acknowledged (${total} leads, ${leads.filter((l) => l.twice).length} posted twice at once, one instance killed and restarted)`,
      failures.length === 0, failures.slice(0, 3).join('; ') || `${(total / seconds).toFixed(0)} leads/s`);

    // Stored exactly once, under its own clinic: each clinic's API token lists its leads.
    const tokens = Object.fromEntries(CLINICS.map((c) => [c, cli(database, ['clinic', 'token', c]).match(/(\S{40,})\s*$/)[1]]));
    const stored = new Map(); // id → [clinic, …]
    for (const clinic of CLINICS) {
      let before = '';
      for (;;) {
        const res = await fetch(`${instances[0].url}/v1/leads?limit=500${before}`, { headers: { authorization: `Bearer ${tokens[clinic]}` } });
        const page = await res.json();
        for (const l of page.leads) stored.set(l.id, [...(stored.get(l.id) ?? []), clinic]);
        if (!page.next_before) break;
        before = `&before=${page.next_before}`;
      }
    }
    const wrong = [...acknowledged].filter(([id, clinic]) => (stored.get(id) ?? []).join() !== clinic);
    check('every acknowledged lead is stored exactly once, under its own clinic', wrong.length === 0 && stored.size === acknowledged.size,
      `${stored.size} stored, ${acknowledged.size} acknowledged; ${wrong.slice(0, 3).map(([id, c]) => `${id} (${c}): ${stored.get(id)}`).join('; ')}`);

    // The webhooks recover; every lead's webhook is accepted exactly once, by its own clinic.
    hooks.failing = false;
    const refusedBefore = hooks.refused;
    const delivered = await until(() => hooks.accepted.size >= acknowledged.size, 90_000);
    await new Promise((r) => setTimeout(r, 1500)); // a late duplicate would arrive now
    const twice = [...hooks.accepted].filter(([, clinics]) => clinics.length > 1);
    const astray = [...hooks.accepted].filter(([id, clinics]) => clinics[0] !== acknowledged.get(id));
    check('every lead\'s webhook is accepted exactly once, by its own clinic (after failing at first)',
      delivered && twice.length === 0 && astray.length === 0,
      `${hooks.accepted.size} of ${acknowledged.size} accepted, ${refusedBefore} refused attempts before, ${twice.length} twice, ${astray.length} to another clinic`);

    // No clinic's desk user sees another clinic's lead (the CSV export holds the whole list).
    let leaks = 0;
    let counted = 0;
    for (const clinic of CLINICS) {
      const { session } = await login(instances[2].url, `desk-${clinic}`);
      const csv = await (await fetch(`${instances[2].url}/admin/leads.csv`, { headers: { cookie: `smp_desk=${session.value}` } })).text();
      const ids = [...csv.matchAll(/^"([0-9a-f-]{36})"/gm)].map((m) => m[1]);
      counted += ids.length;
      leaks += ids.filter((id) => acknowledged.get(id) !== clinic).length;
    }
    check('no clinic\'s desk user sees another clinic\'s lead', leaks === 0 && counted === acknowledged.size, `${counted} rows over five exports, ${leaks} of another clinic`);
  } finally {
    for (const i of instances) i.child.kill('SIGKILL');
    hooks.close();
    pg.stop();
  }
}

/** One load run: `total` distinct leads, 16 clients, spread over `urls`; leads/s, p50, p99. */
async function load(urls, total = 2000) {
  const times = [];
  const tasks = Array.from({ length: total }, (_, n) => async () => {
    const body = leadBody(100000 + n, { name: `Load ${n}`, clinic: 'Clinic north' });
    const t = performance.now();
    const status = await post(() => urls, 'north', body, n);
    if (status !== 201) throw new Error(`load: ${status}`);
    times.push(performance.now() - t);
  });
  const started = performance.now();
  await pool(tasks, 16);
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  return `${(total / seconds).toFixed(0)} leads/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`;
}

async function bench() {
  const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
  const rows = [];
  const dir = mkdtempSync(join(tmpdir(), 'smp-fleet-bench-'));
  try {
    for (const count of [1, 2, 3]) {
      for (let run = 0; run < runs; run += 1) {
        const pg = throwawayPostgres({ durable: true });
        const database = { env: { SMP_INBOX_DATABASE_URL: pg.url } };
        const instances = [];
        try {
          cli(database, ['clinic', 'add', 'north', '--allow-origin', 'https://north.example']);
          for (let i = 0; i < count; i += 1) instances.push(await instance(database));
          rows.push(`PostgreSQL, ${count} instance(s), run ${run + 1}: ${await load(instances.map((i) => i.url))}`);
        } finally {
          for (const i of instances) i.child.kill('SIGKILL');
          pg.stop();
        }
        console.log(rows.at(-1));
      }
    }
    for (let run = 0; run < runs; run += 1) {
      const database = { env: { SMP_INBOX_DB: join(dir, `bench-${run}.sqlite3`) } };
      cli(database, ['clinic', 'add', 'north', '--allow-origin', 'https://north.example']);
      const one = await instance(database);
      try {
        rows.push(`SQLite, 1 instance, run ${run + 1}: ${await load([one.url])}`);
      } finally {
        one.child.kill('SIGKILL');
      }
      console.log(rows.at(-1));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  if (BENCH) await bench();
  else await fleetTest();
} catch (err) {
  console.error(err);
  tally.failed += 1;
}
if (!BENCH) console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
