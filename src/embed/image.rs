//! A visitor's photo file → a [`Photo`] for the lead, in the browser: refused when too large
//! or not a JPEG/PNG by its signature (name and declared type are ignored), decoded upright,
//! scaled to at most [`MAX_EDGE`] pixels and re-encoded as JPEG. Re-encoding keeps only the
//! pixels, so EXIF metadata, GPS location included, never leaves the device.

use js_sys::{Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, CanvasRenderingContext2d, File, HtmlCanvasElement, ImageBitmap, ImageBitmapOptions,
    ImageOrientation,
};

use crate::domain::photo::{
    base64, fit, MediaType, Photo, PhotoError, PhotoSlot, MAX_EDGE, MAX_INPUT_BYTES,
    MAX_PHOTO_BYTES,
};

/// JPEG quality of the re-encoded photo: detail enough to judge a scalp, about 200–600 KB.
const QUALITY: f64 = 0.85;

/// Prepares the photo for `slot` from the chosen file.
pub async fn prepare(file: File, slot: PhotoSlot) -> Result<Photo, PhotoError> {
    if file.size() > MAX_INPUT_BYTES as f64 {
        return Err(PhotoError::TooLarge);
    }
    let head = file
        .slice_with_i32_and_i32(0, 16)
        .map_err(|_| PhotoError::CouldNotRead)?;
    MediaType::sniff(&bytes(&head).await?).ok_or(PhotoError::NotAnImage)?;
    let (width, height, blob) = redraw(&file).await.map_err(|_| PhotoError::CouldNotRead)?;
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

/// Decodes the image (turned as its EXIF orientation says), draws it scaled into a canvas on
/// white (PNG transparency has no JPEG equivalent) and encodes that as a JPEG.
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
