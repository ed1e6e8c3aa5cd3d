//! Login throttling: after a few wrong passwords for one user name, or many from one client
//! address, further attempts wait, doubling each time up to a cap. Counted in memory (a
//! restart forgets), bounded in size like the lead rate limiter.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

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
/// Keys kept at most (a flood of made-up user names cannot grow memory without bound).
const MAX_KEYS: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last_ms: i64,
}

/// What is throttled: a user name and a client address.
#[derive(Debug, Default)]
pub struct LoginThrottle {
    keys: Mutex<HashMap<String, Failures>>,
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

impl LoginThrottle {
    /// How long (ms) this attempt must still wait; 0 when it may go ahead.
    pub fn wait(&self, keys: &[(String, u32)], now_ms: i64) -> i64 {
        let map = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        keys.iter()
            .filter_map(|(key, free)| map.get(key).map(|f| wait_ms(*f, *free, now_ms)))
            .max()
            .unwrap_or(0)
    }

    /// Counts a wrong password.
    pub fn failed(&self, keys: &[(String, u32)], now_ms: i64) {
        let mut map = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() + keys.len() > MAX_KEYS {
            map.retain(|_, f| now_ms - f.last_ms < FORGET_AFTER_MS);
            while map.len() + keys.len() > MAX_KEYS {
                let oldest = map
                    .iter()
                    .min_by_key(|(_, f)| f.last_ms)
                    .map(|(k, _)| k.clone());
                match oldest {
                    Some(key) => map.remove(&key),
                    None => break,
                };
            }
        }
        for (key, _) in keys {
            let entry = map.entry(key.clone()).or_insert(Failures {
                count: 0,
                last_ms: now_ms,
            });
            if now_ms - entry.last_ms >= FORGET_AFTER_MS {
                entry.count = 0;
            }
            entry.count += 1;
            entry.last_ms = now_ms;
        }
    }

    /// A correct password: the user name starts afresh (the address keeps its count, so
    /// one valid account does not reset a guesser's budget for the others).
    pub fn succeeded(&self, keys: &[(String, u32)]) {
        let mut map = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((user_key, _)) = keys.first() {
            map.remove(user_key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_the_free_failures_and_are_forgotten() {
        let throttle = LoginThrottle::default();
        let keys = keys("Sam", None);
        let mut now = 1_000_000;
        for _ in 0..FREE_PER_USER {
            assert_eq!(throttle.wait(&keys, now), 0);
            throttle.failed(&keys, now);
        }
        assert_eq!(throttle.wait(&keys, now), FIRST_WAIT_MS);
        now += FIRST_WAIT_MS;
        assert_eq!(throttle.wait(&keys, now), 0);
        throttle.failed(&keys, now);
        assert_eq!(throttle.wait(&keys, now), 2 * FIRST_WAIT_MS);
        // The name is matched without regard to case.
        assert_eq!(
            throttle.wait(&super::keys(" sam", None), now),
            2 * FIRST_WAIT_MS
        );
        now += FORGET_AFTER_MS;
        assert_eq!(throttle.wait(&keys, now), 0);
    }
}
