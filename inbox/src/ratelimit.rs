//! Per-client rate limit on posting leads: a token bucket per client address (in memory, and
//! on PostgreSQL also one shared by every instance on the database: `store::limits`).
//!
//! Kept rather than `tower_governor`: that crate's proxy-aware key extractor believes
//! `X-Forwarded-For` from any peer (a client could then pick its own bucket), its table of keys
//! grows until a periodic clean-up runs, and IPv6 /64 grouping would have to be written here
//! anyway. This bucket table is bounded and the client address is taken from the header only
//! when the peer is a configured trusted proxy ([`client_ip`]).
//!
//! Each address (the TCP peer, or behind a trusted proxy the client it names; IPv6 addresses
//! by their /64, since one host usually holds a
//! whole /64) gets a bucket of `burst` tokens that refills at `per_minute / 60` tokens a
//! second; a POST takes one token, and with none left the answer is 429 with `Retry-After`.
//! The table of buckets is bounded: when it is full, buckets that have refilled completely
//! (indistinguishable from a new one) are dropped, and if that frees nothing, the one seen
//! least recently goes.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ipnet::IpNet;

use crate::api::ApiError;
use crate::AppState;

/// Most client addresses tracked at once.
pub const DEFAULT_MAX_CLIENTS: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

/// The buckets and their parameters.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    max_clients: usize,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
    /// Shared-bucket takes so far (every [`FORGET_EVERY`]th also drops full buckets).
    shared_takes: AtomicU64,
}

/// How often a take from the shared buckets also drops those that have refilled.
const FORGET_EVERY: u64 = 256;

impl RateLimiter {
    /// `per_minute` POSTs a minute on average, up to `burst` at once; `None` when
    /// `per_minute` is 0 (no limit).
    pub fn new(per_minute: u32, burst: u32) -> Option<Self> {
        Self::with_capacity(per_minute, burst, DEFAULT_MAX_CLIENTS)
    }

    /// As [`RateLimiter::new`], tracking at most `max_clients` addresses.
    pub fn with_capacity(per_minute: u32, burst: u32, max_clients: usize) -> Option<Self> {
        (per_minute > 0).then(|| Self {
            per_second: f64::from(per_minute) / 60.0,
            burst: f64::from(burst.max(1)),
            max_clients: max_clients.max(1),
            buckets: Mutex::new(HashMap::new()),
            shared_takes: AtomicU64::new(0),
        })
    }

    /// Takes a token for `ip` at `now`: `Ok(())`, or `Err(wait)` with how long until one is
    /// available.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let key = client_key(ip);
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !buckets.contains_key(&key) && buckets.len() >= self.max_clients {
            self.evict(&mut buckets, now);
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
            tokens: self.burst,
            last: now,
        });
        let elapsed = now.saturating_duration_since(bucket.last).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.burst);
        bucket.last = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - bucket.tokens) / self.per_second,
            ))
        }
    }

    /// Takes a token from `ip`'s bucket shared by every instance on the same PostgreSQL
    /// database (see `store::limits`). A database error lets the POST through: storing the
    /// lead will meet the same error and answer for it.
    pub async fn check_shared(&self, store: &crate::LeadStore, ip: IpAddr) -> Result<(), Duration> {
        let forget = self
            .shared_takes
            .fetch_add(1, Ordering::Relaxed)
            .is_multiple_of(FORGET_EVERY);
        let key = client_key(ip).to_string();
        match store
            .take_shared_token(
                key,
                crate::clock::now_unix_ms(),
                self.per_second,
                self.burst,
                forget,
            )
            .await
        {
            Ok(verdict) => verdict,
            Err(err) => {
                eprintln!("smp-inbox: shared rate limit: {err}");
                Ok(())
            }
        }
    }

    /// Number of addresses tracked now.
    pub fn tracked(&self) -> usize {
        self.buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .len()
    }

    fn evict(&self, buckets: &mut HashMap<IpAddr, Bucket>, now: Instant) {
        let refill = Duration::from_secs_f64(self.burst / self.per_second);
        buckets.retain(|_, b| now.saturating_duration_since(b.last) < refill);
        if buckets.len() >= self.max_clients {
            if let Some(oldest) = buckets.iter().min_by_key(|(_, b)| b.last).map(|(k, _)| *k) {
                buckets.remove(&oldest);
            }
        }
    }
}

/// IPv4 (also when mapped into IPv6) as is; IPv6 by its /64.
pub(crate) fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

/// The client's address: the TCP peer, unless the peer is a trusted proxy; then the nearest
/// address in `X-Forwarded-For` that is not itself a trusted proxy (each proxy appends the
/// address it saw, so only the right end of the list can be believed).
pub fn client_ip(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let Some(list) = forwarded_for else {
        return peer;
    };
    let mut client = peer;
    for hop in list.rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) if is_trusted(&ip) => client = ip,
            Ok(ip) => return ip,
            // Garbage from the client's own part of the header: stop at what we know.
            Err(_) => return client,
        }
    }
    client
}

/// The middleware; install with `axum::middleware::from_fn_with_state`. Limits POSTs only,
/// and only when the peer address is known (it is when served by [`crate::Server`]).
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // Only lead POSTs: the desk's forms are people at work (logins have their own throttle).
    if let (Some(limiter), true) = (
        state.rate_limiter.as_deref(),
        request.method() == Method::POST && !request.uri().path().starts_with("/admin"),
    ) {
        if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>() {
            let forwarded = request
                .headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok());
            let client = client_ip(peer.ip(), forwarded, &state.trusted_proxies);
            let mut verdict = limiter.check(client, Instant::now());
            if verdict.is_ok() && state.store.engine() == crate::store::db::Engine::Postgres {
                verdict = limiter.check_shared(&state.store, client).await;
            }
            if let Err(wait) = verdict {
                let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                let seconds = seconds.max(1);
                let mut response = ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    format!("too many leads from this address; retry in {seconds} s"),
                )
                .into_response();
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                return response;
            }
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_refill() {
        let limiter = RateLimiter::new(60, 3).expect("on");
        let ip: IpAddr = "203.0.113.7".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check(ip, t0), Ok(()));
        }
        let wait = limiter.check(ip, t0).expect_err("empty");
        assert!(
            wait <= Duration::from_secs(1) && wait > Duration::ZERO,
            "{wait:?}"
        );
        // Another address has its own bucket.
        assert_eq!(limiter.check("203.0.113.8".parse().unwrap(), t0), Ok(()));
        // One token a second at 60 a minute.
        assert_eq!(limiter.check(ip, t0 + Duration::from_millis(1001)), Ok(()));
        assert!(limiter.check(ip, t0 + Duration::from_millis(1002)).is_err());
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let proxy: IpNet = "10.0.0.0/8".parse().unwrap();
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let trusted = [proxy];
        // Not from a proxy: the header is the client's own invention.
        assert_eq!(
            client_ip(ip("203.0.113.9"), Some("1.2.3.4"), &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_ip(ip("10.0.0.2"), Some("1.2.3.4"), &[]),
            ip("10.0.0.2")
        );
        // From the proxy: the address it appended, not what the client wrote before it.
        assert_eq!(
            client_ip(ip("10.0.0.2"), Some("6.6.6.6, 198.51.100.7"), &trusted),
            ip("198.51.100.7")
        );
        // Through two proxies.
        assert_eq!(
            client_ip(ip("10.0.0.2"), Some("198.51.100.7, 10.0.0.3"), &trusted),
            ip("198.51.100.7")
        );
        assert_eq!(client_ip(ip("10.0.0.2"), None, &trusted), ip("10.0.0.2"));
        assert_eq!(
            client_ip(ip("10.0.0.2"), Some("junk, 10.0.0.3"), &trusted),
            ip("10.0.0.3")
        );
    }

    #[test]
    fn zero_disables() {
        assert!(RateLimiter::new(0, 20).is_none());
    }

    #[test]
    fn ipv6_clients_share_their_64_and_mapped_v4_is_v4() {
        let limiter = RateLimiter::new(60, 1).expect("on");
        let t0 = Instant::now();
        assert!(limiter
            .check("2001:db8:1:2::1".parse().unwrap(), t0)
            .is_ok());
        assert!(limiter
            .check("2001:db8:1:2::99".parse().unwrap(), t0)
            .is_err());
        assert!(limiter
            .check("2001:db8:1:3::1".parse().unwrap(), t0)
            .is_ok());
        assert!(limiter.check("192.0.2.1".parse().unwrap(), t0).is_ok());
        assert!(limiter
            .check("::ffff:192.0.2.1".parse().unwrap(), t0)
            .is_err());
    }

    #[test]
    fn memory_stays_bounded() {
        let limiter = RateLimiter::with_capacity(60, 5, 100).expect("on");
        let t0 = Instant::now();
        for n in 0..1000u32 {
            let ip = IpAddr::from(n.to_be_bytes());
            let _ = limiter.check(ip, t0 + Duration::from_millis(u64::from(n)));
            assert!(limiter.tracked() <= 100);
        }
        // Idle buckets (refilled after 5 s) are dropped in bulk when the table is full.
        let later = t0 + Duration::from_secs(60);
        let _ = limiter.check("198.51.100.1".parse().unwrap(), later);
        assert_eq!(limiter.tracked(), 1);
    }
}
