//! Bad input gets a clear error naming the field (and the allowed values where there is
//! a list); nothing panics, whatever JSON arrives.

mod common;
use lingpao::{api, date::Date};
use proptest::prelude::*;
use serde_json::{json, Value};

fn today() -> Date {
    Date::parse("2026-11-28").unwrap()
}

fn err(v: Value) -> lingpao::model::InputError {
    api::estimate(&common::req(&v), today()).expect_err("should be rejected")
}

fn std_item() -> Value {
    json!({ "kind": "standard", "level": "national", "action": "formulate", "role": "lead" })
}

#[test]
fn unknown_region_lists_the_known_ids() {
    let e = err(json!({ "region": "atlantis", "achievements": [std_item()] }));
    assert_eq!(e.field, "region");
    assert!(e.message.contains("atlantis"));
    assert_eq!(e.allowed, lingpao::policy::catalog().region_ids());
    assert!(e.allowed.contains(&"guangzhou_huangpu".to_string()));
}

#[test]
fn missing_region_is_named() {
    assert_eq!(err(json!({ "achievements": [std_item()] })).field, "region");
}

#[test]
fn unknown_kind_lists_the_kinds() {
    let e = err(json!({ "region": "tianjin", "achievements": [{ "kind": "medal" }] }));
    assert_eq!(e.field, "achievements[0].kind");
    assert!(e.allowed.contains(&"standard".to_string()) && e.allowed.contains(&"good_conduct".to_string()));
}

#[test]
fn unknown_field_value_lists_the_values() {
    let mut a = std_item();
    a["role"] = json!("boss");
    let e = err(json!({ "region": "tianjin", "achievements": [std_item(), a] }));
    assert_eq!(e.field, "achievements[1].role");
    assert_eq!(e.allowed, vec!["lead", "participant"]);
}

#[test]
fn unknown_field_lists_the_fields() {
    let mut a = std_item();
    a["colour"] = json!("red");
    let e = err(json!({ "region": "tianjin", "achievements": [a] }));
    assert_eq!(e.field, "achievements[0].colour");
    assert!(e.allowed.contains(&"drafter_rank".to_string()));
    let e = err(json!({ "region": "tianjin", "achievements": [std_item()], "year": 2022 }));
    assert_eq!(e.field, "year");
}

#[test]
fn missing_required_field_is_named() {
    let e = err(json!({ "region": "tianjin", "achievements": [{ "kind": "standard", "level": "national", "action": "formulate" }] }));
    assert_eq!(e.field, "achievements[0].role");
}

#[test]
fn counts_must_be_whole_and_sane() {
    for bad in [json!(-1), json!(0), json!(10_001), json!(2.5), json!("3"), json!(1e30)] {
        let mut a = std_item();
        a["count"] = bad.clone();
        let e = err(json!({ "region": "tianjin", "achievements": [a] }));
        assert_eq!(e.field, "achievements[0].count", "{bad}");
        assert!(e.message.contains("1 to 10000"), "{}", e.message);
    }
}

#[test]
fn wrong_types_are_named() {
    assert_eq!(err(json!([1, 2])).field, "request");
    assert_eq!(err(json!({ "region": 7, "achievements": [std_item()] })).field, "region");
    assert_eq!(err(json!({ "region": "tianjin", "achievements": {} })).field, "achievements");
    assert_eq!(err(json!({ "region": "tianjin", "achievements": [3] })).field, "achievements[0]");
    assert_eq!(err(json!({ "region": "tianjin", "achievements": [{ "kind": 3 }] })).field, "achievements[0].kind");
    let mut a = std_item();
    a["level"] = json!(["national"]);
    assert_eq!(err(json!({ "region": "tianjin", "achievements": [a] })).field, "achievements[0].level");
}

/// A unit with nothing to claim is a valid request worth 0 (a costing over many units
/// counts it), with the warnings of the region's texts on that day.
#[test]
fn empty_achievements_are_worth_zero_with_the_regions_warnings() {
    let r = api::estimate(&common::req(&json!({ "region": "tianjin", "as_of": "2025-01-01", "achievements": [] })), today()).expect("an empty list is valid");
    assert_eq!((r.total_yuan.as_str(), r.gross_yuan.as_str(), r.total_is_upper_bound), ("0", "0", false));
    assert!(r.lines.is_empty() && r.unmatched.is_empty() && r.adjustments.is_empty());
    assert!(r.warnings.iter().any(|w| w.contains("失效")), "the expired text is still named: {:?}", r.warnings);
    let hebei = api::estimate(&common::req(&json!({ "region": "hebei", "achievements": [] })), today()).unwrap();
    assert_eq!(hebei.total_yuan, "0");
    assert!(hebei.warnings.iter().any(|w| w.contains("未规定资助金额")), "{:?}", hebei.warnings);
    let c = api::compare(&common::req(&json!({ "achievements": [] })), today()).unwrap();
    assert!(c.ranking.iter().all(|r| r.total_yuan == "0"));
}

#[test]
fn bad_dates() {
    for d in ["2022-02-30", "30/06/2022", "2022-6-30", ""] {
        assert_eq!(err(json!({ "region": "tianjin", "as_of": d, "achievements": [std_item()] })).field, "as_of", "{d}");
    }
}

#[test]
fn money_in_must_be_exact() {
    let item = |cost: Value| json!({ "region": "beijing", "achievements": [{ "kind": "pilot", "level": "national", "actual_cost_yuan": cost }] });
    for bad in [json!(1.5), json!("-5"), json!("1e6"), json!("12,000"), json!("1.234"), json!(true), json!("-0"), json!(""), json!("."), json!("1.2.3")] {
        assert_eq!(err(item(bad.clone())).field, "achievements[0].actual_cost_yuan", "{bad}");
    }
    for good in [json!(120000), json!("120000"), json!("9500.50"), json!(" 12 "), json!(".5")] {
        api::estimate(&common::req(&item(good.clone())), today()).unwrap_or_else(|e| panic!("{good}: {e}"));
    }
}

#[test]
fn malformed_json_is_an_input_error() {
    let e = api::parse_json("{\"region\": \"tianjin\", ").unwrap_err();
    assert_eq!(e.field, "request");
    assert!(e.message.contains("malformed JSON"));
}

/// Each way a text can fail to be JSON is said in both languages, at the same place:
/// the Chinese message says what is wrong in Chinese, not the English parser's words.
#[test]
fn malformed_json_is_said_in_chinese_too() {
    let deep = "[".repeat(200);
    let broken = [
        "{\"a\":1} x", "{\"a\":}", "{\"a\":", &deep, "[1 2]", "{a:1}", "{\"a\" 1}", "{\"a\":1,\"a\":2}",
        "{\"a\":1 \"b\":2}", "\"abc", "\"a\u{1}\"", "\"\\q\"", "\"\\u12G4\"", "-",
    ];
    let mut said = std::collections::BTreeSet::new();
    for text in broken {
        let e = api::parse_json(text).unwrap_err();
        let (en, zh) = (&e.message, &e.message_zh);
        let (line, column) = en.rsplit_once(" at line ").and_then(|(_, at)| at.split_once(" column ")).unwrap_or_else(|| panic!("{text}: {en}"));
        assert!(zh.starts_with("JSON 格式错误：") && zh.ends_with(&format!("（第 {line} 行第 {column} 列）")), "{text}: {zh}");
        let words = zh.replace("JSON", "").replace("\\u", "");
        assert!(!words.chars().any(|c| c.is_ascii_alphabetic()), "{text}: English in {zh}");
        said.insert(words.split('（').next().unwrap().to_string());
    }
    assert_eq!(said.len(), broken.len(), "one message for each way: {said:?}");
}

#[test]
fn errors_are_bilingual_and_serialisable() {
    let e = err(json!({ "region": "x", "achievements": [std_item()] }));
    assert!(!e.message_zh.is_empty());
    let j = e.to_json();
    assert_eq!(j["error"]["field"], "region");
}

/// Any JSON value at all: the API answers Ok or Err, never panics.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        prop_oneof![
            Just("tianjin"), Just("beijing"), Just("standard"), Just("national"), Just("lead"), Just("formulate"),
            Just("revise"), Just("participant"), Just("leader"), Just("secretariat"), Just("tc"), Just("international"),
            Just("2022-06-30"), Just("municipal"), Just("group"), Just("5A"), Just("first"), Just("pilot"), Just("-1"), Just("1e9")
        ].prop_map(|s| json!(s)),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("region".to_string()), Just("as_of".to_string()), Just("achievements".to_string()), Just("kind".to_string()),
                    Just("level".to_string()), Just("action".to_string()), Just("role".to_string()), Just("count".to_string()),
                    Just("scope".to_string()), Just("tier".to_string()), Just("grade".to_string()), Just("series".to_string()),
                    Just("subject".to_string()), Just("drafter_rank".to_string()), Just("actual_cost_yuan".to_string()), "[a-z_]{1,8}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn total_is_sane(v: &Value) {
    if let Ok(r) = api::estimate(&common::req(v), today()) {
        let total: rust_decimal::Decimal = r.total_yuan.parse().unwrap();
        let gross: rust_decimal::Decimal = r.gross_yuan.parse().unwrap();
        assert!(total >= rust_decimal::Decimal::ZERO && total <= gross, "{v}: total {total} gross {gross}");
        let sum: rust_decimal::Decimal = r.lines.iter().map(|l| l.amount_yuan.parse::<rust_decimal::Decimal>().unwrap()).sum();
        assert_eq!(sum, total);
        // Every achievement is paid or unpaid (one a combination rule brought to 0 is both).
        let mut seen: Vec<usize> = r.lines.iter().map(|l| l.achievement).chain(r.unmatched.iter().map(|u| u.achievement)).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen, (0..v["achievements"].as_array().unwrap().len()).collect::<Vec<_>>(), "{v}");
        assert!(r.unmatched.iter().all(|u| !r.lines.iter().any(|l| l.achievement == u.achievement) || r.lines.iter().filter(|l| l.achievement == u.achievement).all(|l| l.amount_yuan == "0")), "{v}: an unpaid item with a paying line");
    }
    let _ = api::compare(&common::req(v), today());
}

/// 3000 inputs per property in every test run; `LINGPAO_FUZZ_CASES=100000` for a long run.
fn fuzz_cases() -> u32 {
    std::env::var("LINGPAO_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(3000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: fuzz_cases(), failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn any_json_never_panics(v in any_json()) {
        let _ = api::estimate(&common::req(&v), today());
        let _ = api::compare(&common::req(&v), today());
    }

    #[test]
    fn plausible_requests_never_panic_and_add_up(v in common::plausible_request()) {
        total_is_sane(&v);
    }

    #[test]
    fn any_text_never_panics(s in ".{0,200}") {
        if let Ok(v) = api::parse_json(&s) {
            let _ = api::estimate(&v, today());
        }
    }

    /// The request reader accepts what serde_json accepts, and reads the same value
    /// (its text, parsed again by serde_json, is equal). Two refusals are its own: a key
    /// given twice, and numbers beyond f64 are serde_json's.
    #[test]
    fn the_reader_agrees_with_serde_json(s in r#"[\[\]{}",: 0-9.eE+\-\\untrlfsa\nx领]{0,48}"#) {
        let ours = lingpao::model::Json::parse(&s);
        let theirs = serde_json::from_str::<Value>(&s);
        match (&ours, &theirs) {
            (Ok(v), Ok(t)) => prop_assert_eq!(&serde_json::from_str::<Value>(&v.to_string()).unwrap(), t, "{}", s),
            (Err(e), Ok(_)) => prop_assert_eq!(e.message, "duplicate key", "{}", s),
            (Ok(_), Err(e)) => prop_assert!(e.to_string().contains("number out of range"), "{}: {}", s, e),
            (Err(_), Err(_)) => {}
        }
    }

    #[test]
    fn the_reader_reads_any_json_value(v in any_json()) {
        let text = v.to_string();
        // Written back, it is the same text: same members in the same order, numbers as written.
        prop_assert_eq!(lingpao::model::Json::parse(&text).unwrap().to_string(), text);
    }
}

/// "应为" ("must be") and what follows are spaced as every Chinese message spaces Latin
/// letters and digits: "应为 YYYY-MM-DD 日期字符串", not "应为YYYY-MM-DD".
#[test]
fn chinese_messages_space_latin_words() {
    let est = |v: Value| api::estimate(&common::req(&v), today()).unwrap_err();
    let sme = |v: Value| api::sme(&common::req(&v), today()).unwrap_err();
    let errors = [
        est(json!({ "region": "tianjin", "as_of": true, "achievements": [] })),
        est(json!({ "region": 7, "achievements": [] })),
        sme(json!({ "facts": { "debt_ratio": "x" } })),
        sme(json!({ "facts": { "staff": true } })),
    ];
    for e in errors {
        let after = e.message_zh.split_once("应为").map(|(_, rest)| rest).unwrap_or_else(|| panic!("{e}: {}", e.message_zh));
        let (first, second) = (after.chars().next().unwrap(), after.chars().nth(1).unwrap());
        assert!(!first.is_ascii_alphanumeric() && (first != ' ' || second.is_ascii_alphanumeric()), "{}", e.message_zh);
    }
}

/// A name that holds quotation marks is quoted as Chinese nests them.
#[test]
fn quotes_in_quotes_are_single() {
    let e = err(json!({ "region": "tianjin", "achievements": [{ "kind": "leader" }] }));
    assert_eq!(e.field, "achievements[0].level");
    assert!(e.message_zh.starts_with("“企业标准‘领跑者’”必须填写“"), "{}", e.message_zh);
}
