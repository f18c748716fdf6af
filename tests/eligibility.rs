//! The leader eligibility self-check: the hand-worked cases of
//! `policies/cases/eligibility/cases.toml` (one per region at least), every region
//! answering with clauses, bad facts named field by field, and no panic on any input.

mod common;
use lingpao::engine::eligibility::{ConditionStatus, Scope, Verdict};
use lingpao::policy::{catalog, validate::normalize};
use lingpao::{api, date::Date};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;

fn today() -> Date {
    Date::parse("2026-11-28").unwrap()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// The reading of the texts behind the expectation.
    reading: String,
    region: String,
    facts: toml::Value,
    verdict: String,
    met: Vec<String>,
    not_met: Vec<String>,
}

fn cases() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/cases/eligibility/cases.toml");
    let f: CaseFile = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    f.case
}

fn source(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/sources").join(name)).unwrap()
}

#[test]
fn every_case_holds_and_every_status_occurs() {
    let mut failures = Vec::new();
    let mut seen = BTreeSet::new();
    let all = cases();
    for c in &all {
        let request = json!({ "region": c.region, "facts": serde_json::to_value(&c.facts).unwrap() });
        let r = match api::eligibility(&common::req(&request), today()) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{}: {e}", c.name));
                continue;
            }
        };
        let key = |x: &lingpao::engine::eligibility::ConditionResult| format!("{}/{}", x.policy, x.id);
        let got = |s: ConditionStatus| r.conditions.iter().filter(|x| x.status == s).map(key).collect::<BTreeSet<_>>();
        let want = |v: &Vec<String>| v.iter().cloned().collect::<BTreeSet<_>>();
        let mut problems = Vec::new();
        if got(ConditionStatus::Met) != want(&c.met) {
            problems.push(format!("met {:?} ≠ expected {:?}", got(ConditionStatus::Met), c.met));
        }
        if got(ConditionStatus::NotMet) != want(&c.not_met) {
            problems.push(format!("not_met {:?} ≠ expected {:?}", got(ConditionStatus::NotMet), c.not_met));
        }
        let verdict = serde_json::to_value(r.verdict).unwrap();
        if verdict != c.verdict.as_str() {
            problems.push(format!("verdict {verdict} ≠ {}", c.verdict));
        }
        assert_eq!(r.counts.unknown > 0, !r.missing_facts.is_empty(), "{}: unknown conditions name the facts they need", c.name);
        for x in &r.conditions {
            seen.insert(serde_json::to_value(x.status).unwrap().as_str().unwrap().to_string());
        }
        if !problems.is_empty() {
            failures.push(format!("{} — {}\n    reading: {}", c.name, problems.join("; "), c.reading));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), all.len(), failures.join("\n"));
    assert_eq!(seen, BTreeSet::from(["met", "not_met", "unknown"].map(String::from)), "every status is exercised");
}

#[test]
fn every_region_has_a_case() {
    let covered: BTreeSet<String> = cases().into_iter().map(|c| c.region).collect();
    let all: BTreeSet<String> = catalog().region_ids().into_iter().collect();
    assert_eq!(covered, all);
}

#[test]
fn every_region_answers_with_conditions_clauses_and_verbatim_quotes() {
    let cat = catalog();
    let mut without_own = Vec::new();
    for id in cat.region_ids() {
        let r = api::eligibility(&common::req(&json!({ "region": id })), today()).unwrap();
        assert!(!r.conditions.is_empty(), "{id}");
        assert_eq!(r.verdict, Verdict::Incomplete, "{id}: no facts, nothing known");
        assert_eq!(r.counts.unknown, r.conditions.len());
        let national = r.conditions.iter().filter(|c| c.scope == Scope::National).count();
        assert_eq!(national, 5, "{id}: the national conditions are inherited");
        for c in &r.conditions {
            assert!(!c.clause.is_empty() && !c.quote.is_empty() && !c.text.is_empty(), "{id}/{}", c.id);
            let p = lingpao::policy::bundle().policies.iter().find(|p| p.id == c.policy).unwrap();
            assert!(normalize(&source(&p.source)).contains(&normalize(c.quote)), "{id}/{}: quote not in {}", c.id, p.source);
        }
        if !r.conditions.iter().any(|c| c.scope == Scope::Region) {
            without_own.push(id.clone());
            assert!(r.warnings.iter().any(|w| w.contains("国家层面")), "{id}: says the national conditions are all there is");
        }
    }
    // Their texts mention leaders without setting conditions of their own.
    assert_eq!(without_own, ["heilongjiang", "hainan", "shanghai"]);
}

#[test]
fn the_brief_s_thresholds_are_in_the_data() {
    let find = |policy: &str, id: &str| {
        lingpao::policy::bundle().policies.iter().find(|p| p.id == policy).and_then(|p| p.eligibility.iter().find(|e| e.id == id)).unwrap_or_else(|| panic!("{policy}/{id}"))
    };
    assert_eq!(find("shaanxi-leader-plan", "implemented_two_years").min, Some(24));
    assert_eq!(find("shanxi-leader-measures", "implemented_two_years").min, Some(24));
    assert_eq!(find("taizhou-leader-plan", "implemented_one_year").min, Some(12));
    assert_eq!(find("jiangsu-leader-plan", "term_three_years").max, Some(36));
    assert_eq!(find("taizhou-leader-plan", "term_three_years").max, Some(36));
    assert_eq!(find("liaoning-leader-plan", "term_one_to_three_years").max, Some(36));
    assert_eq!(find("zhengzhou-quality-policies", "held_one_year").min, Some(12));
    let national = find("national-leader-call", "implemented_twelve_months");
    assert_eq!((national.min, national.relaxed.as_ref().and_then(|r| r.min)), (Some(12), Some(6)));
}

#[test]
fn english_texts_and_reasons() {
    let r = api::eligibility(&common::req(&json!({ "region": "jiangsu", "lang": "en", "facts": { "years_held": 4 } })), today()).unwrap();
    let term = r.conditions.iter().find(|c| c.id == "term_three_years").unwrap();
    assert_eq!(term.status, ConditionStatus::NotMet);
    assert_eq!(term.value, Some(lingpao::model::facts::FactValue::Months(48)));
    assert!(term.text.contains("valid for 3 years"), "{}", term.text);
    assert!(term.reason.contains("48 months") && term.reason.contains("≤ 36"), "{}", term.reason);
    assert!(r.summary.contains("not met"), "{}", r.summary);
    let value = serde_json::to_value(&r).unwrap();
    assert_eq!(value["conditions"].as_array().unwrap().iter().find(|c| c["id"] == "term_three_years").unwrap()["requirement"], json!({ "max": 36 }));
}

#[test]
fn a_policy_out_of_force_is_flagged() {
    let r = api::eligibility(&common::req(&json!({ "region": "tianjin", "as_of": "2025-01-01" })), today()).unwrap();
    assert_eq!(r.as_of, "2025-01-01");
    assert!(r.warnings.iter().any(|w| w.contains("已于 2024-08-28 失效")), "{:?}", r.warnings);
}

fn err(v: Value) -> lingpao::model::InputError {
    api::eligibility(&common::req(&v), today()).expect_err("should be rejected")
}

#[test]
fn bad_facts_name_the_field_and_what_is_allowed() {
    let e = err(json!({ "region": "jiangsu", "facts": { "colour": "red" } }));
    assert_eq!(e.field, "facts.colour");
    assert!(e.allowed.contains(&"registered_in_region".to_string()) && e.allowed.contains(&"years_implemented".to_string()), "{:?}", e.allowed);
    let e = err(json!({ "region": "jiangsu", "facts": { "declared": "yes" } }));
    assert_eq!((e.field.as_str(), e.allowed.clone()), ("facts.declared", vec!["true".to_string(), "false".to_string()]));
    for bad in [json!(-1), json!(1201), json!(1.5), json!("12"), json!(true)] {
        assert_eq!(err(json!({ "region": "shaanxi", "facts": { "months_implemented": bad } })).field, "facts.months_implemented", "{bad}");
    }
    let e = err(json!({ "region": "shaanxi", "facts": { "years_implemented": 1.5 } }));
    assert!(e.field == "facts.years_implemented" && e.message.contains("months_implemented"), "{e}");
    assert_eq!(err(json!({ "region": "shaanxi", "facts": { "years_held": 101 } })).field, "facts.years_held");
    let e = err(json!({ "region": "shaanxi", "facts": { "months_held": 12, "years_held": 1 } }));
    assert!(e.field.starts_with("facts.") && e.allowed == ["months_held", "years_held"], "{e}");
    assert_eq!(err(json!({ "region": "shaanxi", "facts": [true] })).field, "facts");
    assert_eq!(err(json!({ "facts": {} })).field, "region");
    let e = err(json!({ "region": "national" }));
    assert_eq!((e.field.as_str(), e.allowed.len()), ("region", catalog().head.regions.len()));
    assert_eq!(err(json!({ "region": "hebei", "lang": "fr" })).field, "lang");
    assert_eq!(err(json!({ "region": "hebei", "as_of": "soon" })).field, "as_of");
    assert_eq!(err(json!({ "region": "hebei", "achievements": [] })).field, "achievements");
    assert_eq!(err(json!("hebei")).field, "request");
}

#[test]
fn null_facts_are_not_given() {
    let r = api::eligibility(&common::req(&json!({ "region": "zhengzhou", "facts": { "months_held": null, "declared": null } })), today()).unwrap();
    assert_eq!(r.counts.unknown, r.conditions.len());
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
        prop::sample::select(catalog().region_ids()).prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![Just("region".to_string()), Just("facts".to_string()), Just("lang".to_string()), Just("as_of".to_string()), prop::sample::select(catalog().fact_names()), "[a-z_]{1,8}"],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Well-formed requests with random facts: the counts always add up and the verdict
/// follows them.
fn plausible() -> impl Strategy<Value = Value> {
    let names = catalog().fact_names();
    let value = prop_oneof![Just(Value::Null), any::<bool>().prop_map(Value::Bool), (-2i64..1300).prop_map(|n| json!(n))];
    (prop::sample::select(catalog().region_ids()), prop::collection::btree_map(prop::sample::select(names), value, 0..8))
        .prop_map(|(region, facts)| json!({ "region": region, "facts": facts }))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn any_json_never_panics(v in any_json()) {
        let _ = api::eligibility(&common::req(&v), today());
    }

    #[test]
    fn plausible_requests_add_up(v in plausible()) {
        if let Ok(r) = api::eligibility(&common::req(&v), today()) {
            prop_assert_eq!(r.counts.met + r.counts.not_met + r.counts.unknown, r.conditions.len());
            let expected = if r.counts.not_met > 0 { Verdict::SomeNotMet } else if r.counts.unknown > 0 { Verdict::Incomplete } else { Verdict::AllMet };
            prop_assert_eq!(r.verdict, expected);
        }
    }

    #[test]
    fn any_text_never_panics(s in ".{0,120}") {
        if let Ok(v) = api::parse_json(&s) {
            let _ = api::eligibility(&v, today());
        }
        let _ = api::lookup(&s);
    }
}
