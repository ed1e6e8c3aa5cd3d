//! Native tests of the delivery rules and the outbox (the pure parts of `delivery`).
#![cfg(not(target_arch = "wasm32"))]

use smp_consult::delivery::outbox::{Kind, Outbox};
use smp_consult::delivery::policy::*;
use smp_consult::domain::address::WebUrl;
use smp_consult::domain::raw::Raw;

fn url(text: &str) -> WebUrl {
    WebUrl::parse(text).expect("a valid test URL")
}

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
    o.add(
        "a",
        Kind::Json,
        &url("https://x.test/leads"),
        "{\"id\":\"a\"}",
        1000.0,
    );
    o.add(
        "a",
        Kind::Json,
        &url("https://x.test/leads"),
        "{\"id\":\"a\",\"changed\":1}",
        2000.0,
    );
    assert_eq!(o.items.len(), 1, "same id is never queued twice");
    assert_eq!(
        o.items[0].body, "{\"id\":\"a\"}",
        "the first body is the one sent"
    );
    o.add(
        "a",
        Kind::Hubspot,
        &url("https://api.test/submit"),
        "{}",
        1000.0,
    );
    o.add(
        "b",
        Kind::Simple,
        &url("https://x.test/leads"),
        "{}",
        1000.0,
    );
    assert_eq!(o.due(1000.0).len(), 3, "one entry per lead and target");
    o.remove("a:json");
    assert!(!o.contains("a:json"));
    assert!(o.has_lead("a"), "its HubSpot delivery is still pending");
    o.remove("a:hubspot");
    assert!(!o.has_lead("a"));
    assert!(o.contains("b:simple"));
}

#[test]
fn a_failure_schedules_the_next_attempt_honouring_retry_after() {
    let mut o = Outbox::default();
    o.add("a", Kind::Json, &url("https://x.test"), "{}", 0.0);
    o.failed("a:json", 10_000.0, None, 0.5);
    assert_eq!(o.items[0].attempts, 1);
    assert_eq!(o.items[0].next_at, 11_000.0, "1 s after the first failure");
    assert!(o.due(10_500.0).is_empty());
    assert_eq!(o.due(11_000.0).len(), 1);
    o.failed("a:json", 20_000.0, Some(5_000.0), 0.5);
    assert_eq!(
        o.items[0].next_at, 25_000.0,
        "Retry-After wins over backoff"
    );
    o.failed("a:json", 30_000.0, Some(3_600_000.0), 0.5);
    assert_eq!(
        o.items[0].next_at,
        30_000.0 + MAX_RETRY_AFTER_MS,
        "Retry-After is capped"
    );
    assert_eq!(o.next_due(), Some(30_000.0 + MAX_RETRY_AFTER_MS));
}

#[test]
fn a_new_page_load_or_coming_online_drops_our_backoff_but_not_the_receiver_s_retry_after() {
    let mut o = Outbox::default();
    o.add("a", Kind::Json, &url("https://x.test"), "{}", 0.0);
    o.add("b", Kind::Json, &url("https://x.test"), "{}", 0.0);
    for _ in 0..5 {
        o.failed("a:json", 1_000.0, None, 0.9);
    }
    o.failed("b:json", 1_000.0, Some(30_000.0), 0.5);
    assert!(o.due(2_000.0).is_empty(), "both wait");
    o.fresh_chance();
    let due: Vec<String> = o.due(2_000.0).into_iter().map(|p| p.id).collect();
    assert_eq!(due, vec!["a:json"], "backoff dropped, Retry-After kept");
    assert_eq!(o.items[0].attempts, 5, "attempts are still counted");
    // What is stored says which is which, so a reload keeps the difference.
    let stored = smp_consult::domain::raw::Raw::List(
        o.items
            .iter()
            .map(|p| {
                Raw::Object(vec![
                    ("id".into(), Raw::Text(p.id.clone())),
                    ("lead_id".into(), Raw::Text(p.lead_id.clone())),
                    ("kind".into(), Raw::Text("json".into())),
                    ("endpoint".into(), Raw::Text(p.endpoint.to_string())),
                    ("body".into(), Raw::Text(p.body.clone())),
                    ("next_at".into(), Raw::Number(p.next_at)),
                    ("retry_after".into(), Raw::Bool(p.retry_after)),
                ])
            })
            .collect(),
    );
    assert!(Outbox::from_raw(&stored).items[1].retry_after);
}

#[test]
fn outbox_reads_back_what_it_stored_and_drops_garbage() {
    let stored = Raw::List(vec![
        Raw::Object(vec![
            ("id".into(), Raw::Text("a:json".into())),
            ("lead_id".into(), Raw::Text("a".into())),
            ("kind".into(), Raw::Text("json".into())),
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

mod hubspot {
    use smp_consult::delivery::hubspot::submission;
    use smp_consult::domain::config::{HubSpotForm, HUBSPOT_API};
    use smp_consult::domain::lead::*;
    use smp_consult::domain::raw::Raw;
    use smp_consult::domain::*;

    fn lead(name: &str, marketing: bool) -> LeadPayload {
        let answers = Answers {
            pattern: Some(Pattern::Total),
            ..Answers::default()
        };
        LeadPayload {
            schema: Schema,
            id: "8c1f0d2e-1111-4222-8333-444455556666".into(),
            created_at: "2026-11-23T20:00:00.000Z".into(),
            clinic: "Northline SMP".into(),
            locale: "en".into(),
            contact: Contact {
                name: name.into(),
                email: "a@example.com".into(),
                ..Contact::default()
            },
            consent: Consent {
                processing: true,
                text: "I agree …".into(),
                marketing,
                marketing_text: "Offers …".into(),
            },
            recommendation: recommend(&answers, None).unwrap(),
            answers,
            photos: Vec::new(),
            page: PageInfo {
                url: "https://clinic.example/consult".into(),
                ..PageInfo::default()
            },
        }
    }

    fn form(subscription: Option<u32>) -> HubSpotForm {
        HubSpotForm {
            portal_id: "123".into(),
            form_id: "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b".into(),
            subscription_type_id: subscription,
            api: HUBSPOT_API.into(),
        }
    }

    #[test]
    fn maps_contact_fields_page_and_consent() {
        let s = submission(
            &lead("Ana María López", true),
            &form(Some(7)),
            Some(1_700_000_000_000),
        );
        let v = serde_json::to_value(&s).unwrap();
        let field = |n: &str| {
            v["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == n)
                .cloned()
        };
        assert_eq!(field("firstname").unwrap()["value"], "Ana");
        assert_eq!(field("lastname").unwrap()["value"], "María López");
        assert!(field("phone").is_none(), "no empty phone sent");
        assert!(field("message").unwrap()["value"]
            .as_str()
            .unwrap()
            .contains("approach=buzz_cut extent=large"));
        assert_eq!(v["submittedAt"], "1700000000000");
        assert_eq!(v["context"]["pageUri"], "https://clinic.example/consult");
        assert_eq!(
            v["legalConsentOptions"]["consent"]["consentToProcess"],
            true
        );
        assert_eq!(v["legalConsentOptions"]["consent"]["text"], "I agree …");
        assert_eq!(
            v["legalConsentOptions"]["consent"]["communications"][0]["subscriptionTypeId"],
            7
        );
        assert_eq!(
            v["legalConsentOptions"]["consent"]["communications"][0]["value"],
            true
        );
    }

    #[test]
    fn no_marketing_consent_without_a_subscription_type_and_single_names_work() {
        let v = serde_json::to_value(submission(&lead("Cher", false), &form(None), None)).unwrap();
        assert_eq!(
            v["legalConsentOptions"]["consent"]["communications"],
            serde_json::json!([])
        );
        assert!(v.get("submittedAt").is_none());
        let last = v["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "lastname")
            .unwrap()
            .clone();
        assert_eq!(last["value"], "");
    }

    #[test]
    fn url_and_config_reading() {
        assert_eq!(
            form(None).url(),
            "https://api.hsforms.com/submissions/v3/integration/submit/123/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
        );
        let raw = |pairs: Vec<(&str, Raw)>| {
            Raw::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
        };
        let ok = HubSpotForm::from_raw(&raw(vec![
            ("portal_id", Raw::Number(123.0)),
            (
                "form_id",
                Raw::Text("0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b".into()),
            ),
        ]))
        .unwrap();
        assert_eq!(ok.portal_id, "123");
        assert_eq!(ok.api, HUBSPOT_API);
        for wrong in ["12a".to_string(), "1".repeat(21)] {
            let bad =
                HubSpotForm::from_raw(&raw(vec![("portal_id", Raw::Text(wrong))])).unwrap_err();
            assert_eq!(bad.field, "hubspot.portal_id");
        }
        let bad = HubSpotForm::from_raw(&raw(vec![
            ("portal_id", Raw::Text("1".into())),
            (
                "form_id",
                Raw::Text("0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b".into()),
            ),
            ("api", Raw::Text("http://evil.example".into())),
        ]))
        .unwrap_err();
        assert_eq!(bad.field, "hubspot.api");
    }
}

#[test]
fn an_outbox_entry_read_back_is_checked_again_and_a_planted_one_is_dropped_with_the_reason() {
    let entry = |lead: &str, endpoint: &str, body: &str| {
        Raw::Object(vec![
            ("id".into(), Raw::Text(format!("{lead}:json"))),
            ("lead_id".into(), Raw::Text(lead.into())),
            ("kind".into(), Raw::Text("json".into())),
            ("endpoint".into(), Raw::Text(endpoint.into())),
            ("body".into(), Raw::Text(body.into())),
        ])
    };
    let stored = Raw::List(vec![
        entry(
            "good",
            "https://inbox.example/v1/leads",
            "{\"id\":\"good\"}",
        ),
        entry("js", "javascript:alert(document.domain)", "{}"),
        entry("http", "http://evil.example/steal", "{}"),
        entry("slash", "/\\evil.example/steal", "{}"),
        entry("zw", "https://evil.example\u{200b}/steal", "{}"),
        entry("userinfo", "https://user@evil.example/", "{}"),
        entry("empty", "https://inbox.example/v1/leads", ""),
        entry("not-json", "https://inbox.example/v1/leads", "hello"),
    ]);
    let (outbox, refused) = Outbox::read(&stored);
    assert_eq!(
        outbox
            .items
            .iter()
            .map(|p| p.lead_id.as_str())
            .collect::<Vec<_>>(),
        ["good"]
    );
    let why: Vec<(&str, &str)> = refused
        .iter()
        .map(|r| (r.lead_id.as_str(), r.why.as_str()))
        .collect();
    assert_eq!(why.len(), 7, "{why:?}");
    assert!(why[0]
        .1
        .starts_with("its endpoint is not an absolute https:// URL"));
    assert!(why[0].1.contains("\"javascript:alert(document.domain)\""));
    assert!(
        why[3].1.contains("https://evil.example\\u{200b}/steal"),
        "what does not show is spelled out: {}",
        why[3].1
    );
    assert_eq!(why[5], ("empty", "its body is not a JSON object"));
}

#[test]
fn an_outbox_an_older_widget_wrote_as_a_json_string_is_still_read() {
    // On a page with Prototype.js's Array.prototype.toJSON, JSON.stringify wrote the outbox
    // array as a string; the leads inside are not lost.
    let inner = r#"[{"id":"a:json","lead_id":"a","kind":"json","endpoint":"https://x.test","body":"{}","attempts":1,"next_at":5}]"#;
    let (outbox, refused) = Outbox::read(&Raw::Text(inner.into()));
    assert_eq!(outbox.items.len(), 1);
    assert!(refused.is_empty());
}

#[test]
fn an_empty_body_is_never_put_in_the_outbox() {
    let mut o = Outbox::default();
    o.add("a", Kind::Json, &url("https://x.test"), "", 0.0);
    o.add("a", Kind::Json, &url("https://x.test"), "  ", 0.0);
    assert!(o.items.is_empty());
}
