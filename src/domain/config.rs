//! The clinic's configuration: what a clinic can set, with validation that names the item
//! at fault. Reading it from the page (attributes, JSON script) happens in `embed`.

use super::recommend::{Approach, Extent, Price};

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

/// A configuration item that was wrong, and what was expected instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("`{item}` is not valid: expected {expected}")]
    Invalid {
        /// The attribute or JSON key, e.g. `endpoint` or `prices.buzz_cut.small`.
        item: String,
        expected: String,
    },
}

impl ConfigError {
    pub fn invalid(item: impl Into<String>, expected: impl Into<String>) -> Self {
        ConfigError::Invalid {
            item: item.into(),
            expected: expected.into(),
        }
    }
}

impl From<super::raw::RawError> for ConfigError {
    fn from(e: super::raw::RawError) -> Self {
        ConfigError::invalid(e.field, e.expected)
    }
}

/// Checks a delivery endpoint: an absolute `https://` URL, or `http://` on a loopback host
/// (local testing). Anything else would leak leads or fail in the browser. User-info
/// (`user@host`) is refused: it hides the real host from a reader.
pub fn validate_endpoint(url: &str) -> Result<(), ConfigError> {
    let fail = || {
        Err(ConfigError::invalid(
            "endpoint",
            "an absolute https:// URL (http:// only for localhost or 127.0.0.1)",
        ))
    };
    let (secure, rest) = match (url.strip_prefix("https://"), url.strip_prefix("http://")) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        _ => return fail(),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty()
        || authority.contains('@')
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return fail();
    }
    let host = match authority.strip_prefix('[') {
        // An IPv6 literal: `[::1]` or `[::1]:8787`.
        Some(v6) => match v6.split_once(']') {
            Some((addr, _)) => addr,
            None => return fail(),
        },
        None => authority.split(':').next().unwrap_or(""),
    };
    if host.is_empty() || (!secure && !matches!(host, "localhost" | "127.0.0.1" | "::1")) {
        return fail();
    }
    Ok(())
}

/// The clinic's settings the widget runs with, after validation (safe defaults applied).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClinicConfig {
    /// The clinic's name, shown in headings and the consent text.
    pub clinic: String,
    /// Where leads are POSTed; `None` leaves the `smp-consult:lead` event as the only delivery
    /// (unless HubSpot is configured).
    pub endpoint: Option<String>,
    /// How the endpoint is called: JSON with CORS, or a simple request for hooks that do not
    /// answer a CORS preflight.
    pub endpoint_mode: EndpointMode,
    /// HubSpot's forms submission API, if the clinic uses it.
    pub hubspot: Option<HubSpotForm>,
    /// The clinic's price table; `None` shows no prices.
    pub prices: Option<PriceTable>,
    /// Fallback phone number shown when sending fails.
    pub phone: Option<String>,
    /// Fallback email address shown when sending fails.
    pub email: Option<String>,
    /// The clinic's privacy policy, linked from the consent box.
    pub privacy_url: Option<String>,
}

/// How the `endpoint` is called.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EndpointMode {
    /// `application/json` with an `Idempotency-Key` header (a CORS preflight); the answer is read.
    #[default]
    Json,
    /// A "simple" request (`text/plain` body carrying the same JSON and `id`, no custom headers,
    /// no preflight) for Zapier/Make-style hooks. The browser cannot read the answer, so a
    /// request that reached the server counts as delivered; network failures are retried.
    Simple,
}

/// A HubSpot form to submit leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HubSpotForm {
    /// The HubSpot account (portal) id, digits.
    pub portal_id: String,
    /// The form's GUID.
    pub form_id: String,
    /// The subscription type for marketing consent; without it, no marketing consent is sent.
    pub subscription_type_id: Option<u32>,
    /// The API's base URL (HubSpot's own unless a proxy or a test double is configured).
    pub api: String,
}

/// HubSpot's forms submission API.
pub const HUBSPOT_API: &str = "https://api.hsforms.com";

impl HubSpotForm {
    /// The submission URL for this form.
    pub fn url(&self) -> String {
        format!(
            "{}/submissions/v3/integration/submit/{}/{}",
            self.api.trim_end_matches('/'),
            self.portal_id,
            self.form_id
        )
    }
}

/// The clinic name used when none is configured.
pub const DEFAULT_CLINIC: &str = "the clinic";

/// Checks a link the widget will show (privacy policy): `https://`, or `http://` on loopback.
/// Rejects `javascript:` and other schemes that would run code when clicked.
pub fn validate_link(item: &'static str, url: &str) -> Result<(), ConfigError> {
    validate_endpoint(url).map_err(|_| ConfigError::invalid(item, "an absolute https:// URL"))
}
