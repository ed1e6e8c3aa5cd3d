//! How a delivery that failed is retried: one policy type for the widget's outbox and the
//! inbox's forwarding, each with its own parameters (the widget retries within seconds while a
//! visitor waits; the inbox keeps trying for days). Pure, tested natively.

/// Exponential backoff: the wait after the first failure, doubling after each further one, up
/// to a cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Wait after the first failed attempt, in milliseconds.
    pub first_delay_ms: u64,
    /// Longest wait between two attempts, in milliseconds.
    pub max_delay_ms: u64,
}

impl RetryPolicy {
    /// The widget's: 1 s, 2 s, 4 s… up to 32 s (spread by jitter, see `delivery::policy`).
    pub const WIDGET: RetryPolicy = RetryPolicy {
        first_delay_ms: 1_000,
        max_delay_ms: 32_000,
    };

    /// The inbox's defaults: 1 s doubling up to an hour apart.
    pub const INBOX: RetryPolicy = RetryPolicy {
        first_delay_ms: 1_000,
        max_delay_ms: 3_600_000,
    };

    /// The wait, in milliseconds, after `failures` failed attempts (1 = after the first).
    pub fn delay_ms(&self, failures: u32) -> u64 {
        let doublings = failures.saturating_sub(1).min(40);
        self.first_delay_ms
            .saturating_mul(1u64 << doublings)
            .min(self.max_delay_ms)
    }
}

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

/// The meaning of a receiver's HTTP status, for the widget and the inbox alike.
pub fn classify(status: u16) -> Outcome {
    match status {
        200..=299 | 409 => Outcome::Delivered,
        408 | 429 | 500..=599 => Outcome::Retry,
        _ => Outcome::Permanent,
    }
}

/// Reads a `Retry-After` header given in seconds (the HTTP-date form is parsed by the caller,
/// which has a clock), as milliseconds. `None` when absent or not a number.
pub fn retry_after_ms(header: &str) -> Option<u64> {
    let secs: u32 = header.trim().parse().ok()?;
    Some(u64::from(secs) * 1000)
}
