//! The wasm face tested inside wasm (wasm-bindgen-test), in Node and in headless
//! Chromium: the same calls a page makes, on plain JS objects.
#![cfg(target_arch = "wasm32")]

#[allow(unused_imports)] // each module uses its part
use js_sys::{Array, JSON, Reflect};
use lingpao::wasm;
#[allow(unused_imports)]
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn js(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

fn parsed(r: Result<wasm::Utf16, JsValue>) -> JsValue {
    js(&String::from_utf16(&r.expect("a result")).expect("UTF-16 JSON text"))
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

// The estimator module (the default build).
#[cfg(not(feature = "national-module"))]
mod estimator {
    use super::*;

    #[wasm_bindgen_test]
    fn estimate_on_a_plain_object() {
        let r = parsed(wasm::estimate_json(r#"{"region":"tianjin","as_of":"2022-06-30","achievements":[{"kind":"standard","level":"national","action":"formulate","role":"lead","count":2}]}"#, None));
        assert_eq!(get(&r, "total_yuan").as_string().unwrap(), "160000");
        let line = Array::from(&get(&r, "lines")).get(0);
        assert_eq!(get(&line, "clause").as_string().unwrap(), "第七条");
    }

    #[wasm_bindgen_test]
    fn bad_input_is_a_js_error_with_field_and_allowed() {
        let e = wasm::estimate_json(r#"{"region":"tianjin","achievements":[{"kind":"leader","level":"galactic"}]}"#, None).unwrap_err();
        assert!(e.is_instance_of::<js_sys::Error>());
        assert_eq!(get(&e, "field").as_string().unwrap(), "achievements[0].level");
        let allowed: Vec<String> = Array::from(&get(&e, "allowed")).iter().map(|v| v.as_string().unwrap()).collect();
        assert_eq!(allowed, ["national", "provincial", "municipal"]);
    }

    #[wasm_bindgen_test]
    fn nothing_traps() {
        for text in ["null", "42", "[]", "{}", r#"{"region":"tianjin","achievements":[{"kind":"leader","level":"national","count":1e300}]}"#, r#"{"region":"tianjin","achievements":[{"kind":"standard","level":{}}]}"#] {
            let _ = wasm::estimate_json(text, None);
            let _ = wasm::compare_json(text, None);
        }
        assert!(wasm::estimate_json("{\"region\":", None).is_err());
        assert!(wasm::estimate_json("\u{0}", None).is_err());
        assert!(wasm::explain_json("atlantis", None).is_err());
        assert!(wasm::regions_json(Some("yesterday".into()), None).is_err());
    }

    #[wasm_bindgen_test]
    fn compare_regions_explain_version() {
        let c = parsed(wasm::compare_json(r#"{"as_of":"2022-06-30","achievements":[{"kind":"leader","level":"national"}]}"#, None));
        let regions = lingpao::policy::catalog().head.regions.len() as u32;
        assert_eq!(Array::from(&get(&c, "ranking")).length(), regions);
        assert_eq!(Array::from(&parsed(wasm::regions_json(None, Some("en".into())))).length(), regions);
        assert!(get(&parsed(wasm::explain_json("weihai", None)), "policies").is_object());
        assert!(get(&parsed(wasm::version_json()), "data").as_string().unwrap().contains("+data."));
    }

    #[wasm_bindgen_test]
    fn batch_lines_answer_each_line_in_order_and_go_on_after_a_bad_one() {
        let input = "{\"region\":\"tianjin\",\"as_of\":\"2022-06-30\",\"achievements\":[{\"kind\":\"leader\",\"level\":\"national\"}]}\n\n{oops\n\
                     {\"region\":\"tianjin\",\"as_of\":\"2022-06-30\",\"achievements\":[]}";
        let out = String::from_utf16(&wasm::batch_lines(input.as_bytes(), 10, None).expect("lines")).expect("UTF-16");
        let lines: Vec<JsValue> = out.lines().map(js).collect();
        assert_eq!(lines.len(), 3, "{out}");
        let n = |v: &JsValue| get(v, "line").as_f64().unwrap();
        assert_eq!(lines.iter().map(n).collect::<Vec<_>>(), [11.0, 13.0, 14.0]); // the blank line 12 is no unit
        assert_eq!(get(&lines[0], "total_yuan").as_string().unwrap(), "60000");
        assert_eq!(get(&get(&lines[1], "error"), "field").as_string().unwrap(), "request");
        assert_eq!(get(&lines[2], "total_yuan").as_string().unwrap(), "0");
        // Bytes that are not UTF-8, or a line over 1 MiB: error lines, not a trap.
        let mut bad = vec![0xff, 0xfe, b'\n'];
        bad.extend(std::iter::repeat_n(b'x', (1 << 20) + 5));
        let out = String::from_utf16(&wasm::batch_lines(&bad, 0, None).expect("lines")).expect("UTF-16");
        assert!(out.contains("not UTF-8") && out.contains("1 MiB"), "{out}");
    }

    #[wasm_bindgen_test]
    fn a_reform_inside_wasm_changes_the_lines_it_names() {
        let req = r#"{"region":"tianjin","as_of":"2022-06-30","achievements":[{"kind":"standard","level":"national","action":"formulate","role":"lead","count":2}]}"#;
        let reform = r#"{"name":"10万","changes":[{"policy":"tianjin-subsidy-fund","rule":"national_formulate_lead","amount":"100000"}]}"#;
        let r = parsed(wasm::estimate_json(req, Some(reform.into())));
        assert_eq!(get(&r, "total_yuan").as_string().unwrap(), "200000");
        assert_eq!(get(&r, "baseline_total_yuan").as_string().unwrap(), "160000");
        let line = Array::from(&get(&r, "lines")).get(0);
        assert_eq!(get(&get(&line, "reform"), "baseline_amount_yuan").as_string().unwrap(), "160000");
        let bad = r#"{"changes":[{"policy":"tianjin-subsidy-fund","rule":"national_formulate_lead","amount":"-1"}]}"#;
        let e = wasm::compare_json(req, Some(bad.into())).unwrap_err();
        assert_eq!(get(&e, "field").as_string().unwrap(), "reform.changes[0].amount");
    }

    #[wasm_bindgen_test]
    fn advise_ranks_what_to_add_next() {
        let r = parsed(wasm::advise_json(r#"{"region":"beijing","as_of":"2023-06-30","achievements":[{"kind":"standard","level":"national","action":"formulate","role":"lead","count":2}]}"#));
        let first = Array::from(&get(&r, "candidates")).get(0);
        assert_eq!(get(&first, "marginal_yuan").as_string().unwrap(), "500000");
        let e = wasm::advise_json(r#"{"achievements":[]}"#).unwrap_err();
        assert_eq!(get(&e, "field").as_string().unwrap(), "region");
    }

    #[wasm_bindgen_test]
    fn batch_lines_take_a_reform() {
        let line = "{\"region\":\"tianjin\",\"as_of\":\"2022-06-30\",\"achievements\":[{\"kind\":\"standard\",\"level\":\"national\",\"action\":\"formulate\",\"role\":\"lead\",\"count\":2}]}\n";
        let reform = r#"{"changes":[{"policy":"tianjin-subsidy-fund","rule":"national_formulate_lead","amount":"100000"}]}"#;
        let out = String::from_utf16(&wasm::batch_lines(line.as_bytes(), 0, Some(reform.into())).expect("lines")).expect("UTF-16");
        assert!(out.contains("\"total_yuan\":\"200000\"") && out.contains("\"baseline_total_yuan\":\"160000\""), "{out}");
        let e = wasm::batch_lines(line.as_bytes(), 0, Some("{}".into())).unwrap_err();
        assert!(get(&e, "field").as_string().unwrap().starts_with("reform"));
    }
}

// The national module (`--features national-module`): the self-checks and registers.
#[cfg(feature = "national-module")]
mod national {
    use super::*;

    #[wasm_bindgen_test]
    fn eligibility() {
        let r = parsed(wasm::eligibility_json(r#"{"region":"taizhou","facts":{"years_implemented":1}}"#));
        assert_eq!(get(&r, "verdict").as_string().unwrap(), "incomplete");
        let e = wasm::eligibility_json(r#"{"region":"taizhou","facts":{"declared":"yes"}}"#).unwrap_err();
        assert_eq!(get(&e, "field").as_string().unwrap(), "facts.declared");
    }
}
