#!/usr/bin/env node
// A small static server for the demo site and the tests: www/ at /, dist/ at /widget/ (the
// configurator at /widget/configure/).
// The widget's files go out brotli-compressed (quality 11, as `scripts/bench` counts them) to a
// browser that accepts it, the way a clinic's host or CDN serves them.
// Usage: node scripts/serve.mjs [--port 8080] [--inbox http://127.0.0.1:8787] [--dist DIR] [--www DIR]
// --inbox rewrites the demo pages' lead endpoint (written as http://127.0.0.1:8787) so tests
// can run the inbox on any port. Prints "serving on http://127.0.0.1:PORT" once listening.
import { createServer } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const port = Number(arg('port', process.env.PORT ?? 8080));
const inbox = arg('inbox', process.env.INBOX_URL ?? '');
const DEFAULT_INBOX = 'http://127.0.0.1:8787';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};
// --dist and --www (or SMP_DIST, SMP_WWW) serve other folders: scripts/bench serves its own
// pages and an earlier build side by side with this one.
const DIST = resolve(arg('dist', process.env.SMP_DIST ?? join(ROOT, 'dist')));
const WWW = resolve(arg('www', process.env.SMP_WWW ?? join(ROOT, 'www')));
const MOUNTS = [['/widget/', DIST], ['/', WWW]];

const compressed = new Map(); // file → { key, br: Promise<Buffer> }, redone when the file changes
async function brotli(file, body) {
  const info = await stat(file);
  const key = `${info.mtimeMs}:${info.size}`;
  if (compressed.get(file)?.key !== key) {
    const br = promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    compressed.set(file, { key, br });
  }
  return compressed.get(file).br;
}

async function resolveFile(urlPath) {
  for (const [prefix, dir] of MOUNTS) {
    if (!urlPath.startsWith(prefix)) continue;
    let file = normalize(join(dir, decodeURIComponent(urlPath.slice(prefix.length))));
    if (file !== dir && !file.startsWith(dir + sep)) return null; // no escaping the mount
    const info = await stat(file).catch(() => null);
    if (info?.isDirectory()) file = join(file, 'index.html');
    if (await stat(file).then((s) => s.isFile()).catch(() => false)) return file;
  }
  return null;
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    const file = await resolveFile(url.pathname);
    if (!file || !['GET', 'HEAD'].includes(req.method)) {
      res.writeHead(file ? 405 : 404, { 'content-type': 'text/plain' }).end(file ? 'method not allowed' : 'not found');
      return;
    }
    let body = await readFile(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (inbox && extname(file) === '.html') body = Buffer.from(body.toString().replaceAll(DEFAULT_INBOX, inbox));
    const headers = { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
    // Pages may ask for a strict CSP by living under /csp/ (the strict-CSP example).
    if (url.pathname.startsWith('/csp/') && extname(file) === '.html') {
      const connect = inbox || DEFAULT_INBOX;
      headers['content-security-policy'] = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' ${connect}`;
    }
    // The configurator (and its preview frame) run under a strict CSP too. Its test lead may
    // go to any https:// destination, or one on this machine.
    if (url.pathname.startsWith('/widget/configure/') && extname(file) === '.html') {
      headers['content-security-policy'] = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
        + "img-src 'self' data: blob: https:; connect-src 'self' https: http://127.0.0.1:* http://localhost:*; frame-src 'self'";
    }
    // The widget's files may be used from other origins, as from a CDN (a clinic's own page).
    if (url.pathname.startsWith('/widget/')) headers['access-control-allow-origin'] = '*';
    if (url.pathname.startsWith('/widget/') && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = await brotli(file, body);
      headers['content-encoding'] = 'br';
      headers.vary = 'accept-encoding';
    }
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(`serving on http://127.0.0.1:${server.address().port}`);
  // Compress the widget's files now, so the first visitor does not wait for it.
  const dist = DIST;
  readdir(dist, { recursive: true })
    .then((names) => Promise.all(names.map(async (name) => {
      const file = join(dist, name);
      if ((await stat(file)).isFile()) await brotli(file, await readFile(file));
    })))
    .catch(() => {}); // no dist/ yet: compressed on first request instead
});
