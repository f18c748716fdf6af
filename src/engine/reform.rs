//! A reform's result beside the data's: the engine prices with the reform's figures
//! (read where the data's are: [`Reform::rule_figure`], [`Reform::limit_figure`]), and
//! this module marks each line the reform changed with its amount without the reform and
//! the changes that bear on it. The figures are an override consulted at the few places
//! amounts are read, not a copy of the policies: without a reform nothing is copied and
//! the path is the one it always was.

use super::limits::Claim;
use super::pricing::{base_rule, selects};
use super::upper_bound;
use crate::model::reform::Change;
use crate::model::result::{EstimateResult, LineReform, ReformApplied};
use crate::model::{yuan, Achievement, Reform};
use crate::policy::Catalog;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// The changes that bear on achievement `a` paid under rule `ri` of policy `pi`: of the
/// rule, of the rules it is a percentage of, of the limits that select it.
fn bearing(cat: &Catalog, reform: &Reform, pi: usize, ri: usize, a: &Achievement) -> Vec<Change> {
    let p = cat.policy(pi);
    let rule = &p.rule[ri];
    let mut chain = vec![rule.id.as_str()];
    let (mut r, mut x) = (rule, Cow::Borrowed(a));
    while let Some((base, variant)) = base_rule(p, r, &x).filter(|_| chain.len() <= 5) {
        chain.push(base.id.as_str());
        (r, x) = (base, Cow::Owned(variant));
    }
    let bears = |c: &&Change| match (&c.rule, &c.limit) {
        (Some(id), _) => chain.contains(&id.as_str()),
        (_, Some(id)) => p.limit.iter().any(|l| l.id == *id && selects(&l.select, a, rule)),
        _ => false,
    };
    reform.changes.iter().filter(|c| c.policy == p.id).filter(bears).cloned().collect()
}

/// Marks the lines and unmatched items of `result` (priced with `reform`) whose amount
/// differs from `baseline` (the same claims without it), and says which reform was
/// applied and the total without it.
pub fn annotate<'a>(cat: &'a Catalog, reform: &Reform, achs: &[Cow<Achievement>], claims: &[Claim], baseline: &[Claim], result: &mut EstimateResult<'a>) {
    // Claims and lines are in the same order, one line per claim.
    for (c, line) in claims.iter().zip(&mut result.lines) {
        let before = baseline.iter().find(|b| b.ach == c.ach);
        let moved = before.filter(|b| (b.policy, b.rule) != (c.policy, c.rule));
        if before.map_or(Decimal::ZERO, |b| b.total) == c.total && moved.is_none() {
            continue;
        }
        let mut changes = bearing(cat, reform, c.policy, c.rule, &achs[c.ach]);
        if let Some(b) = moved {
            changes.extend(bearing(cat, reform, b.policy, b.rule, &achs[c.ach]).into_iter().filter(|x| !changes.contains(x)).collect::<Vec<_>>());
        }
        let baseline_rule = moved.map(|b| cat.policy(b.policy).rule[b.rule].id.as_str());
        line.reform = Some(Box::new(LineReform { baseline_amount_yuan: yuan(before.map_or(Decimal::ZERO, |b| b.total)), baseline_rule, changes }));
    }
    // Paid without the reform, not paid with it (a rule switched off).
    for u in &mut result.unmatched {
        let Some(b) = baseline.iter().find(|b| b.ach == u.achievement && !b.total.is_zero()) else { continue };
        if claims.iter().any(|c| c.ach == u.achievement) {
            continue; // a line of 0 says it already
        }
        let changes = bearing(cat, reform, b.policy, b.rule, &achs[b.ach]);
        u.reform = Some(Box::new(LineReform { baseline_amount_yuan: yuan(b.total), baseline_rule: Some(cat.policy(b.policy).rule[b.rule].id.as_str()), changes }));
    }
    result.baseline_total_yuan = Some(yuan(baseline.iter().map(|c| c.total).sum()).into());
    result.reform = Some(Box::new(ReformApplied { name: reform.name.clone(), baseline_total_is_upper_bound: upper_bound(baseline), changes: reform.changes.clone() }));
}
