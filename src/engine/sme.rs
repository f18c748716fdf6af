//! The SME gradient self-assessment: the three tiers of 《优质中小企业梯度培育管理暂行办法》
//! (`policies/sme.toml`) decided on the facts given. A fact left out is never assumed:
//! scores become ranges (the least and the most the missing facts allow) and verdicts
//! `undetermined`. For a tier not reached, the smallest changes of the company's own
//! facts that would reach it.

use crate::model::sme::{show, SmeRequest, Value};
use crate::model::{pick, Lang};
use crate::policy::tiers::{CondDef, Formula, IndicatorDef, InputType, SmeScheme, Test, TierDef};
use crate::tr;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Met,
    NotMet,
    /// A fact it needs was left out.
    Undetermined,
}
use Verdict::*;

impl Verdict {
    fn of(b: bool) -> Verdict {
        if b { Met } else { NotMet }
    }
    fn and(self, o: Verdict) -> Verdict {
        match (self, o) {
            (NotMet, _) | (_, NotMet) => NotMet,
            (Met, Met) => Met,
            _ => Undetermined,
        }
    }
    fn or(self, o: Verdict) -> Verdict {
        match (self, o) {
            (Met, _) | (_, Met) => Met,
            (NotMet, NotMet) => NotMet,
            _ => Undetermined,
        }
    }
}

/// Where a condition stands in its tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Always needed (第三条, and the tier's own).
    Required,
    /// Needed with the score, unless a direct condition holds.
    General,
    /// Alone stands in for the score and the general conditions.
    Direct,
    /// The points of the score.
    Score,
}

#[derive(Debug, Clone, Serialize)]
pub struct Assessment<'s> {
    pub scheme: &'s str,
    pub title: &'s str,
    pub clause: &'s str,
    pub quote: &'s str,
    pub tiers: Vec<TierResult<'s>>,
    /// The figures computed from the facts (annex 4 (十四)); null where a fact is missing.
    pub measures: Vec<MeasureResult<'s>>,
    pub notices: Vec<Cited<'s>>,
    /// The facts not given.
    pub left_out: Vec<&'s str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureResult<'s> {
    pub id: &'s str,
    pub name: &'s str,
    /// In percent, or yuan for an average; rounded to two decimals for reading (the
    /// verdicts compare the exact fraction).
    pub value: Option<String>,
    pub unit: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cited<'s> {
    pub id: &'s str,
    pub text: &'s str,
    pub clause: &'s str,
    pub quote: &'s str,
}

#[derive(Debug, Clone, Serialize)]
pub struct TierResult<'s> {
    pub id: &'s str,
    pub name: &'s str,
    pub verdict: Verdict,
    pub clause: &'s str,
    pub quote: &'s str,
    pub score: Option<Score<'s>>,
    pub groups: Vec<GroupResult<'s>>,
    pub indicators: Vec<IndicatorResult<'s>>,
    pub conditions: Vec<CondResult<'s>>,
    /// For a tier not met: what would reach it, each way with its clause.
    pub missing: Vec<Missing<'s>>,
    /// The facts left out that the verdict waits on.
    pub undetermined_by: Vec<&'s str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Score<'s> {
    pub points_min: u32,
    pub points_max: u32,
    pub pass: u32,
    pub quote: &'s str,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupResult<'s> {
    pub id: &'s str,
    pub name: &'s str,
    pub points_min: u32,
    pub points_max: u32,
    pub full: u32,
    pub threshold: Option<u32>,
    pub threshold_quote: Option<&'s str>,
    pub quote: &'s str,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorResult<'s> {
    pub id: &'s str,
    pub name: &'s str,
    pub group: &'s str,
    pub points_min: u32,
    pub points_max: u32,
    pub full: u32,
    pub clause: &'s str,
    pub quote: &'s str,
    /// The band's words when the points are known (and come from a band).
    pub band: Option<&'s str>,
    /// The figure scored, as read ("2.6%"), when known.
    pub value: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CondResult<'s> {
    pub id: &'s str,
    pub role: Role,
    pub text: &'s str,
    pub clause: &'s str,
    pub quote: &'s str,
    pub verdict: Verdict,
    /// The reading taken, where the clause is ambiguous.
    pub note: Option<&'s str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Missing<'s> {
    pub role: Role,
    /// The condition's id, or "score".
    pub id: &'s str,
    pub text: String,
    pub changes: Vec<Change<'s>>,
    /// For a score plan: the points gained and the total after.
    pub points: Option<u32>,
    pub total: Option<u32>,
    pub clause: &'s str,
    pub quote: &'s str,
}

/// One fact changed: from its value (null: not given) to the value needed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change<'s> {
    pub input: &'s str,
    pub name: &'s str,
    pub from: Option<String>,
    pub to: String,
    /// The computed figure that moves with it, and its target.
    pub measure: Option<&'s str>,
    pub measure_to: Option<String>,
}

/// A figure: `num / den` hundredths, `den > 0`.
#[derive(Clone, Copy)]
struct Frac {
    num: i128,
    den: i128,
}

impl Frac {
    /// `self >= b` (`ge`) or `self <= b`, exactly; `None` only past i128 (inputs are far
    /// inside it).
    fn within(self, b: i128, ge: bool) -> Option<bool> {
        let bd = b.checked_mul(self.den)?;
        Some(if ge { self.num >= bd } else { self.num <= bd })
    }
    /// Rounded half away from zero to hundredths, for reading.
    fn shown(self) -> String {
        let q = (self.num.abs() * 2 + self.den) / (self.den * 2);
        show(if self.num < 0 { -q } else { q })
    }
}

enum Got<'s> {
    Num(Frac),
    Bool(bool),
    Choice(&'s str),
}

/// Hundredths of a bound (the validator keeps bounds to two decimals).
fn h(d: Decimal) -> i128 {
    let x = (d * Decimal::ONE_HUNDRED).trunc();
    x.mantissa() / 10i128.pow(x.scale())
}

fn div_ceil(a: i128, b: i128) -> i128 {
    let q = a.div_euclid(b);
    if a.rem_euclid(b) == 0 { q } else { q + 1 }
}

struct Ctx<'s, 'r> {
    s: &'s SmeScheme,
    facts: &'r [Option<Value<'s>>],
    lang: Lang,
    /// Verdicts of the tiers decided so far.
    tiers: Vec<(&'s str, Verdict)>,
}

impl<'s> Ctx<'s, '_> {
    fn index(&self, id: &str) -> Option<usize> {
        self.s.input.iter().position(|i| i.id == id)
    }

    fn num(&self, id: &str) -> Option<i128> {
        match self.index(id).and_then(|i| self.facts[i]) {
            Some(Value::Num(n)) => Some(n),
            _ => None,
        }
    }

    /// An input or measure, exactly; `None` when a fact it needs is missing (or a
    /// denominator is 0).
    fn get(&self, id: &str) -> Option<Got<'s>> {
        if let Some(i) = self.index(id) {
            return self.facts[i].map(|v| match v {
                Value::Num(n) => Got::Num(Frac { num: n, den: 1 }),
                Value::Bool(b) => Got::Bool(b),
                Value::Choice(c) => Got::Choice(c),
            });
        }
        let m = self.s.measure(id)?;
        let v: Vec<i128> = m.of.iter().map(|i| self.num(i)).collect::<Option<_>>()?;
        let f = match m.formula {
            Formula::Ratio => Frac { num: v[0] * 10_000, den: v[1] },
            Formula::Growth => Frac { num: (v[0] - v[1]) * 10_000, den: v[1] },
            Formula::GrowthAvg => Frac { num: ((v[0] - v[1]) * v[2] + (v[1] - v[2]) * v[1]) * 10_000, den: 2 * v[1] * v[2] },
            Formula::Mean => Frac { num: v[0] + v[1], den: 2 },
        };
        (f.den > 0).then_some(Got::Num(f))
    }

    fn is_leaf(t: &Test) -> bool {
        t.min.is_some() || t.max.is_some() || !t.is.is_empty() || t.equals.is_some()
    }

    fn test(&self, t: &Test, default: Option<&str>) -> Verdict {
        let mut v = Met;
        if Self::is_leaf(t) {
            let m = t.measure.as_deref().or(default).unwrap_or_default();
            v = match self.get(m) {
                None => Undetermined,
                Some(Got::Num(f)) => {
                    let lo = t.min.map_or(Some(true), |b| f.within(h(b), true));
                    let hi = t.max.map_or(Some(true), |b| f.within(h(b), false));
                    lo.zip(hi).map_or(Undetermined, |(a, b)| Verdict::of(a && b))
                }
                Some(Got::Bool(b)) => Verdict::of(t.equals == Some(b)),
                Some(Got::Choice(c)) => Verdict::of(t.is.iter().any(|x| *x == c)),
            };
        }
        if let Some(tier) = &t.tier {
            v = v.and(self.tiers.iter().find(|(id, _)| *id == &**tier).map_or(Undetermined, |t| t.1));
        }
        for a in &t.all {
            v = v.and(self.test(a, default));
        }
        if !t.any.is_empty() {
            v = v.and(t.any.iter().fold(NotMet, |acc, a| acc.or(self.test(a, default))));
        }
        v
    }

    /// The inputs behind an input or measure.
    fn inputs_of(&self, id: &str) -> Vec<&'s str> {
        match self.s.measure(id) {
            Some(m) => m.of.iter().map(|i| &**i).collect(),
            None => self.s.input.iter().find(|i| i.id == id).map(|i| vec![&*i.id]).unwrap_or_default(),
        }
    }

    /// The inputs left out that `t` waits on.
    fn unknowns(&self, t: &Test, default: Option<&str>, out: &mut Vec<&'s str>) {
        if Self::is_leaf(t) {
            let m = t.measure.as_deref().or(default).unwrap_or_default();
            for i in self.inputs_of(m) {
                if self.index(i).is_some_and(|x| self.facts[x].is_none()) && !out.contains(&i) {
                    out.push(i);
                }
            }
        }
        for a in t.all.iter().chain(&t.any) {
            if self.test(a, default) == Undetermined {
                self.unknowns(a, default, out);
            }
        }
    }

    /// The points of an indicator: the least and the most the facts allow, and the band
    /// reached when they are known.
    fn points(&self, ind: &'s IndicatorDef) -> (u32, u32, Option<&'s str>) {
        let m = ind.measure.as_deref();
        if !ind.band.is_empty() {
            let vs: Vec<Verdict> = ind.band.iter().map(|b| self.test(&b.when, m)).collect();
            let possible = || ind.band.iter().zip(&vs).filter(|(_, v)| **v != NotMet).map(|(b, _)| b.points);
            let yes = ind.band.iter().zip(&vs).filter(|(_, v)| **v == Met).map(|(b, _)| b.points).max();
            let lo = yes.unwrap_or(0).max(possible().min().unwrap_or(0));
            let hi = possible().max().unwrap_or(0);
            let band = ind.band.iter().zip(&vs).find(|(b, v)| lo == hi && **v == Met && b.points == lo).map(|(b, _)| &*b.quote);
            return (lo, hi, band);
        }
        if let Some(each) = ind.each.filter(|_| !ind.items.is_empty()) {
            let (mut yes, mut unknown) = (0, 0);
            for item in &ind.items {
                match self.get(&item.measure) {
                    Some(Got::Bool(true)) => yes += 1,
                    None => unknown += 1,
                    _ => {}
                }
            }
            return ((yes * each).min(ind.max), ((yes + unknown) * each).min(ind.max), None);
        }
        match (self.num(m.unwrap_or_default()), ind.per) {
            (Some(v), Some(per)) => {
                let p = (u32::try_from(v / h(per)).unwrap_or(u32::MAX)).saturating_mul(ind.each.unwrap_or(0)).min(ind.max);
                (p, p, None)
            }
            (Some(v), None) => {
                let p = u32::try_from(v / 100).unwrap_or(0).min(ind.max);
                (p, p, None)
            }
            (None, _) => (0, ind.max, None),
        }
    }

    fn value(&self, id: &str) -> Option<String> {
        let unit = self.unit(id);
        match self.get(id)? {
            Got::Num(f) => Some(format!("{}{}", f.shown(), unit_text(unit, self.lang))),
            Got::Bool(b) => Some(tr!(self.lang, if b { "是" } else { "否" }, if b { "yes" } else { "no" }).into()),
            Got::Choice(c) => self.s.input.iter().flat_map(|i| &i.choice).find(|x| x.id == c).map(|x| pick(self.lang, &x.name).into()),
        }
    }

    fn unit(&self, id: &str) -> &'static str {
        match (self.s.input(id).map(|i| i.ty), self.s.measure(id).map(|m| m.formula)) {
            (Some(InputType::Yuan | InputType::SignedYuan), _) | (_, Some(Formula::Mean)) => "yuan",
            (Some(InputType::Percent), _) | (_, Some(_)) => "percent",
            (Some(InputType::Years), _) => "years",
            (Some(InputType::Points), _) => "points",
            _ => "",
        }
    }

    fn name(&self, id: &str) -> &'s str {
        let s = self.s;
        s.input(id).map(|i| &i.name).or_else(|| s.measure(id).map(|m| &m.name)).map_or("", |t| pick(self.lang, t))
    }

    /// The changes of the facts that make the test true, or `None` when none can be
    /// said (a tier to reach first, a fact missing from a ratio).
    fn needs(&self, t: &Test, default: Option<&str>) -> Option<Vec<Change<'s>>> {
        if self.test(t, default) == Met {
            return Some(Vec::new());
        }
        let mut out: Vec<Change> = Vec::new();
        if Self::is_leaf(t) {
            let m = t.measure.as_deref().or(default)?;
            if self.test(&Test { measure: Some(m.into()), min: t.min, max: t.max, is: t.is.clone(), equals: t.equals, ..Test::default() }, None) != Met {
                let c = self.change(t, m)?;
                // A part raised above its whole raises the whole with it (I 类高价值 within I 类).
                let whole = self.s.input(c.input).and_then(|i| i.part_of.as_deref()).and_then(|w| self.s.input(w));
                let to = crate::model::plain_decimal(&c.to).map(h);
                if let (Some(w), Some(to)) = (whole, to) {
                    if self.num(&w.id).is_none_or(|n| n < to) {
                        let from = self.num(&w.id).map(show);
                        out.push(Change { input: &w.id, name: pick(self.lang, &w.name), from, to: c.to.clone(), measure: None, measure_to: None });
                    }
                }
                out.push(c);
            }
        }
        if t.tier.is_some() {
            return None;
        }
        for a in &t.all {
            out.extend(self.needs(a, default)?);
        }
        if !t.any.is_empty() {
            out.extend(t.any.iter().filter_map(|a| self.needs(a, default)).min_by_key(Vec::len)?);
        }
        Some(out)
    }

    /// The change of one fact that brings the input or measure `m` within `t`'s bounds.
    fn change(&self, t: &Test, m: &str) -> Option<Change<'s>> {
        let inputs = self.inputs_of(m);
        let input = self.s.input(inputs.first()?)?;
        let from = self.index(&input.id).and_then(|i| self.facts[i]);
        let shown_from = |v: Option<Value>| match v {
            Some(Value::Num(n)) => Some(show(n)),
            Some(Value::Bool(b)) => Some(b.to_string()),
            Some(Value::Choice(c)) => Some(c.to_string()),
            None => None,
        };
        let to = if let Some(b) = t.equals {
            b.to_string()
        } else if !t.is.is_empty() {
            // The least step: the allowed choice nearest the bottom of the list (lists run best first).
            input.choice.iter().rev().find(|c| t.is.contains(&c.id))?.id.to_string()
        } else {
            let (b, ge) = match (t.min, t.max) {
                (Some(b), _) if self.test(&Test { measure: Some(m.into()), min: Some(b), ..Test::default() }, None) != Met => (h(b), true),
                (_, Some(b)) => (h(b), false),
                (Some(b), None) => (h(b), true),
                (None, None) => return None,
            };
            let whole = matches!(input.ty, InputType::Count | InputType::Years | InputType::Points);
            let v = |i: usize| self.num(inputs.get(i).copied().unwrap_or_default());
            // The value of the first input that gives the bound, the others unchanged,
            // rounded towards meeting it (whole units for counts).
            let (num, den) = match self.s.measure(m).map(|x| x.formula) {
                None => (b, 1),
                Some(Formula::Ratio) => (b * v(1)?, 10_000),
                Some(Formula::Growth) => (v(1)? * (10_000 + b), 10_000),
                Some(Formula::GrowthAvg) => {
                    let (p, q) = (v(1)?, v(2)?);
                    (2 * p * q * b - 10_000 * (p - q) * p + 10_000 * p * q, 10_000 * q)
                }
                Some(Formula::Mean) => (2 * b - v(1)?, 1),
            };
            let unit = if whole { 100 } else { 1 };
            let r = if ge { div_ceil(num, den * unit) * unit } else { num.div_euclid(den * unit) * unit };
            if r < 0 && input.ty != InputType::SignedYuan {
                return None;
            }
            return Some(Change {
                input: &input.id,
                name: pick(self.lang, &input.name),
                from: shown_from(from),
                to: show(r),
                measure: self.s.measure(m).map(|x| &*x.id),
                measure_to: self.s.measure(m).map(|_| show(b)),
            });
        };
        Some(Change { input: &input.id, name: pick(self.lang, &input.name), from: shown_from(from), to, measure: None, measure_to: None })
    }

    fn cond(&self, c: &'s CondDef, role: Role) -> CondResult<'s> {
        CondResult {
            id: &c.id,
            role,
            text: pick(self.lang, &c.text),
            clause: &c.clause,
            quote: &c.quote,
            verdict: self.test(&c.test, None),
            note: c.note.as_ref().map(|n| pick(self.lang, n)),
        }
    }

    /// A change as read: "研发费用总额：2600000 → 3000000（上年度研发费用占营业收入比重 3%）".
    fn say(&self, changes: &[Change]) -> String {
        let parts: Vec<String> = changes
            .iter()
            .map(|c| {
                let unit = unit_text(self.unit(c.input), self.lang);
                let label = |v: &str| self.s.input(c.input).and_then(|i| i.choice.iter().find(|x| x.id == v)).map_or_else(|| format!("{v}{unit}"), |x| pick(self.lang, &x.name).to_string());
                let from = c.from.as_deref().map_or_else(|| tr!(self.lang, "未填".to_string(), "not given".to_string()), label);
                let m = c.measure.zip(c.measure_to.as_deref()).map_or(String::new(), |(m, to)| {
                    let u = unit_text(self.unit(m), self.lang);
                    tr!(self.lang, format!("（{}达到 {to}{u}）", self.name(m)), format!(" ({} to {to}{u})", self.name(m)))
                });
                format!("{}{}{from} → {}{m}", c.name, tr!(self.lang, "：", ": "), label(&c.to))
            })
            .collect();
        parts.join(tr!(self.lang, "；", "; "))
    }
}

fn unit_text(unit: &str, lang: Lang) -> &'static str {
    match (unit, lang) {
        ("percent", _) => "%",
        ("yuan", Lang::Zh) => "元",
        ("yuan", Lang::En) => " yuan",
        ("years", Lang::Zh) => "年",
        ("years", Lang::En) => " years",
        ("points", Lang::Zh) => "分",
        ("points", Lang::En) => " points",
        _ => "",
    }
}

/// One way up a scored indicator: the points it would give and the changes.
struct Step<'s> {
    indicator: usize,
    group: &'s str,
    gain: u32,
    changes: Vec<Change<'s>>,
}

fn tier<'s>(cx: &Ctx<'s, '_>, t: &'s TierDef) -> TierResult<'s> {
    let lang = cx.lang;
    let scored: Vec<(u32, u32, Option<&str>)> = t.indicator.iter().map(|i| cx.points(i)).collect();
    let indicators: Vec<IndicatorResult> = t
        .indicator
        .iter()
        .zip(&scored)
        .map(|(i, &(lo, hi, band))| IndicatorResult {
            id: &i.id,
            name: pick(lang, &i.name),
            group: &i.group,
            points_min: lo,
            points_max: hi,
            full: i.max,
            clause: &i.clause,
            quote: &i.quote,
            band,
            value: i.measure.as_deref().and_then(|m| cx.value(m)),
        })
        .collect();
    let groups: Vec<GroupResult> = t
        .group
        .iter()
        .map(|g| {
            let (lo, hi) = indicators.iter().filter(|i| i.group == &*g.id).fold((0, 0), |(a, b), i| (a + i.points_min, b + i.points_max));
            GroupResult { id: &g.id, name: pick(lang, &g.name), points_min: lo, points_max: hi, full: g.max, threshold: g.min, threshold_quote: g.min_quote.as_deref(), quote: &g.quote }
        })
        .collect();
    let (lo, hi) = indicators.iter().fold((0, 0), |(a, b), i| (a + i.points_min, b + i.points_max));
    let score = t.total.map(|pass| {
        let below = |g: &GroupResult, p: u32| g.threshold.is_some_and(|m| p < m);
        let verdict = if hi < pass || groups.iter().any(|g| below(g, g.points_max)) {
            NotMet
        } else if lo >= pass && !groups.iter().any(|g| below(g, g.points_min)) {
            Met
        } else {
            Undetermined
        };
        Score { points_min: lo, points_max: hi, pass, quote: t.total_quote.as_deref().unwrap_or_default(), verdict }
    });
    let required: Vec<&CondDef> = cx.s.condition.iter().chain(&t.condition).collect();
    let mut conditions: Vec<CondResult> = required.iter().map(|c| cx.cond(c, Role::Required)).collect();
    conditions.extend(t.general.iter().map(|c| cx.cond(c, Role::General)));
    conditions.extend(t.direct.iter().map(|c| cx.cond(c, Role::Direct)));
    let all = |role: Role| conditions.iter().filter(|c| c.role == role).fold(Met, |v, c| v.and(c.verdict));
    let direct = conditions.iter().filter(|c| c.role == Role::Direct).fold(NotMet, |v, c| v.or(c.verdict));
    let scored_path = all(Role::General).and(score.as_ref().map_or(Met, |s| s.verdict));
    let verdict = all(Role::Required).and(scored_path.or(direct));

    let mut missing = Vec::new();
    let mut undetermined_by = Vec::new();
    if verdict != Met {
        let conds: Vec<(&CondDef, Role)> = required.iter().map(|c| (*c, Role::Required)).chain(t.general.iter().map(|c| (c, Role::General))).chain(t.direct.iter().map(|c| (c, Role::Direct))).collect();
        let other_way = scored_path == Met || direct == Met;
        for ((c, role), r) in conds.iter().zip(&conditions) {
            if r.verdict == Undetermined {
                cx.unknowns(&c.test, None, &mut undetermined_by);
            }
            // A general or direct condition matters only while neither way is open.
            if r.verdict != NotMet || (*role != Role::Required && other_way) {
                continue;
            }
            if let Some(changes) = cx.needs(&c.test, None).filter(|c| !c.is_empty()) {
                missing.push(Missing { role: *role, id: &c.id, text: cx.say(&changes), changes, points: None, total: None, clause: &c.clause, quote: &c.quote });
            }
        }
        if let Some(s) = score.as_ref().filter(|s| s.verdict == NotMet && direct != Met) {
            missing.extend(plans(cx, t, &scored, &groups, s));
        }
        for (i, ind) in t.indicator.iter().enumerate() {
            if score.as_ref().is_some_and(|s| s.verdict == Undetermined) && scored[i].0 != scored[i].1 {
                let m = ind.measure.as_deref();
                ind.band.iter().for_each(|b| cx.unknowns(&b.when, m, &mut undetermined_by));
                ind.items.iter().for_each(|it| cx.unknowns(&Test { measure: Some(it.measure.clone()), equals: Some(true), ..Test::default() }, None, &mut undetermined_by));
                if let Some(m) = m.filter(|_| ind.band.is_empty()) {
                    for x in cx.inputs_of(m) {
                        if cx.num(x).is_none() && !undetermined_by.contains(&x) {
                            undetermined_by.push(x);
                        }
                    }
                }
            }
        }
    }
    TierResult {
        id: &t.id,
        name: pick(lang, &t.name),
        verdict,
        clause: &t.clause,
        quote: &t.quote,
        score,
        groups,
        indicators,
        conditions,
        missing,
        undetermined_by,
    }
}

/// The fewest indicator changes that lift a failed score over its pass mark and its
/// sub-thresholds: every single change that does, else every pair, else all the best
/// steps, the largest first; at most three plans, the smallest overshoot first.
fn plans<'s>(cx: &Ctx<'s, '_>, t: &'s TierDef, scored: &[(u32, u32, Option<&str>)], groups: &[GroupResult], s: &Score<'s>) -> Vec<Missing<'s>> {
    let mut steps: Vec<Step> = Vec::new();
    for (i, ind) in t.indicator.iter().enumerate() {
        let (now, hi, _) = scored[i];
        if now != hi {
            continue; // a fact missing: nothing sure to change
        }
        let m = ind.measure.as_deref();
        let mut push = |gain: u32, changes: Vec<Change<'s>>| {
            if gain > 0 && !changes.is_empty() {
                steps.push(Step { indicator: i, group: &ind.group, gain, changes });
            }
        };
        for b in ind.band.iter().filter(|b| b.points > now) {
            if let Some(c) = cx.needs(&b.when, m) {
                push(b.points - now, c);
            }
        }
        if let (Some(per), Some(each), Some(v)) = (ind.per, ind.each, m.and_then(|m| cx.num(m))) {
            let q = u32::try_from(v / h(per)).unwrap_or(u32::MAX);
            for k in 1..=ind.max.saturating_sub(now).div_ceil(each.max(1)) {
                let years = Decimal::from(q + k) * per;
                push(((q + k) * each).min(ind.max) - now, cx.needs(&Test { measure: m.map(Into::into), min: Some(years), ..Test::default() }, None).unwrap_or_default());
            }
        }
        if let Some(each) = ind.each.filter(|_| !ind.items.is_empty()) {
            let mut changes = Vec::new();
            for item in &ind.items {
                if let Some(c) = cx.needs(&Test { measure: Some(item.measure.clone()), equals: Some(true), ..Test::default() }, None).filter(|c| !c.is_empty()) {
                    changes.extend(c);
                    let n = changes.len() as u32;
                    push(((now / each.max(1) + n) * each).min(ind.max).saturating_sub(now), changes.clone());
                }
            }
        }
    }
    let lo: u32 = s.points_min;
    let reaches = |set: &[&Step]| {
        let gain: u32 = set.iter().map(|x| x.gain).sum();
        lo + gain >= s.pass && groups.iter().all(|g| g.threshold.is_none_or(|m| g.points_min + set.iter().filter(|x| x.group == g.id).map(|x| x.gain).sum::<u32>() >= m))
    };
    let shares_input = |a: &Step, b: &Step| a.changes.iter().any(|x| b.changes.iter().any(|y| x.input == y.input));
    let mut found: Vec<Vec<&Step>> = steps.iter().map(|x| vec![x]).filter(|set| reaches(set)).collect();
    if found.is_empty() {
        for (i, a) in steps.iter().enumerate() {
            for b in &steps[i + 1..] {
                if a.indicator != b.indicator && !shares_input(a, b) && reaches(&[a, b]) {
                    found.push(vec![a, b]);
                }
            }
        }
    }
    if found.is_empty() {
        // Each indicator's largest step, the largest first, until the score is reached.
        let mut best: Vec<&Step> = Vec::new();
        for x in &steps {
            match best.iter_mut().find(|b| b.indicator == x.indicator) {
                Some(b) if b.gain < x.gain => *b = x,
                Some(_) => {}
                None => best.push(x),
            }
        }
        best.sort_by_key(|x| std::cmp::Reverse(x.gain));
        let mut set = Vec::new();
        for x in best {
            if !set.iter().any(|y: &&Step| shares_input(x, y)) {
                set.push(x);
                if reaches(&set) {
                    found.push(set);
                    break;
                }
            }
        }
    }
    found.sort_by_key(|set| set.iter().map(|x| x.gain).sum::<u32>());
    found
        .into_iter()
        .take(3)
        .map(|set| {
            let gain: u32 = set.iter().map(|x| x.gain).sum();
            let changes: Vec<Change> = set.iter().flat_map(|x| x.changes.iter().cloned()).collect();
            let total = lo + gain;
            let text = format!("{}{}", cx.say(&changes), tr!(cx.lang, format!("：+{gain} 分，总分 {total} ≥ {}", s.pass), format!(": +{gain} points, total {total} ≥ {}", s.pass)));
            let first = &t.indicator[set[0].indicator];
            Missing { role: Role::Score, id: "score", text, changes, points: Some(gain), total: Some(total), clause: &first.clause, quote: s.quote }
        })
        .collect()
}

pub fn assess<'s>(s: &'s SmeScheme, req: &SmeRequest<'s>) -> Assessment<'s> {
    let mut cx = Ctx { s, facts: &req.facts, lang: req.lang, tiers: Vec::new() };
    let mut tiers = Vec::new();
    for t in &s.tier {
        let r = tier(&cx, t);
        cx.tiers.push((&t.id, r.verdict));
        tiers.push(r);
    }
    Assessment {
        scheme: &s.id,
        title: pick(req.lang, &s.title),
        clause: &s.validity.clause,
        quote: &s.validity.quote,
        tiers,
        measures: s.measure.iter().map(|m| MeasureResult { id: &m.id, name: pick(req.lang, &m.name), value: cx.get(&m.id).and_then(|g| if let Got::Num(f) = g { Some(f.shown()) } else { None }), unit: cx.unit(&m.id) }).collect(),
        notices: s.notice.iter().map(|n| Cited { id: &n.id, text: pick(req.lang, &n.text), clause: &n.clause, quote: &n.quote }).collect(),
        left_out: s.input.iter().zip(&req.facts).filter(|(_, f)| f.is_none()).map(|(i, _)| &*i.id).collect(),
    }
}
