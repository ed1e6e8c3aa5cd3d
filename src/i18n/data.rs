//! A string table as data: the locale files the wasm loads for the languages it does not carry.
//!
//! The typed tables in `en.rs`, `es.rs`, … stay the source (the compiler still refuses a
//! missing string). The wasm carries only English; `scripts/build` runs `smp-locales`, which
//! writes every other table with [`export`] as one flat JSON object per language
//! (`dist/locales/es.json`), and the loader hands the visitor's one to [`install`] before
//! mounting. Texts with a value in them are kept as templates (`"Send your result to
//! {clinic}"`); a key a file lacks falls back to English, so a stale file never breaks the page.
//! `tests/locale_files.rs` checks that a table read back from its file says exactly what the typed
//! table says.

use std::sync::OnceLock;

use super::{en, Label, Locale, Strings};
use crate::domain::flow::{Choice, QuestionId};
use crate::domain::lead::{BestTime, FieldError, PreferredContact};
use crate::domain::photo::{PhotoError, PhotoSlot};
use crate::domain::recommend::{Approach, Caution, Extent, InPerson, PigmentNote, Range, Reason};

/// The `&'static str` fields of `Strings`, by name: the same list writes and reads a file.
macro_rules! plain_fields {
    ($apply:ident) => {
        $apply!(
            title,
            intro,
            back,
            next,
            see_result,
            start_again,
            optional,
            step_error_no_choice,
            step_error_scar_required,
            result_heading,
            provisional_heading,
            provisional_text,
            alternative_heading,
            add_on_heading,
            treatment_heading,
            hairline_heading,
            pigment_heading,
            cautions_heading,
            price_heading,
            price_note,
            longevity_heading,
            longevity,
            why_heading,
            to_lead_form,
            change_answers,
            preview_heading,
            preview_now,
            preview_with_smp,
            preview_compare,
            preview_split,
            preview_caption,
            preview_hair,
            preview_skin,
            preview_scars,
            lead_intro,
            name_label,
            email_label,
            phone_label,
            phone_hint,
            preferred_contact_label,
            best_time_label,
            message_label,
            message_hint,
            photos_label,
            photos_hint,
            photo_add,
            photo_change,
            photo_remove,
            photo_preparing,
            privacy_link,
            form_has_errors,
            send,
            sending,
            retrying,
            send_saved,
            send_unsaved,
            send_rejected,
            no_endpoint,
            try_again,
            loading,
            part_failed,
            email_summary,
            book_consultation,
            redirecting,
            close,
            colon,
            progress,
            price_range,
            lead_heading,
            photos_privacy,
            consent_text,
            marketing_text,
            email_summary_subject,
            fallback_contact,
            thanks_text,
            thanks_heading,
            photo_alt
        )
    };
}

/// The fields that name a domain code: `field: "key prefix": Type` (its `ALL` and `code()`).
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

fn field_error_key(e: FieldError) -> String {
    match e {
        FieldError::Required(f) => format!("field_error.required.{}", f.name()),
        FieldError::TooLong(f) => format!("field_error.too_long.{}", f.name()),
        FieldError::EmailInvalid => "field_error.email_invalid".into(),
        FieldError::PhoneInvalid => "field_error.phone_invalid".into(),
        FieldError::PhoneNeeded => "field_error.phone_needed".into(),
    }
}

fn photo_error_key(e: PhotoError) -> &'static str {
    match e {
        PhotoError::NotAnImage => "photo_error.not_an_image",
        PhotoError::TooLarge => "photo_error.too_large",
        PhotoError::TooMany => "photo_error.too_many",
        PhotoError::CouldNotRead => "photo_error.could_not_read",
        PhotoError::TotalTooLarge => "photo_error.total_too_large",
        PhotoError::TooManyPixels => "photo_error.too_many_pixels",
    }
}

fn choice_key(q: QuestionId, c: Choice) -> String {
    format!("choice.{}.{}", q.field(), c.value())
}

/// Compiles only while every field of `Strings` is named here. A new string must go into
/// `plain_fields!`, or, if it takes a value or a choice, into `export` and `build_for`; then
/// name it here. Otherwise every locale file would silently lack it.
#[allow(dead_code)]
fn every_field_is_in_the_files(t: Strings) {
    macro_rules! named {
        ($($field:ident),*) => {
            let Strings {
                $($field: _,)*
                code: _, installed: _, lower_after_colon: _, thanks_steps: _, sessions: _, hours_per_session: _, question: _, choice: _,
                approach: _, photo_slot: _, extent: _, pigment: _, caution: _, in_person: _,
                reason: _, preferred_contact: _, best_time: _, photo_error: _, field_error: _,
            } = t;
        };
    }
    plain_fields!(named);
}

/// Every text of a table as `(key, text)`, values left as `{clinic}`-style placeholders:
/// the content of a locale file. Native only (the build runs it).
#[cfg(not(target_arch = "wasm32"))]
pub fn export(t: &Strings) -> Vec<(String, String)> {
    use crate::domain::answers::*;
    use crate::domain::lead::{BestTime, Field, PreferredContact};
    use crate::domain::photo::PhotoSlot;
    use crate::domain::recommend::{
        Approach, Caution, Extent, InPerson, PigmentNote, Range, Reason,
    };

    // Numbers no table writes on its own, so they can be found again in a rendered text.
    const ONE: Range = Range { min: 1, max: 1 };
    const MANY: Range = Range { min: 7, max: 8 };

    let mut out: Vec<(String, String)> = vec![
        ("code".into(), t.code.into()),
        ("lower_after_colon".into(), t.lower_after_colon.to_string()),
    ];
    let mut add = |key: String, text: &str| out.push((key, text.to_string()));
    macro_rules! add_plain {
        ($($field:ident),*) => { $( add(stringify!($field).into(), t.$field); )* };
    }
    plain_fields!(add_plain);
    for (i, step) in t.thanks_steps.iter().enumerate() {
        add(format!("thanks_steps.{i}"), step);
    }
    let sessions = |r| t.sessions(r);
    let hours = |r| t.hours_per_session(r);
    for (key, f) in [
        ("sessions", &sessions as &dyn Fn(Range) -> String),
        ("hours", &hours),
    ] {
        add(format!("{key}.one"), &f(ONE).replacen('1', "{span}", 1));
        add(
            format!("{key}.other"),
            &f(MANY).replacen("7–8", "{span}", 1),
        );
    }
    let mut label = |key: String, l: Label| {
        if !l.hint.is_empty() {
            add(format!("{key}.hint"), l.hint);
        }
        add(key, l.text);
    };
    // Every option the flow can show: the stage scale is Norwood, or Ludwig for female pattern.
    let female = Answers {
        pattern: Some(Pattern::Female),
        ..Answers::default()
    };
    for q in QuestionId::ORDER {
        label(format!("question.{}", q.field()), t.question(*q));
        let mut options = q.choices(&Answers::default());
        if *q == QuestionId::Stage {
            options.extend(q.choices(&female));
        }
        for c in options {
            label(choice_key(*q, c), t.choice(*q, c));
        }
    }
    for a in Approach::ALL {
        label(format!("approach.{}", a.code()), t.approach(*a));
    }
    for s in PhotoSlot::ALL {
        label(format!("photo_slot.{}", s.code()), t.photo_slot(*s));
    }
    macro_rules! add_coded {
        ($($field:ident: $key:literal: $ty:ident),*) => {
            $( for x in $ty::ALL {
                add(format!("{}.{}", $key, x.code()), t.$field(*x));
            } )*
        };
    }
    coded_texts!(add_coded);
    for e in [
        PhotoError::NotAnImage,
        PhotoError::TooLarge,
        PhotoError::TooMany,
        PhotoError::CouldNotRead,
        PhotoError::TotalTooLarge,
        PhotoError::TooManyPixels,
    ] {
        add(photo_error_key(e).into(), t.photo_error(e));
    }
    let fields = [
        Field::Name,
        Field::Email,
        Field::Phone,
        Field::Message,
        Field::Consent,
    ];
    let errors = fields
        .iter()
        .flat_map(|f| [FieldError::Required(*f), FieldError::TooLong(*f)])
        .chain([
            FieldError::EmailInvalid,
            FieldError::PhoneInvalid,
            FieldError::PhoneNeeded,
        ]);
    for e in errors {
        add(field_error_key(e), t.field_error(e));
    }
    out
}

/// A locale file: `export`'s pairs as one flat JSON object, one text per line.
#[cfg(not(target_arch = "wasm32"))]
pub fn file(t: &Strings) -> String {
    let quote = |text: &str| {
        let mut out = String::new();
        crate::domain::json::write_string(&mut out, text);
        out
    };
    let lines: Vec<String> = export(t)
        .iter()
        .map(|(key, text)| format!("{}:{}", quote(key), quote(text)))
        .collect();
    format!("{{\n{}\n}}\n", lines.join(",\n"))
}

/// The texts of each installed locale, as `(key, text)` pairs in the file's order; slot `i` is
/// `Locale::ALL[i + 1]` (English is compiled in and never installed). A list searched from the
/// end (a later key wins, as in a JSON object), not a `HashMap`: a few hundred short keys read a
/// few dozen times per step, and the wasm carries no hash map code of its own for them.
type Texts = Vec<(String, &'static str)>;
static TEXTS: [OnceLock<Texts>; 5] = [const { OnceLock::new() }; 5];
/// The tables built over them.
static TABLES: [OnceLock<&'static Strings>; 5] = [const { OnceLock::new() }; 5];

fn slot(locale: Locale) -> usize {
    // English (first in `Locale::ALL`) never gets here: `install` refuses it, `installed` is
    // not asked for it.
    Locale::ALL
        .iter()
        .position(|l| *l == locale)
        .map_or(0, |i| i.saturating_sub(1))
}

/// The table of `locale` if its file was installed.
pub fn installed(locale: Locale) -> Option<&'static Strings> {
    if locale == Locale::En {
        return None;
    }
    TABLES[slot(locale)].get().copied()
}

/// Installs a locale from its file's `(key, text)` pairs (once per page; later calls keep the
/// first). Keys the file lacks, or does not know, fall back to English. A file that does not
/// say it is this locale's (`"code"`) is refused and nothing is kept: a French file served as
/// `it.json` must not make an Italian widget speak French.
pub fn install(
    locale: Locale,
    entries: impl IntoIterator<Item = (String, String)>,
) -> Result<&'static Strings, String> {
    if locale == Locale::En {
        return Err("English is built in; it has no locale file".into());
    }
    let at = slot(locale);
    if let Some(table) = TABLES[at].get() {
        return Ok(table);
    }
    let texts: Texts = entries
        .into_iter()
        .map(|(k, v)| (k, &*Box::leak(v.into_boxed_str())))
        .collect();
    match find(&texts, "code") {
        Some(code) if code == locale.code() => {}
        other => {
            return Err(format!(
                "the file for \"{}\" says it is for {}",
                locale.code(),
                other.map_or("no language".to_string(), |c| format!("\"{c}\""))
            ))
        }
    }
    TEXTS[at].get_or_init(|| texts);
    Ok(TABLES[at].get_or_init(|| Box::leak(Box::new(plain(at)))))
}

/// A text of the locale in slot `at`, if its file has it.
fn text(at: usize, key: &str) -> Option<&'static str> {
    find(TEXTS[at].get()?, key)
}

fn find(texts: &Texts, key: &str) -> Option<&'static str> {
    texts
        .iter()
        .rev()
        .find(|(k, _)| k.as_str() == key)
        .map(|(_, text)| *text)
}

fn label_of(at: usize, key: &str, english: Label) -> Label {
    match text(at, key) {
        Some(t) => Label {
            text: t,
            hint: text(at, &format!("{key}.hint")).unwrap_or(""),
        },
        None => english,
    }
}

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

/// The table's plain texts: shared by every slot.
fn plain(at: usize) -> Strings {
    let en = &en::STRINGS;
    let mut t = *en;
    // One loop over (key, field) pairs, not one lookup written out per field: smaller wasm.
    macro_rules! read_plain {
        ($($field:ident),*) => {
            for (key, field) in [$((stringify!($field), &mut t.$field)),*] {
                if let Some(text) = text(at, key) {
                    *field = text;
                }
            }
        };
    }
    plain_fields!(read_plain);
    t.code = text(at, "code").unwrap_or(en.code);
    t.installed = Some(at as u8);
    t.lower_after_colon =
        text(at, "lower_after_colon").map_or(en.lower_after_colon, |v| v == "true");
    for (i, step) in t.thanks_steps.iter_mut().enumerate() {
        if let Some(s) = text(at, &format!("thanks_steps.{i}")) {
            *step = s;
        }
    }
    t
}

/// Texts that take a value or name a code. A compiled table answers with its own functions; an
/// installed one (`installed` is its slot) looks each text up in its file, and falls back to
/// the English functions it was built over. One copy of this code serves every slot.
impl Strings {
    /// A compiled table's answer, or the installed file's template `key` filled with `values`.
    fn filled(&self, key: &str, english: String, values: &[(&str, &str)]) -> String {
        match self.installed.and_then(|at| text(at.into(), key)) {
            Some(template) => fill(template, values),
            None => english,
        }
    }

    /// A compiled table's label, or the installed file's for `key` (built only then).
    fn labelled(&self, key: impl FnOnce() -> String, english: Label) -> Label {
        match self.installed {
            Some(at) => label_of(at.into(), &key(), english),
            None => english,
        }
    }

    /// A compiled table's text, or the installed file's for `key` (built only then).
    fn coded(&self, key: impl FnOnce() -> String, english: &'static str) -> &'static str {
        match self.installed {
            Some(at) => text(at.into(), &key()).unwrap_or(english),
            None => english,
        }
    }

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
        let key = if r.max == 1 {
            "sessions.one"
        } else {
            "sessions.other"
        };
        let english = (self.sessions)(r);
        self.filled(key, english, &[("{span}", &super::span(r))])
    }

    /// Hours per session, or a range of them.
    pub fn hours_per_session(&self, r: Range) -> String {
        let key = if r.max == 1 {
            "hours.one"
        } else {
            "hours.other"
        };
        let english = (self.hours_per_session)(r);
        self.filled(key, english, &[("{span}", &super::span(r))])
    }

    pub fn question(&self, q: QuestionId) -> Label {
        self.labelled(|| format!("question.{}", q.field()), (self.question)(q))
    }

    /// An option's label; `q` tells "no scars" from "none of these".
    pub fn choice(&self, q: QuestionId, c: Choice) -> Label {
        self.labelled(|| choice_key(q, c), (self.choice)(q, c))
    }

    pub fn approach(&self, a: Approach) -> Label {
        self.labelled(|| format!("approach.{}", a.code()), (self.approach)(a))
    }

    pub fn photo_slot(&self, s: PhotoSlot) -> Label {
        self.labelled(|| format!("photo_slot.{}", s.code()), (self.photo_slot)(s))
    }

    pub fn photo_error(&self, e: PhotoError) -> &'static str {
        self.coded(|| photo_error_key(e).into(), (self.photo_error)(e))
    }

    pub fn field_error(&self, e: FieldError) -> &'static str {
        self.coded(|| field_error_key(e), (self.field_error)(e))
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

macro_rules! coded_methods {
    ($($field:ident: $key:literal: $ty:ident),*) => {
        impl Strings {
            $(
                pub fn $field(&self, x: $ty) -> &'static str {
                    self.coded(|| format!("{}.{}", $key, x.code()), (self.$field)(x))
                }
            )*
        }
    };
}
coded_texts!(coded_methods);
