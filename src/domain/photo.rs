//! Scalp photos in a lead (DESIGN.md "The lead"): the four slots, the formats accepted (by
//! file signature, never by name or declared type), the size limits, the scaling rule, and the
//! `Photo` as the receiver expects it. The browser work (decoding, drawing, re-encoding) is in
//! `embed::image`; everything here is pure and tested natively.

use serde::{Deserialize, Serialize};

/// At most this many photos per lead: one per slot.
pub const MAX_PHOTOS: usize = 4;
/// A photo's longest side after scaling, in pixels.
pub const MAX_EDGE: u32 = 1600;
/// A chosen file larger than this is refused before it is decoded (a phone photo is 2–8 MiB).
pub const MAX_INPUT_BYTES: u64 = 20 * 1024 * 1024;
/// The receiver's limit for one photo, in bytes of the re-encoded file.
pub const MAX_PHOTO_BYTES: usize = 3 * 1024 * 1024;
/// All photos' `data` together, in base64 characters: keeps the lead under the receiver's
/// 8 MiB body limit with room for the rest of the payload.
pub const MAX_TOTAL_BYTES: usize = 6 * 1024 * 1024;

/// Which part of the head a photo shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoSlot {
    Front,
    Top,
    Crown,
    Sides,
}
super::answers::codes!(PhotoSlot { Front => "front", Top => "top", Crown => "crown", Sides => "sides" });

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
