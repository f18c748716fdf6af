//! From one achievement to the rule that pays it and the amount for one item:
//! matching, eligibility conditions, percentages of other rules or of input fields,
//! and "never more than the actual cost".

use crate::model::reform::Field;
use crate::model::{pick, say, thousands, yuan, Achievement, FieldValue, Lang, Reform};
use std::borrow::Cow;
use crate::policy::schema::{Basis, ConditionDef, Match, PolicyDef, RegionDef, RuleDef, Selector, Str};
use crate::policy::schema::when_matches;
use crate::date::Date;
use crate::policy::{version_applies, Catalog};
use rust_decimal::Decimal;

/// The rule that pays an achievement, and the amount for one item.
#[derive(Debug, Clone)]
pub struct Priced<'a> {
    pub policy: usize,
    pub rule: usize,
    pub unit: Decimal,
    pub basis: Basis,
    pub formula: String,
    pub notes: Vec<Cow<'a, str>>,
}

pub enum Pricing<'a> {
    Paid(Priced<'a>),
    /// Not paid: rules matched but a condition of the text is known not to be met, or
    /// no rule of the region names this achievement.
    Unpaid(Reason<'a>),
}

/// Why an achievement is not paid, and the clause and words of the text that say so
/// (none only where no text of the region addresses it at all).
pub struct Reason<'a> {
    pub text: String,
    pub cite: Option<(&'a str, &'a str)>,
}

/// The achievement as the region reads it: enum values mapped by its level aliases
/// (copied only where an alias applies).
pub fn aliased<'r>(region: &RegionDef, a: &'r Achievement) -> Cow<'r, Achievement> {
    // Searched by equality, not order: a region has one or two aliases, and equal texts
    // of the data compare by address.
    let alias = |s: &Str| region.level_aliases.iter().find(|(k, _)| **k == *s).map(|(_, to)| to);
    let aliased = |v: &FieldValue| matches!(v, FieldValue::Enum(s) if alias(s).is_some());
    if !a.fields.values().any(aliased) {
        return Cow::Borrowed(a);
    }
    let mut a = a.clone();
    for v in a.fields.values_mut() {
        if let FieldValue::Enum(s) = v {
            if let Some(to) = alias(s) {
                *s = to.clone();
            }
        }
    }
    Cow::Owned(a)
}

pub fn rule_matches(rule: &RuleDef, a: &Achievement) -> bool {
    when_matches(&rule.when, &a.kind, |f| a.matched(f))
}

/// Whether a selector picks this achievement as paid by this rule.
pub fn selects(s: &Selector, a: &Achievement, rule: &RuleDef) -> bool {
    s.kind.as_ref().is_none_or(|k| k.contains(&a.kind))
        && s.category.as_ref().is_none_or(|c| c.contains(&rule.category))
        && s.rule.as_ref().is_none_or(|r| r.contains(&rule.id))
        && when_matches(&s.when, &a.kind, |f| a.matched(f))
        && s.except.as_ref().is_none_or(|e| !selects(e, a, rule))
}

enum Check {
    Met,
    Unknown,
    /// Not met, with the value given (said only where it is shown).
    Failed(Given),
}

/// A value given for a condition's field.
enum Given {
    Int(i64),
    Bool(bool),
}

impl std::fmt::Display for Given {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Given::Int(n) => write!(f, "{n}"),
            Given::Bool(b) => write!(f, "{b}"),
        }
    }
}

fn check(cond: &ConditionDef, a: &Achievement) -> Check {
    match a.fields.get(cond.field.as_str()) {
        None => Check::Unknown,
        Some(FieldValue::Int(n)) => {
            if cond.min.is_some_and(|m| *n < m) || cond.max.is_some_and(|m| *n > m) {
                Check::Failed(Given::Int(*n))
            } else {
                Check::Met
            }
        }
        Some(FieldValue::Bool(b)) => match cond.equals {
            Some(e) if e != *b => Check::Failed(Given::Bool(*b)),
            _ => Check::Met,
        },
        Some(_) => Check::Met,
    }
}

fn cite(lang: Lang, clause: &str, quote: &str) -> String {
    let (open, mid, close) = match lang {
        Lang::Zh => ("（", "：“", "”）"),
        Lang::En => (" (", ": “", "”)"),
    };
    [open, clause, mid, quote, close].concat()
}

/// What one item earns: amount, how it was found, notes.
pub type Unit = (Decimal, String, Vec<String>);

/// The amount one item of `a` earns under `rule`, with how it was found; an error (in
/// the user's words) when it needs an input the request lacks. Without `words` (the
/// batch's totals) the same amount comes with no formula, notes or reasons: empty text.
pub fn unit_amount(cat: &Catalog, reform: Option<&Reform>, policy: &PolicyDef, rule: &RuleDef, a: &Achievement, lang: Lang, words: bool) -> Result<Unit, String> {
    let (mut amount, mut formula, mut notes) = ceiling(cat, reform, policy, rule, a, lang, 0, words)?;
    if let Some(field) = &rule.limit_to_field {
        match a.yuan(field) {
            Some(v) if v < amount => {
                amount = v;
                if words {
                    let what = field_words(cat, a, field, lang);
                    formula = crate::tr!(lang, format!("{formula}，以{what} {} 为限", yuan(v)), format!("{formula}, limited to {what}: {}", thousands(&yuan(v))));
                }
            }
            Some(_) => {}
            None if words => {
                let what = field_words(cat, a, field, lang);
                notes.push(crate::tr!(lang, format!("不超过“{what}”：填写后即按其核定。"), format!("Never more than “{what}”: give it to apply the limit.")))
            }
            None => {}
        }
    }
    Ok((amount, formula, notes))
}

/// A field in the user's words ("actual cost (yuan)", "national project funds"), not its JSON name.
fn field_words<'c>(cat: &'c Catalog, a: &Achievement, field: &'c str, lang: Lang) -> &'c str {
    cat.kind(&a.kind).and_then(|k| cat.field(k, field)).map_or(field, |f| pick(lang, &f.doc))
}

/// The amount before any limit to an input field: a percentage of another rule is a
/// percentage of that rule's ceiling (Beijing: revision = 50% of the formulation cap,
/// and only then never above the actual cost).
#[allow(clippy::too_many_arguments)]
fn ceiling(cat: &Catalog, reform: Option<&Reform>, policy: &PolicyDef, rule: &RuleDef, a: &Achievement, lang: Lang, depth: u8, words: bool) -> Result<Unit, String> {
    let mut notes = Vec::new();
    // Text only where it is shown: `words` false builds none of it.
    let text = |f: &dyn Fn() -> String| if words { f() } else { String::new() };
    // A reform's figures replace the data's where it names them; without one, one branch.
    let (amount, percent, max) = match reform {
        None => (rule.amount, rule.percent, rule.max),
        Some(_) => {
            let figure = |f, data| Reform::rule_figure(reform, &policy.id, &rule.id, f, data);
            (figure(Field::Amount, rule.amount), figure(Field::Percent, rule.percent), figure(Field::Max, rule.max))
        }
    };
    let (amount, formula) = if let Some(x) = amount {
        (x, text(&|| yuan(x)))
    } else if let (Some(pc), Some(_)) = (percent, &rule.of) {
        let (base, variant) = base_rule(policy, rule, a).ok_or_else(|| format!("{}: no base rule", rule.id))?;
        if depth > 4 {
            return Err(format!("{}: percentages nested too deep", rule.id));
        }
        let (b, _, _) = ceiling(cat, reform, policy, base, &variant, lang, depth + 1, words)?;
        let x = percent_of(pc, b);
        (x, text(&|| format!("{}% × {} = {}", pc.normalize(), yuan(b), yuan(x))))
    } else if let (Some(pc), Some(field)) = (percent, &rule.of_field) {
        match (a.yuan(field), max) {
            (Some(v), max) => {
                let share = percent_of(pc, v);
                let x = max.map_or(share, |m| share.min(m));
                let capped = || match max {
                    Some(m) if share > m => crate::tr!(lang, format!("，以 {} 为限", yuan(m)), format!(", at most {}", thousands(&yuan(m)))),
                    _ => String::new(),
                };
                (x, text(&|| format!("{}% × {} = {}{}", pc.normalize(), yuan(v), yuan(share), capped())))
            }
            // No ceiling in the text and no figure given: nothing to compute with.
            (None, None) if !words => return Err(String::new()),
            (None, None) => {
                let what = field_words(cat, a, field, lang);
                return Err(crate::tr!(
                    lang,
                    format!("金额为“{what}”的 {}%：请填写该项以计算", pc.normalize()),
                    format!("The amount is {}% of “{what}”: give it to compute", pc.normalize())
                ) + &cite(lang, &rule.clause, &rule.quote));
            }
            (None, Some(max)) => {
                if words {
                    let what = field_words(cat, a, field, lang);
                    notes.push(crate::tr!(
                        lang,
                        format!("未填写“{what}”：按上限 {} 元计；条文按其 {}% 计。", yuan(max), pc.normalize()),
                        format!("No “{what}” given: counted at the ceiling of {} yuan; the text pays {}% of it.", thousands(&yuan(max)), pc.normalize())
                    ));
                }
                (max, text(&|| yuan(max)))
            }
        }
    } else {
        return Err(format!("{}: no amount", rule.id));
    };
    Ok((amount, formula, notes))
}

/// The rule a percentage rule (`of`) is a share of, for this achievement, and the
/// achievement as that rule reads it. The validator proves a base exists for every
/// combination and that chains end.
pub fn base_rule<'p>(policy: &'p PolicyDef, rule: &RuleDef, a: &Achievement) -> Option<(&'p RuleDef, Achievement)> {
    let of = rule.of.as_ref()?;
    let mut variant = a.clone();
    for (k, v) in of {
        if k == "kind" {
            variant.kind = v.clone();
        } else {
            variant.fields.set(k.clone(), FieldValue::Enum(v.clone()));
        }
    }
    let base = policy.rule.iter().find(|b| b.id != rule.id && rule_matches(b, &variant))?;
    Some((base, variant))
}

/// `pc`% of `x`, to the fen: the product's scale is raised by two (an exact division by
/// 100, with no `Div`).
fn percent_of(pc: Decimal, x: Decimal) -> Decimal {
    let mut p = pc * x;
    if p.set_scale(p.scale() + 2).is_err() {
        p = p.round_dp(26);
        let _ = p.set_scale(p.scale() + 2);
    }
    p.round_dp(2)
}

/// The best-paying rule of the region for this (aliased) achievement.
/// Only the version of each text that applies `on` is read. Without `words`, the same
/// choice and amount with no formula, notes or reasons (the batch's totals).
pub fn price<'a>(cat: &'a Catalog, reform: Option<&Reform>, region: usize, a: &Achievement, on: Date, lang: Lang, words: bool) -> Pricing<'a> {
    let r = &cat.head.regions[region];
    let mut best: Option<Priced<'a>> = None;
    let mut refusals = Vec::new();
    let mut matched_any = false;
    // Rules the achievement would match with an optional detail it leaves out given.
    let mut partial: Vec<&'a RuleDef> = Vec::new();
    for (pi, ri, rule) in cat.rules_for(region, &a.kind) {
        if !version_applies(r, &cat.policy(pi).id, on) {
            continue;
        }
        // Looked up only under a reform: the plain path reads nothing more.
        let off = reform.is_some() && Reform::rule_off(reform, &cat.policy(pi).id, &rule.id);
        if !rule_matches(rule, a) {
            if completable(rule, a) && !off {
                partial.push(rule);
            }
            continue;
        }
        matched_any = true;
        let policy = cat.policy(pi);
        if off {
            // Switched off by the reform: unpaid under this rule, said with its clause.
            let text = if words { switched_off(reform, rule, lang) } else { String::new() };
            refusals.push(Reason { text, cite: Some((&rule.clause, &rule.quote)) });
            continue;
        }
        let mut notes: Vec<Cow<'a, str>> = Vec::new();
        let mut refused = None;
        for cond in policy.condition.iter().filter(|c| selects(&c.select, a, rule)) {
            let text = pick(lang, &cond.text);
            match check(cond, a) {
                Check::Met => {}
                Check::Unknown if !words => {}
                Check::Failed(_) if !words => {
                    refused = Some(Reason { text: String::new(), cite: Some((&cond.clause, &cond.quote)) });
                    break;
                }
                Check::Unknown => notes.push(Cow::Owned([if lang == Lang::Zh { "按满足条件计：" } else { "Assumed: " }, text, &cite(lang, &cond.clause, &cond.quote)].concat())),
                Check::Failed(given) => {
                    let got = format!("{} = {given}", cond.field);
                    let text = crate::tr!(lang, format!("不符合条件：{text}（所填 {got}）"), format!("Not eligible: {text} (given {got})")) + &cite(lang, &cond.clause, &cond.quote);
                    refused = Some(Reason { text, cite: Some((&cond.clause, &cond.quote)) });
                    break;
                }
            }
        }
        if let Some(r) = refused {
            refusals.push(r);
            continue;
        }
        // Dated outside a period the text requires (上一年度…): this rule does not pay it.
        if let Some(out) = super::periods::outside(policy, rule, a, on) {
            let text = if words { super::periods::out_reason(lang, out) } else { String::new() };
            refusals.push(Reason { text, cite: Some((&out.0.clause, &out.0.quote)) });
            continue;
        }
        let (unit, formula, more) = match unit_amount(cat, reform, policy, rule, a, lang, words) {
            Ok(u) => u,
            Err(text) => {
                refusals.push(Reason { text, cite: Some((&rule.clause, &rule.quote)) });
                continue;
            }
        };
        notes.extend(more.into_iter().map(Cow::Owned));
        if let Some(n) = rule.note.as_ref().filter(|_| words) {
            notes.push(Cow::Borrowed(pick(lang, n)));
        }
        if best.as_ref().is_none_or(|b| unit > b.unit) {
            best = Some(Priced { policy: pi, rule: ri, unit, basis: rule.basis, formula, notes });
        }
    }
    // A rule that would pay more if an optional detail left out were given: the detail
    // is assumed, as unknown facts are (said on the line, a ceiling).
    if let Some(p) = assumed(cat, reform, region, a, &partial, on, lang, words).filter(|x| best.as_ref().is_none_or(|b| x.unit > b.unit)) {
        return Pricing::Paid(p);
    }
    match best {
        Some(p) => Pricing::Paid(p),
        None if !words => Pricing::Unpaid(Reason { text: String::new(), cite: None }),
        None if matched_any => {
            let cite = refusals.first().and_then(|r| r.cite);
            Pricing::Unpaid(Reason { text: refusals.into_iter().map(|r| r.text).collect::<Vec<_>>().join("；"), cite })
        }
        None => Pricing::Unpaid(no_rule_reason(cat, region, a, on, lang)),
    }
}

/// Why a rule the reform switched off pays nothing.
fn switched_off(reform: Option<&Reform>, rule: &RuleDef, lang: Lang) -> String {
    let name = reform.map_or("", |r| r.name.as_str());
    let cite = cite(lang, &rule.clause, &rule.quote);
    crate::tr!(lang, format!("改革方案“{name}”停用了此项资助{cite}"), format!("Switched off by the reform “{name}”{cite}"))
}

/// Whether every field of `rule.when` that `a` gives matches (the others `a` leaves out).
fn completable(rule: &RuleDef, a: &Achievement) -> bool {
    rule.when.iter().all(|(f, allowed)| (if f == "kind" { Some(a.kind.as_str()) } else { a.matched(f) }).is_none_or(|v| allowed.contains(v)))
}

/// A value the rule accepts for each field of its `when` that `a` leaves out.
pub type Completion<'r> = Vec<(&'r str, &'r str)>;

/// `a` completed in every way `rule` accepts: each field of `rule.when` that `a` leaves
/// out set to each value the rule lists (with what was set); none where a field `a`
/// gives does not match.
pub fn completions<'r>(cat: &Catalog, rule: &'r RuleDef, a: &Achievement) -> Vec<(Achievement, Completion<'r>)> {
    if !completable(rule, a) {
        return Vec::new();
    }
    let kind = cat.kind(&a.kind);
    let mut out = vec![(a.clone(), Vec::new())];
    for (f, allowed) in rule.when.iter().filter(|(f, _)| f.as_str() != "kind" && a.matched(f).is_none()) {
        let bool_field = kind.and_then(|k| cat.field(k, f)).is_some_and(|d| d.ty == crate::policy::schema::FieldType::Bool);
        out = out
            .into_iter()
            .flat_map(|(x, set)| {
                allowed.as_slice().iter().map(move |v| {
                    let mut x = x.clone();
                    x.fields.set(f.clone(), if bool_field { FieldValue::Bool(v == "true") } else { FieldValue::Enum(v.clone()) });
                    let mut set = set.clone();
                    set.push((f.as_str(), v.as_str()));
                    (x, set)
                })
            })
            .collect();
    }
    out
}

/// An achievement that leaves out an optional field some rule matches on (which
/// applicant case? which focus?) is read as meeting it, as unknown facts are: priced
/// under the best-paying value, with a note naming the assumption, and as a ceiling
/// (the total is then an upper bound).
#[allow(clippy::too_many_arguments)]
fn assumed<'a>(cat: &'a Catalog, reform: Option<&Reform>, region: usize, a: &Achievement, partial: &[&'a RuleDef], on: Date, lang: Lang, words: bool) -> Option<Priced<'a>> {
    let kind = cat.kind(&a.kind)?;
    let mut best: Option<(Priced<'a>, Vec<(&'a str, &'a str)>)> = None;
    for (completed, missing) in partial.iter().flat_map(|rule| completions(cat, rule, a)) {
        if missing.is_empty() || missing.iter().any(|(f, _)| cat.field(kind, f).is_none_or(|d| d.required)) {
            continue;
        }
        if let Pricing::Paid(p) = price(cat, reform, region, &completed, on, lang, words) {
            if best.as_ref().is_none_or(|(b, _)| p.unit > b.unit) {
                best = Some((p, missing));
            }
        }
    }
    let (mut p, missing) = best?;
    p.basis = Basis::Cap;
    if !words {
        return Some(p);
    }
    let values = &cat.head.kinds.values;
    let said: Vec<String> = missing
        .iter()
        .map(|(f, v)| {
            let field = cat.field(kind, f).map_or(*f, |d| pick(lang, &d.doc));
            let value = values.get(f).and_then(|m| m.get(v)).map_or(*v, |t| pick(lang, t));
            crate::tr!(lang, format!("“{field}”为“{value}”"), format!("“{field}” is “{value}”"))
        })
        .collect();
    p.notes.insert(
        0,
        Cow::Owned(crate::tr!(
            lang,
            format!("未填写，按金额最高的情形计：{}；请填写以确定金额（上限）。", said.join("、")),
            format!("Not given, so the best-paying case is assumed: {}; give it to settle the amount (a ceiling).", said.join(", "))
        )),
    );
    Some(p)
}

/// Describes a rule's `when` in words: "国际 · 制定 · 主导".
pub fn describe_when(cat: &Catalog, when: &Match, lang: Lang) -> String {
    let values = &cat.head.kinds.values;
    when.iter()
        .filter(|(k, _)| k.as_str() != "kind")
        .map(|(field, allowed)| {
            allowed
                .as_slice()
                .iter()
                .map(|v| match (values.get(field).and_then(|m| m.get(v)), v.as_str()) {
                    (Some(t), _) => say(lang, &t.zh, &t.en),
                    (None, "true") => crate::tr!(lang, format!("{field}：是"), format!("{field}: yes")),
                    (None, "false") => crate::tr!(lang, format!("{field}：否"), format!("{field}: no")),
                    (None, v) => v.to_string(),
                })
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn no_rule_reason<'a>(cat: &'a Catalog, region: usize, a: &Achievement, on: Date, lang: Lang) -> Reason<'a> {
    let r = &cat.head.regions[region];
    for (_, p) in cat.policies_on(r, on) {
        if let Some(g) = p.gap.iter().find(|g| when_matches(&g.when, &a.kind, |f| a.matched(f))) {
            let mut text = say(lang, &g.text.zh, &g.text.en) + &cite(lang, &g.clause, &g.quote);
            if let Some(n) = &g.note {
                text += &crate::tr!(lang, format!(" 解读：{}", pick(lang, n)), format!(" Reading: {}", pick(lang, n)));
            }
            return Reason { text, cite: Some((&g.clause, &g.quote)) };
        }
    }
    let kind = cat.kind(&a.kind).map(|k| say(lang, &k.name.zh, &k.name.en)).unwrap_or_default();
    let name = say(lang, &r.name.zh, &r.name.en);
    let mut paid: Vec<String> = cat.rules_for(region, &a.kind).filter(|(pi, _, _)| version_applies(r, &cat.policy(*pi).id, on)).map(|(_, _, rule)| describe_when(cat, &rule.when, lang)).collect();
    paid.dedup();
    let mut text = if paid.is_empty() {
        crate::tr!(lang, format!("{name}的政策不资助“{kind}”。"), format!("{name}'s policies pay nothing for “{kind}”."))
    } else {
        say(
            lang,
            &format!("{name}的政策不资助这一项“{kind}”；只资助：{}。", paid.join("；")),
            &format!("{name}'s policies do not pay for this “{kind}”; they pay only for: {}.", paid.join("; ")),
        )
    };
    // The clause where a paying text sets out what it funds: it names no amount for this.
    let scope = cat.policies_on(r, on).find_map(|(_, p)| p.scope.as_ref().filter(|_| !p.rule.is_empty()).map(|s| (p, s)));
    let cite_of = scope.map(|(p, s)| {
        let title = pick(lang, &p.title);
        text += &crate::tr!(lang, format!("《{title}》所资助的事项见{}：“{}”，其中未规定此项的金额。", s.clause, s.quote), format!(" “{title}” sets out what it funds in {}: “{}”, and names no amount for this.", s.clause, s.quote));
        (s.clause.as_str(), s.quote.as_str())
    });
    Reason { text, cite: cite_of }
}
