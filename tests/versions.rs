//! Versions of a text: a revision says which text it replaces and from when, `as_of`
//! picks the version in force, and a result on either version says so. Uses the
//! fictional texts of `tests/fixtures/new-text/` and `tests/fixtures/new-version/`, in
//! a process of its own (the catalog is installed before anything reads it).

mod common;

use common::*;
use lingpao::model::result::Status;
use lingpao::{api, date::Date, model::Lang, policy};
use serde_json::json;
use std::path::Path;

fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs = [root.join("policies"), root.join("tests/fixtures/new-text"), root.join("tests/fixtures/new-version")];
        let bundle = policy::load::load(&dirs.iter().map(|d| d.as_path()).collect::<Vec<_>>(), "0.0.0").unwrap_or_else(|e| panic!("{}", e.join("\n")));
        policy::install(&bundle).unwrap();
    });
}

fn estimate(as_of: &str) -> lingpao::model::result::EstimateResult<'static> {
    let r = json!({ "region": "fixture_city", "as_of": as_of, "lang": "en", "achievements": [{ "kind": "standard", "level": "national", "action": "formulate", "role": "lead" }] });
    api::estimate(&req(&r), Date::parse(TODAY).unwrap()).unwrap()
}

#[test]
fn each_day_follows_the_version_in_force() {
    install();
    for case in &case_files_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/new-version/cases"))[0].1.cases {
        check_case(case).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    }
    let old = estimate("2025-12-31");
    assert_eq!(old.policies.iter().map(|p| p.id).collect::<Vec<_>>(), ["fixture-city-standard-awards"], "only the version in force");
    assert!(old.warnings.iter().any(|w| w.contains("from 2026-01-01 it is replaced by a newer version") && w.contains("原《测试市标准化奖励办法》同时废止")), "{:?}", old.warnings);
    let new = estimate("2026-01-01");
    assert_eq!(new.policies.iter().map(|p| p.id).collect::<Vec<_>>(), ["fixture-city-standard-awards-2026"]);
    assert!(new.warnings.iter().any(|w| w.contains("replaced “Standardization Awards (fixture)” from 2026-01-01")), "{:?}", new.warnings);
}

#[test]
fn regions_and_compare_tell_the_versions_apart() {
    install();
    let today = Date::parse(TODAY).unwrap();
    let status = |on: &str| {
        let regions = api::regions(Date::parse(on), today, Lang::Zh);
        let r = regions.into_iter().find(|r| r.id == "fixture_city").unwrap();
        r.policies.iter().map(|p| (p.id, p.status)).collect::<Vec<_>>()
    };
    assert_eq!(status("2025-06-30"), [("fixture-city-standard-awards", Status::InForce), ("fixture-city-standard-awards-2026", Status::NotYetEffective)]);
    assert_eq!(status("2026-06-30"), [("fixture-city-standard-awards", Status::Superseded), ("fixture-city-standard-awards-2026", Status::InForce)]);
    let c = api::compare(&req(&json!({ "as_of": "2026-06-30", "achievements": [{ "kind": "standard", "level": "national", "action": "formulate", "role": "lead" }] })), today).unwrap();
    assert_eq!(c.ranking.iter().find(|x| x.region == "fixture_city").unwrap().total_yuan, "120000");
}

/// A revision that names no text of its region, or a day that is not a date, is refused.
#[test]
fn a_wrong_supersedes_is_named() {
    let mut bundle = policy::bundle().clone();
    let mut revision = bundle.policies.iter().find(|p| p.id == "beijing-subsidy-fund").unwrap().clone();
    revision.id = "beijing-subsidy-fund-next".into();
    revision.supersedes = Some(lingpao::policy::schema::SupersedesDef { policy: "tianjin-subsidy-fund".into(), from: "2026-02-30".into(), clause: revision.validity.clause.clone(), quote: revision.validity.quote.clone() });
    bundle.policies.push(revision);
    bundle.regions.iter_mut().find(|r| r.id == "beijing").unwrap().policies.push("beijing-subsidy-fund-next".into());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/sources");
    let errors = lingpao::policy::validate::validate(&bundle, &|name| std::fs::read_to_string(root.join(name)).ok()).join("\n");
    assert!(errors.contains("`from` is not a YYYY-MM-DD date") && errors.contains("replaces `tianjin-subsidy-fund`, which is not another text of region `beijing`"), "{errors}");
}
