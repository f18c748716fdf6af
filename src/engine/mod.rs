//! The engine: a checked request and a region in, the estimate out.

pub mod advise;
pub mod checklist;
pub mod eligibility;
pub mod explain;
pub mod limits;
pub mod lookup;
#[cfg(not(target_arch = "wasm32"))]
pub mod memo;
pub mod periods;
pub mod pricing;
pub mod reform;
pub mod sme;

use crate::date::Date;
use crate::model::result::{Benefit, EstimateResult, Line, PolicyStatus, Status, Unmatched, WindowStatus};
use crate::model::{pick, say, yuan, Achievement, Lang, Reform, Request};
use std::borrow::Cow;
use crate::policy::schema::{Basis, PolicyDef, VersionDef};
use crate::policy::{version_applies, Catalog};
use limits::{Claim, Ctx};
use pricing::{aliased, price, selects, Pricing, Reason};
use crate::model::result::Adjustment;
use rust_decimal::Decimal;

#[cfg(not(target_arch = "wasm32"))]
pub use memo::Prices;
/// No memo in the wasm module (it prices one request a call): a type with no value.
#[cfg(target_arch = "wasm32")]
pub enum Prices {}

/// A policy's status on a day, from the dates written in (or derived from) its text:
/// its first day in force (its issue date where no other is written) and its last.
pub fn status(p: &PolicyDef, on: Date) -> Status {
    let effective = Date::parse(p.effective.as_deref().unwrap_or(&p.issued));
    match (effective, p.expires.as_deref().and_then(Date::parse)) {
        (Some(e), _) if on < e => Status::NotYetEffective,
        (_, Some(x)) if on > x => Status::Expired,
        (_, Some(_)) => Status::InForce,
        (_, None) => Status::NoExpiry,
    }
}

pub fn policy_status<'a>(cat: &'a Catalog, pi: usize, on: Date, lang: Lang) -> PolicyStatus<'a> {
    let p = cat.policy(pi);
    let replaced = cat.region(&p.region).is_some_and(|(_, r)| r.versions.iter().any(|v| v.old == p.id) && !version_applies(r, &p.id, on));
    PolicyStatus {
        id: &p.id,
        title: pick(lang, &p.title),
        source: &p.source,
        status: if replaced { Status::Superseded } else { status(p, on) },
        issued: &p.issued,
        effective: p.effective.as_deref(),
        expires: p.expires.as_deref(),
        pays: !p.rule.is_empty(),
        dates_note: p.validity.note.as_ref().map(|n| pick(lang, n)),
        no_deadline: p.deadline.is_empty().then(|| periods::no_deadline(lang)),
        windows: Vec::new(),
        deadlines: Vec::new(),
    }
}

fn validity_warning(p: &PolicyDef, s: &PolicyStatus, on: Date, lang: Lang) -> Option<String> {
    let title = pick(lang, &p.title);
    let from = s.effective.unwrap_or(s.issued);
    let to = s.expires.unwrap_or("—");
    let cite = format!("{}：“{}”", p.validity.clause, p.validity.quote);
    match s.status {
        Status::Expired => Some(say(
            lang,
            &format!("《{title}》已于 {to} 失效（有效期 {from} 至 {to}；{cite}），按 {on} 判断；金额仍按其条文计算，仅供参考。"),
            &format!("“{title}” expired on {to} (in force {from} to {to}; {cite}), judged on {on}; its amounts are still computed, for reference only."),
        )),
        Status::NotYetEffective => Some(say(
            lang,
            &format!("《{title}》自 {from} 起施行，{on} 尚未生效（{cite}）；金额按其条文计算。"),
            &format!("“{title}” takes effect on {from}, not yet in force on {on} ({cite}); amounts computed from its text."),
        )),
        _ => None,
    }
}

/// Where a region has two versions of a text: which one this estimate follows, and
/// since or until when.
fn version_warning(cat: &Catalog, v: &VersionDef, on: Date, lang: Lang) -> Option<String> {
    let (old, new) = (cat.policy_by_id(&v.old)?, cat.policy_by_id(&v.new)?);
    let s = new.supersedes.as_ref()?;
    let (old_t, new_t) = (pick(lang, &old.title), pick(lang, &new.title));
    let cite = format!("{}：“{}”", s.clause, s.quote);
    Some(if on < Date::parse(&v.from)? {
        say(
            lang,
            &format!("按 {on} 适用《{old_t}》；自 {} 起由新版本《{new_t}》取代（{cite}），此后的金额可能不同。", v.from),
            &format!("On {on} “{old_t}” applies; from {} it is replaced by a newer version, “{new_t}” ({cite}), whose amounts may differ.", v.from),
        )
    } else {
        say(
            lang,
            &format!("按 {on} 适用《{new_t}》，它自 {} 起取代《{old_t}》（{cite}）；此前的事项按旧版本计算。", v.from),
            &format!("On {on} “{new_t}” applies: it replaced “{old_t}” from {} ({cite}); earlier days follow the old version.", v.from),
        )
    })
}

/// What the explained estimate and the batch's totals share, so that both follow the
/// same rules: each achievement priced (or the reason it is not), then every limit of
/// the texts in force applied. Without `words` no text is built, only amounts.
struct Claims<'c> {
    claims: Vec<Claim<'c>>,
    unmatched: Vec<(usize, Reason<'c>)>,
    adjustments: Vec<Adjustment<'c>>,
    /// Before any limit (an upgrade's difference lowers a unit amount); with `words` only.
    gross: Decimal,
}

#[allow(clippy::too_many_arguments)]
fn claims<'c>(cat: &'c Catalog, reform: Option<&Reform>, ri: usize, policy_ids: &[usize], achs: &[Cow<Achievement>], as_of: Date, lang: Lang, words: bool, mut memo: Option<&mut Prices>) -> Claims<'c> {
    let mut claims = Vec::with_capacity(achs.len());
    let mut unmatched = Vec::new();
    for (i, a) in achs.iter().enumerate() {
        let pricing = match memo.as_deref_mut() {
            #[cfg(not(target_arch = "wasm32"))]
            Some(m) if !words => memo::pricing(m.price(cat, reform, ri, a, as_of)),
            _ => price(cat, reform, ri, a, as_of, lang, words),
        };
        match pricing {
            Pricing::Paid(p) => claims.push(Claim {
                ach: i,
                policy: p.policy,
                rule: p.rule,
                unit: p.unit,
                basis: p.basis,
                claimed: a.count,
                counted: a.count,
                total: Decimal::ZERO,
                formula: p.formula,
                notes: p.notes,
            }),
            Pricing::Unpaid(r) => unmatched.push((i, r)),
        }
    }
    // Only the explained estimate shows it.
    let gross = if words { claims.iter().map(|c| c.unit * Decimal::from(c.claimed)).sum() } else { Decimal::ZERO };
    let ctx = Ctx { cat, achs, lang, reform, words };
    let adjustments = limits::apply(&ctx, policy_ids, &mut claims);
    Claims { claims, unmatched, adjustments, gross }
}

/// A unit's totals only (the batch's default): the same pricing and limits as
/// [`estimate`], no text. `per_policy`: each paying text in force, in the region's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub total: Decimal,
    pub upper_bound: bool,
    pub per_policy: Vec<(usize, Decimal)>,
}

pub fn totals(cat: &Catalog, region_id: &str, req: &Request, today: Date, reform: Option<&Reform>) -> Totals {
    let (ri, _) = cat.region(region_id).expect("region id checked by the request parser");
    totals_with(cat, ri, req, today, reform, None)
}

/// [`totals`] in region `ri` (by index), each achievement's price looked up in `memo`
/// where it was asked before (a batch's thread keeps one).
pub fn totals_with(cat: &Catalog, ri: usize, req: &Request, today: Date, reform: Option<&Reform>, memo: Option<&mut Prices>) -> Totals {
    let region = &cat.head.regions[ri];
    let achs: Vec<Cow<Achievement>> = req.achievements.iter().map(|a| aliased(region, a)).collect();
    totals_of(cat, reform, ri, &achs, req.as_of.unwrap_or(today), memo)
}

/// [`totals`] of achievements already read as the region reads them (`aliased`).
fn totals_of(cat: &Catalog, reform: Option<&Reform>, ri: usize, achs: &[Cow<Achievement>], as_of: Date, memo: Option<&mut Prices>) -> Totals {
    let policy_ids: Vec<usize> = cat.policies_on(&cat.head.regions[ri], as_of).map(|(i, _)| i).collect();
    let Claims { claims, .. } = claims(cat, reform, ri, &policy_ids, achs, as_of, Lang::Zh, false, memo);
    let per_policy = policy_ids
        .iter()
        .filter(|&&pi| !cat.policy(pi).rule.is_empty())
        .map(|&pi| (pi, claims.iter().filter(|c| c.policy == pi).map(|c| c.total).sum()))
        .collect();
    Totals { total: claims.iter().map(|c| c.total).sum(), upper_bound: upper_bound(&claims), per_policy }
}

/// A total is a ceiling when a line paid is one ("up to", or a detail assumed).
fn upper_bound(claims: &[Claim]) -> bool {
    claims.iter().any(|c| c.basis == Basis::Cap && c.total > Decimal::ZERO)
}

/// The estimate for one region. `region` must be a known id (the request parser checks).
/// With a reform, the reform's figures, and what each line would be without it.
pub fn estimate<'a>(cat: &'a Catalog, region_id: &str, req: &Request, today: Date, reform: Option<&Reform>) -> EstimateResult<'a> {
    let lang = req.lang;
    let as_of = req.as_of.unwrap_or(today);
    let (ri, region) = cat.region(region_id).expect("region id checked by the request parser");
    let policies: Vec<(usize, &PolicyDef)> = cat.policies_on(region, as_of).collect();
    let statuses: Vec<PolicyStatus> = policies
        .iter()
        .map(|(pi, p)| {
            let (windows, deadlines) = periods::words(p, as_of, lang);
            PolicyStatus { windows, deadlines, ..policy_status(cat, *pi, as_of, lang) }
        })
        .collect();
    let pays = policies.iter().any(|(_, p)| !p.rule.is_empty());

    let achs: Vec<Cow<Achievement>> = req.achievements.iter().map(|a| aliased(region, a)).collect();
    let policy_ids: Vec<usize> = policies.iter().map(|(i, _)| *i).collect();
    let Claims { mut claims, unmatched, adjustments, gross } = claims(cat, reform, ri, &policy_ids, &achs, as_of, lang, true, None);
    // The same claims without the reform, amounts only: what each line is compared with.
    let baseline = reform.map(|_| self::claims(cat, None, ri, &policy_ids, &achs, as_of, lang, false, None).claims);
    let kind_of = |i: usize| cat.kind(&achs[i].kind).map_or("", |k| k.id.as_str());
    let mut unmatched: Vec<Unmatched> =
        unmatched.into_iter().map(|(i, r)| Unmatched { achievement: i, kind: kind_of(i), reason: r.text, clause: r.cite.map(|c| c.0), quote: r.cite.map(|c| c.1), reform: None }).collect();
    // An item a combination rule brought to nothing is unpaid too, with that rule's words.
    for c in claims.iter().filter(|c| c.claimed > 0 && c.total.is_zero()) {
        if let Some(adj) = adjustments.iter().rev().find(|x| x.achievements.contains(&c.ach)) {
            let (open, close) = if lang == Lang::Zh { ("（", "）") } else { (" (", ")") };
            let reason = [adj.rule, if lang == Lang::Zh { "：" } else { ": " }, &adj.effect, open, adj.clause, close].concat();
            let kind = cat.kind(&achs[c.ach].kind).map_or("", |k| k.id.as_str());
            unmatched.push(Unmatched { achievement: c.ach, kind, reason, clause: Some(adj.clause), quote: Some(adj.quote), reform: None });
        }
    }
    unmatched.sort_by_key(|u| u.achievement);

    let total: Decimal = claims.iter().map(|c| c.total).sum();
    let upper = upper_bound(&claims);
    let mut warnings = Vec::new();
    for ((_, p), s) in policies.iter().zip(&statuses) {
        warnings.extend(validity_warning(p, s, as_of, lang));
    }
    warnings.extend(region.versions.iter().filter_map(|v| version_warning(cat, v, as_of, lang)));
    if !pays {
        let name = pick(lang, &region.name);
        warnings.push(say(
            lang,
            &format!("{name}的政策文本未规定资助金额，合计为 0；其承诺的激励措施另行列出。"),
            &format!("{name}'s texts name no amounts: the total is 0; the incentives they promise are listed separately."),
        ));
    }
    for (pi, p) in &policies {
        let mine = || claims.iter().filter(|c| c.policy == *pi);
        for n in &p.notice {
            let shown = match &n.select {
                None => p.rule.is_empty() || mine().next().is_some(),
                Some(s) => mine().any(|c| selects(s, &achs[c.ach], &p.rule[c.rule])),
            };
            if shown {
                let (open, close) = if lang == Lang::Zh { ("（", "）") } else { (" (", ")") };
                warnings.push([pick(lang, &n.text), open, &n.clause, close].concat());
            }
        }
    }
    let benefits = policies
        .iter()
        .flat_map(|(_, p)| p.benefit.iter().map(|b| Benefit { policy: &p.id, clause: &b.clause, quote: &b.quote, text: pick(lang, &b.text) }))
        .collect();
    let mut undated = false;
    let lines: Vec<Line> = claims
        .iter_mut()
        .map(|c| {
            let p = cat.policy(c.policy);
            let rule = &p.rule[c.rule];
            let windows = periods::windows(p, rule, &achs[c.ach], as_of);
            let mut notes = std::mem::take(&mut c.notes);
            // An item with no date is assumed in its text's window: its window says
            // `assumed`, and the result says so once (below), not on every line.
            undated |= windows.iter().any(|w| w.status == WindowStatus::Assumed);
            let deadlines = periods::deadlines(p, rule, &achs[c.ach]);
            let words = statuses.iter().find(|s| s.id == p.id).map_or(&[][..], |s| &s.deadlines[..]);
            notes.extend(periods::too_late(&deadlines, words, lang).map(Cow::Owned));
            Line {
                achievement: c.ach,
                kind: rule.when.get("kind").and_then(|k| k.as_slice().iter().find(|k| **k == achs[c.ach].kind)).map_or("", |k| k.as_str()),
                amount_yuan: yuan(c.total),
                basis: c.basis,
                policy: &p.id,
                rule: &rule.id,
                clause: &rule.clause,
                quote: &rule.quote,
                unit_amount_yuan: yuan(c.unit),
                claimed: c.claimed,
                counted: c.counted,
                gross_yuan: yuan(c.unit * Decimal::from(c.claimed)),
                // Taken, not copied: a reform still reads the claims' amounts below.
                formula: std::mem::take(&mut c.formula),
                notes,
                windows,
                deadlines,
                reform: None,
            }
        })
        .collect();
    if undated {
        warnings.push(periods::assumed_note(lang).to_string());
    }

    let mut result = EstimateResult {
        region: &region.id,
        region_name: &region.name,
        as_of: as_of.to_string(),
        policies: statuses,
        total_yuan: yuan(total),
        total_is_upper_bound: upper,
        baseline_total_yuan: None,
        gross_yuan: yuan(gross),
        lines,
        adjustments,
        unmatched,
        warnings,
        benefits,
        data_version: &cat.head.data_version,
        reform: None,
    };
    if let (Some(r), Some(base)) = (reform, baseline) {
        reform::annotate(cat, r, &achs, &claims, &base, &mut result);
    }
    result
}
