//! The result: the approach and everything a visitor needs to understand it, from the
//! codes `recommend()` returns. The root carries `data-approach`.

use std::rc::Rc;

use yew::prelude::*;

use super::picture::{describe, PreviewFigure};
use super::question::use_focus_on_arrival;
use super::state::use_consultation;
use super::WidgetEvent;
use crate::domain::flow::{Choice, QuestionId};
use crate::domain::picture;
use crate::domain::recommend::recommend;

#[derive(Properties, PartialEq)]
pub struct ResultViewProps {
    /// Tells the host page the result was shown.
    #[prop_or_else(super::no_listener)]
    pub onevent: Callback<WidgetEvent, bool>,
}

#[function_component]
pub fn ResultView(props: &ResultViewProps) -> Html {
    let consultation = use_consultation();
    let widget = consultation.widget().clone();
    let t = widget.t();
    let state = consultation.state();
    let heading = use_node_ref();
    use_focus_on_arrival(heading.clone(), state.moved);

    // Cheap enough to compute on each render; no memo (each hook type costs wasm size).
    let result = recommend(&state.answers, widget.config.prices.as_ref()).map(Rc::new);
    {
        let onevent = props.onevent.clone();
        use_effect_with(result.clone(), move |result| {
            if let Ok(r) = result.as_ref() {
                onevent.emit(WidgetEvent::Result(r.clone()));
            }
            prefetch_lead_form();
        });
    }

    let onback = {
        let consultation = consultation.clone();
        Callback::from(move |_: MouseEvent| consultation.back())
    };
    let onlead = {
        let consultation = consultation.clone();
        Callback::from(move |_: MouseEvent| consultation.to_lead())
    };

    // Answers are validated step by step, so this only happens with tampered saved state.
    let r = match result {
        Ok(r) => r,
        Err(_) => {
            let restart = Callback::from(move |_: MouseEvent| consultation.restart());
            return html! {
                <section class="result" part="result">
                    <h2 tabindex="-1" ref={heading}>{ t.result_heading }</h2>
                    <button type="button" class="button primary" onclick={restart}>{ t.start_again }</button>
                </section>
            };
        }
    };

    let approach = t.approach(r.approach);
    let preview = Rc::new(picture::preview(&state.answers, &r));
    let description = AttrValue::from(describe(t, &state.answers, &r, &preview));
    let money = |n| {
        widget
            .locale
            .money(r.price.as_ref().map_or("", |p| &p.currency), n)
    };
    let list = |items: Vec<&'static str>| {
        html! { <ul>{ for items.into_iter().map(|s| html! { <li>{ s }</li> }) }</ul> }
    };

    html! {
        <section class="result" data-provisional={r.is_provisional().then_some("")}
            part="result" data-approach={r.approach.code()} aria-labelledby="smp-result-heading">
            <p class="eyebrow">{ t.result_heading }</p>
            <h2 id="smp-result-heading" tabindex="-1" ref={heading}>{ approach.text }</h2>
            if r.is_provisional() {
                <div class="notice" part="notice">
                    <h3>{ t.provisional_heading }</h3>
                    <p>{ t.provisional_text }</p>
                    { list(r.in_person.iter().map(|c| t.in_person(*c)).collect()) }
                </div>
            }
            <p class="lead-text">{ approach.hint }</p>
            <h3 class="preview-heading">{ t.preview_heading }</h3>
            <PreviewFigure preview={preview} description={description} locale={widget.locale} />

            if let Some(alt) = r.alternative {
                <div class="card">
                    <h3>{ t.alternative_heading }</h3>
                    <p><strong>{ t.approach(alt).text }</strong>{ t.colon }{ t.after_colon(t.approach(alt).hint) }</p>
                </div>
            }
            { for r.add_ons.iter().map(|a| html! {
                <div class="card">
                    <h3>{ t.add_on_heading }</h3>
                    <p><strong>{ t.approach(*a).text }</strong>{ t.colon }{ t.after_colon(t.approach(*a).hint) }</p>
                </div>
            }) }

            if let (Some(sessions), Some(hours)) = (r.sessions, r.hours_per_session) {
                <div class="card">
                    <h3>{ t.treatment_heading }</h3>
                    <dl class="facts">
                        <div><dt>{ t.extent(r.extent) }</dt><dd>{ t.sessions(sessions) }{ ", " }{ t.hours_per_session(hours) }</dd></div>
                        if let Some(h) = r.hairline {
                            <div><dt>{ t.hairline_heading }</dt><dd>{ t.choice(QuestionId::Hairline, Choice::Hairline(h)).text }</dd></div>
                        }
                        if let Some(price) = &r.price {
                            <div class="price"><dt>{ t.price_heading }</dt><dd>{ t.price_range(&money(price.min), &money(price.max)) }<small>{ t.price_note }</small></dd></div>
                        }
                    </dl>
                </div>
            }

            if !r.pigment.is_empty() {
                <div class="card">
                    <h3>{ t.pigment_heading }</h3>
                    { list(r.pigment.iter().map(|p| t.pigment(*p)).collect()) }
                </div>
            }
            if !r.cautions.is_empty() {
                <div class="card">
                    <h3>{ t.cautions_heading }</h3>
                    { list(r.cautions.iter().map(|c| t.caution(*c)).collect()) }
                </div>
            }
            <div class="card">
                <h3>{ t.why_heading }</h3>
                { list(r.reasons.iter().map(|c| t.reason(*c)).collect()) }
            </div>
            <div class="card">
                <h3>{ t.longevity_heading }</h3>
                <p>{ t.longevity }</p>
            </div>
            <div class="nav" part="nav">
                <button type="button" class="button secondary" part="button back" onclick={onback}>{ t.change_answers }</button>
                <button type="button" class="button primary" part="button next" onclick={onlead}>{ t.to_lead_form }</button>
            </div>
            if let Some(url) = &widget.config.booking_url {
                <p class="booking"><a href={url.to_string()} target="_blank" rel="noopener" part="booking">{ t.book_consultation }</a></p>
            }
        </section>
    }
}

/// In the widget's split wasm, the lead form is in the second module (see `crate::split`): it
/// starts downloading once the result is shown, so it is there by the time the visitor has read
/// the result and pressed the button (on a phone, 0.5 s when pressed at once: measured by
/// `scripts/bench`).
#[cfg(all(feature = "element", target_arch = "wasm32"))]
fn prefetch_lead_form() {
    crate::split::prefetch_lead_form();
}

/// Natively and in the configurator the lead form is in the one module: nothing to fetch.
#[cfg(not(all(feature = "element", target_arch = "wasm32")))]
fn prefetch_lead_form() {}
