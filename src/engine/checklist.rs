//! The application checklist (issue 16): per text of the region, the materials it says
//! to hand in and the steps of an application, each with its clause and verbatim quote;
//! a material of one kind is ticked on the estimate's lines it serves.
//!
//! The estimator's wasm module does not carry this data (build.rs strips it: mostly
//! Chinese quotes, 7.2 KB brotli); `crate::gen` writes it, resolved by [`served`], to
//! `pkg/checklists.json`, and the npm package ticks the wasm estimate's lines with it by
//! the rule here: a line is served when its kind and its rule are among those picked.

use crate::model::result::{EstimateResult, Line, Status};
use crate::model::{pick, Lang};
use crate::policy::schema::{rule_kinds, MaterialDef, PolicyDef, Text};
use crate::policy::Catalog;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Checklist<'a> {
    pub region: &'a str,
    pub region_name: &'a Text,
    pub as_of: String,
    /// The region's texts on `as_of`, in the estimate's order.
    pub policies: Vec<PolicyChecklist<'a>>,
    pub data_version: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct PolicyChecklist<'a> {
    pub policy: &'a str,
    pub title: &'a str,
    pub status: Status,
    pub pays: bool,
    /// False where the text lists no materials (then `materials` is empty and
    /// `materials_elsewhere` may say where they are set).
    pub lists_materials: bool,
    pub materials: Vec<Material<'a>>,
    pub steps: Vec<Step<'a>>,
    pub materials_elsewhere: Option<Elsewhere<'a>>,
}

/// A material: an entry as a step's, with the kinds it belongs to and the lines it serves.
#[derive(Debug, Clone, Serialize)]
pub struct Material<'a> {
    #[serde(flatten)]
    pub entry: Step<'a>,
    /// The kinds of item it belongs to; empty: every application of the text needs it.
    pub kinds: Vec<&'a str>,
    /// The estimate's lines (their indices in `lines`) it serves: lines of those kinds
    /// paid by the rules picked, with an amount above 0 (a line a limit brings to 0
    /// claims nothing). Always empty for a material of every application.
    pub lines: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Step<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub clause: &'a str,
    pub quote: &'a str,
    pub note: Option<&'a str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Elsewhere<'a> {
    pub text: &'a str,
    pub clause: &'a str,
    pub quote: &'a str,
}

/// The kinds and rules of `p` a material's selector picks, each in data order (both
/// empty without a selector).
pub fn served<'a>(p: &'a PolicyDef, m: &MaterialDef) -> (Vec<&'a str>, Vec<&'a str>) {
    let (mut kinds, mut rules) = (Vec::new(), Vec::new());
    let Some(s) = &m.select else { return (kinds, rules) };
    for r in &p.rule {
        for k in rule_kinds(r).iter().filter(|k| s.picks_line(k, r)) {
            if !kinds.contains(&k.as_str()) {
                kinds.push(k.as_str());
            }
            if !rules.contains(&r.id.as_str()) {
                rules.push(r.id.as_str());
            }
        }
    }
    (kinds, rules)
}

fn entry<'a>(lang: Lang, id: &'a str, text: &'a Text, clause: &'a str, quote: &'a str, note: Option<&'a Text>) -> Step<'a> {
    Step { id, text: pick(lang, text), clause, quote, note: note.map(|n| pick(lang, n)) }
}

/// Whether a line claims money: its amount is not zero.
fn claims_money(l: &Line) -> bool {
    l.amount_yuan.bytes().any(|b| (b'1'..=b'9').contains(&b))
}

/// The checklist of every text of the estimate's region, ticked on its lines.
pub fn checklist<'a>(cat: &'a Catalog, est: &EstimateResult<'a>, lang: Lang) -> Checklist<'a> {
    let policies = est
        .policies
        .iter()
        .filter_map(|s| cat.policy_by_id(s.id).map(|p| (s, p)))
        .map(|(s, p)| PolicyChecklist {
            policy: &p.id,
            title: s.title,
            status: s.status,
            pays: s.pays,
            lists_materials: !p.material.is_empty(),
            materials: p
                .material
                .iter()
                .map(|m| {
                    let (kinds, rules) = served(p, m);
                    let lines = est
                        .lines
                        .iter()
                        .enumerate()
                        .filter(|(_, l)| l.policy == p.id && kinds.contains(&l.kind) && rules.contains(&l.rule) && claims_money(l))
                        .map(|(i, _)| i)
                        .collect();
                    Material { entry: entry(lang, &m.id, &m.text, &m.clause, &m.quote, m.note.as_ref()), kinds, lines }
                })
                .collect(),
            steps: p.step.iter().map(|s| entry(lang, &s.id, &s.text, &s.clause, &s.quote, s.note.as_ref())).collect(),
            materials_elsewhere: p.materials_elsewhere.as_ref().map(|e| Elsewhere { text: pick(lang, &e.text), clause: &e.clause, quote: &e.quote }),
        })
        .collect();
    Checklist { region: est.region, region_name: est.region_name, as_of: est.as_of.clone(), policies, data_version: est.data_version }
}
