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
import { captureLead, fillLead, walkTotalLoss, widget } from './visitor.mjs';

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
