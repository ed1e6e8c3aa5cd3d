//! Photos inside a lead: real JPEG and PNG files accepted, stored in their own table and
//! served back; the wrong file, a mislabelled one, an oversized one and a fifth one refused
//! with an error naming the photo; idempotency still exact with the photo data out of the
//! stored body.

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{json, Value};

fn lead_with(n: u32, photos: Vec<Value>) -> Value {
    let mut lead = sample_lead(&lead_id(n));
    lead["photos"] = Value::Array(photos);
    lead
}

#[tokio::test]
async fn real_jpeg_and_png_photos_are_stored_and_served_back() {
    let app = memory_app();
    let front = jpeg(1600, 1200);
    let crown = png(40, 30);
    let lead = lead_with(
        1,
        vec![
            photo("front", "image/jpeg", 1600, 1200, &front),
            photo("crown", "image/png", 40, 30, &crown),
        ],
    );
    let id = lead_id(1);
    let reply = send(&app, post_lead(&lead)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);

    for (slot, bytes, media_type) in [
        ("front", &front, "image/jpeg"),
        ("crown", &crown, "image/png"),
    ] {
        let response = send_raw(&app, get(&format!("/admin/leads/{id}/photos/{slot}"))).await;
        assert_eq!(response.0, StatusCode::OK, "{slot}");
        assert_eq!(response.1.get("content-type").unwrap(), media_type);
        assert_eq!(response.1.get("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(response.1.get("cache-control").unwrap(), "no-store");
        assert_eq!(&response.2, bytes, "{slot}: the same bytes");
    }
    let missing = send(&app, get(&format!("/admin/leads/{id}/photos/top"))).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let bad_slot = send(&app, get(&format!("/admin/leads/{id}/photos/..%2Fetc"))).await;
    assert_eq!(bad_slot.status, StatusCode::NOT_FOUND);

    // The JSON API: photo data is out of the stored body, described next to it instead.
    let stored = send(&app, get(&format!("/v1/leads/{id}"))).await.json();
    assert_eq!(stored["lead"]["photos"][0]["data"], Value::Null);
    assert_eq!(stored["lead"]["photos"][0]["slot"], json!("front"));
    assert_eq!(
        stored["photos"],
        json!([
            {"slot": "front", "media_type": "image/jpeg", "width": 1600, "height": 1200,
             "bytes": front.len(), "url": format!("/admin/leads/{id}/photos/front")},
            {"slot": "crown", "media_type": "image/png", "width": 40, "height": 30,
             "bytes": crown.len(), "url": format!("/admin/leads/{id}/photos/crown")},
        ])
    );

    // The admin page shows them, and its CSP lets it.
    let page = send(&app, get(&format!("/admin/leads/{id}"))).await;
    assert!(
        page.body.contains(&format!(
            "<img src=\"/admin/leads/{id}/photos/front\" alt=\"front photo\""
        )),
        "{}",
        page.body
    );
    assert!(page.body.contains("crown · 40×30"), "{}", page.body);
    let csp = page.header("content-security-policy").unwrap_or_default();
    assert!(csp.contains("img-src 'self'"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
}

#[tokio::test]
async fn photos_need_the_admin_token() {
    let app = memory_app();
    let lead = lead_with(2, vec![photo("top", "image/png", 4, 4, &png(4, 4))]);
    assert_eq!(
        send(&app, post_lead(&lead)).await.status,
        StatusCode::CREATED
    );
    let reply = send(
        &app,
        get_anonymous(&format!("/admin/leads/{}/photos/top", lead_id(2))),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

/// Posts a lead with these photos and returns the error, which must be a 422.
async fn refused(app: &axum::Router, n: u32, photos: Vec<Value>) -> String {
    let reply = send(app, post_lead(&lead_with(n, photos))).await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    reply.error()
}

#[tokio::test]
async fn a_png_labelled_jpeg_is_refused() {
    let app = memory_app();
    let error = refused(
        &app,
        3,
        vec![photo("front", "image/jpeg", 8, 8, &png(8, 8))],
    )
    .await;
    assert_eq!(
        error,
        "photos[0].data: is a PNG image but media_type says image/jpeg"
    );
}

#[tokio::test]
async fn a_file_that_is_not_an_image_is_refused() {
    let app = memory_app();
    let text = b"%PDF-1.7 renamed to photo.jpg".to_vec();
    let error = refused(&app, 4, vec![photo("front", "image/jpeg", 8, 8, &text)]).await;
    assert_eq!(
        error,
        "photos[0].data: is not a JPEG or PNG image (its file signature is neither)"
    );
    // Right signature, but not a readable image.
    let error = refused(
        &app,
        4,
        vec![photo(
            "front",
            "image/jpeg",
            8,
            8,
            &[0xFF, 0xD8, 0xFF, 0xD9],
        )],
    )
    .await;
    assert!(
        error.starts_with("photos[0].data: is not a readable image/jpeg"),
        "{error}"
    );
}

#[tokio::test]
async fn an_oversized_photo_is_refused() {
    let app = memory_app();
    let mut big = jpeg(16, 16);
    big.resize(3 * 1024 * 1024 + 1, 0);
    let error = refused(&app, 5, vec![photo("sides", "image/jpeg", 16, 16, &big)]).await;
    assert!(
        error.starts_with("photos[0].data: is 3.0 MiB decoded; at most 3 MiB per photo"),
        "{error}"
    );
    // Too many pixels, declared or real.
    let error = refused(
        &app,
        5,
        vec![photo("top", "image/png", 1601, 10, &png(1601, 10))],
    )
    .await;
    assert_eq!(
        error,
        "photos[0].width: must be a whole number of pixels from 1 to 1600"
    );
    let error = refused(
        &app,
        5,
        vec![photo("top", "image/png", 1600, 10, &png(1601, 10))],
    )
    .await;
    assert!(error.contains("1601×10 pixels; at most 1600"), "{error}");
    let error = refused(
        &app,
        5,
        vec![photo("top", "image/png", 20, 10, &png(10, 20))],
    )
    .await;
    assert_eq!(
        error,
        "photos[0].data: is 10×20 pixels but width and height say 20×10"
    );
}

#[tokio::test]
async fn a_fifth_photo_and_a_repeated_slot_are_refused() {
    let app = memory_app();
    let small = png(2, 2);
    let five: Vec<Value> = ["front", "top", "crown", "sides", "front"]
        .iter()
        .map(|slot| photo(slot, "image/png", 2, 2, &small))
        .collect();
    let error = refused(&app, 6, five).await;
    assert_eq!(
        error,
        "photos: has 5 photos; at most 4 are accepted (front, top, crown, sides)"
    );
    let twice = vec![
        photo("crown", "image/png", 2, 2, &small),
        photo("crown", "image/png", 2, 2, &small),
    ];
    let error = refused(&app, 6, twice).await;
    assert_eq!(
        error,
        "photos: uses the slot \"crown\" twice; each slot once"
    );
}

#[tokio::test]
async fn malformed_photo_entries_name_the_field() {
    let app = memory_app();
    let small = png(2, 2);
    let mut cases: Vec<(Value, &str)> = vec![
        (json!("front.jpg"), "photos[0]: invalid type: string"),
        (
            photo("back", "image/png", 2, 2, &small),
            "photos[0].slot: unknown variant `back`, expected one of",
        ),
        (
            photo("front", "image/gif", 2, 2, &small),
            "photos[0].media_type: unknown variant `image/gif`, expected `image/jpeg` or `image/png`",
        ),
        (
            photo("front", "image/png", 0, 2, &small),
            "photos[0].width: must be",
        ),
    ];
    let mut no_height = photo("front", "image/png", 2, 2, &small);
    no_height.as_object_mut().unwrap().remove("height");
    cases.push((no_height, "photos[0]: missing field `height`"));
    let mut data_url = photo("front", "image/png", 2, 2, &small);
    data_url["data"] = json!(format!("data:image/png;base64,{}", base64(&small)));
    cases.push((data_url, "photos[0].data: must be bare base64"));
    let mut not_base64 = photo("front", "image/png", 2, 2, &small);
    not_base64["data"] = json!("iVBOR w0KGgo=");
    cases.push((not_base64, "photos[0].data: is not valid standard base64"));
    let mut url_safe = photo("front", "image/png", 2, 2, &[0xFB; 8]);
    url_safe["data"] = json!("-_-_-_-_-_-_");
    cases.push((url_safe, "photos[0].data: is not valid standard base64"));
    for (n, (entry, expected)) in (10..).zip(cases) {
        let error = refused(&app, n, vec![entry]).await;
        assert!(error.starts_with(expected), "{expected}: {error}");
    }
    assert_eq!(all_leads(&app).await, json!([]));
}

#[tokio::test]
async fn idempotency_compares_the_whole_body_including_photo_data() {
    let app = memory_app();
    let image = png(16, 16);
    let lead = lead_with(7, vec![photo("front", "image/png", 16, 16, &image)]);
    assert_eq!(
        send(&app, post_lead(&lead)).await.status,
        StatusCode::CREATED
    );

    // The same lead again, byte for byte, and pretty-printed: a retry.
    assert_eq!(send(&app, post_lead(&lead)).await.status, StatusCode::OK);
    let pretty = serde_json::to_string_pretty(&lead).expect("json");
    let request = axum::http::Request::post("/v1/leads")
        .header("content-type", "application/json")
        .body(axum::body::Body::from(pretty))
        .expect("request");
    assert_eq!(send(&app, request).await.status, StatusCode::OK);

    // The same id with another photo of the same size: not the same lead. The stored body
    // alone (photo data replaced by null) could not tell them apart; the hash of the whole
    // original body does.
    let mut other = image.clone();
    let last = other.len() - 20;
    other[last] ^= 0xFF;
    let changed = lead_with(7, vec![photo("front", "image/png", 16, 16, &other)]);
    let reply = send(&app, post_lead(&changed)).await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert!(reply.error().contains("different body"), "{}", reply.body);

    // The same lead without its photo is different too.
    let without = lead_with(7, vec![]);
    assert_eq!(
        send(&app, post_lead(&without)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // The first photo is the one kept.
    let served = send_raw(
        &app,
        get(&format!("/admin/leads/{}/photos/front", lead_id(7))),
    )
    .await;
    assert_eq!(served.2, image);
}

/// A response with its body as bytes (photos are not UTF-8).
async fn send_raw(
    app: &axum::Router,
    request: axum::http::Request<axum::body::Body>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    use tower::ServiceExt as _;
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, headers, bytes.to_vec())
}
