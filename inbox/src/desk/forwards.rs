//! Forwarding on the desk: where every forward stands (waiting or retrying with its last error
//! and next attempt, delivered, or given up), a page of them at a time, and *Retry now*, here
//! and in each lead's own page. Behind the desk's login and CSRF guard like every other desk
//! page; the clinic's systems have the same list and retry on the API token
//! ([`crate::forward::api`]).
//!
//! - `GET /admin/forwards?state=pending|failed|done&before=ID`: the list, newest first.
//! - `POST /admin/forwards/{id}/retry`: makes the forward due now with a fresh lifetime,
//!   records it in the audit log, and goes back to the list or the lead it came from.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use serde::Deserialize;

use super::leads::when;
use super::page::{self, Shell};
use super::session::Desk;
use super::text::{fill, FORWARD_STATES};
use super::Words;
use crate::scope::JobId;
use crate::store::OutboxStatus;
use crate::AppState;

/// Forwards per page.
pub const PAGE_SIZE: u32 = 50;

/// What a forward is: "Webhook", or "Email to desk@clinic.example".
fn destination(w: Words, job: &OutboxStatus) -> String {
    let d = w.d;
    if job.kind == "email" && !job.target.is_empty() {
        fill(d.forward_email_to, &[("address", &job.target)])
    } else {
        d.forward_kind(&job.kind).to_string()
    }
}

/// Where a forward stands, as a badge: given up stands out, delivered reads as done.
fn state_badge(w: Words, job: &OutboxStatus) -> Markup {
    let d = w.d;
    let attempts = u64::from(job.attempts);
    html! {
        @match job.state.as_str() {
            "done" => span.badge.ok { (fill(d.forward_delivered, &[("time", &when(&job.updated_at))])) },
            "failed" => span.badge.warn { (d.forward_failed.of(attempts)) },
            _ if job.attempts == 0 => span.badge { (d.forward_waiting) },
            _ => span.badge { (d.forward_retrying.of(attempts)) },
        }
    }
}

/// The next attempt and the last error, for a forward not yet delivered.
fn state_details(w: Words, job: &OutboxStatus) -> Markup {
    let d = w.d;
    html! {
        @if job.state == "pending" && job.attempts > 0 {
            @if let Some(at) = &job.next_attempt_at {
                span.hint { (fill(d.forward_next_attempt, &[("time", &when(at))])) }
            }
        }
        @if job.state != "done" {
            @if let Some(error) = &job.last_error {
                span.hint { (d.forward_last_error) (w.t.colon) (error) }
            }
        }
    }
}

/// The *Retry now* button of a forward not yet delivered. `back` is where to return: the
/// lead's page (`lead`) or the list in `state`.
fn retry_button(w: Words, desk: &Desk, job: &OutboxStatus, back: &str, state: &str) -> Markup {
    html! {
        @if job.state != "done" {
            form.inline method="post" action=(format!("/admin/forwards/{}/retry", job.id)) {
                input type="hidden" name="csrf" value=(desk.csrf);
                input type="hidden" name="back" value=(back);
                @if !state.is_empty() { input type="hidden" name="state" value=(state); }
                button type="submit" aria-label=(format!("{}: {}", w.d.forward_retry_now, destination(w, job))) {
                    (w.d.forward_retry_now)
                }
            }
        }
    }
}

/// A lead's forwards, on its page: one entry per destination with its state, next attempt,
/// last error and a *Retry now* button. Nothing when the lead was never forwarded.
pub fn lead_section(w: Words, desk: &Desk, jobs: &[OutboxStatus], retried: bool) -> Markup {
    let d = w.d;
    html! {
        @if !jobs.is_empty() {
            section.card #forwarding aria-labelledby="forwarding-h" {
                h2 #forwarding-h { (d.forwarding_heading) }
                @if retried { p.notice role="status" { (d.forward_retried) } }
                dl.facts {
                    @for job in jobs {
                        dt { (destination(w, job)) }
                        dd {
                            (state_badge(w, job))
                            (state_details(w, job))
                            (retry_button(w, desk, job, "lead", ""))
                        }
                    }
                }
            }
        }
    }
}

/// `GET /admin/forwards` query.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    before: Option<String>,
    #[serde(default)]
    retried: Option<String>,
}

/// A state the list can be filtered on, or `None` for all (anything else is ignored).
fn known_state(state: Option<&str>) -> Option<&'static str> {
    FORWARD_STATES.iter().copied().find(|s| Some(*s) == state)
}

/// `GET /admin/forwards`: every forward, newest first, one page.
pub async fn list_page(
    desk: Desk,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Response {
    let w = state.words();
    let d = w.d;
    let chosen = known_state(query.state.as_deref());
    let before = query.before.as_deref().and_then(|b| b.parse::<i64>().ok());
    let store = &state.store;
    let (counts, (jobs, older)) = match (
        store.job_counts(desk.user.scope.clone()).await,
        store
            .job_page(
                desk.user.scope.clone(),
                chosen.map(str::to_string),
                before,
                PAGE_SIZE,
            )
            .await,
    ) {
        (Ok(counts), Ok(page)) => (counts, page),
        (Err(err), _) | (_, Err(err)) => {
            eprintln!("smp-inbox: {err}");
            return page::database_error(w);
        }
    };
    let mut ids: Vec<String> = jobs.iter().map(|j| j.lead_id.clone()).collect();
    ids.dedup();
    let names: HashMap<String, String> = match store.lead_names(ids).await {
        Ok(names) => names,
        Err(err) => {
            eprintln!("smp-inbox: {err}");
            return page::database_error(w);
        }
    };
    let count = |state: &str| match state {
        "pending" => counts.pending,
        "failed" => counts.failed,
        _ => counts.done,
    };
    let list_url = |state: Option<&str>| match state {
        Some(state) => format!("/admin/forwards?state={state}"),
        None => "/admin/forwards".to_string(),
    };
    let back_state = chosen.unwrap_or("");
    let body = html! {
        h1 { (d.forwarding_heading) }
        p { (d.forwards_intro) }
        @if query.retried.is_some() { p.notice role="status" { (d.forward_retried) } }
        nav.tabs aria-label=(d.forwarding_heading) {
            @for code in FORWARD_STATES {
                a href=(list_url(Some(code))) aria-current=[(chosen == Some(code)).then_some("page")] {
                    (d.forward_state(code)) " (" (count(code)) ")"
                }
            }
            a href=(list_url(None)) aria-current=[chosen.is_none().then_some("page")] { (d.forward_all) }
        }
        @if jobs.is_empty() {
            p.notice { (d.no_forwards) }
        } @else {
            ol.leads.forwards {
                @for job in &jobs {
                    li.gave-up[job.state == "failed"] {
                        div.lead-head {
                            h2 {
                                a href=(format!("/admin/leads/{}#forwarding", job.lead_id)) {
                                    (names.get(&job.lead_id).map_or(job.lead_id.as_str(), String::as_str))
                                }
                            }
                            span.meta { (destination(w, job)) }
                        }
                        div.badges { (state_badge(w, job)) }
                        (state_details(w, job))
                        (retry_button(w, &desk, job, "list", back_state))
                    }
                }
            }
        }
        @if let Some(older) = older {
            nav.pages aria-label=(d.pages_label) {
                span {}
                a rel="next" href={ "/admin/forwards?before=" (older) @if let Some(s) = chosen { "&state=" (s) } } {
                    (d.older_forwards) " →"
                }
            }
        }
    };
    page::render(
        StatusCode::OK,
        &Shell {
            words: w,
            title: d.forwarding_heading,
            desk: Some(&desk),
        },
        body,
    )
}

/// `POST /admin/forwards/{id}/retry` form.
#[derive(Debug, Deserialize)]
pub struct RetryForm {
    #[serde(default)]
    back: String,
    #[serde(default)]
    state: String,
}

/// `POST /admin/forwards/{id}/retry`: *Retry now*.
pub async fn retry(
    desk: Desk,
    State(state): State<AppState>,
    job: JobId,
    axum::Form(form): axum::Form<RetryForm>,
) -> Response {
    let w = state.words();
    let not_found = || {
        page::message(
            StatusCode::NOT_FOUND,
            w,
            Some(&desk),
            w.d.forwarding_heading,
            w.d.no_forwards,
        )
    };
    let Some(id) = job.id else {
        return not_found();
    };
    match crate::forward::api::retry_now(&state, id, &desk.user.name).await {
        Ok(Some(job)) => {
            // Only places of our own: never a URL taken from the form.
            let to = if form.back == "lead" {
                format!("/admin/leads/{}?forward=retried#forwarding", job.lead_id)
            } else {
                match known_state(Some(&form.state)) {
                    Some(s) => format!("/admin/forwards?state={s}&retried=1"),
                    None => "/admin/forwards?retried=1".to_string(),
                }
            };
            Redirect::to(&to).into_response()
        }
        Ok(None) => not_found(),
        Err(err) => {
            eprintln!("smp-inbox: {err}");
            page::database_error(w)
        }
    }
}
