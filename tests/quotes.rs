//! Every quote in the policy data is verbatim in its source text, and every amount is
//! written in its own quote (the same checks build.rs runs; here they are reported as
//! a test, and shown to catch a tampered quote or amount).

use lingpao::policy::validate;
use rust_decimal::Decimal;
use std::path::Path;

fn source(name: &str) -> Option<String> {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/sources").join(name)).ok()
}

#[test]
fn every_quote_is_verbatim_and_every_amount_is_written() {
    let bundle = lingpao::policy::bundle();
    let errors = validate::validate(bundle, &source);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let rules: usize = bundle.policies.iter().map(|p| p.rule.len()).sum();
    let quotes: usize = bundle.policies.iter().map(|p| 1 + p.rule.len() + p.limit.len() + p.condition.len() + p.notice.len() + p.benefit.len() + p.eligibility.len()).sum();
    eprintln!("{quotes} quotes checked, {rules} paying rules");
    for p in &bundle.policies {
        eprintln!("  {:<40} {:>3} rules {:>2} limits {:>2} benefits", p.id, p.rule.len(), p.limit.len(), p.benefit.len());
    }
}

#[test]
fn a_tampered_quote_is_caught() {
    let errors = errors_after(|r| r.amount.is_some(), |r| r.quote = (r.quote.replacen('的', "得", 1) + "！").into());
    assert!(errors.iter().any(|e| e.contains("not found verbatim")), "{errors:?}");
}

/// Errors after changing the first rule that `pick` selects.
fn errors_after(pick: fn(&lingpao::policy::schema::RuleDef) -> bool, change: fn(&mut lingpao::policy::schema::RuleDef)) -> Vec<String> {
    let mut bundle = lingpao::policy::bundle().clone();
    let rule = bundle.policies.iter_mut().flat_map(|p| p.rule.iter_mut()).find(|r| pick(r)).expect("such a rule");
    change(rule);
    validate::validate(&bundle, &source)
}

#[test]
fn a_wrong_amount_is_caught() {
    let errors = errors_after(|r| r.amount.is_some(), |r| r.amount = Some(r.amount.unwrap() + Decimal::ONE));
    assert!(errors.iter().any(|e| e.contains("is not written in the quote")), "{errors:?}");
}

#[test]
fn a_wrong_percentage_is_caught() {
    let errors = errors_after(|r| r.percent.is_some(), |r| r.percent = Some(Decimal::from(45)));
    assert!(errors.iter().any(|e| e.contains("45% is not written")), "{errors:?}");
}

#[test]
fn a_tampered_eligibility_quote_or_threshold_is_caught() {
    let mut bundle = lingpao::policy::bundle().clone();
    let e = bundle.policies.iter_mut().flat_map(|p| p.eligibility.iter_mut()).find(|e| e.min == Some(24)).expect("a two-year condition");
    e.min = Some(36);
    let errors = validate::validate(&bundle, &source);
    assert!(errors.iter().any(|x| x.contains("36 months is not written")), "{errors:?}");
    let mut bundle = lingpao::policy::bundle().clone();
    let e = bundle.policies.iter_mut().flat_map(|p| p.eligibility.iter_mut()).next().expect("an eligibility condition");
    e.quote = (e.quote.replacen('的', "得", 1) + "！").into();
    e.fact = "shoe_size".into();
    let errors = validate::validate(&bundle, &source);
    assert!(errors.iter().any(|x| x.contains("not found verbatim")) && errors.iter().any(|x| x.contains("unknown fact `shoe_size`")), "{errors:?}");
}

/// Errors after changing the limit `id` of policy `policy`.
fn errors_after_limit(policy: &str, id: &str, change: impl Fn(&mut lingpao::policy::schema::LimitDef)) -> Vec<String> {
    let mut bundle = lingpao::policy::bundle().clone();
    let p = bundle.policies.iter_mut().find(|p| p.id == policy).expect("such a policy");
    change(p.limit.iter_mut().find(|l| l.id == id).expect("such a limit"));
    validate::validate(&bundle, &source)
}

/// A combination rule names the fields it reads, and every kind it selects has them:
/// a limit that would silently do nothing is refused.
#[test]
fn a_limit_reading_fields_its_kinds_lack_is_caught() {
    use lingpao::policy::schema::{CompareDef, OneOrMany};
    let e = errors_after_limit("beijing-subsidy-fund", "series_one", |l| l.select.kind = Some(OneOrMany::One("pilot".into())));
    assert!(e.iter().any(|e| e.contains("groups by `series`, which kind `pilot` does not have")), "{e:?}");
    let e = errors_after_limit("beijing-subsidy-fund", "series_one", |l| l.group_by.clear());
    assert!(e.iter().any(|e| e.contains("SeriesAsOne needs `group_by`")), "{e:?}");
    let e = errors_after_limit("guangzhou-huangpu-quality-fund", "leader_upgrade", |l| l.compare = None);
    assert!(e.iter().any(|e| e.contains("PriorLevel needs `compare")), "{e:?}");
    let e = errors_after_limit("guangzhou-huangpu-quality-fund", "leader_upgrade", |l| l.compare = Some(CompareDef { earlier: "previous_level".into(), now: "grade".into() }));
    assert!(e.iter().any(|e| e.contains("kind `leader` needs both")), "{e:?}");
    let e = errors_after_limit("beijing-subsidy-fund", "standards_annual_cap", |l| l.group_by = vec!["level".into()]);
    assert!(e.iter().any(|e| e.contains("AnnualCap takes no `group_by`")), "{e:?}");
    // Only `max_count` reads what a missing group field means.
    let e = errors_after_limit("beijing-subsidy-fund", "series_one", |l| l.group_missing = lingpao::policy::schema::GroupMissing::Together);
    assert!(e.iter().any(|e| e.contains("SeriesAsOne takes no `group_missing`")), "{e:?}");
    assert!(errors_after_limit("beijing-subsidy-fund", "series_one", |_| {}).is_empty());
}
