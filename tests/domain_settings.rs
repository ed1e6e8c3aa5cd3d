//! Reading a clinic's settings from attributes and a JSON config (`domain::settings`), the one
//! reader the widget and the configurator share: attributes win, each wrong item is one problem
//! naming it, and a safe default stands in for it. The rules are the widget's (typed addresses,
//! text caps, control and bidi characters taken out), so the configurator says what the widget
//! logs.

use smp_consult::domain::address::WebUrl;
use smp_consult::domain::config::{ClinicConfig, EndpointMode, Optional, TEXT_LIMITS};
use smp_consult::domain::settings::{
    check_config_url, json_config, read, read_launcher, Given, Launcher, Mode, Read, Theme,
};
use smp_consult::i18n::Locale;

fn attributes(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

fn read_from(pairs: &[(&str, &str)], json: Option<&str>) -> Read<Locale> {
    let json = json.map(|text| json_config(text, "config").unwrap());
    let attributes = attributes(pairs);
    read(
        Given {
            attributes: &attributes,
            json: json.as_ref(),
        },
        Locale::from_tag,
    )
}

fn messages(read: &Read<Locale>) -> Vec<String> {
    read.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn nothing_given_is_one_problem_the_clinic_name_and_safe_defaults() {
    let read = read_from(&[], None);
    assert_eq!(
        messages(&read),
        ["`clinic` is not valid: expected the clinic's name, e.g. clinic=\"Northline SMP\""]
    );
    assert_eq!(
        read.config,
        ClinicConfig {
            clinic: "the clinic".into(),
            analytics: true,
            ..ClinicConfig::default()
        }
    );
    assert_eq!(read.lang, None, "the page's language decides");
}

#[test]
fn every_setting_from_the_json_config_and_attributes_win_over_it() {
    let json = r##"{
        "clinic": "From JSON", "endpoint": "https://leads.example/v1/leads", "endpoint_mode": "simple",
        "lang": "es", "phone": "+34 600 000 000", "email": "hola@clinica.example",
        "privacy_url": "https://clinica.example/privacidad", "logo": "/logo.svg", "accent": "#ABC",
        "consent_text": "Acepto que {clinic} use mis respuestas.", "thanks_text": "¡Gracias!",
        "redirect_url": "https://clinica.example/gracias", "booking_url": "https://clinica.example/cita",
        "analytics": false, "hide": ["photos", "best_time"],
        "hubspot": {"portal_id": "123", "form_id": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"},
        "currency": "EUR", "prices": {"buzz_cut": {"medium": [900, 1600]}}
    }"##;
    let read = read_from(
        &[("clinic", "  Clínica Norte "), ("lang", "pt-BR")],
        Some(json),
    );
    assert_eq!(messages(&read), Vec::<String>::new());
    let c = &read.config;
    assert_eq!(c.clinic, "Clínica Norte", "the attribute wins, trimmed");
    assert_eq!(read.lang, Some(Locale::Pt), "the attribute wins");
    assert_eq!(
        c.endpoint.as_ref().map(WebUrl::as_str),
        Some("https://leads.example/v1/leads")
    );
    assert_eq!(c.endpoint_mode, EndpointMode::Simple);
    assert_eq!(
        c.accent.as_ref().map(|a| a.colour.as_str()),
        Some("#aabbcc")
    );
    assert!(!c.analytics);
    assert_eq!(c.hidden, [Optional::Photos, Optional::BestTime]);
    assert_eq!(
        c.hubspot.as_ref().map(|h| h.portal_id.as_str()),
        Some("123")
    );
    let prices = c.prices.as_ref().unwrap();
    assert_eq!((prices.currency.as_str(), prices.entries.len()), ("EUR", 1));
    assert_eq!(c.thanks_text.as_deref(), Some("¡Gracias!"));
}

#[test]
fn each_wrong_item_is_named_once_and_left_out() {
    let read = read_from(
        &[
            ("clinic", "Northline"),
            ("endpoint", "http://leads.example/"),
            ("accent", "teal"),
            ("lang", "klingon"),
            ("analytics", "maybe"),
            ("hide", "photos health"),
            ("theme", "neon"),
            ("hubspot-portal", "123"),
        ],
        Some(
            r#"{"booking_url": 42, "currency": "eur", "prices": {"buzz_cut": {"small": [900, 400]}}}"#,
        ),
    );
    let items: Vec<String> = read
        .problems
        .iter()
        .map(|p| {
            let smp_consult::domain::ConfigError::Invalid { item, .. } = p;
            item.clone()
        })
        .collect();
    assert_eq!(
        items,
        [
            "endpoint",
            "lang",
            "currency",
            "hubspot-portal",
            "accent",
            "config.booking_url",
            "analytics",
            "hide",
            "theme"
        ]
    );
    let c = &read.config;
    assert_eq!(
        (
            &c.endpoint,
            &c.accent,
            &c.prices,
            &c.hubspot,
            &c.booking_url
        ),
        (&None, &None, &None, &None, &None)
    );
    assert!(c.analytics, "a wrong analytics value keeps the default");
    assert!(c.hidden.is_empty());
    assert_eq!(read.lang, None);
}

#[test]
fn a_price_table_with_min_above_max_names_the_entry() {
    let read = read_from(
        &[("clinic", "N")],
        Some(r#"{"currency": "EUR", "prices": {"buzz_cut": {"small": [900, 400]}}}"#),
    );
    assert_eq!(
        messages(&read),
        ["`prices.buzz_cut.small` is not valid: expected [min, max]: two whole numbers with min not above max"]
    );
}

#[test]
fn a_config_that_is_not_a_json_object_is_named() {
    assert!(json_config(" {} ", "config").is_ok());
    // Not JSON, not an object, and what the page's `JSON.parse` would take but strict JSON
    // does not (the widget reads it with its own reader).
    for wrong in ["{", "[]", "\"x\"", "{'clinic': 'x'}", "{\"a\": 1,}", ""] {
        assert_eq!(
            json_config(wrong, "config-url").unwrap_err().to_string(),
            "`config-url` is not valid: expected valid JSON: the text is not a JSON object"
        );
    }
}

#[test]
fn the_loader_settings_are_attributes_with_the_loaders_words() {
    let (launcher, problems) = read_launcher(&attributes(&[
        ("mode", "bubble"),
        ("teaser", "Is SMP for you?"),
        ("button-text", ""),
        ("theme", "dark"),
    ]));
    assert!(problems.is_empty());
    assert_eq!(
        launcher,
        Launcher {
            mode: Mode::Bubble,
            button_text: None,
            teaser: Some("Is SMP for you?".into()),
            theme: Theme::Dark,
        }
    );
    let (launcher, problems) = read_launcher(&attributes(&[("mode", "modal")]));
    assert_eq!(launcher.mode, Mode::Inline);
    let message = problems[0].to_string();
    assert_eq!(
        message,
        "`mode` is not valid: expected inline, popup or bubble"
    );
    // The loader (JS) reports a wrong mode itself, before the engine: in the same words.
    let loader = include_str!("../src/embed/smp-consult.js").replace("\\`", "`");
    assert!(loader.contains("`${item}` is not valid: expected ${expected}"));
    assert!(loader.contains("report(this, 'mode', 'inline, popup or bubble'"));
}

#[test]
fn the_loaders_texts_have_the_loaders_caps_and_words() {
    let long = |n: usize| "é".repeat(n);
    let (button, teaser) = (long(80), long(140));
    let (launcher, problems) = read_launcher(&attributes(&[
        ("mode", "bubble"),
        ("button-text", &button),
        ("teaser", &teaser),
    ]));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(launcher.button_text.as_deref(), Some(button.as_str()));
    let (over_button, over_teaser) = (long(81), long(141));
    let (launcher, problems) = read_launcher(&attributes(&[
        ("mode", "bubble"),
        ("button-text", &over_button),
        ("teaser", &over_teaser),
    ]));
    assert_eq!((launcher.button_text, launcher.teaser), (None, None));
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "`button-text` is not valid: expected text of at most 80 characters",
            "`teaser` is not valid: expected text of at most 140 characters"
        ]
    );
    let loader = include_str!("../src/embed/smp-consult.js");
    assert!(loader.contains("`text of at most ${LIMITS[item]} characters`"));
}

#[test]
fn texts_are_capped_and_cleaned_by_the_widgets_rules() {
    let cap = |item: &str| TEXT_LIMITS.iter().find(|(n, _)| *n == item).unwrap().1;
    let over = "x".repeat(cap("consent-text") + 1);
    let read = read_from(
        &[
            ("clinic", "North\u{202E}line\u{200F} SMP"),
            ("consent-text", &over),
            ("thanks-text", "Thanks!\u{0007}"),
        ],
        None,
    );
    assert_eq!(
        messages(&read),
        [
            "`clinic` is not valid: expected text without control, invisible or bidi formatting characters (they were taken out)",
            "`consent-text` is not valid: expected text of at most 1000 characters",
            "`thanks-text` is not valid: expected text without control, invisible or bidi formatting characters (they were taken out)",
        ]
    );
    assert_eq!(read.config.clinic, "Northline SMP", "cleaned, and kept");
    assert_eq!(read.config.consent_text, None, "too long: the widget's own");
    assert_eq!(read.config.thanks_text.as_deref(), Some("Thanks!"));

    // A clinic name over its cap is one problem, and the widget says "the clinic".
    let long_name = "N".repeat(cap("clinic") + 1);
    let read = read_from(&[("clinic", &long_name)], None);
    assert_eq!(
        messages(&read),
        ["`clinic` is not valid: expected text of at most 100 characters"]
    );
    assert_eq!(read.config.clinic, "the clinic");
    // An empty text is the default, silently (only the clinic's name is required).
    let read = read_from(&[("clinic", "N"), ("thanks-text", "  ")], None);
    assert!(read.problems.is_empty());
}

#[test]
fn addresses_follow_the_widgets_address_rules() {
    let read = read_from(
        &[
            ("clinic", "N"),
            ("endpoint", "https://user@leads.example/in"),
            ("email", "clinic\u{200B}@example.com"),
            ("logo", "/\\evil.example/logo.svg"),
            ("privacy-url", "javascript:alert(1)"),
            ("booking-url", "https://clinic.example/book"),
        ],
        None,
    );
    let items: Vec<String> = read
        .problems
        .iter()
        .map(|p| {
            let smp_consult::domain::ConfigError::Invalid { item, .. } = p;
            item.clone()
        })
        .collect();
    assert_eq!(items, ["endpoint", "email", "privacy-url", "logo"]);
    let c = &read.config;
    assert!(c.endpoint.is_none() && c.email.is_none() && c.logo.is_none());
    assert_eq!(
        c.booking_url.as_ref().map(WebUrl::as_str),
        Some("https://clinic.example/book")
    );
    // The same words as the typed address's own error.
    let endpoint = read.problems[0].to_string();
    let rule = WebUrl::parse("https://user@leads.example/in").unwrap_err();
    assert_eq!(
        endpoint,
        format!("`endpoint` is not valid: expected {rule}")
    );
    // `config-url` (read by the loader first): https, or a path on this site.
    assert!(check_config_url(" /smp-consult.json ").is_ok());
    assert!(check_config_url("https://clinic.example/smp.json").is_ok());
    for wrong in [
        "//evil.example/x.json",
        "/\\evil.example/x.json",
        "data:,{}",
    ] {
        let problem = check_config_url(wrong).unwrap_err().to_string();
        assert!(
            problem.starts_with("`config-url` is not valid"),
            "{problem}"
        );
    }
}

#[test]
fn languages_limit_what_the_page_chooses_and_the_first_is_the_fallback() {
    use smp_consult::domain::settings::choose_language;
    let read = read_from(&[("clinic", "Norte"), ("languages", " es,  en es ")], None);
    assert_eq!(
        read.languages,
        vec![Locale::Es, Locale::En],
        "once each, in order"
    );
    assert!(read.problems.is_empty(), "{:?}", messages(&read));
    let speaks = |lang, page: [Option<Locale>; 2]| {
        choose_language(lang, &read.languages, page, Locale::default())
    };
    // A German page, an English browser: English, the first allowed of the two.
    assert_eq!(
        speaks(None, [Some(Locale::De), Some(Locale::En)]),
        Locale::En
    );
    // Neither allowed: the first of the list.
    assert_eq!(
        speaks(None, [Some(Locale::De), Some(Locale::Fr)]),
        Locale::Es
    );
    assert_eq!(speaks(None, [None, None]), Locale::Es);
    // `lang` still fixes one.
    assert_eq!(
        speaks(Some(Locale::It), [Some(Locale::En), None]),
        Locale::It
    );
    // No list: the page's, then the browser's, then English, as before.
    let all = |page: [Option<Locale>; 2]| choose_language(None, &[], page, Locale::default());
    assert_eq!(all([Some(Locale::De), Some(Locale::En)]), Locale::De);
    assert_eq!(all([None, Some(Locale::Fr)]), Locale::Fr);
    assert_eq!(all([None, None]), Locale::En);
}

#[test]
fn a_wrong_languages_list_is_one_problem_naming_it_and_keeps_what_it_can() {
    let read = read_from(&[("clinic", "Norte"), ("languages", "es klingon")], None);
    assert_eq!(read.languages, vec![Locale::Es]);
    assert_eq!(messages(&read).len(), 1);
    assert!(
        messages(&read)[0].contains("languages"),
        "{:?}",
        messages(&read)
    );
    let read = read_from(&[("clinic", "Norte")], Some(r#"{"languages": ", ,"}"#));
    assert!(
        read.languages.is_empty(),
        "nothing usable: every language, as without it"
    );
    assert!(
        messages(&read)[0].contains("languages"),
        "{:?}",
        messages(&read)
    );
    let read = read_from(&[("clinic", "Norte")], Some(r#"{"languages": "pt-BR de"}"#));
    assert_eq!(
        read.languages,
        vec![Locale::Pt, Locale::De],
        "from the JSON config too"
    );
}
