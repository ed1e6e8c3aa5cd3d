//! Reading the clinic's configuration from the element: every accepted attribute in one list
//! with its type and default, plus the JSON config named by `config="#script-id"`. The rules
//! are the domain's (`domain::settings`, shared with the configurator); this layer finds the
//! attributes and the JSON on the page. Each wrong item is reported once, naming it and what
//! was expected; it then falls back to its safe default, so the widget always works.

use web_sys::HtmlElement;

use crate::domain::config::{ClinicConfig, ConfigError};
use crate::domain::raw::Raw;
use crate::domain::settings::{self, json_config, Given};
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
        name: "languages",
        kind: "language codes, e.g. \"es en\": the only ones it speaks when following the page (no lang); the first when neither the page's nor the browser's language is one of them",
        default: "all six, else en",
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
    Attribute {
        name: "preview",
        kind: "the configurator's preview: nothing delivered or kept; answers JSON opens at their result",
        default: "none (a real widget)",
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

/// Reads and validates everything for one element with the domain's rules
/// (`domain::settings`). Attributes win over the JSON config (`config="#id"`, or the text the
/// loader fetched from `config-url`).
pub fn read(host: &HtmlElement, fetched: Option<String>) -> Settings {
    let mut problems = Vec::new();
    let json = match fetched {
        Some(text) => Some(json_config(&text, "config-url")),
        None => read_json_config(host),
    }
    .and_then(|json| json.map_err(|e| problems.push(e)).ok());
    // Every attribute present (not a walk over `ATTRIBUTES`, whose descriptions would then
    // ship in the wasm); the reader looks up the ones it knows.
    let attributes: Vec<(String, String)> = host
        .get_attribute_names()
        .iter()
        .filter_map(|name| {
            let name = name.as_string()?;
            let value = host.get_attribute(&name)?;
            Some((name, value))
        })
        .collect();
    let given = Given {
        attributes: &attributes,
        json: json.as_ref(),
    };
    let read = settings::read(given, Locale::from_tag);
    problems.extend(read.problems);
    let locale = settings::choose_language(
        read.lang,
        &read.languages,
        page_languages(),
        Locale::default(),
    );
    let storage_key = format!(
        "smp-consult:v1:{}:{}",
        read.config.clinic,
        instance_name(host)
    );
    Settings {
        config: read.config,
        locale,
        storage_key,
        problems,
    }
}

/// The JSON config named by `config="#id"`, if the element names one.
fn read_json_config(host: &HtmlElement) -> Option<Result<Raw, ConfigError>> {
    let selector = host.get_attribute("config")?;
    let text = selector
        .trim()
        .strip_prefix('#')
        .filter(|id| !id.is_empty())
        .and_then(|id| {
            web_sys::window()?
                .document()?
                .get_element_by_id(id)?
                .text_content()
        });
    Some(match text {
        Some(text) => json_config(&text, "config"),
        None => Err(ConfigError::invalid(
            "config",
            "\"#id\" of a <script type=\"application/json\"> holding a JSON object",
        )),
    })
}

/// The page's language (`<html lang>`), then the browser's, each if the widget ships it.
fn page_languages() -> [Option<Locale>; 2] {
    let window = web_sys::window();
    let html_lang = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|el| el.get_attribute("lang"));
    let browser = window.and_then(|w| w.navigator().language());
    [
        html_lang.and_then(|l| Locale::from_tag(&l)),
        browser.and_then(|l| Locale::from_tag(&l)),
    ]
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
