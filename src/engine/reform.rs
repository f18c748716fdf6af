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
use crate::model::result::{ChangeShown, EstimateResult, LineReform};
use crate::model::{yuan, Achievement, Reform};
use crate::policy::schema::{PolicyDef, RuleDef};
use crate::policy::Catalog;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// A change as a result shows it.
pub fn shown(c: &Change) -> ChangeShown {
    let id = Some(c.id.to_string());
    ChangeShown {
        policy: c.policy.to_string(),
        rule: if c.limit { None } else { id.clone() },
        limit: if c.limit { id } else { None },
        clause: c.clause.to_string(),
        field: c.field,
        baseline: c.baseline.map(yuan),
        reform: c.value.map(yuan),
    }
}

/// The changes that bear on `a` paid under `rule` of `p`: changes of the rule, of the
/// rules it is a percentage of, and of the limits that select it.
fn bearing(reform: &Reform, p: &PolicyDef, rule: &RuleDef, a: &Achievement) -> Vec<ChangeShown> {
    let mut chain = vec![rule.id.as_str()];
    let (mut r, mut x) = (rule, Cow::Borrowed(a));
    while let Some((base, variant)) = base_rule(p, r, &x).filter(|_| chain.len() <= 5) {
        chain.push(base.id.as_str());
        (r, x) = (base, Cow::Owned(variant));
    }
    reform
        .changes
        .iter()
        .filter(|c| c.policy == p.id)
        .filter(|c| if c.limit { p.limit.iter().any(|l| l.id == c.id && selects(&l.select, a, rule)) } else { chain.contains(&c.id.as_str()) })
        .map(shown)
        .collect()
}

/// Marks the lines and unmatched items of `result` (priced with `reform`) whose amount
/// differs from `baseline` (the same claims without it), and says which reform was
/// applied and the total without it.
pub fn annotate<'a>(cat: &'a Catalog, reform: &Reform, achs: &[Cow<Achievement>], baseline: &[Claim], result: &mut EstimateResult<'a>) {
    let base_of = |ach: usize| baseline.iter().find(|c| c.ach == ach);
    let rule_of = |c: &Claim| (cat.policy(c.policy), &cat.policy(c.policy).rule[c.rule]);
    for line in &mut result.lines {
        let before = base_of(line.achievement);
        let amount = before.map_or(Decimal::ZERO, |c| c.total);
        let moved = before.is_some_and(|c| rule_of(c).1.id != line.rule || cat.policy(c.policy).id != line.policy);
        if yuan(amount) == line.amount_yuan && !moved {
            continue;
        }
        let a = &achs[line.achievement];
        let Some((p, rule)) = cat.policy_by_id(line.policy).and_then(|p| p.rule.iter().find(|r| r.id == line.rule).map(|r| (p, r))) else { continue };
        let mut changes = bearing(reform, p, rule, a);
        if let Some((bp, br)) = before.filter(|_| moved).map(rule_of) {
            changes.extend(bearing(reform, bp, br, a).into_iter().filter(|c| !changes.contains(c)).collect::<Vec<_>>());
        }
        let baseline_rule = before.filter(|_| moved).map(|c| rule_of(c).1.id.as_str());
        line.reform = Some(LineReform { baseline_amount_yuan: yuan(amount), baseline_rule, changes });
    }
    // Paid without the reform, not paid with it (a rule switched off).
    for u in &mut result.unmatched {
        let Some(c) = base_of(u.achievement).filter(|c| !c.total.is_zero()) else { continue };
        if result.lines.iter().any(|l| l.achievement == u.achievement) {
            continue; // a line of 0 says it already
        }
        let (p, rule) = rule_of(c);
        u.reform = Some(LineReform { baseline_amount_yuan: yuan(c.total), baseline_rule: Some(rule.id.as_str()), changes: bearing(reform, p, rule, &achs[u.achievement]) });
    }
    result.baseline_total_yuan = Some(yuan(baseline.iter().map(|c| c.total).sum()));
    result.reform = Some(crate::model::result::ReformApplied {
        name: reform.name.clone(),
        baseline_total_is_upper_bound: upper_bound(baseline),
        changes: reform.changes.iter().map(shown).collect(),
    });
}
