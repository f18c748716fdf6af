//! Leader eligibility: the conditions a company must meet to be evaluated or rewarded as
//! an enterprise-standard leader in a region — those of the region's own texts and the
//! national ones every region inherits — each met, not met or unknown on the facts
//! given, with its clause and quote.

use crate::date::Date;
use crate::engine::policy_status;
use crate::model::facts::{EligibilityRequest, FactValue};
use crate::model::request::Named;
use crate::model::result::{PolicyStatus, Status};
use crate::model::{pick, Lang};
use crate::policy::schema::{EligibilityDef, FactDef, PolicyDef, Stage, Text};
use crate::policy::Catalog;
use crate::tr;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionStatus {
    Met,
    NotMet,
    /// A fact the condition needs was not given.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every condition is met on the facts given.
    AllMet,
    /// At least one condition is not met.
    SomeNotMet,
    /// None fails, but some are unknown: facts are missing.
    Incomplete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// From a national text (`[national]` in regions.toml), inherited by every region.
    National,
    /// From one of the region's own texts.
    Region,
}

/// What the condition asks of its fact.
#[derive(Debug, Clone, Serialize)]
pub struct Requirement<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub equals: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relaxed: Option<Relaxed<'a>>,
}

/// A looser bound that applies when a bool fact is true.
#[derive(Debug, Clone, Serialize)]
pub struct Relaxed<'a> {
    pub fact: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConditionResult<'a> {
    pub id: &'a str,
    pub scope: Scope,
    pub policy: &'a str,
    pub policy_title: &'a str,
    pub stage: Stage,
    pub fact: &'a str,
    pub fact_name: &'a str,
    pub requirement: Requirement<'a>,
    /// The fact as given (months for months facts); null when not given.
    pub value: Option<FactValue>,
    pub status: ConditionStatus,
    /// The comparison made, or the fact that is missing.
    pub reason: String,
    pub text: &'a str,
    pub clause: &'a str,
    /// The words of the text that set the condition, verbatim.
    pub quote: &'a str,
    /// The reading taken, where the text is debatable.
    pub note: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub met: usize,
    pub not_met: usize,
    pub unknown: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Eligibility<'a> {
    pub region: &'a str,
    pub region_name: &'a Text,
    pub as_of: String,
    pub verdict: Verdict,
    pub summary: String,
    pub counts: Counts,
    /// National conditions first, then the region's own, in the order of the texts.
    pub conditions: Vec<ConditionResult<'a>>,
    /// The facts that would settle the unknown conditions, in the order first needed.
    pub missing_facts: Vec<&'a str>,
    /// The texts the conditions come from, and their status on `as_of`.
    pub policies: Vec<PolicyStatus<'a>>,
    pub warnings: Vec<String>,
    pub data_version: &'a str,
}

fn yes(lang: Lang, b: bool) -> &'static str {
    match (lang, b) {
        (Lang::Zh, true) => "是",
        (Lang::Zh, false) => "否",
        (Lang::En, true) => "yes",
        (Lang::En, false) => "no",
    }
}

/// The bound in words: "≥ 24 个月" / "≤ 36 months".
fn bound(lang: Lang, min: Option<i64>, max: Option<i64>) -> String {
    let (op, n) = match (min, max) {
        (Some(m), _) => ("≥", m),
        (None, Some(m)) => ("≤", m),
        (None, None) => return String::new(),
    };
    tr!(lang, format!("{op} {n} 个月"), format!("{op} {n} months"))
}

fn within(v: i64, min: Option<i64>, max: Option<i64>) -> bool {
    min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m)
}

/// One condition on the facts: its status, the reason, and the fact it still needs.
fn evaluate<'a>(cat: &'a Catalog, e: &'a EligibilityDef, def: &'a FactDef, facts: &Named<FactValue>, lang: Lang) -> (ConditionStatus, String, Option<&'a str>) {
    let name = pick(lang, &def.name);
    let missing = |id: &'a str, name: &str| (ConditionStatus::Unknown, tr!(lang, format!("未提供 {id}（{name}）"), format!("{id} ({name}) not given")), Some(id));
    match (facts.get(def.id.as_str()), e.equals) {
        (None, _) => missing(&def.id, name),
        (Some(FactValue::Bool(b)), Some(want)) => {
            let status = if *b == want { ConditionStatus::Met } else { ConditionStatus::NotMet };
            (status, tr!(lang, format!("{name}：{}（须为{}）", yes(lang, *b), yes(lang, want)), format!("{name}: {} (required: {})", yes(lang, *b), yes(lang, want))), None)
        }
        (Some(FactValue::Months(v)), None) => {
            let need = bound(lang, e.min, e.max);
            if within(*v, e.min, e.max) {
                return (ConditionStatus::Met, tr!(lang, format!("{name}：{v} 个月，须 {need}"), format!("{name}: {v} months, required {need}")), None);
            }
            let Some(r) = e.relaxed.as_ref().filter(|r| within(*v, r.min, r.max)) else {
                return (ConditionStatus::NotMet, tr!(lang, format!("{name}：{v} 个月，须 {need}"), format!("{name}: {v} months, required {need}")), None);
            };
            let loose = bound(lang, r.min, r.max);
            let (rid, rname) = match cat.fact(&r.fact) {
                Some((f, _)) => (f.id.as_str(), pick(lang, &f.name)),
                None => (r.fact.as_str(), r.fact.as_str()),
            };
            match facts.get(rid) {
                Some(FactValue::Bool(true)) => (
                    ConditionStatus::Met,
                    tr!(lang, format!("{name}：{v} 个月；{rname}：是，放宽为 {loose}"), format!("{name}: {v} months; {rname}: yes, relaxed to {loose}")),
                    None,
                ),
                Some(_) => (
                    ConditionStatus::NotMet,
                    tr!(lang, format!("{name}：{v} 个月，须 {need}（{rname} 时为 {loose}，但并非）"), format!("{name}: {v} months, required {need} ({loose} if {rname}, which it is not)")),
                    None,
                ),
                None => (
                    ConditionStatus::Unknown,
                    tr!(
                        lang,
                        format!("{name}：{v} 个月，不足 {need}，但满足 {rname} 时的 {loose}：未提供 {rid}"),
                        format!("{name}: {v} months, short of {need} but within {loose} for {rname}: {rid} not given")
                    ),
                    Some(rid),
                ),
            }
        }
        // The request parser gives each fact the type of its definition, and the validator
        // gives each condition the comparison of its fact's type.
        (Some(_), _) => missing(&def.id, name),
    }
}

fn not_in_force(p: &PolicyDef, s: &PolicyStatus, on: Date, lang: Lang) -> Option<String> {
    let title = pick(lang, &p.title);
    let cite = format!("{}：“{}”", p.validity.clause, p.validity.quote);
    match s.status {
        Status::Expired => Some(tr!(
            lang,
            format!("《{title}》已于 {} 失效（{cite}），按 {on} 判断；其条件仅供参考。", s.expires.unwrap_or("—")),
            format!("“{title}” expired on {} ({cite}), judged on {on}: its conditions are for reference only.", s.expires.unwrap_or("—"))
        )),
        Status::NotYetEffective => Some(tr!(
            lang,
            format!("《{title}》自 {} 起施行，{on} 尚未生效（{cite}）。", s.effective.unwrap_or(s.issued)),
            format!("“{title}” takes effect on {}, not yet in force on {on} ({cite}).", s.effective.unwrap_or(s.issued))
        )),
        _ => None,
    }
}

/// The eligibility self-check for one region. `req.region` must be a known id (the
/// request parser checks); an unknown one answers with no conditions rather than panic.
pub fn eligibility<'a>(cat: &'a Catalog, req: &EligibilityRequest, today: Date) -> Eligibility<'a> {
    let lang = req.lang;
    let on = req.as_of.unwrap_or(today);
    let region = cat.region(&req.region).map(|(_, r)| r);
    let national: Vec<(usize, &PolicyDef)> = cat.national_policies().collect();
    let own: Vec<(usize, &PolicyDef)> = region.map(|r| cat.policies_of(r).collect()).unwrap_or_default();
    let mut conditions = Vec::new();
    let mut missing_facts: Vec<&str> = Vec::new();
    let mut policies = Vec::new();
    let mut warnings = Vec::new();
    for (scope, list) in [(Scope::National, &national), (Scope::Region, &own)] {
        for &(pi, p) in list.iter().filter(|(_, p)| !p.eligibility.is_empty()) {
            let s = policy_status(cat, pi, on, lang);
            warnings.extend(not_in_force(p, &s, on, lang));
            policies.push(s);
            for e in &p.eligibility {
                let Some((def, _)) = cat.fact(&e.fact) else { continue };
                let (status, reason, needs) = evaluate(cat, e, def, &req.facts, lang);
                if let Some(f) = needs.filter(|f| !missing_facts.contains(f)) {
                    missing_facts.push(f);
                }
                conditions.push(ConditionResult {
                    id: &e.id,
                    scope,
                    policy: &p.id,
                    policy_title: pick(lang, &p.title),
                    stage: e.stage,
                    fact: &def.id,
                    fact_name: pick(lang, &def.name),
                    requirement: Requirement {
                        min: e.min,
                        max: e.max,
                        equals: e.equals,
                        relaxed: e.relaxed.as_ref().map(|r| Relaxed { fact: &r.fact, min: r.min, max: r.max }),
                    },
                    value: req.facts.get(def.id.as_str()).copied(),
                    status,
                    reason,
                    text: pick(lang, &e.text),
                    clause: &e.clause,
                    quote: &e.quote,
                    note: e.note.as_ref().map(|n| pick(lang, n)),
                });
            }
        }
    }
    let name = region.map_or(req.region.as_str(), |r| pick(lang, &r.name));
    if !own.iter().any(|(_, p)| !p.eligibility.is_empty()) {
        warnings.push(tr!(
            lang,
            format!("{name}的政策文本未规定“领跑者”参评或奖励条件；所列为国家层面的条件。"),
            format!("{name}'s texts set no conditions for leaders of their own; the national ones are listed.")
        ));
    }
    let count = |s: ConditionStatus| conditions.iter().filter(|c| c.status == s).count();
    let counts = Counts { met: count(ConditionStatus::Met), not_met: count(ConditionStatus::NotMet), unknown: count(ConditionStatus::Unknown) };
    let total = conditions.len();
    let (verdict, summary) = if counts.not_met > 0 {
        let clauses: Vec<String> = conditions.iter().filter(|c| c.status == ConditionStatus::NotMet).map(|c| c.clause.to_string()).collect();
        let clauses = clauses.join(tr!(lang, "、", ", "));
        (
            Verdict::SomeNotMet,
            tr!(
                lang,
                format!("{total} 项条件中 {} 项不满足（{clauses}），{} 项未知。", counts.not_met, counts.unknown),
                format!("{} of {total} conditions are not met ({clauses}); {} unknown.", counts.not_met, counts.unknown)
            ),
        )
    } else if counts.unknown > 0 {
        let facts = missing_facts.join(tr!(lang, "、", ", "));
        (
            Verdict::Incomplete,
            tr!(
                lang,
                format!("没有不满足的条件，但 {total} 项中有 {} 项缺少事实：请补充 {facts}。", counts.unknown),
                format!("No condition fails, but {} of {total} lack facts: give {facts}.", counts.unknown)
            ),
        )
    } else {
        (Verdict::AllMet, tr!(lang, format!("已知事实满足全部 {total} 项条件。"), format!("All {total} conditions are met on the facts given.")))
    };
    Eligibility {
        region: region.map_or("", |r| r.id.as_str()),
        region_name: region.map_or(&cat.head.national.name, |r| &r.name),
        as_of: on.to_string(),
        verdict,
        summary,
        counts,
        conditions,
        missing_facts,
        policies,
        warnings,
        data_version: &cat.head.data_version,
    }
}
