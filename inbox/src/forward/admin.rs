//! Forwarding in the admin: where every job stands (pending with its last error, delivered,
//! or given up) and retrying one by hand.
//!
//! - `GET /v1/forwards?state=pending|done|failed&before=ID&limit=N`: JSON, newest first, a page
//!   at a time, with counts per state.
//! - `POST /v1/forwards/{id}/retry`: makes the job due now with a fresh lifetime.
//! - `GET /admin/forwards` and `POST /admin/forwards/{id}/retry`: the same as a page with a
//!   button per job. [`render_jobs`] is the table, for other admin pages to show.
//!
//! All of them need the admin token. The page's POST is refused from another site's page
//! (`Sec-Fetch-Site`, `Origin`), since a browser re-sends Basic credentials on its own.

use axum::extract::{Path, Query, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use maud::{html, Markup, DOCTYPE};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::{private, ApiError};
use crate::auth::Admin;
use crate::store::OutboxStatus;
use crate::AppState;

/// Jobs per page unless `limit` says otherwise (at most [`MAX_PAGE`]).
pub const DEFAULT_PAGE: u32 = 50;
/// The largest page.
pub const MAX_PAGE: u32 = 500;

/// The list's query string.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    /// `pending`, `done` or `failed`.
    pub state: Option<String>,
    /// Only jobs with a smaller id (the previous page's `next_before`).
    pub before: Option<i64>,
    /// Page size.
    pub limit: Option<u32>,
}

fn job_json(job: &OutboxStatus) -> Value {
    json!({
        "id": job.id,
        "lead_id": job.lead_id,
        "kind": job.kind,
        "target": job.target,
        "state": job.state,
        "attempts": job.attempts,
        "last_error": job.last_error,
        "next_attempt_at": job.next_attempt_at,
        "created_at": job.created_at,
        "updated_at": job.updated_at,
    })
}

async fn page_of(
    state: &AppState,
    query: ListQuery,
) -> Result<(Vec<OutboxStatus>, Option<i64>), ApiError> {
    if let Some(s) = query.state.as_deref() {
        if !matches!(s, "pending" | "done" | "failed") {
            return Err(ApiError::bad_request(
                "state must be pending, done or failed",
            ));
        }
    }
    let limit = query.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
    let jobs = state
        .store
        .list_jobs(query.state, query.before, limit + 1)
        .await
        .map_err(ApiError::internal)?;
    let mut jobs = jobs;
    let next = if jobs.len() > limit as usize {
        jobs.truncate(limit as usize);
        jobs.last().map(|j| j.id)
    } else {
        None
    };
    Ok((jobs, next))
}

/// `GET /v1/forwards`.
pub async fn list(
    _: Admin,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let counts = state.store.job_counts().await.map_err(ApiError::internal)?;
    let (jobs, next) = page_of(&state, query).await?;
    Ok(private(
        Json(json!({
            "counts": {"pending": counts.pending, "done": counts.done, "failed": counts.failed},
            "jobs": jobs.iter().map(job_json).collect::<Vec<_>>(),
            "next_before": next,
        }))
        .into_response(),
    ))
}

async fn retry(state: &AppState, id: i64) -> Result<OutboxStatus, ApiError> {
    let found = state
        .store
        .retry_job_now(id, crate::clock::now_unix_ms())
        .await
        .map_err(ApiError::internal)?;
    if !found {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no forwarding job {id}"),
        ));
    }
    state.wake.notify();
    state
        .store
        .job(id)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no forwarding job {id}")))
}

/// `POST /v1/forwards/{id}/retry`.
pub async fn retry_api(
    _: Admin,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let job = retry(&state, id).await?;
    Ok(private(Json(job_json(&job)).into_response()))
}

/// `POST /admin/forwards/{id}/retry`: the page's button; back to the page.
pub async fn retry_page(
    _: Admin,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    if !same_origin(&headers) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this button works from the inbox's own page only",
        ));
    }
    retry(&state, id).await?;
    Ok(Redirect::to("/admin/forwards").into_response())
}

/// False when the browser says the request comes from another site's page.
fn same_origin(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text("sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    match (text("origin"), text("host")) {
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(host)),
        (Some(_), None) => false,
        (None, _) => true,
    }
}

/// `GET /admin/forwards`.
pub async fn page(
    _: Admin,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let counts = state.store.job_counts().await.map_err(ApiError::internal)?;
    let filter = query.state.clone();
    let (jobs, next) = page_of(&state, query).await?;
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { "Forwarding · SMP inbox" }
                style { (STYLE) }
            }
            body { main {
                p { a href="/admin" { "← All leads" } }
                h1 { "Forwarding" }
                p {
                    a href="/admin/forwards?state=pending" { (counts.pending) " waiting or retrying" } " · "
                    a href="/admin/forwards?state=failed" { (counts.failed) " given up" } " · "
                    a href="/admin/forwards?state=done" { (counts.done) " delivered" } " · "
                    a href="/admin/forwards" { "all" }
                }
                (render_jobs(&jobs))
                @if let Some(before) = next {
                    p { a href={ "/admin/forwards?before=" (before) @if let Some(s) = &filter { "&state=" (s) } } { "Older jobs →" } }
                }
            } }
        }
    };
    let mut response = private(Html(markup.into_string()).into_response());
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'",
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
    Ok(response)
}

/// A table of jobs with their state, last error and a retry button: for this page and for a
/// lead's own page.
pub fn render_jobs(jobs: &[OutboxStatus]) -> Markup {
    html! {
        @if jobs.is_empty() {
            p { "No forwarding jobs." }
        } @else {
            // A wide table scrolls on its own on a phone; the page does not.
            div.scroll { table {
                thead { tr {
                    th { "Lead" } th { "Destination" } th { "State" } th { "Attempts" }
                    th { "Last error" } th { "" }
                } }
                tbody {
                    @for job in jobs {
                        tr {
                            td { a href={ "/admin/leads/" (job.lead_id) } { (job.lead_id) } }
                            td { (job.kind) @if !job.target.is_empty() { " to " (job.target) } }
                            td { (state_text(job)) }
                            td { (job.attempts) }
                            td { (job.last_error.as_deref().unwrap_or("—")) }
                            td {
                                @if job.state != "done" {
                                    form method="post" action={ "/admin/forwards/" (job.id) "/retry" } {
                                        button type="submit" { "Retry now" }
                                    }
                                }
                            }
                        }
                    }
                }
            } }
        }
    }
}

fn state_text(job: &OutboxStatus) -> String {
    let time = |t: &str| t.get(..19).unwrap_or(t).replacen('T', " ", 1);
    match job.state.as_str() {
        "done" => format!("delivered {}", time(&job.updated_at)),
        "failed" => format!("gave up {}", time(&job.updated_at)),
        _ if job.attempts == 0 => "waiting".to_string(),
        _ => match &job.next_attempt_at {
            Some(at) => format!("retrying; next attempt {} UTC", time(at)),
            None => "retrying".to_string(),
        },
    }
}

const STYLE: &str = "\
body{font:15px/1.5 system-ui,sans-serif;color:#1b1f24;background:#f6f7f9;margin:0}\
main{max-width:80rem;margin:0 auto;padding:1.5rem}\
.scroll{overflow-x:auto}\
.scroll table{min-width:52rem}\
button{white-space:nowrap}\
table{border-collapse:collapse;background:#fff;width:100%}\
th,td{border:1px solid #d0d7de;padding:.4rem .6rem;text-align:left;vertical-align:top}\
thead th{background:#eef1f4}\
a{color:#0550ae}\
button{font:inherit;min-height:2rem}\
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}\
table{background:#161b22}th,td{border-color:#30363d}thead th{background:#21262d}a{color:#58a6ff}}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_site_posts_are_refused() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (k, v) in pairs {
                map.insert(*k, HeaderValue::from_static(v));
            }
            map
        };
        assert!(same_origin(&headers(&[])));
        assert!(same_origin(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(same_origin(&headers(&[
            ("origin", "https://leads.example"),
            ("host", "leads.example")
        ])));
        assert!(!same_origin(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "leads.example")
        ])));
    }
}
