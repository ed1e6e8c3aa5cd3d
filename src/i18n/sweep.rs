//! Every text of every table, by key: the sweep the tests run over all six languages (each
//! says everything, none is left in English, placeholders are filled). Native only: each
//! engine carries its own language's table compiled in (see `Locale::strings`), and nothing
//! reads a table as data at run time.

use super::{Label, Strings};
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
/// `plain_fields!`, or, if it takes a value or a choice, into `texts`; then name it here.
/// Otherwise the tests' sweep would silently miss it.
#[allow(dead_code)]
fn every_field_is_in_the_files(t: Strings) {
    macro_rules! named {
        ($($field:ident),*) => {
            let Strings {
                $($field: _,)*
                code: _, lower_after_colon: _, thanks_steps: _, sessions: _, hours_per_session: _, question: _, choice: _,
                approach: _, photo_slot: _, extent: _, pigment: _, caution: _, in_person: _,
                reason: _, preferred_contact: _, best_time: _, photo_error: _, field_error: _,
            } = t;
        };
    }
    plain_fields!(named);
}

/// Every text of a table as `(key, text)`, values left as `{clinic}`-style placeholders.
pub fn texts(t: &Strings) -> Vec<(String, String)> {
    use crate::domain::answers::*;
    use crate::domain::lead::{BestTime, Field, PreferredContact};
    use crate::domain::photo::PhotoSlot;
    use crate::domain::recommend::{Approach, Caution, Extent, InPerson, PigmentNote, Reason};

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
    for (key, p) in [("sessions", t.sessions), ("hours", t.hours_per_session)] {
        add(format!("{key}.one"), p.one);
        add(format!("{key}.other"), p.other);
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
