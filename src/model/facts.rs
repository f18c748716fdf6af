//! The eligibility request: a region and optional facts about the company, each checked
//! against `policies/facts.toml`, so that a mistake names its field and what is allowed.

use super::error::{shown, shown_zh, InputError};
use super::request::{self, Lang, Named};
use crate::date::Date;
use crate::policy::schema::FactType;
use crate::policy::Catalog;
use serde::Serialize;
use super::json::Json;

/// Months a months fact may hold (100 years), and the same in whole years.
pub const MAX_MONTHS: i64 = 1200;
pub const MAX_YEARS: i64 = 100;

/// A fact as given: a bool, or a number of months (years are converted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum FactValue {
    Bool(bool),
    Months(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct EligibilityRequest {
    pub region: String,
    pub as_of: Option<Date>,
    pub lang: Lang,
    /// By fact id (years aliases already read as months). A fact given as `null` is absent.
    pub facts: Named<FactValue>,
}

pub fn parse(v: &Json, catalog: &Catalog) -> Result<EligibilityRequest, InputError> {
    let obj = request::object(v, "request")?;
    request::no_unknown_keys(obj, "", &["region", "as_of", "lang", "facts"])?;
    let region = request::region(obj, catalog, true)?.unwrap_or_default();
    let as_of = request::as_of(obj)?;
    let lang = request::lang(obj)?;
    let mut facts = Named::default();
    let given = match obj.get("facts") {
        None | Some(Json::Null) => None,
        Some(Json::Object(m)) => Some(m),
        Some(other) => return Err(request::wrong_type("facts", "an object of facts", "事实对象", other).allowed(catalog.fact_names())),
    };
    for (name, value) in given.into_iter().flat_map(|m| m.iter()) {
        let field = || format!("facts.{}", shown(name));
        let Some((def, in_years)) = catalog.fact(name) else {
            return Err(InputError::new(field(), format!("unknown fact `{}`", shown(name)), format!("未知事实“{}”", shown_zh(name))).allowed(catalog.fact_names()));
        };
        let parsed = match (def.ty, value) {
            (_, Json::Null) => continue,
            (FactType::Bool, Json::Bool(b)) => FactValue::Bool(*b),
            (FactType::Bool, other) => return Err(request::wrong_type(&field(), "true or false", "true 或 false", other).allowed(vec!["true".into(), "false".into()])),
            (FactType::Months, v) => {
                let (max, unit_en, unit_zh) = if in_years { (MAX_YEARS, "whole years", "整年数") } else { (MAX_MONTHS, "whole months", "整月数") };
                let n = v.as_i64().filter(|n| (0..=max).contains(n)).ok_or_else(|| {
                    let hint = if in_years { format!(" (for part years give `{}` in months)", def.id) } else { String::new() };
                    InputError::new(field(), format!("must be a number of {unit_en} from 0 to {max}{hint}, not {}", shown(&v.to_string())), format!("应为 0 到 {max} 的{unit_zh}"))
                })?;
                FactValue::Months(if in_years { n * 12 } else { n })
            }
        };
        if facts.set(def.id.clone(), parsed).is_some() {
            let alias = def.years_alias.as_deref().unwrap_or_default();
            return Err(InputError::new(
                field(),
                format!("`{}` and `{alias}` are the same fact: give one of them", def.id),
                format!("“{}”与“{alias}”是同一事实，只填一个", def.id),
            )
            .allowed(vec![def.id.to_string(), alias.to_string()]));
        }
    }
    Ok(EligibilityRequest { region, as_of, lang, facts })
}
