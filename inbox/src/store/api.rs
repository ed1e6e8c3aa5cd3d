//! Storage for the public API: reading leads a page at a time (memory bounded whatever the
//! database's size), and the health check's write probe.

use std::path::Path;

use super::db::{params, Engine};
use super::{photo_metas, LeadStore, Scope, StoreError, StoredLead};
use crate::clock;

/// One page of leads, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadPage {
    /// The leads of this page.
    pub leads: Vec<StoredLead>,
    /// Where the next page starts (`before` for the next call), if there are more.
    pub next_before: Option<i64>,
}

impl LeadStore {
    /// Up to `limit` leads older than the cursor `before` (all when `None`), newest first,
    /// stopping early once their bodies add up to `max_bytes` (always at least one lead), so
    /// a page's memory is bounded even for leads stored before field limits existed.
    pub async fn list_page(
        &self,
        scope: Scope,
        before: Option<i64>,
        limit: u32,
        max_bytes: usize,
    ) -> Result<LeadPage, StoreError> {
        self.with_conn(move |conn| {
            let (in_scope, clinics) = scope.condition(conn.engine(), "clinic_id", 3);
            let seq = lead_seq(conn.engine());
            let mut leads = Vec::new();
            let (mut bytes, mut last, mut more) = (0usize, None, false);
            conn.query_each(
                &format!(
                    "SELECT id, received_at, idempotency_key, origin, body, clinic_id, {seq}
                     FROM leads WHERE {seq} < ?1 AND {in_scope} ORDER BY {seq} DESC LIMIT ?2"
                ),
                params![before.unwrap_or(i64::MAX), i64::from(limit) + 1, clinics],
                |row| {
                    if leads.len() == limit as usize || (!leads.is_empty() && bytes >= max_bytes) {
                        more = true;
                        return Ok(false);
                    }
                    let lead = super::row_to_lead(row)?;
                    bytes += lead.body.len();
                    last = Some(row.get::<i64>(6)?);
                    leads.push(lead);
                    Ok(true)
                },
            )?;
            for lead in &mut leads {
                lead.photos = photo_metas(conn, &lead.id)?;
            }
            Ok(LeadPage {
                leads,
                next_before: if more { last } else { None },
            })
        })
        .await
    }

    /// Whether the database can be written: a one-row update committed like a lead, and (for
    /// a file) at least `min_free_bytes` free on its file system, so a disk about to fill up
    /// is reported before the leads start failing. `Err` says why not.
    pub async fn write_probe(&self, min_free_bytes: u64) -> Result<(), ProbeError> {
        self.with_conn(|conn| {
            conn.execute(
                "INSERT INTO health (id, checked_at) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
                params![clock::now_rfc3339()],
            )?;
            Ok(conn.path())
        })
        .await
        .map_err(ProbeError::Database)
        .and_then(|path| match path {
            None => Ok(()),
            Some(path) => check_free_space(Path::new(&path), min_free_bytes),
        })
    }
}

/// The column that orders leads by arrival: SQLite's `rowid` (it grows with each insert,
/// even if the clock was set back), PostgreSQL's identity column `seq`.
pub(super) fn lead_seq(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => "rowid",
        Engine::Postgres => "seq",
    }
}

/// Why the database cannot take more leads.
#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    /// The write failed.
    #[error("{0}")]
    Database(StoreError),
    /// The file system is (almost) full.
    #[error("only {free} bytes free on the database's file system (at least {min} wanted)")]
    DiskFull {
        /// Bytes available to the inbox.
        free: u64,
        /// The configured reserve.
        min: u64,
    },
    /// The free space could not be read.
    #[error("could not read the free space of {path}: {source}")]
    Statvfs {
        /// The directory asked about.
        path: String,
        /// What the OS said.
        source: std::io::Error,
    },
}

fn check_free_space(db: &Path, min: u64) -> Result<(), ProbeError> {
    let dir = match db.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let stat = rustix::fs::statvfs(dir).map_err(|e| ProbeError::Statvfs {
        path: dir.display().to_string(),
        source: e.into(),
    })?;
    let free = stat.f_bavail.saturating_mul(stat.f_frsize);
    if free < min {
        return Err(ProbeError::DiskFull { free, min });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lead::canonical_sha256;
    use crate::store::NewLead;

    /// Leads of a megabyte each, as an earlier version without field limits could store.
    async fn store_with_big_leads(n: usize) -> LeadStore {
        let store = LeadStore::open_in_memory().expect("open");
        for i in 0..n {
            let body = serde_json::json!({"n": i, "junk": "x".repeat(1024 * 1024)});
            store
                .insert(NewLead {
                    id: format!("lead-{i}"),
                    clinic_id: crate::store::DEFAULT_CLINIC.into(),
                    idempotency_key: None,
                    origin: None,
                    body: body.to_string(),
                    body_sha256: canonical_sha256(&body),
                    photos: Vec::new(),
                    forward: Vec::new(),
                })
                .await
                .expect("insert");
        }
        store
    }

    #[tokio::test]
    async fn a_page_stops_at_its_byte_budget_and_the_cursor_goes_on() {
        let store = store_with_big_leads(7).await;
        let mut seen = Vec::new();
        let mut before = None;
        let mut pages = 0;
        loop {
            let page = store
                .list_page(Scope::All, before, 100, 3 * 1024 * 1024)
                .await
                .expect("page");
            pages += 1;
            assert!(
                page.leads.len() <= 3,
                "{} leads in a page",
                page.leads.len()
            );
            seen.extend(page.leads.iter().map(|l| l.id.clone()));
            match page.next_before {
                Some(next) => before = Some(next),
                None => break,
            }
        }
        assert_eq!(pages, 3);
        let expected: Vec<String> = (0..7).rev().map(|i| format!("lead-{i}")).collect();
        assert_eq!(seen, expected, "every lead once, newest first");
    }

    #[tokio::test]
    async fn the_limit_pages_too() {
        let store = store_with_big_leads(3).await;
        let page = store
            .list_page(Scope::All, None, 2, usize::MAX)
            .await
            .expect("page");
        assert_eq!(page.leads.len(), 2);
        let rest = store
            .list_page(Scope::All, page.next_before, 2, usize::MAX)
            .await
            .expect("page");
        assert_eq!(rest.leads.len(), 1);
        assert_eq!(rest.next_before, None);
    }
}
