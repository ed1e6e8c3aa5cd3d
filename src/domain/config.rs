//! The clinic's configuration: what a clinic can set, with validation that names the item
//! at fault. Reading it from the page (attributes, JSON script) happens in `embed`.

use super::address::{EmailAddress, Resource, WebUrl};
pub use super::price::PriceTable;

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

/// Checks a delivery endpoint: an absolute `https://` URL, or `http://` on a loopback host
/// (local testing), by the rules of [`WebUrl`]. Anything else would leak leads or fail in the
/// browser.
pub fn validate_endpoint(url: &str) -> Result<WebUrl, ConfigError> {
    WebUrl::parse(url).map_err(|e| ConfigError::invalid("endpoint", e.to_string()))
}

/// The clinic's settings the widget runs with, after validation (safe defaults applied).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClinicConfig {
    /// The clinic's name, shown in headings and the consent text.
    pub clinic: String,
    /// Where leads are POSTed; `None` leaves the `smp-consult:lead` event as the only delivery
    /// (unless HubSpot is configured).
    pub endpoint: Option<WebUrl>,
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
    pub email: Option<EmailAddress>,
    /// The clinic's privacy policy, linked from the consent box.
    pub privacy_url: Option<WebUrl>,
    /// The clinic's logo (an https URL or a path on the page's own site), shown in the header.
    pub logo: Option<Resource>,
    /// The clinic's brand colour, `#rrggbb`; the text on it is chosen for contrast.
    pub accent: Option<Accent>,
    /// The clinic's own wording of the processing consent (`{clinic}` is replaced by its name);
    /// `None` uses the widget's wording in the visitor's language.
    pub consent_text: Option<String>,
    /// The clinic's own thank-you line, shown instead of the widget's.
    pub thanks_text: Option<String>,
    /// Where the visitor is taken a moment after the thank-you (the clinic's own page).
    pub redirect_url: Option<WebUrl>,
    /// The clinic's online booking page, linked from the result and the thank-you.
    pub booking_url: Option<WebUrl>,
    /// Whether steps, results and leads are pushed to the page's `dataLayer` (no personal data).
    pub analytics: bool,
    /// Optional parts of the lead form the clinic does not want.
    pub hidden: Vec<Optional>,
}

impl ClinicConfig {
    /// Whether an optional part is shown.
    pub fn shows(&self, part: Optional) -> bool {
        !self.hidden.contains(&part)
    }

    /// The processing-consent wording, the clinic's own if it gave one (and it fits in a
    /// lead once the clinic's name is filled in: else the receiver would refuse every lead).
    pub fn consent_wording(&self, default: impl Fn(&str) -> String) -> String {
        self.consent_wording_naming(&self.clinic, default)
    }

    /// The processing-consent wording with `name` standing for the clinic (its name isolated
    /// for bidirectional text, on screen).
    pub fn consent_wording_naming(&self, name: &str, default: impl Fn(&str) -> String) -> String {
        self.consent_text
            .as_ref()
            .map(|text| text.replace("{clinic}", name))
            .filter(|text| text.chars().count() <= super::limits::CONSENT_TEXT_MAX_CHARS)
            .unwrap_or_else(|| default(name))
    }
}

/// An optional part of the lead form a clinic may leave out. The health check is not one of
/// them: it is what flags blood thinners, pregnancy or keloid tendency before a needle is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Optional {
    Photos,
    Phone,
    Message,
    BestTime,
}
super::codes::codes!(Optional { Photos => "photos", Phone => "phone", Message => "message", BestTime => "best_time" });

impl Optional {
    /// Parses a space- or comma-separated list such as `"photos best_time"`.
    pub fn parse_list(list: &str) -> Result<Vec<Optional>, ConfigError> {
        list.split([' ', ','])
            .filter(|item| !item.is_empty())
            .map(|item| {
                Optional::from_code(item).ok_or_else(|| {
                    ConfigError::invalid(
                        "hide",
                        format!("a list of: photos, phone, message, best_time (not \"{item}\")"),
                    )
                })
            })
            .collect()
    }
}

/// A brand colour and the text colour that reads best on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accent {
    /// `#rrggbb`.
    pub colour: String,
    /// `#ffffff` or `#111111`, whichever contrasts more with `colour`.
    pub on: &'static str,
}

impl Accent {
    /// Reads `#rgb` or `#rrggbb` (any case). Other CSS colour syntaxes are refused: they could
    /// not be checked for contrast, and a hex colour is what every brand guide gives.
    pub fn parse(text: &str) -> Result<Accent, ConfigError> {
        let fail = || ConfigError::invalid("accent", "a hex colour such as #1f5f5b");
        let hex = text.trim().strip_prefix('#').ok_or_else(fail)?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(fail());
        }
        let full: String = match hex.len() {
            3 => hex.chars().flat_map(|c| [c, c]).collect(),
            6 => hex.to_string(),
            _ => return Err(fail()),
        };
        let full = full.to_ascii_lowercase();
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&full[i..i + 2], 16).unwrap_or(0)) / 255.0;
            // sRGB → linear light (WCAG 2 relative luminance). The exponent 2.4 is taken as
            // 2.5 (x²·√x): the choice between white and dark text does not change, and it
            // keeps libm's `pow` (2 KB) out of the wasm.
            if v <= 0.040_45 {
                v / 12.92
            } else {
                let x = (v + 0.055) / 1.055;
                x * x * x.sqrt()
            }
        };
        let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
        // Contrast with white (1.0) and with #111111 (luminance ≈ 0.0056).
        let with_white = 1.05 / (luminance + 0.05);
        let with_dark = (luminance + 0.05) / (0.0056 + 0.05);
        Ok(Accent {
            colour: format!("#{full}"),
            on: if with_white >= with_dark {
                "#ffffff"
            } else {
                "#111111"
            },
        })
    }
}

/// Checks a logo or other image address: an `https://` URL (or `http://` on loopback), or a
/// path on the page's own site (`/img/logo.svg`), by the rules of [`Resource`]. `data:`,
/// other schemes and paths a browser reads as another host (`//host`, `/\host`) are refused.
pub fn validate_image(item: &'static str, url: &str) -> Result<Resource, ConfigError> {
    Resource::parse(url).map_err(|e| ConfigError::invalid(item, e.to_string()))
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

/// Checks a link the widget will show (privacy policy, booking, redirect): `https://`, or
/// `http://` on loopback, by the rules of [`WebUrl`]. Rejects `javascript:` and other schemes
/// that would run code when clicked.
pub fn validate_link(item: &'static str, url: &str) -> Result<WebUrl, ConfigError> {
    WebUrl::parse(url).map_err(|_| ConfigError::invalid(item, "an absolute https:// URL"))
}

/// Checks the clinic's fallback email address, by the rules of [`EmailAddress`].
pub fn validate_email(item: &'static str, email: &str) -> Result<EmailAddress, ConfigError> {
    EmailAddress::parse(email).map_err(|e| ConfigError::invalid(item, e.to_string()))
}

/// The longest each text from the clinic's configuration may be, in characters. Longer texts
/// are refused (and the default used): a megabyte button text would widen the host page, and a
/// cut consent wording would say what the clinic did not write. The loader checks the texts it
/// shows itself (`button-text`, `teaser`) against the same figures.
pub const TEXT_LIMITS: &[(&str, usize)] = &[
    ("clinic", 100),
    ("button-text", 80),
    ("teaser", 140),
    ("consent-text", 1000),
    ("thanks-text", 1000),
];

/// The cap of a text item in [`TEXT_LIMITS`].
pub fn text_limit(item: &str) -> usize {
    TEXT_LIMITS
        .iter()
        .find(|(name, _)| *name == item)
        .map_or(1000, |(_, max)| *max)
}
