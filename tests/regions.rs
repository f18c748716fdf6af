//! Every region answers; regions without money answer with their incentives; items a
//! text addresses without an amount are unmatched with that clause.

mod common;
use lingpao::{api, date::Date, model::Lang, policy::catalog};
use serde_json::json;

fn today() -> Date {
    Date::parse("2026-11-28").unwrap()
}

#[test]
fn every_region_answers_every_call() {
    let ids = catalog().region_ids();
    assert!(!ids.is_empty());
    let achievements = json!([
        { "kind": "standard", "level": "national", "action": "formulate", "role": "lead" },
        { "kind": "leader", "level": "national" },
        { "kind": "secretariat", "scope": "international", "tier": "tc" },
        { "kind": "pilot", "level": "provincial" },
        { "kind": "innovation_award", "grade": "first" },
        { "kind": "good_conduct", "grade": "4A" }
    ]);
    for id in &ids {
        let r = api::estimate(&common::req(&json!({ "region": id, "as_of": "2021-06-30", "achievements": achievements })), today()).unwrap();
        assert_eq!(r.lines.len() + r.unmatched.len(), 6, "{id}");
        assert!(!r.policies.is_empty(), "{id}");
        let e = api::explain(id, Lang::En).unwrap();
        assert!(!e.policies.is_empty());
    }
    assert_eq!(api::regions(None, today(), Lang::Zh).len(), ids.len());
    assert_eq!(api::compare(&common::req(&json!({ "achievements": achievements })), today()).unwrap().ranking.len(), ids.len());
}

#[test]
fn regions_without_money_list_their_incentives() {
    let quiet: Vec<_> = api::regions(None, today(), Lang::Zh).into_iter().filter(|r| !r.pays).collect();
    let ids: Vec<&str> = quiet.iter().map(|r| r.id).collect();
    assert_eq!(ids, ["hebei", "jiangsu", "taizhou", "heilongjiang", "shaanxi", "liaoning", "shanxi", "guangyuan", "hainan", "shanghai"]);
    for id in ids {
        let r = api::estimate(&common::req(&json!({ "region": id, "achievements": [{ "kind": "leader", "level": "national" }] })), today()).unwrap();
        assert_eq!(r.total_yuan, "0", "{id}");
        assert!(r.benefits.len() >= 3, "{id}: {} benefits", r.benefits.len());
        assert!(r.benefits.iter().all(|b| !b.clause.is_empty() && !b.quote.is_empty()));
        assert_eq!(r.unmatched.len(), 1);
        assert!(r.warnings.iter().any(|w| w.contains("未规定资助金额")), "{id}");
    }
}

#[test]
fn nine_regions_pay() {
    let paying: Vec<&str> = api::regions(None, today(), Lang::Zh).into_iter().filter(|r| r.pays).map(|r| r.id).collect();
    assert_eq!(paying, ["beijing", "tianjin", "liaocheng", "linyi", "zhengzhou", "guangzhou_huangpu", "foshan", "zaozhuang", "weihai"]);
}

#[test]
fn a_gap_in_the_text_is_the_reason() {
    let item = json!({ "kind": "standard", "level": "international", "action": "formulate", "role": "lead" });
    let r = api::estimate(&common::req(&json!({ "region": "weihai", "as_of": "2022-01-01", "achievements": [item] })), today()).unwrap();
    assert_eq!(r.total_yuan, "0");
    assert!(r.unmatched[0].reason.contains("第五条") && r.unmatched[0].reason.contains("未规定主持制定"), "{}", r.unmatched[0].reason);
    let revise = json!({ "kind": "standard", "level": "international", "action": "revise", "role": "lead" });
    let r = api::estimate(&common::req(&json!({ "region": "foshan", "lang": "en", "achievements": [revise] })), today()).unwrap();
    assert!(r.unmatched[0].reason.contains("none for leading a revision"), "{}", r.unmatched[0].reason);
}
