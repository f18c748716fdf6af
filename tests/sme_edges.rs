//! Band edges of the SME scores (issue 15, item 5): every edge of every indicator of
//! 附件1 and 附件2, read from the data (a band added later is tested too), at the edge,
//! 0.01 below and 0.01 above (one below and above for counts), each value built from the
//! money and counts a company enters. The expected points come from a rule written here,
//! not from the engine: 附件4（十三） “以上”“以下”包括本数 and “位于两个评分区间边界上，按高分计算” ⇒
//! every band is a closed interval and the indicator scores the most points of the bands
//! its value is in. A handful of edges are also written straight from the annex text.

mod sme_common;
use lingpao::policy::tiers::{IndicatorDef, InputType, SmeScheme, Test};
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};
use sme_common::*;

fn scheme() -> &'static SmeScheme {
    lingpao::policy::bundle().sme.as_ref().expect("the SME scheme")
}

/// An exact fraction, `d > 0`.
#[derive(Clone, Copy, Debug)]
struct Q {
    n: i128,
    d: i128,
}

impl Q {
    fn new(n: i128, d: i128) -> Q {
        assert!(d != 0, "division by zero");
        if d < 0 { Q { n: -n, d: -d } } else { Q { n, d } }
    }
    fn int(n: i128) -> Q {
        Q { n, d: 1 }
    }
    fn dec(x: Decimal) -> Q {
        Q::new(x.mantissa(), 10i128.pow(x.scale()))
    }
    fn le(self, o: Q) -> bool {
        self.n * o.d <= o.n * self.d
    }
    fn sub(self, o: Q) -> Q {
        Q::new(self.n * o.d - o.n * self.d, self.d * o.d)
    }
    fn add(self, o: Q) -> Q {
        Q::new(self.n * o.d + o.n * self.d, self.d * o.d)
    }
    fn div(self, o: Q) -> Q {
        Q::new(self.n * o.d, self.d * o.n)
    }
    fn times(self, k: i128) -> Q {
        Q::new(self.n * k, self.d)
    }
}

fn num(facts: &Map<String, Value>, id: &str) -> Q {
    match &facts[id] {
        Value::String(s) => Q::dec(s.parse().unwrap()),
        Value::Number(n) => Q::int(n.as_i64().unwrap().into()),
        v => panic!("{id} = {v} is not a number"),
    }
}

/// The figures of 附件4（十四） and the ratios the annexes name, written here from the text.
fn measure(facts: &Map<String, Value>, id: &str) -> Q {
    let f = |i: &str| num(facts, i);
    let pct = |a: Q, b: Q| a.div(b).times(100);
    let growth = |a: &str, b: &str| pct(f(a).sub(f(b)), f(b));
    match id {
        "rd_ratio" => pct(f("rd_expense"), f("revenue")),
        "rd_ratio_prior" => pct(f("rd_expense_prior"), f("revenue_prior")),
        "main_share" => pct(f("main_revenue"), f("revenue")),
        "net_margin" => pct(f("net_profit"), f("revenue")),
        "rd_staff_share" => pct(f("rd_staff"), f("staff")),
        "main_growth" => growth("main_revenue", "main_revenue_prior"),
        "main_growth_avg" => growth("main_revenue", "main_revenue_prior").add(growth("main_revenue_prior", "main_revenue_prior2")).div(Q::int(2)),
        "rd_expense_avg" => f("rd_expense").add(f("rd_expense_prior")).div(Q::int(2)),
        _ => f(id),
    }
}

/// Whether a band's test holds, bounds inclusive.
fn holds(t: &Test, default: Option<&str>, facts: &Map<String, Value>) -> bool {
    let m = t.measure.as_deref().or(default);
    let mut ok = true;
    if t.min.is_some() || t.max.is_some() {
        let x = measure(facts, m.unwrap());
        ok &= t.min.is_none_or(|b| Q::dec(b).le(x)) && t.max.is_none_or(|b| x.le(Q::dec(b)));
    }
    if !t.is.is_empty() {
        ok &= t.is.iter().any(|c| facts[m.unwrap()] == c.as_ref());
    }
    if let Some(b) = t.equals {
        ok &= facts[m.unwrap()] == b;
    }
    assert!(t.tier.is_none(), "a band waits on a tier");
    ok &= t.all.iter().all(|a| holds(a, default, facts));
    if !t.any.is_empty() {
        ok &= t.any.iter().any(|a| holds(a, default, facts));
    }
    ok
}

/// The points by the rule of 附件4（十三）: the best band the facts fall in.
fn expected(ind: &IndicatorDef, facts: &Map<String, Value>) -> u32 {
    ind.band.iter().filter(|b| holds(&b.when, ind.measure.as_deref(), facts)).map(|b| b.points).max().unwrap_or(0)
}

/// The strong company of the cases file, every fact given (read once).
fn base() -> Map<String, Value> {
    static BASE: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    BASE.get_or_init(|| case_file().base["strong"].iter().map(|(k, v)| (k.clone(), serde_json::to_value(v).unwrap())).collect()).clone()
}

/// A number as the request writes it: money and percentages as decimal strings of
/// hundredths, counts as JSON numbers.
fn put(facts: &mut Map<String, Value>, id: &str, hundredths: i128) {
    let ty = scheme().input(id).unwrap_or_else(|| panic!("no input {id}")).ty;
    let v = match ty {
        InputType::Count | InputType::Years | InputType::Points => {
            assert_eq!(hundredths % 100, 0, "{id}: a count is whole");
            json!(hundredths / 100)
        }
        _ => {
            let s = Decimal::from_i128_with_scale(hundredths, 2).normalize().to_string();
            json!(s)
        }
    };
    facts.insert(id.into(), v);
}

/// Facts that put measure `m` exactly at `v` hundredths (of a percent, of a yuan, of a
/// count), on the strong base; `None` where no company has that value (a negative sum).
fn realize(m: &str, v: i128) -> Option<Map<String, Value>> {
    let s = scheme();
    let mut f = base();
    let mut set: Vec<&str> = Vec::new();
    let mut put_set = |f: &mut Map<String, Value>, id: &'static str, h: i128| {
        put(f, id, h);
        set.push(id);
    };
    // In hundredths: 1亿 yuan is 10^10; v hundredths of a percent of 1亿 is v × 10^6.
    const E8: i128 = 100_000_000 * 100;
    match m {
        // R&D on 500 万 of revenue, so the amount stays under the amount bands (< 100 万 up to 20%).
        "rd_ratio" => {
            put_set(&mut f, "revenue", 5_000_000 * 100);
            put_set(&mut f, "rd_expense", v * 50_000);
        }
        "main_share" => {
            put_set(&mut f, "revenue", E8);
            put_set(&mut f, "main_revenue", v * 1_000_000);
        }
        "net_margin" => {
            put_set(&mut f, "revenue", E8);
            put_set(&mut f, "net_profit", v * 1_000_000);
        }
        "rd_staff_share" => {
            put_set(&mut f, "staff", 10_000 * 100);
            put_set(&mut f, "rd_staff", v * 100);
        }
        "main_growth" => {
            put_set(&mut f, "main_revenue_prior", E8);
            put_set(&mut f, "main_revenue", E8 + v * 1_000_000);
        }
        "main_growth_avg" => {
            put_set(&mut f, "main_revenue_prior", E8);
            put_set(&mut f, "main_revenue_prior2", E8);
            put_set(&mut f, "main_revenue", E8 + 2 * v * 1_000_000);
        }
        // An input scored directly; R&D amounts on 10亿 of revenue, so the ratio stays under 1%.
        _ if s.input(m).is_some() => {
            if m == "rd_expense" {
                put_set(&mut f, "revenue", 1_000_000_000 * 100);
            }
            let ty = s.input(m).unwrap().ty;
            if matches!(ty, InputType::Count | InputType::Years | InputType::Points) && v % 100 != 0 {
                return None;
            }
            put(&mut f, m, v);
            set.push(s.input(m).map(|i| &*i.id).unwrap());
        }
        _ => panic!("measure {m}: teach this test how to build it"),
    }
    // Only values a company can have: money and counts not negative, a share within 100%.
    for (id, x) in &f {
        let ty = s.input(id).unwrap().ty;
        let q = num_or(x);
        if let Some(q) = q {
            if !matches!(ty, InputType::SignedYuan) && q.n < 0 {
                return None;
            }
            if ty == InputType::Percent && !q.le(Q::int(100)) {
                return None;
            }
        }
    }
    // A part above its whole: raise the whole when the part was set, else lower the part.
    for i in &s.input {
        let Some(w) = i.part_of.as_deref() else { continue };
        let (p, wv) = (num(&f, &i.id), num(&f, w));
        if !p.le(wv) {
            let (from, to) = if set.contains(&&*i.id) { (&*i.id, w) } else { (w, &*i.id) };
            if set.contains(&to) {
                return None;
            }
            let v = f[from].clone();
            f.insert(to.into(), v);
        }
    }
    Some(f)
}

fn num_or(v: &Value) -> Option<Q> {
    match v {
        Value::String(s) => s.parse::<Decimal>().ok().map(Q::dec),
        Value::Number(n) => n.as_i64().map(|n| Q::int(n.into())),
        _ => None,
    }
}

fn points_of(facts: &Map<String, Value>, tier_id: &str, ind: &str) -> (u32, u32) {
    let r = assess(facts).unwrap_or_else(|e| panic!("{tier_id}.{ind}: {e} on {}", Value::Object(facts.clone())));
    let i = indicator(tier(&r, tier_id), ind).unwrap_or_else(|| panic!("no indicator {tier_id}.{ind}"));
    (i["points_min"].as_u64().unwrap() as u32, i["points_max"].as_u64().unwrap() as u32)
}

fn bounds<'a>(t: &'a Test, default: Option<&'a str>, out: &mut Vec<(&'a str, Decimal)>) {
    let m = t.measure.as_deref().or(default);
    for b in [t.min, t.max].into_iter().flatten() {
        out.push((m.expect("a bound without a measure"), b));
    }
    t.all.iter().chain(&t.any).for_each(|a| bounds(a, default, out));
}

fn whole(m: &str) -> bool {
    scheme().input(m).is_some_and(|i| matches!(i.ty, InputType::Count | InputType::Years | InputType::Points))
}

#[test]
fn every_band_edge_scores_the_higher_band() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for t in scheme().tier.iter().filter(|t| !t.indicator.is_empty()) {
        for ind in t.indicator.iter().filter(|i| !i.band.is_empty()) {
            let mut edges = Vec::new();
            for b in &ind.band {
                bounds(&b.when, ind.measure.as_deref(), &mut edges);
            }
            for (m, b) in edges {
                let h = (b * Decimal::ONE_HUNDRED).trunc().mantissa();
                assert_eq!(Decimal::from_i128_with_scale(h, 2), b.normalize(), "bound {b} of {} has over two decimals", ind.id);
                let step = if whole(m) { 100 } else { 1 };
                let mut at_edge = false;
                for v in [h - step, h, h + step] {
                    let Some(facts) = realize(m, v) else { continue };
                    // The value built is the value meant.
                    let got = measure(&facts, m);
                    assert!(got.le(Q::new(v, 100)) && Q::new(v, 100).le(got), "{m}: built {got:?} for {v}/100");
                    let want = expected(ind, &facts);
                    let (lo, hi) = points_of(&facts, &t.id, &ind.id);
                    if (lo, hi) != (want, want) {
                        failures.push(format!("{}.{} with {m} = {}: {lo}–{hi} points, the rule gives {want}", t.id, ind.id, Decimal::from_i128_with_scale(v, 2)));
                    }
                    at_edge |= v == h;
                    checked += 1;
                }
                assert!(at_edge, "{}.{}: the edge {m} = {b} itself was not tested", t.id, ind.id);
            }
        }
    }
    assert!(failures.is_empty(), "{} edges off:\n{}", failures.len(), failures.join("\n"));
    // 附件1: 4+4+4+2+4 bounds pairs, 附件2: 3+5+4+5+3+(5 × 2 × 2)+3 … at least 150 values.
    assert!(checked >= 150, "only {checked} edge values checked");
    eprintln!("{checked} band-edge values checked");
}

/// Counted indicators (每满 2 年得 1 分，最高不超过 5 分), items (每满足一项加 3 分，最高不超过 5
/// 分), choices and the province's own score, every value.
#[test]
fn counted_itemised_and_chosen_indicators() {
    let mut checked = 0;
    for t in scheme().tier.iter().filter(|t| !t.indicator.is_empty()) {
        for ind in &t.indicator {
            let m = ind.measure.as_deref();
            if let (Some(per), Some(each)) = (ind.per, ind.each) {
                let per = (per * Decimal::ONE_HUNDRED).trunc().mantissa() / 100;
                for y in 0..=(per * i128::from(ind.max / each) + per + 1) {
                    let mut f = base();
                    put(&mut f, m.unwrap(), y * 100);
                    let want = (u32::try_from(y / per).unwrap() * each).min(ind.max);
                    assert_eq!(points_of(&f, &t.id, &ind.id), (want, want), "{}.{} at {y}", t.id, ind.id);
                    checked += 1;
                }
            } else if !ind.items.is_empty() {
                let each = ind.each.unwrap();
                for mask in 0..(1u32 << ind.items.len()) {
                    let mut f = base();
                    for (k, it) in ind.items.iter().enumerate() {
                        f.insert(it.measure.to_string(), json!(mask >> k & 1 == 1));
                    }
                    let want = (mask.count_ones() * each).min(ind.max);
                    assert_eq!(points_of(&f, &t.id, &ind.id), (want, want), "{}.{} items {mask:b}", t.id, ind.id);
                    checked += 1;
                }
            } else if ind.given {
                for p in 0..=ind.max {
                    let mut f = base();
                    f.insert(m.unwrap().into(), json!(p));
                    assert_eq!(points_of(&f, &t.id, &ind.id), (p, p), "{}.{} given {p}", t.id, ind.id);
                    checked += 1;
                }
            } else if let Some(input) = m.and_then(|m| scheme().input(m)).filter(|i| matches!(i.ty, InputType::Choice | InputType::Bool)) {
                let values: Vec<Value> = if input.ty == InputType::Bool { vec![json!(true), json!(false)] } else { input.choice.iter().map(|c| json!(c.id.as_ref())).collect() };
                for v in values {
                    let mut f = base();
                    f.insert(input.id.to_string(), v.clone());
                    let want = expected(ind, &f);
                    assert_eq!(points_of(&f, &t.id, &ind.id), (want, want), "{}.{} = {v}", t.id, ind.id);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 50, "only {checked} checked");
}

/// Edges written straight from the annexes, each with the facts that make it.
#[test]
fn edges_from_the_annex_text() {
    #[rustfmt::skip]
    let table: &[(&str, &str, Value, u32, &str)] = &[
        // 附件1 2. 上年度研发费用总额占营业收入总额比重: A 5%以上 20, B 3%-5% 15, C 2%-3% 10, D 1%-2% 5, E 1%以下 0.
        ("innovative", "rd_ratio", json!({"revenue": "100000000", "main_revenue": "80000000", "rd_expense": "5000000"}), 20, "5% → A"),
        ("innovative", "rd_ratio", json!({"revenue": "100000000", "main_revenue": "80000000", "rd_expense": "4990000"}), 15, "4.99% → B"),
        ("innovative", "rd_ratio", json!({"revenue": "100000000", "main_revenue": "80000000", "rd_expense": "3000000"}), 15, "3% → B, not C"),
        ("innovative", "rd_ratio", json!({"revenue": "100000000", "main_revenue": "80000000", "rd_expense": "2999999.99"}), 10, "just under 3% → C"),
        ("innovative", "rd_ratio", json!({"revenue": "100000000", "main_revenue": "80000000", "rd_expense": "1000000"}), 5, "1% → D"),
        ("innovative", "rd_ratio", json!({"revenue": "100000000", "main_revenue": "80000000", "rd_expense": "990000"}), 0, "0.99% → E"),
        // 附件1 3. 上年度主营业务收入增长率: A 15%以上 20 … D 0%-5% 5, E 0%以下 0.
        ("innovative", "main_growth", json!({"main_revenue_prior": "100000000", "main_revenue": "115000000"}), 20, "15% → A"),
        ("innovative", "main_growth", json!({"main_revenue_prior": "100000000", "main_revenue": "114990000"}), 15, "14.99% → B"),
        ("innovative", "main_growth", json!({"main_revenue_prior": "100000000", "main_revenue": "100000000"}), 5, "0% → D, not E"),
        ("innovative", "main_growth", json!({"main_revenue_prior": "100000000", "main_revenue": "99990000"}), 0, "−0.01% → E"),
        // 附件1 4. 上年度资产负债率: A 55%以下 10, B 55%-75% 5, D 75%以上 0.
        ("innovative", "debt_ratio", json!({"debt_ratio": "55"}), 10, "55 → A"),
        ("innovative", "debt_ratio", json!({"debt_ratio": "55.01"}), 5, "55.01 → B"),
        ("innovative", "debt_ratio", json!({"debt_ratio": "75"}), 5, "75 → B, not D"),
        ("innovative", "debt_ratio", json!({"debt_ratio": "75.01"}), 0, "75.01 → D"),
        // 附件1 6. 主营业务收入占比: A 70%以上 20, B 60%-70% 15, C 55%-60% 10, D 50%-55% 5, E 50%以下 0.
        ("innovative", "main_share", json!({"revenue": "100000000", "main_revenue": "70000000"}), 20, "70% → A"),
        ("innovative", "main_share", json!({"revenue": "100000000", "main_revenue": "69990000"}), 15, "69.99% → B"),
        ("innovative", "main_share", json!({"revenue": "100000000", "main_revenue": "50000000"}), 5, "50% → D"),
        ("innovative", "main_share", json!({"revenue": "100000000", "main_revenue": "49990000"}), 0, "49.99% → E"),
        // 附件2 11. 上年度研发费用投入: A 500 万元以上 or 10%以上 10, B 400-500 万 or 8%-10% 8, … E 100-200 万 or 3%-4% 2.
        ("specialized", "rd", json!({"revenue": "1000000000", "rd_expense": "5000000"}), 10, "500 万 → A"),
        ("specialized", "rd", json!({"revenue": "1000000000", "rd_expense": "4999999.99"}), 8, "0.01 under 500 万 → B"),
        ("specialized", "rd", json!({"revenue": "1000000000", "rd_expense": "1000000"}), 2, "100 万 → E"),
        ("specialized", "rd", json!({"revenue": "1000000000", "rd_expense": "999999.99"}), 0, "under 100 万 and 0.1% → F"),
        ("specialized", "rd", json!({"revenue": "5000000", "main_revenue": "4000000", "rd_expense": "500000"}), 10, "10% of 500 万 → A"),
        ("specialized", "rd", json!({"revenue": "5000000", "main_revenue": "4000000", "rd_expense": "499500"}), 8, "9.99% → B"),
        ("specialized", "rd", json!({"revenue": "5000000", "main_revenue": "4000000", "rd_expense": "150000"}), 2, "3% → E"),
        ("specialized", "rd", json!({"revenue": "5000000", "main_revenue": "4000000", "rd_expense": "149500"}), 0, "2.99% → F"),
        // 附件2 2. 近 2 年主营业务收入平均增长率: A 10%以上 10, B 8%-10% 8, … E 0%-4% 2, F 0%以下 0.
        ("specialized", "main_growth_avg", json!({"main_revenue_prior2": "100000000", "main_revenue_prior": "100000000", "main_revenue": "120000000"}), 10, "(20% + 0%)/2 = 10% → A"),
        ("specialized", "main_growth_avg", json!({"main_revenue_prior2": "100000000", "main_revenue_prior": "100000000", "main_revenue": "119980000"}), 8, "9.99% → B"),
        ("specialized", "main_growth_avg", json!({"main_revenue_prior2": "100000000", "main_revenue_prior": "100000000", "main_revenue": "100000000"}), 2, "0% → E, not F"),
        ("specialized", "main_growth_avg", json!({"main_revenue_prior2": "100000000", "main_revenue_prior": "100000000", "main_revenue": "99980000"}), 0, "−0.01% → F"),
        // 附件2 7. 上年度净利润率: … E 2%-4% 2, F 2%以下 0; 8. 资产负债率: A 50%以下 5, B 50%-60% 3, C 60%-70% 1, D 70%以上 0.
        ("specialized", "net_margin", json!({"revenue": "100000000", "main_revenue": "80000000", "net_profit": "2000000"}), 2, "2% → E"),
        ("specialized", "net_margin", json!({"revenue": "100000000", "main_revenue": "80000000", "net_profit": "1990000"}), 0, "1.99% → F"),
        ("specialized", "net_margin", json!({"revenue": "100000000", "main_revenue": "80000000", "net_profit": "-5000000"}), 0, "a loss → F"),
        ("specialized", "debt_ratio", json!({"debt_ratio": "50"}), 5, "50 → A"),
        ("specialized", "debt_ratio", json!({"debt_ratio": "50.01"}), 3, "50.01 → B"),
        ("specialized", "debt_ratio", json!({"debt_ratio": "70"}), 1, "70 → C, not D"),
        ("specialized", "debt_ratio", json!({"debt_ratio": "70.01"}), 0, "70.01 → D"),
        // 附件2 12. 上年度研发人员占比: A 20%以上 5, B 10%-20% 3, C 5%-10% 1, D 5%以下 0.
        ("specialized", "rd_staff_share", json!({"staff": 10000, "rd_staff": 2000}), 5, "20% → A"),
        ("specialized", "rd_staff_share", json!({"staff": 10000, "rd_staff": 1999}), 3, "19.99% → B"),
        ("specialized", "rd_staff_share", json!({"staff": 10000, "rd_staff": 500}), 1, "5% → C"),
        ("specialized", "rd_staff_share", json!({"staff": 10000, "rd_staff": 499}), 0, "4.99% → D"),
        // 附件2 1. 主营业务收入占比: A 80%以上 5, B 70%-80% 3, C 60%-70% 1, D 60%以下 0; 3. 每满 2 年得 1 分.
        ("specialized", "main_share", json!({"revenue": "100000000", "main_revenue": "80000000"}), 5, "80% → A"),
        ("specialized", "main_share", json!({"revenue": "100000000", "main_revenue": "79990000"}), 3, "79.99% → B"),
        ("specialized", "main_share", json!({"revenue": "100000000", "main_revenue": "60000000"}), 1, "60% → C"),
        ("specialized", "main_share", json!({"revenue": "100000000", "main_revenue": "59990000"}), 0, "59.99% → D"),
        ("specialized", "niche_years", json!({"niche_years": 1}), 0, "1 year: none full"),
        ("specialized", "niche_years", json!({"niche_years": 2}), 1, "2 years"),
        ("specialized", "niche_years", json!({"niche_years": 9}), 4, "9 years"),
        ("specialized", "niche_years", json!({"niche_years": 10}), 5, "10 years"),
        ("specialized", "niche_years", json!({"niche_years": 40}), 5, "at most 5"),
        // 附件1 1. / 附件2 10. 知识产权: the best of the kinds held.
        ("innovative", "ip", json!({"ip_first": 1, "ip_own_first": 0, "ip_high_value": 0, "ip_second": 0}), 10, "1 I 类 → C"),
        ("innovative", "ip", json!({"ip_first": 1, "ip_own_first": 0, "ip_high_value": 1, "ip_second": 0}), 20, "1 高价值 → A"),
        ("specialized", "ip", json!({"ip_first": 0, "ip_own_first": 0, "ip_high_value": 0, "ip_second": 1}), 2, "1 II 类 → D"),
        ("specialized", "ip", json!({"ip_first": 0, "ip_own_first": 0, "ip_high_value": 0, "ip_second": 0}), 0, "none → E"),
    ];
    for (t, ind, over, want, why) in table {
        let mut f = base();
        for (k, v) in over.as_object().unwrap() {
            f.insert(k.clone(), v.clone());
        }
        assert_eq!(points_of(&f, t, ind), (*want, *want), "{t}.{ind}: {why}");
    }
}
