//! The list's filters as they travel in the URL (`?status=new&q=sam&in_person=yes…`), so a
//! view can be bookmarked and the CSV export covers exactly what is on screen. Values that
//! do not parse are ignored rather than refused: a stale bookmark still opens.

use serde::Deserialize;
use smp_consult::i18n::Locale;

use crate::store::{Cursor, LeadFilter, LeadStatus};

/// The query string of the list and the CSV export.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub approach: Option<String>,
    #[serde(default)]
    pub in_person: Option<String>,
    #[serde(default)]
    pub photos: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub q: Option<String>,
    /// A clinic id (for users who see more than one clinic).
    #[serde(default)]
    pub clinic: Option<String>,
    /// Older than this position (next page).
    #[serde(default)]
    pub before: Option<String>,
    /// Newer than this position (previous page).
    #[serde(default)]
    pub after: Option<String>,
    /// Set after an erasure, to say it happened.
    #[serde(default)]
    pub erased: Option<String>,
}

/// The longest search text used (longer is cut).
const MAX_QUERY_CHARS: usize = 100;

fn yes_no(value: Option<&str>) -> Option<bool> {
    match value? {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// `YYYY-MM-DD`, as `<input type="date">` sends it.
fn date(value: Option<&str>) -> Option<String> {
    let value = value?.trim();
    let b = value.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    ok.then(|| value.to_string())
}

fn nonempty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

impl ListQuery {
    /// The filter this query asks for.
    pub fn filter(&self) -> LeadFilter {
        LeadFilter {
            status: nonempty(self.status.as_deref()).and_then(LeadStatus::from_code),
            approach: nonempty(self.approach.as_deref())
                .filter(|a| a.len() <= 64)
                .map(str::to_string),
            in_person: yes_no(self.in_person.as_deref()),
            photos: yes_no(self.photos.as_deref()),
            from: date(self.from.as_deref()),
            to: date(self.to.as_deref()),
            lang: nonempty(self.lang.as_deref())
                .and_then(Locale::from_tag)
                .map(|l| l.code().to_string()),
            query: nonempty(self.q.as_deref()).map(|q| q.chars().take(MAX_QUERY_CHARS).collect()),
            clinic: nonempty(self.clinic.as_deref())
                .filter(|c| crate::clinic::valid_id(c))
                .map(str::to_string),
        }
    }

    /// Where the page starts.
    pub fn cursor(&self) -> Cursor {
        let number = |v: &Option<String>| v.as_deref().and_then(|s| s.parse::<i64>().ok());
        match (number(&self.before), number(&self.after)) {
            (Some(before), _) => Cursor::Before(before),
            (None, Some(after)) => Cursor::After(after),
            _ => Cursor::Newest,
        }
    }
}

/// The filter as query-string pairs, in a fixed order.
pub fn pairs(filter: &LeadFilter) -> Vec<(&'static str, String)> {
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let mut pairs = Vec::new();
    if let Some(q) = &filter.query {
        pairs.push(("q", q.clone()));
    }
    if let Some(status) = filter.status {
        pairs.push(("status", status.code().to_string()));
    }
    if let Some(approach) = &filter.approach {
        pairs.push(("approach", approach.clone()));
    }
    if let Some(in_person) = filter.in_person {
        pairs.push(("in_person", yes_no(in_person)));
    }
    if let Some(photos) = filter.photos {
        pairs.push(("photos", yes_no(photos)));
    }
    if let Some(from) = &filter.from {
        pairs.push(("from", from.clone()));
    }
    if let Some(to) = &filter.to {
        pairs.push(("to", to.clone()));
    }
    if let Some(lang) = &filter.lang {
        pairs.push(("lang", lang.clone()));
    }
    if let Some(clinic) = &filter.clinic {
        pairs.push(("clinic", clinic.clone()));
    }
    pairs
}

/// `path?filter…&extra…`, percent-encoded; just `path` when there is nothing to add.
pub fn url(path: &str, filter: &LeadFilter, extra: &[(&'static str, String)]) -> String {
    let mut all = pairs(filter);
    all.extend(extra.iter().cloned());
    if all.is_empty() {
        return path.to_string();
    }
    format!(
        "{path}?{}",
        serde_urlencoded::to_string(&all).unwrap_or_default()
    )
}

/// Filters other than the search text are set (the filter panel opens by itself).
pub fn has_panel_filters(filter: &LeadFilter) -> bool {
    LeadFilter {
        query: None,
        ..filter.clone()
    } != LeadFilter::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_url() {
        let query = ListQuery {
            status: Some("contacted".into()),
            approach: Some("buzz_cut".into()),
            in_person: Some("yes".into()),
            photos: Some("no".into()),
            from: Some("2025-05-01".into()),
            to: Some("2025-05-31".into()),
            lang: Some("es-MX".into()),
            q: Some("  Zoë & co ".into()),
            clinic: Some("north-1".into()),
            ..ListQuery::default()
        };
        let filter = query.filter();
        assert_eq!(filter.lang.as_deref(), Some("es"));
        assert_eq!(filter.query.as_deref(), Some("Zoë & co"));
        let url = url("/admin", &filter, &[]);
        assert_eq!(
            url,
            "/admin?q=Zo%C3%AB+%26+co&status=contacted&approach=buzz_cut&in_person=yes&photos=no&from=2025-05-01&to=2025-05-31&lang=es&clinic=north-1"
        );
        let back: ListQuery =
            serde_urlencoded::from_str(url.split_once('?').map(|x| x.1).unwrap_or(""))
                .expect("parses");
        assert_eq!(back.filter(), filter);
    }

    #[test]
    fn ignores_what_does_not_parse() {
        let query = ListQuery {
            status: Some("vip".into()),
            in_person: Some("maybe".into()),
            from: Some("May 1st".into()),
            lang: Some("klingon".into()),
            clinic: Some("../north".into()),
            before: Some("x".into()),
            ..ListQuery::default()
        };
        assert_eq!(query.filter(), LeadFilter::default());
        assert_eq!(query.cursor(), Cursor::Newest);
    }
}
