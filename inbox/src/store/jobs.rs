//! The forwarding job table: one row per lead and destination (the webhook, or one email
//! recipient), written in the lead's own transaction.
//!
//! A worker *claims* due jobs: in one transaction it counts the attempt and sets a lease
//! (`lease_until_ms`), so no other worker (another task, or another instance on a shared
//! database) takes the same job while it is being tried. A worker that dies mid-attempt leaves
//! its lease to expire and the job becomes due again: at least once, never lost. Jobs are
//! retried with capped backoff until their lifetime is over (`state = 'failed'`, shown on the
//! desk, retried by hand from there); nothing is deleted here. Erasing a lead (the desk's
//! erasure or retention, `store::desk`) deletes its jobs with it, since `lead_id` refers to
//! `leads(id)`.
//!
//! States: `pending` (waiting for its next attempt), `done`, `failed` (lifetime over, or the
//! destination was removed from the configuration).

use rusqlite::Connection;

use super::db::{self, params, Conn, Engine, OptionalExt as _};
use super::{LeadStore, StoreError};
use crate::clock;

/// A kind of forwarding work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutboxKind {
    /// POST the lead to the configured webhook.
    Webhook,
    /// Email one recipient.
    Email,
}

impl OutboxKind {
    /// The value in `forward_jobs.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Webhook => "webhook",
            Self::Email => "email",
        }
    }

    /// From `forward_jobs.kind`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "webhook" => Some(Self::Webhook),
            "email" => Some(Self::Email),
            _ => None,
        }
    }
}

/// One destination of a new lead.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ForwardTarget {
    /// Webhook or email.
    pub kind: OutboxKind,
    /// Empty for the webhook (whatever URL is configured when it is tried); the recipient's
    /// address for email.
    pub target: String,
}

impl ForwardTarget {
    /// The configured webhook.
    pub fn webhook() -> Self {
        Self {
            kind: OutboxKind::Webhook,
            target: String::new(),
        }
    }

    /// An email to `address`.
    pub fn email(address: &str) -> Self {
        Self {
            kind: OutboxKind::Email,
            target: address.to_string(),
        }
    }
}

/// A job claimed for an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForwardJob {
    /// The row id.
    pub id: i64,
    /// The lead to forward.
    pub lead_id: String,
    /// The lead's clinic, whose destinations it goes to.
    pub clinic_id: String,
    /// Webhook or email (`None`: a kind this version does not know, from a newer one).
    pub kind: Option<OutboxKind>,
    /// See [`ForwardTarget::target`].
    pub target: String,
    /// Attempts, this one included.
    pub attempts: u32,
    /// When the job was queued (or last retried by hand), Unix ms: its lifetime counts from here.
    pub created_ms: i64,
}

/// Where a forwarding job stands, for the desk and the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxStatus {
    /// The row id (for retrying by hand).
    pub id: i64,
    /// The lead.
    pub lead_id: String,
    /// `webhook` or `email`.
    pub kind: String,
    /// The recipient of an email; empty for the webhook.
    pub target: String,
    /// `pending`, `done` or `failed` (gave up when its lifetime was over).
    pub state: String,
    /// Attempts made so far.
    pub attempts: u32,
    /// The last failure, if any.
    pub last_error: Option<String>,
    /// When the next attempt is due (pending jobs), RFC 3339 UTC.
    pub next_attempt_at: Option<String>,
    /// When the job was queued or last retried by hand, RFC 3339 UTC.
    pub created_at: String,
    /// When the state last changed, RFC 3339 UTC.
    pub updated_at: String,
}

/// How many jobs are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobCounts {
    /// Waiting for an attempt.
    pub pending: u64,
    /// Delivered.
    pub done: u64,
    /// Given up (shown, can be retried by hand).
    pub failed: u64,
}

/// Creates `forward_jobs` and moves the jobs of the first versions' `outbox` table into it.
/// A job that those versions had given up on (`failed` after its attempts ran out) gets a new
/// lifetime: it was given up too early.
pub(super) fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS forward_jobs (
             id              INTEGER PRIMARY KEY,
             lead_id         TEXT NOT NULL REFERENCES leads(id),
             kind            TEXT NOT NULL,
             target          TEXT NOT NULL DEFAULT '',
             state           TEXT NOT NULL DEFAULT 'pending',
             attempts        INTEGER NOT NULL DEFAULT 0,
             created_ms      INTEGER NOT NULL,
             next_attempt_ms INTEGER NOT NULL,
             lease_until_ms  INTEGER NOT NULL DEFAULT 0,
             last_error      TEXT,
             updated_at      TEXT NOT NULL,
             UNIQUE (lead_id, kind, target)
         );
         CREATE INDEX IF NOT EXISTS forward_jobs_due ON forward_jobs (state, next_attempt_ms);",
    )?;
    let has_outbox: bool = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'outbox'",
        [],
        |row| row.get::<_, i64>(0).map(|n| n > 0),
    )?;
    if has_outbox {
        // An email job of those versions meant "every configured recipient": it is marked
        // with target '*' and split per recipient at start-up (`expand_email_jobs`).
        conn.execute(
            "INSERT OR IGNORE INTO forward_jobs
                 (lead_id, kind, target, state, attempts, created_ms, next_attempt_ms,
                  last_error, updated_at)
             SELECT lead_id, kind, CASE kind WHEN 'email' THEN '*' ELSE '' END,
                    CASE state WHEN 'failed' THEN 'pending' ELSE state END, attempts, ?1,
                    CASE state WHEN 'failed' THEN 0 ELSE next_attempt_ms END,
                    last_error, updated_at
             FROM outbox",
            [clock::now_unix_ms()],
        )?;
        conn.execute_batch("DROP TABLE outbox")?;
    }
    Ok(())
}

/// Queues `targets` for a new lead, inside its insert transaction.
pub(super) fn queue(
    tx: &Conn,
    lead_id: &str,
    targets: &[ForwardTarget],
    now_ms: i64,
    now: &str,
) -> db::Result<()> {
    for target in targets {
        tx.execute(
            "INSERT INTO forward_jobs (lead_id, kind, target, created_ms, next_attempt_ms,
                 updated_at)
             VALUES (?1, ?2, ?3, ?4, 0, ?5)",
            params![lead_id, target.kind.as_str(), target.target, now_ms, now],
        )?;
    }
    Ok(())
}

/// A job's clinic: its lead's.
const CLINIC_OF_JOB: &str = "(SELECT clinic_id FROM leads WHERE leads.id = forward_jobs.lead_id)";

const STATUS_COLUMNS: &str = "id, lead_id, kind, target, state, attempts, last_error,
     next_attempt_ms, created_ms, updated_at";

fn row_to_status(row: &db::Row<'_>) -> db::Result<OutboxStatus> {
    let state: String = row.get(4)?;
    let next: i64 = row.get(7)?;
    Ok(OutboxStatus {
        id: row.get(0)?,
        lead_id: row.get(1)?,
        kind: row.get(2)?,
        target: row.get(3)?,
        next_attempt_at: (state == "pending").then(|| clock::rfc3339_ms(next)),
        state,
        attempts: row.get(5)?,
        last_error: row.get(6)?,
        created_at: clock::rfc3339_ms(row.get(8)?),
        updated_at: row.get(9)?,
    })
}

impl LeadStore {
    /// Takes up to `limit` jobs that are due at `now_ms` and not leased, oldest due first:
    /// counts the attempt and leases each for `lease_ms`, in one transaction.
    pub async fn claim_due_jobs(
        &self,
        now_ms: i64,
        lease_ms: i64,
        limit: u32,
    ) -> Result<Vec<ForwardJob>, StoreError> {
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            // On SQLite the write lock (BEGIN IMMEDIATE) makes claiming one at a time. On
            // PostgreSQL several instances claim at once: each locks the rows it takes and
            // skips those another holds, and a row leased meanwhile fails the recheck of the
            // WHERE clause, so no job is claimed twice.
            let lock = match tx.engine() {
                Engine::Sqlite => "",
                Engine::Postgres => "FOR UPDATE SKIP LOCKED",
            };
            let jobs = tx.query_map(
                &format!(
                    "SELECT id, lead_id, kind, target, attempts + 1, created_ms,
                            (SELECT clinic_id FROM leads WHERE leads.id = lead_id)
                     FROM forward_jobs
                     WHERE state = 'pending' AND next_attempt_ms <= ?1 AND lease_until_ms <= ?1
                     ORDER BY next_attempt_ms, id LIMIT ?2 {lock}"
                ),
                params![now_ms, limit],
                |row| {
                    Ok(ForwardJob {
                        id: row.get(0)?,
                        lead_id: row.get(1)?,
                        kind: OutboxKind::parse(&row.get::<String>(2)?),
                        target: row.get(3)?,
                        attempts: row.get(4)?,
                        created_ms: row.get(5)?,
                        clinic_id: row
                            .get::<Option<String>>(6)?
                            .unwrap_or_else(|| super::DEFAULT_CLINIC.to_string()),
                    })
                },
            )?;
            for job in &jobs {
                tx.execute(
                    "UPDATE forward_jobs SET attempts = ?2, lease_until_ms = ?3 WHERE id = ?1",
                    params![job.id, job.attempts, now_ms.saturating_add(lease_ms)],
                )?;
            }
            tx.commit()?;
            Ok(jobs)
        })
        .await
    }

    /// When the next pending job may be claimed (Unix ms), if there is one.
    pub async fn next_job_due_ms(&self) -> Result<Option<i64>, StoreError> {
        self.with_conn(|conn| {
            conn.query_row(
                // The later of the two, written so both engines read it (PostgreSQL's
                // two-argument max is `greatest`).
                "SELECT min(CASE WHEN next_attempt_ms > lease_until_ms THEN next_attempt_ms
                                 ELSE lease_until_ms END)
                 FROM forward_jobs WHERE state = 'pending'",
                params![],
                |row| row.get(0),
            )
        })
        .await
    }

    /// Records a delivered job.
    pub async fn job_done(&self, job_id: i64) -> Result<(), StoreError> {
        self.set_job(job_id, "done", 0, None).await
    }

    /// Records a failed attempt; the job is tried again at `next_attempt_ms`.
    pub async fn job_retry_at(
        &self,
        job_id: i64,
        next_attempt_ms: i64,
        error: String,
    ) -> Result<(), StoreError> {
        self.set_job(job_id, "pending", next_attempt_ms, Some(error))
            .await
    }

    /// Records that a job is given up (its lifetime is over, or its destination is gone).
    pub async fn job_failed(&self, job_id: i64, error: String) -> Result<(), StoreError> {
        self.set_job(job_id, "failed", 0, Some(error)).await
    }

    async fn set_job(
        &self,
        job_id: i64,
        state: &'static str,
        next_attempt_ms: i64,
        error: Option<String>,
    ) -> Result<(), StoreError> {
        self.with_conn(move |conn| {
            conn.execute(
                "UPDATE forward_jobs SET state = ?2, next_attempt_ms = ?3, lease_until_ms = 0,
                     last_error = coalesce(?4, last_error), updated_at = ?5
                 WHERE id = ?1",
                params![job_id, state, next_attempt_ms, error, clock::now_rfc3339()],
            )
            .map(drop)
        })
        .await
    }

    /// Makes a job due now with a fresh lifetime, whatever its state (an operator pressed
    /// "retry"). `false` if there is no such job.
    pub async fn retry_job_now(&self, job_id: i64, now_ms: i64) -> Result<bool, StoreError> {
        self.with_conn(move |conn| {
            conn.execute(
                "UPDATE forward_jobs SET state = 'pending', next_attempt_ms = ?2,
                     created_ms = ?2, lease_until_ms = 0, updated_at = ?3
                 WHERE id = ?1",
                params![job_id, now_ms, clock::now_rfc3339()],
            )
            .map(|changed| changed > 0)
        })
        .await
    }

    /// Splits the email jobs of the first versions (one job for every recipient, target
    /// `'*'`) into one job per address in `recipients`, keeping their state.
    pub async fn expand_email_jobs(&self, recipients: Vec<String>) -> Result<(), StoreError> {
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            for address in &recipients {
                // (SQLite needs the WHERE before ON CONFLICT in an INSERT … SELECT.)
                tx.execute(
                    "INSERT INTO forward_jobs
                         (lead_id, kind, target, state, attempts, created_ms, next_attempt_ms,
                          last_error, updated_at)
                     SELECT lead_id, kind, ?1, state, attempts, created_ms, next_attempt_ms,
                            last_error, updated_at
                     FROM forward_jobs WHERE kind = 'email' AND target = '*'
                     ON CONFLICT DO NOTHING",
                    params![address],
                )?;
            }
            if !recipients.is_empty() {
                tx.execute(
                    "DELETE FROM forward_jobs WHERE kind = 'email' AND target = '*'",
                    params![],
                )?;
            }
            tx.commit()
        })
        .await
    }

    /// The forwarding jobs of one lead.
    pub async fn jobs_for(&self, id: &str) -> Result<Vec<OutboxStatus>, StoreError> {
        let id = id.to_ascii_lowercase();
        self.with_conn(move |conn| {
            conn.query_map(
                &format!(
                    "SELECT {STATUS_COLUMNS} FROM forward_jobs WHERE lead_id = ?1 \
                     ORDER BY kind, target"
                ),
                params![id],
                row_to_status,
            )
        })
        .await
    }

    /// One job by id.
    pub async fn job(&self, job_id: i64) -> Result<Option<OutboxStatus>, StoreError> {
        self.with_conn(move |conn| {
            conn.query_row(
                &format!("SELECT {STATUS_COLUMNS} FROM forward_jobs WHERE id = ?1"),
                params![job_id],
                row_to_status,
            )
            .optional()
        })
        .await
    }

    /// Up to `limit` jobs, newest first, with an id below `before` if given, in `state` if
    /// given: a page of the desk's or the API's list, whatever the table's size. With it, the
    /// cursor (`before`) of the next page, if there is one.
    pub async fn job_page(
        &self,
        scope: super::Scope,
        state: Option<String>,
        before: Option<i64>,
        limit: u32,
    ) -> Result<(Vec<OutboxStatus>, Option<i64>), StoreError> {
        self.with_conn(move |conn| {
            let (in_scope, clinics) = scope.condition(conn.engine(), CLINIC_OF_JOB, 4);
            let mut jobs = conn.query_map(
                &format!(
                    "SELECT {STATUS_COLUMNS} FROM forward_jobs
                     WHERE (CAST(?1 AS TEXT) IS NULL OR state = ?1) AND id < ?2 AND {in_scope}
                     ORDER BY id DESC LIMIT ?3"
                ),
                params![
                    state,
                    before.unwrap_or(i64::MAX),
                    i64::from(limit) + 1,
                    clinics
                ],
                row_to_status,
            )?;
            let next = if jobs.len() > limit as usize {
                jobs.truncate(limit as usize);
                jobs.last().map(|j| j.id)
            } else {
                None
            };
            Ok((jobs, next))
        })
        .await
    }

    /// How many jobs are pending, done and failed.
    pub async fn job_counts(&self, scope: super::Scope) -> Result<JobCounts, StoreError> {
        self.with_conn(move |conn| {
            let mut counts = JobCounts::default();
            let (in_scope, clinics) = scope.condition(conn.engine(), CLINIC_OF_JOB, 1);
            let rows = conn.query_map(
                &format!(
                    "SELECT state, count(*) FROM forward_jobs WHERE {in_scope} GROUP BY state"
                ),
                params![clinics],
                |row| Ok((row.get::<String>(0)?, row.get::<i64>(1)?)),
            )?;
            for (state, n) in rows {
                let n = u64::try_from(n).unwrap_or(0);
                match state.as_str() {
                    "pending" => counts.pending = n,
                    "done" => counts.done = n,
                    "failed" => counts.failed = n,
                    _ => {}
                }
            }
            Ok(counts)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lead::canonical_sha256;
    use crate::store::NewLead;

    #[tokio::test]
    async fn a_claimed_job_is_leased_and_comes_back_when_the_lease_runs_out() {
        let store = LeadStore::open_in_memory().expect("open");
        let body = serde_json::json!({"a": 1});
        store
            .insert(NewLead {
                id: "lead".into(),
                clinic_id: crate::store::DEFAULT_CLINIC.to_string(),
                idempotency_key: None,
                origin: None,
                body: body.to_string(),
                body_sha256: canonical_sha256(&body),
                photos: Vec::new(),
                forward: vec![
                    ForwardTarget::webhook(),
                    ForwardTarget::email("a@clinic.example"),
                ],
            })
            .await
            .expect("insert");
        let now = clock::now_unix_ms();
        let first = store.claim_due_jobs(now, 1_000, 10).await.expect("claim");
        assert_eq!(first.len(), 2);
        assert!(first.iter().all(|j| j.attempts == 1));
        // A second worker finds nothing while the lease holds…
        assert!(store
            .claim_due_jobs(now + 999, 1_000, 10)
            .await
            .expect("claim")
            .is_empty());
        // …and takes both over once it has run out (the first worker died): attempt 2.
        let again = store
            .claim_due_jobs(now + 1_000, 1_000, 10)
            .await
            .expect("claim");
        assert_eq!(again.len(), 2);
        assert!(again.iter().all(|j| j.attempts == 2));
        assert_eq!(
            store.next_job_due_ms().await.expect("due"),
            Some(now + 2_000)
        );

        store.job_done(again[0].id).await.expect("done");
        store
            .job_retry_at(again[1].id, now + 5_000, "refused".into())
            .await
            .expect("retry");
        let counts = store
            .job_counts(crate::store::Scope::All)
            .await
            .expect("counts");
        assert_eq!((counts.pending, counts.done, counts.failed), (1, 1, 0));
        assert_eq!(
            store.next_job_due_ms().await.expect("due"),
            Some(now + 5_000)
        );
        store
            .job_failed(again[1].id, "lifetime over".into())
            .await
            .expect("failed");
        assert_eq!(store.next_job_due_ms().await.expect("due"), None);
        assert!(store.retry_job_now(again[1].id, now).await.expect("retry"));
        let job = store.job(again[1].id).await.expect("job").expect("exists");
        assert_eq!(job.state, "pending");
        assert_eq!(job.last_error.as_deref(), Some("lifetime over"));
        assert!(!store.retry_job_now(999, now).await.expect("retry"));
    }

    #[tokio::test]
    async fn jobs_of_the_first_versions_outbox_are_moved_and_given_a_new_lifetime() {
        let path = crate::store::old_database(
            "jobs",
            "CREATE TABLE leads (id TEXT PRIMARY KEY, received_at TEXT NOT NULL,
                 idempotency_key TEXT, origin TEXT, body TEXT NOT NULL, body_sha256 TEXT);
             CREATE TABLE outbox (id INTEGER PRIMARY KEY, lead_id TEXT NOT NULL,
                 kind TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending',
                 attempts INTEGER NOT NULL DEFAULT 0, next_attempt_ms INTEGER NOT NULL,
                 last_error TEXT, updated_at TEXT NOT NULL, UNIQUE (lead_id, kind));
             INSERT INTO leads VALUES ('x', '2025-01-01T00:00:00.000Z', NULL, NULL, '{}', 'h');
             INSERT INTO outbox (lead_id, kind, state, attempts, next_attempt_ms,
                 last_error, updated_at)
             VALUES ('x', 'webhook', 'failed', 25, 0, '503', '2025-01-01T00:00:00.000Z'),
                    ('x', 'email', 'done', 1, 0, NULL, '2025-01-01T00:00:00.000Z');",
        );
        let store = LeadStore::open(&path).expect("migrate");
        store
            .expand_email_jobs(vec!["a@c.example".into(), "b@c.example".into()])
            .await
            .expect("expand");
        let jobs = store.jobs_for("x").await.expect("jobs");
        let summary: Vec<(&str, &str, &str)> = jobs
            .iter()
            .map(|j| (j.kind.as_str(), j.target.as_str(), j.state.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("email", "a@c.example", "done"),
                ("email", "b@c.example", "done"),
                ("webhook", "", "pending"),
            ]
        );
        drop(store);
        let _ = std::fs::remove_dir_all(path.parent().expect("its directory"));
    }
}
