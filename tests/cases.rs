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
