//! The thank-you screen, shown only once the lead has really reached the clinic.

use yew::prelude::*;

use super::question::use_focus_on_arrival;
use super::state::use_consultation;

#[function_component]
pub fn Thanks() -> Html {
    let consultation = use_consultation();
    let widget = consultation.widget().clone();
    let t = widget.t();
    let heading = use_node_ref();
    use_focus_on_arrival(heading.clone(), consultation.state().moved);
    let name = consultation.state().thanked.clone().unwrap_or_default();
    let restart = Callback::from(move |_: MouseEvent| consultation.restart());
    html! {
        <section class="thanks" part="thanks">
            <h2 tabindex="-1" ref={heading}>{ (t.thanks_heading)(&name) }</h2>
            <p class="lead-text">{ (t.thanks_text)(&widget.config.clinic) }</p>
            <ol class="steps">
                { for t.thanks_steps.iter().map(|s| html! { <li>{ *s }</li> }) }
            </ol>
            <div class="nav" part="nav">
                <button type="button" class="button secondary" onclick={restart}>{ t.start_again }</button>
            </div>
        </section>
    }
}
