//! The price table's shape and its examples: which approach × extent a result can show (found
//! by asking the widget's own `recommend`, not listed by hand), a visitor's answers that lead to
//! each (for the preview's "jump to a sample result"), and example prices in a currency.

use smp_consult::domain::flow::{self, Step};
use smp_consult::domain::raw::Raw;
use smp_consult::domain::recommend::recommend;
use smp_consult::domain::{Answers, Approach, Extent, Pattern, Stage, Style};

/// One priced result: an approach at an extent, and answers that lead to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub approach: Approach,
    pub extent: Extent,
    pub answers: Answers,
}

/// Every approach × extent a visitor's result can carry a price for, in the order the price
/// table shows them, each with the first answers (in question order) that lead to it.
pub fn samples() -> Vec<Sample> {
    let mut found: Vec<Sample> = Vec::new();
    for answers in answer_sets() {
        let Ok(result) = recommend(&answers, None) else {
            continue;
        };
        if result.approach == Approach::NoneNeeded {
            continue;
        }
        let known = found
            .iter()
            .any(|s| s.approach == result.approach && s.extent == result.extent);
        if !known {
            found.push(Sample {
                approach: result.approach,
                extent: result.extent,
                answers,
            });
        }
    }
    let rank = |s: &Sample| {
        let a = Approach::ALL.iter().position(|a| *a == s.approach);
        let e = Extent::ALL.iter().position(|e| *e == s.extent);
        (a, e)
    };
    found.sort_by_key(rank);
    found
}

/// Complete answer sets over what decides approach and extent (pattern, stage, style), with
/// an ordinary visitor's answers to the rest.
fn answer_sets() -> Vec<Answers> {
    let mut sets = Vec::new();
    for pattern in Pattern::ALL {
        let stages: Vec<Option<Stage>> = std::iter::once(None)
            .chain(Stage::ALL.iter().copied().map(Some))
            .collect();
        for stage in stages {
            for style in [
                None,
                Some(Style::Buzz),
                Some(Style::Longer),
                Some(Style::Unsure),
            ] {
                let Ok(mut answers) = Answers::from_raw(&ordinary(*pattern, stage, style)) else {
                    continue;
                };
                answers.prune();
                if flow::first_open(&answers) == Step::Result && !sets.contains(&answers) {
                    sets.push(answers);
                }
            }
        }
    }
    sets
}

/// A visitor with stable loss, dark brown hair, skin type 3, no health flags, aged 35–44; a
/// scar (healed, flat) only when the pattern is "no hair loss, cover a scar".
fn ordinary(pattern: Pattern, stage: Option<Stage>, style: Option<Style>) -> Raw {
    let text = |s: &str| Raw::Text(s.into());
    let mut entries = vec![
        ("pattern".to_string(), text(pattern.code())),
        ("progression".into(), text("stable")),
        ("hair_colour".into(), text("dark_brown")),
        ("skin_tone".into(), Raw::Number(3.0)),
        ("health".into(), Raw::List(vec![])),
        ("age_band".into(), text("35_44")),
        ("hairline".into(), text("unsure")),
    ];
    if let Some(stage) = stage {
        entries.push(("stage".into(), text(stage.code())));
    }
    if let Some(style) = style {
        entries.push(("style".into(), text(style.code())));
    }
    if pattern == Pattern::None {
        entries.push(("scars".into(), Raw::List(vec![text("surgical")])));
        entries.push(("scar_healed".into(), Raw::Bool(true)));
        entries.push(("scar_raised".into(), Raw::Bool(false)));
    } else {
        entries.push(("scars".into(), Raw::List(vec![])));
    }
    Raw::Object(entries)
}

/// Typical clinic prices in pounds (what UK clinics list), as `[min, max]`.
fn typical_gbp(approach: Approach, extent: Extent) -> [u32; 2] {
    match (approach, extent) {
        (Approach::BuzzCut, Extent::Small) => [400, 850],
        (Approach::BuzzCut, Extent::Medium) => [850, 1500],
        (Approach::BuzzCut, Extent::Large) => [1500, 2200],
        (Approach::DensityShading, Extent::Small) => [450, 900],
        (Approach::DensityShading, Extent::Medium) => [700, 1200],
        (Approach::DensityShading, Extent::Large) => [900, 1600],
        (Approach::ScarCamouflage, _) => [500, 900],
        (Approach::PatchBlending, _) => [400, 800],
        (Approach::NoneNeeded, _) => [0, 0],
    }
}

/// Roughly how many units of a currency buy a pound's worth of SMP (rounded, for examples only).
const PER_POUND: &[(&str, f64)] = &[
    ("GBP", 1.0),
    ("EUR", 1.2),
    ("USD", 1.3),
    ("CHF", 1.15),
    ("CAD", 1.8),
    ("AUD", 2.0),
    ("NZD", 2.2),
    ("SEK", 13.5),
    ("NOK", 13.5),
    ("DKK", 8.5),
    ("PLN", 5.0),
    ("CZK", 29.0),
    ("HUF", 470.0),
    ("RON", 6.0),
    ("BRL", 6.5),
    ("MXN", 23.0),
    ("ZAR", 23.0),
    ("AED", 4.7),
    ("TRY", 40.0),
    ("INR", 105.0),
    ("JPY", 190.0),
];

/// Currencies offered first in the currency field.
pub fn common_currencies() -> impl Iterator<Item = &'static str> {
    PER_POUND.iter().map(|(code, _)| *code)
}

/// An example price for a cell in `currency`, rounded the way price lists are (to 50s in
/// the hundreds, 100s in the thousands…). Unknown currencies get the pound figures.
pub fn example_price(currency: &str, approach: Approach, extent: Extent) -> [u32; 2] {
    let rate = PER_POUND
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(currency.trim()))
        .map_or(1.0, |(_, rate)| *rate);
    typical_gbp(approach, extent).map(|gbp| round_price(f64::from(gbp) * rate))
}

fn round_price(value: f64) -> u32 {
    let mut step = 50.0;
    while value >= step * 40.0 {
        step *= 10.0;
    }
    let rounded = (value / step).round() * step;
    rounded.max(step).min(f64::from(u32::MAX)) as u32
}
