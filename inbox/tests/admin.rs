//! The admin pages: what a clinic sees, and that nothing a visitor typed can become markup.

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::json;

#[tokio::test]
async fn empty_inbox_says_so() {
    let reply = send(&memory_app(), get("/admin")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("No leads yet"), "{}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
}

#[tokio::test]
async fn list_shows_what_a_clinic_needs_to_call_back_and_quote() {
    let app = memory_app();
    let id = lead_id(1);
    assert_eq!(
        send(&app, post_lead(&sample_lead(&id))).await.status,
        StatusCode::CREATED
    );

    let page = send(&app, get("/admin")).await;
    assert_eq!(page.status, StatusCode::OK);
    for expected in [
        "Sam Taylor",
        "sam.taylor@example.com",
        "+44 7700 900123",
        "whatsapp",
        "buzz_cut",
        "medium",
        "GBP 850–1500",
        "keloid",
        &format!("href=\"/admin/leads/{id}\""),
    ] {
        assert!(
            page.body.contains(expected),
            "missing {expected}: {}",
            page.body
        );
    }
    assert!(!page.body.contains("No leads yet"));
    // Marketing consent was not given in the sample.
    assert!(page.body.contains("<td>no</td></tr>"), "{}", page.body);
}

#[tokio::test]
async fn detail_shows_answers_recommendation_and_the_exact_consent_text() {
    let app = memory_app();
    let id = lead_id(2);
    let lead = sample_lead(&id);
    send(&app, post_lead(&lead)).await;

    let page = send(&app, get(&format!("/admin/leads/{id}"))).await;
    assert_eq!(page.status, StatusCode::OK);
    let consent_text = lead["consent"]["text"].as_str().expect("consent text");
    for expected in [
        consent_text,
        "Hair colour",
        "dark_brown",
        "Age band",
        "35_44",
        "Approach",
        "Hours per session",
        "3–4",
        "future_loss",
        "Preferred contact",
        "Full lead (JSON)",
        "&quot;schema&quot;: &quot;smp-consult.lead/v1&quot;",
    ] {
        assert!(
            page.body.contains(expected),
            "missing {expected}: {}",
            page.body
        );
    }
    assert_eq!(page.header("cache-control"), Some("no-store"));
    let csp = page.header("content-security-policy").unwrap_or_default();
    assert!(csp.contains("default-src 'none'"), "{csp}");

    let missing = send(&app, get(&format!("/admin/leads/{}", lead_id(3)))).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_value_from_a_lead_is_escaped() {
    let app = memory_app();
    let id = lead_id(4);
    let script = "<script>alert(1)</script>";
    let mut lead = sample_lead(&id);
    lead["contact"]["name"] = json!(script);
    lead["contact"]["email"] = json!("x\"><img/src=x/onerror=alert(2)>@example.com");
    lead["contact"]["phone"] = json!("<b>phone</b>");
    lead["consent"]["text"] = json!("I agree </blockquote><script>alert(3)</script>");
    lead["answers"]["<i>odd key</i>"] = json!("<u>odd value</u>");
    lead["recommendation"]["approach"] = json!("<svg onload=alert(4)>");
    let reply = send(&app, post_lead(&lead)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);

    for uri in ["/admin".to_string(), format!("/admin/leads/{id}")] {
        let page = send(&app, get(&uri)).await;
        assert_eq!(page.status, StatusCode::OK);
        for raw in ["<script", "<img", "<b>", "<i>", "<u>", "<svg"] {
            assert!(
                !page.body.contains(raw),
                "{uri} contains {raw}: {}",
                page.body
            );
        }
        assert!(
            page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{uri}"
        );
    }
}
