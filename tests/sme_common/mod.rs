//! Shared by the SME tests (tests/sme*.rs): the hand-computed cases of
//! `policies/cases/sme/cases.toml`, how to run a fact set, and reading the result.
#![allow(dead_code)]

use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

pub const TODAY: &str = "2026-11-28";
pub const TIERS: [&str; 3] = ["innovative", "specialized", "little_giant"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    pub base: BTreeMap<String, toml::Table>,
    pub case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    pub base: String,
    #[serde(default)]
    pub leave_out: Vec<String>,
    /// The hand computation, clause by clause.
    pub arithmetic: String,
    #[serde(default)]
    pub facts: toml::Table,
    pub innovative: Expect,
    pub specialized: Expect,
    pub little_giant: Expect,
    #[serde(default)]
    pub missing: Vec<ExpectMissing>,
    /// Where the engine disagrees with the text: the case must still disagree.
    pub known_bug: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub verdict: String,
    pub points_min: Option<u32>,
    pub points_max: Option<u32>,
    #[serde(default)]
    pub indicators: BTreeMap<String, Points>,
    #[serde(default)]
    pub met: Vec<String>,
    #[serde(default)]
    pub not_met: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Points {
    Exact(u32),
    Range([u32; 2]),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectMissing {
    pub tier: String,
    pub id: Option<String>,
    pub input: String,
    pub to: String,
}

pub fn case_file() -> CaseFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/cases/sme/cases.toml");
    toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A case's facts: its base, the case's facts over it, `leave_out` removed.
pub fn facts_of(file: &CaseFile, case: &Case) -> Map<String, Value> {
    let base = file.base.get(&case.base).unwrap_or_else(|| panic!("{}: no base `{}`", case.name, case.base));
    let mut facts: Map<String, Value> = base.iter().map(|(k, v)| (k.clone(), serde_json::to_value(v).unwrap())).collect();
    for (k, v) in &case.facts {
        facts.insert(k.clone(), serde_json::to_value(v).unwrap());
    }
    for k in &case.leave_out {
        assert!(facts.remove(k).is_some(), "{}: leave_out `{k}` is not in the facts", case.name);
    }
    facts
}

pub fn today() -> lingpao::date::Date {
    lingpao::date::Date::parse(TODAY).unwrap()
}

/// The assessment of a fact set as JSON, or the error.
pub fn assess(facts: &Map<String, Value>) -> Result<Value, lingpao::model::InputError> {
    assess_text(&json!({ "facts": facts }).to_string())
}

pub fn assess_text(text: &str) -> Result<Value, lingpao::model::InputError> {
    let v = lingpao::api::parse_json(text)?;
    lingpao::api::sme(&v, today()).map(|r| serde_json::to_value(r).unwrap())
}

pub fn tier<'a>(result: &'a Value, id: &str) -> &'a Value {
    result["tiers"].as_array().unwrap().iter().find(|t| t["id"] == id).unwrap_or_else(|| panic!("no tier {id}"))
}

pub fn indicator<'a>(tier: &'a Value, id: &str) -> Option<&'a Value> {
    tier["indicators"].as_array().unwrap().iter().find(|i| i["id"] == id)
}

pub fn condition<'a>(tier: &'a Value, id: &str) -> Option<&'a Value> {
    tier["conditions"].as_array().unwrap().iter().find(|c| c["id"] == id)
}

/// Every way in which `result` differs from the case's expectations (empty: it holds).
pub fn differences(case: &Case, result: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for (id, e) in [("innovative", &case.innovative), ("specialized", &case.specialized), ("little_giant", &case.little_giant)] {
        let t = tier(result, id);
        if t["verdict"] != e.verdict.as_str() {
            out.push(format!("{id}: verdict {} (expected {})", t["verdict"], e.verdict));
        }
        let score = &t["score"];
        for (k, want) in [("points_min", e.points_min), ("points_max", e.points_max)] {
            if let Some(w) = want {
                if score[k] != w {
                    out.push(format!("{id}: {k} {} (expected {w})", score[k]));
                }
            }
        }
        for (ind, want) in &e.indicators {
            let Some(i) = indicator(t, ind) else {
                out.push(format!("{id}: no indicator {ind}"));
                continue;
            };
            let (lo, hi) = match want {
                Points::Exact(p) => (*p, *p),
                Points::Range([a, b]) => (*a, *b),
            };
            if i["points_min"] != lo || i["points_max"] != hi {
                out.push(format!("{id}.{ind}: points {}–{} (expected {lo}–{hi})", i["points_min"], i["points_max"]));
            }
        }
        for (list, want) in [(&e.met, "met"), (&e.not_met, "not_met")] {
            for c in list {
                match condition(t, c) {
                    None => out.push(format!("{id}: no condition {c}")),
                    Some(x) if x["verdict"] != want => out.push(format!("{id}.{c}: {} (expected {want})", x["verdict"])),
                    _ => {}
                }
            }
        }
    }
    for m in &case.missing {
        let t = tier(result, &m.tier);
        let found = t["missing"].as_array().unwrap().iter().filter(|x| m.id.as_deref().is_none_or(|id| x["id"] == id)).any(|x| {
            x["changes"].as_array().unwrap().iter().any(|c| c["input"] == m.input.as_str() && c["to"] == m.to.as_str())
        });
        if !found {
            let said: Vec<String> = t["missing"].as_array().unwrap().iter().map(|x| format!("{}: {}", x["id"], x["changes"])).collect();
            out.push(format!("{}: no plan{} sets {} to {} (plans: {})", m.tier, m.id.as_ref().map_or(String::new(), |i| format!(" `{i}`")), m.input, m.to, said.join(" | ")));
        }
    }
    out
}
