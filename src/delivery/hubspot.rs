//! The lead as a HubSpot forms-API submission (v3 "submit"): contact fields, the page, and
//! GDPR consent in `legalConsentOptions` with the exact texts the visitor saw. Pure.

use serde::Serialize;

use crate::domain::config::HubSpotForm;
use crate::domain::lead::LeadPayload;

#[derive(Debug, PartialEq, Serialize)]
pub struct Field {
    #[serde(rename = "objectTypeId")]
    pub object_type_id: &'static str,
    pub name: &'static str,
    pub value: String,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct Context {
    #[serde(rename = "pageUri")]
    pub page_uri: String,
    #[serde(rename = "pageName")]
    pub page_name: &'static str,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct Communication {
    pub value: bool,
    #[serde(rename = "subscriptionTypeId")]
    pub subscription_type_id: u32,
    pub text: String,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct ConsentOptions {
    #[serde(rename = "consentToProcess")]
    pub consent_to_process: bool,
    pub text: String,
    pub communications: Vec<Communication>,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct LegalConsent {
    pub consent: ConsentOptions,
}

/// The request body for `POST /submissions/v3/integration/submit/{portal}/{form}`.
#[derive(Debug, PartialEq, Serialize)]
pub struct Submission {
    /// Milliseconds since the epoch when the lead was made (HubSpot's `submittedAt`).
    #[serde(rename = "submittedAt", skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    pub fields: Vec<Field>,
    pub context: Context,
    #[serde(rename = "legalConsentOptions")]
    pub legal_consent_options: LegalConsent,
}

/// A one-line summary of the recommendation for the HubSpot `message` field, so the clinic
/// sees it in the contact's timeline: codes, as in the lead JSON.
fn summary(lead: &LeadPayload) -> String {
    let r = &lead.recommendation;
    let mut s = format!(
        "SMP Consult {}: approach={} extent={}",
        lead.id,
        r.approach.code(),
        r.extent.code()
    );
    if let Some(sessions) = r.sessions {
        s.push_str(&format!(" sessions={}-{}", sessions.min, sessions.max));
    }
    for flag in &r.in_person {
        s.push_str(" in_person=");
        s.push_str(flag.code());
    }
    s
}

/// Maps a lead to HubSpot's standard contact properties (email, firstname, lastname, phone,
/// message). Marketing consent is sent only when the clinic configured its subscription type.
pub fn submission(
    lead: &LeadPayload,
    form: &HubSpotForm,
    submitted_at_ms: Option<u64>,
) -> Submission {
    let c = &lead.contact;
    let (first, last) = c.name.split_once(' ').unwrap_or((&c.name, ""));
    let contact = |name, value: &str| Field {
        object_type_id: "0-1",
        name,
        value: value.trim().to_string(),
    };
    let mut fields = vec![
        contact("email", &c.email),
        contact("firstname", first),
        contact("lastname", last),
    ];
    if !c.phone.is_empty() {
        fields.push(contact("phone", &c.phone));
    }
    let message = if c.message.is_empty() {
        summary(lead)
    } else {
        format!("{}\n\n{}", c.message, summary(lead))
    };
    fields.push(contact("message", &message));
    Submission {
        submitted_at: submitted_at_ms.map(|ms| ms.to_string()),
        fields,
        context: Context {
            page_uri: lead.page.url.clone(),
            page_name: "SMP consultation",
        },
        legal_consent_options: LegalConsent {
            consent: ConsentOptions {
                consent_to_process: lead.consent.processing,
                text: lead.consent.text.clone(),
                communications: form
                    .subscription_type_id
                    .map(|id| Communication {
                        value: lead.consent.marketing,
                        subscription_type_id: id,
                        text: lead.consent.marketing_text.clone(),
                    })
                    .into_iter()
                    .collect(),
            },
        },
    }
}
