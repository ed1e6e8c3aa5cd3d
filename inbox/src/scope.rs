//! The clinic check of every route that names one lead or one forwarding job.
//!
//! Handlers take the id as [`LeadId`] or [`JobId`] instead of a plain `Path`: the extractor
//! works out who is asking (the API token's clinic, or the desk user's clinics) and gives the
//! handler the id only when the lead (the job's lead) belongs to a clinic they may see.
//! Otherwise the handler gets an id that matches nothing, so it answers exactly as it does for
//! an id that does not exist: the same status, the same page, after the same checks (a role,
//! a form), and another clinic's ids are neither shown nor confirmed. Lists, counts and
//! exports are scoped in their queries ([`crate::store::Scope`]).

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use crate::api::ApiError;
use crate::auth::Admin;
use crate::desk::leads::Reader;
use crate::store::Scope;
use crate::AppState;

/// Who is asking, and what they may see; or the answer that refuses them (a login, a 401).
pub async fn caller_scope(parts: &mut Parts, state: &AppState) -> Result<Scope, Response> {
    if parts.uri.path().starts_with("/admin") {
        let reader = Reader::from_request_parts(parts, state).await?;
        return Ok(reader.scope().clone());
    }
    let admin = Admin::from_request_parts(parts, state)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok(admin.scope)
}

async fn path_id(parts: &mut Parts, state: &AppState) -> String {
    RawPathParams::from_request_parts(parts, state)
        .await
        .ok()
        .and_then(|params| {
            params
                .iter()
                .find(|(name, _)| *name == "id")
                .map(|(_, value)| value.to_string())
        })
        .unwrap_or_default()
}

/// A lead id from the path: the real one when the caller may see that lead, otherwise one
/// that matches no lead (`shown` keeps what was asked for, for a "not found" message).
#[derive(Debug, Clone)]
pub struct LeadId {
    /// The id to look up.
    pub id: String,
    /// The id as asked for.
    pub shown: String,
}

impl FromRequestParts<AppState> for LeadId {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let scope = caller_scope(parts, state).await?;
        let shown = path_id(parts, state).await;
        let clinic = state
            .store
            .lead_clinic(&shown)
            .await
            .map_err(|e| ApiError::internal(e).into_response())?;
        let visible = clinic.is_some_and(|c| scope.allows(&c));
        Ok(Self {
            id: if visible {
                shown.clone()
            } else {
                NO_LEAD.into()
            },
            shown,
        })
    }
}

/// Matches no lead: lead ids are stored in lower case.
pub const NO_LEAD: &str = "NO-SUCH-LEAD";

/// A forwarding job id from the path: the real one when the caller may see its lead,
/// otherwise one that matches no job (`shown` keeps what was asked for).
#[derive(Debug, Clone)]
pub struct JobId {
    /// The id to look up (`None` when it is not a number).
    pub id: Option<i64>,
    /// The id as asked for.
    pub shown: String,
}

impl FromRequestParts<AppState> for JobId {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let scope = caller_scope(parts, state).await?;
        let shown = path_id(parts, state).await;
        let Ok(job) = shown.parse::<i64>() else {
            return Ok(Self { id: None, shown });
        };
        let clinic = state
            .store
            .job_clinic(job)
            .await
            .map_err(|e| ApiError::internal(e).into_response())?;
        let visible = clinic.is_some_and(|c| scope.allows(&c));
        Ok(Self {
            // Job ids are positive: -1 is no job.
            id: Some(if visible { job } else { -1 }),
            shown,
        })
    }
}
