//! The locale files: the wasm carries English only and reads every other language from
//! `locales/<code>.json`, written from the typed tables by `smp-locales`. A table read back
//! from its file must say exactly what the typed table says, for every input; a stale or
//! partial file falls back to English key by key (`tests/locale_file_fallback.rs`, a process of
//! its own: a page installs each language once).

use smp_consult::domain::recommend::Range;
use smp_consult::i18n::{data, Locale, Strings};

mod common;
use common::parse;

/// Everything a table renders for real values, beyond the sweep of `export`.
fn rendered(t: &Strings) -> Vec<String> {
    let mut out = vec![
        t.progress(1, 9),
        t.progress(10, 12),
        t.price_range("£850", "£1,500"),
        t.lead_heading("Northline {SMP} & Co — \"Leeds\""),
        t.lead_heading("{clinic} {name}"),
        t.price_range("{max}", "{min}"),
        t.consent_text("Clínica Sol"),
        t.thanks_heading("Zoë"),
        t.thanks_text("Studio 1"),
        t.photo_alt("Crown"),
        t.after_colon("SMP sur cicatrice"),
        t.after_colon("Des points"),
    ];
    for (min, max) in [(1, 1), (1, 2), (2, 3), (3, 4), (4, 4), (2, 2), (10, 12)] {
        out.push(t.sessions(Range { min, max }));
        out.push(t.hours_per_session(Range { min, max }));
    }
    out
}

#[test]
fn a_table_read_back_from_its_file_says_exactly_what_the_typed_table_says() {
    for locale in [Locale::Es, Locale::Fr, Locale::De, Locale::Pt, Locale::It] {
        let typed = locale.strings();
        let file = data::file(typed);
        let read = data::install(locale, parse(&file)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(data::export(read), data::export(typed), "{}", locale.code());
        assert_eq!(rendered(read), rendered(typed), "{}", locale.code());
        assert_eq!(read.code, locale.code());
        assert_eq!(read.lower_after_colon, typed.lower_after_colon);
        assert_eq!(data::installed(locale).map(|t| t.code), Some(locale.code()));
    }
}

#[test]
fn every_language_but_english_has_a_file_and_it_is_valid_json_with_one_text_per_key() {
    for locale in Locale::ALL.iter().filter(|l| **l != Locale::En) {
        let file = data::file(locale.strings());
        let pairs = parse(&file);
        let exported = data::export(locale.strings());
        assert_eq!(
            pairs.len(),
            exported.len(),
            "no key twice: {}",
            locale.code()
        );
        assert!(file.contains("{clinic}"), "values stay placeholders");
    }
}
