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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedLine {
    pub achievement: usize,
    pub rule: String,
    pub amount_yuan: String,
}

pub fn case_files() -> Vec<(String, CaseFile)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("policies/cases").map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "toml")).collect();
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
