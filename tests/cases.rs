//! Runs every data-driven case of `policies/cases/` through the engine (the JSON API the
//! CLI and the wasm module both serve) and compares the whole outcome: total, upper
//! bound, every line (achievement, rule, amount), the unmatched achievements, and the
//! combination rules that applied.

mod common;

use common::*;

#[test]
fn every_case_holds() {
    let mut failures = Vec::new();
    let mut n = 0;
    for (file, cf) in case_files() {
        for case in &cf.cases {
            n += 1;
            if let Err(e) = check_case(case) {
                failures.push(format!("{file} — {}: {e}\n    arithmetic: {}", case.name, case.arithmetic));
            }
        }
    }
    assert!(n > 0, "no cases found");
    assert!(failures.is_empty(), "{} of {n} cases fail:\n{}", failures.len(), failures.join("\n"));
    eprintln!("{n} cases hold");
}

/// Every policy that names money has at least 8 hand-computed cases.
#[test]
fn every_paying_policy_has_eight_cases() {
    let data = lingpao::policy::bundle();
    let files = case_files();
    for p in data.policies.iter().filter(|p| !p.rule.is_empty()) {
        let n: usize = files.iter().filter(|(_, f)| f.policy == p.id).map(|(_, f)| f.cases.iter().filter(|c| c.error_field.is_none()).count()).sum();
        assert!(n >= 8, "policy {} has {n} cases; at least 8 needed", p.id);
    }
}

/// Every case file names a real policy, and every rule it expects belongs to its region.
#[test]
fn case_files_name_real_policies_and_rules() {
    let data = lingpao::policy::bundle();
    for (file, cf) in case_files() {
        let p = data.policies.iter().find(|p| p.id == cf.policy).unwrap_or_else(|| panic!("{file}: unknown policy {}", cf.policy));
        for c in &cf.cases {
            for l in &c.lines {
                let known = data.regions.iter().filter(|r| r.id == p.region).flat_map(|r| &r.policies).any(|pid| {
                    data.policies.iter().any(|q| &q.id == pid && q.rule.iter().any(|r| r.id == l.rule))
                });
                assert!(known, "{file} — {}: rule {} is not a rule of region {}", c.name, l.rule, p.region);
            }
        }
    }
}

/// Every paying rule is exercised by at least one hand-computed case line.
#[test]
fn every_rule_is_exercised_by_a_case() {
    let data = lingpao::policy::bundle();
    let files = case_files();
    let mut missing = Vec::new();
    for p in data.policies.iter().filter(|p| !p.rule.is_empty()) {
        for r in &p.rule {
            let used = files.iter().filter(|(_, f)| f.policy == p.id).flat_map(|(_, f)| &f.cases).flat_map(|c| &c.lines).any(|l| l.rule == r.id);
            if !used {
                missing.push(format!("{}/{}", p.id, r.id));
            }
        }
    }
    assert!(missing.is_empty(), "rules no case exercises: {missing:?}");
}

/// Issue 16: every window of every text is exercised by a case in each status (an item
/// dated in it, one dated out, one with no date), and every deadline by a case.
#[test]
fn every_window_and_deadline_is_exercised() {
    let data = lingpao::policy::bundle();
    let files = case_files();
    let cases = |p: String| files.iter().filter(move |(_, f)| f.policy == p).flat_map(|(_, f)| &f.cases).collect::<Vec<_>>();
    let mut missing = Vec::new();
    for p in &data.policies {
        for w in &p.window {
            for status in ["in", "out", "assumed"] {
                if !cases(p.id.to_string()).into_iter().flat_map(|c| &c.windows).any(|x| x.id == w.id && x.status == status) {
                    missing.push(format!("{}/window {} {status}", p.id, w.id));
                }
            }
        }
        for d in &p.deadline {
            if !cases(p.id.to_string()).into_iter().flat_map(|c| &c.deadlines).any(|x| x.id == d.id) {
                missing.push(format!("{}/deadline {}", p.id, d.id));
            }
        }
    }
    assert!(missing.is_empty(), "windows and deadlines no case exercises: {missing:?}");
}

/// Zaozhuang 第六条: within one year of the recognition, and only in the fourth quarter.
/// Recognised 2019-08-01, applying 2020-06-01: in the window (to 2020-08-01), but the
/// next fourth quarter opens 2020-10-01, after the limit: the line says so. Recognised
/// 2020-02-01: the limit (2021-02-01) is after it, nothing said.
#[test]
fn a_time_limit_before_the_next_period_is_noted() {
    let today = lingpao::date::Date::parse(TODAY).unwrap();
    let std = |date: &str| serde_json::json!({ "kind": "standard", "level": "national", "action": "formulate", "role": "lead", "date": date });
    for (lang, words) in [("zh", "申请期限 2020-08-01 早于下一受理期（2020-10-01 至 2020-12-31）"), ("en", "The time limit (2020-08-01) ends before the next period applications are taken (2020-10-01 to 2020-12-31)")] {
        let request = serde_json::json!({ "region": "zaozhuang", "as_of": "2020-06-01", "lang": lang, "achievements": [std("2019-08-01"), std("2020-02-01")] });
        let r = lingpao::api::estimate(&req(&request), today).unwrap();
        assert_eq!(r.total_yuan, "1000000", "both in the window: 2 × 500000");
        assert!(r.lines[0].notes.iter().any(|n| n.contains(words)), "{:?}", r.lines[0].notes);
        assert!(r.lines[1].notes.is_empty(), "{:?}", r.lines[1].notes);
    }
}
