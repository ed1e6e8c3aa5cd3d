//! What a delivery attempt's result means, and how long to wait before the next one: the
//! shared rules of `domain::retry` with the widget's own parameters.

pub use crate::domain::retry::{classify, Outcome};
use crate::domain::retry::{retry_after_ms, RetryPolicy};

/// Attempts made while the visitor waits, before the lead is left to the outbox (which keeps
/// retrying in the background, on the next page load and when the browser comes back online).
pub const MAX_ATTEMPTS: u32 = 4;

/// The longest `Retry-After` honoured; a receiver asking for more is retried sooner.
pub const MAX_RETRY_AFTER_MS: f64 = 60_000.0;

/// A request that takes longer than this is abandoned and counts as a network failure.
pub const TIMEOUT_MS: i32 = 15_000;

/// Milliseconds to wait before attempt `attempt` (2, 3, …): [`RetryPolicy::WIDGET`] (1 s up to
/// 32 s), with `jitter` in [0, 1) spreading retries from many visitors over ±50%.
pub fn backoff_ms(attempt: u32, jitter: f64) -> i32 {
    let base = RetryPolicy::WIDGET.delay_ms(attempt.saturating_sub(1)) as f64;
    (base * (0.5 + jitter.clamp(0.0, 1.0))) as i32
}

/// Reads a `Retry-After` header given in seconds (the HTTP-date form is parsed by the caller,
/// which has a clock). `None` when absent or not a number.
pub fn retry_after_seconds(header: &str) -> Option<f64> {
    retry_after_ms(header).map(|ms| ms as f64)
}
