//! Shared by the test runners: the data-driven cases of `policies/cases/`.
#![allow(dead_code)]

use serde::Deserialize;
use std::path::Path;

/// The fixed "today" of every test, so that results never depend on the clock.
pub const TODAY: &str = "2026-11-28";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    pub policy: String,
    #[serde(rename = "case")]
    pub cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    /// The hand computation from the text, with its clauses.
    pub arithmetic: String,
    pub request: toml::Value,
    /// Expected result; absent when `error_field` is given.
    pub total_yuan: Option<String>,
    pub upper_bound: Option<bool>,
    #[serde(default)]
    pub lines: Vec<ExpectedLine>,
    /// Indices of achievements expected unmatched (exactly these).
    #[serde(default)]
    pub unmatched: Vec<usize>,
    /// Ids of limits expected to change something (exactly these, in any order).
    pub adjustments: Option<Vec<String>>,
    /// For bad input: the field the error must name.
    pub error_field: Option<String>,
    /// Windows expected on lines (or on the unmatched item an `out` window refused).
    #[serde(default)]
    pub windows: Vec<ExpectedWindow>,
    /// Deadlines expected on lines, with their dates (absent: none).
    #[serde(default)]
    pub deadlines: Vec<ExpectedDeadline>,
    /// Policies expected to say that they set no deadline.
    pub no_deadline: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedWindow {
    pub achievement: usize,
    pub id: String,
    pub status: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedDeadline {
    pub achievement: usize,
    pub id: String,
    pub date: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedLine {
    pub achievement: usize,
    pub rule: String,
    pub amount_yuan: String,
}

pub fn case_files() -> Vec<(String, CaseFile)> {
    case_files_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/cases"))
}

/// The case files of a `cases/` directory, by name.
pub fn case_files_in(dir: &Path) -> Vec<(String, CaseFile)> {
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "toml")).collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let parsed: CaseFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, parsed)
        })
        .collect()
}

/// TOML → JSON, keeping integers integers (money in requests is a string anyway).
pub fn to_json(v: &toml::Value) -> serde_json::Value {
    serde_json::to_value(v).expect("TOML values are JSON values")
}

/// A request built with `serde_json::json!` as the engine reads it: written out and
/// parsed by the request reader, exactly as text from a face would be.
pub fn req(v: &serde_json::Value) -> lingpao::model::Json<'static> {
    lingpao::api::parse_json(&v.to_string()).expect("json! writes valid JSON").into_owned()
}

/// Runs one case through the JSON API and compares the whole outcome.
pub fn check_case(case: &Case) -> Result<(), String> {
    let today = lingpao::date::Date::parse(TODAY).unwrap();
    let request = to_json(&case.request);
    let outcome = lingpao::api::estimate(&req(&request), today);
    if let Some(field) = &case.error_field {
        return match outcome {
            Err(e) if &e.field == field => Ok(()),
            Err(e) => Err(format!("error names `{}`, expected `{field}`: {e}", e.field)),
            Ok(r) => Err(format!("expected an error on `{field}`, got total {}", r.total_yuan)),
        };
    }
    let r = outcome.map_err(|e| format!("unexpected error: {e}"))?;
    let want_total = case.total_yuan.as_deref().ok_or("a case needs total_yuan or error_field")?;
    let mut problems = Vec::new();
    if r.total_yuan != want_total {
        problems.push(format!("total {} ≠ expected {want_total}", r.total_yuan));
    }
    if let Some(u) = case.upper_bound {
        if r.total_is_upper_bound != u {
            problems.push(format!("total_is_upper_bound {} ≠ {u}", r.total_is_upper_bound));
        }
    }
    let got: std::collections::BTreeSet<(usize, String, String)> = r.lines.iter().map(|l| (l.achievement, l.rule.to_string(), l.amount_yuan.clone())).collect();
    let want: std::collections::BTreeSet<(usize, String, String)> = case.lines.iter().map(|l| (l.achievement, l.rule.clone(), l.amount_yuan.clone())).collect();
    if got != want {
        problems.push(format!("lines {got:?} ≠ expected {want:?}"));
    }
    let unmatched: Vec<usize> = r.unmatched.iter().map(|u| u.achievement).collect();
    if unmatched != case.unmatched {
        problems.push(format!("unmatched {unmatched:?} ≠ expected {:?} ({:?})", case.unmatched, r.unmatched));
    }
    if let Some(want) = &case.adjustments {
        let got: std::collections::BTreeSet<&str> = r.adjustments.iter().map(|a| a.limit).collect();
        let want: std::collections::BTreeSet<&str> = want.iter().map(String::as_str).collect();
        if got != want {
            problems.push(format!("adjustments {got:?} ≠ expected {want:?}"));
        }
    }
    check_periods(case, &serde_json::to_value(&r).unwrap(), &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// The windows, deadlines and no-deadline statements a case expects, in the result's JSON.
fn check_periods(case: &Case, r: &serde_json::Value, problems: &mut Vec<String>) {
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
    for w in case.windows.iter().filter(|w| w.status == "out") {
        // Out: the item is unmatched, citing the window's words, saying its days.
        let u = r["unmatched"].as_array().unwrap().iter().find(|u| u["achievement"] == w.achievement);
        let cites = |u: &serde_json::Value| {
            lingpao::policy::catalog().policies().flat_map(|(_, p)| &p.window).any(|x| x.id == w.id && u["clause"] == x.clause.as_str() && u["quote"] == x.quote.as_str())
        };
        let days = |u: &serde_json::Value| [&w.from, &w.to].iter().all(|d| d.as_ref().is_none_or(|d| u["reason"].as_str().unwrap().contains(d.as_str())));
        if !u.is_some_and(|u| cites(u) && days(u)) {
            problems.push(format!("achievement {}: not unmatched by window `{}` (with its days {:?} to {:?}): {u:?}", w.achievement, w.id, w.from, w.to));
        }
    }
    // The entry `id` of a line's `key` list for achievement `i`, and its fields against
    // those expected (a window's `from` or `to` not given: any).
    let mut compare = |key: &str, i: usize, id: &str, fields: [&str; 3], want: [Option<String>; 3]| {
        let got: Vec<&serde_json::Value> = r["lines"].as_array().unwrap().iter().filter(|l| l["achievement"] == i).flat_map(|l| l[key].as_array().unwrap()).collect();
        match got.iter().find(|g| g["id"] == id) {
            None => problems.push(format!("achievement {i}: no {key} `{id}` (got {got:?})")),
            Some(g) if fields.iter().zip(&want).any(|(f, w)| s(&g[*f]) != *w && (key == "deadlines" || w.is_some())) => problems.push(format!("achievement {i} {key} `{id}`: {g} ≠ expected {want:?}")),
            Some(_) => {}
        }
    };
    for w in case.windows.iter().filter(|w| w.status != "out") {
        compare("windows", w.achievement, &w.id, ["status", "from", "to"], [Some(w.status.clone()), w.from.clone(), w.to.clone()]);
    }
    for d in &case.deadlines {
        compare("deadlines", d.achievement, &d.id, ["date", "from", "to"], [d.date.clone(), d.from.clone(), d.to.clone()]);
    }
    if let Some(want) = &case.no_deadline {
        let got: Vec<String> = r["policies"].as_array().unwrap().iter().filter(|p| p["no_deadline"].is_string()).map(|p| s(&p["id"]).unwrap()).collect();
        if &got != want {
            problems.push(format!("policies saying they set no deadline: {got:?} ≠ expected {want:?}"));
        }
    }
}


/// Well-formed requests with random, possibly nonsensical combinations: every region,
/// every kind, valid and invalid values alike.
pub fn plausible_request() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    use proptest::prelude::*;
    use serde_json::{json, Value};
    let cat = lingpao::policy::catalog();
    let regions: Vec<String> = cat.region_ids();
    let kinds: Vec<String> = cat.kind_ids();
    let item = (prop::sample::select(kinds), prop::collection::vec((0usize..12, 0usize..10), 0..6), prop::option::of(-2i64..20_000)).prop_map(
        move |(kind, picks, count)| {
            let cat = lingpao::policy::catalog();
            let k = cat.kind(&kind).unwrap();
            let mut obj = serde_json::Map::new();
            obj.insert("kind".into(), json!(kind));
            let fields: Vec<_> = k.field.iter().chain(&cat.head.kinds.common_field).collect();
            for (fi, vi) in picks {
                let f = fields[fi % fields.len()];
                let v = match f.values.get(vi % f.values.len().max(1)) {
                    Some(v) => json!(v),
                    None => json!(vi as i64 - 2),
                };
                obj.insert(f.name.to_string(), v);
            }
            if let Some(c) = count {
                obj.insert("count".into(), json!(c));
            }
            Value::Object(obj)
        },
    );
    (prop::sample::select(regions), prop::collection::vec(item, 0..8), prop::option::of("20(1[5-9]|2[0-9])-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"))
        .prop_map(|(region, items, as_of)| json!({ "region": region, "as_of": as_of, "achievements": items }))
}


/// A reform touching every paying policy of the data: its first fixed amount raised by a
/// quarter, its first percentage set to 60, its first ceiling doubled, its caps halved
/// (raised caps doubled), and its last fixed-amount rule switched off. Built from the
/// data, so it names only rules and limits that exist.
pub fn sweeping_reform() -> String {
    use serde_json::json;
    let mut changes = Vec::new();
    for (_, p) in lingpao::policy::catalog().policies().filter(|(_, p)| !p.rule.is_empty()) {
        let fixed: Vec<_> = p.rule.iter().filter(|r| r.amount.is_some()).collect();
        if let Some(r) = fixed.first() {
            let more = r.amount.unwrap() * rust_decimal::Decimal::new(125, 2);
            changes.push(json!({ "policy": p.id, "rule": r.id, "amount": more.round_dp(2).to_string() }));
        }
        if let Some(r) = fixed.last().filter(|_| fixed.len() > 1) {
            changes.push(json!({ "policy": p.id, "rule": r.id, "off": true }));
        }
        if let Some(r) = p.rule.iter().find(|r| r.percent.is_some()) {
            changes.push(json!({ "policy": p.id, "rule": r.id, "percent": "60" }));
        }
        if let Some(r) = p.rule.iter().find(|r| r.max.is_some()) {
            changes.push(json!({ "policy": p.id, "rule": r.id, "max": (r.max.unwrap() * rust_decimal::Decimal::TWO).to_string() }));
        }
        for l in p.limit.iter().filter(|l| l.amount.is_some()) {
            changes.push(json!({ "policy": p.id, "limit": l.id, "amount": (l.amount.unwrap() / rust_decimal::Decimal::TWO).round_dp(2).to_string() }));
            if let Some(x) = l.raised_amount {
                changes.push(json!({ "policy": p.id, "limit": l.id, "raised_amount": (x * rust_decimal::Decimal::TWO).to_string() }));
            }
        }
    }
    json!({ "name": "sweeping", "changes": changes }).to_string()
}
