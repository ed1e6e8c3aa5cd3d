//! The configurator's snippet and the widget's configuration reader agree on every setting:
//! what the configurator writes, the widget reads back as the same configuration; what a
//! clinic pastes in comes back as the same form; and a wrong value is shown in the widget's
//! own words.

use proptest::prelude::*;
use smp_configurator::draft::{price_cells, Draft, Setting, OPTIONAL_PARTS};
use smp_configurator::samples::{example_price, samples};
use smp_configurator::snippet::{parse_pasted, Pasted};
use smp_consult::domain::address::{EmailAddress, Resource, WebUrl};
use smp_consult::domain::config::{
    Accent, ClinicConfig, EndpointMode, HubSpotForm, Optional, PriceTable, HUBSPOT_API,
};
use smp_consult::domain::json;
use smp_consult::domain::raw::Raw;
use smp_consult::domain::recommend::recommend;
use smp_consult::domain::settings::{self, read_launcher, Given, Launcher, Mode, Read, Theme};
use smp_consult::domain::{Approach, Extent};
use smp_consult::i18n::Locale;

const SRC: &str = "https://cdn.example/smp-consult/smp-consult.js";

/// JSON text → `Raw`, with the widget's own strict reader (as it reads a `config="#id"`).
fn parse_json(text: &str) -> Option<Raw> {
    json::parse(text).ok()
}

/// The pasted text, read as the configurator reads it.
fn pasted(text: &str) -> (Vec<(String, String)>, Option<Raw>) {
    let Pasted { element, json } = parse_pasted(text);
    (
        element.expect("an <smp-consult> element"),
        json.as_deref().and_then(parse_json),
    )
}

/// The pasted text, read as the widget reads it on a page.
fn widget_reads(text: &str) -> (Read<Locale>, Launcher) {
    let (attributes, json) = pasted(text);
    let read = settings::read(
        Given {
            attributes: &attributes,
            json: json.as_ref(),
        },
        Locale::from_tag,
    );
    (read, read_launcher(&attributes).0)
}

/// The form a clinic would fill in for this configuration.
fn draft_of(config: &ClinicConfig, lang: Option<Locale>, launcher: &Launcher) -> Draft {
    let mut d = Draft::default();
    let mut set = |s: Setting, v: Option<&str>| {
        if let Some(v) = v {
            d.set(s, v)
        }
    };
    set(Setting::Clinic, Some(&config.clinic));
    set(
        Setting::Endpoint,
        config.endpoint.as_ref().map(WebUrl::as_str),
    );
    set(
        Setting::EndpointMode,
        Some(match config.endpoint_mode {
            EndpointMode::Json => "json",
            EndpointMode::Simple => "simple",
        }),
    );
    set(Setting::Phone, config.phone.as_deref());
    set(
        Setting::Email,
        config.email.as_ref().map(EmailAddress::as_str),
    );
    set(
        Setting::PrivacyUrl,
        config.privacy_url.as_ref().map(WebUrl::as_str),
    );
    set(Setting::Logo, config.logo.as_ref().map(Resource::as_str));
    set(
        Setting::Accent,
        config.accent.as_ref().map(|a| a.colour.as_str()),
    );
    set(Setting::ConsentText, config.consent_text.as_deref());
    set(Setting::ThanksText, config.thanks_text.as_deref());
    set(
        Setting::RedirectUrl,
        config.redirect_url.as_ref().map(WebUrl::as_str),
    );
    set(
        Setting::BookingUrl,
        config.booking_url.as_ref().map(WebUrl::as_str),
    );
    set(
        Setting::Analytics,
        Some(if config.analytics { "on" } else { "off" }),
    );
    set(Setting::Lang, lang.map(|l| l.code()));
    set(Setting::Mode, Some(launcher.mode.code()));
    set(Setting::Theme, Some(launcher.theme.code()));
    set(Setting::ButtonText, launcher.button_text.as_deref());
    set(Setting::Teaser, launcher.teaser.as_deref());
    if let Some(h) = &config.hubspot {
        set(Setting::HubspotPortal, Some(&h.portal_id));
        set(Setting::HubspotForm, Some(&h.form_id));
        let subscription = h.subscription_type_id.map(|n| n.to_string());
        set(Setting::HubspotSubscription, subscription.as_deref());
        set(
            Setting::HubspotApi,
            (h.api != HUBSPOT_API).then_some(h.api.as_str()),
        );
    }
    if let Some(prices) = &config.prices {
        d.set(Setting::Currency, prices.currency.as_str());
        for (approach, extent, [min, max]) in &prices.entries {
            let cell = d
                .prices
                .iter_mut()
                .find(|c| c.approach == *approach && c.extent == *extent)
                .expect("every priced result has a cell in the table");
            (cell.min, cell.max) = (min.to_string(), max.to_string());
        }
    }
    d.hide = config.hidden.iter().map(|o| o.code().to_string()).collect();
    d
}

/// Text a clinic might type: letters, digits, spaces, and what HTML and JSON must escape.
fn words() -> impl Strategy<Value = String> {
    "[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9 &<>\"'/.,!?{}\\\\-]{0,30}[A-Za-z0-9.!?]"
}

fn https() -> impl Strategy<Value = String> {
    "[a-z]{1,10}\\.example(/[a-z0-9]{1,8}){0,2}".prop_map(|s| format!("https://{s}"))
}

fn config() -> impl Strategy<Value = (ClinicConfig, Option<Locale>, Launcher)> {
    let cells: Vec<(Approach, Extent)> = samples().iter().map(|s| (s.approach, s.extent)).collect();
    let prices = (
        prop::sample::select(vec!["GBP", "EUR", "USD", "BRL"]),
        prop::sample::subsequence(cells.clone(), 1..=cells.len()),
        prop::collection::vec((0u32..5000, 0u32..5000), cells.len()),
    )
        .prop_map(|(currency, chosen, ranges)| PriceTable {
            currency: currency.into(),
            entries: chosen
                .into_iter()
                .zip(ranges)
                .map(|((a, e), (x, y))| (a, e, [x.min(y), x.max(y)]))
                .collect(),
        });
    let hubspot = (
        "[1-9][0-9]{0,8}",
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        proptest::option::of(0u32..100_000),
        proptest::option::of(https()),
    )
        .prop_map(
            |(portal_id, form_id, subscription_type_id, api)| HubSpotForm {
                portal_id,
                form_id,
                subscription_type_id,
                api: api.unwrap_or_else(|| HUBSPOT_API.into()),
            },
        );
    let brand = (
        words(),
        proptest::option::of(https()),
        any::<bool>(),
        proptest::option::of(hubspot),
        proptest::option::of(prices),
        proptest::option::of("\\+[1-9][0-9]{7,12}"),
        proptest::option::of("[a-z]{1,8}@[a-z]{1,8}\\.example"),
        proptest::option::of("#[0-9a-f]{6}"),
    );
    let texts = (
        proptest::option::of(https()),
        proptest::option::of("/[a-z]{1,8}\\.svg"),
        proptest::option::of(words()),
        proptest::option::of(words()),
        proptest::option::of(https()),
        proptest::option::of(https()),
        any::<bool>(),
        prop::sample::subsequence(Optional::ALL.to_vec(), 0..=Optional::ALL.len()),
    );
    let launcher = (
        proptest::option::of(prop::sample::select(Locale::ALL.to_vec())),
        prop::sample::select(Mode::ALL.to_vec()),
        proptest::option::of(words()),
        proptest::option::of(words()),
        prop::sample::select(Theme::ALL.to_vec()),
    );
    (brand, texts, launcher).prop_map(
        |(
            (clinic, endpoint, simple, hubspot, prices, phone, email, accent),
            (
                privacy_url,
                logo,
                consent_text,
                thanks_text,
                redirect_url,
                booking_url,
                analytics,
                hidden,
            ),
            (lang, mode, button_text, teaser, theme),
        )| {
            // The generators make only addresses the widget's rules take.
            let url = |u: Option<String>| u.map(|u| WebUrl::parse(&u).unwrap());
            let config = ClinicConfig {
                clinic,
                endpoint: url(endpoint),
                endpoint_mode: if simple {
                    EndpointMode::Simple
                } else {
                    EndpointMode::Json
                },
                hubspot,
                prices,
                phone,
                email: email.map(|e| EmailAddress::parse(&e).unwrap()),
                privacy_url: url(privacy_url),
                logo: logo.map(|l| Resource::parse(&l).unwrap()),
                accent: accent.map(|a| Accent::parse(&a).unwrap()),
                consent_text,
                thanks_text,
                redirect_url: url(redirect_url),
                booking_url: url(booking_url),
                analytics,
                hidden,
            };
            let launcher = Launcher {
                mode,
                button_text,
                teaser,
                theme,
            };
            (config, lang, launcher)
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Write then read gives the same configuration, for every setting the widget has.
    #[test]
    fn the_widget_reads_what_the_configurator_writes((config, lang, launcher) in config()) {
        let draft = draft_of(&config, lang, &launcher);
        prop_assert_eq!(draft.problems(), vec![], "a valid configuration has no problems");
        let html = draft.snippet().html(SRC);
        let (read, read_launcher) = widget_reads(&html);
        prop_assert_eq!(read.problems, vec![], "{}", html);
        prop_assert_eq!(read.config, config, "{}", html);
        prop_assert_eq!(read.lang, lang);
        prop_assert_eq!(read_launcher, launcher);
    }

    /// Pasting the snippet back in fills the form as it was, wrong values included.
    #[test]
    fn a_pasted_snippet_comes_back_as_the_same_form(
        (config, lang, launcher) in config(),
        wrong in proptest::option::of(words()),
        in_file in proptest::option::of(https()),
    ) {
        let mut draft = draft_of(&config, lang, &launcher);
        if let Some(wrong) = &wrong {
            // Wrong values stay as typed, so they can be shown with what is wrong.
            draft.set(Setting::Accent, wrong.as_str());
            draft.set(Setting::Endpoint, wrong.as_str());
            draft.prices[0].min = wrong.clone();
        }
        if let Some(url) = &in_file {
            draft.set(Setting::ConfigUrl, url.as_str());
        }
        let snippet = draft.snippet();
        // A config-url's file is pasted after the snippet.
        let text = match &in_file {
            Some(_) => format!("{}\n\n{}", snippet.html(SRC), snippet.json_text()),
            None => snippet.html(SRC),
        };
        let (attributes, json) = pasted(&text);
        let back = Draft::from_snippet(&attributes, json.as_ref(), price_cells());
        prop_assert_eq!(back, draft, "{}", text);
    }
}

#[test]
fn a_wrong_value_says_what_the_widget_logs() {
    let mut d = Draft::default();
    d.set(Setting::Clinic, "Northline SMP");
    d.set(Setting::Accent, "teal");
    d.set(Setting::Endpoint, "http://leads.example/in");
    d.set(Setting::Currency, "EUR");
    d.prices[0].min = "900".into();
    d.prices[0].max = "400".into();
    d.prices[1].min = "1.500".into();
    d.prices[1].max = "2000".into();
    d.set(Setting::Mode, "modal");
    d.hide = vec!["photos".into(), "health".into()];
    let problems: Vec<String> = d.problems().iter().map(ToString::to_string).collect();
    let expected = [
        "`endpoint` is not valid: expected an absolute https:// URL (http:// only for localhost or 127.0.0.1)",
        "`accent` is not valid: expected a hex colour such as #1f5f5b",
        "`hide` is not valid: expected a list of: photos, phone, message, best_time (not \"health\")",
        "`mode` is not valid: expected inline, popup or bubble",
        "`prices.buzz_cut.small` is not valid: expected [min, max]: two whole numbers with min not above max",
        "`prices.buzz_cut.medium` is not valid: expected [min, max]: two whole numbers with min not above max",
    ];
    assert_eq!(problems, expected);
    let accent = d.problems().into_iter().find(|p| Setting::Accent.owns(p));
    assert!(
        accent.is_some(),
        "the accent's problem is shown at the accent field"
    );
    assert!(!d.problems().iter().any(|p| Setting::Clinic.owns(p)));
}

#[test]
fn a_hand_written_snippet_with_attributes_and_json_fills_the_form() {
    // The README's own example, attributes and JSON mixed as a web person writes them.
    let text = r##"<script type="module" src="/widget/smp-consult.js"></script>
<SMP-CONSULT clinic='Northline &amp; Co' endpoint=https://example.test/leads config="#smp-config"
  privacy-url="https://northline.example/privacy" hide="best_time photos"></SMP-CONSULT>
<script type="application/json" id="smp-config">
  {"currency":"GBP","prices":{"buzz_cut":{"small":[400,850],"medium":[850,1500]},"scar_camouflage":{"small":[500,900]}},
   "logo":"/img/logo.svg","accent":"#14302e","booking_url":"https://clinic.example/book","theme":"dark",
   "something_new":{"a":1}}
</script>"##;
    let (attributes, json) = pasted(text);
    let d = Draft::from_snippet(&attributes, json.as_ref(), price_cells());
    assert_eq!(d.get(Setting::Clinic), "Northline & Co");
    assert_eq!(d.get(Setting::Endpoint), "https://example.test/leads");
    assert_eq!(d.get(Setting::Accent), "#14302e");
    assert_eq!(d.get(Setting::Logo), "/img/logo.svg");
    assert_eq!(d.get(Setting::Currency), "GBP");
    assert_eq!(d.hide, ["best_time", "photos"]);
    let cell = |a, e| {
        d.prices
            .iter()
            .find(|c| c.approach == a && c.extent == e)
            .unwrap()
    };
    assert_eq!(cell(Approach::BuzzCut, Extent::Medium).max, "1500");
    assert_eq!(cell(Approach::ScarCamouflage, Extent::Small).min, "500");
    assert!(d.problems().is_empty(), "{:?}", d.problems());
    // Keys this page does not know are kept and written back (JSON `theme` is not read by the
    // widget: the attribute is).
    let keys: Vec<&str> = d.extra.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["theme", "something_new"]);
    assert!(d
        .snippet()
        .json_text()
        .contains("\"something_new\": {\"a\": 1}"));
    // The widget reads the rewritten snippet as it read the hand-written one.
    let (before, _) = widget_reads(text);
    let (after, _) = widget_reads(&d.snippet().html(SRC));
    assert_eq!(before.config, after.config);
}

#[test]
fn a_config_files_json_alone_fills_the_form() {
    let Pasted { element, json } = parse_pasted(r##"  {"clinic": "Solo", "accent": "#123456"} "##);
    assert_eq!(element, None);
    let json = json.as_deref().and_then(parse_json);
    let d = Draft::from_snippet(&[], json.as_ref(), price_cells());
    assert_eq!(
        (d.get(Setting::Clinic), d.get(Setting::Accent)),
        ("Solo", "#123456")
    );
}

#[test]
fn text_in_the_json_cannot_close_its_script_and_attributes_cannot_break_out() {
    let mut d = Draft::default();
    d.set(Setting::Clinic, "A\" onload=\"alert(1)");
    d.set(
        Setting::ConsentText,
        "</script><script>alert(1)</script> <!--",
    );
    let html = d.snippet().html(SRC);
    assert_eq!(html.matches("</script>").count(), 2, "{html}");
    assert!(!html.contains("<!--"));
    assert!(html.contains("clinic=\"A&quot; onload=&quot;alert(1)\""));
    let (read, _) = widget_reads(&html);
    assert_eq!(read.config.clinic, "A\" onload=\"alert(1)");
    assert_eq!(
        read.config.consent_text.as_deref(),
        Some("</script><script>alert(1)</script> <!--")
    );
}

#[test]
fn the_price_table_has_a_cell_for_every_priced_result_and_each_sample_leads_to_it() {
    let cells: Vec<(&str, &str)> = samples()
        .iter()
        .map(|s| (s.approach.code(), s.extent.code()))
        .collect();
    assert_eq!(
        cells,
        [
            ("buzz_cut", "small"),
            ("buzz_cut", "medium"),
            ("buzz_cut", "large"),
            ("density_shading", "small"),
            ("density_shading", "medium"),
            ("density_shading", "large"),
            ("scar_camouflage", "small"),
            ("patch_blending", "small"),
        ]
    );
    for s in samples() {
        let table = PriceTable {
            currency: "EUR".into(),
            entries: vec![(s.approach, s.extent, [1, 2])],
        };
        let result = recommend(&s.answers, Some(&table)).unwrap();
        assert_eq!((result.approach, result.extent), (s.approach, s.extent));
        assert!(result.price.is_some(), "the sample shows the cell's price");
    }
}

#[test]
fn example_prices_are_ranges_rounded_in_the_currencys_own_scale() {
    assert_eq!(
        example_price("GBP", Approach::BuzzCut, Extent::Medium),
        [850, 1500]
    );
    assert_eq!(
        example_price("eur", Approach::BuzzCut, Extent::Medium),
        [1000, 1800]
    );
    let [min, max] = example_price("JPY", Approach::BuzzCut, Extent::Medium);
    assert!(
        (100_000..400_000).contains(&min) && min < max,
        "{min}–{max}"
    );
    for s in samples() {
        for currency in ["GBP", "EUR", "USD", "BRL", "XYZ"] {
            let [min, max] = example_price(currency, s.approach, s.extent);
            assert!(0 < min && min <= max, "{currency} {:?}", s.approach);
        }
    }
}

#[test]
fn every_optional_part_is_one_the_widget_can_hide() {
    let codes: Vec<&str> = Optional::ALL.iter().map(|o| o.code()).collect();
    assert_eq!(codes, OPTIONAL_PARTS);
}

#[test]
fn the_settings_are_listed_in_their_own_order() {
    for (i, s) in Setting::ALL.iter().enumerate() {
        assert_eq!(*s as usize, i, "{s:?}");
    }
}

#[test]
fn where_the_widgets_files_are_comes_back_from_a_pasted_snippet() {
    let mut d = Draft::default();
    d.set(Setting::Clinic, "Northline SMP");
    let html = d
        .snippet()
        .html("https://cdn.example/smp/smp-consult.js?v=2");
    assert_eq!(
        smp_configurator::snippet::loader_src(&html).as_deref(),
        Some("https://cdn.example/smp/smp-consult.js?v=2")
    );
    let other = "<script src=\"/js/app.js\"></script><script type=module src='/widget/smp-consult.js'></script>";
    assert_eq!(
        smp_configurator::snippet::loader_src(other).as_deref(),
        Some("/widget/smp-consult.js")
    );
    assert_eq!(
        smp_configurator::snippet::loader_src("{\"clinic\": \"x\"}"),
        None
    );
}

#[test]
fn the_widgets_text_and_address_rules_are_shown_at_their_fields() {
    let mut d = Draft::default();
    d.set(Setting::Clinic, "N".repeat(101));
    d.set(Setting::ThanksText, "Thank you\u{202E}!");
    d.set(Setting::Email, "clinic\u{200B}@example.com");
    d.set(Setting::Logo, "//evil.example/logo.svg");
    d.set(Setting::Mode, "bubble");
    d.set(Setting::ButtonText, "B".repeat(81));
    d.set(Setting::ConfigUrl, "//evil.example/smp-consult.json");
    let problems = d.problems();
    for (setting, words) in [
        (Setting::Clinic, "text of at most 100 characters"),
        (
            Setting::ThanksText,
            "without control, invisible or bidi formatting characters",
        ),
        (Setting::Email, ""),
        (Setting::Logo, ""),
        (Setting::ButtonText, "text of at most 80 characters"),
        (Setting::ConfigUrl, ""),
    ] {
        let found = problems.iter().find(|p| setting.owns(p));
        assert!(
            found.is_some_and(|p| p.to_string().contains(words)),
            "{setting:?}: {problems:?}"
        );
    }
    assert_eq!(problems.len(), 6, "{problems:?}");
}

#[test]
fn the_languages_a_clinic_allows_reach_the_widget_with_the_fallback_first() {
    use smp_configurator::form::{allowed_languages, write_languages};
    // All six with English first is the widget's default: nothing is written.
    assert_eq!(allowed_languages(""), ["en", "es", "fr", "de", "pt", "it"]);
    assert_eq!(write_languages("en", &allowed_languages("")), "");
    // Spanish first, English allowed (ticked in any order): written fallback first.
    assert_eq!(write_languages("es", &["en", "es"]), "es en");
    assert_eq!(allowed_languages("es en"), ["es", "en"]);
    assert_eq!(allowed_languages("ES, pt-BR, klingon, es"), ["es", "pt"]);

    let mut d = Draft::default();
    d.set(Setting::Clinic, "Clínica Norte");
    d.set(Setting::Languages, "es en");
    let html = d.snippet().html(SRC);
    assert!(html.contains(r#"languages="es en""#), "{html}");
    let (read, _) = widget_reads(&html);
    assert_eq!(read.languages, [Locale::Es, Locale::En]);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let (attributes, json) = pasted(&html);
    let back = Draft::from_snippet(&attributes, json.as_ref(), price_cells());
    assert_eq!(back.get(Setting::Languages), "es en");
    // With one language fixed the list is not written (the widget would ignore it).
    d.set(Setting::Lang, "de");
    assert!(!d.snippet().html(SRC).contains("languages="));
    d.set(Setting::Lang, "");
    // A wrong list is shown at the field, in the widget's words.
    d.set(Setting::Languages, "es klingon");
    let wrong: Vec<_> = d
        .problems()
        .into_iter()
        .filter(|p| Setting::Languages.owns(p))
        .collect();
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(
        wrong[0].to_string().starts_with("`languages` is not valid"),
        "{}",
        wrong[0]
    );
}
