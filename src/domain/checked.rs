//! Reading a lead with serde, strictly: every text field has a length limit, every code must be
//! a known one (the enums), and a value over a limit is refused with a message that says what
//! was expected. Used through `#[serde(deserialize_with = "…")]` on the lead's types; the
//! receiver (`inbox/`) deserialises into those types, so the rules exist once.
//!
//! The widget never deserialises a lead (it reads saved progress through `raw`), so none of this
//! is in its wasm.

use serde::de::{Deserialize, Deserializer, Error};

use super::limits::{
    is_email, is_phone, CLINIC_MAX_CHARS, CONSENT_TEXT_MAX_CHARS, CREATED_AT_MAX_CHARS,
    EMAIL_MAX_CHARS, LIST_MAX, LOCALE_MAX_CHARS, MESSAGE_MAX_CHARS, NAME_MAX_CHARS,
    PHONE_MAX_CHARS, SCHEMA, URL_MAX_CHARS, UTM_MAX_CHARS,
};
use super::limits::{MAX_EDGE, MAX_PHOTO_BYTES};

/// A string of at most `max` characters; `null` reads as empty.
fn text<'de, D: Deserializer<'de>>(d: D, max: usize) -> Result<String, D::Error> {
    let text = Option::<String>::deserialize(d)?.unwrap_or_default();
    if text.chars().count() > max {
        return Err(D::Error::custom(format!("is longer than {max} characters")));
    }
    Ok(text)
}

/// As [`text`], and not blank.
fn required<'de, D: Deserializer<'de>>(d: D, max: usize) -> Result<String, D::Error> {
    let text = text(d, max)?;
    if text.trim().is_empty() {
        return Err(D::Error::custom("is required and must not be empty"));
    }
    Ok(text)
}

pub(crate) fn schema<'de, D: Deserializer<'de>>(d: D) -> Result<(), D::Error> {
    let text = String::deserialize(d)?;
    if text == SCHEMA {
        Ok(())
    } else {
        Err(D::Error::custom(format!("must be \"{SCHEMA}\"")))
    }
}

/// `8-4-4-4-12` hexadecimal digits, any version, either case.
pub fn is_uuid(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

pub(crate) fn uuid<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let id = String::deserialize(d)?;
    if is_uuid(&id) {
        Ok(id)
    } else {
        Err(D::Error::custom(
            "must be a UUID like \"123e4567-e89b-42d3-a456-426614174000\"",
        ))
    }
}

/// `YYYY-MM-DDTHH:MM:SS…`: the shape of an RFC 3339 time (what `Date.toISOString()` writes).
pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 20
        && b.len() <= CREATED_AT_MAX_CHARS
        && b.iter().take(19).enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T' || *c == b't',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
        && s.is_ascii()
}

pub(crate) fn created_at<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let at = String::deserialize(d)?;
    if is_timestamp(&at) {
        Ok(at)
    } else {
        Err(D::Error::custom(
            "must be an RFC 3339 time like \"2025-05-01T10:00:00.000Z\"",
        ))
    }
}

pub(crate) fn clinic<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    required(d, CLINIC_MAX_CHARS)
}

/// A BCP 47 tag's shape: letters, digits and `-`, at most [`LOCALE_MAX_CHARS`].
pub(crate) fn locale<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let tag = required(d, LOCALE_MAX_CHARS)?;
    if tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        Ok(tag)
    } else {
        Err(D::Error::custom(
            "must be a language tag like \"en\" or \"pt-BR\"",
        ))
    }
}

pub(crate) fn name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    required(d, NAME_MAX_CHARS)
}

pub(crate) fn email<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let email = required(d, EMAIL_MAX_CHARS)?;
    if is_email(email.trim()) {
        Ok(email)
    } else {
        Err(D::Error::custom(
            "must be an email address like name@example.com",
        ))
    }
}

pub(crate) fn phone<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let phone = text(d, PHONE_MAX_CHARS)?;
    if phone.trim().is_empty() || is_phone(&phone) {
        Ok(phone)
    } else {
        Err(D::Error::custom(
            "must be an international phone number like +44 20 7946 0958",
        ))
    }
}

pub(crate) fn message<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    text(d, MESSAGE_MAX_CHARS)
}

/// The processing consent: a lead exists only with it.
pub(crate) fn consent_given<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    if bool::deserialize(d)? {
        Ok(true)
    } else {
        Err(D::Error::custom(
            "must be true: the visitor has to agree to the processing of their answers",
        ))
    }
}

pub(crate) fn consent_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    required(d, CONSENT_TEXT_MAX_CHARS)
}

pub(crate) fn optional_consent_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    text(d, CONSENT_TEXT_MAX_CHARS)
}

pub(crate) fn url<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    text(d, URL_MAX_CHARS)
}

pub(crate) fn utm<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let value = Option::<String>::deserialize(d)?;
    if value
        .as_ref()
        .is_some_and(|v| v.chars().count() > UTM_MAX_CHARS)
    {
        return Err(D::Error::custom(format!(
            "is longer than {UTM_MAX_CHARS} characters"
        )));
    }
    Ok(value)
}

/// A list of codes (reasons, cautions, scars…): at most [`LIST_MAX`] items.
pub(crate) fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items = Option::<Vec<T>>::deserialize(d)?.unwrap_or_default();
    if items.len() > LIST_MAX {
        return Err(D::Error::custom(format!("has more than {LIST_MAX} items")));
    }
    Ok(items)
}

/// An answer that is a list: absent or `null` is "not answered".
pub(crate) fn optional_list<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items = Option::<Vec<T>>::deserialize(d)?;
    if items.as_ref().is_some_and(|i| i.len() > LIST_MAX) {
        return Err(D::Error::custom(format!("has more than {LIST_MAX} items")));
    }
    Ok(items)
}

pub(crate) fn currency<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let code = String::deserialize(d)?;
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(D::Error::custom(
            "must be a three-letter ISO 4217 code such as \"GBP\"",
        ))
    }
}

/// A photo's side in pixels: 1 to [`MAX_EDGE`].
pub(crate) fn side<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let n = u32::deserialize(d)?;
    if (1..=MAX_EDGE).contains(&n) {
        Ok(n)
    } else {
        Err(D::Error::custom(format!(
            "must be a whole number of pixels from 1 to {MAX_EDGE}"
        )))
    }
}

/// Base64 characters that [`MAX_PHOTO_BYTES`] bytes encode to.
pub const MAX_PHOTO_DATA_CHARS: usize = MAX_PHOTO_BYTES.div_ceil(3) * 4;

pub(crate) fn photo_data<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let data = String::deserialize(d)?;
    if data.len() > MAX_PHOTO_DATA_CHARS {
        return Err(D::Error::custom(format!(
            "is {:.1} MiB decoded; at most {} MiB per photo",
            (data.len() / 4 * 3) as f64 / (1024.0 * 1024.0),
            MAX_PHOTO_BYTES / (1024 * 1024)
        )));
    }
    if data.starts_with("data:") {
        return Err(D::Error::custom(
            "must be bare base64 without a data: URL prefix",
        ));
    }
    Ok(data)
}
