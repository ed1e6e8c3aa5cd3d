//! One connection type for both storage engines, so the store's queries are written once.
//!
//! SQL is written with SQLite's numbered placeholders (`?1`, `?2`…); on PostgreSQL they are
//! rewritten to `$1`, `$2`… (never inside a string literal or a quoted name). Parameters are
//! owned [`Value`]s, built with [`params!`]; a row is read by column index into any
//! [`FromValue`] type (`i64`, `u32`, `bool`, `String`, `Vec<u8>`, `Option<_>`…). Where the two
//! dialects really differ, the call site matches on [`Conn::engine`] and keeps both texts
//! side by side.
//!
//! Hand-written because no crate offers this for the two synchronous drivers we use
//! (rusqlite, postgres): the crates that span both engines (sqlx, diesel, sea-query) bring
//! their own async runtime model or query builder, and the store's ~110 queries are plain SQL.

use std::cell::RefCell;

use postgres::types::{IsNull, Type};

/// Which database the inbox keeps its leads in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// One SQLite file (the default), or an in-memory database in tests.
    Sqlite,
    /// A PostgreSQL database (`database_url`), shared by any number of inbox processes.
    Postgres,
}

impl Engine {
    /// `sqlite` or `postgres`, for the start-up line and `/readyz`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// A database error of either engine, or a value of an unexpected type.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite refused or failed.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL refused or failed.
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
    /// No PostgreSQL connection could be had from the pool.
    #[error("PostgreSQL pool: {0}")]
    Pool(#[from] r2d2::Error),
    /// A query that must return a row returned none.
    #[error("the query returned no row")]
    NoRow,
    /// A column held something the code did not expect.
    #[error("column {index}: {message}")]
    Column {
        /// The column's index.
        index: usize,
        /// What was wrong.
        message: String,
    },
}

/// Results of this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `query_row(…).optional()`: no row is `None`, not an error.
pub trait OptionalExt<T> {
    /// `Ok(None)` for [`Error::NoRow`].
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExt<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(Error::NoRow) => Ok(None),
            Err(err) => Err(err),
        }
    }
}

/// A parameter or column value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// An integer (BIGINT on PostgreSQL; booleans are stored as 0/1 on both engines).
    Int(i64),
    /// A floating-point number.
    Real(f64),
    /// Text.
    Text(String),
    /// Bytes (BLOB, BYTEA).
    Bytes(Vec<u8>),
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Self::Int(n)
    }
}

/// Anything that can be a query parameter.
pub trait ToValue {
    /// This as a parameter.
    fn to_value(&self) -> Value;
}

macro_rules! int_to_value {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value {
                Value::Int(i64::from(*self))
            }
        }
    )*};
}
int_to_value!(i64, i32, u32, u16, u8, bool);

impl ToValue for u64 {
    fn to_value(&self) -> Value {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl ToValue for usize {
    fn to_value(&self) -> Value {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl ToValue for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
}

impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
}

impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}

impl ToValue for [u8] {
    fn to_value(&self) -> Value {
        Value::Bytes(self.to_vec())
    }
}

impl ToValue for Vec<u8> {
    fn to_value(&self) -> Value {
        Value::Bytes(self.clone())
    }
}

impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

/// Query parameters, `?1` first: `params![id, now, body]` (each taken by reference).
macro_rules! params {
    ($($param:expr),* $(,)?) => {
        &[$($crate::store::db::ToValue::to_value(&$param)),*] as &[$crate::store::db::Value]
    };
}
pub(crate) use params;

/// What a column can be read into.
pub trait FromValue: Sized {
    /// From the column's value; `Err` says what did not fit.
    fn from_value(value: Value) -> Result<Self, String>;
}

fn unexpected(value: &Value, wanted: &str) -> String {
    let found = match value {
        Value::Null => "NULL",
        Value::Int(_) => "an integer",
        Value::Real(_) => "a real number",
        Value::Text(_) => "text",
        Value::Bytes(_) => "bytes",
    };
    format!("{found} where {wanted} was expected")
}

impl FromValue for i64 {
    fn from_value(value: Value) -> Result<Self, String> {
        match value {
            Value::Int(n) => Ok(n),
            other => Err(unexpected(&other, "an integer")),
        }
    }
}

macro_rules! int_from_value {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(value: Value) -> Result<Self, String> {
                let n = i64::from_value(value)?;
                <$t>::try_from(n).map_err(|_| format!("{n} is out of range"))
            }
        }
    )*};
}
int_from_value!(i32, u32, u64, usize);

impl FromValue for bool {
    fn from_value(value: Value) -> Result<Self, String> {
        i64::from_value(value).map(|n| n != 0)
    }
}

impl FromValue for f64 {
    fn from_value(value: Value) -> Result<Self, String> {
        match value {
            Value::Real(x) => Ok(x),
            // Every i64 a count can reach is exact enough as a float here.
            #[allow(clippy::cast_precision_loss)]
            Value::Int(n) => Ok(n as f64),
            other => Err(unexpected(&other, "a number")),
        }
    }
}

impl FromValue for String {
    fn from_value(value: Value) -> Result<Self, String> {
        match value {
            Value::Text(text) => Ok(text),
            other => Err(unexpected(&other, "text")),
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_value(value: Value) -> Result<Self, String> {
        match value {
            Value::Bytes(bytes) => Ok(bytes),
            Value::Text(text) => Ok(text.into_bytes()),
            other => Err(unexpected(&other, "bytes")),
        }
    }
}

impl FromValue for Value {
    fn from_value(value: Value) -> Result<Self, String> {
        Ok(value)
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: Value) -> Result<Self, String> {
        match value {
            Value::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

/// One row of a result, read by column index.
pub struct Row<'a>(RowInner<'a>);

enum RowInner<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Postgres(&'a postgres::Row),
}

impl Row<'_> {
    /// Column `index` as a `T`.
    pub fn get<T: FromValue>(&self, index: usize) -> Result<T> {
        T::from_value(self.value(index)?).map_err(|message| Error::Column { index, message })
    }

    /// Column `index` as it is.
    pub fn value(&self, index: usize) -> Result<Value> {
        match &self.0 {
            RowInner::Sqlite(row) => {
                use rusqlite::types::ValueRef;
                Ok(match row.get_ref(index)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) => Value::Int(n),
                    ValueRef::Real(x) => Value::Real(x),
                    ValueRef::Text(text) => Value::Text(String::from_utf8_lossy(text).into()),
                    ValueRef::Blob(bytes) => Value::Bytes(bytes.to_vec()),
                })
            }
            RowInner::Postgres(row) => postgres_value(row, index),
        }
    }
}

fn postgres_value(row: &postgres::Row, index: usize) -> Result<Value> {
    let Some(column) = row.columns().get(index) else {
        return Err(Error::Column {
            index,
            message: "no such column".into(),
        });
    };
    let ty = column.type_();
    let value = if *ty == Type::INT8 {
        row.try_get::<_, Option<i64>>(index)?.map(Value::Int)
    } else if *ty == Type::INT4 {
        row.try_get::<_, Option<i32>>(index)?
            .map(|n| Value::Int(n.into()))
    } else if *ty == Type::INT2 {
        row.try_get::<_, Option<i16>>(index)?
            .map(|n| Value::Int(n.into()))
    } else if *ty == Type::BOOL {
        row.try_get::<_, Option<bool>>(index)?
            .map(|b| Value::Int(b.into()))
    } else if *ty == Type::FLOAT8 {
        row.try_get::<_, Option<f64>>(index)?.map(Value::Real)
    } else if *ty == Type::FLOAT4 {
        row.try_get::<_, Option<f32>>(index)?
            .map(|x| Value::Real(x.into()))
    } else if *ty == Type::BYTEA {
        row.try_get::<_, Option<Vec<u8>>>(index)?.map(Value::Bytes)
    } else if [Type::TEXT, Type::VARCHAR, Type::BPCHAR, Type::NAME].contains(ty) {
        row.try_get::<_, Option<String>>(index)?.map(Value::Text)
    } else {
        return Err(Error::Column {
            index,
            message: format!("type {ty} is not read by the store (cast it to text)"),
        });
    };
    Ok(value.unwrap_or(Value::Null))
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            Self::Null => ValueRef::Null,
            Self::Int(n) => ValueRef::Integer(*n),
            Self::Real(x) => ValueRef::Real(*x),
            Self::Text(text) => ValueRef::Text(text.as_bytes()),
            Self::Bytes(bytes) => ValueRef::Blob(bytes),
        }))
    }
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl postgres::types::ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
        match self {
            Self::Null => Ok(IsNull::Yes),
            Self::Int(n) => {
                if *ty == Type::INT8 {
                    n.to_sql(ty, out)
                } else if *ty == Type::INT4 {
                    i32::try_from(*n)?.to_sql(ty, out)
                } else if *ty == Type::INT2 {
                    i16::try_from(*n)?.to_sql(ty, out)
                } else if *ty == Type::BOOL {
                    (*n != 0).to_sql(ty, out)
                } else if *ty == Type::FLOAT8 {
                    #[allow(clippy::cast_precision_loss)]
                    (*n as f64).to_sql(ty, out)
                } else {
                    n.to_string().to_sql(ty, out)
                }
            }
            Self::Real(x) => x.to_sql(ty, out),
            Self::Text(text) => {
                if *ty == Type::JSONB {
                    // jsonb's binary form: a version byte, then the text.
                    out.extend_from_slice(&[1]);
                    out.extend_from_slice(text.as_bytes());
                    Ok(IsNull::No)
                } else if *ty == Type::JSON {
                    out.extend_from_slice(text.as_bytes());
                    Ok(IsNull::No)
                } else {
                    text.as_str().to_sql(ty, out)
                }
            }
            Self::Bytes(bytes) => bytes.as_slice().to_sql(ty, out),
        }
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A pooled PostgreSQL connection.
pub type Pooled = r2d2::PooledConnection<r2d2_postgres::PostgresConnectionManager<postgres::NoTls>>;

/// One database connection of either engine.
pub struct Conn {
    inner: Inner,
}

enum Inner {
    Sqlite(rusqlite::Connection),
    // `postgres::Client` wants `&mut` for every query; the store's code reads like rusqlite's
    // (`&self`), and a connection is only ever used by one thread at a time.
    Postgres(Box<RefCell<Pooled>>),
}

impl std::fmt::Debug for Conn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Conn({})", self.engine().name())
    }
}

impl Conn {
    /// Wraps an SQLite connection.
    pub fn sqlite(conn: rusqlite::Connection) -> Self {
        Self {
            inner: Inner::Sqlite(conn),
        }
    }

    /// Wraps a pooled PostgreSQL connection.
    pub fn postgres(conn: Pooled) -> Self {
        Self {
            inner: Inner::Postgres(Box::new(RefCell::new(conn))),
        }
    }

    /// Which engine this is.
    pub fn engine(&self) -> Engine {
        match self.inner {
            Inner::Sqlite(_) => Engine::Sqlite,
            Inner::Postgres(_) => Engine::Postgres,
        }
    }

    /// The SQLite connection itself, for what only SQLite has (pragmas, old files).
    pub fn as_sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.inner {
            Inner::Sqlite(conn) => Some(conn),
            Inner::Postgres(_) => None,
        }
    }

    /// The database file, if this is an SQLite file (not in memory, not PostgreSQL).
    pub fn path(&self) -> Option<String> {
        self.as_sqlite()
            .and_then(rusqlite::Connection::path)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
    }

    /// Runs one statement; returns the number of rows changed.
    pub fn execute(&self, sql: &str, params: &[Value]) -> Result<usize> {
        match &self.inner {
            Inner::Sqlite(conn) => Ok(conn
                .prepare(sql)?
                .execute(rusqlite::params_from_iter(params))?),
            Inner::Postgres(client) => {
                let changed = client
                    .borrow_mut()
                    .execute(placeholders(sql).as_str(), &pg_params(params))?;
                Ok(usize::try_from(changed).unwrap_or(usize::MAX))
            }
        }
    }

    /// Runs several statements without parameters.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Inner::Postgres(client) => Ok(client.borrow_mut().batch_execute(sql)?),
        }
    }

    /// The first row of a query, read by `f`; [`Error::NoRow`] when there is none (see
    /// [`OptionalExt::optional`]).
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: &[Value],
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut f = Some(f);
        let mut found = None;
        self.query_each(sql, params, |row| {
            if let Some(f) = f.take() {
                found = Some(f(row)?);
            }
            Ok(false)
        })?;
        found.ok_or(Error::NoRow)
    }

    /// Every row of a query, each read by `f`.
    pub fn query_map<T>(
        &self,
        sql: &str,
        params: &[Value],
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut rows = Vec::new();
        self.query_each(sql, params, |row| {
            rows.push(f(row)?);
            Ok(true)
        })?;
        Ok(rows)
    }

    /// Reads rows one at a time while `f` returns `true`, so a caller can stop early without
    /// holding the rest in memory.
    pub fn query_each(
        &self,
        sql: &str,
        params: &[Value],
        mut f: impl FnMut(&Row<'_>) -> Result<bool>,
    ) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(conn) => {
                let mut stmt = conn.prepare(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
                while let Some(row) = rows.next()? {
                    if !f(&Row(RowInner::Sqlite(row)))? {
                        break;
                    }
                }
                Ok(())
            }
            Inner::Postgres(client) => {
                use postgres::fallible_iterator::FallibleIterator as _;
                let mut client = client.borrow_mut();
                let sql = placeholders(sql);
                let mut rows = client.query_raw(sql.as_str(), params.iter())?;
                while let Some(row) = rows.next()? {
                    if !f(&Row(RowInner::Postgres(&row)))? {
                        break;
                    }
                }
                Ok(())
            }
        }
    }

    /// Starts a transaction (`BEGIN IMMEDIATE` on SQLite: the write lock up front, so what
    /// it reads is what it writes over; `BEGIN` on PostgreSQL). Rolled back when dropped
    /// without [`Tx::commit`].
    pub fn transaction(&self) -> Result<Tx<'_>> {
        self.execute_batch(match self.engine() {
            Engine::Sqlite => "BEGIN IMMEDIATE",
            Engine::Postgres => "BEGIN",
        })?;
        Ok(Tx {
            conn: self,
            open: true,
        })
    }
}

/// An open transaction; derefs to its connection.
pub struct Tx<'a> {
    conn: &'a Conn,
    open: bool,
}

impl Tx<'_> {
    /// Commits. If that fails, the transaction is rolled back.
    pub fn commit(mut self) -> Result<()> {
        self.conn.execute_batch("COMMIT")?;
        self.open = false;
        Ok(())
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Conn;

    fn deref(&self) -> &Conn {
        self.conn
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open {
            // Nothing to do if this fails: the connection then has no transaction open.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

fn pg_params(params: &[Value]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    params
        .iter()
        .map(|p| p as &(dyn postgres::types::ToSql + Sync))
        .collect()
}

/// `?N` → `$N`, outside string literals ('…') and quoted names ("…").
pub fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                // A doubled quote inside a literal is one quote: it closes and reopens.
                if c == q {
                    quote = None;
                }
                out.push(c);
            }
            None => {
                if c == '\'' || c == '"' {
                    quote = Some(c);
                    out.push(c);
                } else if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
                    out.push('$');
                } else {
                    out.push(c);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_rewritten_outside_literals_only() {
        assert_eq!(
            placeholders("SELECT ?1, '?2', \"a?3\", 'it''s ?4', ?12 FROM t WHERE x = ?"),
            "SELECT $1, '?2', \"a?3\", 'it''s ?4', $12 FROM t WHERE x = ?"
        );
    }

    #[test]
    fn values_convert_both_ways() {
        let conn = Conn::sqlite(rusqlite::Connection::open_in_memory().expect("db"));
        let row: (i64, Option<String>, Vec<u8>, bool, u32) = conn
            .query_row(
                "SELECT ?1, ?2, ?3, ?4, ?5",
                params![7_i64, None::<String>, vec![1_u8, 2], true, 3_u32],
                |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                },
            )
            .expect("row");
        assert_eq!(row, (7, None, vec![1, 2], true, 3));
        assert!(matches!(
            conn.query_row("SELECT 1 WHERE 0", params![], |row| row.get::<i64>(0)),
            Err(Error::NoRow)
        ));
        assert!(conn
            .query_row("SELECT 'x'", params![], |row| row.get::<i64>(0))
            .is_err());
    }

    #[test]
    fn a_dropped_transaction_is_rolled_back() {
        let conn = Conn::sqlite(rusqlite::Connection::open_in_memory().expect("db"));
        conn.execute_batch("CREATE TABLE t (x INTEGER)")
            .expect("table");
        {
            let tx = conn.transaction().expect("begin");
            tx.execute("INSERT INTO t VALUES (?1)", params![1])
                .expect("insert");
        }
        let tx = conn.transaction().expect("begin");
        tx.execute("INSERT INTO t VALUES (?1)", params![2])
            .expect("insert");
        tx.commit().expect("commit");
        let all = conn
            .query_map("SELECT x FROM t", params![], |row| row.get::<i64>(0))
            .expect("rows");
        assert_eq!(all, [2]);
    }
}
