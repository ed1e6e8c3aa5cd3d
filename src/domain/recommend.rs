//! `recommend()`: the rules of DESIGN.md "Recommendation rules", as one pure function.
//!
//! It returns codes, never display text; `i18n` turns them into words.

use serde::{Deserialize, Serialize};

use super::codes::codes;
pub use super::codes::{Approach, Extent};
pub use super::price::Price;
use super::price::PriceTable;

use super::answers::{
    AgeBand, Answers, HairColour, Hairline, Health, Pattern, Progression, Stage, Style,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PigmentNote {
    Greyscale,
    LighterDilution,
    BolderImpressions,
    DarkerThanHair,
}
codes!(PigmentNote { Greyscale => "greyscale", LighterDilution => "lighter_dilution", BolderImpressions => "bolder_impressions", DarkerThanHair => "darker_than_hair" });

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Caution {
    FutureLoss,
    LowContrast,
    AreataRegrowth,
    LongerHairNotPossible,
    LimitedDensity,
    /// A past reaction to ink or pigment: the clinic tests a small spot first.
    PatchTest,
    /// A recent hair transplant: SMP waits until the area has healed and shed.
    TransplantSettle,
}
codes!(Caution { FutureLoss => "future_loss", LowContrast => "low_contrast", AreataRegrowth => "areata_regrowth", LongerHairNotPossible => "longer_hair_not_possible", LimitedDensity => "limited_density", PatchTest => "patch_test", TransplantSettle => "transplant_settle" });

/// Why the clinic must see the visitor before quoting or treating.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InPerson {
    Keloid,
    ScalpCondition,
    BloodThinners,
    Pregnancy,
    Chemo,
    Immune,
    Diabetes,
    InkAllergy,
    RecentTransplant,
    Under18,
    ScarRecent,
    ScarRaised,
    AreataActive,
}
codes!(InPerson { Keloid => "keloid", ScalpCondition => "scalp_condition", BloodThinners => "blood_thinners", Pregnancy => "pregnancy", Chemo => "chemo", Immune => "immune", Diabetes => "diabetes", InkAllergy => "ink_allergy", RecentTransplant => "recent_transplant", Under18 => "under_18", ScarRecent => "scar_recent", ScarRaised => "scar_raised", AreataActive => "areata_active" });

/// The answers that led to the outcome, shown as "Why this suits you".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// No hair loss; the visitor wants a scar covered.
    ScarOnly,
    /// Complete loss: the whole head is rebuilt.
    CompleteLoss,
    /// Patchy loss: patches blended into the hair around them.
    PatchyLoss,
    /// Thinning all over: shading between hairs.
    DiffuseThinning,
    /// Norwood 1: the hairline has barely moved.
    MinimalLoss,
    /// Early or moderate stage: enough hair left to shade between.
    HairToShade,
    /// Advanced stage: too little hair on top for shading to look dense.
    AdvancedLoss,
    /// The visitor prefers a shaved look.
    PrefersBuzz,
    /// The visitor wants to keep hair longer.
    PrefersLonger,
    /// The visitor is not sure about style.
    StyleOpen,
    /// Scars will be camouflaged too.
    ScarsToCover,
    /// Loss has been stable for a year or more.
    StableLoss,
    /// Loss is still progressing (or may be).
    ChangingLoss,
}
codes!(Reason { ScarOnly => "scar_only", CompleteLoss => "complete_loss", PatchyLoss => "patchy_loss", DiffuseThinning => "diffuse_thinning", MinimalLoss => "minimal_loss", HairToShade => "hair_to_shade", AdvancedLoss => "advanced_loss", PrefersBuzz => "prefers_buzz", PrefersLonger => "prefers_longer", StyleOpen => "style_open", ScarsToCover => "scars_to_cover", StableLoss => "stable_loss", ChangingLoss => "changing_loss" });

/// An inclusive whole-number range, e.g. sessions 2–3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub min: u32,
    pub max: u32,
}

const fn range(min: u32, max: u32) -> Range {
    Range { min, max }
}

/// The outcome of a consultation. Option fields serialise as `null` (DESIGN's JSON shape).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub approach: Approach,
    pub alternative: Option<Approach>,
    #[serde(deserialize_with = "super::checked::list")]
    pub add_ons: Vec<Approach>,
    pub extent: Extent,
    /// `None` when no treatment is needed.
    pub sessions: Option<Range>,
    /// `None` when no treatment is needed.
    pub hours_per_session: Option<Range>,
    /// The suggested hairline, only when the result rebuilds one (never `Unsure`).
    pub hairline: Option<Hairline>,
    #[serde(deserialize_with = "super::checked::list")]
    pub pigment: Vec<PigmentNote>,
    #[serde(deserialize_with = "super::checked::list")]
    pub cautions: Vec<Caution>,
    #[serde(deserialize_with = "super::checked::list")]
    pub in_person: Vec<InPerson>,
    pub price: Option<Price>,
    #[serde(deserialize_with = "super::checked::list")]
    pub reasons: Vec<Reason>,
}

impl Recommendation {
    /// In-person flags make the result provisional (still shown, lead form still offered).
    pub fn is_provisional(&self) -> bool {
        !self.in_person.is_empty()
    }
}

/// Why answers cannot be turned into a recommendation yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RecommendError {
    #[error("the answer `{0}` is needed for a recommendation")]
    Missing(&'static str),
    #[error("the answer `stage` does not belong to the chosen `pattern`")]
    StageMismatch,
}

/// The approach chosen from pattern, stage, style and scars, before any detail.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Plan {
    approach: Approach,
    alternative: Option<Approach>,
    extent: Extent,
    cautions: Vec<Caution>,
    reasons: Vec<Reason>,
}

fn extent_of_stage(stage: Stage) -> Extent {
    use Stage::*;
    match stage {
        N1 | N2 | N3 | L1 => Extent::Small,
        N3v | N4 | N5 | L2 => Extent::Medium,
        N6 | N7 | L3 => Extent::Large,
    }
}

fn plan(answers: &Answers) -> Result<Plan, RecommendError> {
    let pattern = answers.pattern.ok_or(RecommendError::Missing("pattern"))?;
    let style = answers.style.unwrap_or(Style::Unsure);
    let style_reason = match style {
        Style::Buzz => Reason::PrefersBuzz,
        Style::Longer => Reason::PrefersLonger,
        Style::Unsure => Reason::StyleOpen,
    };
    let mut plan = Plan {
        approach: Approach::DensityShading,
        alternative: None,
        extent: Extent::Small,
        cautions: Vec::new(),
        reasons: Vec::new(),
    };
    match pattern {
        Pattern::None => {
            plan.approach = Approach::ScarCamouflage;
            plan.reasons.push(Reason::ScarOnly);
        }
        Pattern::Total => {
            plan.approach = Approach::BuzzCut;
            plan.extent = Extent::Large;
            plan.reasons.push(Reason::CompleteLoss);
        }
        Pattern::Patchy => {
            plan.approach = Approach::PatchBlending;
            plan.cautions.push(Caution::AreataRegrowth);
            plan.reasons.push(Reason::PatchyLoss);
        }
        Pattern::Diffuse => {
            plan.extent = Extent::Medium;
            plan.reasons.push(Reason::DiffuseThinning);
            if style == Style::Buzz {
                plan.approach = Approach::BuzzCut;
            }
            plan.reasons.push(style_reason);
        }
        Pattern::Male | Pattern::Female => {
            let stage = answers.stage.ok_or(RecommendError::Missing("stage"))?;
            if !stage.fits(pattern) {
                return Err(RecommendError::StageMismatch);
            }
            plan.extent = extent_of_stage(stage);
            match stage {
                Stage::N1 if answers.has_scars() => {
                    // Little hair loss to treat, but a scar is worth treating: the scar leads.
                    plan.approach = Approach::ScarCamouflage;
                    plan.reasons.push(Reason::MinimalLoss);
                }
                Stage::N1 => {
                    plan.approach = Approach::NoneNeeded;
                    plan.reasons.push(Reason::MinimalLoss);
                }
                Stage::N2 | Stage::N3 | Stage::N3v | Stage::N4 => {
                    plan.reasons.push(Reason::HairToShade);
                    plan.reasons.push(style_reason);
                    match style {
                        Style::Buzz => plan.approach = Approach::BuzzCut,
                        Style::Longer => {}
                        Style::Unsure => plan.alternative = Some(Approach::BuzzCut),
                    }
                }
                Stage::N5 | Stage::N6 | Stage::N7 => {
                    plan.approach = Approach::BuzzCut;
                    plan.reasons.push(Reason::AdvancedLoss);
                    plan.reasons.push(style_reason);
                    if style == Style::Longer {
                        plan.cautions.push(Caution::LongerHairNotPossible);
                    }
                }
                Stage::L1 | Stage::L2 | Stage::L3 => {
                    plan.reasons.push(if stage == Stage::L3 {
                        Reason::AdvancedLoss
                    } else {
                        Reason::HairToShade
                    });
                    plan.reasons.push(style_reason);
                    if style == Style::Buzz {
                        plan.approach = Approach::BuzzCut;
                    }
                    if stage == Stage::L3 {
                        plan.cautions.push(Caution::LimitedDensity);
                    }
                }
            }
        }
    }
    Ok(plan)
}

/// Whether the result rebuilds a hairline, so the hairline question applies:
/// a buzz-cut look where the stage involves the front (Norwood 2–7), or complete loss.
pub fn rebuilds_hairline(answers: &Answers) -> bool {
    let Ok(plan) = plan(answers) else {
        return false;
    };
    plan.approach == Approach::BuzzCut
        && match answers.pattern {
            Some(Pattern::Total) => true,
            Some(Pattern::Male) => answers.stage.is_some_and(|s| s != Stage::N1),
            _ => false,
        }
}

fn sessions(approach: Approach, extent: Extent) -> Option<Range> {
    Some(match (approach, extent) {
        (Approach::BuzzCut, Extent::Small) => range(2, 3),
        (Approach::BuzzCut, Extent::Medium) => range(3, 3),
        (Approach::BuzzCut, Extent::Large) => range(3, 4),
        (Approach::DensityShading, _) => range(2, 3),
        (Approach::ScarCamouflage, _) => range(2, 4),
        (Approach::PatchBlending, _) => range(2, 3),
        (Approach::NoneNeeded, _) => return None,
    })
}

fn hours(extent: Extent) -> Range {
    match extent {
        Extent::Small => range(2, 3),
        Extent::Medium => range(3, 4),
        Extent::Large => range(4, 5),
    }
}

/// The recommendation for a set of answers, priced from the clinic's table.
///
/// Needs `pattern`, and `stage` for male or female pattern; every other answer has a
/// safe default when absent (style `unsure`, no scars, no health flags).
pub fn recommend(
    answers: &Answers,
    prices: Option<&PriceTable>,
) -> Result<Recommendation, RecommendError> {
    let Plan {
        approach,
        alternative,
        extent,
        mut cautions,
        mut reasons,
    } = plan(answers)?;

    let mut add_ons = Vec::new();
    let mut sessions = sessions(approach, extent);
    if answers.has_scars() && approach != Approach::ScarCamouflage {
        add_ons.push(Approach::ScarCamouflage);
        reasons.push(Reason::ScarsToCover);
        if let Some(s) = sessions.as_mut() {
            s.max += 1;
        }
    }

    let hairline = rebuilds_hairline(answers).then(|| match answers.hairline {
        Some(Hairline::Unsure) | None => {
            if answers.age_band >= Some(AgeBand::From45To54) {
                Hairline::Mature
            } else {
                Hairline::Soft
            }
        }
        Some(chosen) => chosen,
    });

    let mut pigment = Vec::new();
    let colour = answers.hair_colour;
    if colour.is_some_and(HairColour::is_grey) {
        pigment.push(PigmentNote::Greyscale);
    }
    match answers.skin_tone.map(|s| s.get()) {
        Some(1 | 2) => pigment.push(PigmentNote::LighterDilution),
        Some(5 | 6) => pigment.push(PigmentNote::BolderImpressions),
        _ => {}
    }
    let light_hair = colour.is_some_and(HairColour::is_light_or_red);
    if light_hair && approach == Approach::BuzzCut {
        pigment.push(PigmentNote::DarkerThanHair);
    }

    match answers.progression {
        Some(Progression::Stable) => reasons.push(Reason::StableLoss),
        Some(_) => {
            cautions.insert(0, Caution::FutureLoss);
            reasons.push(Reason::ChangingLoss);
        }
        None => {}
    }
    if light_hair && approach == Approach::DensityShading {
        cautions.push(Caution::LowContrast);
    }

    let mut in_person: Vec<InPerson> = answers
        .health_list()
        .iter()
        .map(|h| match h {
            Health::Keloid => InPerson::Keloid,
            Health::ScalpCondition => InPerson::ScalpCondition,
            Health::BloodThinners => InPerson::BloodThinners,
            Health::Pregnancy => InPerson::Pregnancy,
            Health::Chemo => InPerson::Chemo,
            Health::Immune => InPerson::Immune,
            Health::Diabetes => InPerson::Diabetes,
            Health::InkAllergy => InPerson::InkAllergy,
            Health::RecentTransplant => InPerson::RecentTransplant,
        })
        .collect();
    // What the clinic will do about two of them, besides seeing the visitor first.
    if answers.health_list().contains(&Health::InkAllergy) {
        cautions.push(Caution::PatchTest);
    }
    if answers.health_list().contains(&Health::RecentTransplant) {
        cautions.push(Caution::TransplantSettle);
    }
    if answers.age_band == Some(AgeBand::Under18) {
        in_person.push(InPerson::Under18);
    }
    if answers.has_scars() {
        if answers.scar_healed == Some(false) {
            in_person.push(InPerson::ScarRecent);
        }
        if answers.scar_raised == Some(true) {
            in_person.push(InPerson::ScarRaised);
        }
    }
    if answers.pattern == Some(Pattern::Patchy) && answers.progression != Some(Progression::Stable)
    {
        in_person.push(InPerson::AreataActive);
    }

    let price = match approach {
        Approach::NoneNeeded => None,
        _ => prices.and_then(|table| table.price(approach, extent)),
    };

    Ok(Recommendation {
        approach,
        alternative,
        add_ons,
        extent,
        hours_per_session: sessions.map(|_| hours(extent)),
        sessions,
        hairline,
        pigment,
        cautions,
        in_person,
        price,
        reasons,
    })
}
