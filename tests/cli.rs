//! The `lingpao` command as a user runs it: stdin in, stdout out, exit codes.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lingpao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that stops before reading stdin (a bad reform file) closes the pipe.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)))
}

const TIANJIN: &str = r#"{"region":"tianjin","as_of":"2022-06-30","achievements":[{"kind":"standard","level":"national","action":"formulate","role":"lead","count":2}]}"#;

#[test]
fn estimate_reads_stdin_and_prints_the_result() {
    let out = run(&["estimate"], TIANJIN);
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out.stdout);
    assert_eq!(r["total_yuan"], "160000");
    assert_eq!(r["lines"][0]["clause"], "第七条");
    assert!(r["lines"][0]["quote"].as_str().unwrap().contains("8 万元"));
}

#[test]
fn empty_achievements_exit_0_with_a_total_of_0() {
    let out = run(&["estimate"], r#"{"region":"tianjin","as_of":"2025-01-01","achievements":[]}"#);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let r = json(&out.stdout);
    assert_eq!((r["total_yuan"].as_str(), r["lines"].as_array().map(Vec::len)), (Some("0"), Some(0)));
    assert!(r["warnings"][0].as_str().is_some_and(|w| w.contains("失效")), "{r}");
}

#[test]
fn flags_fill_in_what_the_request_leaves_out() {
    let bare = r#"{"region":"tianjin","achievements":[{"kind":"pilot","level":"national"}]}"#;
    let r = json(&run(&["estimate", "--lang", "en", "--as-of", "2025-01-01"], bare).stdout);
    assert_eq!(r["as_of"], "2025-01-01");
    assert!(r["warnings"].as_array().unwrap().iter().any(|w| w.as_str().unwrap().contains("expired on 2024-08-28")), "{r}");
    let explicit = r#"{"region":"tianjin","as_of":"2022-06-30","achievements":[{"kind":"pilot","level":"national"}]}"#;
    let r = json(&run(&["estimate", "--as-of", "2025-01-01"], explicit).stdout);
    assert_eq!(r["as_of"], "2022-06-30");
}

#[test]
fn bad_input_exits_2_with_a_json_error_on_stderr() {
    for (input, field) in [
        (r#"{"region":"mars","achievements":[{"kind":"leader","level":"national"}]}"#, "region"),
        (r#"{"region":"tianjin","achievements":[{"kind":"leader","level":"galactic"}]}"#, "achievements[0].level"),
        ("{not json", "request"),
        ("", "request"),
    ] {
        let out = run(&["estimate"], input);
        assert_eq!(out.status.code(), Some(2), "{input}");
        assert!(out.stdout.is_empty());
        assert_eq!(json(&out.stderr)["error"]["field"], field, "{input}");
    }
}

#[test]
fn compare_ranks_every_region() {
    let out = run(&["compare"], TIANJIN);
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out.stdout);
    let ranking = r["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), lingpao::policy::catalog().head.regions.len());
    let totals: Vec<rust_decimal::Decimal> = ranking.iter().map(|x| x["total_yuan"].as_str().unwrap().parse().unwrap()).collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");
    let tianjin = ranking.iter().find(|x| x["region"] == "tianjin").unwrap();
    assert_eq!(tianjin["total_yuan"], "160000");
    assert_eq!(tianjin["result"]["lines"][0]["rule"], "national_formulate_lead");
    assert_eq!(ranking[0]["rank"], 1);
}

#[test]
fn regions_lists_every_region_with_statuses() {
    let out = run(&["regions", "--as-of", "2022-06-30"], "");
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out.stdout);
    let list = r.as_array().unwrap();
    assert_eq!(list.len(), lingpao::policy::catalog().head.regions.len());
    let tianjin = list.iter().find(|x| x["id"] == "tianjin").unwrap();
    assert_eq!(tianjin["name"]["en"], "Tianjin");
    let fund = tianjin["policies"].as_array().unwrap().iter().find(|p| p["id"] == "tianjin-subsidy-fund").unwrap();
    assert_eq!(fund["status"], "in_force");
    let later = json(&run(&["regions", "--as-of", "2025-01-01"], "").stdout);
    let fund = later.as_array().unwrap().iter().find(|x| x["id"] == "tianjin").unwrap()["policies"][1].clone();
    assert_eq!(fund["status"], "expired");
}

#[test]
fn explain_prints_a_table_and_json() {
    let out = run(&["explain", "tianjin"], "");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("第七条") && text.contains("80000") && text.contains("national_formulate_lead"), "{text}");
    let en = String::from_utf8(run(&["explain", "tianjin", "--lang", "en"], "").stdout).unwrap();
    assert!(en.contains("fixed"));
    let j = json(&run(&["explain", "tianjin", "--json"], "").stdout);
    let rules = j["policies"][1]["rules"].as_array().unwrap();
    let revise = rules.iter().find(|r| r["id"] == "domestic_revise_lead").unwrap();
    let amounts: Vec<&str> = revise["cases"].as_array().unwrap().iter().map(|c| c["amount_yuan"].as_str().unwrap()).collect();
    assert_eq!(amounts, ["40000", "20000", "15000"]);
    assert!(revise["quote"].as_str().unwrap().contains("50%"));
}

#[test]
fn explain_unknown_region_and_bad_usage_exit_2() {
    let out = run(&["explain", "atlantis"], "");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out.stderr)["error"]["field"], "region");
    for args in [vec![], vec!["frobnicate"], vec!["explain"], vec!["regions", "--as-of", "yesterday"], vec!["estimate", "extra"]] {
        let out = run(&args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(json(&out.stderr)["error"]["field"], "arguments", "{args:?}");
    }
}

#[test]
fn version_names_the_data() {
    let v = json(&run(&["version"], "").stdout);
    assert!(v["data"].as_str().unwrap().contains("+data."));
}

#[test]
fn eligibility_reads_stdin_and_lists_each_condition() {
    let out = run(&["eligibility"], r#"{"region":"taizhou","facts":{"years_implemented":1,"registered_in_region":true,"months_held":40}}"#);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let r = json(&out.stdout);
    assert_eq!(r["verdict"], "some_not_met");
    let conditions = r["conditions"].as_array().unwrap();
    let status = |id: &str, policy: &str| conditions.iter().find(|c| c["id"] == id && c["policy"] == policy).unwrap()["status"].clone();
    assert_eq!(status("implemented_one_year", "taizhou-leader-plan"), "met");
    assert_eq!(status("term_three_years", "taizhou-leader-plan"), "not_met");
    assert_eq!(status("clean_record_three_years", "taizhou-leader-plan"), "unknown");
    assert!(conditions.iter().all(|c| c["clause"].as_str().is_some_and(|s| !s.is_empty()) && c["quote"].as_str().is_some_and(|s| !s.is_empty())));
    let en = json(&run(&["eligibility", "--lang", "en"], r#"{"region":"heilongjiang"}"#).stdout);
    assert_eq!(en["verdict"], "incomplete");
    assert!(en["summary"].as_str().unwrap().contains("lack facts"), "{en}");
    let bad = run(&["eligibility"], r#"{"region":"taizhou","facts":{"months_implemented":"long"}}"#);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(json(&bad.stderr)["error"]["field"], "facts.months_implemented");
    assert_eq!(run(&["eligibility", "extra"], "").status.code(), Some(2));
}

#[test]
fn lookup_searches_both_registers() {
    let out = run(&["lookup", "鲁花"], "");
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out.stdout);
    assert_eq!(r["count"], 5);
    assert!(r["hits"].as_array().unwrap().iter().all(|h| h["register"] == "grain-oil-leaders-2022" && h["row"]["company"] == "山东鲁花集团有限公司" && h["clause"] == "一、19. 附件"));
    let r = json(&run(&["lookup", "汽车", "零部件"], "").stdout);
    assert_eq!(r["hits"][0]["row"], serde_json::json!({ "no": "147", "industry": "汽车制造业", "domain": "汽车零部件及配件" }));
    let none = json(&run(&["lookup", "火箭"], "").stdout);
    assert_eq!(none["count"], 0);
    for args in [vec!["lookup"], vec!["lookup", " "]] {
        let out = run(&args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(json(&out.stderr)["error"]["field"], "text");
    }
}

#[test]
fn kinds_lists_every_kind_with_labels() {
    let out = run(&["kinds"], "");
    assert_eq!(out.status.code(), Some(0));
    let k = json(&out.stdout);
    let standard = k["kind"].as_array().unwrap().iter().find(|x| x["id"] == "standard").unwrap();
    let level = standard["field"].as_array().unwrap().iter().find(|f| f["name"] == "level").unwrap();
    assert_eq!(level["type"], "enum");
    assert_eq!(level["values"][0], "international");
    assert_eq!(k["values"]["level"]["national"]["zh"], "国家级");
    assert!(k["common_field"].as_array().unwrap().iter().any(|f| f["name"] == "count"));
}

/// The command with raw arguments and its streams as given (issue 13, item 3).
fn run_raw(args: &[std::ffi::OsString], stdout: Stdio, stderr: Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lingpao")).args(args).stdin(Stdio::null()).stdout(stdout).stderr(stderr).output().unwrap()
}

#[test]
fn arguments_that_are_not_utf8_are_an_input_error_not_an_abort() {
    use std::os::unix::ffi::OsStringExt;
    let args = ["lookup".into(), std::ffi::OsString::from_vec(vec![0xff, 0xfe])];
    let out = run_raw(&args, Stdio::piped(), Stdio::piped());
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let e = json(&out.stderr);
    assert_eq!(e["error"]["field"], "arguments");
    assert!(e["error"]["message"].as_str().unwrap().contains("argument 2"), "{e}");
}

#[test]
fn write_failures_exit_non_zero_and_a_closed_pipe_stays_quiet() {
    let full = || Stdio::from(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap());
    // stdout full: exit 1 with a message on stderr.
    let out = run_raw(&["kinds".into()], full(), Stdio::piped());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out.stderr)["error"]["field"], "output");
    // stderr full: the error cannot be told, the exit code still is (not an abort).
    let out = run_raw(&["frobnicate".into()], Stdio::piped(), full());
    assert_eq!(out.status.code(), Some(2));
    // A reader that stops after one byte: no message, no failure.
    let out = Command::new("bash").arg("-c").arg(format!("'{}' kinds | head -c1 >/dev/null; echo ${{PIPESTATUS[0]}}", env!("CARGO_BIN_EXE_lingpao"))).output().unwrap();
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
}

#[test]
fn stdin_over_the_size_limit_or_not_utf8_is_refused_and_a_bom_is_accepted() {
    let big = format!("{}{}", TIANJIN, " ".repeat(lingpao::api::MAX_REQUEST_BYTES));
    let out = run(&["estimate"], &big);
    assert_eq!(out.status.code(), Some(2));
    let e = json(&out.stderr);
    assert_eq!(e["error"]["field"], "request");
    assert!(e["error"]["message"].as_str().unwrap().contains("1048576"), "{e}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_lingpao")).arg("estimate").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"{\"region\":\"tian\xffjin\"}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out.stderr)["error"]["field"], "request");
    let out = run(&["estimate"], &format!("\u{feff}{TIANJIN}"));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out.stdout)["total_yuan"], "160000");
}

#[test]
fn help_and_version_print_to_stdout_and_exit_0() {
    for args in [vec!["--help"], vec!["-h"], vec!["help"]] {
        let out = run(&args, "");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        for c in ["estimate", "compare", "regions", "explain", "eligibility", "lookup", "kinds", "version"] {
            assert!(text.contains(&format!("  {c} ")), "{args:?} lists {c}: {text}");
        }
        assert!(out.stderr.is_empty());
    }
    // Each command's flags, by `help COMMAND` and by `COMMAND --help`.
    for (c, flags) in [("estimate", &["--lang", "--as-of", "--reform"][..]), ("compare", &["--reform"]), ("batch", &["--csv", "--explain", "--reform"]), ("explain", &["--json", "--lang"]), ("regions", &["--as-of", "--lang"]), ("lookup", &[])] {
        for args in [vec!["help", c], vec![c, "--help"]] {
            let out = run(&args, "");
            assert_eq!(out.status.code(), Some(0), "{args:?}");
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.starts_with(&format!("usage: lingpao {c}")), "{text}");
            for f in flags {
                assert!(text.contains(f), "{c} documents {f}: {text}");
            }
        }
    }
    for args in [vec!["--version"], vec!["-V"]] {
        let out = run(&args, "");
        assert_eq!(out.status.code(), Some(0));
        assert!(String::from_utf8(out.stdout).unwrap().starts_with(&format!("lingpao {}", env!("CARGO_PKG_VERSION"))));
    }
    // Still JSON errors: an unknown command, a flag the command does not take.
    for args in [vec!["help", "frobnicate"], vec!["kinds", "--lang", "en"], vec!["explain", "tianjin", "--as-of", "2022-01-01"]] {
        let out = run(&args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(json(&out.stderr)["error"]["field"], "arguments", "{args:?}");
    }
}

mod hostile {
    //! The CLI's entry point under random hostile arguments and stdin: it answers or
    //! refuses (exit 0 or 2, a JSON error on stderr), never aborts.
    use super::*;
    use proptest::prelude::*;
    use std::os::unix::ffi::OsStringExt;

    fn stdin_text() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            Just(TIANJIN.as_bytes().to_vec()),
            Just(format!("\u{feff}{TIANJIN}").into_bytes()),
            Just(TIANJIN.replace("lead", "le\\ud800ad").into_bytes()),
            Just(TIANJIN.replace("2022-06-30", "2022-02-30").into_bytes()),
            Just(TIANJIN.replace("\"count\":2", "\"count\":NaN").into_bytes()),
            Just(TIANJIN.replace("\"count\":2", "\"count\":1e999").into_bytes()),
            (1usize..2000).prop_map(|n| format!("{}{}", "[".repeat(n), "]".repeat(n)).into_bytes()),
            (0usize..100_000).prop_map(|n| TIANJIN.replace("tianjin", &"t".repeat(n)).into_bytes()),
            proptest::collection::vec(any::<u8>(), 0..64),
        ]
    }

    fn arg() -> impl Strategy<Value = std::ffi::OsString> {
        prop_oneof![
            Just("estimate".into()), Just("compare".into()), Just("eligibility".into()), Just("explain".into()),
            Just("lookup".into()), Just("regions".into()), Just("--lang".into()), Just("--as-of".into()),
            Just("2023-02-29".into()), Just("--json".into()), Just("-h".into()), Just("help".into()),
            // Any bytes but NUL, which no argument can hold.
            proptest::collection::vec(1u8..=255, 0..12).prop_map(std::ffi::OsString::from_vec),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, .. ProptestConfig::default() })]
        #[test]
        fn any_arguments_and_stdin_answer_or_refuse(args in proptest::collection::vec(arg(), 0..4), stdin in stdin_text()) {
            let mut child = Command::new(env!("CARGO_BIN_EXE_lingpao")).args(&args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
            let mut input = child.stdin.take().unwrap();
            // The command may stop reading early (a refused argument): a broken pipe here is fine.
            let _ = input.write_all(&stdin);
            drop(input);
            let out = child.wait_with_output().unwrap();
            let code = out.status.code();
            prop_assert!(matches!(code, Some(0) | Some(2)), "{args:?}: {:?} {}", out.status, String::from_utf8_lossy(&out.stderr));
            if code == Some(2) {
                let e = json(&out.stderr);
                prop_assert!(e["error"]["field"].as_str().is_some_and(|f| !f.is_empty() && f.len() < 200));
                prop_assert!(out.stderr.len() < 10_000, "{} bytes of stderr", out.stderr.len());
            }
        }
    }
}

/// A reform file in a temporary folder; its path.
fn reform_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("lingpao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const TO_100000: &str = r#"{"name":"10万","changes":[{"policy":"tianjin-subsidy-fund","rule":"national_formulate_lead","amount":"100000"}]}"#;

#[test]
fn estimate_and_compare_take_a_reform_file() {
    let path = reform_file("to-100000.json", TO_100000);
    let out = run(&["estimate", "--reform", path.to_str().unwrap()], TIANJIN);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let r = json(&out.stdout);
    // 2 × 100000 instead of 2 × 80000 (第七条).
    assert_eq!((r["total_yuan"].as_str(), r["baseline_total_yuan"].as_str()), (Some("200000"), Some("160000")));
    assert_eq!(r["reform"]["name"], "10万");
    assert_eq!(r["lines"][0]["reform"]["baseline_amount_yuan"], "160000");
    let out = run(&["compare", "--reform", path.to_str().unwrap()], TIANJIN);
    assert_eq!(out.status.code(), Some(0));
    let c = json(&out.stdout);
    let tj = c["ranking"].as_array().unwrap().iter().find(|r| r["region"] == "tianjin").unwrap().clone();
    assert_eq!((tj["total_yuan"].as_str(), tj["baseline_total_yuan"].as_str()), (Some("200000"), Some("160000")));
    // Without --reform, no trace of one.
    let plain = String::from_utf8(run(&["estimate"], TIANJIN).stdout).unwrap();
    assert!(!plain.contains("reform") && !plain.contains("baseline"), "{plain}");
}

#[test]
fn a_bad_reform_file_exits_2_naming_the_field() {
    let path = reform_file("bad.json", r#"{"changes":[{"policy":"tianjin-subsidy-fund","rule":"national_formulate_lead","amount":"-5"}]}"#);
    for cmd in ["estimate", "compare", "batch"] {
        let out = run(&[cmd, "--reform", path.to_str().unwrap()], TIANJIN);
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let e = json(&out.stderr);
        assert_eq!(e["error"]["field"], "reform.changes[0].amount", "{cmd}");
        assert!(out.stdout.is_empty(), "{cmd}");
    }
    let missing = run(&["estimate", "--reform", "/nonexistent/reform.json"], TIANJIN);
    assert_eq!((missing.status.code(), json(&missing.stderr)["error"]["field"].as_str()), (Some(2), Some("reform")));
    let no_file = run(&["estimate", "--reform"], TIANJIN);
    assert_eq!(no_file.status.code(), Some(2));
}

#[test]
fn batch_under_a_reform_gives_both_totals_and_sums_the_difference() {
    let path = reform_file("batch-100000.json", TO_100000);
    let leader = r#"{"region":"tianjin","as_of":"2022-06-30","achievements":[{"kind":"leader","level":"national"}]}"#;
    let input = [TIANJIN, leader, r#"{"region":"tianjin","achievements":[{"kind":"nope"}]}"#].join("\n");
    let out = run(&["batch", "--reform", path.to_str().unwrap()], &input);
    assert_eq!(out.status.code(), Some(2), "a bad line still fails the batch");
    let lines: Vec<Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!((lines[0]["total_yuan"].as_str(), lines[0]["baseline_total_yuan"].as_str()), (Some("200000"), Some("160000")));
    assert_eq!(lines[0]["baseline_policies"]["tianjin-subsidy-fund"], "160000");
    assert_eq!((lines[1]["total_yuan"].as_str(), lines[1]["baseline_total_yuan"].as_str()), (Some("60000"), Some("60000")));
    assert!(lines[2]["error"].is_object() && lines[2].get("baseline_total_yuan").is_none());
    let summary = String::from_utf8(out.stderr).unwrap();
    assert!(summary.contains("total under the reform 260000 yuan (baseline 220000, difference +40000)"), "{summary}");
    assert!(summary.contains("region tianjin: 2 units, 260000 yuan (baseline 220000, difference +40000)"), "{summary}");
    assert!(summary.contains("policy tianjin-subsidy-fund: 260000 yuan (baseline 220000, difference +40000)"), "{summary}");
    // CSV: the baseline's columns before the error's.
    let csv = "region,as_of,standard:level=national:action=formulate:role=lead\ntianjin,2022-06-30,2\n";
    let out = run(&["batch", "--csv", "--reform", path.to_str().unwrap()], csv);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "line,region,total_yuan,total_is_upper_bound,policies,baseline_total_yuan,baseline_policies,error_field,error_message\n2,tianjin,200000,false,tianjin-subsidy-fund=200000,160000,tianjin-subsidy-fund=160000,,\n"
    );
}

#[test]
fn checklist_of_a_region_as_text_and_json_and_of_a_request() {
    let out = run(&["checklist", "weihai", "--lang", "en"], "");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("The Weihai standardization subsidy application form") && text.contains("“(一)威海市标准化资助资金申请表；”"), "{text}");
    let out = run(&["checklist", "zhengzhou"], "");
    assert!(String::from_utf8(out.stdout).unwrap().contains("本文件未列明申报材料。"));
    let out = run(&["checklist", "zhengzhou", "--lang", "en"], "");
    assert!(String::from_utf8(out.stdout).unwrap().contains("This text lists no materials."));
    let v = json(&run(&["checklist", "tianjin", "--json", "--as-of", "2022-06-30"], "").stdout);
    assert_eq!(v["policies"][1]["policy"], "tianjin-subsidy-fund");
    assert_eq!(v["policies"][1]["materials"][2]["kinds"], serde_json::json!(["standard"]));
    // A request on stdin: the standard's proof ticked on its line.
    let v = json(&run(&["checklist"], TIANJIN).stdout);
    assert_eq!(v["policies"][1]["materials"][2]["lines"], serde_json::json!([0]));
    let out = run(&["checklist", "nowhere"], "");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out.stderr)["error"]["field"], "region");
}

/// `lingpao advise`: the issue's case (two national standards in Beijing) on stdin gives
/// the next items ranked, the cap's room in words; `--across` prices each in every
/// region; `help advise` documents its flags; bad input exits 2 naming the field.
#[test]
fn advise_ranks_the_next_items_with_the_room_left() {
    let beijing = r#"{"region":"beijing","as_of":"2023-06-30","achievements":[{"kind":"standard","level":"national","action":"formulate","role":"lead","count":2}]}"#;
    let out = run(&["advise"], beijing);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let a = json(&out.stdout);
    assert_eq!(a["total_yuan"], "500000");
    let cands = a["candidates"].as_array().unwrap();
    assert_eq!(cands[0]["achievement"]["level"], "international", "the raised cap makes it first: {}", cands[0]);
    assert_eq!(cands[0]["marginal_yuan"], "500000");
    let national = cands.iter().find(|c| c["achievement"] == serde_json::json!({ "kind": "standard", "level": "national", "action": "formulate", "role": "lead", "count": 1 })).unwrap();
    assert_eq!((national["marginal_yuan"].as_str(), national["listed_yuan"].as_str()), (Some("0"), Some("300000")));
    assert!(national["reasons"][0]["text"].as_str().unwrap().contains("已用 500000 元，尚余 0 元"), "{national}");
    assert!(cands.iter().all(|c| c.get("regions").is_none()));
    // In English, the same room.
    let en = json(&run(&["advise", "--lang", "en"], beijing).stdout);
    let room = en["room"].as_array().unwrap().iter().find(|r| r["limit"] == "standards_annual_cap").unwrap();
    assert_eq!(room["summary"], "0 of 500,000 yuan left (500,000 used)");

    let across = json(&run(&["advise", "--across"], beijing).stdout);
    let regions = lingpao::policy::catalog().head.regions.len();
    for c in across["candidates"].as_array().unwrap() {
        assert_eq!(c["regions"].as_array().map(Vec::len), Some(regions), "{}", c["achievement"]);
    }

    for args in [vec!["help", "advise"], vec!["advise", "--help"]] {
        let out = run(&args, "");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.starts_with("usage: lingpao advise"), "{text}");
        for f in ["--across", "--lang", "--as-of"] {
            assert!(text.contains(f), "advise documents {f}: {text}");
        }
    }

    for (input, field) in [(r#"{"region":"atlantis","achievements":[]}"#, "region"), (r#"{"region":"beijing","achievements":[{"kind":"standard","level":"city"}]}"#, "achievements[0].level"), ("{", "request")] {
        let out = run(&["advise"], input);
        assert_eq!(out.status.code(), Some(2), "{input}");
        assert_eq!(json(&out.stderr)["error"]["field"], field, "{input}");
        assert!(out.stdout.is_empty());
    }
    let out = run(&["advise", "--across=yes"], beijing);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out.stderr)["error"]["field"], "arguments");
}
