//! Typed string tables, one per locale. `Strings` is the interface: a locale that misses a
//! string, or an enum variant in one of its `match`es, does not compile. English is the fallback.

mod en;
mod es;

use crate::domain::flow::{Choice, QuestionId};
use crate::domain::lead::{BestTime, FieldError, PreferredContact};
use crate::domain::recommend::{Approach, Caution, Extent, InPerson, PigmentNote, Range, Reason};

/// A label with an optional hint line ("" when none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub text: &'static str,
    pub hint: &'static str,
}

/// Shorthand for building a `Label` in the tables.
pub const fn label(text: &'static str, hint: &'static str) -> Label {
    Label { text, hint }
}

/// Every string the widget shows, for one locale.
pub struct Strings {
    /// BCP 47 code, e.g. `en`.
    pub code: &'static str,
    /// Widget heading above the questions.
    pub title: &'static str,
    /// One-line promise under the heading (private, quick, honest).
    pub intro: &'static str,
    pub back: &'static str,
    pub next: &'static str,
    pub see_result: &'static str,
    pub start_again: &'static str,
    /// "Question 3 of 10".
    pub progress: fn(usize, usize) -> String,
    /// Tag next to an optional question.
    pub optional: &'static str,
    pub question: fn(QuestionId) -> Label,
    /// An option's label; `question` tells "no scars" from "none of these".
    pub choice: fn(QuestionId, Choice) -> Label,
    pub step_error_no_choice: &'static str,
    pub step_error_scar_required: &'static str,

    pub result_heading: &'static str,
    pub provisional_heading: &'static str,
    pub provisional_text: &'static str,
    pub approach: fn(Approach) -> Label,
    pub alternative_heading: &'static str,
    pub add_on_heading: &'static str,
    pub treatment_heading: &'static str,
    pub extent: fn(Extent) -> &'static str,
    pub sessions: fn(Range) -> String,
    pub hours_per_session: fn(Range) -> String,
    pub hairline_heading: &'static str,
    pub pigment_heading: &'static str,
    pub pigment: fn(PigmentNote) -> &'static str,
    pub cautions_heading: &'static str,
    pub caution: fn(Caution) -> &'static str,
    pub in_person: fn(InPerson) -> &'static str,
    pub price_heading: &'static str,
    /// "from £850 to £1,500" given the two formatted amounts.
    pub price_range: fn(&str, &str) -> String,
    pub price_note: &'static str,
    pub longevity_heading: &'static str,
    pub longevity: &'static str,
    pub why_heading: &'static str,
    pub reason: fn(Reason) -> &'static str,
    pub to_lead_form: &'static str,
    pub change_answers: &'static str,

    /// "Send your result to {clinic}".
    pub lead_heading: fn(&str) -> String,
    pub lead_intro: &'static str,
    pub name_label: &'static str,
    pub email_label: &'static str,
    pub phone_label: &'static str,
    pub phone_hint: &'static str,
    pub preferred_contact_label: &'static str,
    pub preferred_contact: fn(PreferredContact) -> &'static str,
    pub best_time_label: &'static str,
    pub best_time: fn(BestTime) -> &'static str,
    pub message_label: &'static str,
    pub message_hint: &'static str,
    /// The processing consent (health data, GDPR art. 9), naming the clinic.
    pub consent_text: fn(&str) -> String,
    /// The optional marketing consent, naming the clinic.
    pub marketing_text: fn(&str) -> String,
    pub privacy_link: &'static str,
    pub field_error: fn(FieldError) -> &'static str,
    pub form_has_errors: &'static str,
    pub send: &'static str,
    pub sending: &'static str,
    pub retrying: &'static str,
    /// Not delivered yet, kept on the device and sent automatically later.
    pub send_saved: &'static str,
    /// Not delivered yet, and the device cannot keep it: only while the page stays open.
    pub send_unsaved: &'static str,
    pub send_rejected: &'static str,
    pub no_endpoint: &'static str,
    pub try_again: &'static str,
    /// Link that opens the visitor's email app with their result, when sending is impossible.
    pub email_summary: &'static str,
    /// Subject of that email, naming the clinic.
    pub email_summary_subject: fn(&str) -> String,
    /// "You can also reach {clinic} directly:".
    pub fallback_contact: fn(&str) -> String,

    /// "Thank you, {name}".
    pub thanks_heading: fn(&str) -> String,
    /// What happens next, naming the clinic.
    pub thanks_text: fn(&str) -> String,
    pub thanks_steps: [&'static str; 3],
}

/// The locales the widget ships.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Locale {
    #[default]
    En,
    Es,
}

impl Locale {
    pub const ALL: &'static [Locale] = &[Locale::En, Locale::Es];

    /// Picks a locale from a language tag such as `es-MX`; `None` if not shipped.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        Locale::ALL
            .iter()
            .copied()
            .find(|l| l.strings().code == primary)
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::En => &en::STRINGS,
            Locale::Es => &es::STRINGS,
        }
    }

    pub fn code(self) -> &'static str {
        self.strings().code
    }

    /// Formats a whole amount of money the way this locale writes it, e.g. `£1,500` / `1.500 €`.
    pub fn money(self, currency: &str, amount: u32) -> String {
        let separator = match self {
            Locale::En => ',',
            Locale::Es => '.',
        };
        let digits = amount.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            // Spanish leaves four-digit numbers ungrouped (RAE): 1500, but 15.000.
            let group = !(self == Locale::Es && digits.len() == 4);
            if i > 0 && (digits.len() - i) % 3 == 0 && group {
                grouped.push(separator);
            }
            grouped.push(c);
        }
        let symbol = match currency {
            "GBP" => "£",
            "EUR" => "€",
            "USD" => "$",
            other => other,
        };
        match self {
            Locale::En if symbol != currency => format!("{symbol}{grouped}"),
            _ => format!("{grouped}\u{a0}{symbol}"),
        }
    }
}
