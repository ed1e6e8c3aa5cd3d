//! The one set of rules for addresses and texts from outside (issue 13, point 6): web
//! addresses, paths on the clinic's own site, email addresses, and the clinic's texts. Each
//! gap found by the attack script (tests/e2e/privacy-and-config.test.mjs) has its case here.

use smp_consult::domain::address::{EmailAddress, Resource, WebUrl};
use smp_consult::domain::config::{text_limit, validate_email, validate_image, TEXT_LIMITS};
use smp_consult::domain::lead::{is_email, is_phone};
use smp_consult::domain::text::{is_bidi_control, is_invisible, ConfigText};

/// Every invisible character tried in every address: none may pass.
const HIDDEN: &[char] = &[
    '\u{0}',
    '\u{7}',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{ad}',
    '\u{200b}',
    '\u{200c}',
    '\u{200d}',
    '\u{200e}',
    '\u{200f}',
    '\u{202a}',
    '\u{202e}',
    '\u{2060}',
    '\u{2066}',
    '\u{2069}',
    '\u{feff}',
    '\u{180e}',
    '\u{e0041}',
];

#[test]
fn a_web_url_is_https_or_loopback_http_and_nothing_a_browser_reads_differently() {
    for ok in [
        "https://example.test/leads",
        "https://example.com:8443/x?y=1#z",
        "http://127.0.0.1:8787/v1/leads",
        "http://localhost/x",
        "http://[::1]:8787/x",
        "https://bücher.example/kontakt",
    ] {
        assert!(WebUrl::parse(ok).is_ok(), "{ok} should pass");
    }
    for bad in [
        "javascript:alert(1)",
        "data:text/plain,x",
        "http://evil.example/steal",
        "//evil.example/x",
        "/\\evil.example/x",
        "https://good.example\\@evil.example/",
        "https://evil.example\\.good.example/",
        "https://user@evil.example/",
        "https://exa mple.com/",
        "https:///path",
        "https://-evil.example/",
        "https://evil..example/",
        "https://example.com:99999/",
        "https://example.com:/",
        "https://ex%61mple.com/",
        "HTTPS://example.com",
    ] {
        assert!(WebUrl::parse(bad).is_err(), "{bad:?} should be refused");
    }
    for c in HIDDEN {
        let url = format!("https://example.test/{c}leads");
        assert!(
            WebUrl::parse(&url).is_err(),
            "U+{:04X} in a URL",
            u32::from(*c)
        );
        let host = format!("https://exa{c}mple.test/");
        assert!(
            WebUrl::parse(&host).is_err(),
            "U+{:04X} in a host",
            u32::from(*c)
        );
    }
    let long = format!("https://example.test/{}", "a".repeat(2100));
    assert!(WebUrl::parse(&long).is_err(), "at most 2048 characters");
}

#[test]
fn a_path_on_the_site_starts_with_one_slash_and_never_a_backslash() {
    for ok in [
        "/img/logo.svg",
        "/csp/config.json",
        "/a?b=c",
        "https://cdn.example/l.png",
    ] {
        assert!(Resource::parse(ok).is_ok(), "{ok}");
    }
    // Browsers read `\` as `/` in http(s) URLs: `/\host/x` is `//host/x`, another host.
    for bad in [
        "/\\other-host/x.png",
        "\\\\other-host/x.png",
        "/\\/other-host/x.png",
        "//other-host/x.png",
        "/img\\..\\..\\x.png",
        "logo.png",
        "javascript:x",
        "/a b.png",
    ] {
        assert!(Resource::parse(bad).is_err(), "{bad}");
        let error = validate_image("logo", bad).unwrap_err().to_string();
        assert!(
            error.contains("`logo`") && error.contains("a path on this site"),
            "{error}"
        );
    }
    for c in HIDDEN {
        assert!(Resource::parse(&format!("/img/{c}logo.svg")).is_err());
    }
}

#[test]
fn an_email_has_no_query_no_fragment_and_nothing_invisible() {
    for ok in [
        "hello@northline-smp.example",
        "first.last+smp@sub.example.co.uk",
        "o'neil@example.ie",
        "josé@exämple.es",
    ] {
        assert!(EmailAddress::parse(ok).is_ok() && is_email(ok), "{ok}");
    }
    for bad in [
        "clinic@example.com?bcc=spy%40evil.com",
        "clinic@example.com&bcc=spy@evil.com",
        "clinic@example.com#x",
        "clinic%3Fbcc@example.com",
        "clinic?cc=x@example.com",
        "a/b@example.com",
        "\"quoted\"@example.com",
        ".dot@example.com",
        "dot.@example.com",
        "do..t@example.com",
        "a@example.c",
        "a@example_x.com",
    ] {
        assert!(EmailAddress::parse(bad).is_err(), "{bad}");
        let error = validate_email("email", bad).unwrap_err().to_string();
        assert!(
            error.contains("`email`") && error.contains("an email address"),
            "{error}"
        );
    }
    for c in HIDDEN {
        let email = format!("clinic{c}@example.com");
        assert!(!is_email(&email), "U+{:04X} in an email", u32::from(*c));
    }
}

#[test]
fn a_phone_number_is_short() {
    assert!(is_phone("+44 113 496 0000"));
    assert!(!is_phone(&format!("+44{}113 496 0000", " ".repeat(40))));
}

#[test]
fn every_configured_text_has_a_cap_and_loses_its_bidi_and_control_characters() {
    for (item, max) in TEXT_LIMITS {
        assert_eq!(text_limit(item), *max);
        assert!(*max >= 80 && *max <= 1000, "{item}: {max}");
        let at_cap = "é".repeat(*max);
        assert_eq!(
            ConfigText::check(&at_cap, *max),
            ConfigText::Fits(at_cap.clone())
        );
        assert_eq!(
            ConfigText::check(&format!("{at_cap}é"), *max),
            ConfigText::TooLong
        );
    }
    assert_eq!(
        ConfigText::check(&"x".repeat(1_000_000), 100),
        ConfigText::TooLong
    );
    assert_eq!(
        ConfigText::check("Northline \u{202e}SMP Clinic", 100),
        ConfigText::Cleaned("Northline SMP Clinic".into())
    );
    assert_eq!(
        ConfigText::check("  Northline\u{7}SMP\u{2066} ", 100),
        ConfigText::Cleaned("Northline SMP".into())
    );
    assert_eq!(
        ConfigText::check(" Northline\nSMP ", 100),
        ConfigText::Fits("Northline SMP".into()),
        "a newline is just a space"
    );
    assert_eq!(
        ConfigText::check("מרפאת שיער", 100),
        ConfigText::Fits("מרפאת שיער".into()),
        "right-to-left text is fine; only the formatting characters go"
    );
    assert_eq!(ConfigText::check(" \u{202e} ", 100), ConfigText::Empty);
}

#[test]
fn invisible_and_bidi_characters_are_known() {
    for c in HIDDEN {
        assert!(is_invisible(*c), "U+{:04X}", u32::from(*c));
    }
    for c in ['a', 'é', 'ש', '中', '-', '.', '@', ' '] {
        assert!(!is_invisible(c), "{c}");
    }
    for c in ['\u{202e}', '\u{2066}', '\u{200f}', '\u{61c}'] {
        assert!(is_bidi_control(c));
    }
}
