//! The configurator: the page where a clinic sets SMP Consult up without writing HTML or JSON.
//! Every setting in plain words, checked by the widget's own rules (`smp_consult::domain`), a
//! live preview of the real widget, the snippet to paste, and a test lead to the destination.
//!
//! Pure parts, tested natively: `draft` (the settings as typed ⇄ the snippet), `snippet`
//! (writing and reading the pasted text), `samples` (the price table's cells and a sample
//! result for each), `contrast` (the brand colour's contrast), `share` (settings in a link),
//! `test_lead` (the test lead and what its answer means). The page: `app` (state and
//! layout), `form`, `preview`, `publish`, and `page` (what it asks of the browser).

pub mod app;
pub mod contrast;
pub mod draft;
pub mod form;
pub mod page;
pub mod preview;
pub mod publish;
pub mod samples;
pub mod share;
pub mod snippet;
pub mod test_lead;

use wasm_bindgen::prelude::*;

/// Mounts the page into `#app`, starting from a shared link's settings or the ones kept in
/// this browser.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
    else {
        return;
    };
    let text = page::initial_text().unwrap_or_default();
    let initial = draft::Draft::from_text(&text).unwrap_or_default();
    // The widget is beside this page (`dist/smp-consult.js`, this page being `dist/configure/`)
    // unless the kept settings say where the clinic put it.
    let script_src =
        snippet::loader_src(&text).unwrap_or_else(|| page::resolve("../smp-consult.js"));
    let matches = |query: &str| {
        web_sys::window()
            .and_then(|w| w.match_media(query).ok().flatten())
            .is_some_and(|m| m.matches())
    };
    let (dark, phone) = (
        matches("(prefers-color-scheme: dark)"),
        matches("(max-width: 699px)"),
    );
    root.set_text_content(None);
    yew::Renderer::<app::App>::with_root_and_props(
        root,
        app::AppProps {
            initial,
            script_src: script_src.into(),
            dark,
            phone,
        },
    )
    .render();
}
