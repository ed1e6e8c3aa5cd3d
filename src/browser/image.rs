//! A visitor's photo file → a [`Photo`] for the lead, in the browser: refused when too large,
//! not a JPEG/PNG by its signature (name and declared type are ignored) or declaring more
//! than [`MAX_PIXELS`](crate::domain::photo::MAX_PIXELS) in its header (read before anything decodes it); then decoded upright,
//! scaled to at most [`MAX_EDGE`] pixels and re-encoded as JPEG, in a worker (`photo-worker.js`)
//! so the page's main thread never decodes it, one photo at a time so memory holds one
//! decoded photo at most. Re-encoding keeps only the pixels, so EXIF metadata, GPS location
//! included, never leaves the device.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, File, HtmlCanvasElement, ImageBitmap,
    ImageBitmapOptions, ImageOrientation, Url, Worker,
};

use crate::domain::photo::{
    base64, fit, probe_jpeg_at, probe_size, ImageSize, MediaType, Photo, PhotoError, PhotoSlot,
    SizeProbe, MAX_EDGE, MAX_INPUT_BYTES, MAX_PHOTO_BYTES,
};

/// JPEG quality of the re-encoded photo: detail enough to judge a scalp, about 200–600 KB.
const QUALITY: f64 = 0.85;
/// Bytes read at a time while looking for the image's size in its header.
const HEADER_WINDOW: f64 = 64.0 * 1024.0;

/// Prepares the photo for `slot` from the chosen file.
pub async fn prepare(file: File, slot: PhotoSlot) -> Result<Photo, PhotoError> {
    if file.size() > MAX_INPUT_BYTES as f64 {
        return Err(PhotoError::TooLarge);
    }
    let stored = header_size(&file).await?.within_limit()?;
    // One photo at a time: four chosen at once never hold four decoded images in memory.
    let _turn = Turn::wait().await;
    let redrawn = match redraw_in_worker(&file, stored).await {
        Ok(redrawn) => Ok(redrawn),
        Err(OffThread::Unavailable) => redraw(&file).await,
        Err(OffThread::Failed) => Err(JsValue::NULL),
    };
    let (width, height, blob) = redrawn.map_err(|_| PhotoError::CouldNotRead)?;
    if blob.size() > MAX_PHOTO_BYTES as f64 {
        return Err(PhotoError::TooLarge);
    }
    Ok(Photo {
        slot,
        media_type: MediaType::Jpeg,
        width,
        height,
        data: base64(&bytes(&blob).await?),
    })
}

/// The image's size as its header declares it, read window by window (a JPEG may carry
/// megabytes of metadata before its frame header; those are skipped, not read).
async fn header_size(file: &File) -> Result<ImageSize, PhotoError> {
    let first = read(file, 0.0).await?;
    MediaType::sniff(&first).ok_or(PhotoError::NotAnImage)?;
    let mut probe = probe_size(&first);
    // Each step reads on from a later offset, and past the end reads nothing: this ends.
    loop {
        probe = match probe {
            SizeProbe::Known(size) => return Ok(size),
            SizeProbe::ReadAt(at) => probe_jpeg_at(&read(file, at as f64).await?, at),
            SizeProbe::Truncated | SizeProbe::Malformed => return Err(PhotoError::CouldNotRead),
        };
    }
}

/// Up to [`HEADER_WINDOW`] bytes of the file from offset `at`.
async fn read(file: &File, at: f64) -> Result<Vec<u8>, PhotoError> {
    let window = file
        .slice_with_f64_and_f64(at, at + HEADER_WINDOW)
        .map_err(|_| PhotoError::CouldNotRead)?;
    bytes(&window).await
}

thread_local! {
    /// Settles when the photo being prepared is done; the next one waits for it.
    static LAST_TURN: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// A turn at preparing a photo: waits for the previous one, ends (letting the next one go)
/// when dropped, whichever way `prepare` returns.
struct Turn(Option<Function>);

impl Turn {
    async fn wait() -> Turn {
        let mut done = None;
        let mine = Promise::new(&mut |resolve, _| done = Some(resolve));
        if let Some(previous) = LAST_TURN.with(|last| last.replace(Some(mine))) {
            let _ = JsFuture::from(previous).await;
        }
        Turn(done)
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        if let Some(done) = self.0.take() {
            let _ = done.call0(&JsValue::NULL);
        }
    }
}

/// Why the worker did not redraw a photo.
enum OffThread {
    /// No worker here (refused by the page's CSP, or no 2D `OffscreenCanvas` in workers):
    /// the page draws it instead.
    Unavailable,
    /// The worker could not decode the file.
    Failed,
}

/// The photo redrawn in a worker of its own, ended once it answers.
async fn redraw_in_worker(file: &File, stored: ImageSize) -> Result<(u32, u32, Blob), OffThread> {
    let (worker, blob_url) = start_worker().map_err(|_| OffThread::Unavailable)?;
    let answer = Promise::new(&mut |resolve, reject| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&reject));
    });
    let (width, height) = fit(stored.width, stored.height, MAX_EDGE);
    let job = Object::new();
    for (key, value) in [
        ("file", JsValue::from(file)),
        ("width", width.into()),
        ("height", height.into()),
        ("storedWidth", stored.width.into()),
        ("quality", QUALITY.into()),
    ] {
        let _ = Reflect::set(&job, &key.into(), &value);
    }
    let answered = match worker.post_message(&job) {
        Ok(()) => JsFuture::from(answer).await,
        Err(error) => Err(error),
    };
    worker.terminate();
    if let Some(url) = blob_url {
        let _ = Url::revoke_object_url(&url);
    }
    // An error event: the script could not run here (a CSP without worker-src for it).
    let data = answered
        .and_then(|event| Reflect::get(&event, &"data".into()))
        .map_err(|_| OffThread::Unavailable)?;
    let field = |key: &str| Reflect::get(&data, &key.into()).unwrap_or(JsValue::UNDEFINED);
    if field("unsupported").is_truthy() {
        return Err(OffThread::Unavailable);
    }
    let blob = field("blob")
        .dyn_into::<Blob>()
        .map_err(|_| OffThread::Failed)?;
    let side = |key: &str| {
        field(key)
            .as_f64()
            .map(|n| n as u32)
            .ok_or(OffThread::Failed)
    };
    Ok((side("width")?, side("height")?, blob))
}

/// The photo worker: its script beside the engine when that is on the page's own origin (a
/// CSP's `script-src 'self'` allows it), else a `blob:` worker that imports it from the
/// engine's origin (a browser only starts a worker from a script URL of the page's origin;
/// a CSP then needs `worker-src blob:`). With the `blob:` URL to revoke once it is done.
fn start_worker() -> Result<(Worker, Option<String>), JsValue> {
    let script = wasm_bindgen::link_to!(module = "/src/browser/photo-worker.js");
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    if Url::new(&script)?.origin() == window.location().origin()? {
        return Ok((Worker::new(&script)?, None));
    }
    let source = format!(
        "importScripts({})",
        js_sys::JSON::stringify(&script.into())?
            .as_string()
            .unwrap_or_default()
    );
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&source.into()), &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    Ok((Worker::new(&url)?, Some(url)))
}

/// Decodes the image on the page (turned as its EXIF orientation says), draws it scaled into a
/// canvas on white (PNG transparency has no JPEG equivalent) and encodes that as a JPEG. Only
/// where no worker can: the pixel limit bounds the pause.
async fn redraw(file: &File) -> Result<(u32, u32, Blob), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    let bitmap: ImageBitmap = JsFuture::from(
        window.create_image_bitmap_with_blob_and_image_bitmap_options(file, &options)?,
    )
    .await?
    .unchecked_into();
    let (width, height) = fit(bitmap.width(), bitmap.height(), MAX_EDGE);
    let canvas: HtmlCanvasElement = window
        .document()
        .ok_or(JsValue::NULL)?
        .create_element("canvas")?
        .unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or(JsValue::NULL)?
        .unchecked_into();
    // Not in web-sys; the default ("low") blurs or aliases fine hair when scaling down.
    Reflect::set(&context, &"imageSmoothingQuality".into(), &"high".into())?;
    context.set_fill_style_str("#fff");
    let (w, h) = (f64::from(width), f64::from(height));
    context.fill_rect(0.0, 0.0, w, h);
    context.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, w, h)?;
    bitmap.close();
    let mut encode = |resolve: js_sys::Function, reject: js_sys::Function| {
        let encoding = canvas.to_blob_with_type_and_encoder_options(
            &resolve,
            "image/jpeg",
            &JsValue::from(QUALITY),
        );
        if let Err(error) = encoding {
            let _ = reject.call1(&JsValue::NULL, &error);
        }
    };
    // `toBlob` hands `null` to its callback when encoding fails.
    let blob = JsFuture::from(Promise::new(&mut encode))
        .await?
        .dyn_into::<Blob>()?;
    Ok((width, height, blob))
}

/// The bytes of a blob.
async fn bytes(blob: &Blob) -> Result<Vec<u8>, PhotoError> {
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| PhotoError::CouldNotRead)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
