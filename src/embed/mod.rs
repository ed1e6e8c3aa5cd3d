//! The element ⇄ the widget: reads the clinic's configuration from the `<smp-consult>`
//! element (attributes and JSON), validates it with one clear console error per wrong item,
//! mounts the Yew app into the element's shadow root, and turns widget events into DOM events.
//! Also the headless `recommend()` of the JS API.
//!
//! The functions the loader calls are wasm exports only with the `element` feature (on by
//! default): the configurator links this crate for its rules without carrying the widget's
//! exports, or a second start function, in its own wasm.

pub mod config;

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Element, HtmlElement};

use crate::browser::{builtins, js, storage};
use crate::domain::config::ConfigError;
use crate::domain::flow::FIRST;
use crate::domain::json;
use crate::domain::recommend::recommend as recommend_answers;
use crate::domain::{Answers, PriceTable};
use crate::ui::state::Saved;
use crate::ui::{App, AppProps, WidgetEvent};

/// Installs the panic hook, so a bug shows in the console instead of a silent dead widget.
#[cfg_attr(feature = "element", wasm_bindgen(start))]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Hands over the browser's own `fetch`, `XMLHttpRequest` and `Response` getters, as the loader
/// took them when it first ran (see `browser::builtins`). Leads are sent with these.
#[cfg_attr(feature = "element", wasm_bindgen)]
pub fn use_builtins(taken: JsValue) {
    builtins::install(&taken);
}

/// Sends what the outbox holds, without mounting anything: the loader calls this at idle time
/// on every page where a lead is waiting, whether or not a widget is ever opened there.
#[cfg_attr(feature = "element", wasm_bindgen)]
pub fn deliver_pending() {
    start_delivery();
}

/// Starts delivery (see `delivery::start`). In the widget's split wasm, delivery is in the
/// lead chunk: loaded here only when the outbox holds a lead (a lead sent on this page starts
/// delivery from the lead form, which is in the same chunk).
fn start_delivery() {
    #[cfg(all(feature = "element", target_arch = "wasm32"))]
    if storage::local_storage()
        .and_then(|s| s.get_item(crate::delivery::OUTBOX_KEY).ok().flatten())
        .is_some()
    {
        crate::split::start_delivery();
    }
    #[cfg(not(all(feature = "element", target_arch = "wasm32")))]
    crate::delivery::start();
}

/// A widget mounted into one element; the loader keeps it to update, unmount or reset.
#[cfg_attr(feature = "element", wasm_bindgen)]
pub struct Mounted {
    app: Option<yew::AppHandle<App>>,
    host: HtmlElement,
    root: Element,
    storage_key: String,
    clinic: String,
    lang: &'static str,
    /// The configuration problems already reported: each is reported once per element.
    reported: Vec<ConfigError>,
    /// The `preview` attribute it was mounted or last opened with (see [`preview_answers`]).
    preview: Option<String>,
}

#[cfg_attr(feature = "element", wasm_bindgen)]
impl Mounted {
    /// Removes the widget from its element (the element was taken off the page).
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }

    /// Forgets the saved progress and unmounts; the loader mounts afresh at the first question.
    pub fn reset(&mut self) {
        if let Some(storage) = storage::session_storage() {
            let _ = storage.remove_item(&self.storage_key);
        }
        self.unmount();
    }

    /// Applies the element's attributes (and `fetched`, the text of its `config-url`) as they
    /// are now: the loader calls this when one changed after mount. The visitor stays where
    /// they are, with what they typed; a new problem is reported like at mount.
    pub fn update(&mut self, fetched: Option<String>) {
        let settings = config::read(&self.host, fetched);
        report(&self.host, &settings.problems, &mut self.reported);
        let preview = self.host.get_attribute("preview");
        if preview != self.preview {
            // A new preview opens afresh at its answers' result; a widget that stops being a
            // preview starts as one mounted now would (its saved progress, if any).
            if let Some(app) = self.app.take() {
                app.destroy();
            }
            let restored = restore(&settings.storage_key, preview.as_deref());
            let built = build(
                &self.host,
                &self.root,
                settings,
                restored,
                preview.is_some(),
            );
            (self.storage_key, self.clinic, self.lang) =
                (built.storage_key, built.clinic, built.lang);
            self.app = Some(render(&self.root, built.props, preview.is_none()));
            self.preview = preview;
            return;
        }
        if settings.storage_key != self.storage_key && self.preview.is_none() {
            // Progress moves to the new key with the next save; nothing stays under the old one.
            if let Some(storage) = storage::session_storage() {
                let _ = storage.remove_item(&self.storage_key);
            }
        }
        let built = build(
            &self.host,
            &self.root,
            settings,
            None,
            self.preview.is_some(),
        );
        (self.storage_key, self.clinic, self.lang) = (built.storage_key, built.clinic, built.lang);
        if let Some(app) = &mut self.app {
            app.update(built.props);
        }
    }

    /// The clinic's name as configured (for the `ready` event).
    #[cfg_attr(feature = "element", wasm_bindgen(getter))]
    pub fn clinic(&self) -> String {
        self.clinic.clone()
    }

    /// The language the widget speaks (for the `ready` event).
    #[cfg_attr(feature = "element", wasm_bindgen(getter))]
    pub fn lang(&self) -> String {
        self.lang.to_string()
    }
}

/// The language `host` will speak, if this engine was built for another (each engine carries
/// one language: `i18n::Locale::BUILT`): the loader then mounts it with that language's engine,
/// `<code>/smp-consult-core.js`. Reads the configuration as `mount` will, silently (`mount`
/// reports the problems).
#[cfg_attr(feature = "element", wasm_bindgen)]
pub fn locale_needed(host: HtmlElement, fetched: Option<String>) -> Option<String> {
    let locale = config::read(&host, fetched).locale;
    (!locale.carried()).then(|| locale.code().to_string())
}

/// Mounts the widget for `host` (the `<smp-consult>` element) into `root` (a node in its
/// shadow root). `fetched` is the JSON text the loader fetched from `config-url`, if any.
/// `early` is what the visitor did on the first question the loader painted before the engine
/// came, as saved progress (`{"answers":{"pattern":"male"}}`, with `"screen"` if they did not
/// press Next yet): the widget takes over from there, not from the first question.
/// Configuration problems are reported to the console (and as `smp-consult:error` events)
/// and replaced by safe defaults; this never throws for bad configuration.
#[cfg_attr(feature = "element", wasm_bindgen)]
pub fn mount(
    host: HtmlElement,
    root: Element,
    fetched: Option<String>,
    early: Option<String>,
) -> Mounted {
    // The configurator's preview: nothing is delivered or kept (see `preview_answers`).
    let preview = host.get_attribute("preview");
    let settings = config::read(&host, fetched);
    let mut reported = Vec::new();
    report(&host, &settings.problems, &mut reported);
    let early = early
        .filter(|_| preview.is_none())
        .and_then(|text| json::parse(&text).ok())
        .map(|raw| Saved::from_raw(&raw));
    // Moved on from the painted first question: it was shown, so the page hears of it (as the
    // step event and in the dataLayer) as if the engine had drawn it.
    let moved_on = early.as_ref().is_some_and(|saved| saved.screen.is_none());
    let restored = early.or_else(|| restore(&settings.storage_key, preview.as_deref()));
    let built = build(&host, &root, settings, restored, preview.is_some());
    if moved_on {
        let (number, total) = crate::domain::flow::progress(&Answers::default(), FIRST);
        built.props.onevent.emit(WidgetEvent::Step {
            question: FIRST,
            number,
            total,
        });
    }
    let app = render(&root, built.props, preview.is_none());
    Mounted {
        app: Some(app),
        host,
        root,
        storage_key: built.storage_key,
        clinic: built.clinic,
        lang: built.lang,
        reported,
        preview,
    }
}

/// Renders the app into `root`; a real widget (`deliver`) first sends the leads an earlier
/// visit left undelivered.
fn render(root: &Element, props: AppProps, deliver: bool) -> yew::AppHandle<App> {
    if deliver {
        start_delivery();
    }
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render()
}

/// Where the widget starts: a preview's answers at their result, else the progress saved in
/// this tab under `storage_key`.
fn restore(storage_key: &str, preview: Option<&str>) -> Option<Saved> {
    match preview {
        Some(answers) => preview_answers(answers),
        None => storage::session_storage()
            .and_then(|s| s.get_item(storage_key).ok().flatten())
            .and_then(|text| json::parse(&text).ok())
            .map(|raw| Saved::from_raw(&raw)),
    }
}

/// The configurator's preview hook, `preview` (documented in the README): the widget
/// delivers nothing (no endpoint, no HubSpot, no outbox; the lead event still fires and the
/// thank-you follows), keeps no progress, and with `preview='{"pattern":"male",…}'` (answers
/// in DESIGN's JSON shape, read by the widget's own JSON reader) opens at the result for them.
fn preview_answers(answers: &str) -> Option<Saved> {
    let answers = Answers::from_raw(&json::parse(answers).ok()?).ok()?;
    Some(Saved {
        answers,
        screen: Some(crate::ui::state::Screen::Result),
        ..Saved::default()
    })
}

/// Reports each problem not reported before: one console error naming the item, and an
/// `smp-consult:error` event.
fn report(host: &HtmlElement, problems: &[ConfigError], reported: &mut Vec<ConfigError>) {
    for problem in problems {
        if reported.contains(problem) {
            continue;
        }
        reported.push(problem.clone());
        web_sys::console::error_1(&format!("<smp-consult>: {problem}").into());
        let ConfigError::Invalid { item, expected } = problem;
        dispatch(
            host,
            "smp-consult:error",
            js::to_js(&ErrorDetail {
                code: "config",
                item,
                message: expected,
            }),
        );
    }
}

/// What one configuration makes of a mounted widget.
struct Built {
    props: AppProps,
    /// The session-storage key progress is saved under.
    storage_key: String,
    clinic: String,
    /// The language really spoken.
    lang: &'static str,
}

/// The app's properties for `settings` (and the brand colour set on `root`). A `preview`
/// delivers nothing and keeps no progress.
fn build(
    host: &HtmlElement,
    root: &Element,
    mut settings: config::Settings,
    restored: Option<Saved>,
    preview: bool,
) -> Built {
    if preview {
        settings.config.endpoint = None;
        settings.config.hubspot = None;
    }
    // The brand colour, through the CSSOM (allowed under a strict CSP, unlike a style attribute).
    if let Some(el) = root.dyn_ref::<HtmlElement>() {
        let style = el.style();
        match &settings.config.accent {
            Some(accent) => {
                let _ = style.set_property("--_accent", &accent.colour);
                let _ = style.set_property("--_on-accent", accent.on);
            }
            None => {
                let _ = style.remove_property("--_accent");
                let _ = style.remove_property("--_on-accent");
            }
        }
    }
    let storage_key = settings.storage_key.clone();
    let onsave = {
        let storage_key = storage_key.clone();
        yew::Callback::from(move |saved: Option<Saved>| {
            let Some(storage) = storage::session_storage().filter(|_| !preview) else {
                return;
            };
            // Storage can be full or blocked; progress then simply is not kept.
            match saved.and_then(|s| js::to_json(&s)) {
                Some(text) => {
                    let _ = storage.set_item(&storage_key, &text);
                }
                None => {
                    let _ = storage.remove_item(&storage_key);
                }
            }
        })
    };
    let (event_target, analytics) = (host.clone(), settings.config.analytics);
    let clinic = settings.config.clinic.clone();
    let onevent = {
        let clinic = clinic.clone();
        yew::Callback::from(move |event: WidgetEvent| {
            if analytics {
                push_analytics(&clinic, &event);
            }
            // In a preview the lead counts as taken by the page: the thank-you is shown.
            emit(&event_target, &event) || preview
        })
    };
    // The language it really speaks: its own, if it was asked for one it does not carry. Its
    // texts, its money format, the lead's `locale` and the `ready` event then all agree.
    let locale = crate::i18n::Locale::from_tag(settings.locale.strings().code).unwrap_or_default();
    let props = AppProps {
        config: Rc::new(settings.config),
        locale,
        restored,
        onsave,
        onevent,
    };
    Built {
        props,
        storage_key,
        clinic,
        lang: locale.code(),
    }
}

/// Dispatches a widget event on the host element as `smp-consult:<name>` (bubbling,
/// composed, cancelable). Returns whether a listener called `preventDefault()`.
fn emit(host: &HtmlElement, event: &WidgetEvent) -> bool {
    let (name, detail) = match event {
        WidgetEvent::Step {
            question,
            number,
            total,
        } => (
            "smp-consult:step",
            js::to_js(&serde_step(*question, *number, *total)),
        ),
        WidgetEvent::Result(r) => ("smp-consult:result", js::to_js(&**r)),
        WidgetEvent::Lead(lead) => ("smp-consult:lead", js::to_js(&**lead)),
        WidgetEvent::Rejected(status) => (
            "smp-consult:error",
            js::to_js(&RejectedDetail {
                code: "delivery_rejected",
                status: *status,
            }),
        ),
    };
    dispatch(host, name, detail)
}

fn dispatch(host: &HtmlElement, name: &str, detail: JsValue) -> bool {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(true);
    init.set_detail(&detail);
    match CustomEvent::new_with_event_init_dict(name, &init) {
        Ok(event) => !host.dispatch_event(&event).unwrap_or(true),
        Err(_) => false,
    }
}

/// Pushes a step, result or lead to the page's `window.dataLayer` (Google Tag Manager and
/// the like), if the page has one. Only codes and counts: never a name, an email, an answer, or
/// anything that follows from a scar or health answer.
fn push_analytics(clinic: &str, event: &WidgetEvent) {
    let Some(layer) = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"dataLayer".into()).ok())
        .filter(js_sys::Array::is_array)
    else {
        return;
    };
    // Codes and counts that tell nothing of scars or health: no provisional flag (it is set
    // exactly by health and scar answers), no scar follow-up steps, and numbers that are the
    // same for every visitor.
    let entry = match event {
        WidgetEvent::Step { question, .. } => {
            let Some((number, total)) = crate::domain::flow::public_step(*question) else {
                return;
            };
            js::to_js(&AnalyticsStep {
                event: "smp_step",
                smp_clinic: clinic,
                smp_question: *question,
                smp_step: number,
                smp_steps: total,
            })
        }
        WidgetEvent::Result(r) => js::to_js(&AnalyticsOutcome {
            event: "smp_result",
            smp_clinic: clinic,
            smp_approach: r.approach.code(),
        }),
        WidgetEvent::Lead(lead) => js::to_js(&AnalyticsOutcome {
            event: "generate_lead",
            smp_clinic: clinic,
            smp_approach: lead.recommendation.approach.code(),
        }),
        WidgetEvent::Rejected(_) => return,
    };
    // `push`, not a direct append: GTM replaces it with its own listener.
    let push = js_sys::Reflect::get(&layer, &"push".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(push) = push {
        let _ = push.call1(&layer, &entry);
    }
}

#[derive(serde::Serialize)]
struct ErrorDetail<'a> {
    code: &'static str,
    item: &'a str,
    message: &'a str,
}

#[derive(serde::Serialize)]
struct RejectedDetail {
    code: &'static str,
    status: u16,
}

#[derive(serde::Serialize)]
struct AnalyticsStep<'a> {
    event: &'static str,
    smp_clinic: &'a str,
    smp_question: crate::domain::QuestionId,
    smp_step: usize,
    smp_steps: usize,
}

#[derive(serde::Serialize)]
struct AnalyticsOutcome<'a> {
    event: &'static str,
    smp_clinic: &'a str,
    smp_approach: &'static str,
}

#[derive(serde::Serialize)]
struct StepDetail {
    question: crate::domain::QuestionId,
    number: usize,
    total: usize,
}

fn serde_step(question: crate::domain::QuestionId, number: usize, total: usize) -> StepDetail {
    StepDetail {
        question,
        number,
        total,
    }
}

/// The engine, headless: `recommend(answers, config)` → a plain object in DESIGN's JSON shape.
/// `config` may be `undefined` or `{currency, prices}`. Throws an `Error` naming the answer
/// that is missing or wrong.
#[cfg_attr(feature = "element", wasm_bindgen)]
pub fn recommend(answers: JsValue, config: JsValue) -> Result<JsValue, JsError> {
    let answers = Answers::from_raw(&js::to_raw(&answers))
        .map_err(|e| JsError::new(&format!("recommend: answers: {e}")))?;
    let prices = PriceTable::from_raw(&js::to_raw(&config))
        .map_err(|e| JsError::new(&format!("recommend: config: {e}")))?;
    let result = recommend_answers(&answers, prices.as_ref())
        .map_err(|e| JsError::new(&format!("recommend: {e}")))?;
    Ok(js::to_js(&result))
}

/// The `config-url` to fetch, if `host` has one that passes the address rules (an https URL
/// or a path on this site); a wrong one is reported like any wrong item and left out.
#[cfg_attr(feature = "element", wasm_bindgen)]
pub fn config_url(host: HtmlElement) -> Option<String> {
    let url = host.get_attribute("config-url")?;
    match crate::domain::settings::check_config_url(&url) {
        Ok(url) => Some(url.to_string()),
        Err(problem) => {
            report(&host, &[problem], &mut Vec::new());
            None
        }
    }
}
