//! The SME gradient self-assessment: the three tiers of 《优质中小企业梯度培育管理暂行办法》
//! (`policies/sme.toml`) decided on the facts given. A fact left out is never assumed:
//! scores become ranges (the least and the most the missing facts allow) and verdicts
//! `undetermined`. For a tier not reached, the smallest changes of the company's own
//! facts that would reach it.

use crate::model::sme::{push_shown, show, SmeRequest, Value};
use crate::model::{pick, Lang};
use crate::policy::tiers::{input_bit, CondDef, Deps, Formula, IndicatorDef, InputDef, InputType, MeasureDef, SmeScheme, Test, TierDef};
use crate::tr;
use rust_decimal::Decimal;
use std::cell::{Cell, OnceCell};
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

thread_local! {
    static LEAN: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` (a result written) with the words that come from the scheme left out: ids,
/// names, clauses and quotes, which are the same in every assessment in one language.
/// The wasm face's `smeLeanJson`: the package puts them back from an assessment of no
/// facts (written whole, once per language), so a page parses a third of the text.
pub fn lean<R>(f: impl FnOnce() -> R) -> R {
    LEAN.with(|l| l.set(true));
    let r = f();
    LEAN.with(|l| l.set(false));
    r
}

fn from_scheme<T>(_: &T) -> bool {
    LEAN.with(Cell::get)
}

fn whole<T>(_: &T) -> bool {
    !LEAN.with(Cell::get)
}

/// A tier's conditions, in the lean form their verdicts alone (the rest is the scheme's).
fn verdicts_when_lean<S: serde::Serializer>(c: &[CondResult], s: S) -> Result<S::Ok, S::Error> {
    if LEAN.with(Cell::get) {
        s.collect_seq(c.iter().map(|c| c.verdict))
    } else {
        c.serialize(s)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Assessment<'s> {
    #[serde(skip_serializing_if = "from_scheme")]
    pub scheme: &'s str,
    #[serde(skip_serializing_if = "from_scheme")]
    pub title: &'s str,
    #[serde(skip_serializing_if = "from_scheme")]
    pub clause: &'s str,
    #[serde(skip_serializing_if = "from_scheme")]
    pub quote: &'s str,
    pub tiers: Vec<TierResult<'s>>,
    /// The figures computed from the facts (annex 4 (十四)); null where a fact is missing.
    pub measures: Vec<MeasureResult<'s>>,
    #[serde(skip_serializing_if = "from_scheme")]
    pub notices: Vec<Cited<'s>>,
    /// The facts not given.
    pub left_out: Vec<&'s str>,
    /// Written in the lean form only: the language whose words it leaves out.
    #[serde(skip_serializing_if = "whole")]
    pub lang: Lang,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureResult<'s> {
    #[serde(skip_serializing_if = "from_scheme")]
    pub id: &'s str,
    #[serde(skip_serializing_if = "from_scheme")]
    pub name: &'s str,
    /// In percent, or yuan for an average; rounded to two decimals for reading (the
    /// verdicts compare the exact fraction).
    pub value: Option<String>,
    #[serde(skip_serializing_if = "from_scheme")]
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
    #[serde(skip_serializing_if = "from_scheme")]
    pub id: &'s str,
    #[serde(skip_serializing_if = "from_scheme")]
    pub name: &'s str,
    pub verdict: Verdict,
    #[serde(skip_serializing_if = "from_scheme")]
    pub clause: &'s str,
    #[serde(skip_serializing_if = "from_scheme")]
    pub quote: &'s str,
    pub score: Option<Score<'s>>,
    pub groups: Vec<GroupResult<'s>>,
    pub indicators: Vec<IndicatorResult<'s>>,
    #[serde(serialize_with = "verdicts_when_lean")]
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
    #[serde(skip_serializing_if = "from_scheme")]
    pub pass: u32,
    #[serde(skip_serializing_if = "from_scheme")]
    pub quote: &'s str,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupResult<'s> {
    #[serde(skip_serializing_if = "from_scheme")]
    pub id: &'s str,
    #[serde(skip_serializing_if = "from_scheme")]
    pub name: &'s str,
    pub points_min: u32,
    pub points_max: u32,
    #[serde(skip_serializing_if = "from_scheme")]
    pub full: u32,
    #[serde(skip_serializing_if = "from_scheme")]
    pub threshold: Option<u32>,
    #[serde(skip_serializing_if = "from_scheme")]
    pub threshold_quote: Option<&'s str>,
    #[serde(skip_serializing_if = "from_scheme")]
    pub quote: &'s str,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorResult<'s> {
    #[serde(skip_serializing_if = "from_scheme")]
    pub id: &'s str,
    #[serde(skip_serializing_if = "from_scheme")]
    pub name: &'s str,
    #[serde(skip_serializing_if = "from_scheme")]
    pub group: &'s str,
    pub points_min: u32,
    pub points_max: u32,
    #[serde(skip_serializing_if = "from_scheme")]
    pub full: u32,
    #[serde(skip_serializing_if = "from_scheme")]
    pub clause: &'s str,
    #[serde(skip_serializing_if = "from_scheme")]
    pub quote: &'s str,
    /// The band's words when the points are known (and come from a band).
    pub band: Option<&'s str>,
    /// The figure scored, as read ("2.6%"), when it is a known number.
    pub value: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CondResult<'s> {
    #[serde(skip_serializing_if = "from_scheme")]
    pub id: &'s str,
    #[serde(skip_serializing_if = "from_scheme")]
    pub role: Role,
    #[serde(skip_serializing_if = "from_scheme")]
    pub text: &'s str,
    #[serde(skip_serializing_if = "from_scheme")]
    pub clause: &'s str,
    #[serde(skip_serializing_if = "from_scheme")]
    pub quote: &'s str,
    pub verdict: Verdict,
    /// The reading taken, where the clause is ambiguous.
    #[serde(skip_serializing_if = "from_scheme")]
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
    /// The condition's quote, or the score's (left out of the lean form).
    #[serde(skip_serializing_if = "from_scheme")]
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

/// A figure: `num / den` hundredths, `den > 0`, with the whole hundredths below and
/// above it.
#[derive(Clone, Copy)]
struct Frac {
    num: i128,
    den: i128,
    floor: i128,
    ceil: i128,
}

impl Frac {
    /// `None` for a denominator of 0 or less (no revenue: the figure cannot be computed).
    fn new(num: i128, den: i128) -> Option<Frac> {
        if den == 1 {
            return Some(Frac { num, den, floor: num, ceil: num });
        }
        let floor = num.checked_div_euclid(den).filter(|_| den > 0)?;
        Some(Frac { num, den, floor, ceil: floor + i128::from(num.rem_euclid(den) != 0) })
    }
    /// `self >= b` (`ge`) or `self <= b`, exactly: against a whole bound the fraction's
    /// floor (or ceiling) decides, so a test is a comparison (i128 products and
    /// quotients are library calls in wasm).
    fn within(self, b: i128, ge: bool) -> bool {
        if ge { self.floor >= b } else { self.ceil <= b }
    }
    /// Rounded half away from zero to hundredths, for reading.
    fn shown(self) -> String {
        let q = if self.den == 1 { self.num.abs() } else { (self.num.abs() * 2 + self.den) / (self.den * 2) };
        let mut s = String::with_capacity(24);
        push_shown(&mut s, if self.num < 0 { -q } else { q });
        s
    }
}

#[derive(Clone, Copy)]
enum Got<'s> {
    Num(Frac),
    Bool(bool),
    Choice(&'s str),
}

fn got(v: Value) -> Got {
    match v {
        Value::Num(n) => Got::Num(Frac { num: n, den: 1, floor: n, ceil: n }),
        Value::Bool(b) => Got::Bool(b),
        Value::Choice(c) => Got::Choice(c),
    }
}

/// A measure's figure from the facts; `None` when one it reads is missing or its
/// denominator is 0 (no revenue).
fn measured<'s>(m: &MeasureDef, vals: &[Option<Got<'s>>]) -> Option<Got<'s>> {
    let mut v = [0i128; 3];
    if m.slots.len() != m.of.len() || m.slots.len() > 3 {
        return None;
    }
    for (x, &slot) in v.iter_mut().zip(&m.slots) {
        let Some(Some(Got::Num(n))) = vals.get(slot as usize) else { return None };
        *x = n.num;
    }
    let f = match m.formula {
        Formula::Ratio => Frac::new(v[0] * 10_000, v[1]),
        Formula::Growth => Frac::new((v[0] - v[1]) * 10_000, v[1]),
        Formula::GrowthAvg => Frac::new(((v[0] - v[1]) * v[2] + (v[1] - v[2]) * v[1]) * 10_000, 2 * v[1] * v[2]),
        Formula::Mean => Frac::new(v[0] + v[1], 2),
    };
    f.map(Got::Num)
}

/// Hundredths of a bound (the validator keeps bounds to two decimals).
fn h(d: Decimal) -> i128 {
    let m = d.mantissa();
    match d.scale() {
        0 => m * 100,
        1 => m * 10,
        2 => m,
        s => m / 10i128.pow(s - 2),
    }
}

fn div_ceil(a: i128, b: i128) -> i128 {
    let q = a.div_euclid(b);
    if a.rem_euclid(b) == 0 { q } else { q + 1 }
}

/// One fact to change: the input (by position), its new value, and the computed figure
/// that moves with it (by slot) with the bound it reaches. Words are made only for the
/// changes shown.
#[derive(Clone, Copy, PartialEq)]
struct Need<'s> {
    input: usize,
    to: Value<'s>,
    /// For a number: whether it is a floor (`to` or more) rather than a ceiling.
    up: bool,
    measure: Option<(usize, i128)>,
}

/// The most ways of meeting one test that are tried.
const MAX_WAYS: usize = 16;

/// One change per input: two floors of one input keep the higher, two ceilings the
/// lower (a floor and a ceiling both stay, and the plan's check finds them at odds).
fn merge<'s>(needs: impl Iterator<Item = Need<'s>>) -> Vec<Need<'s>> {
    let mut out: Vec<Need<'s>> = Vec::with_capacity(needs.size_hint().0);
    for n in needs {
        match out.iter_mut().find(|o| o.input == n.input && o.up == n.up) {
            Some(o) => {
                if let (Value::Num(a), Value::Num(b)) = (o.to, n.to) {
                    if (n.up && b > a) || (!n.up && b < a) {
                        *o = n;
                    }
                } else if o.to != n.to {
                    out.push(n);
                }
            }
            None => out.push(n),
        }
    }
    out
}

struct Ctx<'s> {
    s: &'s SmeScheme,
    lang: Lang,
    /// The value of each slot (every input, then every measure), computed once.
    vals: Vec<Option<Got<'s>>>,
    /// The tiers decided before the one at hand, each verdict decided when first asked
    /// for (a changed company's, only if a condition names the tier).
    tiers: Vec<(&'s TierDef, OnceCell<Verdict>)>,
    /// The inputs changed from the company assessed (none for it): a test, indicator or
    /// tier that reads none of them is as it was for the company.
    changed: Deps,
    /// Each scheme test's verdict once decided ([`code`]), by its number.
    memo: Vec<Cell<u8>>,
    /// Each indicator's points once scored, by its number, and whether on this
    /// company's facts (as [`OWN`]).
    scores: Vec<Cell<Option<(bool, Points<'s>)>>>,
}

/// An indicator's points: the least and the most the facts allow, and the band reached
/// when they are known.
type Points<'s> = (u32, u32, Option<&'s str>);

/// A remembered verdict: 0 not yet decided, else the verdict's code, with [`OWN`] when it
/// was decided on this company's facts. One without `OWN` was copied from the company
/// assessed and holds only while the test reads none of the inputs changed.
fn code(v: Verdict) -> u8 {
    match v {
        Met => 1,
        NotMet => 2,
        Undetermined => 3,
    }
}
const OWN: u8 = 4;

impl<'s> Ctx<'s> {
    fn new(s: &'s SmeScheme, facts: Vec<Option<Value<'s>>>, lang: Lang) -> Self {
        let mut vals: Vec<Option<Got>> = facts.iter().map(|f| f.map(got)).collect();
        for m in &s.measure {
            vals.push(measured(m, &vals));
        }
        Ctx { s, lang, vals, tiers: Vec::new(), changed: 0, memo: vec![Cell::new(0); s.tests as usize + 1], scores: vec![Cell::new(None); s.indicators as usize] }
    }

    /// The same company with `needs` applied, the figures only (no tier decided on it):
    /// enough to check a test that names no tier. Only the figures the change reaches
    /// are computed again.
    fn with(&self, needs: &[Need<'s>]) -> Ctx<'s> {
        let mut vals = self.vals.clone();
        let mut changed = 0;
        for n in needs {
            vals[n.input] = Some(got(n.to));
            changed |= input_bit(n.input);
        }
        let inputs = self.s.input.len();
        for (i, m) in self.s.measure.iter().enumerate().filter(|(_, m)| m.deps & changed != 0) {
            vals[inputs + i] = measured(m, &vals);
        }
        // What was decided here holds where the inputs changed so far are not read.
        // The company assessed remembers without `OWN` (its changes are none): copied whole.
        let (memo, scores) = if self.changed == 0 {
            (self.memo.clone(), self.scores.clone())
        } else {
            (self.memo.iter().map(|c| Cell::new(c.get() & !OWN)).collect(), self.scores.iter().map(|c| Cell::new(c.get().map(|(_, p)| (false, p)))).collect())
        };
        Ctx { s: self.s, lang: self.lang, vals, tiers: Vec::new(), changed: self.changed | changed, memo, scores }
    }

    /// The same company with `needs` applied, the tiers decided so far decided again on
    /// it where the change reaches them: where a plan is checked before it is shown.
    fn apply(&self, needs: &[Need<'s>]) -> Ctx<'s> {
        let mut cx = self.with(needs);
        let kept = |t: &TierDef, v: &OnceCell<Verdict>| if t.deps & cx.changed == 0 { v.clone() } else { OnceCell::new() };
        cx.tiers = self.tiers.iter().map(|(t, v)| (*t, kept(t, v))).collect();
        cx
    }

    /// [`OWN`] for a changed company; nothing for the company assessed, whose verdicts
    /// hold wherever a change does not reach.
    fn own(&self) -> u8 {
        if self.changed == 0 { 0 } else { OWN }
    }

    /// Whether the change from the company assessed reaches what reads `deps`.
    fn reaches(&self, deps: Deps) -> bool {
        deps & self.changed != 0
    }

    fn input(&self, slot: usize) -> Option<&'s InputDef> {
        self.s.input.get(slot)
    }

    fn measure(&self, slot: usize) -> Option<&'s MeasureDef> {
        slot.checked_sub(self.s.input.len()).and_then(|m| self.s.measure.get(m))
    }

    /// A slot's value, exactly; `None` when a fact it needs is missing (or a denominator is 0).
    fn get(&self, slot: Option<u32>) -> Option<Got<'s>> {
        *self.vals.get(slot? as usize)?
    }

    /// An input's number as given.
    fn num(&self, slot: usize) -> Option<i128> {
        match self.fact(slot)? {
            Value::Num(n) => Some(n),
            _ => None,
        }
    }

    /// An input as given (or changed); `None` when left out.
    fn fact(&self, slot: usize) -> Option<Value<'s>> {
        Some(match (*self.vals.get(slot)?)? {
            Got::Num(f) => Value::Num(f.num),
            Got::Bool(b) => Value::Bool(b),
            Got::Choice(c) => Value::Choice(c),
        })
    }

    /// A leaf's bounds on its measure (the rest of the test aside).
    fn leaf(&self, t: &Test) -> Verdict {
        match self.get(t.slot) {
            None => Undetermined,
            Some(Got::Num(f)) => {
                let lo = t.min.is_none_or(|b| f.within(h(b), true));
                Verdict::of(lo && t.max.is_none_or(|b| f.within(h(b), false)))
            }
            Some(Got::Bool(b)) => Verdict::of(t.equals == Some(b)),
            Some(Got::Choice(c)) => Verdict::of(t.is.iter().any(|x| *x == c)),
        }
    }

    fn test(&self, t: &Test) -> Verdict {
        let memo = self.memo.get(t.number as usize).filter(|_| t.number != 0);
        if let Some(m) = memo.map(Cell::get) {
            if m & OWN != 0 || (m != 0 && !self.reaches(t.deps)) {
                return match m & !OWN {
                    1 => Met,
                    2 => NotMet,
                    _ => Undetermined,
                };
            }
        }
        let v = self.decide_test(t);
        if let Some(m) = memo {
            m.set(code(v) | self.own());
        }
        v
    }

    fn decide_test(&self, t: &Test) -> Verdict {
        let mut v = if t.has_bounds() { self.leaf(t) } else { Met };
        if let Some(tier) = &t.tier {
            let known = self.tiers.iter().position(|(d, _)| d.id == *tier);
            // An earlier tier (its own conditions name only tiers before it).
            v = v.and(known.map_or(Undetermined, |i| *self.tiers[i].1.get_or_init(|| decide(self, self.tiers[i].0))));
        }
        for a in &t.all {
            if v == NotMet {
                return NotMet;
            }
            v = v.and(self.test(a));
        }
        if !t.any.is_empty() && v != NotMet {
            let mut any = NotMet;
            for a in &t.any {
                any = any.or(self.test(a));
                if any == Met {
                    break;
                }
            }
            v = v.and(any);
        }
        v
    }

    /// The inputs behind a slot: itself, or a measure's.
    fn inputs_of<'a>(&self, slot: &'a Option<u32>) -> &'a [u32]
    where
        's: 'a,
    {
        match slot {
            Some(x) => self.measure(*x as usize).map_or(std::slice::from_ref(x), |m| &m.slots),
            None => &[],
        }
    }

    /// The inputs behind `slot` that were left out, each added to `out` once.
    fn left_out(&self, slot: &Option<u32>, out: &mut Vec<&'s str>) {
        for &i in self.inputs_of(slot) {
            let i = i as usize;
            let id = &*self.s.input[i].id;
            if self.fact(i).is_none() && !out.contains(&id) {
                out.push(id);
            }
        }
    }

    /// The inputs left out that `t` waits on.
    fn unknowns(&self, t: &Test, out: &mut Vec<&'s str>) {
        if t.has_bounds() {
            self.left_out(&t.slot, out);
        }
        for a in t.all.iter().chain(&t.any) {
            if self.test(a) == Undetermined {
                self.unknowns(a, out);
            }
        }
    }

    /// The points of an indicator: the least and the most the facts allow, and the band
    /// reached when they are known.
    fn points(&self, ind: &'s IndicatorDef) -> Points<'s> {
        let memo = self.scores.get(ind.number as usize);
        if let Some((own, p)) = memo.and_then(Cell::get) {
            if own || !self.reaches(ind.deps) {
                return p;
            }
        }
        let p = self.score(ind);
        if let Some(m) = memo {
            m.set(Some((self.own() != 0, p)));
        }
        p
    }

    fn score(&self, ind: &'s IndicatorDef) -> Points<'s> {
        if !ind.band.is_empty() {
            let (mut yes, mut lo_possible, mut hi, mut band) = (None, u32::MAX, 0, None);
            for b in &ind.band {
                match self.test(&b.when) {
                    Met if yes.is_none_or(|y| b.points > y) => {
                        yes = Some(b.points);
                        band = Some(&*b.quote);
                    }
                    NotMet => continue,
                    _ => {}
                }
                lo_possible = lo_possible.min(b.points);
                hi = hi.max(b.points);
            }
            let lo = yes.unwrap_or(0).max(if lo_possible == u32::MAX { 0 } else { lo_possible });
            return (lo, hi, band.filter(|_| lo == hi));
        }
        if let Some(each) = ind.each.filter(|_| !ind.items.is_empty()) {
            let (mut yes, mut unknown) = (0, 0);
            for item in &ind.items {
                match self.get(item.slot) {
                    Some(Got::Bool(true)) => yes += 1,
                    None => unknown += 1,
                    _ => {}
                }
            }
            return ((yes * each).min(ind.max), ((yes + unknown) * each).min(ind.max), None);
        }
        match (ind.slot.and_then(|s| self.num(s as usize)), ind.per) {
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

    /// A known number as read ("2.6%", "5年").
    fn figure(&self, slot: Option<u32>) -> Option<String> {
        match self.get(slot)? {
            Got::Num(f) => {
                let mut s = f.shown();
                s.push_str(unit_text(self.unit(slot? as usize), self.lang));
                Some(s)
            }
            _ => None,
        }
    }

    fn unit(&self, slot: usize) -> &'static str {
        match (self.input(slot).map(|i| i.ty), self.measure(slot).map(|m| m.formula)) {
            (Some(InputType::Yuan | InputType::SignedYuan), _) | (_, Some(Formula::Mean)) => "yuan",
            (Some(InputType::Percent), _) | (_, Some(_)) => "percent",
            (Some(InputType::Years), _) => "years",
            (Some(InputType::Points), _) => "points",
            _ => "",
        }
    }

    fn name(&self, slot: usize) -> &'s str {
        self.input(slot).map(|i| &i.name).or_else(|| self.measure(slot).map(|m| &m.name)).map_or("", |t| pick(self.lang, t))
    }

    /// The ways of changing the facts that make the test true, the fewest changes first
    /// (none when nothing can be said: a tier to reach first, a fact missing from a
    /// ratio). Each way is checked by the caller against the rest of the tier: one that
    /// looks shortest may undo another figure (revenue raised past a band lowers every
    /// ratio over it).
    fn ways(&self, t: &Test) -> Vec<Vec<Need<'s>>> {
        if self.test(t) == Met {
            return vec![Vec::new()];
        }
        if t.tier.is_some() {
            return Vec::new();
        }
        let mut base = Vec::new();
        if t.has_bounds() && self.leaf(t) != Met {
            let Some(c) = self.change(t) else { return Vec::new() };
            // A part raised above its whole raises the whole with it (I 类高价值 within I 类).
            let whole = self.s.input[c.input].part_of.as_deref().and_then(|w| self.s.input.iter().position(|i| i.id == w));
            if let (Some(w), Value::Num(to)) = (whole, c.to) {
                if self.num(w).is_none_or(|n| n < to) {
                    base.push(Need { input: w, to: c.to, up: true, measure: None });
                }
            }
            base.push(c);
        }
        let mut ways = vec![base];
        let any: Vec<Vec<Need>> = t.any.iter().flat_map(|a| self.ways(a)).collect();
        // A part already met adds nothing (its one way is no change).
        let parts = t.all.iter().filter(|a| self.test(a) != Met).map(|a| self.ways(a)).chain((!t.any.is_empty()).then_some(any));
        for part in parts {
            // Every way of the parts so far with every way of this one (a handful each).
            ways = ways.iter().flat_map(|w| part.iter().map(move |p| merge(w.iter().chain(p).copied()))).take(MAX_WAYS).collect();
        }
        ways.sort_by_key(Vec::len);
        ways
    }

    /// The first way of a band's test (it names no tier) that, made, meets it.
    fn way(&self, t: &Test) -> Option<Vec<Need<'s>>> {
        let ways = self.ways(t).into_iter().filter(|w| !w.is_empty());
        // A lone bound's way meets it by construction; alternatives are tried.
        if t.all.is_empty() && t.any.is_empty() {
            return ways.into_iter().next();
        }
        ways.into_iter().find(|w| self.with(w).test(t) == Met)
    }

    /// The change of one fact that brings the test's measure within its bounds.
    fn change(&self, t: &Test) -> Option<Need<'s>> {
        let inputs = self.inputs_of(&t.slot);
        let slot = *inputs.first()? as usize;
        let input = self.input(slot)?;
        let to = if let Some(b) = t.equals {
            Value::Bool(b)
        } else if !t.is.is_empty() {
            // The least step: the allowed choice nearest the bottom of the list (lists run best first).
            Value::Choice(&input.choice.iter().rev().find(|c| t.is.contains(&c.id))?.id)
        } else {
            let below = |b: Decimal| matches!(self.get(t.slot), Some(Got::Num(f)) if !f.within(h(b), true));
            let (b, ge) = match (t.min, t.max) {
                (Some(b), _) if below(b) => (h(b), true),
                (_, Some(b)) => (h(b), false),
                (Some(b), None) => (h(b), true),
                (None, None) => return None,
            };
            let whole = matches!(input.ty, InputType::Count | InputType::Years | InputType::Points);
            let v = |i: usize| inputs.get(i).and_then(|&x| self.num(x as usize));
            // The value of the first input that gives the bound, the others unchanged,
            // rounded towards meeting it (whole units for counts).
            let measure = t.slot.map(|s| s as usize).filter(|&x| self.measure(x).is_some());
            let (num, den) = match measure.and_then(|x| self.measure(x)).map(|x| x.formula) {
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
            return Some(Need { input: slot, to: Value::Num(r), up: ge, measure: measure.map(|x| (x, b)) });
        };
        Some(Need { input: slot, to, up: true, measure: None })
    }

    fn cond(&self, c: &'s CondDef, role: Role) -> CondResult<'s> {
        CondResult {
            id: &c.id,
            role,
            text: pick(self.lang, &c.text),
            clause: &c.clause,
            quote: &c.quote,
            verdict: self.test(&c.test),
            note: c.note.as_ref().map(|n| pick(self.lang, n)),
        }
    }

    /// A value as the contract writes it: a decimal, `true`/`false`, a choice id.
    fn raw(v: Value) -> String {
        match v {
            Value::Num(n) => show(n),
            Value::Bool(b) => b.to_string(),
            Value::Choice(c) => c.to_string(),
        }
    }

    /// A value as read onto `out`: "2080000元", "是", a choice's name.
    fn words(&self, out: &mut String, input: &InputDef, slot: usize, v: Value) {
        match v {
            Value::Num(n) => {
                push_shown(out, n);
                out.push_str(unit_text(self.unit(slot), self.lang));
            }
            Value::Bool(b) => out.push_str(tr!(self.lang, if b { "是" } else { "否" }, if b { "yes" } else { "no" })),
            Value::Choice(c) => out.push_str(input.choice.iter().find(|x| x.id == c).map_or(c, |x| pick(self.lang, &x.name))),
        }
    }

    /// The changes as the result gives them.
    fn changes(&self, needs: &[Need<'s>]) -> Vec<Change<'s>> {
        needs
            .iter()
            .map(|n| {
                let input = &self.s.input[n.input];
                Change {
                    input: &input.id,
                    name: pick(self.lang, &input.name),
                    from: self.fact(n.input).map(Self::raw),
                    to: Self::raw(n.to),
                    measure: n.measure.and_then(|(m, _)| self.measure(m)).map(|m| &*m.id),
                    measure_to: n.measure.map(|(_, b)| show(b)),
                }
            })
            .collect()
    }

    /// The changes as read: "研发费用总额：2080000元 → 2400000元（研发费用占比达到 3%）".
    fn say(&self, needs: &[Need<'s>]) -> String {
        let zh = self.lang == Lang::Zh;
        let mut out = String::with_capacity(128 * needs.len());
        for (i, n) in needs.iter().enumerate() {
            let input = &self.s.input[n.input];
            if i > 0 {
                out.push_str(if zh { "；" } else { "; " });
            }
            out.push_str(pick(self.lang, &input.name));
            out.push_str(if zh { "：" } else { ": " });
            match self.fact(n.input) {
                Some(v) => self.words(&mut out, input, n.input, v),
                None => out.push_str(if zh { "未填" } else { "not given" }),
            }
            out.push_str(" → ");
            self.words(&mut out, input, n.input, n.to);
            if let Some((m, b)) = n.measure {
                out.push_str(if zh { "（" } else { " (" });
                out.push_str(self.name(m));
                out.push_str(if zh { "达到 " } else { " to " });
                push_shown(&mut out, b);
                out.push_str(unit_text(self.unit(m), self.lang));
                out.push_str(if zh { "）" } else { ")" });
            }
        }
        out
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
    changes: Vec<Need<'s>>,
}

fn tier<'s>(cx: &Ctx<'s>, t: &'s TierDef) -> TierResult<'s> {
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
            value: cx.figure(i.slot),
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
        let g: Vec<(u32, u32, Option<u32>)> = groups.iter().map(|g| (g.points_min, g.points_max, g.threshold)).collect();
        let verdict = score_verdict(pass, lo, hi, &g);
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
            // Only an undecided tier waits on facts (a failed condition decides it).
            if r.verdict == Undetermined && verdict == Undetermined {
                cx.unknowns(&c.test, &mut undetermined_by);
            }
            // A general or direct condition matters only while neither way is open.
            if r.verdict != NotMet || (*role != Role::Required && other_way) {
                continue;
            }
            let kept = |after: &Ctx<'s>| after.test(&c.test) == Met && keeps(after, &conds, &conditions);
            // Every way of the fewest changes that works (at most three): equals, all shown.
            // Ways come fewest first: checked in that order, and no further than needed.
            let mut shown: Vec<Vec<Need>> = Vec::new();
            for w in cx.ways(&c.test).into_iter().filter(|w| !w.is_empty()) {
                if shown.len() == 3 || shown.first().is_some_and(|f| w.len() > f.len()) {
                    break;
                }
                if kept(&cx.apply(&w)) {
                    shown.push(w);
                }
            }
            for needs in shown {
                missing.push(Missing { role: *role, id: &c.id, text: cx.say(&needs), changes: cx.changes(&needs), points: None, total: None, clause: &c.clause, quote: &c.quote });
            }
        }
        if let Some(s) = score.as_ref().filter(|s| s.verdict == NotMet && direct != Met) {
            // A plan is shown only when, made, it passes the score and breaks no condition that held.
            let works = |needs: &[Need<'s>]| {
                let after = cx.apply(needs);
                score_of(&after, t) == Met && keeps(&after, &conds, &conditions)
            };
            missing.extend(plans(cx, t, &scored, &groups, s, &works));
        }
        for (i, ind) in t.indicator.iter().enumerate() {
            if verdict == Undetermined && score.as_ref().is_some_and(|s| s.verdict == Undetermined) && scored[i].0 != scored[i].1 {
                ind.band.iter().for_each(|b| cx.unknowns(&b.when, &mut undetermined_by));
                let slots = ind.items.iter().map(|it| &it.slot).chain(ind.band.is_empty().then_some(&ind.slot));
                slots.for_each(|slot| cx.left_out(slot, &mut undetermined_by));
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

/// A score's verdict from its range and its groups' (least, most, threshold).
fn score_verdict(pass: u32, lo: u32, hi: u32, groups: &[(u32, u32, Option<u32>)]) -> Verdict {
    let below = |p: u32, m: Option<u32>| m.is_some_and(|m| p < m);
    if hi < pass || groups.iter().any(|g| below(g.1, g.2)) {
        NotMet
    } else if lo >= pass && !groups.iter().any(|g| below(g.0, g.2)) {
        Met
    } else {
        Undetermined
    }
}

/// A tier's score alone: its verdict on the facts of `cx` (met for a tier not scored).
fn score_of<'s>(cx: &Ctx<'s>, t: &'s TierDef) -> Verdict {
    let Some(pass) = t.total else { return Met };
    let mut groups: Vec<(u32, u32, Option<u32>)> = t.group.iter().map(|g| (0, 0, g.min)).collect();
    let (mut lo, mut hi) = (0, 0);
    for ind in &t.indicator {
        let (a, b, _) = cx.points(ind);
        lo += a;
        hi += b;
        if let Some(g) = t.group.iter().position(|g| g.id == ind.group) {
            groups[g].0 += a;
            groups[g].1 += b;
        }
    }
    score_verdict(pass, lo, hi, &groups)
}

/// A tier's verdict alone (what `tier` decides, without the details).
fn decide<'s>(cx: &Ctx<'s>, t: &'s TierDef) -> Verdict {
    let all = |c: &[CondDef]| c.iter().fold(Met, |v, c| v.and(cx.test(&c.test)));
    let direct = t.direct.iter().fold(NotMet, |v, c| v.or(cx.test(&c.test)));
    all(&cx.s.condition).and(all(&t.condition)).and(all(&t.general).and(score_of(cx, t)).or(direct))
}

/// Whether every condition met before a change is still met after it (one the change
/// does not reach answers from the memo it inherited).
fn keeps(after: &Ctx, conds: &[(&CondDef, Role)], before: &[CondResult]) -> bool {
    conds.iter().zip(before).all(|((c, _), b)| b.verdict != Met || after.test(&c.test) == Met)
}

/// The fewest indicator changes that lift a failed score over its pass mark and its
/// sub-thresholds: every single change that does, else every pair, else all the best
/// steps, the largest first; at most three plans, the smallest overshoot first.
fn plans<'s>(cx: &Ctx<'s>, t: &'s TierDef, scored: &[(u32, u32, Option<&str>)], groups: &[GroupResult], s: &Score<'s>, works: &dyn Fn(&[Need<'s>]) -> bool) -> Vec<Missing<'s>> {
    let mut steps: Vec<Step> = Vec::new();
    for (i, ind) in t.indicator.iter().enumerate() {
        let (now, hi, _) = scored[i];
        if now != hi {
            continue; // a fact missing: nothing sure to change
        }
        let mut push = |gain: u32, changes: Vec<Need<'s>>| {
            if gain > 0 && !changes.is_empty() {
                steps.push(Step { indicator: i, group: &ind.group, gain, changes });
            }
        };
        for b in ind.band.iter().filter(|b| b.points > now) {
            if let Some(c) = cx.way(&b.when) {
                push(b.points - now, c);
            }
        }
        if let (Some(per), Some(each), Some(v)) = (ind.per, ind.each, ind.slot.and_then(|s| cx.num(s as usize))) {
            let q = u32::try_from(v / h(per)).unwrap_or(u32::MAX);
            for k in 1..=ind.max.saturating_sub(now).div_ceil(each.max(1)) {
                let years = Decimal::from(q + k) * per;
                let t = Test { slot: ind.slot, min: Some(years), ..Test::default() };
                push(((q + k) * each).min(ind.max) - now, cx.ways(&t).into_iter().next().unwrap_or_default());
            }
        }
        if let Some(each) = ind.each.filter(|_| !ind.items.is_empty()) {
            let mut changes = Vec::new();
            for item in &ind.items {
                if let Some(c) = cx.ways(&Test { slot: item.slot, equals: Some(true), ..Test::default() }).into_iter().next().filter(|c| !c.is_empty()) {
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
    // Each stage's candidates, the smallest gain first, made and checked; at most three kept.
    let checked = |mut sets: Vec<Vec<&Step<'s>>>| -> Vec<Vec<Need<'s>>> {
        sets.sort_by_key(|set| set.iter().map(|x| x.gain).sum::<u32>());
        sets.into_iter().map(|set| merge(set.iter().flat_map(|x| x.changes.iter().copied()))).filter(|n| works(n)).take(3).collect()
    };
    let mut found = checked(steps.iter().map(|x| vec![x]).filter(|set| reaches(set)).collect());
    if found.is_empty() {
        let mut pairs = Vec::new();
        for (i, a) in steps.iter().enumerate() {
            for b in &steps[i + 1..] {
                if a.indicator != b.indicator && !shares_input(a, b) && reaches(&[a, b]) {
                    pairs.push(vec![a, b]);
                }
            }
        }
        found = checked(pairs);
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
                    found = checked(vec![set]);
                    break;
                }
            }
        }
    }
    found
        .into_iter()
        .map(|needs| {
            // The total as the changed company scores it (a change can move more than one indicator).
            let after = cx.apply(&needs);
            let total: u32 = t.indicator.iter().map(|i| after.points(i).0).sum();
            let gain = total.saturating_sub(lo);
            let text = format!("{}{}", cx.say(&needs), tr!(cx.lang, format!("：+{gain} 分，总分 {total} ≥ {}", s.pass), format!(": +{gain} points, total {total} ≥ {}", s.pass)));
            let first = t.indicator.iter().zip(scored).position(|(i, now)| after.points(i).0 > now.0).map_or(&t.clause, |i| &t.indicator[i].clause);
            Missing { role: Role::Score, id: "score", text, changes: cx.changes(&needs), points: Some(gain), total: Some(total), clause: first, quote: s.quote }
        })
        .collect()
}

pub fn assess<'s>(s: &'s SmeScheme, req: &SmeRequest<'s>) -> Assessment<'s> {
    let mut cx = Ctx::new(s, req.facts.clone(), req.lang);
    let mut tiers = Vec::new();
    for t in &s.tier {
        let r = tier(&cx, t);
        cx.tiers.push((t, OnceCell::from(r.verdict)));
        tiers.push(r);
    }
    Assessment {
        scheme: &s.id,
        title: pick(req.lang, &s.title),
        clause: &s.validity.clause,
        quote: &s.validity.quote,
        tiers,
        measures: s
            .measure
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let slot = s.input.len() + i;
                MeasureResult { id: &m.id, name: pick(req.lang, &m.name), value: cx.vals[slot].and_then(|g| if let Got::Num(f) = g { Some(f.shown()) } else { None }), unit: cx.unit(slot) }
            })
            .collect(),
        notices: s.notice.iter().map(|n| Cited { id: &n.id, text: pick(req.lang, &n.text), clause: &n.clause, quote: &n.quote }).collect(),
        left_out: s.input.iter().zip(&req.facts).filter(|(_, f)| f.is_none()).map(|(i, _)| &*i.id).collect(),
        lang: req.lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A changed company's verdicts and points, taken where the change does not reach
    /// from the company assessed, equal those of the changed facts assessed afresh: for
    /// every input of `benches/sme.json`'s company changed alone, and left out.
    #[test]
    fn a_change_is_seen_wherever_it_reaches() {
        let s = crate::policy::bundle().sme.as_ref().expect("the SME scheme");
        let v = crate::api::parse_json(include_str!("../../benches/sme.json")).unwrap();
        let req = crate::model::sme::parse(&v, s).unwrap();
        for half in [false, true] {
            let facts: Vec<_> = req.facts.iter().enumerate().map(|(i, f)| f.filter(|_| !half || i % 2 == 0)).collect();
            // Decided tier by tier, as `assess` does (a tier's tests name only earlier tiers).
            let mut base = Ctx::new(s, facts.clone(), Lang::Zh);
            for t in &s.tier {
                let v = decide(&base, t);
                base.tiers.push((t, OnceCell::from(v)));
            }
            for (i, input) in s.input.iter().enumerate() {
                let others = match (input.ty, facts[i]) {
                    (InputType::Bool, Some(Value::Bool(b))) => vec![Value::Bool(!b)],
                    (InputType::Choice, _) => input.choice.iter().map(|c| Value::Choice(&c.id)).collect(),
                    (_, Some(Value::Num(n))) => vec![Value::Num(n * 2 + 100), Value::Num(n / 3), Value::Num(0)],
                    _ => vec![Value::Num(100), Value::Bool(true)],
                };
                for to in others {
                    let after = base.apply(&[Need { input: i, to, up: true, measure: None }]);
                    let mut changed = facts.clone();
                    changed[i] = Some(to);
                    let mut fresh = Ctx::new(s, changed, Lang::Zh);
                    fresh.tiers = s.tier.iter().map(|t| (t, OnceCell::new())).collect();
                    for t in &s.tier {
                        let conds = s.condition.iter().chain(&t.condition).chain(&t.general).chain(&t.direct);
                        for c in conds {
                            assert_eq!(after.test(&c.test), fresh.test(&c.test), "{} {}, input {} → {to:?}", t.id, c.id, input.id);
                        }
                        for ind in &t.indicator {
                            assert_eq!(after.points(ind), fresh.points(ind), "{} {}, input {} → {to:?}", t.id, ind.id, input.id);
                        }
                        assert_eq!(score_of(&after, t), score_of(&fresh, t), "{} score, input {}", t.id, input.id);
                    }
                }
            }
        }
    }
}
