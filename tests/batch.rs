//! `lingpao batch`: the textless totals equal the full estimate's, on every hand-computed
//! case and on random requests; order kept on many threads; a bad line (JSON or CSV) is
//! an error line naming its field, and the batch goes on.

mod common;

use lingpao::batch::{self, UnitTotals};
use lingpao::date::Date;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn today() -> Date {
    Date::parse(common::TODAY).unwrap()
}

/// The batch's fast path and the full estimate, on one request's text: both answers
/// (or both errors) must agree.
fn same_totals(text: &str) -> Result<(), String> {
    same_totals_under(text, None)
}

/// The same under a reform: the reform's totals are the reformed estimate's, and the
/// baseline beside them is the estimate's without it.
fn same_totals_under(text: &str, reform: Option<&lingpao::model::Reform>) -> Result<(), String> {
    let fast = batch::unit(text, false, today(), reform);
    let full = batch::unit(text, true, today(), reform);
    match (fast, full) {
        (Ok((f, None)), Ok((g, Some(r)))) => {
            let mut from = UnitTotals::from_result(&r);
            if reform.is_some() {
                let (base, _) = batch::unit(text, false, today(), None).map_err(|e| e.to_string())?;
                assert_eq!(g.baseline, Some((base.total, base.per_policy)), "{text}: baseline");
                assert_eq!(r.baseline_total_yuan.as_deref(), Some(lingpao::model::yuan(base.total).as_str()), "{text}: the estimate's baseline");
                from.baseline = g.baseline.clone();
            }
            assert_eq!(g, from);
            if f == g {
                Ok(())
            } else {
                Err(format!("{text}: fast {f:?} ≠ full {g:?}"))
            }
        }
        (Err(a), Err(b)) if a == b => Ok(()),
        (a, b) => Err(format!("{text}: fast {:?} ≠ full {:?}", a.map(|x| x.0), b.map(|x| x.0))),
    }
}

#[test]
fn the_fast_path_gives_the_full_estimates_totals_on_every_case() {
    let mut n = 0;
    let mut failures = Vec::new();
    for (file, cf) in common::case_files() {
        for case in &cf.cases {
            n += 1;
            let text = common::to_json(&case.request).to_string();
            if let Err(e) = same_totals(&text) {
                failures.push(format!("{file} — {}: {e}", case.name));
            }
        }
    }
    assert!(n > 100, "only {n} cases");
    assert!(failures.is_empty(), "{} of {n} cases differ:\n{}", failures.len(), failures.join("\n"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn the_fast_path_gives_the_full_estimates_totals_on_random_requests(v in common::plausible_request()) {
        prop_assert!(same_totals(&v.to_string()).is_ok(), "{}", same_totals(&v.to_string()).unwrap_err());
    }

    #[test]
    fn reformed_totals_are_the_reformed_estimates_on_random_requests(v in common::plausible_request()) {
        let reform = sweeping();
        prop_assert!(same_totals_under(&v.to_string(), Some(reform)).is_ok(), "{}", same_totals_under(&v.to_string(), Some(reform)).unwrap_err());
    }
}

fn sweeping() -> &'static lingpao::model::Reform {
    static R: std::sync::OnceLock<lingpao::model::Reform> = std::sync::OnceLock::new();
    R.get_or_init(|| lingpao::api::reform(&common::sweeping_reform()).unwrap())
}

#[test]
fn reformed_totals_are_the_reformed_estimates_on_every_case() {
    let mut changed = 0;
    for (file, cf) in common::case_files() {
        for case in &cf.cases {
            let text = common::to_json(&case.request).to_string();
            same_totals_under(&text, Some(sweeping())).unwrap_or_else(|e| panic!("{file} — {}: {e}", case.name));
            let Ok((t, _)) = batch::unit(&text, false, today(), Some(sweeping())) else { continue }; // a case of bad input
            changed += usize::from(t.baseline.is_some_and(|b| b.0 != t.total));
        }
    }
    assert!(changed > 30, "the sweeping reform changed only {changed} cases");
}

fn run(args: &[&str], stdin: &str, threads: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lingpao"))
        .args(args)
        .env("RAYON_NUM_THREADS", threads)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let text = stdin.to_string();
    // Written from another thread: the batch answers while it reads.
    let writer = std::thread::spawn(move || input.write_all(text.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

fn leaders(n: u32) -> String {
    json!({ "region": "tianjin", "as_of": "2022-06-30", "achievements": [{ "kind": "leader", "level": "national", "count": n }] }).to_string()
}

#[test]
fn many_threads_keep_the_input_order() {
    // 10,000 units over 3 chunks, each total telling its line (60,000 yuan a leader).
    let counts: Vec<u32> = (0..10_000u32).map(|i| (i * 7919) % 150 + 1).collect();
    let input: String = counts.iter().map(|&n| leaders(n) + "\n").collect();
    let out = run(&["batch"], &input, "8");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let got = lines(&out);
    assert_eq!(got.len(), counts.len());
    for (i, (l, n)) in got.iter().zip(&counts).enumerate() {
        assert_eq!(l["line"], i + 1);
        assert_eq!(l["total_yuan"], (60_000 * u64::from(*n)).to_string(), "line {}", i + 1);
    }
    let summary = String::from_utf8_lossy(&out.stderr);
    let sum: u64 = counts.iter().map(|&n| 60_000 * u64::from(n)).sum();
    assert!(summary.contains("10000 units, 0 failed") && summary.contains(&format!("total {sum} yuan")), "{summary}");
}

#[test]
fn a_bad_line_in_the_middle_is_an_error_line_and_the_batch_goes_on() {
    let input = [leaders(1), r#"{"region":"tianjin","achievements":[{"kind":"leader","level":"galactic"}]}"#.into(), String::new(), "{oops".into(), r#"{"region":"tianjin","achievements":[]}"#.into(), leaders(2)].join("\n");
    let out = run(&["batch"], &input, "2");
    assert_eq!(out.status.code(), Some(2), "a failed line makes the exit status non-zero");
    let got = lines(&out);
    assert_eq!(got.iter().map(|l| l["line"].as_u64().unwrap()).collect::<Vec<_>>(), [1, 2, 4, 5, 6], "the blank line 3 is no unit");
    assert_eq!(got[0]["total_yuan"], "60000");
    assert_eq!(got[1]["error"]["field"], "achievements[0].level");
    assert!(got[1]["error"]["allowed"].as_array().unwrap().contains(&json!("national")));
    assert_eq!(got[2]["error"]["field"], "request");
    // No achievements: a total of 0, not an error.
    assert_eq!((got[3]["total_yuan"].as_str(), got[3]["policies"]["tianjin-subsidy-fund"].as_str()), (Some("0"), Some("0")));
    assert_eq!(got[4]["total_yuan"], "120000");
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 units, 2 failed"));
}

#[test]
fn explain_gives_the_full_result_beside_the_same_totals() {
    let input = [leaders(3), r#"{"region":"beijing","as_of":"2021-06-30","achievements":[{"kind":"standard","level":"international","action":"formulate","role":"lead"}]}"#.into()].join("\n");
    let (fast, full) = (run(&["batch"], &input, "2"), run(&["batch", "--explain"], &input, "2"));
    assert_eq!((fast.status.code(), full.status.code()), (Some(0), Some(0)));
    for (f, g) in lines(&fast).iter().zip(lines(&full)) {
        for k in ["line", "region", "total_yuan", "total_is_upper_bound", "policies"] {
            assert_eq!(f[k], g[k], "{k}");
        }
        assert_eq!(g["result"]["total_yuan"], f["total_yuan"]);
        assert!(g["result"]["lines"][0]["quote"].as_str().is_some_and(|q| !q.is_empty()));
        assert!(f.get("result").is_none());
    }
}

#[test]
fn the_example_csv_gives_the_totals_of_its_json_requests() {
    let csv = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/batch.csv")).unwrap();
    let out = run(&["batch", "--csv"], &csv, "2");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rows = text.lines();
    assert_eq!(rows.next(), Some("line,region,total_yuan,total_is_upper_bound,policies,error_field,error_message"));
    // Row 3 of the example, written as a JSON request: 7 national (5 count), 1 international,
    // a secretariat, a pilot, 2 leaders; Article 15 keeps 2 categories.
    let row3 = json!({ "region": "tianjin", "as_of": "2022-06-30", "achievements": [
        { "kind": "standard", "level": "national", "action": "formulate", "role": "lead", "count": 7 },
        { "kind": "standard", "level": "international", "action": "formulate", "role": "lead", "count": 1 },
        { "kind": "secretariat", "scope": "national", "tier": "tc", "count": 1 },
        { "kind": "pilot", "level": "national", "count": 1 },
        { "kind": "leader", "level": "national", "count": 2 } ] });
    let want = lingpao::api::estimate(&common::req(&row3), today()).unwrap();
    let rows: Vec<Vec<&str>> = rows.map(|r| r.split(',').collect()).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[1][..4], ["3", "tianjin", want.total_yuan.as_str(), "false"]);
    assert_eq!(rows[4][..3], ["6", "tianjin", "0"], "an empty row is a unit worth 0");
}

#[test]
fn csv_errors_name_the_row_and_the_column() {
    let csv = "region,as_of,leader:level=national\n\
               tianjin,2022-06-30,2\n\
               tianjin,2022-06-30,two\n\
               tianjin,2022-06-30\n\
               \"tianjin,2022-06-30,1\n\
               atlantis,2022-06-30,1\n\
               tianjin,2022-06-30,\"3\"\n";
    let out = run(&["batch", "--csv"], csv, "2");
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 6);
    assert!(rows[0].starts_with("2,tianjin,120000,false,"), "{}", rows[0]);
    assert!(rows[1].starts_with("3,,,,,leader:level=national,row 3, column 3: `two` is not a count") || rows[1].starts_with("3,,,,,leader:level=national,\"row 3, column 3: `two` is not a count"), "{}", rows[1]);
    assert!(rows[2].starts_with("4,,,,,row,row 4 has 2 cells; the header has 3"), "{}", rows[2]);
    assert!(rows[3].starts_with("5,,,,,") && rows[3].contains("column 1: a quoted cell has no closing quote"), "{}", rows[3]);
    assert!(rows[4].starts_with("6,,,,,region,unknown region `atlantis`"), "{}", rows[4]);
    assert!(rows[5].starts_with("7,tianjin,180000,"), "a quoted count is a count: {}", rows[5]);
}

#[test]
fn a_csv_header_that_names_no_known_kind_or_value_stops_the_batch_naming_its_column() {
    for (header, field, words) in [
        ("region,medal:level=gold", "medal:level=gold", "column 2: kind: unknown kind `medal`"),
        ("region,as_of,leader:level=galactic", "leader:level=galactic", "column 3: level"),
        ("region,leader:level", "leader:level", "`level` is not `field=value`"),
        ("as_of,leader:level=national", "header", "no `region` column"),
        ("region,region", "region", "given twice"),
    ] {
        let out = run(&["batch", "--csv"], &format!("{header}\ntianjin,1\n"), "2");
        assert_eq!(out.status.code(), Some(2), "{header}");
        assert!(out.stdout.is_empty() || String::from_utf8_lossy(&out.stdout).lines().count() <= 1, "{header}");
        let e: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| panic!("{header}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
        assert_eq!(e["error"]["field"], field, "{header}");
        assert!(e["error"]["message"].as_str().unwrap().contains(words), "{header}: {e}");
    }
}

#[test]
fn help_batch_prints_its_usage_and_bad_flags_are_refused() {
    let out = run(&["help", "batch"], "", "1");
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.starts_with("usage: lingpao batch") && help.contains("--csv") && help.contains("--explain"), "{help}");
    let out = run(&["batch", "--json"], "", "1");
    assert_eq!(out.status.code(), Some(2));
    let e: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(e["error"]["field"], "arguments");
    assert_eq!(e["error"]["allowed"], json!(["--csv", "--explain", "--reform"]));
}

/// A line through the fast reader (with a scratch reused from earlier lines) and the
/// general path: the same answer, the same error; where the fast reader takes a line,
/// the same request; and the hand-written output line is serde_json's.
fn read_either_way(text: &str, scratch: &mut batch::Scratch) -> Result<(), String> {
    let cat = lingpao::policy::catalog();
    let mut req = lingpao::model::Request::default();
    if batch::fast::read(text, cat, &mut req, &mut Default::default()) {
        let general = lingpao::api::parse_json(text).and_then(|v| lingpao::model::request::parse(&v, cat, true));
        if general.as_ref() != Ok(&req) {
            return Err(format!("{text}: the fast reader took {req:?}, the general path {general:?}"));
        }
    }
    let fast = batch::unit_reusing(text, false, today(), None, scratch);
    let general = batch::unit(text, false, today(), None);
    if fast.as_ref().map(|x| &x.0) != general.as_ref().map(|x| &x.0) {
        return Err(format!("{text}: fast {:?} ≠ general {:?}", fast.map(|x| x.0), general.map(|x| x.0)));
    }
    let serde = serde_json::to_string(&batch::line(7, &general)).unwrap() + "\n";
    if batch::json_line(7, &general) != serde {
        return Err(format!("{text}: wrote {} ≠ serde {serde}", batch::json_line(7, &general)));
    }
    Ok(())
}

/// `text` with edits: at each (place, what), a byte of JSON's grammar put in, a byte
/// taken out, or the rest cut.
fn mutated(text: &str, edits: &[(usize, u8)]) -> String {
    const BYTES: &[u8] = b"\"\\{}[],: 0123-.eEntfl\tx";
    let mut b = text.as_bytes().to_vec();
    for &(at, what) in edits {
        let at = at % (b.len() + 1);
        match what % 4 {
            0 if at < b.len() => {
                b.remove(at);
            }
            1 => b.truncate(at),
            _ => b.insert(at, BYTES[usize::from(what) % BYTES.len()]),
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn the_fast_reader_answers_as_the_general_path_on_random_requests(vs in prop::collection::vec(common::plausible_request(), 1..4)) {
        let mut scratch = batch::Scratch::default();
        for v in &vs {
            // As a generator writes it, and with the dates given (the generator's null
            // `as_of` is left to the general path).
            let mut v = v.clone();
            let r = read_either_way(&v.to_string(), &mut scratch);
            prop_assert!(r.is_ok(), "{}", r.unwrap_err());
            v["as_of"] = json!("2024-06-30");
            let r = read_either_way(&v.to_string(), &mut scratch);
            prop_assert!(r.is_ok(), "{}", r.unwrap_err());
            let r = read_either_way(&serde_json::to_string_pretty(&v).unwrap(), &mut scratch);
            prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        }
    }

    #[test]
    fn the_fast_reader_answers_as_the_general_path_on_mutated_lines(v in common::plausible_request(), edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..4)) {
        let mut v = v;
        v["as_of"] = json!("2024-06-30");
        let text = mutated(&v.to_string(), &edits);
        let r = read_either_way(&text, &mut batch::Scratch::default());
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
    }
}

#[test]
fn the_fast_reader_takes_the_common_lines_and_leaves_the_rest() {
    let cat = lingpao::policy::catalog();
    let mut req = lingpao::model::Request::default();
    let mut takes = |t: &str| batch::fast::read(t, cat, &mut req, &mut Default::default());
    assert!(takes(r#"{"region":"tianjin","as_of":"2022-06-30","achievements":[{"kind":"standard","level":"national","action":"formulate","role":"lead","count":2}]}"#));
    assert!(takes(r#" { "achievements" : [ ] , "lang" : "en" , "region" : "beijing" } "#));
    for t in [
        r#"{"region":"tianjin","achievements":[],"region":"tianjin"}"#,
        r#"{"region":"tianjin","as_of":null,"achievements":[]}"#,
        r#"{"region":"tianjin","achievements":[{"kind":"leader","level":"national","count":2.0}]}"#,
        r#"{"region":"tianjin","achievements":[{"kind":"leader","level":"nation\u0061l"}]}"#,
        r#"{"region":"tianjin","achievements":[{"kind":"leader","level":"national","level":"national"}]}"#,
        r#"{"region":"tianjin","achievements":[{"kind":"leader"}]}"#,
        r#"{"region":"tianjin","achievements":[]} x"#,
        "\u{feff}{\"region\":\"tianjin\",\"achievements\":[]}",
    ] {
        assert!(!takes(t), "{t}");
    }
}

#[test]
fn a_threads_memo_of_prices_changes_no_answer() {
    // Every case twice through one scratch (the second time from its memo), with and
    // without a reform, against the answer computed afresh.
    let mut scratch = batch::Scratch::default();
    // Each case as written, and on days across the texts' versions (the memo's key
    // holds which versions apply, not the day).
    let mut texts = Vec::new();
    for (_, cf) in common::case_files() {
        for case in &cf.cases {
            let v = common::to_json(&case.request);
            texts.push(v.to_string());
            for day in ["2019-03-01", "2022-06-30", "2024-01-01", "2025-12-31"] {
                let mut v = v.clone();
                if v.is_object() {
                    v["as_of"] = json!(day);
                }
                texts.push(v.to_string());
            }
        }
    }
    for reform in [None, Some(sweeping())] {
        for text in texts.iter().chain(&texts) {
            let (memo, fresh) = (batch::unit_reusing(text, false, today(), reform, &mut scratch), batch::unit(text, false, today(), reform));
            assert_eq!(memo.map(|x| x.0), fresh.map(|x| x.0), "{text}");
        }
    }
}
