//! The policy-data format: what `policies/*.toml` may say.
//!
//! This file is compiled twice: by `build.rs` (which reads the TOML, validates it and
//! writes one JSON bundle) and by the library (which embeds that bundle). So it may use
//! only `serde`, `rust_decimal` and `std`, never `crate::`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the engine knows, embedded in the binary.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub data_version: String,
    pub kinds: KindsFile,
    /// `policies/facts.toml`: what eligibility conditions may test.
    pub facts: Vec<FactDef>,
    /// Texts of national scope, inherited by every region.
    pub national: NationalDef,
    pub regions: Vec<RegionDef>,
    pub policies: Vec<PolicyDef>,
    /// `policies/registers/*.toml`: tables extracted from the background texts.
    pub registers: Vec<RegisterDef>,
}

/// The `region` of a policy of national scope (listed under `[national]` in
/// `policies/regions.toml`, not under a region).
pub const NATIONAL: &str = "national";

/// A phrase in both languages of the page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

/// `policies/kinds/*.toml`: the achievement kinds a request may name, and their fields.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindsFile {
    /// Fields every kind accepts (count, subject, actual cost...).
    #[serde(default)]
    pub common_field: Vec<FieldDef>,
    pub kind: Vec<KindDef>,
    /// Labels of enum values, by field name then value: `values.level.national`.
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, Text>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindDef {
    pub id: String,
    pub name: Text,
    /// What the kind means in the texts, for docs and the page.
    pub doc: Text,
    #[serde(default)]
    pub field: Vec<FieldDef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// One of `values`; for levels the list runs from highest to lowest.
    Enum,
    Integer,
    /// Money in yuan: a decimal string (or a JSON integer).
    Yuan,
    Bool,
    Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: FieldType,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub values: Vec<String>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub doc: Text,
}

/// `policies/regions.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionsFile {
    pub national: NationalDef,
    pub region: Vec<RegionDef>,
}

/// The texts that apply in every region (their policies say `region = "national"`):
/// every region inherits their eligibility conditions.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalDef {
    pub name: Text,
    pub policies: Vec<String>,
}

/// `policies/facts.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsFile {
    pub fact: Vec<FactDef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactType {
    Bool,
    /// A whole number of months (0–1200).
    Months,
}

/// A fact about a company that eligibility conditions test and a request may give.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactDef {
    pub id: String,
    #[serde(rename = "type")]
    pub ty: FactType,
    /// For months: the same fact in whole years (`years_implemented`), read as 12 months a year.
    pub years_alias: Option<String>,
    pub name: Text,
    pub doc: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionDef {
    pub id: String,
    pub name: Text,
    pub province: Text,
    pub policies: Vec<String>,
    /// Enum values read as another value in this region, e.g. in Beijing the city's
    /// own level (`municipal`) is the provincial level.
    #[serde(default)]
    pub level_aliases: BTreeMap<String, String>,
}

/// One `policies/NN-*.toml`: one published text.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyDef {
    pub id: String,
    pub region: String,
    /// File name under `policies/sources/`.
    pub source: String,
    pub title: Text,
    pub issuer: Text,
    /// Dates as written or derived from the text (`YYYY-MM-DD`).
    pub issued: String,
    pub effective: Option<String>,
    pub expires: Option<String>,
    /// The words that set the effective date and the expiry.
    pub validity: Citation,
    #[serde(default)]
    pub rule: Vec<RuleDef>,
    #[serde(default)]
    pub condition: Vec<ConditionDef>,
    #[serde(default)]
    pub limit: Vec<LimitDef>,
    #[serde(default)]
    pub notice: Vec<NoticeDef>,
    #[serde(default)]
    pub benefit: Vec<BenefitDef>,
    #[serde(default)]
    pub gap: Vec<GapDef>,
    #[serde(default)]
    pub eligibility: Vec<EligibilityDef>,
}

/// A clause and its verbatim words, with the reading taken where they are debatable.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub clause: String,
    pub quote: String,
    /// Set where the reading is debatable (see docs/ambiguities.md); shown to the user.
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The text names the amount.
    Fixed,
    /// The text names a ceiling (不高于 / 不超过 / 最高).
    Cap,
}

/// A field condition: the achievement's value must be one of these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn as_slice(&self) -> &[String] {
        match self {
            OneOrMany::One(s) => std::slice::from_ref(s),
            OneOrMany::Many(v) => v,
        }
    }
    pub fn contains(&self, v: &str) -> bool {
        self.as_slice().iter().any(|x| x == v)
    }
}

/// What an achievement must look like for a rule to pay it: `kind` plus field values.
pub type Match = BTreeMap<String, OneOrMany>;

/// One paid item: which achievements it pays, how much, and the words that say so.
///
/// The amount is given in exactly one way:
/// - `amount` (with `basis`);
/// - `percent` of another rule of the same policy, found by re-matching the achievement
///   with the fields in `of` replaced (revise = 50% of formulate: `of = { action = "formulate" }`;
///   `kind` may be replaced too: a provincial award at 30% of the national one);
/// - `percent` of an input field (`of_field`, e.g. `actual_cost_yuan`), at most `max`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: String,
    /// The class of item, for category limits and caps (`standard`, `secretariat`, ...).
    pub category: String,
    pub clause: String,
    pub quote: String,
    pub when: Match,
    pub basis: Basis,
    pub amount: Option<Decimal>,
    pub percent: Option<Decimal>,
    pub of: Option<BTreeMap<String, String>>,
    pub of_field: Option<String>,
    pub max: Option<Decimal>,
    /// Never more than this input field (the text's "not above the actual cost").
    pub limit_to_field: Option<String>,
    /// Where the limit to the field is set, if elsewhere than `quote`.
    pub limit_quote: Option<String>,
    /// Where the reading of this rule is debatable: shown to the user on its line.
    pub note: Option<Text>,
}

/// Picks achievements (with the rule that pays them) for conditions, limits and notices.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selector {
    pub kind: Option<OneOrMany>,
    pub category: Option<OneOrMany>,
    pub rule: Option<OneOrMany>,
    #[serde(default)]
    pub when: Match,
    pub except: Option<Box<Selector>>,
}

/// An eligibility condition on an optional input field. Unknown: assumed met, with a
/// note; known and not met: the achievement is unmatched, with the reason.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionDef {
    pub id: String,
    pub select: Selector,
    pub field: String,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub equals: Option<bool>,
    /// The condition in words, e.g. "the lead unit is the first drafting unit".
    pub text: Text,
    pub clause: String,
    pub quote: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitType {
    /// The selected amounts of one unit in one year add up to at most `amount`
    /// (`raised_amount` when any selected achievement matches `raised_when`).
    AnnualCap,
    /// At most `max` items among the selected, per group of `group_by` field values.
    MaxCount,
    /// At most `max` categories of item a year.
    MaxCategories,
    /// Parts sharing a `series` value count as one standard.
    SeriesAsOne,
    /// Among selected items with the same `subject` and kind, only the highest is paid.
    HighestOnly,
    /// The same title held earlier at `previous_level`: pay the difference (`difference`)
    /// or pay in full if the earlier level was lower (`full_if_lower`); nothing if it was
    /// the same or higher.
    PriorLevel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriorMode {
    Difference,
    FullIfLower,
}

/// A combination rule of the text. Which fields apply depends on `type` (checked by
/// the validator).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitDef {
    pub id: String,
    #[serde(rename = "type")]
    pub ty: LimitType,
    #[serde(default)]
    pub select: Selector,
    pub amount: Option<Decimal>,
    pub raised_amount: Option<Decimal>,
    pub raised_when: Option<Selector>,
    pub max: Option<u32>,
    #[serde(default)]
    pub group_by: Vec<String>,
    pub mode: Option<PriorMode>,
    /// The rule in words, for adjustments and explain.
    pub text: Text,
    pub clause: String,
    pub quote: String,
    pub note: Option<Text>,
}

/// A condition or caution of the text the engine cannot check; shown as a warning when
/// a selected achievement is claimed (always, without `select`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeDef {
    pub id: String,
    pub select: Option<Selector>,
    pub text: Text,
    pub clause: String,
    pub quote: String,
}

/// A non-monetary incentive the text promises (priority, credit, procurement...).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitDef {
    pub id: String,
    pub text: Text,
    pub clause: String,
    pub quote: String,
}

/// An item the text addresses but names no amount for (Weihai names none for leading an
/// international standard): such an achievement is unmatched with this reason, not a
/// generic one.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GapDef {
    pub id: String,
    pub when: Match,
    pub text: Text,
    pub clause: String,
    pub quote: String,
}

/// When in a leader's life a condition applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// To be evaluated (or to apply) as a leader.
    Evaluation,
    /// To keep the title (its term, its revocation).
    Title,
    /// To receive a reward or subsidy for the title.
    Reward,
}

/// A condition a company must meet to be evaluated or rewarded as a leader, on one fact
/// of `policies/facts.toml`: exactly one of `min` / `max` (months facts) or `equals`
/// (bool facts).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityDef {
    pub id: String,
    pub fact: String,
    pub stage: Stage,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub equals: Option<bool>,
    /// A looser bound that applies when a bool fact is true (the national call's 6 months
    /// in fast-moving fields instead of 12).
    pub relaxed: Option<RelaxedDef>,
    pub text: Text,
    pub clause: String,
    pub quote: String,
    /// Where the reading is debatable: shown to the user with the condition.
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelaxedDef {
    /// A bool fact: when true, `min` / `max` replace the condition's own.
    pub fact: String,
    pub min: Option<i64>,
    pub max: Option<i64>,
}

/// `policies/registers/*.toml`: a table of a background text, one row per printed line.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterDef {
    pub id: String,
    pub title: Text,
    pub source: String,
    pub clause: String,
    /// The words that introduce the table, verbatim.
    pub quote: String,
    /// The table is the source lines after the line `from`, up to the line `to`.
    pub from: String,
    pub to: String,
    /// The column that names a row (unique, never carried).
    pub key: String,
    /// In the order the source prints them.
    pub columns: Vec<ColumnDef>,
    /// Cells in column order, as printed (whitespace aside).
    pub rows: Vec<Vec<String>>,
    #[serde(default, rename = "note")]
    pub notes: Vec<RowNote>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchMode {
    /// Not searched (row numbers).
    None,
    /// Found when the query is part of the cell.
    Contains,
    /// Also found when the cell is part of the query ("锂电池" finds the domain 电池).
    Both,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    pub id: String,
    pub name: Text,
    pub search: SearchMode,
    /// A merged cell: where the line leaves it empty, the row above gives it.
    #[serde(default)]
    pub carry: bool,
}

/// A reading of one row, where the printed line is odd: shown with the row.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowNote {
    /// The row's `key` cell.
    pub row: String,
    pub text: Text,
}
