//! Scalp photos carried inside a lead: decoding them and checking each file against what the
//! lead says about it. The rules (slots, formats, limits, how a file's size is read) are the
//! widget's own, in `smp_consult::domain::photo`; this module only decodes the base64.

use base64::Engine as _;
use smp_consult::domain::photo::{MediaType, Photo, PhotoSlot};

/// The slots a photo can fill, in the order the admin page shows them.
pub const SLOTS: [&str; 4] = [
    PhotoSlot::Front.code(),
    PhotoSlot::Top.code(),
    PhotoSlot::Crown.code(),
    PhotoSlot::Sides.code(),
];

/// A checked photo, decoded and ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedPhoto {
    /// Which part of the head it shows.
    pub slot: PhotoSlot,
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
    /// The field, e.g. `photos[1].data`.
    pub field: String,
    /// What is wrong with it.
    pub problem: String,
}

/// Decodes photo number `index` of a lead and checks the file (signature, size, pixel size).
pub fn decode(index: usize, photo: &Photo) -> Result<DecodedPhoto, PhotoError> {
    let field = format!("photos[{index}].data");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&photo.data)
        .map_err(|e| PhotoError {
            field: field.clone(),
            problem: format!("is not valid standard base64: {e}"),
        })?;
    photo.check_file(&bytes).map_err(|problem| PhotoError {
        field,
        problem: problem.to_string(),
    })?;
    Ok(DecodedPhoto {
        slot: photo.slot,
        media_type: photo.media_type,
        width: photo.width,
        height: photo.height,
        bytes,
    })
}
