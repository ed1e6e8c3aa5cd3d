//! Delivery: the only code that talks to the network. A lead goes into the outbox (local
//! storage, after consent) and is POSTed to the clinic's `endpoint` as JSON with an
//! `Idempotency-Key`. Failures are retried with backoff (honouring `Retry-After`) while the page
//! is open, when the browser comes back online, when the page is being hidden, and on the next
//! page load of any page of the site carrying the widget. A lead leaves the outbox only once
//! delivered (2xx or 409) or refused for good (another 4xx).

pub mod hubspot;
pub mod outbox;
pub mod policy;
mod transport;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;

use crate::browser::{js, storage};
use crate::domain::address::WebUrl;
use crate::domain::config::{ClinicConfig, EndpointMode};
use crate::domain::json;
use crate::domain::lead::LeadPayload;
use outbox::{Kind, Outbox, Pending};
use policy::{classify, Outcome, MAX_ATTEMPTS};

/// Why a lead was not delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DeliveryError {
    #[error("the clinic's server could not be reached")]
    Network,
    #[error("the clinic's server did not answer in time")]
    Timeout,
    #[error("the clinic's server refused the lead with status {0}")]
    Rejected(u16),
    #[error("no endpoint is configured and the page did not take the lead")]
    NoEndpoint,
    /// The page replaced the browser's networking and its answer did not come from the
    /// receiver: nothing is known to have arrived.
    #[error("this page's fetch did not send the lead")]
    Unverified,
    /// The lead could not be written as JSON (never happens with the widget's own types).
    #[error("the lead could not be written as JSON")]
    Unwritable,
}

/// What happened to a lead, reported to whoever submitted it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Attempt number `n` is under way.
    Attempting(u32),
    /// The receiver has it (2xx or 409).
    Delivered,
    /// Not delivered yet; it will be retried automatically. `saved` tells whether it is in
    /// local storage (survives the tab closing) or only in this page's memory.
    Waiting { attempts: u32, saved: bool },
    /// This page cannot send it (it replaced the browser's networking): kept, and sent from
    /// the next page of the site that can. The visitor need not wait.
    Deferred { saved: bool },
    /// Refused for good: the receiver will never take this request.
    Rejected(u16),
}

/// The outbox's key in local storage.
pub const OUTBOX_KEY: &str = "smp-consult:outbox:v1";

type Listener = Rc<dyn Fn(Progress)>;

thread_local! {
    /// Used only when local storage is unavailable (private mode, blocked, full).
    static MEMORY: RefCell<Outbox> = RefCell::new(Outbox::default());
    static LISTENERS: RefCell<Vec<(String, Listener)>> = const { RefCell::new(Vec::new()) };
    static FLUSHING: Cell<bool> = const { Cell::new(false) };
    static FLUSH_AGAIN: Cell<bool> = const { Cell::new(false) };
    static TIMER: Cell<Option<i32>> = const { Cell::new(None) };
    static STARTED: Cell<bool> = const { Cell::new(false) };
    /// Leads (by id) of which at least one target has confirmed delivery.
    static DELIVERED_ANY: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Reads the outbox, lets `change` edit it, and writes it back at once. Every change re-reads
/// storage, so two tabs of the same site never overwrite each other's pending leads.
/// Returns `change`'s result and whether the outbox is in local storage.
fn with_outbox<T>(change: impl FnOnce(&mut Outbox) -> T) -> (T, bool) {
    // Only this stays generic (one copy per caller); reading and writing are shared.
    let Some((storage, mut outbox)) = load_outbox() else {
        return (MEMORY.with(|m| change(&mut m.borrow_mut())), false);
    };
    let result = change(&mut outbox);
    (result, store_outbox(&storage, outbox))
}

/// Lets `look` see the outbox (what is in local storage and what is kept in memory while
/// storage failed) without writing anything back: for questions (is this lead pending, what is
/// due, when is the next attempt). Entries that fail the checks are left out here, and
/// reported and dropped by the next change.
fn read_outbox<T>(look: impl FnOnce(&Outbox) -> T) -> T {
    let stored = storage::local_storage().map(|storage| stored_outbox(&storage).0);
    MEMORY.with(|m| match stored {
        Some(mut outbox) => {
            for p in &m.borrow().items {
                if !outbox.contains(&p.id) {
                    outbox.items.push(p.clone());
                }
            }
            look(&outbox)
        }
        None => look(&m.borrow()),
    })
}

/// The outbox in `storage`, and the entries that failed the checks.
fn stored_outbox(storage: &web_sys::Storage) -> (Outbox, Vec<outbox::Refused>) {
    storage
        .get_item(OUTBOX_KEY)
        .ok()
        .flatten()
        .and_then(|text| json::parse(&text).ok())
        .map(|raw| Outbox::read(&raw))
        .unwrap_or_default()
}

/// Local storage and the outbox in it (with what is kept in memory while storage failed);
/// `None` when there is no local storage. Entries that fail the checks are reported and left
/// out (the next store writes the outbox without them, so each is reported once).
fn load_outbox() -> Option<(web_sys::Storage, Outbox)> {
    let storage = storage::local_storage()?;
    let (mut outbox, refused) = stored_outbox(&storage);
    for r in refused {
        web_sys::console::error_1(
            &format!(
                "<smp-consult>: a pending lead was dropped ({}): {}.",
                r.lead_id, r.why
            )
            .into(),
        );
    }
    MEMORY.with(|m| {
        // Leads kept in memory while storage failed go back into storage when it works again.
        for p in m.borrow_mut().items.drain(..) {
            if !outbox.contains(&p.id) {
                outbox.items.push(p);
            }
        }
    });
    Some((storage, outbox))
}

/// Writes the outbox back; returns whether it is in local storage (else it is kept in memory).
fn store_outbox(storage: &web_sys::Storage, outbox: Outbox) -> bool {
    let saved = if outbox.items.is_empty() {
        storage.remove_item(OUTBOX_KEY).is_ok()
    } else {
        js::to_json(&outbox).is_some_and(|json| storage.set_item(OUTBOX_KEY, &json).is_ok())
    };
    if !saved {
        MEMORY.with(|m| *m.borrow_mut() = outbox);
    }
    saved
}

/// Tells the listeners of lead `id`.
fn notify(id: &str, progress: Progress) {
    let listeners: Vec<Listener> = LISTENERS.with(|l| {
        l.borrow()
            .iter()
            .filter(|(lid, _)| lid == id)
            .map(|(_, f)| f.clone())
            .collect()
    });
    for listener in listeners {
        listener(progress);
    }
    if matches!(progress, Progress::Delivered | Progress::Rejected(_)) {
        LISTENERS.with(|l| l.borrow_mut().retain(|(lid, _)| lid != id));
    }
}

/// Starts background delivery once per page: sends what earlier visits left in the outbox, and
/// tries again when the browser comes back online or the page is being hidden.
pub fn start() {
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    if let Some(window) = web_sys::window() {
        let online = Closure::<dyn Fn()>::new(|| {
            with_outbox(Outbox::fresh_chance);
            flush(false)
        });
        let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        online.forget();
        // The page may be closing: send what is due with `keepalive`, which outlives the page.
        let hidden = Closure::<dyn Fn()>::new(|| flush(true));
        let _ =
            window.add_event_listener_with_callback("pagehide", hidden.as_ref().unchecked_ref());
        hidden.forget();
    }
    with_outbox(Outbox::fresh_chance);
    flush(false);
}

/// Whether the clinic configured anywhere to send leads (else the lead event is all there is).
pub fn has_targets(config: &ClinicConfig) -> bool {
    config.endpoint.is_some() || config.hubspot.is_some()
}

/// Puts a lead in the outbox, once per configured target, and sends it. `listener` hears its
/// progress until it is delivered or refused. The same lead submitted twice is kept and sent once.
pub fn submit(
    config: &ClinicConfig,
    lead: &LeadPayload,
    body: &str,
    listener: impl Fn(Progress) + 'static,
) {
    watch(&lead.id, listener);
    let now = js_sys::Date::now();
    let hubspot = config.hubspot.as_ref().and_then(|form| {
        let submission = hubspot::submission(lead, form, Some(now as u64));
        Some((WebUrl::parse(&form.url()).ok()?, js::to_json(&submission)?))
    });
    with_outbox(|o| {
        if let Some(endpoint) = &config.endpoint {
            let kind = match config.endpoint_mode {
                EndpointMode::Json => Kind::Json,
                EndpointMode::Simple => Kind::Simple,
            };
            o.add(&lead.id, kind, endpoint, body, now);
        }
        if let Some((url, submission)) = &hubspot {
            o.add(&lead.id, Kind::Hubspot, url, submission, now);
        }
    });
    flush(false);
}

/// Follows a lead already in the outbox (e.g. sent before a reload).
pub fn watch(id: &str, listener: impl Fn(Progress) + 'static) {
    LISTENERS.with(|l| l.borrow_mut().push((id.to_string(), Rc::new(listener))));
}

/// Whether any target of a lead is still waiting in the outbox.
pub fn is_pending(lead_id: &str) -> bool {
    read_outbox(|o| o.has_lead(lead_id))
}

/// Makes a waiting lead due now (the visitor pressed "Try again") and sends it.
pub fn retry_now(lead_id: &str) {
    with_outbox(|o| {
        for p in o.items.iter_mut().filter(|p| p.lead_id == lead_id) {
            p.next_at = 0.0;
        }
    });
    flush(false);
}

/// The lead-level outcome once one of its targets is done: delivered as soon as any target
/// confirmed and none is pending; refused only when every target refused.
fn finished(pending: &Pending, delivered: bool, status: u16) -> Option<Progress> {
    if delivered {
        DELIVERED_ANY.with(|d| d.borrow_mut().push(pending.lead_id.clone()));
    }
    if read_outbox(|o| o.has_lead(&pending.lead_id)) {
        return None;
    }
    let any = DELIVERED_ANY.with(|d| {
        let mut d = d.borrow_mut();
        let any = d.contains(&pending.lead_id);
        d.retain(|id| *id != pending.lead_id);
        any
    });
    Some(if any {
        Progress::Delivered
    } else {
        Progress::Rejected(status)
    })
}

/// Sends every due lead, one at a time, then schedules the next round. A call while a round is
/// running asks that round to look again when it ends.
fn flush(keepalive: bool) {
    if FLUSHING.with(|f| f.replace(true)) {
        FLUSH_AGAIN.with(|a| a.set(true));
        return;
    }
    spawn_local(async move {
        loop {
            FLUSH_AGAIN.with(|a| a.set(false));
            let due = read_outbox(|o| o.due(js_sys::Date::now()));
            for pending in due {
                notify(&pending.lead_id, Progress::Attempting(pending.attempts + 1));
                let result = transport::post(&pending, keepalive).await;
                let progress = match result {
                    Ok(reply) => match (classify(reply.status), reply.exact) {
                        (Outcome::Delivered, _) => {
                            with_outbox(|o| o.remove(&pending.id));
                            finished(&pending, true, reply.status)
                        }
                        // A refusal is final only for the request exactly as made: through a
                        // replaced fetch it may have been answering a spoiled one.
                        (Outcome::Permanent, true) => {
                            with_outbox(|o| o.remove(&pending.id));
                            finished(&pending, false, reply.status)
                        }
                        _ => {
                            let (attempts, saved) = wait(&pending, reply.retry_after_ms);
                            Some(Progress::Waiting { attempts, saved })
                        }
                    },
                    Err(DeliveryError::Unverified) => {
                        let (_, saved) = wait(&pending, None);
                        Some(Progress::Deferred { saved })
                    }
                    Err(_) => {
                        let (attempts, saved) = wait(&pending, None);
                        Some(Progress::Waiting { attempts, saved })
                    }
                };
                if let Some(progress) = progress {
                    notify(&pending.lead_id, progress);
                }
            }
            if !FLUSH_AGAIN.with(|a| a.get()) {
                break;
            }
        }
        FLUSHING.with(|f| f.set(false));
        schedule_next();
    });
}

/// Sets one timer for the earliest pending lead.
fn schedule_next() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(t) = TIMER.with(|t| t.take()) {
        window.clear_timeout_with_handle(t);
    }
    let next = read_outbox(|o| o.next_due());
    if let Some(at) = next {
        let wait = (at - js_sys::Date::now()).clamp(0.0, 60_000.0) as i32;
        let callback = Closure::once_into_js(|| {
            TIMER.with(|t| t.set(None));
            flush(false);
        });
        let handle = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), wait)
            .ok();
        TIMER.with(|t| t.set(handle));
    }
}

/// Whether the visitor should keep waiting on screen: the first few attempts happen while the
/// form shows "Sending…"; after that the outbox carries on in the background.
pub fn visitor_waits(attempts: u32) -> bool {
    attempts < MAX_ATTEMPTS
}

/// Records a failed attempt (the receiver's `Retry-After` if it gave one, else backoff);
/// returns the attempts made so far and whether the outbox is in local storage.
fn wait(pending: &Pending, retry_after_ms: Option<f64>) -> (u32, bool) {
    let (now, jitter) = (js_sys::Date::now(), js_sys::Math::random());
    let (attempts, saved) = with_outbox(|o| {
        o.failed(&pending.id, now, retry_after_ms, jitter);
        o.items
            .iter()
            .find(|p| p.id == pending.id)
            .map_or(0, |p| p.attempts)
    });
    (attempts, saved)
}
