//! Typed string tables, one per locale. `Strings` is the interface: a locale that misses a
//! string, or an enum variant in one of its `match`es, does not compile. English is the fallback.

/// The fields of `Strings` that name a domain code, written once: `field: "key prefix": Type`
/// (its `ALL` and `code()`). `fill.rs` makes a method of each, `sweep.rs` lists their texts.
/// Defined before the modules, so that they see it.
macro_rules! coded_texts {
    ($apply:ident) => {
        $apply! {
            extent: "extent": Extent,
            pigment: "pigment": PigmentNote,
            caution: "caution": Caution,
            in_person: "in_person": InPerson,
            reason: "reason": Reason,
            preferred_contact: "preferred": PreferredContact,
            best_time: "best_time": BestTime
        }
    };
}

mod de;
mod en;
mod es;
mod fill;
mod fr;
mod it;
mod pt;
#[cfg(not(target_arch = "wasm32"))]
pub mod sweep;

pub use fill::fill;

use crate::domain::flow::{Choice, QuestionId};
use crate::domain::lead::{BestTime, FieldError, PreferredContact};
use crate::domain::photo::{PhotoError, PhotoSlot};
use crate::domain::recommend::{Approach, Caution, Extent, InPerson, PigmentNote, Range, Reason};

/// A label with an optional hint line ("" when none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub text: &'static str,
    pub hint: &'static str,
}

/// A range of sessions or hours as every shipped locale writes it: `3`, or `2–3`.
fn span(r: Range) -> String {
    if r.min == r.max {
        r.min.to_string()
    } else {
        format!("{}–{}", r.min, r.max)
    }
}

/// A text with a number in it, in the two forms every shipped language needs (CLDR's `one`
/// and `other`); `{span}` stands for the number or range ("2–3").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

/// Shorthand for building a `Plural` in the tables.
pub const fn plural(one: &'static str, other: &'static str) -> Plural {
    Plural { one, other }
}

/// Shorthand for building a `Label` in the tables.
pub const fn label(text: &'static str, hint: &'static str) -> Label {
    Label { text, hint }
}

/// Every string the widget shows, for one locale.
#[derive(Clone, Copy)]
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
    /// "Question {n} of up to {total}": the total is the most questions anyone is asked, the
    /// same for every visitor (see `flow::progress`). Like every text with a value in it, a
    /// template with named placeholders, filled by the method of the same name.
    pub progress: &'static str,
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
    /// "{span} sessions": read with the method of the same name, which picks the form.
    pub sessions: Plural,
    /// "{span} hours each".
    pub hours_per_session: Plural,
    pub hairline_heading: &'static str,
    pub pigment_heading: &'static str,
    pub pigment: fn(PigmentNote) -> &'static str,
    pub cautions_heading: &'static str,
    pub caution: fn(Caution) -> &'static str,
    pub in_person: fn(InPerson) -> &'static str,
    pub price_heading: &'static str,
    /// "from {min} to {max}", the two formatted amounts.
    pub price_range: &'static str,
    pub price_note: &'static str,
    pub longevity_heading: &'static str,
    pub longevity: &'static str,
    pub why_heading: &'static str,
    pub reason: fn(Reason) -> &'static str,
    pub to_lead_form: &'static str,
    pub change_answers: &'static str,
    /// Heading over the drawing of the visitor's own result.
    pub preview_heading: &'static str,
    /// "Now": the head as the visitor described it…
    pub preview_now: &'static str,
    /// …and "With SMP": the same head with the suggested approach.
    pub preview_with_smp: &'static str,
    /// The accessible name of the range that moves between the two.
    pub preview_compare: &'static str,
    /// The range's value in words, `{n}` standing for the number: "{n}% with SMP".
    pub preview_split: &'static str,
    /// The honest caption: a drawing from the answers, not a photo and not a promise.
    pub preview_caption: &'static str,
    /// Words of the drawing's text alternative ("Hair: Dark brown").
    pub preview_hair: &'static str,
    pub preview_skin: &'static str,
    pub preview_scars: &'static str,

    /// "Send your result to {clinic}" (the texts naming the clinic all use `{clinic}`).
    pub lead_heading: &'static str,
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
    /// Legend of the optional scalp photos.
    pub photos_label: &'static str,
    /// What the photos are for, and which files work.
    pub photos_hint: &'static str,
    /// Where the photos go (only to the clinic, named) and that location data is removed.
    pub photos_privacy: &'static str,
    /// A photo slot's label, with what to photograph as the hint.
    pub photo_slot: fn(PhotoSlot) -> Label,
    /// Alt text of a slot's thumbnail, `{slot}` standing for the slot's label.
    pub photo_alt: &'static str,
    /// The button that opens the file chooser of an empty slot…
    pub photo_add: &'static str,
    /// …and of a slot that has a photo (the new one replaces it).
    pub photo_change: &'static str,
    /// The button that takes a photo out again.
    pub photo_remove: &'static str,
    /// Shown while a chosen photo is being resized.
    pub photo_preparing: &'static str,
    pub photo_error: fn(PhotoError) -> &'static str,
    /// The processing consent (health data, GDPR art. 9), naming the clinic.
    pub consent_text: &'static str,
    /// The optional marketing consent, naming the clinic.
    pub marketing_text: &'static str,
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
    /// Shown while a part of the widget kept in a second wasm module (the lead form) loads.
    pub loading: &'static str,
    /// That part could not load; a Try again button follows.
    pub part_failed: &'static str,
    /// Link that opens the visitor's email app with their result, when sending is impossible.
    pub email_summary: &'static str,
    /// Subject of that email, naming the clinic.
    pub email_summary_subject: &'static str,
    /// "You can also reach {clinic} directly:".
    pub fallback_contact: &'static str,

    /// "Thank you, {name}".
    pub thanks_heading: &'static str,
    /// What happens next, naming the clinic.
    pub thanks_text: &'static str,
    pub thanks_steps: [&'static str; 3],
    /// Link to the clinic's online booking page, when it has one.
    pub book_consultation: &'static str,
    /// Shown for a moment before the page moves on to the clinic's own thank-you page.
    pub redirecting: &'static str,
    /// Label of the button that closes the widget's dialog (popup and bubble modes).
    pub close: &'static str,
    /// What joins a term and its explanation ("Buzz cut: …"); French puts a narrow space before.
    pub colon: &'static str,
    /// Whether the explanation after that colon starts in lower case (es, fr, it, pt do).
    pub lower_after_colon: bool,
}

impl Strings {
    /// An explanation as it reads after `colon`: its first letter lowered where the language
    /// wants it, unless the first word is an acronym ("SMP …").
    pub fn after_colon(&self, text: &str) -> String {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(first), Some(second)) if self.lower_after_colon && !is_latin_upper(second) => {
                let mut out = String::with_capacity(text.len());
                out.push(latin_lower(first));
                out.push_str(&text[first.len_utf8()..]);
                out
            }
            _ => text.to_string(),
        }
    }
}

/// Whether `c` is a capital of the Latin-1 letters the shipped languages write (A–Z, À–Þ).
/// Not `char::is_uppercase`/`to_lowercase`: their Unicode tables cost the wasm about 5 KB, and
/// no table here starts an explanation with a capital outside Latin-1 (`tests/i18n.rs` checks
/// every text against the Unicode rule).
fn is_latin_upper(c: char) -> bool {
    c.is_ascii_uppercase() || (('\u{c0}'..='\u{de}').contains(&c) && c != '\u{d7}')
}

/// `c` lowered if it is one of `is_latin_upper`'s capitals, else `c`.
fn latin_lower(c: char) -> char {
    if is_latin_upper(c) {
        char::from_u32(c as u32 + 0x20).unwrap_or(c)
    } else {
        c
    }
}

/// The locales the widget ships.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Locale {
    #[default]
    En,
    Es,
    Fr,
    De,
    Pt,
    It,
}

impl Locale {
    pub const ALL: &'static [Locale] = &[
        Locale::En,
        Locale::Es,
        Locale::Fr,
        Locale::De,
        Locale::Pt,
        Locale::It,
    ];

    /// Picks a locale from a language tag such as `es-MX`; `None` if not shipped.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        Locale::ALL.iter().copied().find(|l| l.code() == primary)
    }

    /// The language this wasm engine speaks, chosen when it is built: `SMP_CONSULT_LANG=de
    /// cargo build --target wasm32-unknown-unknown` (scripts/build builds one engine per
    /// language, into `dist/<code>/`; the loader fetches the visitor's). Unset: English. An
    /// engine carries its own table only; native builds (tests, the server, the build-time
    /// render) carry all six.
    pub const BUILT: Locale = match option_env!("SMP_CONSULT_LANG") {
        None => Locale::En,
        Some(code) => match Locale::from_code(code) {
            Some(locale) => locale,
            None => panic!("SMP_CONSULT_LANG must be one of: en, es, fr, de, pt, it"),
        },
    };

    /// The locale whose code is exactly `code` (`de`), in a constant.
    const fn from_code(code: &str) -> Option<Locale> {
        let mut i = 0;
        while i < Locale::ALL.len() {
            let (a, b) = (Locale::ALL[i].code().as_bytes(), code.as_bytes());
            if a.len() == b.len() && a[0] == b[0] && a[1] == b[1] {
                return Some(Locale::ALL[i]);
            }
            i += 1;
        }
        None
    }

    /// Whether this build carries the locale's table: natively every one; an engine, its own.
    pub fn carried(self) -> bool {
        cfg!(not(target_arch = "wasm32")) || self == Locale::BUILT
    }

    /// This locale's table, if carried ([`Locale::carried`]); otherwise the table of the
    /// language the engine was built for, which it then speaks throughout (texts, money, the
    /// lead's `locale`): the loader fetches the engine of the language an element asks for, so
    /// this happens only while a changed `lang` waits for its engine.
    pub fn strings(self) -> &'static Strings {
        let speaks = if self.carried() { self } else { Locale::BUILT };
        match speaks {
            Locale::En => &en::STRINGS,
            Locale::Es => &es::STRINGS,
            Locale::Fr => &fr::STRINGS,
            Locale::De => &de::STRINGS,
            Locale::Pt => &pt::STRINGS,
            Locale::It => &it::STRINGS,
        }
    }

    /// BCP 47 code, e.g. `es`; also the name of its engine's folder (`dist/es/`).
    pub const fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
            Locale::Fr => "fr",
            Locale::De => "de",
            Locale::Pt => "pt",
            Locale::It => "it",
        }
    }

    /// Formats a whole amount of money the way this locale writes it: `£1,500` (en),
    /// `1500 €` (es), `1 500 €` (fr), `1.500 €` (de, it), `R$ 1.500` (pt, Brazilian).
    pub fn money(self, currency: &str, amount: u32) -> String {
        let separator = match self {
            Locale::En => ',',
            Locale::Fr => '\u{202f}',
            _ => '.',
        };
        let digits = amount.to_string();
        // Spanish leaves four-digit numbers ungrouped (RAE): 1500, but 15.000.
        let group = !(self == Locale::Es && digits.len() == 4);
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 && group {
                grouped.push(separator);
            }
            grouped.push(c);
        }
        let symbol = match currency {
            "GBP" => "£",
            "EUR" => "€",
            "USD" => "$",
            "BRL" => "R$",
            other => other,
        };
        match self {
            Locale::En if symbol != currency => format!("{symbol}{grouped}"),
            Locale::En | Locale::Pt => format!("{symbol}\u{a0}{grouped}"),
            _ => format!("{grouped}\u{a0}{symbol}"),
        }
    }
}
