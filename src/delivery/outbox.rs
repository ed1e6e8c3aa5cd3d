//! The outbox: leads not yet delivered, kept (after consent) in the browser's local storage so
//! none is lost to a network failure, a closed tab or a reload. Pure data and rules here; the
//! browser side (storage, timers, fetch) is in `delivery/mod.rs`.

use serde::Serialize;

use crate::domain::address::WebUrl;
use crate::domain::json;
use crate::domain::raw::Raw;
use crate::domain::text::is_invisible;

use super::policy::{backoff_ms, MAX_RETRY_AFTER_MS};

/// How a pending delivery is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The clinic's endpoint, JSON with `Idempotency-Key`.
    Json,
    /// The clinic's endpoint, as a simple `text/plain` request (no CORS preflight).
    Simple,
    /// HubSpot's forms submission API.
    Hubspot,
}
crate::domain::codes::codes!(Kind { Json => "json", Simple => "simple", Hubspot => "hubspot" });

/// One lead for one target, waiting to be delivered. `body` is the exact request body sent
/// every time, so the receiver sees the same `id` and bytes on every attempt and stores it once.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pending {
    /// Unique in the outbox: `<lead id>:<kind>`.
    pub id: String,
    /// The lead's id: the `Idempotency-Key`.
    pub lead_id: String,
    pub kind: Kind,
    /// Checked by the rules of [`WebUrl`] when made and again whenever read back from storage.
    pub endpoint: WebUrl,
    /// The exact JSON request body; never empty.
    pub body: String,
    /// Attempts made so far.
    pub attempts: u32,
    /// When the next attempt may start (ms since the epoch; stored as a whole number).
    pub next_at: f64,
    /// Whether that time is the receiver's own `Retry-After` (kept across page loads), rather
    /// than our backoff (dropped when a new page loads or the browser comes back online).
    pub retry_after: bool,
}

/// All pending leads of this site, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Outbox {
    pub items: Vec<Pending>,
}

impl Outbox {
    /// Reads the stored outbox; unreadable entries are dropped, never trusted half-way.
    pub fn from_raw(raw: &Raw) -> Outbox {
        Outbox::read(raw).0
    }

    /// Reads the stored outbox, and says why each entry it drops was dropped: an entry whose
    /// endpoint breaks the address rules (a planted `javascript:` or `http://` one, say) or
    /// whose body is empty is never sent. An outbox an older widget wrote as a JSON string (on
    /// pages with Prototype.js's `Array.prototype.toJSON`) is read from inside the string.
    pub fn read(raw: &Raw) -> (Outbox, Vec<Refused>) {
        if let Raw::Text(text) = raw {
            return match json::parse(text) {
                Ok(inner @ Raw::List(_)) => Outbox::read(&inner),
                _ => (Outbox::default(), Vec::new()),
            };
        }
        let Raw::List(items) = raw else {
            return (Outbox::default(), Vec::new());
        };
        let mut refused = Vec::new();
        let items = items
            .iter()
            .filter_map(|item| {
                let text = |k| item.get(k).and_then(Raw::as_str).map(str::to_string);
                let lead_id = text("lead_id")?;
                let endpoint = text("endpoint").unwrap_or_default();
                let endpoint = match WebUrl::parse(&endpoint) {
                    Ok(url) => url,
                    Err(e) => {
                        refused.push(Refused {
                            lead_id,
                            why: format!("its endpoint is not {e} ({})", shorten(&endpoint)),
                        });
                        return None;
                    }
                };
                let body = text("body").filter(|b| b.trim_start().starts_with('{'));
                let Some(body) = body else {
                    refused.push(Refused {
                        lead_id,
                        why: "its body is not a JSON object".into(),
                    });
                    return None;
                };
                Some(Pending {
                    id: text("id")?,
                    lead_id,
                    kind: Kind::from_code(item.get("kind")?.as_str()?)?,
                    endpoint,
                    body,
                    attempts: item.get("attempts").and_then(Raw::as_u32).unwrap_or(0),
                    next_at: match item.get("next_at") {
                        Some(Raw::Number(n)) => *n,
                        _ => 0.0,
                    },
                    retry_after: matches!(item.get("retry_after"), Some(Raw::Bool(true))),
                })
            })
            .collect();
        (Outbox { items }, refused)
    }

    /// Adds a lead for one target (once: adding the same lead and kind again changes nothing).
    pub fn add(&mut self, lead_id: &str, kind: Kind, endpoint: &WebUrl, body: &str, now: f64) {
        let id = format!("{lead_id}:{}", kind.code());
        // Never an empty body: there is nothing to deliver, and a receiver would refuse it.
        if !self.contains(&id) && !body.trim().is_empty() {
            self.items.push(Pending {
                id,
                lead_id: lead_id.into(),
                kind,
                endpoint: endpoint.clone(),
                body: body.into(),
                attempts: 0,
                next_at: now,
                retry_after: false,
            });
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.items.iter().any(|p| p.id == id)
    }

    /// Whether any target of this lead is still pending.
    pub fn has_lead(&self, lead_id: &str) -> bool {
        self.items.iter().any(|p| p.lead_id == lead_id)
    }

    /// Removes a lead (delivered, or refused for good).
    pub fn remove(&mut self, id: &str) {
        self.items.retain(|p| p.id != id);
    }

    /// The leads whose next attempt is due at `now`.
    pub fn due(&self, now: f64) -> Vec<Pending> {
        self.items
            .iter()
            .filter(|p| p.next_at <= now)
            .cloned()
            .collect()
    }

    /// Records a failed attempt and schedules the next: the receiver's `Retry-After` when it
    /// gave one (capped), else exponential backoff with `jitter` in [0, 1).
    pub fn failed(&mut self, id: &str, now: f64, retry_after_ms: Option<f64>, jitter: f64) {
        if let Some(p) = self.items.iter_mut().find(|p| p.id == id) {
            p.attempts += 1;
            let wait = match retry_after_ms {
                Some(ms) => ms.clamp(0.0, MAX_RETRY_AFTER_MS),
                None => f64::from(backoff_ms(p.attempts + 1, jitter)),
            };
            p.next_at = now + wait;
            p.retry_after = retry_after_ms.is_some();
        }
    }

    /// A new chance (the page loaded again, or the browser came back online): every lead that
    /// only waits on our backoff is due now. A receiver's own `Retry-After` still stands.
    pub fn fresh_chance(&mut self) {
        for p in self.items.iter_mut().filter(|p| !p.retry_after) {
            p.next_at = 0.0;
        }
    }

    /// When the earliest pending attempt is due, if any lead is pending.
    pub fn next_due(&self) -> Option<f64> {
        self.items.iter().map(|p| p.next_at).reduce(f64::min)
    }
}

/// An outbox entry read back from storage and dropped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub lead_id: String,
    pub why: String,
}

/// A value from storage, short enough to quote in a console message, with what does not show
/// (a zero-width space, an override) written as `\u{…}`.
fn shorten(text: &str) -> String {
    let mut short = String::from('"');
    for c in text.chars().take(60) {
        if c.is_ascii_graphic() || c == ' ' || (!c.is_ascii() && !is_invisible(c)) {
            short.push(c);
        } else {
            short.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        }
    }
    short.push_str(if text.chars().count() > 60 {
        "…\""
    } else {
        "\""
    });
    short
}
