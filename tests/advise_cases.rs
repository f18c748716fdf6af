//! Runs the hand-computed advisor cases of `policies/cases/advise/`: for each case, the
//! request's total, each chosen candidate's `marginal_yuan`, `listed_yuan` and the
//! limits its reasons name (exactly those), each chosen `room` entry, the order of
//! chosen candidates, and the items that need an input. Then: every annual cap, count
//! limit and category limit of the texts these files cover is checked by some case.

mod common;

use lingpao::api;
use lingpao::date::Date;
use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AdviseFile {
    /// The paying text whose limits these cases exercise.
    policy: String,
    #[serde(rename = "case")]
    cases: Vec<AdviseCase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AdviseCase {
    name: String,
    /// The hand computation from the clauses: cap, used, left, hence the marginal.
    arithmetic: String,
    request: toml::Value,
    /// The request's own total.
    total_yuan: String,
    #[serde(default, rename = "candidate")]
    candidates: Vec<WantCandidate>,
    #[serde(default)]
    room: Vec<WantRoom>,
    /// Candidates (by achievement) that must be listed in this relative order.
    #[serde(default)]
    order: Vec<toml::Value>,
    /// Rules whose items must be listed under `needs_input`.
    #[serde(default)]
    needs_input: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WantCandidate {
    achievement: toml::Value,
    marginal_yuan: String,
    listed_yuan: String,
    /// Ids of the limits the candidate's reasons name (exactly these; empty: none).
    reasons: Vec<String>,
    /// Words a reason's text must contain (the room left, in the user's words).
    #[serde(default)]
    reason_says: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WantRoom {
    limit: String,
    /// Decimal strings: yuan for a cap, items or categories for a count limit.
    max: Option<String>,
    used: Option<String>,
    left: Option<String>,
}

fn files() -> Vec<(String, AdviseFile)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/cases/advise");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "toml")).collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&p).unwrap();
            (name.clone(), toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}")))
        })
        .collect()
}

fn today() -> Date {
    Date::parse(common::TODAY).unwrap()
}

/// The problems of one case, empty when it holds.
fn check(case: &AdviseCase) -> Vec<String> {
    let request = common::to_json(&case.request);
    let advice = match api::advise(&common::req(&request), false, today()) {
        Ok(a) => serde_json::to_value(a).unwrap(),
        Err(e) => return vec![format!("refused: {e}")],
    };
    let mut problems = Vec::new();
    if advice["total_yuan"] != case.total_yuan.as_str() {
        problems.push(format!("total {} ≠ {}", advice["total_yuan"], case.total_yuan));
    }
    let cands = advice["candidates"].as_array().unwrap();
    let find = |ach: &Value| cands.iter().position(|c| c["achievement"] == *ach);
    for want in &case.candidates {
        let ach = common::to_json(&want.achievement);
        let Some(i) = find(&ach) else {
            problems.push(format!("no candidate {ach}"));
            continue;
        };
        let c = &cands[i];
        if c["marginal_yuan"] != want.marginal_yuan.as_str() || c["listed_yuan"] != want.listed_yuan.as_str() {
            problems.push(format!("{ach}: marginal {} listed {}, expected {} and {}", c["marginal_yuan"], c["listed_yuan"], want.marginal_yuan, want.listed_yuan));
        }
        let mut named: Vec<&str> = c["reasons"].as_array().unwrap().iter().map(|r| r["limit"].as_str().unwrap()).collect();
        named.sort_unstable();
        named.dedup();
        let mut expected: Vec<&str> = want.reasons.iter().map(String::as_str).collect();
        expected.sort_unstable();
        if named != expected {
            problems.push(format!("{ach}: reasons name {named:?}, expected {expected:?}: {}", c["reasons"]));
        }
        for words in &want.reason_says {
            if !c["reasons"].as_array().unwrap().iter().any(|r| r["text"].as_str().unwrap().contains(words.as_str())) {
                problems.push(format!("{ach}: no reason says “{words}”: {}", c["reasons"]));
            }
        }
        // Each reason cites its limit's own clause and quote.
        for r in c["reasons"].as_array().unwrap() {
            // A limit applies to the claims of its own text: the candidate's.
            let p = lingpao::policy::catalog().policy_by_id(c["policy"].as_str().unwrap()).unwrap();
            let l = p.limit.iter().find(|l| l.id == r["limit"].as_str().unwrap()).unwrap();
            if r["clause"] != l.clause.as_str() || r["quote"] != l.quote.as_str() {
                problems.push(format!("{ach}: reason {} does not cite its limit's clause and quote", r["limit"]));
            }
        }
    }
    let mut last = None;
    for ach in &case.order {
        let ach = common::to_json(ach);
        match find(&ach) {
            None => problems.push(format!("order: no candidate {ach}")),
            Some(i) if last.is_some_and(|l| l > i) => problems.push(format!("order: {ach} listed at {i}, before the one above it ({})", last.unwrap())),
            Some(i) => last = Some(i),
        }
    }
    let rooms = advice["room"].as_array().unwrap();
    for want in &case.room {
        let Some(r) = rooms.iter().find(|r| r["limit"] == want.limit.as_str()) else {
            problems.push(format!("no room for {}", want.limit));
            continue;
        };
        for (key, v) in [("max", &want.max), ("used", &want.used), ("left", &want.left)] {
            if let Some(v) = v {
                if r[key] != v.as_str() {
                    problems.push(format!("room {}: {key} {} ≠ {v} ({})", want.limit, r[key], r["summary"]));
                }
            }
        }
    }
    for rule in &case.needs_input {
        if !advice["needs_input"].as_array().unwrap().iter().any(|n| n["rule"] == rule.as_str()) {
            problems.push(format!("needs_input lists no item of rule {rule}"));
        }
    }
    problems
}

#[test]
fn every_advise_case_holds() {
    let (mut n, mut failures) = (0, Vec::new());
    for (file, f) in files() {
        for case in &f.cases {
            n += 1;
            let problems = check(case);
            if !problems.is_empty() {
                failures.push(format!("{file} — {}:\n    {}\n    arithmetic: {}", case.name, problems.join("\n    "), case.arithmetic));
            }
        }
    }
    assert!(n >= 35, "only {n} advise cases");
    assert!(failures.is_empty(), "{} of {n} advise cases fail:\n{}", failures.len(), failures.join("\n"));
    eprintln!("{n} advise cases hold");
}

/// Every paying text with an annual cap, a count limit or a category limit has a file
/// of at least 3 cases, and each such limit is checked by some case (a reason naming
/// it, or its room).
#[test]
fn every_cap_and_count_limit_is_checked() {
    use lingpao::policy::schema::LimitType;
    let files = files();
    let cat = lingpao::policy::catalog();
    let mut missing = Vec::new();
    for (_, p) in cat.policies().filter(|(_, p)| !p.rule.is_empty()) {
        let limits: Vec<_> = p.limit.iter().filter(|l| matches!(l.ty, LimitType::AnnualCap | LimitType::MaxCount | LimitType::MaxCategories)).collect();
        if limits.is_empty() {
            continue;
        }
        let Some((name, f)) = files.iter().find(|(_, f)| f.policy == p.id) else {
            missing.push(format!("{}: no advise case file", p.id));
            continue;
        };
        assert!(f.cases.len() >= 3, "{name}: {} cases, at least 3 needed", f.cases.len());
        for l in limits {
            let named = f.cases.iter().any(|c| c.room.iter().any(|r| r.limit.as_str() == l.id.as_str()) || c.candidates.iter().any(|k| k.reasons.iter().any(|r| r.as_str() == l.id.as_str())));
            if !named {
                missing.push(format!("{}/{}", p.id, l.id));
            }
        }
    }
    assert!(missing.is_empty(), "limits no advise case checks: {missing:?}");
}

/// A case file names a real policy; every case's request is in that policy's region.
#[test]
fn advise_files_name_their_policy_and_region() {
    let cat = lingpao::policy::catalog();
    for (name, f) in files() {
        let p = cat.policy_by_id(&f.policy).unwrap_or_else(|| panic!("{name}: unknown policy {}", f.policy));
        for c in &f.cases {
            assert_eq!(c.request.get("region").and_then(|r| r.as_str()), Some(p.region.as_str()), "{name} — {}", c.name);
        }
    }
}
