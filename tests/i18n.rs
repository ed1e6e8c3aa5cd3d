//! The six string tables: every locale says everything (the compiler already refuses a missing
//! field or variant), in its own words — no English left behind — and formats money its way.

use smp_consult::domain::answers::*;
use smp_consult::domain::flow::{Choice, QuestionId};
use smp_consult::domain::lead::{BestTime, Field, FieldError, PreferredContact};
use smp_consult::domain::photo::{PhotoError, PhotoSlot};
use smp_consult::domain::recommend::{
    Approach, Caution, Extent, InPerson, PigmentNote, Range, Reason,
};
use smp_consult::i18n::{Label, Locale, Strings};

/// Every text a locale can show, each with a key saying where it comes from.
fn texts(t: &Strings) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |key: &str, text: String| out.push((key.to_string(), text));
    let label = |add: &mut dyn FnMut(&str, String), key: &str, l: Label| {
        add(key, l.text.to_string());
        if !l.hint.is_empty() {
            add(&format!("{key}.hint"), l.hint.to_string());
        }
    };
    for (key, text) in [
        ("title", t.title),
        ("intro", t.intro),
        ("back", t.back),
        ("next", t.next),
        ("see_result", t.see_result),
        ("start_again", t.start_again),
        ("optional", t.optional),
        ("step_error_no_choice", t.step_error_no_choice),
        ("step_error_scar_required", t.step_error_scar_required),
        ("result_heading", t.result_heading),
        ("provisional_heading", t.provisional_heading),
        ("provisional_text", t.provisional_text),
        ("alternative_heading", t.alternative_heading),
        ("add_on_heading", t.add_on_heading),
        ("treatment_heading", t.treatment_heading),
        ("hairline_heading", t.hairline_heading),
        ("pigment_heading", t.pigment_heading),
        ("cautions_heading", t.cautions_heading),
        ("price_heading", t.price_heading),
        ("price_note", t.price_note),
        ("longevity_heading", t.longevity_heading),
        ("longevity", t.longevity),
        ("why_heading", t.why_heading),
        ("to_lead_form", t.to_lead_form),
        ("change_answers", t.change_answers),
        ("lead_intro", t.lead_intro),
        ("name_label", t.name_label),
        ("phone_label", t.phone_label),
        ("phone_hint", t.phone_hint),
        ("preferred_contact_label", t.preferred_contact_label),
        ("best_time_label", t.best_time_label),
        ("message_label", t.message_label),
        ("message_hint", t.message_hint),
        ("photos_label", t.photos_label),
        ("photos_hint", t.photos_hint),
        ("photo_remove", t.photo_remove),
        ("photo_preparing", t.photo_preparing),
        ("privacy_link", t.privacy_link),
        ("form_has_errors", t.form_has_errors),
        ("send", t.send),
        ("sending", t.sending),
        ("retrying", t.retrying),
        ("send_saved", t.send_saved),
        ("send_unsaved", t.send_unsaved),
        ("send_rejected", t.send_rejected),
        ("no_endpoint", t.no_endpoint),
        ("try_again", t.try_again),
        ("email_summary", t.email_summary),
        ("book_consultation", t.book_consultation),
        ("redirecting", t.redirecting),
        ("close", t.close),
    ] {
        add(key, text.to_string());
    }
    add("email_label", t.email_label.to_string());
    for (i, step) in t.thanks_steps.iter().enumerate() {
        add(&format!("thanks_steps.{i}"), step.to_string());
    }
    let clinic = "Clinic X";
    add("progress", (t.progress)(3, 10));
    add("price_range", (t.price_range)("A", "B"));
    add("lead_heading", (t.lead_heading)(clinic));
    add("photos_privacy", (t.photos_privacy)(clinic));
    add("photo_alt", (t.photo_alt)("S"));
    add("consent_text", (t.consent_text)(clinic));
    add("marketing_text", (t.marketing_text)(clinic));
    add("email_summary_subject", (t.email_summary_subject)(clinic));
    add("fallback_contact", (t.fallback_contact)(clinic));
    add("thanks_heading", (t.thanks_heading)("Sam"));
    add("thanks_text", (t.thanks_text)(clinic));
    for r in [Range { min: 1, max: 1 }, Range { min: 2, max: 3 }] {
        add(&format!("sessions.{}-{}", r.min, r.max), (t.sessions)(r));
        add(
            &format!("hours.{}-{}", r.min, r.max),
            (t.hours_per_session)(r),
        );
    }
    for q in QuestionId::ORDER {
        label(
            &mut add,
            &format!("question.{}", q.field()),
            (t.question)(*q),
        );
    }
    let choices: Vec<(QuestionId, Choice)> = Pattern::ALL
        .iter()
        .map(|x| (QuestionId::Pattern, Choice::Pattern(*x)))
        .chain(
            Stage::ALL
                .iter()
                .map(|x| (QuestionId::Stage, Choice::Stage(*x))),
        )
        .chain(
            Progression::ALL
                .iter()
                .map(|x| (QuestionId::Progression, Choice::Progression(*x))),
        )
        .chain(
            Style::ALL
                .iter()
                .map(|x| (QuestionId::Style, Choice::Style(*x))),
        )
        .chain(
            HairColour::ALL
                .iter()
                .map(|x| (QuestionId::HairColour, Choice::HairColour(*x))),
        )
        .chain(
            SkinTone::ALL
                .iter()
                .map(|x| (QuestionId::SkinTone, Choice::SkinTone(*x))),
        )
        .chain(
            Scar::ALL
                .iter()
                .map(|x| (QuestionId::Scars, Choice::Scar(*x))),
        )
        .chain([true, false].map(|b| (QuestionId::ScarHealed, Choice::ScarHealed(b))))
        .chain([true, false].map(|b| (QuestionId::ScarRaised, Choice::ScarRaised(b))))
        .chain(
            Health::ALL
                .iter()
                .map(|x| (QuestionId::Health, Choice::Health(*x))),
        )
        .chain(
            AgeBand::ALL
                .iter()
                .map(|x| (QuestionId::AgeBand, Choice::AgeBand(*x))),
        )
        .chain(
            Hairline::ALL
                .iter()
                .map(|x| (QuestionId::Hairline, Choice::Hairline(*x))),
        )
        .chain([
            (QuestionId::Scars, Choice::NoneOfThese),
            (QuestionId::Health, Choice::NoneOfThese),
        ])
        .collect();
    for (q, c) in choices {
        label(
            &mut add,
            &format!("choice.{}.{}", q.field(), c.value()),
            (t.choice)(q, c),
        );
    }
    for a in Approach::ALL {
        label(
            &mut add,
            &format!("approach.{}", a.code()),
            (t.approach)(*a),
        );
    }
    for e in Extent::ALL {
        add(&format!("extent.{}", e.code()), (t.extent)(*e).to_string());
    }
    for p in PigmentNote::ALL {
        add(
            &format!("pigment.{}", p.code()),
            (t.pigment)(*p).to_string(),
        );
    }
    for c in Caution::ALL {
        add(
            &format!("caution.{}", c.code()),
            (t.caution)(*c).to_string(),
        );
    }
    for i in InPerson::ALL {
        add(
            &format!("in_person.{}", i.code()),
            (t.in_person)(*i).to_string(),
        );
    }
    for r in Reason::ALL {
        add(&format!("reason.{}", r.code()), (t.reason)(*r).to_string());
    }
    for p in PreferredContact::ALL {
        add(
            &format!("preferred.{}", p.code()),
            (t.preferred_contact)(*p).to_string(),
        );
    }
    for b in BestTime::ALL {
        add(
            &format!("best_time.{}", b.code()),
            (t.best_time)(*b).to_string(),
        );
    }
    for s in PhotoSlot::ALL {
        label(
            &mut add,
            &format!("photo_slot.{}", s.code()),
            (t.photo_slot)(*s),
        );
    }
    for e in [
        PhotoError::NotAnImage,
        PhotoError::TooLarge,
        PhotoError::TooMany,
        PhotoError::CouldNotRead,
        PhotoError::TotalTooLarge,
    ] {
        add(
            &format!("photo_error.{e:?}"),
            (t.photo_error)(e).to_string(),
        );
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
        add(
            &format!("field_error.{e:?}"),
            (t.field_error)(e).to_string(),
        );
    }
    out
}

/// Texts that are rightly the same in English and elsewhere: names of scales and brands, and
/// words other languages borrowed. Keyed by locale and text, so each is a deliberate choice.
fn same_on_purpose(locale: &str, text: &str) -> bool {
    // Scale names, a brand, a Latin diagnosis, and numbers ("18–24").
    let names = text.starts_with("Norwood ")
        || text.starts_with("Ludwig ")
        || ["WhatsApp", "Alopecia areata"].contains(&text)
        || !text.chars().any(char::is_alphabetic);
    let borrowed: &[&str] = match locale {
        "de" => &["Optional", "Optional.", "Email"],
        "it" => &["Email", "SMS"],
        "fr" => &["SMS", "Mature"],
        _ => &[],
    };
    names || borrowed.contains(&text)
}

#[test]
fn every_locale_has_every_text_and_none_is_empty() {
    let english = texts(Locale::En.strings());
    assert!(
        english.len() > 200,
        "the sweep covers the table ({} texts)",
        english.len()
    );
    for locale in Locale::ALL {
        let theirs = texts(locale.strings());
        assert_eq!(theirs.len(), english.len(), "{}", locale.code());
        for (key, text) in &theirs {
            assert!(!text.trim().is_empty(), "{}: {key} is empty", locale.code());
        }
    }
}

#[test]
fn no_english_is_left_in_the_other_locales() {
    let english = texts(Locale::En.strings());
    for locale in Locale::ALL.iter().filter(|l| **l != Locale::En) {
        let theirs = texts(locale.strings());
        let left: Vec<String> = english
            .iter()
            .zip(&theirs)
            .filter(|((_, en), (_, other))| en == other && !same_on_purpose(locale.code(), other))
            .map(|((key, en), _)| format!("{key}: {en:?}"))
            .collect();
        assert!(
            left.is_empty(),
            "{} still says, in English: {left:#?}",
            locale.code()
        );
    }
}

#[test]
fn placeholders_are_filled_in_every_locale() {
    for locale in Locale::ALL {
        let t = locale.strings();
        let code = locale.code();
        assert!((t.consent_text)("Clinic X").contains("Clinic X"), "{code}");
        assert!(
            (t.marketing_text)("Clinic X").contains("Clinic X"),
            "{code}"
        );
        assert!((t.lead_heading)("Clinic X").contains("Clinic X"), "{code}");
        assert!((t.thanks_heading)("Sam").contains("Sam"), "{code}");
        let progress = (t.progress)(3, 10);
        assert!(
            progress.contains('3') && progress.contains("10"),
            "{code}: {progress}"
        );
        let price = (t.price_range)("AAA", "BBB");
        assert!(price.contains("AAA") && price.contains("BBB"), "{code}");
        assert!(
            !(t.sessions)(Range { min: 1, max: 1 }).contains('{'),
            "{code}"
        );
    }
}

#[test]
fn money_is_written_each_locale_s_way() {
    let cases = [
        (Locale::En, "GBP", 1500, "£1,500"),
        (Locale::En, "CHF", 12000, "CHF\u{a0}12,000"),
        (Locale::Es, "EUR", 1500, "1500\u{a0}€"),
        (Locale::Es, "EUR", 15000, "15.000\u{a0}€"),
        (Locale::Fr, "EUR", 1500, "1\u{202f}500\u{a0}€"),
        (Locale::De, "EUR", 1500, "1.500\u{a0}€"),
        (Locale::It, "EUR", 850, "850\u{a0}€"),
        (Locale::It, "EUR", 2200, "2.200\u{a0}€"),
        (Locale::Pt, "BRL", 3500, "R$\u{a0}3.500"),
    ];
    for (locale, currency, amount, expected) in cases {
        assert_eq!(locale.money(currency, amount), expected, "{locale:?}");
    }
}

#[test]
fn a_language_tag_picks_its_locale() {
    for (tag, code) in [
        ("fr-CA", Some("fr")),
        ("de_AT", Some("de")),
        ("pt-BR", Some("pt")),
        ("IT", Some("it")),
        ("es-419", Some("es")),
        ("en-GB", Some("en")),
        ("nl", None),
        ("", None),
    ] {
        assert_eq!(Locale::from_tag(tag).map(Locale::code), code, "{tag}");
    }
}

#[test]
fn an_explanation_after_a_colon_follows_the_language_s_habit() {
    let fr = Locale::Fr.strings();
    assert_eq!(
        fr.after_colon("Des points de pigment"),
        "des points de pigment"
    );
    assert_eq!(
        fr.after_colon("SMP sur cicatrice"),
        "SMP sur cicatrice",
        "acronyms stay"
    );
    assert_eq!(fr.after_colon("Écrans"), "écrans");
    assert_eq!(
        Locale::En.strings().after_colon("Pigment dots"),
        "Pigment dots"
    );
    assert_eq!(
        Locale::De.strings().after_colon("Pigmentpunkte"),
        "Pigmentpunkte"
    );
    assert_eq!(Locale::Es.strings().after_colon("Puntos"), "puntos");
    assert_eq!(fr.after_colon(""), "");
}
