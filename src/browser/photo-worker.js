// SMP Consult photo worker: redraws a visitor's photo as the lead's JPEG off the page's main
// thread, so decoding even a 50-megapixel photo never freezes the page. The engine
// (src/browser/image.rs) has already checked the file's signature and the pixel count its
// header declares, and sends one photo at a time.
// In:  { file, width, height, storedWidth, quality }: the size to draw the image at, for the
//      image as stored (storedWidth wide); swapped when its EXIF orientation turns it.
// Out: { blob, width, height }, or { error, unsupported } (no OffscreenCanvas here: the engine
//      then draws on the page instead).
onmessage = async ({ data: { file, width, height, storedWidth, quality } }) => {
  let bitmap;
  try {
    const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1) : null;
    const context = canvas?.getContext('2d');
    if (!context) {
      postMessage({ error: 'no 2D OffscreenCanvas in workers', unsupported: true });
      return;
    }
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const [w, h] = bitmap.width === storedWidth ? [width, height] : [height, width];
    [canvas.width, canvas.height] = [w, h];
    // The default ("low") blurs or aliases fine hair when scaling down.
    context.imageSmoothingQuality = 'high';
    // PNG transparency has no JPEG equivalent: white beneath.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, w, h);
    context.drawImage(bitmap, 0, 0, w, h);
    bitmap.close();
    bitmap = undefined;
    postMessage({ blob: await canvas.convertToBlob({ type: 'image/jpeg', quality }), width: w, height: h });
  } catch (error) {
    postMessage({ error: String(error) });
  } finally {
    bitmap?.close();
  }
};
