//! What `advise` returns: the achievements a unit could add next, each worth what the
//! engine says it adds to the total (not the listed amount), and the room left under
//! each combination rule.

use super::request::{Achievement, FieldValue};
use crate::policy::schema::{Basis, LimitType, Text};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Advice<'a> {
    pub region: &'a str,
    pub region_name: &'a Text,
    pub as_of: String,
    /// The total of the request as given (what every `marginal_yuan` adds to).
    pub total_yuan: String,
    pub total_is_upper_bound: bool,
    /// One more item of each distinct paying combination, the most it adds first.
    pub candidates: Vec<Candidate<'a>>,
    /// The annual caps and count limits of the texts in force: how much is left.
    pub room: Vec<Room<'a>>,
    /// Items a rule pays as a share of a cost the request does not give (no amount
    /// can be computed without it).
    pub needs_input: Vec<NeedsInput<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Candidate<'a> {
    /// An achievement of the contract, ready to be appended to the request.
    pub achievement: Achievement,
    /// The item in words: kind and values.
    pub label: String,
    /// The total with it appended minus the total without it.
    pub marginal_yuan: String,
    /// What the rule pays for one such item on its own, before combination rules.
    pub listed_yuan: String,
    /// The rule paying it is a ceiling (最高 / 不超过, or a detail assumed).
    pub basis: Basis,
    pub policy: &'a str,
    pub rule: &'a str,
    pub clause: &'a str,
    pub quote: &'a str,
    /// Why the marginal worth differs from the listed amount (a cap, a count limit,
    /// a category displaced), each with the clause that says so.
    pub reasons: Vec<Reason<'a>>,
    /// With `across`: the same item added in every region (to that region's reading of
    /// the same request), the most first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regions: Option<Vec<Elsewhere<'a>>>,
}

/// A combination rule of the candidate's own text (limits apply to the claims of the
/// text they are in).
#[derive(Debug, Clone, Serialize)]
pub struct Reason<'a> {
    pub text: String,
    pub limit: &'a str,
    pub clause: &'a str,
    pub quote: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Elsewhere<'a> {
    pub region: &'a str,
    pub region_name: &'a Text,
    pub marginal_yuan: String,
    pub total_is_upper_bound: bool,
}

/// A combination rule and what is left under it: yuan for an annual cap, items for a
/// count per class (the fullest class), categories for a category limit.
#[derive(Debug, Clone, Serialize)]
pub struct Room<'a> {
    pub policy: &'a str,
    pub limit: &'a str,
    #[serde(rename = "type")]
    pub ty: LimitType,
    /// `yuan`, `items` or `categories`: what `max`, `used` and `left` count.
    pub unit: &'static str,
    /// The rule in words.
    pub text: &'a str,
    /// The room in words: "上限 500000 元，已用 380000 元，尚余 120000 元".
    pub summary: String,
    pub clause: &'a str,
    pub quote: &'a str,
    /// Decimal strings, as money is (counts are whole numbers).
    pub max: String,
    pub used: String,
    pub left: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NeedsInput<'a> {
    pub achievement: Achievement,
    pub label: String,
    pub policy: &'a str,
    pub rule: &'a str,
    pub clause: &'a str,
    pub quote: &'a str,
    /// Why no amount can be computed, in the user's words.
    pub reason: String,
}

/// An achievement as the contract writes it: `kind`, its fields, `count`.
impl Serialize for Achievement {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("kind", self.kind.as_str())?;
        for (name, v) in self.fields.iter() {
            match v {
                FieldValue::Enum(e) => m.serialize_entry(name.as_str(), e.as_str())?,
                FieldValue::Int(i) => m.serialize_entry(name.as_str(), i)?,
                FieldValue::Yuan(d) => m.serialize_entry(name.as_str(), &super::yuan(*d))?,
                FieldValue::Bool(b) => m.serialize_entry(name.as_str(), b)?,
                FieldValue::Text(t) => m.serialize_entry(name.as_str(), t)?,
            }
        }
        m.serialize_entry("count", &self.count)?;
        m.end()
    }
}
