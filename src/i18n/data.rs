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

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{en, Label, Locale, Strings};
use crate::domain::flow::{Choice, QuestionId};
use crate::domain::lead::FieldError;
use crate::domain::photo::PhotoError;

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
            email_summary,
            book_consultation,
            redirecting,
            close,
            colon
        )
    };
}

/// The fields that take the clinic's name, kept in the files with a `{clinic}` placeholder.
macro_rules! clinic_texts {
    ($apply:ident) => {
        $apply!(
            lead_heading,
            photos_privacy,
            consent_text,
            marketing_text,
            email_summary_subject,
            fallback_contact,
            thanks_text
        )
    };
}

/// The fields that name a domain code: `field: "key prefix": Type` (its `ALL` and `code()`).
macro_rules! coded_texts {
    ($apply:ident) => {
        $apply!(
            extent: "extent": Extent,
            pigment: "pigment": PigmentNote,
            caution: "caution": Caution,
            in_person: "in_person": InPerson,
            reason: "reason": Reason,
            preferred_contact: "preferred": PreferredContact,
            best_time: "best_time": BestTime
        )
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
                code: _, lower_after_colon: _, thanks_steps: _, progress: _, price_range: _,
                lead_heading: _, photos_privacy: _, consent_text: _, marketing_text: _,
                email_summary_subject: _, fallback_contact: _, thanks_text: _, thanks_heading: _,
                photo_alt: _, sessions: _, hours_per_session: _, question: _, choice: _,
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
    const N: usize = 73;
    const TOTAL: usize = 89;
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
    let progress = (t.progress)(N, TOTAL)
        .replacen(&N.to_string(), "{n}", 1)
        .replacen(&TOTAL.to_string(), "{total}", 1);
    add("progress".into(), &progress);
    add("price_range".into(), &(t.price_range)("{min}", "{max}"));
    macro_rules! add_clinic {
        ($($field:ident),*) => { $( add(stringify!($field).into(), &(t.$field)("{clinic}")); )* };
    }
    clinic_texts!(add_clinic);
    add("thanks_heading".into(), &(t.thanks_heading)("{name}"));
    add("photo_alt".into(), &(t.photo_alt)("{slot}"));
    for (key, f) in [("sessions", t.sessions), ("hours", t.hours_per_session)] {
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
        label(format!("question.{}", q.field()), (t.question)(*q));
        let mut options = q.choices(&Answers::default());
        if *q == QuestionId::Stage {
            options.extend(q.choices(&female));
        }
        for c in options {
            label(choice_key(*q, c), (t.choice)(*q, c));
        }
    }
    for a in Approach::ALL {
        label(format!("approach.{}", a.code()), (t.approach)(*a));
    }
    for s in PhotoSlot::ALL {
        label(format!("photo_slot.{}", s.code()), (t.photo_slot)(*s));
    }
    macro_rules! add_coded {
        ($($field:ident: $key:literal: $ty:ident),*) => {
            $( for x in $ty::ALL {
                add(format!("{}.{}", $key, x.code()), (t.$field)(*x));
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
        add(photo_error_key(e).into(), (t.photo_error)(e));
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
        add(field_error_key(e), (t.field_error)(e));
    }
    out
}

/// A locale file: `export`'s pairs as one flat JSON object, one text per line.
#[cfg(not(target_arch = "wasm32"))]
pub fn file(t: &Strings) -> String {
    let quote = |text: &str| {
        let mut out = String::from("\"");
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    };
    let lines: Vec<String> = export(t)
        .iter()
        .map(|(key, text)| format!("{}:{}", quote(key), quote(text)))
        .collect();
    format!("{{\n{}\n}}\n", lines.join(",\n"))
}

/// The texts of each installed locale, by key; slot `i` is `Locale::ALL[i + 1]` (English is
/// compiled in and never installed).
static TEXTS: [OnceLock<HashMap<String, &'static str>>; 5] = [const { OnceLock::new() }; 5];
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
    let texts: HashMap<String, &'static str> = entries
        .into_iter()
        .map(|(k, v)| (k, &*Box::leak(v.into_boxed_str())))
        .collect();
    match texts.get("code") {
        Some(code) if *code == locale.code() => {}
        other => {
            return Err(format!(
                "the file for \"{}\" says it is for {}",
                locale.code(),
                other.map_or("no language".to_string(), |c| format!("\"{c}\""))
            ))
        }
    }
    TEXTS[at].get_or_init(|| texts);
    Ok(TABLES[at].get_or_init(|| Box::leak(Box::new(build(at)))))
}

/// A text of the locale in slot `at`, if its file has it.
fn text(at: usize, key: &str) -> Option<&'static str> {
    TEXTS[at].get()?.get(key).copied()
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

/// The template `key` of slot `at` with its `{placeholders}` filled in one pass (a value that
/// itself looks like a placeholder stays as it is), or the English text if the file lacks it.
fn fill(at: usize, key: &str, english: String, values: &[(&str, &str)]) -> String {
    let Some(mut rest) = text(at, key) else {
        return english;
    };
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

fn build(at: usize) -> Strings {
    // A table's functions are plain `fn`s, which carry no data: one copy per slot, each
    // passing its slot on to the shared lookups.
    match at {
        0 => build_for::<0>(),
        1 => build_for::<1>(),
        2 => build_for::<2>(),
        3 => build_for::<3>(),
        _ => build_for::<4>(),
    }
}

/// The table's plain texts: shared by every slot.
fn plain(at: usize) -> Strings {
    let en = &en::STRINGS;
    let mut t = *en;
    macro_rules! read_plain {
        ($($field:ident),*) => { $( t.$field = text(at, stringify!($field)).unwrap_or(en.$field); )* };
    }
    plain_fields!(read_plain);
    t.code = text(at, "code").unwrap_or(en.code);
    t.lower_after_colon =
        text(at, "lower_after_colon").map_or(en.lower_after_colon, |v| v == "true");
    for (i, step) in t.thanks_steps.iter_mut().enumerate() {
        if let Some(s) = text(at, &format!("thanks_steps.{i}")) {
            *step = s;
        }
    }
    t
}

/// The table's functions for slot `L`.
fn build_for<const L: usize>() -> Strings {
    let mut t = plain(L);
    t.progress = |n, total| {
        let english = (en::STRINGS.progress)(n, total);
        fill(
            L,
            "progress",
            english,
            &[("{n}", &n.to_string()), ("{total}", &total.to_string())],
        )
    };
    t.price_range = |min, max| {
        fill(
            L,
            "price_range",
            (en::STRINGS.price_range)(min, max),
            &[("{min}", min), ("{max}", max)],
        )
    };
    macro_rules! fill_clinic {
        ($($field:ident),*) => {
            $( t.$field = |c| fill(L, stringify!($field), (en::STRINGS.$field)(c), &[("{clinic}", c)]); )*
        };
    }
    clinic_texts!(fill_clinic);
    t.thanks_heading = |n| {
        fill(
            L,
            "thanks_heading",
            (en::STRINGS.thanks_heading)(n),
            &[("{name}", n)],
        )
    };
    t.photo_alt = |s| fill(L, "photo_alt", (en::STRINGS.photo_alt)(s), &[("{slot}", s)]);
    t.sessions = |r| {
        let key = if r.max == 1 {
            "sessions.one"
        } else {
            "sessions.other"
        };
        fill(
            L,
            key,
            (en::STRINGS.sessions)(r),
            &[("{span}", &super::span(r))],
        )
    };
    t.hours_per_session = |r| {
        let key = if r.max == 1 {
            "hours.one"
        } else {
            "hours.other"
        };
        fill(
            L,
            key,
            (en::STRINGS.hours_per_session)(r),
            &[("{span}", &super::span(r))],
        )
    };
    t.question = |q| {
        label_of(
            L,
            &format!("question.{}", q.field()),
            (en::STRINGS.question)(q),
        )
    };
    t.choice = |q, c| label_of(L, &choice_key(q, c), (en::STRINGS.choice)(q, c));
    t.approach = |a| {
        label_of(
            L,
            &format!("approach.{}", a.code()),
            (en::STRINGS.approach)(a),
        )
    };
    t.photo_slot = |s| {
        label_of(
            L,
            &format!("photo_slot.{}", s.code()),
            (en::STRINGS.photo_slot)(s),
        )
    };
    macro_rules! read_coded {
        ($($field:ident: $key:literal: $ty:ident),*) => {
            $( t.$field = |x| {
                text(L, &format!("{}.{}", $key, x.code())).unwrap_or((en::STRINGS.$field)(x))
            }; )*
        };
    }
    coded_texts!(read_coded);
    t.photo_error = |e| text(L, photo_error_key(e)).unwrap_or((en::STRINGS.photo_error)(e));
    t.field_error = |e| text(L, &field_error_key(e)).unwrap_or((en::STRINGS.field_error)(e));
    t
}
