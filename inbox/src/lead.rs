//! Validation of incoming lead payloads (schema `smp-consult.lead/v1`).
//!
//! This module checks what a clinic needs to act on a lead and what makes delivery
//! idempotent, decodes the photos, and decides what is stored: the body exactly as received
//! when it carries no photo data, or the same JSON with each photo's `data` replaced by `null`
//! (the bytes go to their own table). Either way a SHA-256 of the canonical form of the
//! *whole* original body is kept, so a retry is recognised even though the photo data is no
//! longer in the stored text.

use serde_json::{Map, Value};
use sha2::{Digest as _, Sha256};

use crate::photo::{check_photos, Photo};

/// The only schema this inbox accepts.
pub const LEAD_SCHEMA: &str = "smp-consult.lead/v1";

/// Why a body is not an acceptable lead. The message names the field, so whoever wires a
/// form or a hook to the inbox can fix it without reading this code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LeadError {
    /// The body does not parse as JSON.
    #[error("body is not valid JSON: {0}")]
    NotJson(String),
    /// The body is JSON but not an object.
    #[error("body must be a JSON object")]
    NotObject,
    /// `schema` is missing or names another schema.
    #[error("schema must be \"smp-consult.lead/v1\"")]
    WrongSchema,
    /// `id` is missing or not a UUID.
    #[error("id must be a UUID string like \"123e4567-e89b-42d3-a456-426614174000\"")]
    BadId,
    /// The `Idempotency-Key` header names another lead than the body.
    #[error("Idempotency-Key header must equal the lead's id")]
    IdempotencyKeyMismatch,
    /// A field is missing or unusable.
    #[error("{field} {problem}")]
    Field {
        /// Dotted path of the field, e.g. `contact.email` or `photos[1].data`.
        field: String,
        /// What is wrong with it.
        problem: String,
    },
}

impl LeadError {
    /// True for a well-formed lead whose content is unusable (HTTP 422), false for a request
    /// that is not a lead of this schema at all (HTTP 400).
    pub fn is_semantic(&self) -> bool {
        matches!(self, Self::Field { .. })
    }

    /// The field a [`LeadError::Field`] is about.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Field { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// A lead that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidLead {
    /// The lead's id in lower case, so the same UUID written in either case is one lead.
    pub id: String,
    /// What goes into `leads.body`: the body as received, or, when it carries photos, the same
    /// JSON with every photo's `data` set to `null`.
    pub stored_body: String,
    /// Hex SHA-256 of the canonical serialisation of the whole body as received (see
    /// [`canonical_sha256`]); equal for equal JSON, whatever its formatting.
    pub body_sha256: String,
    /// The decoded photos.
    pub photos: Vec<Photo>,
}

/// Checks a body against the lead schema. `idempotency_key` is the header's value, if sent.
pub fn validate_lead(body: &str, idempotency_key: Option<&str>) -> Result<ValidLead, LeadError> {
    let value: Value = serde_json::from_str(body).map_err(|e| LeadError::NotJson(e.to_string()))?;
    let lead = value.as_object().ok_or(LeadError::NotObject)?;

    if lead.get("schema").and_then(Value::as_str) != Some(LEAD_SCHEMA) {
        return Err(LeadError::WrongSchema);
    }
    let id = lead
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| is_uuid(id))
        .ok_or(LeadError::BadId)?;
    if let Some(key) = idempotency_key {
        // UUIDs are case-insensitive; a client that upper-cases one of the two is still
        // talking about the same lead.
        if !key.trim().eq_ignore_ascii_case(id) {
            return Err(LeadError::IdempotencyKeyMismatch);
        }
    }

    let contact = object(lead, "contact", "contact")?;
    let name = contact.get("name").and_then(Value::as_str).unwrap_or("");
    if name.trim().is_empty() {
        return Err(field(
            "contact.name",
            "is required and must be a non-empty string",
        ));
    }
    let email = contact.get("email").and_then(Value::as_str);
    if !email.is_some_and(is_email) {
        return Err(field(
            "contact.email",
            "is required and must be an email address like name@example.com",
        ));
    }
    for key in ["phone", "message", "preferred_contact", "best_time"] {
        optional_string(contact, key, "contact.")?;
    }

    let consent = object(lead, "consent", "consent")?;
    if consent.get("processing") != Some(&Value::Bool(true)) {
        return Err(field(
            "consent.processing",
            "must be true: the visitor has to agree to the processing of their answers",
        ));
    }
    let consent_text = consent.get("text").and_then(Value::as_str).unwrap_or("");
    if consent_text.trim().is_empty() {
        return Err(field(
            "consent.text",
            "is required and must be the exact consent text the visitor agreed to",
        ));
    }
    for key in ["created_at", "clinic", "locale"] {
        required_string(lead, key)?;
    }
    object(lead, "answers", "answers")?;
    object(lead, "recommendation", "recommendation")?;
    let photos = check_photos(lead.get("photos")).map_err(|e| LeadError::Field {
        field: e.field,
        problem: e.problem,
    })?;

    let id = id.to_ascii_lowercase();
    let body_sha256 = canonical_sha256(&value);
    let stored_body = if photos.is_empty() {
        body.to_owned()
    } else {
        let mut stripped = value;
        if let Some(Value::Array(items)) = stripped.get_mut("photos") {
            for item in items {
                item["data"] = Value::Null;
            }
        }
        stripped.to_string()
    };
    Ok(ValidLead {
        id,
        stored_body,
        body_sha256,
        photos,
    })
}

/// Hex SHA-256 of `value` serialised compactly with object keys sorted (serde_json's map is
/// ordered by key), so two bodies that are the same JSON written differently hash the same.
pub fn canonical_sha256(value: &Value) -> String {
    struct HashWriter(Sha256);
    impl std::io::Write for HashWriter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.update(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut writer = HashWriter(Sha256::new());
    // Writing a Value to a sink that cannot fail cannot fail.
    let _ = serde_json::to_writer(&mut writer, value);
    hex(&writer.0.finalize())
}

/// Lower-case hex of some bytes.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    out
}

fn required_string(lead: &Map<String, Value>, key: &'static str) -> Result<(), LeadError> {
    match lead.get(key) {
        Some(Value::String(text)) if !text.trim().is_empty() => Ok(()),
        _ => Err(field(key, "is required and must be a non-empty string")),
    }
}

/// Absent or `null` is "not given"; anything else must be a string.
fn optional_string(fields: &Map<String, Value>, key: &str, prefix: &str) -> Result<(), LeadError> {
    match fields.get(key) {
        None | Some(Value::Null | Value::String(_)) => Ok(()),
        Some(_) => Err(LeadError::Field {
            field: format!("{prefix}{key}"),
            problem: "must be a string when given".into(),
        }),
    }
}

fn field(field: &str, problem: &str) -> LeadError {
    LeadError::Field {
        field: field.into(),
        problem: problem.into(),
    }
}

fn object<'a>(
    lead: &'a Map<String, Value>,
    key: &str,
    field_name: &str,
) -> Result<&'a Map<String, Value>, LeadError> {
    lead.get(key)
        .and_then(Value::as_object)
        .ok_or_else(|| field(field_name, "is required and must be an object"))
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

/// Deliberately loose (the widget validates more strictly): exactly one `@`, something before
/// it, a dot inside the domain, and no spaces. The point is to catch a name typed into the
/// email box, not to police RFC 5322.
pub fn is_email(s: &str) -> bool {
    if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ID: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

    fn lead() -> Value {
        json!({
            "schema": LEAD_SCHEMA,
            "id": ID,
            "created_at": "2025-05-01T10:00:00.000Z",
            "clinic": "Northline SMP",
            "locale": "en",
            "contact": {"name": "Sam", "email": "sam@example.com"},
            "consent": {"processing": true, "marketing": false, "text": "I agree"},
            "answers": {"pattern": "male"},
            "recommendation": {"approach": "buzz_cut"},
        })
    }

    fn check(value: &Value) -> Result<ValidLead, LeadError> {
        validate_lead(&value.to_string(), None)
    }

    #[test]
    fn accepts_a_minimal_lead() {
        let valid = check(&lead()).expect("valid lead");
        assert_eq!(valid.id, ID);
        assert_eq!(valid.stored_body, lead().to_string(), "kept as received");
    }

    #[test]
    fn optional_contact_fields_may_be_null_or_absent() {
        let mut value = lead();
        value["contact"]["phone"] = Value::Null;
        value["photos"] = Value::Null;
        check(&value).expect("null phone and photos are fine");
    }

    #[test]
    fn the_hash_ignores_formatting_and_key_order() {
        let a: Value = serde_json::from_str(r#"{"b": [1, 2], "a": {"y": 1, "x": "é"}}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"a":{"x":"\u00e9","y":1},"b":[1,2]}"#).unwrap();
        let c: Value = serde_json::from_str(r#"{"a":{"x":"e","y":1},"b":[1,2]}"#).unwrap();
        assert_eq!(canonical_sha256(&a), canonical_sha256(&b));
        assert_ne!(canonical_sha256(&a), canonical_sha256(&c));
        assert_eq!(canonical_sha256(&a).len(), 64);
    }

    #[test]
    fn lower_cases_the_id_and_accepts_a_key_in_another_case() {
        let mut value = lead();
        value["id"] = json!(ID.to_uppercase());
        let valid = validate_lead(&value.to_string(), Some(ID)).expect("same UUID");
        assert_eq!(valid.id, ID);
    }

    #[test]
    fn uuid_shape() {
        assert!(is_uuid(ID));
        assert!(is_uuid("00000000-0000-0000-0000-000000000000"));
        assert!(!is_uuid("0f8fad5bd9cb469fa16570867728950e"));
        assert!(!is_uuid("0f8fad5b-d9cb-469f-a165-70867728950"));
        assert!(!is_uuid("0f8fad5b-d9cb-469f-a165-70867728950g"));
        assert!(!is_uuid("0f8fad5b-d9cb-469f-a165_70867728950e"));
        assert!(!is_uuid(""));
    }

    #[test]
    fn email_shape() {
        assert!(is_email("a@b.co"));
        assert!(is_email("first.last+tag@mail.example.org"));
        for bad in [
            "",
            "sam",
            "sam@",
            "@example.com",
            "sam@example",
            "a@b@c.com",
            "sam @x.com",
            "a@.com",
            "a@x.",
            "a@x..com",
        ] {
            assert!(!is_email(bad), "{bad:?}");
        }
    }

    /// Spoils one field of a valid lead.
    type Breakage = fn(&mut Value);

    #[test]
    fn names_the_field_that_is_wrong() {
        let cases: [(&str, Breakage); 16] = [
            ("created_at", |v| v["created_at"] = json!(1_714_557_600)),
            ("clinic", |v| {
                v.as_object_mut().map(|o| o.remove("clinic"));
            }),
            ("locale", |v| v["locale"] = json!(null)),
            ("contact.phone", |v| {
                v["contact"]["phone"] = json!(447_700_900_123_u64)
            }),
            ("contact.message", |v| {
                v["contact"]["message"] = json!(["hi"])
            }),
            ("consent.text", |v| v["consent"]["text"] = json!("  ")),
            ("consent.text", |v| {
                v["consent"].as_object_mut().map(|c| c.remove("text"));
            }),
            ("photos", |v| v["photos"] = json!({"front": "x"})),
            ("contact.name", |v| v["contact"]["name"] = json!("  ")),
            ("contact.name", |v| {
                v["contact"].as_object_mut().map(|c| c.remove("name"));
            }),
            ("contact.email", |v| {
                v["contact"]["email"] = json!("sam at example")
            }),
            ("contact.email", |v| {
                v["contact"].as_object_mut().map(|c| c.remove("email"));
            }),
            ("consent.processing", |v| {
                v["consent"]["processing"] = json!(false)
            }),
            ("consent.processing", |v| {
                v["consent"]["processing"] = json!("true")
            }),
            ("answers", |v| v["answers"] = json!([])),
            ("recommendation", |v| v["recommendation"] = Value::Null),
        ];
        for (name, break_it) in cases {
            let mut value = lead();
            break_it(&mut value);
            let err = check(&value).expect_err(name);
            assert!(err.is_semantic(), "{name}: {err}");
            assert!(err.to_string().starts_with(name), "{name}: {err}");
        }
    }

    #[test]
    fn structural_problems_are_not_semantic() {
        assert!(matches!(
            validate_lead("{", None),
            Err(LeadError::NotJson(_))
        ));
        assert_eq!(validate_lead("[1]", None), Err(LeadError::NotObject));
        let mut value = lead();
        value["schema"] = json!("smp-consult.lead/v2");
        assert_eq!(check(&value), Err(LeadError::WrongSchema));
        let mut value = lead();
        value["id"] = json!(42);
        assert_eq!(check(&value), Err(LeadError::BadId));
        let other = "1f8fad5b-d9cb-469f-a165-70867728950e";
        assert_eq!(
            validate_lead(&lead().to_string(), Some(other)),
            Err(LeadError::IdempotencyKeyMismatch)
        );
    }
}
