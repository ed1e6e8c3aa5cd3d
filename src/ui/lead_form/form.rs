//! The lead form's state: one reducer over what the visitor typed and chose, the errors shown,
//! and where the lead is. No DOM and no network here (the component and `delivery` do those).

use std::rc::Rc;

use yew::prelude::*;

use crate::delivery::DeliveryError;
use crate::domain::lead::{Contact, Field, FieldError, LeadPayload};
use crate::domain::photo::Photo;

/// Where the lead is.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) enum Status {
    #[default]
    Editing,
    /// Attempt number `n` is under way while the visitor waits.
    Sending(u32),
    /// Not delivered yet, retried automatically; `saved` if it survives the tab closing.
    Waiting {
        saved: bool,
    },
    Failed(DeliveryError),
}

/// Everything the form holds, in one reducer (one hook, not seven).
#[derive(Clone, Default, PartialEq)]
pub(super) struct Form {
    pub(super) contact: Contact,
    pub(super) consent: bool,
    pub(super) marketing: bool,
    /// The hidden field only bots fill in.
    pub(super) honeypot: String,
    /// Scalp photos, shared (not copied) by each state: they can be megabytes.
    pub(super) photos: Rc<Vec<Photo>>,
    /// The errors shown, one per field at most, in the form's order.
    pub(super) errors: Vec<FieldError>,
    /// How many times Send found errors: each time, focus moves to the summary.
    pub(super) refusals: u32,
    pub(super) status: Status,
    /// The lead, made once on the first valid submit: every retry sends the same id and body.
    pub(super) lead: Option<(Rc<LeadPayload>, String)>,
}

pub(super) enum FormAction {
    Edit(fn(&mut Contact, String), String),
    Consent(bool),
    Marketing(bool),
    Honeypot(String),
    Photos(Vec<Photo>),
    /// A field was left: once Send has shown errors, its own is brought up to date.
    Left(Field),
    /// Send found these errors.
    Refused(Vec<FieldError>),
    /// Send found none.
    Valid,
    Status(Status),
    Made(Rc<LeadPayload>, String),
}

impl Reducible for Form {
    type Action = FormAction;
    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FormAction::Edit(apply, value) => {
                apply(&mut next.contact, value);
                next.clear_corrected();
            }
            FormAction::Consent(on) => {
                next.consent = on;
                next.clear_corrected();
            }
            FormAction::Marketing(on) => next.marketing = on,
            FormAction::Honeypot(value) => next.honeypot = value,
            FormAction::Photos(photos) => next.photos = Rc::new(photos),
            FormAction::Left(field) if next.refusals > 0 => {
                // The fields already marked, and this one: each with its error as of now.
                let marked = |f: Field| f == field || next.errors.iter().any(|e| e.field() == f);
                next.errors = next
                    .contact
                    .validate(next.consent)
                    .into_iter()
                    .filter(|e| marked(e.field()))
                    .collect();
            }
            FormAction::Left(_) => {}
            FormAction::Refused(errors) => {
                next.errors = errors;
                next.refusals += 1;
            }
            FormAction::Valid => next.errors.clear(),
            FormAction::Status(status) => next.status = status,
            FormAction::Made(lead, body) => next.lead = Some((lead, body)),
        }
        Rc::new(next)
    }
}

impl Form {
    /// Takes away the error of every field that is now right, as the visitor types (a field
    /// still wrong keeps its message until it is left: no new message mid-word).
    pub(super) fn clear_corrected(&mut self) {
        if self.errors.is_empty() {
            return;
        }
        let now = self.contact.validate(self.consent);
        self.errors
            .retain(|e| now.iter().any(|wrong| wrong.field() == e.field()));
    }
}

/// The id of a field's input, which the error summary links to.
pub(super) fn input_id(field: Field) -> String {
    format!("smp-{}", field.name())
}
