//! Reading a clinic's settings as a page gives them — the `<smp-consult>` element's attributes
//! and its JSON config — into the [`ClinicConfig`] the widget runs with: one [`ConfigError`] per
//! wrong item, and a safe default in its place. Pure: the widget's embed layer passes the
//! attributes it found and the JSON it read; the configurator passes what a clinic typed or
//! pasted. Both therefore apply the same rules (addresses by `domain::address`, texts by
//! `domain::text` and their caps in `TEXT_LIMITS`) and say the same words.

use super::address::Resource;
use super::config::{
    text_limit, validate_email, validate_endpoint, validate_image, validate_link, Accent,
    ClinicConfig, ConfigError, EndpointMode, HubSpotForm, Optional, PriceTable, DEFAULT_CLINIC,
};
use super::lead::is_phone;
use super::raw::Raw;
use super::text::ConfigText;

/// Where a clinic's settings come from.
#[derive(Clone, Copy, Debug)]
pub struct Given<'a> {
    /// The element's attributes that are present, by name (`privacy-url`), as written.
    pub attributes: &'a [(String, String)],
    /// The JSON config (`config="#id"` or `config-url`), parsed; its keys use `_` for `-`.
    pub json: Option<&'a Raw>,
}

/// What [`read`] found: the configuration to run with and the problems to report.
#[derive(Clone, Debug, PartialEq)]
pub struct Read<L> {
    pub config: ClinicConfig,
    /// The language fixed by `lang`, if one is given and shipped.
    pub lang: Option<L>,
    /// The languages the widget may speak, the first being the one it falls back to
    /// (`languages="es en"`); empty: all it ships, falling back to English.
    pub languages: Vec<L>,
    pub problems: Vec<ConfigError>,
}

/// Reads and validates every setting. Attributes win over the JSON config. `language` turns a
/// language tag into a shipped language (the i18n layer's `Locale::from_tag`).
pub fn read<L: PartialEq>(given: Given, language: impl Fn(&str) -> Option<L>) -> Read<L> {
    let mut r = Reader {
        given,
        problems: Vec::new(),
    };
    let clinic = clinic(&mut r);
    let endpoint = r.checked("endpoint", validate_endpoint);
    let phone = r.checked("phone", check_phone);
    let email = r.checked("email", |email| validate_email("email", email));
    let privacy_url = r.checked("privacy-url", |url| validate_link("privacy-url", url));
    let lang = lang(&mut r, &language);
    let languages = languages(&mut r, &language);
    let prices = prices(&mut r);
    let endpoint_mode = endpoint_mode(&mut r);
    let hubspot = hubspot(&mut r);
    let logo = r.checked("logo", |url| validate_image("logo", url));
    let accent = r.value("accent").and_then(|c| r.keep(Accent::parse(&c)));
    let redirect_url = r.checked("redirect-url", |url| validate_link("redirect-url", url));
    let booking_url = r.checked("booking-url", |url| validate_link("booking-url", url));
    let consent_text = r.text("consent-text");
    let thanks_text = r.text("thanks-text");
    let analytics = analytics(&mut r);
    let hidden = hidden(&mut r);
    check_theme(&mut r);
    Read {
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
        lang,
        languages,
        problems: r.problems,
    }
}

/// The language a widget speaks: `lang` when the clinic fixed one; else the first of the
/// page's languages (`<html lang>`, then the browser's) that it may speak (any it ships when
/// `languages` is empty); else the first of `languages`; else `default` (English).
pub fn choose_language<L: Copy + PartialEq>(
    lang: Option<L>,
    languages: &[L],
    page: impl IntoIterator<Item = Option<L>>,
    default: L,
) -> L {
    if let Some(lang) = lang {
        return lang;
    }
    page.into_iter()
        .flatten()
        .find(|l| languages.is_empty() || languages.contains(l))
        .or_else(|| languages.first().copied())
        .unwrap_or(default)
}

/// A JSON config's text → its object, read by the widget's own strict reader
/// ([`super::json::parse`], never the page's `JSON.parse`), or the problem that names `item`
/// (`config` or `config-url`).
pub fn json_config(text: &str, item: &'static str) -> Result<Raw, ConfigError> {
    match super::json::parse(text) {
        Ok(raw @ Raw::Object(_)) => Ok(raw),
        _ => Err(ConfigError::invalid(
            item,
            "valid JSON: the text is not a JSON object",
        )),
    }
}

/// Checks a `config-url` (read by the loader before the rest, so not by [`read`]): an https
/// URL, or a path on the page's own site, by the rules of [`Resource`].
pub fn check_config_url(url: &str) -> Result<Resource, ConfigError> {
    Resource::parse(url.trim()).map_err(|e| ConfigError::invalid("config-url", e.to_string()))
}

/// The settings being read and the problems found so far.
struct Reader<'a> {
    given: Given<'a>,
    problems: Vec<ConfigError>,
}

impl Reader<'_> {
    /// An attribute as written, if present.
    fn attribute(&self, name: &str) -> Option<&str> {
        self.given
            .attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A JSON config value by key.
    fn json(&self, key: &str) -> Option<&Raw> {
        self.given.json.and_then(|j| j.get(key))
    }

    /// One value, trimmed: the attribute if present, else the JSON key of the same name.
    fn value(&mut self, name: &'static str) -> Option<String> {
        if let Some(v) = self.attribute(name) {
            return Some(v.trim().to_string());
        }
        let key = name.replace('-', "_");
        match self.json(&key)? {
            Raw::Text(v) => Some(v.trim().to_string()),
            _ => {
                self.problems
                    .push(ConfigError::invalid(format!("config.{key}"), "a string"));
                None
            }
        }
    }

    /// The value if it is right; a wrong one is reported and left out.
    fn keep<T>(&mut self, result: Result<T, ConfigError>) -> Option<T> {
        result.map_err(|e| self.problems.push(e)).ok()
    }

    /// A value that must pass `check`, as `check` returns it (a typed address, …).
    fn checked<T>(
        &mut self,
        name: &'static str,
        check: impl Fn(&str) -> Result<T, ConfigError>,
    ) -> Option<T> {
        let v = self.value(name)?;
        self.keep(check(&v))
    }

    /// A clinic's own wording: cleaned of control and bidi formatting characters (reported
    /// once, the rest kept) and within its cap in `TEXT_LIMITS` (a longer one is reported and
    /// left out: the default is shown instead). Empty is left out silently.
    fn text(&mut self, name: &'static str) -> Option<String> {
        let max = text_limit(name);
        match ConfigText::check(&self.value(name)?, max) {
            ConfigText::Fits(text) => Some(text),
            ConfigText::Cleaned(text) => {
                self.problems.push(ConfigError::invalid(
                    name,
                    "text without control, invisible or bidi formatting characters (they were taken out)",
                ));
                Some(text)
            }
            ConfigText::TooLong => {
                self.problems.push(ConfigError::invalid(
                    name,
                    format!("text of at most {max} characters"),
                ));
                None
            }
            ConfigText::Empty => None,
        }
    }
}

/// The clinic's name: a text like the others; missing or empty is reported (once), and the
/// widget says "the clinic".
fn clinic(r: &mut Reader) -> String {
    r.text("clinic").unwrap_or_else(|| {
        let reported = r
            .problems
            .iter()
            .any(|p| matches!(p, ConfigError::Invalid { item, .. } if item == "clinic"));
        if !reported {
            r.problems.push(ConfigError::invalid(
                "clinic",
                "the clinic's name, e.g. clinic=\"Northline SMP\"",
            ));
        }
        DEFAULT_CLINIC.to_string()
    })
}

fn check_phone(phone: &str) -> Result<String, ConfigError> {
    is_phone(phone).then(|| phone.to_string()).ok_or_else(|| {
        ConfigError::invalid(
            "phone",
            "an international phone number, e.g. +44 20 7946 0958",
        )
    })
}

fn lang<L>(r: &mut Reader, language: impl Fn(&str) -> Option<L>) -> Option<L> {
    let tag = r.value("lang")?;
    let found = language(&tag);
    if found.is_none() {
        r.problems.push(ConfigError::invalid(
            "lang",
            "one of: en, es, fr, de, pt, it",
        ));
    }
    found
}

/// `languages`: codes separated by spaces or commas, the fallback first. A code the widget
/// does not ship is reported and left out; a repeated one counts once.
fn languages<L: PartialEq>(r: &mut Reader, language: impl Fn(&str) -> Option<L>) -> Vec<L> {
    let Some(list) = r.value("languages") else {
        return Vec::new();
    };
    let (found, unknown) = language_list(&list, language);
    if unknown || found.is_empty() {
        r.problems.push(ConfigError::invalid(
            "languages",
            "language codes separated by spaces, from: en, es, fr, de, pt, it (the first is spoken when the visitor's is none of them)",
        ));
    }
    found
}

/// A `languages` list read as the widget reads it: the shipped languages it names, in order,
/// each once, and whether it named one the widget does not ship. Codes are separated by
/// spaces or commas; `language` is the i18n layer's `Locale::from_tag`.
pub fn language_list<L: PartialEq>(
    list: &str,
    language: impl Fn(&str) -> Option<L>,
) -> (Vec<L>, bool) {
    let mut found = Vec::new();
    let mut unknown = false;
    for tag in list.split([' ', ',']).filter(|t| !t.is_empty()) {
        match language(tag) {
            Some(l) if !found.contains(&l) => found.push(l),
            Some(_) => {}
            None => unknown = true,
        }
    }
    (found, unknown)
}

/// The price table: the JSON config's `currency` and `prices`.
fn prices(r: &mut Reader) -> Option<PriceTable> {
    let json = r.given.json?;
    r.keep(PriceTable::from_raw(json).map_err(ConfigError::from))
        .flatten()
}

fn endpoint_mode(r: &mut Reader) -> EndpointMode {
    match r.value("endpoint-mode").as_deref() {
        None | Some("json") => EndpointMode::Json,
        Some("simple") => EndpointMode::Simple,
        Some(_) => {
            r.problems
                .push(ConfigError::invalid("endpoint-mode", "json or simple"));
            EndpointMode::Json
        }
    }
}

/// HubSpot: the two attributes together, or the JSON config's `hubspot` object.
fn hubspot(r: &mut Reader) -> Option<HubSpotForm> {
    let raw = match (r.attribute("hubspot-portal"), r.attribute("hubspot-form")) {
        (Some(portal), Some(form)) => Raw::Object(vec![
            ("portal_id".into(), Raw::Text(portal.into())),
            ("form_id".into(), Raw::Text(form.into())),
        ]),
        (None, None) => r.json("hubspot")?.clone(),
        _ => {
            r.problems.push(ConfigError::invalid(
                "hubspot-portal",
                "hubspot-portal and hubspot-form together",
            ));
            return None;
        }
    };
    r.keep(HubSpotForm::from_raw(&raw).map_err(ConfigError::from))
}

fn analytics(r: &mut Reader) -> bool {
    let on = match r.attribute("analytics") {
        Some(v) => on_off(v),
        None => match r.json("analytics") {
            Some(Raw::Bool(on)) => Some(*on),
            Some(Raw::Text(v)) => on_off(v),
            Some(_) => None,
            None => Some(true),
        },
    };
    on.unwrap_or_else(|| {
        r.problems
            .push(ConfigError::invalid("analytics", "on or off"));
        true
    })
}

/// `on`/`off` (also `true`/`false`, `yes`/`no`); `None` for anything else.
fn on_off(value: &str) -> Option<bool> {
    match value.trim() {
        "on" | "true" | "yes" | "" => Some(true),
        "off" | "false" | "no" => Some(false),
        _ => None,
    }
}

/// The lead-form parts to leave out: the attribute's "photos best_time", or the JSON's string
/// or list of strings.
fn hidden(r: &mut Reader) -> Vec<Optional> {
    let list = match r.attribute("hide") {
        Some(list) => Some(list.to_string()),
        None => match r.json("hide") {
            None => return Vec::new(),
            Some(Raw::Text(list)) => Some(list.clone()),
            Some(Raw::List(items)) => items
                .iter()
                .map(|i| i.as_str())
                .collect::<Option<Vec<_>>>()
                .map(|names| names.join(" ")),
            Some(_) => None,
        },
    };
    let parsed = list.ok_or_else(|| {
        ConfigError::invalid("hide", "a list of names: photos, phone, message, best_time")
    });
    r.keep(parsed.and_then(|list| Optional::parse_list(&list)))
        .unwrap_or_default()
}

/// `theme` is drawn by the stylesheet from the attribute; it is only checked here.
fn check_theme(r: &mut Reader) {
    if let Some(theme) = r.attribute("theme") {
        if Theme::from_code(theme).is_none() {
            r.problems
                .push(ConfigError::invalid("theme", "auto, light or dark"));
        }
    }
}

/// The widget's colours: the visitor's setting, or fixed light or dark (`theme`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}
super::codes::codes!(Theme { Auto => "auto", Light => "light", Dark => "dark" });

/// How the widget sits on the page (`mode`, read by the loader before the engine).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// In the page's flow, where the element is.
    #[default]
    Inline,
    /// A button that opens the consultation in a dialog.
    Popup,
    /// A floating button in the corner of the page.
    Bubble,
}
super::codes::codes!(Mode { Inline => "inline", Popup => "popup", Bubble => "bubble" });

/// What the loader draws before the engine arrives: read from attributes only, since the
/// loader needs them before any JSON is read. The loader says the same words in JS.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Launcher {
    pub mode: Mode,
    /// The popup/bubble button's label; `None` is the widget's own, in the visitor's language.
    pub button_text: Option<String>,
    /// The line beside the bubble.
    pub teaser: Option<String>,
    pub theme: Theme,
}

/// Reads the loader's attributes (`mode`, `button-text`, `teaser`, `theme`); a wrong value is
/// reported as the loader and the widget report it, and replaced by the default. The loader
/// shows `teaser` in bubble mode only; it is read (and checked) whatever the mode.
pub fn read_launcher(attributes: &[(String, String)]) -> (Launcher, Vec<ConfigError>) {
    let attribute = |name: &str| {
        attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let mut problems = Vec::new();
    let mode = attribute("mode").map_or(Some(Mode::Inline), Mode::from_code);
    let theme = attribute("theme").map_or(Some(Theme::Auto), Theme::from_code);
    if mode.is_none() {
        problems.push(ConfigError::invalid("mode", "inline, popup or bubble"));
    }
    if theme.is_none() {
        problems.push(ConfigError::invalid("theme", "auto, light or dark"));
    }
    // Trimmed; empty is the default; above its cap in `TEXT_LIMITS`, the default and one
    // problem (as the loader's `text()`).
    let mut text = |name: &'static str| {
        let given = attribute(name).map(str::trim).filter(|t| !t.is_empty())?;
        let max = text_limit(name);
        if given.chars().count() > max {
            problems.push(ConfigError::invalid(
                name,
                format!("text of at most {max} characters"),
            ));
            return None;
        }
        Some(given.to_string())
    };
    let (button_text, teaser) = (text("button-text"), text("teaser"));
    let launcher = Launcher {
        mode: mode.unwrap_or_default(),
        button_text,
        teaser,
        theme: theme.unwrap_or_default(),
    };
    (launcher, problems)
}
