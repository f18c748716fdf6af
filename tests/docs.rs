//! `docs/ambiguities.md` and `docs/kinds.md` are generated from the policy data, so the
//! readings users are shown and the documented ones cannot drift apart. This test fails
//! when a doc is stale; `UPDATE_DOCS=1 cargo test --test docs` rewrites them.

use lingpao::policy::catalog;
use lingpao::policy::schema::{FactType, FieldType, Text};
use std::path::Path;

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
- **Limits leave a choice.** Where a text limits counts or categories, the unit keeps the
  choice that pays it most (every choice of categories is tried with the caps applied), and
  the result says what was left out and why.
- **Caps.** Where an annual cap bites, the largest lines are kept whole and the smallest
  shrink; the total is the same under any allocation.
- **Ceilings.** Where a text names a ceiling (不高于 / 不超过 / 最高), the line shows the
  ceiling and the total is marked as an upper bound: the actual grant is set by review.
";

fn both(t: &Text) -> String {
    format!("{} / {}", t.zh, t.en)
}

fn ambiguities() -> String {
    let mut out = String::from("# Debatable clauses and the readings taken\n\nGenerated from the `note` fields of `policies/*.toml` by `tests/docs.rs`; every note listed here is also shown to the user on the line, adjustment or policy it concerns.\n\n");
    out += GENERAL;
    for p in &lingpao::policy::bundle().policies {
        let mut items = Vec::new();
        if let Some(n) = &p.validity.note {
            items.push(format!("- **Dates** ({}: “{}”): {}", p.validity.clause, p.validity.quote, both(n)));
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
        for e in &p.eligibility {
            if let Some(n) = &e.note {
                items.push(format!("- **eligibility `{}`** ({}: “{}”): {}", e.id, e.clause, e.quote, both(n)));
            }
        }
        if !items.is_empty() {
            out += &format!("\n## {} — {} (`{}`)\n\n{}\n", p.region, p.title.zh, p.id, items.join("\n"));
        }
    }
    out
}

fn kinds() -> String {
    let k = &lingpao::policy::bundle().kinds;
    let mut out = String::from("# Achievement kinds\n\nGenerated from `policies/kinds/*.toml` by `tests/docs.rs`. Every kind also takes the common fields below.\n\n## Common fields\n\n| field | type | meaning |\n|---|---|---|\n");
    let ty = |f: &lingpao::policy::schema::FieldDef| match f.ty {
        FieldType::Enum => f.values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(" · "),
        FieldType::Integer => format!("integer {}–{}", f.min.unwrap_or(0), f.max.unwrap_or(i64::MAX)),
        FieldType::Yuan => "yuan (decimal string)".into(),
        FieldType::Bool => "true / false".into(),
        FieldType::Text => "text".into(),
    };
    for f in &k.common_field {
        out += &format!("| `{}` | {} | {} |\n", f.name, ty(f), both(&f.doc));
    }
    for kind in &k.kind {
        out += &format!("\n## `{}` — {}\n\n{}\n", kind.id, both(&kind.name), both(&kind.doc));
        if !kind.field.is_empty() {
            out += "\n| field | required | values | meaning |\n|---|---|---|---|\n";
            for f in &kind.field {
                out += &format!("| `{}` | {} | {} | {} |\n", f.name, if f.required { "yes" } else { "" }, ty(f), both(&f.doc));
            }
        }
        let regions: Vec<String> = lingpao::policy::bundle()
            .regions
            .iter()
            .filter(|r| lingpao::policy::bundle().policies.iter().filter(|p| r.policies.contains(&p.id)).any(|p| p.rule.iter().any(|ru| ru.when.get("kind").is_some_and(|x| x.contains(&kind.id)))))
            .map(|r| format!("`{}`", r.id))
            .collect();
        out += &format!("\nPaid in: {}\n", if regions.is_empty() { "—".to_string() } else { regions.join(", ") });
    }
    out
}

/// TypeScript types of the achievements, one interface per kind: a discriminated union
/// on `kind`, with string-literal unions for enum fields.
fn kinds_dts() -> String {
    let k = &lingpao::policy::bundle().kinds;
    let camel = |id: &str| id.split('_').map(|w| w[..1].to_uppercase() + &w[1..]).collect::<String>();
    let ty = |f: &lingpao::policy::schema::FieldDef| match f.ty {
        FieldType::Enum => f.values.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(" | "),
        FieldType::Integer => "number".into(),
        FieldType::Yuan => "Yuan | number".into(),
        FieldType::Bool => "boolean".into(),
        FieldType::Text => "string".into(),
    };
    let mut out = String::from("// Generated from policies/kinds/*.toml by tests/docs.rs: do not edit.\n\n/** Yuan as an exact decimal string, e.g. \"75000\" or \"9500.50\". */\nexport type Yuan = string;\n\n/** Fields every achievement accepts. */\nexport interface CommonFields {\n");
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
    out
}

/// The facts, every region's leader conditions (national ones first) and the registers.
fn eligibility() -> String {
    let cat = catalog();
    let b = lingpao::policy::bundle();
    let mut out = String::from("# Leader eligibility and the national registers\n\nGenerated from `policies/facts.toml`, the `[[eligibility]]` entries of `policies/*.toml` and `policies/registers/*.toml` by `tests/docs.rs`. `lingpao eligibility` checks a company's facts against these conditions; `lingpao lookup` searches the registers.\n\n## Facts\n\n| fact | type | meaning |\n|---|---|---|\n");
    for f in &b.facts {
        let ty = match (f.ty, &f.years_alias) {
            (FactType::Bool, _) => "true / false".to_string(),
            (FactType::Months, Some(y)) => format!("months 0–1200 (or `{y}`: years 0–100)"),
            (FactType::Months, None) => "months 0–1200".to_string(),
        };
        out += &format!("| `{}` | {} | {} |\n", f.id, ty, both(&f.doc));
    }
    let requirement = |e: &lingpao::policy::schema::EligibilityDef| {
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
    let table = |policies: Vec<&lingpao::policy::schema::PolicyDef>| {
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
    for r in &b.regions {
        let own: Vec<_> = cat.policies_of(r).map(|(_, p)| p).filter(|p| !p.eligibility.is_empty()).collect();
        out += &format!("\n## {} — {}\n\n", r.id, both(&r.name));
        if own.is_empty() {
            out += "Its texts set no leader conditions of their own: the national ones apply.\n";
        } else {
            out += &table(own);
        }
    }
    out += "\n## Registers\n\n| register | clause | rows | columns | notes |\n|---|---|---|---|---|\n";
    for r in &b.registers {
        let cols: Vec<String> = r.columns.iter().map(|c| format!("`{}` {}{}", c.id, c.name.zh, if c.carry { " (merged)" } else { "" })).collect();
        out += &format!("| {} (`{}`) | {} | {} | {} | {} |\n", r.title.zh, r.id, r.clause, r.rows.len(), cols.join(", "), r.notes.iter().map(|n| format!("row {}: {}", n.row, n.text.en)).collect::<Vec<_>>().join("; "));
    }
    out
}

#[test]
fn eligibility_doc_is_current() {
    check("eligibility.md", eligibility());
}

#[test]
fn typescript_kinds_are_current() {
    check("../pkg/kinds.d.ts", kinds_dts());
}

fn check(name: &str, body: String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(name);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &body).unwrap();
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(current == body, "docs/{name} is stale: run `UPDATE_DOCS=1 cargo test --test docs`");
}

#[test]
fn ambiguities_doc_is_current() {
    check("ambiguities.md", ambiguities());
}

#[test]
fn kinds_doc_is_current() {
    check("kinds.md", kinds());
}
