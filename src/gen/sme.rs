//! The generated files of the SME scheme (`policies/sme.toml`): `docs/sme.md` and the
//! facts' TypeScript types.

use super::{both, union};
use crate::policy::tiers::{CondDef, InputDef, InputType, SmeScheme, Test};

fn ty(i: &InputDef) -> String {
    match i.ty {
        InputType::Yuan => "yuan ≥ 0 (decimal string, 2 decimals at most)".into(),
        InputType::SignedYuan => "yuan, negative for a loss".into(),
        InputType::Percent => "percent 0–100 (2 decimals at most)".into(),
        InputType::Count => "whole number ≥ 0".into(),
        InputType::Years => "whole years 0–100".into(),
        InputType::Points => format!("whole points 0–{}", i.max.unwrap_or(0)),
        InputType::Bool => "true / false".into(),
        InputType::Choice => i.choice.iter().map(|c| format!("`{}` {}", c.id, c.name.zh)).collect::<Vec<_>>().join(" · "),
    }
}

/// A test as a formula: `rd_ratio ≥ 3 and rd_expense ≥ 1000000`.
fn formula(t: &Test, default: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(m) = t.measure.as_deref().or(default).filter(|_| t.has_bounds()) {
        match (t.min, t.max) {
            (Some(a), Some(b)) => parts.push(format!("{a} ≤ `{m}` ≤ {b}")),
            (Some(a), None) => parts.push(format!("`{m}` ≥ {a}")),
            (None, Some(b)) => parts.push(format!("`{m}` ≤ {b}")),
            _ => {}
        }
        if !t.is.is_empty() {
            parts.push(format!("`{m}` ∈ {{{}}}", t.is.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")));
        }
        if let Some(b) = t.equals {
            parts.push(format!("`{m}` = {b}"));
        }
    }
    if let Some(tier) = &t.tier {
        parts.push(format!("tier `{tier}` met"));
    }
    parts.extend(t.all.iter().map(|a| format!("({})", formula(a, default))));
    if !t.any.is_empty() {
        parts.push(format!("({})", t.any.iter().map(|a| formula(a, default)).collect::<Vec<_>>().join(" or ")));
    }
    if parts.is_empty() {
        "always".into()
    } else {
        parts.join(" and ")
    }
}

fn conds(title: &str, list: &[CondDef]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{title}\n\n| id | test | clause | quote |\n|---|---|---|---|\n");
    for c in list {
        let note = c.note.as_ref().map(|n| format!(" *Reading: {}*", n.en)).unwrap_or_default();
        out += &format!("| `{}` | {} | {} | “{}”{} |\n", c.id, formula(&c.test, None), c.clause, c.quote, note);
    }
    out
}

/// `docs/sme.md`: the facts, the computed figures, and each tier's rules with their quotes.
pub fn sme_md(s: &SmeScheme) -> String {
    let mut out = format!(
        "# SME tiers: {} ({})\n\nGenerated from `policies/sme.toml` by `cargo run --example gen`. `lingpao sme < facts.json` (npm `sme()`, the page's “优质中小企业自评” tab) assesses the three tiers on the facts below. Every fact may be left out: the score becomes a range and a verdict that depends on it `undetermined`, never an assumption. Bands follow annex 4 (十三): “以上”/“以下” include the bound, and a value on the edge of two bands takes the higher points.\n\n## Facts\n\n| fact | type | meaning | definition |\n|---|---|---|---|\n",
        s.title.zh, s.title.en
    );
    for i in &s.input {
        let def = i.quote.as_ref().map(|q| format!("{}: “{q}”", i.clause.as_deref().unwrap_or_default())).unwrap_or_default();
        let part = i.part_of.as_ref().map(|w| format!(" At most `{w}`.")).unwrap_or_default();
        out += &format!("| `{}` | {} | {}{part} | {def} |\n", i.id, ty(i), both(&i.doc));
    }
    out += "\n## Computed figures (never asked)\n\n| figure | from | meaning | clause |\n|---|---|---|---|\n";
    for m in &s.measure {
        let cite = m.quote.as_ref().map(|q| format!("{}: “{q}”", m.clause.as_deref().unwrap_or_default())).unwrap_or_default();
        out += &format!("| `{}` | {:?} of {} | {} | {cite} |\n", m.id, m.formula, m.of.iter().map(|x| format!("`{x}`")).collect::<Vec<_>>().join(", "), both(&m.name));
    }
    out += &conds("## Conditions of every tier", &s.condition);
    for t in &s.tier {
        out += &format!("\n## `{}` — {}\n\n{}: “{}”\n", t.id, both(&t.name), t.clause, t.quote);
        out += "\nMet when every required condition holds and either the score";
        out += if t.general.is_empty() { "" } else { " with every general condition" };
        out += " holds or one direct condition does.\n";
        out += &conds("Required:", &t.condition);
        out += &conds("General (with the score, unless a direct condition holds):", &t.general);
        out += &conds("Direct (each alone stands in for the score):", &t.direct);
        if let Some(total) = t.total {
            out += &format!("\nScore: pass at {total} (“{}”).\n", t.total_quote.as_deref().unwrap_or_default());
            for g in &t.group {
                let min = g.min.map(|m| format!(", at least {m} (“{}”)", g.min_quote.as_deref().unwrap_or_default())).unwrap_or_default();
                out += &format!("\n### {} — {} points{min}\n\n| indicator | points | test | quote |\n|---|---|---|---|\n", both(&g.name), g.max);
                for i in t.indicator.iter().filter(|i| i.group == g.id) {
                    out += &format!("| `{}` {} ({}, max {}) | | | “{}” |\n", i.id, i.name.zh, i.clause, i.max, i.quote);
                    for b in &i.band {
                        out += &format!("| | {} | {} | “{}” |\n", b.points, formula(&b.when, i.measure.as_deref()), b.quote);
                    }
                    if let (Some(per), Some(each)) = (i.per, i.each) {
                        out += &format!("| | {each} per {per} of `{}` | | |\n", i.measure.as_deref().unwrap_or_default());
                    }
                    for it in &i.items {
                        out += &format!("| | {} | `{}` = true | “{}” |\n", i.each.unwrap_or(0), it.measure, it.quote);
                    }
                    if i.given {
                        out += &format!("| | the fact `{}` | | |\n", i.measure.as_deref().unwrap_or_default());
                    }
                }
            }
        }
    }
    out += "\n## Notices\n\n";
    for n in &s.notice {
        out += &format!("- {} ({}: “{}”)\n", both(&n.text), n.clause, n.quote);
    }
    out
}

/// The readings of the SME scheme, for `docs/ambiguities.md`.
pub fn readings(s: &SmeScheme) -> Vec<String> {
    let all = s.condition.iter().chain(s.tier.iter().flat_map(|t| t.condition.iter().chain(&t.general).chain(&t.direct)));
    all.filter_map(|c| c.note.as_ref().map(|n| format!("- **`{}`** ({}: “{}”): {}", c.id, c.clause, c.quote, both(n)))).collect()
}

/// `SmeFacts` and the ids of the scheme, for `pkg/data.d.ts`.
pub fn dts(s: &SmeScheme) -> String {
    let mut out = String::from("\n/**\n * The facts of the SME self-assessment (`sme()`; `docs/sme.md`). Every fact is optional\n * (`null` = not given): a score that needs it becomes a range, a verdict `undetermined`.\n */\nexport interface SmeFacts {\n");
    for i in &s.input {
        let t = match i.ty {
            InputType::Yuan | InputType::SignedYuan => "Yuan | number".to_string(),
            InputType::Percent => "string | number".to_string(),
            InputType::Count | InputType::Years | InputType::Points => "number".into(),
            InputType::Bool => "boolean".into(),
            InputType::Choice => union(i.choice.iter().map(|c| c.id.as_str())),
        };
        out += &format!("  /** {} ({}). {} */\n  {}?: {t} | null;\n", i.name.en, ty(i).replace('`', ""), i.doc.en, i.id);
    }
    out += "}\n\nexport type SmeFactId = keyof SmeFacts;\n";
    out += &format!("export type SmeTierId = {};\n", union(s.tier.iter().map(|t| t.id.as_str())));
    out += &format!("export type SmeMeasureId = {};\n", union(s.measure.iter().map(|m| m.id.as_str())));
    out += &format!("export type SmeSectionId = {};\n", union(s.section.iter().map(|x| x.id.as_str())));
    out
}
