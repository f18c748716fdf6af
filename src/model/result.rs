//! What every face returns: the contract's result, plus the steps that explain it.

use crate::policy::schema::{Basis, Text};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct EstimateResult {
    pub region: String,
    pub region_name: Text,
    pub as_of: String,
    pub policies: Vec<PolicyStatus>,
    /// Sum of the lines, after every combination rule: yuan as a decimal string.
    pub total_yuan: String,
    /// True when any counted line is a ceiling (最高 / 不超过).
    pub total_is_upper_bound: bool,
    /// Sum of the lines before combination rules.
    pub gross_yuan: String,
    pub lines: Vec<Line>,
    /// Each combination rule that changed something, from gross to net.
    pub adjustments: Vec<Adjustment>,
    pub unmatched: Vec<Unmatched>,
    pub warnings: Vec<String>,
    /// Non-monetary incentives the region's texts promise.
    pub benefits: Vec<Benefit>,
    pub data_version: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PolicyStatus {
    pub id: String,
    pub title: String,
    pub status: Status,
    pub issued: String,
    pub effective: Option<String>,
    pub expires: Option<String>,
    /// Whether the text names any amount of money.
    pub pays: bool,
    /// How the dates were read, where they are derived or debatable.
    pub dates_note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    InForce,
    Expired,
    NotYetEffective,
    NoExpiry,
}

#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// Index of the achievement in the request.
    pub achievement: usize,
    pub kind: String,
    pub amount_yuan: String,
    pub basis: Basis,
    pub policy: String,
    pub rule: String,
    pub clause: String,
    pub quote: String,
    /// The amount for one item, before combination rules.
    pub unit_amount_yuan: String,
    /// How many items were claimed, and how many are paid.
    pub claimed: u32,
    pub counted: u32,
    /// Claimed items × unit amount, before combination rules.
    pub gross_yuan: String,
    /// How the unit amount was found, e.g. "50% × 80000 = 40000".
    pub formula: String,
    /// Readings taken, assumptions made: the user should check these.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Adjustment {
    pub policy: String,
    pub limit: String,
    pub clause: String,
    pub quote: String,
    /// The rule in words.
    pub rule: String,
    /// What it did here.
    pub effect: String,
    /// The reading taken where the rule is debatable.
    pub note: Option<String>,
    pub achievements: Vec<usize>,
    pub before_yuan: String,
    pub after_yuan: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Unmatched {
    pub achievement: usize,
    pub kind: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Benefit {
    pub policy: String,
    pub clause: String,
    pub quote: String,
    pub text: String,
}
