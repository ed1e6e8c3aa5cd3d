//! Helpers for the desk's tests: an app with a user and a controllable clock, and a client
//! that logs in through the real login form and keeps its cookies like a browser.

#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::Router;
use smp_inbox::clock::ManualClock;
use smp_inbox::desk::{password, DeskConfig};
use smp_inbox::store::{Role, Scope, DEFAULT_CLINIC};
use smp_inbox::{app, LeadStore};

use crate::common::{send, test_state, Reply};

/// The administrator every desk test app has.
pub const ADMIN: &str = "frontdesk";
/// The desk (non-admin) user every desk test app has.
pub const CLERK: &str = "reception";
/// Both users' password.
pub const PASSWORD: &str = "correct horse battery staple";
/// The manual clock's start: 2025-05-01T10:00:00Z.
pub const T0_MS: i64 = 1_746_093_600_000;

/// A test app with its store and clock.
pub struct Desk {
    pub app: Router,
    pub store: LeadStore,
    pub clock: Arc<ManualClock>,
}

/// An app over `store` with both users, with `config` applied and a manual clock standing at
/// [`T0_MS`] (whatever clock `config` names).
pub async fn desk_with(store: LeadStore, mut config: DeskConfig) -> Desk {
    let hash = password::hash(PASSWORD).expect("hash");
    let now = "2025-05-01T09:00:00.000Z".to_string();
    assert!(store
        .add_user(
            ADMIN,
            hash.clone(),
            Role::Admin,
            Scope::one(DEFAULT_CLINIC),
            now.clone()
        )
        .await
        .expect("add"));
    assert!(store
        .add_user(CLERK, hash, Role::Desk, Scope::one(DEFAULT_CLINIC), now)
        .await
        .expect("add"));
    let clock = Arc::new(ManualClock::new(T0_MS));
    config.clock = clock.clone();
    let app = app(test_state(store.clone()).with_desk(config));
    Desk { app, store, clock }
}

/// An in-memory desk in English with a manual clock.
pub async fn desk() -> Desk {
    desk_with(crate::common::test_store(), DeskConfig::default()).await
}

/// A desk over a database file (or its PostgreSQL stand-in, see `common::postgres_for`).
pub async fn desk_on_file(path: &Path) -> Desk {
    desk_with(crate::common::open_db(path), DeskConfig::default()).await
}

/// A desk over an SQLite file whatever the suite runs on, for tests that read the file.
pub async fn desk_on_sqlite_file(path: &Path) -> Desk {
    desk_with(LeadStore::open(path).expect("db"), DeskConfig::default()).await
}

impl Desk {
    /// Moves the clock on.
    pub fn wait(&self, by: Duration) {
        self.clock
            .advance(i64::try_from(by.as_millis()).expect("a short wait"));
    }
}

/// The value of `name=value` in a reply's `Set-Cookie` headers.
pub fn set_cookie(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            let (pair, _) = v.split_once(';').unwrap_or((v, ""));
            let (key, value) = pair.split_once('=')?;
            (key == name).then(|| value.to_string())
        })
}

/// The whole `Set-Cookie` header for `name`.
pub fn set_cookie_header(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

/// The `value` of the first hidden `csrf` input on a page.
pub fn csrf_of(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")?;
    let rest = &html[at + "name=\"csrf\" value=\"".len()..];
    Some(rest[..rest.find('"')?].to_string())
}

/// A browser-like client: keeps the session cookie and the page's CSRF token.
#[derive(Clone, Debug, Default)]
pub struct Browser {
    pub session: Option<String>,
    pub csrf: Option<String>,
}

/// A request as a browser on the desk's own page sends it.
pub fn request(
    method: Method,
    uri: &str,
    cookie: Option<&str>,
    form: Option<&str>,
) -> Request<Body> {
    let mut builder = Request::builder()
        .method(method.clone())
        .uri(uri)
        .header("host", "desk.test");
    if let Some(cookie) = cookie {
        builder = builder.header("cookie", cookie);
    }
    if method == Method::POST {
        builder = builder
            .header("origin", "http://desk.test")
            .header("sec-fetch-site", "same-origin")
            .header("content-type", "application/x-www-form-urlencoded");
    }
    builder
        .body(form.map_or_else(Body::empty, |f| Body::from(f.to_string())))
        .expect("request")
}

/// Form-encodes pairs.
pub fn form(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).expect("form")
}

/// Posts the login form as a browser would (after loading it); returns the reply.
pub async fn try_login(app: &Router, user: &str, password: &str) -> Reply {
    let page = send(app, request(Method::GET, "/admin/login", None, None)).await;
    assert_eq!(page.status, StatusCode::OK);
    let token = set_cookie(&page, "smp_desk_login").expect("login cookie");
    assert_eq!(csrf_of(&page.body).as_deref(), Some(token.as_str()));
    send(
        app,
        request(
            Method::POST,
            "/admin/login",
            Some(&format!("smp_desk_login={token}")),
            Some(&form(&[
                ("csrf", &token),
                ("user", user),
                ("password", password),
                ("next", "/admin"),
            ])),
        ),
    )
    .await
}

/// Logs in and loads the list once to learn the session's CSRF token.
pub async fn login(app: &Router, user: &str) -> Browser {
    let reply = try_login(app, user, PASSWORD).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let session = set_cookie(&reply, "smp_desk").expect("session cookie");
    let mut browser = Browser {
        session: Some(session),
        csrf: None,
    };
    let page = browser.get(app, "/admin").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    browser.csrf = csrf_of(&page.body);
    assert!(browser.csrf.is_some());
    browser
}

impl Browser {
    fn cookie(&self) -> Option<String> {
        self.session.as_ref().map(|s| format!("smp_desk={s}"))
    }

    /// A GET with the session cookie.
    pub async fn get(&self, app: &Router, uri: &str) -> Reply {
        send(
            app,
            request(Method::GET, uri, self.cookie().as_deref(), None),
        )
        .await
    }

    /// A POST of `pairs` plus this session's CSRF token.
    pub async fn post(&self, app: &Router, uri: &str, pairs: &[(&str, &str)]) -> Reply {
        let mut all = vec![("csrf", self.csrf.as_deref().unwrap_or(""))];
        all.extend_from_slice(pairs);
        send(
            app,
            request(
                Method::POST,
                uri,
                self.cookie().as_deref(),
                Some(&form(&all)),
            ),
        )
        .await
    }
}

/// Where a redirect points.
pub fn location(reply: &Reply) -> String {
    reply.header("location").unwrap_or_default().to_string()
}
