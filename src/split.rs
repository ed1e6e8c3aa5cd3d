//! The engine's split points: what a visitor needs only from the result screen on (the lead
//! form, its photos and the delivery of leads) is in a second wasm module, the `lead` chunk,
//! fetched from beside the engine when first needed. `scripts/build` cuts it out with
//! `wasm-split-cli` at the `#[wasm_split]` functions below: whatever only they reach goes
//! into the chunk, the rest stays in the engine.
//!
//! Only the widget's own wasm is split (feature `element`, wasm32): natively (the server
//! render, the tests) and in the configurator these parts are called directly.

use std::future::Future;
use std::pin::Pin;

use wasm_split_helpers::{wasm_split, SplitLoaderError};
use yew::html;

use crate::ui::lazy::Render;
use crate::ui::lead_form::{LeadForm, LeadFormProps};

/// The lead form, drawn by a function inside the chunk. Loading it also starts delivery (which
/// is in the chunk too): the outbox, its retries and the browser's online and pagehide events.
#[wasm_split(lead, fallible, preload(preload_lead))]
fn lead_form() -> Result<Render<LeadFormProps>, SplitLoaderError> {
    crate::delivery::start();
    Ok(|props| html! { <LeadForm ..props /> })
}

/// Sends what the outbox holds (see [`crate::delivery::start`]), from inside the chunk.
#[wasm_split(lead, fallible)]
fn delivery() -> Result<(), SplitLoaderError> {
    crate::delivery::start();
    Ok(())
}

/// The [`crate::ui::lazy::Load`] of the lead screen.
pub fn load_lead_form() -> Pin<Box<dyn Future<Output = Option<Render<LeadFormProps>>>>> {
    Box::pin(async {
        let loaded = lead_form().await;
        if loaded.is_err() {
            failed("the lead form");
        }
        loaded.ok()
    })
}

/// Starts fetching the chunk when the result is shown, so it is usually there by the time the
/// visitor presses the button to the form. A failure here is left to the form, which tries
/// again and says so if it must.
pub fn prefetch_lead_form() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = preload_lead().await;
    });
}

/// Loads the chunk and starts delivery in it. A chunk that cannot load leaves the outbox as
/// it is (its leads are kept), to be sent from the next page or the next try.
pub fn start_delivery() {
    wasm_bindgen_futures::spawn_local(async {
        if delivery().await.is_err() {
            failed("delivery of saved requests");
        }
    });
}

fn failed(what: &str) {
    web_sys::console::error_1(
        &format!("<smp-consult>: could not load {what} (the engine's lead chunk).").into(),
    );
}
