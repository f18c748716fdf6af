//! The combination rules of a text, applied to the claims it pays, in the order a
//! careful official would: first what each item is worth after an earlier award of it,
//! then what counts as one item (series, highest-only), then how many items (per class,
//! per category), then how much money (annual caps). Where a limit leaves a choice, the
//! unit keeps what pays most.

use super::pricing::{completions, rule_matches, selects, unit_amount};
use crate::model::result::Adjustment;
use crate::model::reform::Field;
use crate::model::{pick, say, thousands, yuan, Achievement, FieldValue, Lang, Reform};
use crate::policy::schema::{same, Basis, GroupMissing, LimitDef, LimitType, PolicyDef, PriorMode, RuleDef, Str};
use crate::policy::Catalog;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// One achievement as paid by one rule, through the combination rules.
#[derive(Debug, Clone)]
pub struct Claim<'c> {
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
    pub notes: Vec<Cow<'c, str>>,
}

impl Claim<'_> {
    fn recount(&mut self) {
        self.total = self.unit * Decimal::from(self.counted);
    }
}

pub struct Ctx<'c, 'a> {
    pub cat: &'c Catalog,
    pub achs: &'a [Cow<'a, Achievement>],
    pub lang: Lang,
    /// The reform applied, if any: its caps replace the data's, its limits switched off are skipped.
    pub reform: Option<&'a Reform>,
    /// Whether to say what each limit did (the adjustments, notes, formulas). The
    /// batch's totals do without: the same amounts, no text.
    pub words: bool,
}

impl<'c> Ctx<'c, '_> {
    fn selected(&self, l: &LimitDef, policy: usize, c: &Claim) -> bool {
        c.policy == policy && selects(&l.select, &self.achs[c.ach], &self.cat.policy(policy).rule[c.rule])
    }

    fn adjustment(&self, p: &'c PolicyDef, l: &'c LimitDef, effect: String, achs: Vec<usize>, before: Decimal, after: Decimal) -> Adjustment<'c> {
        Adjustment {
            policy: &p.id,
            limit: &l.id,
            clause: &l.clause,
            quote: &l.quote,
            rule: pick(self.lang, &l.text),
            effect,
            note: l.note.as_ref().map(|n| pick(self.lang, n)),
            achievements: achs,
            before_yuan: yuan(before),
            after_yuan: yuan(after),
        }
    }

    fn say(&self, zh: &str, en: &str) -> String {
        say(self.lang, zh, en)
    }
}

/// Adds claim `i` to the group of `key`; groups stay sorted by key (as a BTreeMap would
/// keep them, without its code for every key type).
fn group<K: Ord>(groups: &mut Vec<(K, Vec<usize>)>, key: K, i: usize) {
    match groups.binary_search_by(|(k, _)| k.cmp(&key)) {
        Ok(g) => groups[g].1.push(i),
        Err(g) => groups.insert(g, (key, vec![i])),
    }
}

fn sum(claims: &[Claim], idx: &[usize]) -> Decimal {
    idx.iter().map(|&i| claims[i].total).sum()
}

/// When a limit type applies, in the order of the module's comment: what counts as one
/// item, then how many items, then how much money. An exhaustive match: a new type does
/// not compile until it has its place here and its step in [`apply`].
fn order(t: LimitType) -> u8 {
    match t {
        // Before highest-only: the highest is chosen among what the items still pay, so
        // the order the items are given in cannot keep one an earlier award voids.
        LimitType::PriorLevel => 0,
        LimitType::SeriesAsOne => 1,
        LimitType::HighestOnly => 2,
        LimitType::MaxCount => 3,
        LimitType::MaxCategories => 4,
        LimitType::AnnualCap => 5,
    }
}

/// Applies every limit of every policy to its own claims; returns the steps taken.
pub fn apply<'c>(ctx: &Ctx<'c, '_>, policies: &[usize], claims: &mut [Claim<'c>]) -> Vec<Adjustment<'c>> {
    let mut steps = Vec::new();
    for c in claims.iter_mut() {
        c.recount();
    }
    for &pi in policies {
        // A text none of whose rules pays here: its limits have nothing to act on.
        if !claims.iter().any(|c| c.policy == pi) {
            continue;
        }
        let cat: &'c Catalog = ctx.cat;
        let p = cat.policy(pi);
        // By type in the order above, each type in the data's order (a few limits a
        // text: passes over them rather than a sorted copy).
        for step in 0..=order(LimitType::AnnualCap) {
            for l in p.limit.iter().filter(|l| order(l.ty) == step && !Reform::limit_off(ctx.reform, &p.id, &l.id)) {
                match l.ty {
                    LimitType::SeriesAsOne | LimitType::HighestOnly => one_per_group(ctx, pi, l, claims, &mut steps),
                    LimitType::PriorLevel => prior_level(ctx, pi, l, claims, &mut steps),
                    LimitType::MaxCount => max_count(ctx, pi, l, claims, &mut steps),
                    LimitType::MaxCategories => max_categories(ctx, pi, l, claims, &mut steps),
                    // The caps run together, after everything else (below).
                    LimitType::AnnualCap => {}
                }
            }
        }
        if !p.limit.iter().any(|l| l.ty == LimitType::AnnualCap) {
            continue;
        }
        let mut totals: Vec<Decimal> = claims.iter().map(|c| c.total).collect();
        caps(ctx, pi, claims, &mut totals, if ctx.words { Some(&mut steps) } else { None });
        for (c, t) in claims.iter_mut().zip(totals) {
            c.total = t;
        }
    }
    steps
}

/// An achievement's values of the limit's `group_by` fields, or `None` where one is not
/// given: such an item cannot be shown to share a group (which invention?). Unless the
/// limit reads a field left out as the unit's own (`group_missing = "together"`: no
/// site named), an empty value all such items share.
pub(super) fn group_key<'a>(l: &LimitDef, a: &'a Achievement) -> Option<Vec<&'a str>> {
    let missing = (l.group_missing == GroupMissing::Together).then_some("");
    l.group_by.iter().map(|f| a.matched(f).or(a.text(f)).or(missing)).collect()
}

/// Series as one / highest only: among selected claims of one kind sharing the values
/// of `group_by`, only the best-paying item is counted.
fn one_per_group<'c>(ctx: &Ctx<'c, '_>, pi: usize, l: &'c LimitDef, claims: &mut [Claim], steps: &mut Vec<Adjustment<'c>>) {
    // Keyed by (kind, the values of `group_by`).
    type Key<'a> = (&'a str, Vec<&'a str>);
    let mut groups: Vec<(Key, Vec<usize>)> = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let a = &ctx.achs[c.ach];
        if let (true, Some(key)) = (ctx.selected(l, pi, c) && c.counted > 0, group_key(l, a)) {
            group(&mut groups, (a.kind.as_str(), key), i);
        }
    }
    for ((_, key), idx) in groups {
        let items: u32 = idx.iter().map(|&i| claims[i].counted).sum();
        if items <= 1 {
            continue;
        }
        let before = sum(claims, &idx);
        let value = key.join(" / ");
        let best = *idx.iter().max_by(|&&a, &&b| claims[a].unit.cmp(&claims[b].unit).then(b.cmp(&a))).unwrap_or(&idx[0]);
        for &i in &idx {
            claims[i].counted = u32::from(i == best);
            claims[i].recount();
        }
        if !ctx.words {
            continue;
        }
        let effect = crate::tr!(ctx.lang, format!("“{value}”的 {items} 项按一项计"), format!("{items} items of “{value}” counted as one"));
        let achs = idx.iter().map(|&i| claims[i].ach).collect();
        steps.push(ctx.adjustment(ctx.cat.policy(pi), l, effect, achs, before, sum(claims, &idx)));
    }
}

/// The same title held before at `previous_level`.
fn prior_level<'c>(ctx: &Ctx<'c, '_>, pi: usize, l: &'c LimitDef, claims: &mut [Claim], steps: &mut Vec<Adjustment<'c>>) {
    let cat: &'c Catalog = ctx.cat;
    let p = cat.policy(pi);
    for c in claims.iter_mut() {
        let a = &ctx.achs[c.ach];
        let Some(fields) = &l.compare else { continue }; // the validator requires it
        let (true, Some(prev), Some(cur)) = (ctx.selected(l, pi, c), a.matched(&fields.earlier), a.matched(&fields.now)) else { continue };
        let Some(order) = ctx.cat.kind(&a.kind).and_then(|k| ctx.cat.field(k, &fields.now)).map(|f| &f.values) else { continue };
        let rank = |v: &str| order.iter().position(|x| x == v);
        let (Some(rp), Some(rc)) = (rank(prev), rank(cur)) else { continue };
        let raw = prev;
        // The earlier level in the user's words, not its JSON value.
        let values = &ctx.cat.head.kinds.values;
        let prev = values.get(&fields.earlier).or(values.get(&fields.now)).and_then(|m| m.get(prev)).map_or(prev, |t| pick(ctx.lang, t));
        let before = c.total;
        let effect;
        if rp <= rc {
            c.counted = 0;
            effect = ctx.words.then(|| crate::tr!(ctx.lang, format!("此前已获同级或更高级（{prev}），不再奖励"), format!("already received at the same or a higher level ({prev}): not paid again")));
        } else if l.mode == Some(PriorMode::Difference) {
            let mut lower: Achievement = a.as_ref().clone();
            lower.fields.set(fields.now.clone(), FieldValue::Enum(Str::from(raw.to_string())));
            let amount = |r: &RuleDef, x: &Achievement| unit_amount(ctx.cat, ctx.reform, p, r, x, ctx.lang, false).ok().map(|u| u.0);
            let exact = p.rule.iter().filter(|r| rule_matches(r, &lower)).filter_map(|r| amount(r, &lower)).max();
            if let Some(paid) = exact {
                c.unit = (c.unit - paid).max(Decimal::ZERO);
                if ctx.words {
                    c.formula = format!("{} − {} = {}", c.formula, yuan(paid), yuan(c.unit));
                }
                effect = ctx.words.then(|| crate::tr!(ctx.lang, format!("由{prev}升级，补发差额（减去已获 {}）", yuan(paid)), format!("upgraded from {prev}: the difference is paid ({} already received)", thousands(&yuan(paid)))));
            } else {
                // The earlier award is named without the details its amount depends on
                // (a grade): the difference lies between the full amount and the amount
                // less the largest award it could have been. Shown as a ceiling.
                let options: Vec<(Decimal, Vec<&str>)> = p
                    .rule
                    .iter()
                    .flat_map(|r| completions(ctx.cat, r, &lower).into_iter().filter_map(move |(x, missing)| amount(r, &x).map(|v| (v, missing.iter().map(|m| m.0).collect()))))
                    .collect();
                let Some((most, fields)) = options.into_iter().max_by_key(|o| o.0) else { continue };
                let least = (c.unit - most).max(Decimal::ZERO);
                c.basis = Basis::Cap;
                if !ctx.words {
                    continue;
                }
                let kind = ctx.cat.kind(&a.kind);
                let asked = fields.iter().map(|f| kind.and_then(|k| ctx.cat.field(k, f)).map_or(*f, |d| pick(ctx.lang, &d.doc))).collect::<Vec<_>>().join(if ctx.lang == Lang::Zh { "、" } else { ", " });
                c.notes.push(Cow::Owned(crate::tr!(
                    ctx.lang,
                    format!("此前的{prev}奖励未填写“{asked}”，无法确定已获金额：差额在 {} 至 {} 之间，按上限 {} 计；请填写后计算（{}）。", yuan(least), yuan(c.unit), yuan(c.unit), l.clause),
                    format!("The earlier {prev} award is given without “{asked}”, so what it paid is unknown: the difference lies between {} and {}, counted at the ceiling {}; give it to compute ({}).", thousands(&yuan(least)), thousands(&yuan(c.unit)), thousands(&yuan(c.unit)), l.clause)
                )));
                continue;
            }
        } else {
            continue;
        }
        c.recount();
        let (ach, after) = (c.ach, c.total);
        if let (true, Some(effect)) = (after != before, effect) {
            steps.push(ctx.adjustment(p, l, effect, vec![ach], before, after));
        }
    }
}

/// At most `max` items per group of `group_by` values; the best-paying items are kept.
fn max_count<'c>(ctx: &Ctx<'c, '_>, pi: usize, l: &'c LimitDef, claims: &mut [Claim], steps: &mut Vec<Adjustment<'c>>) {
    let max = l.max.unwrap_or(u32::MAX);
    let selected = |c: &Claim| c.counted > 0 && ctx.selected(l, pi, c);
    // No group can be over the limit when all the items selected are not.
    if claims.iter().filter(|c| selected(c)).map(|c| c.counted).sum::<u32>() <= max {
        return;
    }
    // The values of `group_by`, or the entry itself where it cannot be shown to share a
    // group: it stands alone.
    type Key<'a> = Result<Vec<&'a str>, usize>;
    let mut groups: Vec<(Key, Vec<usize>)> = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        if selected(c) {
            group(&mut groups, group_key(l, &ctx.achs[c.ach]).ok_or(c.ach), i);
        }
    }
    for (key, mut idx) in groups {
        let items: u32 = idx.iter().map(|&i| claims[i].counted).sum();
        if items <= max {
            continue;
        }
        let before = sum(claims, &idx);
        idx.sort_unstable_by(|&a, &b| claims[b].unit.cmp(&claims[a].unit).then(a.cmp(&b)));
        let mut left = max;
        for &i in &idx {
            let keep = claims[i].counted.min(left);
            left -= keep;
            claims[i].counted = keep;
            claims[i].recount();
        }
        if !ctx.words {
            continue;
        }
        let labels = &ctx.cat.head.kinds.values;
        let values = key.as_deref().unwrap_or_default();
        let shown: Vec<&str> = l.group_by.iter().zip(values).filter(|(_, v)| !v.is_empty()).map(|(f, &v)| labels.get(f).and_then(|m| m.get(v)).map_or(v, |t| pick(ctx.lang, t))).collect();
        let class = |open: &str, sep, close: &str| if shown.is_empty() { String::new() } else { [open, &shown.join(sep), close].concat() };
        let effect = crate::tr!(
            ctx.lang,
            format!("{}{items} 项中只计 {max} 项，留下金额最高的，另 {} 项不计", class("（", "、", "）"), items - max),
            format!("{}only {max} of {items} items count; the best-paying are kept, {} left out", class("", " / ", ": "), items - max)
        );
        idx.sort_unstable();
        let achs = idx.iter().map(|&i| claims[i].ach).collect();
        steps.push(ctx.adjustment(ctx.cat.policy(pi), l, effect, achs, before, sum(claims, &idx)));
    }
}

/// At most `max` categories: every choice is tried with the caps applied, and the one
/// that pays the unit most is kept.
fn max_categories<'c>(ctx: &Ctx<'c, '_>, pi: usize, l: &'c LimitDef, claims: &mut [Claim], steps: &mut Vec<Adjustment<'c>>) {
    let cat: &'c Catalog = ctx.cat;
    let p = cat.policy(pi);
    let max = l.max.unwrap_or(u32::MAX) as usize;
    let mut cats: Vec<&str> = Vec::new();
    for c in claims.iter().filter(|c| c.policy == pi && c.total > Decimal::ZERO) {
        let cat = p.rule[c.rule].category.as_str();
        if !cats.iter().any(|c| same(c, cat)) {
            cats.push(cat);
        }
    }
    if cats.len() <= max {
        return;
    }
    let mut best: Option<(Decimal, Vec<usize>)> = None;
    let mut pick: Vec<usize> = (0..max).collect();
    let mut trial: Vec<Decimal> = Vec::with_capacity(claims.len());
    loop {
        // Only the totals change in a trial: the claims themselves are not copied.
        trial.clear();
        trial.extend(claims.iter().map(|c| {
            let cat = p.rule[c.rule].category.as_str();
            if c.policy == pi && !pick.iter().any(|&k| same(cats[k], cat)) { Decimal::ZERO } else { c.total }
        }));
        caps(ctx, pi, claims, &mut trial, None);
        let total: Decimal = trial.iter().zip(claims.iter()).filter(|(_, c)| c.policy == pi).map(|(t, _)| *t).sum();
        if best.as_ref().is_none_or(|(t, _)| total > *t) {
            best = Some((total, pick.clone()));
        }
        if !next_subset(&mut pick, cats.len()) {
            break;
        }
    }
    let Some((_, kept)) = best else { return };
    let keep: Vec<&str> = kept.iter().map(|&k| cats[k]).collect();
    let idx: Vec<usize> = (0..claims.len()).filter(|&i| claims[i].policy == pi).collect();
    let before = sum(claims, &idx);
    for &i in &idx {
        if !keep.contains(&p.rule[claims[i].rule].category.as_str()) {
            claims[i].counted = 0;
            claims[i].recount();
        }
    }
    if !ctx.words {
        return;
    }
    let dropped: Vec<&str> = cats.iter().filter(|c| !keep.contains(c)).copied().collect();
    // Each category in the user's words (the items its rules pay for), not its data id.
    let words = |list: &[&str]| list.iter().map(|c| category_words(cat, p, c, ctx.lang)).collect::<Vec<_>>().join(if ctx.lang == Lang::Zh { "；" } else { "; " });
    let (kept, left_out) = (words(&keep), words(&dropped));
    let effect = ctx.say(
        &format!("共 {} 类，只计资助最多的 {} 类（{}），不计 {}", cats.len(), max, kept, left_out),
        &format!("of {} categories the {} paying most are kept ({}); left out: {}", cats.len(), max, kept, left_out),
    );
    let achs = idx.iter().filter(|&&i| dropped.contains(&p.rule[claims[i].rule].category.as_str())).map(|&i| claims[i].ach).collect();
    steps.push(ctx.adjustment(p, l, effect, achs, before, sum(claims, &idx)));
}

/// A category of a text in the user's words: the names of the kinds its rules pay for
/// (制修订标准; 企业标准“领跑者”、领跑者评估机构); its id where no rule names a kind. Kind ids
/// are gathered first and named once each (a text has dozens of rules, a few kinds).
fn category_words(cat: &Catalog, p: &PolicyDef, category: &str, lang: Lang) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for r in p.rule.iter().filter(|r| r.category == category) {
        for k in r.when.get("kind").map_or(&[][..], |k| k.as_slice()) {
            if !kinds.contains(&k.as_str()) {
                kinds.push(k);
            }
        }
    }
    let mut names: Vec<&str> = Vec::new();
    for name in kinds.iter().filter_map(|k| cat.kind(k)).map(|d| pick(lang, &d.name)) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if names.is_empty() {
        return category.to_string();
    }
    names.join(if lang == Lang::Zh { "、" } else { " / " })
}

/// Steps `idx` (a k-subset of 0..n, ascending) to the next subset in lexicographic
/// order; false after the last. No allocation per subset.
fn next_subset(idx: &mut [usize], n: usize) -> bool {
    let k = idx.len();
    for i in (0..k).rev() {
        if idx[i] < n - k + i {
            idx[i] += 1;
            for j in i + 1..k {
                idx[j] = idx[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

/// Annual caps, in the order the data lists them (narrower caps first). The money is
/// kept by the largest lines first: where the cap bites, the smallest lines shrink.
fn caps<'c>(ctx: &Ctx<'c, '_>, pi: usize, claims: &[Claim], totals: &mut [Decimal], mut steps: Option<&mut Vec<Adjustment<'c>>>) {
    let cat: &'c Catalog = ctx.cat;
    let p = cat.policy(pi);
    for l in p.limit.iter().filter(|l| l.ty == LimitType::AnnualCap && !Reform::limit_off(ctx.reform, &p.id, &l.id)) {
        let mut idx: Vec<usize> = (0..claims.len()).filter(|&i| totals[i] > Decimal::ZERO && ctx.selected(l, pi, &claims[i])).collect();
        let before: Decimal = idx.iter().map(|&i| totals[i]).sum();
        let raised = l.raised_when.as_ref().is_some_and(|s| idx.iter().any(|&i| selects(s, &ctx.achs[claims[i].ach], &p.rule[claims[i].rule])));
        let (field, data) = if raised { (Field::RaisedAmount, l.raised_amount) } else { (Field::Amount, l.amount) };
        let cap = if ctx.reform.is_some() { Reform::limit_figure(ctx.reform, &p.id, &l.id, field, data) } else { data }.unwrap_or(Decimal::MAX);
        if before <= cap {
            continue;
        }
        idx.sort_unstable_by(|&a, &b| totals[b].cmp(&totals[a]).then(a.cmp(&b)));
        let mut left = cap;
        for &i in &idx {
            let keep = totals[i].min(left);
            left -= keep;
            totals[i] = keep;
        }
        if let Some(steps) = steps.as_deref_mut() {
            let effect = crate::tr!(ctx.lang, format!("合计 {} 超过上限 {}，按上限计", yuan(before), yuan(cap)), format!("{} exceeds the cap of {}: capped", thousands(&yuan(before)), thousands(&yuan(cap))));
            idx.sort_unstable();
            let achs = idx.iter().map(|&i| claims[i].ach).collect();
            steps.push(ctx.adjustment(p, l, effect, achs, before, cap));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::next_subset;

    #[test]
    fn subsets_are_listed_once_in_order() {
        let mut idx = vec![0, 1];
        let mut all = vec![idx.clone()];
        while next_subset(&mut idx, 4) {
            all.push(idx.clone());
        }
        assert_eq!(all, vec![vec![0, 1], vec![0, 2], vec![0, 3], vec![1, 2], vec![1, 3], vec![2, 3]]);
        let mut one = vec![0];
        assert!(next_subset(&mut one, 2) && one == [1] && !next_subset(&mut one, 2));
    }
}
