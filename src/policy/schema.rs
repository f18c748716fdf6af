//! The policy-data format: what `policies/*.toml` may say.
//!
//! This file is compiled twice: by `build.rs` (which reads the TOML, validates it and
//! encodes it with `codec`) and by the library (which embeds and decodes that). So it
//! may use only `serde`, `rust_decimal` and `std`, never `crate::`.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;

// The library decodes the embedded data (`codec`), while build.rs and the tests read the
// same types from TOML. So text borrows from the binary at run time and owns what was read.

/// Text of the data.
// Equality is the text's (as the derived hash's), tried by address first: below.
#[allow(clippy::derived_hash_with_manual_eq)]
#[derive(Clone, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Str(Cow<'static, str>);

/// Whether two texts are equal, at once where they are the same text of the data (the
/// engine compares kinds, fields and values of requests, copied from the catalog, with
/// the catalog's own: one string each, where the bytes would be compared).
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a == b)
}

impl PartialEq for Str {
    fn eq(&self, o: &Str) -> bool {
        same(&self.0, &o.0)
    }
}

impl Str {
    pub const fn from_static(s: &'static str) -> Str {
        Str(Cow::Borrowed(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The text where it is the data's own, which lives as long as the process: the
    /// same address and length are then the same text (a memo's key).
    pub fn as_static(&self) -> Option<&'static str> {
        match self.0 {
            Cow::Borrowed(s) => Some(s),
            Cow::Owned(_) => None,
        }
    }
}

impl std::ops::Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Str {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Str {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (*self.0).fmt(f)
    }
}

impl std::fmt::Display for Str {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str(Cow::Owned(s))
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str(Cow::Owned(s.to_string()))
    }
}

impl From<Str> for String {
    fn from(s: Str) -> String {
        s.0.into_owned()
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, o: &str) -> bool {
        same(&self.0, o)
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, o: &&str) -> bool {
        same(&self.0, o)
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, o: &String) -> bool {
        *self.0 == **o
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, o: &Str) -> bool {
        same(self, &o.0)
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, o: &Str) -> bool {
        same(self, &o.0)
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, o: &Str) -> bool {
        **self == *o.0
    }
}

impl Serialize for Str {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Str::from)
    }
}

/// A map with text keys, kept sorted by key in a slice so that it can be `static`.
#[derive(Debug, Clone, PartialEq)]
pub struct Map<V>(pub Vec<(Str, V)>);

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map(Vec::new())
    }
}

impl<V> Map<V> {
    /// From entries already sorted by key.
    pub fn from_sorted(entries: Vec<(Str, V)>) -> Self {
        Map(entries)
    }
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.binary_search_by(|(k, _)| (**k).cmp(key)).ok().map(|i| &self.0[i].1)
    }
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
    /// Sets `key` to `value`, keeping the keys sorted.
    pub fn insert(&mut self, key: Str, value: V) {
        match self.0.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }
    pub fn iter(&self) -> impl Iterator<Item = (&Str, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    pub fn keys(&self) -> impl Iterator<Item = &Str> {
        self.0.iter().map(|(k, _)| k)
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a, V> IntoIterator for &'a Map<V> {
    type Item = (&'a Str, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (Str, V)>, fn(&'a (Str, V)) -> (&'a Str, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V> From<BTreeMap<String, V>> for Map<V> {
    fn from(m: BTreeMap<String, V>) -> Self {
        Map(m.into_iter().map(|(k, v)| (Str::from(k), v)).collect())
    }
}

impl<V> FromIterator<(Str, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (Str, V)>>(iter: I) -> Self {
        let sorted: BTreeMap<Str, V> = iter.into_iter().collect();
        Map(sorted.into_iter().collect())
    }
}

impl<V: Serialize> Serialize for Map<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Map<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        BTreeMap::<String, V>::deserialize(d).map(Map::from)
    }
}

/// Everything the engine knows, embedded in the binary.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub data_version: Str,
    pub kinds: KindsFile,
    /// `policies/facts.toml`: what eligibility conditions may test.
    pub facts: Vec<FactDef>,
    /// Texts of national scope, inherited by every region.
    pub national: NationalDef,
    pub regions: Vec<RegionDef>,
    pub policies: Vec<PolicyDef>,
    /// `policies/registers/*.toml`: tables extracted from the background texts.
    pub registers: Vec<RegisterDef>,
    /// `policies/sme.toml`: the SME gradient scheme (none in a bundle without it).
    pub sme: Option<super::tiers::SmeScheme>,
}

/// The parts of the bundle every call needs: the library decodes them at start-up,
/// and each policy (and the registers) when first used.
#[derive(Debug, Clone)]
pub struct Head {
    pub data_version: Str,
    pub kinds: KindsFile,
    pub facts: Vec<FactDef>,
    pub national: NationalDef,
    pub regions: Vec<RegionDef>,
}

impl Bundle {
    pub fn head(&self) -> Head {
        Head {
            data_version: self.data_version.clone(),
            kinds: self.kinds.clone(),
            facts: self.facts.clone(),
            national: self.national.clone(),
            regions: self.regions.clone(),
        }
    }

    pub fn from_parts(h: Head, policies: Vec<PolicyDef>, registers: Vec<RegisterDef>, sme: Option<super::tiers::SmeScheme>) -> Bundle {
        Bundle { data_version: h.data_version, kinds: h.kinds, facts: h.facts, national: h.national, regions: h.regions, policies, registers, sme }
    }
}

/// The `region` of a policy of national scope (listed under `[national]` in
/// `policies/regions.toml`, not under a region).
pub const NATIONAL: &str = "national";

/// A phrase in both languages of the page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: Str,
    pub en: Str,
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
    pub values: Map<Map<Text>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindDef {
    pub id: Str,
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
    /// A day, `YYYY-MM-DD`, not after the request's `as_of`.
    Date,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    pub name: Str,
    #[serde(rename = "type")]
    pub ty: FieldType,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub values: Vec<Str>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub doc: Text,
}

/// The texts that apply in every region (their policies say `region = "national"`):
/// every region inherits their eligibility conditions.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalDef {
    pub name: Text,
    /// The policies saying `region = "national"`, in file order (found by the loader).
    pub policies: Vec<Str>,
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
    pub id: Str,
    #[serde(rename = "type")]
    pub ty: FactType,
    /// For months: the same fact in whole years (`years_implemented`), read as 12 months a year.
    pub years_alias: Option<Str>,
    pub name: Text,
    pub doc: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionDef {
    pub id: Str,
    pub name: Text,
    pub province: Text,
    /// The policies saying this `region`, in file order: found by the loader, never
    /// written in `regions.toml`.
    #[serde(skip_deserializing)]
    pub policies: Vec<Str>,
    /// Which of its texts replaces which, and from when: found by the loader in the
    /// policies' `supersedes`, so that the catalog knows without reading every policy.
    #[serde(skip_deserializing)]
    pub versions: Vec<VersionDef>,
    /// Enum values read as another value in this region, e.g. in Beijing the city's
    /// own level (`municipal`) is the provincial level.
    #[serde(default)]
    pub level_aliases: Map<Str>,
}

/// One `policies/NN-*.toml`: one published text.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyDef {
    pub id: Str,
    pub region: Str,
    /// File name under `policies/sources/`.
    pub source: Str,
    pub title: Text,
    pub issuer: Text,
    /// Dates as written or derived from the text (`YYYY-MM-DD`).
    pub issued: Str,
    pub effective: Option<Str>,
    pub expires: Option<Str>,
    /// The words that set the effective date and the expiry.
    pub validity: Citation,
    /// When the items it pays must date from (上一年度, 自…以后获得的…): none where it
    /// sets no such period, and then an item's date is not checked.
    #[serde(default)]
    pub window: Vec<WindowDef>,
    /// When to apply: a day or months each year, a time after the item, a notice; none
    /// where the text sets none (and the result says so).
    #[serde(default)]
    pub deadline: Vec<DeadlineDef>,
    /// The earlier text of the region this one replaces, and from when.
    pub supersedes: Option<SupersedesDef>,
    /// Where a paying text sets out what it funds: cited for an item it names no amount
    /// for (when no `[[gap]]` says more).
    pub scope: Option<Citation>,
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
    /// What the text says to hand in (申报材料), in its order: the application checklist.
    #[serde(default)]
    pub material: Vec<MaterialDef>,
    /// The steps of an application the text sets out (申报程序), in its order.
    #[serde(default)]
    pub step: Vec<StepDef>,
    /// Where the text leaves the materials to another document (the annual call).
    pub materials_elsewhere: Option<ElsewhereDef>,
}

/// One material of the application checklist. With `select`, it belongs to the items
/// of one kind (a standard's approval notice, a leader's publication): the result ticks
/// it on the estimate's lines paid by the rules the selector picks. Without, every
/// application of the text needs it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaterialDef {
    pub id: Str,
    /// Close to the source's words.
    pub text: Text,
    pub clause: Str,
    pub quote: Str,
    /// Picks rules of this policy by `kind`, `category`, `rule` and `except` (never
    /// `when`: a tick goes by the rule that paid a line).
    pub select: Option<Selector>,
    /// Where the reading is debatable: shown with the material.
    pub note: Option<Text>,
}

/// One step of the application procedure: who submits what to whom, who checks,
/// publishes, pays.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepDef {
    pub id: Str,
    pub text: Text,
    pub clause: Str,
    pub quote: Str,
    pub note: Option<Text>,
}

/// The words by which a text leaves its materials (or more of them) to another
/// document, such as the annual call for applications.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElsewhereDef {
    pub text: Text,
    pub clause: Str,
    pub quote: Str,
}

/// The shapes of a window, each a range of days for the achievement's date given the
/// day of application (`as_of`, year Y).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowShape {
    /// 上一年度: the year Y − 1.
    PreviousYear,
    /// 本年度 / 当年: the year Y, up to the application.
    SameYear,
    /// 近两年: the `years` years before the application, to the same day.
    RecentYears,
    /// 自…以后获得的: from `from` (a retroactive start) on.
    Since,
    /// 在本办法有效期内: while the text is in force.
    InForce,
    /// 获得…后1年内提出申请: the application within `years` of the date.
    WithinAfter,
}

/// A period the text requires of an item's date, for the rules `select` picks (every
/// rule of the text without it). Each number is checked against the quote at build time.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowDef {
    pub id: Str,
    pub select: Option<Selector>,
    pub shape: WindowShape,
    /// `recent_years`, `within_after`.
    pub years: Option<u32>,
    /// `since`: `YYYY-MM-DD`.
    pub from: Option<Str>,
    /// The period in words, as the user should read it.
    pub text: Text,
    pub clause: Str,
    pub quote: Str,
    /// The reading taken where the words are debatable (docs/ambiguities.md).
    pub note: Option<Text>,
}

/// The shapes of a deadline or call period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineShape {
    /// 每年度的 9 月 30 日: `month` and `day`, each year.
    YearlyDay,
    /// 第四季度 / 3月份 / 上半年: months `from_month` to `to_month`, each year (`text` says
    /// whether applications are taken then or a call is published then).
    YearlyMonths,
    /// 获得…后1年内: within `years` of the item's date.
    AfterDate,
    /// The time is set by a notice (以…发布为准, 按…通知的时间): no date.
    Announced,
    /// 全年受理: any time.
    YearRound,
}

/// When to apply, for the rules `select` picks (every rule of the text without it).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineDef {
    pub id: Str,
    pub select: Option<Selector>,
    pub shape: DeadlineShape,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub from_month: Option<u32>,
    pub to_month: Option<u32>,
    pub years: Option<u32>,
    pub text: Text,
    pub clause: Str,
    pub quote: Str,
}

/// An earlier version of a text: `policy` (of the same region) applies to days before
/// `from`, this one from `from` on; the words that say so are quoted.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupersedesDef {
    pub policy: Str,
    /// `YYYY-MM-DD`: the first day the new text applies instead of the old.
    pub from: Str,
    pub clause: Str,
    pub quote: Str,
}

/// In a region: `new` replaces `old` from `from` (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionDef {
    pub old: Str,
    pub new: Str,
    pub from: Str,
}

/// A clause and its verbatim words, with the reading taken where they are debatable.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub clause: Str,
    pub quote: Str,
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
    One(Str),
    Many(Vec<Str>),
}

impl OneOrMany {
    pub fn as_slice(&self) -> &[Str] {
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
pub type Match = Map<OneOrMany>;

/// Whether `fields` (with `kind`) satisfy a rule's `when`.
pub fn when_matches<'a>(when: &Match, kind: &str, field: impl Fn(&str) -> Option<&'a str>) -> bool {
    when.iter().all(|(name, allowed)| {
        let value = if name == "kind" { Some(kind) } else { field(name) };
        value.is_some_and(|v| allowed.contains(v))
    })
}

/// Every assignment of one value to each field of `when`.
pub fn combinations(when: &Match) -> Vec<Map<Str>> {
    let mut out = vec![Map::default()];
    for (name, values) in when {
        out = out
            .into_iter()
            .flat_map(|m| {
                values.as_slice().iter().map(move |v| {
                    // `when` is sorted by field, so pushing keeps each map sorted.
                    let mut m = m.clone();
                    m.0.push((name.clone(), v.clone()));
                    m
                })
            })
            .collect();
    }
    out
}


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
    pub id: Str,
    /// The class of item, for category limits and caps (`standard`, `secretariat`, ...).
    pub category: Str,
    pub clause: Str,
    pub quote: Str,
    pub when: Match,
    pub basis: Basis,
    pub amount: Option<Decimal>,
    pub percent: Option<Decimal>,
    pub of: Option<Map<Str>>,
    pub of_field: Option<Str>,
    pub max: Option<Decimal>,
    /// Never more than this input field (the text's "not above the actual cost").
    pub limit_to_field: Option<Str>,
    /// Where the limit to the field is set, if elsewhere than `quote`.
    pub limit_quote: Option<Str>,
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

impl Selector {
    /// Whether the selector picks a line of `kind` paid by `rule`, ignoring `when` (a
    /// checklist's selectors have none: the validator refuses it there).
    pub fn picks_line(&self, kind: &str, rule: &RuleDef) -> bool {
        self.kind.as_ref().is_none_or(|k| k.contains(kind))
            && self.category.as_ref().is_none_or(|c| c.contains(&rule.category))
            && self.rule.as_ref().is_none_or(|r| r.contains(&rule.id))
            && self.except.as_ref().is_none_or(|e| !e.picks_line(kind, rule))
    }

    /// Whether `when` is empty here and in `except`.
    pub fn without_when(&self) -> bool {
        self.when.is_empty() && self.except.as_ref().is_none_or(|e| e.without_when())
    }
}

/// The kinds a rule pays (its `when.kind`).
pub fn rule_kinds(rule: &RuleDef) -> &[Str] {
    rule.when.get("kind").map(OneOrMany::as_slice).unwrap_or(&[])
}

/// An eligibility condition on an optional input field. Unknown: assumed met, with a
/// note; known and not met: the achievement is unmatched, with the reason.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionDef {
    pub id: Str,
    pub select: Selector,
    pub field: Str,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub equals: Option<bool>,
    /// The condition in words, e.g. "the lead unit is the first drafting unit".
    pub text: Text,
    pub clause: Str,
    pub quote: Str,
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
    /// Items sharing the values of `group_by` (e.g. the parts of one `series`) count as
    /// one, the best-paying.
    SeriesAsOne,
    /// Among items of one kind sharing the values of `group_by` (e.g. one `subject`),
    /// only the highest is paid.
    HighestOnly,
    /// The same title held earlier at the level in `compare.earlier`, against the level
    /// now in `compare.now`: pay the difference (`difference`) or pay in full if the
    /// earlier level was lower (`full_if_lower`); nothing if it was the same or higher.
    PriorLevel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriorMode {
    Difference,
    FullIfLower,
}

/// How `max_count` groups an entry that leaves out a `group_by` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupMissing {
    /// The entry is a group of its own: what is left out could tell it apart (which
    /// invention?), so it is not merged with others.
    #[default]
    Apart,
    /// Such entries share one group: what is left out names a part of the unit (a site),
    /// and without it the entry is the unit's own (its grade, paid once).
    Together,
}

/// A combination rule of the text. Which fields apply depends on `type` (checked by
/// the validator).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitDef {
    pub id: Str,
    #[serde(rename = "type")]
    pub ty: LimitType,
    #[serde(default)]
    pub select: Selector,
    pub amount: Option<Decimal>,
    pub raised_amount: Option<Decimal>,
    pub raised_when: Option<Selector>,
    pub max: Option<u32>,
    /// The fields whose values make a group (`max_count`, `series_as_one`,
    /// `highest_only`).
    #[serde(default)]
    pub group_by: Vec<Str>,
    /// `max_count`: an entry without one of the `group_by` fields.
    #[serde(default)]
    pub group_missing: GroupMissing,
    /// The two level fields `prior_level` compares.
    pub compare: Option<CompareDef>,
    pub mode: Option<PriorMode>,
    /// The rule in words, for adjustments and explain.
    pub text: Text,
    pub clause: Str,
    pub quote: Str,
    pub note: Option<Text>,
}

/// The fields of an earlier and a current level, enum fields listing the same values
/// from highest to lowest.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareDef {
    pub earlier: Str,
    pub now: Str,
}

/// A condition or caution of the text the engine cannot check; shown as a warning when
/// a selected achievement is claimed (always, without `select`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeDef {
    pub id: Str,
    pub select: Option<Selector>,
    pub text: Text,
    pub clause: Str,
    pub quote: Str,
}

/// A non-monetary incentive the text promises (priority, credit, procurement...).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitDef {
    pub id: Str,
    pub text: Text,
    pub clause: Str,
    pub quote: Str,
}

/// An item the text addresses but names no amount for (Weihai names none for leading an
/// international standard): such an achievement is unmatched with this reason, not a
/// generic one.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GapDef {
    pub id: Str,
    pub when: Match,
    pub text: Text,
    pub clause: Str,
    pub quote: Str,
    /// Set where the reading is debatable (see docs/ambiguities.md); shown to the user
    /// with the reason.
    pub note: Option<Text>,
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
    pub id: Str,
    pub fact: Str,
    pub stage: Stage,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub equals: Option<bool>,
    /// A looser bound that applies when a bool fact is true (the national call's 6 months
    /// in fast-moving fields instead of 12).
    pub relaxed: Option<RelaxedDef>,
    pub text: Text,
    pub clause: Str,
    pub quote: Str,
    /// Where the reading is debatable: shown to the user with the condition.
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelaxedDef {
    /// A bool fact: when true, `min` / `max` replace the condition's own.
    pub fact: Str,
    pub min: Option<i64>,
    pub max: Option<i64>,
}

/// `policies/registers/*.toml`: a table of a background text, one row per printed line.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterDef {
    pub id: Str,
    pub title: Text,
    pub source: Str,
    pub clause: Str,
    /// The words that introduce the table, verbatim.
    pub quote: Str,
    /// The table is the source lines after the line `from`, up to the line `to`.
    pub from: Str,
    pub to: Str,
    /// The column that names a row (unique, never carried).
    pub key: Str,
    /// In the order the source prints them.
    pub columns: Vec<ColumnDef>,
    /// Cells in column order, as printed (whitespace aside).
    pub rows: Vec<Vec<Str>>,
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
    pub id: Str,
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
    pub row: Str,
    pub text: Text,
}
