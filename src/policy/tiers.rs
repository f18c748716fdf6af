//! The SME gradient scheme's format (`policies/sme.toml`: 《优质中小企业梯度培育管理暂行办法》
//! and its annexes) and its checks against itself and the source text. Like `schema`,
//! compiled by build.rs too: it may use only `super::{schema, validate}`, `serde`,
//! `rust_decimal` and `std`.

use super::schema::{Citation, Str, Text};
use super::validate::{amounts_in, normalize, percents_in};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmeScheme {
    pub id: Str,
    pub source: Str,
    pub title: Text,
    pub issuer: Text,
    pub effective: Str,
    pub validity: Citation,
    pub section: Vec<SectionDef>,
    pub input: Vec<InputDef>,
    pub measure: Vec<MeasureDef>,
    /// What every tier needs (第三条, 第十六条).
    pub condition: Vec<CondDef>,
    pub tier: Vec<TierDef>,
    pub notice: Vec<CondDef>,
    /// How many tests the scheme holds ([`depend`] numbers them from 1).
    #[serde(skip)]
    pub tests: u32,
    /// How many indicators its tiers hold ([`depend`] numbers them from 0).
    #[serde(skip)]
    pub indicators: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub id: Str,
    pub name: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputType {
    /// Yuan, 0 or more, at most two decimals.
    Yuan,
    /// Yuan that may be negative (a loss).
    SignedYuan,
    /// 0–100, at most two decimals.
    Percent,
    /// A whole number, 0 or more.
    Count,
    /// Whole years, 0–100.
    Years,
    /// Whole points, 0 to the input's `max`.
    Points,
    Bool,
    /// One of `choice`.
    Choice,
}

/// A fact the company gives.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputDef {
    pub id: Str,
    #[serde(rename = "type")]
    pub ty: InputType,
    pub section: Str,
    pub name: Text,
    pub doc: Text,
    /// The whole this part may not exceed (main-business revenue of revenue).
    pub part_of: Option<Str>,
    pub max: Option<i64>,
    #[serde(default)]
    pub choice: Vec<ChoiceDef>,
    /// Where the text defines it (annex 4).
    pub clause: Option<Str>,
    pub quote: Option<Str>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceDef {
    pub id: Str,
    pub name: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Formula {
    /// `of[0] / of[1]`, in percent.
    Ratio,
    /// `(of[0] - of[1]) / of[1]`, in percent.
    Growth,
    /// The mean of the growths of `of[0]` on `of[1]` and `of[1]` on `of[2]`.
    GrowthAvg,
    /// `(of[0] + of[1]) / 2`, in yuan.
    Mean,
}

/// A figure computed from inputs (annex 4 (十四)), never asked.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureDef {
    pub id: Str,
    pub name: Text,
    pub formula: Formula,
    pub of: Vec<Str>,
    /// `of` by slot ([`resolve`]).
    #[serde(skip)]
    pub slots: Vec<u32>,
    /// The inputs it reads ([`Deps`]).
    #[serde(skip)]
    pub deps: Deps,
    pub clause: Option<Str>,
    pub quote: Option<Str>,
}

/// A test on inputs and measures: every bound given holds (`min`, `max` inclusive, `is`
/// one of the choices, `equals` the bool), all of `all`, one of `any`, and the tier
/// `tier` is reached. Nothing given: always true.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Test {
    /// An input or measure id; in a band, the indicator's `measure` when left out.
    pub measure: Option<Str>,
    /// The slot of that measure ([`resolve`]), for a test with bounds.
    #[serde(skip)]
    pub slot: Option<u32>,
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
    #[serde(default)]
    pub is: Vec<Str>,
    pub equals: Option<bool>,
    pub tier: Option<Str>,
    #[serde(default)]
    pub all: Vec<Test>,
    #[serde(default)]
    pub any: Vec<Test>,
    /// The inputs its verdict reads, a tier's included ([`resolve`]).
    #[serde(skip)]
    pub deps: Deps,
    /// Its number among the scheme's tests, from 1 ([`depend`]); 0 for a test the engine
    /// makes, which is not remembered.
    #[serde(skip)]
    pub number: u32,
}

/// A set of inputs, a bit each by position (an input past the 64th counts as every
/// input): a change of inputs outside a test's set leaves its verdict as it was, so a
/// changed company is tested again only where the change reaches.
pub type Deps = u64;

pub fn input_bit(slot: usize) -> Deps {
    if slot < 64 { 1 << slot } else { Deps::MAX }
}

/// A condition, a direct alternative or a notice: its words, where, and (but notices)
/// its test.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CondDef {
    pub id: Str,
    pub text: Text,
    pub clause: Str,
    pub quote: Str,
    #[serde(default)]
    pub test: Test,
    /// The reading taken where the clause is ambiguous, shown with the verdict.
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierDef {
    pub id: Str,
    pub name: Text,
    pub clause: Str,
    pub quote: Str,
    /// The passing score, if the tier is scored.
    pub total: Option<u32>,
    pub total_quote: Option<Str>,
    #[serde(default)]
    pub group: Vec<GroupDef>,
    #[serde(default)]
    pub indicator: Vec<IndicatorDef>,
    /// Always required.
    #[serde(default)]
    pub condition: Vec<CondDef>,
    /// Required with the score, unless a `direct` condition holds.
    #[serde(default)]
    pub general: Vec<CondDef>,
    /// Each alone stands in for the score and the `general` conditions.
    #[serde(default)]
    pub direct: Vec<CondDef>,
    /// The inputs its verdict reads, the conditions of every tier included ([`resolve`]).
    #[serde(skip)]
    pub deps: Deps,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    pub id: Str,
    pub name: Text,
    pub max: u32,
    pub quote: Str,
    /// A sub-threshold, written in `min_quote`.
    pub min: Option<u32>,
    pub min_quote: Option<Str>,
}

/// A scored indicator: by `band` (the best band the value falls in), by `per` (`each`
/// points per whole `per` of the measure), by `items` (`each` points per item true), or
/// `given` (the measure is the points); never above `max`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    pub id: Str,
    pub group: Str,
    pub name: Text,
    pub max: u32,
    pub clause: Str,
    pub quote: Str,
    pub measure: Option<Str>,
    #[serde(skip)]
    pub slot: Option<u32>,
    #[serde(default)]
    pub band: Vec<BandDef>,
    pub per: Option<Decimal>,
    pub each: Option<u32>,
    #[serde(default)]
    pub items: Vec<ItemDef>,
    #[serde(default)]
    pub given: bool,
    /// The inputs its points read ([`resolve`]).
    #[serde(skip)]
    pub deps: Deps,
    /// Its number among the scheme's indicators, from 0 ([`depend`]).
    #[serde(skip)]
    pub number: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandDef {
    pub points: u32,
    pub quote: Str,
    #[serde(default)]
    pub when: Test,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub measure: Str,
    #[serde(skip)]
    pub slot: Option<u32>,
    pub quote: Str,
}

/// Gives every reference to an input or measure its slot: inputs by position, then
/// measures after them. Run on the data as read (`load`), so that the engine looks
/// nothing up by name; a name that names nothing keeps `None` (the check reports it).
pub fn resolve(s: &mut SmeScheme) {
    let ids: Vec<Str> = s.input.iter().map(|i| i.id.clone()).chain(s.measure.iter().map(|m| m.id.clone())).collect();
    let slot = |id: &str| ids.iter().position(|x| x == id).map(|p| p as u32);
    fn test(t: &mut Test, default: Option<&str>, slot: &dyn Fn(&str) -> Option<u32>) {
        t.slot = t.measure.as_deref().or(default).and_then(slot);
        t.all.iter_mut().chain(t.any.iter_mut()).for_each(|x| test(x, default, slot));
    }
    for m in &mut s.measure {
        m.slots = m.of.iter().filter_map(|i| slot(i)).collect();
    }
    let conds = |c: &mut Vec<CondDef>| c.iter_mut().for_each(|c| test(&mut c.test, None, &slot));
    conds(&mut s.condition);
    for t in &mut s.tier {
        conds(&mut t.condition);
        conds(&mut t.general);
        conds(&mut t.direct);
        for ind in &mut t.indicator {
            ind.slot = ind.measure.as_deref().and_then(slot);
            let m = ind.measure.clone();
            ind.band.iter_mut().for_each(|b| test(&mut b.when, m.as_deref(), &slot));
            ind.items.iter_mut().for_each(|it| it.slot = slot(&it.measure));
        }
    }
    depend(s);
}

/// Gives every measure, test, indicator and tier the inputs it reads (from the slots
/// [`resolve`] gave): run on the data as read, and on the embedded data as decoded.
pub fn depend(s: &mut SmeScheme) {
    for m in &mut s.measure {
        m.deps = m.slots.iter().fold(0, |d, &x| d | input_bit(x as usize));
    }
    // The inputs behind a slot: itself, or a measure's.
    let inputs = s.input.len();
    let measures: Vec<Deps> = s.measure.iter().map(|m| m.deps).collect();
    let reads = |slot: Option<u32>| match slot.map(|x| x as usize) {
        Some(x) if x < inputs => input_bit(x),
        Some(x) => measures.get(x - inputs).copied().unwrap_or(0),
        None => 0,
    };
    let mut tests = 0;
    let mut deps = |t: &mut Test, tiers: &[(Str, Deps)]| walk(t, &reads, tiers, &mut tests);
    fn walk(t: &mut Test, reads: &dyn Fn(Option<u32>) -> Deps, tiers: &[(Str, Deps)], n: &mut u32) -> Deps {
        *n += 1;
        t.number = *n;
        let mut d = if t.has_bounds() { reads(t.slot) } else { 0 };
        if let Some(tier) = &t.tier {
            // A tier not found (the check reports it) reads everything.
            d |= tiers.iter().find(|(id, _)| id == tier).map_or(Deps::MAX, |x| x.1);
        }
        for x in t.all.iter_mut().chain(t.any.iter_mut()) {
            d |= walk(x, reads, tiers, n);
        }
        t.deps = d;
        d
    }
    let mut tiers: Vec<(Str, Deps)> = Vec::new();
    let mut indicators = 0;
    let common = s.condition.iter_mut().fold(0, |d, c| d | deps(&mut c.test, &[]));
    for t in &mut s.tier {
        let mut d = common;
        for c in t.condition.iter_mut().chain(t.general.iter_mut()).chain(t.direct.iter_mut()) {
            d |= deps(&mut c.test, &tiers);
        }
        for ind in &mut t.indicator {
            let bands = ind.band.iter_mut().fold(0, |d, b| d | deps(&mut b.when, &tiers));
            let items = ind.items.iter().fold(0, |d, it| d | reads(it.slot));
            ind.deps = bands | items | if ind.band.is_empty() { reads(ind.slot) } else { 0 };
            ind.number = indicators;
            indicators += 1;
            d |= ind.deps;
        }
        t.deps = d;
        tiers.push((t.id.clone(), d));
    }
    for n in &mut s.notice {
        deps(&mut n.test, &tiers);
    }
    s.tests = tests;
    s.indicators = indicators;
}

impl SmeScheme {
    pub fn input(&self, id: &str) -> Option<&InputDef> {
        self.input.iter().find(|i| i.id == id)
    }
    pub fn measure(&self, id: &str) -> Option<&MeasureDef> {
        self.measure.iter().find(|m| m.id == id)
    }
}

impl Test {
    /// Whether the test bounds a measure (`min`, `max`, `is` or `equals`): a leaf.
    pub fn has_bounds(&self) -> bool {
        self.min.is_some() || self.max.is_some() || !self.is.is_empty() || self.equals.is_some()
    }

    /// The leaves of the test, in order (a test with a measure is a leaf).
    pub fn leaves<'a>(&'a self, out: &mut Vec<&'a Test>) {
        if self.measure.is_some() || self.tier.is_some() || self.has_bounds() {
            out.push(self);
        }
        self.all.iter().chain(&self.any).for_each(|t| t.leaves(out));
    }
}

/// Every whole number written in `s` followed by 分 ("20 分", "(10分)").
fn points_in(s: &str) -> Vec<u32> {
    let n: Vec<char> = normalize(s).chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n.len() {
        let start = i;
        while i < n.len() && n[i].is_ascii_digit() {
            i += 1;
        }
        if i > start && n.get(i) == Some(&'分') {
            out.extend(n[start..i].iter().collect::<String>().parse::<u32>().ok());
        }
        i += usize::from(i == start);
    }
    out
}

/// Every plain number in `s` ("2 年以上" → 2, "1-3 个" → 1 and 3).
fn numbers_in(s: &str) -> Vec<Decimal> {
    let n = normalize(s);
    n.split(|c: char| !c.is_ascii_digit() && c != '.').filter_map(|d| d.parse::<Decimal>().ok()).map(|d| d.normalize()).collect()
}

struct Check<'a> {
    s: &'a SmeScheme,
    source: String,
    errors: Vec<String>,
}

impl Check<'_> {
    fn err(&mut self, at: &str, msg: impl std::fmt::Display) {
        self.errors.push(format!("sme.toml {at}: {msg}"));
    }

    fn quote(&mut self, at: &str, quote: &str) {
        if normalize(quote).is_empty() || !self.source.contains(&normalize(quote)) {
            self.err(at, format!("quote not found verbatim in the source: «{quote}»"));
        }
    }

    fn text(&mut self, at: &str, t: &Text) {
        if t.zh.is_empty() || t.en.is_empty() {
            self.err(at, "a text needs both zh and en");
        }
    }

    fn citation(&mut self, at: &str, clause: &Option<Str>, quote: &Option<Str>) {
        match (clause, quote) {
            (Some(_), Some(q)) => self.quote(at, q),
            (None, None) => {}
            _ => self.err(at, "`clause` and `quote` go together"),
        }
    }

    /// The type of an input or measure id.
    fn kind_of(&self, id: &str) -> Option<InputType> {
        self.s.input(id).map(|i| i.ty).or_else(|| self.s.measure(id).map(|m| if m.formula == Formula::Mean { InputType::Yuan } else { InputType::Percent }))
    }

    /// A test: its measures exist, its bounds suit their type, and each bound is
    /// written in `quote` (in yuan, 万 or 亿 for money, with % for percentages).
    fn test(&mut self, at: &str, t: &Test, default: Option<&Str>, quote: &str, tiers: &[Str]) {
        if let Some(tier) = &t.tier {
            if !tiers.contains(tier) {
                self.err(at, format!("`tier = {tier}` is not an earlier tier"));
            }
        }
        let leaf = t.has_bounds();
        let measure = t.measure.as_ref().or(default);
        match (leaf, measure) {
            (true, None) => self.err(at, "a bound without a measure"),
            (false, Some(m)) if t.measure.is_some() => self.err(at, format!("measure `{m}` without a bound")),
            (true, Some(m)) => match self.kind_of(m) {
                None => self.err(at, format!("unknown input or measure `{m}`")),
                Some(ty) => self.bounds(at, t, m, ty, quote),
            },
            _ => {}
        }
        for sub in t.all.iter().chain(&t.any) {
            self.test(at, sub, default, quote, tiers);
        }
    }

    fn bounds(&mut self, at: &str, t: &Test, m: &str, ty: InputType, quote: &str) {
        let numeric = matches!(ty, InputType::Yuan | InputType::SignedYuan | InputType::Percent | InputType::Count | InputType::Years | InputType::Points);
        if (t.min.is_some() || t.max.is_some()) != numeric || (t.equals.is_some() != (ty == InputType::Bool)) || (t.is.is_empty() == (ty == InputType::Choice)) {
            self.err(at, format!("the bounds do not suit `{m}` ({ty:?})"));
            return;
        }
        if ty == InputType::Choice {
            let choices: Vec<&Str> = self.s.input(m).map(|i| i.choice.iter().map(|c| &c.id).collect()).unwrap_or_default();
            for v in &t.is {
                if !choices.contains(&v) {
                    self.err(at, format!("`{v}` is not a choice of `{m}`"));
                }
            }
        }
        for b in t.min.iter().chain(&t.max) {
            let written = match ty {
                InputType::Yuan | InputType::SignedYuan => amounts_in(quote).contains(&b.normalize()) || amounts_in(&quote.replace('亿', "0000万")).contains(&b.normalize())
                    // "400-500 万元": the lower figure of a range carries the unit of the upper.
                    || (quote.contains('万') && numbers_in(quote).contains(&(*b / Decimal::from(10_000)).normalize())),
                InputType::Percent => percents_in(quote).contains(&b.normalize()),
                _ => numbers_in(quote).contains(&b.normalize()),
            };
            // A rank written in words ("排名前三"), or a floor of 1 (“获得过”, "1 项以上").
            let cn = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
            let in_words = cn.iter().enumerate().any(|(i, w)| Decimal::from(i) == *b && quote.contains(&format!("前{w}")));
            let words = ty == InputType::Count && (*b == Decimal::ONE || in_words);
            if !written && !words {
                self.err(at, format!("the bound {b} of `{m}` is not written in the quote «{quote}»"));
            }
        }
    }

    fn cond(&mut self, at: &str, c: &CondDef, tiers: &[Str], tested: bool) {
        let at = format!("{at} {}", c.id);
        self.quote(&at, &c.quote);
        self.text(&at, &c.text);
        if let Some(n) = &c.note {
            self.text(&at, n);
        }
        let mut leaves = Vec::new();
        c.test.leaves(&mut leaves);
        if tested == leaves.is_empty() {
            self.err(&at, if tested { "a condition needs a test" } else { "a notice has no test" });
        }
        self.test(&at, &c.test, None, &c.quote, tiers);
    }

    fn indicator(&mut self, at: &str, t: &TierDef, ind: &IndicatorDef) {
        let at = format!("{at} indicator {}", ind.id);
        self.quote(&at, &ind.quote);
        self.text(&at, &ind.name);
        if !t.group.iter().any(|g| g.id == ind.group) {
            self.err(&at, format!("unknown group `{}`", ind.group));
        }
        let ways = [!ind.band.is_empty(), ind.per.is_some(), !ind.items.is_empty(), ind.given];
        if ways.iter().filter(|w| **w).count() != 1 {
            self.err(&at, "an indicator is scored one way: `band`, `per`, `items` or `given`");
        }
        if !points_in(&ind.quote).contains(&ind.max) && !ind.band.iter().any(|b| b.points == ind.max) {
            self.err(&at, format!("the maximum {} is not written in the quote", ind.max));
        }
        for b in &ind.band {
            self.quote(&at, &b.quote);
            if !points_in(&b.quote).contains(&b.points) {
                self.err(&at, format!("{} points are not written in the band's quote «{}»", b.points, b.quote));
            }
            if b.points > ind.max {
                self.err(&at, format!("a band pays {} over the maximum {}", b.points, ind.max));
            }
            self.test(&at, &b.when, ind.measure.as_ref(), &b.quote, &[]);
        }
        if let Some(each) = ind.each {
            if !points_in(&ind.quote).contains(&each) {
                self.err(&at, format!("{each} points each are not written in the quote"));
            }
        }
        if (ind.per.is_some() || !ind.items.is_empty()) != ind.each.is_some() {
            self.err(&at, "`each` goes with `per` or `items`");
        }
        if let Some(per) = ind.per {
            if per <= Decimal::ZERO || !numbers_in(&ind.quote).contains(&per.normalize()) {
                self.err(&at, format!("`per = {per}` must be positive and written in the quote"));
            }
        }
        for item in &ind.items {
            self.quote(&at, &item.quote);
            if self.s.input(&item.measure).map(|i| i.ty) != Some(InputType::Bool) {
                self.err(&at, format!("item `{}` is not a bool input", item.measure));
            }
        }
        let single = ind.per.is_some() || ind.given;
        match (&ind.measure, single) {
            (Some(m), true) if self.kind_of(m).is_none() => self.err(&at, format!("unknown measure `{m}`")),
            (None, true) => self.err(&at, "`per` and `given` need a measure"),
            _ => {}
        }
        if ind.given && self.s.input(ind.measure.as_deref().unwrap_or_default()).is_none_or(|i| i.ty != InputType::Points || i.max != Some(i64::from(ind.max))) {
            self.err(&at, "a `given` indicator reads a points input with its maximum");
        }
    }
}

/// Every problem of the scheme, each naming its place.
pub fn check(s: &SmeScheme, source: Option<String>) -> Vec<String> {
    let Some(source) = source else { return vec![format!("sme.toml: source `{}` not found", s.source)] };
    let mut c = Check { s, source: normalize(&source), errors: Vec::new() };
    c.quote("validity", &s.validity.quote);
    let mut ids = BTreeSet::new();
    let sections: Vec<&Str> = s.section.iter().map(|x| &x.id).collect();
    for i in &s.input {
        let at = format!("input {}", i.id);
        if !ids.insert(&i.id) {
            c.err(&at, "duplicate id");
        }
        c.text(&at, &i.name);
        c.text(&at, &i.doc);
        c.citation(&at, &i.clause, &i.quote);
        if !sections.contains(&&i.section) {
            c.err(&at, format!("unknown section `{}`", i.section));
        }
        if (i.ty == InputType::Choice) == i.choice.is_empty() {
            c.err(&at, "choice inputs, and only they, list `choice`");
        }
        if (i.ty == InputType::Points) != i.max.is_some() {
            c.err(&at, "points inputs, and only they, have `max`");
        }
        if let Some(w) = &i.part_of {
            if s.input(w).map(|w| w.ty) != Some(i.ty) {
                c.err(&at, format!("`part_of = {w}` must be an input of the same type"));
            }
        }
    }
    for m in &s.measure {
        let at = format!("measure {}", m.id);
        if !ids.insert(&m.id) {
            c.err(&at, "duplicate id");
        }
        c.text(&at, &m.name);
        c.citation(&at, &m.clause, &m.quote);
        let n = match m.formula {
            Formula::GrowthAvg => 3,
            _ => 2,
        };
        if m.of.len() != n || m.of.iter().any(|i| !s.input(i).is_some_and(|i| matches!(i.ty, InputType::Yuan | InputType::SignedYuan | InputType::Count))) {
            c.err(&at, format!("`of` names {n} money or count inputs"));
        }
    }
    for cond in &s.condition {
        c.cond("condition", cond, &[], true);
    }
    for n in &s.notice {
        c.cond("notice", n, &[], false);
    }
    let mut tiers: Vec<Str> = Vec::new();
    for t in &s.tier {
        let at = format!("tier {}", t.id);
        c.quote(&at, &t.quote);
        c.text(&at, &t.name);
        match (t.total, &t.total_quote) {
            (Some(total), Some(q)) => {
                c.quote(&at, q);
                if !points_in(q).contains(&total) {
                    c.err(&at, format!("the passing score {total} is not written in «{q}»"));
                }
                let max: u32 = t.group.iter().map(|g| g.max).sum();
                if max != 100 || t.indicator.iter().map(|i| i.max).sum::<u32>() != max {
                    c.err(&at, "groups and indicators must each add up to 100 points");
                }
            }
            (None, None) if t.group.is_empty() && t.indicator.is_empty() => {}
            _ => c.err(&at, "a scored tier has `total`, `total_quote`, groups and indicators"),
        }
        for g in &t.group {
            let gat = format!("{at} group {}", g.id);
            c.quote(&gat, &g.quote);
            c.text(&gat, &g.name);
            if !points_in(&g.quote).contains(&g.max) {
                c.err(&gat, format!("the maximum {} is not written in the quote", g.max));
            }
            match (g.min, &g.min_quote) {
                (Some(min), Some(q)) => {
                    c.quote(&gat, q);
                    if !points_in(q).contains(&min) {
                        c.err(&gat, format!("the threshold {min} is not written in «{q}»"));
                    }
                }
                (None, None) => {}
                _ => c.err(&gat, "`min` and `min_quote` go together"),
            }
            let sum: u32 = t.indicator.iter().filter(|i| i.group == g.id).map(|i| i.max).sum();
            if sum != g.max {
                c.err(&gat, format!("its indicators add up to {sum}, not {}", g.max));
            }
        }
        for ind in &t.indicator {
            c.indicator(&at, t, ind);
        }
        for cond in t.condition.iter().chain(&t.general).chain(&t.direct) {
            c.cond(&at, cond, &tiers, true);
        }
        tiers.push(t.id.clone());
    }
    c.errors
}
