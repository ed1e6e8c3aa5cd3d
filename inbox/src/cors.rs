//! CORS by hand: the widget posts leads from clinic websites, so the inbox must answer
//! cross-origin requests, but only from the origins the operator listed.
//!
//! Done as one small middleware rather than a generic CORS layer so the rule is visible in one
//! place: an allowed origin gets `Access-Control-Allow-Origin` echoed back; a disallowed one
//! gets no CORS headers, and any request from it that could change something gets 403 before
//! reaching a handler. Requests without an `Origin` header (curl, server-to-server hooks) are
//! not cross-origin browser requests and pass untouched.

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api::ApiError;
use crate::AppState;

/// The middleware; install with `axum::middleware::from_fn_with_state`.
pub async fn cors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // The desk's pages are never read or posted cross-origin: they get no CORS headers, and
    // their forms are checked against the desk's own origin by the desk's CSRF guard.
    if request.uri().path().starts_with("/admin") {
        return with_vary(next.run(request).await);
    }
    let Some(origin) = request.headers().get(header::ORIGIN).cloned() else {
        return with_vary(next.run(request).await);
    };
    // A clinic's endpoint takes its own origins; an unknown clinic none.
    let clinic = request
        .uri()
        .path()
        .strip_prefix("/v1/clinics/")
        .map(|rest| rest.split('/').next().unwrap_or_default().to_string());
    let allowed = match clinic {
        None => origin
            .to_str()
            .is_ok_and(|origin| state.allowed_origins.allows(origin)),
        Some(id) => match state.clinics().get(&id).await {
            Ok(Some(clinic)) => origin
                .to_str()
                .is_ok_and(|origin| clinic.origins.allows(origin)),
            Ok(None) => false,
            Err(err) => return with_vary(ApiError::internal(err).into_response()),
        },
    };
    if !allowed {
        // GET and HEAD change nothing, and without CORS headers the browser will not let the
        // page read the answer; anything else (POST, a preflight) is refused outright so a
        // disallowed site learns nothing and stores nothing.
        if request.method() == Method::GET || request.method() == Method::HEAD {
            return with_vary(next.run(request).await);
        }
        let shown = origin.to_str().unwrap_or("(not ASCII)");
        return with_vary(
            ApiError::new(
                StatusCode::FORBIDDEN,
                format!("origin {shown} is not allowed to send leads to this inbox"),
            )
            .into_response(),
        );
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    // Retry-After is not a header a page may read by default; the widget needs it to honour
    // a 429.
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("Retry-After"),
    );
    with_vary(response)
}

/// The answer depends on the request's `Origin`, so shared caches must key on it; this holds
/// for every response, including those to requests that sent none.
fn with_vary(mut response: Response) -> Response {
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("Origin"));
    response
}
