//! The SME gradient self-assessment (issue 15): the hand-computed cases of
//! `policies/cases/sme/cases.toml` through `api::sme`, and bad facts named field by field,
//! in the library and in the CLI (exit 2, JSON error on stderr).

mod sme_common;
use serde_json::{json, Value};
use sme_common::*;
use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn every_case_holds() {
    let file = case_file();
    let mut failures = Vec::new();
    let mut bugs = Vec::new();
    for case in &file.case {
        let facts = facts_of(&file, case);
        let diff = match assess(&facts) {
            Ok(r) => differences(case, &r),
            Err(e) => vec![format!("error {}: {}", e.field, e.message)],
        };
        match (&case.known_bug, diff.is_empty()) {
            (None, false) => failures.push(format!("{}:\n    {}", case.name, diff.join("\n    "))),
            // A known bug that no longer shows: the marker must go, the case now holds.
            (Some(_), true) => failures.push(format!("{}: marked known_bug but holds now; remove the marker", case.name)),
            (Some(b), false) => bugs.push(format!("{}: {b}\n    {}", case.name, diff.join("\n    "))),
            (None, true) => {}
        }
    }
    for b in &bugs {
        eprintln!("known bug — {b}");
    }
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), file.case.len(), failures.join("\n"));
    eprintln!("{} SME cases hold ({} known bugs)", file.case.len() - bugs.len(), bugs.len());
}

/// At least 30 cases, every verdict of every tier among them, names unique, the
/// arithmetic written, and every base but `empty` a complete fact set.
#[test]
fn the_cases_cover_every_tier_and_verdict() {
    let file = case_file();
    assert!(file.case.len() >= 30, "only {} cases", file.case.len());
    let names: BTreeSet<&str> = file.case.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), file.case.len(), "case names repeat");
    let mut seen = BTreeSet::new();
    for c in &file.case {
        assert!(c.arithmetic.len() > 40, "{}: no arithmetic", c.name);
        for (t, e) in [("innovative", &c.innovative), ("specialized", &c.specialized), ("little_giant", &c.little_giant)] {
            seen.insert((t, e.verdict.clone()));
        }
    }
    for t in TIERS {
        for v in ["met", "not_met", "undetermined"] {
            assert!(seen.contains(&(t, v.to_string())), "no case where {t} is {v}");
        }
    }
    let scheme = lingpao::policy::bundle().sme.as_ref().expect("the SME scheme");
    let inputs: BTreeSet<&str> = scheme.input.iter().map(|i| &*i.id).collect();
    for (name, base) in &file.base {
        let keys: BTreeSet<&str> = base.keys().map(String::as_str).collect();
        if name != "empty" {
            assert_eq!(keys, inputs, "base {name} is not the complete fact set");
        }
    }
}

// ---- bad input --------------------------------------------------------------------------

fn err(facts: Value) -> lingpao::model::InputError {
    assess_text(&json!({ "facts": facts }).to_string()).expect_err(&format!("{facts} should be rejected"))
}

/// Bad facts, the field each error must name and words its message must hold (the
/// allowed range), checked in the library and the CLI.
fn bad_facts() -> Vec<(Value, &'static str, &'static str)> {
    vec![
        (json!({ "revenue": "-1" }), "facts.revenue", "from 0 to 1000000000000"),
        (json!({ "revenue": -5 }), "facts.revenue", "from 0 to"),
        (json!({ "revenue": "1000000000000.01" }), "facts.revenue", "from 0 to 1000000000000"),
        (json!({ "revenue": "12.345" }), "facts.revenue", "decimal string"),
        (json!({ "revenue": "ten million" }), "facts.revenue", "decimal string"),
        (json!({ "revenue": "1e7" }), "facts.revenue", "decimal string"),
        (json!({ "revenue": true }), "facts.revenue", "decimal string"),
        (json!({ "revenue": [1] }), "facts.revenue", "decimal string"),
        (json!({ "net_profit": "-1000000000000.01" }), "facts.net_profit", "-1000000000000 to 1000000000000"),
        (json!({ "debt_ratio": "100.01" }), "facts.debt_ratio", "from 0 to 100"),
        (json!({ "market_share": 101 }), "facts.market_share", "from 0 to 100"),
        (json!({ "debt_ratio": "-0.01" }), "facts.debt_ratio", "from 0 to 100"),
        (json!({ "debt_ratio": "45%" }), "facts.debt_ratio", "from 0 to 100"),
        (json!({ "staff": 2.5 }), "facts.staff", "whole number from 0 to 1000000"),
        (json!({ "rd_staff": "2.5" }), "facts.rd_staff", "whole number"),
        (json!({ "ip_first": "two" }), "facts.ip_first", "whole number"),
        (json!({ "staff": 1000001 }), "facts.staff", "from 0 to 1000000"),
        (json!({ "niche_years": 1.5 }), "facts.niche_years", "whole years from 0 to 100"),
        (json!({ "niche_years": 101 }), "facts.niche_years", "0 to 100"),
        (json!({ "local_points": 16 }), "facts.local_points", "from 0 to 15"),
        (json!({ "local_points": 7.5 }), "facts.local_points", "from 0 to 15"),
        (json!({ "sme_size": "yes" }), "facts.sme_size", "true or false"),
        (json!({ "sme_size": 1 }), "facts.sme_size", "true or false"),
        (json!({ "rd_institution": "galactic" }), "facts.rd_institution", "listed"),
        (json!({ "maker_china": 50 }), "facts.maker_china", "listed"),
        (json!({ "turnover": "1" }), "facts.turnover", "unknown fact"),
        // A part larger than its whole.
        (json!({ "revenue": "100", "main_revenue": "100.01" }), "facts.main_revenue", "revenue"),
        (json!({ "revenue_prior": "5", "main_revenue_prior": "6" }), "facts.main_revenue_prior", "revenue_prior"),
        (json!({ "staff": 10, "rd_staff": 11 }), "facts.rd_staff", "staff"),
        (json!({ "ip_first": 1, "ip_high_value": 2 }), "facts.ip_high_value", "ip_first"),
        (json!({ "ip_first": 1, "ip_own_first": 2 }), "facts.ip_own_first", "ip_first"),
        (json!({ "equity_3y": "100", "equity_2y": "200" }), "facts.equity_2y", "equity_3y"),
    ]
}

#[test]
fn bad_facts_name_their_field_and_the_allowed_range() {
    for (facts, field, words) in bad_facts() {
        let e = err(facts.clone());
        assert_eq!(e.field, field, "{facts}: {}", e.message);
        assert!(e.message.contains(words), "{facts}: `{}` should say `{words}`", e.message);
        assert!(!e.message_zh.is_empty(), "{facts}");
    }
}

#[test]
fn lists_are_given_where_there_is_one() {
    let scheme = lingpao::policy::bundle().sme.as_ref().unwrap();
    let choices = |id: &str| scheme.input.iter().find(|i| i.id == *id).unwrap().choice.iter().map(|c| c.id.to_string()).collect::<Vec<_>>();
    assert_eq!(err(json!({ "rd_institution": "galactic" })).allowed, choices("rd_institution"));
    assert_eq!(err(json!({ "current_tier": "giant" })).allowed, vec!["little_giant", "specialized", "innovative", "none"]);
    assert_eq!(err(json!({ "no_incidents": "no" })).allowed, vec!["true", "false"]);
    let unknown = err(json!({ "turnover": "1" }));
    assert_eq!(unknown.allowed, scheme.input.iter().map(|i| i.id.to_string()).collect::<Vec<_>>());
    // A part above its whole: the range it may take.
    assert_eq!(err(json!({ "staff": 10, "rd_staff": 11 })).allowed, vec!["0 to 10"]);
    assert_eq!(err(json!({ "revenue": "100", "main_revenue": "100.01" })).allowed, vec!["0 to 100"]);
}

#[test]
fn the_request_itself_is_checked() {
    for (text, field) in [
        (r#"{"facts": []}"#, "facts"),
        (r#"{"facts": "revenue"}"#, "facts"),
        (r#"{"facts": 3}"#, "facts"),
        (r#"{"facts": {}, "region": "tianjin"}"#, "region"),
        (r#"{"facts": {}, "lang": "fr"}"#, "lang"),
        (r#"[]"#, "request"),
        (r#"{"facts": {"revenue": "1"}"#, "request"),
        ("", "request"),
    ] {
        let e = assess_text(text).expect_err(text);
        assert_eq!(e.field, field, "{text}: {}", e.message);
    }
    // `facts` of the wrong type lists the facts it may hold.
    assert!(assess_text(r#"{"facts": []}"#).unwrap_err().allowed.contains(&"revenue".to_string()));
    // Facts left out, null or absent, are allowed: every tier undetermined.
    for text in [r#"{}"#, r#"{"facts": null}"#, r#"{"facts": {"revenue": null}, "lang": "en"}"#] {
        let r = assess_text(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        for t in TIERS {
            assert_eq!(tier(&r, t)["verdict"], "undetermined", "{text}");
        }
    }
}

// ---- the CLI -----------------------------------------------------------------------------

fn run(args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lingpao")).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn cli_bad_facts_exit_2_with_the_field_on_stderr() {
    let mut cases: Vec<(String, &str)> = bad_facts().into_iter().map(|(f, field, _)| (json!({ "facts": f }).to_string(), field)).collect();
    cases.push((r#"{"facts": []}"#.into(), "facts"));
    cases.push((r#"{"facts": {}, "region": "x"}"#.into(), "region"));
    cases.push(("{not json".into(), "request"));
    for (input, field) in cases {
        let out = run(&["sme"], &input);
        assert_eq!(out.status.code(), Some(2), "{input}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout.is_empty(), "{input}");
        let e: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| panic!("{input}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
        assert_eq!(e["error"]["field"], field, "{input}");
    }
}

#[test]
fn cli_gives_the_library_s_answer() {
    let file = case_file();
    let case = &file.case[0];
    let facts = facts_of(&file, case);
    let out = run(&["sme"], &json!({ "facts": facts }).to_string());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r, assess(&facts).unwrap());
    assert!(differences(case, &r).is_empty());
    let inputs: Value = serde_json::from_slice(&run(&["sme", "--inputs"], "").stdout).unwrap();
    assert_eq!(inputs["inputs"].as_array().map(Vec::len), Some(lingpao::policy::bundle().sme.as_ref().unwrap().input.len()));
}
