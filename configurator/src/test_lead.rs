//! "Send a test lead": one lead, made with the widget's own types and sent once to each
//! configured destination the way the widget sends it, and what happened in plain words:
//! delivered, refused (with the status and what the server said), or blocked by the browser
//! because the server does not allow this page's origin (CORS).

use smp_consult::delivery::hubspot;
use smp_consult::delivery::policy::{classify, Outcome as Policy, TIMEOUT_MS};
use smp_consult::domain::address::WebUrl;
use smp_consult::domain::config::{ClinicConfig, EndpointMode, HubSpotForm};
use smp_consult::domain::lead::{Consent, Contact, LeadPayload, PageInfo, Schema, Utm};
use smp_consult::domain::recommend::recommend;
use smp_consult::domain::Answers;

/// Where a test lead goes.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Endpoint { url: WebUrl, mode: EndpointMode },
    HubSpot(HubSpotForm),
}

impl Target {
    /// Every destination the configuration has.
    pub fn all(config: &ClinicConfig) -> Vec<Target> {
        let endpoint = config.endpoint.clone().map(|url| Target::Endpoint {
            url,
            mode: config.endpoint_mode,
        });
        let hubspot = config.hubspot.clone().map(Target::HubSpot);
        endpoint.into_iter().chain(hubspot).collect()
    }

    /// Where the request goes.
    pub fn url(&self) -> String {
        match self {
            Target::Endpoint { url, .. } => url.to_string(),
            Target::HubSpot(form) => form.url(),
        }
    }
}

/// What became of a test lead at one destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The server took it (2xx, or 409: it had it already).
    Delivered { status: u16 },
    /// Sent in simple mode: the request reached the server, whose answer a browser may not read.
    Sent,
    /// The server answered with a status the widget does not retry: it will never take it so.
    Refused { status: u16, said: String },
    /// A status the widget retries (408, 429, 5xx): the server is having trouble.
    Struggling { status: u16, said: String },
    /// The server answered, but the browser kept the answer from this page: the server does not
    /// allow this page's origin (CORS).
    Blocked,
    /// No answer at all: wrong address, server down, or no HTTPS.
    Unreachable,
    /// No answer within the widget's timeout.
    TimedOut,
}

impl Outcome {
    /// The outcome of an answer with this status (and body, for a refusal).
    pub fn from_status(status: u16, said: String) -> Outcome {
        match classify(status) {
            Policy::Delivered => Outcome::Delivered { status },
            Policy::Retry => Outcome::Struggling { status, said },
            Policy::Permanent => Outcome::Refused { status, said },
        }
    }

    pub fn is_delivered(&self) -> bool {
        matches!(self, Outcome::Delivered { .. } | Outcome::Sent)
    }
}

/// The test lead: a real `smp-consult.lead/v1` payload for the clinic, saying plainly that it
/// is a test, with a sample visitor's answers and the result the widget would show them.
pub fn lead(
    config: &ClinicConfig,
    locale: &str,
    id: String,
    created_at: String,
    page_url: String,
    answers: Answers,
) -> Option<LeadPayload> {
    let recommendation = recommend(&answers, config.prices.as_ref()).ok()?;
    Some(LeadPayload {
        schema: Schema,
        id,
        created_at,
        clinic: config.clinic.clone(),
        locale: locale.into(),
        contact: Contact {
            name: "Test lead (SMP Consult configurator)".into(),
            email: "test-lead@example.com".into(),
            message: "Sent with “Send a test lead” to check that leads arrive here. \
                      Not a real visitor: delete it whenever you like."
                .into(),
            ..Contact::default()
        },
        consent: Consent {
            processing: true,
            text: "Test lead from the configurator: no visitor consented to anything.".into(),
            marketing: false,
            marketing_text: String::new(),
        },
        answers,
        recommendation,
        photos: Vec::new(),
        page: PageInfo::new(page_url, String::new(), Utm::default()),
    })
}

/// The request body for a target, as the widget writes it (JSON written in Rust,
/// `browser::js::to_json`).
pub fn body(target: &Target, lead: &LeadPayload) -> Option<String> {
    use smp_consult::browser::js::to_json;
    match target {
        Target::Endpoint { .. } => to_json(lead),
        Target::HubSpot(form) => to_json(&hubspot::submission(lead, form, None)),
    }
}

/// Sends the lead to one target once, as the widget does (JSON with an `Idempotency-Key`, or
/// a simple `text/plain` request; no cookies; the widget's timeout), and tells what happened.
pub async fn send(target: &Target, lead_id: &str, body: &str) -> Outcome {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        AbortController, Headers, RequestCredentials, RequestInit, RequestMode, Response,
    };

    let Some(window) = web_sys::window() else {
        return Outcome::Unreachable;
    };
    let url = target.url();
    let simple = matches!(
        target,
        Target::Endpoint {
            mode: EndpointMode::Simple,
            ..
        }
    );
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_credentials(RequestCredentials::Omit);
    init.set_body(&JsValue::from_str(body));
    if simple {
        init.set_mode(RequestMode::NoCors);
    } else {
        init.set_mode(RequestMode::Cors);
        if let Ok(headers) = Headers::new() {
            let _ = headers.set("Content-Type", "application/json");
            if matches!(target, Target::Endpoint { .. }) {
                let _ = headers.set("Idempotency-Key", lead_id);
            }
            init.set_headers(&headers);
        }
    }
    let controller = AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
        let c = c.clone();
        let abort = wasm_bindgen::closure::Closure::once_into_js(move || c.abort());
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.unchecked_ref(),
            TIMEOUT_MS,
        );
    }
    match JsFuture::from(window.fetch_with_str_and_init(&url, &init)).await {
        Ok(value) => {
            let Ok(response) = value.dyn_into::<Response>() else {
                return Outcome::Unreachable;
            };
            if simple {
                return Outcome::Sent;
            }
            let status = response.status();
            let said = match response.text() {
                Ok(text) => JsFuture::from(text)
                    .await
                    .ok()
                    .and_then(|t| t.as_string())
                    .unwrap_or_default(),
                Err(_) => String::new(),
            };
            Outcome::from_status(status, excerpt(&said))
        }
        Err(_) if controller.is_some_and(|c| c.signal().aborted()) => Outcome::TimedOut,
        Err(_) if simple => Outcome::Unreachable,
        Err(_) => {
            // A browser says the same for "no server" and "the server did not allow this
            // origin". A no-cors HEAD tells them apart: it gets an (unreadable) answer from a
            // server that is there, and changes nothing on it.
            let probe = RequestInit::new();
            probe.set_method("HEAD");
            probe.set_mode(RequestMode::NoCors);
            probe.set_credentials(RequestCredentials::Omit);
            match JsFuture::from(window.fetch_with_str_and_init(&url, &probe)).await {
                Ok(_) => Outcome::Blocked,
                Err(_) => Outcome::Unreachable,
            }
        }
    }
}

/// What a server said, short enough to show.
pub fn excerpt(text: &str) -> String {
    let text = text.trim();
    let mut out: String = text.chars().take(240).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}
