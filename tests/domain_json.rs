#![cfg(not(target_arch = "wasm32"))]
//! JSON written and read in Rust (issue 13, point 2): the lead, the outbox and saved progress
//! never go through the page's `JSON`. The reader and writer agree with serde_json on every
//! value, keep to the limits that protect the widget from a planted value, and read what the
//! widget itself wrote, however the page had changed its built-ins.

use proptest::prelude::*;
use smp_consult::domain::json::{parse, write, MAX_DEPTH};
use smp_consult::domain::raw::Raw;

/// serde_json's reading of the same text, as a `Raw` (objects keep their order).
fn reference(text: &str) -> Option<Raw> {
    fn from(v: serde_json::Value) -> Raw {
        match v {
            serde_json::Value::Null => Raw::Null,
            serde_json::Value::Bool(b) => Raw::Bool(b),
            serde_json::Value::Number(n) => Raw::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Raw::Text(s),
            serde_json::Value::Array(items) => Raw::List(items.into_iter().map(from).collect()),
            serde_json::Value::Object(map) => {
                Raw::Object(map.into_iter().map(|(k, v)| (k, from(v))).collect())
            }
        }
    }
    serde_json::from_str(text).ok().map(from)
}

fn raw() -> impl Strategy<Value = Raw> {
    let leaf = prop_oneof![
        Just(Raw::Null),
        any::<bool>().prop_map(Raw::Bool),
        (-(1i64 << 53)..(1i64 << 53)).prop_map(|n| Raw::Number(n as f64)),
        ".*".prop_map(Raw::Text),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Raw::List),
            // Distinct keys: serde_json keeps the last of duplicates, the reader the first.
            prop::collection::btree_map("[a-z_\"\\\\é\u{2028}]{0,6}", inner, 0..6)
                .prop_map(|m| Raw::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn what_is_written_reads_back_the_same_here_and_in_serde_json(value in raw()) {
        let text = write(&value);
        prop_assert_eq!(parse(&text), Ok(value.clone()));
        prop_assert_eq!(reference(&text), Some(value));
    }

    #[test]
    fn the_reader_agrees_with_serde_json_on_its_output(value in raw()) {
        let text = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&write(&value)).unwrap()).unwrap();
        prop_assert_eq!(parse(&text).ok(), reference(&text));
    }

    #[test]
    fn any_text_is_read_or_refused_without_a_panic(text in ".{0,64}") {
        let ours = parse(&text).ok();
        prop_assert_eq!(ours.is_some(), reference(&text).is_some(), "{:?}", text);
    }
}

#[test]
fn strict_json_only() {
    for bad in [
        "",
        " ",
        "{",
        "[1,]",
        "{\"a\":1,}",
        "{a:1}",
        "'x'",
        "01",
        "1.",
        ".5",
        "-",
        "1e",
        "+1",
        "NaN",
        "Infinity",
        "tru",
        "nul",
        "\"\\x\"",
        "\"\\u12\"",
        "\"tab\there\"",
        "[] []",
        "{\"a\" 1}",
    ] {
        assert!(parse(bad).is_err(), "{bad:?} is not JSON");
    }
    assert_eq!(
        parse(" [1, -2.5e2, 0.25, 1E3] ").unwrap(),
        Raw::List(vec![
            Raw::Number(1.0),
            Raw::Number(-250.0),
            Raw::Number(0.25),
            Raw::Number(1000.0),
        ])
    );
    assert_eq!(
        parse(r#""\ud83d\ude00 \u00e9 \ud800""#).unwrap(),
        Raw::Text("😀 é \u{fffd}".into()),
        "surrogate pairs join; a lone one (which JSON.stringify can write) is U+FFFD"
    );
}

#[test]
fn nesting_is_bounded_so_a_planted_value_cannot_exhaust_the_stack() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(parse(&deep(MAX_DEPTH)).is_ok());
    assert!(parse(&deep(MAX_DEPTH + 2)).is_err());
    assert!(
        parse(&deep(100_000)).is_err(),
        "refused, not a stack overflow"
    );
}

#[test]
fn numbers_are_written_whole_and_exact() {
    assert_eq!(write(&Raw::Number(1_732_400_000_123.0)), "1732400000123");
    assert_eq!(write(&Raw::Number(-3.0)), "-3");
    assert_eq!(write(&Raw::Number(0.0)), "0");
    assert_eq!(write(&Raw::Number(2.6)), "3", "a fraction is rounded");
    assert_eq!(write(&Raw::Number(f64::NAN)), "null");
    assert_eq!(
        write(&Raw::Number(9_007_199_254_740_991.0)),
        "9007199254740991"
    );
}

#[test]
fn strings_are_escaped_as_json_needs() {
    let text = "quote \" backslash \\ newline \n tab \t bell \u{7} é 😀 \u{2028}";
    let written = write(&Raw::Text(text.into()));
    assert_eq!(
        written,
        "\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 é 😀 \u{2028}\""
    );
    assert_eq!(reference(&written), Some(Raw::Text(text.into())));
}
