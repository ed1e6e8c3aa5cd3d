//! Delivery: the only code that talks to the network. Today one target, the clinic's
//! `endpoint`, POSTed as JSON with an `Idempotency-Key`, retried with backoff.

pub mod policy;

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCredentials, RequestInit, RequestMode, Response};

use policy::{backoff_ms, classify, Outcome, MAX_ATTEMPTS, TIMEOUT_MS};

/// Why a lead was not delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DeliveryError {
    #[error("the clinic's server could not be reached")]
    Network,
    #[error("the clinic's server did not answer in time")]
    Timeout,
    #[error("the clinic's server answered {0} and may accept it later")]
    Unavailable(u16),
    #[error("the clinic's server refused the lead with status {0}")]
    Rejected(u16),
    #[error("no endpoint is configured and the page did not take the lead")]
    NoEndpoint,
}

impl DeliveryError {
    /// Whether trying again later may succeed.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            DeliveryError::Network | DeliveryError::Timeout | DeliveryError::Unavailable(_)
        )
    }
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// One POST of the lead. Returns the HTTP status, or why there was none.
async fn post_once(endpoint: &str, id: &str, body: &str) -> Result<u16, DeliveryError> {
    let window = web_sys::window().ok_or(DeliveryError::Network)?;
    let headers = Headers::new().map_err(|_| DeliveryError::Network)?;
    headers
        .set("Content-Type", "application/json")
        .and_then(|_| headers.set("Idempotency-Key", id))
        .map_err(|_| DeliveryError::Network)?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_mode(RequestMode::Cors);
    // Never send or receive cookies: the widget keeps nothing about the visitor.
    init.set_credentials(RequestCredentials::Omit);
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    let controller = AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    let timer = controller.as_ref().and_then(|c| {
        let abort = js_sys::Function::from(wasm_bindgen::closure::Closure::once_into_js({
            let c = c.clone();
            move || c.abort()
        }));
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&abort, TIMEOUT_MS)
            .ok()
    });
    let result = JsFuture::from(window.fetch_with_str_and_init(endpoint, &init)).await;
    if let Some(t) = timer {
        window.clear_timeout_with_handle(t);
    }
    match result {
        Ok(value) => value
            .dyn_into::<Response>()
            .map(|r| r.status())
            .map_err(|_| DeliveryError::Network),
        Err(_) if controller.is_some_and(|c| c.signal().aborted()) => Err(DeliveryError::Timeout),
        Err(_) => Err(DeliveryError::Network),
    }
}

/// Delivers one lead, retrying network failures, timeouts, 408, 429 and 5xx with backoff.
/// `on_retry(attempt)` is called before each further attempt, so the visitor is told.
/// The same `id` and body go with every attempt: the receiver stores the lead once.
pub async fn deliver(
    endpoint: &str,
    id: &str,
    body: &str,
    on_retry: impl Fn(u32),
) -> Result<(), DeliveryError> {
    let mut attempt = 1;
    loop {
        let error = match post_once(endpoint, id, body).await {
            Ok(status) => match classify(status) {
                Outcome::Delivered => return Ok(()),
                Outcome::Permanent => return Err(DeliveryError::Rejected(status)),
                Outcome::Retry => DeliveryError::Unavailable(status),
            },
            Err(e) => e,
        };
        if attempt >= MAX_ATTEMPTS {
            return Err(error);
        }
        attempt += 1;
        on_retry(attempt);
        sleep(backoff_ms(attempt, js_sys::Math::random())).await;
    }
}
