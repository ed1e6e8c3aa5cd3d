//! Yew components: `App` (reducer + context) and one component per screen. Thin over the
//! domain: questions come from `domain::flow`, words from `i18n`, sending from `delivery`.

mod app;
#[cfg(all(feature = "element", target_arch = "wasm32"))]
pub(crate) mod lazy;
pub(crate) mod lead_form;
mod photos;
pub mod picture;
mod question;
mod result;
pub mod state;
mod thanks;

use std::rc::Rc;

use yew::{html, Html};

pub use app::{App, AppProps};

use crate::domain::config::ClinicConfig;
use crate::domain::flow::QuestionId;
use crate::domain::lead::LeadPayload;
use crate::domain::Recommendation;
use crate::i18n::{Locale, Strings};

/// What the components share besides the flow state: the clinic and the language.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetContext {
    pub config: Rc<ClinicConfig>,
    pub locale: Locale,
}

impl WidgetContext {
    /// The string table of the widget's language.
    pub fn t(&self) -> &'static Strings {
        self.locale.strings()
    }

    /// A sentence naming the clinic, `template` filling the name in (see [`with_name`]).
    pub fn naming_clinic(&self, template: impl Fn(&str) -> String) -> Html {
        with_name(template, &self.config.clinic)
    }
}

/// A sentence with a name in it (the clinic's, or the visitor's), `template` filling the name
/// in, and the name in a `<bdi>`: laid out on its own whatever its direction, so a
/// right-to-left name, or an override character in one, cannot reorder the words around it.
/// The text itself is unchanged (no invisible marks to copy, search or read out).
pub fn with_name(template: impl Fn(&str) -> String, name: &str) -> Html {
    // A private-use character marks where the name goes; templates treat it as any name.
    const MARK: &str = "\u{E000}";
    let text = template(MARK);
    let mut parts = text.split(MARK);
    let first = parts.next().unwrap_or_default().to_string();
    html! {
        <>
            { first }
            { for parts.map(|rest| html! { <><bdi>{ name.to_string() }</bdi>{ rest.to_string() }</> }) }
        </>
    }
}

/// Something the host page may want to know; the embed layer turns it into a DOM event.
#[derive(Clone, Debug, PartialEq)]
pub enum WidgetEvent {
    /// A question was shown: its id, its number and how many apply now.
    Step {
        question: QuestionId,
        number: usize,
        total: usize,
    },
    Result(Rc<Recommendation>),
    Lead(Rc<LeadPayload>),
    /// The receiver refused the lead for good (this HTTP status); the visitor is shown the
    /// clinic's contacts instead.
    Rejected(u16),
}

/// The `onevent` of a widget nobody listens to: no event is handled.
pub fn no_listener() -> yew::Callback<WidgetEvent, bool> {
    yew::Callback::from(|_| false)
}
