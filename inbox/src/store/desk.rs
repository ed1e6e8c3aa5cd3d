//! The desk's storage: what a front desk adds to a lead (status, notes), who may log in
//! (users, sessions), what they did (the audit log), and erasing a lead for good.
//!
//! Tables (all created by [`prepare`], a migration step run on every open):
//! - `lead_desk`: one row per lead, written in the lead's insert transaction
//!   ([`insert_desk_row`], the same Rust code for both engines). It holds the status (who,
//!   when) and the few values the desk filters and searches on, taken out of the lead's JSON
//!   once (approach, in-person flag, language, photo count, folded name/email and phone
//!   digits). `seq` orders leads by arrival and is the keyset for paging. (SQLite databases
//!   of earlier versions had triggers with SQL functions for this; they are dropped on open.)
//! - `desk_notes`, `desk_audit`, `desk_users`, `desk_sessions`.
//!
//! Erased data must be gone from the file, not only unlinked: the connection runs with
//! `secure_delete` on (freed cells and pages are zeroed) and every erasure ends with a WAL
//! checkpoint that truncates the log, so no older copy of a page stays in `-wal` either.

use rusqlite::Connection;
use serde_json::Value;

use super::db::{self, params, Conn, Engine, OptionalExt as _, Value as SqlValue};
use super::tenants::{self, name_is, user_scope_columns, Scope};
use super::{LeadStore, StoreError};

/// Where a lead stands with the front desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LeadStatus {
    /// Nobody has worked it yet.
    New,
    /// The clinic has reached the person.
    Contacted,
    /// A consultation or session is booked.
    Booked,
    /// Treated.
    Treated,
    /// Not a fit for SMP or for the clinic.
    NotAFit,
}

impl LeadStatus {
    /// Every status, in the order a lead usually moves through them.
    pub const ALL: [LeadStatus; 5] = [
        Self::New,
        Self::Contacted,
        Self::Booked,
        Self::Treated,
        Self::NotAFit,
    ];

    /// The code stored and used in URLs and the CSV.
    pub const fn code(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Contacted => "contacted",
            Self::Booked => "booked",
            Self::Treated => "treated",
            Self::NotAFit => "not_a_fit",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What a desk user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Works leads: reads, changes status, writes notes, exports the current view.
    Desk,
    /// Also reads the audit log, erases leads and exports one person's data.
    Admin,
}

impl Role {
    /// The stored code.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Desk => "desk",
            Self::Admin => "admin",
        }
    }

    fn from_code(code: &str) -> Self {
        if code == "admin" {
            Self::Admin
        } else {
            Self::Desk
        }
    }
}

/// A person who may log in to the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskUser {
    /// Row id.
    pub id: i64,
    /// The name they log in with.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// The clinics they see (an agency operator: every clinic).
    pub scope: Scope,
}

/// A logged-in session, found by the SHA-256 of its cookie's token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Whose session it is.
    pub user: DeskUser,
    /// The token every form of this session must carry (CSRF).
    pub csrf: String,
    /// When it was made, Unix ms.
    pub created_ms: i64,
    /// When it was last used, Unix ms.
    pub seen_ms: i64,
}

/// Which leads a list, a count or an export covers. `None` everywhere means all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeadFilter {
    /// Only leads with this status.
    pub status: Option<LeadStatus>,
    /// Only leads whose recommended approach has this code.
    pub approach: Option<String>,
    /// Only leads that need (true) or do not need (false) an in-person check.
    pub in_person: Option<bool>,
    /// Only leads with (true) or without (false) photos.
    pub photos: Option<bool>,
    /// Received on or after this day (`YYYY-MM-DD`, UTC).
    pub from: Option<String>,
    /// Received on or before this day (`YYYY-MM-DD`, UTC).
    pub to: Option<String>,
    /// Only leads in this language (primary subtag, e.g. `es`).
    pub lang: Option<String>,
    /// Text in the name or email, or digits in the phone number.
    pub query: Option<String>,
    /// Only leads of this clinic (within what the reader may see: a clinic outside their
    /// scope gives no leads).
    pub clinic: Option<String>,
}

/// Where a page of leads starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// The newest leads.
    Newest,
    /// Leads older than this `seq`.
    Before(i64),
    /// Leads newer than this `seq`.
    After(i64),
}

/// One lead as a list or export row: desk state plus the parts of its JSON they show.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadRow {
    /// Arrival order; the paging key.
    pub seq: i64,
    /// The lead's id.
    pub id: String,
    /// When the inbox stored it (RFC 3339 UTC).
    pub received_at: String,
    /// Its status and who set it when.
    pub status: StatusInfo,
    /// Number of photos.
    pub photos: u32,
    /// The clinic it was posted to.
    pub clinic_id: String,
    /// `contact`, `answers`, `recommendation`, `consent`, `page`, `locale`, `created_at`
    /// from the lead's JSON (photo data never included).
    pub lead: Value,
}

/// A lead's status and who set it when (`by`/`at` are `None` while it is new).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusInfo {
    /// The status.
    pub status: LeadStatus,
    /// The user who set it.
    pub by: Option<String>,
    /// When, RFC 3339 UTC.
    pub at: Option<String>,
}

/// One page of leads, newest first, with the cursors to the neighbouring pages.
#[derive(Debug, Clone, PartialEq)]
pub struct DeskPage {
    /// The leads.
    pub rows: Vec<LeadRow>,
    /// Cursor for the next (older) page, if there is one.
    pub older: Option<i64>,
    /// Cursor for the previous (newer) page, if there is one.
    pub newer: Option<i64>,
}

/// A note on a lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Who wrote it.
    pub author: String,
    /// When, RFC 3339 UTC.
    pub at: String,
    /// The text.
    pub body: String,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Row id (the audit page's paging key).
    pub id: i64,
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who: a user's name, `api` or `retention`.
    pub user: String,
    /// What: `status`, `note`, `erase`, `export_csv`, `export_person`, `login`, …
    pub action: String,
    /// The lead concerned, if any (never kept once the lead is erased).
    pub lead_id: Option<String>,
    /// Details in plain words or codes, never a lead's personal data.
    pub detail: String,
}

/// What an erasure removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Erased {
    /// Leads removed.
    pub leads: u64,
    /// Rows removed from tables that hang off a lead (photos, notes, forwards, desk rows…).
    pub related_rows: u64,
}

/// Runs at every open of an SQLite database, after the lead tables exist: the desk's tables
/// (PostgreSQL's are in `schema`), and the triggers of earlier versions dropped.
pub(super) fn prepare(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS lead_desk (
             seq         INTEGER PRIMARY KEY,
             lead_id     TEXT NOT NULL UNIQUE REFERENCES leads(id),
             received_at TEXT NOT NULL,
             status      TEXT NOT NULL DEFAULT 'new',
             status_by   TEXT,
             status_at   TEXT,
             approach    TEXT,
             in_person   INTEGER NOT NULL DEFAULT 0,
             lang        TEXT NOT NULL DEFAULT '',
             photos      INTEGER NOT NULL DEFAULT 0,
             search      TEXT NOT NULL DEFAULT '',
             phone       TEXT NOT NULL DEFAULT '',
             email       TEXT NOT NULL DEFAULT ''
         );
         CREATE INDEX IF NOT EXISTS lead_desk_status ON lead_desk (status, seq);
         CREATE INDEX IF NOT EXISTS lead_desk_email ON lead_desk (email);
         CREATE INDEX IF NOT EXISTS lead_desk_received ON lead_desk (received_at);
         CREATE TABLE IF NOT EXISTS desk_notes (
             id      INTEGER PRIMARY KEY,
             lead_id TEXT NOT NULL REFERENCES leads(id),
             author  TEXT NOT NULL,
             at      TEXT NOT NULL,
             body    TEXT NOT NULL
         );
         CREATE INDEX IF NOT EXISTS desk_notes_lead ON desk_notes (lead_id, id);
         CREATE TABLE IF NOT EXISTS desk_audit (
             id        INTEGER PRIMARY KEY,
             at        TEXT NOT NULL,
             user_name TEXT NOT NULL,
             action    TEXT NOT NULL,
             lead_id   TEXT REFERENCES leads(id),
             detail    TEXT NOT NULL DEFAULT ''
         );
         CREATE INDEX IF NOT EXISTS desk_audit_lead ON desk_audit (lead_id);
         CREATE TABLE IF NOT EXISTS desk_users (
             id         INTEGER PRIMARY KEY,
             name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
             password   TEXT NOT NULL,
             role       TEXT NOT NULL DEFAULT 'desk',
             created_at TEXT NOT NULL
         );
         CREATE TABLE IF NOT EXISTS desk_sessions (
             token_sha256 TEXT PRIMARY KEY,
             user_id      INTEGER NOT NULL REFERENCES desk_users(id) ON DELETE CASCADE,
             csrf         TEXT NOT NULL,
             created_ms   INTEGER NOT NULL,
             seen_ms      INTEGER NOT NULL
         );
         DROP TRIGGER IF EXISTS lead_desk_on_photo;
         DROP TRIGGER IF EXISTS lead_desk_on_insert;",
    )?;
    tenants::migrate_desk(conn)
}

/// Gives every lead without a desk row its row (leads stored before the desk existed, or by a
/// version without it), oldest first. Runs at every open; on PostgreSQL it finds nothing.
pub(super) fn backfill(conn: &Conn) -> db::Result<()> {
    let seq = super::api::lead_seq(conn.engine());
    let missing = conn.query_map(
        &format!(
            "SELECT id, clinic_id, received_at, body,
                    (SELECT count(*) FROM photos WHERE photos.lead_id = leads.id)
             FROM leads WHERE id NOT IN (SELECT lead_id FROM lead_desk) ORDER BY {seq}"
        ),
        params![],
        |row| {
            Ok((
                row.get::<String>(0)?,
                row.get::<String>(1)?,
                row.get::<String>(2)?,
                row.get::<Option<String>>(3)?.unwrap_or_default(),
                row.get::<i64>(4)?,
            ))
        },
    )?;
    for (id, clinic, received_at, body, photos) in missing {
        insert_desk_row(conn, &id, &clinic, &received_at, &body, photos)?;
    }
    Ok(())
}

/// The desk's values taken from a lead's JSON body once, when it is stored.
#[derive(Debug, Default, PartialEq, Eq)]
struct Derived {
    approach: Option<String>,
    in_person: bool,
    lang: String,
    /// Folded "name email".
    search: String,
    /// The phone number's digits.
    phone: String,
    /// The folded email.
    email: String,
}

/// A body that is not JSON (a file edited by hand) gives empty values rather than an error.
fn derive(body: &str) -> Derived {
    let Ok(lead) = serde_json::from_str::<Value>(body) else {
        return Derived::default();
    };
    let name = json_text(&lead["contact"]["name"]);
    let email = json_text(&lead["contact"]["email"]);
    Derived {
        approach: json_text(&lead["recommendation"]["approach"]),
        in_person: lead["recommendation"]["in_person"]
            .as_array()
            .is_some_and(|people| !people.is_empty()),
        lang: json_text(&lead["locale"]).map_or_else(String::new, |l| primary_language(&l)),
        search: fold(&format!(
            "{} {}",
            name.unwrap_or_default(),
            email.as_deref().unwrap_or_default()
        )),
        phone: json_text(&lead["contact"]["phone"]).map_or_else(String::new, |p| digits(&p)),
        email: email.map_or_else(String::new, |e| fold(&e)),
    }
}

/// Writes a new lead's desk row (inside its insert transaction).
pub(super) fn insert_desk_row(
    conn: &Conn,
    lead_id: &str,
    clinic_id: &str,
    received_at: &str,
    body: &str,
    photos: i64,
) -> db::Result<()> {
    let d = derive(body);
    conn.execute(
        "INSERT INTO lead_desk (lead_id, clinic_id, received_at, approach, in_person, lang,
                                search, phone, email, photos)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            lead_id,
            clinic_id,
            received_at,
            d.approach,
            d.in_person,
            d.lang,
            d.search,
            d.phone,
            d.email,
            photos
        ],
    )
    .map(drop)
}

/// Lower case, for case-insensitive search in any script.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// Only the digits of a phone number, so `+44 7700 900123` is found by `7700900`.
pub fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// `es-MX` → `es`.
pub fn primary_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The parts of a lead's JSON that lists and exports show; the rest (consent text, photo
/// descriptions, anything unknown) is dropped as each row is read.
const ROW_PARTS: [&str; 7] = [
    "contact",
    "answers",
    "recommendation",
    "consent",
    "page",
    "locale",
    "created_at",
];

/// A filter as SQL conditions on `lead_desk d` and their parameters.
fn conditions(engine: Engine, scope: &Scope, filter: &LeadFilter) -> (Vec<String>, Vec<SqlValue>) {
    let mut sql: Vec<String> = Vec::new();
    let mut params: Vec<SqlValue> = Vec::new();
    // First, and whatever the filter says: only the clinics the reader may see.
    let (in_scope, clinics) = scope.condition(engine, "d.clinic_id", 1);
    sql.push(in_scope);
    params.push(clinics);
    match filter.photos {
        Some(true) => sql.push("d.photos > 0".into()),
        Some(false) => sql.push("d.photos = 0".into()),
        None => {}
    }
    let mut add = |condition: &str, value: SqlValue| {
        params.push(value);
        sql.push(condition.replace('?', &format!("?{}", params.len())));
    };
    if let Some(status) = filter.status {
        add("d.status = ?", status.code().to_string().into());
    }
    if let Some(approach) = &filter.approach {
        add("d.approach = ?", approach.clone().into());
    }
    if let Some(in_person) = filter.in_person {
        add("d.in_person = ?", i64::from(in_person).into());
    }
    if let Some(from) = &filter.from {
        add("d.received_at >= ?", from.clone().into());
    }
    if let Some(to) = &filter.to {
        add("substr(d.received_at, 1, 10) <= ?", to.clone().into());
    }
    if let Some(lang) = &filter.lang {
        add("d.lang = ?", primary_language(lang).into());
    }
    if let Some(clinic) = &filter.clinic {
        add("d.clinic_id = ?", clinic.clone().into());
    }
    if let Some(query) = filter
        .query
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
    {
        let only_phone_characters = query
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c));
        let number = digits(query);
        if only_phone_characters && !number.is_empty() {
            add("d.phone LIKE ? ESCAPE '\\'", format!("%{number}%").into());
        } else {
            add(
                "d.search LIKE ? ESCAPE '\\'",
                format!("%{}%", like_escape(&fold(query))).into(),
            );
        }
    }
    (sql, params)
}

/// Escapes `%`, `_` and `\` so typed text matches literally in `LIKE … ESCAPE '\'`.
fn like_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn where_clause(conditions: &[String]) -> String {
    if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    }
}

fn status_info(status: &str, by: Option<String>, at: Option<String>) -> StatusInfo {
    StatusInfo {
        // A status written by a newer version shows as new rather than failing the page.
        status: LeadStatus::from_code(status).unwrap_or(LeadStatus::New),
        by,
        at,
    }
}

fn row_to_lead_row(row: &db::Row<'_>) -> db::Result<LeadRow> {
    // Parsed here rather than taken apart with SQLite's JSON functions: one pass over the
    // text instead of one per part (half the time of a page, measured).
    let body = match row.value(7)? {
        SqlValue::Text(text) => text,
        _ => String::new(),
    };
    let lead = match serde_json::from_str::<Value>(&body) {
        Ok(Value::Object(mut fields)) => {
            fields.retain(|key, _| ROW_PARTS.contains(&key.as_str()));
            Value::Object(fields)
        }
        _ => Value::Null,
    };
    Ok(LeadRow {
        seq: row.get(0)?,
        id: row.get(1)?,
        received_at: row.get(2)?,
        status: status_info(&row.get::<String>(3)?, row.get(4)?, row.get(5)?),
        photos: row.get(6)?,
        clinic_id: row.get(8)?,
        lead,
    })
}

/// Rows of `filter` from `cursor`, at most `limit`, in the cursor's direction.
fn select_rows(
    conn: &Conn,
    scope: &Scope,
    filter: &LeadFilter,
    cursor: Cursor,
    limit: u32,
) -> db::Result<Vec<LeadRow>> {
    let (mut sql, mut params) = conditions(conn.engine(), scope, filter);
    let order = match cursor {
        Cursor::Newest => "DESC",
        Cursor::Before(seq) => {
            params.push(seq.into());
            sql.push(format!("d.seq < ?{}", params.len()));
            "DESC"
        }
        Cursor::After(seq) => {
            params.push(seq.into());
            sql.push(format!("d.seq > ?{}", params.len()));
            "ASC"
        }
    };
    params.push(i64::from(limit).into());
    let query = format!(
        "SELECT d.seq, d.lead_id, d.received_at, d.status, d.status_by, d.status_at, d.photos,
                l.body, d.clinic_id
         FROM lead_desk d JOIN leads l ON l.id = d.lead_id
         {} ORDER BY d.seq {order} LIMIT ?{}",
        where_clause(&sql),
        params.len()
    );
    conn.query_map(&query, &params, row_to_lead_row)
}

/// An audit entry about a lead (its clinic is the lead's) or about nothing in particular.
fn audit(
    conn: &Conn,
    at: &str,
    user: &str,
    action: &str,
    lead_id: Option<&str>,
    detail: &str,
) -> db::Result<()> {
    audit_in(conn, None, at, user, action, lead_id, detail)
}

/// An audit entry of `clinic` (or, when `None`, of the lead's clinic; with neither, shown to
/// operators only).
fn audit_in(
    conn: &Conn,
    clinic: Option<&str>,
    at: &str,
    user: &str,
    action: &str,
    lead_id: Option<&str>,
    detail: &str,
) -> db::Result<()> {
    conn.execute(
        "INSERT INTO desk_audit (at, user_name, action, lead_id, detail, clinic_id)
         VALUES (?1, ?2, ?3, ?4, ?5,
                 coalesce(?6, (SELECT clinic_id FROM leads WHERE id = ?4)))",
        params![at, user, action, lead_id, detail, clinic],
    )
    .map(drop)
}

/// Every (table, column) that refers to a lead by a foreign key, found in the schema itself,
/// so a table added later (with its `REFERENCES leads(id)`) is erased without anyone
/// remembering to add it here.
fn tables_referring_to_leads(conn: &Conn) -> db::Result<Vec<(String, String)>> {
    let sql = match conn.engine() {
        Engine::Sqlite => {
            "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table' AND f.\"table\" = 'leads' ORDER BY m.name"
        }
        Engine::Postgres => {
            "SELECT c.conrelid::regclass::text, a.attname::text
             FROM pg_constraint c
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
             WHERE c.contype = 'f' AND c.confrelid = 'leads'::regclass
             ORDER BY 1"
        }
    };
    conn.query_map(sql, params![], |row| Ok((row.get(0)?, row.get(1)?)))
}

/// Deletes one lead and every row that refers to it, inside the caller's transaction.
fn erase_in(conn: &Conn, id: &str) -> db::Result<Erased> {
    let mut erased = Erased::default();
    for (table, column) in tables_referring_to_leads(conn)? {
        let quoted = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
        let removed = conn.execute(
            &format!(
                "DELETE FROM {} WHERE {} = ?1",
                quoted(&table),
                quoted(&column)
            ),
            params![id],
        )?;
        // The desk's own row and the audit entries are not what a person would count.
        if table != "lead_desk" && table != "desk_audit" {
            erased.related_rows += removed as u64;
        }
    }
    erased.leads = conn.execute("DELETE FROM leads WHERE id = ?1", params![id])? as u64;
    Ok(erased)
}

/// "3 related records" (photos, notes, forwards…), for the audit log.
fn related(n: u64) -> String {
    format!("{n} related record{}", if n == 1 { "" } else { "s" })
}

/// Moves everything in the WAL into the database file and empties the WAL, so the page
/// images written before an erasure are not left behind in `-wal`. (SQLite only: on
/// PostgreSQL, dead rows are reclaimed by VACUUM; see the README.)
fn checkpoint(conn: &Conn) -> db::Result<()> {
    match conn.engine() {
        Engine::Sqlite => conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", params![], |_| Ok(())),
        Engine::Postgres => Ok(()),
    }
}

impl LeadStore {
    /// A page of leads matching `filter`, newest first, at most `limit`.
    pub async fn desk_page(
        &self,
        scope: Scope,
        filter: LeadFilter,
        cursor: Cursor,
        limit: u32,
    ) -> Result<DeskPage, StoreError> {
        self.with_conn(move |conn| {
            let mut rows = select_rows(conn, &scope, &filter, cursor, limit + 1)?;
            let more = rows.len() > limit as usize;
            rows.truncate(limit as usize);
            if matches!(cursor, Cursor::After(_)) {
                rows.reverse();
            }
            let first = rows.first().map(|r| r.seq);
            let last = rows.last().map(|r| r.seq);
            let (older, newer) = match cursor {
                Cursor::Newest => (if more { last } else { None }, None),
                Cursor::Before(_) => (if more { last } else { None }, first),
                Cursor::After(_) => (last, if more { first } else { None }),
            };
            Ok(DeskPage { rows, older, newer })
        })
        .await
    }

    /// Up to `limit` leads matching `filter` older than `before` (all when `None`), newest
    /// first: one page of an export.
    pub async fn desk_rows(
        &self,
        scope: Scope,
        filter: LeadFilter,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<LeadRow>, StoreError> {
        self.with_conn(move |conn| {
            let cursor = before.map_or(Cursor::Newest, Cursor::Before);
            select_rows(conn, &scope, &filter, cursor, limit)
        })
        .await
    }

    /// How many leads match `filter`.
    pub async fn desk_count(&self, scope: Scope, filter: LeadFilter) -> Result<u64, StoreError> {
        self.with_conn(move |conn| {
            let (sql, params) = conditions(conn.engine(), &scope, &filter);
            conn.query_row(
                &format!("SELECT count(*) FROM lead_desk d {}", where_clause(&sql)),
                &params,
                |row| row.get::<i64>(0),
            )
            .map(|n| u64::try_from(n).unwrap_or(0))
        })
        .await
    }

    /// A lead's status, or `None` if there is no such lead.
    pub async fn status_of(&self, id: &str) -> Result<Option<StatusInfo>, StoreError> {
        let id = id.to_ascii_lowercase();
        self.with_conn(move |conn| {
            conn.query_row(
                "SELECT status, status_by, status_at FROM lead_desk WHERE lead_id = ?1",
                params![id],
                |row| {
                    Ok(status_info(
                        &row.get::<String>(0)?,
                        row.get(1)?,
                        row.get(2)?,
                    ))
                },
            )
            .optional()
        })
        .await
    }

    /// Sets a lead's status and records it in the audit log, in one transaction. `false`
    /// when there is no such lead.
    pub async fn set_status(
        &self,
        id: &str,
        status: LeadStatus,
        user: &str,
        at: String,
    ) -> Result<bool, StoreError> {
        let (id, user) = (id.to_ascii_lowercase(), user.to_string());
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let before: Option<String> = tx
                .query_row(
                    "SELECT status FROM lead_desk WHERE lead_id = ?1",
                    params![id],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(before) = before else {
                return Ok(false);
            };
            tx.execute(
                "UPDATE lead_desk SET status = ?2, status_by = ?3, status_at = ?4 WHERE lead_id = ?1",
                params![id, status.code(), user, at],
            )?;
            let detail = format!("{before} → {}", status.code());
            audit(&tx, &at, &user, "status", Some(&id), &detail)?;
            tx.commit()?;
            Ok(true)
        })
        .await
    }

    /// Adds a note to a lead (and an audit entry that a note was added, without its text).
    /// `false` when there is no such lead.
    pub async fn add_note(
        &self,
        id: &str,
        user: &str,
        body: String,
        at: String,
    ) -> Result<bool, StoreError> {
        let (id, user) = (id.to_ascii_lowercase(), user.to_string());
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let exists: bool = tx.query_row(
                "SELECT count(*) FROM leads WHERE id = ?1",
                params![id],
                |row| row.get::<i64>(0).map(|n| n > 0),
            )?;
            if !exists {
                return Ok(false);
            }
            tx.execute(
                "INSERT INTO desk_notes (lead_id, author, at, body) VALUES (?1, ?2, ?3, ?4)",
                params![id, user, at, body],
            )?;
            let detail = format!("{} characters", body.chars().count());
            audit(&tx, &at, &user, "note", Some(&id), &detail)?;
            tx.commit()?;
            Ok(true)
        })
        .await
    }

    /// A lead's notes, newest first.
    pub async fn notes(&self, id: &str) -> Result<Vec<Note>, StoreError> {
        let id = id.to_ascii_lowercase();
        self.with_conn(move |conn| {
            conn.query_map(
                "SELECT author, at, body FROM desk_notes WHERE lead_id = ?1 ORDER BY id DESC",
                params![id],
                |row| {
                    Ok(Note {
                        author: row.get(0)?,
                        at: row.get(1)?,
                        body: row.get(2)?,
                    })
                },
            )
        })
        .await
    }

    /// The audit entries about one lead, newest first.
    pub async fn lead_history(&self, id: &str) -> Result<Vec<AuditEntry>, StoreError> {
        let id = id.to_ascii_lowercase();
        self.with_conn(move |conn| {
            conn.query_map(
                "SELECT id, at, user_name, action, lead_id, detail FROM desk_audit
                 WHERE lead_id = ?1 ORDER BY id DESC LIMIT 200",
                params![id],
                row_to_audit,
            )
        })
        .await
    }

    /// Up to `limit` audit entries older than `before` (the newest when `None`), newest first.
    pub async fn audit_page(
        &self,
        scope: Scope,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        self.with_conn(move |conn| {
            let (in_scope, clinics) = scope.condition(conn.engine(), "clinic_id", 3);
            conn.query_map(
                &format!(
                    "SELECT id, at, user_name, action, lead_id, detail FROM desk_audit
                     WHERE id < ?1 AND {in_scope} ORDER BY id DESC LIMIT ?2"
                ),
                params![before.unwrap_or(i64::MAX), limit, clinics],
                row_to_audit,
            )
        })
        .await
    }

    /// Records something a user did that changes nothing else (an export, a login).
    pub async fn record(
        &self,
        user: &str,
        action: &str,
        lead_id: Option<&str>,
        detail: &str,
        at: String,
    ) -> Result<(), StoreError> {
        self.record_in(None, user, action, lead_id, detail, at)
            .await
    }

    /// As [`LeadStore::record`], in `clinic`'s log (`None`: the lead's clinic, or operators
    /// only).
    pub async fn record_in(
        &self,
        clinic: Option<&str>,
        user: &str,
        action: &str,
        lead_id: Option<&str>,
        detail: &str,
        at: String,
    ) -> Result<(), StoreError> {
        let (user, action, detail) = (user.to_string(), action.to_string(), detail.to_string());
        let clinic = clinic.map(str::to_string);
        let lead_id = lead_id.map(str::to_ascii_lowercase);
        self.with_conn(move |conn| {
            audit_in(
                conn,
                clinic.as_deref(),
                &at,
                &user,
                &action,
                lead_id.as_deref(),
                &detail,
            )
        })
        .await
    }

    /// Erases one lead and everything that hangs off it (photos, notes, pending forwards,
    /// its desk row and audit entries), then records only that an erasure happened. The
    /// bytes are overwritten in the file (`secure_delete`) and the WAL is emptied. `None`
    /// when there is no such lead.
    pub async fn erase_lead(
        &self,
        id: &str,
        user: &str,
        at: String,
    ) -> Result<Option<Erased>, StoreError> {
        let (id, user) = (id.to_ascii_lowercase(), user.to_string());
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let clinic: Option<String> = tx
                .query_row(
                    "SELECT clinic_id FROM leads WHERE id = ?1",
                    params![id],
                    |row| row.get(0),
                )
                .optional()?;
            let erased = erase_in(&tx, &id)?;
            if erased.leads == 0 {
                return Ok(None);
            }
            let detail = format!("1 lead, {}", related(erased.related_rows));
            audit_in(&tx, clinic.as_deref(), &at, &user, "erase", None, &detail)?;
            tx.commit()?;
            checkpoint(conn)?;
            Ok(Some(erased))
        })
        .await
    }

    /// Erases every lead received before `cutoff` (RFC 3339 UTC), in batches so the
    /// database is never locked for long, and records one audit entry (`retention`) when any
    /// were erased.
    pub async fn erase_received_before(
        &self,
        clinic: String,
        cutoff: String,
        detail: String,
        at: String,
    ) -> Result<Erased, StoreError> {
        let mut total = Erased::default();
        loop {
            let (cutoff, clinic) = (cutoff.clone(), clinic.clone());
            let batch = self
                .with_conn(move |conn| {
                    let tx = conn.transaction()?;
                    let ids = tx.query_map(
                        "SELECT lead_id FROM lead_desk WHERE received_at < ?1 AND clinic_id = ?2
                         LIMIT 100",
                        params![cutoff, clinic],
                        |row| row.get::<String>(0),
                    )?;
                    let mut erased = Erased::default();
                    for id in &ids {
                        let one = erase_in(&tx, id)?;
                        erased.leads += one.leads;
                        erased.related_rows += one.related_rows;
                    }
                    tx.commit()?;
                    Ok(erased)
                })
                .await?;
            total.leads += batch.leads;
            total.related_rows += batch.related_rows;
            if batch.leads == 0 {
                break;
            }
        }
        if total.leads > 0 {
            let leads = if total.leads == 1 { "lead" } else { "leads" };
            let detail = format!(
                "{detail}: {} {leads}, {}",
                total.leads,
                related(total.related_rows)
            );
            self.with_conn(move |conn| {
                audit_in(
                    conn,
                    Some(&clinic),
                    &at,
                    "retention",
                    "erase",
                    None,
                    &detail,
                )?;
                checkpoint(conn)
            })
            .await?;
        }
        Ok(total)
    }

    /// The visitor's name of each of these leads that is still stored and has one, for the
    /// desk's forwarding page (a page of jobs at a time, so a few dozen ids).
    pub async fn lead_names(
        &self,
        ids: Vec<String>,
    ) -> Result<std::collections::HashMap<String, String>, StoreError> {
        self.with_conn(move |conn| {
            let mut names = std::collections::HashMap::new();
            for id in ids {
                let body: Option<String> = conn
                    .query_row("SELECT body FROM leads WHERE id = ?1", params![id], |row| {
                        row.get(0)
                    })
                    .optional()?;
                // Read here, not with either engine's JSON functions: one text for both.
                let name = body
                    .and_then(|body| serde_json::from_str::<Value>(&body).ok())
                    .and_then(|lead| json_text(&lead["contact"]["name"]))
                    .map(|name| name.trim().to_string())
                    .filter(|n| !n.is_empty());
                if let Some(name) = name {
                    names.insert(id, name);
                }
            }
            Ok(names)
        })
        .await
    }

    /// The ids of every lead from the same email address as lead `id` (itself included),
    /// newest first: what an access request covers. Empty when there is no such lead.
    pub async fn same_person(&self, id: &str) -> Result<Vec<String>, StoreError> {
        let id = id.to_ascii_lowercase();
        self.with_conn(move |conn| {
            conn.query_map(
                "SELECT d.lead_id FROM lead_desk d, lead_desk me
                 WHERE me.lead_id = ?1 AND d.clinic_id = me.clinic_id
                   AND (d.lead_id = me.lead_id OR (me.email != '' AND d.email = me.email))
                 ORDER BY d.seq DESC",
                params![id],
                |row| row.get(0),
            )
        })
        .await
    }

    // ------------------------------------------------------------------------------------
    // Users and sessions.

    /// Adds a user with an already hashed password. `false` if the name is taken (names
    /// are compared without regard to case).
    pub async fn add_user(
        &self,
        name: &str,
        password_hash: String,
        role: Role,
        scope: Scope,
        at: String,
    ) -> Result<bool, StoreError> {
        let name = name.to_string();
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let (operator, clinics) = match scope {
                Scope::All => (true, Vec::new()),
                Scope::Clinics(clinics) => (false, clinics),
            };
            // SQLite's name column is COLLATE NOCASE; PostgreSQL's unique index is on
            // lower(name). Either way a taken name inserts nothing and returns no id.
            let conflict = match tx.engine() {
                Engine::Sqlite => "ON CONFLICT (name) DO NOTHING",
                Engine::Postgres => "ON CONFLICT DO NOTHING",
            };
            let id: Option<i64> = tx
                .query_row(
                    &format!(
                        "INSERT INTO desk_users (name, password, role, created_at, operator)
                         VALUES (?1, ?2, ?3, ?4, ?5)
                         {conflict} RETURNING id"
                    ),
                    params![name, password_hash, role.code(), at, operator],
                    |row| row.get(0),
                )
                .optional()?;
            let added = id.is_some();
            if let Some(id) = id {
                for clinic in &clinics {
                    tx.execute(
                        "INSERT INTO desk_user_clinics (user_id, clinic_id) VALUES (?1, ?2)
                         ON CONFLICT DO NOTHING",
                        params![id, clinic],
                    )?;
                }
                audit_in(
                    &tx,
                    clinics.first().map(String::as_str),
                    &at,
                    "cli",
                    "user_add",
                    None,
                    &format!("{name} ({})", role.code()),
                )?;
            }
            tx.commit()?;
            Ok(added)
        })
        .await
    }

    /// Replaces a user's password and ends their sessions. `false` if there is no such user.
    pub async fn set_password(
        &self,
        name: &str,
        password_hash: String,
        at: String,
    ) -> Result<bool, StoreError> {
        let name = name.to_string();
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let name_is = name_is(tx.engine(), "name");
            let changed = tx.execute(
                &format!("UPDATE desk_users SET password = ?2 WHERE {name_is}"),
                params![name, password_hash],
            )? == 1;
            if changed {
                tx.execute(
                    &format!(
                        "DELETE FROM desk_sessions
                         WHERE user_id = (SELECT id FROM desk_users WHERE {name_is})"
                    ),
                    params![name],
                )?;
                audit(&tx, &at, "cli", "user_password", None, &name)?;
            }
            tx.commit()?;
            Ok(changed)
        })
        .await
    }

    /// Removes a user and ends their sessions. `false` if there is no such user.
    pub async fn remove_user(&self, name: &str, at: String) -> Result<bool, StoreError> {
        let name = name.to_string();
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let name_is = name_is(tx.engine(), "name");
            tx.execute(
                &format!(
                    "DELETE FROM desk_sessions
                     WHERE user_id = (SELECT id FROM desk_users WHERE {name_is})"
                ),
                params![name],
            )?;
            let removed = tx.execute(
                &format!("DELETE FROM desk_users WHERE {name_is}"),
                params![name],
            )? == 1;
            if removed {
                audit(&tx, &at, "cli", "user_remove", None, &name)?;
            }
            tx.commit()?;
            Ok(removed)
        })
        .await
    }

    /// Every user, by name.
    pub async fn users(&self) -> Result<Vec<DeskUser>, StoreError> {
        self.with_conn(|conn| {
            let order = match conn.engine() {
                Engine::Sqlite => "u.name COLLATE NOCASE",
                Engine::Postgres => "lower(u.name)",
            };
            conn.query_map(
                &format!(
                    "SELECT u.id, u.name, u.role, {} FROM desk_users u ORDER BY {order}",
                    user_scope_columns(conn.engine())
                ),
                params![],
                row_to_user,
            )
        })
        .await
    }

    /// A user and their password hash, by name (any case).
    pub async fn user_by_name(&self, name: &str) -> Result<Option<(DeskUser, String)>, StoreError> {
        let name = name.to_string();
        self.with_conn(move |conn| {
            conn.query_row(
                &format!(
                    "SELECT u.id, u.name, u.role, {}, u.password
                     FROM desk_users u WHERE {}",
                    user_scope_columns(conn.engine()),
                    name_is(conn.engine(), "u.name")
                ),
                params![name],
                |row| Ok((row_to_user(row)?, row.get(5)?)),
            )
            .optional()
        })
        .await
    }

    /// Stores a new session (by the SHA-256 of its token) and drops the sessions that
    /// ended before `expired_before_ms`.
    pub async fn create_session(
        &self,
        token_sha256: String,
        user_id: i64,
        csrf: String,
        now_ms: i64,
        expired_before_ms: i64,
    ) -> Result<(), StoreError> {
        self.with_conn(move |conn| {
            conn.execute(
                "DELETE FROM desk_sessions WHERE seen_ms < ?1",
                params![expired_before_ms],
            )?;
            conn.execute(
                "INSERT INTO desk_sessions (token_sha256, user_id, csrf, created_ms, seen_ms)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
                params![token_sha256, user_id, csrf, now_ms],
            )
            .map(drop)
        })
        .await
    }

    /// The session with this token hash, if any.
    pub async fn session(&self, token_sha256: &str) -> Result<Option<Session>, StoreError> {
        let token = token_sha256.to_string();
        self.with_conn(move |conn| {
            conn.query_row(
                &format!(
                    "SELECT u.id, u.name, u.role, {}, s.csrf, s.created_ms, s.seen_ms
                     FROM desk_sessions s JOIN desk_users u ON u.id = s.user_id
                     WHERE s.token_sha256 = ?1",
                    user_scope_columns(conn.engine())
                ),
                params![token],
                |row| {
                    Ok(Session {
                        user: row_to_user(row)?,
                        csrf: row.get(5)?,
                        created_ms: row.get(6)?,
                        seen_ms: row.get(7)?,
                    })
                },
            )
            .optional()
        })
        .await
    }

    /// Records that a session was used at `now_ms`.
    pub async fn touch_session(&self, token_sha256: &str, now_ms: i64) -> Result<(), StoreError> {
        let token = token_sha256.to_string();
        self.with_conn(move |conn| {
            conn.execute(
                "UPDATE desk_sessions SET seen_ms = ?2 WHERE token_sha256 = ?1",
                params![token, now_ms],
            )
            .map(drop)
        })
        .await
    }

    /// Ends a session.
    pub async fn delete_session(&self, token_sha256: &str) -> Result<(), StoreError> {
        let token = token_sha256.to_string();
        self.with_conn(move |conn| {
            conn.execute(
                "DELETE FROM desk_sessions WHERE token_sha256 = ?1",
                params![token],
            )
            .map(drop)
        })
        .await
    }
}

fn row_to_user(row: &db::Row<'_>) -> db::Result<DeskUser> {
    Ok(DeskUser {
        id: row.get(0)?,
        name: row.get(1)?,
        role: Role::from_code(&row.get::<String>(2)?),
        scope: tenants::scope_of(row.get(3)?, row.get::<Option<String>>(4)?.as_deref()),
    })
}

/// A JSON value as SQLite's `json_extract` gave it in text: a string as it is, a number as
/// written, a boolean as 1 or 0, `None` for null or a missing key.
fn json_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        Value::Bool(b) => Some(if *b { "1" } else { "0" }.to_string()),
        // A number as written; an object or array as its JSON text.
        other => Some(other.to_string()),
    }
}

fn row_to_audit(row: &db::Row<'_>) -> db::Result<AuditEntry> {
    Ok(AuditEntry {
        id: row.get(0)?,
        at: row.get(1)?,
        user: row.get(2)?,
        action: row.get(3)?,
        lead_id: row.get(4)?,
        detail: row.get(5)?,
    })
}
