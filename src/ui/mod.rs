//! Yew components: `App` (reducer + context) and one component per screen. Thin over the
//! domain: questions come from `domain::flow`, words from `i18n`, sending from `delivery`.

mod app;
mod lead_form;
mod photos;
pub mod picture;
mod question;
mod result;
pub mod state;
mod thanks;

use std::rc::Rc;

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
