//! What a delivery attempt's result means, and how long to wait before the next one.
//! Pure, so the rules are tested natively.

/// What to do after an HTTP status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx, or 409 (the receiver already has this lead).
    Delivered,
    /// 408, 429 and 5xx: the receiver may accept it later.
    Retry,
    /// Any other status: sending the same request again will not help.
    Permanent,
}

pub fn classify(status: u16) -> Outcome {
    match status {
        200..=299 | 409 => Outcome::Delivered,
        408 | 429 | 500..=599 => Outcome::Retry,
        _ => Outcome::Permanent,
    }
}

/// Attempts made while the visitor waits, before the lead is left to the outbox (which keeps
/// retrying in the background, on the next page load and when the browser comes back online).
pub const MAX_ATTEMPTS: u32 = 4;

/// The longest `Retry-After` honoured; a receiver asking for more is retried sooner.
pub const MAX_RETRY_AFTER_MS: f64 = 60_000.0;

/// A request that takes longer than this is abandoned and counts as a network failure.
pub const TIMEOUT_MS: i32 = 15_000;

/// Milliseconds to wait before attempt `attempt` (2, 3, …): exponential from 1 s up to 32 s,
/// with `jitter` in [0, 1) spreading retries from many visitors over ±50%.
pub fn backoff_ms(attempt: u32, jitter: f64) -> i32 {
    let base = 1000.0 * f64::from(1u32 << attempt.saturating_sub(2).min(5));
    (base * (0.5 + jitter.clamp(0.0, 1.0))) as i32
}

/// Reads a `Retry-After` header given in seconds (the HTTP-date form is parsed by the caller,
/// which has a clock). `None` when absent or not a number.
pub fn retry_after_seconds(header: &str) -> Option<f64> {
    let secs: u32 = header.trim().parse().ok()?;
    Some(f64::from(secs) * 1000.0)
}
