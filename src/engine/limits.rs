//! The combination rules of a text, applied to the claims it pays, in the order a
//! careful official would: first what counts as one item (series, highest-only,
//! earlier awards), then how many items (per class, per category), then how much
//! money (annual caps). Where a limit leaves a choice, the unit keeps what pays most.

use super::pricing::{rule_matches, selects, unit_amount};
use crate::model::result::Adjustment;
use crate::model::{say, yuan, Achievement, FieldValue, Lang};
use crate::policy::schema::{Basis, LimitDef, LimitType, PolicyDef, PriorMode};
use crate::policy::Catalog;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One achievement as paid by one rule, through the combination rules.
#[derive(Debug, Clone)]
pub struct Claim {
    pub ach: usize,
    pub policy: usize,
    pub rule: usize,
    pub unit: Decimal,
    pub basis: Basis,
    pub claimed: u32,
    pub counted: u32,
    /// Money after the limits applied so far.
    pub total: Decimal,
    pub formula: String,
    pub notes: Vec<String>,
}

impl Claim {
    fn recount(&mut self) {
        self.total = self.unit * Decimal::from(self.counted);
    }
}

pub struct Ctx<'a> {
    pub cat: &'a Catalog,
    pub achs: &'a [Achievement],
    pub lang: Lang,
}

impl Ctx<'_> {
    fn selected(&self, l: &LimitDef, policy: usize, c: &Claim) -> bool {
        c.policy == policy && selects(&l.select, &self.achs[c.ach], &self.cat.policy(policy).rule[c.rule])
    }

    fn adjustment(&self, p: &PolicyDef, l: &LimitDef, effect: String, achs: Vec<usize>, before: Decimal, after: Decimal) -> Adjustment {
        Adjustment {
            policy: p.id.clone(),
            limit: l.id.clone(),
            clause: l.clause.clone(),
            quote: l.quote.clone(),
            rule: say(self.lang, &l.text.zh, &l.text.en),
            effect,
            note: l.note.as_ref().map(|n| say(self.lang, &n.zh, &n.en)),
            achievements: achs,
            before_yuan: yuan(before),
            after_yuan: yuan(after),
        }
    }

    fn say(&self, zh: &str, en: &str) -> String {
        say(self.lang, zh, en)
    }
}

fn sum(claims: &[Claim], idx: &[usize]) -> Decimal {
    idx.iter().map(|&i| claims[i].total).sum()
}

/// Applies every limit of every policy to its own claims; returns the steps taken.
pub fn apply(ctx: &Ctx, policies: &[usize], claims: &mut [Claim]) -> Vec<Adjustment> {
    let mut steps = Vec::new();
    for c in claims.iter_mut() {
        c.recount();
    }
    for &pi in policies {
        let p = ctx.cat.policy(pi);
        let of = |t: LimitType| p.limit.iter().filter(move |l| l.ty == t);
        for l in of(LimitType::SeriesAsOne) {
            one_per_group(ctx, pi, l, claims, "series", &mut steps);
        }
        for l in of(LimitType::HighestOnly) {
            one_per_group(ctx, pi, l, claims, "subject", &mut steps);
        }
        for l in of(LimitType::PriorLevel) {
            prior_level(ctx, pi, l, claims, &mut steps);
        }
        for l in of(LimitType::MaxCount) {
            max_count(ctx, pi, l, claims, &mut steps);
        }
        for l in of(LimitType::MaxCategories) {
            max_categories(ctx, pi, l, claims, &mut steps);
        }
        caps(ctx, pi, claims, Some(&mut steps));
    }
    steps
}

/// Series as one / highest only: among selected claims sharing a value of `key` (and a
/// kind), only the best-paying item is counted.
fn one_per_group(ctx: &Ctx, pi: usize, l: &LimitDef, claims: &mut [Claim], key: &str, steps: &mut Vec<Adjustment>) {
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        let a = &ctx.achs[c.ach];
        if let (true, Some(v)) = (ctx.selected(l, pi, c) && c.counted > 0, a.text(key)) {
            groups.entry((a.kind.clone(), v.to_string())).or_default().push(i);
        }
    }
    for ((_, value), idx) in groups {
        let items: u32 = idx.iter().map(|&i| claims[i].counted).sum();
        if items <= 1 {
            continue;
        }
        let before = sum(claims, &idx);
        let best = *idx.iter().max_by(|&&a, &&b| claims[a].unit.cmp(&claims[b].unit).then(b.cmp(&a))).unwrap_or(&idx[0]);
        for &i in &idx {
            claims[i].counted = u32::from(i == best);
            claims[i].recount();
        }
        let effect = ctx.say(&format!("“{value}”的 {items} 项按一项计"), &format!("{items} items of “{value}” counted as one"));
        let achs = idx.iter().map(|&i| claims[i].ach).collect();
        steps.push(ctx.adjustment(ctx.cat.policy(pi), l, effect, achs, before, sum(claims, &idx)));
    }
}

/// The same title held before at `previous_level`.
fn prior_level(ctx: &Ctx, pi: usize, l: &LimitDef, claims: &mut [Claim], steps: &mut Vec<Adjustment>) {
    let p = ctx.cat.policy(pi);
    for i in 0..claims.len() {
        let c = &claims[i];
        let a = &ctx.achs[c.ach];
        let (true, Some(prev), Some(cur)) = (ctx.selected(l, pi, c), a.matched("previous_level"), a.matched("level")) else { continue };
        let Some(order) = ctx.cat.kind(&a.kind).and_then(|k| ctx.cat.field(k, "level")).map(|f| &f.values) else { continue };
        let rank = |v: &str| order.iter().position(|x| x == v);
        let (Some(rp), Some(rc)) = (rank(prev), rank(cur)) else { continue };
        let before = c.total;
        let effect;
        if rp <= rc {
            claims[i].counted = 0;
            effect = ctx.say(&format!("此前已获同级或更高级（{prev}），不再奖励"), &format!("already received at the same or a higher level ({prev}): not paid again"));
        } else if l.mode == Some(PriorMode::Difference) {
            let mut lower = a.clone();
            lower.fields.insert("level".into(), FieldValue::Enum(prev.to_string()));
            let paid = p
                .rule
                .iter()
                .filter(|r| rule_matches(r, &lower))
                .filter_map(|r| unit_amount(ctx.cat, p, r, &lower, ctx.lang).map(|x| x.0))
                .max()
                .unwrap_or(Decimal::ZERO);
            let c = &mut claims[i];
            c.unit = (c.unit - paid).max(Decimal::ZERO);
            c.formula = format!("{} − {} = {}", c.formula, yuan(paid), yuan(c.unit));
            effect = ctx.say(&format!("由{prev}升级，补发差额（减去已获 {}）", yuan(paid)), &format!("upgraded from {prev}: the difference is paid ({} already received)", yuan(paid)));
        } else {
            continue;
        }
        claims[i].recount();
        let (ach, after) = (claims[i].ach, claims[i].total);
        if after != before {
            steps.push(ctx.adjustment(p, l, effect, vec![ach], before, after));
        }
    }
}

/// At most `max` items per group of `group_by` values; the best-paying items are kept.
fn max_count(ctx: &Ctx, pi: usize, l: &LimitDef, claims: &mut [Claim], steps: &mut Vec<Adjustment>) {
    let max = l.max.unwrap_or(u32::MAX);
    let mut groups: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if ctx.selected(l, pi, c) && c.counted > 0 {
            let a = &ctx.achs[c.ach];
            let key = l.group_by.iter().map(|f| a.matched(f).or(a.text(f)).unwrap_or("").to_string()).collect();
            groups.entry(key).or_default().push(i);
        }
    }
    for (key, mut idx) in groups {
        let items: u32 = idx.iter().map(|&i| claims[i].counted).sum();
        if items <= max {
            continue;
        }
        let before = sum(claims, &idx);
        idx.sort_by(|&a, &b| claims[b].unit.cmp(&claims[a].unit).then(a.cmp(&b)));
        let mut left = max;
        for &i in &idx {
            let keep = claims[i].counted.min(left);
            left -= keep;
            claims[i].counted = keep;
            claims[i].recount();
        }
        let class = if key.iter().all(String::is_empty) { String::new() } else { format!("（{}）", key.join("、")) };
        let effect = ctx.say(
            &format!("{class}{items} 项中只计 {max} 项，留下金额最高的，另 {} 项不计", items - max),
            &format!("{class} only {max} of {items} items count; the best-paying are kept, {} left out", items - max),
        );
        idx.sort_unstable();
        let achs = idx.iter().map(|&i| claims[i].ach).collect();
        steps.push(ctx.adjustment(ctx.cat.policy(pi), l, effect, achs, before, sum(claims, &idx)));
    }
}

/// At most `max` categories: every choice is tried with the caps applied, and the one
/// that pays the unit most is kept.
fn max_categories(ctx: &Ctx, pi: usize, l: &LimitDef, claims: &mut [Claim], steps: &mut Vec<Adjustment>) {
    let p = ctx.cat.policy(pi);
    let max = l.max.unwrap_or(u32::MAX) as usize;
    let mut cats: Vec<&str> = Vec::new();
    for c in claims.iter().filter(|c| c.policy == pi && c.total > Decimal::ZERO) {
        let cat = p.rule[c.rule].category.as_str();
        if !cats.contains(&cat) {
            cats.push(cat);
        }
    }
    if cats.len() <= max {
        return;
    }
    let mut best: Option<(Decimal, Vec<&str>)> = None;
    for keep in choose(&cats, max) {
        let mut trial = claims.to_vec();
        for c in trial.iter_mut().filter(|c| c.policy == pi && !keep.contains(&p.rule[c.rule].category.as_str())) {
            c.counted = 0;
            c.recount();
        }
        caps(ctx, pi, &mut trial, None);
        let total: Decimal = trial.iter().filter(|c| c.policy == pi).map(|c| c.total).sum();
        if best.as_ref().is_none_or(|(t, _)| total > *t) {
            best = Some((total, keep));
        }
    }
    let Some((_, keep)) = best else { return };
    let idx: Vec<usize> = (0..claims.len()).filter(|&i| claims[i].policy == pi).collect();
    let before = sum(claims, &idx);
    for &i in &idx {
        if !keep.contains(&p.rule[claims[i].rule].category.as_str()) {
            claims[i].counted = 0;
            claims[i].recount();
        }
    }
    let dropped: Vec<&str> = cats.iter().filter(|c| !keep.contains(c)).copied().collect();
    let effect = ctx.say(
        &format!("{} 类中保留资助最多的 {}（{}），不计 {}", cats.len(), max, keep.join("、"), dropped.join("、")),
        &format!("of {} categories the {} paying most are kept ({}); left out: {}", cats.len(), max, keep.join(", "), dropped.join(", ")),
    );
    let achs = idx.iter().filter(|&&i| dropped.contains(&p.rule[claims[i].rule].category.as_str())).map(|&i| claims[i].ach).collect();
    steps.push(ctx.adjustment(p, l, effect, achs, before, sum(claims, &idx)));
}

/// Every subset of `items` of size `k`, in order.
fn choose<'a>(items: &[&'a str], k: usize) -> Vec<Vec<&'a str>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    if items.len() < k {
        return Vec::new();
    }
    let mut out: Vec<Vec<&str>> = choose(&items[1..], k - 1)
        .into_iter()
        .map(|mut rest| {
            rest.insert(0, items[0]);
            rest
        })
        .collect();
    out.extend(choose(&items[1..], k));
    out
}

/// Annual caps, in the order the data lists them (narrower caps first). The money is
/// kept by the largest lines first: where the cap bites, the smallest lines shrink.
fn caps(ctx: &Ctx, pi: usize, claims: &mut [Claim], mut steps: Option<&mut Vec<Adjustment>>) {
    let p = ctx.cat.policy(pi);
    for l in p.limit.iter().filter(|l| l.ty == LimitType::AnnualCap) {
        let mut idx: Vec<usize> = (0..claims.len()).filter(|&i| claims[i].total > Decimal::ZERO && ctx.selected(l, pi, &claims[i])).collect();
        let before = sum(claims, &idx);
        let raised = l.raised_when.as_ref().is_some_and(|s| idx.iter().any(|&i| selects(s, &ctx.achs[claims[i].ach], &p.rule[claims[i].rule])));
        let cap = if raised { l.raised_amount } else { l.amount }.unwrap_or(Decimal::MAX);
        if before <= cap {
            continue;
        }
        idx.sort_by(|&a, &b| claims[b].total.cmp(&claims[a].total).then(a.cmp(&b)));
        let mut left = cap;
        for &i in &idx {
            let keep = claims[i].total.min(left);
            left -= keep;
            claims[i].total = keep;
        }
        if let Some(steps) = steps.as_deref_mut() {
            let effect = ctx.say(&format!("合计 {} 超过上限 {}，按上限计", yuan(before), yuan(cap)), &format!("{} exceeds the cap of {}: capped", yuan(before), yuan(cap)));
            idx.sort_unstable();
            let achs = idx.iter().map(|&i| claims[i].ach).collect();
            steps.push(ctx.adjustment(p, l, effect, achs, before, cap));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::choose;

    #[test]
    fn choose_lists_every_subset_once() {
        let items = ["a", "b", "c", "d"];
        let got = choose(&items, 2);
        assert_eq!(got.len(), 6);
        assert_eq!(got[0], vec!["a", "b"]);
        assert_eq!(got[5], vec!["c", "d"]);
        assert_eq!(choose(&items, 5).len(), 0);
    }
}
