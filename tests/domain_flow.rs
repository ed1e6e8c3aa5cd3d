#![cfg(not(target_arch = "wasm32"))]
//! The question graph (DESIGN.md "The flow"): which questions are asked for which profile,
//! moving back and forth, progress, choosing, pruning, resuming and parsing; then property
//! tests over random walks through the whole flow.

use std::collections::HashSet;

use proptest::prelude::*;
use smp_consult::domain::answers::{
    AgeBand, Answers, HairColour, Hairline, Health, Pattern, Progression, Scar, SkinTone, Stage,
    Style,
};
use smp_consult::domain::config::PriceTable;
use smp_consult::domain::flow::{self, Choice, Kind, QuestionId as Q, Step, StepError};
use smp_consult::domain::lead::{is_email, is_phone, uuid_v4, Utm};
use smp_consult::domain::picture::{self, svg, Role};
use smp_consult::domain::raw::Raw;
use smp_consult::domain::recommend::{recommend, Approach, Caution, Extent};

/// Default answers for a walk, by field; a profile overrides some of them.
const DEFAULTS: &[(&str, &[&str])] = &[
    ("pattern", &["male"]),
    ("stage", &["n4"]),
    ("progression", &["slow"]),
    ("style", &["buzz"]),
    ("hair_colour", &["dark_brown"]),
    ("skin_tone", &["3"]),
    ("scars", &["none"]),
    ("scar_healed", &["true"]),
    ("scar_raised", &["false"]),
    ("health", &["none"]),
    ("age_band", &["35_44"]),
    ("hairline", &["unsure"]),
];

/// Walks the flow from `FIRST`, answering each question asked with the profile's values
/// (parsed from the inputs' `value`s, as the UI does), and returns the questions asked.
fn walk(profile: &[(&str, &[&str])]) -> (Vec<Q>, Answers) {
    let mut answers = Answers::default();
    let mut asked = Vec::new();
    let mut q = flow::FIRST;
    loop {
        assert!(
            asked.len() < Q::ORDER.len(),
            "the walk does not end: {asked:?}"
        );
        assert!(q.applies(&answers), "{q:?} asked but does not apply");
        asked.push(q);
        let values = profile
            .iter()
            .chain(DEFAULTS)
            .find(|(field, _)| *field == q.field())
            .map(|(_, values)| *values)
            .unwrap();
        for value in values {
            let choice = q
                .parse(value)
                .unwrap_or_else(|| panic!("{value} is not an option of {q:?}"));
            assert!(
                q.choices(&answers).contains(&choice),
                "{choice:?} not offered on {q:?}"
            );
            answers.choose(q, choice);
        }
        q.validate(&answers)
            .unwrap_or_else(|e| panic!("{q:?} does not validate: {e}"));
        match flow::next(&answers, q) {
            Step::Question(n) => q = n,
            Step::Result => break,
        }
    }
    (asked, answers)
}

/// A JSON value as the embed layer hands it to the domain.
fn raw(v: &serde_json::Value) -> Raw {
    use serde_json::Value;
    match v {
        Value::Null => Raw::Null,
        Value::Bool(b) => Raw::Bool(*b),
        Value::Number(n) => Raw::Number(n.as_f64().unwrap()),
        Value::String(s) => Raw::Text(s.clone()),
        Value::Array(items) => Raw::List(items.iter().map(raw).collect()),
        Value::Object(map) => Raw::Object(map.iter().map(|(k, v)| (k.clone(), raw(v))).collect()),
    }
}

/// DESIGN's example clinic prices.
fn design_table() -> PriceTable {
    let config = serde_json::json!({"currency":"GBP","prices":{"buzz_cut":{"small":[400,850],"medium":[850,1500]},"scar_camouflage":{"small":[500,900]}}});
    PriceTable::from_raw(&raw(&config)).unwrap().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Sequences

#[test]
fn male_n4_buzz_without_scars() {
    let (asked, answers) = walk(&[]);
    assert_eq!(
        asked,
        [
            Q::Pattern,
            Q::Stage,
            Q::Progression,
            Q::Style,
            Q::HairColour,
            Q::SkinTone,
            Q::Scars,
            Q::Health,
            Q::AgeBand,
            Q::Hairline
        ]
    );
    let fields: Vec<_> = asked.iter().map(|q| q.field()).collect();
    assert_eq!(
        fields,
        [
            "pattern",
            "stage",
            "progression",
            "style",
            "hair_colour",
            "skin_tone",
            "scars",
            "health",
            "age_band",
            "hairline"
        ]
    );
    assert_eq!(answers.scars, Some(vec![]));
    assert_eq!(answers.health, Some(vec![]));
    assert_eq!(answers.hairline, Some(Hairline::Unsure));
    assert_eq!(flow::first_open(&answers), Step::Result);
}

#[test]
fn male_with_scars_asks_scar_follow_ups() {
    let (asked, answers) = walk(&[("scars", &["fut_strip", "surgical"])]);
    assert_eq!(
        asked,
        [
            Q::Pattern,
            Q::Stage,
            Q::Progression,
            Q::Style,
            Q::HairColour,
            Q::SkinTone,
            Q::Scars,
            Q::ScarHealed,
            Q::ScarRaised,
            Q::Health,
            Q::AgeBand,
            Q::Hairline
        ]
    );
    assert_eq!(answers.scars, Some(vec![Scar::FutStrip, Scar::Surgical]));
    assert_eq!(answers.scar_healed, Some(true));
    assert_eq!(answers.scar_raised, Some(false));
}

#[test]
fn total_loss_skips_stage_and_style() {
    let (asked, _) = walk(&[("pattern", &["total"])]);
    assert_eq!(
        asked,
        [
            Q::Pattern,
            Q::Progression,
            Q::HairColour,
            Q::SkinTone,
            Q::Scars,
            Q::Health,
            Q::AgeBand,
            Q::Hairline
        ]
    );
}

#[test]
fn no_hair_loss_skips_stage_and_progression() {
    let (asked, answers) = walk(&[("pattern", &["none"]), ("scars", &["burn"])]);
    assert_eq!(
        asked,
        [
            Q::Pattern,
            Q::Style,
            Q::HairColour,
            Q::SkinTone,
            Q::Scars,
            Q::ScarHealed,
            Q::ScarRaised,
            Q::Health,
            Q::AgeBand
        ]
    );
    assert_eq!(answers.progression, None);
    assert_eq!(
        recommend(&answers, None).unwrap().approach,
        Approach::ScarCamouflage
    );
}

#[test]
fn patchy_skips_stage_and_hairline() {
    for style in ["buzz", "longer", "unsure"] {
        let (asked, _) = walk(&[("pattern", &["patchy"]), ("style", &[style])]);
        assert_eq!(
            asked,
            [
                Q::Pattern,
                Q::Progression,
                Q::Style,
                Q::HairColour,
                Q::SkinTone,
                Q::Scars,
                Q::Health,
                Q::AgeBand
            ],
            "{style}"
        );
    }
}

#[test]
fn hairline_only_for_buzz_cut_on_the_front() {
    let with_hairline = |profile: &[(&str, &[&str])]| walk(profile).0.contains(&Q::Hairline);
    assert!(with_hairline(&[("stage", &["n2"])]));
    assert!(with_hairline(&[("stage", &["n6"]), ("style", &["longer"])]));
    assert!(with_hairline(&[("stage", &["n7"]), ("style", &["unsure"])]));
    assert!(!with_hairline(&[
        ("stage", &["n2"]),
        ("style", &["longer"])
    ]));
    assert!(!with_hairline(&[
        ("stage", &["n4"]),
        ("style", &["unsure"])
    ]));
    assert!(!with_hairline(&[("stage", &["n1"])]));
    assert!(!with_hairline(&[
        ("stage", &["n1"]),
        ("scars", &["fue_dots"])
    ]));
    assert!(!with_hairline(&[
        ("pattern", &["female"]),
        ("stage", &["l3"])
    ]));
    assert!(!with_hairline(&[("pattern", &["diffuse"])]));
    assert!(with_hairline(&[("pattern", &["total"])]));
}

#[test]
fn female_shows_ludwig_stages() {
    let (asked, answers) = walk(&[("pattern", &["female"]), ("stage", &["l2"])]);
    assert!(asked.contains(&Q::Stage));
    assert_eq!(answers.stage, Some(Stage::L2));
    assert_eq!(
        Q::Stage.choices(&answers),
        [Stage::L1, Stage::L2, Stage::L3].map(Choice::Stage)
    );
    let male = Answers {
        pattern: Some(Pattern::Male),
        ..Answers::default()
    };
    assert_eq!(
        Q::Stage.choices(&male),
        Stage::NORWOOD
            .iter()
            .copied()
            .map(Choice::Stage)
            .collect::<Vec<_>>()
    );
}

#[test]
fn diffuse_skips_stage_only() {
    let (asked, _) = walk(&[("pattern", &["diffuse"]), ("style", &["longer"])]);
    assert_eq!(
        asked,
        [
            Q::Pattern,
            Q::Progression,
            Q::Style,
            Q::HairColour,
            Q::SkinTone,
            Q::Scars,
            Q::Health,
            Q::AgeBand
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Back, progress

#[test]
fn previous_mirrors_next() {
    let profiles: &[&[(&str, &[&str])]] = &[
        &[],
        &[("scars", &["fut_strip"])],
        &[("pattern", &["total"])],
        &[("pattern", &["none"]), ("scars", &["burn"])],
        &[("pattern", &["patchy"])],
        &[("pattern", &["female"]), ("stage", &["l1"])],
    ];
    for profile in profiles {
        let (asked, answers) = walk(profile);
        assert_eq!(flow::previous(&answers, Step::Question(Q::Pattern)), None);
        for pair in asked.windows(2) {
            assert_eq!(flow::next(&answers, pair[0]), Step::Question(pair[1]));
            assert_eq!(
                flow::previous(&answers, Step::Question(pair[1])),
                Some(pair[0]),
                "{profile:?}"
            );
        }
        let last = *asked.last().unwrap();
        assert_eq!(flow::next(&answers, last), Step::Result);
        assert_eq!(flow::previous(&answers, Step::Result), Some(last));
    }
}

#[test]
fn progress_numbers_the_questions_asked_out_of_a_total_that_never_changes() {
    // The total is the longest walk, which asks every question.
    let (asked, _) = walk(&[
        ("pattern", &["male"]),
        ("stage", &["n4"]),
        ("style", &["buzz"]),
        ("scars", &["fut_strip"]),
    ]);
    assert_eq!(asked, Q::ORDER, "one walk asks every question");
    assert_eq!(flow::MOST_QUESTIONS, asked.len());

    let empty = Answers::default();
    assert_eq!(
        flow::progress(&empty, Q::Pattern),
        (1, flow::MOST_QUESTIONS)
    );
    let profiles: &[&[(&str, &[&str])]] = &[
        &[],
        &[("pattern", &["total"])],
        &[("pattern", &["none"]), ("scars", &["burn"])],
        &[("pattern", &["patchy"]), ("scars", &["fue_dots"])],
        &[("pattern", &["female"]), ("stage", &["l1"])],
        &[
            ("pattern", &["male"]),
            ("stage", &["n6"]),
            ("style", &["buzz"]),
        ],
    ];
    for profile in profiles {
        let (asked, answers) = walk(profile);
        for (i, q) in asked.iter().enumerate() {
            assert_eq!(
                flow::progress(&answers, *q),
                (i + 1, flow::MOST_QUESTIONS),
                "{profile:?} {q:?}"
            );
        }
    }

    // Answers that open a branch change neither the total nor the numbers before it: the bar
    // never moves back, and a scar shows nowhere in the numbers before its follow-ups.
    let mut a = Answers::default();
    a.choose(Q::Pattern, Choice::Pattern(Pattern::Male));
    assert_eq!(flow::progress(&a, Q::Stage), (2, 12));
    a.choose(Q::Stage, Choice::Stage(Stage::N5));
    a.choose(Q::Style, Choice::Style(Style::Buzz));
    assert_eq!(flow::progress(&a, Q::Style), (4, 12));
    let before_scars = flow::progress(&a, Q::Scars);
    a.choose(Q::Scars, Choice::Scar(Scar::FueDots));
    assert_eq!(flow::progress(&a, Q::Scars), before_scars);
    assert_eq!(flow::progress(&a, Q::Scars), (7, 12));
    assert_eq!(flow::progress(&a, Q::ScarHealed), (8, 12));
}

// ---------------------------------------------------------------------------------------------
// Choosing and pruning

#[test]
fn multi_select_toggles_and_none() {
    let mut a = Answers::default();
    a.choose(Q::Scars, Choice::Scar(Scar::FutStrip));
    assert_eq!(a.scars, Some(vec![Scar::FutStrip]));
    assert!(Choice::Scar(Scar::FutStrip).is_selected(&a));
    a.choose(Q::Scars, Choice::Scar(Scar::FueDots));
    assert_eq!(a.scars, Some(vec![Scar::FutStrip, Scar::FueDots]));
    a.choose(Q::Scars, Choice::Scar(Scar::FutStrip));
    assert_eq!(a.scars, Some(vec![Scar::FueDots]));
    assert!(!Choice::Scar(Scar::FutStrip).is_selected(&a));
    // Removing the last one leaves the question unanswered.
    a.choose(Q::Scars, Choice::Scar(Scar::FueDots));
    assert_eq!(a.scars, None);
    assert!(!Q::Scars.is_answered(&a));

    // `none` answers with an empty list, and a later pick replaces it.
    a.choose(Q::Scars, Choice::NoneOfThese);
    assert_eq!(a.scars, Some(vec![]));
    assert!(a.chose_none(Q::Scars));
    assert!(Q::Scars.is_answered(&a));
    assert!(!Choice::NoneOfThese.is_selected(&a));
    a.choose(Q::Scars, Choice::Scar(Scar::Burn));
    assert_eq!(a.scars, Some(vec![Scar::Burn]));
    assert!(!a.chose_none(Q::Scars));
    // `none` after picks clears them.
    a.choose(Q::Scars, Choice::NoneOfThese);
    assert_eq!(a.scars, Some(vec![]));

    a.choose(Q::Health, Choice::Health(Health::Keloid));
    a.choose(Q::Health, Choice::Health(Health::Chemo));
    assert_eq!(a.health, Some(vec![Health::Keloid, Health::Chemo]));
    a.choose(Q::Health, Choice::NoneOfThese);
    assert_eq!(a.health, Some(vec![]));
    assert!(a.chose_none(Q::Health));
    // `none` on a single-answer question changes nothing.
    let before = a.clone();
    a.choose(Q::AgeBand, Choice::NoneOfThese);
    assert_eq!(a, before);
    assert!(!a.chose_none(Q::AgeBand));
}

#[test]
fn single_select_replaces() {
    let mut a = Answers::default();
    a.choose(Q::HairColour, Choice::HairColour(HairColour::Red));
    a.choose(Q::HairColour, Choice::HairColour(HairColour::Grey));
    assert_eq!(a.hair_colour, Some(HairColour::Grey));
    assert!(Choice::HairColour(HairColour::Grey).is_selected(&a));
    assert!(!Choice::HairColour(HairColour::Red).is_selected(&a));
    a.choose(Q::SkinTone, Choice::SkinTone(SkinTone::new(6).unwrap()));
    assert_eq!(a.skin_tone.map(SkinTone::get), Some(6));
}

#[test]
fn prune_drops_answers_that_no_longer_apply() {
    let (_, mut a) = walk(&[("scars", &["fue_dots"])]);
    assert_eq!(a.stage, Some(Stage::N4));
    assert_eq!(a.hairline, Some(Hairline::Unsure));

    // Male → female: the Norwood stage is stale; the hairline no longer applies.
    a.choose(Q::Pattern, Choice::Pattern(Pattern::Female));
    assert_eq!(a.stage, None);
    assert_eq!(a.hairline, None);
    assert_eq!(a.style, Some(Style::Buzz));
    assert_eq!(flow::first_open(&a), Step::Question(Q::Stage));
    a.choose(Q::Stage, Choice::Stage(Stage::N3));
    assert_eq!(a.stage, None, "a Norwood stage does not fit female pattern");
    a.choose(Q::Stage, Choice::Stage(Stage::L2));
    assert_eq!(a.stage, Some(Stage::L2));

    // → complete loss: no stage, no style.
    a.choose(Q::Pattern, Choice::Pattern(Pattern::Total));
    assert_eq!(a.stage, None);
    assert_eq!(a.style, None);
    assert_eq!(a.progression, Some(Progression::Slow));

    // → no hair loss: no progression.
    a.choose(Q::Pattern, Choice::Pattern(Pattern::None));
    assert_eq!(a.progression, None);
    assert_eq!(a.scar_healed, Some(true));

    // Removing the last scar drops its follow-ups.
    a.choose(Q::Scars, Choice::Scar(Scar::FueDots));
    assert_eq!(a.scars, None);
    assert_eq!(a.scar_healed, None);
    assert_eq!(a.scar_raised, None);
}

#[test]
fn prune_drops_hairline_when_style_changes() {
    let (_, mut a) = walk(&[("hairline", &["defined"])]);
    assert_eq!(a.hairline, Some(Hairline::Defined));
    a.choose(Q::Style, Choice::Style(Style::Longer));
    assert_eq!(a.hairline, None);
    a.choose(Q::Style, Choice::Style(Style::Buzz));
    assert_eq!(a.hairline, None);
    assert_eq!(flow::first_open(&a), Step::Question(Q::Hairline));
}

#[test]
fn prune_keeps_a_consistent_answer_set_untouched() {
    let (_, a) = walk(&[("scars", &["burn"])]);
    let mut b = a.clone();
    b.prune();
    assert_eq!(a, b);
}

// ---------------------------------------------------------------------------------------------
// Resuming

#[test]
fn first_open_resumes_at_the_first_unanswered_question() {
    let mut a = Answers::default();
    assert_eq!(flow::first_open(&a), Step::Question(Q::Pattern));
    a.choose(Q::Pattern, Choice::Pattern(Pattern::Male));
    assert_eq!(flow::first_open(&a), Step::Question(Q::Stage));
    a.choose(Q::Stage, Choice::Stage(Stage::N6));
    assert_eq!(flow::first_open(&a), Step::Question(Q::Progression));
    // A later answer does not hide an earlier gap.
    a.choose(Q::AgeBand, Choice::AgeBand(AgeBand::From25To34));
    assert_eq!(flow::first_open(&a), Step::Question(Q::Progression));

    let (_, full) = walk(&[("scars", &["fut_strip"])]);
    assert_eq!(flow::first_open(&full), Step::Result);
    let mut missing = full.clone();
    missing.scar_raised = None;
    assert_eq!(flow::first_open(&missing), Step::Question(Q::ScarRaised));
    let mut missing = full.clone();
    missing.hairline = None;
    assert_eq!(flow::first_open(&missing), Step::Question(Q::Hairline));
    let mut missing = full;
    missing.skin_tone = None;
    assert_eq!(flow::first_open(&missing), Step::Question(Q::SkinTone));

    // Scar-only visitors without a scar are sent back to the scars question.
    let (_, mut scar_only) = walk(&[("pattern", &["none"]), ("scars", &["burn"])]);
    assert_eq!(flow::first_open(&scar_only), Step::Result);
    scar_only.scars = Some(vec![]);
    scar_only.prune();
    assert_eq!(flow::first_open(&scar_only), Step::Question(Q::Scars));
}

#[test]
fn first_open_after_json_restore() {
    let json: serde_json::Value = serde_json::from_str(
        r#"{"pattern":"male","stage":"n4","progression":"slow","style":"buzz","hair_colour":"dark_brown"}"#,
    )
    .unwrap();
    let a = Answers::from_raw(&raw(&json)).unwrap();
    assert_eq!(flow::first_open(&a), Step::Question(Q::SkinTone));
}

// ---------------------------------------------------------------------------------------------
// Parsing and validation

/// Answers that make every question apply, with Norwood or Ludwig stages.
fn everything_applies(pattern: Pattern) -> Answers {
    Answers {
        pattern: Some(pattern),
        stage: Some(if pattern == Pattern::Female {
            Stage::L3
        } else {
            Stage::N5
        }),
        style: Some(Style::Buzz),
        scars: Some(vec![Scar::Surgical]),
        ..Answers::default()
    }
}

#[test]
fn every_option_value_parses_back() {
    for pattern in [Pattern::Male, Pattern::Female] {
        let a = everything_applies(pattern);
        for &q in Q::ORDER {
            let choices = q.choices(&a);
            assert!(!choices.is_empty(), "{q:?}");
            let mut values = HashSet::new();
            for choice in choices {
                let value = choice.value();
                assert!(values.insert(value.clone()), "{q:?} repeats {value}");
                assert_eq!(q.parse(&value), Some(choice), "{q:?} {value}");
            }
            assert_eq!(
                q.choices(&a).contains(&Choice::NoneOfThese),
                q.kind() == Kind::Multi,
                "{q:?}"
            );
        }
    }
    // Every stage of both scales parses, whichever scale is on screen.
    for &stage in Stage::ALL {
        assert_eq!(Q::Stage.parse(stage.code()), Some(Choice::Stage(stage)));
    }
}

#[test]
fn bad_values_do_not_parse() {
    let cases: &[(Q, &str)] = &[
        (Q::Pattern, "Male"),
        (Q::Pattern, "none_of_these"),
        (Q::Stage, "n9"),
        (Q::Stage, ""),
        (Q::Progression, "none"),
        (Q::Style, "mohawk"),
        (Q::HairColour, "purple"),
        (Q::SkinTone, "0"),
        (Q::SkinTone, "7"),
        (Q::SkinTone, "-1"),
        (Q::SkinTone, " 3"),
        (Q::SkinTone, "three"),
        (Q::SkinTone, "256"),
        (Q::Scars, "tattoo"),
        (Q::ScarHealed, "yes"),
        (Q::ScarRaised, "True"),
        (Q::ScarRaised, "none"),
        (Q::Health, "flu"),
        (Q::AgeBand, "55+"),
        (Q::Hairline, "none"),
    ];
    for &(q, value) in cases {
        assert_eq!(q.parse(value), None, "{q:?} {value:?}");
    }
    assert_eq!(Q::Scars.parse("none"), Some(Choice::NoneOfThese));
    assert_eq!(Q::Health.parse("none"), Some(Choice::NoneOfThese));
}

#[test]
fn question_fields_are_the_answers_json_fields() {
    let mut a = everything_applies(Pattern::Male);
    for &q in Q::ORDER {
        let first = q.choices(&a)[0];
        if !q.is_answered(&a) {
            a.choose(q, first);
        }
    }
    let v = serde_json::to_value(&a).unwrap();
    let keys: HashSet<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let fields: HashSet<&str> = Q::ORDER.iter().map(|q| q.field()).collect();
    assert_eq!(keys, fields);
    let step = serde_json::to_value(Step::Question(Q::HairColour)).unwrap();
    assert_eq!(
        step,
        serde_json::json!({"step":"question","question":"hair_colour"})
    );
    assert_eq!(
        serde_json::to_value(Step::Result).unwrap(),
        serde_json::json!({"step":"result"})
    );
}

#[test]
fn validate_errors() {
    let empty = Answers::default();
    for &q in Q::ORDER {
        let expected = if q == Q::Health {
            Ok(()) // optional: left empty means none of these
        } else {
            Err(StepError::NoChoice)
        };
        assert_eq!(q.validate(&empty), expected, "{q:?}");
    }

    let male = Answers {
        pattern: Some(Pattern::Male),
        scars: Some(vec![]),
        ..Answers::default()
    };
    assert_eq!(Q::Scars.validate(&male), Ok(()));
    assert_eq!(Q::Pattern.validate(&male), Ok(()));

    // No hair loss: at least one scar is required.
    let mut none = Answers {
        pattern: Some(Pattern::None),
        ..Answers::default()
    };
    assert_eq!(Q::Scars.validate(&none), Err(StepError::ScarRequired));
    none.choose(Q::Scars, Choice::NoneOfThese);
    assert_eq!(Q::Scars.validate(&none), Err(StepError::ScarRequired));
    none.choose(Q::Scars, Choice::Scar(Scar::FutStrip));
    assert_eq!(Q::Scars.validate(&none), Ok(()));
    assert!(!StepError::ScarRequired.to_string().is_empty());
}

#[test]
fn question_kinds() {
    for &q in Q::ORDER {
        let multi = matches!(q, Q::Scars | Q::Health);
        assert_eq!(q.kind() == Kind::Multi, multi, "{q:?}");
        assert_eq!(q.optional(), q == Q::Health, "{q:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Properties

/// A tiny deterministic source of picks from proptest's random numbers.
struct Picks<'a> {
    seeds: &'a [u32],
    at: usize,
}

impl Picks<'_> {
    fn below(&mut self, n: usize) -> usize {
        let seed = self.seeds[self.at % self.seeds.len()];
        self.at += 1;
        seed as usize % n.max(1)
    }
}

/// Answers one question with random picks, as a visitor might (toggling on multi-selects),
/// then makes sure Next may leave it.
fn answer_randomly(q: Q, a: &mut Answers, picks: &mut Picks<'_>) {
    let choices = q.choices(a);
    match q.kind() {
        Kind::Single => {
            let choice = choices[picks.below(choices.len())];
            a.choose(q, choice);
        }
        Kind::Multi => {
            let items: Vec<Choice> = choices
                .iter()
                .copied()
                .filter(|c| *c != Choice::NoneOfThese)
                .collect();
            if picks.below(4) == 0 {
                a.choose(q, Choice::NoneOfThese);
            } else {
                for _ in 0..picks.below(items.len() + 2) {
                    let choice = if picks.below(8) == 0 {
                        Choice::NoneOfThese
                    } else {
                        items[picks.below(items.len())]
                    };
                    a.choose(q, choice);
                }
            }
            match q.validate(a) {
                Err(StepError::ScarRequired) => {
                    let scar = items[picks.below(items.len())];
                    a.choose(q, scar);
                }
                Err(StepError::NoChoice) => a.choose(q, Choice::NoneOfThese),
                Ok(()) => {}
            }
        }
    }
}

fn has_duplicates<T: PartialEq>(items: &[T]) -> bool {
    items
        .iter()
        .enumerate()
        .any(|(i, x)| items[..i].contains(x))
}

/// The answers a random walk ends with (no checks; the property test checks every step).
fn walk_randomly(seeds: &[u32]) -> Answers {
    let mut picks = Picks { seeds, at: 0 };
    let mut a = Answers::default();
    let mut q = flow::FIRST;
    for _ in 0..Q::ORDER.len() {
        answer_randomly(q, &mut a, &mut picks);
        match flow::next(&a, q) {
            Step::Question(n) => q = n,
            Step::Result => return a,
        }
    }
    panic!("the walk did not end: {a:?}");
}

/// The random walks reach every pattern, stage, approach and in-person flag, so the
/// property test below explores the whole flow.
#[test]
fn random_walks_cover_the_flow() {
    let mut state: u32 = 0x2545_f491;
    let mut seeds = || {
        (0..32)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state
            })
            .collect::<Vec<u32>>()
    };
    let (mut patterns, mut stages, mut approaches) =
        (HashSet::new(), HashSet::new(), HashSet::new());
    let (mut provisional, mut hairlines, mut add_ons, mut alternatives) = (0, 0, 0, 0);
    for _ in 0..2000 {
        let a = walk_randomly(&seeds());
        let r = recommend(&a, None).unwrap();
        patterns.insert(a.pattern.unwrap());
        stages.extend(a.stage);
        approaches.insert(r.approach);
        provisional += usize::from(r.is_provisional());
        hairlines += usize::from(r.hairline.is_some());
        add_ons += usize::from(!r.add_ons.is_empty());
        alternatives += usize::from(r.alternative.is_some());
    }
    assert_eq!(patterns.len(), Pattern::ALL.len(), "{patterns:?}");
    assert_eq!(stages.len(), Stage::ALL.len(), "{stages:?}");
    assert_eq!(approaches.len(), Approach::ALL.len(), "{approaches:?}");
    assert!(provisional > 0 && provisional < 2000);
    assert!(hairlines > 0 && add_ons > 0 && alternatives > 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_walks_end_in_a_valid_recommendation(
        seeds in prop::collection::vec(any::<u32>(), 8..64)
    ) {
        let table = design_table();
        let mut picks = Picks { seeds: &seeds, at: 0 };
        let mut a = Answers::default();
        let mut q = flow::FIRST;
        let mut steps = 0;
        loop {
            steps += 1;
            prop_assert!(steps <= 12, "more than 12 steps: {:?}", a);
            prop_assert!(q.applies(&a));
            answer_randomly(q, &mut a, &mut picks);
            prop_assert_eq!(q.validate(&a), Ok(()));
            match flow::next(&a, q) {
                Step::Question(n) => {
                    prop_assert_eq!(flow::previous(&a, Step::Question(n)), Some(q));
                    q = n;
                }
                Step::Result => {
                    prop_assert_eq!(flow::previous(&a, Step::Result), Some(q));
                    break;
                }
            }
        }
        prop_assert_eq!(flow::first_open(&a), Step::Result);

        let r = recommend(&a, Some(&table));
        prop_assert!(r.is_ok(), "{:?} gave {:?}", a, r);
        let r = r.unwrap();

        if let Some(s) = r.sessions {
            prop_assert!(s.min <= s.max);
            prop_assert!(s.min >= 1);
        }
        if let Some(h) = r.hours_per_session {
            prop_assert!(h.min <= h.max);
        }
        prop_assert_eq!(r.sessions.is_some(), r.hours_per_session.is_some());
        prop_assert_eq!(r.sessions.is_none(), r.approach == Approach::NoneNeeded);
        prop_assert_ne!(r.alternative, Some(r.approach));
        prop_assert!(!r.add_ons.contains(&r.approach));
        prop_assert!(!has_duplicates(&r.add_ons));

        prop_assert_eq!(r.hairline.is_some(), Q::Hairline.applies(&a));
        prop_assert_ne!(r.hairline, Some(Hairline::Unsure));

        let minimal = a.pattern == Some(Pattern::Male)
            && a.stage == Some(Stage::N1)
            && !a.has_scars();
        prop_assert_eq!(r.approach == Approach::NoneNeeded, minimal);

        let priced = matches!(
            (r.approach, r.extent),
            (Approach::BuzzCut, Extent::Small | Extent::Medium)
                | (Approach::ScarCamouflage, Extent::Small)
        );
        prop_assert_eq!(r.price.is_some(), priced, "{:?}", r);
        if let Some(price) = &r.price {
            prop_assert_eq!(price.currency.as_str(), "GBP");
            prop_assert!(price.min <= price.max);
        }

        prop_assert_eq!(r.is_provisional(), !r.in_person.is_empty());
        prop_assert!(!r.reasons.is_empty());

        // Every answer set the flow reaches is drawn, now and with SMP (DESIGN "Pictures").
        let p = picture::preview(&a, &r);
        prop_assert_eq!(p.with_smp.is_none(), r.approach == Approach::NoneNeeded);
        let hair = a.hair_colour.unwrap();
        prop_assert_eq!(p.pigment, p.with_smp.as_ref().map(|_| picture::pigment_shade(hair, &r.pigment)));
        prop_assert_eq!(p.now.top.colours(Role::Head)[0], picture::skin_colour(a.skin_tone.unwrap()));
        prop_assert_eq!(p.scars.as_slice(), a.scar_list());
        for divider in [0, 50, 100] {
            let url = svg::compare(&p.now, p.with_smp.as_ref(), divider);
            prop_assert!(url.starts_with("data:image/svg+xml,<svg") && url.ends_with("</svg>"));
        }
        prop_assert!(!has_duplicates(&r.pigment));
        prop_assert!(!has_duplicates(&r.cautions));
        prop_assert!(!has_duplicates(&r.in_person));
        prop_assert!(!has_duplicates(&r.reasons));
        // Every health answer is an in-person flag with the same code; the two that need
        // something done first also carry their caution.
        for h in a.health_list() {
            prop_assert!(
                r.in_person.iter().any(|i| i.code() == h.code()),
                "{:?} not in {:?}", h, r.in_person
            );
        }
        prop_assert_eq!(
            r.cautions.contains(&Caution::PatchTest),
            a.health_list().contains(&Health::InkAllergy)
        );
        prop_assert_eq!(
            r.cautions.contains(&Caution::TransplantSettle),
            a.health_list().contains(&Health::RecentTransplant)
        );

        let v = serde_json::to_value(&r);
        prop_assert!(v.is_ok());
        let v = v.unwrap();
        prop_assert_eq!(v.as_object().map(|o| o.len()), Some(12));

        let json: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        let back = Answers::from_raw(&raw(&json));
        prop_assert!(back.is_ok(), "{:?}", back);
        let back = back.unwrap();
        prop_assert_eq!(&back, &a);
        prop_assert_eq!(recommend(&back, Some(&table)), Ok(r));
    }

    #[test]
    fn text_checks_never_panic(s in any::<String>()) {
        let _ = is_email(&s);
        let _ = is_phone(&s);
        let _ = Utm::from_query(&s);
        for &q in Q::ORDER {
            if let Some(choice) = q.parse(&s) {
                // Whatever parses is one of the question's options.
                let a = everything_applies(if s.starts_with('l') { Pattern::Female } else { Pattern::Male });
                prop_assert!(q.choices(&a).contains(&choice), "{:?} {:?}", q, s);
            }
        }
    }

    #[test]
    fn query_decoding_never_panics(
        s in "[?&]?((utm_(source|medium|campaign|term|content)|x)=[%+a-fA-F0-9zé&=]{0,12}){0,4}"
    ) {
        let utm = Utm::from_query(&s);
        prop_assert!(serde_json::to_value(&utm).is_ok());
        let _ = is_email(&s);
        let _ = is_phone(&s);
    }

    #[test]
    fn uuid_v4_is_well_formed(bytes in any::<[u8; 16]>()) {
        let id = uuid_v4(bytes);
        prop_assert_eq!(id.len(), 36);
        let chars: Vec<char> = id.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if matches!(i, 8 | 13 | 18 | 23) {
                prop_assert_eq!(*c, '-');
            } else {
                prop_assert!(c.is_ascii_hexdigit() && !c.is_ascii_uppercase(), "{}", id);
            }
        }
        prop_assert_eq!(chars[14], '4');
        prop_assert!(matches!(chars[19], '8' | '9' | 'a' | 'b'), "{}", id);
        // The other nibbles are the input's.
        prop_assert_eq!(id[..8].to_string(), format!("{:02x}{:02x}{:02x}{:02x}", bytes[0], bytes[1], bytes[2], bytes[3]));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// One lead type: whatever the widget can put in a lead, the receiver (`inbox/`, which
    /// deserialises into the same type with its limits) reads back unchanged.
    #[test]
    fn every_lead_the_widget_can_make_is_one_the_receiver_accepts(
        seeds in prop::collection::vec(any::<u32>(), 8..64),
        name in "\\PC{0,118}[a-zé]",
        message in "\\PC{0,2000}",
        url in "https://clinic\\.example/\\PC{0,3000}",
    ) {
        use smp_consult::domain::lead::{Consent, Contact, LeadPayload, PageInfo, Schema};
        let answers = walk_randomly(&seeds);
        let recommendation = recommend(&answers, Some(&design_table())).unwrap();
        let contact = Contact {
            name,
            email: "sam@example.com".into(),
            message,
            ..Contact::default()
        };
        prop_assert!(contact.validate(true).is_empty(), "{:?}", contact.validate(true));
        let payload = LeadPayload {
            schema: Schema,
            id: uuid_v4([3; 16]),
            created_at: "2025-01-31T12:00:00.000Z".into(),
            clinic: "Northline SMP".into(),
            locale: "en".into(),
            contact,
            consent: Consent {
                processing: true,
                text: "I agree".into(),
                marketing: false,
                marketing_text: String::new(),
            },
            answers,
            recommendation,
            photos: vec![],
            page: PageInfo::new(url, String::new(), Utm::from_query("utm_source=x")),
        };
        let json = serde_json::to_value(&payload).unwrap();
        let back: Result<LeadPayload, _> = serde_json::from_value(json);
        prop_assert!(back.is_ok(), "{:?}", back);
        prop_assert_eq!(back.unwrap(), payload);
    }
}
