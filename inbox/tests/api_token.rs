//! Machine access: the JSON API (and the photos and CSV it links to) with the API token
//! (`--admin-token`), as Bearer or Basic; no cookies. People use the desk's logins instead.

mod common;

use axum::body::Body;
use axum::http::Request;
use axum::http::StatusCode;
use common::*;
use serde_json::json;
use smp_inbox::{app, AllowedOrigins, AppState};

/// Every route that reads leads.
fn read_routes() -> Vec<String> {
    let id = lead_id(1);
    vec![
        "/v1/leads".into(),
        format!("/v1/leads/{id}"),
        format!("/admin/leads/{id}/photos/front"),
        "/admin/leads.csv".into(),
    ]
}

fn with_auth(uri: &str, authorization: &str) -> Request<Body> {
    Request::get(uri)
        .header("authorization", authorization)
        .body(Body::empty())
        .expect("request")
}

fn basic(user: &str, password: &str) -> String {
    format!("Basic {}", base64(format!("{user}:{password}").as_bytes()))
}

#[tokio::test]
async fn reads_without_the_token_get_401_with_a_basic_challenge() {
    let app = memory_app();
    let lead = sample_lead(&lead_id(1));
    let mut with_photo = lead.clone();
    with_photo["photos"] = serde_json::json!([photo("front", "image/png", 2, 2, &png(2, 2))]);
    // Posting needs no token.
    assert_eq!(
        send(&app, post_lead(&with_photo)).await.status,
        StatusCode::CREATED
    );
    for uri in read_routes() {
        // Without any credential, a desk route sends a person to its login page.
        if uri.starts_with("/admin") {
            let reply = send(&app, get_anonymous(&uri)).await;
            assert_eq!(reply.status, StatusCode::SEE_OTHER, "{uri}");
        }
        let anonymous = (!uri.starts_with("/admin")).then(|| get_anonymous(&uri));
        for request in anonymous.into_iter().chain([
            with_auth(&uri, "Bearer wrong-token"),
            with_auth(&uri, &format!("Bearer {ADMIN_TOKEN}x")),
            with_auth(&uri, &basic("admin", "wrong")),
            with_auth(&uri, &format!("Token {ADMIN_TOKEN}")),
        ]) {
            let reply = send(&app, request).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{uri}");
            assert_eq!(
                reply.header("www-authenticate"),
                Some("Basic realm=\"smp-inbox\", charset=\"UTF-8\""),
                "{uri}"
            );
            assert!(
                reply.error().contains("admin token"),
                "{uri}: {}",
                reply.body
            );
            assert!(!reply.body.contains("Sam Taylor"), "{uri}");
        }
        // Bearer, and Basic with any user name, are both accepted.
        for authorization in [
            format!("Bearer {ADMIN_TOKEN}"),
            basic("clinic", ADMIN_TOKEN),
            basic("", ADMIN_TOKEN),
        ] {
            let reply = send(&app, with_auth(&uri, &authorization)).await;
            assert_eq!(reply.status, StatusCode::OK, "{uri} with {authorization}");
        }
    }
    // Health needs no token.
    assert_eq!(
        send(&app, get_anonymous("/healthz")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn without_a_configured_token_reads_are_forbidden_and_posts_still_work() {
    let origins = AllowedOrigins::parse(&[ALLOWED_ORIGIN]).expect("origin");
    let app = app(AppState::new(common::test_store(), origins));
    assert_eq!(
        send(&app, post_lead(&sample_lead(&lead_id(1))))
            .await
            .status,
        StatusCode::CREATED
    );
    for uri in read_routes() {
        let anonymous = (!uri.starts_with("/admin")).then(|| get_anonymous(&uri));
        for request in anonymous.into_iter().chain([get(&uri)]) {
            let reply = send(&app, request).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{uri}");
            assert_eq!(
                reply.json(),
                json!({"error": "set --admin-token to read leads"})
            );
            assert_eq!(reply.header("www-authenticate"), None);
        }
    }
}

#[tokio::test]
async fn no_cookie_is_ever_set() {
    let app = memory_app();
    let mut lead = sample_lead(&lead_id(1));
    lead["photos"] = json!([photo("front", "image/png", 2, 2, &png(2, 2))]);
    send(&app, post_lead(&lead)).await;
    for uri in read_routes() {
        let reply = send(&app, get(&uri)).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert_eq!(reply.header("set-cookie"), None, "{uri}");
    }
}
