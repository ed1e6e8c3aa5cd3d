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
    // Marketing consent was not given in the sample, and it has no photos.
    assert!(
        page.body.contains("<td>no</td><td>0</td></tr>"),
        "{}",
        page.body
    );
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
    // Stored by an older version that checked less: shown all the same, escaped.
    let (app, store) = memory_app_with_store();
    let id = lead_id(4);
    let script = "<script>alert(1)</script>";
    let mut lead = sample_lead(&id);
    lead["contact"]["name"] = json!(script);
    lead["contact"]["email"] = json!("x\"><img/src=x/onerror=alert(2)>@example.com");
    lead["contact"]["phone"] = json!("<b>phone</b>");
    lead["consent"]["text"] = json!("I agree </blockquote><script>alert(3)</script>");
    lead["answers"]["<i>odd key</i>"] = json!("<u>odd value</u>");
    lead["recommendation"]["approach"] = json!("<svg onload=alert(4)>");
    store_unchecked(&store, &lead).await;

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

// ---------------------------------------------------------------------------------------------
// The admin token.

use axum::body::Body;
use axum::http::Request;
use smp_inbox::{app, AllowedOrigins, AppState, LeadStore};

/// Every route that reads leads.
fn read_routes() -> Vec<String> {
    let id = lead_id(1);
    vec![
        "/v1/leads".into(),
        format!("/v1/leads/{id}"),
        "/admin".into(),
        format!("/admin/leads/{id}"),
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
        for request in [
            get_anonymous(&uri),
            with_auth(&uri, "Bearer wrong-token"),
            with_auth(&uri, &format!("Bearer {ADMIN_TOKEN}x")),
            with_auth(&uri, &basic("admin", "wrong")),
            with_auth(&uri, &format!("Token {ADMIN_TOKEN}")),
        ] {
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
    let app = app(AppState::new(
        LeadStore::open_in_memory().expect("db"),
        origins,
    ));
    assert_eq!(
        send(&app, post_lead(&sample_lead(&lead_id(1))))
            .await
            .status,
        StatusCode::CREATED
    );
    for uri in read_routes() {
        for request in [get_anonymous(&uri), get(&uri)] {
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
    send(&app, post_lead(&sample_lead(&lead_id(1)))).await;
    for uri in read_routes() {
        let reply = send(&app, get(&uri)).await;
        assert_eq!(reply.header("set-cookie"), None, "{uri}");
    }
}

// ---------------------------------------------------------------------------------------------
// CSV export.

/// Splits RFC 4180 CSV into rows of cells (quoted cells may hold commas, quotes, newlines).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && row.is_empty(),
        "ends with CRLF"
    );
    rows
}

#[tokio::test]
async fn csv_export_quotes_cells_and_defuses_formulas() {
    // The nasty lead was stored by an older version that checked less.
    let (app, store) = memory_app_with_store();
    let plain = sample_lead(&lead_id(1));
    send(&app, post_lead(&plain)).await;
    let mut nasty = sample_lead(&lead_id(2));
    nasty["contact"]["name"] = json!("=HYPERLINK(\"http://evil.example\",\"Click\")");
    nasty["contact"]["email"] = json!("=1+1@example.com");
    nasty["contact"]["phone"] = json!("-1+2");
    nasty["contact"]["preferred_contact"] = json!("\tmornings, \"early\"\r\nor late");
    nasty["contact"]["best_time"] = json!("@SUM(1+1)");
    nasty["page"]["url"] = json!("https://clinic.example/?a=1,b=2");
    nasty["recommendation"]["extent"] = json!("+cmd|' /C calc'!A0");
    nasty["recommendation"]["in_person"] = json!(["keloid", "=chemo"]);
    nasty["consent"]["marketing"] = json!(true);
    store_unchecked(&store, &nasty).await;

    let reply = send(&app, get("/admin/leads.csv")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.header("content-type"),
        Some("text/csv; charset=utf-8")
    );
    assert_eq!(
        reply.header("content-disposition"),
        Some("attachment; filename=\"leads.csv\"")
    );
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let text = reply
        .body
        .strip_prefix('\u{feff}')
        .expect("UTF-8 BOM for Excel");
    let rows = parse_csv(text);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0],
        [
            "id",
            "received_at",
            "created_at",
            "name",
            "email",
            "phone",
            "preferred_contact",
            "best_time",
            "approach",
            "extent",
            "price_min",
            "price_max",
            "currency",
            "in_person",
            "marketing",
            "locale",
            "page_url"
        ]
    );
    for row in &rows {
        assert_eq!(row.len(), 17, "{row:?}");
    }
    // Newest first: the nasty one.
    let row = &rows[1];
    assert_eq!(row[0], lead_id(2));
    assert_eq!(row[3], "'=HYPERLINK(\"http://evil.example\",\"Click\")");
    assert_eq!(row[4], "'=1+1@example.com");
    assert_eq!(row[5], "'-1+2");
    assert_eq!(row[6], "'\tmornings, \"early\"\r\nor late");
    assert_eq!(row[7], "'@SUM(1+1)");
    assert_eq!(row[9], "'+cmd|' /C calc'!A0");
    assert_eq!(
        row[13], "keloid; =chemo",
        "only a cell's first character matters"
    );
    assert_eq!(row[14], "yes");
    assert_eq!(row[16], "https://clinic.example/?a=1,b=2");
    for cell in row {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "cell {cell:?} would run as a formula"
        );
    }
    let row = &rows[2];
    assert_eq!(
        &row[2..17],
        [
            "2025-05-01T10:00:00.000Z",
            "Sam Taylor",
            "sam.taylor@example.com",
            "'+44 7700 900123",
            "whatsapp",
            "evening",
            "buzz_cut",
            "medium",
            "850",
            "1500",
            "GBP",
            "keloid",
            "no",
            "en",
            "https://northline.example/consult"
        ]
    );
    // The raw text quotes exactly the cells that need it.
    assert!(text.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\","));
    assert!(text.contains(",'+44 7700 900123,"));
}

#[tokio::test]
async fn list_page_links_to_the_csv_export() {
    let page = send(&memory_app(), get("/admin")).await;
    assert!(
        page.body.contains("href=\"/admin/leads.csv\""),
        "{}",
        page.body
    );
}
