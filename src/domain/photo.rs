//! Scalp photos in a lead (DESIGN.md "The lead"): the four slots, the formats accepted (by
//! file signature, never by name or declared type), the size limits, the image size read from
//! the file's header (so a small file declaring a huge image is refused before anything decodes
//! it), the scaling rule, and the `Photo` as the receiver expects it. The browser work
//! (decoding, drawing, re-encoding) is in `browser::image`; everything here is pure and tested
//! natively.

use serde::{Deserialize, Serialize};

pub use super::limits::{MAX_EDGE, MAX_PHOTOS, MAX_PHOTO_BYTES, MAX_TOTAL_BYTES};

/// A chosen file larger than this is refused before it is decoded (a phone photo is 2–8 MiB).
pub const MAX_INPUT_BYTES: u64 = 20 * 1024 * 1024;
/// A photo declaring more pixels than this is refused before it is decoded: a browser decodes
/// to 4 bytes a pixel, so 50 million pixels take 200 MB. Every phone camera's full-resolution
/// photo fits (48 and 50 MP sensors are 8064×6048 and 8160×6120); a 389 KB PNG declaring
/// 20000×20000 (1.6 GB decoded) does not. The visitor is told the limit in megapixels.
pub const MAX_PIXELS: u64 = 50_000_000;

/// Which part of the head a photo shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PhotoSlot {
    Front,
    Top,
    Crown,
    Sides,
}
super::codes::codes!(PhotoSlot { Front => "front", Top => "top", Crown => "crown", Sides => "sides" });

/// An image format the lead carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MediaType {
    #[serde(rename = "image/jpeg")]
    Jpeg,
    #[serde(rename = "image/png")]
    Png,
}

impl MediaType {
    /// The format of a file from its first bytes (its signature); `None` for anything else.
    pub fn sniff(first_bytes: &[u8]) -> Option<MediaType> {
        if first_bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(MediaType::Jpeg)
        } else if first_bytes.starts_with(&[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(MediaType::Png)
        } else {
            None
        }
    }

    /// The MIME type, as in the payload and in a `data:` URL.
    pub const fn mime(self) -> &'static str {
        match self {
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
        }
    }
}

/// Why a photo could not be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("the file is not a JPEG or PNG image")]
    NotAnImage,
    #[error("the file is too large")]
    TooLarge,
    #[error("at most {MAX_PHOTOS} photos")]
    TooMany,
    #[error("the image could not be read")]
    CouldNotRead,
    #[error("the photos together are too large to send")]
    TotalTooLarge,
    #[error("the image has more than {MAX_PIXELS} pixels")]
    TooManyPixels,
}

/// An image's width and height in pixels, as its header declares them (before any EXIF
/// turn, which swaps them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageSize {
    pub width: u32,
    pub height: u32,
}

impl ImageSize {
    /// The size if it is one a browser may decode here: not empty, at most [`MAX_PIXELS`].
    pub fn within_limit(self) -> Result<ImageSize, PhotoError> {
        match u64::from(self.width) * u64::from(self.height) {
            0 => Err(PhotoError::CouldNotRead),
            n if n > MAX_PIXELS => Err(PhotoError::TooManyPixels),
            _ => Ok(self),
        }
    }
}

/// What the bytes read so far say about an image's size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeProbe {
    /// The header declares this size.
    Known(ImageSize),
    /// A JPEG's next marker is at this byte offset of the file, past the bytes given: call
    /// [`probe_jpeg_at`] with the bytes from there on. (A JPEG may carry megabytes of EXIF
    /// and XMP before its frame header; they are skipped, not read.)
    ReadAt(u64),
    /// The file ends (the bytes given end) before the size is known.
    Truncated,
    /// Not a JPEG or PNG header a decoder would accept: no frame header where one must be,
    /// a marker where none may be, an empty size.
    Malformed,
}

/// The image's size from the first bytes of a file (its first 64 KiB are plenty for a PNG
/// and for most JPEGs): the PNG's IHDR chunk, or the JPEG's first frame header (SOF0–SOF15:
/// baseline, progressive, lossless…), walking the JPEG's segments to it.
pub fn probe_size(first_bytes: &[u8]) -> SizeProbe {
    match MediaType::sniff(first_bytes) {
        Some(MediaType::Png) => png_size(first_bytes),
        Some(MediaType::Jpeg) => probe_jpeg_at(&first_bytes[2..], 2),
        None if first_bytes.len() < 8 => SizeProbe::Truncated,
        None => SizeProbe::Malformed,
    }
}

/// A PNG starts with its signature, then the IHDR chunk: length 13, "IHDR", width, height
/// (big-endian, 1 to 2^31 - 1), then bit depth and the rest.
fn png_size(bytes: &[u8]) -> SizeProbe {
    let Some(ihdr) = bytes.get(8..24) else {
        return SizeProbe::Truncated;
    };
    let word = |at: usize| u32::from_be_bytes([ihdr[at], ihdr[at + 1], ihdr[at + 2], ihdr[at + 3]]);
    let (length, width, height) = (word(0), word(8), word(12));
    let valid = |side: u32| (1..=i32::MAX as u32).contains(&side);
    if length != 13 || &ihdr[4..8] != b"IHDR" || !valid(width) || !valid(height) {
        return SizeProbe::Malformed;
    }
    SizeProbe::Known(ImageSize { width, height })
}

/// Walks a JPEG's marker segments from `bytes`, which are the file's bytes from offset `at`
/// on, starting at a marker, to the first frame header, whose size it returns.
pub fn probe_jpeg_at(bytes: &[u8], at: u64) -> SizeProbe {
    let mut pos = 0usize;
    loop {
        // Where the bytes run out: read on from this marker, unless nothing was walked at
        // all (then the file itself ends here).
        let out_of_bytes = |pos: usize| match pos {
            0 => SizeProbe::Truncated,
            _ => SizeProbe::ReadAt(at + pos as u64),
        };
        let Some(&first) = bytes.get(pos) else {
            return out_of_bytes(pos);
        };
        if first != 0xFF {
            return SizeProbe::Malformed;
        }
        // Any number of 0xFF fill bytes may come before a marker code.
        let mut code_at = pos + 1;
        while bytes.get(code_at) == Some(&0xFF) {
            code_at += 1;
        }
        let Some(&code) = bytes.get(code_at) else {
            return out_of_bytes(pos);
        };
        match code {
            // Standalone markers (TEM, restart markers): no length follows.
            0x01 | 0xD0..=0xD7 => {
                pos = code_at + 1;
                continue;
            }
            // Stuffed zero, a second start of image, end of image or start of scan before any
            // frame header: not a JPEG a decoder reads.
            0x00 | 0xD8 | 0xD9 | 0xDA => return SizeProbe::Malformed,
            _ => {}
        }
        let Some(length) = bytes.get(code_at + 1..code_at + 3) else {
            return out_of_bytes(pos);
        };
        let length = usize::from(u16::from_be_bytes([length[0], length[1]]));
        if length < 2 {
            return SizeProbe::Malformed;
        }
        // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
        if (0xC0..=0xCF).contains(&code) && !matches!(code, 0xC4 | 0xC8 | 0xCC) {
            // Length, precision, height, width, components: at least 8 bytes.
            if length < 8 {
                return SizeProbe::Malformed;
            }
            let Some(frame) = bytes.get(code_at + 1..code_at + 8) else {
                return out_of_bytes(pos);
            };
            let height = u16::from_be_bytes([frame[3], frame[4]]);
            let width = u16::from_be_bytes([frame[5], frame[6]]);
            // A height of 0 means "given later, in a DNL marker": not for photos.
            if width == 0 || height == 0 {
                return SizeProbe::Malformed;
            }
            return SizeProbe::Known(ImageSize {
                width: width.into(),
                height: height.into(),
            });
        }
        pos = code_at + 1 + length;
    }
}

/// A photo ready for the lead, serialised exactly as the receiver validates it:
/// `{"slot":"front","media_type":"image/jpeg","width":1200,"height":1600,"data":"…"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    pub slot: PhotoSlot,
    pub media_type: MediaType,
    #[serde(deserialize_with = "super::checked::side")]
    pub width: u32,
    #[serde(deserialize_with = "super::checked::side")]
    pub height: u32,
    /// The image file in standard base64, without a `data:` prefix.
    #[serde(deserialize_with = "super::checked::photo_data")]
    pub data: String,
}

/// The size to draw an image at: longest side at most `max_edge`, aspect ratio kept (rounded
/// to whole pixels, at least 1), never enlarged.
pub fn fit(width: u32, height: u32, max_edge: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= max_edge {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled =
            (u64::from(side) * u64::from(max_edge) + u64::from(longest) / 2) / u64::from(longest);
        (scaled as u32).max(1)
    };
    (scale(width), scale(height))
}

/// `photos` with `photo` in its slot (replacing one already there), in slot order. Refused
/// when that makes more than [`MAX_PHOTOS`] or more than [`MAX_TOTAL_BYTES`] of data.
pub fn with_photo(photos: &[Photo], photo: Photo) -> Result<Vec<Photo>, PhotoError> {
    let mut next = without(photos, photo.slot);
    // Inserted in slot order (a sort would cost the widget 2 KB of code).
    let at = next
        .iter()
        .position(|p| p.slot > photo.slot)
        .unwrap_or(next.len());
    next.insert(at, photo);
    if next.len() > MAX_PHOTOS {
        return Err(PhotoError::TooMany);
    }
    if next.iter().map(|p| p.data.len()).sum::<usize>() > MAX_TOTAL_BYTES {
        return Err(PhotoError::TotalTooLarge);
    }
    Ok(next)
}

/// `photos` without the one in `slot`.
pub fn without(photos: &[Photo], slot: PhotoSlot) -> Vec<Photo> {
    photos.iter().filter(|p| p.slot != slot).cloned().collect()
}

/// Standard base64 (RFC 4648, with `=` padding), as the receiver decodes it.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Why a photo's decoded file does not match what the lead says about it. The receiver checks
/// every photo this way; the widget's own photos pass by construction.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileProblem {
    #[error("is not a JPEG or PNG image (its file signature is neither)")]
    NotAnImage,
    #[error("is {actual} but media_type says {declared}", actual = .0.article(), declared = .1.mime())]
    WrongType(MediaType, MediaType),
    #[error("is {:.1} MiB decoded; at most {} MiB per photo", *.0 as f64 / (1024.0 * 1024.0), MAX_PHOTO_BYTES / (1024 * 1024))]
    TooLarge(usize),
    #[error("is not a readable {} file (no image size in its header)", .0.mime())]
    Unreadable(MediaType),
    #[error("is {0}×{1} pixels; at most {MAX_EDGE} on each side (resize it first)")]
    TooBig(u32, u32),
    #[error("is {0}×{1} pixels but width and height say {2}×{3}")]
    WrongSize(u32, u32, u32, u32),
}

impl MediaType {
    fn article(self) -> &'static str {
        match self {
            MediaType::Jpeg => "a JPEG image",
            MediaType::Png => "a PNG image",
        }
    }
}

impl Photo {
    /// Checks the decoded `file` of this photo: at most [`MAX_PHOTO_BYTES`], the file signature
    /// of the declared type, and the declared size equal to the one in the image's own header.
    pub fn check_file(&self, file: &[u8]) -> Result<(), FileProblem> {
        if file.len() > MAX_PHOTO_BYTES {
            return Err(FileProblem::TooLarge(file.len()));
        }
        match MediaType::sniff(file) {
            None => return Err(FileProblem::NotAnImage),
            Some(actual) if actual != self.media_type => {
                return Err(FileProblem::WrongType(actual, self.media_type))
            }
            Some(_) => {}
        }
        let (width, height) =
            dimensions(self.media_type, file).ok_or(FileProblem::Unreadable(self.media_type))?;
        if width > MAX_EDGE || height > MAX_EDGE {
            return Err(FileProblem::TooBig(width, height));
        }
        if (width, height) != (self.width, self.height) {
            return Err(FileProblem::WrongSize(
                width,
                height,
                self.width,
                self.height,
            ));
        }
        Ok(())
    }
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
pub fn png_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
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
pub fn jpeg_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
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

/// The lead's photos, read strictly (see `checked`): at most [`MAX_PHOTOS`], each slot once,
/// [`MAX_TOTAL_BYTES`] together. Here, not in `checked`, so that `checked` imports no domain type.
pub(crate) fn checked_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Photo>, D::Error> {
    let photos = <Option<Vec<Photo>> as Deserialize>::deserialize(d)?.unwrap_or_default();
    if photos.len() > MAX_PHOTOS {
        return Err(serde::de::Error::custom(format!(
            "has {} photos; at most {MAX_PHOTOS} are accepted (front, top, crown, sides)",
            photos.len()
        )));
    }
    for (i, photo) in photos.iter().enumerate() {
        if photos[..i].iter().any(|p| p.slot == photo.slot) {
            return Err(serde::de::Error::custom(format!(
                "uses the slot \"{}\" twice; each slot once",
                photo.slot.code()
            )));
        }
    }
    if photos.iter().map(|p| p.data.len()).sum::<usize>() > MAX_TOTAL_BYTES {
        return Err(serde::de::Error::custom(format!(
            "hold more than {} MiB of data together",
            MAX_TOTAL_BYTES / (1024 * 1024)
        )));
    }
    Ok(photos)
}
