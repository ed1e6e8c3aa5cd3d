//! Reading a table: the texts with a value in them are templates with named placeholders
//! (`"Send your result to {clinic}"`, `"{span} sessions"`), filled here; the rest are read as
//! they are.

use super::{Label, Plural, Strings};
use crate::domain::flow::{Choice, QuestionId};
use crate::domain::lead::{BestTime, FieldError, PreferredContact};
use crate::domain::photo::{PhotoError, PhotoSlot};
use crate::domain::recommend::{Approach, Caution, Extent, InPerson, PigmentNote, Range, Reason};

/// `template` with its `{placeholders}` filled in one pass (a value that itself looks like a
/// placeholder stays as it is; a placeholder with no value stays too).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut rest = template;
    let mut out = String::with_capacity(rest.len() + 32);
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        match values.iter().find(|(name, _)| rest.starts_with(name)) {
            Some((name, value)) => {
                out.push_str(value);
                rest = &rest[name.len()..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A plural pair's form for `r` (`one` for exactly one: French's `one` also covers 0, which no
/// range starts at), its `{span}` filled.
fn counted(p: Plural, r: Range) -> String {
    let form = if r.max == 1 { p.one } else { p.other };
    fill(form, &[("{span}", &super::span(r))])
}

impl Strings {
    /// "Question 3 of up to 12".
    pub fn progress(&self, n: usize, total: usize) -> String {
        fill(
            self.progress,
            &[("{n}", &n.to_string()), ("{total}", &total.to_string())],
        )
    }

    /// "from £850 to £1,500" given the two formatted amounts.
    pub fn price_range(&self, min: &str, max: &str) -> String {
        fill(self.price_range, &[("{min}", min), ("{max}", max)])
    }

    /// "Thank you, Sam".
    pub fn thanks_heading(&self, name: &str) -> String {
        fill(self.thanks_heading, &[("{name}", name)])
    }

    /// Alt text of a photo slot's thumbnail, given the slot's label.
    pub fn photo_alt(&self, slot: &str) -> String {
        fill(self.photo_alt, &[("{slot}", slot)])
    }

    /// "3 sessions" / "1 session", or a range.
    pub fn sessions(&self, r: Range) -> String {
        counted(self.sessions, r)
    }

    /// Hours per session, or a range of them.
    pub fn hours_per_session(&self, r: Range) -> String {
        counted(self.hours_per_session, r)
    }

    pub fn question(&self, q: QuestionId) -> Label {
        (self.question)(q)
    }

    /// An option's label; `q` tells "no scars" from "none of these".
    pub fn choice(&self, q: QuestionId, c: Choice) -> Label {
        (self.choice)(q, c)
    }

    pub fn approach(&self, a: Approach) -> Label {
        (self.approach)(a)
    }

    pub fn photo_slot(&self, s: PhotoSlot) -> Label {
        (self.photo_slot)(s)
    }

    pub fn photo_error(&self, e: PhotoError) -> &'static str {
        (self.photo_error)(e)
    }

    pub fn field_error(&self, e: FieldError) -> &'static str {
        (self.field_error)(e)
    }
}

macro_rules! clinic_methods {
    ($($field:ident),*) => {
        impl Strings {
            $(
                #[doc = concat!("`", stringify!($field), "` with the clinic's name filled in.")]
                pub fn $field(&self, clinic: &str) -> String {
                    fill(self.$field, &[("{clinic}", clinic)])
                }
            )*
        }
    };
}
clinic_methods!(
    lead_heading,
    photos_privacy,
    consent_text,
    marketing_text,
    email_summary_subject,
    fallback_contact,
    thanks_text
);

/// The texts that name a domain code, read through the table's `match`.
macro_rules! coded_methods {
    ($($field:ident: $key:literal: $ty:ident),*) => {
        impl Strings {
            $(
                pub fn $field(&self, x: $ty) -> &'static str {
                    (self.$field)(x)
                }
            )*
        }
    };
}
coded_texts!(coded_methods);
