//! The codes every layer shares, at the bottom of the domain: the `codes!` macro that gives a
//! code enum its JSON code (written once), and the codes of a recommendation that prices are
//! keyed by. Imports nothing from the rest of the domain.

/// Implements `code()` (the JSON code), `ALL` (every variant, in display order) and serde's
/// traits through the code for a code enum: each code is written here once, not again as a
/// serde rename.
macro_rules! codes {
    ($ty:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let code = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                $ty::from_code(&code)
                    .ok_or_else(|| serde::de::Error::unknown_variant(&code, &[$($code),+]))
            }
        }
        impl $ty {
            /// Every variant, in the order the question shows them.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            /// The JSON code, as in DESIGN.md.
            pub const fn code(self) -> &'static str {
                match self { $($ty::$variant => $code),+ }
            }
            /// Parses a JSON code.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($ty::$variant),)+ _ => None }
            }
        }
    };
}
pub(crate) use codes;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Approach {
    BuzzCut,
    DensityShading,
    ScarCamouflage,
    PatchBlending,
    NoneNeeded,
}
codes!(Approach { BuzzCut => "buzz_cut", DensityShading => "density_shading", ScarCamouflage => "scar_camouflage", PatchBlending => "patch_blending", NoneNeeded => "none_needed" });

/// How much scalp is treated: drives sessions, hours and price.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Extent {
    Small,
    Medium,
    Large,
}
codes!(Extent { Small => "small", Medium => "medium", Large => "large" });
