//! The lead: contact details, their validation, and the `smp-consult.lead/v1` payload.

use serde::{Deserialize, Serialize};

use super::answers::Answers;
use super::checked;
pub use super::limits::{
    is_email, is_phone, CLINIC_MAX_CHARS, CONSENT_TEXT_MAX_CHARS, CREATED_AT_MAX_CHARS,
    EMAIL_MAX_CHARS, LIST_MAX, LOCALE_MAX_CHARS, MESSAGE_MAX_CHARS, NAME_MAX_CHARS,
    PHONE_MAX_CHARS, SCHEMA, URL_MAX_CHARS, UTM_MAX_CHARS,
};
use super::photo::Photo;
use super::recommend::Recommendation;

/// The least time, in milliseconds, a person takes from the first question to sending the
/// lead (ten questions and a form); faster is a bot, shown success with nothing sent.
pub const MIN_FILL_MS: f64 = 3_000.0;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PreferredContact {
    #[default]
    Email,
    Phone,
    Whatsapp,
}
super::codes::codes!(PreferredContact { Email => "email", Phone => "phone", Whatsapp => "whatsapp" });

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BestTime {
    #[default]
    Any,
    Morning,
    Afternoon,
    Evening,
}
super::codes::codes!(BestTime { Any => "any", Morning => "morning", Afternoon => "afternoon", Evening => "evening" });

/// What the visitor typed into the lead form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(deserialize_with = "checked::name")]
    pub name: String,
    #[serde(deserialize_with = "checked::email")]
    pub email: String,
    #[serde(default, deserialize_with = "checked::phone")]
    pub phone: String,
    #[serde(default)]
    pub preferred_contact: PreferredContact,
    #[serde(default)]
    pub best_time: BestTime,
    #[serde(default, deserialize_with = "checked::message")]
    pub message: String,
}

/// A contact field, named as in the payload and the form's inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Email,
    Phone,
    Message,
    Consent,
}

impl Field {
    /// The input's `name`.
    pub const fn name(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Message => "message",
            Field::Consent => "consent",
        }
    }
}

/// What is wrong with one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("`{}` is required", .0.name())]
    Required(Field),
    #[error("`email` is not an email address")]
    EmailInvalid,
    #[error("`phone` is not an international phone number")]
    PhoneInvalid,
    #[error("`phone` is needed to be contacted by phone or WhatsApp")]
    PhoneNeeded,
    #[error("`{}` is too long", .0.name())]
    TooLong(Field),
}

impl FieldError {
    pub fn field(self) -> Field {
        match self {
            FieldError::Required(f) | FieldError::TooLong(f) => f,
            FieldError::EmailInvalid => Field::Email,
            FieldError::PhoneInvalid | FieldError::PhoneNeeded => Field::Phone,
        }
    }
}

impl Contact {
    /// Trims what the visitor typed.
    pub fn trimmed(&self) -> Contact {
        Contact {
            name: self.name.trim().into(),
            email: self.email.trim().into(),
            phone: self.phone.trim().into(),
            message: self.message.trim().into(),
            ..self.clone()
        }
    }

    /// Every problem with the form, in field order; empty when it can be sent.
    pub fn validate(&self, consented: bool) -> Vec<FieldError> {
        let c = self.trimmed();
        let mut errors = Vec::new();
        if c.name.is_empty() {
            errors.push(FieldError::Required(Field::Name));
        } else if c.name.chars().count() > NAME_MAX_CHARS {
            errors.push(FieldError::TooLong(Field::Name));
        }
        if c.email.is_empty() {
            errors.push(FieldError::Required(Field::Email));
        } else if !is_email(&c.email) {
            errors.push(FieldError::EmailInvalid);
        }
        if c.phone.is_empty() {
            if c.preferred_contact != PreferredContact::Email {
                errors.push(FieldError::PhoneNeeded);
            }
        } else if !is_phone(&c.phone) {
            errors.push(FieldError::PhoneInvalid);
        }
        if c.message.chars().count() > MESSAGE_MAX_CHARS {
            errors.push(FieldError::TooLong(Field::Message));
        }
        if !consented {
            errors.push(FieldError::Required(Field::Consent));
        }
        errors
    }
}

/// The consent given, with the exact wording the visitor saw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// Processing of answers and health data (GDPR art. 9 explicit consent): always true in a lead.
    #[serde(deserialize_with = "checked::consent_given")]
    pub processing: bool,
    /// The exact processing consent text shown.
    #[serde(deserialize_with = "checked::consent_text")]
    pub text: String,
    #[serde(default)]
    pub marketing: bool,
    /// The exact marketing consent text shown.
    #[serde(default, deserialize_with = "checked::optional_consent_text")]
    pub marketing_text: String,
}

/// UTM parameters of the page the visitor came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Utm {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "checked::utm"
    )]
    pub source: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "checked::utm"
    )]
    pub medium: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "checked::utm"
    )]
    pub campaign: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "checked::utm"
    )]
    pub term: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "checked::utm"
    )]
    pub content: Option<String>,
}

impl Utm {
    /// Reads `utm_*` parameters from a URL query string (`?a=b&utm_source=x`).
    pub fn from_query(query: &str) -> Utm {
        let mut utm = Utm::default();
        for pair in query.trim_start_matches('?').split('&') {
            let Some((key, value)) = pair.split_once('=') else {
                continue;
            };
            let slot = match key {
                "utm_source" => &mut utm.source,
                "utm_medium" => &mut utm.medium,
                "utm_campaign" => &mut utm.campaign,
                "utm_term" => &mut utm.term,
                "utm_content" => &mut utm.content,
                _ => continue,
            };
            *slot = Some(clip(percent_decode(value), UTM_MAX_CHARS));
        }
        utm
    }
}

/// Decodes `%XX` escapes and `+` in a query value; bad escapes are kept as typed.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(hi), Some(lo)) => {
                        out.push((hi * 16 + lo) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `schema` field: always [`SCHEMA`]; a lead naming another schema is refused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Schema;

impl Serialize for Schema {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(SCHEMA)
    }
}

impl<'de> Deserialize<'de> for Schema {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        checked::schema(deserializer).map(|_| Schema)
    }
}

/// `text` cut to at most `max` characters.
pub fn clip(mut text: String, max: usize) -> String {
    if let Some((at, _)) = text.char_indices().nth(max) {
        text.truncate(at);
    }
    text
}

/// Where the lead came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageInfo {
    #[serde(default, deserialize_with = "checked::url")]
    pub url: String,
    #[serde(default, deserialize_with = "checked::url")]
    pub referrer: String,
    #[serde(default)]
    pub utm: Utm,
}

impl PageInfo {
    /// The page's address and referrer, cut to [`URL_MAX_CHARS`] so that a page with a
    /// very long address still sends leads the receiver accepts.
    pub fn new(url: String, referrer: String, utm: Utm) -> PageInfo {
        PageInfo {
            url: clip(url, URL_MAX_CHARS),
            referrer: clip(referrer, URL_MAX_CHARS),
            utm,
        }
    }
}

/// The lead as delivered: schema `smp-consult.lead/v1`. The receiver deserialises into this
/// type: unknown fields, unknown codes and fields over their limits are refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadPayload {
    pub schema: Schema,
    /// A UUID made once per lead; also the `Idempotency-Key` header.
    #[serde(deserialize_with = "checked::uuid")]
    pub id: String,
    /// RFC 3339 UTC time the lead was made.
    #[serde(deserialize_with = "checked::created_at")]
    pub created_at: String,
    #[serde(deserialize_with = "checked::clinic")]
    pub clinic: String,
    #[serde(deserialize_with = "checked::locale")]
    pub locale: String,
    pub contact: Contact,
    pub consent: Consent,
    pub answers: Answers,
    pub recommendation: Recommendation,
    /// Scalp photos, at most one per slot, resized and re-encoded in the browser.
    #[serde(default, deserialize_with = "super::photo::checked_list")]
    pub photos: Vec<Photo>,
    #[serde(default)]
    pub page: PageInfo,
}

/// Formats 16 random bytes as a version 4 UUID (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`).
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 0x0f) as usize] as char);
    }
    out
}
