//! Who is at the desk: login and logout, the session cookie, and the CSRF guard every
//! state-changing request passes.
//!
//! - A session is a random 256-bit token in a cookie (`HttpOnly`, `SameSite=Strict`, `Path=/`,
//!   and `Secure` with the `__Host-` prefix when the desk is served over https). The database
//!   keeps only its SHA-256, so a copy of the file opens no session. Logging in always makes
//!   a new token (no session fixation); logging out deletes it. A session ends after
//!   `session_idle` without use and after [`SESSION_MAX`] in any case.
//! - CSRF: every POST is checked by [`guard`] before any handler runs: an `Origin` (when the
//!   browser sends one) must be the desk's own, `Sec-Fetch-Site` (when sent) must be
//!   `same-origin`, and the form's `csrf` field must equal the session's token (for the login
//!   form, the token in its own short-lived cookie: login CSRF). A POST handler can only get
//!   its [`Desk`] from the guard, so none can forget the check.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, FromRequestParts, Query, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine as _;
use maud::html;
use serde::Deserialize;
use sha2::{Digest as _, Sha256};

use super::page::{self, Shell};
use super::{password, throttle, Words};
use crate::store::{DeskUser, Role, Session};
use crate::AppState;

/// The longest a session lives, however busy.
pub const SESSION_MAX: Duration = Duration::from_secs(12 * 3600);
/// Largest form body the guard reads (notes are the longest field).
const MAX_FORM_BYTES: usize = 64 * 1024;
/// How often a session's last use is written back (not on every page view).
const TOUCH_EVERY_MS: i64 = 60_000;

/// A logged-in user, with what their forms must carry.
#[derive(Debug, Clone)]
pub struct Desk {
    /// Who.
    pub user: DeskUser,
    /// The session's CSRF token, for the forms on the page.
    pub csrf: String,
    token_sha256: String,
}

impl Desk {
    /// Whether this user may read the audit log, erase and export one person.
    pub fn is_admin(&self) -> bool {
        self.user.role == Role::Admin
    }
}

/// `Desk` checked by [`guard`] for a POST.
#[derive(Debug, Clone)]
struct Verified(Desk);

/// 32 random bytes, base64url without padding.
pub fn random_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Equal, in time that does not depend on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

/// A cookie's value from the request's `Cookie` headers.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

impl AppState {
    fn secure(&self, headers: &HeaderMap) -> bool {
        self.desk.config.secure_cookies
            || headers
                .get("x-forwarded-proto")
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
    }

    fn cookie_name(&self, headers: &HeaderMap, base: &str) -> String {
        if self.secure(headers) {
            format!("__Host-{base}")
        } else {
            base.to_string()
        }
    }

    /// A `Set-Cookie` value; `None` as the value clears the cookie.
    fn set_cookie(&self, headers: &HeaderMap, base: &str, value: Option<&str>) -> HeaderValue {
        let secure = if self.secure(headers) { "; Secure" } else { "" };
        let name = self.cookie_name(headers, base);
        let text = match value {
            Some(value) => format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict{secure}"),
            None => format!("{name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
        };
        HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    /// The session a request's cookie opens, if it is still valid; an expired one is deleted.
    async fn session_of(&self, headers: &HeaderMap) -> Option<(Session, String)> {
        let token = cookie(headers, &self.cookie_name(headers, SESSION_COOKIE))?;
        let token_sha256 = sha256_hex(token);
        let session = self.store.session(&token_sha256).await.ok()??;
        let now = self.desk.config.clock.now_ms();
        let idle_ms = i64::try_from(self.desk.config.session_idle.as_millis()).unwrap_or(i64::MAX);
        let max_ms = i64::try_from(SESSION_MAX.as_millis()).unwrap_or(i64::MAX);
        if now - session.seen_ms > idle_ms || now - session.created_ms > max_ms {
            let _ = self.store.delete_session(&token_sha256).await;
            return None;
        }
        if now - session.seen_ms > TOUCH_EVERY_MS {
            let _ = self.store.touch_session(&token_sha256, now).await;
        }
        Some((session, token_sha256))
    }

    /// Whether a request's `Origin` and `Sec-Fetch-Site` say it came from the desk's own
    /// pages. Absent headers pass (older browsers, scripts); the token check still applies.
    fn same_origin(&self, headers: &HeaderMap) -> bool {
        if let Some(site) = headers.get("sec-fetch-site") {
            if site.as_bytes() != b"same-origin" {
                return false;
            }
        }
        let Some(origin) = headers.get(header::ORIGIN) else {
            return true;
        };
        let Ok(origin) = origin.to_str() else {
            return false;
        };
        if let Some(expected) = &self.desk.config.public_origin {
            return origin.eq_ignore_ascii_case(expected);
        }
        // No public URL configured: the origin's host and port must be the Host the request
        // was sent to.
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        let authority = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"));
        matches!((authority, host), (Some(a), Some(h)) if a.eq_ignore_ascii_case(h))
    }
}

/// The session cookie's name (with `__Host-` in front over https).
pub const SESSION_COOKIE: &str = "smp_desk";
/// The login form's own CSRF cookie.
pub const LOGIN_COOKIE: &str = "smp_desk_login";

/// Why a page needs a login or refused a form.
#[derive(Debug)]
pub enum Refusal {
    /// No valid session: log in first, then come back to `next`.
    LogIn {
        /// Where to return after logging in.
        next: String,
        /// The session existed but ended (or a form was sent after it ended).
        ended: bool,
    },
    /// A form without a valid CSRF token or from another origin.
    Forged(Words),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Self::LogIn { next, ended } => {
                let mut query = vec![("next", next.as_str())];
                if ended {
                    query.push(("ended", "1"));
                }
                let query = serde_urlencoded::to_string(query).unwrap_or_default();
                Redirect::to(&format!("/admin/login?{query}")).into_response()
            }
            Self::Forged(w) => page::message(
                StatusCode::FORBIDDEN,
                w,
                None,
                w.d.form_expired,
                w.d.form_expired,
            ),
        }
    }
}

/// Only paths of the desk itself are followed after a login (no open redirect).
fn safe_next(next: &str) -> String {
    let ok = next.starts_with("/admin")
        && !next.starts_with("/admin/login")
        && !next.contains("//")
        && !next.contains('\\')
        && next.chars().all(|c| !c.is_control());
    if ok {
        next.to_string()
    } else {
        "/admin".to_string()
    }
}

impl FromRequestParts<AppState> for Desk {
    type Rejection = Refusal;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if parts.method != Method::GET && parts.method != Method::HEAD {
            // Only the guard, which has checked the form's token, hands out a POST's Desk.
            return parts
                .extensions
                .get::<Verified>()
                .map(|v| v.0.clone())
                .ok_or(Refusal::Forged(state.words()));
        }
        let next = parts
            .uri
            .path_and_query()
            .map_or("/admin".to_string(), |p| p.as_str().to_string());
        let had_cookie = cookie(
            &parts.headers,
            &state.cookie_name(&parts.headers, SESSION_COOKIE),
        )
        .is_some();
        match state.session_of(&parts.headers).await {
            Some((session, token_sha256)) => Ok(Desk {
                user: session.user,
                csrf: session.csrf,
                token_sha256,
            }),
            None => Err(Refusal::LogIn {
                next: safe_next(&next),
                ended: had_cookie,
            }),
        }
    }
}

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

/// The CSRF guard, run before every desk route: every POST must come from the desk's own
/// origin and carry the right token, or it is refused before any handler sees it.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // The pages of a user of one clinic are in that clinic's language.
    let locale = match state.session_of(request.headers()).await {
        Some((session, _)) => match session.user.scope.home() {
            Some(clinic) if clinic != crate::store::DEFAULT_CLINIC => {
                match state.clinics().get(clinic).await {
                    Ok(Some(clinic)) => Some(clinic.locale),
                    _ => None,
                }
            }
            _ => None,
        },
        None => None,
    };
    match locale {
        Some(locale) => {
            super::CLINIC_LOCALE
                .scope(locale, checked(state, request, next))
                .await
        }
        None => checked(state, request, next).await,
    }
}

async fn checked(state: AppState, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let words = state.words();
    if !state.same_origin(request.headers()) {
        return Refusal::Forged(words).into_response();
    }
    let (mut parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return Refusal::Forged(words).into_response();
    };
    let token = serde_urlencoded::from_bytes::<CsrfField>(&bytes)
        .map(|f| f.csrf)
        .unwrap_or_default();
    if parts.uri.path() == "/admin/login" {
        let expected = cookie(
            &parts.headers,
            &state.cookie_name(&parts.headers, LOGIN_COOKIE),
        );
        if !expected.is_some_and(|e| !token.is_empty() && same_secret(e, &token)) {
            return Refusal::Forged(words).into_response();
        }
    } else {
        let Some((session, token_sha256)) = state.session_of(&parts.headers).await else {
            return Refusal::LogIn {
                next: "/admin".into(),
                ended: true,
            }
            .into_response();
        };
        if token.is_empty() || !same_secret(&session.csrf, &token) {
            return Refusal::Forged(words).into_response();
        }
        parts.extensions.insert(Verified(Desk {
            user: session.user,
            csrf: session.csrf,
            token_sha256,
        }));
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// `GET /admin/login` query.
#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    next: Option<String>,
    #[serde(default)]
    ended: Option<String>,
    #[serde(default)]
    out: Option<String>,
}

/// `GET /admin/login`: the form, with a fresh login CSRF cookie.
pub async fn login_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LoginQuery>,
) -> Response {
    let note = if query.out.is_some() {
        Some(state.words().d.logged_out)
    } else if query.ended.is_some() {
        Some(state.words().d.session_ended)
    } else {
        None
    };
    login_form(
        &state,
        &headers,
        StatusCode::OK,
        query.next.as_deref().unwrap_or("/admin"),
        "",
        note,
        None,
    )
}

fn login_form(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    next: &str,
    user: &str,
    note: Option<&str>,
    error: Option<String>,
) -> Response {
    let w = state.words();
    let d = w.d;
    let Ok(token) = random_token() else {
        return page::message(
            StatusCode::INTERNAL_SERVER_ERROR,
            w,
            None,
            d.database_error,
            d.database_error,
        );
    };
    let body = html! {
        h1 { (d.login_heading) }
        @if let Some(note) = note {
            p.notice role="status" { (note) }
        }
        @if let Some(error) = &error {
            p.error role="alert" id="login-error" { (error) }
        }
        form.login method="post" action="/admin/login" {
            input type="hidden" name="csrf" value=(token);
            input type="hidden" name="next" value=(safe_next(next));
            p {
                label for="user" { (d.user_name) }
                input #user type="text" name="user" value=(user) autocomplete="username"
                    required autocapitalize="none" spellcheck="false"
                    aria-describedby=[error.as_ref().map(|_| "login-error")];
            }
            p {
                label for="password" { (d.password) }
                input #password type="password" name="password" autocomplete="current-password" required;
            }
            p { button.primary type="submit" { (d.log_in) } }
        }
    };
    let mut response = page::render(
        status,
        &Shell {
            words: w,
            title: d.login_heading,
            desk: None,
        },
        body,
    );
    response.headers_mut().append(
        header::SET_COOKIE,
        state.set_cookie(headers, LOGIN_COOKIE, Some(&token)),
    );
    response
}

/// `POST /admin/login` form.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    user: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// The client's address for the login throttle: the TCP peer, or behind a trusted proxy
/// (`--trusted-proxy`) the address the proxy saw, as the lead rate limit reads it; otherwise
/// everyone behind the proxy would share one throttle.
fn client_address(
    state: &AppState,
    request_extensions: &axum::http::Extensions,
    headers: &HeaderMap,
) -> Option<IpAddr> {
    let peer = request_extensions.get::<ConnectInfo<SocketAddr>>()?.0.ip();
    let forwarded = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
    Some(crate::ratelimit::client_ip(
        peer,
        forwarded,
        &state.trusted_proxies,
    ))
}

/// `POST /admin/login`: checks the password (throttled), then starts a new session.
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    axum::Form(form): axum::Form<LoginForm>,
) -> Response {
    let w = state.words();
    let clock = &state.desk.config.clock;
    let keys = throttle::keys(&form.user, client_address(&state, &extensions, &headers));
    // A database that cannot be read here fails the login below anyway.
    let wait = throttle::wait(&state.store, &keys, clock.now_ms())
        .await
        .unwrap_or(0);
    if wait > 0 {
        let minutes = u64::try_from(wait).unwrap_or(0).div_ceil(60_000);
        let mut response = login_form(
            &state,
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            &form.next,
            &form.user,
            None,
            Some(w.d.login_throttled.of(minutes)),
        );
        let seconds = u64::try_from(wait).unwrap_or(0).div_ceil(1000);
        if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return response;
    }
    let user = state
        .store
        .user_by_name(form.user.trim())
        .await
        .ok()
        .flatten();
    // Hashing is slow on purpose: off the async threads, and only two at a time, so a flood
    // of logins cannot take every core.
    let permit = state.desk.hashing.acquire().await;
    let password = form.password.clone();
    let checked = tokio::task::spawn_blocking(move || match user {
        Some((user, hash)) if password::verify(&password, &hash) => Some(user),
        Some(_) => None,
        None => {
            password::verify_nobody(&password);
            None
        }
    })
    .await
    .ok()
    .flatten();
    drop(permit);
    let now_ms = clock.now_ms();
    let Some(user) = checked else {
        if let Err(err) = throttle::failed(&state.store, &keys, now_ms).await {
            eprintln!("smp-inbox: could not count a failed login: {err}");
        }
        // Only a name that exists is worth recording; a mistyped password typed into the
        // name field should not end up in the log.
        if let Ok(Some((known, _))) = state.store.user_by_name(form.user.trim()).await {
            let _ = state
                .store
                .record_in(
                    known.scope.home(),
                    &known.name,
                    "login_failed",
                    None,
                    "",
                    clock.now_rfc3339(),
                )
                .await;
        }
        return login_form(
            &state,
            &headers,
            StatusCode::UNAUTHORIZED,
            &form.next,
            &form.user,
            None,
            Some(w.d.login_failed.to_string()),
        );
    };
    if let Err(err) = throttle::succeeded(&state.store, &keys).await {
        eprintln!("smp-inbox: {err}");
    }
    let (Ok(token), Ok(csrf)) = (random_token(), random_token()) else {
        return page::database_error(w);
    };
    let idle_ms = i64::try_from(state.desk.config.session_idle.as_millis()).unwrap_or(i64::MAX);
    let created = state
        .store
        .create_session(sha256_hex(&token), user.id, csrf, now_ms, now_ms - idle_ms)
        .await;
    if created.is_err() {
        return page::database_error(w);
    }
    // A session the browser still had is ended: one login, one session.
    if let Some(old) = cookie(&headers, &state.cookie_name(&headers, SESSION_COOKIE)) {
        let _ = state.store.delete_session(&sha256_hex(old)).await;
    }
    let _ = state
        .store
        .record_in(
            user.scope.home(),
            &user.name,
            "login",
            None,
            "",
            clock.now_rfc3339(),
        )
        .await;
    let mut response = Redirect::to(&safe_next(&form.next)).into_response();
    let set = response.headers_mut();
    set.append(
        header::SET_COOKIE,
        state.set_cookie(&headers, SESSION_COOKIE, Some(&token)),
    );
    set.append(
        header::SET_COOKIE,
        state.set_cookie(&headers, LOGIN_COOKIE, None),
    );
    response
}

/// `POST /admin/logout`.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap, desk: Desk) -> Response {
    let _ = state.store.delete_session(&desk.token_sha256).await;
    let _ = state
        .store
        .record_in(
            desk.user.scope.home(),
            &desk.user.name,
            "logout",
            None,
            "",
            state.desk.config.clock.now_rfc3339(),
        )
        .await;
    let mut response = Redirect::to("/admin/login?out=1").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        state.set_cookie(&headers, SESSION_COOKIE, None),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_only_desk_paths_after_login() {
        assert_eq!(safe_next("/admin/leads/x?y=1"), "/admin/leads/x?y=1");
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/admin//evil",
            "/\\evil",
            "/v1/leads",
            "/admin/login",
        ] {
            assert_eq!(safe_next(bad), "/admin", "{bad}");
        }
    }

    #[test]
    fn reads_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; smp_desk=tok; b=2"),
        );
        assert_eq!(cookie(&headers, "smp_desk"), Some("tok"));
        assert_eq!(cookie(&headers, "smp"), None);
        assert!(same_secret("abc", "abc") && !same_secret("abc", "abd"));
    }
}
