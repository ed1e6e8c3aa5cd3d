//! Reading the clinic's configuration from the element: every accepted attribute in one list
//! with its type and default, plus the JSON config named by `config="#script-id"`.
//! Each wrong item is reported once, naming it and what was expected; it then falls back to
//! its safe default, so the widget always works.

use web_sys::HtmlElement;

use crate::domain::config::{
    text_limit, validate_email, validate_endpoint, validate_image, validate_link, Accent,
    ClinicConfig, ConfigError, EndpointMode, HubSpotForm, Optional, PriceTable, DEFAULT_CLINIC,
};
use crate::domain::json;
use crate::domain::lead::is_phone;
use crate::domain::raw::Raw;
use crate::domain::text::ConfigText;
use crate::i18n::Locale;

/// One accepted attribute: its name, what it holds, and its default.
pub struct Attribute {
    pub name: &'static str,
    pub kind: &'static str,
    pub default: &'static str,
}

/// Every attribute `<smp-consult>` accepts (the README's table is this list).
pub const ATTRIBUTES: &[Attribute] = &[
    Attribute {
        name: "clinic",
        kind: "text: the clinic's name",
        default: "\"the clinic\"",
    },
    Attribute {
        name: "endpoint",
        kind: "https URL: where leads are POSTed",
        default: "none (lead event only)",
    },
    Attribute {
        name: "endpoint-mode",
        kind: "json, or simple for hooks without CORS (Zapier, Make)",
        default: "json",
    },
    Attribute {
        name: "hubspot-portal",
        kind: "HubSpot portal id (with hubspot-form)",
        default: "none",
    },
    Attribute {
        name: "hubspot-form",
        kind: "HubSpot form GUID (with hubspot-portal)",
        default: "none",
    },
    Attribute {
        name: "lang",
        kind: "language tag: en, es, fr, de, pt, it",
        default: "<html lang>, else the browser's, else en",
    },
    Attribute {
        name: "mode",
        kind: "inline, popup or bubble",
        default: "inline",
    },
    Attribute {
        name: "button-text",
        kind: "text: the popup/bubble button's label",
        default: "\"Is SMP right for me?\" in the visitor's language",
    },
    Attribute {
        name: "teaser",
        kind: "text: a line beside the bubble (desktop only)",
        default: "none",
    },
    Attribute {
        name: "theme",
        kind: "auto, light or dark",
        default: "auto (follows the visitor's setting)",
    },
    Attribute {
        name: "config",
        kind: "#id of a <script type=\"application/json\">",
        default: "none",
    },
    Attribute {
        name: "config-url",
        kind: "URL of a JSON file with the same keys",
        default: "none",
    },
    Attribute {
        name: "phone",
        kind: "international phone number shown if sending fails",
        default: "none",
    },
    Attribute {
        name: "email",
        kind: "email address shown if sending fails",
        default: "none",
    },
    Attribute {
        name: "privacy-url",
        kind: "https URL of the privacy policy",
        default: "none",
    },
    Attribute {
        name: "logo",
        kind: "https URL or /path of the clinic's logo",
        default: "none",
    },
    Attribute {
        name: "accent",
        kind: "hex brand colour, e.g. #1f5f5b",
        default: "#1f5f5b (dark: #7cc7bd)",
    },
    Attribute {
        name: "consent-text",
        kind: "text: your own consent wording; {clinic} is replaced",
        default: "the widget's wording, per language",
    },
    Attribute {
        name: "thanks-text",
        kind: "text: your own thank-you line",
        default: "the widget's, per language",
    },
    Attribute {
        name: "redirect-url",
        kind: "https URL to go to after the thank-you",
        default: "none",
    },
    Attribute {
        name: "booking-url",
        kind: "https URL of your online booking",
        default: "none",
    },
    Attribute {
        name: "analytics",
        kind: "on or off: push steps, results and leads to dataLayer",
        default: "on",
    },
    Attribute {
        name: "hide",
        kind: "optional lead-form parts to leave out: photos phone message best_time",
        default: "none",
    },
];

/// What `read` found: the configuration to run with and the problems to report.
pub struct Settings {
    pub config: ClinicConfig,
    pub locale: Locale,
    /// Session-storage key for this element's saved progress.
    pub storage_key: String,
    pub problems: Vec<ConfigError>,
}

/// A JSON config value by key, as a string if it is one.
fn json_string(json: &Raw, key: &str) -> Option<Result<String, ()>> {
    let value = json.get(key)?;
    Some(value.as_str().map(str::to_string).ok_or(()))
}

/// Reads and validates everything for one element. Attributes win over the JSON config
/// (`config="#id"`, or the text the loader fetched from `config-url`).
pub fn read(host: &HtmlElement, fetched: Option<String>) -> Settings {
    let mut problems = Vec::new();
    let json = match fetched {
        Some(text) => parse_config(&text, "config-url", &mut problems),
        None => read_json_config(host, &mut problems),
    };

    // One value: the attribute if present, else the JSON key of the same name.
    let value = |name: &'static str, problems: &mut Vec<ConfigError>| -> Option<String> {
        if let Some(v) = host.get_attribute(name) {
            return Some(v.trim().to_string());
        }
        let key = name.replace('-', "_");
        match json.as_ref().and_then(|j| json_string(j, &key)) {
            Some(Ok(v)) => Some(v.trim().to_string()),
            Some(Err(())) => {
                problems.push(ConfigError::invalid(format!("config.{key}"), "a string"));
                None
            }
            None => None,
        }
    };

    // A value that must pass `check`; a failing one is reported and left out.
    fn checked<T>(
        value: Option<String>,
        check: impl Fn(&str) -> Result<T, ConfigError>,
        problems: &mut Vec<ConfigError>,
    ) -> Option<T> {
        check(&value?).map_err(|e| problems.push(e)).ok()
    }
    // A text, cleaned of control and bidi formatting characters and within its cap; a text
    // over its cap is reported and left out (the default is shown instead).
    let text = |name: &'static str, problems: &mut Vec<ConfigError>| {
        let max = text_limit(name);
        match ConfigText::check(&value(name, problems)?, max) {
            ConfigText::Fits(text) => Some(text),
            ConfigText::Cleaned(text) => {
                problems.push(ConfigError::invalid(
                    name,
                    "text without control, invisible or bidi formatting characters (they were taken out)",
                ));
                Some(text)
            }
            ConfigText::TooLong => {
                problems.push(ConfigError::invalid(
                    name,
                    format!("text of at most {max} characters"),
                ));
                None
            }
            ConfigText::Empty => None,
        }
    };

    let clinic = text("clinic", &mut problems).unwrap_or_else(|| {
        if !problems
            .iter()
            .any(|p| matches!(p, ConfigError::Invalid { item, .. } if item == "clinic"))
        {
            problems.push(ConfigError::invalid(
                "clinic",
                "the clinic's name, e.g. clinic=\"Northline SMP\"",
            ));
        }
        DEFAULT_CLINIC.to_string()
    });
    let endpoint = checked(
        value("endpoint", &mut problems),
        validate_endpoint,
        &mut problems,
    );
    let phone = checked(
        value("phone", &mut problems),
        |p| {
            is_phone(p).then(|| p.to_string()).ok_or_else(|| {
                ConfigError::invalid(
                    "phone",
                    "an international phone number, e.g. +44 20 7946 0958",
                )
            })
        },
        &mut problems,
    );
    let email = checked(
        value("email", &mut problems),
        |e| validate_email("email", e),
        &mut problems,
    );
    let privacy_url = checked(
        value("privacy-url", &mut problems),
        |url| validate_link("privacy-url", url),
        &mut problems,
    );
    let locale = match value("lang", &mut problems) {
        Some(tag) => Locale::from_tag(&tag).unwrap_or_else(|| {
            problems.push(ConfigError::invalid(
                "lang",
                "one of: en, es, fr, de, pt, it",
            ));
            page_locale()
        }),
        None => page_locale(),
    };
    let prices = json.as_ref().and_then(|j| {
        PriceTable::from_raw(j)
            .map_err(|e| problems.push(ConfigError::from(e)))
            .ok()
            .flatten()
    });

    let endpoint_mode = match value("endpoint-mode", &mut problems).as_deref() {
        None | Some("json") => EndpointMode::Json,
        Some("simple") => EndpointMode::Simple,
        Some(_) => {
            problems.push(ConfigError::invalid("endpoint-mode", "json or simple"));
            EndpointMode::Json
        }
    };
    // HubSpot: the JSON config's `hubspot` object, or the two attributes.
    let hubspot_raw = match (
        host.get_attribute("hubspot-portal"),
        host.get_attribute("hubspot-form"),
    ) {
        (Some(portal), Some(form)) => Some(Raw::Object(vec![
            ("portal_id".into(), Raw::Text(portal)),
            ("form_id".into(), Raw::Text(form)),
        ])),
        (None, None) => json.as_ref().and_then(|j| j.get("hubspot")).cloned(),
        _ => {
            problems.push(ConfigError::invalid(
                "hubspot-portal",
                "hubspot-portal and hubspot-form together",
            ));
            None
        }
    };
    let hubspot = hubspot_raw.and_then(|raw| {
        HubSpotForm::from_raw(&raw)
            .map_err(|e| problems.push(ConfigError::from(e)))
            .ok()
    });

    let logo = checked(
        value("logo", &mut problems),
        |url| validate_image("logo", url),
        &mut problems,
    );
    let accent = value("accent", &mut problems)
        .and_then(|c| Accent::parse(&c).map_err(|e| problems.push(e)).ok());
    let redirect_url = checked(
        value("redirect-url", &mut problems),
        |url| validate_link("redirect-url", url),
        &mut problems,
    );
    let booking_url = checked(
        value("booking-url", &mut problems),
        |url| validate_link("booking-url", url),
        &mut problems,
    );
    let consent_text = text("consent-text", &mut problems);
    let thanks_text = text("thanks-text", &mut problems);
    let analytics = match host.get_attribute("analytics") {
        Some(v) => on_off(&v),
        None => match json.as_ref().and_then(|j| j.get("analytics")) {
            Some(Raw::Bool(on)) => Some(*on),
            Some(Raw::Text(v)) => on_off(v),
            Some(_) => None,
            None => Some(true),
        },
    }
    .unwrap_or_else(|| {
        problems.push(ConfigError::invalid("analytics", "on or off"));
        true
    });
    // A list of names: the attribute's "photos best_time", or the JSON's string or array.
    let hide_list = match host.get_attribute("hide") {
        Some(list) => Some(Ok(list)),
        None => match json.as_ref().and_then(|j| j.get("hide")) {
            None => None,
            Some(Raw::Text(list)) => Some(Ok(list.clone())),
            Some(Raw::List(items)) => Some(
                items
                    .iter()
                    .map(|i| i.as_str().map(str::to_string).ok_or(()))
                    .collect::<Result<Vec<_>, _>>()
                    .map(|names| names.join(" ")),
            ),
            Some(_) => Some(Err(())),
        },
    };
    let hidden = match hide_list {
        None => Vec::new(),
        Some(Ok(list)) => Optional::parse_list(&list).unwrap_or_else(|e| {
            problems.push(e);
            Vec::new()
        }),
        Some(Err(())) => {
            problems.push(ConfigError::invalid(
                "hide",
                "a list of names: photos, phone, message, best_time",
            ));
            Vec::new()
        }
    };
    // Drawn by the stylesheet from the attribute; only checked here.
    if let Some(theme) = host.get_attribute("theme") {
        if !matches!(theme.as_str(), "auto" | "light" | "dark") {
            problems.push(ConfigError::invalid("theme", "auto, light or dark"));
        }
    }

    let storage_key = format!("smp-consult:v1:{}:{}", clinic, instance_name(host));
    Settings {
        config: ClinicConfig {
            clinic,
            endpoint,
            endpoint_mode,
            hubspot,
            prices,
            phone,
            email,
            privacy_url,
            logo,
            accent,
            consent_text,
            thanks_text,
            redirect_url,
            booking_url,
            analytics,
            hidden,
        },
        locale,
        storage_key,
        problems,
    }
}

/// The JSON config named by `config="#id"`, if any; problems are reported.
fn read_json_config(host: &HtmlElement, problems: &mut Vec<ConfigError>) -> Option<Raw> {
    let selector = host.get_attribute("config")?;
    let expected = "\"#id\" of a <script type=\"application/json\"> holding a JSON object";
    let Some(id) = selector
        .trim()
        .strip_prefix('#')
        .filter(|id| !id.is_empty())
    else {
        problems.push(ConfigError::invalid("config", expected));
        return None;
    };
    let text = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.text_content());
    let Some(text) = text else {
        problems.push(ConfigError::invalid("config", expected));
        return None;
    };
    parse_config(&text, "config", problems)
}

/// A JSON config's text → its object; a problem naming `item` when it is not one.
fn parse_config(text: &str, item: &'static str, problems: &mut Vec<ConfigError>) -> Option<Raw> {
    match json::parse(text) {
        Ok(raw @ Raw::Object(_)) => Some(raw),
        _ => {
            problems.push(ConfigError::invalid(
                item,
                "valid JSON: the text is not a JSON object",
            ));
            None
        }
    }
}

/// `on`/`off` (also `true`/`false`, `yes`/`no`); `None` for anything else.
fn on_off(value: &str) -> Option<bool> {
    match value.trim() {
        "on" | "true" | "yes" | "" => Some(true),
        "off" | "false" | "no" => Some(false),
        _ => None,
    }
}

/// The page's language (`<html lang>`), else the browser's, else English.
fn page_locale() -> Locale {
    let window = web_sys::window();
    let html_lang = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|el| el.get_attribute("lang"));
    let browser = window.and_then(|w| w.navigator().language());
    html_lang
        .and_then(|l| Locale::from_tag(&l))
        .or_else(|| browser.and_then(|l| Locale::from_tag(&l)))
        .unwrap_or_default()
}

/// Names this element among the page's widgets, so that two widgets on one page keep separate
/// progress: its `id` if it has one, else its position among `<smp-consult>` elements.
fn instance_name(host: &HtmlElement) -> String {
    if let Some(id) = host.get_attribute("id").filter(|id| !id.is_empty()) {
        return id;
    }
    let list = host
        .owner_document()
        .and_then(|d| d.query_selector_all("smp-consult").ok());
    let index = list.and_then(|list| {
        (0..list.length()).find(|i| list.get(*i).is_some_and(|n| n.is_same_node(Some(host))))
    });
    format!("#{}", index.unwrap_or(0))
}
