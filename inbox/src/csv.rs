//! The CSV export of the desk's current view (`/admin/leads.csv?…filters…`), for a
//! spreadsheet or a CRM import.
//!
//! - Written by the `csv` crate with **every field quoted**, so no separator a spreadsheet
//!   might choose (`,` or, across much of Europe, `;`) can split a cell: `Sam;=1+1` stays one
//!   cell of text.
//! - A lead is typed by a stranger, and spreadsheets run a cell that starts with `=`, `+`,
//!   `-` or `@` (and, in some, tab or CR) as a formula: such a cell gets a leading `'`, so it
//!   shows as text (OWASP's advice on CSV injection). A phone number `+44 …` reads `'+44 …`.
//! - Streamed page by page (keyset, [`PAGE_ROWS`] leads per query), so memory stays the same
//!   whether the view holds ten leads or a hundred thousand, and the database is never held
//!   for the whole export.

use axum::body::{Body, Bytes};
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::api::private;
use crate::store::{LeadFilter, LeadRow, LeadStore};

/// Leads read per query while exporting.
pub const PAGE_ROWS: u32 = 200;

/// The header row, in column order.
pub const COLUMNS: [&str; 22] = [
    "id",
    "received_at",
    "status",
    "status_by",
    "status_at",
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
    "photos",
    "marketing",
    "locale",
    "page_url",
    "clinic",
];

/// One cell's text with the formula guard applied.
pub fn guard(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A JSON value as cell text: strings as they are, `null` and absent as empty.
fn text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| text(Some(v)))
            .collect::<Vec<_>>()
            .join("; "),
        Some(other) => other.to_string(),
    }
}

/// One lead's cells, in [`COLUMNS`] order, before the guard.
pub fn cells(row: &LeadRow) -> [String; 22] {
    let at = |pointer: &str| text(row.lead.pointer(pointer));
    let marketing = if row.lead.pointer("/consent/marketing") == Some(&Value::Bool(true)) {
        "yes"
    } else {
        "no"
    };
    [
        row.id.clone(),
        row.received_at.clone(),
        row.status.status.code().to_string(),
        row.status.by.clone().unwrap_or_default(),
        row.status.at.clone().unwrap_or_default(),
        at("/created_at"),
        at("/contact/name"),
        at("/contact/email"),
        at("/contact/phone"),
        at("/contact/preferred_contact"),
        at("/contact/best_time"),
        at("/recommendation/approach"),
        at("/recommendation/extent"),
        at("/recommendation/price/min"),
        at("/recommendation/price/max"),
        at("/recommendation/price/currency"),
        at("/recommendation/in_person"),
        row.photos.to_string(),
        marketing.to_string(),
        at("/locale"),
        at("/page/url"),
        row.clinic_id.clone(),
    ]
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, String> {
    writer.into_inner().map_err(|e| e.to_string())
}

/// The start of the file: a UTF-8 byte order mark (so Excel reads accents right) and the
/// header row.
pub fn head() -> Result<Vec<u8>, String> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut w = writer();
    w.write_record(COLUMNS).map_err(|e| e.to_string())?;
    out.extend(finish(w)?);
    Ok(out)
}

/// Some leads as CSV rows.
pub fn rows(rows: &[LeadRow]) -> Result<Vec<u8>, String> {
    let mut w = writer();
    for row in rows {
        w.write_record(cells(row).iter().map(|c| guard(c)))
            .map_err(|e| e.to_string())?;
    }
    finish(w)
}

/// The streamed export of every lead matching `filter`, newest first.
pub fn response(store: LeadStore, scope: crate::store::Scope, filter: LeadFilter) -> Response {
    // A small channel: the producer waits for the client, so at most a few pages are held.
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(2);
    tokio::spawn(async move {
        let first = head().map(Bytes::from).map_err(std::io::Error::other);
        if tx.send(first).await.is_err() {
            return;
        }
        let mut before = None;
        loop {
            let page = match store
                .desk_rows(scope.clone(), filter.clone(), before, PAGE_ROWS)
                .await
            {
                Ok(page) => page,
                Err(err) => {
                    // The client sees a broken download, never a silently short file.
                    eprintln!("smp-inbox: CSV export stopped: {err}");
                    let _ = tx.send(Err(std::io::Error::other(err.to_string()))).await;
                    return;
                }
            };
            let Some(last) = page.last() else {
                return;
            };
            before = Some(last.seq);
            let chunk = rows(&page).map(Bytes::from).map_err(std::io::Error::other);
            if tx.send(chunk).await.is_err() {
                return;
            }
            if page.len() < PAGE_ROWS as usize {
                return;
            }
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    let mut response = private(Body::from_stream(stream).into_response());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{LeadStatus, StatusInfo};
    use serde_json::json;

    #[test]
    fn quotes_every_field_and_defuses_formulas() {
        assert_eq!(guard("plain"), "plain");
        assert_eq!(guard("=1+1"), "'=1+1");
        assert_eq!(guard("+44 7700"), "'+44 7700");
        assert_eq!(guard("-2"), "'-2");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("\tx"), "'\tx");
        assert_eq!(guard("\r=x"), "'\r=x");
        assert_eq!(guard("a=b"), "a=b");
        let row = LeadRow {
            seq: 1,
            id: "x".into(),
            received_at: "2025-05-01T10:00:00.000Z".into(),
            status: StatusInfo {
                status: LeadStatus::New,
                by: None,
                at: None,
            },
            photos: 0,
            clinic_id: "default".into(),
            lead: json!({"contact": {"name": "Sam;=1+1", "phone": "+44 \"7700\""}}),
        };
        let text = String::from_utf8(rows(&[row]).expect("csv")).expect("utf-8");
        assert!(
            text.starts_with("\"x\",\"2025-05-01T10:00:00.000Z\",\"new\",\"\","),
            "{text}"
        );
        assert!(text.contains(",\"Sam;=1+1\","), "{text}");
        assert!(text.contains(",\"'+44 \"\"7700\"\"\","), "{text}");
        assert!(text.ends_with("\r\n"));
    }
}
