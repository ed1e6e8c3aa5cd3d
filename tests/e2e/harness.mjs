// Test harness for the end-to-end specs: starts the real inbox (its own SQLite file in a temp
// dir) and the static server on free loopback ports, and launches Debian's Chromium.
// Everything runs on 127.0.0.1 and is torn down by `stop()`.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts a child process and resolves with the URL it prints as `… on http://…`. */
function startService(command, args, pattern) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(pattern);
      if (match) resolvePromise({ child, url: match[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => { output += c; });
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}: ${output}`)));
  });
}

/** A free loopback port (asked of the OS, then released for the service to take). */
export function freePort() {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

/** The inbox binary the specs run (release, or `INBOX_PROFILE=debug`). */
export const INBOX_BIN = join(ROOT, 'target', process.env.INBOX_PROFILE ?? 'release', 'smp-inbox');

/** Adds a desk user to the database at `db` through `smp-inbox user add` (password on stdin). */
export function addDeskUser(db, name, password, { admin = false } = {}) {
  const args = ['user', 'add', name, '--db', db, ...(admin ? ['--admin'] : [])];
  const run = spawnSync(INBOX_BIN, args, { input: `${password}\n`, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`smp-inbox user add failed: ${run.stderr}`);
}

/** Starts the inbox alone on a free port with its database at `db`; `args` are added. */
export async function startInbox(db, args = []) {
  return startService(INBOX_BIN, ['--addr', '127.0.0.1:0', '--db', db, '--rate-limit-per-minute', '0', ...args],
    /listening on (http:\/\/\S+)/);
}

export async function startStack() {
  const dir = mkdtempSync(join(tmpdir(), 'smp-e2e-'));
  const inboxBin = INBOX_BIN;
  const sitePort = await freePort();
  const siteOrigin = `http://127.0.0.1:${sitePort}`;
  // The inbox refuses short or placeholder secrets: a fresh random one per run.
  const adminToken = randomBytes(32).toString('base64');
  const inbox = await startService(inboxBin, ['--addr', '127.0.0.1:0', '--db', join(dir, 'inbox.sqlite3'), '--allow-origin', siteOrigin,
    '--admin-token', adminToken, '--rate-limit-per-minute', '0'],
    /listening on (http:\/\/\S+)/);
  const site = await startService('node', ['scripts/serve.mjs', '--port', String(sitePort), '--inbox', inbox.url],
    /serving on (http:\/\/\S+)/);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    siteUrl: site.url,
    inboxUrl: inbox.url,
    adminToken,
    browser,
    /** Every stored lead, newest first (GET /v1/leads is paged: follows `next`). */
    async leads() {
      const all = [];
      let path = '/v1/leads?limit=500';
      while (path) {
        const res = await fetch(`${inbox.url}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
        if (!res.ok) throw new Error(`inbox answered ${res.status}: ${await res.text()}`);
        const page = await res.json();
        all.push(...page.leads);
        path = page.next;
      }
      return all;
    },
    async stop() {
      await browser.close();
      site.child.kill();
      inbox.child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh page; collects console errors and page errors so specs can assert there are none. */
export async function newPage(stack, { width = 1280, height = 900, path = '/' } = {}) {
  const context = await stack.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => page.consoleErrors.push(`pageerror: ${e.message}`));
  await page.goto(stack.siteUrl + path);
  return page;
}

/** axe-core with the WCAG 2.x A/AA rules, scoped to the widget; returns the violations. */
export async function axe(page, label) {
  // A colour scheme just switched: let the widget's CSS transitions (150 ms on an option's
  // background) finish, or axe measures new text colours on half-changed backgrounds.
  await page.evaluate(() => Promise.all([document, ...[...document.querySelectorAll('smp-consult')].map((el) => el.shadowRoot).filter(Boolean)]
    .flatMap((root) => root.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => {})))));
  const result = await new AxeBuilder({ page })
    .include('smp-consult')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations.map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
