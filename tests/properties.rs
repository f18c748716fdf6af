//! Properties every estimate keeps, on random valid requests of every region and kind:
//! one more item never lowers the total; the order of the items does not matter; an
//! entry's `count` is as many entries of one; under a reform, a limit switched off never
//! lowers a total, a rule switched off never raises one, a rule's own amount changes
//! nothing and a higher one never lowers (but for upgrades); a result adds up.

mod common;

use lingpao::policy::schema::FieldType;
use lingpao::{api, date::Date};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn total(v: &Value) -> Option<Decimal> {
    total_under(v, None)
}

/// A valid item of any kind: each optional field given or not, with an allowed value;
/// with `subject` one of three names or none.
fn item() -> impl Strategy<Value = Value> {
    item_of(lingpao::policy::catalog().kind_ids())
}

/// The kinds some rule of the region's texts pays for.
fn paid_kinds(region: &str) -> Vec<String> {
    let cat = lingpao::policy::catalog();
    let (_, r) = cat.region(region).unwrap();
    let mut kinds: Vec<String> = r.policies.iter().filter_map(|id| cat.policy_by_id(id)).flat_map(|p| &p.rule).flat_map(|rule| rule.when.get("kind").map_or(&[][..], |k| k.as_slice())).map(|k| k.to_string()).collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

fn item_of(kinds: Vec<String>) -> impl Strategy<Value = Value> {
    (prop::sample::select(kinds), prop::collection::vec((any::<bool>(), 0usize..20, 0i64..40), 12), 1u32..7, prop::option::of(0u8..3)).prop_map(|(kind, picks, count, subject)| {
        let cat = lingpao::policy::catalog();
        let k = cat.kind(&kind).unwrap();
        let mut obj = serde_json::Map::new();
        obj.insert("kind".into(), json!(kind));
        obj.insert("count".into(), json!(count));
        if let Some(s) = subject {
            obj.insert("subject".into(), json!(format!("s{s}")));
        }
        for (f, &(give, vi, n)) in k.field.iter().zip(picks.iter().cycle()) {
            if !give && !f.required {
                continue;
            }
            let v = match f.ty {
                FieldType::Enum => json!(f.values[vi % f.values.len()].as_str()),
                FieldType::Bool => json!(vi % 2 == 0),
                FieldType::Integer => {
                    let (lo, hi) = (f.min.unwrap_or(0), f.max.unwrap_or(40));
                    json!(lo + n % (hi - lo + 1).max(1))
                }
                FieldType::Yuan => json!(format!("{}", 10_000 * (n + 1))),
                FieldType::Date => json!(format!("20{:02}-0{}-15", 16 + n % 8, 1 + vi % 9)),
                FieldType::Text => json!(format!("t{}", vi % 3)),
            };
            obj.insert(f.name.to_string(), v);
        }
        Value::Object(obj)
    })
}

/// A region, items mostly of kinds its texts pay for (some of any kind), a day.
fn request() -> impl Strategy<Value = Value> {
    let regions = lingpao::policy::catalog().region_ids();
    prop::sample::select(regions).prop_flat_map(|region| {
        let paid = paid_kinds(&region);
        let items = if paid.is_empty() { item().boxed() } else { prop_oneof![4 => item_of(paid), 1 => item()].boxed() };
        (Just(region), prop::collection::vec(items, 0..7), 2019u32..2027, 1u32..13)
    })
    .prop_map(|(region, items, y, m)| json!({ "region": region, "as_of": format!("{y}-{m:02}-20"), "achievements": items }))
}

/// The requests drawn are valid and mostly paid: the properties below are not empty.
#[test]
fn the_requests_drawn_are_valid_and_mostly_paid() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut valid, mut paid) = (0, 0);
    for _ in 0..1000 {
        let v = request().new_tree(&mut runner).unwrap().current();
        if let Some(t) = total(&v) {
            valid += 1;
            paid += usize::from(t > Decimal::ZERO);
        }
    }
    assert!(valid == 1000 && paid > 300, "{valid} valid, {paid} paid of 1000");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Every limit keeps the best the unit can have, so a further item can add nothing,
    /// but never takes away.
    #[test]
    fn one_more_item_never_pays_less(v in request(), extra in item()) {
        let base = total(&v).expect("a valid request");
        let mut more = v.clone();
        more["achievements"].as_array_mut().unwrap().push(extra.clone());
        let t = total(&more).expect("a valid request");
        prop_assert!(t >= base, "{base} -> {t} adding {extra} to {v}");
    }

    #[test]
    fn the_order_of_the_items_does_not_matter(v in request(), seed in any::<u64>()) {
        let mut shuffled = v.clone();
        let items = shuffled["achievements"].as_array_mut().unwrap();
        let mut s = seed;
        for i in (1..items.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            items.swap(i, (s >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(total(&shuffled), total(&v), "{} reordered {}", v, shuffled);
    }

    /// Where every item names its `subject`: an entry that leaves it out is its own
    /// group for a `max_count` whose `group_missing` is `apart` (one invention's
    /// countries), which its items split into entries of one would not be.
    #[test]
    fn a_count_is_as_many_entries_of_one(v in request()) {
        let mut named = v.clone();
        for a in named["achievements"].as_array_mut().unwrap() {
            a.as_object_mut().unwrap().entry("subject").or_insert(json!("s0"));
        }
        let split: Vec<Value> = named["achievements"].as_array().unwrap().iter().flat_map(|a| {
            let mut one = a.clone();
            one["count"] = json!(1);
            std::iter::repeat_n(one, a["count"].as_u64().unwrap() as usize)
        }).collect();
        let mut whole = named.clone();
        whole["achievements"] = json!(split);
        prop_assert_eq!(total(&whole), total(&named), "{} split {}", named, whole);
    }
}
/// The total under a reform given as JSON.
fn total_under(v: &Value, reform: Option<&Value>) -> Option<Decimal> {
    let reform = reform.map(|r| api::reform(&r.to_string()).unwrap_or_else(|e| panic!("{r}: {e}")));
    let r = api::estimate_reformed(&common::req(v), reform.as_ref(), Date::parse(common::TODAY).unwrap()).ok()?;
    Some(r.total_yuan.parse().unwrap())
}

/// A limit (`limit`) or a rule of a paying text of the request's region, by `i` and
/// `j`: its policy id, its id and the rule's amount.
fn pick(v: &Value, i: usize, j: usize, limit: bool) -> Option<(String, String, Option<Decimal>)> {
    let cat = lingpao::policy::catalog();
    let (_, r) = cat.region(v["region"].as_str().unwrap()).unwrap();
    let ps: Vec<_> = r.policies.iter().filter_map(|id| cat.policy_by_id(id)).filter(|p| !p.rule.is_empty()).collect();
    let p = ps.get(i % ps.len().max(1))?;
    if limit {
        let l = p.limit.get(j % p.limit.len().max(1))?;
        Some((p.id.to_string(), l.id.to_string(), None))
    } else {
        let rule = &p.rule[j % p.rule.len()];
        Some((p.id.to_string(), rule.id.to_string(), rule.amount))
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// A limit only ever takes away: without it, no total is lower.
    #[test]
    fn a_limit_switched_off_never_lowers_a_total(v in request(), i in any::<usize>(), j in any::<usize>()) {
        let Some((p, l, _)) = pick(&v, i, j, true) else { return Ok(()) };
        let reform = json!({ "name": "t", "changes": [{ "policy": p, "limit": l, "off": true }] });
        let (base, t) = (total_under(&v, None).unwrap(), total_under(&v, Some(&reform)).unwrap());
        prop_assert!(t >= base, "{base} -> {t} with {reform} on {v}");
    }

    /// A rule only ever pays: without it, no total is higher.
    #[test]
    fn a_rule_switched_off_never_raises_a_total(v in request(), i in any::<usize>(), j in any::<usize>()) {
        let Some((p, r, _)) = pick(&v, i, j, false) else { return Ok(()) };
        let reform = json!({ "name": "t", "changes": [{ "policy": p, "rule": r, "off": true }] });
        let (base, t) = (total_under(&v, None).unwrap(), total_under(&v, Some(&reform)).unwrap());
        prop_assert!(t <= base, "{base} -> {t} with {reform} on {v}");
    }

    /// A reform to the data's own amount is no change; a doubled amount never lowers a
    /// total where no item names an earlier award (an upgrade is paid the difference
    /// from the earlier level's amount, so a higher earlier amount pays it less).
    #[test]
    fn the_same_amount_changes_nothing_and_a_higher_never_lowers(mut v in request(), i in any::<usize>(), j in any::<usize>()) {
        for a in v["achievements"].as_array_mut().unwrap() {
            a.as_object_mut().unwrap().remove("previous_level");
        }
        let Some((p, r, Some(a))) = pick(&v, i, j, false) else { return Ok(()) };
        let same = json!({ "name": "t", "changes": [{ "policy": p, "rule": r, "amount": a.to_string() }] });
        let more = json!({ "name": "t", "changes": [{ "policy": p, "rule": r, "amount": (a * Decimal::TWO).to_string() }] });
        let base = total_under(&v, None).unwrap();
        prop_assert_eq!(total_under(&v, Some(&same)).unwrap(), base, "{} on {}", same, v);
        let t = total_under(&v, Some(&more)).unwrap();
        prop_assert!(t >= base, "{base} -> {t} with {more} on {v}");
    }
}

/// The explained estimate as its JSON.
fn result(v: &Value) -> Value {
    serde_json::to_value(api::estimate(&common::req(v), Date::parse(common::TODAY).unwrap()).unwrap()).unwrap()
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// A result adds up: the lines make the total, a line pays at most its unit amount
    /// per item counted (never more items than claimed, never more than before the
    /// limits), the total is a ceiling exactly when a paying line is, and the language
    /// changes words, never amounts.
    #[test]
    fn a_result_adds_up_in_either_language(v in request()) {
        let r = result(&v);
        let lines = r["lines"].as_array().unwrap();
        let sum: Decimal = lines.iter().map(|l| dec(&l["amount_yuan"])).sum();
        prop_assert_eq!(sum, dec(&r["total_yuan"]), "lines sum {}", v);
        let upper = lines.iter().any(|l| l["basis"] == "cap" && dec(&l["amount_yuan"]) > Decimal::ZERO);
        prop_assert_eq!(upper, r["total_is_upper_bound"].as_bool().unwrap(), "upper {}", v);
        for l in lines {
            let (unit, counted, claimed, amount) = (dec(&l["unit_amount_yuan"]), l["counted"].as_u64().unwrap(), l["claimed"].as_u64().unwrap(), dec(&l["amount_yuan"]));
            prop_assert!(counted <= claimed, "counted {}", v);
            prop_assert!(amount >= Decimal::ZERO && amount <= unit * Decimal::from(counted), "amount {} unit {} counted {} in {}", amount, unit, counted, v);
            prop_assert!(dec(&l["gross_yuan"]) >= amount, "gross {}", v);
        }
        prop_assert!(dec(&r["gross_yuan"]) >= dec(&r["total_yuan"]), "gross total {}", v);
        let mut en = v.clone();
        en["lang"] = json!("en");
        let e = result(&en);
        let amounts = |r: &Value| r["lines"].as_array().unwrap().iter().map(|l| (l["achievement"].clone(), l["rule"].clone(), l["amount_yuan"].clone())).collect::<Vec<_>>();
        prop_assert_eq!(amounts(&r), amounts(&e), "lang {}", v);
        prop_assert_eq!(&r["total_is_upper_bound"], &e["total_is_upper_bound"]);
    }
}
