//! The lead database: one SQLite file, written so that a lead the inbox has acknowledged
//! survives a crash or a `kill -9`.
//!
//! SQLite calls block, so every query runs on Tokio's blocking pool behind one mutex-guarded
//! connection. One connection is plenty for a clinic's lead volume and makes "check whether
//! this id exists, then insert" atomic without any locking protocol between connections.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use serde_json::Value;

use crate::clock;

/// A database problem; shown to operators in the log, never to the client in detail.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused or failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The blocking task running the query panicked or was cancelled.
    #[error("database task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// One stored lead, as kept in the `leads` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLead {
    /// The lead's UUID, lower case.
    pub id: String,
    /// When the inbox stored it, RFC 3339 UTC.
    pub received_at: String,
    /// The `Idempotency-Key` header it came with, if any.
    pub idempotency_key: Option<String>,
    /// The `Origin` header it came with, if any (the page that posted it).
    pub origin: Option<String>,
    /// The request body exactly as received.
    pub body: String,
}

/// A validated lead about to be stored.
#[derive(Debug, Clone)]
pub struct NewLead {
    /// The lead's UUID, lower case.
    pub id: String,
    /// The `Idempotency-Key` header, if sent.
    pub idempotency_key: Option<String>,
    /// The `Origin` header, if sent.
    pub origin: Option<String>,
    /// The request body exactly as received.
    pub body: String,
    /// The parsed body, to recognise a retry whose bytes differ only in formatting.
    pub parsed: Value,
}

/// What [`LeadStore::insert`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    /// A new lead, now stored.
    Stored,
    /// The same lead was already stored (a retry); nothing changed.
    Duplicate,
    /// Another body was already stored under this id; nothing changed.
    Conflict,
}

/// Handle to the lead database; cheap to clone.
#[derive(Debug, Clone)]
pub struct LeadStore {
    conn: Arc<Mutex<Connection>>,
}

impl LeadStore {
    /// Opens (or creates) the database file. Blocking: call it at start-up, before serving.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Self::init(Connection::open(path)?)
    }

    /// A database that lives only as long as this store; for tests and trials.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Self, StoreError> {
        // WAL lets the admin page read while a lead is written. synchronous=FULL makes each
        // commit fsync the log before returning, so a lead acknowledged with 201 survives a
        // kill -9 or a power cut (NORMAL, the usual WAL pairing, may lose the last commits).
        // An in-memory database answers "memory" here, which is fine.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        // Someone inspecting the file with the sqlite3 shell may hold a lock briefly;
        // wait for it instead of failing a lead.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS leads (
                 id              TEXT PRIMARY KEY,
                 received_at     TEXT NOT NULL,
                 idempotency_key TEXT,
                 origin          TEXT,
                 body            TEXT NOT NULL
             );",
        )?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Stores a lead unless its id is already taken. A retry of the same lead (same bytes, or
    /// the same JSON written differently) is a [`InsertOutcome::Duplicate`]; a different lead
    /// under a used id is a [`InsertOutcome::Conflict`]. Either way the first body stays.
    pub async fn insert(&self, lead: NewLead) -> Result<InsertOutcome, StoreError> {
        self.with_conn(move |conn| {
            // IMMEDIATE takes the write lock up front, so the check and the insert see the
            // same database even if another process has the file open.
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let existing: Option<String> = tx
                .query_row("SELECT body FROM leads WHERE id = ?1", [&lead.id], |row| {
                    row.get(0)
                })
                .optional()?;
            if let Some(stored) = existing {
                let same = stored == lead.body
                    || serde_json::from_str::<Value>(&stored).is_ok_and(|v| v == lead.parsed);
                return Ok(if same {
                    InsertOutcome::Duplicate
                } else {
                    InsertOutcome::Conflict
                });
            }
            tx.execute(
                "INSERT INTO leads (id, received_at, idempotency_key, origin, body)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![
                    lead.id,
                    clock::now_rfc3339(),
                    lead.idempotency_key,
                    lead.origin,
                    lead.body
                ],
            )?;
            tx.commit()?;
            Ok(InsertOutcome::Stored)
        })
        .await
    }

    /// Every lead, newest first.
    pub async fn list(&self) -> Result<Vec<StoredLead>, StoreError> {
        self.with_conn(|conn| {
            // rowid grows with each insert, so it orders by arrival even if the clock was
            // set back between two leads; received_at would not.
            let mut stmt = conn.prepare(
                "SELECT id, received_at, idempotency_key, origin, body
                 FROM leads ORDER BY rowid DESC",
            )?;
            let rows = stmt.query_map([], row_to_lead)?;
            rows.collect()
        })
        .await
    }

    /// One lead by id (either case), if stored.
    pub async fn get(&self, id: &str) -> Result<Option<StoredLead>, StoreError> {
        let id = id.to_ascii_lowercase();
        self.with_conn(move |conn| {
            conn.query_row(
                "SELECT id, received_at, idempotency_key, origin, body FROM leads WHERE id = ?1",
                [id],
                row_to_lead,
            )
            .optional()
        })
        .await
    }

    /// Whether the database answers a trivial query; for the health check.
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.with_conn(|conn| conn.query_row("SELECT 1", [], |_| Ok(())))
            .await
    }

    /// Runs `f` with the connection on the blocking pool, so SQLite's file I/O and fsyncs
    /// never stall the async runtime.
    async fn with_conn<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        let result = tokio::task::spawn_blocking(move || f(&mut lock(&conn))).await?;
        Ok(result?)
    }
}

/// A panic while the lock was held leaves SQLite consistent (an unfinished transaction is
/// rolled back when dropped), so a poisoned lock is safe to keep using.
fn lock(conn: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn row_to_lead(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredLead> {
    Ok(StoredLead {
        id: row.get(0)?,
        received_at: row.get(1)?,
        idempotency_key: row.get(2)?,
        origin: row.get(3)?,
        body: row.get(4)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_is_set_up_for_durability() {
        let store = LeadStore::open_in_memory().expect("open");
        let conn = lock(&store.conn);
        let synchronous: i64 = conn
            .query_row("PRAGMA synchronous", [], |row| row.get(0))
            .expect("pragma");
        assert_eq!(synchronous, 2, "synchronous must be FULL");
    }

    #[tokio::test]
    async fn duplicate_is_recognised_by_json_not_only_bytes() {
        let store = LeadStore::open_in_memory().expect("open");
        let lead = |body: &str| NewLead {
            id: "x".into(),
            idempotency_key: None,
            origin: None,
            body: body.into(),
            parsed: serde_json::from_str(body).expect("json"),
        };
        let first = store
            .insert(lead(r#"{"a":1,"b":2}"#))
            .await
            .expect("insert");
        let reordered = store
            .insert(lead(r#"{ "b": 2, "a": 1 }"#))
            .await
            .expect("insert");
        let changed = store
            .insert(lead(r#"{"a":1,"b":3}"#))
            .await
            .expect("insert");
        assert_eq!(first, InsertOutcome::Stored);
        assert_eq!(reordered, InsertOutcome::Duplicate);
        assert_eq!(changed, InsertOutcome::Conflict);
        let stored = store.list().await.expect("list");
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].body, r#"{"a":1,"b":2}"#);
    }
}
