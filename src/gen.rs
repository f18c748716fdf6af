//! The files generated from the policy data, so that nothing about a kind, a region or a
//! reading is typed twice: `docs/kinds.md`, `docs/ambiguities.md`, `docs/eligibility.md`
//! and the package's `pkg/data.d.ts`. `cargo run --example gen` writes them;
//! `tests/docs.rs` fails when one is stale.

use crate::policy::schema::{EligibilityDef, FactType, FieldDef, FieldType, PolicyDef, Text};
use crate::policy::Catalog;

mod sme;

/// Each generated file: its path from the crate root, and its text for `cat`.
pub fn files(cat: &Catalog) -> Vec<(&'static str, String)> {
    vec![
        ("docs/ambiguities.md", ambiguities(cat)),
        ("docs/kinds.md", kinds_md(cat)),
        ("docs/eligibility.md", eligibility_md(cat)),
        ("pkg/data.d.ts", data_dts(cat)),
        ("pkg/checklists.json", checklists_json(cat)),
        ("docs/sme.md", cat.sme().map(sme::sme_md).unwrap_or_default()),
    ]
}

/// `pkg/checklists.json`: every text's application checklist in both languages, each
/// material's selector resolved to the kinds and rules it picks (`engine::checklist::served`),
/// so that the package ticks a line by the same rule as the engine without a selector of
/// its own. The estimator's wasm module does not carry this data (build.rs); it is the
/// data the build checked, written by this function only.
pub fn checklists_json(cat: &Catalog) -> String {
    use crate::engine::checklist::served;
    use serde_json::{json, Map, Value};
    let text = |t: &Text| json!({ "zh": t.zh.as_str(), "en": t.en.as_str() });
    let mut policies = Map::new();
    for (_, p) in cat.policies() {
        let materials: Vec<Value> = p
            .material
            .iter()
            .map(|m| {
                let (kinds, rules) = served(p, m);
                json!({ "id": m.id.as_str(), "text": text(&m.text), "clause": m.clause.as_str(), "quote": m.quote.as_str(), "note": m.note.as_ref().map(text), "kinds": kinds, "rules": rules })
            })
            .collect();
        let steps: Vec<Value> = p.step.iter().map(|s| json!({ "id": s.id.as_str(), "text": text(&s.text), "clause": s.clause.as_str(), "quote": s.quote.as_str(), "note": s.note.as_ref().map(text) })).collect();
        let elsewhere = p.materials_elsewhere.as_ref().map(|e| json!({ "text": text(&e.text), "clause": e.clause.as_str(), "quote": e.quote.as_str() }));
        policies.insert(p.id.to_string(), json!({ "materials": materials, "steps": steps, "materials_elsewhere": elsewhere }));
    }
    let doc = json!({ "data_version": cat.head.data_version.as_str(), "policies": policies });
    serde_json::to_string(&doc).expect("plain JSON") + "\n"
}

fn both(t: &Text) -> String {
    format!("{} / {}", t.zh, t.en)
}

const GENERAL: &str = "\
## Readings that apply everywhere

- **Province-rank cities.** In Beijing, Tianjin and Shanghai the city's own level (市级,
  本市地方标准) is the provincial level; `municipal` is accepted and read as `provincial`
  (`policies/regions.toml`, `level_aliases`).
- **One rule per achievement.** Where several rules of a region could pay the same
  achievement, the one paying most is used: a unit applies under the clause that favours it.
- **Unknown facts.** An eligibility condition on an optional input (drafter rank, months a
  title was held, adoption of a group standard) that the user did not give is assumed met,
  and the line carries a note saying so; a condition known not to be met leaves the
  achievement unmatched, with the clause.
- **Details left out.** An achievement that leaves out an optional detail a rule's amount
  depends on (which applicant case, which type of base, which grade, which kind of food
  business) is read the best-paying way, as unknown facts are read as met: the line names
  the assumption, its amount is a ceiling, and the total is an upper bound.
- **Upgrades from an earlier award given without its details.** Where a text pays the
  difference to the earlier award and the earlier award's amount depends on a detail not
  given (a grade), the line gives the range of the difference and counts its ceiling.
- **Items a combination rule brings to nothing** (a category left out, a cap used up, a
  lower level after a higher one) are listed as unpaid too, with the rule's clause.
- **Limits leave a choice.** Where a text limits counts or categories, the unit keeps the
  choice that pays it most (every choice of categories is tried with the caps applied), and
  the result says what was left out and why.
- **Caps.** Where an annual cap bites, the largest lines are kept whole and the smallest
  shrink; the total is the same under any allocation.
- **Ceilings.** Where a text names a ceiling (不高于 / 不超过 / 最高), the line shows the
  ceiling and the total is marked as an upper bound: the actual grant is set by review.
- **Dates and windows** (`[[window]]`). The day of application is the request's `as_of`
  (today when not given). 上一年度 is the calendar year before it; 本年度 / 当年 its
  calendar year up to that day; 近两年 and “N 年内” count whole years back from it to the
  same day, as periods are counted in the Civil Code (民法典 第二百零一、二百零二条: from the
  day after, to the same day N years on, the month's last day where there is none);
  “自…以后” includes the day named. An item without a date is assumed in the window, and
  its line says so; one dated outside is unpaid under that rule, with the clause.
- **Deadlines** (`[[deadline]]`). A yearly day or months are shown as their next
  occurrence on or after the day of application; “N 年内” after an item as the same day N
  years after its date; where that limit ends before the next period applications are
  taken (Zaozhuang), the line says so. Where a notice sets the time, the line says so and gives no date;
  where a text sets no deadline at all, its policy says so (`no_deadline`).
";

/// What `date` means per kind, before the windows of the texts (docs/kinds.md).
const DATES: &str = "
## What `date` means

The day the item dates from, `YYYY-MM-DD`, not after the request's `as_of` (the day of
application; refused naming `achievements[i].date`). Each text's windows are checked
against it, and deadlines counted from it (README: Dates and deadlines). Left out, the
item is assumed in every window, and its line says so.

- `standard`, `drug_standard`, `standard_cited_abroad`: the day the standard was published
  (标准公告的发布时间); in Beijing a group standard's is the day it came into effect (实施).
- Titles and recognitions (`leader`, `leader_evaluator`, `pilot`, `demonstration_area`,
  `innovation_base`, `promotion_platform`, `innovation_platform`, `secretariat`,
  `ip_enterprise`, `education_base`, `brand_title`, `good_conduct`, …): the day recognised,
  approved or named (认定、批准、确定).
- Awards and prizes (`innovation_award`, `quality_award`, `patent_award`,
  `engineering_award`, …): the day awarded.
- Certificates, patents and other items (`certification`, `patent_grant`, …): the day
  issued, granted or, for a project or event, completed.

| policy | window | items | period (clause) |
|---|---|---|---|
";

/// `docs/ambiguities.md`: every reading note of the data, policy by policy.
pub fn ambiguities(cat: &Catalog) -> String {
    let mut out = String::from("# Debatable clauses and the readings taken\n\nGenerated from the `note` fields of `policies/*.toml` by `cargo run --example gen`; every note listed here is also shown to the user on the line, adjustment or policy it concerns.\n\n");
    out += GENERAL;
    for (_, p) in cat.policies() {
        let mut items = Vec::new();
        if let Some(n) = &p.validity.note {
            items.push(format!("- **Dates** ({}: “{}”): {}", p.validity.clause, p.validity.quote, both(n)));
        }
        for w in &p.window {
            if let Some(n) = &w.note {
                items.push(format!("- **window `{}`** ({}: “{}”): {}", w.id, w.clause, w.quote, both(n)));
            }
        }
        for r in &p.rule {
            if let Some(n) = &r.note {
                items.push(format!("- **`{}`** ({}: “{}”): {}", r.id, r.clause, r.quote, both(n)));
            }
        }
        for l in &p.limit {
            if let Some(n) = &l.note {
                items.push(format!("- **limit `{}`** ({}: “{}”): {}", l.id, l.clause, l.quote, both(n)));
            }
        }
        for g in &p.gap {
            if let Some(n) = &g.note {
                items.push(format!("- **unpaid `{}`** ({}: “{}”): {}", g.id, g.clause, g.quote, both(n)));
            }
        }
        for e in &p.eligibility {
            if let Some(n) = &e.note {
                items.push(format!("- **eligibility `{}`** ({}: “{}”): {}", e.id, e.clause, e.quote, both(n)));
            }
        }
        let checklist = p.material.iter().map(|m| ("material", &m.id, &m.clause, &m.quote, &m.note)).chain(p.step.iter().map(|s| ("step", &s.id, &s.clause, &s.quote, &s.note)));
        for (what, id, clause, quote, note) in checklist {
            if let Some(n) = note {
                items.push(format!("- **{what} `{id}`** ({clause}: “{quote}”): {}", both(n)));
            }
        }
        if !items.is_empty() {
            out += &format!("\n## {} — {} (`{}`)\n\n{}\n", p.region, p.title.zh, p.id, items.join("\n"));
        }
    }
    if let Some(s) = cat.sme() {
        out += &format!("\n## SME tiers — {} (`{}`, docs/sme.md)\n\n{}\n", s.title.zh, s.id, sme::readings(s).join("\n"));
    }
    out
}

/// The regions whose rules pay `kind`.
fn paid_in(cat: &Catalog, kind: &str) -> Vec<String> {
    cat.head.regions.iter().filter(|r| cat.policies_of(r).any(|(_, p)| p.rule.iter().any(|ru| ru.when.get("kind").is_some_and(|x| x.contains(kind))))).map(|r| r.id.to_string()).collect()
}

/// `docs/kinds.md`: the achievement kinds, their fields and where each is paid.
pub fn kinds_md(cat: &Catalog) -> String {
    let k = &cat.head.kinds;
    let mut out = String::from("# Achievement kinds\n\nGenerated from `policies/kinds/*.toml` by `cargo run --example gen`. Every kind also takes the common fields below.\n\n## Common fields\n\n| field | type | meaning |\n|---|---|---|\n");
    let ty = |f: &FieldDef| match f.ty {
        FieldType::Enum => f.values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(" · "),
        FieldType::Integer => format!("integer {}–{}", f.min.unwrap_or(0), f.max.unwrap_or(i64::MAX)),
        FieldType::Yuan => "yuan (decimal string)".into(),
        FieldType::Bool => "true / false".into(),
        FieldType::Text => "text".into(),
        FieldType::Date => "date `YYYY-MM-DD`, not after `as_of`".into(),
    };
    for f in &k.common_field {
        out += &format!("| `{}` | {} | {} |\n", f.name, ty(f), both(&f.doc));
    }
    out += DATES;
    let which = |s: &Option<crate::policy::schema::Selector>| match s {
        None => "every item it pays".to_string(),
        Some(s) => [s.kind.as_ref().map(|k| format!("kinds {}", k.as_slice().join(", "))), s.category.as_ref().map(|c| format!("categories {}", c.as_slice().join(", "))), s.except.as_ref().map(|_| "(with exceptions)".to_string())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
    };
    let name = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
    for (_, p) in cat.policies() {
        for w in &p.window {
            out += &format!("| `{}` | `{}` | {} | {} ({}) |\n", p.id, name(serde_json::json!(w.shape)), which(&w.select), both(&w.text), w.clause);
        }
    }
    out += "\nThe deadlines and call periods (`[[deadline]]`) the texts set:\n\n| policy | deadline | items | when (clause) |\n|---|---|---|---|\n";
    let mut none = Vec::new();
    for (_, p) in cat.policies() {
        for d in &p.deadline {
            out += &format!("| `{}` | `{}` | {} | {} ({}) |\n", p.id, name(serde_json::json!(d.shape)), which(&d.select), both(&d.text), d.clause);
        }
        if p.deadline.is_empty() && p.region != crate::policy::schema::NATIONAL {
            none.push(format!("`{}`", p.id));
        }
    }
    out += &format!("\nTexts that set no deadline or call period (their `policies[]` entry says so, `no_deadline`): {}.\n", none.join(", "));
    for kind in &k.kind {
        out += &format!("\n## `{}` — {}\n\n{}\n", kind.id, both(&kind.name), both(&kind.doc));
        if !kind.field.is_empty() {
            out += "\n| field | required | values | meaning |\n|---|---|---|---|\n";
            for f in &kind.field {
                out += &format!("| `{}` | {} | {} | {} |\n", f.name, if f.required { "yes" } else { "" }, ty(f), both(&f.doc));
            }
        }
        let regions: Vec<String> = paid_in(cat, &kind.id).iter().map(|r| format!("`{r}`")).collect();
        out += &format!("\nPaid in: {}\n", if regions.is_empty() { "—".to_string() } else { regions.join(", ") });
    }
    out
}

/// `'a' | 'b'`, or `never` for none.
fn union<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<String> = values.map(|s| format!("'{s}'")).collect();
    if v.is_empty() {
        "never".into()
    } else {
        v.join(" | ")
    }
}

fn camel(id: &str) -> String {
    id.split(['_', '-']).filter(|w| !w.is_empty()).map(|w| w[..1].to_uppercase() + &w[1..]).collect()
}

/// `pkg/data.d.ts`: the TypeScript types the data defines. Achievements are one
/// interface per kind, a discriminated union on `kind`; regions, policies, facts and
/// registers are unions of their ids.
pub fn data_dts(cat: &Catalog) -> String {
    let k = &cat.head.kinds;
    let ty = |f: &FieldDef| match f.ty {
        FieldType::Enum => union(f.values.iter().map(|v| v.as_str())),
        FieldType::Integer => "number".into(),
        FieldType::Yuan => "Yuan | number".into(),
        FieldType::Bool => "boolean".into(),
        FieldType::Text | FieldType::Date => "string".into(),
    };
    let mut out = String::from("// Generated from policies/ by `cargo run --example gen`: do not edit.\n\nimport type { LookupMatch, Text } from './index.js';\n\n/** Yuan as an exact decimal string, e.g. \"75000\" or \"9500.50\". */\nexport type Yuan = string;\n\n/** Fields every achievement accepts. */\nexport interface CommonFields {\n");
    for f in &k.common_field {
        out += &format!("  /** {} */\n  {}?: {};\n", f.doc.en, f.name, ty(f));
    }
    out += "}\n";
    for kind in &k.kind {
        out += &format!("\n/** {} ({}): {} */\nexport interface {}Achievement extends CommonFields {{\n  kind: '{}';\n", kind.name.en, kind.name.zh, kind.doc.en, camel(&kind.id), kind.id);
        for f in &kind.field {
            out += &format!("  /** {} */\n  {}{}: {};\n", f.doc.en, f.name, if f.required { "" } else { "?" }, ty(f));
        }
        out += "}\n";
    }
    out += "\n/** One achievement of the applicant unit: a discriminated union on `kind`. */\nexport type Achievement =\n";
    out += &k.kind.iter().map(|kind| format!("  | {}Achievement", camel(&kind.id))).collect::<Vec<_>>().join("\n");
    out += ";\n\nexport type AchievementKind = Achievement['kind'];\n";

    let n = cat.head.regions.len();
    let regions: Vec<String> = cat.head.regions.iter().enumerate().map(|(i, r)| format!("  | '{}'{} // {}", r.id, if i + 1 == n { ";" } else { "" }, both(&r.name))).collect();
    out += &format!("\n/** The regions a request may name. */\nexport type RegionId =\n{}\n", regions.join("\n"));
    out += &format!("\n/** The published texts, by id. */\nexport type PolicyId = {};\n", union(cat.policies().map(|(_, p)| p.id.as_str())));

    out += "\n/**\n * What the company knows about itself, for the leader eligibility self-check. Every\n * fact is optional (`null` = not given): a fact not given leaves its conditions `unknown`.\n * Months facts are whole months 0–1200, or whole years 0–100 under the `years_` name.\n */\nexport interface Facts {\n";
    for f in &cat.head.facts {
        let ty = match f.ty {
            FactType::Bool => "boolean",
            FactType::Months => "number",
        };
        out += &format!("  /** {} */\n  {}?: {ty} | null;\n", f.doc.en, f.id);
        if let Some(alias) = &f.years_alias {
            out += &format!("  /** The same in whole years (give one of the two). */\n  {alias}?: number | null;\n");
        }
    }
    let aliases = union(cat.head.facts.iter().filter_map(|f| f.years_alias.as_deref()));
    out += &format!("}}\n\n/** A fact as conditions name it (years are read as months). */\nexport type FactId = Exclude<keyof Facts, {aliases}>;\n");

    let registers = cat.registers();
    out += &format!("\nexport type RegisterId = {};\n", union(registers.iter().map(|r| r.id.as_str())));
    for r in registers {
        out += &format!("\n/** {}: one row of the table. */\nexport interface {}Row {{ {} }}\n", r.title.zh, camel(&r.id), r.columns.iter().map(|c| format!("{}: string;", c.id)).collect::<Vec<_>>().join(" "));
    }
    out += "\n/** A row of a register that matched, with its register's own row type. */\nexport type RegisterHit =\n";
    out += &registers.iter().map(|r| format!("  | (HitBase & {{ register: '{}'; row: {1}Row; matched: (keyof {1}Row)[] }})", r.id, camel(&r.id))).collect::<Vec<_>>().join("\n");
    out += ";\n";
    out += &cat.sme().map(sme::dts).unwrap_or_default();
    out += "\n/** What every register hit carries besides its row. */\nexport interface HitBase {\n  /** The clause of the background text that holds the register. */\n  clause: string;\n  match: LookupMatch;\n  /** The reading of this row, where its printed line is odd. */\n  note: Text | null;\n}\n";
    out
}

/// `docs/eligibility.md`: the facts, every region's leader conditions (national ones
/// first) and the registers.
pub fn eligibility_md(cat: &Catalog) -> String {
    let mut out = String::from("# Leader eligibility and the national registers\n\nGenerated from `policies/facts.toml`, the `[[eligibility]]` entries of `policies/*.toml` and `policies/registers/*.toml` by `cargo run --example gen`. `lingpao eligibility` checks a company's facts against these conditions; `lingpao lookup` searches the registers.\n\n## Facts\n\n| fact | type | meaning |\n|---|---|---|\n");
    for f in &cat.head.facts {
        let ty = match (f.ty, &f.years_alias) {
            (FactType::Bool, _) => "true / false".to_string(),
            (FactType::Months, Some(y)) => format!("months 0–1200 (or `{y}`: years 0–100)"),
            (FactType::Months, None) => "months 0–1200".to_string(),
        };
        out += &format!("| `{}` | {} | {} |\n", f.id, ty, both(&f.doc));
    }
    let requirement = |e: &EligibilityDef| {
        let mut r = match (e.min, e.max, e.equals) {
            (Some(m), _, _) => format!("≥ {m} months"),
            (_, Some(m), _) => format!("≤ {m} months"),
            (_, _, Some(v)) => format!("= {v}"),
            _ => String::new(),
        };
        if let Some(x) = &e.relaxed {
            r += &format!(" (if `{}`: {})", x.fact, x.min.map(|m| format!("≥ {m}")).or(x.max.map(|m| format!("≤ {m}"))).unwrap_or_default());
        }
        r
    };
    let table = |policies: Vec<&PolicyDef>| {
        let mut t = String::from("| text | clause | stage | fact | requirement | condition |\n|---|---|---|---|---|---|\n");
        for p in policies {
            for e in &p.eligibility {
                let note = e.note.as_ref().map(|n| format!(" *Reading: {}*", n.en)).unwrap_or_default();
                t += &format!("| `{}` | {} | {:?} | `{}` | {} | {} “{}”{} |\n", p.id, e.clause, e.stage, e.fact, requirement(e), e.text.zh, e.quote, note);
            }
        }
        t
    };
    out += "\n## National conditions (every region inherits them)\n\n";
    out += &table(cat.national_policies().map(|(_, p)| p).collect());
    for r in &cat.head.regions {
        let own: Vec<_> = cat.policies_of(r).map(|(_, p)| p).filter(|p| !p.eligibility.is_empty()).collect();
        out += &format!("\n## {} — {}\n\n", r.id, both(&r.name));
        if own.is_empty() {
            out += "Its texts set no leader conditions of their own: the national ones apply.\n";
        } else {
            out += &table(own);
        }
    }
    out += "\n## Registers\n\n| register | clause | rows | columns | notes |\n|---|---|---|---|---|\n";
    for r in cat.registers() {
        let cols: Vec<String> = r.columns.iter().map(|c| format!("`{}` {}{}", c.id, c.name.zh, if c.carry { " (merged)" } else { "" })).collect();
        out += &format!("| {} (`{}`) | {} | {} | {} | {} |\n", r.title.zh, r.id, r.clause, r.rows.len(), cols.join(", "), r.notes.iter().map(|n| format!("row {}: {}", n.row, n.text.en)).collect::<Vec<_>>().join("; "));
    }
    out
}
