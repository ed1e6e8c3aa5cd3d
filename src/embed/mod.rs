//! The element ⇄ the widget: reads the clinic's configuration from the `<smp-consult>`
//! element (attributes and JSON), validates it with one clear console error per wrong item,
//! mounts the Yew app into the element's shadow root, and turns widget events into DOM events.
//! Also the headless `recommend()` of the JS API.
//!
//! The functions the loader calls are wasm exports only with the `element` feature (on by
//! default): the configurator links this crate for its rules without carrying the widget's
//! exports, or a second start function, in its own wasm.

pub mod config;
pub mod image;
pub mod page;

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Element, HtmlElement};

use crate::domain::config::ConfigError;
use crate::domain::recommend::recommend as recommend_answers;
use crate::domain::{Answers, PriceTable};
use crate::ui::state::Saved;
use crate::ui::{App, AppProps, WidgetEvent};

/// Installs the panic hook, so a bug shows in the console instead of a silent dead widget.
#[cfg_attr(feature = "element", wasm_bindgen(start))]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// A widget mounted into one element; the loader keeps it to unmount or reset.
#[cfg_attr(feature = "element", wasm_bindgen)]
pub struct Mounted {
    app: Option<yew::AppHandle<App>>,
    storage_key: String,
    clinic: String,
    lang: &'static str,
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
        if let Some(storage) = page::session_storage() {
            let _ = storage.remove_item(&self.storage_key);
        }
        self.unmount();
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

/// The language `host` will speak, if the wasm does not carry it and its locale file has not
/// been installed yet: the loader then fetches `locales/<code>.json` and calls
/// [`install_locale`] before [`mount`]. Reads the configuration as `mount` will, silently
/// (`mount` reports the problems).
#[cfg_attr(feature = "element", wasm_bindgen)]
pub fn locale_needed(host: HtmlElement, fetched: Option<String>) -> Option<String> {
    let locale = config::read(&host, fetched).locale;
    let carried =
        locale == crate::i18n::Locale::En || crate::i18n::data::installed(locale).is_some();
    (!carried).then(|| locale.code().to_string())
}

/// Installs a locale file's text (a flat JSON object of texts by key). Throws if it is not
/// one, or not this language's; texts it lacks stay in English.
#[cfg_attr(feature = "element", wasm_bindgen)]
pub fn install_locale(code: &str, text: &str) -> Result<(), JsError> {
    let locale = crate::i18n::Locale::from_tag(code)
        .ok_or_else(|| JsError::new(&format!("no such language: {code}")))?;
    let object = js_sys::JSON::parse(text)
        .ok()
        .filter(|v| v.is_object() && !js_sys::Array::is_array(v))
        .ok_or_else(|| JsError::new("a locale file is a JSON object of texts"))?;
    let pairs = js_sys::Object::entries(object.unchecked_ref());
    let entries = pairs.iter().filter_map(|pair| {
        let pair: js_sys::Array = pair.unchecked_into();
        Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
    });
    crate::i18n::data::install(locale, entries).map_err(|e| JsError::new(&e))?;
    Ok(())
}

/// Mounts the widget for `host` (the `<smp-consult>` element) into `root` (a node in its
/// shadow root). `fetched` is the JSON text the loader fetched from `config-url`, if any.
/// Configuration problems are reported to the console (and as `smp-consult:error` events)
/// and replaced by safe defaults; this never throws for bad configuration.
#[cfg_attr(feature = "element", wasm_bindgen)]
pub fn mount(host: HtmlElement, root: Element, fetched: Option<String>) -> Mounted {
    // The configurator's preview: nothing is delivered or kept (see `preview_answers`).
    let preview = host.get_attribute("preview");
    if preview.is_none() {
        // Leads left undelivered by an earlier visit go out now.
        crate::delivery::start();
    }
    let mut settings = config::read(&host, fetched);
    if preview.is_some() {
        settings.config.endpoint = None;
        settings.config.hubspot = None;
    }
    for problem in &settings.problems {
        web_sys::console::error_1(&format!("<smp-consult>: {problem}").into());
        let ConfigError::Invalid { item, expected } = problem;
        dispatch(
            &host,
            "smp-consult:error",
            page::to_js(&ErrorDetail {
                code: "config",
                item,
                message: expected,
            }),
        );
    }
    // The brand colour, through the CSSOM (allowed under a strict CSP, unlike a style attribute).
    if let (Some(accent), Some(el)) = (&settings.config.accent, root.dyn_ref::<HtmlElement>()) {
        let _ = el.style().set_property("--_accent", &accent.colour);
        let _ = el.style().set_property("--_on-accent", accent.on);
    }
    let storage_key = settings.storage_key.clone();
    let restored = match &preview {
        Some(answers) => preview_answers(answers),
        None => page::session_storage()
            .and_then(|s| s.get_item(&storage_key).ok().flatten())
            .and_then(|text| page::parse_json(&text))
            .map(|raw| Saved::from_raw(&raw)),
    };
    let onsave = {
        let storage_key = storage_key.clone();
        let keep = preview.is_none();
        yew::Callback::from(move |saved: Saved| {
            if let (true, Some(storage), Some(json)) =
                (keep, page::session_storage(), page::to_json(&saved))
            {
                // Storage can be full or blocked; progress then simply is not kept.
                let _ = storage.set_item(&storage_key, &json);
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
            emit(&event_target, &event) || preview.is_some()
        })
    };
    // The language it really speaks: English if the locale file could not load. Its texts,
    // its money format, the lead's `locale` and the `ready` event then all agree.
    let locale = crate::i18n::Locale::from_tag(settings.locale.strings().code).unwrap_or_default();
    let lang = locale.code();
    let props = AppProps {
        config: Rc::new(settings.config),
        locale,
        restored,
        onsave,
        onevent,
    };
    let app = yew::Renderer::<App>::with_root_and_props(root, props).render();
    Mounted {
        app: Some(app),
        storage_key,
        clinic,
        lang,
    }
}

/// The configurator's preview hook, `preview` (documented in the README): the widget
/// delivers nothing (no endpoint, no HubSpot, no outbox; the lead event still fires and the
/// thank-you follows), keeps no progress, and with `preview='{"pattern":"male",…}'` (answers
/// in DESIGN's JSON shape) opens at the result for those answers.
fn preview_answers(answers: &str) -> Option<Saved> {
    let answers = Answers::from_raw(&page::parse_json(answers)?).ok()?;
    Some(Saved {
        answers,
        screen: Some(crate::ui::state::Screen::Result),
        ..Saved::default()
    })
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
            page::to_js(&serde_step(*question, *number, *total)),
        ),
        WidgetEvent::Result(r) => ("smp-consult:result", page::to_js(&**r)),
        WidgetEvent::Lead(lead) => ("smp-consult:lead", page::to_js(&**lead)),
        WidgetEvent::Rejected(status) => (
            "smp-consult:error",
            page::to_js(&RejectedDetail {
                code: "delivery_rejected",
                status: *status,
            }),
        ),
    };
    dispatch(host, name, detail)
}

fn dispatch(
    host: &HtmlElement,
    name: &str,
    detail: Result<JsValue, serde_wasm_bindgen::Error>,
) -> bool {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(true);
    init.set_detail(&detail.unwrap_or(JsValue::NULL));
    match CustomEvent::new_with_event_init_dict(name, &init) {
        Ok(event) => !host.dispatch_event(&event).unwrap_or(true),
        Err(_) => false,
    }
}

/// Pushes a step, result or lead to the page's `window.dataLayer` (Google Tag Manager and
/// the like), if the page has one. Only codes and counts: never a name, email or answer text.
fn push_analytics(clinic: &str, event: &WidgetEvent) {
    let Some(layer) = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"dataLayer".into()).ok())
        .filter(js_sys::Array::is_array)
    else {
        return;
    };
    let entry = match event {
        WidgetEvent::Step {
            question,
            number,
            total,
        } => page::to_js(&AnalyticsStep {
            event: "smp_step",
            smp_clinic: clinic,
            smp_question: *question,
            smp_step: *number,
            smp_steps: *total,
        }),
        WidgetEvent::Result(r) => page::to_js(&AnalyticsOutcome {
            event: "smp_result",
            smp_clinic: clinic,
            smp_approach: r.approach.code(),
            smp_provisional: r.is_provisional(),
        }),
        WidgetEvent::Lead(lead) => page::to_js(&AnalyticsOutcome {
            event: "generate_lead",
            smp_clinic: clinic,
            smp_approach: lead.recommendation.approach.code(),
            smp_provisional: lead.recommendation.is_provisional(),
        }),
        WidgetEvent::Rejected(_) => return,
    };
    if let Ok(entry) = entry {
        // `push`, not a direct append: GTM replaces it with its own listener.
        let push = js_sys::Reflect::get(&layer, &"push".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(push) = push {
            let _ = push.call1(&layer, &entry);
        }
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
    smp_provisional: bool,
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
    let answers = Answers::from_raw(&page::to_raw(&answers))
        .map_err(|e| JsError::new(&format!("recommend: answers: {e}")))?;
    let prices = PriceTable::from_raw(&page::to_raw(&config))
        .map_err(|e| JsError::new(&format!("recommend: config: {e}")))?;
    let result = recommend_answers(&answers, prices.as_ref())
        .map_err(|e| JsError::new(&format!("recommend: {e}")))?;
    page::to_js(&result).map_err(|e| JsError::new(&e.to_string()))
}
