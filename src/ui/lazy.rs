//! A part of the widget kept in a second wasm module, fetched when it is first shown (Yew has
//! no `Lazy` component of its own). `scripts/build` splits the engine with `wasm-split-cli` at
//! the `#[wasm_split]` functions (see [`crate::ui::lead_screen`]); what only they reach goes
//! into the chunk, a file beside the engine fetched from the same origin.
//!
//! [`Lazy`] shows "Loading…" while the chunk comes, then draws the part with the props it has
//! now (each render, so changed props reach it); if the chunk cannot load it says so, with Try
//! again and Back, never a blank. A loaded chunk stays loaded; a failed load is not remembered,
//! so Try again fetches it afresh.

use std::future::Future;
use std::pin::Pin;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::state::use_consultation;

/// How to draw a part once its chunk is in: a function inside the chunk.
pub type Render<P> = fn(P) -> Html;

/// Loads a part's chunk (once) and returns its [`Render`], or `None` when it could not load.
pub type Load<P> = fn() -> Pin<Box<dyn Future<Output = Option<Render<P>>>>>;

#[derive(Properties)]
pub struct LazyProps<P: Clone + PartialEq + 'static> {
    pub load: Load<P>,
    /// The part's own props, passed on at every render.
    pub props: P,
}

impl<P: Clone + PartialEq + 'static> PartialEq for LazyProps<P> {
    fn eq(&self, other: &Self) -> bool {
        // By address (`std::ptr::fn_addr_eq` is newer than this crate's rust-version).
        self.load as usize == other.load as usize && self.props == other.props
    }
}

enum Part<P> {
    Loading,
    Ready(Render<P>),
    Failed,
}

#[function_component]
pub fn Lazy<P: Clone + PartialEq + 'static>(props: &LazyProps<P>) -> Html {
    let part = use_state(|| Part::<P>::Loading);
    // Each Try again is a new attempt: the effect below runs once per value.
    let attempt = use_state(|| 0u32);
    {
        let part = part.clone();
        let load = props.load;
        use_effect_with(*attempt, move |_| {
            spawn_local(async move {
                part.set(match load().await {
                    Some(render) => Part::Ready(render),
                    None => Part::Failed,
                });
            });
        });
    }
    // A failure takes focus (the button that led here is gone), so a keyboard or screen
    // reader user is at the message, with Back and Try again next.
    let message = use_node_ref();
    {
        let message = message.clone();
        use_effect_with(matches!(*part, Part::Failed), move |failed| {
            if *failed {
                if let Some(el) = message.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let consultation = use_consultation();
    let t = consultation.widget().t();
    match &*part {
        Part::Ready(render) => render(props.props.clone()),
        Part::Loading => html! {
            <p class="smp-loading" role="status">{ t.loading }</p>
        },
        Part::Failed => {
            let retry = {
                let (part, attempt) = (part.clone(), attempt.clone());
                Callback::from(move |_: MouseEvent| {
                    part.set(Part::Loading);
                    attempt.set(*attempt + 1);
                })
            };
            let back = Callback::from(move |_: MouseEvent| consultation.back());
            html! {
                <div class="step" part="step">
                    <p class="smp-failed" role="alert" tabindex="-1" ref={message}>{ t.part_failed }</p>
                    <div class="nav" part="nav">
                        <button type="button" class="button secondary" part="button back" onclick={back}>{ t.back }</button>
                        <button type="button" class="button primary" part="button next" onclick={retry}>{ t.try_again }</button>
                    </div>
                </div>
            }
        }
    }
}
