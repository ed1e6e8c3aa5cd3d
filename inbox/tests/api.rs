//! The JSON API through the real router (no socket): storing, idempotency, validation,
//! body limits, CORS, and durability across reopening the database file.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::*;
use serde_json::{json, Value};
use smp_inbox::{app, LeadStore, DEFAULT_MAX_BODY_BYTES};

#[tokio::test]
async fn stores_a_valid_lead_and_lists_it() {
    let app = memory_app();
    let id = lead_id(1);
    let lead = sample_lead(&id);

    let reply = send(&app, post_lead(&lead)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.json(), json!({"status": "stored", "id": id}));

    let list = send(&app, get("/v1/leads")).await;
    assert_eq!(list.status, StatusCode::OK);
    let items = list.json()["leads"].clone();
    let items = items.as_array().expect("array");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], json!(id));
    assert_eq!(items[0]["idempotency_key"], json!(id));
    assert_eq!(items[0]["lead"], lead);
    let received_at = items[0]["received_at"].as_str().expect("received_at");
    assert!(
        received_at.len() == 24 && received_at.ends_with('Z') && received_at.contains('T'),
        "{received_at}"
    );
    assert_eq!(list.header("cache-control"), Some("no-store"));

    let one = send(&app, get(&format!("/v1/leads/{id}"))).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.json()["lead"], lead);
}

#[tokio::test]
async fn lists_newest_first_and_404s_an_unknown_id() {
    let app = memory_app();
    for n in 1..=3 {
        assert_eq!(
            send(&app, post_lead(&sample_lead(&lead_id(n))))
                .await
                .status,
            StatusCode::CREATED
        );
    }
    let list = all_leads(&app).await;
    let ids: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|item| item["id"].as_str())
        .collect();
    assert_eq!(ids, [lead_id(3), lead_id(2), lead_id(1)]);

    let missing = send(&app, get(&format!("/v1/leads/{}", lead_id(9)))).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.error().contains(&lead_id(9)), "{}", missing.body);
}

#[tokio::test]
async fn a_retry_with_the_same_body_is_a_duplicate_and_stores_nothing() {
    let app = memory_app();
    let lead = sample_lead(&lead_id(2));
    assert_eq!(
        send(&app, post_lead(&lead)).await.status,
        StatusCode::CREATED
    );

    let again = send(&app, post_lead(&lead)).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(
        again.json(),
        json!({"status": "duplicate", "id": lead_id(2)})
    );

    // The same JSON written with other whitespace is still the same lead.
    let pretty = serde_json::to_string_pretty(&lead).expect("serialise");
    let request = Request::post("/v1/leads")
        .header("content-type", "application/json")
        .body(Body::from(pretty))
        .expect("request");
    assert_eq!(send(&app, request).await.status, StatusCode::OK);

    let list = all_leads(&app).await;
    assert_eq!(list.as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn the_same_id_with_a_different_body_is_refused() {
    let app = memory_app();
    let id = lead_id(3);
    let lead = sample_lead(&id);
    assert_eq!(
        send(&app, post_lead(&lead)).await.status,
        StatusCode::CREATED
    );

    let mut changed = lead.clone();
    changed["contact"]["name"] = json!("Someone Else");
    let reply = send(&app, post_lead(&changed)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply.error(),
        format!("lead {id} was already stored with a different body")
    );

    let stored = send(&app, get(&format!("/v1/leads/{id}"))).await.json();
    assert_eq!(stored["lead"]["contact"]["name"], json!("Sam Taylor"));
}

#[tokio::test]
async fn an_idempotency_key_naming_another_lead_is_refused() {
    let app = memory_app();
    let request = Request::post("/v1/leads")
        .header("content-type", "application/json")
        .header("idempotency-key", lead_id(99))
        .body(Body::from(sample_lead(&lead_id(4)).to_string()))
        .expect("request");
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.error().contains("Idempotency-Key"), "{}", reply.body);
    assert_eq!(all_leads(&app).await, json!([]));
}

#[tokio::test]
async fn a_lead_without_the_idempotency_header_is_accepted() {
    let app = memory_app();
    let request = Request::post("/v1/leads")
        .header("content-type", "application/json")
        .body(Body::from(sample_lead(&lead_id(5)).to_string()))
        .expect("request");
    assert_eq!(send(&app, request).await.status, StatusCode::CREATED);
    let list = all_leads(&app).await;
    assert_eq!(list[0]["idempotency_key"], Value::Null);
}

/// Spoils one field of a valid lead.
type Breakage = fn(&mut Value);

#[tokio::test]
async fn missing_required_fields_are_named_in_the_error() {
    let app = memory_app();
    let cases: [(&str, Breakage); 5] = [
        ("contact.email", |lead| {
            lead["contact"].as_object_mut().map(|c| c.remove("email"));
        }),
        ("contact.email", |lead| {
            lead["contact"]["email"] = json!("sam.example.com")
        }),
        ("contact.name", |lead| {
            lead["contact"].as_object_mut().map(|c| c.remove("name"));
        }),
        ("consent.processing", |lead| {
            lead["consent"]
                .as_object_mut()
                .map(|c| c.remove("processing"));
        }),
        ("consent.processing", |lead| {
            lead["consent"]["processing"] = json!(false)
        }),
    ];
    for (n, (field, break_it)) in (10..).zip(cases) {
        let mut lead = sample_lead(&lead_id(n));
        break_it(&mut lead);
        let reply = send(&app, post_lead(&lead)).await;
        assert!(reply.status.is_client_error(), "{field}: {}", reply.status);
        // A missing field is named by its object: "contact: missing field `email`".
        let last = field.rsplit('.').next().unwrap_or(field);
        assert!(reply.error().contains(last), "{field}: {}", reply.body);
    }
    assert_eq!(all_leads(&app).await, json!([]));
}

#[tokio::test]
async fn wrong_schema_bad_id_and_non_json_bodies_are_bad_requests() {
    let app = memory_app();

    let mut lead = sample_lead(&lead_id(20));
    lead["schema"] = json!("smp-consult.lead/v2");
    let reply = send(&app, post_lead(&lead)).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.error().contains("schema"), "{}", reply.body);

    let mut lead = sample_lead("not-a-uuid");
    lead["id"] = json!("not-a-uuid");
    let reply = send(&app, post_lead(&lead)).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.error().contains("id"), "{}", reply.body);

    for body in ["{not json", "[]", "\"lead\""] {
        let request = Request::post("/v1/leads")
            .header("content-type", "application/json")
            .body(Body::from(body))
            .expect("request");
        let reply = send(&app, request).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert!(reply.error().starts_with("body"), "{}", reply.body);
    }
}

#[tokio::test]
async fn text_plain_is_accepted_and_other_content_types_are_not() {
    let app = memory_app();
    let request = Request::post("/v1/leads")
        .header("content-type", "text/plain;charset=UTF-8")
        .body(Body::from(sample_lead(&lead_id(30)).to_string()))
        .expect("request");
    assert_eq!(send(&app, request).await.status, StatusCode::CREATED);

    let request = Request::post("/v1/leads")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(sample_lead(&lead_id(31)).to_string()))
        .expect("request");
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(reply.error().contains("content-type"), "{}", reply.body);
}

#[tokio::test]
async fn an_oversized_body_gets_413() {
    let app = memory_app();
    let mut lead = sample_lead(&lead_id(40));
    lead["contact"]["message"] = json!("x".repeat(DEFAULT_MAX_BODY_BYTES));
    let reply = send(&app, post_lead(&lead)).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply.error().contains("larger than"), "{}", reply.body);

    // Without a Content-Length (a chunked upload) the limit still holds.
    let request = Request::post("/v1/leads")
        .header("content-type", "application/json")
        .body(Body::new(UnsizedBody::new(lead.to_string())))
        .expect("request");
    assert_eq!(
        send(&app, request).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );

    assert_eq!(all_leads(&app).await, json!([]));
}

/// A body that does not announce its length, sent in 16 KiB chunks like a chunked upload.
struct UnsizedBody(std::collections::VecDeque<axum::body::Bytes>);

impl UnsizedBody {
    fn new(text: String) -> Self {
        let bytes = axum::body::Bytes::from(text);
        let chunks = (0..bytes.len())
            .step_by(16 * 1024)
            .map(|start| bytes.slice(start..bytes.len().min(start + 16 * 1024)))
            .collect();
        Self(chunks)
    }
}

impl http_body::Body for UnsizedBody {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Ready(
            self.0
                .pop_front()
                .map(|chunk| Ok(http_body::Frame::data(chunk))),
        )
    }
}

#[tokio::test]
async fn preflight_from_an_allowed_origin_gets_cors_headers() {
    let app = memory_app();
    let request = Request::builder()
        .method(Method::OPTIONS)
        .uri("/v1/leads")
        .header("origin", ALLOWED_ORIGIN)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type, idempotency-key",
        )
        .body(Body::empty())
        .expect("request");
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some(ALLOWED_ORIGIN)
    );
    assert_eq!(reply.header("vary"), Some("Origin"));
    assert_eq!(
        reply.header("access-control-allow-methods"),
        Some("POST, OPTIONS")
    );
    assert_eq!(
        reply.header("access-control-allow-headers"),
        Some("content-type, idempotency-key")
    );
    assert_eq!(reply.header("access-control-max-age"), Some("600"));
}

#[tokio::test]
async fn a_post_from_an_allowed_origin_is_stored_with_its_origin() {
    let app = memory_app();
    let mut request = post_lead(&sample_lead(&lead_id(50)));
    request
        .headers_mut()
        .insert("origin", ALLOWED_ORIGIN.parse().expect("header"));
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some(ALLOWED_ORIGIN)
    );
}

#[tokio::test]
async fn a_disallowed_origin_gets_403_and_no_cors_headers() {
    let app = memory_app();
    let evil = "https://elsewhere.example";

    let mut request = post_lead(&sample_lead(&lead_id(60)));
    request
        .headers_mut()
        .insert("origin", evil.parse().expect("header"));
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.error().contains(evil), "{}", reply.body);
    assert_eq!(reply.header("access-control-allow-origin"), None);

    let preflight = Request::builder()
        .method(Method::OPTIONS)
        .uri("/v1/leads")
        .header("origin", evil)
        .header("access-control-request-method", "POST")
        .body(Body::empty())
        .expect("request");
    let reply = send(&app, preflight).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply
        .headers
        .keys()
        .all(|k| !k.as_str().starts_with("access-control-")));

    // A GET goes through (it changes nothing) but without CORS headers the browser keeps the
    // answer from the page.
    let read = Request::get("/healthz")
        .header("origin", evil)
        .body(Body::empty())
        .expect("request");
    let reply = send(&app, read).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("access-control-allow-origin"), None);

    assert_eq!(all_leads(&app).await, json!([]));
}

#[tokio::test]
async fn health_check_answers_ok() {
    let reply = send(&memory_app(), get("/healthz")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "ok");
}

#[tokio::test]
async fn a_stored_lead_survives_reopening_the_database_file() {
    let dir = TempDir::new("reopen");
    let db = dir.path().join("inbox.sqlite3");
    let id = lead_id(70);
    let lead = sample_lead(&id);

    {
        let app = app(test_state(LeadStore::open(&db).expect("open")));
        assert_eq!(
            send(&app, post_lead(&lead)).await.status,
            StatusCode::CREATED
        );
    } // router, state and connection dropped: the file is closed

    let app = app(test_state(LeadStore::open(&db).expect("reopen")));
    let stored = send(&app, get(&format!("/v1/leads/{id}"))).await;
    assert_eq!(stored.status, StatusCode::OK);
    assert_eq!(stored.json()["lead"], lead);
    // And it is still recognised as already stored.
    assert_eq!(send(&app, post_lead(&lead)).await.status, StatusCode::OK);

    let mode: String = rusqlite::Connection::open(&db)
        .and_then(|c| c.query_row("PRAGMA journal_mode", [], |r| r.get(0)))
        .expect("read journal mode");
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn every_checked_field_is_named_in_a_422() {
    let app = memory_app();
    let cases: Vec<(&str, Breakage)> = vec![
        ("created_at", |lead| {
            lead["created_at"] = json!(1_714_557_600)
        }),
        ("created_at", |lead| {
            lead.as_object_mut().map(|o| o.remove("created_at"));
        }),
        ("clinic", |lead| lead["clinic"] = json!({"name": "x"})),
        ("locale", |lead| lead["locale"] = json!("")),
        ("contact.phone", |lead| {
            lead["contact"]["phone"] = json!(447_700_900_123_u64)
        }),
        ("contact.message", |lead| {
            lead["contact"]["message"] = json!(["a", "b"])
        }),
        ("consent.text", |lead| lead["consent"]["text"] = json!("")),
        ("consent.text", |lead| lead["consent"]["text"] = json!(true)),
        ("answers", |lead| lead["answers"] = json!("buzz")),
        ("recommendation", |lead| {
            lead.as_object_mut().map(|o| o.remove("recommendation"));
        }),
        ("photos", |lead| lead["photos"] = json!("front.jpg")),
        ("contact", |lead| lead["contact"] = json!(null)),
        ("consent", |lead| lead["consent"] = json!([true])),
    ];
    for (n, (field, break_it)) in (100..).zip(cases) {
        let mut lead = sample_lead(&lead_id(n));
        break_it(&mut lead);
        let reply = send(&app, post_lead(&lead)).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            reply.body
        );
        let error = reply.error();
        let last = field.rsplit('.').next().unwrap_or(field);
        assert!(
            error.starts_with(&format!("{field}: "))
                || error.contains(&format!("missing field `{last}`")),
            "{field}: {error}"
        );
    }
    assert_eq!(all_leads(&app).await, json!([]));

    // Optional contact fields may be absent or null.
    let mut lead = sample_lead(&lead_id(200));
    lead["contact"]["phone"] = Value::Null;
    lead["contact"].as_object_mut().map(|c| c.remove("message"));
    assert_eq!(
        send(&app, post_lead(&lead)).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn the_body_limit_is_8_mib_by_default_and_configurable() {
    assert_eq!(DEFAULT_MAX_BODY_BYTES, 8 * 1024 * 1024);
    // Just under the default limit is read (not 413), and then refused by its field's own
    // limit (a message stands in for photos).
    let app = memory_app();
    let mut lead = sample_lead(&lead_id(300));
    lead["contact"]["message"] = json!("x".repeat(DEFAULT_MAX_BODY_BYTES - 4096));
    let reply = send(&app, post_lead(&lead)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply.error(),
        "contact.message: is longer than 2000 characters"
    );

    let small = app_with_limit(4096);
    let mut lead = sample_lead(&lead_id(301));
    lead["contact"]["message"] = json!("x".repeat(4096));
    let reply = send(&small, post_lead(&lead)).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.error(), "body is larger than 4096 bytes");
    assert_eq!(
        send(&small, post_lead(&sample_lead(&lead_id(302))))
            .await
            .status,
        StatusCode::CREATED
    );
}

fn app_with_limit(limit: usize) -> axum::Router {
    app(test_state(common::test_store()).with_max_body_bytes(limit))
}

#[tokio::test]
async fn an_allowed_origin_may_read_retry_after() {
    let app = memory_app();
    let mut request = post_lead(&sample_lead(&lead_id(400)));
    request
        .headers_mut()
        .insert("origin", ALLOWED_ORIGIN.parse().expect("header"));
    let reply = send(&app, request).await;
    assert_eq!(
        reply.header("access-control-expose-headers"),
        Some("Retry-After")
    );
}
