//! The CSV export of all leads (`/admin/leads.csv`), for a spreadsheet or a CRM import.
//!
//! Cells are quoted per RFC 4180 (a cell holding a comma, quote, CR or LF is wrapped in
//! quotes, quotes doubled). A lead is typed by a stranger, and spreadsheets run a cell that
//! starts with `=`, `+`, `-` or `@` (and, in some, tab or CR) as a formula: such a cell is
//! prefixed with a single quote, so it shows as text (OWASP's advice on CSV injection). A
//! phone number written `+44 …` therefore reads `'+44 …` in the file.

use serde_json::Value;

use crate::store::StoredLead;

/// The header row, in column order.
pub const COLUMNS: [&str; 17] = [
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
    "page_url",
];

/// One cell, neutralised and quoted as needed.
pub fn cell(text: &str) -> String {
    let mut value = String::with_capacity(text.len() + 3);
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        value.push('\'');
    }
    value.push_str(text);
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The whole file: a UTF-8 byte order mark (so Excel reads accents right), the header row,
/// one row per lead, CRLF line ends.
pub fn render(leads: &[StoredLead]) -> String {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, COLUMNS.iter().map(|c| c.to_string()));
    for lead in leads {
        let body: Value = serde_json::from_str(&lead.body).unwrap_or(Value::Null);
        let at = |pointer: &str| text(body.pointer(pointer));
        let in_person = match body.pointer("/recommendation/in_person") {
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| text(Some(v)))
                .collect::<Vec<_>>()
                .join("; "),
            other => text(other),
        };
        let marketing = if body.pointer("/consent/marketing") == Some(&Value::Bool(true)) {
            "yes"
        } else {
            "no"
        };
        push_row(
            &mut out,
            [
                lead.id.clone(),
                lead.received_at.clone(),
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
                in_person,
                marketing.to_string(),
                at("/locale"),
                at("/page/url"),
            ]
            .into_iter(),
        );
    }
    out
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let row: Vec<String> = cells.map(|c| cell(&c)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

/// A JSON value as cell text: strings as they are, `null` and absent as empty.
fn text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_neutralises() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("+44 7700"), "'+44 7700");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\r=x"), "\"'\r=x\"");
        assert_eq!(
            cell("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
        assert_eq!(cell("a=b"), "a=b");
        assert_eq!(cell(""), "");
    }
}
