//! The inbox's own pages: `/admin` lists the leads, `/admin/leads/{id}` shows one in full
//! with its photos (`/admin/leads/{id}/photos/{slot}`), and `/admin/leads.csv` exports them.
//! All of them need the admin token (see [`crate::auth`]).
//!
//! Every value that comes from a lead is written through [`escape_html`]: a lead is text typed
//! by a stranger, and the person reading this page is logged into nothing but still deserves
//! not to run that stranger's script. The pages also send a CSP that allows no script at all,
//! so a missed escape would still be inert.

use std::fmt::Write as _;

use axum::extract::{Path, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde_json::{Map, Value};

use crate::api::{private, ApiError};
use crate::auth::Admin;
use crate::photo::SLOTS;
use crate::store::{OutboxStatus, StoredLead};
use crate::AppState;

/// Escapes text for use in HTML element content and in quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `GET /admin`: a table of every lead, newest first.
pub async fn list_page(_: Admin, State(state): State<AppState>) -> Response {
    match state.store.list().await {
        Ok(leads) => page(StatusCode::OK, "Leads", &render_list(&leads)),
        Err(err) => database_error(err),
    }
}

/// `GET /admin/leads.csv`: every lead as CSV, newest first.
pub async fn csv_export(_: Admin, State(state): State<AppState>) -> Response {
    match state.store.list().await {
        Ok(leads) => {
            let mut response = private(crate::csv::render(&leads).into_response());
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            headers.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"leads.csv\""),
            );
            headers.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            response
        }
        Err(err) => ApiError::internal(err).into_response(),
    }
}

/// `GET /admin/leads/{id}/photos/{slot}`: one photo's file.
pub async fn photo(
    _: Admin,
    State(state): State<AppState>,
    Path((id, slot)): Path<(String, String)>,
) -> Response {
    if !SLOTS.contains(&slot.as_str()) {
        return ApiError::new(StatusCode::NOT_FOUND, format!("no photo slot {slot:?}"))
            .into_response();
    }
    match state.store.photo(&id, &slot).await {
        Ok(Some((media_type, bytes))) => {
            let mut response = private(bytes.into_response());
            let headers = response.headers_mut();
            // Only image/jpeg or image/png were ever stored; anything else would be a file
            // edited by hand, served as an opaque download rather than trusted.
            let content_type = match media_type.as_str() {
                "image/jpeg" => "image/jpeg",
                "image/png" => "image/png",
                _ => "application/octet-stream",
            };
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            headers.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; sandbox"),
            );
            headers.insert(
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            );
            response
        }
        Ok(None) => ApiError::new(
            StatusCode::NOT_FOUND,
            format!("lead {id} has no {slot} photo"),
        )
        .into_response(),
        Err(err) => ApiError::internal(err).into_response(),
    }
}

/// `GET /admin/leads/{id}`: everything about one lead.
pub async fn detail_page(
    _: Admin,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Response {
    let jobs = state.store.jobs_for(&id).await.unwrap_or_default();
    match state.store.get(&id).await {
        Ok(Some(lead)) => page(StatusCode::OK, "Lead", &render_detail(&lead, &jobs)),
        Ok(None) => page(
            StatusCode::NOT_FOUND,
            "Lead not found",
            &format!(
                "<p>No lead with id <code>{}</code>.</p><p><a href=\"/admin\">All leads</a></p>",
                escape_html(&id)
            ),
        ),
        Err(err) => database_error(err),
    }
}

fn database_error(err: impl std::fmt::Display) -> Response {
    eprintln!("smp-inbox: {err}");
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Database unavailable",
        "<p>The inbox could not read its database. Check the server's log.</p>",
    )
}

/// The list page's body.
pub fn render_list(leads: &[StoredLead]) -> String {
    let mut html = format!(
        "<h1>Leads <small>({})</small></h1>\n<p><a href=\"/admin/leads.csv\">Download all as CSV</a></p>\n",
        leads.len()
    );
    if leads.is_empty() {
        html.push_str("<p class=\"empty\">No leads yet.</p>\n");
        return html;
    }
    html.push_str(
        "<table>\n<thead><tr><th>Received (UTC)</th><th>Name</th><th>Email</th><th>Phone</th>\
         <th>Preferred contact</th><th>Approach</th><th>Extent</th><th>Sessions</th>\
         <th>Price</th><th>In person</th><th>Marketing</th><th>Photos</th></tr></thead>\n<tbody>\n",
    );
    for lead in leads {
        let body = parse_body(lead);
        // An empty cell reads like a rendering fault; a dash says "not given".
        let at = |pointer: &str| match body.pointer(pointer).map(display) {
            Some(text) if !text.is_empty() => text,
            _ => "—".to_string(),
        };
        let in_person = match body.pointer("/recommendation/in_person") {
            Some(Value::Array(flags)) if !flags.is_empty() => display(&Value::Array(flags.clone())),
            _ => "no".to_string(),
        };
        let name = match at("/contact/name") {
            name if name.trim().is_empty() || name == "—" => "(no name)".to_string(),
            name => name,
        };
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td><a href=\"/admin/leads/{}\">{}</a></td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape_html(&readable_time(&lead.received_at)),
            escape_html(&lead.id),
            escape_html(&name),
            escape_html(&at("/contact/email")),
            escape_html(&at("/contact/phone")),
            escape_html(&at("/contact/preferred_contact")),
            escape_html(&at("/recommendation/approach")),
            escape_html(&at("/recommendation/extent")),
            escape_html(&at("/recommendation/sessions")),
            escape_html(&or_dash(price(body.pointer("/recommendation/price")))),
            escape_html(&in_person),
            yes_no(body.pointer("/consent/marketing")),
            lead.photos.len(),
        );
    }
    html.push_str("</tbody>\n</table>\n");
    html
}

/// The detail page's body.
pub fn render_detail(lead: &StoredLead, jobs: &[OutboxStatus]) -> String {
    let body = parse_body(lead);
    let name = body
        .pointer("/contact/name")
        .map(display)
        .unwrap_or_default();
    let mut html = format!(
        "<p><a href=\"/admin\">&larr; All leads</a></p>\n<h1>{}</h1>\n",
        escape_html(&name)
    );

    html.push_str("<h2>Received</h2>\n<table>\n");
    row(&mut html, "Lead id", &lead.id);
    row(
        &mut html,
        "Received (UTC)",
        &readable_time(&lead.received_at),
    );
    row(
        &mut html,
        "Idempotency key",
        lead.idempotency_key.as_deref().unwrap_or("—"),
    );
    row(
        &mut html,
        "Sent from",
        lead.origin.as_deref().unwrap_or("—"),
    );
    for (label, pointer) in [
        ("Created by the widget", "/created_at"),
        ("Clinic", "/clinic"),
        ("Language", "/locale"),
    ] {
        if let Some(value) = body.pointer(pointer) {
            row(&mut html, label, &display(value));
        }
    }
    html.push_str("</table>\n");

    section(&mut html, "Contact", body.get("contact"));

    html.push_str("<h2>Consent</h2>\n<table>\n");
    row(
        &mut html,
        "Processing (required)",
        yes_no(body.pointer("/consent/processing")),
    );
    row(
        &mut html,
        "Marketing",
        yes_no(body.pointer("/consent/marketing")),
    );
    html.push_str("</table>\n");
    match body.pointer("/consent/text").map(display) {
        Some(text) if !text.is_empty() => {
            let _ = writeln!(
                html,
                "<p>Text the visitor agreed to:</p>\n<blockquote class=\"consent\">{}</blockquote>",
                escape_html(&text)
            );
        }
        _ => html.push_str("<p>The lead carries no consent text.</p>\n"),
    }

    html.push_str("<h2>Photos</h2>\n");
    if lead.photos.is_empty() {
        html.push_str("<p>None sent.</p>\n");
    } else {
        html.push_str("<div class=\"photos\">\n");
        for photo in &lead.photos {
            let url = format!("/admin/leads/{}/photos/{}", lead.id, photo.slot);
            let _ = writeln!(
                html,
                "<figure><a href=\"{url}\"><img src=\"{url}\" alt=\"{slot} photo\" width=\"{w}\" \
                 height=\"{h}\"></a><figcaption>{slot} · {w}×{h} · {kb} KB</figcaption></figure>",
                url = escape_html(&url),
                slot = escape_html(&photo.slot),
                w = photo.width,
                h = photo.height,
                kb = photo.size.div_ceil(1024),
            );
        }
        html.push_str("</div>\n");
    }

    section(&mut html, "Answers", body.get("answers"));
    section(&mut html, "Recommendation", body.get("recommendation"));
    if let Some(page) = body.get("page") {
        section(&mut html, "Page", Some(page));
    }

    if !jobs.is_empty() {
        html.push_str("<h2>Forwarding</h2>\n<table>\n");
        for job in jobs {
            let mut status = match job.state.as_str() {
                "done" => format!("delivered {}", readable_time(&job.updated_at)),
                "failed" => format!("gave up after {} attempts", job.attempts),
                _ if job.attempts == 0 => "waiting".to_string(),
                _ => format!("retrying ({} attempts so far)", job.attempts),
            };
            if job.state != "done" {
                if let Some(error) = &job.last_error {
                    status.push_str(&format!(" — last error: {error}"));
                }
            }
            row(&mut html, &label(&job.kind), &status);
        }
        html.push_str("</table>\n");
    }

    let pretty = serde_json::to_string_pretty(&body).unwrap_or_else(|_| lead.body.clone());
    let _ = writeln!(
        html,
        "<h2>Full lead (JSON)</h2>\n<pre>{}</pre>",
        escape_html(&pretty)
    );
    html
}

/// A two-column table of an object's fields, sorted by key (serde_json keeps object keys
/// sorted), so every lead's answers read in the same order.
fn section(html: &mut String, title: &str, value: Option<&Value>) {
    let _ = writeln!(html, "<h2>{}</h2>", escape_html(title));
    match value.and_then(Value::as_object) {
        Some(fields) if !fields.is_empty() => {
            html.push_str("<table>\n");
            for (key, value) in fields {
                row(html, &label(key), &display(value));
            }
            html.push_str("</table>\n");
        }
        _ => html.push_str("<p>None given.</p>\n"),
    }
}

fn row(html: &mut String, label: &str, value: &str) {
    let _ = writeln!(
        html,
        "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
        escape_html(label),
        escape_html(value)
    );
}

/// `preferred_contact` → `Preferred contact`.
fn label(key: &str) -> String {
    let spaced = key.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// A JSON value as plain text for a table cell (escaped by the caller).
fn display(value: &Value) -> String {
    match value {
        Value::Null => "—".to_string(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "none".to_string(),
        Value::Array(items) => items.iter().map(display).collect::<Vec<_>>().join(", "),
        Value::Object(fields) => range(fields).unwrap_or_else(|| value.to_string()),
    }
}

/// `{"min":2,"max":3}` → `2–3`, `{"min":3,"max":3}` → `3`: how sessions and hours read best.
fn range(fields: &Map<String, Value>) -> Option<String> {
    if fields.len() != 2 {
        return None;
    }
    let (min, max) = (fields.get("min")?, fields.get("max")?);
    Some(if min == max {
        display(min)
    } else {
        format!("{}–{}", display(min), display(max))
    })
}

/// `{"currency":"GBP","min":850,"max":1500}` → `GBP 850–1500`; nothing when the clinic gave
/// no price.
fn price(value: Option<&Value>) -> String {
    let Some(Value::Object(fields)) = value else {
        return String::new();
    };
    let currency = fields.get("currency").map(display).unwrap_or_default();
    let min = fields.get("min").map(display).unwrap_or_default();
    let max = fields.get("max").map(display).unwrap_or_default();
    let amount = if min == max {
        min
    } else {
        format!("{min}–{max}")
    };
    format!("{currency} {amount}").trim().to_string()
}

fn or_dash(text: String) -> String {
    if text.is_empty() {
        "—".to_string()
    } else {
        text
    }
}

fn yes_no(value: Option<&Value>) -> &'static str {
    if value == Some(&Value::Bool(true)) {
        "yes"
    } else {
        "no"
    }
}

/// `2025-05-01T10:00:00.123Z` → `2025-05-01 10:00:00`.
fn readable_time(rfc3339: &str) -> String {
    let seconds = rfc3339.get(..19).unwrap_or(rfc3339);
    seconds.replacen('T', " ", 1)
}

fn parse_body(lead: &StoredLead) -> Value {
    serde_json::from_str(&lead.body).unwrap_or(Value::Null)
}

/// Wraps a body in the page shell. Lead data is personal and medical, so the page is never
/// cached, never framed, never sent as a referrer, and may run no script.
fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · SMP inbox</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape_html(title)
    );
    let mut response = private((status, Html(html)).into_response());
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; \
             form-action 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

const STYLE: &str = "\
body{font:15px/1.5 system-ui,sans-serif;color:#1b1f24;background:#f6f7f9;margin:0}\
main{max-width:80rem;margin:0 auto;padding:1.5rem}\
h1 small{font-weight:normal;color:#57606a}\
table{border-collapse:collapse;background:#fff;margin:0 0 1.5rem;width:100%}\
th,td{border:1px solid #d0d7de;padding:.4rem .6rem;text-align:left;vertical-align:top}\
thead th{background:#eef1f4}\
th[scope=row]{width:14rem;background:#fafbfc;font-weight:600}\
tbody tr:nth-child(even) td{background:#fafbfc}\
a{color:#0550ae}\
blockquote.consent{background:#fff;border-left:4px solid #0550ae;margin:0 0 1.5rem;padding:.6rem 1rem;white-space:pre-wrap}\
pre{background:#fff;border:1px solid #d0d7de;padding:1rem;overflow:auto}\
.empty{font-size:1.1rem;color:#57606a}\
.photos{display:flex;flex-wrap:wrap;gap:1rem;margin:0 0 1.5rem}\
figure{margin:0;background:#fff;border:1px solid #d0d7de;padding:.5rem}\
figure img{display:block;max-width:18rem;height:auto}\
figcaption{color:#57606a;font-size:.85rem;margin-top:.3rem}";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escapes_every_html_special_character() {
        assert_eq!(
            escape_html(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape_html("Zoë Ünal"), "Zoë Ünal");
    }

    #[test]
    fn shows_ranges_prices_and_labels_readably() {
        assert_eq!(display(&json!({"min": 2, "max": 3})), "2–3");
        assert_eq!(display(&json!({"min": 3, "max": 3})), "3");
        assert_eq!(display(&json!(["keloid", "chemo"])), "keloid, chemo");
        assert_eq!(display(&json!([])), "none");
        assert_eq!(
            price(Some(&json!({"currency": "GBP", "min": 850, "max": 1500}))),
            "GBP 850–1500"
        );
        assert_eq!(price(Some(&Value::Null)), "");
        assert_eq!(label("preferred_contact"), "Preferred contact");
        assert_eq!(
            readable_time("2025-05-01T10:00:00.123Z"),
            "2025-05-01 10:00:00"
        );
    }
}
