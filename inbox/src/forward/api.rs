//! Forwarding for the clinic's systems, on the API token (like `GET /v1/leads`): where every
//! job stands (pending with its last error, delivered, or given up) and retrying one.
//!
//! - `GET /v1/forwards?state=pending|done|failed&before=ID&limit=N`: JSON, newest first, a page
//!   at a time, with counts per state.
//! - `POST /v1/forwards/{id}/retry`: makes the job due now with a fresh lifetime (recorded in
//!   the audit log as done by `api`).
//!
//! People see and retry the same jobs on the desk, behind its login and CSRF guard
//! ([`crate::desk::forwards`]).

use axum::extract::{Query, State};

use crate::scope::JobId;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::{private, ApiError};
use crate::auth::Admin;
use crate::store::{OutboxStatus, StoreError};
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

/// `GET /v1/forwards`.
pub async fn list(
    admin: Admin,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    if let Some(s) = query.state.as_deref() {
        if !matches!(s, "pending" | "done" | "failed") {
            return Err(ApiError::bad_request(
                "state must be pending, done or failed",
            ));
        }
    }
    let limit = query.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
    let counts = state
        .store
        .job_counts(admin.scope.clone())
        .await
        .map_err(ApiError::internal)?;
    let (jobs, next) = state
        .store
        .job_page(admin.scope, query.state, query.before, limit)
        .await
        .map_err(ApiError::internal)?;
    Ok(private(
        Json(json!({
            "counts": {"pending": counts.pending, "done": counts.done, "failed": counts.failed},
            "jobs": jobs.iter().map(job_json).collect::<Vec<_>>(),
            "next_before": next,
        }))
        .into_response(),
    ))
}

/// `POST /v1/forwards/{id}/retry`.
pub async fn retry(
    _: Admin,
    State(state): State<AppState>,
    job: JobId,
) -> Result<Response, ApiError> {
    let Some(id) = job.id else {
        return Err(ApiError::bad_request(format!(
            "forwarding job id {:?} is not a number",
            job.shown
        )));
    };
    let shown = job.shown;
    let missing = || ApiError::new(StatusCode::NOT_FOUND, format!("no forwarding job {shown}"));
    let job = retry_now(&state, id, "api")
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(missing)?;
    Ok(private(Json(job_json(&job)).into_response()))
}

/// Makes job `id` due now with a fresh lifetime, wakes the forwarder and records who asked
/// in the audit log: what the API and the desk's *Retry now* button both do. `None` when there
/// is no such job.
pub async fn retry_now(
    state: &AppState,
    id: i64,
    user: &str,
) -> Result<Option<OutboxStatus>, StoreError> {
    let clock = &state.desk.config.clock;
    if !state.store.retry_job_now(id, clock.now_ms()).await? {
        return Ok(None);
    }
    state.wake.notify();
    let Some(job) = state.store.job(id).await? else {
        return Ok(None);
    };
    let detail = if job.target.is_empty() {
        job.kind.clone()
    } else {
        format!("{} to {}", job.kind, job.target)
    };
    state
        .store
        .record(
            user,
            "forward_retry",
            Some(&job.lead_id),
            &detail,
            clock.now_rfc3339(),
        )
        .await?;
    Ok(Some(job))
}
