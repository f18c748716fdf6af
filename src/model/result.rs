//! What every face returns: the contract's result, plus the steps that explain it.
//! Results borrow their texts (clauses, quotes, titles) from the catalog: an estimate
//! copies no policy text.

use crate::date::Date;
use crate::model::reform::Change;
use crate::policy::schema::{Basis, DeadlineShape, Text};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Debug, Clone, Serialize)]
pub struct EstimateResult<'a> {
    pub region: &'a str,
    pub region_name: &'a Text,
    pub as_of: String,
    pub policies: Vec<PolicyStatus<'a>>,
    /// Sum of the lines, after every combination rule: yuan as a decimal string.
    pub total_yuan: String,
    /// True when any counted line is a ceiling (最高 / 不超过).
    pub total_is_upper_bound: bool,
    /// With a reform: the total without it (`total_yuan` is the reform's). The reform's
    /// additions are boxed: without one, a result is as small (and as fast) as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_total_yuan: Option<Box<str>>,
    /// Sum of the lines before combination rules.
    pub gross_yuan: String,
    pub lines: Vec<Line<'a>>,
    /// Each combination rule that changed something, from gross to net.
    pub adjustments: Vec<Adjustment<'a>>,
    pub unmatched: Vec<Unmatched<'a>>,
    pub warnings: Vec<String>,
    /// Non-monetary incentives the region's texts promise.
    pub benefits: Vec<Benefit<'a>>,
    pub data_version: &'a str,
    /// The reform applied, if any: its name and every change it made to the data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reform: Option<Box<ReformApplied>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReformApplied {
    pub name: String,
    pub baseline_total_is_upper_bound: bool,
    pub changes: Vec<Change>,
}

/// On a line (or an unmatched item) whose amount a reform changed: the amount without
/// it and the changes that bear on it (empty where the change came through another
/// line, e.g. a shared cap or a choice of categories).
#[derive(Debug, Clone, Serialize)]
pub struct LineReform<'a> {
    pub baseline_amount_yuan: String,
    /// The rule that paid it without the reform, where another one pays it now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_rule: Option<&'a str>,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PolicyStatus<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// File name of the published text (under `policies/sources/`).
    pub source: &'a str,
    pub status: Status,
    pub issued: &'a str,
    pub effective: Option<&'a str>,
    pub expires: Option<&'a str>,
    /// Whether the text names any amount of money.
    pub pays: bool,
    /// How the dates were read, where they are derived or debatable.
    pub dates_note: Option<&'a str>,
    /// Set (to say so) where the text sets no application deadline or call period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_deadline: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    InForce,
    Expired,
    NotYetEffective,
    NoExpiry,
    /// A later version of the text applies on the day asked about.
    Superseded,
}

#[derive(Debug, Clone, Serialize)]
pub struct Line<'a> {
    /// Index of the achievement in the request.
    pub achievement: usize,
    pub kind: &'a str,
    pub amount_yuan: String,
    pub basis: Basis,
    pub policy: &'a str,
    pub rule: &'a str,
    pub clause: &'a str,
    pub quote: &'a str,
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
    pub notes: Vec<Cow<'a, str>>,
    /// The periods the text requires of the item's date, each with whether it is in.
    pub windows: Vec<LineWindow<'a>>,
    /// When to apply, where the text says (empty where it sets none).
    pub deadlines: Vec<LineDeadline<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reform: Option<Box<LineReform<'a>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowStatus {
    In,
    Out,
    /// The item has no date: counted as in.
    Assumed,
}

/// A period an item's date must fall in, as days for this application.
#[derive(Debug, Clone, Serialize)]
pub struct LineWindow<'a> {
    pub id: &'a str,
    pub status: WindowStatus,
    pub from: Date,
    pub to: Date,
    pub text: &'a str,
    pub clause: &'a str,
    pub quote: &'a str,
    pub note: Option<&'a str>,
}

/// When to apply: `date` where the text makes it a day (the next yearly one, or
/// `years` after the item's date), `from`–`to` for months each year, neither where a
/// notice sets the time; `yearly_*` shapes recur each year.
#[derive(Debug, Clone, Serialize)]
pub struct LineDeadline<'a> {
    pub id: &'a str,
    pub shape: DeadlineShape,
    pub date: Option<Date>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub text: &'a str,
    pub clause: &'a str,
    pub quote: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Adjustment<'a> {
    pub policy: &'a str,
    pub limit: &'a str,
    pub clause: &'a str,
    pub quote: &'a str,
    /// The rule in words.
    pub rule: &'a str,
    /// What it did here.
    pub effect: String,
    /// The reading taken where the rule is debatable.
    pub note: Option<&'a str>,
    pub achievements: Vec<usize>,
    pub before_yuan: String,
    pub after_yuan: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Unmatched<'a> {
    pub achievement: usize,
    pub kind: &'a str,
    pub reason: String,
    /// The clause the reason rests on, and its words; null only where no text of the
    /// region addresses the item at all.
    pub clause: Option<&'a str>,
    pub quote: Option<&'a str>,
    /// Where a reform left unpaid an item paid without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reform: Option<Box<LineReform<'a>>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Benefit<'a> {
    pub policy: &'a str,
    pub clause: &'a str,
    pub quote: &'a str,
    pub text: &'a str,
}
