//! Each combination rule of the engine on a synthetic policy, independent of the real
//! data: what it keeps, what it leaves out, and that it says so.

mod common;
use lingpao::date::Date;
use lingpao::engine;
use lingpao::model::request;
use lingpao::policy::schema::{Bundle, PolicyDef, RegionDef, Text};
use lingpao::policy::Catalog;
use serde_json::json;

const POLICY: &str = r#"
id = "test-policy"
region = "testland"
source = "none.txt"
title = { zh = "测试", en = "Test" }
issuer = { zh = "测试", en = "Test" }
issued = "2020-01-01"
effective = "2020-02-01"
expires = "2022-12-31"
validity = { clause = "1", quote = "q" }

[[rule]]
id = "std_national"
category = "standard"
clause = "1"
quote = "q"
when = { kind = "standard", level = "national", action = "formulate" }
amount = "100000"
basis = "cap"
limit_to_field = "actual_cost_yuan"

[[rule]]
id = "std_group"
category = "standard"
clause = "1"
quote = "q"
when = { kind = "standard", level = "group", action = "formulate" }
amount = "50000"
basis = "fixed"

[[rule]]
id = "std_revise"
category = "standard"
clause = "1"
quote = "q"
when = { kind = "standard", level = ["national", "group"], action = "revise" }
percent = "50"
of = { action = "formulate" }
basis = "fixed"

[[rule]]
id = "leader_national"
category = "leader"
clause = "2"
quote = "q"
when = { kind = "leader", level = "national" }
amount = "500000"
basis = "fixed"

[[rule]]
id = "leader_provincial"
category = "leader"
clause = "2"
quote = "q"
when = { kind = "leader", level = "provincial" }
amount = "200000"
basis = "fixed"

[[rule]]
id = "meeting"
category = "meeting"
clause = "3"
quote = "q"
when = { kind = "international_meeting" }
percent = "30"
of_field = "actual_cost_yuan"
max = "1000000"
basis = "cap"

[[rule]]
id = "award_national"
category = "award"
clause = "4"
quote = "q"
when = { kind = "innovation_award", grade = "first" }
amount = "200000"
basis = "fixed"

[[rule]]
id = "award_provincial"
category = "award"
clause = "4"
quote = "q"
when = { kind = "provincial_innovation_award", grade = "first" }
percent = "30"
of = { kind = "innovation_award" }
basis = "fixed"

[[condition]]
id = "held"
select = { kind = "leader" }
field = "held_months"
min = 12
text = { zh = "保持一年以上", en = "held a year" }
clause = "2"
quote = "q"

[[limit]]
id = "group_cap"
type = "annual_cap"
select = { kind = "standard", when = { level = "group" } }
amount = "60000"
text = { zh = "团体标准上限", en = "group cap" }
clause = "5"
quote = "q"

[[limit]]
id = "std_cap"
type = "annual_cap"
select = { category = "standard" }
amount = "150000"
raised_amount = "300000"
raised_when = { kind = "standard", when = { level = "national", action = "formulate" } }
text = { zh = "标准上限", en = "standard cap" }
clause = "5"
quote = "q"

[[limit]]
id = "leader_highest"
type = "highest_only"
group_by = ["subject"]
select = { kind = "leader" }
text = { zh = "只按最高", en = "highest only" }
clause = "6"
quote = "q"

[[limit]]
id = "leader_upgrade"
type = "prior_level"
compare = { earlier = "previous_level", now = "level" }
mode = "difference"
select = { kind = "leader" }
text = { zh = "差额", en = "difference" }
clause = "6"
quote = "q"
"#;

fn testland() -> Catalog {
    let mut bundle: Bundle = lingpao::policy::bundle().clone();
    let policy: PolicyDef = toml::from_str(POLICY).unwrap();
    bundle.regions = vec![RegionDef {
        id: "testland".into(),
        name: Text { zh: "测试地".into(), en: "Testland".into() },
        province: Text::default(),
        policies: vec![policy.id.clone()],
        versions: Vec::new(),
        level_aliases: Default::default(),
    }];
    bundle.policies = vec![policy];
    Catalog::from_bundle(&bundle)
}

fn run(cat: &Catalog, achievements: serde_json::Value) -> lingpao::model::result::EstimateResult<'_> {
    let v = json!({ "region": "testland", "as_of": "2021-06-30", "lang": "en", "achievements": achievements });
    let req = request::parse(&common::req(&v), cat, true).unwrap();
    engine::estimate(cat, "testland", &req, Date::parse("2026-11-28").unwrap(), None)
}

fn amounts<'r>(r: &'r lingpao::model::result::EstimateResult) -> Vec<&'r str> {
    r.lines.iter().map(|l| l.amount_yuan.as_str()).collect()
}

#[test]
fn percent_of_another_rule_and_of_another_kind() {
    let cat = testland();
    let r = run(&cat, json!([
        { "kind": "standard", "level": "group", "action": "revise", "role": "lead" },
        { "kind": "provincial_innovation_award", "grade": "first" }
    ]));
    assert_eq!(amounts(&r), ["25000", "60000"]);
    assert_eq!(r.lines[0].formula, "50% × 50000 = 25000");
}

#[test]
fn percent_of_an_input_with_its_ceiling() {
    let cat = testland();
    let r = run(&cat, json!([
        { "kind": "international_meeting", "actual_cost_yuan": "200000" },
        { "kind": "international_meeting", "actual_cost_yuan": "5000000" },
        { "kind": "international_meeting" }
    ]));
    assert_eq!(amounts(&r), ["60000", "1000000", "1000000"]);
    assert!(r.lines[2].notes.iter().any(|n| n.contains("ceiling")));
    assert!(r.total_is_upper_bound);
}

#[test]
fn never_above_the_actual_cost() {
    let cat = testland();
    let r = run(&cat, json!([{ "kind": "standard", "level": "national", "action": "formulate", "role": "lead", "actual_cost_yuan": "42000.50" }]));
    assert_eq!(amounts(&r), ["42000.5"]);
    let r = run(&cat, json!([{ "kind": "standard", "level": "national", "action": "formulate", "role": "lead" }]));
    assert!(r.lines[0].notes.iter().any(|n| n.contains("actual cost")));
}

#[test]
fn narrower_cap_then_wider_cap_keeps_largest_lines() {
    let cat = testland();
    // group: 50000 × 2 = 100000 → capped at 60000; standards in all 60000 + revision 25000 = 85000 ≤ 150000.
    let r = run(&cat, json!([
        { "kind": "standard", "level": "group", "action": "formulate", "role": "lead", "count": 2 },
        { "kind": "standard", "level": "group", "action": "revise", "role": "lead" }
    ]));
    assert_eq!(r.total_yuan, "60000");
    assert_eq!(amounts(&r), ["60000", "0"]);
    assert_eq!(r.adjustments.len(), 1);
    assert_eq!(r.adjustments[0].limit, "group_cap");
    assert_eq!((r.adjustments[0].before_yuan.as_str(), r.adjustments[0].after_yuan.as_str()), ("125000", "60000"));
}

#[test]
fn a_cap_is_raised_by_the_item_the_text_names() {
    let cat = testland();
    let two_national = json!([{ "kind": "standard", "level": "national", "action": "formulate", "role": "lead", "count": 2 }]);
    assert_eq!(run(&cat, two_national).total_yuan, "200000");
    let revisions = json!([{ "kind": "standard", "level": "national", "action": "revise", "role": "lead", "count": 4 }]);
    let r = run(&cat, revisions);
    assert_eq!(r.total_yuan, "150000");
    assert_eq!(r.gross_yuan, "200000");
}

#[test]
fn highest_only_for_the_same_subject() {
    let cat = testland();
    let r = run(&cat, json!([
        { "kind": "leader", "level": "national", "subject": "pump" },
        { "kind": "leader", "level": "provincial", "subject": "pump" },
        { "kind": "leader", "level": "provincial", "subject": "valve" }
    ]));
    assert_eq!(amounts(&r), ["500000", "0", "200000"]);
    assert_eq!(r.adjustments[0].limit, "leader_highest");
}

#[test]
fn upgrade_pays_the_difference_and_a_downgrade_nothing() {
    let cat = testland();
    let r = run(&cat, json!([
        { "kind": "leader", "level": "national", "previous_level": "provincial" },
        { "kind": "leader", "level": "provincial", "previous_level": "national" }
    ]));
    assert_eq!(amounts(&r), ["300000", "0"]);
    assert_eq!(r.lines[0].formula, "500000 − 200000 = 300000");
}

#[test]
fn conditions_assumed_when_unknown_refused_when_known_false() {
    let cat = testland();
    let r = run(&cat, json!([
        { "kind": "leader", "level": "national" },
        { "kind": "leader", "level": "national", "held_months": 6, "subject": "a" },
        { "kind": "leader", "level": "national", "held_months": 12, "subject": "b" }
    ]));
    assert_eq!(amounts(&r), ["500000", "500000"]);
    assert!(r.lines[0].notes.iter().any(|n| n.starts_with("Assumed")));
    assert!(r.lines[1].notes.is_empty());
    assert_eq!(r.unmatched.len(), 1);
    assert_eq!(r.unmatched[0].achievement, 1);
    assert!(r.unmatched[0].reason.contains("held_months = 6"));
}

#[test]
fn validity_statuses() {
    let cat = testland();
    let p = cat.policy(0);
    use lingpao::model::result::Status::*;
    for (day, want) in [("2020-01-15", NotYetEffective), ("2020-02-01", InForce), ("2022-12-31", InForce), ("2023-01-01", Expired)] {
        assert_eq!(engine::status(p, Date::parse(day).unwrap()), want, "{day}");
    }
    let v = json!({ "region": "testland", "as_of": "2023-06-30", "achievements": [{ "kind": "leader", "level": "national" }] });
    let req = request::parse(&common::req(&v), &cat, true).unwrap();
    let r = engine::estimate(&cat, "testland", &req, Date::parse("2026-11-28").unwrap(), None);
    assert_eq!(r.total_yuan, "500000");
    assert!(r.warnings.iter().any(|w| w.contains("已于 2022-12-31 失效")), "{:?}", r.warnings);
}

#[test]
fn unpaid_items_say_what_is_paid() {
    let cat = testland();
    let r = run(&cat, json!([{ "kind": "standard", "level": "industry", "action": "formulate", "role": "lead" }, { "kind": "good_conduct", "grade": "5A" }]));
    assert_eq!(r.total_yuan, "0");
    assert!(r.unmatched[0].reason.contains("they pay only for"), "{}", r.unmatched[0].reason);
    assert!(r.unmatched[1].reason.contains("pay nothing"), "{}", r.unmatched[1].reason);
}

/// A synthetic policy of `n` categories (one rule each: standards by level, action and
/// role), keeping at most `keep` of them, with an annual cap over all.
fn many_categories(n: usize, keep: u32) -> Bundle {
    let mut bundle: Bundle = lingpao::policy::bundle().clone();
    let mut policy: PolicyDef = toml::from_str(POLICY).unwrap();
    let levels = ["international", "national", "industry", "regional", "provincial", "municipal", "group"];
    let template = policy.rule[0].clone();
    policy.rule = (0..n)
        .map(|i| {
            let mut r = template.clone();
            r.id = format!("r{i}").into();
            r.category = format!("c{i}").into();
            r.when = toml::from_str(&format!("kind = \"standard\"\nlevel = \"{}\"\naction = \"{}\"\nrole = \"{}\"", levels[i % 7], ["formulate", "revise"][i / 7 % 2], ["lead", "participant"][i / 14 % 2])).unwrap();
            r.amount = Some(rust_decimal::Decimal::from(1000 * (i as i64 + 1)));
            r.limit_to_field = None;
            r
        })
        .collect();
    let mut limit = policy.limit.iter().find(|l| l.ty == lingpao::policy::schema::LimitType::AnnualCap).unwrap().clone();
    limit.select = Default::default();
    // Only the best choice of four reaches it: 20000 + 19000 + 18000 + 17000 = 74000.
    limit.amount = Some(rust_decimal::Decimal::from(73500));
    limit.raised_when = None;
    limit.raised_amount = None;
    let mut categories = limit.clone();
    categories.id = "categories".into();
    categories.ty = lingpao::policy::schema::LimitType::MaxCategories;
    categories.amount = None;
    categories.max = Some(keep);
    policy.limit = vec![categories, limit];
    policy.condition.clear();
    bundle.regions = vec![RegionDef { id: "testland".into(), name: Text { zh: "测试地".into(), en: "Testland".into() }, province: Text::default(), policies: vec![policy.id.clone()], versions: Vec::new(), level_aliases: Default::default() }];
    bundle.policies = vec![policy];
    bundle
}

/// `max_categories` tries every choice: the validator refuses data that would ask for
/// more than it allows, and the worst case it allows (4 of 20 categories: 4845 choices,
/// each with the caps applied) still answers the best choice.
#[test]
fn the_worst_category_choice_the_format_allows_is_answered() {
    use lingpao::policy::validate::{choose, validate, MAX_CATEGORY_CHOICES};
    assert!(choose(20, 4) <= MAX_CATEGORY_CHOICES && choose(21, 4) > MAX_CATEGORY_CHOICES && choose(15, 6) > MAX_CATEGORY_CHOICES);
    let refused = validate(&many_categories(21, 4), &|_| Some("q".into()));
    assert!(refused.iter().any(|e| e.contains("keeping 4 of 21 categories means 5985 choices")), "{refused:?}");
    let allowed = validate(&many_categories(20, 4), &|_| Some("q".into()));
    assert!(!allowed.iter().any(|e| e.contains("choices")), "{allowed:?}");

    let cat = Catalog::from_bundle(&many_categories(20, 4));
    let levels = ["international", "national", "industry", "regional", "provincial", "municipal", "group"];
    let (actions, roles) = (["formulate", "revise"], ["lead", "participant"]);
    let achievements: Vec<serde_json::Value> = (0..20).map(|i| json!({ "kind": "standard", "level": levels[i % 7], "action": actions[i / 7 % 2], "role": roles[i / 14 % 2] })).collect();
    let t0 = std::time::Instant::now();
    let r = run(&cat, json!(achievements));
    eprintln!("4 of 20 categories (4845 choices): {:?}", t0.elapsed());
    // The four best-paying categories, 74000, then the cap: the next best choice
    // (73000) would stay under it.
    assert_eq!(r.total_yuan, "73500");
    assert_eq!(r.unmatched.len(), 16);
}
