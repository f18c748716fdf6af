//! What to add next: every achievement the region's texts in force pay for, one more
//! item of each distinct paying combination, worth exactly what the engine adds to the
//! unit's total with it (after caps, count limits, highest-only, categories), and why
//! that differs from the listed amount. Written for size as much as speed: it lives in
//! the module every visitor downloads (docs/performance.md).

use super::limits::group_key;
use super::pricing::{aliased, completions, price, rule_matches, selects, Pricing};
use super::limits::Claim;
use super::{claims, totals_of, upper_bound, Claims};
use crate::date::Date;
use crate::model::advice::{Advice, Candidate, NeedsInput, Reason, Room};
#[cfg(not(target_arch = "wasm32"))]
use crate::model::advice::Elsewhere;
use crate::model::result::Adjustment;
use crate::model::{pick, thousands, yuan, Achievement, FieldValue, Lang, Request};
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
    let policy_ids: Vec<usize> = cat.policies_on(region, as_of).map(|(i, _)| i).collect();
    // The request's own claims, once: its total, and the room it leaves.
    let Claims { claims: given, .. } = claims(cat, None, ri, &policy_ids, &achs, as_of, lang, false, None);
    let base_total: Decimal = given.iter().map(|c| c.total).sum();
    let room = room(cat, &policy_ids, &achs, &given, lang);
    let new = achs.len();
    let mut worth: Vec<(Decimal, Decimal, usize)> = Vec::with_capacity(options.len());
    for (i, o) in options.iter().enumerate() {
        achs.push(Cow::Borrowed(&o.ach));
        worth.push((totals_of(cat, None, ri, &achs, as_of, None).total - base_total, o.unit, i));
        achs.pop();
    }
    // The most it adds first; then the most listed; then the data's order.
    worth.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    // The steps without the candidate: computed once, where a reason is asked for.
    let mut before: Option<Vec<Adjustment>> = None;
    let mut candidates = Vec::with_capacity(worth.len());
    for (marginal, unit, i) in worth {
        let o = &options[i];
        let mut reasons = Vec::new();
        if marginal != unit {
            let before = before.get_or_insert_with(|| adjustments(cat, ri, &policy_ids, &achs, as_of, lang));
            achs.push(Cow::Borrowed(&o.ach));
            reasons = self::reasons(&adjustments(cat, ri, &policy_ids, &achs, as_of, lang), before, new, &room, lang);
            achs.pop();
        }
        let p = cat.policy(o.policy);
        let rule = &p.rule[o.rule];
        candidates.push(Candidate {
            achievement: o.ach.clone(),
            label: label(cat, &o.ach, lang),
            marginal_yuan: yuan(marginal),
            listed_yuan: yuan(unit),
            basis: o.basis,
            policy: &p.id,
            rule: &rule.id,
            clause: &rule.clause,
            quote: &rule.quote,
            reasons,
            regions: None,
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    if across {
        elsewhere(cat, req, as_of, &mut candidates);
    }
    #[cfg(target_arch = "wasm32")]
    let _ = across;
    Advice { region: &region.id, region_name: &region.name, as_of: as_of.to_string(), total_yuan: yuan(base_total), total_is_upper_bound: upper_bound(&given), candidates, room, needs_input }
}

/// Every distinct item the region's texts in force on `as_of` pay for: each rule's
/// `when` completed in every way it accepts (a field it lists several values for gives
/// one item per value), other fields opened as [`open_fields`] says, and of the items
/// one rule yields, one per distinct paying rule and amount. Items a rule pays as a
/// share of a cost not given go to `needs_input`.
fn options<'a>(cat: &'a Catalog, ri: usize, as_of: Date, lang: Lang) -> (Vec<Option_>, Vec<NeedsInput<'a>>) {
    let (mut found, mut needs): (Vec<Option_>, Vec<NeedsInput>) = (Vec::new(), Vec::new());
    for (_, p) in cat.policies_on(&cat.head.regions[ri], as_of) {
        for rule in &p.rule {
            for kind in rule.when.get("kind").map_or(&[][..], |k| k.as_slice()).iter().filter_map(|k| cat.kind(k)) {
                let blank = Achievement { kind: kind.id.clone(), count: 1, fields: Default::default() };
                let mut seen: Vec<(usize, usize, Decimal)> = Vec::new();
                for (a, _) in completions(cat, rule, &blank) {
                    for x in open_fields(cat, ri, kind, a) {
                        if found.iter().any(|f| f.ach == x) || needs.iter().any(|n| n.achievement == x) {
                            continue;
                        }
                        match price(cat, None, ri, &x, as_of, lang, false) {
                            // Paid only by assuming a detail it leaves out: not this item.
                            Pricing::Paid(q) if !rule_matches(&cat.policy(q.policy).rule[q.rule], &x) || seen.contains(&(q.policy, q.rule, q.unit)) => {}
                            Pricing::Paid(q) => {
                                seen.push((q.policy, q.rule, q.unit));
                                found.push(Option_ { ach: x, policy: q.policy, rule: q.rule, unit: q.unit, basis: q.basis });
                            }
                            Pricing::Unpaid(_) if rule.of_field.is_some() => {
                                // Said in the user's words: which input the amount is a share of.
                                let Pricing::Unpaid(why) = price(cat, None, ri, &x, as_of, lang, true) else { continue };
                                needs.push(NeedsInput { label: label(cat, &x, lang), policy: &p.id, rule: &rule.id, clause: &rule.clause, quote: &rule.quote, reason: why.text, achievement: x });
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
    let mut out = vec![a];
    for f in kind.field.iter().chain(&cat.head.kinds.common_field) {
        if out[0].fields.get(&f.name).is_some() || !(f.required || cat.rules_for(ri, &kind.id).any(|(_, _, r)| r.when.get(&f.name).is_some())) {
            continue;
        }
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
        let mut next = Vec::with_capacity(out.len() * values.len());
        for x in &out {
            for v in &values {
                let mut y = x.clone();
                if let Some(v) = v {
                    y.fields.set(f.name.clone(), v.clone());
                }
                next.push(y);
            }
        }
        out = next;
    }
    out.sort_by_cached_key(|x| x.fields.len());
    out
}

/// The explained combination steps of these achievements (the amounts are not needed).
fn adjustments<'c>(cat: &'c Catalog, ri: usize, policy_ids: &[usize], achs: &[Cow<Achievement>], as_of: Date, lang: Lang) -> Vec<Adjustment<'c>> {
    let Claims { adjustments, .. } = claims(cat, None, ri, policy_ids, achs, as_of, lang, true, None);
    adjustments
}

/// The steps that make the candidate (achievement `new`) worth other than its listed
/// amount: those that touch it, and those it changed for the items already there (a
/// category displaced). A cap's step says how much room was left.
fn reasons<'c>(after: &[Adjustment<'c>], before: &[Adjustment<'c>], new: usize, room: &[Room<'c>], lang: Lang) -> Vec<Reason<'c>> {
    let (sep, semi) = if lang == Lang::Zh { ("：", "；") } else { (": ", "; ") };
    let mut out = Vec::new();
    for a in after {
        if !a.achievements.contains(&new) && before.iter().any(|b| b.limit == a.limit && b.policy == a.policy && b.achievements == a.achievements && b.after_yuan == a.after_yuan) {
            continue;
        }
        // Each reason names its rule first (a region may have several caps of one
        // amount), then the room the request left under it, then what the candidate
        // does; where the candidate raises a cap (Beijing's 100 万 with an
        // international standard), the new cap too.
        let mut text = [a.rule, sep, ""].concat();
        if let Some(r) = room.iter().find(|r| r.policy == a.policy && r.limit == a.limit) {
            text += &r.summary;
            text += semi;
            if r.ty == LimitType::AnnualCap && r.max != a.after_yuan {
                text += &crate::tr!(lang, format!("加上此项后上限为 {} 元", a.after_yuan), format!("with this item the cap is {} yuan", thousands(&a.after_yuan)));
                text += semi;
            }
        }
        text += &a.effect;
        out.push(Reason { text, limit: a.limit, clause: a.clause, quote: a.quote });
    }
    out
}

/// The annual caps and count limits of the texts in force, with what the request's
/// achievements already use of them.
fn room<'c>(cat: &'c Catalog, policy_ids: &[usize], achs: &[Cow<Achievement>], claims: &[Claim], lang: Lang) -> Vec<Room<'c>> {
    let mut out = Vec::new();
    for &pi in policy_ids {
        let p = cat.policy(pi);
        for l in &p.limit {
            let unit = match l.ty {
                LimitType::AnnualCap => 0,
                LimitType::MaxCount => 1,
                LimitType::MaxCategories => 2,
                LimitType::SeriesAsOne | LimitType::HighestOnly | LimitType::PriorLevel => continue,
            };
            // One pass over the text's paid claims: money under the limit, whether one
            // raises the cap, the categories paid, and the items of each class (the
            // values of `group_by`, as the limit groups them: several entries of one
            // class fill it together).
            let (mut money, mut raised, mut cats, mut classes) = (Decimal::ZERO, false, Vec::new(), Vec::<(Option<Vec<&str>>, u32)>::new());
            for c in claims.iter().filter(|c| c.policy == pi && c.total > Decimal::ZERO) {
                let (a, r) = (&achs[c.ach], &p.rule[c.rule]);
                if !cats.contains(&r.category) {
                    cats.push(r.category.clone());
                }
                if selects(&l.select, a, r) {
                    money += c.total;
                    raised |= l.raised_when.as_ref().is_some_and(|s| selects(s, a, r));
                    // The limit's own grouping (`group_key`, as `max_count` reads it): an
                    // entry it cannot place in a class stands alone.
                    let key = group_key(l, a);
                    match classes.iter_mut().find(|(k, _)| key.is_some() && *k == key) {
                        Some((_, n)) => *n += c.counted,
                        None => classes.push((key, c.counted)),
                    }
                }
            }
            let items = classes.iter().map(|(_, n)| *n).max().unwrap_or(0).min(l.max.unwrap_or(u32::MAX));
            let (max, used) = match unit {
                0 => match if raised { l.raised_amount } else { l.amount } {
                    Some(cap) => (cap, money),
                    None => continue,
                },
                1 => (l.max.unwrap_or(0).into(), items.into()),
                _ => (l.max.unwrap_or(0).into(), cats.len().into()),
            };
            let (max, used, left) = (yuan(max), yuan(used), yuan((max - used).max(Decimal::ZERO)));
            let u = [[" 元", " 项", " 类"], [" yuan", " items", " categories"]][lang as usize][unit];
            let summary = crate::tr!(
                lang,
                format!("上限 {max}{u}，已用 {used}{u}，尚余 {left}{u}"),
                format!("{} of {}{u} left ({} used)", thousands(&left), thousands(&max), thousands(&used))
            );
            out.push(Room { policy: &p.id, limit: &l.id, ty: l.ty, unit: ["yuan", "items", "categories"][unit], text: pick(lang, &l.text), summary, clause: &l.clause, quote: &l.quote, max, used, left });
        }
    }
    out
}

/// Each candidate added to the same request in every region, the most first.
/// Native only: the page prices the same through `batchLines` (pkg/index.js), which the
/// module has anyway, so the across view costs the download nothing.
#[cfg(not(target_arch = "wasm32"))]
fn elsewhere<'a>(cat: &'a Catalog, req: &Request, as_of: Date, candidates: &mut [Candidate<'a>]) {
    let mut all: Vec<Vec<(Decimal, Elsewhere<'a>)>> = candidates.iter().map(|_| Vec::new()).collect();
    for (ri, region) in cat.head.regions.iter().enumerate() {
        let mut achs: Vec<Cow<Achievement>> = req.achievements.iter().map(|a| aliased(region, a)).collect();
        let base = totals_of(cat, None, ri, &achs, as_of, None).total;
        for (c, list) in candidates.iter().zip(all.iter_mut()) {
            achs.push(aliased(region, &c.achievement));
            let with = totals_of(cat, None, ri, &achs, as_of, None);
            achs.pop();
            list.push((with.total - base, Elsewhere { region: &region.id, region_name: &region.name, marginal_yuan: String::new(), total_is_upper_bound: with.upper_bound }));
        }
    }
    for (c, mut list) in candidates.iter_mut().zip(all) {
        list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.region.cmp(b.1.region)));
        c.regions = Some(list.into_iter().map(|(m, e)| Elsewhere { marginal_yuan: yuan(m), ..e }).collect());
    }
}

/// The item in words: its kind and each value given, "制修订标准 · 国家标准 · 制定 · 主导".
fn label(cat: &Catalog, a: &Achievement, lang: Lang) -> String {
    let Some(kind) = cat.kind(&a.kind) else { return a.kind.to_string() };
    let mut out = pick(lang, &kind.name).to_string();
    for (name, v) in a.fields.iter() {
        out += " · ";
        match v {
            FieldValue::Enum(e) => out += cat.head.kinds.values.get(name).and_then(|m| m.get(e)).map_or(e.as_str(), |t| pick(lang, t)),
            FieldValue::Bool(b) => {
                out += cat.field(kind, name).map_or(name.as_str(), |f| pick(lang, &f.doc));
                out += [["：否", "：是"], [": no", ": yes"]][lang as usize][*b as usize];
            }
            _ => out += name,
        }
    }
    out
}
