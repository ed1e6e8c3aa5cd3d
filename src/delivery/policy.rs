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

/// Attempts made before the visitor is asked to try again.
pub const MAX_ATTEMPTS: u32 = 4;

/// A request that takes longer than this is abandoned and counts as a network failure.
pub const TIMEOUT_MS: i32 = 15_000;

/// Milliseconds to wait before attempt `attempt` (2, 3, …): exponential from 1 s, with
/// `jitter` in [0, 1) spreading retries from many visitors over ±50%.
pub fn backoff_ms(attempt: u32, jitter: f64) -> i32 {
    let base = 1000.0 * f64::from(1u32 << attempt.saturating_sub(2).min(6));
    (base * (0.5 + jitter.clamp(0.0, 1.0))) as i32
}
