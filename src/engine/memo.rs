//! What the engine's pricing answers for an achievement, kept per thread for a batch:
//! a costing prices the same few dozen achievements (kind and fields) over and over,
//! and [`price`](super::pricing::price) (every rule of the kind matched by name) was
//! half of a unit's work. Without a reform the answer depends only on the catalog, the
//! region, which versions of its texts apply on the day, and the achievement's fields
//! (not its count), so it is looked up by those. Priced anew each time: under a reform
//! (its figures are not part of the key), and an achievement with text of its own (free
//! text, a date: its window depends on the day).

use super::pricing::{price, Priced, Pricing, Reason};
use crate::date::Date;
use crate::model::{Achievement, FieldValue, Lang, Reform};
use crate::policy::schema::Basis;
use crate::policy::Catalog;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// A paid achievement's policy, rule, amount for one item and basis; `None`: unpaid.
pub type Paid = Option<(usize, usize, Decimal, Basis)>;

/// More answers than this and the memo starts again (memory stays flat whatever the
/// input: a real costing has a few hundred distinct achievements).
const MAX: usize = 1 << 14;

/// One thread's memo, for the process's catalog (`policy::catalog()`, never freed: its
/// address is part of the key).
#[derive(Default)]
pub struct Prices {
    answers: FxHashMap<Vec<u64>, Paid>,
    key: Vec<u64>,
}

impl Prices {
    /// The answer of `price` without words (the batch's totals), from the memo where
    /// it was asked before.
    pub fn price(&mut self, cat: &Catalog, reform: Option<&Reform>, region: usize, a: &Achievement, on: Date) -> Paid {
        let priced = || match price(cat, reform, region, a, on, Lang::Zh, false) {
            Pricing::Paid(p) => Some((p.policy, p.rule, p.unit, p.basis)),
            Pricing::Unpaid(_) => None,
        };
        if reform.is_some() || !self.key(cat, region, a, on) {
            return priced();
        }
        if let Some(&paid) = self.answers.get(&self.key[..]) {
            return paid;
        }
        let paid = priced();
        if self.answers.len() >= MAX {
            self.answers.clear();
        }
        self.answers.insert(self.key.clone(), paid);
        paid
    }

    /// The key of `a` (priced in `region` on `on`): the addresses of its names and enum
    /// values in the data, its numbers. `false` where it holds text of its own.
    fn key(&mut self, cat: &Catalog, region: usize, a: &Achievement, on: Date) -> bool {
        let k = &mut self.key;
        k.clear();
        let text = |s: &crate::policy::schema::Str| s.as_static().map(|s| [s.as_ptr() as u64, s.len() as u64]);
        let Some(kind) = text(&a.kind) else { return false };
        // The day matters only through which versions of the region's texts apply (an
        // item with a date is not looked up): one bit per version, whether its day has
        // come. Units of any day then share their answers.
        let versions = &cat.head.regions[region].versions;
        if versions.len() > 64 {
            return false;
        }
        let day = versions.iter().enumerate().fold(0u64, |bits, (i, v)| bits | u64::from(Date::parse(&v.from).is_some_and(|from| on >= from)) << i);
        // The catalog by address: a batch's is the process's, never freed.
        k.extend([cat as *const Catalog as u64, region as u64, day, kind[0], kind[1]]);
        for (name, v) in a.fields.iter() {
            let Some(name) = text(name) else { return false };
            let (tag, x, y) = match v {
                FieldValue::Enum(s) => match text(s) {
                    Some([p, n]) => (0, p, n),
                    None => return false,
                },
                FieldValue::Int(n) => (1, *n as u64, 0),
                FieldValue::Bool(b) => (2, u64::from(*b), 0),
                FieldValue::Yuan(d) => {
                    let b = d.serialize();
                    let half = |i: usize| b[i..i + 8].iter().fold(0u64, |w, &x| w << 8 | u64::from(x));
                    (3, half(0), half(8))
                }
                FieldValue::Text(_) => return false,
            };
            k.extend([name[0], name[1] << 8 | tag, x, y]);
        }
        true
    }
}

/// A memo's answer as `price` gives it without words.
pub fn pricing<'a>(paid: Paid) -> Pricing<'a> {
    match paid {
        Some((policy, rule, unit, basis)) => Pricing::Paid(Priced { policy, rule, unit, basis, formula: String::new(), notes: Vec::new() }),
        None => Pricing::Unpaid(Reason { text: String::new(), cite: None }),
    }
}
