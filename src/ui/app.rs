//! The root component: holds the reducer, provides the contexts, saves progress and reports
//! steps to the host page, and shows the current screen.

use std::rc::Rc;

use yew::prelude::*;

use super::lead_form::LeadFormProps;
use super::question::QuestionStep;
use super::result::ResultView;
use super::state::{Action, Consultation, ConsultationContext, Saved, Screen};
use super::thanks::Thanks;
use super::{WidgetContext, WidgetEvent};
use crate::domain::config::ClinicConfig;
use crate::domain::flow;
use crate::i18n::Locale;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The clinic's validated settings.
    pub config: Rc<ClinicConfig>,
    /// The language to speak.
    #[prop_or_default]
    pub locale: Locale,
    /// Progress saved earlier in this browser tab, to resume from.
    #[prop_or_default]
    pub restored: Option<Saved>,
    /// Called after every change with what to keep for resuming, or `None` to keep nothing.
    #[prop_or_default]
    pub onsave: Callback<Option<Saved>>,
    /// Called for each event the host page should hear about; returns whether the page
    /// handled it (called `preventDefault()`), which matters for a lead with no endpoint.
    #[prop_or_else(super::no_listener)]
    pub onevent: Callback<WidgetEvent, bool>,
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let restored = props.restored.clone();
    let state = use_reducer_eq(move || Consultation::resume(restored));
    let widget = Rc::new(WidgetContext {
        config: props.config.clone(),
        locale: props.locale,
    });

    {
        // The clock is read here, not in the reducer: the start time for the anti-bot check.
        let state = state.clone();
        use_effect_with((), move |_| {
            state.dispatch(Action::Started(js_sys::Date::now()))
        });
    }
    {
        let onsave = props.onsave.clone();
        use_effect_with(state.saved(), move |saved| onsave.emit(saved.clone()));
    }
    {
        let onevent = props.onevent.clone();
        let answers = state.answers.clone();
        use_effect_with(state.screen, move |screen| {
            if let Screen::Question(question) = *screen {
                let (number, total) = flow::progress(&answers, question);
                onevent.emit(WidgetEvent::Step {
                    question,
                    number,
                    total,
                });
            }
        });
    }

    let context = ConsultationContext::new(state.clone(), widget.clone());
    let t = widget.t();
    let screen = match state.screen {
        // Keyed, so each question mounts afresh: focus moves to its heading, no input is reused.
        Screen::Question(q) => html! { <QuestionStep key={q.field()} question={q} /> },
        Screen::Result => html! { <ResultView onevent={props.onevent.clone()} /> },
        Screen::Lead => lead_screen(LeadFormProps {
            onevent: props.onevent.clone(),
        }),
        Screen::Thanks => html! { <Thanks /> },
    };
    html! {
            <ContextProvider<ConsultationContext> {context}>
                <div class="smp-widget" part="widget" lang={t.code}>
                    <header class="smp-header" part="header">
                        <div class="smp-brand">
                            if let Some(logo) = &widget.config.logo {
                                <img class="smp-logo" src={logo.to_string()} alt={widget.config.clinic.clone()} part="logo" />
                            }
                            <p class="smp-title">{ t.title }</p>
                        </div>
                        if matches!(state.screen, Screen::Question(flow::FIRST)) {
                            <p class="smp-intro">{ t.intro }</p>
                        }
                    </header>
                    { screen }
                </div>
            </ContextProvider<ConsultationContext>>
    }
}

/// The lead form: in the widget's wasm it is in the second module (see `crate::split`),
/// fetched when the visitor first comes to it.
#[cfg(all(feature = "element", target_arch = "wasm32"))]
fn lead_screen(props: LeadFormProps) -> Html {
    use super::lazy::Lazy;
    html! { <Lazy<LeadFormProps> load={crate::split::load_lead_form as super::lazy::Load<LeadFormProps>} {props} /> }
}

/// Natively (the server render, the tests) and in the configurator: drawn directly.
#[cfg(not(all(feature = "element", target_arch = "wasm32")))]
fn lead_screen(props: LeadFormProps) -> Html {
    html! { <super::lead_form::LeadForm ..props /> }
}
