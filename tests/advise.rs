//! `advise`: every candidate's `marginal_yuan` is exactly the estimate with its
//! `achievement` appended minus the estimate without it, on every hand-computed case and
//! on random requests; candidates are ranked best first, distinct, and each is a valid
//! achievement of the contract; the across-regions view agrees with `estimate` in every
//! region; bad input is refused naming the field.

mod common;

use lingpao::api;
use lingpao::date::Date;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn today() -> Date {
    Date::parse(common::TODAY).unwrap()
}

fn total(request: &Value) -> Decimal {
    let r = api::estimate(&common::req(request), today()).unwrap_or_else(|e| panic!("{request}: {e}"));
    r.total_yuan.parse().unwrap()
}

fn with(request: &Value, ach: &Value, region: Option<&str>) -> Value {
    let mut r = request.clone();
    r["achievements"].as_array_mut().unwrap().push(ach.clone());
    if let Some(region) = region {
        r["region"] = json!(region);
    }
    r
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

/// Checks every claim `advise` makes about `request` against `estimate`.
fn advice_holds(request: &Value, across: bool) -> Result<(), String> {
    let advice = match api::advise(&common::req(request), across, today()) {
        Ok(a) => serde_json::to_value(a).unwrap(),
        // A request the estimate refuses is refused here too, with the same field.
        Err(e) => {
            let est = api::estimate(&common::req(request), today());
            return match est {
                Err(f) if f.field == e.field => Ok(()),
                Ok(r) if r.lines.len() + r.unmatched.len() >= 199 => Ok(()),
                other => Err(format!("{request}: advise refused ({e}) but estimate gave {:?}", other.map(|r| r.total_yuan))),
            };
        }
    };
    let base = total(request);
    if dec(&advice["total_yuan"]) != base {
        return Err(format!("{request}: total {} ≠ estimate's {base}", advice["total_yuan"]));
    }
    let cands = advice["candidates"].as_array().unwrap();
    let mut last: Option<(Decimal, Decimal)> = None;
    for (i, c) in cands.iter().enumerate() {
        let ach = &c["achievement"];
        if cands[..i].iter().any(|d| d["achievement"] == *ach) {
            return Err(format!("{request}: candidate {ach} listed twice"));
        }
        let marginal = dec(&c["marginal_yuan"]);
        let after = total(&with(request, ach, None));
        if after - base != marginal {
            return Err(format!("{request}: {ach} adds {} by estimate, advise says {marginal}", after - base));
        }
        let key = (marginal, dec(&c["listed_yuan"]));
        if last.is_some_and(|l| l < key) {
            return Err(format!("{request}: candidates not best first at {i}"));
        }
        last = Some(key);
        // A reason is given exactly where the worth differs from the listed amount.
        if (marginal != key.1) == c["reasons"].as_array().unwrap().is_empty() {
            return Err(format!("{request}: {ach}: marginal {marginal}, listed {}, reasons {}", key.1, c["reasons"]));
        }
        if across {
            let regions = c["regions"].as_array().unwrap();
            if regions.len() != lingpao::policy::catalog().head.regions.len() {
                return Err(format!("{request}: {ach} priced in {} regions", regions.len()));
            }
            for e in regions {
                let region = e["region"].as_str().unwrap();
                let mut there = request.clone();
                there["region"] = json!(region);
                let adds = total(&with(&there, ach, None)) - total(&there);
                if adds != dec(&e["marginal_yuan"]) {
                    return Err(format!("{request}: {ach} adds {adds} in {region}, advise says {}", e["marginal_yuan"]));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn marginal_worth_is_the_estimates_difference_on_every_case() {
    let mut n = 0;
    for (file, cf) in common::case_files() {
        for case in cf.cases.iter().filter(|c| c.error_field.is_none()) {
            let request = common::to_json(&case.request);
            advice_holds(&request, false).unwrap_or_else(|e| panic!("{file} — {}: {e}", case.name));
            n += 1;
        }
    }
    assert!(n > 100, "only {n} cases");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn marginal_worth_is_the_estimates_difference_on_random_requests(v in common::plausible_request()) {
        if api::estimate(&common::req(&v), today()).is_ok() {
            prop_assert!(advice_holds(&v, false).is_ok(), "{}", advice_holds(&v, false).unwrap_err());
        }
    }
}

#[test]
fn across_regions_each_candidate_is_what_it_adds_in_that_region() {
    let request = json!({ "region": "beijing", "as_of": "2023-06-30", "achievements": [
        { "kind": "standard", "level": "national", "action": "formulate", "role": "lead", "count": 2 } ] });
    advice_holds(&request, true).unwrap();
}

/// The case: two national standards in Beijing use the whole 50 万 cap on
/// standards, so another standard adds nothing and the cap is named; a TC secretariat
/// falls under no cap and adds its full amount.
#[test]
fn beijing_two_national_standards_fill_the_standards_cap() {
    let request = json!({ "region": "beijing", "as_of": "2023-06-30", "achievements": [
        { "kind": "standard", "level": "national", "action": "formulate", "role": "lead", "count": 2 } ] });
    let a = serde_json::to_value(api::advise(&common::req(&request), false, today()).unwrap()).unwrap();
    let find = |ach: Value| a["candidates"].as_array().unwrap().iter().find(|c| c["achievement"] == ach).cloned().unwrap_or_else(|| panic!("no {ach}"));
    let more = find(json!({ "kind": "standard", "level": "national", "action": "formulate", "role": "lead", "count": 1 }));
    assert_eq!((more["marginal_yuan"].as_str(), more["listed_yuan"].as_str()), (Some("0"), Some("300000")));
    let why = &more["reasons"][0];
    assert!(why["text"].as_str().unwrap().contains("尚余 0 元"), "{why}");
    assert!(why["quote"].as_str().unwrap().contains("50 万元"), "{why}");
    let tc = find(json!({ "kind": "secretariat", "scope": "international", "tier": "tc", "count": 1 }));
    assert_eq!(tc["marginal_yuan"], tc["listed_yuan"]);
    assert!(tc["reasons"].as_array().unwrap().is_empty());
    let room = a["room"].as_array().unwrap().iter().find(|r| r["left"] == "0").expect("the standards cap is full");
    assert_eq!((room["unit"].as_str(), room["max"].as_str(), room["used"].as_str()), (Some("yuan"), Some("500000"), Some("500000")));
}

#[test]
fn bad_requests_are_refused_naming_the_field() {
    let e = api::advise(&common::req(&json!({ "achievements": [] })), false, today()).unwrap_err();
    assert_eq!(e.field, "region");
    let e = api::advise(&common::req(&json!({ "region": "nowhere", "achievements": [] })), false, today()).unwrap_err();
    assert_eq!(e.field, "region");
    assert!(e.allowed.iter().any(|r| r == "tianjin"));
    let full: Vec<Value> = (0..199).map(|_| json!({ "kind": "leader", "level": "national" })).collect();
    assert!(api::advise(&common::req(&json!({ "region": "tianjin", "achievements": full })), false, today()).is_ok());
    let over: Vec<Value> = (0..200).map(|_| json!({ "kind": "leader", "level": "national" })).collect();
    let e = api::advise(&common::req(&json!({ "region": "tianjin", "achievements": over })), false, today()).unwrap_err();
    assert_eq!(e.field, "achievements");
    assert!(e.message.contains("199"), "{e}");
}

/// An empty request in every region: the candidates are the listed amounts (nothing to
/// combine with, except where one item alone meets a cap), every one a valid request.
#[test]
fn from_nothing_every_region_lists_what_it_pays_for() {
    for region in lingpao::policy::catalog().region_ids() {
        let request = json!({ "region": region, "as_of": "2023-06-30", "achievements": [] });
        advice_holds(&request, false).unwrap_or_else(|e| panic!("{region}: {e}"));
    }
}
