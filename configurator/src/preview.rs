//! The live preview: the real `<smp-consult>`, loaded from `../smp-consult.js` in a frame
//! (`preview.html`) so that it lays itself out for a phone's or a desktop's width, rebuilt
//! with the settings as they change. It carries the widget's `preview` attribute: nothing
//! sent from it is delivered or kept.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlIFrameElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::{Action, PreviewOptions};
use crate::draft::Setting;
use crate::form::{approach_name, extent_name, use_model, LANGUAGES};
use crate::samples::samples;
use crate::snippet::{Snippet, CONFIG_ID};

/// The frame's width: a phone's, or at least a desktop's (wider than the widget's phone
/// layout, which starts below 600 px).
const PHONE_WIDTH: f64 = 390.0;
const DESKTOP_WIDTH: f64 = 640.0;
const FRAME_HEIGHT: f64 = 720.0;

#[function_component]
pub fn Preview() -> Html {
    let model = use_model();
    let options = model.preview.clone();
    let frame = use_node_ref();
    let stage = use_node_ref();
    // Bumped when the frame has loaded, so the widget is (re)built into it.
    let loaded = use_state(|| 0u32);
    let last_lead = use_state(|| None::<String>);
    let snippet = model.draft.snippet();
    let theme_follows = model.draft.choice(Setting::Theme) == "auto";
    let mode = model.draft.choice(Setting::Mode).to_string();

    {
        // Rebuild the widget a moment after the last change (not on every key press).
        let frame = frame.clone();
        let last_lead = last_lead.clone();
        let timer = use_mut_ref(|| None::<i32>);
        let listener = use_mut_ref(|| None::<LeadListener>);
        use_effect_with(
            (snippet.clone(), options.clone(), *loaded, theme_follows),
            move |(snippet, options, _, theme_follows)| {
                let snippet = snippet.clone();
                let options = options.clone();
                let theme_follows = *theme_follows;
                let build = Closure::once_into_js(move || {
                    if let Some(iframe) = frame.cast::<HtmlIFrameElement>() {
                        let onlead = Callback::from(move |json: String| last_lead.set(Some(json)));
                        let built =
                            build_widget(&iframe, &snippet, &options, theme_follows, onlead);
                        // The old widget is gone; so is its listener.
                        *listener.borrow_mut() = built;
                    }
                });
                if let Some(window) = web_sys::window() {
                    if let Some(t) = timer.borrow_mut().take() {
                        window.clear_timeout_with_handle(t);
                    }
                    let t = window
                        .set_timeout_with_callback_and_timeout_and_arguments_0(
                            build.unchecked_ref(),
                            250,
                        )
                        .ok();
                    *timer.borrow_mut() = t;
                }
            },
        );
    }
    {
        // The frame keeps its phone or desktop width, scaled down to fit a narrow screen.
        let stage = stage.clone();
        let frame = frame.clone();
        let phone = options.phone;
        use_effect_with(phone, move |phone| {
            let phone = *phone;
            let fit = Rc::new(move || fit_frame(&stage, &frame, phone));
            fit();
            let listener = {
                let fit = fit.clone();
                Closure::<dyn Fn()>::new(move || fit())
            };
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ =
                    w.add_event_listener_with_callback("resize", listener.as_ref().unchecked_ref());
            }
            let listener = RefCell::new(Some(listener));
            move || {
                if let (Some(w), Some(l)) = (window, listener.borrow_mut().take()) {
                    let _ =
                        w.remove_event_listener_with_callback("resize", l.as_ref().unchecked_ref());
                }
            }
        });
    }

    let set = |change: fn(&mut PreviewOptions, String)| {
        let model = model.clone();
        move |value: String| {
            let mut options = model.preview.clone();
            change(&mut options, value);
            model.dispatch(Action::Preview(options));
        }
    };
    let onwidth = |phone: bool| {
        let set = set(|o, v| o.phone = v == "phone");
        Callback::from(move |_: Event| set(if phone { "phone" } else { "desktop" }.into()))
    };
    let onlang = {
        let set = set(|o, v| o.lang = v);
        Callback::from(move |e: Event| set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let onshow = {
        let set = set(|o, v| o.sample = v.parse().ok());
        Callback::from(move |e: Event| set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let ondark = {
        let set = set(|o, v| o.dark = v == "dark");
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            set(if on { "dark" } else { "light" }.into())
        })
    };
    let onload = {
        let loaded = loaded.clone();
        Callback::from(move |_: Event| loaded.set(*loaded + 1))
    };
    let onrestart = {
        let loaded = loaded.clone();
        Callback::from(move |_: MouseEvent| loaded.set(*loaded + 1))
    };
    let sample_list = samples();
    html! {
        <aside class="preview" id="preview" aria-labelledby="preview-title">
            <div class="preview-head">
                <h2 id="preview-title">{ "Preview" }</h2>
                <p class="hint">{ "The real widget with your settings. Requests sent from here go nowhere." }</p>
            </div>
            <div class="preview-tools">
                <fieldset class="segmented">
                    <legend class="visually-hidden">{ "Screen" }</legend>
                    <input type="radio" id="pv-desktop" name="pv-width" checked={!options.phone} onchange={onwidth(false)} />
                    <label for="pv-desktop">{ "Desktop" }</label>
                    <input type="radio" id="pv-phone" name="pv-width" checked={options.phone} onchange={onwidth(true)} />
                    <label for="pv-phone">{ "Phone" }</label>
                </fieldset>
                <div class="tool">
                    <label for="pv-lang">{ "Language" }</label>
                    <select id="pv-lang" onchange={onlang}>
                        <option value="" selected={options.lang.is_empty()}>{ "As set" }</option>
                        { for LANGUAGES.iter().map(|(code, name)| html! {
                            <option value={*code} selected={options.lang == *code}>{ *name }</option>
                        }) }
                    </select>
                </div>
                <div class="tool">
                    <label for="pv-show">{ "Show" }</label>
                    <select id="pv-show" onchange={onshow}>
                        <option value="" selected={options.sample.is_none()}>{ "The first question" }</option>
                        { for sample_list.iter().enumerate().map(|(i, s)| {
                            let name = match s.approach {
                                smp_consult::domain::Approach::ScarCamouflage | smp_consult::domain::Approach::PatchBlending => format!("Result: {}", approach_name(s.approach)),
                                _ => format!("Result: {}, {}", approach_name(s.approach), extent_name(s.extent)),
                            };
                            html! { <option value={i.to_string()} selected={options.sample == Some(i)}>{ name }</option> }
                        }) }
                    </select>
                </div>
                if theme_follows {
                    <div class="check tool">
                        <input type="checkbox" id="pv-dark" checked={options.dark} onchange={ondark} />
                        <label for="pv-dark">{ "Dark mode" }</label>
                    </div>
                }
                <button type="button" class="secondary small" onclick={onrestart}>{ "Start again" }</button>
            </div>
            if mode != "inline" {
                <p class="hint">{ "Press the button in the preview to open the consultation, as a visitor would." }</p>
            }
            <div class={classes!("stage", options.phone.then_some("phone"))} ref={stage}>
                <iframe ref={frame} src="preview.html" title="Preview of your widget" {onload}
                    class={classes!("frame", format!("mode-{mode}"))}></iframe>
            </div>
            if let Some(lead) = &*last_lead {
                <details class="last-lead">
                    <summary>{ "The lead the preview just made (not sent)" }</summary>
                    <pre><code>{ lead }</code></pre>
                </details>
            }
        </aside>
    }
}

/// Sizes the frame for a phone or a desktop, scaled down when the column is narrower.
fn fit_frame(stage: &NodeRef, frame: &NodeRef, phone: bool) {
    let (Some(stage), Some(frame)) = (stage.cast::<HtmlElement>(), frame.cast::<HtmlElement>())
    else {
        return;
    };
    let room = f64::from(stage.client_width()).max(1.0);
    let width = if phone {
        PHONE_WIDTH
    } else {
        DESKTOP_WIDTH.max(room)
    };
    let scale = (room / width).min(1.0);
    // Through the CSSOM: the page's CSP allows no style attributes.
    let style = frame.style();
    let _ = style.set_property("width", &format!("{width}px"));
    let _ = style.set_property("height", &format!("{FRAME_HEIGHT}px"));
    let _ = style.set_property("transform", &format!("scale({scale})"));
    let _ = stage
        .style()
        .set_property("height", &format!("{}px", (FRAME_HEIGHT * scale).ceil()));
}

/// The preview widget's `smp-consult:lead` listener, kept as long as the widget.
type LeadListener = Closure<dyn Fn(web_sys::CustomEvent)>;

/// Puts a fresh widget with these settings into the frame's page; returns its listener.
fn build_widget(
    iframe: &HtmlIFrameElement,
    snippet: &Snippet,
    options: &PreviewOptions,
    theme_follows: bool,
    onlead: Callback<String>,
) -> Option<LeadListener> {
    let document = iframe.content_document()?;
    let stage = document.get_element_by_id("stage")?;
    let dark = theme_follows && options.dark;
    let _ = document
        .document_element()?
        .class_list()
        .toggle_with_force("dark", dark);
    // Removing the old element unmounts its widget.
    stage.set_text_content(None);
    let config = document.create_element("script").ok()?;
    config.set_attribute("type", "application/json").ok()?;
    config.set_id(CONFIG_ID);
    config.set_text_content(Some(&snippet.json_text()));
    let widget = document.create_element("smp-consult").ok()?;
    for (name, value) in &snippet.attributes {
        // The config file is not online yet: the preview reads the same JSON inline.
        if name != "config-url" && name != "config" {
            widget.set_attribute(name, value).ok()?;
        }
    }
    widget
        .set_attribute("config", &format!("#{CONFIG_ID}"))
        .ok()?;
    if !options.lang.is_empty() {
        widget.set_attribute("lang", &options.lang).ok()?;
    }
    if theme_follows {
        widget
            .set_attribute("theme", if dark { "dark" } else { "light" })
            .ok()?;
    }
    let answers = options
        .sample
        .and_then(|i| samples().into_iter().nth(i))
        .and_then(|s| smp_consult::browser::js::to_json(&s.answers))
        .unwrap_or_default();
    widget.set_attribute("preview", &answers).ok()?;
    // The lead as it would be sent, written by the same Rust JSON writer as the snippet (not
    // with the page's `JSON.stringify`, as the widget never uses it).
    let listener = LeadListener::new(move |e: web_sys::CustomEvent| {
        let lead = smp_consult::browser::js::to_raw(&e.detail());
        onlead.emit(crate::snippet::json(&lead, 0));
    });
    widget
        .add_event_listener_with_callback("smp-consult:lead", listener.as_ref().unchecked_ref())
        .ok()?;
    stage.append_child(&config).ok()?;
    stage.append_child(&widget).ok()?;
    if options.sample.is_some() {
        // A popup or bubble opens at the sample result too.
        if let Ok(open) = js_sys::Reflect::get(&widget, &"open".into()) {
            if let Some(open) = open.dyn_ref::<js_sys::Function>() {
                let _ = open.call0(&widget);
            }
        }
    }
    Some(listener)
}
