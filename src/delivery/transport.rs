//! One POST of a pending delivery, with the browser's own networking even on a page that
//! replaced it. In order of preference:
//! 1. the browser's own `fetch`, as the loader took it;
//! 2. if the page had already replaced `fetch` when the loader ran: the browser's own
//!    `XMLHttpRequest` (not for simple mode, whose answer it cannot tell from a failure);
//! 3. if both were replaced: the page's `fetch`, given the whole request as one `Request` (so a
//!    wrapper that passes its first argument on passes the body on), and its answer believed
//!    only if it really came from the network: `Response.prototype.type` (taken by the loader)
//!    says `cors`, `basic` or `opaque`, which no page script can fake, from the endpoint's URL.
//!    Even then a refusal is not taken as final (the wrapper may have spoiled the request): the
//!    lead stays in the outbox.

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestCredentials, RequestInit, RequestMode};

use super::outbox::{Kind, Pending};
use super::policy::{retry_after_seconds, TIMEOUT_MS};
use super::DeliveryError;
use crate::browser::builtins::{self, Builtins};

/// A receiver's answer.
#[derive(Clone, Copy, Debug)]
pub struct Reply {
    pub status: u16,
    /// `Retry-After`, when the receiver sent one and exposed it to the page.
    pub retry_after_ms: Option<f64>,
    /// Whether the request went out through the browser's own networking, exactly as made.
    /// `false` for the page's replaced `fetch`: its answer is real, but the request it
    /// answered may not have been ours.
    pub exact: bool,
}

/// Sends `pending` once. `keepalive` when the page is being hidden (fetch only).
pub async fn post(pending: &Pending, keepalive: bool) -> Result<Reply, DeliveryError> {
    let own = builtins::get();
    if let Some(fetch) = &own.fetch {
        return post_fetch(fetch, &own, pending, keepalive, true).await;
    }
    if let (Some(xhr), false) = (&own.xhr, pending.kind == Kind::Simple) {
        return post_xhr(xhr, pending).await;
    }
    let window = web_sys::window().ok_or(DeliveryError::Network)?;
    let page_fetch = Reflect::get(&window, &"fetch".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or(DeliveryError::Network)?;
    post_fetch(&page_fetch, &own, pending, keepalive, false).await
}

/// The request, headers included, as one `Request`.
fn request(
    pending: &Pending,
    keepalive: bool,
) -> Result<(Request, Option<AbortController>), DeliveryError> {
    let init = RequestInit::new();
    init.set_method("POST");
    // Never send or receive cookies: the widget keeps nothing about the visitor.
    init.set_credentials(RequestCredentials::Omit);
    init.set_body(&JsValue::from_str(&pending.body));
    if pending.kind == Kind::Simple {
        // No custom headers and a text/plain body: no preflight. The answer is opaque.
        init.set_mode(RequestMode::NoCors);
    } else {
        let headers = Headers::new().map_err(|_| DeliveryError::Network)?;
        headers
            .set("Content-Type", "application/json")
            .map_err(|_| DeliveryError::Network)?;
        if pending.kind == Kind::Json {
            headers
                .set("Idempotency-Key", &pending.lead_id)
                .map_err(|_| DeliveryError::Network)?;
        }
        init.set_mode(RequestMode::Cors);
        init.set_headers(&headers);
    }
    // Browsers cap keepalive bodies at 64 KiB; larger leads wait for the next visit.
    if keepalive && pending.body.len() < 60_000 {
        // (web-sys has no stable setter for it; RequestInit is a plain JS object.)
        let _ = Reflect::set(&init, &"keepalive".into(), &JsValue::TRUE);
    }
    let controller = AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    let request = Request::new_with_str_and_init(pending.endpoint.as_str(), &init)
        .map_err(|_| DeliveryError::Network)?;
    Ok((request, controller))
}

/// Runs `callback` after `ms`; returns the timer to clear.
fn after(ms: i32, callback: impl FnOnce() + 'static) -> Option<i32> {
    let window = web_sys::window()?;
    let callback = Closure::once_into_js(callback);
    window
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms)
        .ok()
}

fn clear(timer: Option<i32>) {
    if let (Some(t), Some(window)) = (timer, web_sys::window()) {
        window.clear_timeout_with_handle(t);
    }
}

async fn post_fetch(
    fetch: &Function,
    own: &Builtins,
    pending: &Pending,
    keepalive: bool,
    exact: bool,
) -> Result<Reply, DeliveryError> {
    let window = web_sys::window().ok_or(DeliveryError::Network)?;
    let (request, controller) = request(pending, keepalive)?;
    let timer = controller
        .clone()
        .and_then(|c| after(TIMEOUT_MS, move || c.abort()));
    // A replaced fetch may throw, or return anything at all.
    let answer = fetch
        .call1(&window, &request)
        .ok()
        .and_then(|p| p.dyn_into::<Promise>().ok());
    let result = match answer {
        Some(promise) => JsFuture::from(promise).await,
        None => Err(JsValue::NULL),
    };
    clear(timer);
    let response = match result {
        Ok(value) => value,
        Err(_) if controller.is_some_and(|c| c.signal().aborted()) => {
            return Err(DeliveryError::Timeout)
        }
        Err(_) => return Err(DeliveryError::Network),
    };
    let kind = Builtins::read(&own.response_type, &response).and_then(|t| t.as_string());
    if !exact {
        // Only a real answer from the network counts, from the endpoint itself.
        let url = Builtins::read(&own.response_url, &response).and_then(|u| u.as_string());
        let expected = web_sys::Url::new(pending.endpoint.as_str())
            .map(|u| u.href())
            .ok();
        let real = match kind.as_deref() {
            Some("opaque") => pending.kind == Kind::Simple,
            Some("cors" | "basic") => url.is_some() && url == expected,
            _ => false,
        };
        if !real {
            return Err(DeliveryError::Unverified);
        }
    }
    let status = Builtins::read(&own.response_status, &response)
        .or_else(|| Reflect::get(&response, &"status".into()).ok())
        .and_then(|s| s.as_f64())
        .unwrap_or(0.0) as u16;
    let retry_after_ms = response
        .dyn_ref::<web_sys::Response>()
        .and_then(|r| r.headers().get("retry-after").ok().flatten())
        .and_then(|h| retry_after(&h));
    Ok(Reply {
        // An opaque answer (simple mode) means the request reached the server.
        status: match status {
            0 if pending.kind == Kind::Simple => 200,
            status => status,
        },
        retry_after_ms,
        exact,
    })
}

/// `Retry-After` in seconds or as an HTTP date, in milliseconds from now.
fn retry_after(header: &str) -> Option<f64> {
    retry_after_seconds(header).or_else(|| {
        let at = js_sys::Date::parse(header);
        (!at.is_nan()).then(|| at - js_sys::Date::now())
    })
}

async fn post_xhr(xhr: &builtins::Xhr, pending: &Pending) -> Result<Reply, DeliveryError> {
    let fail = |_| DeliveryError::Network;
    let request = Reflect::construct(&xhr.class, &Array::new()).map_err(fail)?;
    xhr.open
        .call3(
            &request,
            &"POST".into(),
            &pending.endpoint.as_str().into(),
            &JsValue::TRUE,
        )
        .map_err(fail)?;
    xhr.set_request_header
        .call2(&request, &"Content-Type".into(), &"application/json".into())
        .map_err(fail)?;
    if pending.kind == Kind::Json {
        xhr.set_request_header
            .call2(
                &request,
                &"Idempotency-Key".into(),
                &pending.lead_id.as_str().into(),
            )
            .map_err(fail)?;
    }
    let _ = Reflect::set(&request, &"timeout".into(), &TIMEOUT_MS.into());
    // `loadend` comes after success, failure, timeout and abort alike.
    let ended = Promise::new(&mut |resolve, _| {
        let _ = Reflect::set(&request, &"onloadend".into(), &resolve);
    });
    xhr.send
        .call1(&request, &pending.body.as_str().into())
        .map_err(fail)?;
    let _ = JsFuture::from(ended).await;
    let status = Reflect::get(&request, &"status".into())
        .ok()
        .and_then(|s| s.as_f64())
        .unwrap_or(0.0) as u16;
    if status == 0 {
        return Err(DeliveryError::Network);
    }
    let retry_after_ms = Reflect::get(&request, &"getResponseHeader".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call1(&request, &"retry-after".into()).ok())
        .and_then(|h| h.as_string())
        .and_then(|h| retry_after(&h));
    Ok(Reply {
        status,
        retry_after_ms,
        exact: true,
    })
}
