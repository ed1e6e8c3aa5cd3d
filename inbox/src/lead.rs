//! Reading incoming leads (schema `smp-consult.lead/v1`) into the widget's own lead type.
//!
//! The body is deserialised into [`LeadPayload`], whose `Deserialize` (in the widget's domain)
//! refuses unknown fields and codes and any field over its limit; this module adds what only a
//! receiver does: decoding the photos, and deciding what is stored. What is stored is the body
//! exactly as received when it carries no photo data, or the same JSON with each photo's `data`
//! replaced by `null` (the bytes go to their own table). Either way a SHA-256 of the canonical
//! form of the *whole* original body is kept, so a retry is recognised even though the photo
//! data is no longer in the stored text.

use serde::Deserialize as _;
use serde_json::Value;
use sha2::{Digest as _, Sha256};
use smp_consult::domain::checked::is_uuid;
use smp_consult::domain::lead::{LeadPayload, SCHEMA};

use crate::photo::{self, DecodedPhoto};

/// The only schema this inbox accepts.
pub const LEAD_SCHEMA: &str = SCHEMA;

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
    /// A field is missing, unknown, over its limit or otherwise unusable.
    #[error("{field}: {problem}")]
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
    /// The lead, typed; photo `data` emptied (the bytes are in `photos`).
    pub lead: LeadPayload,
    /// What goes into `leads.body`: the body as received, or, when it carries photos, the same
    /// JSON with every photo's `data` set to `null`.
    pub stored_body: String,
    /// Hex SHA-256 of the canonical serialisation of the whole body as received (see
    /// [`canonical_sha256`]); equal for equal JSON, whatever its formatting.
    pub body_sha256: String,
    /// The decoded photos.
    pub photos: Vec<DecodedPhoto>,
}

/// Checks a body against the lead schema. `idempotency_key` is the header's value, if sent.
pub fn validate_lead(body: &str, idempotency_key: Option<&str>) -> Result<ValidLead, LeadError> {
    let value: Value = serde_json::from_str(body).map_err(|e| LeadError::NotJson(e.to_string()))?;
    let object = value.as_object().ok_or(LeadError::NotObject)?;
    // Not a lead of this schema at all (400) rather than a lead with a bad field (422).
    if object.get("schema").and_then(Value::as_str) != Some(LEAD_SCHEMA) {
        return Err(LeadError::WrongSchema);
    }
    let id = object
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
    let id = id.to_ascii_lowercase();

    let mut lead: LeadPayload =
        serde_path_to_error::deserialize(&value).map_err(|e| LeadError::Field {
            field: match e.path().to_string() {
                root if root == "." => "lead".to_string(),
                path => path,
            },
            problem: e.into_inner().to_string(),
        })?;
    let photos = lead
        .photos
        .iter()
        .enumerate()
        .map(|(index, p)| photo::decode(index, p))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| LeadError::Field {
            field: e.field,
            problem: e.problem,
        })?;
    for p in &mut lead.photos {
        p.data = String::new();
    }

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
        lead,
        stored_body,
        body_sha256,
        photos,
    })
}

/// Reads a stored body back into the lead type, for forwarding and notifications. Stored
/// leads were checked when they arrived, but by the rules of their day: a lead whose codes
/// this version no longer knows is `None`, and is still shown from its raw JSON.
pub fn parse_stored(body: &str) -> Option<LeadPayload> {
    let value: Value = serde_json::from_str(body).ok()?;
    LeadPayload::deserialize(&value).ok()
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
            "contact": {"name": "Sam", "email": "sam@example.com", "message": ""},
            "consent": {"processing": true, "marketing": false, "text": "I agree"},
            "answers": {"pattern": "male"},
            "recommendation": {
                "approach": "buzz_cut", "alternative": null, "add_ons": [], "extent": "medium",
                "sessions": {"min": 3, "max": 3}, "hours_per_session": {"min": 3, "max": 4},
                "hairline": "soft", "pigment": [], "cautions": [], "in_person": [],
                "price": null, "reasons": ["advanced_loss"]
            },
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
        assert_eq!(valid.lead.contact.name, "Sam");
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

    /// Spoils one field of a valid lead.
    type Breakage = fn(&mut Value);

    #[test]
    fn names_the_field_that_is_wrong() {
        let long = |n: usize| json!("x".repeat(n));
        let cases: [(&str, Breakage); 22] = [
            ("created_at", |v| v["created_at"] = json!(1_714_557_600)),
            ("created_at", |v| v["created_at"] = json!("yesterday")),
            ("lead", |v| {
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
            ("consent", |v| {
                v["consent"].as_object_mut().map(|c| c.remove("text"));
            }),
            ("photos", |v| v["photos"] = json!({"front": "x"})),
            ("contact.name", |v| v["contact"]["name"] = json!("  ")),
            ("contact", |v| {
                v["contact"].as_object_mut().map(|c| c.remove("name"));
            }),
            ("contact.email", |v| {
                v["contact"]["email"] = json!("sam at example")
            }),
            ("consent.processing", |v| {
                v["consent"]["processing"] = json!(false)
            }),
            ("consent.processing", |v| {
                v["consent"]["processing"] = json!("true")
            }),
            ("answers", |v| v["answers"] = json!("none")),
            ("recommendation", |v| v["recommendation"] = Value::Null),
            ("answers.pattern", |v| {
                v["answers"]["pattern"] = json!("bald")
            }),
            ("answers.health[0]", |v| {
                v["answers"]["health"] = json!(["vampire"])
            }),
            ("recommendation.reasons[0]", |v| {
                v["recommendation"]["reasons"] = json!(["pattern_male"])
            }),
            ("contact.junk", |v| v["contact"]["junk"] = json!("x")),
            ("extra", |v| v["extra"] = json!("x")),
            ("contact.name", |v| {
                v["contact"]["name"] = json!("x".repeat(121))
            }),
        ];
        for (name, break_it) in cases {
            let mut value = lead();
            break_it(&mut value);
            let err = check(&value).expect_err(name);
            assert!(err.is_semantic(), "{name}: {err}");
            assert_eq!(err.field(), Some(name), "{err}");
        }
        // Every text field has a limit.
        for (pointer, limit) in [
            ("/contact/message", 2000),
            ("/clinic", 200),
            ("/consent/text", 4000),
        ] {
            let mut value = lead();
            *value.pointer_mut(pointer).expect("field") = long(limit);
            check(&value).expect("at the limit");
            *value.pointer_mut(pointer).expect("field") = long(limit + 1);
            let err = check(&value).expect_err(pointer);
            assert!(err.to_string().contains("longer than"), "{err}");
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
