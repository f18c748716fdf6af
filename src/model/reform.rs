//! A reform: "what if the amounts were…". Changes to the amounts, percentages or caps of
//! named rules and limits of the data, or rules and limits switched off, read from JSON
//! (the same parser natively and in wasm, and the same field-level errors as a request)
//! and checked against the catalog: every change names a policy, a rule or limit of
//! it, and a figure that thing has.
//!
//! ```json
//! {"name": "national standards at 10万",
//!  "changes": [{"policy": "tianjin-subsidy-fund", "rule": "national_formulate_lead", "amount": "100000"},
//!              {"policy": "tianjin-subsidy-fund", "rule": "leader_city", "off": true}]}
//! ```

use super::error::{shown, shown_zh, InputError};
use super::json::Json;
use super::request::{no_unknown_keys, object, wrong_type, yuan};
use crate::policy::schema::{LimitDef, PolicyDef, RuleDef, Str};
use crate::policy::Catalog;
use rust_decimal::Decimal;

/// More changes than any policy has figures; bounds the work one reform can ask.
const MAX_CHANGES: usize = 200;
const MAX_NAME: usize = 200;

/// What a change sets. The names are the data's own (`RuleDef` / `LimitDef` fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
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

impl Field {
    const FIGURES: [(&'static str, Field); 4] = [("amount", Field::Amount), ("percent", Field::Percent), ("max", Field::Max), ("raised_amount", Field::RaisedAmount)];
}

/// One change: of a rule (`limit` false) or a limit of a policy, by their ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub policy: Str,
    pub id: Str,
    pub limit: bool,
    pub field: Field,
    /// The new figure (none for `off`).
    pub value: Option<Decimal>,
    /// The figure in the data, for the result (none for `off`).
    pub baseline: Option<Decimal>,
    /// The clause of the rule or limit changed.
    pub clause: Str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reform {
    pub name: String,
    pub changes: Vec<Change>,
}

impl Reform {
    fn find(&self, policy: &str, id: &str, limit: bool, field: Field) -> Option<&Change> {
        self.changes.iter().find(|c| c.field == field && c.limit == limit && c.id == id && c.policy == policy)
    }

    /// A rule's figure under the reform, else the data's.
    pub fn rule_figure(r: Option<&Reform>, p: &PolicyDef, rule: &RuleDef, field: Field, data: Option<Decimal>) -> Option<Decimal> {
        r.and_then(|r| r.find(&p.id, &rule.id, false, field)).and_then(|c| c.value).or(data)
    }

    pub fn rule_off(r: Option<&Reform>, p: &PolicyDef, rule: &RuleDef) -> bool {
        r.is_some_and(|r| r.find(&p.id, &rule.id, false, Field::Off).is_some())
    }

    /// A limit's figure under the reform, else the data's.
    pub fn limit_figure(r: Option<&Reform>, p: &PolicyDef, l: &LimitDef, field: Field, data: Option<Decimal>) -> Option<Decimal> {
        r.and_then(|r| r.find(&p.id, &l.id, true, field)).and_then(|c| c.value).or(data)
    }

    pub fn limit_off(r: Option<&Reform>, p: &PolicyDef, l: &LimitDef) -> bool {
        r.is_some_and(|r| r.find(&p.id, &l.id, true, Field::Off).is_some())
    }
}

fn unknown(field: String, what_en: &str, what_zh: &str, got: &str, allowed: Vec<String>) -> InputError {
    InputError::new(field, format!("unknown {what_en} `{}`", shown(got)), format!("未知{what_zh}“{}”", shown_zh(got))).allowed(allowed)
}

/// Parses and checks a reform against the catalog.
pub fn parse(v: &Json, cat: &Catalog) -> Result<Reform, InputError> {
    let obj = object(v, "reform")?;
    no_unknown_keys(obj, "reform", &["name", "changes"])?;
    let name = match obj.get("name") {
        None | Some(Json::Null) => String::new(),
        Some(Json::String(s)) if s.chars().count() <= MAX_NAME => s.to_string(),
        Some(Json::String(_)) => return Err(InputError::new("reform.name", format!("is longer than {MAX_NAME} characters"), format!("超过 {MAX_NAME} 个字符"))),
        Some(other) => return Err(wrong_type("reform.name", "a string", "字符串", other)),
    };
    let list = match obj.get("changes") {
        Some(Json::Array(a)) if a.is_empty() => return Err(InputError::new("reform.changes", "is empty: a reform changes at least one figure", "改革方案至少应有一项修改")),
        Some(Json::Array(a)) if a.len() > MAX_CHANGES => return Err(InputError::new("reform.changes", format!("has {} items; at most {MAX_CHANGES}", a.len()), format!("最多 {MAX_CHANGES} 项修改"))),
        Some(Json::Array(a)) => a,
        None | Some(Json::Null) => return Err(InputError::new("reform.changes", "is required: a list of changes", "缺少修改列表 changes")),
        Some(other) => return Err(wrong_type("reform.changes", "a list", "数组", other)),
    };
    let mut changes: Vec<Change> = Vec::with_capacity(list.len());
    for (i, c) in list.iter().enumerate() {
        let change = change(c, i, cat)?;
        if changes.iter().any(|x| x.policy == change.policy && x.id == change.id && x.limit == change.limit && x.field == change.field) {
            let at = format!("reform.changes[{i}]");
            return Err(InputError::new(at, format!("changes `{}` of `{}` a second time", shown(&change.id), change.policy), format!("重复修改“{}”", shown_zh(&change.id))));
        }
        changes.push(change);
    }
    Ok(Reform { name, changes })
}

fn change(v: &Json, i: usize, cat: &Catalog) -> Result<Change, InputError> {
    let at = |f: &str| format!("reform.changes[{i}]{f}");
    let obj = object(v, "reform.changes").map_err(|e| InputError { field: at(""), ..e })?;
    no_unknown_keys(obj, &at(""), &["policy", "rule", "limit", "amount", "percent", "max", "raised_amount", "off"])?;
    let policy_ids = || cat.policies().filter(|(_, p)| !p.rule.is_empty()).map(|(_, p)| p.id.to_string()).collect();
    let p = match obj.get("policy") {
        Some(Json::String(s)) => cat.policy_by_id(s).filter(|p| !p.rule.is_empty()).ok_or_else(|| unknown(at(".policy"), "paying policy", "资助政策", s, policy_ids()))?,
        None => return Err(InputError::new(at(".policy"), "is required", "缺少政策编号 policy").allowed(policy_ids())),
        Some(other) => return Err(wrong_type(&at(".policy"), "a policy id string", "政策编号字符串", other).allowed(policy_ids())),
    };
    let rule_ids = || p.rule.iter().map(|r| r.id.to_string()).collect::<Vec<_>>();
    let limit_ids = || p.limit.iter().map(|l| l.id.to_string()).collect::<Vec<_>>();
    let id_of = |key: &str| match obj.get(key) {
        None => Ok(None),
        Some(Json::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(wrong_type(&at(&format!(".{key}")), "an id string", "编号字符串", other)),
    };
    // Each figure the target has in the data: a change may set only those.
    let (limit, id, clause, figures): (bool, Str, Str, Vec<(Field, Option<Decimal>)>) = match (id_of("rule")?, id_of("limit")?) {
        (Some(r), None) => {
            let rule = p.rule.iter().find(|x| x.id == *r).ok_or_else(|| unknown(at(".rule"), "rule", "规则", &r, rule_ids()))?;
            (false, rule.id.clone(), rule.clause.clone(), vec![(Field::Amount, rule.amount), (Field::Percent, rule.percent), (Field::Max, rule.max)])
        }
        (None, Some(l)) => {
            let lim = p.limit.iter().find(|x| x.id == *l).ok_or_else(|| unknown(at(".limit"), "limit", "限制", &l, limit_ids()))?;
            (true, lim.id.clone(), lim.clause.clone(), vec![(Field::Amount, lim.amount), (Field::RaisedAmount, lim.raised_amount)])
        }
        (Some(_), Some(_)) => return Err(InputError::new(at(""), "names both a `rule` and a `limit`: one change, one thing", "rule 与 limit 只能填一项")),
        (None, None) => return Err(InputError::new(at(".rule"), "is required (or `limit`)", "缺少规则编号 rule（或限制编号 limit）").allowed(rule_ids())),
    };
    let has: Vec<(&str, Field, Decimal)> = figures.iter().filter_map(|(f, d)| d.map(|d| (Field::FIGURES.iter().find(|x| x.1 == *f).map_or("", |x| x.0), *f, d))).collect();
    let mut allowed: Vec<String> = has.iter().map(|h| h.0.to_string()).collect();
    allowed.push("off".into());
    let given: Vec<&str> = obj.keys().filter(|k| !matches!(*k, "policy" | "rule" | "limit")).collect();
    let key = match given.as_slice() {
        [k] => *k,
        [] => return Err(InputError::new(at(""), "changes nothing: give one figure to set, or `off`", "未给出修改：请填写一项金额、比例或 off").allowed(allowed)),
        [_, k, ..] => return Err(InputError::new(at(&format!(".{k}")), "one change sets one figure: give it as another change", "每项修改只改一个数值，请另列一项").allowed(allowed)),
    };
    let field = at(&format!(".{key}"));
    let value = &obj.get(key).unwrap_or(&Json::Null);
    if key == "off" {
        return match value {
            Json::Bool(true) => Ok(Change { policy: p.id.clone(), id, limit, field: Field::Off, value: None, baseline: None, clause }),
            _ => Err(InputError::new(field, "must be true (leave the change out to keep the rule)", "应为 true（不停用则不必列出）").allowed(vec!["true".into()])),
        };
    }
    let Some(&(_, f, baseline)) = has.iter().find(|h| h.0 == key) else {
        let (en, zh) = if limit { ("limit", "限制") } else { ("rule", "规则") };
        return Err(InputError::new(field, format!("the {en} `{}` has no `{key}` to change", shown(&id)), format!("该{zh}没有可修改的“{key}”")).allowed(allowed));
    };
    let value = if f == Field::Percent { percent(value, &field)? } else { yuan(value, &field)? };
    Ok(Change { policy: p.id.clone(), id, limit, field: f, value: Some(value), baseline: Some(baseline), clause })
}

/// A percentage: a decimal string (or a whole JSON number) from 0 to 100, to 4 places.
fn percent(v: &Json, field: &str) -> Result<Decimal, InputError> {
    let bad = || InputError::new(field, format!("must be a percentage from 0 to 100 as a decimal string such as \"60\" or \"12.5\"; got {}", shown(&v.to_string())), "应为 0 到 100 之间的百分比，如 \"60\"");
    let d = match v {
        Json::String(s) => super::plain_decimal(s.trim()).filter(|_| !s.trim().starts_with('-')).ok_or_else(bad)?,
        Json::Number(_) => Decimal::from(v.as_i64().ok_or_else(bad)?),
        _ => return Err(bad()),
    };
    if d < Decimal::ZERO || d > Decimal::ONE_HUNDRED || d.scale() > 4 {
        return Err(bad());
    }
    Ok(d)
}
