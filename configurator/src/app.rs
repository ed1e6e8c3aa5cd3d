//! The page's state and its reducer (pure: saving, the preview and the network happen in
//! effects and callbacks), and the root component that lays the page out.

use std::rc::Rc;

use smp_consult::domain::config::ConfigError;
use yew::prelude::*;

use crate::draft::{Draft, Setting};
use crate::form::Settings;
use crate::preview::Preview;
use crate::publish::{Publish, Reuse};
use crate::samples::example_price;
use crate::test_lead::{Outcome, Target};

/// Where leads go, as the page offers it (the snippet only knows an `endpoint`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Destination {
    /// The project's own receiver (`inbox/`): its address, leads at `/v1/leads`, or at
    /// `/v1/clinics/<id>/leads` on an inbox that serves several clinics.
    Inbox,
    /// Any URL: Zapier, Make, a CRM, the clinic's own server.
    Webhook,
    /// No endpoint: the page's `smp-consult:lead` event (and HubSpot, if set) only.
    Nowhere,
}

/// The path the inbox takes leads at.
pub const INBOX_PATH: &str = "/v1/leads";
/// Where a clinic's own endpoint starts on an inbox that serves several clinics.
pub const CLINICS_PATH: &str = "/v1/clinics/";

/// An inbox endpoint taken apart: the inbox's address and the clinic id ("" for the single
/// clinic's `/v1/leads`); `None` for any other address.
pub fn split_inbox(endpoint: &str) -> Option<(String, String)> {
    let endpoint = endpoint.trim();
    if let Some(address) = endpoint.strip_suffix(INBOX_PATH) {
        return Some((address.to_string(), String::new()));
    }
    let rest = endpoint.strip_suffix("/leads")?;
    let at = rest.rfind(CLINICS_PATH)?;
    let clinic = &rest[at + CLINICS_PATH.len()..];
    let ok = !clinic.is_empty()
        && clinic
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    ok.then(|| (rest[..at].to_string(), clinic.to_string()))
}

impl Destination {
    fn of(draft: &Draft) -> Destination {
        match draft.get(Setting::Endpoint).trim() {
            "" => Destination::Nowhere,
            url if split_inbox(url).is_some() => Destination::Inbox,
            _ => Destination::Webhook,
        }
    }
}

/// How the preview shows the widget; none of it is a setting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PreviewOptions {
    /// A phone's width (390 px) instead of a desktop's.
    pub phone: bool,
    /// A language to preview in ("" = the clinic's setting).
    pub lang: String,
    /// Open at this sample result (an index into `samples()`), or at the first question.
    pub sample: Option<usize>,
    /// Dark colours (when the clinic's theme follows the visitor).
    pub dark: bool,
}

/// The platforms the steps are written for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Platform {
    #[default]
    WordPress,
    Wix,
    Squarespace,
    Webflow,
    Html,
}

/// A "Send a test lead" run.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum TestRun {
    #[default]
    Idle,
    Sending,
    Done(Vec<(Target, Outcome)>),
}

/// A line telling what just happened (pasting, sharing), announced politely.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub ok: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub draft: Draft,
    /// What the widget would say about the draft (kept in step with it).
    pub problems: Vec<ConfigError>,
    /// Items (`accent`, `prices.buzz_cut.small`) whose problems show beside their field: left
    /// once, or filled in from a paste, a link or this browser.
    pub shown: Vec<String>,
    pub destination: Destination,
    /// The inbox's address as typed (the endpoint is it plus `/v1/leads`).
    pub inbox_address: String,
    /// The clinic's id on an inbox that serves several clinics ("" on a clinic's own inbox).
    pub inbox_clinic: String,
    pub hubspot: bool,
    /// The settings live in a file (`config-url`) rather than in the page.
    pub in_file: bool,
    pub preview: PreviewOptions,
    /// Where the widget's loader is, for the snippet's first line.
    pub script_src: String,
    pub platform: Platform,
    pub paste_notice: Option<Notice>,
    pub test: TestRun,
}

impl Model {
    pub fn new(draft: Draft) -> Model {
        let mut model = Model {
            draft: Draft::default(),
            problems: Vec::new(),
            shown: Vec::new(),
            destination: Destination::Nowhere,
            inbox_address: String::new(),
            inbox_clinic: String::new(),
            hubspot: false,
            in_file: false,
            preview: PreviewOptions::default(),
            script_src: String::new(),
            platform: Platform::default(),
            paste_notice: None,
            test: TestRun::Idle,
        };
        model.load(draft);
        model
    }

    /// Takes a whole draft (pasted, linked, kept): its problems show at once.
    fn load(&mut self, draft: Draft) {
        self.destination = Destination::of(&draft);
        (self.inbox_address, self.inbox_clinic) = match self.destination {
            Destination::Inbox => split_inbox(draft.get(Setting::Endpoint)).unwrap_or_default(),
            _ => (String::new(), String::new()),
        };
        self.hubspot = [Setting::HubspotPortal, Setting::HubspotForm]
            .iter()
            .any(|s| !draft.get(*s).is_empty());
        self.in_file = !draft.get(Setting::ConfigUrl).is_empty();
        self.shown = Setting::ALL
            .iter()
            .filter(|s| !draft.get(**s).is_empty())
            .map(|s| s.name().to_string())
            .chain(draft.prices.iter().map(|c| c.item()))
            .collect();
        self.problems = draft.problems();
        self.draft = draft;
        self.test = TestRun::Idle;
    }

    fn show(&mut self, item: String) {
        if !self.shown.contains(&item) {
            self.shown.push(item);
        }
    }
}

/// Everything a clinic can do on the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Set(Setting, String),
    /// A field was left: its problems show from now on.
    Show(String),
    /// A price cell's "from" (`max: false`) or "to" value.
    Price {
        index: usize,
        max: bool,
        value: String,
    },
    /// Fills the empty price cells with examples in the currency.
    ExamplePrices,
    /// Leaves a lead-form part out (or asks for it again).
    Hide(&'static str, bool),
    Destination(Destination),
    /// The inbox's address, typed.
    InboxAddress(String),
    /// The clinic's id on an agency's inbox ("" for a clinic's own inbox).
    InboxClinic(String),
    HubSpot(bool),
    InFile(bool),
    Preview(PreviewOptions),
    Platform(Platform),
    /// Where the widget's files are (the snippet's `<script src>`).
    ScriptSrc(String),
    Load(Draft, Notice),
    PasteNotice(Notice),
    Test(TestRun),
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut m = (*self).clone();
        match action {
            Action::Set(setting, value) => {
                if is_destination(setting) {
                    m.test = TestRun::Idle;
                }
                m.draft.set(setting, value);
            }
            Action::Show(item) => m.show(item),
            Action::Price { index, max, value } => {
                if let Some(cell) = m.draft.prices.get_mut(index) {
                    *(if max { &mut cell.max } else { &mut cell.min }) = value;
                }
            }
            Action::ExamplePrices => {
                if m.draft.get(Setting::Currency).trim().is_empty() {
                    let currency = match m.draft.get(Setting::Lang) {
                        "en" | "" => "GBP",
                        "pt" => "BRL",
                        _ => "EUR",
                    };
                    m.draft.set(Setting::Currency, currency);
                }
                let currency = m.draft.get(Setting::Currency).to_string();
                for cell in &mut m.draft.prices {
                    if cell.min.trim().is_empty() && cell.max.trim().is_empty() {
                        let [min, max] = example_price(&currency, cell.approach, cell.extent);
                        (cell.min, cell.max) = (min.to_string(), max.to_string());
                    }
                }
            }
            Action::Hide(part, hidden) => {
                m.draft.hide.retain(|h| h != part);
                if hidden {
                    m.draft.hide.push(part.to_string());
                }
            }
            Action::Destination(destination) => {
                let endpoint = m.draft.get(Setting::Endpoint).trim().to_string();
                match destination {
                    Destination::Nowhere => m.draft.set(Setting::Endpoint, ""),
                    Destination::Inbox => m.draft.set(
                        Setting::Endpoint,
                        inbox_endpoint(&m.inbox_address, &m.inbox_clinic),
                    ),
                    Destination::Webhook if split_inbox(&endpoint).is_some() => {
                        m.draft.set(Setting::Endpoint, "")
                    }
                    Destination::Webhook => {}
                }
                if destination != Destination::Webhook {
                    m.draft.set(Setting::EndpointMode, "");
                }
                m.destination = destination;
                m.test = TestRun::Idle;
            }
            Action::InboxAddress(address) => {
                m.draft
                    .set(Setting::Endpoint, inbox_endpoint(&address, &m.inbox_clinic));
                m.inbox_address = address;
                m.test = TestRun::Idle;
            }
            Action::InboxClinic(clinic) => {
                let clinic = clinic.trim().to_ascii_lowercase();
                m.draft
                    .set(Setting::Endpoint, inbox_endpoint(&m.inbox_address, &clinic));
                m.inbox_clinic = clinic;
                m.test = TestRun::Idle;
            }
            Action::HubSpot(on) => {
                if !on {
                    for s in [
                        Setting::HubspotPortal,
                        Setting::HubspotForm,
                        Setting::HubspotSubscription,
                        Setting::HubspotApi,
                    ] {
                        m.draft.set(s, "");
                    }
                }
                m.hubspot = on;
                m.test = TestRun::Idle;
            }
            Action::InFile(on) => {
                let url = if on { "/smp-consult.json" } else { "" };
                if !on || m.draft.get(Setting::ConfigUrl).is_empty() {
                    m.draft.set(Setting::ConfigUrl, url);
                }
                m.in_file = on;
            }
            Action::Preview(p) => m.preview = p,
            Action::Platform(p) => m.platform = p,
            Action::ScriptSrc(src) => m.script_src = src,
            Action::Load(draft, notice) => {
                m = Model::new(draft);
                m.preview = self.preview.clone();
                m.script_src = self.script_src.clone();
                m.platform = self.platform;
                m.paste_notice = Some(notice);
            }
            Action::PasteNotice(notice) => m.paste_notice = Some(notice),
            Action::Test(run) => m.test = run,
        }
        if m.draft != self.draft {
            m.problems = m.draft.problems();
        }
        Rc::new(m)
    }
}

/// The endpoint of the inbox at this address: its `/v1/leads`, or the clinic's own
/// `/v1/clinics/<clinic>/leads` when a clinic id is given.
pub fn inbox_endpoint(address: &str, clinic: &str) -> String {
    let address = address.trim().trim_end_matches('/');
    let clinic = clinic.trim();
    if address.is_empty() {
        String::new()
    } else if clinic.is_empty() {
        format!("{address}{INBOX_PATH}")
    } else {
        format!("{address}{CLINICS_PATH}{clinic}/leads")
    }
}

fn is_destination(setting: Setting) -> bool {
    matches!(
        setting,
        Setting::Endpoint
            | Setting::EndpointMode
            | Setting::HubspotPortal
            | Setting::HubspotForm
            | Setting::HubspotSubscription
            | Setting::HubspotApi
            | Setting::Clinic
    )
}

/// The page's state, shared with every part of it.
pub type ModelContext = UseReducerHandle<Model>;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Settings to start from: from a shared link or this browser, as pasted text.
    pub initial: Draft,
    /// Where the widget's loader is, for the snippet: the kept settings' own, else
    /// `../smp-consult.js` from this page.
    pub script_src: AttrValue,
    /// The preview starts dark when this page's visitor uses dark mode.
    #[prop_or_default]
    pub dark: bool,
    /// The preview starts at a phone's width on a narrow screen.
    #[prop_or_default]
    pub phone: bool,
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let (initial, dark, phone) = (props.initial.clone(), props.dark, props.phone);
    let src = props.script_src.clone();
    let model = use_reducer_eq(move || {
        let mut model = Model::new(initial);
        model.preview.dark = dark;
        model.preview.phone = phone;
        model.script_src = src.to_string();
        model
    });
    {
        // Kept in this browser after every change: a reload loses nothing.
        use_effect_with(
            (model.draft.clone(), model.script_src.clone()),
            move |(draft, src)| crate::page::keep(&draft.saved_text(src)),
        );
    }
    html! {
        <ContextProvider<ModelContext> context={model}>
            <header class="top">
                <p class="brand">{ "SMP Consult" }</p>
                <h1>{ "Set up your consultation widget" }</h1>
                <p class="lede">
                    { "Fill in your clinic’s details. The preview is the real widget, as your visitors will see it. \
                       When it looks right, copy the snippet onto your website: no code to write." }
                </p>
                <p class="kept">{ "Your settings stay in this browser: nothing is sent anywhere until you press “Send a test lead”." }</p>
                <nav class="jump" aria-label="On this page">
                    <a href="#settings">{ "Settings" }</a>
                    <a href="#preview">{ "Preview" }</a>
                    <a href="#publish">{ "Put it on your website" }</a>
                    <a href="#reuse">{ "Change a widget you already have" }</a>
                </nav>
            </header>
            <main class="layout">
                <Settings />
                <Preview />
            </main>
            <Publish />
            <Reuse />
        </ContextProvider<ModelContext>>
    }
}
