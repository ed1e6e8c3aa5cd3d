//! The element ⇄ the widget: reads the clinic's configuration from the `<smp-consult>`
//! element (attributes and JSON), validates it with one clear console error per wrong item,
//! mounts the Yew app into the element's shadow root, and turns widget events into DOM events.
//! Also the headless `recommend()` of the JS API.

pub mod config;
pub mod page;

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Element, HtmlElement};

use crate::domain::recommend::recommend as recommend_answers;
use crate::domain::{Answers, PriceTable};
use crate::ui::state::Saved;
use crate::ui::{App, AppProps, WidgetEvent};

/// Installs the panic hook, so a bug shows in the console instead of a silent dead widget.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// A widget mounted into one element; the loader keeps it to unmount.
#[wasm_bindgen]
pub struct Mounted {
    app: Option<yew::AppHandle<App>>,
}

#[wasm_bindgen]
impl Mounted {
    /// Removes the widget from its element (the element was taken off the page).
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mounts the widget for `host` (the `<smp-consult>` element) into `root` (a node in its
/// shadow root). Configuration problems are reported to the console and replaced by safe
/// defaults; this never throws for bad configuration.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: Element) -> Mounted {
    // Leads left undelivered by an earlier visit go out now.
    crate::delivery::start();
    let settings = config::read(&host);
    for problem in &settings.problems {
        web_sys::console::error_1(&format!("<smp-consult>: {problem}").into());
    }
    let storage_key = settings.storage_key.clone();
    let restored = page::session_storage()
        .and_then(|s| s.get_item(&storage_key).ok().flatten())
        .and_then(|text| page::parse_json(&text))
        .map(|raw| Saved::from_raw(&raw));
    let onsave = yew::Callback::from(move |saved: Saved| {
        if let (Some(storage), Some(json)) = (page::session_storage(), page::to_json(&saved)) {
            // Storage can be full or blocked; progress then simply is not kept.
            let _ = storage.set_item(&storage_key, &json);
        }
    });
    let event_target = host.clone();
    let onevent = yew::Callback::from(move |event: WidgetEvent| emit(&event_target, &event));
    let props = AppProps {
        config: Rc::new(settings.config),
        locale: settings.locale,
        restored,
        onsave,
        onevent,
    };
    let app = yew::Renderer::<App>::with_root_and_props(root, props).render();
    Mounted { app: Some(app) }
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
    };
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
#[wasm_bindgen]
pub fn recommend(answers: JsValue, config: JsValue) -> Result<JsValue, JsError> {
    let answers = Answers::from_raw(&page::to_raw(&answers))
        .map_err(|e| JsError::new(&format!("recommend: answers: {e}")))?;
    let prices = PriceTable::from_raw(&page::to_raw(&config))
        .map_err(|e| JsError::new(&format!("recommend: config: {e}")))?;
    let result = recommend_answers(&answers, prices.as_ref())
        .map_err(|e| JsError::new(&format!("recommend: {e}")))?;
    page::to_js(&result).map_err(|e| JsError::new(&e.to_string()))
}
