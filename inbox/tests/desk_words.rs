//! The lead in words in every language the widget speaks: the words are the widget's own
//! (from `smp_consult::i18n`, the same tables, so nothing is copied), picked by the inbox's
//! `--language`, and a lead with a code no table knows still shows, with the code as it is.

mod common;
mod desk_support;

use axum::http::StatusCode;
use common::*;
use desk_support::*;
use serde_json::{json, Value};
use smp_consult::domain::answers::*;
use smp_consult::domain::flow::{Choice, QuestionId};
use smp_consult::domain::recommend::{Approach, Caution, InPerson, Range};
use smp_consult::i18n::Locale;
use smp_inbox::desk::words::{self, Words};
use smp_inbox::desk::DeskConfig;

/// The issue's example: "Male pattern, Norwood 5, stable · wants a buzz cut · dark brown
/// hair, medium skin · FUT scar, healed, flat · takes blood thinners".
fn example_answers() -> Value {
    json!({
        "pattern": "male", "stage": "n5", "progression": "stable", "style": "buzz",
        "hair_colour": "dark_brown", "skin_tone": 3, "scars": ["fut_strip"],
        "scar_healed": true, "scar_raised": false, "health": ["blood_thinners"],
        "age_band": "35_44", "hairline": "unsure"
    })
}

#[test]
fn the_summary_is_the_widgets_wording_in_every_language() {
    for locale in Locale::ALL.iter().copied() {
        let w = Words::new(locale);
        let t = locale.strings();
        let line = words::summary_line(w, &example_answers());
        // Each answer as the widget words it: the pattern by its clinical name (its hint),
        // the others by their text.
        let expected = [
            (QuestionId::Pattern, Choice::Pattern(Pattern::Male)),
            (QuestionId::Stage, Choice::Stage(Stage::N5)),
            (
                QuestionId::Progression,
                Choice::Progression(Progression::Stable),
            ),
            (QuestionId::Style, Choice::Style(Style::Buzz)),
            (
                QuestionId::HairColour,
                Choice::HairColour(HairColour::DarkBrown),
            ),
            (
                QuestionId::SkinTone,
                Choice::SkinTone(SkinTone::new(3).expect("3")),
            ),
            (QuestionId::Scars, Choice::Scar(Scar::FutStrip)),
            (QuestionId::ScarHealed, Choice::ScarHealed(true)),
            (QuestionId::ScarRaised, Choice::ScarRaised(false)),
            (QuestionId::Health, Choice::Health(Health::BloodThinners)),
            (QuestionId::AgeBand, Choice::AgeBand(AgeBand::From35To44)),
            (QuestionId::Hairline, Choice::Hairline(Hairline::Unsure)),
        ]
        .map(|(question, answer)| {
            let words = (t.choice)(question, answer);
            let value = if question == QuestionId::Pattern {
                words.hint
            } else {
                words.text
            };
            ((w.d.question_short)(question), value.to_string())
        })
        .map(|(key, value)| format!("{key}{}{value}", t.colon))
        .join(" · ");
        assert_eq!(line, expected, "{locale:?}");
        // No code leaks into the words.
        for code in [
            "male",
            "n5",
            "dark_brown",
            "fut_strip",
            "blood_thinners",
            "35_44",
            "true",
        ] {
            assert!(
                !line.split(['·', ':', ',', ' ']).any(|word| word == code),
                "{locale:?}: {code} in {line}"
            );
        }
    }
}

#[test]
fn the_recommendation_reads_as_the_visitor_saw_it_in_every_language() {
    let rec = json!({
        "approach": "buzz_cut", "alternative": "density_shading", "add_ons": ["scar_camouflage"],
        "extent": "medium", "sessions": {"min": 3, "max": 4}, "hours_per_session": {"min": 3, "max": 4},
        "hairline": "soft", "pigment": ["greyscale"], "cautions": ["future_loss"],
        "in_person": ["blood_thinners", "scar_recent"], "price": {"currency": "EUR", "min": 850, "max": 1500},
        "reasons": ["prefers_buzz"]
    });
    for locale in Locale::ALL.iter().copied() {
        let t = locale.strings();
        let r = words::recommendation(Words::new(locale), &rec);
        assert_eq!(
            r.approach.expect("approach").text,
            (t.approach)(Approach::BuzzCut).text
        );
        assert_eq!(
            r.alternative.expect("alternative").text,
            (t.approach)(Approach::DensityShading).text
        );
        assert_eq!(
            r.add_ons[0].text,
            (t.approach)(Approach::ScarCamouflage).text
        );
        assert_eq!(
            r.in_person
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>(),
            [
                (t.in_person)(InPerson::BloodThinners),
                (t.in_person)(InPerson::ScarRecent)
            ]
        );
        assert_eq!(r.cautions[0].text, (t.caution)(Caution::FutureLoss));
        assert_eq!(
            r.sessions.as_deref(),
            Some(
                format!(
                    "{}, {}",
                    t.sessions(Range { min: 3, max: 4 }),
                    t.hours_per_session(Range { min: 3, max: 4 })
                )
                .as_str()
            )
        );
        assert_eq!(
            r.price.as_deref(),
            Some(
                t.price_range(&locale.money("EUR", 850), &locale.money("EUR", 1500))
                    .as_str()
            )
        );
    }
}

#[tokio::test]
async fn the_pages_speak_the_configured_language() {
    for locale in Locale::ALL.iter().copied() {
        let d = desk_with(
            common::test_store(),
            DeskConfig {
                locale,
                ..DeskConfig::default()
            },
        )
        .await;
        let mut lead = sample_lead(&lead_id(1));
        lead["answers"] = example_answers();
        send(&d.app, post_lead(&lead)).await;
        let browser = login(&d.app, ADMIN).await;
        let t = locale.strings();
        let list = browser.get(&d.app, "/admin").await;
        assert!(
            list.body
                .contains(&format!("<html lang=\"{}\">", locale.code())),
            "{locale:?}"
        );
        let dark_brown = (t.choice)(
            QuestionId::HairColour,
            Choice::HairColour(HairColour::DarkBrown),
        )
        .text;
        assert!(list.body.contains(dark_brown), "{locale:?}: {dark_brown}");
        let detail = browser
            .get(&d.app, &format!("/admin/leads/{}", lead_id(1)))
            .await;
        assert_eq!(detail.status, StatusCode::OK);
        let question = (t.question)(QuestionId::HairColour).text;
        let question = maud::html! { (question) }.into_string();
        assert!(detail.body.contains(&question), "{locale:?}: {question}");
        let caution = maud::html! { ((t.caution)(Caution::FutureLoss)) }.into_string();
        assert!(detail.body.contains(&caution), "{locale:?}");
    }
}

#[tokio::test]
async fn a_lead_with_codes_no_table_knows_still_shows_them_plainly() {
    let d = desk().await;
    let mut lead = sample_lead(&lead_id(1));
    lead["answers"]["health"] = json!(["keloid", "a_condition_from_the_future"]);
    lead["answers"]["new_question"] = json!("some_answer");
    lead["recommendation"]["in_person"] = json!(["a_flag_from_the_future"]);
    lead["recommendation"]["cautions"] = json!(["a_caution_from_the_future"]);
    lead["recommendation"]["approach"] = json!("an_approach_from_the_future");
    // This version refuses codes it does not know; a lead stored by a newer version (sharing
    // the file) or an older, laxer one can still hold them.
    assert_eq!(
        send(&d.app, post_lead(&lead)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    store_unchecked(&d.store, &lead).await;
    let browser = login(&d.app, ADMIN).await;
    let page = browser
        .get(&d.app, &format!("/admin/leads/{}", lead_id(1)))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for code in [
        "a_condition_from_the_future",
        "new_question",
        "some_answer",
        "a_flag_from_the_future",
        "a_caution_from_the_future",
        "an_approach_from_the_future",
    ] {
        assert!(
            page.body
                .contains(&format!("<span class=\"unknown\">{code}</span>"))
                || page.body.contains(code),
            "{code}"
        );
    }
    // Known codes next to them are still words.
    assert!(page
        .body
        .contains("My skin tends to form keloid (raised) scars"));
    let list = browser.get(&d.app, "/admin").await;
    assert!(list.body.contains("a_condition_from_the_future"));
}

/// What the issue asks of the badges: each in-person flag and each caution named by a short
/// phrase in the desk's language, described by the widget's full sentence; a code no table
/// knows shown as it is.
fn badge_lead() -> Value {
    let mut lead = sample_lead(&lead_id(1));
    lead["answers"]["health"] = json!(["keloid", "blood_thinners", "ink_allergy"]);
    lead["recommendation"]["in_person"] = json!(["keloid", "blood_thinners"]);
    lead["recommendation"]["cautions"] = json!(["patch_test"]);
    lead
}

#[tokio::test]
async fn the_list_and_the_detail_name_each_in_person_flag_and_caution_as_a_badge() {
    let d = desk().await;
    assert_eq!(
        send(&d.app, post_lead(&badge_lead())).await.status,
        StatusCode::CREATED
    );
    let mut future = sample_lead(&lead_id(2));
    future["recommendation"]["in_person"] = json!(["a_flag_from_the_future"]);
    future["recommendation"]["cautions"] = json!(["a_caution_from_the_future"]);
    store_unchecked(&d.store, &future).await;
    let browser = login(&d.app, ADMIN).await;
    let list = browser.get(&d.app, "/admin").await;
    let detail = browser
        .get(&d.app, &format!("/admin/leads/{}", lead_id(1)))
        .await;
    for (page, body) in [("list", &list.body), ("detail", &detail.body)] {
        for expected in [
            "<span class=\"vh\">In-person check needed: </span>",
            "<span class=\"badge warn\" aria-describedby=\"why-in-person-keloid\">Keloid tendency</span>",
            "<span class=\"badge warn\" aria-describedby=\"why-in-person-blood_thinners\">Blood thinners / bleeding</span>",
            "<span class=\"vh\">Good to know: </span>",
            "<span class=\"badge caution\" aria-describedby=\"why-caution-patch_test\">Patch test</span>",
            // The descriptions: the widget's own sentences, once each.
            "<p id=\"why-in-person-keloid\">You tend to form keloid scars: a patch test first keeps you safe.</p>",
            "<p id=\"why-caution-patch_test\">Because you",
        ] {
            assert!(body.contains(expected), "{page} misses {expected}: {body}");
        }
        assert_eq!(
            body.matches("id=\"why-in-person-keloid\"").count(),
            1,
            "{page}"
        );
    }
    // Badges in the order stored, in-person first.
    let keloid = list.body.find(">Keloid tendency<").expect("keloid");
    let thinners = list
        .body
        .find(">Blood thinners / bleeding<")
        .expect("thinners");
    let patch = list.body.find(">Patch test<").expect("patch");
    assert!(keloid < thinners && thinners < patch);
    // A lead from an older or newer widget: its codes shown as they are, not dropped.
    for expected in [
        "<span class=\"badge warn\"><span class=\"unknown\">a_flag_from_the_future</span></span>",
        "<span class=\"badge caution\"><span class=\"unknown\">a_caution_from_the_future</span></span>",
    ] {
        assert!(list.body.contains(expected), "list misses {expected}");
    }
    assert!(!list.body.contains("why-in-person-a_flag"));
}

#[tokio::test]
async fn the_badges_speak_every_desk_language() {
    for locale in Locale::ALL.iter().copied() {
        let d = desk_with(
            common::test_store(),
            DeskConfig {
                locale,
                ..DeskConfig::default()
            },
        )
        .await;
        send(&d.app, post_lead(&badge_lead())).await;
        let browser = login(&d.app, ADMIN).await;
        let list = browser.get(&d.app, "/admin").await;
        let w = Words::new(locale);
        for expected in [
            (w.d.in_person_short)(InPerson::Keloid),
            (w.d.in_person_short)(InPerson::BloodThinners),
            (w.d.caution_short)(Caution::PatchTest),
            (w.t.in_person)(InPerson::BloodThinners),
            (w.t.caution)(Caution::PatchTest),
        ] {
            let expected = maud::html! { (expected) }.into_string();
            assert!(
                list.body.contains(&format!(">{expected}<")),
                "{locale:?}: {expected}"
            );
        }
    }
}
