//! A new text is data only (`docs/authoring.md`): `policies/` read with the fictional
//! text of `tests/fixtures/new-text/` over it (a source, a data file, its cases and one
//! region entry) serves the new region on every face, with no code changed. Its own
//! process: the fixture's catalog is installed before anything reads the embedded one.

mod common;

use common::*;
use lingpao::{api, date::Date, gen, model::Lang, policy};
use serde_json::json;
use std::path::Path;

const REGION: &str = "fixture_city";

#[test]
fn a_new_text_is_served_everywhere_from_data_alone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = root.join("tests/fixtures/new-text");
    let bundle = policy::load::load(&[&root.join("policies"), &fixture], "0.0.0").unwrap_or_else(|e| panic!("{}", e.join("\n")));
    policy::install(&bundle).unwrap();
    let cat = policy::catalog();
    let today = Date::parse(TODAY).unwrap();
    let regions = cat.head.regions.len();
    assert_eq!(regions, policy::bundle().regions.len() + 1, "the embedded regions and the new one");

    // regions: the new region, with its text in force on the day asked about.
    let info = api::regions(Date::parse("2025-06-30"), today, Lang::En);
    let r = info.iter().find(|r| r.id == REGION).expect("regions lists the new region");
    assert!(r.pays && r.kinds == ["standard"] && r.policies[0].id == "fixture-city-standard-awards");

    // estimate: the fixture's hand-computed cases.
    let cases = case_files_in(&fixture.join("cases"));
    assert_eq!(cases.len(), 1);
    for case in &cases[0].1.cases {
        check_case(case).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    }

    // compare: ranked among every region.
    let c = api::compare(&req(&json!({ "as_of": "2025-06-30", "achievements": [{ "kind": "standard", "level": "national", "action": "formulate", "role": "lead" }] })), today).unwrap();
    assert_eq!(c.ranking.len(), regions);
    assert_eq!(c.ranking.iter().find(|x| x.region == REGION).map(|x| x.total_yuan.as_str()), Some("100000"));

    // explain: the rules with their quotes.
    let e = serde_json::to_value(api::explain(REGION, Lang::Zh).unwrap()).unwrap();
    assert!(e.to_string().contains("对主导制定国家标准的单位，每项标准给予 10 万元奖励"), "{e}");

    // typings: the region in `RegionId`, its text in `PolicyId`.
    let dts = gen::data_dts(cat);
    assert!(dts.contains("| 'fixture_city'; // 测试市 / Fixture City") && dts.contains("'fixture-city-standard-awards'"));
}

/// What an analyst sees when the data is wrong: every problem, each naming its place.
#[test]
fn a_wrong_quote_or_region_is_named() {
    let dir = std::env::temp_dir().join(format!("lingpao-authoring-{}", std::process::id()));
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/new-text");
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::copy(fixture.join("sources/90-fixture-city-standard-awards.txt"), dir.join("sources/90-fixture-city-standard-awards.txt")).unwrap();
    let data = std::fs::read_to_string(fixture.join("90-fixture-city-standard-awards.toml")).unwrap();
    let broken = data
        .replace("每项标准给予 10 万元奖励\"", "每项标准给予 12 万元奖励\"")
        .replace("region = \"fixture_city\"", "region = \"fixture_town\"")
        .replace("from_month = 5\nto_month = 5", "from_month = 6\nto_month = 6")
        .replace("years = 2\ntext = { zh = \"标准发布后 2 年内申请\", en = \"applied", "years = 3\ntext = { zh = \"标准发布后 2 年内申请\", en = \"applied");
    std::fs::write(dir.join("90-fixture-city-standard-awards.toml"), broken).unwrap();
    let errors = policy::load::load(&[&Path::new(env!("CARGO_MANIFEST_DIR")).join("policies"), &dir], "0.0.0").unwrap_err();
    std::fs::remove_dir_all(&dir).ok();
    let all = errors.join("\n");
    assert!(all.contains("fixture-city-standard-awards") && all.contains("fixture_town"), "{all}");
    assert!(all.contains("national_formulate_lead") && all.contains("12 万元"), "{all}");
    // A window's years or a deadline's months not written in its quote.
    assert!(all.contains("window within_two_years") && all.contains("36 months"), "{all}");
    assert!(all.contains("deadline may_applications"), "{all}");
}
