// End-to-end: scalp photos in the lead form (DESIGN.md "The lead"). A visitor adds real
// files carrying EXIF and GPS, removes and re-adds one, is refused a text file named .jpg and
// a file over 20 MiB, and sends; the inbox must then hold JPEGs of at most 1600 px with no
// EXIF and no location left in them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axe, newPage, ROOT, startStack } from './harness.mjs';
import { answerIn, captureLead, fillLead, walkTotalLoss, widget } from './visitor.mjs';
import { jpegBomb, pngBomb } from '../fixtures/pixel-bombs.mjs';

const FIXTURES = join(ROOT, 'tests', 'fixtures');
const GPS_JPEG = join(FIXTURES, 'scalp-gps.jpg'); // 2400×1800, EXIF with GPS
const GPS_PNG = join(FIXTURES, 'crown.png'); // 900×1200, eXIf chunk with GPS
const NOT_AN_IMAGE = join(FIXTURES, 'not-an-image.jpg');
const ROTATED = join(FIXTURES, 'rotated.jpg'); // 600×400 stored, EXIF says turn 90° clockwise
// Written into the fixtures' EXIF by make_fixtures.py; none of it may reach the clinic.
const METADATA_MARKERS = ['Exif', 'SMP-FIXTURE-GPS', 'SMP Fixture Camera'];

let stack;
let scratch;
let oversized;
before(async () => {
  stack = await startStack();
  // Over 20 MiB, with a real JPEG signature: refused for its size before anything decodes it.
  scratch = mkdtempSync(join(tmpdir(), 'smp-photos-'));
  oversized = join(scratch, 'huge-photo.jpg');
  const huge = Buffer.alloc(21 * 1024 * 1024);
  huge.set([0xff, 0xd8, 0xff, 0xe0]);
  writeFileSync(oversized, huge);
});
after(async () => {
  await stack?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A JPEG's marker segments up to the image data: [{ marker, body }]. */
function jpegSegments(bytes) {
  assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xd8], 'starts with SOI');
  const segments = [];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    const length = bytes.readUInt16BE(at + 2);
    segments.push({ marker, body: bytes.subarray(at + 4, at + 2 + length) });
    if (marker === 0xda) break; // start of scan: image data follows
    at += 2 + length;
  }
  return segments;
}

/** Width and height from a JPEG's start-of-frame segment. */
function jpegSize(bytes) {
  const frame = jpegSegments(bytes).find((s) => s.marker >= 0xc0 && s.marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(s.marker));
  assert.ok(frame, 'has a frame header');
  return { width: frame.body.readUInt16BE(3), height: frame.body.readUInt16BE(1) };
}

/** Asserts the JPEG carries no EXIF (APP1) segment and none of the fixtures' metadata. */
function assertNoMetadata(bytes, label) {
  const app1 = jpegSegments(bytes).filter((s) => s.marker === 0xe1);
  assert.deepEqual(app1.map((s) => s.body.subarray(0, 6).toString('latin1')), [], `${label}: no APP1 (EXIF/XMP) segment`);
  for (const marker of METADATA_MARKERS) {
    assert.equal(bytes.includes(Buffer.from(marker, 'latin1')), false, `${label}: no "${marker}" anywhere in the file`);
  }
}

describe('scalp photos in the lead form', () => {
  test('the fixtures really carry EXIF with a GPS position', () => {
    const jpeg = readFileSync(GPS_JPEG);
    const exif = jpegSegments(jpeg).find((s) => s.marker === 0xe1 && s.body.subarray(0, 4).toString('latin1') === 'Exif');
    assert.ok(exif, 'scalp-gps.jpg has an EXIF APP1 segment');
    assert.ok(exif.body.includes(Buffer.from('SMP-FIXTURE-GPS')), 'with the GPS block');
    assert.deepEqual(jpegSize(jpeg), { width: 2400, height: 1800 });
    const png = readFileSync(GPS_PNG);
    assert.ok(png.includes(Buffer.from('eXIf')) && png.includes(Buffer.from('SMP-FIXTURE-GPS')), 'crown.png has an eXIf chunk with GPS');
  });

  test('add, remove and re-add, refused files, then the clinic gets resized JPEGs without EXIF or location', async () => {
    const page = await newPage(stack, { width: 390, height: 844 });
    await page.evaluate(() => { sessionStorage.clear(); localStorage.clear(); });
    const violations = [];
    await walkTotalLoss(page);
    const w = widget(page);
    const input = (slot) => w.locator(`input[type="file"][name="photo_${slot}"]`);
    const slotBox = (slot) => w.locator('.photo-slot', { has: page.locator(`input[name="photo_${slot}"]`) });
    const thumbnails = w.locator('img.photo-thumb');
    await input('front').waitFor();
    assert.equal(await input('front').getAttribute('accept'), 'image/jpeg,image/png');
    assert.match(await w.locator('fieldset.photos legend').innerText(), /Photos of your scalp\s*optional/i);
    assert.match(await w.locator('fieldset.photos').innerText(), /go only to Northline SMP/);
    violations.push(...await axe(page, 'photos, empty'));

    await input('front').setInputFiles(GPS_JPEG);
    await w.getByRole('img', { name: 'Your photo: Front' }).waitFor();
    await input('crown').setInputFiles(GPS_PNG);
    await w.getByRole('img', { name: 'Your photo: Crown' }).waitFor();
    assert.equal(await thumbnails.count(), 2);
    const front = await w.getByRole('img', { name: 'Your photo: Front' }).evaluate((img) => ({ w: img.naturalWidth, h: img.naturalHeight, src: img.src.slice(0, 23) }));
    assert.deepEqual(front, { w: 1600, h: 1200, src: 'data:image/jpeg;base64,' }, 'the thumbnail is the resized JPEG');

    // Remove the front photo: gone, and keyboard focus stays in its slot (on the file input).
    await w.getByRole('button', { name: 'Remove Front' }).click();
    await w.getByRole('img', { name: 'Your photo: Front' }).waitFor({ state: 'detached' });
    assert.equal(await thumbnails.count(), 1);
    assert.equal(await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.getAttribute('name');
    }), 'photo_front', 'focus moved to the emptied slot');
    // The same file again (the input was emptied, so it is a change again).
    await input('front').setInputFiles(GPS_JPEG);
    await w.getByRole('img', { name: 'Your photo: Front' }).waitFor();
    assert.equal(await thumbnails.count(), 2);

    // A text file named .jpg: refused by its content, with a clear error; nothing added.
    await input('top').setInputFiles(NOT_AN_IMAGE);
    const topAlert = slotBox('top').getByRole('alert');
    await topAlert.getByText("This file isn't a JPEG or PNG photo").waitFor();
    assert.equal(await input('top').getAttribute('aria-invalid'), 'true');
    assert.match(await input('top').getAttribute('aria-describedby'), /smp-photo-top-error/);
    assert.equal(await thumbnails.count(), 2, 'nothing added for the text file');

    // Over 20 MiB: refused for its size.
    await input('sides').setInputFiles(oversized);
    await slotBox('sides').getByRole('alert').getByText('This photo is too large').waitFor();
    assert.equal(await thumbnails.count(), 2, 'nothing added for the huge file');
    violations.push(...await axe(page, 'photos, two added and two refused'));

    // Targets: every photo button (the drawn one of the file input) and Remove button at least
    // 24×24 px; no sideways scrolling.
    for (const target of await w.locator('.photo-slot .photo-pick, .photo-slot button').all()) {
      const box = await target.boundingBox();
      assert.ok(box.width >= 24 && box.height >= 24, `target ${box.width}×${box.height}`);
    }
    // The chooser speaks the widget's language, not the browser's: "Add a photo", and once a
    // slot has one, "Choose another photo"; the input keeps the slot's name for screen readers.
    assert.equal(await slotBox('front').locator('.photo-pick').innerText(), 'Choose another photo');
    assert.equal(await slotBox('sides').locator('.photo-pick').innerText(), 'Add a photo');
    assert.match(await input('sides').evaluate((el) => [...el.labels].map((l) => l.textContent).join(' ')), /^Sides Add a photo$/);
    // Clicking the drawn button opens the chooser of its own slot.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), slotBox('top').locator('.photo-pick').click()]);
    assert.equal(await chooser.element().getAttribute('name'), 'photo_top');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 390px`);

    await fillLead(page, { name: 'Jo Price', email: 'jo@example.com' });
    const event = captureLead(page);
    await w.getByRole('button', { name: 'Send to the clinic' }).click();
    await w.getByRole('heading', { name: 'Thank you, Jo' }).waitFor({ timeout: 30_000 });
    const payload = await event;

    // What the widget sent: two JPEGs in slot order, scaled, without metadata.
    assert.deepEqual(payload.photos.map((p) => [p.slot, p.media_type, p.width, p.height]),
      [['front', 'image/jpeg', 1600, 1200], ['crown', 'image/jpeg', 900, 1200]]);
    const sent = {};
    for (const photo of payload.photos) {
      assert.deepEqual(Object.keys(photo), ['slot', 'media_type', 'width', 'height', 'data']);
      assert.doesNotMatch(photo.data, /^data:/, 'bare base64');
      const bytes = Buffer.from(photo.data, 'base64');
      assert.deepEqual(jpegSize(bytes), { width: photo.width, height: photo.height }, `${photo.slot}: declared size is the real one`);
      assertNoMetadata(bytes, `${photo.slot} as sent`);
      sent[photo.slot] = bytes;
    }

    // What the clinic has: the same two photos, stored with the lead.
    const stored = (await stack.leads()).find((l) => l.id === payload.id);
    assert.ok(stored, 'the inbox has the lead');
    assert.deepEqual(stored.photos.map((p) => p.slot), ['front', 'crown']);
    for (const photo of stored.photos) {
      assert.equal(photo.media_type, 'image/jpeg');
      assert.ok(photo.width <= 1600 && photo.height <= 1600, `${photo.slot} ${photo.width}×${photo.height}`);
    }
    assert.deepEqual(stored.photos.map((p) => [p.width, p.height]), [[1600, 1200], [900, 1200]], '2400×1800 came out 1600×1200');
    // The files themselves, from the inbox's admin API (the harness's admin token).
    const token = stack.adminToken;
    for (const photo of stored.photos) {
      const res = await fetch(new URL(photo.url, stack.inboxUrl), { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200, `GET ${photo.url}`);
      assert.equal(res.headers.get('content-type'), 'image/jpeg');
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.ok(bytes.equals(sent[photo.slot]), `${photo.slot}: stored exactly as sent`);
      assertNoMetadata(bytes, `${photo.slot} as stored`);
      assert.deepEqual(jpegSize(bytes), { width: photo.width, height: photo.height });
    }

    assert.deepEqual(violations, []);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('a phone photo is turned upright as its EXIF orientation says', async () => {
    const page = await newPage(stack);
    await page.evaluate(() => { sessionStorage.clear(); localStorage.clear(); });
    await walkTotalLoss(page);
    const w = widget(page);
    await w.locator('input[name="photo_top"]').setInputFiles(ROTATED);
    const thumbnail = w.getByRole('img', { name: 'Your photo: Top' });
    await thumbnail.waitFor();
    // Stored 600×400 with its red block top left; upright it is 400×600, the block top right.
    const seen = await thumbnail.evaluate(async (img) => {
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d');
      context.drawImage(img, 0, 0);
      const red = (x, y) => { const [r, g, b] = context.getImageData(x, y, 1, 1).data; return r > 180 && g < 80 && b < 80; };
      return { width: img.naturalWidth, height: img.naturalHeight, topRight: red(350, 50), topLeft: red(50, 50) };
    });
    assert.deepEqual(seen, { width: 400, height: 600, topRight: true, topLeft: false });
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });
});

/** What each renderer process holds, from the OS: the pids of Chromium's renderers (CDP
 *  SystemInfo.getProcessInfo) and their resident and peak sizes (/proc/<pid>/status).
 *  `resetPeak` starts each peak afresh from now (clear_refs 5), so it is this step's alone. */
async function rendererMemory(browser, { resetPeak = false } = {}) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  const memory = {};
  for (const { type, id } of processInfo.filter((p) => p.type === 'renderer')) {
    try {
      if (resetPeak) {
        try { writeFileSync(`/proc/${id}/clear_refs`, '5'); } catch { /* not allowed here: the lifetime peak, an overestimate */ }
      }
      const status = readFileSync(`/proc/${id}/status`, 'utf8');
      const kb = (field) => Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))[1]);
      memory[id] = { type, rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 };
    } catch { /* ended meanwhile */ }
  }
  return memory;
}

/** Puts `files` ({ slot, name, type, bytes }) into their slots the way a file chooser does
 *  (the File objects are made first, so only the widget's own work is measured), waits for
 *  every slot to show a thumbnail or an error, and returns what that cost: the longest tasks
 *  on the page's main thread (Long Tasks API), the JS heap's growth (CDP
 *  Performance.getMetrics) and the renderer process's peak memory growth (from the OS). */
async function choosePhotos(stack, page, files) {
  const w = widget(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  await page.evaluate((files) => {
    window.__files = files.map(({ slot, name, type, b64 }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      return { slot, file: new File([bytes], name, { type }) };
    });
  }, files.map((f) => ({ ...f, b64: f.bytes.toString('base64'), bytes: undefined })));
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300))); // let the set-up's own tasks end
  const memoryBefore = await rendererMemory(stack.browser, { resetPeak: true });
  const heapBefore = await heap();
  await w.evaluate((host) => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration)); })
      .observe({ type: 'longtask' });
    for (const { slot, file } of window.__files) {
      const input = host.shadowRoot.querySelector(`input[name="photo_${slot}"]`);
      const chosen = new DataTransfer();
      chosen.items.add(file);
      input.files = chosen.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });
  const started = Date.now();
  const outcomes = {};
  for (const { slot } of files) {
    const box = w.locator('.photo-slot', { has: page.locator(`input[name="photo_${slot}"]`) });
    const shown = box.locator('img.photo-thumb, .field-error').first();
    await shown.waitFor({ timeout: 60_000 });
    outcomes[slot] = await shown.evaluate((el) => (el.tagName === 'IMG' ? `${el.naturalWidth}×${el.naturalHeight}` : el.textContent));
  }
  const seconds = (Date.now() - started) / 1000;
  await page.evaluate(() => new Promise((r) => requestIdleCallback(() => setTimeout(r, 100))));
  const longTasks = await page.evaluate(() => window.__longTasks);
  const heapGrowth = (await heap()) - heapBefore;
  const memoryAfter = await rendererMemory(stack.browser);
  const peakGrowth = Math.max(...Object.entries(memoryAfter)
    .filter(([pid]) => memoryBefore[pid])
    .map(([pid, m]) => m.peak - memoryBefore[pid].rss));
  await cdp.detach();
  const MB = 1024 * 1024;
  const figures = { seconds, longestTask: Math.max(0, ...longTasks), longTasks, heapGrowthMB: Math.round(heapGrowth / MB), peakGrowthMB: Math.round(peakGrowth / MB) };
  console.log(`[photos] ${files.map((f) => f.name).join(', ')}: ${JSON.stringify(figures)}`);
  return { outcomes, ...figures };
}

describe('pixel bombs (issue 13)', () => {
  // The file: 389 KB on disk, 20000×20000 px, 1.6 GB once decoded.
  let bomb;
  before(async () => { bomb = await pngBomb(20_000, 20_000); });
  const MEGAPIXELS = 'This photo has too many pixels (at most 50 megapixels). Please choose a smaller photo.';

  test('a PNG declaring 20000×20000 px in all four slots: refused by its header, the page never stalls, memory stays flat', async () => {
    assert.ok(bomb.length < 400_000, `the bomb is small on disk (${bomb.length} bytes)`);
    const page = await newPage(stack, { width: 390, height: 844 });
    await page.evaluate(() => { sessionStorage.clear(); localStorage.clear(); });
    await walkTotalLoss(page);
    const slots = ['front', 'top', 'crown', 'sides'];
    const cost = await choosePhotos(stack, page, slots.map((slot) => ({ slot, name: `${slot}.png`, type: 'image/png', bytes: bomb })));
    assert.deepEqual(cost.outcomes, Object.fromEntries(slots.map((s) => [s, MEGAPIXELS])), 'each refused, the limit said');
    assert.ok(cost.longestTask < 200, `no task over 200 ms on the main thread: ${cost.longTasks}`);
    assert.ok(cost.peakGrowthMB < 150, `the renderer grew by ${cost.peakGrowthMB} MB at its peak (1.6 GB a decoded bomb)`);
    assert.ok(cost.heapGrowthMB < 32, `the JS heap grew by ${cost.heapGrowthMB} MB`);
    assert.equal(await widget(page).locator('img.photo-thumb').count(), 0);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('JPEG bombs (baseline SOF0 and progressive SOF2 headers) are refused the same way', async () => {
    const page = await newPage(stack);
    await page.evaluate(() => { sessionStorage.clear(); localStorage.clear(); });
    await walkTotalLoss(page);
    const cost = await choosePhotos(stack, page, [
      { slot: 'front', name: 'baseline.jpg', type: 'image/jpeg', bytes: jpegBomb(20_000, 20_000) },
      { slot: 'top', name: 'progressive.jpg', type: 'image/jpeg', bytes: jpegBomb(65_535, 65_535, { progressive: true }) },
    ]);
    assert.deepEqual(cost.outcomes, { front: MEGAPIXELS, top: MEGAPIXELS });
    assert.ok(cost.longestTask < 200, `no task over 200 ms: ${cost.longTasks}`);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('four 48-megapixel photos (just under the limit) are taken, decoded off the main thread, one at a time', async () => {
    const big = await pngBomb(8000, 6000); // 48 MP: a phone's full-resolution photo
    const page = await newPage(stack, { width: 390, height: 844 });
    await page.evaluate(() => { sessionStorage.clear(); localStorage.clear(); });
    await walkTotalLoss(page);
    const slots = ['front', 'top', 'crown', 'sides'];
    const cost = await choosePhotos(stack, page, slots.map((slot) => ({ slot, name: `${slot}.png`, type: 'image/png', bytes: big })));
    assert.deepEqual(cost.outcomes, Object.fromEntries(slots.map((s) => [s, '1600×1200'])), 'each scaled to 1600 px');
    assert.ok(cost.longestTask < 200, `no task over 200 ms on the main thread: ${cost.longTasks}`);
    // One decoded 48 MP photo is 192 MB; four at once would be 768 MB.
    assert.ok(cost.peakGrowthMB < 450, `the renderer grew by ${cost.peakGrowthMB} MB at its peak`);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });
});

describe('where the photo worker runs', () => {
  const walkTo = async (w) => {
    for (const [name, value] of [['pattern', 'total'], ['progression', 'stable'], ['hair_colour', 'black'], ['skin_tone', '3'],
      ['scars', 'none'], ['health', 'none'], ['age_band', '25_34'], ['hairline', 'defined']]) await answerIn(w, name, value);
    await w.locator('.result [part~="next"]').click();
  };

  test('under the strict CSP the worker is the file beside the engine (script-src \'self\'), with no violation', async () => {
    const page = await newPage(stack, { path: '/csp/' });
    const requested = [];
    page.context().on('request', (r) => { if (r.url().includes('photo-worker.js')) requested.push(new URL(r.url()).pathname); });
    await page.evaluate(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      sessionStorage.clear();
    });
    await walkTotalLoss(page);
    await widget(page).locator('input[name="photo_front"]').setInputFiles(GPS_JPEG);
    await widget(page).getByRole('img', { name: 'Your photo: Front' }).waitFor();
    assert.equal(requested.length, 1, 'the worker script was loaded');
    assert.match(requested[0], /^\/widget\/en\/snippets\/.+\/photo-worker\.js$/);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('with the engine on another origin (a CDN) a blob: worker imports it; where a CSP refuses that, the page draws the photo itself', async () => {
    // The same files from a second origin (localhost instead of 127.0.0.1), with CORS as a CDN sends it.
    const cdn = stack.siteUrl.replace('127.0.0.1', 'localhost');
    for (const csp of [null, `default-src 'self' ${cdn}; script-src 'self' ${cdn} 'wasm-unsafe-eval'; style-src ${cdn}; img-src data: blob:; connect-src ${cdn}`]) {
      const context = await stack.browser.newContext();
      const page = await context.newPage();
      const requested = [];
      context.on('request', (r) => { if (r.url().includes('photo-worker.js')) requested.push(r.url()); });
      await page.route(`${cdn}/widget/**`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
      });
      await page.route(`${stack.siteUrl}/cdn.html`, (route) => route.fulfill({
        contentType: 'text/html',
        headers: csp ? { 'content-security-policy': csp } : {},
        body: `<!doctype html><html lang="en"><head><script type="module" src="${cdn}/widget/smp-consult.js"></script></head>
          <body><smp-consult id="w" clinic="Northline SMP"></smp-consult></body></html>`,
      }));
      await page.goto(`${stack.siteUrl}/cdn.html`);
      const w = page.locator('smp-consult#w');
      await walkTo(w);
      await w.locator('input[name="photo_front"]').setInputFiles(GPS_JPEG);
      const thumbnail = w.getByRole('img', { name: 'Your photo: Front' });
      await thumbnail.waitFor();
      assert.deepEqual(await thumbnail.evaluate((img) => [img.naturalWidth, img.naturalHeight]), [1600, 1200]);
      if (csp) assert.deepEqual(requested, [], 'the CSP refused the blob: worker: drawn on the page instead');
      else assert.deepEqual(requested.map((u) => new URL(u).origin), [cdn], 'imported from the CDN into a blob: worker');
      await context.close();
    }
  });
});
