//! A locale file that is partial, stale or wrong never breaks a widget: missing texts fall back
//! to English one by one, and a file for another language is refused and not kept. (Its own
//! process: a page installs each language once, and `tests/locale_files.rs` installs all five.)

use smp_consult::domain::flow::{Choice, QuestionId};
use smp_consult::domain::lead::{Field, FieldError};
use smp_consult::domain::recommend::Approach;
use smp_consult::i18n::{data, Locale};

mod common;
use common::parse;

#[test]
fn a_partial_or_stale_file_falls_back_to_english_key_by_key() {
    let typed = Locale::Pt.strings();
    // An older file: it lacks the photo texts and an option, and has a key no longer used.
    let entries: Vec<(String, String)> = parse(&data::file(typed))
        .into_iter()
        .filter(|(key, _)| !key.starts_with("photo") && key != "choice.pattern.male")
        .chain([("retired_key".to_string(), "Texto antigo".to_string())])
        .collect();
    let read = data::install(Locale::Pt, entries).unwrap_or_else(|e| panic!("{e}"));
    let en = Locale::En.strings();
    assert_eq!(read.photos_label, en.photos_label, "missing: English");
    assert_eq!(
        read.photos_privacy("Clínica X"),
        en.photos_privacy("Clínica X")
    );
    let male = Choice::Pattern(smp_consult::domain::answers::Pattern::Male);
    assert_eq!(
        read.choice(QuestionId::Pattern, male),
        en.choice(QuestionId::Pattern, male)
    );
    // What the file has is still Portuguese.
    assert_eq!(read.title, typed.title);
    assert_eq!(
        read.approach(Approach::BuzzCut),
        typed.approach(Approach::BuzzCut)
    );
    assert_eq!(
        read.field_error(FieldError::Required(Field::Email)),
        typed.field_error(FieldError::Required(Field::Email))
    );
    assert_ne!(read.title, en.title);
}

#[test]
fn a_file_for_another_language_is_refused_and_not_kept() {
    let french = parse(&data::file(Locale::Fr.strings()));
    let Err(error) = data::install(Locale::It, french.clone()) else {
        panic!("French served as it.json was installed");
    };
    assert!(
        error.contains("\"it\"") && error.contains("\"fr\""),
        "{error}"
    );
    let unnamed: Vec<_> = french.into_iter().filter(|(k, _)| k != "code").collect();
    assert!(
        data::install(Locale::It, unnamed).is_err(),
        "a file that does not say whose"
    );
    assert!(data::installed(Locale::It).is_none(), "nothing kept");
    // The right file afterwards still installs.
    let italian = data::install(Locale::It, parse(&data::file(Locale::It.strings())))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(italian.title, Locale::It.strings().title);
    assert!(
        data::install(Locale::En, Vec::new()).is_err(),
        "English is built in"
    );
    assert!(data::installed(Locale::En).is_none());
}
