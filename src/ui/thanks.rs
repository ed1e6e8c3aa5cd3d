//! The thank-you screen, shown only once the lead has really reached the clinic.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::question::use_focus_on_arrival;
use super::state::use_consultation;
use super::with_name;

/// Time to read the thank-you before going on to the clinic's own page.
const REDIRECT_DELAY_MS: i32 = 2500;

#[function_component]
pub fn Thanks() -> Html {
    let consultation = use_consultation();
    let widget = consultation.widget().clone();
    let t = widget.t();
    let heading = use_node_ref();
    use_focus_on_arrival(heading.clone(), consultation.state().moved);
    let name = consultation.state().thanked.clone().unwrap_or_default();
    let restart = Callback::from(move |_: MouseEvent| consultation.restart());
    // The clinic's own thank-you page, after a moment to read this one.
    let redirect = widget.config.redirect_url.clone();
    use_effect_with(redirect.clone(), |redirect| {
        let timer = redirect.clone().and_then(|url| {
            let go = Closure::<dyn Fn()>::new(move || {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().assign(url.as_str());
                }
            });
            let window = web_sys::window()?;
            let id = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    go.as_ref().unchecked_ref(),
                    REDIRECT_DELAY_MS,
                )
                .ok()?;
            Some((id, go))
        });
        move || {
            if let (Some((id, _go)), Some(window)) = (timer, web_sys::window()) {
                window.clear_timeout_with_handle(id);
            }
        }
    });
    html! {
        <section class="thanks" part="thanks">
            <h2 tabindex="-1" ref={heading}>{ with_name(|n| t.thanks_heading(n), &name) }</h2>
            <p class="lead-text">{
                match &widget.config.thanks_text {
                    Some(text) => html! { text.clone() },
                    None => widget.naming_clinic(|c| t.thanks_text(c)),
                }
            }</p>
            <ol class="steps">
                { for t.thanks_steps.iter().map(|s| html! { <li>{ *s }</li> }) }
            </ol>
            if let Some(url) = &widget.config.booking_url {
                <p class="booking"><a class="button primary" href={url.to_string()} target="_blank" rel="noopener" part="button booking">{ t.book_consultation }</a></p>
            }
            if redirect.is_some() {
                <p class="hint" role="status">{ t.redirecting }</p>
            }
            <div class="nav" part="nav">
                <button type="button" class="button secondary" onclick={restart}>{ t.start_again }</button>
            </div>
        </section>
    }
}
