//! The application checklists (`policies/cases/checklist/`): per text, the materials and
//! steps it lists, in its order, the kinds each material belongs to, and on each case the
//! achievements whose lines each material is ticked on. Also: the texts that list
//! nothing say so, and the package's asset is the data's.

mod common;

use common::*;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    policy: String,
    materials: Vec<String>,
    steps: Vec<String>,
    /// Whether the text leaves materials to another document.
    elsewhere: bool,
    /// Material id → the kinds it belongs to (not named: none, every application).
    kinds: BTreeMap<String, Vec<String>>,
    #[serde(default, rename = "case")]
    cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// Why each material is (not) ticked, from the text.
    reason: String,
    request: toml::Value,
    /// Material id → the achievements whose lines it serves (not named: none).
    ticks: BTreeMap<String, Vec<usize>>,
}

#[derive(Debug, Deserialize)]
struct NoneFile {
    policies: Vec<String>,
}

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/cases/checklist")
}

fn files() -> Vec<(String, File)> {
    let mut paths: Vec<_> = std::fs::read_dir(dir()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "toml") && !p.ends_with("none.toml")).collect();
    paths.sort();
    paths.into_iter().map(|p| (p.file_name().unwrap().to_string_lossy().to_string(), toml::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", p.display())))).collect()
}

fn checklist(request: &serde_json::Value) -> serde_json::Value {
    let today = lingpao::date::Date::parse(TODAY).unwrap();
    let c = lingpao::api::checklist(&req(request), today).unwrap_or_else(|e| panic!("{request}: {e:?}"));
    serde_json::to_value(&c).unwrap()
}

/// A text's entry in a checklist.
fn policy_entry(c: &serde_json::Value, policy: &str) -> serde_json::Value {
    c["policies"].as_array().unwrap().iter().find(|p| p["policy"] == policy).cloned().unwrap_or_else(|| panic!("{policy} not in the checklist of {}", c["region"]))
}

fn region_of(policy: &str) -> String {
    let p = lingpao::policy::bundle().policies.iter().find(|p| p.id == policy).unwrap_or_else(|| panic!("unknown policy {policy}"));
    p.region.to_string()
}

#[test]
fn entries_and_kinds_are_the_texts() {
    let mut failures = Vec::new();
    for (name, f) in files() {
        let p = lingpao::policy::bundle().policies.iter().find(|p| p.id == f.policy).unwrap_or_else(|| panic!("{name}: unknown policy {}", f.policy));
        let day = p.effective.as_deref().unwrap_or(&p.issued).to_string();
        let c = checklist(&serde_json::json!({ "region": p.region.as_str(), "as_of": day, "achievements": [] }));
        let e = policy_entry(&c, &f.policy);
        let ids = |k: &str| e[k].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_string()).collect::<Vec<_>>();
        if ids("materials") != f.materials {
            failures.push(format!("{name}: materials {:?}, expected {:?}", ids("materials"), f.materials));
        }
        if ids("steps") != f.steps {
            failures.push(format!("{name}: steps {:?}, expected {:?}", ids("steps"), f.steps));
        }
        if e["lists_materials"] != !f.materials.is_empty() || e["materials_elsewhere"].is_null() == f.elsewhere {
            failures.push(format!("{name}: lists_materials {} / materials_elsewhere {}", e["lists_materials"], e["materials_elsewhere"]));
        }
        for m in e["materials"].as_array().unwrap() {
            let got: Vec<String> = m["kinds"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_string()).collect();
            let want = f.kinds.get(m["id"].as_str().unwrap()).cloned().unwrap_or_default();
            if got != want {
                failures.push(format!("{name}: material {} belongs to {got:?}, expected {want:?}", m["id"]));
            }
            if !m["lines"].as_array().unwrap().is_empty() {
                failures.push(format!("{name}: material {} ticked with no achievements", m["id"]));
            }
        }
        for k in f.kinds.keys() {
            if !f.materials.contains(k) {
                failures.push(format!("{name}: `kinds` names {k}, not a material"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ticks_follow_the_kinds() {
    let mut failures = Vec::new();
    let mut n = 0;
    for (name, f) in files() {
        for case in &f.cases {
            n += 1;
            let request = to_json(&case.request);
            let c = checklist(&request);
            let est = serde_json::to_value(lingpao::api::estimate(&req(&request), lingpao::date::Date::parse(TODAY).unwrap()).unwrap()).unwrap();
            let e = policy_entry(&c, &f.policy);
            let mut got = BTreeMap::new();
            for m in e["materials"].as_array().unwrap() {
                let achs: BTreeSet<usize> = m["lines"].as_array().unwrap().iter().map(|i| est["lines"][i.as_u64().unwrap() as usize]["achievement"].as_u64().unwrap() as usize).collect();
                if !achs.is_empty() {
                    got.insert(m["id"].as_str().unwrap().to_string(), achs.into_iter().collect::<Vec<_>>());
                }
            }
            if got != case.ticks {
                failures.push(format!("{name} — {}: ticks {got:?}, expected {:?}\n    reason: {}", case.name, case.ticks, case.reason));
            }
            for k in case.ticks.keys() {
                if !f.materials.contains(k) {
                    failures.push(format!("{name} — {}: ticks names {k}, not a material", case.name));
                }
            }
        }
    }
    assert!(n >= 10, "only {n} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every text with a checklist has a case file, and every other text is listed in
/// none.toml, where the result says it lists no materials.
#[test]
fn every_text_is_read() {
    let none: NoneFile = toml::from_str(&std::fs::read_to_string(dir().join("none.toml")).unwrap()).unwrap();
    let with_file: BTreeSet<String> = files().into_iter().map(|(_, f)| f.policy).collect();
    for p in &lingpao::policy::bundle().policies {
        let has = !p.material.is_empty() || !p.step.is_empty() || p.materials_elsewhere.is_some();
        let id = p.id.to_string();
        assert_eq!(has, with_file.contains(&id), "{id}: a checklist in the data ({has}) needs a case file, and only then");
        assert_eq!(!has, none.policies.contains(&id), "{id}: listed in none.toml ({}) but its data has a checklist ({has})", none.policies.contains(&id));
        if !has && p.region != "national" {
            let c = checklist(&serde_json::json!({ "region": region_of(&id), "as_of": p.effective.as_deref().unwrap_or(&p.issued), "achievements": [] }));
            let e = policy_entry(&c, &id);
            assert_eq!(e["lists_materials"], false, "{id}");
            assert!(e["materials"].as_array().unwrap().is_empty() && e["steps"].as_array().unwrap().is_empty(), "{id}");
        }
    }
    assert_eq!(none.policies.len() + with_file.len(), lingpao::policy::bundle().policies.len());
}

/// `pkg/checklists.json` (the package's copy, written by `cargo run --example gen`) holds
/// the data's entries, every quote verbatim in its source.
#[test]
fn the_asset_is_the_data() {
    let asset: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg/checklists.json")).unwrap()).unwrap();
    let b = lingpao::policy::bundle();
    assert_eq!(asset["data_version"], b.data_version.as_str());
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/sources");
    for p in &b.policies {
        let a = &asset["policies"][p.id.as_str()];
        let source: String = std::fs::read_to_string(sources.join(p.source.as_str())).unwrap().chars().filter(|c| !c.is_whitespace()).collect();
        // Every quote of the asset is verbatim in its text (the build checked the data;
        // this checks the file written from it).
        for m in a["materials"].as_array().unwrap().iter().chain(a["steps"].as_array().unwrap()) {
            let q: String = m["quote"].as_str().unwrap().chars().filter(|c| !c.is_whitespace()).collect();
            assert!(source.contains(&q), "{}: {}", p.id, m["quote"]);
        }
        assert_eq!(a["materials"].as_array().unwrap().len(), p.material.len(), "{}", p.id);
        assert_eq!(a["steps"].as_array().unwrap().len(), p.step.len(), "{}", p.id);
    }
}

fn source(name: &str) -> Option<String> {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/sources").join(name)).ok()
}

/// The build's checks, each shown to catch its fault on a copy of the data.
fn errors_after(change: impl Fn(&mut lingpao::policy::schema::PolicyDef)) -> Vec<String> {
    let mut bundle = lingpao::policy::bundle().clone();
    change(bundle.policies.iter_mut().find(|p| p.id == "weihai-subsidy-fund").unwrap());
    lingpao::policy::validate::validate(&bundle, &source)
}

#[test]
fn the_build_refuses_a_bad_checklist() {
    use lingpao::policy::schema::{OneOrMany, Selector};
    let has = |errors: Vec<String>, what: &str| assert!(errors.iter().any(|e| e.contains(what)), "expected «{what}» in {errors:?}");
    has(errors_after(|p| p.material[1].quote = (p.material[1].quote.replacen('的', "得", 1)).into()), "weihai-subsidy-fund/material publication_notice: quote not found verbatim");
    has(errors_after(|p| p.step[0].quote = "".into()), "empty quote");
    has(errors_after(|p| p.material[2].id = p.material[1].id.clone()), "an id of its own");
    has(errors_after(|p| p.step[1].id = p.material[0].id.clone()), "an id of its own");
    has(errors_after(|p| p.material[0].text.en = " ".into()), "both zh and en");
    has(errors_after(|p| p.step[0].text.zh = "".into()), "both zh and en");
    has(errors_after(|p| p.material[1].select = Some(Selector { kind: Some(OneOrMany::One("no_such_kind".into())), ..Default::default() })), "unknown kind `no_such_kind`");
    has(errors_after(|p| p.material[1].select = Some(Selector { kind: Some(OneOrMany::One("trademark".into())), ..Default::default() })), "picks no rule of this text");
    has(errors_after(|p| p.material[1].select = Some(Selector { rule: Some(OneOrMany::One("no_such_rule".into())), ..Default::default() })), "unknown rule `no_such_rule`");
    has(errors_after(|p| p.material[1].select.as_mut().unwrap().when = [("level".into(), OneOrMany::One("national".into()))].into_iter().collect()), "takes no `when`");
    has(errors_after(|p| p.materials_elsewhere = Some(lingpao::policy::schema::ElsewhereDef { text: lingpao::policy::schema::Text { zh: "x".into(), en: "x".into() }, clause: "第一条".into(), quote: "不在文中".into() })), "materials_elsewhere: quote not found verbatim");
}
