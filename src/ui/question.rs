//! One question screen, rendered from the question data: a native fieldset and legend,
//! radio or checkbox inputs named after the answer field, progress, Back and Next.

use web_sys::HtmlElement;
use yew::prelude::*;

use super::state::use_consultation;
use crate::domain::flow::{self, Choice, Kind, Picture, QuestionId, StepError};

/// Moves focus to `heading` once mounted, when the visitor navigated here (not on page load).
#[hook]
pub(super) fn use_focus_on_arrival(heading: NodeRef, moved: bool) {
    use_effect_with((), move |_| {
        if moved {
            if let Some(el) = heading.cast::<HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct QuestionStepProps {
    /// The question to ask.
    pub question: QuestionId,
}

#[function_component]
pub fn QuestionStep(props: &QuestionStepProps) -> Html {
    let consultation = use_consultation();
    let widget = consultation.widget().clone();
    let t = widget.t();
    let q = props.question;
    let state = consultation.state();
    let heading = use_node_ref();
    use_focus_on_arrival(heading.clone(), state.moved);

    let (number, total) = flow::progress(&state.answers, q);
    let text = t.question(q);
    let input_type = match q.kind() {
        Kind::Single => "radio",
        Kind::Multi => "checkbox",
    };
    // State in `data-` attributes and literal classes: a dynamic `class` goes through Yew's
    // `Classes` (an `IndexSet`), which costs the wasm more than the attribute.
    let picture_kind = match q.picture() {
        Picture::Diagram => Some("diagram"),
        Picture::Swatch => Some("swatch"),
        Picture::Text => None,
    };
    let error_id = "smp-step-error";
    let hint_id = "smp-step-hint";

    let options = q.choices(&state.answers).into_iter().map(|choice| {
        let label = t.choice(q, choice);
        let value = choice.value();
        let checked = match choice {
            Choice::NoneOfThese => state.answers.chose_none(q),
            _ => choice.is_selected(&state.answers),
        };
        let onchange = {
            let consultation = consultation.clone();
            Callback::from(move |_: Event| consultation.choose(q, choice))
        };
        let picture = super::picture::option_picture(choice);
        html! {
            <label class="option" data-checked={checked.then_some("")} part="option">
                <input type={input_type} name={q.field()} value={value.clone()} {checked} {onchange} />
                { picture }
                <span class="option-text">
                    <span class="option-label">{ label.text }</span>
                    if !label.hint.is_empty() {
                        <span class="option-hint">{ label.hint }</span>
                    }
                </span>
            </label>
        }
    });

    let onsubmit = {
        let consultation = consultation.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            consultation.next();
        })
    };
    let onback = {
        let consultation = consultation.clone();
        Callback::from(move |_: MouseEvent| consultation.back())
    };
    let error = state.error.map(|e| match e {
        StepError::NoChoice => t.step_error_no_choice,
        StepError::ScarRequired => t.step_error_scar_required,
    });
    let is_last = flow::next(&state.answers, q) == flow::Step::Result;
    let described_by = match (text.hint.is_empty(), error.is_some()) {
        (true, false) => None,
        (false, false) => Some(hint_id.to_string()),
        (true, true) => Some(error_id.to_string()),
        (false, true) => Some(format!("{hint_id} {error_id}")),
    };

    html! {
        <form class="step" part="step" data-question={q.field()} {onsubmit} novalidate=true>
            <div class="progress-row">
                <span class="progress-text" id="smp-progress">{ t.progress(number, total) }</span>
                <progress class="progress" part="progress" max={total.to_string()} value={number.to_string()} aria-labelledby="smp-progress"></progress>
            </div>
            <fieldset aria-describedby={described_by} aria-invalid={error.is_some().then_some("true")}>
                <legend>
                    <h2 class="question" tabindex="-1" ref={heading}>{ text.text }</h2>
                    if q.optional() {
                        <span class="tag">{ t.optional }</span>
                    }
                </legend>
                if !text.hint.is_empty() {
                    <p class="hint" id={hint_id}>{ text.hint }</p>
                }
                <div class="options" data-picture={picture_kind}>
                    { for options }
                </div>
            </fieldset>
            <div class="error-slot" role="alert" id={error_id}>
                if let Some(message) = error {
                    <p class="error">{ message }</p>
                }
            </div>
            <div class="nav" part="nav">
                if q != flow::FIRST {
                    <button type="button" class="button secondary" part="button back" onclick={onback}>{ t.back }</button>
                }
                <button type="submit" class="button primary" part="button next">
                    { if is_last { t.see_result } else { t.next } }
                </button>
            </div>
        </form>
    }
}
