//! Reading values that come from outside (a JS object, parsed JSON, saved progress) without
//! serde's deserializer, which would add tens of kilobytes to the wasm. The embed layer turns
//! a JS value into `Raw`; the readers here turn `Raw` into domain types with errors that name
//! the field and say what was expected.

use super::answers::*;
use super::config::{validate_endpoint, HubSpotForm, PriceTable, HUBSPOT_API};
use super::recommend::{Approach, Extent};

/// A JSON-like value.
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Raw>),
    Object(Vec<(String, Raw)>),
}

/// A value that could not be read: which field, what was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{field}` must be {expected}")]
pub struct RawError {
    pub field: String,
    pub expected: String,
}

fn invalid(field: impl Into<String>, expected: impl Into<String>) -> RawError {
    RawError {
        field: field.into(),
        expected: expected.into(),
    }
}

/// "one of: a, b, c" for an error message.
fn one_of(codes: impl Iterator<Item = &'static str>) -> String {
    let list: Vec<&str> = codes.collect();
    format!("one of: {}", list.join(", "))
}

impl Raw {
    /// The value under `key` of an object; `None` when absent or `null`.
    pub fn get(&self, key: &str) -> Option<&Raw> {
        match self {
            Raw::Object(entries) => entries
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
                .filter(|v| **v != Raw::Null),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Raw::Text(s) => Some(s),
            _ => None,
        }
    }

    /// A non-negative whole number that fits in `u32`.
    pub fn as_u32(&self) -> Option<u32> {
        match *self {
            Raw::Number(n) if n >= 0.0 && n <= f64::from(u32::MAX) && n.fract() == 0.0 => {
                Some(n as u32)
            }
            _ => None,
        }
    }
}

/// Reads an optional code field (`"pattern": "male"`) with the type's `from_code`.
fn code<T: Copy>(
    raw: &Raw,
    field: &'static str,
    all: &'static [T],
    code_of: fn(T) -> &'static str,
) -> Result<Option<T>, RawError> {
    let Some(value) = raw.get(field) else {
        return Ok(None);
    };
    value
        .as_str()
        .and_then(|s| all.iter().copied().find(|x| code_of(*x) == s))
        .map(Some)
        .ok_or_else(|| invalid(field, one_of(all.iter().map(|x| code_of(*x)))))
}

/// Reads an optional list of codes (`"scars": ["fut_strip"]`).
fn codes<T: Copy + PartialEq>(
    raw: &Raw,
    field: &'static str,
    all: &'static [T],
    code_of: fn(T) -> &'static str,
) -> Result<Option<Vec<T>>, RawError> {
    let Some(value) = raw.get(field) else {
        return Ok(None);
    };
    let expected = || {
        invalid(
            field,
            format!("a list of {}", one_of(all.iter().map(|x| code_of(*x)))),
        )
    };
    let Raw::List(items) = value else {
        return Err(expected());
    };
    let mut out = Vec::new();
    for item in items {
        let x = item
            .as_str()
            .and_then(|s| all.iter().copied().find(|x| code_of(*x) == s))
            .ok_or_else(expected)?;
        if !out.contains(&x) {
            out.push(x);
        }
    }
    Ok(Some(out))
}

fn boolean(raw: &Raw, field: &'static str) -> Result<Option<bool>, RawError> {
    match raw.get(field) {
        None => Ok(None),
        Some(Raw::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(invalid(field, "true or false")),
    }
}

impl Answers {
    /// Reads answers in DESIGN's JSON shape; skipped questions may be absent or `null`.
    /// Unknown keys are ignored.
    pub fn from_raw(raw: &Raw) -> Result<Answers, RawError> {
        if !matches!(raw, Raw::Object(_) | Raw::Null) {
            return Err(invalid("answers", "an object"));
        }
        let skin_tone = match raw.get("skin_tone") {
            None => None,
            Some(v) => {
                let n = v
                    .as_u32()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()));
                Some(
                    n.and_then(|n| u8::try_from(n).ok())
                        .and_then(SkinTone::new)
                        .ok_or_else(|| invalid("skin_tone", "a Fitzpatrick type from 1 to 6"))?,
                )
            }
        };
        Ok(Answers {
            pattern: code(raw, "pattern", Pattern::ALL, Pattern::code)?,
            stage: code(raw, "stage", Stage::ALL, Stage::code)?,
            progression: code(raw, "progression", Progression::ALL, Progression::code)?,
            style: code(raw, "style", Style::ALL, Style::code)?,
            hair_colour: code(raw, "hair_colour", HairColour::ALL, HairColour::code)?,
            skin_tone,
            scars: codes(raw, "scars", Scar::ALL, Scar::code)?,
            scar_healed: boolean(raw, "scar_healed")?,
            scar_raised: boolean(raw, "scar_raised")?,
            health: codes(raw, "health", Health::ALL, Health::code)?,
            age_band: code(raw, "age_band", AgeBand::ALL, AgeBand::code)?,
            hairline: code(raw, "hairline", Hairline::ALL, Hairline::code)?,
        })
    }
}

impl PriceTable {
    /// Reads `{"currency": "GBP", "prices": {"buzz_cut": {"small": [400, 850]}}}`.
    /// `Ok(None)` when there are no prices; a wrong item is an error naming it.
    pub fn from_raw(raw: &Raw) -> Result<Option<PriceTable>, RawError> {
        let Some(prices) = raw.get("prices") else {
            return Ok(None);
        };
        let currency = raw.get("currency").and_then(Raw::as_str).unwrap_or("");
        if !(currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase())) {
            return Err(invalid(
                "currency",
                "a three-letter ISO 4217 code such as \"GBP\" or \"EUR\"",
            ));
        }
        let Raw::Object(by_approach) = prices else {
            return Err(invalid("prices", "an object of approaches"));
        };
        let mut table = PriceTable {
            currency: currency.to_string(),
            entries: Vec::new(),
        };
        for (approach_code, by_extent) in by_approach {
            let approach = Approach::from_code(approach_code).ok_or_else(|| {
                invalid(
                    format!("prices.{approach_code}"),
                    one_of(Approach::ALL.iter().map(|a| a.code())),
                )
            })?;
            let Raw::Object(by_extent) = by_extent else {
                return Err(invalid(
                    format!("prices.{approach_code}"),
                    "an object of extents (small, medium, large)",
                ));
            };
            for (extent_code, range) in by_extent {
                let item = format!("prices.{approach_code}.{extent_code}");
                let extent = Extent::from_code(extent_code)
                    .ok_or_else(|| invalid(item.clone(), "under small, medium or large"))?;
                let pair = match range {
                    Raw::List(v) if v.len() == 2 => v[0].as_u32().zip(v[1].as_u32()),
                    _ => None,
                };
                match pair {
                    Some((min, max)) if min <= max => {
                        table.entries.push((approach, extent, [min, max]))
                    }
                    _ => {
                        return Err(invalid(
                            item,
                            "[min, max]: two whole numbers with min not above max",
                        ))
                    }
                }
            }
        }
        Ok(Some(table))
    }
}

impl HubSpotForm {
    /// Reads `{"portal_id": "123", "form_id": "…", "subscription_type_id": 42}` (the JSON
    /// config's `hubspot`); errors name the item, e.g. `hubspot.form_id`.
    pub fn from_raw(raw: &Raw) -> Result<HubSpotForm, RawError> {
        let text_or_number = |key: &str| match raw.get(key) {
            Some(Raw::Text(s)) => Some(s.trim().to_string()),
            Some(v @ Raw::Number(_)) => v.as_u32().map(|n| n.to_string()),
            _ => None,
        };
        let portal_id = text_or_number("portal_id")
            .filter(|p| (1..=20).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| invalid("hubspot.portal_id", "your HubSpot account id (digits)"))?;
        let form_id = text_or_number("form_id")
            .filter(|f| f.len() == 36 && f.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'))
            .ok_or_else(|| invalid("hubspot.form_id", "the form's GUID, e.g. 0f1e2d3c-…"))?;
        let subscription_type_id = match raw.get("subscription_type_id") {
            None => None,
            Some(v) => Some(
                v.as_u32()
                    .ok_or_else(|| invalid("hubspot.subscription_type_id", "a whole number"))?,
            ),
        };
        let api = match raw.get("api") {
            None => HUBSPOT_API.to_string(),
            Some(v) => {
                let url = v.as_str().unwrap_or("");
                validate_endpoint(url)
                    .map_err(|_| invalid("hubspot.api", "an absolute https:// URL"))?;
                url.to_string()
            }
        };
        Ok(HubSpotForm {
            portal_id,
            form_id,
            subscription_type_id,
            api,
        })
    }
}

impl From<RawError> for super::config::ConfigError {
    fn from(e: RawError) -> Self {
        super::config::ConfigError::invalid(e.field, e.expected)
    }
}
