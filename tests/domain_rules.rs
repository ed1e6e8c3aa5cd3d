#![cfg(not(target_arch = "wasm32"))]
//! Table tests for DESIGN.md "Recommendation rules": every approach branch, extent, sessions,
//! hours, in-person code, pigment note, caution, hairline rule and price lookup, plus the JSON
//! shapes of answers and recommendation and the clinic configuration checks.

use serde_json::json;
use smp_consult::domain::answers::{
    AgeBand, Answers, HairColour, Hairline, Health, Pattern, Progression, Scar, SkinTone, Stage,
    Style,
};
use smp_consult::domain::config::{validate_endpoint, ConfigError, PriceTable};
use smp_consult::domain::flow::QuestionId;
use smp_consult::domain::raw::{Raw, RawError};
use smp_consult::domain::recommend::{
    recommend, Approach, Caution, Extent, InPerson, PigmentNote, Price, Range, Reason,
    RecommendError, Recommendation,
};

/// DESIGN's example clinic config, exactly.
const DESIGN_CONFIG: &str = r#"{"currency":"GBP","prices":{"buzz_cut":{"small":[400,850],"medium":[850,1500]},"scar_camouflage":{"small":[500,900]}}}"#;

/// DESIGN's example answers, exactly.
const DESIGN_ANSWERS: &str = r#"{"pattern":"male","stage":"n4","progression":"slow","style":"buzz","hair_colour":"dark_brown","skin_tone":3,"scars":[],"health":[],"age_band":"35_44","hairline":"unsure"}"#;

const STYLES: [Option<Style>; 4] = [
    Some(Style::Buzz),
    Some(Style::Longer),
    Some(Style::Unsure),
    None,
];

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

/// Reads answers from JSON text, as the JS API and saved progress do.
fn answers(json: &str) -> Result<Answers, RawError> {
    Answers::from_raw(&raw(&serde_json::from_str(json).unwrap()))
}

/// Reads a clinic price config from JSON.
fn prices(config: serde_json::Value) -> Result<Option<PriceTable>, RawError> {
    PriceTable::from_raw(&raw(&config))
}

fn design_table() -> PriceTable {
    prices(serde_json::from_str(DESIGN_CONFIG).unwrap())
        .unwrap()
        .unwrap()
}

/// Neutral answers: stable loss, dark brown hair, skin 3, no scars, no health flags, 35–44.
/// Nothing in them adds a pigment note, caution or in-person flag.
fn base() -> Answers {
    Answers {
        progression: Some(Progression::Stable),
        hair_colour: Some(HairColour::DarkBrown),
        skin_tone: SkinTone::new(3),
        scars: Some(vec![]),
        health: Some(vec![]),
        age_band: Some(AgeBand::From35To44),
        ..Answers::default()
    }
}

fn with_pattern(pattern: Pattern, stage: Option<Stage>, style: Option<Style>) -> Answers {
    Answers {
        pattern: Some(pattern),
        stage,
        style,
        ..base()
    }
}

fn male(stage: Stage, style: Option<Style>) -> Answers {
    with_pattern(Pattern::Male, Some(stage), style)
}

fn female(stage: Stage, style: Option<Style>) -> Answers {
    with_pattern(Pattern::Female, Some(stage), style)
}

fn scar_only() -> Answers {
    Answers {
        pattern: Some(Pattern::None),
        scars: Some(vec![Scar::FutStrip]),
        scar_healed: Some(true),
        scar_raised: Some(false),
        ..base()
    }
}

fn rec(a: &Answers) -> Recommendation {
    recommend(a, None).unwrap_or_else(|e| panic!("recommend({a:?}) failed: {e}"))
}

fn with_scar(mut a: Answers) -> Answers {
    a.scars = Some(vec![Scar::FueDots]);
    a.scar_healed = Some(true);
    a.scar_raised = Some(false);
    a
}

// ---------------------------------------------------------------------------------------------
// Approach, alternative, extent

#[test]
fn male_norwood_stage_by_style() {
    use Approach::{BuzzCut as B, DensityShading as D, NoneNeeded as N};
    use Caution::LongerHairNotPossible as LHNP;
    use Extent::{Large as L, Medium as M, Small as S};
    // (stage, style, approach, alternative, extent, cautions)
    type Row = (
        Stage,
        Style,
        Approach,
        Option<Approach>,
        Extent,
        &'static [Caution],
    );
    #[rustfmt::skip]
    let table: &[Row] = &[
        (Stage::N1,  Style::Buzz,   N, None,    S, &[]),
        (Stage::N1,  Style::Longer, N, None,    S, &[]),
        (Stage::N1,  Style::Unsure, N, None,    S, &[]),
        (Stage::N2,  Style::Buzz,   B, None,    S, &[]),
        (Stage::N2,  Style::Longer, D, None,    S, &[]),
        (Stage::N2,  Style::Unsure, D, Some(B), S, &[]),
        (Stage::N3,  Style::Buzz,   B, None,    S, &[]),
        (Stage::N3,  Style::Longer, D, None,    S, &[]),
        (Stage::N3,  Style::Unsure, D, Some(B), S, &[]),
        (Stage::N3v, Style::Buzz,   B, None,    M, &[]),
        (Stage::N3v, Style::Longer, D, None,    M, &[]),
        (Stage::N3v, Style::Unsure, D, Some(B), M, &[]),
        (Stage::N4,  Style::Buzz,   B, None,    M, &[]),
        (Stage::N4,  Style::Longer, D, None,    M, &[]),
        (Stage::N4,  Style::Unsure, D, Some(B), M, &[]),
        (Stage::N5,  Style::Buzz,   B, None,    M, &[]),
        (Stage::N5,  Style::Longer, B, None,    M, &[LHNP]),
        (Stage::N5,  Style::Unsure, B, None,    M, &[]),
        (Stage::N6,  Style::Buzz,   B, None,    L, &[]),
        (Stage::N6,  Style::Longer, B, None,    L, &[LHNP]),
        (Stage::N6,  Style::Unsure, B, None,    L, &[]),
        (Stage::N7,  Style::Buzz,   B, None,    L, &[]),
        (Stage::N7,  Style::Longer, B, None,    L, &[LHNP]),
        (Stage::N7,  Style::Unsure, B, None,    L, &[]),
    ];
    assert_eq!(table.len(), Stage::NORWOOD.len() * Style::ALL.len());
    for &(stage, style, approach, alternative, extent, cautions) in table {
        let r = rec(&male(stage, Some(style)));
        let case = format!("male {stage:?} {style:?}");
        assert_eq!(r.approach, approach, "{case}");
        assert_eq!(r.alternative, alternative, "{case}");
        assert_eq!(r.extent, extent, "{case}");
        assert_eq!(r.cautions, cautions, "{case}");
        assert_eq!(r.add_ons, vec![], "{case}");
    }
}

#[test]
fn male_style_not_answered_is_treated_as_unsure() {
    for &stage in Stage::NORWOOD {
        let absent = rec(&male(stage, None));
        let unsure = rec(&male(stage, Some(Style::Unsure)));
        assert_eq!(absent.approach, unsure.approach, "{stage:?}");
        assert_eq!(absent.alternative, unsure.alternative, "{stage:?}");
        assert_eq!(absent.extent, unsure.extent, "{stage:?}");
        assert_eq!(absent.cautions, unsure.cautions, "{stage:?}");
    }
}

#[test]
fn female_ludwig_stage_by_style() {
    use Approach::{BuzzCut as B, DensityShading as D};
    use Extent::{Large as L, Medium as M, Small as S};
    for style in STYLES {
        for (stage, extent) in [(Stage::L1, S), (Stage::L2, M), (Stage::L3, L)] {
            let r = rec(&female(stage, style));
            let case = format!("female {stage:?} {style:?}");
            let expected = if style == Some(Style::Buzz) { B } else { D };
            assert_eq!(r.approach, expected, "{case}");
            assert_eq!(r.alternative, None, "{case}");
            assert_eq!(r.extent, extent, "{case}");
            assert_eq!(r.add_ons, vec![], "{case}");
            // l3 adds limited_density whatever the style.
            let cautions: &[Caution] = if stage == Stage::L3 {
                &[Caution::LimitedDensity]
            } else {
                &[]
            };
            assert_eq!(r.cautions, cautions, "{case}");
        }
    }
}

#[test]
fn diffuse_is_density_shading_unless_buzz_and_always_medium() {
    for style in STYLES {
        let r = rec(&with_pattern(Pattern::Diffuse, None, style));
        let expected = if style == Some(Style::Buzz) {
            Approach::BuzzCut
        } else {
            Approach::DensityShading
        };
        assert_eq!(r.approach, expected, "{style:?}");
        assert_eq!(r.alternative, None);
        assert_eq!(r.extent, Extent::Medium);
        assert_eq!(r.cautions, vec![]);
        assert!(r.reasons.contains(&Reason::DiffuseThinning));
    }
}

#[test]
fn patchy_is_patch_blending_small_with_areata_regrowth() {
    for style in STYLES {
        let r = rec(&with_pattern(Pattern::Patchy, None, style));
        assert_eq!(r.approach, Approach::PatchBlending, "{style:?}");
        assert_eq!(r.alternative, None);
        assert_eq!(r.extent, Extent::Small);
        assert_eq!(r.cautions, vec![Caution::AreataRegrowth]);
        assert_eq!(
            r.in_person,
            vec![],
            "stable patchy loss needs no in-person check"
        );
        assert!(r.reasons.contains(&Reason::PatchyLoss));
    }
}

#[test]
fn total_loss_is_large_buzz_cut() {
    let r = rec(&with_pattern(Pattern::Total, None, None));
    assert_eq!(r.approach, Approach::BuzzCut);
    assert_eq!(r.alternative, None);
    assert_eq!(r.extent, Extent::Large);
    assert_eq!(r.cautions, vec![]);
    assert!(r.reasons.contains(&Reason::CompleteLoss));
}

#[test]
fn no_hair_loss_is_small_scar_camouflage_without_add_on() {
    for style in STYLES {
        let r = rec(&Answers {
            style,
            ..scar_only()
        });
        assert_eq!(r.approach, Approach::ScarCamouflage, "{style:?}");
        assert_eq!(r.alternative, None);
        assert_eq!(r.add_ons, vec![]);
        assert_eq!(r.extent, Extent::Small);
        assert_eq!(r.sessions, Some(Range { min: 2, max: 4 }));
        assert!(r.reasons.contains(&Reason::ScarOnly));
    }
}

#[test]
fn male_n1_without_scars_needs_no_treatment() {
    for style in STYLES {
        let r = rec(&male(Stage::N1, style));
        assert_eq!(r.approach, Approach::NoneNeeded);
        assert_eq!(r.sessions, None);
        assert_eq!(r.hours_per_session, None);
        assert_eq!(r.price, None);
        assert_eq!(r.add_ons, vec![]);
        assert_eq!(r.hairline, None);
        assert!(r.reasons.contains(&Reason::MinimalLoss));
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["sessions"], serde_json::Value::Null);
        assert_eq!(v["hours_per_session"], serde_json::Value::Null);
        assert_eq!(v["approach"], "none_needed");
    }
    // Even with a price for `none_needed` in the clinic's table, no price is shown.
    let table = prices(json!({"currency": "GBP", "prices": {"none_needed": {"small": [1, 2]}}}))
        .unwrap()
        .unwrap();
    let r = recommend(&male(Stage::N1, Some(Style::Buzz)), Some(&table)).unwrap();
    assert_eq!(r.price, None);
}

#[test]
fn male_n1_with_any_scar_is_scar_camouflage_without_add_on() {
    for scar in Scar::ALL.iter().copied() {
        let mut a = male(Stage::N1, Some(Style::Buzz));
        a.scars = Some(vec![scar]);
        a.scar_healed = Some(true);
        a.scar_raised = Some(false);
        let r = rec(&a);
        assert_eq!(r.approach, Approach::ScarCamouflage, "{scar:?}");
        assert_eq!(r.add_ons, vec![], "{scar:?}");
        assert_eq!(r.extent, Extent::Small);
        // scar_camouflage 2–4, with no +1 since the scar is the approach, not an add-on.
        assert_eq!(r.sessions, Some(Range { min: 2, max: 4 }));
        assert_eq!(r.hours_per_session, Some(Range { min: 2, max: 3 }));
        assert_eq!(r.hairline, None);
    }
}

#[test]
fn alternative_is_never_the_approach() {
    for a in every_main_profile() {
        let r = rec(&a);
        assert_ne!(r.alternative, Some(r.approach), "{a:?}");
    }
}

/// Every pattern/stage/style combination, with neutral other answers.
fn every_main_profile() -> Vec<Answers> {
    let mut all = Vec::new();
    for style in STYLES {
        for &stage in Stage::NORWOOD {
            all.push(male(stage, style));
        }
        for &stage in Stage::LUDWIG {
            all.push(female(stage, style));
        }
        all.push(with_pattern(Pattern::Diffuse, None, style));
        all.push(with_pattern(Pattern::Patchy, None, style));
        all.push(Answers {
            style,
            ..scar_only()
        });
    }
    all.push(with_pattern(Pattern::Total, None, None));
    all
}

// ---------------------------------------------------------------------------------------------
// Scar add-on

#[test]
fn any_scar_with_another_approach_adds_scar_camouflage_and_one_more_session() {
    for a in every_main_profile() {
        let without = rec(&a);
        if matches!(
            without.approach,
            Approach::ScarCamouflage | Approach::NoneNeeded
        ) {
            continue;
        }
        for scar in Scar::ALL.iter().copied() {
            let mut scarred = a.clone();
            scarred.scars = Some(vec![scar]);
            scarred.scar_healed = Some(true);
            scarred.scar_raised = Some(false);
            let with = rec(&scarred);
            let case = format!("{a:?} + {scar:?}");
            assert_eq!(with.approach, without.approach, "{case}");
            assert_eq!(with.add_ons, vec![Approach::ScarCamouflage], "{case}");
            let (s0, s1) = (without.sessions.unwrap(), with.sessions.unwrap());
            assert_eq!(s1.min, s0.min, "{case}");
            assert_eq!(s1.max, s0.max + 1, "{case}");
            assert_eq!(with.hours_per_session, without.hours_per_session, "{case}");
            assert!(with.reasons.contains(&Reason::ScarsToCover), "{case}");
            assert!(!without.reasons.contains(&Reason::ScarsToCover), "{case}");
        }
    }
}

#[test]
fn several_scars_still_add_one_add_on_and_one_session() {
    let mut a = male(Stage::N4, Some(Style::Buzz));
    a.scars = Some(Scar::ALL.to_vec());
    a.scar_healed = Some(true);
    a.scar_raised = Some(false);
    let r = rec(&a);
    assert_eq!(r.add_ons, vec![Approach::ScarCamouflage]);
    assert_eq!(r.sessions, Some(Range { min: 3, max: 4 }));
}

// ---------------------------------------------------------------------------------------------
// Extent, sessions and hours

#[test]
fn extent_for_every_stage_and_pattern() {
    use Extent::{Large as L, Medium as M, Small as S};
    let cases: &[(Answers, Extent)] = &[
        (male(Stage::N1, Some(Style::Buzz)), S),
        (male(Stage::N2, Some(Style::Buzz)), S),
        (male(Stage::N3, Some(Style::Buzz)), S),
        (male(Stage::N3v, Some(Style::Buzz)), M),
        (male(Stage::N4, Some(Style::Buzz)), M),
        (male(Stage::N5, Some(Style::Buzz)), M),
        (male(Stage::N6, Some(Style::Buzz)), L),
        (male(Stage::N7, Some(Style::Buzz)), L),
        (female(Stage::L1, Some(Style::Longer)), S),
        (female(Stage::L2, Some(Style::Longer)), M),
        (female(Stage::L3, Some(Style::Longer)), L),
        (scar_only(), S),
        (with_pattern(Pattern::Patchy, None, Some(Style::Buzz)), S),
        (with_pattern(Pattern::Diffuse, None, Some(Style::Longer)), M),
        (with_pattern(Pattern::Diffuse, None, Some(Style::Buzz)), M),
        (with_pattern(Pattern::Total, None, None), L),
    ];
    for (a, extent) in cases {
        assert_eq!(rec(a).extent, *extent, "{a:?}");
    }
}

#[test]
fn sessions_and_hours_table() {
    let r = |min, max| Some(Range { min, max });
    // (answers, sessions, hours per session)
    let cases: Vec<(Answers, Option<Range>, Option<Range>)> = vec![
        // buzz_cut small / medium / large
        (male(Stage::N2, Some(Style::Buzz)), r(2, 3), r(2, 3)),
        (male(Stage::N3, Some(Style::Buzz)), r(2, 3), r(2, 3)),
        (male(Stage::N3v, Some(Style::Buzz)), r(3, 3), r(3, 4)),
        (male(Stage::N4, Some(Style::Buzz)), r(3, 3), r(3, 4)),
        (male(Stage::N5, Some(Style::Longer)), r(3, 3), r(3, 4)),
        (male(Stage::N6, Some(Style::Buzz)), r(3, 4), r(4, 5)),
        (male(Stage::N7, Some(Style::Unsure)), r(3, 4), r(4, 5)),
        (with_pattern(Pattern::Total, None, None), r(3, 4), r(4, 5)),
        (
            with_pattern(Pattern::Diffuse, None, Some(Style::Buzz)),
            r(3, 3),
            r(3, 4),
        ),
        (female(Stage::L1, Some(Style::Buzz)), r(2, 3), r(2, 3)),
        (female(Stage::L3, Some(Style::Buzz)), r(3, 4), r(4, 5)),
        // density_shading 2–3 at every extent
        (male(Stage::N2, Some(Style::Longer)), r(2, 3), r(2, 3)),
        (male(Stage::N4, Some(Style::Unsure)), r(2, 3), r(3, 4)),
        (female(Stage::L2, Some(Style::Longer)), r(2, 3), r(3, 4)),
        (female(Stage::L3, None), r(2, 3), r(4, 5)),
        (with_pattern(Pattern::Diffuse, None, None), r(2, 3), r(3, 4)),
        // scar_camouflage 2–4
        (scar_only(), r(2, 4), r(2, 3)),
        // patch_blending 2–3
        (with_pattern(Pattern::Patchy, None, None), r(2, 3), r(2, 3)),
        // a scar add-on raises max by 1
        (
            with_scar(male(Stage::N2, Some(Style::Buzz))),
            r(2, 4),
            r(2, 3),
        ),
        (
            with_scar(male(Stage::N4, Some(Style::Buzz))),
            r(3, 4),
            r(3, 4),
        ),
        (
            with_scar(with_pattern(Pattern::Total, None, None)),
            r(3, 5),
            r(4, 5),
        ),
        (with_scar(female(Stage::L2, None)), r(2, 4), r(3, 4)),
        (
            with_scar(with_pattern(Pattern::Patchy, None, None)),
            r(2, 4),
            r(2, 3),
        ),
        // none_needed: no sessions, no hours
        (male(Stage::N1, None), None, None),
    ];
    for (a, sessions, hours) in cases {
        let got = rec(&a);
        assert_eq!(got.sessions, sessions, "sessions for {a:?}");
        assert_eq!(got.hours_per_session, hours, "hours for {a:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// In-person assessment

#[test]
fn each_health_flag_requires_in_person_assessment() {
    let cases = [
        (Health::Keloid, InPerson::Keloid, "keloid"),
        (
            Health::ScalpCondition,
            InPerson::ScalpCondition,
            "scalp_condition",
        ),
        (
            Health::BloodThinners,
            InPerson::BloodThinners,
            "blood_thinners",
        ),
        (Health::Pregnancy, InPerson::Pregnancy, "pregnancy"),
        (Health::Chemo, InPerson::Chemo, "chemo"),
        (Health::Immune, InPerson::Immune, "immune"),
        (Health::Diabetes, InPerson::Diabetes, "diabetes"),
        (Health::InkAllergy, InPerson::InkAllergy, "ink_allergy"),
        (
            Health::RecentTransplant,
            InPerson::RecentTransplant,
            "recent_transplant",
        ),
    ];
    assert_eq!(
        cases.len(),
        Health::ALL.len(),
        "every health code has a case"
    );
    for (health, code, json_code) in cases {
        let mut a = male(Stage::N4, Some(Style::Buzz));
        a.health = Some(vec![health]);
        let r = rec(&a);
        assert_eq!(r.in_person, vec![code]);
        assert!(r.is_provisional());
        // The result is still a full recommendation.
        assert_eq!(r.approach, Approach::BuzzCut);
        assert_eq!(r.sessions, Some(Range { min: 3, max: 3 }));
        assert_eq!(code.code(), json_code);
        assert_eq!(
            serde_json::to_value(&r).unwrap()["in_person"],
            json!([json_code])
        );
    }
}

#[test]
fn ink_allergy_and_recent_transplant_add_their_cautions() {
    // (health answers, the cautions they add after `future_loss`)
    let cases: &[(&[Health], &[Caution])] = &[
        (&[Health::InkAllergy], &[Caution::PatchTest]),
        (&[Health::RecentTransplant], &[Caution::TransplantSettle]),
        (
            &[Health::RecentTransplant, Health::InkAllergy],
            &[Caution::PatchTest, Caution::TransplantSettle],
        ),
        (&[Health::Immune, Health::Diabetes], &[]),
        (&[Health::Keloid], &[]),
    ];
    for &(health, extra) in cases {
        let mut a = male(Stage::N4, Some(Style::Buzz));
        a.progression = Some(Progression::Slow);
        a.health = Some(health.to_vec());
        let r = rec(&a);
        let mut expected = vec![Caution::FutureLoss];
        expected.extend_from_slice(extra);
        assert_eq!(r.cautions, expected, "{health:?}");
        assert_eq!(r.in_person.len(), health.len(), "{health:?}");
    }
    let codes: Vec<_> = [Caution::PatchTest, Caution::TransplantSettle]
        .iter()
        .map(|c| c.code())
        .collect();
    assert_eq!(codes, ["patch_test", "transplant_settle"]);
}

#[test]
fn new_health_codes_combine_with_old_ones_and_other_flags() {
    // Every pair of health answers, with a raised scar and under 18: each answer is one
    // in-person flag, in the order given, before the age and scar flags.
    for &first in Health::ALL {
        for &second in Health::ALL.iter().filter(|&&h| h != first) {
            let a = Answers {
                health: Some(vec![first, second]),
                age_band: Some(AgeBand::Under18),
                scars: Some(vec![Scar::FutStrip]),
                scar_healed: Some(true),
                scar_raised: Some(true),
                ..male(Stage::N5, Some(Style::Buzz))
            };
            let r = rec(&a);
            let codes: Vec<&str> = r.in_person.iter().map(|c| c.code()).collect();
            assert_eq!(
                codes,
                [first.code(), second.code(), "under_18", "scar_raised"],
                "{first:?} + {second:?}"
            );
            // The treatment itself is unchanged by health answers.
            assert_eq!(r.approach, Approach::BuzzCut);
            assert_eq!(r.add_ons, vec![Approach::ScarCamouflage]);
        }
    }
}

#[test]
fn old_answer_sets_give_the_same_results() {
    // The DESIGN example and an answer set from before the health list grew (five codes):
    // the same JSON in, the same recommendation out.
    let design = answers(DESIGN_ANSWERS).unwrap();
    assert_eq!(
        serde_json::to_value(rec(&design)).unwrap(),
        json!({"approach":"buzz_cut","alternative":null,"add_ons":[],"extent":"medium",
            "sessions":{"min":3,"max":3},"hours_per_session":{"min":3,"max":4},"hairline":"soft",
            "pigment":[],"cautions":["future_loss"],"in_person":[],"price":null,
            "reasons":["hair_to_shade","prefers_buzz","changing_loss"]})
    );
    let old = answers(
        r#"{"pattern":"female","stage":"l2","progression":"stable","style":"longer","hair_colour":"black",
            "skin_tone":5,"scars":[],"health":["keloid","chemo","blood_thinners"],"age_band":"45_54"}"#,
    )
    .unwrap();
    let r = serde_json::to_value(rec(&old)).unwrap();
    assert_eq!(r["in_person"], json!(["keloid", "chemo", "blood_thinners"]));
    assert_eq!(r["cautions"], json!([]));
    assert_eq!(r["approach"], json!("density_shading"));
}

#[test]
fn an_unknown_health_code_is_an_error_naming_the_field() {
    let err = answers(r#"{"pattern":"male","stage":"n4","health":["keloid","tattoo_regret"]}"#)
        .unwrap_err();
    assert_eq!(err.field, "health");
    assert_eq!(
        err.to_string(),
        "`health` must be a list of one of: keloid, scalp_condition, blood_thinners, pregnancy, \
         chemo, immune, diabetes, ink_allergy, recent_transplant"
    );
    // The new codes are read from outside like the old ones.
    let a =
        answers(r#"{"pattern":"male","stage":"n4","health":["recent_transplant","ink_allergy"]}"#)
            .unwrap();
    assert_eq!(
        a.health,
        Some(vec![Health::RecentTransplant, Health::InkAllergy])
    );
}

#[test]
fn under_18_requires_in_person_assessment() {
    for &age in AgeBand::ALL {
        let mut a = male(Stage::N4, Some(Style::Buzz));
        a.age_band = Some(age);
        let r = rec(&a);
        if age == AgeBand::Under18 {
            assert_eq!(r.in_person, vec![InPerson::Under18]);
            assert_eq!(
                serde_json::to_value(&r).unwrap()["in_person"],
                json!(["under_18"])
            );
        } else {
            assert_eq!(r.in_person, vec![], "{age:?}");
        }
        assert_eq!(r.is_provisional(), age == AgeBand::Under18);
    }
}

#[test]
fn scar_not_healed_or_raised_requires_in_person_assessment() {
    // (healed, raised, expected)
    let cases: &[(Option<bool>, Option<bool>, &[InPerson])] = &[
        (Some(true), Some(false), &[]),
        (Some(false), Some(false), &[InPerson::ScarRecent]),
        (Some(true), Some(true), &[InPerson::ScarRaised]),
        (
            Some(false),
            Some(true),
            &[InPerson::ScarRecent, InPerson::ScarRaised],
        ),
        (None, None, &[]),
    ];
    for base_answers in [scar_only(), with_scar(male(Stage::N6, Some(Style::Buzz)))] {
        for &(healed, raised, expected) in cases {
            let a = Answers {
                scar_healed: healed,
                scar_raised: raised,
                ..base_answers.clone()
            };
            let r = rec(&a);
            assert_eq!(r.in_person, expected, "healed {healed:?} raised {raised:?}");
            assert_eq!(r.is_provisional(), !expected.is_empty());
        }
    }
    // Without scars, the scar follow-ups do not count (they are never asked).
    let mut a = male(Stage::N4, Some(Style::Buzz));
    a.scar_healed = Some(false);
    a.scar_raised = Some(true);
    assert_eq!(rec(&a).in_person, vec![]);
    let codes: Vec<_> = [InPerson::ScarRecent, InPerson::ScarRaised]
        .iter()
        .map(|c| c.code())
        .collect();
    assert_eq!(codes, ["scar_recent", "scar_raised"]);
}

#[test]
fn patchy_loss_not_stable_requires_in_person_assessment() {
    for progression in [
        Some(Progression::Slow),
        Some(Progression::Fast),
        Some(Progression::Unsure),
        None,
    ] {
        let a = Answers {
            progression,
            ..with_pattern(Pattern::Patchy, None, Some(Style::Buzz))
        };
        let r = rec(&a);
        assert_eq!(r.in_person, vec![InPerson::AreataActive], "{progression:?}");
        assert!(r.is_provisional());
        assert_eq!(r.approach, Approach::PatchBlending);
        assert_eq!(
            serde_json::to_value(&r).unwrap()["in_person"],
            json!(["areata_active"])
        );
    }
    let stable = rec(&with_pattern(Pattern::Patchy, None, Some(Style::Buzz)));
    assert_eq!(stable.in_person, vec![]);
    assert!(!stable.is_provisional());
    // Progressing loss of another pattern is a caution, not an in-person flag.
    let a = Answers {
        progression: Some(Progression::Fast),
        ..with_pattern(Pattern::Diffuse, None, None)
    };
    assert_eq!(rec(&a).in_person, vec![]);
}

#[test]
fn every_in_person_code_together_in_design_order() {
    let a = Answers {
        pattern: Some(Pattern::Patchy),
        progression: Some(Progression::Fast),
        health: Some(Health::ALL.to_vec()),
        age_band: Some(AgeBand::Under18),
        scars: Some(vec![Scar::Burn]),
        scar_healed: Some(false),
        scar_raised: Some(true),
        ..base()
    };
    let r = rec(&a);
    assert!(r.is_provisional());
    assert_eq!(
        serde_json::to_value(&r).unwrap()["in_person"],
        json!([
            "keloid",
            "scalp_condition",
            "blood_thinners",
            "pregnancy",
            "chemo",
            "immune",
            "diabetes",
            "ink_allergy",
            "recent_transplant",
            "under_18",
            "scar_recent",
            "scar_raised",
            "areata_active"
        ])
    );
}

#[test]
fn no_in_person_flags_means_not_provisional() {
    let r = rec(&male(Stage::N4, Some(Style::Buzz)));
    assert_eq!(r.in_person, vec![]);
    assert!(!r.is_provisional());
}

// ---------------------------------------------------------------------------------------------
// Pigment notes

#[test]
fn grey_and_salt_and_pepper_get_greyscale() {
    for &colour in HairColour::ALL {
        let mut a = male(Stage::N4, Some(Style::Longer));
        a.hair_colour = Some(colour);
        let has = rec(&a).pigment.contains(&PigmentNote::Greyscale);
        let expected = matches!(colour, HairColour::Grey | HairColour::SaltPepper);
        assert_eq!(has, expected, "{colour:?}");
    }
}

#[test]
fn skin_tone_pigment_notes() {
    for &tone in SkinTone::ALL {
        let mut a = male(Stage::N4, Some(Style::Longer));
        a.skin_tone = Some(tone);
        let expected: &[PigmentNote] = match tone.get() {
            1 | 2 => &[PigmentNote::LighterDilution],
            5 | 6 => &[PigmentNote::BolderImpressions],
            _ => &[],
        };
        assert_eq!(rec(&a).pigment, expected, "skin {}", tone.get());
    }
    let mut a = male(Stage::N4, Some(Style::Longer));
    a.skin_tone = None;
    assert_eq!(rec(&a).pigment, vec![]);
}

#[test]
fn blonde_or_red_with_buzz_cut_gets_darker_than_hair() {
    for &colour in HairColour::ALL {
        for a in every_main_profile() {
            let a = Answers {
                hair_colour: Some(colour),
                ..a
            };
            let r = rec(&a);
            let expected = matches!(colour, HairColour::Blonde | HairColour::Red)
                && r.approach == Approach::BuzzCut;
            assert_eq!(
                r.pigment.contains(&PigmentNote::DarkerThanHair),
                expected,
                "{a:?}"
            );
        }
    }
}

#[test]
fn pigment_notes_combine_in_rule_order() {
    let mut a = male(Stage::N6, Some(Style::Buzz));
    a.hair_colour = Some(HairColour::Red);
    a.skin_tone = SkinTone::new(1);
    assert_eq!(
        serde_json::to_value(rec(&a)).unwrap()["pigment"],
        json!(["lighter_dilution", "darker_than_hair"])
    );
    a.hair_colour = Some(HairColour::SaltPepper);
    a.skin_tone = SkinTone::new(6);
    assert_eq!(
        serde_json::to_value(rec(&a)).unwrap()["pigment"],
        json!(["greyscale", "bolder_impressions"])
    );
}

// ---------------------------------------------------------------------------------------------
// Cautions

#[test]
fn progressing_or_unsure_loss_gets_future_loss_first() {
    for (progression, future) in [
        (Some(Progression::Stable), false),
        (Some(Progression::Slow), true),
        (Some(Progression::Fast), true),
        (Some(Progression::Unsure), true),
        (None, false),
    ] {
        for a in every_main_profile() {
            if a.pattern == Some(Pattern::None) {
                continue; // progression is not asked for scar-only visitors
            }
            let a = Answers { progression, ..a };
            let r = rec(&a);
            assert_eq!(r.cautions.contains(&Caution::FutureLoss), future, "{a:?}");
            if future {
                assert_eq!(r.cautions[0], Caution::FutureLoss, "{a:?}");
                assert!(r.reasons.contains(&Reason::ChangingLoss));
            }
            if progression == Some(Progression::Stable) {
                assert!(r.reasons.contains(&Reason::StableLoss));
            }
        }
    }
}

#[test]
fn blonde_or_red_with_density_shading_gets_low_contrast() {
    for &colour in HairColour::ALL {
        for a in every_main_profile() {
            let a = Answers {
                hair_colour: Some(colour),
                ..a
            };
            let r = rec(&a);
            let expected = matches!(colour, HairColour::Blonde | HairColour::Red)
                && r.approach == Approach::DensityShading;
            assert_eq!(
                r.cautions.contains(&Caution::LowContrast),
                expected,
                "{a:?}"
            );
        }
    }
}

#[test]
fn cautions_combine_with_future_loss_first() {
    let cases: Vec<(Answers, serde_json::Value)> = vec![
        (
            Answers {
                progression: Some(Progression::Slow),
                ..with_pattern(Pattern::Patchy, None, None)
            },
            json!(["future_loss", "areata_regrowth"]),
        ),
        (
            Answers {
                progression: Some(Progression::Fast),
                ..male(Stage::N6, Some(Style::Longer))
            },
            json!(["future_loss", "longer_hair_not_possible"]),
        ),
        (
            Answers {
                progression: Some(Progression::Unsure),
                hair_colour: Some(HairColour::Blonde),
                ..female(Stage::L3, Some(Style::Longer))
            },
            json!(["future_loss", "limited_density", "low_contrast"]),
        ),
        (
            Answers {
                hair_colour: Some(HairColour::Red),
                ..female(Stage::L3, Some(Style::Buzz))
            },
            json!(["limited_density"]),
        ),
    ];
    for (a, expected) in cases {
        assert_eq!(
            serde_json::to_value(rec(&a)).unwrap()["cautions"],
            expected,
            "{a:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Hairline

#[test]
fn hairline_only_when_buzz_cut_rebuilds_the_front() {
    for a in every_main_profile() {
        let a = Answers {
            hairline: None,
            ..a
        };
        let r = rec(&a);
        let front = match a.pattern {
            Some(Pattern::Male) => a.stage != Some(Stage::N1),
            Some(Pattern::Total) => true,
            _ => false,
        };
        let expected = front && r.approach == Approach::BuzzCut;
        assert_eq!(r.hairline.is_some(), expected, "{a:?}");
        assert_eq!(QuestionId::Hairline.applies(&a), expected, "{a:?}");
    }
    // Spot checks of the branches.
    assert!(rec(&male(Stage::N2, Some(Style::Buzz))).hairline.is_some());
    assert!(rec(&male(Stage::N5, Some(Style::Longer)))
        .hairline
        .is_some());
    assert!(rec(&male(Stage::N7, None)).hairline.is_some());
    assert!(rec(&with_pattern(Pattern::Total, None, None))
        .hairline
        .is_some());
    assert!(rec(&male(Stage::N2, Some(Style::Longer)))
        .hairline
        .is_none());
    assert!(rec(&male(Stage::N3, Some(Style::Unsure)))
        .hairline
        .is_none());
    assert!(rec(&male(Stage::N1, Some(Style::Buzz))).hairline.is_none());
    assert!(rec(&female(Stage::L3, Some(Style::Buzz)))
        .hairline
        .is_none());
    let diffuse_buzz = with_pattern(Pattern::Diffuse, None, Some(Style::Buzz));
    assert!(rec(&diffuse_buzz).hairline.is_none());
    let patchy_buzz = with_pattern(Pattern::Patchy, None, Some(Style::Buzz));
    assert!(rec(&patchy_buzz).hairline.is_none());
}

#[test]
fn chosen_hairline_is_kept() {
    for chosen in [Hairline::Soft, Hairline::Defined, Hairline::Mature] {
        for &age in AgeBand::ALL {
            let a = Answers {
                hairline: Some(chosen),
                age_band: Some(age),
                ..male(Stage::N5, Some(Style::Buzz))
            };
            assert_eq!(rec(&a).hairline, Some(chosen), "{chosen:?} {age:?}");
        }
    }
}

#[test]
fn unsure_or_absent_hairline_is_mature_from_45_else_soft() {
    let ages: [(Option<AgeBand>, Hairline); 7] = [
        (Some(AgeBand::Under18), Hairline::Soft),
        (Some(AgeBand::From18To24), Hairline::Soft),
        (Some(AgeBand::From25To34), Hairline::Soft),
        (Some(AgeBand::From35To44), Hairline::Soft),
        (Some(AgeBand::From45To54), Hairline::Mature),
        (Some(AgeBand::From55), Hairline::Mature),
        (None, Hairline::Soft),
    ];
    for (age_band, expected) in ages {
        for hairline in [Some(Hairline::Unsure), None] {
            for base_answers in [
                male(Stage::N4, Some(Style::Buzz)),
                with_pattern(Pattern::Total, None, None),
            ] {
                let a = Answers {
                    age_band,
                    hairline,
                    ..base_answers
                };
                let r = rec(&a);
                assert_eq!(r.hairline, Some(expected), "{age_band:?} {hairline:?}");
                assert_ne!(r.hairline, Some(Hairline::Unsure));
            }
        }
    }
}

#[test]
fn hairline_answer_is_ignored_when_no_hairline_is_rebuilt() {
    let a = Answers {
        hairline: Some(Hairline::Defined),
        ..male(Stage::N3, Some(Style::Longer))
    };
    assert_eq!(rec(&a).hairline, None);
}

// ---------------------------------------------------------------------------------------------
// Price

#[test]
fn price_from_design_config() {
    let table = design_table();
    assert_eq!(table.currency, "GBP");
    let price = |a: &Answers| recommend(a, Some(&table)).unwrap().price;
    let gbp = |min, max| {
        Some(Price {
            currency: "GBP".into(),
            min,
            max,
        })
    };
    // Medium buzz cut → GBP 850–1500, serialised as in DESIGN.
    let medium_buzz = male(Stage::N4, Some(Style::Buzz));
    assert_eq!(price(&medium_buzz), gbp(850, 1500));
    assert_eq!(
        serde_json::to_value(recommend(&medium_buzz, Some(&table)).unwrap()).unwrap()["price"],
        json!({"currency":"GBP","min":850,"max":1500})
    );
    assert_eq!(
        price(&with_pattern(Pattern::Diffuse, None, Some(Style::Buzz))),
        gbp(850, 1500)
    );
    // Small buzz cut.
    assert_eq!(price(&male(Stage::N2, Some(Style::Buzz))), gbp(400, 850));
    assert_eq!(price(&female(Stage::L1, Some(Style::Buzz))), gbp(400, 850));
    // Scar camouflage, small.
    assert_eq!(price(&scar_only()), gbp(500, 900));
    assert_eq!(price(&with_scar(male(Stage::N1, None))), gbp(500, 900));
    // No entry → no price.
    assert_eq!(price(&male(Stage::N6, Some(Style::Buzz))), None);
    assert_eq!(price(&with_pattern(Pattern::Total, None, None)), None);
    assert_eq!(price(&male(Stage::N2, Some(Style::Longer))), None);
    assert_eq!(price(&with_pattern(Pattern::Patchy, None, None)), None);
    assert_eq!(price(&male(Stage::N1, None)), None);
    // No table → no price.
    assert_eq!(recommend(&medium_buzz, None).unwrap().price, None);
    assert_eq!(
        recommend(&medium_buzz, Some(&PriceTable::default()))
            .unwrap()
            .price,
        None
    );
}

#[test]
fn scar_add_on_does_not_change_the_price() {
    let table = design_table();
    for a in [
        male(Stage::N2, Some(Style::Buzz)),
        male(Stage::N4, Some(Style::Buzz)),
        male(Stage::N7, Some(Style::Buzz)),
        female(Stage::L2, None),
    ] {
        let without = recommend(&a, Some(&table)).unwrap();
        let with = recommend(&with_scar(a.clone()), Some(&table)).unwrap();
        assert_eq!(with.add_ons, vec![Approach::ScarCamouflage]);
        assert_eq!(with.price, without.price, "{a:?}");
    }
}

#[test]
fn price_table_lookup_directly() {
    let table = design_table();
    assert_eq!(
        table.price(Approach::BuzzCut, Extent::Medium),
        Some(Price {
            currency: "GBP".into(),
            min: 850,
            max: 1500
        })
    );
    assert_eq!(table.price(Approach::BuzzCut, Extent::Large), None);
    assert_eq!(table.price(Approach::ScarCamouflage, Extent::Medium), None);
    assert_eq!(table.price(Approach::DensityShading, Extent::Small), None);
}

// ---------------------------------------------------------------------------------------------
// JSON shapes

#[test]
fn design_example_answers_give_design_example_output() {
    let answers = answers(DESIGN_ANSWERS).unwrap();
    assert_eq!(answers.pattern, Some(Pattern::Male));
    assert_eq!(answers.stage, Some(Stage::N4));
    assert_eq!(answers.progression, Some(Progression::Slow));
    assert_eq!(answers.style, Some(Style::Buzz));
    assert_eq!(answers.hair_colour, Some(HairColour::DarkBrown));
    assert_eq!(answers.skin_tone, SkinTone::new(3));
    assert_eq!(answers.scars, Some(vec![]));
    assert_eq!(answers.health, Some(vec![]));
    assert_eq!(answers.age_band, Some(AgeBand::From35To44));
    assert_eq!(answers.hairline, Some(Hairline::Unsure));

    let mut got = serde_json::to_value(recommend(&answers, None).unwrap()).unwrap();
    let reasons = got.as_object_mut().unwrap().remove("reasons").unwrap();
    assert!(!reasons.as_array().unwrap().is_empty());
    assert_eq!(
        got,
        json!({
            "approach": "buzz_cut",
            "alternative": null,
            "add_ons": [],
            "extent": "medium",
            "sessions": {"min": 3, "max": 3},
            "hours_per_session": {"min": 3, "max": 4},
            "hairline": "soft",
            "pigment": [],
            "cautions": ["future_loss"],
            "in_person": [],
            "price": null
        })
    );
}

#[test]
fn answers_json_round_trips() {
    let original: serde_json::Value = serde_json::from_str(DESIGN_ANSWERS).unwrap();
    let read = answers(DESIGN_ANSWERS).unwrap();
    assert_eq!(serde_json::to_value(&read).unwrap(), original);
    let again = answers(&serde_json::to_string(&read).unwrap()).unwrap();
    assert_eq!(again, read);

    let full = Answers {
        pattern: Some(Pattern::None),
        scars: Some(vec![Scar::FutStrip, Scar::Burn]),
        scar_healed: Some(false),
        scar_raised: Some(true),
        health: Some(vec![Health::BloodThinners]),
        age_band: Some(AgeBand::From55),
        ..base()
    };
    let v = serde_json::to_value(&full).unwrap();
    assert_eq!(v["scars"], json!(["fut_strip", "burn"]));
    assert_eq!(v["scar_healed"], json!(false));
    assert_eq!(v["scar_raised"], json!(true));
    assert_eq!(v["age_band"], json!("55_plus"));
    assert_eq!(v["skin_tone"], json!(3));
    assert_eq!(Answers::from_raw(&raw(&v)).unwrap(), full);
    assert_eq!(
        Answers::from_raw(&raw(&serde_json::to_value(Answers::default()).unwrap())).unwrap(),
        Answers::default()
    );
}

#[test]
fn answers_codes_serialise_as_design_says() {
    for &p in Pattern::ALL {
        assert_eq!(serde_json::to_value(p).unwrap(), json!(p.code()));
    }
    for &s in Stage::ALL {
        assert_eq!(serde_json::to_value(s).unwrap(), json!(s.code()));
    }
    for &a in AgeBand::ALL {
        assert_eq!(serde_json::to_value(a).unwrap(), json!(a.code()));
    }
    let pattern_codes: Vec<_> = Pattern::ALL.iter().map(|p| p.code()).collect();
    assert_eq!(
        pattern_codes,
        ["male", "female", "diffuse", "patchy", "total", "none"]
    );
    let stage_codes: Vec<_> = Stage::ALL.iter().map(|s| s.code()).collect();
    assert_eq!(
        stage_codes,
        ["n1", "n2", "n3", "n3v", "n4", "n5", "n6", "n7", "l1", "l2", "l3"]
    );
    let age_codes: Vec<_> = AgeBand::ALL.iter().map(|a| a.code()).collect();
    assert_eq!(
        age_codes,
        ["under_18", "18_24", "25_34", "35_44", "45_54", "55_plus"]
    );
    let colour_codes: Vec<_> = HairColour::ALL.iter().map(|c| c.code()).collect();
    assert_eq!(
        colour_codes,
        [
            "black",
            "dark_brown",
            "medium_brown",
            "light_brown",
            "blonde",
            "red",
            "grey",
            "salt_pepper"
        ]
    );
    let scar_codes: Vec<_> = Scar::ALL.iter().map(|c| c.code()).collect();
    assert_eq!(scar_codes, ["fut_strip", "fue_dots", "surgical", "burn"]);
    let health_codes: Vec<_> = Health::ALL.iter().map(|c| c.code()).collect();
    assert_eq!(
        health_codes,
        [
            "keloid",
            "scalp_condition",
            "blood_thinners",
            "pregnancy",
            "chemo",
            "immune",
            "diabetes",
            "ink_allergy",
            "recent_transplant"
        ]
    );
    for &c in Approach::ALL {
        assert_eq!(serde_json::to_value(c).unwrap(), json!(c.code()));
    }
}

#[test]
fn null_for_skipped_fields_is_accepted() {
    let a = answers(
        r#"{"pattern":"total","stage":null,"progression":"stable","style":null,"hair_colour":"black","skin_tone":5,"scars":null,"scar_healed":null,"scar_raised":null,"health":null,"age_band":"25_34","hairline":null}"#,
    )
    .unwrap();
    assert_eq!(a.pattern, Some(Pattern::Total));
    assert_eq!(a.stage, None);
    assert_eq!(a.style, None);
    assert_eq!(a.scars, None);
    assert_eq!(a.scar_healed, None);
    assert_eq!(a.health, None);
    assert_eq!(a.hairline, None);
    let r = rec(&a);
    assert_eq!(r.approach, Approach::BuzzCut);
    // Absent fields are accepted too, and skipped fields are left out when serialised.
    let b = answers(r#"{"pattern":"male","stage":"n3v"}"#).unwrap();
    assert_eq!(b.stage, Some(Stage::N3v));
    assert_eq!(
        serde_json::to_value(&b).unwrap(),
        json!({"pattern":"male","stage":"n3v"})
    );
    assert_eq!(serde_json::to_value(Answers::default()).unwrap(), json!({}));
    assert_eq!(answers("{}").unwrap(), Answers::default());
    assert_eq!(answers("null").unwrap(), Answers::default());
    // Unknown keys are ignored; repeated list items are kept once.
    let c = answers(r#"{"pattern":"patchy","colour":"x","health":["keloid","keloid"]}"#).unwrap();
    assert_eq!(c.health, Some(vec![Health::Keloid]));
    assert_eq!(
        rec(&c).in_person,
        vec![InPerson::Keloid, InPerson::AreataActive]
    );
}

#[test]
fn bad_codes_are_rejected_naming_the_field() {
    for (bad, field) in [
        (r#"{"stage":"n9"}"#, "stage"),
        (r#"{"stage":"N4"}"#, "stage"),
        (r#"{"pattern":"Male"}"#, "pattern"),
        (r#"{"pattern":"bald"}"#, "pattern"),
        (r#"{"pattern":1}"#, "pattern"),
        (r#"{"skin_tone":7}"#, "skin_tone"),
        (r#"{"skin_tone":0}"#, "skin_tone"),
        (r#"{"skin_tone":-1}"#, "skin_tone"),
        (r#"{"skin_tone":3.5}"#, "skin_tone"),
        (r#"{"skin_tone":259}"#, "skin_tone"),
        (r#"{"skin_tone":"seven"}"#, "skin_tone"),
        (r#"{"hair_colour":"purple"}"#, "hair_colour"),
        (r#"{"scars":["tattoo"]}"#, "scars"),
        (r#"{"scars":"fut_strip"}"#, "scars"),
        (r#"{"health":["flu"]}"#, "health"),
        (r#"{"age_band":"55+"}"#, "age_band"),
        (r#"{"hairline":"sharp"}"#, "hairline"),
        (r#"{"progression":"stable_12m"}"#, "progression"),
        (r#"{"style":"mohawk"}"#, "style"),
        (r#"{"scar_healed":"yes"}"#, "scar_healed"),
        (r#"{"scar_raised":1}"#, "scar_raised"),
        (r#"["male"]"#, "answers"),
        (r#""male""#, "answers"),
    ] {
        let err = answers(bad).expect_err(bad);
        assert_eq!(err.field, field, "{bad}");
        assert!(!err.expected.is_empty(), "{bad}");
        assert!(err.to_string().contains(field), "{bad}");
    }
    for tone in 1..=6 {
        let a = Answers::from_raw(&raw(&json!({ "skin_tone": tone }))).unwrap();
        assert_eq!(a.skin_tone.map(SkinTone::get), Some(tone));
    }
    // A skin tone typed as a string (a form value) is read as its number.
    assert_eq!(
        answers(r#"{"skin_tone":"4"}"#).unwrap().skin_tone,
        SkinTone::new(4)
    );
    // The error lists what was expected.
    let err = answers(r#"{"stage":"n9"}"#).unwrap_err();
    assert!(err.expected.contains("n3v"), "{}", err.expected);
}

// ---------------------------------------------------------------------------------------------
// Errors

#[test]
fn recommend_errors() {
    assert_eq!(
        recommend(&Answers::default(), None),
        Err(RecommendError::Missing("pattern"))
    );
    let no_pattern = Answers {
        stage: Some(Stage::N4),
        ..base()
    };
    assert_eq!(
        recommend(&no_pattern, None),
        Err(RecommendError::Missing("pattern"))
    );
    for pattern in [Pattern::Male, Pattern::Female] {
        assert_eq!(
            recommend(&with_pattern(pattern, None, Some(Style::Buzz)), None),
            Err(RecommendError::Missing("stage"))
        );
    }
    assert_eq!(
        recommend(&female(Stage::N4, Some(Style::Buzz)), None),
        Err(RecommendError::StageMismatch)
    );
    assert_eq!(
        recommend(&male(Stage::L2, Some(Style::Buzz)), None),
        Err(RecommendError::StageMismatch)
    );
    assert!(RecommendError::Missing("stage")
        .to_string()
        .contains("stage"));
    // The other patterns need no stage, and every other answer has a default.
    for pattern in [
        Pattern::Diffuse,
        Pattern::Patchy,
        Pattern::Total,
        Pattern::None,
    ] {
        let a = Answers {
            pattern: Some(pattern),
            ..Answers::default()
        };
        assert!(recommend(&a, None).is_ok(), "{pattern:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Config

#[test]
fn currency_validation() {
    for ok in ["GBP", "EUR", "USD", "CHF"] {
        let table = prices(json!({"currency": ok, "prices": {}}))
            .unwrap()
            .unwrap();
        assert_eq!(table.currency, ok);
    }
    for bad in [
        json!("gbp"),
        json!(""),
        json!("GB"),
        json!("GBPX"),
        json!("£"),
        json!("G1P"),
        json!(" GBP"),
        json!("ÉUR"),
        json!(826),
        json!(null),
    ] {
        let err = prices(json!({"currency": bad, "prices": {"buzz_cut": {"small": [1, 2]}}}))
            .expect_err("bad currency");
        assert_eq!(err.field, "currency", "{bad}");
        let config_error = ConfigError::from(err);
        let ConfigError::Invalid { item, .. } = &config_error;
        assert_eq!(item, "currency");
        assert!(config_error.to_string().contains("currency"));
    }
    let err = prices(json!({"prices": {"buzz_cut": {"small": [1, 2]}}})).unwrap_err();
    assert_eq!(err.field, "currency", "prices without a currency");
    // No prices: no table, whatever the currency says.
    assert_eq!(prices(json!({})), Ok(None));
    assert_eq!(prices(json!({"currency": "GBP"})), Ok(None));
    assert_eq!(prices(json!({"currency": "GBP", "prices": null})), Ok(None));
}

#[test]
fn endpoint_validation() {
    for ok in [
        "https://example.test/leads",
        "https://hooks.zapier.com/hooks/catch/1/abc/",
        "https://example.com",
        "https://example.com:8443/x?y=1",
        "http://127.0.0.1:8787/x",
        "http://localhost:3000/leads",
        "http://localhost/leads",
        "http://127.0.0.1/",
    ] {
        assert!(validate_endpoint(ok).is_ok(), "{ok} should be accepted");
    }
    for bad in [
        "",
        "http://example.com",
        "http://example.com/leads",
        "http://localhost.example.com/x",
        "http://127.0.0.1.example.com/x",
        "javascript:alert(1)",
        "data:text/html,hi",
        "ftp://example.com/x",
        "//example.com/x",
        "/leads",
        "example.com",
        "https://",
        "https:///path",
        "https://exa mple.com/x",
        "HTTPS://example.com",
    ] {
        let err = validate_endpoint(bad).unwrap_err();
        let ConfigError::Invalid { item, .. } = &err;
        assert_eq!(item, "endpoint", "{bad}");
    }
}

#[test]
fn endpoint_userinfo_does_not_pass_as_loopback() {
    // The host of this URL is evil.example (`localhost:80` is userinfo): plain http to a
    // remote host, which validate_endpoint's contract forbids.
    assert!(validate_endpoint("http://localhost:80@evil.example/leads").is_err());
    assert!(validate_endpoint("http://127.0.0.1:1@evil.example/").is_err());
}

#[test]
fn endpoint_ipv6_loopback_without_port() {
    assert!(validate_endpoint("http://[::1]:8787/x").is_ok());
    assert!(validate_endpoint("http://[::1]/x").is_ok());
}

#[test]
fn price_table_rejects_min_above_max_naming_the_item() {
    let err = prices(json!({
        "currency": "EUR",
        "prices": {
            "buzz_cut": {"small": [900, 400], "medium": [850, 1500]},
            "density_shading": {"large": [1000, 1000]}
        }
    }))
    .unwrap_err();
    assert_eq!(err.field, "prices.buzz_cut.small");
    let config_error = ConfigError::from(err);
    let ConfigError::Invalid { item, .. } = &config_error;
    assert_eq!(item, "prices.buzz_cut.small");
    assert!(config_error.to_string().contains("prices.buzz_cut.small"));

    // min == max is a fixed price, and fine.
    let table = prices(json!({
        "currency": "EUR",
        "prices": {"buzz_cut": {"medium": [850, 1500]}, "density_shading": {"large": [1000, 1000]}}
    }))
    .unwrap()
    .unwrap();
    assert_eq!(
        table.price(Approach::BuzzCut, Extent::Medium),
        Some(Price {
            currency: "EUR".into(),
            min: 850,
            max: 1500
        })
    );
    assert_eq!(
        table
            .price(Approach::DensityShading, Extent::Large)
            .map(|p| (p.min, p.max)),
        Some((1000, 1000))
    );
}

#[test]
fn bad_price_items_are_rejected_naming_the_item() {
    for (bad, item) in [
        (json!({"laser": {"small": [1, 2]}}), "prices.laser"),
        (
            json!({"buzz_cut": {"huge": [1, 2]}}),
            "prices.buzz_cut.huge",
        ),
        (json!({"buzz_cut": {"small": [1]}}), "prices.buzz_cut.small"),
        (
            json!({"buzz_cut": {"small": [1, 2, 3]}}),
            "prices.buzz_cut.small",
        ),
        (
            json!({"buzz_cut": {"small": [-1, 2]}}),
            "prices.buzz_cut.small",
        ),
        (
            json!({"buzz_cut": {"small": [1.5, 2]}}),
            "prices.buzz_cut.small",
        ),
        (
            json!({"buzz_cut": {"small": ["400", "850"]}}),
            "prices.buzz_cut.small",
        ),
        (
            json!({"buzz_cut": {"small": "400-850"}}),
            "prices.buzz_cut.small",
        ),
        (json!({"buzz_cut": [400, 850]}), "prices.buzz_cut"),
        (json!([400, 850]), "prices"),
    ] {
        let err = prices(json!({"currency": "GBP", "prices": bad})).expect_err("bad price");
        assert_eq!(err.field, item, "{bad}");
    }
}
