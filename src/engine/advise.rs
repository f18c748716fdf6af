//! What to add next: every achievement the region's texts in force pay for, one more
//! item of each distinct paying combination, worth exactly what the engine adds to the
//! unit's total with it (after caps, count limits, highest-only, categories), and why
//! that differs from the listed amount.

use super::pricing::{aliased, completions, price, rule_matches, selects, Pricing};
use super::{claims, totals_of, Claims};
use crate::date::Date;
use crate::model::advice::{Advice, Candidate, Elsewhere, NeedsInput, Reason, Room};
use crate::model::result::Adjustment;
use crate::model::{pick, yuan, Achievement, FieldValue, Lang, Request};
use crate::policy::schema::{Basis, FieldType, KindDef, LimitType};
use crate::policy::Catalog;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// An item the region pays for, as priced on its own.
struct Option_ {
    ach: Achievement,
    policy: usize,
    rule: usize,
    unit: Decimal,
    basis: Basis,
}

/// The advice for one region (`region_id` known: the request parser checks). With
/// `across`, each candidate is also priced in every region.
pub fn advise<'a>(cat: &'a Catalog, region_id: &str, req: &Request, today: Date, across: bool) -> Advice<'a> {
    let lang = req.lang;
    let as_of = req.as_of.unwrap_or(today);
    let (ri, region) = cat.region(region_id).expect("region id checked by the request parser");
    let (options, needs_input) = options(cat, ri, as_of, lang);
    let mut achs: Vec<Cow<Achievement>> = req.achievements.iter().map(|a| aliased(region, a)).collect();
    let base = totals_of(cat, None, ri, &achs, as_of);
    let policy_ids: Vec<usize> = cat.policies_on(region, as_of).map(|(i, _)| i).collect();
    let room = room(cat, ri, &policy_ids, &achs, as_of, lang);
    // The explained estimate without the candidate: only where a reason is asked for.
    let mut explained: Option<Vec<Adjustment>> = None;
    let mut candidates: Vec<(usize, Candidate<'a>)> = Vec::with_capacity(options.len());
    for (order, o) in options.into_iter().enumerate() {
        achs.push(Cow::Owned(o.ach));
        let with = totals_of(cat, None, ri, &achs, as_of);
        let marginal = with.total - base.total;
        let reasons = if marginal == o.unit {
            Vec::new()
        } else {
            let before = explained.get_or_insert_with(|| adjustments(cat, ri, &policy_ids, &achs[..achs.len() - 1], as_of, lang));
            let after = adjustments(cat, ri, &policy_ids, &achs, as_of, lang);
            reasons(&after, before, achs.len() - 1, &room, lang)
        };
        let Some(ach) = achs.pop().map(Cow::into_owned) else { continue };
        let p = cat.policy(o.policy);
        let rule = &p.rule[o.rule];
        candidates.push((
            order,
            Candidate {
                label: label(cat, &ach, lang),
                marginal_yuan: yuan(marginal),
                listed_yuan: yuan(o.unit),
                basis: o.basis,
                policy: &p.id,
                rule: &rule.id,
                clause: &rule.clause,
                quote: &rule.quote,
                reasons,
                regions: None,
                achievement: ach,
            },
        ));
    }
    // The most it adds first; then the most listed; then the data's order.
    let worth = |c: &Candidate| (crate::model::plain_decimal(&c.marginal_yuan).unwrap_or_default(), crate::model::plain_decimal(&c.listed_yuan).unwrap_or_default());
    candidates.sort_by(|(i, a), (j, b)| worth(b).cmp(&worth(a)).then(i.cmp(j)));
    let mut candidates: Vec<Candidate<'a>> = candidates.into_iter().map(|(_, c)| c).collect();
    if across {
        elsewhere(cat, req, as_of, &mut candidates);
    }
    Advice {
        region: &region.id,
        region_name: &region.name,
        as_of: as_of.to_string(),
        total_yuan: yuan(base.total),
        total_is_upper_bound: base.upper_bound,
        candidates,
        room,
        needs_input,
    }
}

/// Every distinct item the region's texts in force on `as_of` pay for: each rule's
/// `when` completed in every way it accepts (a field it lists several values for gives
/// one item per value), required fields it leaves open set to each of their values,
/// and of the items one rule yields, one per distinct paying rule and amount. Items a
/// rule pays as a share of a cost not given go to `needs_input`.
fn options<'a>(cat: &'a Catalog, ri: usize, as_of: Date, lang: Lang) -> (Vec<Option_>, Vec<NeedsInput<'a>>) {
    let region = &cat.head.regions[ri];
    let (mut found, mut needs): (Vec<Option_>, Vec<NeedsInput>) = (Vec::new(), Vec::new());
    for (_, p) in cat.policies_on(region, as_of) {
        for rule in &p.rule {
            for kind_id in rule.when.get("kind").map(|k| k.as_slice()).unwrap_or(&[]) {
                let Some(kind) = cat.kind(kind_id) else { continue };
                let blank = Achievement { kind: kind.id.clone(), count: 1, fields: Default::default() };
                let mut seen: Vec<(usize, usize, Decimal)> = Vec::new();
                for (a, _) in completions(cat, rule, &blank) {
                    for x in open_fields(cat, ri, kind, a) {
                        match price(cat, None, ri, &x, as_of, lang, false) {
                            // Paid only by assuming a detail it leaves out: not this item.
                            Pricing::Paid(q) if !rule_matches(&cat.policy(q.policy).rule[q.rule], &x) => {}
                            Pricing::Paid(q) => {
                                let key = (q.policy, q.rule, q.unit);
                                if !seen.contains(&key) && !found.iter().any(|f| f.ach == x) {
                                    seen.push(key);
                                    found.push(Option_ { ach: x, policy: q.policy, rule: q.rule, unit: q.unit, basis: q.basis });
                                }
                            }
                            Pricing::Unpaid(_) if rule.of_field.is_some() && !needs.iter().any(|n| n.achievement == x) => {
                                // Said in the user's words: which input the amount is a share of.
                                let why = match price(cat, None, ri, &x, as_of, lang, true) {
                                    Pricing::Unpaid(r) => r.text,
                                    Pricing::Paid(_) => String::new(),
                                };
                                needs.push(NeedsInput { label: label(cat, &x, lang), policy: &p.id, rule: &rule.id, clause: &rule.clause, quote: &rule.quote, reason: why, achievement: x });
                            }
                            Pricing::Unpaid(_) => {}
                        }
                    }
                }
            }
        }
    }
    (found, needs)
}

/// `a` with each field it leaves out set to each of its values, where the field is
/// required (the request parser refuses an item without it), or, also left out, where
/// another rule of the region matches on it (the pilot that is not 跨部门 is its own
/// item, paid by its own rule). Fewest fields first: of variants one rule pays alike,
/// the plainest is kept.
fn open_fields(cat: &Catalog, ri: usize, kind: &KindDef, a: Achievement) -> Vec<Achievement> {
    let matched_on = |name: &str| cat.rules_for(ri, &kind.id).any(|(_, _, r)| r.when.get(name).is_some());
    let open: Vec<_> = kind.field.iter().chain(&cat.head.kinds.common_field).filter(|f| a.fields.get(&f.name).is_none() && (f.required || matched_on(&f.name))).collect();
    let mut out = vec![a];
    for f in open {
        let mut values: Vec<Option<FieldValue>> = match f.ty {
            FieldType::Enum => f.values.iter().map(|v| Some(FieldValue::Enum(v.clone()))).collect(),
            FieldType::Bool => vec![Some(FieldValue::Bool(true)), Some(FieldValue::Bool(false))],
            // A required number or text cannot be chosen for the user: no such item.
            _ if f.required => return Vec::new(),
            _ => continue,
        };
        if !f.required {
            values.insert(0, None);
        }
        out = out
            .into_iter()
            .flat_map(|x| {
                values.iter().map(move |v| {
                    let mut x = x.clone();
                    if let Some(v) = v {
                        x.fields.set(f.name.clone(), v.clone());
                    }
                    x
                })
            })
            .collect();
    }
    out.sort_by_key(|x| x.fields.iter().count());
    out
}

/// The explained combination steps of these achievements (the amounts are not needed).
fn adjustments<'c>(cat: &'c Catalog, ri: usize, policy_ids: &[usize], achs: &[Cow<Achievement>], as_of: Date, lang: Lang) -> Vec<Adjustment<'c>> {
    let Claims { adjustments, .. } = claims(cat, None, ri, policy_ids, achs, as_of, lang, true);
    adjustments
}

/// The steps that make the candidate (achievement `new`) worth other than its listed
/// amount: those that touch it, and those it changed for the items already there (a
/// category displaced). A cap's step says how much room was left.
fn reasons<'c>(after: &[Adjustment<'c>], before: &[Adjustment<'c>], new: usize, room: &[Room<'c>], lang: Lang) -> Vec<Reason<'c>> {
    let same = |a: &Adjustment, b: &Adjustment| a.policy == b.policy && a.limit == b.limit && a.achievements == b.achievements && a.after_yuan == b.after_yuan;
    after
        .iter()
        .filter(|a| a.achievements.contains(&new) || !before.iter().any(|b| same(a, b)))
        .map(|a| {
            // The room the request left under this cap; where the candidate raises the
            // cap (Beijing's 100 万 with an international standard), the new cap too.
            let room = room.iter().find(|r| r.policy == a.policy && r.limit == a.limit && r.cap_yuan.is_some());
            let (sep, semi) = if lang == Lang::Zh { ("：", "；") } else { (": ", "; ") };
            // Each reason names its rule first (a region may have several caps of one
            // amount), then the room, then what the candidate does to it.
            let text = match room {
                Some(r) if r.cap_yuan.as_deref() == Some(a.after_yuan.as_str()) => [a.rule, sep, &r.summary, semi, &a.effect].concat(),
                Some(r) => {
                    let raised = crate::tr!(lang, format!("加上此项后上限为 {} 元", a.after_yuan), format!("with this item the cap is {} yuan", a.after_yuan));
                    [a.rule, sep, &r.summary, semi, &raised, semi, &a.effect].concat()
                }
                None => [a.rule, sep, &a.effect].concat(),
            };
            Reason { text, policy: a.policy, limit: a.limit, clause: a.clause, quote: a.quote }
        })
        .collect()
}

/// The annual caps and count limits of the texts in force, with what the request's
/// achievements already use of them.
fn room<'c>(cat: &'c Catalog, ri: usize, policy_ids: &[usize], achs: &[Cow<Achievement>], as_of: Date, lang: Lang) -> Vec<Room<'c>> {
    let Claims { claims, .. } = claims(cat, None, ri, policy_ids, achs, as_of, lang, false);
    let mut out = Vec::new();
    for &pi in policy_ids {
        let p = cat.policy(pi);
        for l in &p.limit {
            let mine = || claims.iter().filter(|c| c.policy == pi && selects(&l.select, &achs[c.ach], &p.rule[c.rule]));
            let base = |summary: String| Room {
                policy: &p.id,
                limit: &l.id,
                ty: l.ty,
                text: pick(lang, &l.text),
                summary,
                clause: &l.clause,
                quote: &l.quote,
                cap_yuan: None,
                used_yuan: None,
                left_yuan: None,
                max: None,
                used: None,
                left: None,
            };
            match l.ty {
                LimitType::AnnualCap => {
                    let raised = l.raised_when.as_ref().is_some_and(|s| mine().any(|c| selects(s, &achs[c.ach], &p.rule[c.rule])));
                    let Some(cap) = (if raised { l.raised_amount } else { l.amount }) else { continue };
                    let used: Decimal = mine().map(|c| c.total).sum();
                    let left = (cap - used).max(Decimal::ZERO);
                    let (c, u, f) = (yuan(cap), yuan(used), yuan(left));
                    let summary = crate::tr!(lang, format!("年度上限 {c} 元，已用 {u} 元，尚余 {f} 元"), format!("annual cap: {f} of {c} yuan left ({u} used)"));
                    out.push(Room { cap_yuan: Some(c), used_yuan: Some(u), left_yuan: Some(f), ..base(summary) });
                }
                LimitType::MaxCategories => {
                    let mut cats: Vec<&str> = claims.iter().filter(|c| c.policy == pi && c.total > Decimal::ZERO).map(|c| p.rule[c.rule].category.as_str()).collect();
                    cats.sort_unstable();
                    cats.dedup();
                    let (max, used) = (l.max.unwrap_or(u32::MAX), cats.len() as u32);
                    let left = max.saturating_sub(used);
                    let summary = crate::tr!(lang, format!("最多 {max} 类，已有 {used} 类，尚可 {left} 类"), format!("at most {max} categories: {used} used, {left} left"));
                    out.push(Room { max: Some(max), used: Some(used), left: Some(left), ..base(summary) });
                }
                LimitType::MaxCount => {
                    let max = l.max.unwrap_or(u32::MAX);
                    // Items are counted per class (the values of `group_by`, as the limit
                    // groups them): several entries of one class fill it together.
                    let mut classes: Vec<(Vec<String>, u32)> = Vec::new();
                    for c in mine().filter(|c| c.counted > 0) {
                        let a = &achs[c.ach];
                        let key: Vec<String> = l.group_by.iter().map(|f| a.matched(f).or(a.text(f)).map_or_else(|| format!("#{}", c.ach), str::to_string)).collect();
                        match classes.iter_mut().find(|(k, _)| *k == key) {
                            Some((_, n)) => *n += c.counted,
                            None => classes.push((key, c.counted)),
                        }
                    }
                    let used = classes.iter().map(|(_, n)| *n).max().unwrap_or(0).min(max);
                    let left = max.saturating_sub(used);
                    let summary = if l.group_by.is_empty() {
                        crate::tr!(lang, format!("最多 {max} 项，已有 {used} 项，尚可 {left} 项"), format!("at most {max} items: {used} used, {left} left"))
                    } else {
                        crate::tr!(lang, format!("每类最多 {max} 项，最多的一类已有 {used} 项，尚可 {left} 项"), format!("at most {max} items per class: the fullest class has {used}, {left} left"))
                    };
                    out.push(Room { max: Some(max), used: Some(used), left: Some(left), ..base(summary) });
                }
                LimitType::SeriesAsOne | LimitType::HighestOnly | LimitType::PriorLevel => {}
            }
        }
    }
    out
}

/// Each candidate added to the same request in every region, the most it adds first.
fn elsewhere<'a>(cat: &'a Catalog, req: &Request, as_of: Date, candidates: &mut [Candidate<'a>]) {
    for (ri, region) in cat.head.regions.iter().enumerate() {
        let mut achs: Vec<Cow<Achievement>> = req.achievements.iter().map(|a| aliased(region, a)).collect();
        let base = totals_of(cat, None, ri, &achs, as_of);
        for c in candidates.iter_mut() {
            achs.push(aliased(region, &c.achievement));
            let with = totals_of(cat, None, ri, &achs, as_of);
            achs.pop();
            c.regions.get_or_insert_with(Vec::new).push(Elsewhere { region: &region.id, region_name: &region.name, marginal_yuan: yuan(with.total - base.total), total_is_upper_bound: with.upper_bound });
        }
    }
    for c in candidates.iter_mut() {
        if let Some(list) = c.regions.as_mut() {
            list.sort_by_cached_key(|e| (std::cmp::Reverse(crate::model::plain_decimal(&e.marginal_yuan).unwrap_or_default()), e.region));
        }
    }
}

/// The item in words: its kind and each value given, "制修订标准 · 国家标准 · 制定 · 主导".
fn label(cat: &Catalog, a: &Achievement, lang: Lang) -> String {
    let Some(kind) = cat.kind(&a.kind) else { return a.kind.to_string() };
    let values = &cat.head.kinds.values;
    let mut parts = vec![pick(lang, &kind.name).to_string()];
    for (name, v) in a.fields.iter() {
        let field = || cat.field(kind, name).map_or(name.as_str(), |f| pick(lang, &f.doc));
        parts.push(match v {
            FieldValue::Enum(e) => values.get(name.as_str()).and_then(|m| m.get(e.as_str())).map_or(e.to_string(), |t| pick(lang, t).to_string()),
            FieldValue::Bool(b) => crate::tr!(lang, format!("{}：{}", field(), if *b { "是" } else { "否" }), format!("{}: {}", field(), if *b { "yes" } else { "no" })),
            other => format!("{}: {other:?}", field()),
        });
    }
    parts.join(" · ")
}
