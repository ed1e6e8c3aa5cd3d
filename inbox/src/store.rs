//! The lead database: one SQLite file (the default), or a PostgreSQL database shared by any
//! number of inbox processes (`database_url`), written so that a lead the inbox has
//! acknowledged survives a crash or a `kill -9`.
//!
//! Both drivers block, so every query runs on Tokio's blocking pool: on SQLite behind one
//! mutex-guarded connection (plenty for a clinic's lead volume), on PostgreSQL with a
//! connection from a pool. The queries are written once against [`db::Conn`]; the PostgreSQL
//! schema is in `schema`.
//!
//! Tables:
//! - `leads`: one row per lead; `body` is the JSON as received (photo `data` set to `null`
//!   when the lead carried photos), `body_sha256` the hash used to recognise retries.
//! - `photos`: the decoded photo files, written in the lead's transaction.
//! - `forward_jobs`: forwarding work (webhook, one email per recipient), written in the
//!   lead's transaction, so a lead that is stored is also due to be forwarded, even if the
//!   inbox is killed right after (see [`jobs`]).
//! - `lead_desk`, `desk_notes`, `desk_audit`, `desk_users`, `desk_sessions`: the desk's
//!   status, notes, audit log, users and sessions (see `desk`). Every table with a `lead_id`
//!   refers to `leads(id)`, which is how erasing a lead finds everything that hangs off it.
//! - `health`: the one row `/healthz` writes.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use base64::Engine as _;
use rusqlite::Connection;
use serde_json::Value;

use db::{params, Conn, Engine, OptionalExt as _};

use crate::clock;
use crate::lead::canonical_sha256;
use crate::photo::{DecodedPhoto, SLOTS};

mod api;
pub mod db;
mod desk;
pub mod jobs;
mod limits;
mod schema;
mod tenants;
pub use api::{LeadPage, ProbeError};
pub use desk::{
    digits, fold, AuditEntry, Cursor, DeskPage, DeskUser, Erased, LeadFilter, LeadRow, LeadStatus,
    Note, Role, Session, StatusInfo,
};
pub use jobs::{ForwardJob, ForwardTarget, JobCounts, OutboxKind, OutboxStatus};
pub use tenants::{ClinicRow, Scope, DEFAULT_CLINIC};

/// A database problem; shown to operators in the log, never to the client in detail.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed.
    #[error("database error: {0}")]
    Database(#[from] db::Error),
    /// The blocking task running the query panicked or was cancelled.
    #[error("database task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// A stored photo's description (its bytes are fetched separately, see [`LeadStore::photo`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoMeta {
    /// `front`, `top`, `crown` or `sides`.
    pub slot: String,
    /// `image/jpeg` or `image/png`.
    pub media_type: String,
    /// Pixel width.
    pub width: u32,
    /// Pixel height.
    pub height: u32,
    /// File size in bytes.
    pub size: u64,
}

/// One stored lead, as kept in the `leads` table, with its photos' descriptions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLead {
    /// The lead's UUID, lower case.
    pub id: String,
    /// The clinic it was posted to (its endpoint), and the only one that sees it.
    pub clinic_id: String,
    /// When the inbox stored it, RFC 3339 UTC.
    pub received_at: String,
    /// The `Idempotency-Key` header it came with, if any.
    pub idempotency_key: Option<String>,
    /// The `Origin` header it came with, if any (the page that posted it).
    pub origin: Option<String>,
    /// The request body as received, photo `data` replaced by `null` when it had photos.
    pub body: String,
    /// The lead's photos, in slot order (front, top, crown, sides).
    pub photos: Vec<PhotoMeta>,
}

/// A validated lead about to be stored.
#[derive(Debug, Clone)]
pub struct NewLead {
    /// The lead's UUID, lower case.
    pub id: String,
    /// The clinic whose endpoint it was posted to (never taken from the body).
    pub clinic_id: String,
    /// The `Idempotency-Key` header, if sent.
    pub idempotency_key: Option<String>,
    /// The `Origin` header, if sent.
    pub origin: Option<String>,
    /// What to keep in `leads.body`.
    pub body: String,
    /// Hex SHA-256 of the canonical form of the whole body as received.
    pub body_sha256: String,
    /// Decoded photos, stored in the same transaction.
    pub photos: Vec<DecodedPhoto>,
    /// Forwarding work to queue in the same transaction (only if the lead is new).
    pub forward: Vec<ForwardTarget>,
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

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        Self::Database(err.into())
    }
}

/// Handle to the lead database; cheap to clone.
#[derive(Clone)]
pub struct LeadStore {
    backend: Backend,
}

#[derive(Clone)]
enum Backend {
    Sqlite(Arc<Mutex<Conn>>),
    Postgres(Arc<PgPool>),
}

impl std::fmt::Debug for LeadStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LeadStore({})", self.engine().name())
    }
}

type PgManager = r2d2_postgres::PostgresConnectionManager<postgres::NoTls>;

/// The PostgreSQL pool. Its connections are closed on a thread of their own when the last
/// store goes: `postgres` closes a connection by blocking on its own runtime, which Tokio
/// forbids on a thread that drives async tasks.
struct PgPool(Option<r2d2::Pool<PgManager>>);

impl Drop for PgPool {
    fn drop(&mut self) {
        if let Some(pool) = self.0.take() {
            let _ = std::thread::spawn(move || drop(pool)).join();
        }
    }
}

/// Connections each inbox process keeps to PostgreSQL at most.
const PG_POOL_SIZE: u32 = 8;

impl LeadStore {
    /// Opens (or creates) the database file. Blocking: call it at start-up, before serving.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Self::init(Connection::open(path)?)
    }

    /// A database that lives only as long as this store; for tests and trials.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        Self::init(Connection::open_in_memory()?)
    }

    /// Connects to PostgreSQL (`postgres://user@host:port/db`, or key=value form) and creates
    /// the schema if it is missing. Blocking: call it at start-up, before serving.
    pub fn open_postgres(url: &str) -> Result<Self, StoreError> {
        let config: postgres::Config = url.parse().map_err(db::Error::from)?;
        let manager = PgManager::new(config, postgres::NoTls);
        // On a thread of its own: the driver blocks on a runtime of its own, which Tokio
        // forbids on a thread that drives async tasks (a caller in `#[tokio::main]`).
        let pool = std::thread::scope(|scope| {
            scope
                .spawn(move || -> Result<_, StoreError> {
                    let pool = r2d2::Pool::builder()
                        .max_size(PG_POOL_SIZE)
                        .min_idle(Some(1))
                        .connection_timeout(std::time::Duration::from_secs(10))
                        .build(manager)
                        .map_err(db::Error::from)?;
                    let conn = Conn::postgres(pool.get().map_err(db::Error::from)?);
                    schema::postgres(&conn)?;
                    desk::backfill(&conn)?;
                    drop(conn);
                    Ok(pool)
                })
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })?;
        Ok(Self {
            backend: Backend::Postgres(Arc::new(PgPool(Some(pool)))),
        })
    }

    /// Which engine this store runs on.
    pub fn engine(&self) -> Engine {
        match self.backend {
            Backend::Sqlite(_) => Engine::Sqlite,
            Backend::Postgres(_) => Engine::Postgres,
        }
    }

    fn init(conn: Connection) -> Result<Self, StoreError> {
        // WAL lets the admin page read while a lead is written. synchronous=FULL makes each
        // commit fsync the log before returning, so a lead acknowledged with 201 survives a
        // kill -9 or a power cut (NORMAL, the usual WAL pairing, may lose the last commits).
        // An in-memory database answers "memory" here, which is fine.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Someone inspecting the file with the sqlite3 shell may hold a lock briefly;
        // wait for it instead of failing a lead.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS leads (
                 id              TEXT PRIMARY KEY,
                 received_at     TEXT NOT NULL,
                 idempotency_key TEXT,
                 origin          TEXT,
                 body            TEXT NOT NULL,
                 body_sha256     TEXT
             );
             CREATE TABLE IF NOT EXISTS photos (
                 lead_id    TEXT NOT NULL REFERENCES leads(id),
                 slot       TEXT NOT NULL,
                 media_type TEXT NOT NULL,
                 width      INTEGER NOT NULL,
                 height     INTEGER NOT NULL,
                 bytes      BLOB NOT NULL,
                 PRIMARY KEY (lead_id, slot)
             );
             CREATE TABLE IF NOT EXISTS health (
                 id         INTEGER PRIMARY KEY CHECK (id = 1),
                 checked_at TEXT NOT NULL
             );
             ",
        )?;
        migrate_body_sha256(&conn)?;
        tenants::migrate_leads(&conn)?;
        jobs::migrate(&conn)?;
        desk::prepare(&conn)?;
        let conn = Conn::sqlite(conn);
        desk::backfill(&conn)?;
        Ok(Self {
            backend: Backend::Sqlite(Arc::new(Mutex::new(conn))),
        })
    }

    /// Stores a lead, its photos and its forwarding jobs in one transaction, unless its id is
    /// already taken. A retry of the same lead (the same JSON, however formatted) is a
    /// [`InsertOutcome::Duplicate`]; a different lead under a used id is a
    /// [`InsertOutcome::Conflict`], and so is the same id posted to another clinic (a lead
    /// is never stored, shown or forwarded for a clinic it was not posted to). Either way the
    /// first lead stays as it was.
    ///
    /// The insert itself decides (`ON CONFLICT (id) DO NOTHING`), not a check before it, so
    /// two instances on one PostgreSQL given the same lead at once store it once: the second
    /// insert waits for the first to commit, inserts nothing, and reads the stored row.
    pub async fn insert(&self, lead: NewLead) -> Result<InsertOutcome, StoreError> {
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let now = clock::now_rfc3339();
            let inserted = tx.execute(
                "INSERT INTO leads (id, received_at, idempotency_key, origin, body, body_sha256,
                                    clinic_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO NOTHING",
                params![
                    lead.id,
                    now,
                    lead.idempotency_key,
                    lead.origin,
                    lead.body,
                    lead.body_sha256,
                    lead.clinic_id
                ],
            )?;
            if inserted == 0 {
                let (stored_hash, clinic): (Option<String>, String) = tx.query_row(
                    "SELECT body_sha256, clinic_id FROM leads WHERE id = ?1",
                    params![lead.id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )?;
                return Ok(if clinic != lead.clinic_id {
                    InsertOutcome::Conflict
                } else if stored_hash.as_deref() == Some(&lead.body_sha256) {
                    InsertOutcome::Duplicate
                } else {
                    InsertOutcome::Conflict
                });
            }
            let photos = i64::try_from(lead.photos.len()).unwrap_or(i64::MAX);
            desk::insert_desk_row(&tx, &lead.id, &lead.clinic_id, &now, &lead.body, photos)?;
            for photo in &lead.photos {
                tx.execute(
                    "INSERT INTO photos (lead_id, slot, media_type, width, height, bytes)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        lead.id,
                        photo.slot.code(),
                        photo.media_type.mime(),
                        photo.width,
                        photo.height,
                        photo.bytes
                    ],
                )?;
            }
            jobs::queue(&tx, &lead.id, &lead.forward, clock::now_unix_ms(), &now)?;
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
            let mut leads = conn.query_map(
                &format!(
                    "SELECT id, received_at, idempotency_key, origin, body, clinic_id
                     FROM leads ORDER BY {} DESC",
                    api::lead_seq(conn.engine())
                ),
                params![],
                row_to_lead,
            )?;
            let mut photos = std::collections::HashMap::<String, Vec<PhotoMeta>>::new();
            let rows = conn.query_map(
                "SELECT lead_id, slot, media_type, width, height, length(bytes) FROM photos",
                params![],
                |row| Ok((row.get::<String>(0)?, row_to_meta(row, 1)?)),
            )?;
            for (lead_id, meta) in rows {
                photos.entry(lead_id).or_default().push(meta);
            }
            for lead in &mut leads {
                if let Some(mut metas) = photos.remove(&lead.id) {
                    sort_by_slot(&mut metas);
                    lead.photos = metas;
                }
            }
            Ok(leads)
        })
        .await
    }

    /// One lead by id (either case), if stored.
    pub async fn get(&self, id: &str) -> Result<Option<StoredLead>, StoreError> {
        let id = id.to_ascii_lowercase();
        self.with_conn(move |conn| {
            let lead = conn
                .query_row(
                    "SELECT id, received_at, idempotency_key, origin, body, clinic_id
                     FROM leads WHERE id = ?1",
                    params![id],
                    row_to_lead,
                )
                .optional()?;
            let Some(mut lead) = lead else {
                return Ok(None);
            };
            lead.photos = photo_metas(conn, &id)?;
            Ok(Some(lead))
        })
        .await
    }

    /// One photo's media type and bytes.
    pub async fn photo(
        &self,
        id: &str,
        slot: &str,
    ) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        let (id, slot) = (id.to_ascii_lowercase(), slot.to_string());
        self.with_conn(move |conn| {
            conn.query_row(
                "SELECT media_type, bytes FROM photos WHERE lead_id = ?1 AND slot = ?2",
                params![id, slot],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
        })
        .await
    }

    /// The lead as it was received, as JSON text: the stored body with every photo's `data`
    /// filled back in from the `photos` table. What forwarding sends.
    pub async fn full_body(&self, id: &str) -> Result<Option<String>, StoreError> {
        let id = id.to_ascii_lowercase();
        self.with_conn(move |conn| {
            let body: Option<String> = conn
                .query_row("SELECT body FROM leads WHERE id = ?1", params![id], |row| {
                    row.get(0)
                })
                .optional()?;
            let Some(body) = body else {
                return Ok(None);
            };
            let photos = conn.query_map(
                "SELECT slot, bytes FROM photos WHERE lead_id = ?1",
                params![id],
                |row| Ok((row.get::<String>(0)?, row.get::<Vec<u8>>(1)?)),
            )?;
            if photos.is_empty() {
                return Ok(Some(body));
            }
            let Ok(mut value) = serde_json::from_str::<Value>(&body) else {
                return Ok(Some(body));
            };
            if let Some(Value::Array(items)) = value.get_mut("photos") {
                for item in items {
                    let slot = item.get("slot").and_then(Value::as_str).unwrap_or("");
                    if let Some((_, bytes)) = photos.iter().find(|(s, _)| s == slot) {
                        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
                        item["data"] = Value::String(data);
                    }
                }
            }
            Ok(Some(value.to_string()))
        })
        .await
    }

    /// Whether the database answers a read of the lead and clinic tables; for `/readyz`.
    pub async fn ready(&self) -> Result<(), StoreError> {
        self.with_conn(|conn| {
            conn.query_row(
                "SELECT (SELECT count(*) FROM (SELECT 1 FROM leads LIMIT 1) AS l),
                        (SELECT count(*) FROM (SELECT 1 FROM clinics LIMIT 1) AS c)",
                params![],
                |_| Ok(()),
            )
        })
        .await
    }

    /// Whether the database answers a trivial query; for the health check.
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.with_conn(|conn| conn.query_row("SELECT 1", params![], |_| Ok(())))
            .await
    }

    /// Runs `f` with a connection on the blocking pool, so SQLite's file I/O and fsyncs, and
    /// PostgreSQL's round trips, never stall the async runtime.
    async fn with_conn<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Conn) -> db::Result<T> + Send + 'static,
    {
        let result = match &self.backend {
            Backend::Sqlite(conn) => {
                let conn = Arc::clone(conn);
                tokio::task::spawn_blocking(move || f(&lock(&conn))).await?
            }
            Backend::Postgres(pool) => {
                let pool = Arc::clone(pool);
                tokio::task::spawn_blocking(move || {
                    let Some(pool) = &pool.0 else {
                        unreachable!("the pool is only taken when dropped")
                    };
                    f(&Conn::postgres(pool.get()?))
                })
                .await?
            }
        };
        Ok(result?)
    }
}

/// Databases made by the first version of the inbox have no `body_sha256`: add the column
/// and fill it from the stored bodies, which that version kept whole (photo data included).
fn migrate_body_sha256(conn: &Connection) -> rusqlite::Result<()> {
    let has_column: bool = conn.query_row(
        "SELECT count(*) FROM pragma_table_info('leads') WHERE name = 'body_sha256'",
        [],
        |row| row.get::<_, i64>(0).map(|n| n > 0),
    )?;
    if !has_column {
        conn.execute_batch("ALTER TABLE leads ADD COLUMN body_sha256 TEXT")?;
    }
    let mut stmt = conn.prepare("SELECT id, body FROM leads WHERE body_sha256 IS NULL")?;
    let missing = stmt
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (id, body) in missing {
        // A body that is not JSON (edited by hand) hashes its text, so only that exact
        // text could ever be a "duplicate" of it: the safe side.
        let hash = match serde_json::from_str::<Value>(&body) {
            Ok(value) => canonical_sha256(&value),
            Err(_) => canonical_sha256(&Value::String(body)),
        };
        conn.execute(
            "UPDATE leads SET body_sha256 = ?2 WHERE id = ?1",
            [&id, &hash],
        )?;
    }
    Ok(())
}

/// A panic while the lock was held leaves SQLite consistent (an unfinished transaction is
/// rolled back when dropped), so a poisoned lock is safe to keep using.
fn lock(conn: &Mutex<Conn>) -> MutexGuard<'_, Conn> {
    conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn row_to_lead(row: &db::Row<'_>) -> db::Result<StoredLead> {
    Ok(StoredLead {
        id: row.get(0)?,
        received_at: row.get(1)?,
        idempotency_key: row.get(2)?,
        origin: row.get(3)?,
        body: row.get(4)?,
        clinic_id: row.get(5)?,
        photos: Vec::new(),
    })
}

fn row_to_meta(row: &db::Row<'_>, first: usize) -> db::Result<PhotoMeta> {
    Ok(PhotoMeta {
        slot: row.get(first)?,
        media_type: row.get(first + 1)?,
        width: row.get(first + 2)?,
        height: row.get(first + 3)?,
        size: u64::try_from(row.get::<i64>(first + 4)?).unwrap_or(0),
    })
}

fn photo_metas(conn: &Conn, id: &str) -> db::Result<Vec<PhotoMeta>> {
    let mut metas = conn.query_map(
        "SELECT slot, media_type, width, height, length(bytes) FROM photos WHERE lead_id = ?1",
        params![id],
        |row| row_to_meta(row, 0),
    )?;
    sort_by_slot(&mut metas);
    Ok(metas)
}

fn sort_by_slot(metas: &mut [PhotoMeta]) {
    metas.sort_by_key(|m| {
        SLOTS
            .iter()
            .position(|s| *s == m.slot)
            .unwrap_or(SLOTS.len())
    });
}

/// A database file as an older version of the inbox left it (`schema`: its SQL), in a fresh
/// directory of its own under the system's temporary one, for the migration tests.
#[cfg(test)]
pub(crate) fn old_database(tag: &str, schema: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("smp-inbox-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("old.sqlite3");
    Connection::open(&path)
        .expect("open")
        .execute_batch(schema)
        .expect("old schema");
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_is_set_up_for_durability() {
        let store = LeadStore::open_in_memory().expect("open");
        let Backend::Sqlite(conn) = &store.backend else {
            unreachable!("an in-memory store is SQLite")
        };
        let conn = lock(conn);
        let synchronous: i64 = conn
            .query_row("PRAGMA synchronous", params![], |row| row.get(0))
            .expect("pragma");
        assert_eq!(synchronous, 2, "synchronous must be FULL");
    }

    fn lead(body: &str) -> NewLead {
        let value: Value = serde_json::from_str(body).expect("json");
        NewLead {
            id: "x".into(),
            clinic_id: DEFAULT_CLINIC.into(),
            idempotency_key: None,
            origin: None,
            body: body.into(),
            body_sha256: canonical_sha256(&value),
            photos: Vec::new(),
            forward: vec![ForwardTarget::webhook()],
        }
    }

    #[tokio::test]
    async fn duplicate_is_recognised_by_json_not_only_bytes() {
        let store = LeadStore::open_in_memory().expect("open");
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
        // One forwarding job, queued by the first insert only.
        let jobs = store
            .claim_due_jobs(i64::MAX / 2, 60_000, 10)
            .await
            .expect("jobs");
        assert_eq!(jobs.len(), 1);
        assert_eq!(jobs[0].lead_id, "x");
    }

    #[tokio::test]
    async fn a_database_from_the_first_version_is_migrated() {
        let path = crate::store::old_database(
            "migrate",
            "CREATE TABLE leads (id TEXT PRIMARY KEY, received_at TEXT NOT NULL,
                 idempotency_key TEXT, origin TEXT, body TEXT NOT NULL);
             INSERT INTO leads VALUES ('x', '2025-01-01T00:00:00.000Z', NULL, NULL,
                 '{\"a\":1}');",
        );
        let store = LeadStore::open(&path).expect("migrate");
        assert_eq!(
            store.insert(lead(r#"{ "a": 1 }"#)).await.expect("insert"),
            InsertOutcome::Duplicate
        );
        assert_eq!(
            store.insert(lead(r#"{"a":2}"#)).await.expect("insert"),
            InsertOutcome::Conflict
        );
        drop(store);
        let _ = std::fs::remove_dir_all(path.parent().expect("its directory"));
    }
}
