//! What a batch adds up to, printed on stderr at its end: units, failures, the money per
//! region and per policy, and how many totals are ceilings ("up to").

use super::UnitTotals;
use crate::model::yuan;
use rust_decimal::Decimal;
use std::fmt;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub units: u64,
    pub failed: u64,
    pub upper_bound: u64,
    pub total: Decimal,
    /// (region, units, money), in first-seen order (a batch names a few regions).
    pub regions: Vec<(&'static str, u64, Decimal)>,
    /// (policy, money), in first-seen order.
    pub policies: Vec<(&'static str, Decimal)>,
}

impl Summary {
    /// Counts one unit: its totals, or `None` for a line that failed.
    pub fn add(&mut self, t: Option<&UnitTotals>) {
        self.units += 1;
        let Some(t) = t else {
            self.failed += 1;
            return;
        };
        self.total += t.total;
        self.upper_bound += u64::from(t.upper_bound);
        match self.regions.iter_mut().find(|r| r.0 == t.region) {
            Some(r) => {
                r.1 += 1;
                r.2 += t.total;
            }
            None => self.regions.push((t.region, 1, t.total)),
        }
        for (id, d) in &t.per_policy {
            match self.policies.iter_mut().find(|p| p.0 == *id) {
                Some(p) => p.1 += *d,
                None => self.policies.push((id, *d)),
            }
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ok = self.units - self.failed;
        let share = if ok == 0 { 0.0 } else { self.upper_bound as f64 * 100.0 / ok as f64 }; // a share shown, not money
        writeln!(f, "lingpao batch: {} units, {} failed; total {} yuan; {} totals are upper bounds ({share:.1}% of those computed)", self.units, self.failed, yuan(self.total), self.upper_bound)?;
        for (id, n, d) in &self.regions {
            writeln!(f, "  region {id}: {n} units, {} yuan", yuan(*d))?;
        }
        for (id, d) in &self.policies {
            writeln!(f, "  policy {id}: {} yuan", yuan(*d))?;
        }
        Ok(())
    }
}
