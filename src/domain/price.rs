//! Prices: the clinic's own table and the range it gives one recommendation. On their own so
//! that the configuration and `recommend` both read them without importing each other.

use serde::{Deserialize, Serialize};

use super::codes::{Approach, Extent};

/// The clinic's own price table, approach × extent → `[min, max]`, in `currency`.
/// Nothing is ever invented: a missing entry means no price is shown.
/// (A list, not a map: it holds a dozen entries at most, and keeps the wasm small.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PriceTable {
    pub currency: String,
    pub entries: Vec<(Approach, Extent, [u32; 2])>,
}

impl PriceTable {
    /// The price for an approach and extent, if the clinic gave one.
    pub fn price(&self, approach: Approach, extent: Extent) -> Option<Price> {
        let (_, _, [min, max]) = *self
            .entries
            .iter()
            .find(|(a, e, _)| *a == approach && *e == extent)?;
        Some(Price {
            currency: self.currency.clone(),
            min,
            max,
        })
    }
}

/// A price range from the clinic's own table, in its currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    #[serde(deserialize_with = "super::checked::currency")]
    pub currency: String,
    pub min: u32,
    pub max: u32,
}
