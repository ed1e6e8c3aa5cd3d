//! A clinic's brand and behaviour settings: colours read and given a readable text colour,
//! image addresses that cannot run code, the optional parts a clinic may hide (and the one it
//! may not), and its own consent wording.

use smp_consult::domain::config::{validate_image, Accent, ClinicConfig, Optional};

#[test]
fn an_accent_is_a_hex_colour_with_the_more_readable_text_on_it() {
    let dark = Accent::parse("#1F5F5B").unwrap();
    assert_eq!(dark.colour, "#1f5f5b");
    assert_eq!(dark.on, "#ffffff");
    let light = Accent::parse("#ffd84d").unwrap();
    assert_eq!(light.on, "#111111", "yellow takes dark text");
    assert_eq!(Accent::parse(" #abc ").unwrap().colour, "#aabbcc");
    for wrong in [
        "red",
        "#12",
        "#1234567",
        "#ggg",
        "rgb(0,0,0)",
        "1f5f5b",
        "#1f5f5b;}",
        "",
    ] {
        let error = Accent::parse(wrong).unwrap_err().to_string();
        assert!(
            error.contains("`accent`") && error.contains("hex colour"),
            "{wrong}: {error}"
        );
    }
}

#[test]
fn a_logo_is_https_or_a_path_on_the_site_never_a_script_or_data() {
    for ok in [
        "https://clinic.example/logo.svg",
        "/img/logo.png",
        "http://127.0.0.1:8080/l.svg",
    ] {
        assert!(validate_image("logo", ok).is_ok(), "{ok}");
    }
    for wrong in [
        "javascript:alert(1)",
        "data:image/svg+xml,<svg/>",
        "//evil.example/x.svg",
        "http://clinic.example/x.png",
        "logo.png",
        "/a b.png",
    ] {
        let error = validate_image("logo", wrong).unwrap_err().to_string();
        assert!(error.contains("`logo`"), "{wrong}: {error}");
    }
}

#[test]
fn a_clinic_may_hide_optional_form_parts_but_not_the_health_check() {
    assert_eq!(
        Optional::parse_list("photos, best_time  message").unwrap(),
        vec![Optional::Photos, Optional::BestTime, Optional::Message]
    );
    assert_eq!(Optional::parse_list("").unwrap(), vec![]);
    let error = Optional::parse_list("photos health")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("`hide`") && error.contains("\"health\""),
        "{error}"
    );
    let config = ClinicConfig {
        hidden: vec![Optional::Photos],
        ..ClinicConfig::default()
    };
    assert!(!config.shows(Optional::Photos));
    assert!(config.shows(Optional::Phone));
}

#[test]
fn the_clinic_s_own_consent_wording_names_it() {
    let default = |clinic: &str| format!("I agree that {clinic} may use my answers.");
    let mut config = ClinicConfig {
        clinic: "Northline SMP".into(),
        ..ClinicConfig::default()
    };
    assert_eq!(
        config.consent_wording(default),
        "I agree that Northline SMP may use my answers."
    );
    config.consent_text = Some("{clinic} may process my health data.".into());
    assert_eq!(
        config.consent_wording(default),
        "Northline SMP may process my health data."
    );
}

#[test]
fn a_consent_wording_too_long_for_a_lead_falls_back_to_the_widget_s_own() {
    let default = |clinic: &str| format!("I agree that {clinic} may use my answers.");
    let config = |text: &str| ClinicConfig {
        clinic: "Northline SMP".into(),
        consent_text: Some(text.into()),
        ..ClinicConfig::default()
    };
    assert_eq!(
        config("{clinic} may process my answers").consent_wording(default),
        "Northline SMP may process my answers"
    );
    // 1,000 characters of configuration can become more than a lead holds once the clinic's
    // name fills every placeholder: the receiver would refuse every lead, so the widget's
    // own wording is used.
    let long = "{clinic}".repeat(125);
    let clinic = "N".repeat(smp_consult::domain::lead::CLINIC_MAX_CHARS);
    let wording = ClinicConfig {
        clinic: clinic.clone(),
        ..config(&long)
    }
    .consent_wording(default);
    assert_eq!(wording, default(&clinic));
    assert!(
        long.replace("{clinic}", &clinic).chars().count()
            > smp_consult::domain::lead::CONSENT_TEXT_MAX_CHARS
    );
}
