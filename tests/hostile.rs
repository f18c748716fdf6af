//! Odd and hostile input at the shared entry point of every face (`api::parse_json` then
//! the calls; the CLI and the wasm module both go through it): a size limit checked
//! before parsing, a byte-order mark accepted, lone surrogates named by their field,
//! echoed values cut short. Issue 13, items 4, 5, 9 and 10.

use lingpao::api::{self, MAX_REQUEST_BYTES};
use lingpao::date::Date;
use lingpao::model::InputError;
use proptest::prelude::*;

fn today() -> Date {
    Date::parse("2026-11-28").unwrap()
}

const TIANJIN: &str = r#"{"region":"tianjin","as_of":"2022-06-30","achievements":[{"kind":"standard","level":"national","action":"formulate","role":"lead","count":2}]}"#;

/// The first error the text meets on its way through `estimate`.
fn estimate_err(text: &str) -> InputError {
    api::parse_json(text).and_then(|v| api::estimate(&v, today())).expect_err("should be rejected")
}

/// No message, field or allowed value of an error is long: nothing the caller sent
/// comes back in full.
fn short(e: &InputError) {
    for s in [&e.field, &e.message, &e.message_zh] {
        assert!(s.chars().count() < 400, "{} chars: {}…", s.chars().count(), s.chars().take(80).collect::<String>());
    }
}

#[test]
fn a_request_over_the_limit_is_refused_before_parsing() {
    // Valid JSON just over the limit (padding in a string), and a text that would take
    // long to parse: both refused on their size alone.
    let pad = MAX_REQUEST_BYTES - TIANJIN.len() + 1;
    let big = format!(r#"{{"region":"tianjin","as_of":"2022-06-30","lang":"zh","achievements":[{{"kind":"standard","level":"national","action":"formulate","role":"lead","name":"{}"}}]}}"#, "x".repeat(pad));
    assert!(big.len() > MAX_REQUEST_BYTES);
    for text in [big, "[".repeat(MAX_REQUEST_BYTES + 1)] {
        let e = estimate_err(&text);
        assert_eq!(e.field, "request");
        assert!(e.message.contains("1048576") && e.message_zh.contains("1048576"), "{e:?}");
        short(&e);
    }
    // At the limit, the size is no objection (this one fails later, on its content).
    let at = format!("\"{}\"", "x".repeat(MAX_REQUEST_BYTES - 2));
    assert_ne!(estimate_err(&at).message, estimate_err(&"[".repeat(MAX_REQUEST_BYTES + 1)).message);
}

#[test]
fn the_limit_is_far_above_the_largest_real_request() {
    // 200 achievements (the engine's maximum), each of the kind with the most fields,
    // every field at its longest (text in Chinese, 3 bytes a character): the largest
    // request the engine accepts, and it does accept it.
    use lingpao::policy::schema::FieldType;
    let kinds = api::kinds();
    let value = |f: &lingpao::policy::schema::FieldDef| match f.ty {
        FieldType::Enum => format!("\"{}\"", f.values.iter().max_by_key(|v| v.len()).unwrap()),
        FieldType::Integer => f.max.unwrap_or(i64::MAX).to_string(),
        FieldType::Yuan => "\"1000000000000.00\"".into(),
        FieldType::Bool => "false".into(),
        FieldType::Text => format!("\"{}\"", "标".repeat(200)),
        FieldType::Date => "\"2022-06-30\"".into(),
    };
    let item = |k: &lingpao::policy::schema::KindDef| {
        let fields: Vec<String> = k.field.iter().chain(&kinds.common_field).map(|f| format!(r#""{}":{}"#, f.name, value(f))).collect();
        format!(r#"{{"kind":"{}",{}}}"#, k.id, fields.join(","))
    };
    let largest = kinds.kind.iter().map(item).max_by_key(String::len).unwrap();
    let list = vec![largest; 200].join(",");
    let text = format!(r#"{{"region":"guangzhou_huangpu","as_of":"2022-06-30","lang":"zh","achievements":[{list}]}}"#);
    api::estimate(&api::parse_json(&text).unwrap(), today()).unwrap();
    println!("largest real request: {} bytes; limit {MAX_REQUEST_BYTES}", text.len());
    assert!(text.len() * 3 < MAX_REQUEST_BYTES, "{} bytes", text.len());
}

#[test]
fn a_byte_order_mark_before_the_request_is_accepted() {
    let with_bom = format!("\u{feff}{TIANJIN}");
    let r = api::estimate(&api::parse_json(&with_bom).unwrap(), today()).unwrap();
    assert_eq!(r.total_yuan, "160000");
    // Only at the start: anywhere else it is not JSON whitespace.
    assert_eq!(estimate_err(&format!("{TIANJIN}\u{feff}")).field, "request");
}

#[test]
fn a_lone_surrogate_names_the_field_that_holds_it() {
    for (text, field) in [
        (r#"{"region":"tian\ud800jin","achievements":[]}"#, "region"),
        (r#"{"region":"tianjin","achievements":[{"kind":"standard","name":"\udc00"}]}"#, "achievements[0].name"),
        (r#"{"region":"tianjin","achievements":[{"kind":"leader"},{"kind":"x\ud83dy"}]}"#, "achievements[1].kind"),
        (r#"{"region":"tianjin","achievements":[{"kind":"leader","\ud800":1}]}"#, "achievements[0]"),
        (r#""\ud800""#, "request"),
    ] {
        let e = estimate_err(text);
        assert_eq!(e.field, field, "{text}");
        assert!(e.message.contains("lone surrogate") && e.message_zh.contains("代理"), "{e:?}");
    }
    // A pair is one character, as before.
    assert!(api::parse_json(r#"{"name":"\ud83d\ude00"}"#).is_ok());
}

#[test]
fn echoed_values_are_cut_to_a_prefix_and_their_length() {
    let huge = "r".repeat(10_000_000);
    let long_key = "k".repeat(100_000);
    let cases: Vec<(String, &str)> = vec![
        (format!(r#"{{"region":"{huge}","achievements":[]}}"#), "region"),
        (format!(r#"{{"region":"tianjin","{long_key}":1,"achievements":[]}}"#), ""),
        (format!(r#"{{"region":"tianjin","achievements":[{{"kind":"{huge}"}}]}}"#), "achievements[0].kind"),
        (format!(r#"{{"region":"tianjin","achievements":[{{"kind":"leader","{long_key}":1}}]}}"#), ""),
        (format!(r#"{{"region":"tianjin","achievements":[{{"kind":"leader","level":"{huge}"}}]}}"#), "achievements[0].level"),
        (format!(r#"{{"region":"tianjin","achievements":[{{"kind":"leader","level":"national","count":[{}1]}}]}}"#, "1,".repeat(100_000)), "achievements[0].count"),
        (format!(r#"{{"region":"tianjin","achievements":[{{"kind":"standard","level":"national","action":"formulate","role":"lead","actual_cost_yuan":"{huge}"}}]}}"#), ""),
        (format!(r#"{{"region":"tianjin","lang":"{huge}","achievements":[]}}"#), "lang"),
        (format!(r#"{{"region":"tianjin","as_of":"{huge}","achievements":[]}}"#), "as_of"),
    ];
    for (text, field) in cases {
        // The size limit would refuse these first: the engine's own checks are what is tested here.
        let e = api::estimate(&lingpao::model::Json::parse(&text).unwrap(), today()).expect_err("should be rejected");
        if !field.is_empty() {
            assert_eq!(e.field, field);
        }
        short(&e);
        assert!(e.message.contains("characters") || e.message.contains("…"), "{}", e.message);
    }
    let e = api::explain(&huge, Default::default()).unwrap_err();
    short(&e);
    assert!(e.message.contains("10000000 characters"), "{}", e.message);
    let facts = format!(r#"{{"region":"shaanxi","facts":{{"{long_key}":true}}}}"#);
    short(&api::eligibility(&api::parse_json(&facts).unwrap(), today()).unwrap_err());
    // A short value is still quoted whole.
    let e = estimate_err(r#"{"region":"atlantis","achievements":[]}"#);
    assert_eq!(e.message, "unknown region `atlantis`");
}

/// Hostile values in an otherwise valid request: non-finite numbers as text would spell
/// them, huge strings, deep nesting, lone surrogates, a BOM.
fn hostile_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("NaN".to_string()),
        Just("Infinity".to_string()),
        Just("-Infinity".to_string()),
        Just("1e999".to_string()),
        Just("-1e999".to_string()),
        Just("null".to_string()),
        Just(r#""\ud800""#.to_string()),
        Just(r#""a\udfffb""#.to_string()),
        Just("\"\u{feff}2022-06-30\"".to_string()),
        (0usize..3_000).prop_map(|n| format!("\"{}\"", "领".repeat(n))),
        (1usize..300).prop_map(|n| format!("{}1{}", "[".repeat(n), "]".repeat(n))),
        (1usize..300).prop_map(|n| format!("{}{}", "{\"a\":".repeat(n), "}".repeat(n))),
        any::<f64>().prop_map(|f| format!("{f:e}")),
        any::<i64>().prop_map(|i| i.to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, .. ProptestConfig::default() })]

    /// Whatever the value and wherever it goes, the answer is a result or an error
    /// naming a field, never a panic, and never an echo of the whole value.
    #[test]
    fn hostile_values_anywhere_give_a_short_error_or_a_result(
        value in hostile_value(),
        slot in 0usize..7,
        bom in any::<bool>(),
    ) {
        let item = |k: &str| format!(r#"{{"kind":"standard","level":"national","action":"formulate","role":"lead","{k}":{value}}}"#);
        let text = match slot {
            0 => format!(r#"{{"region":{value},"achievements":[{}]}}"#, item("count")),
            1 => format!(r#"{{"region":"tianjin","as_of":{value},"achievements":[{}]}}"#, item("count")),
            2 => format!(r#"{{"region":"tianjin","lang":{value},"achievements":[{}]}}"#, item("count")),
            3 => format!(r#"{{"region":"tianjin","achievements":[{}]}}"#, item("count")),
            4 => format!(r#"{{"region":"tianjin","achievements":[{}]}}"#, item("actual_cost_yuan")),
            5 => format!(r#"{{"region":"tianjin","achievements":[{}]}}"#, item("name")),
            _ => format!(r#"{{"region":"tianjin","achievements":{value}}}"#),
        };
        let text = if bom { format!("\u{feff}{text}") } else { text };
        for answer in [
            api::parse_json(&text).and_then(|v| api::estimate(&v, today()).map(|_| ())),
            api::parse_json(&text).and_then(|v| api::compare(&v, today()).map(|_| ())),
            api::parse_json(&text).and_then(|v| api::eligibility(&v, today()).map(|_| ())),
        ] {
            if let Err(e) = answer {
                prop_assert!(!e.field.is_empty());
                prop_assert!(!e.message_zh.is_empty());
                short(&e);
            }
        }
        let s = value.trim_matches('"');
        for e in [api::explain(s, Default::default()).err(), api::lookup(s).err(), lingpao::model::request::as_of_text(s).err()].into_iter().flatten() {
            short(&e);
        }
    }
}
