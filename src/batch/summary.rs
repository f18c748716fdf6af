//! What a batch adds up to, printed on stderr at its end: units, failures, the money per
//! region and per policy, and how many totals are ceilings ("up to"). Under a reform,
//! each sum beside its baseline (without the reform) and the difference.

use super::UnitTotals;
use crate::model::yuan;
use crate::policy::schema::same;
use rust_decimal::Decimal;
use std::fmt;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub units: u64,
    pub failed: u64,
    pub upper_bound: u64,
    /// Whether the units were computed under a reform (then the `baseline` sums count).
    pub reformed: bool,
    pub total: Decimal,
    pub baseline: Decimal,
    /// (region, units, money, baseline money), in first-seen order (a batch names a few regions).
    pub regions: Vec<(&'static str, u64, Decimal, Decimal)>,
    /// (policy, money, baseline money), in first-seen order.
    pub policies: Vec<(&'static str, Decimal, Decimal)>,
}

impl Summary {
    /// Counts one unit: its totals, or `None` for a line that failed.
    pub fn add(&mut self, t: Option<&UnitTotals>) {
        self.units += 1;
        let Some(t) = t else {
            self.failed += 1;
            return;
        };
        let base = t.baseline.as_ref().map_or(t.total, |b| b.0);
        self.total += t.total;
        self.baseline += base;
        self.upper_bound += u64::from(t.upper_bound);
        match self.regions.iter_mut().find(|r| same(r.0, t.region)) {
            Some(r) => {
                r.1 += 1;
                r.2 += t.total;
                r.3 += base;
            }
            None => self.regions.push((t.region, 1, t.total, base)),
        }
        for (i, (id, d)) in t.per_policy.iter().enumerate() {
            // The same policies, in the same order, with and without the reform.
            let b = t.baseline.as_ref().and_then(|b| b.1.get(i)).map_or(*d, |x| x.1);
            match self.policies.iter_mut().find(|p| same(p.0, id)) {
                Some(p) => {
                    p.1 += *d;
                    p.2 += b;
                }
                None => self.policies.push((id, *d, b)),
            }
        }
    }

    /// Adds the counts and sums of a later part of the batch (regions and policies
    /// first seen there come after this part's).
    pub fn absorb(&mut self, o: &Summary) {
        self.units += o.units;
        self.failed += o.failed;
        self.upper_bound += o.upper_bound;
        self.total += o.total;
        self.baseline += o.baseline;
        for &(id, n, d, b) in &o.regions {
            match self.regions.iter_mut().find(|r| r.0 == id) {
                Some(r) => {
                    r.1 += n;
                    r.2 += d;
                    r.3 += b;
                }
                None => self.regions.push((id, n, d, b)),
            }
        }
        for &(id, d, b) in &o.policies {
            match self.policies.iter_mut().find(|p| p.0 == id) {
                Some(p) => {
                    p.1 += d;
                    p.2 += b;
                }
                None => self.policies.push((id, d, b)),
            }
        }
    }

    /// "N yuan", and under a reform "N yuan (baseline B, difference ±D)".
    fn money(&self, d: Decimal, base: Decimal) -> String {
        if !self.reformed {
            return format!("{} yuan", yuan(d));
        }
        let diff = d - base;
        format!("{} yuan (baseline {}, difference {}{})", yuan(d), yuan(base), if diff >= Decimal::ZERO { "+" } else { "" }, yuan(diff))
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ok = self.units - self.failed;
        let share = if ok == 0 { 0.0 } else { self.upper_bound as f64 * 100.0 / ok as f64 }; // a share shown, not money
        let reform = if self.reformed { " under the reform" } else { "" };
        writeln!(f, "lingpao batch: {} units, {} failed; total{reform} {}; {} totals are upper bounds ({share:.1}% of those computed)", self.units, self.failed, self.money(self.total, self.baseline), self.upper_bound)?;
        for (id, n, d, b) in &self.regions {
            writeln!(f, "  region {id}: {n} units, {}", self.money(*d, *b))?;
        }
        for (id, d, b) in &self.policies {
            writeln!(f, "  policy {id}: {}", self.money(*d, *b))?;
        }
        Ok(())
    }
}
