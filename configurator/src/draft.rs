//! The clinic's settings as typed: every field keeps its text, right or wrong, so a wrong value
//! can be shown with what is wrong with it. A draft is written as the snippet's attributes and
//! JSON config ([`Draft::snippet`]) and read back from them ([`Draft::from_snippet`]); its
//! problems are what the widget's own reader (`domain::settings`) says about that snippet.

use smp_consult::domain::config::{ConfigError, PriceTable};
use smp_consult::domain::raw::Raw;
use smp_consult::domain::settings::{self, read_launcher, Given};
use smp_consult::domain::{Approach, Extent};
use smp_consult::i18n::Locale;

use crate::snippet::{Snippet, CONFIG_ID};

/// A setting a clinic types or picks, with where the snippet puts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Setting {
    Clinic,
    Logo,
    Phone,
    Email,
    Accent,
    Theme,
    Mode,
    ButtonText,
    Teaser,
    Lang,
    Languages,
    Currency,
    Endpoint,
    EndpointMode,
    HubspotPortal,
    HubspotForm,
    HubspotSubscription,
    HubspotApi,
    PrivacyUrl,
    BookingUrl,
    RedirectUrl,
    ConsentText,
    ThanksText,
    Analytics,
    ConfigUrl,
}

/// Where a setting goes in the snippet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// An attribute of the element (the loader needs it early, or it reads well there).
    Attribute,
    /// A key of the JSON config.
    Json,
    /// A key of the JSON config's `hubspot` object.
    HubSpot(&'static str),
}

impl Setting {
    pub const ALL: &'static [Setting] = &[
        Setting::Clinic,
        Setting::Logo,
        Setting::Phone,
        Setting::Email,
        Setting::Accent,
        Setting::Theme,
        Setting::Mode,
        Setting::ButtonText,
        Setting::Teaser,
        Setting::Lang,
        Setting::Languages,
        Setting::Currency,
        Setting::Endpoint,
        Setting::EndpointMode,
        Setting::HubspotPortal,
        Setting::HubspotForm,
        Setting::HubspotSubscription,
        Setting::HubspotApi,
        Setting::PrivacyUrl,
        Setting::BookingUrl,
        Setting::RedirectUrl,
        Setting::ConsentText,
        Setting::ThanksText,
        Setting::Analytics,
        Setting::ConfigUrl,
    ];

    /// The attribute's name, which is also the item a problem names (`privacy-url`).
    pub const fn name(self) -> &'static str {
        match self {
            Setting::Clinic => "clinic",
            Setting::Logo => "logo",
            Setting::Phone => "phone",
            Setting::Email => "email",
            Setting::Accent => "accent",
            Setting::Theme => "theme",
            Setting::Mode => "mode",
            Setting::ButtonText => "button-text",
            Setting::Teaser => "teaser",
            Setting::Lang => "lang",
            Setting::Languages => "languages",
            Setting::Currency => "currency",
            Setting::Endpoint => "endpoint",
            Setting::EndpointMode => "endpoint-mode",
            Setting::HubspotPortal => "hubspot-portal",
            Setting::HubspotForm => "hubspot-form",
            Setting::HubspotSubscription => "hubspot.subscription_type_id",
            Setting::HubspotApi => "hubspot.api",
            Setting::PrivacyUrl => "privacy-url",
            Setting::BookingUrl => "booking-url",
            Setting::RedirectUrl => "redirect-url",
            Setting::ConsentText => "consent-text",
            Setting::ThanksText => "thanks-text",
            Setting::Analytics => "analytics",
            Setting::ConfigUrl => "config-url",
        }
    }

    /// The JSON config's key for it (`privacy_url`).
    fn key(self) -> String {
        self.name().replace('-', "_")
    }

    fn place(self) -> Place {
        match self {
            Setting::Clinic
            | Setting::Lang
            | Setting::Languages
            | Setting::Mode
            | Setting::ButtonText
            | Setting::Teaser
            | Setting::Theme
            | Setting::Phone
            | Setting::Email
            | Setting::ConfigUrl => Place::Attribute,
            Setting::HubspotPortal => Place::HubSpot("portal_id"),
            Setting::HubspotForm => Place::HubSpot("form_id"),
            Setting::HubspotSubscription => Place::HubSpot("subscription_type_id"),
            Setting::HubspotApi => Place::HubSpot("api"),
            _ => Place::Json,
        }
    }

    /// Read from the element only: the loader needs them before any JSON is read, and the
    /// widget ignores them in the JSON config.
    fn attribute_only(self) -> bool {
        matches!(
            self,
            Setting::Mode
                | Setting::ButtonText
                | Setting::Teaser
                | Setting::Theme
                | Setting::ConfigUrl
        )
    }

    /// The value that needs no writing: the widget's default.
    fn default_value(self) -> &'static str {
        match self {
            Setting::Mode => "inline",
            Setting::Theme => "auto",
            Setting::EndpointMode => "json",
            Setting::Analytics => "on",
            _ => "",
        }
    }

    /// Whether a problem is about this setting (shown beside its field).
    pub fn owns(self, problem: &ConfigError) -> bool {
        let ConfigError::Invalid { item, .. } = problem;
        let key = self.key();
        item == self.name()
            || *item == format!("config.{key}")
            || match self {
                Setting::HubspotPortal => item == "hubspot.portal_id",
                Setting::HubspotForm => item == "hubspot.form_id",
                _ => false,
            }
    }
}

/// One cell of the price table: an approach at an extent, `[min, max]` as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceCell {
    pub approach: Approach,
    pub extent: Extent,
    pub min: String,
    pub max: String,
}

impl PriceCell {
    /// The item a problem with this cell names (`prices.buzz_cut.small`).
    pub fn item(&self) -> String {
        format!("prices.{}.{}", self.approach.code(), self.extent.code())
    }

    fn is_empty(&self) -> bool {
        self.min.trim().is_empty() && self.max.trim().is_empty()
    }

    /// As the JSON config writes it: `[400, 850]`; a value that is not a whole number stays
    /// text, so the widget's reader says what is wrong with it.
    fn raw(&self) -> Raw {
        let value = |text: &str| {
            let text = text.trim();
            match text.parse::<u32>() {
                Ok(n) if n.to_string() == text => Raw::Number(f64::from(n)),
                _ if text.is_empty() => Raw::Null,
                _ => Raw::Text(text.into()),
            }
        };
        Raw::List(vec![value(&self.min), value(&self.max)])
    }
}

/// The optional lead-form parts, as the `hide` setting names them.
pub const OPTIONAL_PARTS: &[&str] = &["photos", "phone", "message", "best_time"];

/// Everything a clinic has set, as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// One text per setting, in `Setting::ALL` order.
    values: Vec<String>,
    /// One cell per approach × extent a result can show (see `samples`), in table order.
    pub prices: Vec<PriceCell>,
    /// Lead-form parts left out (`hide`), as named.
    pub hide: Vec<String>,
    /// JSON config keys this page does not know (from a newer widget, say), kept as they came.
    pub extra: Vec<(String, Raw)>,
}

impl Default for Draft {
    fn default() -> Self {
        Draft::empty(price_cells())
    }
}

/// The price table's empty cells, one per sample result.
pub fn price_cells() -> Vec<PriceCell> {
    crate::samples::samples()
        .into_iter()
        .map(|s| PriceCell {
            approach: s.approach,
            extent: s.extent,
            min: String::new(),
            max: String::new(),
        })
        .collect()
}

/// The keys of the JSON config the draft reads into its own fields.
const KNOWN_KEYS: &[&str] = &["currency", "prices", "hubspot", "hide"];

impl Draft {
    /// A draft with nothing set and these price cells.
    pub fn empty(prices: Vec<PriceCell>) -> Draft {
        Draft {
            values: vec![String::new(); Setting::ALL.len()],
            prices,
            hide: Vec::new(),
            extra: Vec::new(),
        }
    }

    /// A setting's text ("" when not set).
    pub fn get(&self, setting: Setting) -> &str {
        self.values.get(setting as usize).map_or("", String::as_str)
    }

    /// A setting's value, or the widget's default when not set (`inline`, `auto`…).
    pub fn choice(&self, setting: Setting) -> &str {
        match self.get(setting).trim() {
            "" => setting.default_value(),
            value => value,
        }
    }

    /// Sets a setting's text; the widget's default (`inline`, `auto`…) is kept as not set.
    pub fn set(&mut self, setting: Setting, value: impl Into<String>) {
        let mut value = value.into();
        if value == setting.default_value() {
            value.clear();
        }
        if let Some(v) = self.values.get_mut(setting as usize) {
            *v = value;
        }
    }

    /// A setting's text as the snippet writes it: trimmed; `None` when it is empty or the
    /// widget's default.
    fn written(&self, setting: Setting) -> Option<&str> {
        let value = self.get(setting).trim();
        // With one language fixed, the list of those allowed means nothing: not written.
        if setting == Setting::Languages && self.written(Setting::Lang).is_some() {
            return None;
        }
        (!value.is_empty() && value != setting.default_value()).then_some(value)
    }

    /// The snippet: attributes for what the loader needs early and what reads well on the
    /// element, the rest in the JSON config (inline, or in the `config-url` file).
    pub fn snippet(&self) -> Snippet {
        let mut attributes = Vec::new();
        let mut json: Vec<(String, Raw)> = Vec::new();
        let mut hubspot: Vec<(String, Raw)> = Vec::new();
        for setting in Setting::ALL {
            let Some(value) = self.written(*setting) else {
                continue;
            };
            match setting.place() {
                Place::Attribute if *setting == Setting::ConfigUrl => {}
                Place::Attribute => attributes.push((setting.name().to_string(), value.into())),
                Place::Json => json.push((setting.key(), json_value(*setting, value))),
                Place::HubSpot(key) => hubspot.push((key.into(), json_value(*setting, value))),
            }
        }
        if !hubspot.is_empty() {
            json.push(("hubspot".into(), Raw::Object(hubspot)));
        }
        let prices: Vec<(String, Raw)> = Approach::ALL
            .iter()
            .filter_map(|approach| {
                let row: Vec<(String, Raw)> = self
                    .prices
                    .iter()
                    .filter(|c| c.approach == *approach && !c.is_empty())
                    .map(|c| (c.extent.code().to_string(), c.raw()))
                    .collect();
                (!row.is_empty()).then(|| (approach.code().to_string(), Raw::Object(row)))
            })
            .collect();
        if !prices.is_empty() {
            // Currency first, where a reader looks for it.
            let currency = Raw::Text(self.get(Setting::Currency).trim().into());
            json.retain(|(k, _)| k != "currency");
            json.insert(0, ("prices".into(), Raw::Object(prices)));
            json.insert(0, ("currency".into(), currency));
        }
        let hide: Vec<Raw> = self
            .hide
            .iter()
            .map(|h| Raw::Text(h.trim().into()))
            .collect();
        if !hide.is_empty() {
            json.push(("hide".into(), Raw::List(hide)));
        }
        json.extend(self.extra.iter().cloned());
        match self.written(Setting::ConfigUrl) {
            Some(url) => attributes.push(("config-url".into(), url.into())),
            None if !json.is_empty() => attributes.push(("config".into(), format!("#{CONFIG_ID}"))),
            None => {}
        }
        Snippet { attributes, json }
    }

    /// Reads a snippet back (attributes win over the JSON config, as in the widget).
    /// `prices` gives the table's cells; a pasted price for a cell the table lacks is kept
    /// as an extra cell, so nothing pasted is lost.
    pub fn from_snippet(
        attributes: &[(String, String)],
        json: Option<&Raw>,
        prices: Vec<PriceCell>,
    ) -> Draft {
        let mut draft = Draft::empty(prices);
        let entries: &[(String, Raw)] = match json {
            Some(Raw::Object(entries)) => entries,
            _ => &[],
        };
        let hubspot = json.and_then(|j| j.get("hubspot"));
        for setting in Setting::ALL {
            let attribute = attributes
                .iter()
                .find(|(n, _)| n == setting.name())
                .map(|(_, v)| v.clone());
            let from_json = match setting.place() {
                _ if setting.attribute_only() => None,
                Place::HubSpot(key) => hubspot.and_then(|h| h.get(key)).map(text_of),
                _ => json.and_then(|j| j.get(&setting.key())).map(text_of),
            };
            if let Some(value) = attribute.or(from_json) {
                draft.set(*setting, value);
            }
        }
        if let Some(prices) = json.and_then(|j| j.get("prices")) {
            draft.read_prices(prices);
        }
        let hide_attribute = attributes.iter().find(|(n, _)| n == "hide");
        draft.hide = match (hide_attribute, json.and_then(|j| j.get("hide"))) {
            (Some((_, list)), _) => names(list),
            (None, Some(Raw::Text(list))) => names(list),
            (None, Some(Raw::List(items))) => items.iter().map(text_of).collect(),
            (None, Some(other)) => vec![text_of(other)],
            (None, None) => Vec::new(),
        };
        let handled = |key: &str| {
            KNOWN_KEYS.contains(&key)
                || Setting::ALL
                    .iter()
                    .any(|s| s.key() == key && !s.attribute_only())
        };
        draft.extra = entries
            .iter()
            .filter(|(k, _)| !handled(k))
            .cloned()
            .collect();
        draft
    }

    fn read_prices(&mut self, prices: &Raw) {
        let Raw::Object(rows) = prices else {
            return;
        };
        for (approach_code, row) in rows {
            let Raw::Object(cells) = row else { continue };
            for (extent_code, range) in cells {
                let (Some(approach), Some(extent)) = (
                    Approach::from_code(approach_code),
                    Extent::from_code(extent_code),
                ) else {
                    continue;
                };
                let (min, max) = match range {
                    Raw::List(v) => (
                        v.first().map(text_of).unwrap_or_default(),
                        v.get(1).map(text_of).unwrap_or_default(),
                    ),
                    other => (text_of(other), String::new()),
                };
                match self
                    .prices
                    .iter_mut()
                    .find(|c| c.approach == approach && c.extent == extent)
                {
                    Some(cell) => (cell.min, cell.max) = (min, max),
                    None => self.prices.push(PriceCell {
                        approach,
                        extent,
                        min,
                        max,
                    }),
                }
            }
        }
    }

    /// What the widget would say about these settings, in its words: its reader's problems
    /// with the snippet, the loader's, and each price cell's on its own (the reader stops at
    /// the first wrong price; a clinic wants to see every one).
    pub fn problems(&self) -> Vec<ConfigError> {
        let snippet = self.snippet();
        let json = Raw::Object(snippet.json.clone());
        let read = settings::read(
            Given {
                attributes: &snippet.attributes,
                json: Some(&json),
            },
            Locale::from_tag,
        );
        let mut problems: Vec<ConfigError> = read
            .problems
            .into_iter()
            .filter(|p| {
                let ConfigError::Invalid { item, .. } = p;
                !item.starts_with("prices.") && item != "theme"
            })
            .collect();
        problems.extend(read_launcher(&snippet.attributes).1);
        if let Some(Err(problem)) = snippet
            .attribute("config-url")
            .map(settings::check_config_url)
        {
            problems.push(problem);
        }
        for cell in self.prices.iter().filter(|c| !c.is_empty()) {
            let one = Raw::Object(vec![
                ("currency".into(), Raw::Text("EUR".into())),
                (
                    "prices".into(),
                    Raw::Object(vec![(
                        cell.approach.code().into(),
                        Raw::Object(vec![(cell.extent.code().into(), cell.raw())]),
                    )]),
                ),
            ]);
            if let Err(e) = PriceTable::from_raw(&one) {
                problems.push(e.into());
            }
        }
        problems
    }
}

/// A value for the JSON config: text, except the settings the widget reads as other types.
fn json_value(setting: Setting, value: &str) -> Raw {
    match (setting, value) {
        (Setting::Analytics, "off") => Raw::Bool(false),
        (Setting::HubspotSubscription, v) => match v.parse::<u32>() {
            Ok(n) if n.to_string() == v => Raw::Number(f64::from(n)),
            _ => Raw::Text(v.into()),
        },
        _ => Raw::Text(value.into()),
    }
}

/// A JSON value as the text a field shows.
fn text_of(value: &Raw) -> String {
    match value {
        Raw::Null => String::new(),
        Raw::Bool(false) => "off".into(),
        Raw::Bool(true) => "on".into(),
        Raw::Number(n) => crate::snippet::number(*n),
        Raw::Text(s) => s.clone(),
        other => crate::snippet::json(other, 0),
    }
}

/// A space- or comma-separated list of names.
fn names(list: &str) -> Vec<String> {
    list.split([' ', ','])
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// Why pasted text filled nothing in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasteError {
    /// Neither an `<smp-consult>` element nor a JSON object.
    NothingFound,
    /// The JSON config is not a JSON object: the widget's own words for it.
    Config(ConfigError),
}

impl std::fmt::Display for PasteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PasteError::NothingFound => f.write_str(
                "There is no <smp-consult> element and no JSON config in what you pasted.",
            ),
            PasteError::Config(e) => e.fmt(f),
        }
    }
}

impl Draft {
    /// A draft from pasted text: a snippet (with its JSON config), a config file's JSON, or
    /// both. The JSON is read as the widget reads it (`domain::json`, strict).
    pub fn from_text(text: &str) -> Result<Draft, PasteError> {
        let pasted = crate::snippet::parse_pasted(text);
        if pasted.element.is_none() && pasted.json.is_none() {
            return Err(PasteError::NothingFound);
        }
        let item = match &pasted.element {
            Some(a) if a.iter().any(|(n, _)| n == "config-url") => "config-url",
            _ => "config",
        };
        let json = match &pasted.json {
            Some(text) => Some(settings::json_config(text, item).map_err(PasteError::Config)?),
            None => None,
        };
        let attributes = pasted.element.unwrap_or_default();
        Ok(Draft::from_snippet(
            &attributes,
            json.as_ref(),
            price_cells(),
        ))
    }

    /// The text that brings these settings back when pasted: the snippet, and the config
    /// file's JSON after it when the settings live in a file.
    pub fn saved_text(&self, script_src: &str) -> String {
        let snippet = self.snippet();
        match snippet.attribute("config-url") {
            Some(_) => format!("{}\n\n{}", snippet.html(script_src), snippet.json_text()),
            None => snippet.html(script_src),
        }
    }
}
