//! The request: parsed from any JSON value, checked field by field against the kinds
//! in the catalog, so that every mistake names its field and the allowed values.

use super::error::{quote_zh, should_be, shown, shown_zh, InputError};
use crate::date::Date;
use crate::policy::schema::{FieldType, KindDef, Str};
use crate::policy::Catalog;
use rust_decimal::Decimal;
use std::borrow::Cow;
use super::json::{Json, Object};

/// More achievements than any unit claims in a year; bounds the work one call can ask.
pub const MAX_ACHIEVEMENTS: usize = 200;
const MAX_TEXT: usize = 200;
/// 10^12 yuan: far above any cost a subsidy clause refers to.
const MAX_YUAN: i64 = 1_000_000_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Request {
    pub region: Option<String>,
    pub as_of: Option<Date>,
    pub lang: Lang,
    pub achievements: Vec<Achievement>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Achievement {
    /// Names and enum values are the catalog's own text (borrowed, not copied).
    pub kind: Str,
    pub count: u32,
    pub fields: Fields,
}

/// An achievement's fields.
pub type Fields = Named<FieldValue>;

/// Values by name, at most one per name: an achievement's fields, a request's facts. A
/// handful each, so a list searched in order beats a tree (and its code for every value
/// type), and copying one (rules priced as a percentage of another rule) is a single
/// allocation.
#[derive(Debug, PartialEq)]
pub struct Named<V>(Vec<(Str, V)>);

impl<V: Clone> Clone for Named<V> {
    fn clone(&self) -> Self {
        Named(self.0.clone())
    }
    /// In place, keeping the memory (a batch copies known achievements into its own).
    fn clone_from(&mut self, other: &Self) {
        self.0.clone_from(&other.0);
    }
}

impl<V> Default for Named<V> {
    fn default() -> Self {
        Named(Vec::new())
    }
}

impl<V> Named<V> {
    pub fn get(&self, name: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
    /// Sets `name` to `value`, returning the value it had.
    pub fn set(&mut self, name: Str, value: V) -> Option<V> {
        match self.0.iter_mut().find(|(k, _)| *k == name) {
            Some((_, v)) => Some(std::mem::replace(v, value)),
            None => {
                self.0.push((name, value));
                None
            }
        }
    }
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Empties it, keeping its memory (a batch reuses one per achievement).
    pub fn clear(&mut self) {
        self.0.clear();
    }
    pub fn iter(&self) -> impl Iterator<Item = (&Str, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.0.iter_mut().map(|(_, v)| v)
    }
}

impl<V> FromIterator<(Str, V)> for Named<V> {
    fn from_iter<I: IntoIterator<Item = (Str, V)>>(iter: I) -> Self {
        let mut named = Named::default();
        for (k, v) in iter {
            named.set(k, v);
        }
        named
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Enum(Str),
    Int(i64),
    Yuan(Decimal),
    Bool(bool),
    /// Text, and dates (checked when read, kept as written).
    Text(String),
}

impl FieldValue {
    /// The value as rules match it: enum values and `true` / `false`.
    pub fn as_match(&self) -> Option<&str> {
        match self {
            FieldValue::Enum(s) => Some(s),
            FieldValue::Bool(true) => Some("true"),
            FieldValue::Bool(false) => Some("false"),
            _ => None,
        }
    }
}

impl Achievement {
    pub fn int(&self, name: &str) -> Option<i64> {
        match self.fields.get(name) {
            Some(FieldValue::Int(i)) => Some(*i),
            _ => None,
        }
    }
    pub fn yuan(&self, name: &str) -> Option<Decimal> {
        match self.fields.get(name) {
            Some(FieldValue::Yuan(d)) => Some(*d),
            _ => None,
        }
    }
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.fields.get(name) {
            Some(FieldValue::Text(s)) => Some(s),
            _ => None,
        }
    }
    /// The item's `date` (published, recognised, awarded), if given.
    pub fn date(&self) -> Option<Date> {
        self.text("date").and_then(Date::parse)
    }
    pub fn matched(&self, name: &str) -> Option<&str> {
        self.fields.get(name).and_then(FieldValue::as_match)
    }
}

fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

pub(crate) fn wrong_type(field: &str, want_en: &str, want_zh: &str, got: &Json) -> InputError {
    InputError::new(field, format!("must be {want_en}, not {}", type_name(got)), should_be(want_zh))
}

pub(crate) fn object<'v, 'a>(v: &'v Json<'a>, field: &str) -> Result<&'v Object<'a>, InputError> {
    v.as_object().ok_or_else(|| wrong_type(field, "an object", "对象", v))
}

pub(crate) fn no_unknown_keys(obj: &Object, at: &str, allowed: &[&str]) -> Result<(), InputError> {
    for key in obj.keys() {
        if !allowed.contains(&key) {
            let field = if at.is_empty() { shown(key).to_string() } else { format!("{at}.{}", shown(key)) };
            return Err(InputError::new(field, format!("unknown field `{}`", shown(key)), format!("未知字段“{}”", shown_zh(key)))
                .allowed(allowed.iter().map(|s| s.to_string()).collect()));
        }
    }
    Ok(())
}

/// `region`: a known region id (required when `need`).
pub(crate) fn region(obj: &Object, catalog: &Catalog, need: bool) -> Result<Option<String>, InputError> {
    match obj.get("region") {
        None | Some(Json::Null) if !need => Ok(None),
        None | Some(Json::Null) => Err(InputError::new("region", "is required", "缺少地区").allowed(catalog.region_ids())),
        Some(Json::String(s)) if catalog.region(s).is_some() => Ok(Some(s.to_string())),
        Some(Json::String(s)) => Err(unknown_region(s, catalog)),
        Some(other) => Err(wrong_type("region", "a region id string", "地区编号字符串", other).allowed(catalog.region_ids())),
    }
}

/// An unknown region id, quoted short, with the known ones.
pub fn unknown_region(s: &str, catalog: &Catalog) -> InputError {
    InputError::new("region", format!("unknown region `{}`", shown(s)), format!("未知地区“{}”", shown_zh(s))).allowed(catalog.region_ids())
}

/// `as_of`: an optional YYYY-MM-DD date.
pub(crate) fn as_of(obj: &Object) -> Result<Option<Date>, InputError> {
    match obj.get("as_of") {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) => as_of_text(s).map(Some),
        Some(other) => Err(wrong_type("as_of", "a YYYY-MM-DD string", "YYYY-MM-DD 日期字符串", other)),
    }
}

/// An `as_of` given as text (the request's field, or a face's argument).
pub fn as_of_text(s: &str) -> Result<Date, InputError> {
    date_text("as_of".into(), s)
}

/// A date given as text, in the field named.
fn date_text(field: String, s: &str) -> Result<Date, InputError> {
    Date::parse(s).ok_or_else(|| InputError::new(field, format!("`{}` is not a date in the form YYYY-MM-DD", shown(s)), format!("“{}”不是 YYYY-MM-DD 格式的日期", shown_zh(s))))
}

/// `lang`: "zh" (the default) or "en".
pub(crate) fn lang(obj: &Object) -> Result<Lang, InputError> {
    match obj.get("lang") {
        None | Some(Json::Null) => Ok(Lang::Zh),
        Some(Json::String(s)) => lang_text(Some(s)),
        Some(other) => Err(lang_error(&shown(&other.to_string()).to_string())),
    }
}

/// A `lang` given as text; absent means Chinese.
pub fn lang_text(s: Option<&str>) -> Result<Lang, InputError> {
    match s {
        None | Some("zh") => Ok(Lang::Zh),
        Some("en") => Ok(Lang::En),
        Some(other) => Err(lang_error(&format!("\"{}\"", shown(other)))),
    }
}

fn lang_error(got: &str) -> InputError {
    InputError::new("lang", format!("must be \"zh\" or \"en\", not {got}"), "语言应为 zh 或 en").allowed(vec!["zh".into(), "en".into()])
}

/// Parses a request. `need_region`: estimate needs one; compare ignores it.
pub fn parse(v: &Json, catalog: &Catalog, need_region: bool) -> Result<Request, InputError> {
    let obj = object(v, "request")?;
    no_unknown_keys(obj, "", &["region", "as_of", "lang", "achievements"])?;
    let region = region(obj, catalog, need_region)?;
    let as_of = as_of(obj)?;
    let lang = lang(obj)?;
    let list = match obj.get("achievements") {
        Some(Json::Array(a)) => a,
        None => return Err(InputError::new("achievements", "is required: a list of achievements", "缺少成果列表 achievements")),
        Some(other) => return Err(wrong_type("achievements", "a list", "数组", other)),
    };
    if list.len() > MAX_ACHIEVEMENTS {
        return Err(InputError::new(
            "achievements",
            format!("has {} items; at most {MAX_ACHIEVEMENTS} (use `count` for repeats)", list.len()),
            format!("最多 {MAX_ACHIEVEMENTS} 项（重复的请用 count）"),
        ));
    }
    let achievements = list.iter().enumerate().map(|(i, a)| achievement(a, i, catalog)).collect::<Result<_, _>>()?;
    Ok(Request { region, as_of, lang, achievements })
}

fn achievement(v: &Json, i: usize, catalog: &Catalog) -> Result<Achievement, InputError> {
    // Field paths are only spelled out for an error: valid requests allocate none.
    let at = || format!("achievements[{i}]");
    let obj = object(v, "achievements").map_err(|e| InputError { field: at(), ..e })?;
    let kind_field = || format!("{}.kind", at());
    let kind: &KindDef = match obj.get("kind") {
        Some(Json::String(k)) => catalog.kind(k).ok_or_else(|| {
            InputError::new(kind_field(), format!("unknown kind `{}`", shown(k)), format!("未知成果类型“{}”", shown_zh(k))).allowed(catalog.kind_ids())
        })?,
        None => return Err(InputError::new(kind_field(), "is required", "缺少成果类型 kind").allowed(catalog.kind_ids())),
        Some(other) => return Err(wrong_type(&kind_field(), "a kind string", "类型字符串", other).allowed(catalog.kind_ids())),
    };
    let mut fields = Fields::default();
    let count = read_fields(kind, catalog, &obj.0, &at, &mut fields)?;
    Ok(Achievement { kind: kind.id.clone(), count, fields })
}

/// An achievement's fields, each read from `members` (its object's, by name) and checked
/// against the kind's definition, into `fields`; returns its count. The one reading of
/// fields: the general path's and the batch's fast reader's (`batch::fast`). `at` names
/// the achievement in an error (made only for an error).
pub(crate) fn read_fields(kind: &KindDef, catalog: &Catalog, members: &[(Cow<str>, Json)], at: &dyn Fn() -> String, fields: &mut Fields) -> Result<u32, InputError> {
    let defs = || kind.field.iter().chain(&catalog.head.kinds.common_field);
    let get = |name: &str| members.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    if let Some(key) = members.iter().map(|(k, _)| &**k).find(|k| *k != "kind" && !defs().any(|f| &f.name == k)) {
        let allowed = std::iter::once("kind".to_string()).chain(defs().map(|f| f.name.to_string())).collect();
        return Err(InputError::new(format!("{}.{}", at(), shown(key)), format!("unknown field `{}`", shown(key)), format!("未知字段“{}”", shown_zh(key))).allowed(allowed));
    }
    fields.clear();
    let mut count = 1;
    for def in defs() {
        let field = || format!("{}.{}", at(), def.name);
        let value = match get(def.name.as_str()) {
            None | Some(Json::Null) if def.required => {
                let e = InputError::new(field(), format!("is required for kind `{}`", kind.id), format!("{}必须填写{}", quote_zh(&kind.name.zh), quote_zh(&def.doc.zh)));
                return Err(e.allowed(def.values.iter().map(|v| v.to_string()).collect()));
            }
            None | Some(Json::Null) => continue,
            Some(v) => v,
        };
        let parsed = match def.ty {
            FieldType::Enum => match value {
                Json::String(s) => match def.values.iter().find(|v| *v == &**s) {
                    Some(v) => FieldValue::Enum(v.clone()),
                    None => {
                        let e = InputError::new(field(), format!("`{}` is not a {} value", shown(s), def.name), format!("“{}”不是允许的取值", shown_zh(s)));
                        return Err(e.allowed(def.values.iter().map(|v| v.to_string()).collect()));
                    }
                },
                other => return Err(wrong_type(&field(), "a string", "字符串", other).allowed(def.values.iter().map(|v| v.to_string()).collect())),
            },
            FieldType::Integer => {
                let (min, max) = (def.min.unwrap_or(i64::MIN), def.max.unwrap_or(i64::MAX));
                match value.as_i64() {
                    Some(n) if (min..=max).contains(&n) => FieldValue::Int(n),
                    _ => {
                        return Err(InputError::new(
                            field(),
                            format!("must be a whole number from {min} to {max}, not {}", shown(&value.to_string())),
                            format!("应为 {min} 到 {max} 之间的整数"),
                        ));
                    }
                }
            }
            FieldType::Yuan => FieldValue::Yuan(yuan(value, &field())?),
            FieldType::Bool => match value {
                Json::Bool(b) => FieldValue::Bool(*b),
                other => return Err(wrong_type(&field(), "true or false", "true 或 false", other).allowed(vec!["true".into(), "false".into()])),
            },
            FieldType::Date => match value {
                Json::String(s) => FieldValue::Text(date_text(field(), s).map(|_| s.to_string())?),
                other => return Err(wrong_type(&field(), "a YYYY-MM-DD string", "YYYY-MM-DD 日期字符串", other)),
            },
            FieldType::Text => match value {
                Json::String(s) if s.chars().count() <= MAX_TEXT => FieldValue::Text(s.to_string()),
                Json::String(_) => return Err(InputError::new(field(), format!("is longer than {MAX_TEXT} characters"), format!("超过 {MAX_TEXT} 个字符"))),
                other => return Err(wrong_type(&field(), "a string", "字符串", other)),
            },
        };
        if def.name == "count" {
            if let FieldValue::Int(n) = parsed {
                count = n as u32; // within 1..=10000 by the kinds file
            }
        } else {
            fields.set(def.name.clone(), parsed);
        }
    }
    Ok(count)
}

/// Refuses an item dated after the day of application (`as_of`, today when not given):
/// the first such item, naming its field.
pub fn dates_by(req: &Request, as_of: Date) -> Result<(), InputError> {
    match req.achievements.iter().enumerate().find_map(|(i, a)| a.date().filter(|d| *d > as_of).map(|d| (i, d))) {
        None => Ok(()),
        Some((i, d)) => Err(InputError::new(
            format!("achievements[{i}].date"),
            format!("{d} is after the day of application (as_of {as_of})"),
            format!("{d} 晚于申请日（as_of {as_of}）"),
        )),
    }
}

/// Money in: a decimal string ("12000.50") or a whole JSON number; never a float, which
/// could not be exact.
pub(crate) fn yuan(v: &Json, field: &str) -> Result<Decimal, InputError> {
    let bad = || {
        InputError::new(
            field,
            format!("must be yuan as a decimal string such as \"120000\" or \"9500.50\", from 0 to {MAX_YUAN}; got {}", shown(&v.to_string())),
            format!("应为以元计的十进制字符串，如 \"120000\"，范围 0 到 {MAX_YUAN}"),
        )
    };
    let d = match v {
        // Digits with at most one point (`plain_decimal`), and no sign: "-0" is refused too.
        Json::String(s) => {
            let s = s.trim();
            super::plain_decimal(s).filter(|_| !s.starts_with('-')).ok_or_else(bad)?
        }
        Json::Number(_) => Decimal::from(v.as_i64().ok_or_else(bad)?),
        _ => return Err(bad()),
    };
    if d < Decimal::ZERO || d > Decimal::from(MAX_YUAN) || d.scale() > 2 {
        return Err(bad());
    }
    Ok(d)
}
