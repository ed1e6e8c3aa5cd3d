//! Scalp photos carried inside a lead: checking them and reading their pixel size.
//!
//! The widget sends each photo as `{"slot", "media_type", "width", "height", "data"}` with the
//! image bytes in standard base64. The inbox trusts none of it: the bytes must decode, start
//! with the file signature of the media type they claim, and their own header must give the
//! pixel size that was declared, at most [`MAX_SIDE`] on each side.

use base64::Engine as _;
use serde_json::Value;

/// At most this many photos per lead (one per slot).
pub const MAX_PHOTOS: usize = 4;
/// At most this many bytes per photo, decoded.
pub const MAX_PHOTO_BYTES: usize = 3 * 1024 * 1024;
/// At most this many pixels on either side.
pub const MAX_SIDE: u32 = 1600;
/// The slots a photo can fill, in the order the admin page shows them.
pub const SLOTS: [&str; 4] = ["front", "top", "crown", "sides"];

const JPEG_SIGNATURE: &[u8] = &[0xFF, 0xD8, 0xFF];
const PNG_SIGNATURE: &[u8] = &[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

/// An image format the inbox accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaType {
    /// `image/jpeg`
    Jpeg,
    /// `image/png`
    Png,
}

impl MediaType {
    /// From a `media_type` value; `None` for anything but JPEG and PNG.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "image/jpeg" => Some(Self::Jpeg),
            "image/png" => Some(Self::Png),
            _ => None,
        }
    }

    /// The MIME type, as stored and served.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
        }
    }

    /// Which accepted format these bytes are, by their file signature.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(PNG_SIGNATURE) {
            Some(Self::Png)
        } else if bytes.starts_with(JPEG_SIGNATURE) {
            Some(Self::Jpeg)
        } else {
            None
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Jpeg => "a JPEG",
            Self::Png => "a PNG",
        }
    }
}

/// A checked photo, decoded and ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// `front`, `top`, `crown` or `sides`.
    pub slot: String,
    /// The checked format.
    pub media_type: MediaType,
    /// Pixel width, as declared and as read from the image header.
    pub width: u32,
    /// Pixel height, as declared and as read from the image header.
    pub height: u32,
    /// The image file.
    pub bytes: Vec<u8>,
}

/// A photo problem: the dotted field (`photos[1].data`) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoError {
    /// The field, e.g. `photos[1].media_type`.
    pub field: String,
    /// What is wrong with it.
    pub problem: String,
}

fn err(field: String, problem: impl Into<String>) -> PhotoError {
    PhotoError {
        field,
        problem: problem.into(),
    }
}

/// Checks the lead's `photos` value (absent or `null` means none) and decodes every photo.
pub fn check_photos(photos: Option<&Value>) -> Result<Vec<Photo>, PhotoError> {
    let items = match photos {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(err("photos".into(), "must be an array")),
    };
    if items.len() > MAX_PHOTOS {
        return Err(err(
            "photos".into(),
            format!(
                "has {} photos; at most {MAX_PHOTOS} are accepted (front, top, crown, sides)",
                items.len()
            ),
        ));
    }
    let mut checked: Vec<Photo> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let photo = check_photo(index, item)?;
        if checked.iter().any(|p| p.slot == photo.slot) {
            return Err(err(
                format!("photos[{index}].slot"),
                format!(
                    "{:?} is used by an earlier photo; each slot once",
                    photo.slot
                ),
            ));
        }
        checked.push(photo);
    }
    Ok(checked)
}

fn check_photo(index: usize, item: &Value) -> Result<Photo, PhotoError> {
    let at = |key: &str| format!("photos[{index}].{key}");
    let Some(fields) = item.as_object() else {
        return Err(err(format!("photos[{index}]"), "must be an object"));
    };
    let slot = fields
        .get("slot")
        .and_then(Value::as_str)
        .filter(|slot| SLOTS.contains(slot))
        .ok_or_else(|| {
            err(
                at("slot"),
                "must be one of \"front\", \"top\", \"crown\", \"sides\"",
            )
        })?;
    let media_type = fields
        .get("media_type")
        .and_then(Value::as_str)
        .and_then(MediaType::parse)
        .ok_or_else(|| err(at("media_type"), "must be \"image/jpeg\" or \"image/png\""))?;
    let side = |key: &str| {
        fields
            .get(key)
            .and_then(Value::as_u64)
            .filter(|n| (1..=u64::from(MAX_SIDE)).contains(n))
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| {
                err(
                    at(key),
                    format!("must be a whole number of pixels from 1 to {MAX_SIDE}"),
                )
            })
    };
    let (width, height) = (side("width")?, side("height")?);
    let data = fields.get("data").and_then(Value::as_str).ok_or_else(|| {
        err(
            at("data"),
            "must be the image in standard base64 (no data: prefix)",
        )
    })?;
    // Refuse an oversized photo before decoding it: base64 is 4 characters per 3 bytes.
    if data.len() / 4 * 3 > MAX_PHOTO_BYTES + 2 {
        return Err(too_big(at("data"), data.len() / 4 * 3));
    }
    if data.starts_with("data:") {
        return Err(err(
            at("data"),
            "must be bare base64 without a data: URL prefix",
        ));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|e| err(at("data"), format!("is not valid standard base64: {e}")))?;
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(too_big(at("data"), bytes.len()));
    }
    match MediaType::sniff(&bytes) {
        None => {
            return Err(err(
                at("data"),
                "is not a JPEG or PNG image (its file signature is neither)",
            ))
        }
        Some(actual) if actual != media_type => {
            return Err(err(
                at("data"),
                format!(
                    "is {} image but media_type says {}",
                    actual.name(),
                    media_type.as_str()
                ),
            ))
        }
        Some(_) => {}
    }
    let (real_width, real_height) = dimensions(media_type, &bytes).ok_or_else(|| {
        err(
            at("data"),
            format!(
                "is not a readable {} file (no image size in its header)",
                media_type.as_str()
            ),
        )
    })?;
    if real_width > MAX_SIDE || real_height > MAX_SIDE {
        return Err(err(
            at("data"),
            format!(
                "is {real_width}×{real_height} pixels; at most {MAX_SIDE} on each side (resize it first)"
            ),
        ));
    }
    if (real_width, real_height) != (width, height) {
        return Err(err(
            at("width"),
            format!(
                "and height say {width}×{height} but the image is {real_width}×{real_height} pixels"
            ),
        ));
    }
    Ok(Photo {
        slot: slot.to_string(),
        media_type,
        width,
        height,
        bytes,
    })
}

fn too_big(field: String, bytes: usize) -> PhotoError {
    err(
        field,
        format!(
            "is {:.1} MiB decoded; at most {} MiB per photo",
            bytes as f64 / (1024.0 * 1024.0),
            MAX_PHOTO_BYTES / (1024 * 1024)
        ),
    )
}

/// Pixel width and height from the image's own header.
pub fn dimensions(media_type: MediaType, bytes: &[u8]) -> Option<(u32, u32)> {
    match media_type {
        MediaType::Png => png_dimensions(bytes),
        MediaType::Jpeg => jpeg_dimensions(bytes),
    }
}

/// A PNG starts with its signature and then the `IHDR` chunk: length (13), type, width,
/// height, each big-endian.
fn png_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let header = bytes.get(8..24)?;
    if &header[4..8] != b"IHDR" {
        return None;
    }
    let width = u32::from_be_bytes(header[8..12].try_into().ok()?);
    let height = u32::from_be_bytes(header[12..16].try_into().ok()?);
    Some((width, height))
}

/// Walks the JPEG marker segments up to the first start-of-frame (SOF0–SOF15 except DHT,
/// JPG and DAC), whose payload holds precision, height, width.
fn jpeg_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2; // after SOI
    loop {
        // Markers may be preceded by any number of 0xFF fill bytes.
        while *bytes.get(at)? == 0xFF && *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        at += 2;
        match marker {
            // Standalone markers carry no length.
            0x01 | 0xD0..=0xD7 => continue,
            // End of image or start of scan before any frame header: not a usable file.
            0xD9 | 0xDA => return None,
            _ => {}
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]));
        if length < 2 {
            return None;
        }
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let frame = bytes.get(at + 2..at + 7)?;
            let height = u32::from(u16::from_be_bytes([frame[1], frame[2]]));
            let width = u32::from(u16::from_be_bytes([frame[3], frame[4]]));
            return (width > 0 && height > 0).then_some((width, height));
        }
        at += length;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_signatures() {
        assert_eq!(MediaType::sniff(PNG_SIGNATURE), Some(MediaType::Png));
        assert_eq!(
            MediaType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(MediaType::Jpeg)
        );
        assert_eq!(MediaType::sniff(b"GIF89a"), None);
        assert_eq!(MediaType::sniff(&[0xFF, 0xD8]), None);
    }

    #[test]
    fn reads_png_and_jpeg_sizes() {
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend_from_slice(&[0, 0, 0, 13]);
        png.extend_from_slice(b"IHDR");
        png.extend_from_slice(&640u32.to_be_bytes());
        png.extend_from_slice(&480u32.to_be_bytes());
        assert_eq!(png_dimensions(&png), Some((640, 480)));

        // SOI, APP0 (length 4, two payload bytes), fill byte, SOF0 with 1200×800.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xFF, 0xC0, 0x00, 0x0B, 0x08,
            0x03, 0x20, 0x04, 0xB0, 0x01, 0x01, 0x11, 0x00,
        ];
        assert_eq!(jpeg_dimensions(&jpeg), Some((1200, 800)));
        assert_eq!(jpeg_dimensions(&jpeg[..12]), None);
        assert_eq!(jpeg_dimensions(&[0xFF, 0xD8, 0xFF, 0xD9]), None);
    }
}
