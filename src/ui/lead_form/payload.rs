//! The lead, assembled once from the form, the answers and the page: the one place that says
//! what a lead carries (the receiver reads the same `LeadPayload`).

use crate::browser::{clock, ids, page};
use crate::domain::lead::{Consent, LeadPayload, Schema};
use crate::domain::recommend::Recommendation;
use crate::domain::Answers;
use crate::ui::WidgetContext;

use super::form::Form;

/// A new lead (a fresh id and time) from what the visitor entered and was recommended.
pub(super) fn lead(
    widget: &WidgetContext,
    form: &Form,
    consent: Consent,
    answers: Answers,
    recommendation: Recommendation,
) -> LeadPayload {
    LeadPayload {
        schema: Schema,
        id: ids::random_id(),
        created_at: clock::now_iso(),
        clinic: widget.config.clinic.clone(),
        locale: widget.locale.code().into(),
        contact: form.contact.trimmed(),
        consent,
        answers,
        recommendation,
        photos: form.photos.to_vec(),
        page: page::page_info(),
    }
}
