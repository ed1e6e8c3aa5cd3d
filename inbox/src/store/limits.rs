//! The lead rate limit's buckets shared by every instance on one PostgreSQL database
//! (`rate_buckets`): each instance keeps its own buckets in memory as a first line (cheap,
//! and it keeps a flood off the database), and on PostgreSQL a POST that passes them takes a
//! token from the client's shared bucket too, so N instances allow what one would, not N
//! times as much. On SQLite (one process) the memory buckets are the limit.

use std::time::Duration;

use super::db::{params, OptionalExt as _};
use super::{LeadStore, StoreError};

impl LeadStore {
    /// Takes a token from `key`'s shared bucket (`burst` tokens, refilled at `per_second`) at
    /// `now_ms`: `Ok(Ok(()))`, or `Ok(Err(wait))` when it is empty. `forget` also drops the
    /// buckets that have refilled completely (they are the same as none). PostgreSQL only
    /// (`FOR UPDATE`): the row is locked for the read-modify-write, so instances taking from
    /// one bucket at once each see the other's take.
    pub async fn take_shared_token(
        &self,
        key: String,
        now_ms: i64,
        per_second: f64,
        burst: f64,
        forget: bool,
    ) -> Result<Result<(), Duration>, StoreError> {
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            tx.execute(
                "INSERT INTO rate_buckets (key, tokens, last_ms) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO NOTHING",
                params![key.clone(), burst, now_ms],
            )?;
            let (tokens, last_ms): (f64, i64) = tx
                .query_row(
                    "SELECT tokens, last_ms FROM rate_buckets WHERE key = ?1 FOR UPDATE",
                    params![key.clone()],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?
                .unwrap_or((burst, now_ms));
            // Clocks of instances may differ a little: time never runs backwards here.
            let elapsed = (now_ms - last_ms).max(0) as f64 / 1000.0;
            let tokens = (tokens + elapsed * per_second).min(burst);
            let (left, outcome) = if tokens >= 1.0 {
                (tokens - 1.0, Ok(()))
            } else {
                let wait = Duration::from_secs_f64((1.0 - tokens) / per_second);
                (tokens, Err(wait))
            };
            tx.execute(
                "UPDATE rate_buckets SET tokens = ?2, last_ms = ?3 WHERE key = ?1",
                params![key, left, now_ms.max(last_ms)],
            )?;
            if forget {
                let full_after_ms = (burst / per_second * 1000.0).ceil() as i64;
                tx.execute(
                    "DELETE FROM rate_buckets WHERE last_ms < ?1",
                    params![now_ms.saturating_sub(full_after_ms)],
                )?;
            }
            tx.commit()?;
            Ok(outcome)
        })
        .await
    }
}
