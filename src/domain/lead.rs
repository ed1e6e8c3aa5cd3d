//! The lead: contact details, their validation, and the `smp-consult.lead/v1` payload.

use serde::{Deserialize, Serialize};

use super::address::EmailAddress;
use super::answers::Answers;
use super::photo::Photo;
use super::recommend::Recommendation;

/// The payload's schema name.
pub const SCHEMA: &str = "smp-consult.lead/v1";

/// The least time, in milliseconds, a person takes from the first question to sending the
/// lead (ten questions and a form); faster is a bot, shown success with nothing sent.
pub const MIN_FILL_MS: f64 = 3_000.0;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PreferredContact {
    #[default]
    Email,
    Phone,
    Whatsapp,
}
super::answers::codes!(PreferredContact { Email => "email", Phone => "phone", Whatsapp => "whatsapp" });

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BestTime {
    #[default]
    Any,
    Morning,
    Afternoon,
    Evening,
}
super::answers::codes!(BestTime { Any => "any", Morning => "morning", Afternoon => "afternoon", Evening => "evening" });

/// What the visitor typed into the lead form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub preferred_contact: PreferredContact,
    #[serde(default)]
    pub best_time: BestTime,
    #[serde(default)]
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

/// Whether `s` is an email address, by the one set of rules in [`EmailAddress`].
pub fn is_email(s: &str) -> bool {
    EmailAddress::parse(s).is_ok()
}

/// An international phone number: optional leading `+`, then 7–15 digits (E.164),
/// allowing spaces, dots, dashes and brackets as people type them (32 characters at most).
pub fn is_phone(s: &str) -> bool {
    let s = s.trim();
    let body = s.strip_prefix('+').unwrap_or(s);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    body.chars()
        .all(|c| c.is_ascii_digit() || " .-()".contains(c))
        && (7..=15).contains(&digits)
        && s.chars().count() <= 32
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
        } else if c.name.chars().count() > 120 {
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
        if c.message.chars().count() > 2000 {
            errors.push(FieldError::TooLong(Field::Message));
        }
        if !consented {
            errors.push(FieldError::Required(Field::Consent));
        }
        errors
    }
}

/// The consent given, with the exact wording the visitor saw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Consent {
    /// Processing of answers and health data (GDPR art. 9 explicit consent): always true in a lead.
    pub processing: bool,
    /// The exact processing consent text shown.
    pub text: String,
    pub marketing: bool,
    /// The exact marketing consent text shown.
    pub marketing_text: String,
}

/// UTM parameters of the page the visitor came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Utm {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub medium: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
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
            *slot = Some(percent_decode(value));
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

/// Where the lead came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PageInfo {
    pub url: String,
    pub referrer: String,
    pub utm: Utm,
}

/// The lead as delivered: schema `smp-consult.lead/v1`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LeadPayload {
    pub schema: &'static str,
    /// A UUID made once per lead; also the `Idempotency-Key` header.
    pub id: String,
    /// RFC 3339 UTC time the lead was made.
    pub created_at: String,
    pub clinic: String,
    pub locale: String,
    pub contact: Contact,
    pub consent: Consent,
    pub answers: Answers,
    pub recommendation: Recommendation,
    /// Scalp photos, at most one per slot, resized and re-encoded in the browser.
    pub photos: Vec<Photo>,
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
