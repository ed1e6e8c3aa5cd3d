//! Login throttling: after a few wrong passwords for one user name, or many from one client
//! address, further attempts wait, doubling each time up to a cap. Counted in the database
//! (`login_failures`), so a restart does not forget them and every process on the database
//! counts together; bounded in size like the lead rate limiter.

use std::net::IpAddr;

use crate::store::{LeadStore, StoreError};

/// Failures allowed for one user name before attempts must wait.
pub const FREE_PER_USER: u32 = 5;
/// Failures allowed from one address (any user names) before attempts must wait.
pub const FREE_PER_ADDRESS: u32 = 20;
/// The first wait, in ms; it doubles with each further failure.
const FIRST_WAIT_MS: i64 = 30_000;
/// The longest wait, in ms.
const MAX_WAIT_MS: i64 = 15 * 60_000;
/// A key with no failure for this long starts again from zero.
const FORGET_AFTER_MS: i64 = 60 * 60_000;
/// Keys kept at most (a flood of made-up user names cannot grow the table without bound).
const MAX_KEYS: usize = 10_000;

/// A key's failures: how many, and the last one (Unix ms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    /// Wrong passwords counted.
    pub count: u32,
    /// When the last one was, Unix ms.
    pub last_ms: i64,
}

/// The keys of one attempt.
pub fn keys(user: &str, address: Option<IpAddr>) -> [(String, u32); 2] {
    let address = match address {
        // IPv6 clients usually hold a whole /64.
        Some(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Some(IpAddr::V4(v4)) => v4.to_string(),
        None => "unknown".to_string(),
    };
    [
        (
            format!("user:{}", user.trim().to_lowercase()),
            FREE_PER_USER,
        ),
        (format!("addr:{address}"), FREE_PER_ADDRESS),
    ]
}

fn wait_ms(failures: Failures, free: u32, now_ms: i64) -> i64 {
    if failures.count < free || now_ms - failures.last_ms >= FORGET_AFTER_MS {
        return 0;
    }
    let doublings = (failures.count - free).min(10);
    let wait = (FIRST_WAIT_MS << doublings).min(MAX_WAIT_MS);
    (failures.last_ms + wait - now_ms).max(0)
}

/// How long (ms) this attempt must still wait; 0 when it may go ahead.
pub async fn wait(
    store: &LeadStore,
    keys: &[(String, u32)],
    now_ms: i64,
) -> Result<i64, StoreError> {
    let names: Vec<String> = keys.iter().map(|(k, _)| k.clone()).collect();
    let found = store.login_failures(names).await?;
    Ok(keys
        .iter()
        .filter_map(|(key, free)| {
            found
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, f)| wait_ms(*f, *free, now_ms))
        })
        .max()
        .unwrap_or(0))
}

/// Counts a wrong password.
pub async fn failed(
    store: &LeadStore,
    keys: &[(String, u32)],
    now_ms: i64,
) -> Result<(), StoreError> {
    let names: Vec<String> = keys.iter().map(|(k, _)| k.clone()).collect();
    store
        .login_failed(names, now_ms, now_ms - FORGET_AFTER_MS, MAX_KEYS)
        .await
}

/// A correct password: the user name starts afresh (the address keeps its count, so one
/// valid account does not reset a guesser's budget for the others).
pub async fn succeeded(store: &LeadStore, keys: &[(String, u32)]) -> Result<(), StoreError> {
    match keys.first() {
        Some((user_key, _)) => store.login_succeeded(user_key.clone()).await,
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn waits_grow_after_the_free_failures_and_are_forgotten() {
        let store = LeadStore::open_in_memory().expect("db");
        let keys = keys("Sam", None);
        let mut now = 1_000_000;
        for _ in 0..FREE_PER_USER {
            assert_eq!(wait(&store, &keys, now).await.expect("db"), 0);
            failed(&store, &keys, now).await.expect("db");
        }
        assert_eq!(wait(&store, &keys, now).await.expect("db"), FIRST_WAIT_MS);
        now += FIRST_WAIT_MS;
        assert_eq!(wait(&store, &keys, now).await.expect("db"), 0);
        failed(&store, &keys, now).await.expect("db");
        assert_eq!(
            wait(&store, &keys, now).await.expect("db"),
            2 * FIRST_WAIT_MS
        );
        // The name is matched without regard to case.
        assert_eq!(
            wait(&store, &super::keys(" sam", None), now)
                .await
                .expect("db"),
            2 * FIRST_WAIT_MS
        );
        // A success forgets the name, not the address.
        succeeded(&store, &keys).await.expect("db");
        assert_eq!(wait(&store, &keys, now).await.expect("db"), 0);
        failed(&store, &keys, now).await.expect("db");
        now += FORGET_AFTER_MS;
        assert_eq!(wait(&store, &keys, now).await.expect("db"), 0);
    }

    #[tokio::test]
    async fn the_table_stays_bounded() {
        let store = LeadStore::open_in_memory().expect("db");
        for n in 0..30 {
            store
                .login_failed(vec![format!("user:{n}")], 1_000 + n, 0, 10)
                .await
                .expect("db");
        }
        let kept = store
            .login_failures((0..30).map(|n| format!("user:{n}")).collect())
            .await
            .expect("db");
        assert!(kept.len() <= 10, "{}", kept.len());
        assert!(
            kept.iter().any(|(k, _)| k == "user:29"),
            "the newest is kept"
        );
    }
}
