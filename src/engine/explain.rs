//! A region's rules as data, generated from the same policy data the engine computes
//! with, so the explanation cannot drift from the arithmetic.

use super::pricing::{describe_when, unit_amount};
use crate::model::reform::Field;
use crate::model::{say, thousands, yuan, Achievement, FieldValue, Lang};
use rust_decimal::Decimal;
use crate::policy::schema::{Basis, Map, Match, PolicyDef, RuleDef, Str};
use crate::policy::schema::combinations;
use crate::policy::Catalog;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub region: String,
    pub region_name: String,
    pub policies: Vec<PolicyRules>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PolicyRules {
    pub id: String,
    pub title: String,
    pub rules: Vec<RuleRow>,
    pub limits: Vec<Row>,
    pub conditions: Vec<Row>,
    pub notices: Vec<Row>,
    pub benefits: Vec<Row>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleRow {
    pub id: String,
    pub kind: String,
    pub category: String,
    /// The fields an achievement must have, as data and in words.
    pub conditions: Match,
    pub applies_to: String,
    /// How the amount is set, in words ("80000", "50% of the formulate amount").
    pub amount: String,
    /// The amount for each combination of the rule's field values.
    pub cases: Vec<Case>,
    pub basis: Basis,
    pub clause: String,
    pub quote: String,
    pub note: Option<String>,
    /// The figures a reform may change, with their values in the data.
    pub editable: Vec<Editable>,
}

/// A figure of a rule or limit a reform may change (`model::reform`).
#[derive(Debug, Clone, Serialize)]
pub struct Editable {
    pub field: Field,
    pub value: String,
}

/// The figures of the data a reform may set, those it has.
fn editable(figures: &[(Field, Option<Decimal>)]) -> Vec<Editable> {
    figures.iter().filter_map(|(f, d)| d.map(|d| Editable { field: *f, value: yuan(d) })).collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct Case {
    pub fields: Map<Str>,
    pub amount_yuan: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub text: String,
    pub clause: String,
    pub quote: String,
    /// A limit's caps a reform may change (none for other rows).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub editable: Vec<Editable>,
}

fn cases(cat: &Catalog, p: &PolicyDef, r: &RuleDef, lang: Lang) -> Vec<Case> {
    combinations(&r.when)
        .into_iter()
        .filter_map(|fields| {
            let kind = fields.get("kind")?.clone();
            let a = Achievement {
                kind,
                count: 1,
                fields: fields.iter().filter(|(k, _)| k.as_str() != "kind").map(|(k, v)| (k.clone(), FieldValue::Enum(v.clone()))).collect(),
            };
            let (amount, _, _) = unit_amount(cat, None, p, r, &a, lang, true).ok()?;
            Some(Case { fields, amount_yuan: yuan(amount) })
        })
        .collect()
}

fn amount_words(r: &RuleDef, lang: Lang) -> String {
    match (r.amount, r.percent, &r.of, &r.of_field, r.max) {
        (Some(a), ..) => yuan(a),
        (_, Some(pc), Some(of), ..) => {
            let of: Vec<String> = of.iter().map(|(k, v)| format!("{k}={v}")).collect();
            crate::tr!(lang, format!("同类 {} 金额的 {}%", of.join(","), pc.normalize()), format!("{}% of the amount for {}", pc.normalize(), of.join(",")))
        }
        (_, Some(pc), _, Some(f), Some(m)) => crate::tr!(lang, format!("{f} 的 {}%，最高 {}", pc.normalize(), yuan(m)), format!("{}% of {f}, at most {}", pc.normalize(), thousands(&yuan(m)))),
        (_, Some(pc), _, Some(f), None) => crate::tr!(lang, format!("{f} 的 {}%", pc.normalize()), format!("{}% of {f}", pc.normalize())),
        _ => String::new(),
    }
}

pub fn explain(cat: &Catalog, region_id: &str, lang: Lang) -> Option<Explanation> {
    let (_, region) = cat.region(region_id)?;
    let row = |id: &str, zh: &str, en: &str, clause: &str, quote: &str| Row {
        id: id.to_string(),
        text: say(lang, zh, en),
        clause: clause.to_string(),
        quote: quote.to_string(),
        editable: Vec::new(),
    };
    let policies = cat
        .policies_of(region)
        .map(|(_, p)| PolicyRules {
            id: p.id.to_string(),
            title: p.title.zh.to_string(),
            rules: p
                .rule
                .iter()
                .map(|r| RuleRow {
                    id: r.id.to_string(),
                    kind: r.when.get("kind").map(|k| k.as_slice().join("/")).unwrap_or_default(),
                    category: r.category.to_string(),
                    conditions: r.when.clone(),
                    applies_to: describe_when(cat, &r.when, lang),
                    amount: amount_words(r, lang),
                    cases: cases(cat, p, r, lang),
                    basis: r.basis,
                    clause: r.clause.to_string(),
                    quote: r.quote.to_string(),
                    note: r.note.as_ref().map(|n| say(lang, &n.zh, &n.en)),
                    editable: editable(&[(Field::Amount, r.amount), (Field::Percent, r.percent), (Field::Max, r.max)]),
                })
                .collect(),
            limits: p.limit.iter().map(|l| Row { editable: editable(&[(Field::Amount, l.amount), (Field::RaisedAmount, l.raised_amount)]), ..row(&l.id, &l.text.zh, &l.text.en, &l.clause, &l.quote) }).collect(),
            conditions: p.condition.iter().map(|c| row(&c.id, &c.text.zh, &c.text.en, &c.clause, &c.quote)).collect(),
            notices: p.notice.iter().map(|n| row(&n.id, &n.text.zh, &n.text.en, &n.clause, &n.quote)).collect(),
            benefits: p.benefit.iter().map(|b| row(&b.id, &b.text.zh, &b.text.en, &b.clause, &b.quote)).collect(),
        })
        .collect();
    Some(Explanation { region: region.id.to_string(), region_name: say(lang, &region.name.zh, &region.name.en), policies })
}
