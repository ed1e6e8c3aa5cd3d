//! Clinics as tenants: which clinic each lead belongs to, which clinics each desk user and API
//! token may see, and the clinics managed from the command line.
//!
//! Tables (made by [`migrate`] on every open, so a database of a single-clinic version moves
//! into the default clinic unchanged):
//! - `leads.clinic_id`, `lead_desk.clinic_id` (written by the insert trigger) and
//!   `desk_audit.clinic_id`: the clinic a row belongs to ([`DEFAULT_CLINIC`] for everything
//!   stored before clinics existed).
//! - `clinics`: the clinics added with `smp-inbox clinic add` (or a config file's `[[clinic]]`
//!   tables): their settings as JSON and the SHA-256 of their API token. The default clinic is
//!   not a row: its settings are the config file's top-level keys, as before.
//! - `desk_user_clinics` and `desk_users.operator`: the clinics a user may see; an operator
//!   sees every clinic.

use rusqlite::Connection;

use super::db::{self, params, Engine, OptionalExt as _};
use super::{LeadStore, StoreError};

/// The clinic of every lead posted to `/v1/leads` and of everything stored before clinics.
pub const DEFAULT_CLINIC: &str = "default";

/// Which clinics a desk user or an API token may see. Nothing else is ever shown to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// An agency operator: every clinic.
    All,
    /// These clinics only (possibly none).
    Clinics(Vec<String>),
}

impl Scope {
    /// One clinic.
    pub fn one(clinic: &str) -> Self {
        Self::Clinics(vec![clinic.to_string()])
    }

    /// Whether a row of `clinic` may be shown.
    pub fn allows(&self, clinic: &str) -> bool {
        match self {
            Self::All => true,
            Self::Clinics(clinics) => clinics.iter().any(|c| c == clinic),
        }
    }

    /// The clinic a user's own records (a login, an export) are filed under: their only
    /// clinic, or none (operators' records are seen by operators).
    pub fn home(&self) -> Option<&str> {
        match self {
            Self::Clinics(clinics) if clinics.len() == 1 => Some(&clinics[0]),
            _ => None,
        }
    }

    /// The clinics as a JSON array (for `json_each`, `jsonb_array_elements_text`), `None`
    /// for every clinic.
    fn json(&self) -> Option<String> {
        match self {
            Self::All => None,
            Self::Clinics(clinics) => Some(serde_json::Value::from(clinics.clone()).to_string()),
        }
    }

    /// An SQL condition that `column` is one of the clinics, with the parameter it binds
    /// (`?N`, numbered `n`): `(?N IS NULL OR column IN (SELECT value FROM json_each(?N)))`.
    pub(super) fn condition(&self, engine: Engine, column: &str, n: usize) -> (String, db::Value) {
        let value = self.json().map_or(db::Value::Null, db::Value::Text);
        let sql = match engine {
            Engine::Sqlite => {
                format!("(?{n} IS NULL OR {column} IN (SELECT value FROM json_each(?{n})))")
            }
            Engine::Postgres => format!(
                "(CAST(?{n} AS TEXT) IS NULL OR {column} IN \
                 (SELECT jsonb_array_elements_text(CAST(?{n} AS TEXT)::jsonb)))"
            ),
        };
        (sql, value)
    }
}

/// A clinic as stored: its id, its settings (JSON, read by [`crate::clinic`]) and its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClinicRow {
    /// The id in its endpoint, `/v1/clinics/<id>/leads`.
    pub id: String,
    /// The settings as JSON text.
    pub settings: String,
    /// Hex SHA-256 of its API token, if one was made.
    pub api_token_sha256: Option<String>,
}

fn has_column(conn: &Connection, table: &str, column: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
        [table, column],
        |row| row.get::<_, i64>(0).map(|n| n > 0),
    )
}

fn has_table(conn: &Connection, table: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [table],
        |row| row.get::<_, i64>(0).map(|n| n > 0),
    )
}

/// Adds the clinic columns to the lead tables (every existing row goes to the default
/// clinic). Runs before the desk's tables are prepared.
pub(super) fn migrate_leads(conn: &Connection) -> rusqlite::Result<()> {
    if !has_column(conn, "leads", "clinic_id")? {
        conn.execute_batch(
            "ALTER TABLE leads ADD COLUMN clinic_id TEXT NOT NULL DEFAULT 'default'",
        )?;
    }
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS leads_clinic ON leads (clinic_id);
         CREATE TABLE IF NOT EXISTS login_failures (
             key     TEXT PRIMARY KEY,
             count   INTEGER NOT NULL,
             last_ms INTEGER NOT NULL
         );
         CREATE TABLE IF NOT EXISTS clinics (
             id               TEXT PRIMARY KEY,
             settings         TEXT NOT NULL,
             api_token_sha256 TEXT UNIQUE,
             updated_at       TEXT NOT NULL
         );",
    )
}

/// The desk's side, after its tables exist: the clinic of each desk row and audit entry,
/// and the clinics of each user (existing users keep seeing what they saw: the default
/// clinic).
pub(super) fn migrate_desk(conn: &Connection) -> rusqlite::Result<()> {
    if !has_column(conn, "lead_desk", "clinic_id")? {
        conn.execute_batch(
            "ALTER TABLE lead_desk ADD COLUMN clinic_id TEXT NOT NULL DEFAULT 'default';
             UPDATE lead_desk SET clinic_id =
                 (SELECT clinic_id FROM leads WHERE leads.id = lead_desk.lead_id);",
        )?;
    }
    if !has_column(conn, "desk_audit", "clinic_id")? {
        conn.execute_batch(
            "ALTER TABLE desk_audit ADD COLUMN clinic_id TEXT;
             UPDATE desk_audit SET clinic_id = 'default';",
        )?;
    }
    if !has_column(conn, "desk_users", "operator")? {
        conn.execute_batch(
            "ALTER TABLE desk_users ADD COLUMN operator INTEGER NOT NULL DEFAULT 0",
        )?;
    }
    if !has_table(conn, "desk_user_clinics")? {
        conn.execute_batch(
            "CREATE TABLE desk_user_clinics (
                 user_id   INTEGER NOT NULL REFERENCES desk_users(id) ON DELETE CASCADE,
                 clinic_id TEXT NOT NULL,
                 PRIMARY KEY (user_id, clinic_id)
             );
             INSERT INTO desk_user_clinics (user_id, clinic_id)
                 SELECT id, 'default' FROM desk_users;",
        )?;
    }
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS lead_desk_clinic ON lead_desk (clinic_id, seq);
         CREATE INDEX IF NOT EXISTS desk_audit_clinic ON desk_audit (clinic_id, id);",
    )
}

/// A user's scope from the `operator` flag and the JSON array of their clinics.
pub(super) fn scope_of(operator: bool, clinics_json: Option<&str>) -> Scope {
    if operator {
        return Scope::All;
    }
    let clinics: Vec<String> = clinics_json
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or_default();
    Scope::Clinics(clinics)
}

/// The SQL giving a user's operator flag and clinics (JSON) for `desk_users u`.
pub(super) fn user_scope_columns(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => {
            "u.operator, (SELECT json_group_array(clinic_id) \
             FROM desk_user_clinics c WHERE c.user_id = u.id)"
        }
        Engine::Postgres => {
            "u.operator, (SELECT coalesce(json_agg(clinic_id), '[]'::json)::text \
             FROM desk_user_clinics c WHERE c.user_id = u.id)"
        }
    }
}

impl LeadStore {
    /// The failed logins counted under these keys (`user:…`, `addr:…`).
    pub async fn login_failures(
        &self,
        keys: Vec<String>,
    ) -> Result<Vec<(String, crate::desk::throttle::Failures)>, StoreError> {
        self.with_conn(move |conn| {
            let mut found = Vec::new();
            for key in keys {
                let row = conn
                    .query_row(
                        "SELECT count, last_ms FROM login_failures WHERE key = ?1",
                        params![key],
                        |row| {
                            Ok(crate::desk::throttle::Failures {
                                count: row.get(0)?,
                                last_ms: row.get(1)?,
                            })
                        },
                    )
                    .optional()?;
                if let Some(failures) = row {
                    found.push((key, failures));
                }
            }
            Ok(found)
        })
        .await
    }

    /// Counts a failed login under each key (starting again from zero for a key whose last
    /// failure is before `forget_before_ms`), drops the keys forgotten by then, and keeps at
    /// most `max_keys` (the most recent).
    pub async fn login_failed(
        &self,
        keys: Vec<String>,
        now_ms: i64,
        forget_before_ms: i64,
        max_keys: usize,
    ) -> Result<(), StoreError> {
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            tx.execute(
                "DELETE FROM login_failures WHERE last_ms < ?1",
                params![forget_before_ms],
            )?;
            for key in &keys {
                tx.execute(
                    "INSERT INTO login_failures (key, count, last_ms) VALUES (?1, 1, ?2)
                     ON CONFLICT (key) DO UPDATE SET count = login_failures.count + 1,
                         last_ms = excluded.last_ms",
                    params![key, now_ms],
                )?;
            }
            tx.execute(
                "DELETE FROM login_failures WHERE key NOT IN
                     (SELECT key FROM login_failures ORDER BY last_ms DESC LIMIT ?1)",
                params![max_keys],
            )?;
            tx.commit()
        })
        .await
    }

    /// Forgets one key's failures (a correct password for that user name).
    pub async fn login_succeeded(&self, key: String) -> Result<(), StoreError> {
        self.with_conn(move |conn| {
            conn.execute("DELETE FROM login_failures WHERE key = ?1", params![key])
                .map(drop)
        })
        .await
    }

    /// The clinic a lead belongs to, if the lead exists.
    pub async fn lead_clinic(&self, id: &str) -> Result<Option<String>, StoreError> {
        let id = id.to_ascii_lowercase();
        self.with_conn(move |conn| {
            conn.query_row(
                "SELECT clinic_id FROM leads WHERE id = ?1",
                params![id],
                |row| row.get(0),
            )
            .optional()
        })
        .await
    }

    /// The clinic of a forwarding job's lead, if the job exists.
    pub async fn job_clinic(&self, job_id: i64) -> Result<Option<String>, StoreError> {
        self.with_conn(move |conn| {
            conn.query_row(
                "SELECT l.clinic_id FROM forward_jobs j JOIN leads l ON l.id = j.lead_id
                 WHERE j.id = ?1",
                params![job_id],
                |row| row.get(0),
            )
            .optional()
        })
        .await
    }

    /// Every clinic added from the command line or a config file, by id.
    pub async fn clinic_rows(&self) -> Result<Vec<ClinicRow>, StoreError> {
        self.with_conn(|conn| {
            conn.query_map(
                "SELECT id, settings, api_token_sha256 FROM clinics ORDER BY id",
                params![],
                row_to_clinic,
            )
        })
        .await
    }

    /// One clinic's row.
    pub async fn clinic_row(&self, id: &str) -> Result<Option<ClinicRow>, StoreError> {
        let id = id.to_string();
        self.with_conn(move |conn| {
            conn.query_row(
                "SELECT id, settings, api_token_sha256 FROM clinics WHERE id = ?1",
                params![id],
                row_to_clinic,
            )
            .optional()
        })
        .await
    }

    /// The clinic whose API token has this SHA-256 (hex), if any.
    pub async fn clinic_by_token(&self, token_sha256: &str) -> Result<Option<String>, StoreError> {
        let token = token_sha256.to_string();
        self.with_conn(move |conn| {
            conn.query_row(
                "SELECT id FROM clinics WHERE api_token_sha256 = ?1",
                params![token],
                |row| row.get(0),
            )
            .optional()
        })
        .await
    }

    /// Adds or replaces a clinic's settings; a new token hash replaces the old one when given.
    /// Returns whether the clinic is new.
    pub async fn put_clinic(
        &self,
        id: &str,
        settings: String,
        api_token_sha256: Option<String>,
        at: String,
    ) -> Result<bool, StoreError> {
        let id = id.to_string();
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let existed: bool = tx
                .query_row(
                    "SELECT count(*) FROM clinics WHERE id = ?1",
                    params![id],
                    |row| row.get::<i64>(0),
                )
                .map(|n| n > 0)?;
            tx.execute(
                "INSERT INTO clinics (id, settings, api_token_sha256, updated_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET settings = excluded.settings,
                     api_token_sha256 = coalesce(excluded.api_token_sha256,
                                                 clinics.api_token_sha256),
                     updated_at = excluded.updated_at",
                params![id, settings, api_token_sha256, at],
            )?;
            let action = if existed { "clinic_set" } else { "clinic_add" };
            tx.execute(
                "INSERT INTO desk_audit (at, user_name, action, lead_id, detail, clinic_id)
                 VALUES (?1, 'cli', ?2, NULL, ?3, ?3)",
                params![at, action, id],
            )?;
            tx.commit()?;
            Ok(!existed)
        })
        .await
    }

    /// Removes a clinic: its endpoint and token stop working at once. Its leads stay (and stay
    /// its own) until erased. `false` if there is no such clinic.
    pub async fn remove_clinic(&self, id: &str, at: String) -> Result<bool, StoreError> {
        let id = id.to_string();
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let removed = tx.execute("DELETE FROM clinics WHERE id = ?1", params![id])? == 1;
            if removed {
                tx.execute(
                    "INSERT INTO desk_audit (at, user_name, action, lead_id, detail, clinic_id)
                     VALUES (?1, 'cli', 'clinic_remove', NULL, ?2, ?2)",
                    params![at, id],
                )?;
            }
            tx.commit()?;
            Ok(removed)
        })
        .await
    }

    /// How many leads each clinic holds, for `clinic list`.
    pub async fn leads_per_clinic(&self) -> Result<Vec<(String, u64)>, StoreError> {
        self.with_conn(|conn| {
            conn.query_map(
                "SELECT clinic_id, count(*) FROM leads GROUP BY clinic_id ORDER BY clinic_id",
                params![],
                |row| {
                    Ok((
                        row.get::<String>(0)?,
                        u64::try_from(row.get::<i64>(1)?).unwrap_or(0),
                    ))
                },
            )
        })
        .await
    }

    /// Gives a user these clinics (replacing their list) and the operator flag.
    pub async fn set_user_scope(
        &self,
        name: &str,
        operator: bool,
        clinics: Vec<String>,
    ) -> Result<bool, StoreError> {
        let name = name.to_string();
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let id: Option<i64> = tx
                .query_row(
                    &format!(
                        "SELECT id FROM desk_users WHERE {}",
                        name_is(tx.engine(), "name")
                    ),
                    params![name],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(id) = id else {
                return Ok(false);
            };
            tx.execute(
                "UPDATE desk_users SET operator = ?2 WHERE id = ?1",
                params![id, operator],
            )?;
            tx.execute(
                "DELETE FROM desk_user_clinics WHERE user_id = ?1",
                params![id],
            )?;
            for clinic in &clinics {
                tx.execute(
                    "INSERT INTO desk_user_clinics (user_id, clinic_id) VALUES (?1, ?2)
                     ON CONFLICT DO NOTHING",
                    params![id, clinic],
                )?;
            }
            // Their open sessions end: the next page is read with the new scope anyway, but a
            // narrowed user should log in again.
            tx.execute("DELETE FROM desk_sessions WHERE user_id = ?1", params![id])?;
            tx.commit()?;
            Ok(true)
        })
        .await
    }
}

/// `name = ?1` for `desk_users.name`, without regard to case: SQLite's column is
/// `COLLATE NOCASE`; PostgreSQL compares `lower()` (its unique index is on `lower(name)`).
pub(super) fn name_is(engine: Engine, column: &str) -> String {
    match engine {
        Engine::Sqlite => format!("{column} = ?1"),
        Engine::Postgres => format!("lower({column}) = lower(?1)"),
    }
}

fn row_to_clinic(row: &db::Row<'_>) -> db::Result<ClinicRow> {
    Ok(ClinicRow {
        id: row.get(0)?,
        settings: row.get(1)?,
        api_token_sha256: row.get(2)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database of the single-clinic desk: its leads, desk rows, audit entries and users
    /// all move into the default clinic, and the users go on seeing what they saw.
    #[tokio::test]
    async fn a_single_clinic_database_moves_into_the_default_clinic() {
        let path = crate::store::old_database(
            "tenants",
            "CREATE TABLE leads (id TEXT PRIMARY KEY, received_at TEXT NOT NULL,
                 idempotency_key TEXT, origin TEXT, body TEXT NOT NULL, body_sha256 TEXT);
             INSERT INTO leads VALUES ('x', '2025-01-01T00:00:00.000Z', NULL, NULL,
                 '{\"contact\":{\"name\":\"Old Lead\"}}', 'h');
             CREATE TABLE desk_users (id INTEGER PRIMARY KEY,
                 name TEXT NOT NULL UNIQUE COLLATE NOCASE, password TEXT NOT NULL,
                 role TEXT NOT NULL DEFAULT 'desk', created_at TEXT NOT NULL);
             INSERT INTO desk_users (name, password, role, created_at)
                 VALUES ('maria', 'hash', 'admin', '2025-01-01T00:00:00.000Z');
             CREATE TABLE desk_audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL,
                 user_name TEXT NOT NULL, action TEXT NOT NULL,
                 lead_id TEXT REFERENCES leads(id), detail TEXT NOT NULL DEFAULT '');
             INSERT INTO desk_audit (at, user_name, action, lead_id, detail)
                 VALUES ('2025-01-01T00:00:00.000Z', 'maria', 'login', NULL, '');",
        );
        let store = LeadStore::open(&path).expect("migrate");
        assert_eq!(
            store.lead_clinic("x").await.expect("db").as_deref(),
            Some(DEFAULT_CLINIC)
        );
        let (maria, _) = store
            .user_by_name("maria")
            .await
            .expect("db")
            .expect("maria");
        assert_eq!(maria.scope, Scope::one(DEFAULT_CLINIC));
        let page = store
            .desk_page(
                Scope::one(DEFAULT_CLINIC),
                crate::store::LeadFilter::default(),
                crate::store::Cursor::Newest,
                10,
            )
            .await
            .expect("page");
        assert_eq!(
            page.rows.len(),
            1,
            "the old lead is on the default clinic's desk"
        );
        let audit = store
            .audit_page(Scope::one(DEFAULT_CLINIC), None, 10)
            .await
            .expect("audit");
        assert_eq!(audit.len(), 1);
        // Opening again changes nothing.
        drop(store);
        let store = LeadStore::open(&path).expect("reopen");
        assert_eq!(store.users().await.expect("users").len(), 1);
        drop(store);
        let _ = std::fs::remove_dir_all(path.parent().expect("its directory"));
    }

    #[test]
    fn scope_allows_its_clinics_only() {
        assert!(Scope::All.allows("a"));
        assert!(Scope::one("a").allows("a"));
        assert!(!Scope::one("a").allows("b"));
        assert!(!Scope::Clinics(Vec::new()).allows("default"));
    }
}
