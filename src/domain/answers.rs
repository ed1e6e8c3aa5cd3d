//! The visitor's answers, typed, with the JSON codes of DESIGN.md ("The flow").
//!
//! Every enum serialises to its snake_case code, so answers cross the lead payload, the JS API
//! and events unchanged. A question that was skipped is `None` (serialised as absent).

use serde::{Deserialize, Serialize};

use super::codes::codes;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pattern {
    Male,
    Female,
    Diffuse,
    Patchy,
    Total,
    None,
}
codes!(Pattern { Male => "male", Female => "female", Diffuse => "diffuse", Patchy => "patchy", Total => "total", None => "none" });

/// Norwood (men) and Ludwig (women) stages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    N1,
    N2,
    N3,
    N3v,
    N4,
    N5,
    N6,
    N7,
    L1,
    L2,
    L3,
}
codes!(Stage { N1 => "n1", N2 => "n2", N3 => "n3", N3v => "n3v", N4 => "n4", N5 => "n5", N6 => "n6", N7 => "n7", L1 => "l1", L2 => "l2", L3 => "l3" });

impl Stage {
    /// The Norwood stages, for male pattern loss.
    pub const NORWOOD: &'static [Stage] = &[
        Stage::N1,
        Stage::N2,
        Stage::N3,
        Stage::N3v,
        Stage::N4,
        Stage::N5,
        Stage::N6,
        Stage::N7,
    ];
    /// The Ludwig stages, for female pattern loss.
    pub const LUDWIG: &'static [Stage] = &[Stage::L1, Stage::L2, Stage::L3];

    /// Whether this stage belongs to the given pattern's scale.
    pub fn fits(self, pattern: Pattern) -> bool {
        match pattern {
            Pattern::Male => Self::NORWOOD.contains(&self),
            Pattern::Female => Self::LUDWIG.contains(&self),
            _ => false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Progression {
    Stable,
    Slow,
    Fast,
    Unsure,
}
codes!(Progression { Stable => "stable", Slow => "slow", Fast => "fast", Unsure => "unsure" });

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    Buzz,
    Longer,
    Unsure,
}
codes!(Style { Buzz => "buzz", Longer => "longer", Unsure => "unsure" });

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HairColour {
    Black,
    DarkBrown,
    MediumBrown,
    LightBrown,
    Blonde,
    Red,
    Grey,
    SaltPepper,
}
codes!(HairColour { Black => "black", DarkBrown => "dark_brown", MediumBrown => "medium_brown", LightBrown => "light_brown", Blonde => "blonde", Red => "red", Grey => "grey", SaltPepper => "salt_pepper" });

impl HairColour {
    /// Blonde and red: little contrast with skin, so pigment choice needs care.
    pub fn is_light_or_red(self) -> bool {
        matches!(self, HairColour::Blonde | HairColour::Red)
    }
    /// Grey or salt & pepper: matched with greyscale pigment.
    pub fn is_grey(self) -> bool {
        matches!(self, HairColour::Grey | HairColour::SaltPepper)
    }
}

/// Fitzpatrick skin type 1–6, serialised as the bare number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct SkinTone(u8);

impl SkinTone {
    pub const ALL: &'static [SkinTone] = &[
        SkinTone(1),
        SkinTone(2),
        SkinTone(3),
        SkinTone(4),
        SkinTone(5),
        SkinTone(6),
    ];
    /// A Fitzpatrick type, if `n` is 1–6.
    pub fn new(n: u8) -> Option<Self> {
        (1..=6).contains(&n).then_some(SkinTone(n))
    }
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for SkinTone {
    type Error = &'static str;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        SkinTone::new(n).ok_or("skin_tone must be a Fitzpatrick type from 1 to 6")
    }
}

impl From<SkinTone> for u8 {
    fn from(s: SkinTone) -> u8 {
        s.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scar {
    FutStrip,
    FueDots,
    Surgical,
    Burn,
}
codes!(Scar { FutStrip => "fut_strip", FueDots => "fue_dots", Surgical => "surgical", Burn => "burn" });

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Health {
    Keloid,
    /// Active psoriasis, eczema, dermatitis or acne on the scalp.
    ScalpCondition,
    /// Blood thinners or a bleeding disorder.
    BloodThinners,
    Pregnancy,
    /// Chemotherapy in the last 12 months.
    Chemo,
    /// An immune condition, or medicine that lowers immunity (steroid or isotretinoin courses).
    Immune,
    Diabetes,
    /// A past reaction to tattoo ink or pigment.
    InkAllergy,
    /// A hair transplant in the last 12 months.
    RecentTransplant,
}
codes!(Health { Keloid => "keloid", ScalpCondition => "scalp_condition", BloodThinners => "blood_thinners", Pregnancy => "pregnancy", Chemo => "chemo", Immune => "immune", Diabetes => "diabetes", InkAllergy => "ink_allergy", RecentTransplant => "recent_transplant" });

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgeBand {
    Under18,
    From18To24,
    From25To34,
    From35To44,
    From45To54,
    From55,
}
codes!(AgeBand { Under18 => "under_18", From18To24 => "18_24", From25To34 => "25_34", From35To44 => "35_44", From45To54 => "45_54", From55 => "55_plus" });

/// The hairline the visitor would like; `Unsure` lets the rules choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hairline {
    Soft,
    Defined,
    Mature,
    Unsure,
}
codes!(Hairline { Soft => "soft", Defined => "defined", Mature => "mature", Unsure => "unsure" });

/// Everything the visitor answered. Skipped or not-yet-answered questions are `None`;
/// multi-selects are empty when the visitor chose "none".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Answers {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Pattern>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progression: Option<Progression>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<Style>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hair_colour: Option<HairColour>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skin_tone: Option<SkinTone>,
    /// `None` until answered; empty when the visitor chose "none".
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::optional_list"
    )]
    pub scars: Option<Vec<Scar>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scar_healed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scar_raised: Option<bool>,
    /// `None` until answered; empty when the visitor chose "none of these".
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::optional_list"
    )]
    pub health: Option<Vec<Health>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_band: Option<AgeBand>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hairline: Option<Hairline>,
}

impl Answers {
    /// The scars chosen (empty when none or not answered).
    pub fn scar_list(&self) -> &[Scar] {
        self.scars.as_deref().unwrap_or(&[])
    }
    /// The health conditions chosen (empty when none or not answered).
    pub fn health_list(&self) -> &[Health] {
        self.health.as_deref().unwrap_or(&[])
    }
    pub fn has_scars(&self) -> bool {
        !self.scar_list().is_empty()
    }
}
