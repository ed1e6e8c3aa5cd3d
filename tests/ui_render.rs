//! SSR render tests of the Yew components: the markup contract of DESIGN.md (native
//! fieldsets, inputs named after answer fields with JSON codes as values, real buttons,
//! `data-approach` on the result, the lead form's field names), rendered on the server.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use smp_consult::domain::config::{ClinicConfig, PriceTable};
use smp_consult::domain::flow::QuestionId;
use smp_consult::domain::raw::Raw;
use smp_consult::domain::*;
use smp_consult::i18n::Locale;
use smp_consult::ui::state::{Saved, Screen};
use smp_consult::ui::{App, AppProps};

fn config() -> ClinicConfig {
    let prices = Raw::Object(vec![
        ("currency".into(), Raw::Text("GBP".into())),
        (
            "prices".into(),
            Raw::Object(vec![(
                "buzz_cut".into(),
                Raw::Object(vec![(
                    "medium".into(),
                    Raw::List(vec![Raw::Number(850.0), Raw::Number(1500.0)]),
                )]),
            )]),
        ),
    ]);
    ClinicConfig {
        clinic: "Northline SMP".into(),
        endpoint: Some("https://example.test/leads".parse().unwrap()),
        endpoint_mode: Default::default(),
        hubspot: None,
        prices: PriceTable::from_raw(&prices).unwrap(),
        phone: Some("+44 113 496 0000".parse().unwrap()),
        email: Some("hello@example.test".parse().unwrap()),
        privacy_url: Some("https://example.test/privacy".parse().unwrap()),
        ..Default::default()
    }
}

async fn render(config: ClinicConfig, locale: Locale, saved: Option<Saved>) -> String {
    let props = AppProps {
        config: Rc::new(config),
        locale,
        restored: saved,
        onsave: Default::default(),
        onevent: smp_consult::ui::no_listener(),
    };
    yew::LocalServerRenderer::<App>::with_props(props)
        .render()
        .await
}

/// Whether the markup has an `<input>` carrying all of these attributes (in any order).
fn has_input(html: &str, attrs: &[(&str, &str)]) -> bool {
    html.split("<input").skip(1).any(|tag| {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        attrs
            .iter()
            .all(|(k, v)| tag.contains(&format!(r#" {k}="{v}""#)))
    })
}

fn male_n4_buzz() -> Answers {
    Answers {
        pattern: Some(Pattern::Male),
        stage: Some(Stage::N4),
        progression: Some(Progression::Slow),
        style: Some(Style::Buzz),
        hair_colour: Some(HairColour::DarkBrown),
        skin_tone: SkinTone::new(3),
        scars: Some(vec![]),
        health: Some(vec![]),
        age_band: Some(AgeBand::From35To44),
        hairline: Some(Hairline::Unsure),
        ..Answers::default()
    }
}

fn at(answers: Answers, screen: Screen) -> Option<Saved> {
    Some(Saved {
        answers,
        screen: Some(screen),
        ..Saved::default()
    })
}

#[tokio::test]
async fn first_question_is_a_native_fieldset_of_radios_named_after_the_field() {
    let html = render(config(), Locale::En, None).await;
    assert!(html.contains("<fieldset"), "{html}");
    assert!(html.contains("<legend"));
    assert!(html.contains("Which best describes your hair loss?"));
    for code in ["male", "female", "diffuse", "patchy", "total", "none"] {
        assert!(
            has_input(
                &html,
                &[("type", "radio"), ("name", "pattern"), ("value", code)]
            ),
            "option {code} missing: {html}"
        );
    }
    assert!(html.contains("Question 1 of up to 12"));
    assert!(html.contains(r#"<button type="submit""#) && html.contains(">Next<"));
    assert!(!html.contains(">Back<"), "no Back on the first question");
    assert!(
        html.contains(r#"role="alert""#),
        "an alert region for step errors"
    );
}

#[tokio::test]
async fn stage_offers_only_the_scale_of_the_chosen_pattern() {
    let female = Answers {
        pattern: Some(Pattern::Female),
        ..Answers::default()
    };
    let html = render(
        config(),
        Locale::En,
        at(female, Screen::Question(QuestionId::Stage)),
    )
    .await;
    for code in ["l1", "l2", "l3"] {
        assert!(has_input(
            &html,
            &[("type", "radio"), ("name", "stage"), ("value", code)]
        ));
    }
    assert!(!html.contains(r#"value="n4""#));
    assert!(html.contains(">Back<"));

    let male = Answers {
        pattern: Some(Pattern::Male),
        ..Answers::default()
    };
    let html = render(
        config(),
        Locale::En,
        at(male, Screen::Question(QuestionId::Stage)),
    )
    .await;
    for code in ["n1", "n2", "n3", "n3v", "n4", "n5", "n6", "n7"] {
        assert!(has_input(
            &html,
            &[("type", "radio"), ("name", "stage"), ("value", code)]
        ));
    }
    assert!(!html.contains(r#"value="l1""#));
}

/// The `<img>` tags of a page, as written.
fn images(html: &str) -> Vec<&str> {
    html.split("<img")
        .skip(1)
        .map(|tag| &tag[..tag.find('>').unwrap_or(tag.len())])
        .collect()
}

#[tokio::test]
async fn pattern_and_stage_options_show_a_decorative_drawing_in_two_views() {
    let male = Answers {
        pattern: Some(Pattern::Male),
        ..Answers::default()
    };
    for (saved, options) in [
        (None, 6),
        (at(male, Screen::Question(QuestionId::Stage)), 8),
    ] {
        let html = render(config(), Locale::En, saved).await;
        let pictures = images(&html);
        assert_eq!(pictures.len(), options, "{html}");
        for img in &pictures {
            assert!(img.contains(r#"class="picture diagram""#), "{img}");
            assert!(img.contains(r#"alt="""#), "decorative: the label says it");
            assert!(img.contains(r#"src="data:image/svg+xml,&lt;svg"#));
            assert!(img.contains("&lt;g class='front'") && img.contains("&lt;g class='top'"));
        }
    }
}

#[tokio::test]
async fn hair_and_skin_options_show_a_swatch() {
    let html = render(
        config(),
        Locale::En,
        at(male_n4_buzz(), Screen::Question(QuestionId::HairColour)),
    )
    .await;
    let pictures = images(&html);
    assert_eq!(pictures.len(), 8);
    assert!(pictures
        .iter()
        .all(|img| img.contains(r#"class="picture swatch""#) && img.contains(r#"alt="""#)));
}

#[tokio::test]
async fn the_result_draws_the_visitor_with_words_for_it_a_control_and_an_honest_caption() {
    let html = render(config(), Locale::En, at(male_n4_buzz(), Screen::Result)).await;
    assert!(
        html.contains(r#"<figure part="preview" class="preview">"#),
        "{html}"
    );
    assert!(html.contains("How it could look on you"));
    let preview = images(&html)
        .into_iter()
        .find(|img| img.contains("data:image/svg+xml"))
        .expect("the drawing");
    let words = "Now: Norwood 4 (Receded front and a bald spot on the crown). Hair: Dark brown. \
                 Skin: Medium. With SMP: The full buzz-cut look. Suggested hairline: Soft and natural.";
    assert!(preview.contains(&format!(r#"alt="{words}""#)), "{preview}");
    assert!(has_input(
        &html,
        &[
            ("type", "range"),
            ("aria-label", "Compare now and with SMP"),
            ("aria-valuetext", "50% with SMP"),
            ("min", "0"),
            ("max", "100")
        ]
    ));
    assert!(html.contains(
        "A drawing made from your answers to give you an idea: not a photo of you, and not a promise of your result."
    ));

    // Nothing to treat: the head as it is, and no control that would change nothing.
    let n1 = Answers {
        stage: Some(Stage::N1),
        style: Some(Style::Longer),
        hairline: None,
        ..male_n4_buzz()
    };
    let html = render(config(), Locale::En, at(n1, Screen::Result)).await;
    assert!(html.contains(r#"data-approach="none_needed""#));
    assert!(html.contains(r#"class="preview""#));
    assert!(!html.contains(r#"type="range""#));
}

#[tokio::test]
async fn multi_select_questions_are_checkboxes_with_a_none_option() {
    let answers = Answers {
        scars: None,
        ..male_n4_buzz()
    };
    let html = render(
        config(),
        Locale::En,
        at(answers, Screen::Question(QuestionId::Scars)),
    )
    .await;
    for code in ["fut_strip", "fue_dots", "surgical", "burn", "none"] {
        assert!(has_input(
            &html,
            &[("type", "checkbox"), ("name", "scars"), ("value", code)]
        ));
    }
    let html = render(
        config(),
        Locale::En,
        at(male_n4_buzz(), Screen::Question(QuestionId::Health)),
    )
    .await;
    assert!(has_input(
        &html,
        &[("type", "checkbox"), ("name", "health"), ("value", "none")]
    ));
    assert!(
        html.contains("Optional"),
        "the health check says it is optional"
    );
}

#[tokio::test]
async fn a_saved_screen_past_the_first_open_question_is_not_trusted() {
    // Answers stop at the pattern; a saved "result" screen must resume at the stage question.
    let answers = Answers {
        pattern: Some(Pattern::Male),
        ..Answers::default()
    };
    let html = render(config(), Locale::En, at(answers, Screen::Result)).await;
    assert!(html.contains(r#"name="stage""#), "{html}");
    assert!(!html.contains("data-approach"));
}

#[tokio::test]
async fn result_carries_data_approach_and_explains_itself() {
    let html = render(config(), Locale::En, at(male_n4_buzz(), Screen::Result)).await;
    assert!(html.contains(r#"data-approach="buzz_cut""#), "{html}");
    assert!(html.contains("The full buzz-cut look"));
    assert!(html.contains("Medium area"));
    assert!(html.contains("3 sessions, 3–4 hours each"));
    assert!(html.contains("Soft and natural"), "suggested hairline");
    assert!(
        html.contains("£850 to £1,500"),
        "clinic price, en formatting"
    );
    assert!(html.contains("Why this suits you"));
    assert!(html.contains("You like a shaved or buzz-cut style."));
    assert!(
        html.contains("Your hair loss may continue"),
        "future_loss caution"
    );
    assert!(html.contains("top-up every 3 to 5 years"), "longevity");
    assert!(!html.contains("Provisional"));
    assert!(html.contains(">Ask the clinic about this<"));
}

#[tokio::test]
async fn no_price_is_shown_when_the_clinic_gave_none() {
    let mut cfg = config();
    cfg.prices = None;
    let html = render(cfg, Locale::En, at(male_n4_buzz(), Screen::Result)).await;
    assert!(html.contains(r#"data-approach="buzz_cut""#));
    assert!(!html.contains("Guide price"));
    assert!(!html.contains('£'));
}

#[tokio::test]
async fn in_person_flags_make_the_result_provisional() {
    let answers = Answers {
        health: Some(vec![Health::Pregnancy]),
        age_band: Some(AgeBand::Under18),
        ..male_n4_buzz()
    };
    let html = render(config(), Locale::En, at(answers, Screen::Result)).await;
    assert!(html.contains("data-provisional"));
    assert!(html.contains("Provisional: the clinic needs to see you first"));
    assert!(html.contains("pregnancy"));
    assert!(html.contains("under 18"));
    assert!(
        html.contains(">Ask the clinic about this<"),
        "lead form still offered"
    );
}

#[tokio::test]
async fn alternative_and_add_on_are_shown() {
    let answers = Answers {
        style: Some(Style::Unsure),
        scars: Some(vec![Scar::FutStrip]),
        scar_healed: Some(true),
        scar_raised: Some(false),
        hairline: None,
        ..male_n4_buzz()
    };
    let html = render(config(), Locale::En, at(answers, Screen::Result)).await;
    assert!(
        html.contains(r#"data-approach="density_shading""#),
        "{html}"
    );
    assert!(html.contains("Also worth considering"));
    assert!(html.contains("Alongside it"));
    assert!(html.contains("Scar camouflage"));
    assert!(
        html.contains("2–4 sessions"),
        "add-on raises max sessions by one"
    );
}

#[tokio::test]
async fn lead_form_has_the_contract_fields_and_consent_naming_the_clinic() {
    let html = render(config(), Locale::En, at(male_n4_buzz(), Screen::Lead)).await;
    for name in ["name", "email", "phone", "message", "consent", "marketing"] {
        assert!(
            html.contains(&format!(r#"name="{name}""#)),
            "{name} missing: {html}"
        );
    }
    for value in ["email", "phone", "whatsapp"] {
        assert!(has_input(
            &html,
            &[
                ("type", "radio"),
                ("name", "preferred_contact"),
                ("value", value)
            ]
        ));
    }
    assert!(html.contains(r#"name="best_time""#));
    assert!(html.contains(
        "I agree that <bdi>Northline SMP</bdi> may use my answers, including health information"
    ));
    assert!(html.contains(r#"href="https://example.test/privacy""#));
    for name in ["consent", "marketing"] {
        assert!(
            has_input(&html, &[("type", "checkbox"), ("name", name)]),
            "{name} is a checkbox"
        );
        let tag = html
            .split("<input")
            .find(|t| t.contains(&format!(r#"name="{name}""#)));
        assert!(
            !tag.unwrap_or_default()
                .split('>')
                .next()
                .unwrap_or_default()
                .contains("checked"),
            "{name} starts unticked"
        );
    }
    assert!(html.contains(r#"name="website""#), "honeypot present");
    assert!(html.contains(">Send to the clinic<"));
}

#[tokio::test]
async fn thank_you_names_the_visitor_and_clinic() {
    let saved = Saved {
        answers: male_n4_buzz(),
        screen: Some(Screen::Thanks),
        thanked: Some("Sam".into()),
        ..Saved::default()
    };
    let html = render(config(), Locale::En, Some(saved)).await;
    assert!(html.contains("Thank you, <bdi>Sam</bdi>"));
    assert!(html.contains("<bdi>Northline SMP</bdi> has your answers"));
}

#[tokio::test]
async fn names_are_isolated_for_bidirectional_text_in_every_sentence() {
    // A right-to-left clinic name, and a visitor's name with an override in it: each sits in
    // its own <bdi>, so it cannot reorder the words around it; the text itself is unchanged.
    let cfg = ClinicConfig {
        clinic: "מרפאת שיער".into(),
        ..config()
    };
    let lead = render(cfg.clone(), Locale::En, at(male_n4_buzz(), Screen::Lead)).await;
    for sentence in [
        "Send your result to <bdi>מרפאת שיער</bdi>",
        "I agree that <bdi>מרפאת שיער</bdi> may use my answers",
        "offers and news from <bdi>מרפאת שיער</bdi>",
        "Your photos go only to <bdi>מרפאת שיער</bdi>",
    ] {
        assert!(lead.contains(sentence), "{sentence}");
    }
    assert!(
        cfg.consent_wording(|c| format!("I agree that {c} may use my answers."))
            == "I agree that מרפאת שיער may use my answers.",
        "the lead's consent text is the words"
    );
    let thanked = Saved {
        thanked: Some("\u{202e}Sam".into()),
        ..at(male_n4_buzz(), Screen::Thanks).unwrap()
    };
    let thanks = render(cfg, Locale::En, Some(thanked)).await;
    assert!(thanks.contains("Thank you, <bdi>\u{202e}Sam</bdi>"));
}

#[tokio::test]
async fn spanish_renders_spanish() {
    let html = render(config(), Locale::Es, None).await;
    assert!(html.contains(r#"lang="es""#));
    assert!(html.contains("Pregunta 1 de 12 como máximo"), "{html}");
    assert!(!html.contains("Which best describes"));
    let html = render(config(), Locale::Es, at(male_n4_buzz(), Screen::Result)).await;
    assert!(html.contains(r#"data-approach="buzz_cut""#));
    assert!(
        html.contains("850\u{a0}£") || html.contains("850 £"),
        "{html}"
    );
}

#[tokio::test]
async fn clinic_text_is_escaped_never_markup() {
    let mut cfg = config();
    cfg.clinic = "<img src=x onerror=alert(1)>".into();
    let html = render(cfg, Locale::En, at(male_n4_buzz(), Screen::Lead)).await;
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[tokio::test]
async fn a_clinic_s_brand_wording_and_links_are_used() {
    let cfg = ClinicConfig {
        logo: Some("/img/logo.svg".parse().unwrap()),
        consent_text: Some("Yes, {clinic} may contact me about my scalp.".into()),
        thanks_text: Some("We will call you within one working day.".into()),
        booking_url: Some("https://example.test/book".parse().unwrap()),
        ..config()
    };
    let result = render(cfg.clone(), Locale::En, at(male_n4_buzz(), Screen::Result)).await;
    assert!(result.contains(r#"src="/img/logo.svg""#) && result.contains(r#"alt="Northline SMP""#));
    assert!(result.contains(r#"href="https://example.test/book""#));
    assert!(result.contains("Book your consultation now"));
    let lead = render(cfg.clone(), Locale::En, at(male_n4_buzz(), Screen::Lead)).await;
    assert!(lead.contains("Yes, <bdi>Northline SMP</bdi> may contact me about my scalp."));
    assert!(!lead.contains("I agree that Northline SMP may use my answers"));
    let thanked = Saved {
        thanked: Some("Sam".into()),
        ..at(male_n4_buzz(), Screen::Thanks).unwrap()
    };
    let thanks = render(cfg, Locale::En, Some(thanked)).await;
    assert!(thanks.contains("We will call you within one working day."));
    assert!(thanks.contains(r#"href="https://example.test/book""#));
}

#[tokio::test]
async fn hidden_parts_of_the_lead_form_are_left_out() {
    use smp_consult::domain::config::Optional;
    let cfg = ClinicConfig {
        hidden: vec![
            Optional::Photos,
            Optional::Phone,
            Optional::Message,
            Optional::BestTime,
        ],
        ..config()
    };
    let html = render(cfg, Locale::En, at(male_n4_buzz(), Screen::Lead)).await;
    for name in [
        "tel",
        "message",
        "best_time",
        "preferred_contact",
        "photo_front",
    ] {
        assert!(!html.contains(&format!(r#"name="{name}""#)), "{name} shown");
    }
    for name in ["name", "email", "consent"] {
        assert!(
            html.contains(&format!(r#"name="{name}""#)),
            "{name} missing"
        );
    }
}

#[tokio::test]
async fn every_locale_renders_each_screen_in_its_own_language() {
    for locale in Locale::ALL {
        let t = locale.strings();
        for screen in [
            Screen::Question(smp_consult::domain::flow::FIRST),
            Screen::Result,
            Screen::Lead,
        ] {
            let html = render(config(), *locale, at(male_n4_buzz(), screen)).await;
            assert!(
                html.contains(&format!(r#"lang="{}""#, t.code)),
                "{screen:?}"
            );
            if screen == Screen::Result {
                // The honest caption, and the drawing's words, in the visitor's language.
                assert!(html.contains(t.preview_caption), "{}", t.code);
                // A stage is a name: it keeps its capital after the colon in every language.
                let now = format!(r#"alt="{}{}Norwood 4 ("#, t.preview_now, t.colon);
                assert!(html.contains(&now), "{}: {now}", t.code);
            }
            if *locale != Locale::En {
                for english in [
                    "Which best describes your hair loss?",
                    "Why this suits you",
                    "Ask the clinic about this",
                    "Send to the clinic",
                    "Your name",
                ] {
                    assert!(
                        !html.contains(english),
                        "{}: {english:?} in {screen:?}",
                        t.code
                    );
                }
            }
        }
    }
}
