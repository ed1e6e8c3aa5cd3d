//! What the lead form tells outside the network: the `mailto:` summary a visitor can send
//! themselves when delivery is impossible, and the first name the thank-you uses.

use crate::browser::js;
use crate::domain::address::EmailAddress;
use crate::domain::lead::LeadPayload;
use crate::i18n::Strings;

/// A `mailto:` link to the clinic with the lead as plain text: contact, suggestion and answers.
/// `to` passed the address rules, so it cannot add a query (a hidden `bcc`) to the link.
pub(super) fn mailto_summary(to: &EmailAddress, lead: &LeadPayload, t: &Strings) -> String {
    let c = &lead.contact;
    let r = &lead.recommendation;
    let mut body = format!(
        "{}: {}\n{}: {}\n{}: {}\n\n{}: {}\n",
        t.name_label,
        c.name,
        t.email_label,
        c.email,
        t.phone_label,
        c.phone,
        t.result_heading,
        t.approach(r.approach).text,
    );
    if !c.message.is_empty() {
        body.push_str(&format!("\n{}\n", c.message));
    }
    // The answers as codes, so the clinic sees exactly what was chosen.
    if let Some(answers) = js::to_json(&lead.answers) {
        body.push_str(&format!("\n{answers}\n"));
    }
    let encode = |s: &str| String::from(js_sys::encode_uri_component(s));
    format!(
        "mailto:{}?subject={}&body={}",
        to,
        encode(&t.email_summary_subject(&lead.clinic)),
        encode(&body)
    )
}

/// The first word of a name, for a friendly thank-you.
pub(super) fn first_name(name: &str) -> String {
    name.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}
