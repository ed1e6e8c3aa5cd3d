//! The six string tables: every locale says everything (the compiler already refuses a missing
//! field or variant), in its own words — no English left behind — and formats money its way.

use smp_consult::domain::recommend::Range;
use smp_consult::i18n::{fill, sweep, Locale, Strings};

/// Every text a locale can show, each with a key saying where it comes from (texts with a
/// value in them as templates): `i18n::sweep`.
/// (The locale code and the after-colon flag are settings, not texts.)
fn texts(t: &Strings) -> Vec<(String, String)> {
    sweep::texts(t)
        .into_iter()
        .filter(|(key, _)| key != "code" && key != "lower_after_colon")
        .collect()
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
        assert!(t.consent_text("Clinic X").contains("Clinic X"), "{code}");
        assert!(t.marketing_text("Clinic X").contains("Clinic X"), "{code}");
        assert!(t.lead_heading("Clinic X").contains("Clinic X"), "{code}");
        assert!(t.thanks_heading("Sam").contains("Sam"), "{code}");
        let progress = t.progress(3, 10);
        assert!(
            progress.contains('3') && progress.contains("10"),
            "{code}: {progress}"
        );
        let price = t.price_range("AAA", "BBB");
        assert!(price.contains("AAA") && price.contains("BBB"), "{code}");
        assert!(
            !t.sessions(Range { min: 1, max: 1 }).contains('{'),
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

/// `after_colon` lowers Latin-1 capitals only (no Unicode case table in the wasm): for every
/// text of every locale it must agree with the full Unicode rule.
#[test]
fn lowering_after_a_colon_agrees_with_unicode_for_every_text() {
    fn unicode(lower: bool, text: &str) -> String {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(first), Some(second)) if lower && !second.is_uppercase() => first
                .to_lowercase()
                .chain(text[first.len_utf8()..].chars())
                .collect(),
            _ => text.to_string(),
        }
    }
    for locale in Locale::ALL {
        let t = locale.strings();
        for (key, text) in texts(t) {
            assert_eq!(
                t.after_colon(&text),
                unicode(t.lower_after_colon, &text),
                "{}: {key}",
                t.code
            );
        }
    }
    let fr = Locale::Fr.strings();
    for (text, lowered) in [
        ("Àpre", "àpre"),
        ("Ôter", "ôter"),
        ("Ça", "ça"),
        ("×2", "×2"),
    ] {
        assert_eq!(fr.after_colon(text), lowered);
    }
}

#[test]
fn the_pixel_limit_is_told_in_megapixels_in_every_language() {
    use smp_consult::domain::photo::{PhotoError, MAX_PIXELS};
    let megapixels = (MAX_PIXELS / 1_000_000).to_string();
    for locale in Locale::ALL {
        let text = locale.strings().photo_error(PhotoError::TooManyPixels);
        assert!(
            text.contains(&format!("{megapixels} "))
                && ["megapixel", "megapíxel", "mégapixel"]
                    .iter()
                    .any(|w| text.to_lowercase().contains(w)),
            "{}: {text}",
            locale.code()
        );
    }
}

#[test]
fn the_phone_example_is_a_number_of_the_language_s_own_country() {
    use smp_consult::domain::lead::FieldError;
    for (locale, code) in [
        (Locale::En, "+44"),
        (Locale::Es, "+34"),
        (Locale::Fr, "+33"),
        (Locale::De, "+49"),
        (Locale::Pt, "+55"),
        (Locale::It, "+39"),
    ] {
        let text = locale.strings().field_error(FieldError::PhoneInvalid);
        assert!(text.contains(code), "{}: {text}", locale.code());
        let first = text.find('+').expect("an example");
        assert!(
            text[first..].starts_with(code),
            "{}: the first example is local: {text}",
            locale.code()
        );
    }
}

/// Texts with a value in them are plain templates with named placeholders, filled by one
/// function in one pass: a value that looks like a placeholder is not filled again, and a
/// placeholder with no value stays as written.
#[test]
fn templates_are_filled_by_name_in_one_pass() {
    assert_eq!(
        fill("{min} to {max}", &[("{max}", "£9"), ("{min}", "£1")]),
        "£1 to £9"
    );
    assert_eq!(
        fill("Thank you, {name}", &[("{name}", "{name} {clinic}")]),
        "Thank you, {name} {clinic}"
    );
    assert_eq!(fill("{unknown} {", &[("{name}", "x")]), "{unknown} {");
}

/// Every locale's templates hold exactly the placeholders their method fills, so no value is
/// dropped and no `{…}` reaches the visitor.
#[test]
fn every_template_names_the_values_it_is_given() {
    for locale in Locale::ALL {
        let t = locale.strings();
        let templates: [(&str, &[&str]); 11] = [
            (t.progress, &["{n}", "{total}"]),
            (t.price_range, &["{min}", "{max}"]),
            (t.thanks_heading, &["{name}"]),
            (t.photo_alt, &["{slot}"]),
            (t.lead_heading, &["{clinic}"]),
            (t.photos_privacy, &["{clinic}"]),
            (t.consent_text, &["{clinic}"]),
            (t.marketing_text, &["{clinic}"]),
            (t.email_summary_subject, &["{clinic}"]),
            (t.fallback_contact, &["{clinic}"]),
            (t.thanks_text, &["{clinic}"]),
        ];
        for (template, names) in templates {
            for name in names {
                assert_eq!(template.matches(name).count(), 1, "{}: {template}", t.code);
            }
            let braces = template.matches('{').count();
            assert_eq!(braces, names.len(), "{}: {template}", t.code);
        }
        let progress = t.progress(3, 12);
        assert!(
            progress.contains('3') && progress.contains("12"),
            "{}",
            t.code
        );
        assert!(!t.thanks_text("Northline").contains('{'), "{}", t.code);
    }
}
