//! A reform: "what if the amounts were…". Changes to the amounts, percentages or caps of
//! named rules and limits of the data, or rules and limits switched off, read from JSON
//! (the same parser natively and in wasm, and the same field-level errors as a request)
//! and checked against the catalog: every change names a paying policy, one rule or
//! limit of it, and one figure that thing has in the data (or `off`).
//!
//! ```json
//! {"name": "national standards at 10万",
//!  "changes": [{"policy": "tianjin-subsidy-fund", "rule": "national_formulate_lead", "amount": "100000"},
//!              {"policy": "tianjin-subsidy-fund", "rule": "leader_city", "off": true}]}
//! ```
//!
//! Written for size (it is in the wasm module): one error helper with fixed words, the
//! checks in one pass; a `Change` is also what results show.

use super::error::InputError;
use super::json::Json;
use super::request::{no_unknown_keys, object, yuan};
use crate::policy::schema::Str;
use crate::policy::Catalog;
use rust_decimal::Decimal;
use serde::Serialize;

/// More changes than any policy has figures; bounds the work one reform can ask.
const MAX_CHANGES: usize = 200;
/// The longest name, in bytes (it is repeated in every result).
const MAX_NAME: usize = 400;

/// What a change sets. The names are the data's own (`RuleDef` / `LimitDef` fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// A rule's fixed amount, or an annual cap's.
    Amount,
    /// A rule's percentage (of another rule, or of an input field).
    Percent,
    /// The ceiling of a percentage of an input field.
    Max,
    /// An annual cap's raised amount.
    RaisedAmount,
    /// Not paid (a rule) or not applied (a limit).
    Off,
}

/// The figures a change may set, by their name in a reform.
const FIGURES: [(&str, Field); 5] = [("amount", Field::Amount), ("percent", Field::Percent), ("max", Field::Max), ("raised_amount", Field::RaisedAmount), ("off", Field::Off)];

/// One change, as read and as a result shows it: of a rule or of a limit of a policy,
/// from the data's figure to the reform's (none for `off`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub policy: Str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<Str>,
    /// The clause of the rule or limit changed.
    pub clause: Str,
    pub field: Field,
    pub baseline: Option<Decimal>,
    pub reform: Option<Decimal>,
}

impl Change {
    fn is(&self, policy: &str, rule: Option<&str>, limit: Option<&str>, field: Field) -> bool {
        self.field == field && self.rule.as_deref() == rule && self.limit.as_deref() == limit && self.policy == policy
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reform {
    pub name: String,
    pub changes: Vec<Change>,
}

impl Reform {
    /// The reform's figure for a rule (`limit` false) or limit, if it sets one.
    fn figure<'r>(r: Option<&'r Reform>, policy: &str, id: &str, limit: bool, field: Field) -> Option<&'r Change> {
        let (rule, lim) = if limit { (None, Some(id)) } else { (Some(id), None) };
        r?.changes.iter().find(|c| c.is(policy, rule, lim, field))
    }

    /// A rule's figure under the reform, else the data's.
    pub fn rule_figure(r: Option<&Reform>, policy: &str, rule: &str, field: Field, data: Option<Decimal>) -> Option<Decimal> {
        Reform::figure(r, policy, rule, false, field).map_or(data, |c| c.reform)
    }

    pub fn rule_off(r: Option<&Reform>, policy: &str, rule: &str) -> bool {
        Reform::figure(r, policy, rule, false, Field::Off).is_some()
    }

    /// A limit's figure under the reform, else the data's.
    pub fn limit_figure(r: Option<&Reform>, policy: &str, limit: &str, field: Field, data: Option<Decimal>) -> Option<Decimal> {
        Reform::figure(r, policy, limit, true, field).map_or(data, |c| c.reform)
    }

    pub fn limit_off(r: Option<&Reform>, policy: &str, limit: &str) -> bool {
        Reform::figure(r, policy, limit, true, Field::Off).is_some()
    }
}

/// An error at `at` + `key`, with what is allowed there.
#[inline(never)]
fn bad(at: &str, key: &str, en: &str, zh: &str, allowed: Vec<String>) -> InputError {
    let field = if key.is_empty() { at.to_string() } else { [at, ".", key].concat() };
    InputError::new(field, en, zh).allowed(allowed)
}

/// Ids as an error's `allowed` (one loop for every list: less code in wasm than a
/// `collect` per iterator type).
fn names(ids: &mut dyn Iterator<Item = &Str>) -> Vec<String> {
    let mut out = Vec::new();
    for id in ids {
        out.push(id.to_string());
    }
    out
}

/// Parses and checks a reform against the catalog.
pub fn parse(v: &Json, cat: &Catalog) -> Result<Reform, InputError> {
    let obj = object(v, "reform")?;
    no_unknown_keys(obj, "reform", &["name", "changes"])?;
    let name = match obj.get("name") {
        None => "",
        Some(Json::String(s)) if s.len() <= MAX_NAME => s,
        Some(_) => return Err(bad("reform", "name", "must be a string of at most 400 bytes", "应为不超过 400 字节的字符串", vec![])),
    };
    let list = match obj.get("changes") {
        Some(Json::Array(a)) if !a.is_empty() && a.len() <= MAX_CHANGES => a,
        _ => return Err(bad("reform", "changes", "must be a list of 1 to 200 changes", "应为 1 到 200 项修改的列表", vec![])),
    };
    let mut changes: Vec<Change> = Vec::with_capacity(list.len());
    for (i, c) in list.iter().enumerate() {
        let at = format!("reform.changes[{i}]");
        let c = change(c, &at, cat)?;
        if changes.iter().any(|x| x.is(&c.policy, c.rule.as_deref(), c.limit.as_deref(), c.field)) {
            return Err(bad(&at, "", "changes the same figure as an earlier change", "与前面的修改重复", vec![]));
        }
        changes.push(c);
    }
    Ok(Reform { name: name.to_string(), changes })
}

/// One change: its members read in one pass, then checked against the data.
fn change(v: &Json, at: &str, cat: &Catalog) -> Result<Change, InputError> {
    let (mut policy, mut target, mut figure) = (None, None, None);
    for (k, v) in object(v, at)?.iter() {
        let n = FIGURES.iter().position(|f| f.0 == k);
        match (k, n) {
            ("policy", _) => policy = Some(v),
            ("rule" | "limit", _) if target.is_none() => target = Some((k == "limit", v)),
            (_, Some(n)) if figure.is_none() => figure = Some((n, v)),
            ("rule" | "limit", _) | (_, Some(_)) => return Err(bad(at, k, "one change names one rule or limit and sets one figure; give another change", "每项修改只针对一条规则或限制、只设一个数值", vec![])),
            _ => {
                let keys = ["policy", "rule", "limit"].into_iter().chain(FIGURES.iter().map(|f| f.0)).map(str::to_string).collect();
                return Err(bad(at, k, "is not a field of a change", "不是修改项的字段", keys));
            }
        }
    }
    fn text<'v>(v: Option<&'v Json>) -> Option<&'v str> {
        match v {
            Some(Json::String(s)) => Some(s),
            _ => None,
        }
    }
    let p = text(policy).and_then(|s| cat.policy_by_id(s)).filter(|p| !p.rule.is_empty());
    let p = p.ok_or_else(|| {
        let mut paying = cat.policies().filter(|(_, p)| !p.rule.is_empty()).map(|(_, p)| &p.id);
        bad(at, "policy", "must be the id of a policy that names amounts", "应为规定资助金额的政策编号", names(&mut paying))
    })?;
    let limit = target.is_some_and(|t| t.0);
    let id = text(target.map(|t| t.1)).unwrap_or_default();
    let rule = p.rule.iter().find(|r| !limit && r.id == id);
    let lim = p.limit.iter().find(|l| limit && l.id == id);
    // The figure `n` (of FIGURES) the rule or limit has in the data, if it has it.
    let data = |n: usize| match (rule, lim, n) {
        (Some(r), _, 0) => r.amount,
        (Some(r), _, 1) => r.percent,
        (Some(r), _, 2) => r.max,
        (_, Some(l), 0) => l.amount,
        (_, Some(l), 3) => l.raised_amount,
        _ => None,
    };
    let (id, clause) = match (rule, lim) {
        (Some(r), _) => (&r.id, &r.clause),
        (_, Some(l)) => (&l.id, &l.clause),
        _ => {
            let (key, ids) = if limit { ("limit", names(&mut p.limit.iter().map(|l| &l.id))) } else { ("rule", names(&mut p.rule.iter().map(|r| &r.id))) };
            return Err(bad(at, key, "must be the id of a rule (`rule`) or limit (`limit`) of the policy", "应为该政策的规则（rule）或限制（limit）编号", ids));
        }
    };
    let has = |n: usize| n == 4 || data(n).is_some(); // `off` (4) is always allowed
    let Some((n, value)) = figure.filter(|f| has(f.0)) else {
        let key = figure.map_or("", |(n, _)| FIGURES[n].0);
        let allowed = (0..FIGURES.len()).filter(|&n| has(n)).map(|n| FIGURES[n].0.to_string()).collect();
        return Err(bad(at, key, "must set a figure this rule or limit has (see `allowed`), or `off`", "应设定该规则或限制已有的一项数值（见 allowed），或 off", allowed));
    };
    let (key, field) = FIGURES[n];
    let reform = match (field, value) {
        (Field::Off, Json::Bool(true)) => None,
        (Field::Off, _) => return Err(bad(at, key, "must be true (leave the change out to keep it)", "应为 true", vec!["true".into()])),
        // A percentage reads as yuan do (a decimal string or a whole number, to two places), at most 100.
        (Field::Percent, v) => Some(yuan(v, "").ok().filter(|d| *d <= Decimal::ONE_HUNDRED).ok_or_else(|| bad(at, key, "must be a percentage from 0 to 100, a decimal string such as \"60\"", "应为 0 到 100 的百分比，如 \"60\"", vec![]))?),
        (_, v) => Some(yuan(v, &[at, ".", key].concat())?),
    };
    let id = Some(id.clone());
    Ok(Change {
        policy: p.id.clone(),
        rule: if limit { None } else { id.clone() },
        limit: if limit { id } else { None },
        clause: clause.clone(),
        field,
        baseline: data(n).map(|d| d.normalize()),
        reform: reform.map(|d| d.normalize()),
    })
}
