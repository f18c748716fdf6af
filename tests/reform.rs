//! Reforms ("if the amounts were…"): a changed amount, percentage or cap, or a rule
//! switched off, changes exactly the lines it bears on, by hand-computed amounts, and
//! says so on each; without a reform nothing changes; a bad reform names its field.

mod common;

use lingpao::api;
use lingpao::date::Date;
use serde_json::{json, Value};

fn today() -> Date {
    Date::parse(common::TODAY).unwrap()
}

fn estimate(request: &Value, reform: Option<&Value>) -> Value {
    let reform = reform.map(|r| api::reform(&r.to_string()).unwrap_or_else(|e| panic!("{r}: {e}")));
    serde_json::to_value(api::estimate_reformed(&common::req(request), reform.as_ref(), today()).unwrap()).unwrap()
}

fn line(result: &Value, achievement: u64) -> &Value {
    result["lines"].as_array().unwrap().iter().find(|l| l["achievement"] == achievement).unwrap_or_else(|| panic!("no line {achievement}: {result}"))
}

fn tianjin() -> Value {
    json!({ "region": "tianjin", "as_of": "2022-06-30", "achievements": [
        { "kind": "standard", "level": "national", "action": "formulate", "role": "lead", "count": 2 },
        { "kind": "standard", "level": "national", "action": "revise", "role": "lead" },
        { "kind": "standard", "level": "industry", "action": "formulate", "role": "lead" },
        { "kind": "leader", "level": "national" }
    ]})
}

fn change(c: Value) -> Value {
    json!({ "name": "test", "changes": [c] })
}

#[test]
fn national_standards_at_100000_change_those_lines_and_the_total_by_hand() {
    let base = estimate(&tianjin(), None);
    let reform = change(json!({ "policy": "tianjin-subsidy-fund", "rule": "national_formulate_lead", "amount": "100000" }));
    let r = estimate(&tianjin(), Some(&reform));
    // Baseline (第七条): 2 × 80000 + 50% × 80000 + 40000 + 60000 (第十一条) = 300000.
    assert_eq!(base["total_yuan"], "300000");
    // Reform: 2 × 100000 + 50% × 100000 (the revision is a share of the formulation
    // amount, so it follows it) + 40000 + 60000 = 350000.
    assert_eq!(r["total_yuan"], "350000");
    assert_eq!(r["baseline_total_yuan"], "300000");
    assert_eq!(r["reform"]["name"], "test");
    assert_eq!(r["reform"]["changes"][0], json!({ "policy": "tianjin-subsidy-fund", "rule": "national_formulate_lead", "clause": "第七条", "field": "amount", "baseline": "80000", "reform": "100000" }));
    assert_eq!((line(&r, 0)["amount_yuan"].as_str(), line(&r, 0)["reform"]["baseline_amount_yuan"].as_str()), (Some("200000"), Some("160000")));
    assert_eq!((line(&r, 1)["amount_yuan"].as_str(), line(&r, 1)["reform"]["baseline_amount_yuan"].as_str()), (Some("50000"), Some("40000")));
    for i in [0, 1] {
        assert_eq!(line(&r, i)["reform"]["changes"][0]["rule"], "national_formulate_lead", "line {i} names the change that bears on it");
    }
    for i in [2, 3] {
        assert!(line(&r, i).get("reform").is_none(), "line {i} is unchanged: {}", line(&r, i));
        assert_eq!(line(&r, i), line(&base, i));
    }
}

#[test]
fn a_percentage_changes_its_rule_only() {
    let reform = change(json!({ "policy": "tianjin-subsidy-fund", "rule": "domestic_revise_lead", "percent": "60" }));
    let r = estimate(&tianjin(), Some(&reform));
    // 60% × 80000 = 48000 instead of 40000: 300000 + 8000.
    assert_eq!((r["total_yuan"].as_str(), r["baseline_total_yuan"].as_str()), (Some("308000"), Some("300000")));
    assert_eq!(line(&r, 1)["amount_yuan"], "48000");
    assert_eq!(line(&r, 1)["formula"], "60% × 80000 = 48000");
    assert_eq!(line(&r, 1)["reform"]["changes"][0]["field"], "percent");
    assert_eq!(r["lines"].as_array().unwrap().iter().filter(|l| l.get("reform").is_some()).count(), 1);
}

#[test]
fn a_cap_raised_lets_more_through() {
    // Beijing (第十一条): standards at most 500000 a unit a year; two national standards
    // at up to 300000 each (600000) are capped to 500000. At a cap of 550000: 550000.
    let req = json!({ "region": "beijing", "as_of": "2021-06-30", "achievements": [{ "kind": "standard", "level": "national", "action": "formulate", "role": "lead", "count": 2 }] });
    let base = estimate(&req, None);
    assert_eq!(base["total_yuan"], "500000");
    let reform = change(json!({ "policy": "beijing-subsidy-fund", "limit": "standards_annual_cap", "amount": "550000" }));
    let r = estimate(&req, Some(&reform));
    assert_eq!((r["total_yuan"].as_str(), r["baseline_total_yuan"].as_str()), (Some("550000"), Some("500000")));
    assert_eq!(line(&r, 0)["reform"]["baseline_amount_yuan"], "500000");
    assert_eq!(line(&r, 0)["reform"]["changes"][0]["limit"], "standards_annual_cap");
    // The cap switched off: 2 × 300000.
    let off = change(json!({ "policy": "beijing-subsidy-fund", "limit": "standards_annual_cap", "off": true }));
    assert_eq!(estimate(&req, Some(&off))["total_yuan"], "600000");
}

#[test]
fn a_rule_switched_off_leaves_its_item_unmatched_with_the_reason() {
    let reform = json!({ "name": "无领跑者", "changes": [{ "policy": "tianjin-subsidy-fund", "rule": "leader_national", "off": true }] });
    let r = estimate(&tianjin(), Some(&reform));
    assert_eq!((r["total_yuan"].as_str(), r["baseline_total_yuan"].as_str()), (Some("240000"), Some("300000")));
    assert!(r["lines"].as_array().unwrap().iter().all(|l| l["achievement"] != 3));
    let u = r["unmatched"].as_array().unwrap().iter().find(|u| u["achievement"] == 3).expect("the leader is unmatched");
    assert!(u["reason"].as_str().unwrap().contains("无领跑者"), "{u}");
    assert_eq!(u["clause"], "第十一条");
    assert_eq!(u["reform"]["baseline_amount_yuan"], "60000");
    assert_eq!(u["reform"]["baseline_rule"], "leader_national");
    // A percentage of a rule switched off still pays its share of the figure.
    let off = change(json!({ "policy": "tianjin-subsidy-fund", "rule": "national_formulate_lead", "off": true }));
    let r = estimate(&tianjin(), Some(&off));
    assert_eq!(line(&r, 1)["amount_yuan"], "40000");
    assert_eq!(r["total_yuan"], "140000");
}

#[test]
fn without_a_reform_the_result_is_as_before_and_a_reform_elsewhere_changes_no_line() {
    let elsewhere = change(json!({ "policy": "beijing-subsidy-fund", "rule": "national_formulate", "amount": "1" }));
    let mut n = 0;
    for (_, cf) in common::case_files() {
        for case in &cf.cases {
            let req = common::to_json(&case.request);
            if req["region"] == "beijing" || api::estimate(&common::req(&req), today()).is_err() {
                continue;
            }
            n += 1;
            let plain = estimate(&req, None);
            let text = serde_json::to_string(&plain).unwrap();
            assert!(!text.contains("\"reform\"") && !text.contains("baseline_total_yuan"), "{text}");
            let mut r = estimate(&req, Some(&elsewhere));
            assert_eq!(r["baseline_total_yuan"], plain["total_yuan"]);
            let o = r.as_object_mut().unwrap();
            o.remove("reform");
            o.remove("baseline_total_yuan");
            assert_eq!(r, plain, "{}", case.name);
        }
    }
    assert!(n > 50);
}

#[test]
fn every_bad_reform_names_its_field() {
    let p = "tianjin-subsidy-fund";
    let bad: Vec<(Value, &str, Option<&str>)> = vec![
        (json!([]), "reform", None),
        (json!({ "changes": [] }), "reform.changes", None),
        (json!({ "name": "x" }), "reform.changes", None),
        (json!({ "changes": [], "extra": 1 }), "reform.extra", Some("changes")),
        (json!({ "name": 3, "changes": [] }), "reform.name", None),
        (json!({ "changes": [{ "policy": "atlantis-fund", "rule": "x", "amount": "1" }] }), "reform.changes[0].policy", Some(p)),
        (json!({ "changes": [{ "policy": "tianjin-leader-plan", "rule": "x", "amount": "1" }] }), "reform.changes[0].policy", Some(p)),
        (json!({ "changes": [{ "rule": "x", "amount": "1" }] }), "reform.changes[0].policy", Some(p)),
        (json!({ "changes": [{ "policy": p, "rule": "national_formulate_lead", "amount": "1" }, { "policy": p, "rule": "no_such_rule", "amount": "1" }] }), "reform.changes[1].rule", Some("national_formulate_lead")),
        (json!({ "changes": [{ "policy": p, "limit": "no_such_limit", "amount": "1" }] }), "reform.changes[0].limit", Some("two_categories")),
        (json!({ "changes": [{ "policy": p, "amount": "1" }] }), "reform.changes[0].rule", Some("leader_national")),
        (json!({ "changes": [{ "policy": p, "rule": "national_formulate_lead", "amount": "-1" }] }), "reform.changes[0].amount", None),
        (json!({ "changes": [{ "policy": p, "rule": "national_formulate_lead", "amount": "8万" }] }), "reform.changes[0].amount", None),
        (json!({ "changes": [{ "policy": p, "rule": "national_formulate_lead", "amount": 80000.5 }] }), "reform.changes[0].amount", None),
        (json!({ "changes": [{ "policy": p, "rule": "national_formulate_lead", "amount": "1.001" }] }), "reform.changes[0].amount", None),
        (json!({ "changes": [{ "policy": p, "rule": "national_formulate_lead", "percent": "60" }] }), "reform.changes[0].percent", Some("amount")),
        (json!({ "changes": [{ "policy": p, "rule": "domestic_revise_lead", "amount": "1" }] }), "reform.changes[0].amount", Some("percent")),
        (json!({ "changes": [{ "policy": p, "rule": "domestic_revise_lead", "percent": "101" }] }), "reform.changes[0].percent", None),
        (json!({ "changes": [{ "policy": p, "rule": "domestic_revise_lead", "percent": "-5" }] }), "reform.changes[0].percent", None),
        (json!({ "changes": [{ "policy": p, "rule": "national_formulate_lead", "off": false }] }), "reform.changes[0].off", Some("true")),
        (json!({ "changes": [{ "policy": p, "rule": "national_formulate_lead" }] }), "reform.changes[0]", Some("off")),
        (json!({ "changes": [{ "policy": p, "rule": "national_formulate_lead", "amount": "1", "off": true }] }), "reform.changes[0].off", None),
        (json!({ "changes": [{ "policy": p, "rule": "x", "limit": "y", "off": true }] }), "reform.changes[0].rule", None),
        (json!({ "changes": [{ "policy": p, "rule": "national_formulate_lead", "amont": "1" }] }), "reform.changes[0].amont", Some("amount")),
        (json!({ "changes": [{ "policy": p, "rule": "national_formulate_lead", "amount": "1" }, { "policy": p, "rule": "national_formulate_lead", "amount": "2" }] }), "reform.changes[1]", None),
        (json!({ "changes": ["x"] }), "reform.changes[0]", None),
    ];
    for (reform, field, allowed) in bad {
        let e = api::reform(&reform.to_string()).expect_err(&reform.to_string());
        assert_eq!(e.field, field, "{reform}: {e}");
        assert!(!e.message.is_empty() && !e.message_zh.is_empty(), "{e:?}");
        if let Some(a) = allowed {
            assert!(e.allowed.iter().any(|x| x == a), "{reform}: {a} not in {:?}", e.allowed);
        }
    }
    assert_eq!(api::reform("{oops").unwrap_err().field, "reform");
    // What is allowed: the same rule's amount and another rule switched off, at once.
    assert!(api::reform(&json!({ "changes": [{ "policy": p, "rule": "national_formulate_lead", "amount": "0" }, { "policy": p, "rule": "leader_city", "off": true }] }).to_string()).is_ok());
}

#[test]
fn the_example_reform_is_valid_and_changes_tianjin() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/reform.json")).unwrap();
    let reform: Value = serde_json::from_str(&text).unwrap();
    let r = estimate(&tianjin(), Some(&reform));
    assert_ne!(r["total_yuan"], r["baseline_total_yuan"]);
}

#[test]
fn compare_ranks_by_the_reformed_totals() {
    let req = tianjin();
    let reform = change(json!({ "policy": "tianjin-subsidy-fund", "rule": "national_formulate_lead", "amount": "10000000" }));
    let reform = api::reform(&reform.to_string()).unwrap();
    let c = serde_json::to_value(api::compare_reformed(&common::req(&req), Some(&reform), today()).unwrap()).unwrap();
    let first = &c["ranking"][0];
    assert_eq!(first["region"], "tianjin", "{}", c["ranking"][0]["total_yuan"]);
    // 2 × 10000000 + 50% × 10000000 + 40000 + 60000: first, where it was not.
    assert_eq!((first["total_yuan"].as_str(), first["baseline_total_yuan"].as_str()), (Some("25100000"), Some("300000")));
    let plain = serde_json::to_value(api::compare(&common::req(&req), today()).unwrap()).unwrap();
    assert_ne!(plain["ranking"][0]["region"], "tianjin");
    assert!(c["ranking"].as_array().unwrap().iter().all(|r| r["baseline_total_yuan"].is_string()));
}

#[test]
fn the_readmes_reform_is_valid() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("**If the amounts were…: reforms.**").expect("the README documents reforms")..];
    let block = &section[section.find("```json").unwrap() + 7..];
    let block = &block[..block.find("```").unwrap()];
    let reform = api::reform(block).unwrap_or_else(|e| panic!("the README's reform: {e}"));
    assert_eq!(reform.changes.len(), 4);
}
