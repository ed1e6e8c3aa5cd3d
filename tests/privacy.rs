#![cfg(not(target_arch = "wasm32"))]
//! What the widget leaves where a script on the host page can read it (issue 13, point 5):
//! session storage holds only what resuming needs, and analytics numbers tell nothing of
//! scars or health. The attack script is tests/e2e/privacy-and-config.test.mjs.

use smp_consult::domain::answers::*;
use smp_consult::domain::flow::{public_step, QuestionId};
use smp_consult::ui::state::{Consultation, Saved, Screen};

fn answers() -> Answers {
    Answers {
        pattern: Some(Pattern::Male),
        stage: Some(Stage::N4),
        progression: Some(Progression::Stable),
        style: Some(Style::Buzz),
        hair_colour: Some(HairColour::DarkBrown),
        skin_tone: SkinTone::new(3),
        scars: Some(vec![Scar::FutStrip]),
        scar_healed: Some(false),
        scar_raised: Some(true),
        health: Some(vec![Health::BloodThinners, Health::Pregnancy]),
        age_band: Some(AgeBand::From35To44),
        hairline: Some(Hairline::Soft),
    }
}

fn at(screen: Screen, pending: Option<(&str, &str)>) -> Consultation {
    Consultation::resume(Some(Saved {
        answers: answers(),
        screen: Some(screen),
        thanked: Some("Sam".into()),
        pending_lead: pending.map(|(id, name)| (id.into(), name.into())),
        started_at: Some(1.0),
    }))
}

#[test]
fn session_storage_never_holds_a_scar_or_health_answer_or_a_name_it_does_not_need() {
    let saved = at(Screen::Result, None)
        .saved()
        .expect("something to resume");
    assert_eq!(saved.answers.scars, None);
    assert_eq!(saved.answers.scar_healed, None);
    assert_eq!(saved.answers.scar_raised, None);
    assert_eq!(saved.answers.health, None);
    assert_eq!(saved.answers.stage, Some(Stage::N4), "the rest resumes");
    assert_eq!(saved.thanked, None);
    assert_eq!(saved.pending_lead, None);
    // After a reload the scars question is asked again (and health after it).
    assert_eq!(saved.screen, Some(Screen::Question(QuestionId::Scars)));
    let resumed = Consultation::resume(Some(saved));
    assert_eq!(resumed.screen, Screen::Question(QuestionId::Scars));
    // Nor does the screen tell: on a scar follow-up, what is kept says "scars" like everyone's.
    for follow_up in [
        QuestionId::ScarHealed,
        QuestionId::ScarRaised,
        QuestionId::Health,
    ] {
        let saved = at(Screen::Question(follow_up), None).saved().expect("kept");
        assert_eq!(saved.screen, Some(Screen::Question(QuestionId::Scars)));
    }
    let early = at(Screen::Question(QuestionId::Style), None)
        .saved()
        .expect("kept");
    assert_eq!(early.screen, Some(Screen::Question(QuestionId::Style)));
}

#[test]
fn a_lead_awaiting_confirmation_is_followed_after_a_reload() {
    let saved = at(Screen::Lead, Some(("lead-1", "Sam")))
        .saved()
        .expect("kept");
    assert_eq!(saved.pending_lead, Some(("lead-1".into(), "Sam".into())));
    assert_eq!(saved.answers.health, None);
    let resumed = Consultation::resume(Some(saved));
    assert_eq!(
        resumed.screen,
        Screen::Lead,
        "back on the lead, to follow it"
    );
}

#[test]
fn nothing_is_kept_once_delivered_or_before_anything_was_answered() {
    assert_eq!(
        at(Screen::Thanks, None).saved(),
        None,
        "the thank-you: delivered"
    );
    assert_eq!(
        Consultation::default().saved(),
        None,
        "a restart, or a fresh start"
    );
}

#[test]
fn analytics_steps_are_numbered_the_same_for_everyone() {
    let public: Vec<(QuestionId, (usize, usize))> = QuestionId::ORDER
        .iter()
        .filter_map(|q| Some((*q, public_step(*q)?)))
        .collect();
    assert_eq!(public.len(), 10);
    assert!(public.iter().all(|(_, (_, total))| *total == 10));
    assert_eq!(public_step(QuestionId::Scars), Some((7, 10)));
    assert_eq!(
        public_step(QuestionId::Health),
        Some((8, 10)),
        "no jump after scars"
    );
    assert_eq!(public_step(QuestionId::ScarHealed), None);
    assert_eq!(public_step(QuestionId::ScarRaised), None);
}
