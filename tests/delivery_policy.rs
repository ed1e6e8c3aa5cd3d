//! Native tests of the delivery rules and the outbox (the pure parts of `delivery`).
#![cfg(not(target_arch = "wasm32"))]

use smp_consult::delivery::outbox::Outbox;
use smp_consult::delivery::policy::*;
use smp_consult::domain::raw::Raw;

#[test]
fn statuses_are_classified_as_design_says() {
    for s in [200, 201, 204, 299, 409] {
        assert_eq!(classify(s), Outcome::Delivered, "{s}");
    }
    for s in [408, 429, 500, 502, 503, 504, 599] {
        assert_eq!(classify(s), Outcome::Retry, "{s}");
    }
    for s in [400, 401, 403, 404, 413, 415, 422, 301] {
        assert_eq!(classify(s), Outcome::Permanent, "{s}");
    }
}

#[test]
fn backoff_grows_exponentially_with_bounded_jitter_and_a_cap() {
    assert_eq!(backoff_ms(2, 0.5), 1000);
    assert_eq!(backoff_ms(3, 0.5), 2000);
    assert_eq!(backoff_ms(4, 0.5), 4000);
    assert_eq!(backoff_ms(50, 0.5), 32_000, "capped");
    assert_eq!(backoff_ms(2, 0.0), 500, "jitter spreads down to half");
    assert_eq!(backoff_ms(2, 0.999_999), 1499);
    assert_eq!(backoff_ms(2, 7.0), 1500, "out-of-range jitter is clamped");
}

#[test]
fn retry_after_in_seconds() {
    assert_eq!(retry_after_seconds("3"), Some(3000.0));
    assert_eq!(retry_after_seconds(" 120 "), Some(120_000.0));
    assert_eq!(retry_after_seconds("Wed, 21 Oct 2026 07:28:00 GMT"), None);
    assert_eq!(retry_after_seconds("-1"), None);
}

#[test]
fn outbox_keeps_one_copy_per_id_and_removes_on_delivery() {
    let mut o = Outbox::default();
    o.add("a", "https://x.test/leads", "{\"id\":\"a\"}", 1000.0);
    o.add(
        "a",
        "https://x.test/leads",
        "{\"id\":\"a\",\"changed\":1}",
        2000.0,
    );
    assert_eq!(o.items.len(), 1, "same id is never queued twice");
    assert_eq!(
        o.items[0].body, "{\"id\":\"a\"}",
        "the first body is the one sent"
    );
    o.add("b", "https://x.test/leads", "{}", 1000.0);
    assert_eq!(o.due(1000.0).len(), 2);
    o.remove("a");
    assert!(!o.contains("a"));
    assert!(o.contains("b"));
}

#[test]
fn a_failure_schedules_the_next_attempt_honouring_retry_after() {
    let mut o = Outbox::default();
    o.add("a", "https://x.test", "{}", 0.0);
    o.failed("a", 10_000.0, None, 0.5);
    assert_eq!(o.items[0].attempts, 1);
    assert_eq!(o.items[0].next_at, 11_000.0, "1 s after the first failure");
    assert!(o.due(10_500.0).is_empty());
    assert_eq!(o.due(11_000.0).len(), 1);
    o.failed("a", 20_000.0, Some(5_000.0), 0.5);
    assert_eq!(
        o.items[0].next_at, 25_000.0,
        "Retry-After wins over backoff"
    );
    o.failed("a", 30_000.0, Some(3_600_000.0), 0.5);
    assert_eq!(
        o.items[0].next_at,
        30_000.0 + MAX_RETRY_AFTER_MS,
        "Retry-After is capped"
    );
    assert_eq!(o.next_due(), Some(30_000.0 + MAX_RETRY_AFTER_MS));
}

#[test]
fn outbox_reads_back_what_it_stored_and_drops_garbage() {
    let stored = Raw::List(vec![
        Raw::Object(vec![
            ("id".into(), Raw::Text("a".into())),
            ("endpoint".into(), Raw::Text("https://x.test".into())),
            ("body".into(), Raw::Text("{}".into())),
            ("attempts".into(), Raw::Number(2.0)),
            ("next_at".into(), Raw::Number(5.0)),
        ]),
        Raw::Object(vec![("id".into(), Raw::Text("no endpoint".into()))]),
        Raw::Number(3.0),
    ]);
    let o = Outbox::from_raw(&stored);
    assert_eq!(o.items.len(), 1);
    assert_eq!(o.items[0].attempts, 2);
    assert_eq!(o.items[0].next_at, 5.0);
    assert_eq!(Outbox::from_raw(&Raw::Text("x".into())), Outbox::default());
}
