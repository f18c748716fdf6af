//! Property tests of `api::sme` (issue 15, items 5–6): random facts never panic and give a
//! result whose ranges and verdicts hang together, or an error naming a `facts.` field;
//! giving one more fact never widens a range nor turns a decided verdict; and the
//! `missing` plans, applied to the company's facts, reach what they promise.

mod sme_common;
use lingpao::policy::tiers::{InputType, SmeScheme};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use sme_common::*;

fn scheme() -> &'static SmeScheme {
    lingpao::policy::bundle().sme.as_ref().expect("the SME scheme")
}

/// A yuan amount with cents, as a decimal string.
fn yuan(cents: u64) -> Value {
    json!(rust_decimal::Decimal::new(cents as i64, 2).normalize().to_string())
}

/// A complete, valid fact set from random numbers: every part within its whole, every
/// denominator above 0 (revenue, staff, last years' main revenue), so every figure is known.
fn company(r: &[u32]) -> Map<String, Value> {
    let mut f = Map::new();
    let mut i = 0;
    let mut next = || {
        i += 1;
        u64::from(r[i - 1])
    };
    let revenue = 100 + next() % 40_000_000_000; // up to 4亿, in cents
    let revenue_prior = 100 + next() % 40_000_000_000;
    let pick = |x: u64, whole: u64| whole * (x % 101) / 100;
    f.insert("revenue".into(), yuan(revenue));
    f.insert("revenue_prior".into(), yuan(revenue_prior));
    let main = pick(next(), revenue);
    f.insert("main_revenue".into(), yuan(main));
    f.insert("main_revenue_prior".into(), yuan((revenue_prior * (1 + next() % 100) / 100).max(1)));
    f.insert("main_revenue_prior2".into(), yuan(1 + next() % 30_000_000_000));
    f.insert("net_profit".into(), json!(rust_decimal::Decimal::new(next() as i64 % 4_000_000_000 - 1_000_000_000, 2).normalize().to_string()));
    f.insert("debt_ratio".into(), json!(rust_decimal::Decimal::new((next() % 10_001) as i64, 2).normalize().to_string()));
    let rd_cap = [revenue / 4, 4_000_000_000, 700_000_000][(next() % 3) as usize] + 1;
    f.insert("rd_expense".into(), yuan(next() % rd_cap));
    f.insert("rd_expense_prior".into(), yuan(next() % (revenue_prior / 4 + 1)));
    let staff = 1 + next() % 2000;
    f.insert("staff".into(), json!(staff));
    f.insert("rd_staff".into(), json!(next() % (staff + 1)));
    let ip_first = next() % 6;
    f.insert("ip_first".into(), json!(ip_first));
    f.insert("ip_own_first".into(), json!(next() % (ip_first + 1)));
    f.insert("ip_high_value".into(), json!(next() % (ip_first + 1)));
    f.insert("ip_second".into(), json!(next() % 5));
    f.insert("niche_years".into(), json!(next() % 15));
    f.insert("market_share".into(), json!(rust_decimal::Decimal::new((next() % 3001) as i64, 2).normalize().to_string()));
    f.insert("local_points".into(), json!(next() % 16));
    f.insert("provincial_award_rank".into(), json!(next() % 7 * (next() % 2)));
    f.insert("national_award_rank".into(), json!(next() % 7 * (next() % 3 / 2)));
    let equity = if next() % 3 == 0 { 0 } else { next() % 12_000_000_000 };
    f.insert("equity_3y".into(), yuan(equity));
    f.insert("equity_2y".into(), yuan(pick(next(), equity)));
    for input in &scheme().input {
        if f.contains_key(&*input.id) {
            continue;
        }
        let x = next();
        let v = match input.ty {
            // The conditions of 第三条 mostly hold, so the scores matter.
            InputType::Bool if input.id.as_ref() == "cancelled_3y" => json!(x % 10 == 0),
            InputType::Bool if ["sme_size", "clean_record", "allowed_products", "no_incidents"].contains(&input.id.as_ref()) => json!(x % 10 != 0),
            InputType::Bool => json!(x % 2 == 0),
            InputType::Choice => json!(input.choice[(x % input.choice.len() as u64) as usize].id.as_ref()),
            ty => panic!("{}: {ty:?} not generated; teach company() about it", input.id),
        };
        f.insert(input.id.to_string(), v);
    }
    assert_eq!(f.len(), scheme().input.len());
    f
}

fn seeds() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(any::<u32>(), 64)
}

/// A value for a fact: valid, out of its range, or of another JSON type.
fn hostile(def: &lingpao::policy::tiers::InputDef, kind: u8, x: u32) -> Value {
    let x = u64::from(x);
    match kind % 6 {
        0 => Value::Null,
        1 => match def.ty {
            InputType::Bool => json!(x % 2 == 0),
            InputType::Choice => json!(def.choice[(x % def.choice.len() as u64) as usize].id.as_ref()),
            InputType::Percent => json!(format!("{}.{:02}", x % 101, x % 100)),
            InputType::Count | InputType::Years | InputType::Points => json!(x % 20),
            _ => yuan(x),
        },
        2 => [json!(-1), json!("-0.01"), json!("100.01"), json!(1_000_001), json!("2.5"), json!(16), json!("1e3"), json!("1.001"), json!(1e300)][(x % 9) as usize].clone(),
        3 => [json!("abc"), json!(""), json!(" 12 "), json!("１２"), json!(true), json!([1]), json!({"a": 1}), json!("nope"), json!("\u{0}")][(x % 9) as usize].clone(),
        4 => json!(x),
        _ => json!(format!("{x}")),
    }
}

/// The ranges and verdicts of a result hang together.
fn consistent(r: &Value) -> Result<(), String> {
    for t in r["tiers"].as_array().unwrap() {
        let id = &t["id"];
        let verdict = t["verdict"].as_str().unwrap();
        let mut sum = (0, 0);
        for i in t["indicators"].as_array().unwrap() {
            let (lo, hi, full) = (i["points_min"].as_u64().unwrap(), i["points_max"].as_u64().unwrap(), i["full"].as_u64().unwrap());
            if !(lo <= hi && hi <= full) {
                return Err(format!("{id}.{}: {lo}–{hi} of {full}", i["id"]));
            }
            sum = (sum.0 + lo, sum.1 + hi);
        }
        if let Some(s) = t["score"].as_object() {
            let (lo, hi, pass) = (s["points_min"].as_u64().unwrap(), s["points_max"].as_u64().unwrap(), s["pass"].as_u64().unwrap());
            if lo > hi || (lo, hi) != sum {
                return Err(format!("{id}: score {lo}–{hi}, indicators sum to {sum:?}"));
            }
            if hi < pass && s["verdict"] != "not_met" {
                return Err(format!("{id}: at most {hi} < {pass} but the score is {}", s["verdict"]));
            }
        }
        let required_met = t["conditions"].as_array().unwrap().iter().filter(|c| c["role"] == "required").all(|c| c["verdict"] == "met");
        match verdict {
            "met" if !t["missing"].as_array().unwrap().is_empty() => return Err(format!("{id}: met with something missing")),
            "met" if !required_met => return Err(format!("{id}: met with a required condition not met")),
            "met" if !t["undetermined_by"].as_array().unwrap().is_empty() => return Err(format!("{id}: met yet waiting on facts")),
            // Undetermined names the facts it waits on, so the user knows what to give.
            "undetermined" if t["undetermined_by"].as_array().unwrap().is_empty() => return Err(format!("{id}: undetermined, waiting on no fact")),
            "met" | "not_met" | "undetermined" => {}
            v => return Err(format!("{id}: verdict {v}")),
        }
    }
    Ok(())
}

fn run(facts: &Map<String, Value>) -> Value {
    assess(facts).unwrap_or_else(|e| panic!("{e} on {}", Value::Object(facts.clone())))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, .. ProptestConfig::default() })]

    /// Random subsets of facts, random values in and out of range, random JSON types:
    /// never a panic; an error names a `facts.` field (an input, or the unknown key), a
    /// result is consistent.
    #[test]
    fn random_facts_give_a_consistent_result_or_a_named_error(
        // Mostly valid or left out, so results come as often as errors.
        kinds in prop::collection::vec(prop_oneof![8 => Just(1u8), 4 => Just(7u8), 1 => 0u8..6], 44),
        xs in prop::collection::vec(any::<u32>(), 44),
        unknown in prop::option::weighted(0.05, "[a-z_]{1,12}"),
    ) {
        let mut facts = Map::new();
        for (k, def) in scheme().input.iter().enumerate() {
            let kind = kinds[k % kinds.len()];
            if kind < 6 {
                facts.insert(def.id.to_string(), hostile(def, kind, xs[k % xs.len()]));
            }
        }
        if let Some(u) = unknown.filter(|u| scheme().input(u).is_none()) {
            facts.insert(u, json!(1));
        }
        match assess(&facts) {
            Ok(r) => prop_assert!(consistent(&r).is_ok(), "{:?} on {}", consistent(&r), Value::Object(facts)),
            Err(e) => {
                let name = e.field.strip_prefix("facts.");
                prop_assert!(name.is_some_and(|n| facts.contains_key(n)), "error field {} on {}", e.field, Value::Object(facts));
                prop_assert!(!e.message.is_empty() && !e.message_zh.is_empty());
            }
        }
    }

    /// Any JSON at all as `facts` (or as the request): a result or a named error.
    #[test]
    fn any_json_is_answered(text in "[\\[\\]{}\",:0-9a-z.\\- ]{0,60}") {
        for t in [text.clone(), format!("{{\"facts\":{text}}}"), format!("{{\"facts\":{{\"revenue\":{text}}}}}")] {
            if let Err(e) = assess_text(&t) {
                prop_assert!(!e.field.is_empty());
            }
        }
    }

    /// One more fact given never widens a range of points, and never turns a verdict that
    /// was decided (met / not_met) — of a tier, a condition or a score.
    #[test]
    fn a_fact_given_narrows_never_widens(r in seeds(), mask in prop::collection::vec(any::<bool>(), 44), k in 0usize..44) {
        let all = company(&r);
        let ids: Vec<&str> = scheme().input.iter().map(|i| &*i.id).collect();
        let without: Map<String, Value> = all.iter().filter(|(id, _)| mask[ids.iter().position(|x| x == id).unwrap()] && **id != ids[k]).map(|(a, b)| (a.clone(), b.clone())).collect();
        let mut with = without.clone();
        with.insert(ids[k].into(), all[ids[k]].clone());
        let (a, b) = (run(&without), run(&with));
        prop_assert!(consistent(&a).is_ok() && consistent(&b).is_ok(), "{:?} {:?}", consistent(&a), consistent(&b));
        for id in TIERS {
            let (ta, tb) = (tier(&a, id), tier(&b, id));
            let decided = |v: &Value| v == "met" || v == "not_met";
            prop_assert!(!decided(&ta["verdict"]) || ta["verdict"] == tb["verdict"], "{id}: {} became {} when {} was given", ta["verdict"], tb["verdict"], ids[k]);
            if let (Some(sa), Some(sb)) = (ta["score"].as_object(), tb["score"].as_object()) {
                prop_assert!(sa["points_min"].as_u64() <= sb["points_min"].as_u64() && sb["points_max"].as_u64() <= sa["points_max"].as_u64(),
                    "{id}: {}–{} widened to {}–{} when {} was given", sa["points_min"], sa["points_max"], sb["points_min"], sb["points_max"], ids[k]);
                prop_assert!(!decided(&sa["verdict"]) || sa["verdict"] == sb["verdict"], "{id}: score {} became {}", sa["verdict"], sb["verdict"]);
            }
            for (ia, ib) in ta["indicators"].as_array().unwrap().iter().zip(tb["indicators"].as_array().unwrap()) {
                prop_assert!(ia["points_min"].as_u64() <= ib["points_min"].as_u64() && ib["points_max"].as_u64() <= ia["points_max"].as_u64(), "{id}.{} widened when {} was given", ia["id"], ids[k]);
            }
            for (ca, cb) in ta["conditions"].as_array().unwrap().iter().zip(tb["conditions"].as_array().unwrap()) {
                prop_assert!(!decided(&ca["verdict"]) || ca["verdict"] == cb["verdict"], "{id}.{}: {} became {} when {} was given", ca["id"], ca["verdict"], cb["verdict"], ids[k]);
            }
        }
    }

    /// With every fact given, every verdict is decided (nothing waits on a fact).
    #[test]
    fn a_complete_company_is_decided(r in seeds()) {
        let res = run(&company(&r));
        prop_assert!(consistent(&res).is_ok(), "{:?}", consistent(&res));
        for id in TIERS {
            prop_assert!(tier(&res, id)["verdict"] != "undetermined", "{id} undetermined with every fact given");
        }
    }
}

/// The facts with a plan's changes applied, as the request would write them.
fn apply(facts: &Map<String, Value>, changes: &[Value]) -> Map<String, Value> {
    let mut f = facts.clone();
    for c in changes {
        let input = c["input"].as_str().unwrap();
        let to = c["to"].as_str().unwrap();
        let v = match scheme().input(input).unwrap().ty {
            InputType::Bool => json!(to == "true"),
            InputType::Count | InputType::Years | InputType::Points => json!(to.parse::<u64>().unwrap_or_else(|_| panic!("{input} → {to} is not a count"))),
            _ => json!(to),
        };
        f.insert(input.into(), v);
    }
    f
}

/// Every way the plans of `facts` go wrong: a plan that names an input twice, a score plan
/// that, applied, does not pass or falls short of its stated total, a condition plan that
/// does not meet its condition.
fn plan_failures(facts: &Map<String, Value>) -> Vec<String> {
    let r = run(facts);
    let mut out = Vec::new();
    for t in r["tiers"].as_array().unwrap() {
        let tid = t["id"].as_str().unwrap();
        for m in t["missing"].as_array().unwrap() {
            let changes = m["changes"].as_array().unwrap();
            let inputs: Vec<&str> = changes.iter().map(|c| c["input"].as_str().unwrap()).collect();
            let id = m["id"].as_str().unwrap();
            let what = format!("{tid} plan `{id}` {}", m["text"]);
            if (1..inputs.len()).any(|i| inputs[..i].contains(&inputs[i])) {
                out.push(format!("{what}: sets an input twice"));
                continue;
            }
            let after = match assess(&apply(facts, changes)) {
                Ok(a) => a,
                Err(e) => {
                    out.push(format!("{what}: applied, the facts are refused: {e}"));
                    continue;
                }
            };
            let ta = tier(&after, tid);
            // A plan must not undo what held: a condition met before stays met.
            for c in t["conditions"].as_array().unwrap().iter().filter(|c| c["verdict"] == "met") {
                if condition(ta, c["id"].as_str().unwrap()).is_none_or(|x| x["verdict"] != "met") {
                    out.push(format!("{what}: applied, `{}` no longer holds", c["id"].as_str().unwrap()));
                }
            }
            if m["role"] == "score" {
                let s = &ta["score"];
                let total = m["total"].as_u64().unwrap();
                if s["verdict"] != "met" || s["points_min"].as_u64().unwrap() < total {
                    out.push(format!("{what}: applied, the score is {} with {} (promised {total})", s["verdict"], s["points_min"]));
                }
            } else if condition(ta, id).is_none_or(|c| c["verdict"] != "met") {
                out.push(format!("{what}: applied, `{id}` is {}", condition(ta, id).map_or(Value::Null, |c| c["verdict"].clone())));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, .. ProptestConfig::default() })]

    /// For complete fact sets: every plan in `missing`, applied, reaches what it says.
    #[test]
    fn plans_applied_reach_what_they_promise(r in seeds()) {
        let facts = company(&r);
        let bad = plan_failures(&facts);
        prop_assert!(bad.is_empty(), "{}\non {}", bad.join("\n"), Value::Object(facts));
    }
}

/// The companies on which plans once went wrong (an input set twice; revenue raised past
/// a band, lowering the ratios over it; main revenue raised with revenue), worked by hand:
/// each now has plans, and every plan, applied, does what it says.
#[test]
fn plans_that_once_failed_now_hold() {
    let file = case_file();
    let case = |name: &str| facts_of(&file, file.case.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no case {name}")));
    let mut innovative = case("strong company: every tier met by score");
    // 附件1: IP 0; R&D 5,000,000/100,000,000 = 5% → 20 (innovation 20); growth (100 − 95)/95 =
    // 5.26% → 10; debt 80 → 0 (growth 10 < 15); other field 5; share 100% → 20: 55. Raising
    // main revenue for growth raises revenue too and costs the R&D band: debt 80 → 75 is a way.
    for (k, v) in [("revenue", json!("100000000")), ("main_revenue", json!("100000000")), ("main_revenue_prior", json!("95000000")), ("rd_expense", json!("5000000")), ("ip_first", json!(0)), ("ip_own_first", json!(0)), ("ip_second", json!(0)), ("debt_ratio", json!("80")), ("strategic_emerging", json!(false))] {
        innovative.insert(k.into(), v);
    }
    for (facts, tid, plan) in [
        (case("创新型 by a valid honour while the score is 25"), "specialized", "rd_floor"),
        (innovative, "innovative", "score"),
        (case("附件3 revenue 5000 万, equity band: R&D staff 199 of 400 (49.75%), not met"), "little_giant", "rd_by_revenue"),
    ] {
        let r = run(&facts);
        assert!(tier(&r, tid)["missing"].as_array().unwrap().iter().any(|m| m["id"] == plan), "{tid}: no `{plan}` plan");
        assert_eq!(plan_failures(&facts), Vec::<String>::new(), "{tid}");
    }
    // The 附件2 一（二） plan: R&D 100 万 at revenue 30,000,000 is 3.33%, one change.
    let r = run(&case("创新型 by a valid honour while the score is 25"));
    let m = tier(&r, "specialized")["missing"].as_array().unwrap().iter().find(|m| m["id"] == "rd_floor").unwrap().clone();
    assert_eq!(m["changes"].as_array().unwrap().len(), 1, "{m}");
}

/// Not a check: a survey of plan defects over 4,000 random companies, by kind, with an
/// example each (`cargo test --test sme_props survey -- --ignored --nocapture`).
#[test]
#[ignore]
fn survey_plan_failures() {
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let mut kinds: std::collections::BTreeMap<String, (usize, String)> = Default::default();
    for _ in 0..4000 {
        let r: Vec<u32> = (0..64).map(|_| { seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); (seed >> 33) as u32 }).collect();
        let facts = company(&r);
        for b in plan_failures(&facts) {
            let known: Option<()> = None;
            let key: String = { let t = b.trim_start_matches("[known] ").split(" plan `").collect::<Vec<_>>(); let tid = t[0]; let id = t[1].split('`').next().unwrap(); let tail = b.rsplit(": ").next().unwrap(); format!("{}{tid}/{id}: {}", if known.is_some() { "[known] " } else { "" }, if tail.starts_with("applied, the score") { "score short".to_string() } else if tail.ends_with("no longer holds") { format!("breaks {}", tail.split('`').nth(1).unwrap()) } else if tail.starts_with("applied, `") { "condition not met".to_string() } else { tail.to_string() }) };
            let e = kinds.entry(key).or_insert((0, format!("{b}\n   on {}", Value::Object(facts.clone()))));
            e.0 += 1;
        }
    }
    for (k, (n, ex)) in &kinds { eprintln!("{n:5}  {k}\n       e.g. {ex}\n"); }
}

/// Revenue "0" (or any fact a figure divides by) is refused, naming it: with it every ratio
/// would be unknown and a tier would wait on no fact the user could give.
#[test]
fn a_divisor_of_zero_is_refused() {
    let file = case_file();
    for (k, field) in [("revenue", "facts.revenue"), ("staff", "facts.staff"), ("main_revenue_prior", "facts.main_revenue_prior"), ("main_revenue_prior2", "facts.main_revenue_prior2")] {
        let mut f = facts_of(&file, &file.case[0]);
        f.insert(k.into(), if k == "staff" { json!(0) } else { json!("0") });
        for part in ["main_revenue", "rd_staff", "main_revenue_prior"] {
            if scheme().input(part).and_then(|i| i.part_of.as_deref()) == Some(k) {
                f.insert(part.into(), if part == "rd_staff" { json!(0) } else { json!("0") });
            }
        }
        let e = assess(&f).expect_err(k);
        assert_eq!(e.field, field, "{e}");
        assert!(e.message.contains("above 0"), "{e}");
    }
}
