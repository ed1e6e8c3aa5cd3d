//! Validation of incoming lead payloads (schema `smp-consult.lead/v1`).
//!
//! The inbox stores the body exactly as received, so this module only checks what a clinic
//! needs to act on a lead and what makes delivery idempotent; it never rewrites the payload.

use serde_json::{Map, Value};

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
    /// A field the clinic needs is missing or unusable.
    #[error("{field} {problem}")]
    Field {
        /// Dotted path of the field, e.g. `contact.email`.
        field: &'static str,
        /// What is wrong with it.
        problem: &'static str,
    },
}

impl LeadError {
    /// True for a well-formed lead whose content is unusable (HTTP 422), false for a request
    /// that is not a lead of this schema at all (HTTP 400).
    pub fn is_semantic(&self) -> bool {
        matches!(self, Self::Field { .. })
    }
}

/// A lead that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidLead {
    /// The lead's id in lower case, so the same UUID written in either case is one lead.
    pub id: String,
    /// The parsed body, kept to compare a retried body with the stored one.
    pub value: Value,
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

    let consent = object(lead, "consent", "consent")?;
    if consent.get("processing") != Some(&Value::Bool(true)) {
        return Err(field(
            "consent.processing",
            "must be true: the visitor has to agree to the processing of their answers",
        ));
    }
    object(lead, "answers", "answers")?;
    object(lead, "recommendation", "recommendation")?;

    let id = id.to_ascii_lowercase();
    Ok(ValidLead { id, value })
}

fn field(field: &'static str, problem: &'static str) -> LeadError {
    LeadError::Field { field, problem }
}

fn object<'a>(
    lead: &'a Map<String, Value>,
    key: &str,
    field_name: &'static str,
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
        let cases: [(&str, Breakage); 8] = [
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
