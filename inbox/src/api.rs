//! The JSON API: receiving leads (`POST /v1/leads`), reading them back, and the health check.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::Admin;
use crate::lead::{validate_lead, LeadError};
use crate::scope::LeadId;
use crate::store::{ForwardTarget, InsertOutcome, NewLead, StoredLead, DEFAULT_CLINIC};
use crate::AppState;

/// Header a client uses to make its retries safe; must equal the lead's `id`.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// An error answer: a status and `{"error": message}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status to answer with.
    pub status: StatusCode,
    /// What went wrong, for the person wiring a client to the inbox.
    pub message: String,
}

impl ApiError {
    /// An error with this status and message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// The client cannot fix a database failure, so it only learns to retry; the detail goes
    /// to the operator's log.
    pub(crate) fn internal(err: impl std::fmt::Display) -> Self {
        eprintln!("smp-inbox: {err}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the inbox could not reach its database; try again later",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

impl From<LeadError> for ApiError {
    fn from(err: LeadError) -> Self {
        let status = if err.is_semantic() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::BAD_REQUEST
        };
        Self::new(status, err.to_string())
    }
}

/// `POST /v1/leads`: a lead of the default clinic; validate, then store once per id.
pub async fn create_lead(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let forward = state.forward_targets.to_vec();
    store_lead(state, DEFAULT_CLINIC.to_string(), forward, headers, body).await
}

/// `POST /v1/clinics/{clinic}/leads`: a lead of that clinic (404 when there is no such
/// clinic). The clinic is the endpoint's, whatever the body (its `clinic` field is the
/// clinic's name as the widget shows it) or any header says.
pub async fn create_clinic_lead(
    State(state): State<AppState>,
    Path(clinic): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let found = state
        .clinics
        .get(&clinic)
        .await
        .map_err(ApiError::internal)?;
    let Some(found) = found else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("there is no clinic {clinic:?} on this inbox"),
        ));
    };
    let forward: Vec<ForwardTarget> = if found.id == DEFAULT_CLINIC {
        state.forward_targets.to_vec()
    } else {
        found.targets(state.can_mail)
    };
    store_lead(state, found.id.clone(), forward, headers, body).await
}

async fn store_lead(
    state: AppState,
    clinic_id: String,
    forward: Vec<ForwardTarget>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("body is larger than {} bytes", state.max_body_bytes),
            )
        } else {
            ApiError::new(rejection.status(), rejection.body_text())
        }
    })?;
    if !is_accepted_content_type(&headers) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content-type must be application/json (text/plain is accepted too)",
        ));
    }
    let idempotency_key = header_text(&headers, IDEMPOTENCY_KEY)
        .map_err(|_| ApiError::bad_request("Idempotency-Key header must be plain ASCII text"))?
        .map(str::to_owned);
    let origin = header_text(&headers, header::ORIGIN.as_str())
        .ok()
        .flatten()
        .map(str::to_owned);

    // Parsing a body of several MiB and decoding its photos takes milliseconds of CPU and a
    // few times the body's size in memory: a few at a time, on the blocking pool, not on a
    // thread that serves other requests.
    let _parsing = state.parsing.acquire().await.map_err(ApiError::internal)?;
    let key = idempotency_key.clone();
    let lead = tokio::task::spawn_blocking(move || {
        let text = std::str::from_utf8(&body)
            .map_err(|_| ApiError::bad_request("body is not valid UTF-8 text"))?;
        Ok::<_, ApiError>(validate_lead(text, key.as_deref())?)
    })
    .await
    .map_err(ApiError::internal)??;

    drop(_parsing);
    let id = lead.id.clone();
    let outcome = state
        .store
        .insert(NewLead {
            id: lead.id,
            clinic_id,
            idempotency_key,
            origin,
            body: lead.stored_body,
            body_sha256: lead.body_sha256,
            photos: lead.photos,
            forward,
        })
        .await
        .map_err(ApiError::internal)?;
    if outcome == InsertOutcome::Stored {
        state.wake.notify();
    }

    match outcome {
        InsertOutcome::Stored => Ok((
            StatusCode::CREATED,
            Json(json!({"status": "stored", "id": id})),
        )
            .into_response()),
        InsertOutcome::Duplicate => Ok((
            StatusCode::OK,
            Json(json!({"status": "duplicate", "id": id})),
        )
            .into_response()),
        InsertOutcome::Conflict => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("lead {id} was already stored with a different body"),
        )),
    }
}

/// `OPTIONS /v1/leads`: the CORS preflight. The origin check and `Access-Control-Allow-Origin`
/// are the CORS middleware's job; this answers what a browser asks before a JSON POST.
pub async fn preflight() -> Response {
    (
        StatusCode::NO_CONTENT,
        [
            (header::ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS"),
            (
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                "content-type, idempotency-key",
            ),
            (header::ACCESS_CONTROL_MAX_AGE, "600"),
        ],
    )
        .into_response()
}

/// Leads per page of `GET /v1/leads` unless `limit` says otherwise (at most [`MAX_PAGE`]).
pub const DEFAULT_PAGE: u32 = 100;
/// The largest page.
pub const MAX_PAGE: u32 = 1000;
/// A page stops early once its lead bodies add up to this, so its memory is bounded even for
/// leads stored before field limits existed.
pub const PAGE_BYTES: usize = 4 * 1024 * 1024;

/// The query string of `GET /v1/leads`.
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    /// The previous page's `next_before`.
    pub before: Option<i64>,
    /// Leads per page.
    pub limit: Option<u32>,
}

/// `GET /v1/leads?before=CURSOR&limit=N`: a page of leads, newest first, with the cursor of
/// the next page (`null` on the last).
pub async fn list_leads(
    admin: Admin,
    State(state): State<AppState>,
    Query(query): Query<PageQuery>,
) -> Result<Response, ApiError> {
    let limit = query.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
    let page = state
        .store
        .list_page(admin.scope, query.before, limit, PAGE_BYTES)
        .await
        .map_err(ApiError::internal)?;
    let items: Vec<Value> = page.leads.iter().map(lead_json).collect();
    let next = page
        .next_before
        .map(|before| format!("/v1/leads?before={before}&limit={limit}"));
    Ok(private(
        Json(json!({"leads": items, "next_before": page.next_before, "next": next}))
            .into_response(),
    ))
}

/// `GET /v1/leads/{id}`: one lead, or 404.
pub async fn get_lead(
    _: Admin,
    State(state): State<AppState>,
    lead: LeadId,
) -> Result<Response, ApiError> {
    match state
        .store
        .get(&lead.id)
        .await
        .map_err(ApiError::internal)?
    {
        Some(lead) => Ok(private(Json(lead_json(&lead)).into_response())),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("lead {} not found", lead.shown),
        )),
    }
}

/// `GET /healthz`: 200 `ok` while the database takes a write and its disk has room.
pub async fn healthz(State(state): State<AppState>) -> Response {
    match state
        .store
        .write_probe(state.limits.min_free_disk_bytes)
        .await
    {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(err) => {
            eprintln!("smp-inbox: health check failed: {err}");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                format!("database cannot take leads: {err}"),
            )
                .into_response()
        }
    }
}

/// `GET /readyz`: whether this instance can serve requests — its database answers a read of
/// the lead and clinic tables — as JSON for a load balancer or an orchestrator:
/// `{"ready": true, "database": {"engine": "sqlite", "ok": true}}` (`postgres` on
/// PostgreSQL), or 503 with the reason. Unlike `/healthz` it writes nothing and does not
/// look at the disk.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let engine = state.store.engine().name();
    match state.store.ready().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({"ready": true, "database": {"engine": engine, "ok": true}})),
        )
            .into_response(),
        Err(err) => {
            eprintln!("smp-inbox: readiness check failed: {err}");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({
                    "ready": false,
                    "database": {"engine": engine, "ok": false, "error": err.to_string()},
                })),
            )
                .into_response()
        }
    }
}

/// Any path the inbox does not serve.
pub async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "no such route")
}

/// A stored lead as the API shows it: its metadata, its photos (where to fetch them) and the
/// body parsed back to JSON (photo `data` is `null` there when the lead had photos).
fn lead_json(lead: &StoredLead) -> Value {
    // Every stored body was validated as JSON; should the file be edited by hand, show the
    // text rather than failing the whole list.
    let body =
        serde_json::from_str(&lead.body).unwrap_or_else(|_| Value::String(lead.body.clone()));
    let photos: Vec<Value> = lead
        .photos
        .iter()
        .map(|photo| {
            json!({
                "slot": photo.slot,
                "media_type": photo.media_type,
                "width": photo.width,
                "height": photo.height,
                "bytes": photo.size,
                "url": format!("/admin/leads/{}/photos/{}", lead.id, photo.slot),
            })
        })
        .collect();
    json!({
        "id": lead.id,
        "clinic": lead.clinic_id,
        "received_at": lead.received_at,
        "idempotency_key": lead.idempotency_key,
        "origin": lead.origin,
        "photos": photos,
        "lead": body,
    })
}

/// Leads hold personal and health data: no cache should keep a copy.
pub(crate) fn private(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `application/json` or `text/plain`, any parameters: `navigator.sendBeacon` and some
/// no-code hooks send JSON as text/plain to avoid a CORS preflight.
fn is_accepted_content_type(headers: &HeaderMap) -> bool {
    let Some(Ok(value)) = headers.get(header::CONTENT_TYPE).map(HeaderValue::to_str) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json") || essence.eq_ignore_ascii_case("text/plain")
}

/// A header's value as text: `Ok(None)` when absent, `Err` when not visible ASCII.
fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Result<Option<&'a str>, ()> {
    headers
        .get(name)
        .map(|v| v.to_str().map_err(|_| ()))
        .transpose()
}
