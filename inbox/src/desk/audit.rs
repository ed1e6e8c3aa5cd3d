//! `GET /admin/audit`: the audit log, newest first, paged by entry id (administrators only).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use serde::Deserialize;

use super::leads::when;
use super::page::{self, Shell};
use super::session::Desk;
use crate::AppState;

/// Entries per page.
const PAGE_SIZE: u32 = 100;

/// `?before=ID`.
#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    before: Option<String>,
}

/// The audit log page.
pub async fn audit_page(
    desk: Desk,
    State(state): State<AppState>,
    Query(query): Query<AuditQuery>,
) -> Response {
    let w = state.words();
    let d = w.d;
    if !desk.is_admin() {
        return page::message(
            StatusCode::FORBIDDEN,
            w,
            Some(&desk),
            d.admin_only,
            d.admin_only,
        );
    }
    let before = query.before.as_deref().and_then(|b| b.parse::<i64>().ok());
    let entries = match state
        .store
        .audit_page(desk.user.scope.clone(), before, PAGE_SIZE + 1)
        .await
    {
        Ok(entries) => entries,
        Err(err) => {
            eprintln!("smp-inbox: {err}");
            return page::database_error(w);
        }
    };
    let more = entries.len() > PAGE_SIZE as usize;
    let entries = &entries[..entries.len().min(PAGE_SIZE as usize)];
    let body = html! {
        h1 { (d.audit_heading) }
        p { (d.audit_intro) }
        @if entries.is_empty() {
            p.notice { (d.no_entries) }
        } @else {
            div.table-wrap {
                table {
                    thead { tr { th scope="col" { (d.when) } th scope="col" { (d.who) } th scope="col" { (d.what) } th scope="col" { (d.lead) } th scope="col" { (d.detail) } } }
                    tbody {
                        @for entry in entries {
                            tr {
                                td { (when(&entry.at)) }
                                td { (entry.user) }
                                td { (d.action(&entry.action)) }
                                td {
                                    @if let Some(id) = &entry.lead_id {
                                        a.unknown href=(format!("/admin/leads/{id}")) { (id) }
                                    }
                                }
                                td { (entry.detail) }
                            }
                        }
                    }
                }
            }
        }
        @if more {
            @if let Some(last) = entries.last() {
                nav.pages aria-label=(d.pages_label) {
                    span {}
                    a rel="next" href=(format!("/admin/audit?before={}", last.id)) { (d.older) " →" }
                }
            }
        }
    };
    page::render(
        StatusCode::OK,
        &Shell {
            words: w,
            title: d.audit_heading,
            desk: Some(&desk),
        },
        body,
    )
}
