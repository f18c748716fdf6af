//! Checks the policy data against itself and against the source texts: every quote
//! is verbatim in its source, every amount is written in its quote, every reference
//! resolves. Run by build.rs (a bad data file fails the build) and by the tests.
//! Standalone apart from `super::schema` and `super::date`.

use super::date::Date;
use super::schema::*;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// The text with all whitespace removed: quotes are compared on this form, since the
/// compiled sources break lines and space numbers unevenly.
pub fn normalize(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every amount of money written in `s`, in yuan: "8 万元" → 80000, "5 千元" → 5000,
/// "3000元" → 3000, "7.5万元" → 75000, "100万、50万元" → 1000000 and 500000.
pub fn amounts_in(s: &str) -> Vec<Decimal> {
    let chars: Vec<char> = normalize(s).chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let digits: String = chars[start..i].iter().collect();
        let unit = match (chars.get(i), chars.get(i + 1)) {
            (Some('万'), _) => Some(10_000),
            (Some('千'), Some('元')) => Some(1_000),
            (Some('元'), _) => Some(1),
            _ => None,
        };
        if let (Some(unit), Ok(n)) = (unit, digits.parse::<Decimal>()) {
            out.push((n * Decimal::from(unit)).normalize());
        }
    }
    out
}

/// Every percentage written in `s` ("50%", "50％").
pub fn percents_in(s: &str) -> Vec<Decimal> {
    let n = normalize(s);
    let mut out = Vec::new();
    let mut digits = String::new();
    for c in n.chars() {
        if c.is_ascii_digit() || (c == '.' && !digits.is_empty()) {
            digits.push(c);
        } else {
            if (c == '%' || c == '％') && !digits.is_empty() {
                if let Ok(d) = digits.parse::<Decimal>() {
                    out.push(d.normalize());
                }
            }
            digits.clear();
        }
    }
    out
}

/// Whether `fields` (with `kind`) satisfy a rule's `when`.
pub fn when_matches<'a>(when: &Match, kind: &str, field: impl Fn(&str) -> Option<&'a str>) -> bool {
    when.iter().all(|(name, allowed)| {
        let value = if name == "kind" { Some(kind) } else { field(name) };
        value.is_some_and(|v| allowed.contains(v))
    })
}

struct Checker<'b> {
    bundle: &'b Bundle,
    errors: Vec<String>,
}

impl<'b> Checker<'b> {
    fn err(&mut self, at: &str, msg: impl AsRef<str>) {
        self.errors.push(format!("{at}: {}", msg.as_ref()));
    }

    fn field(&self, kind: &str, name: &str) -> Option<&'b FieldDef> {
        let k = self.bundle.kinds.kind.iter().find(|k| k.id == kind)?;
        k.field.iter().chain(&self.bundle.kinds.common_field).find(|f| f.name == name)
    }

    /// Every field named in `when` exists on its kind(s) with allowed values.
    fn check_match(&mut self, at: &str, when: &Match, kinds: &[String]) {
        for (name, allowed) in when {
            if name == "kind" {
                continue;
            }
            for kind in kinds {
                match self.field(kind, name) {
                    None => self.err(at, format!("kind `{kind}` has no field `{name}`")),
                    Some(f) if f.ty == FieldType::Enum => {
                        for v in allowed.as_slice() {
                            if !f.values.contains(v) {
                                self.err(at, format!("`{name}` has no value `{v}` (allowed: {})", f.values.join(", ")));
                            }
                        }
                    }
                    Some(f) if f.ty == FieldType::Bool => {
                        for v in allowed.as_slice() {
                            if v != "true" && v != "false" {
                                self.err(at, format!("`{name}` is a bool: `true` or `false`, not `{v}`"));
                            }
                        }
                    }
                    Some(_) => self.err(at, format!("`{name}` is not an enum or bool field; rules cannot match on it")),
                }
            }
        }
    }

    fn check_selector(&mut self, at: &str, s: &Selector, policy: &PolicyDef) {
        let kinds: Vec<String> = match &s.kind {
            Some(k) => k.as_slice().to_vec(),
            None => policy.rule.iter().filter_map(|r| r.when.get("kind")).flat_map(|k| k.as_slice().to_vec()).collect::<BTreeSet<_>>().into_iter().collect(),
        };
        for k in &kinds {
            if !self.bundle.kinds.kind.iter().any(|d| &d.id == k) {
                self.err(at, format!("unknown kind `{k}`"));
            }
        }
        if !s.when.is_empty() {
            let narrowed: Vec<String> = kinds.iter().filter(|k| s.when.keys().all(|f| self.field(k, f).is_some())).cloned().collect();
            if narrowed.is_empty() {
                self.err(at, "selector `when` names fields no selected kind has");
            } else {
                self.check_match(at, &s.when, &narrowed);
            }
        }
        if let Some(rules) = &s.rule {
            for r in rules.as_slice() {
                if !policy.rule.iter().any(|x| &x.id == r) {
                    self.err(at, format!("selector names unknown rule `{r}`"));
                }
            }
        }
        if let Some(cats) = &s.category {
            for c in cats.as_slice() {
                if !policy.rule.iter().any(|x| &x.category == c) {
                    self.err(at, format!("selector names category `{c}` that no rule has"));
                }
            }
        }
        if let Some(e) = &s.except {
            self.check_selector(at, e, policy);
        }
    }

    fn check_quote(&mut self, at: &str, source: &str, quote: &str) {
        if normalize(quote).is_empty() {
            self.err(at, "empty quote");
        } else if !source.contains(&normalize(quote)) {
            self.err(at, format!("quote not found verbatim in the source: «{quote}»"));
        }
    }

    fn check_amount_written(&mut self, at: &str, quote: &str, amount: Decimal, what: &str) {
        if !amounts_in(quote).contains(&amount.normalize()) {
            self.err(at, format!("{what} {amount} is not written in the quote «{quote}» (found {:?})", amounts_in(quote)));
        }
    }

    fn yuan_field(&mut self, at: &str, kinds: &[String], name: &str) {
        for k in kinds {
            match self.field(k, name) {
                Some(f) if f.ty == FieldType::Yuan => {}
                _ => self.err(at, format!("`{name}` is not a yuan field of kind `{k}`")),
            }
        }
    }

    fn check_rule(&mut self, p: &PolicyDef, source: &str, r: &RuleDef) {
        let at = format!("{}/rule {}", p.id, r.id);
        let kinds = match r.when.get("kind") {
            Some(k) => k.as_slice().to_vec(),
            None => {
                self.err(&at, "`when` must name a `kind`");
                return;
            }
        };
        for k in &kinds {
            if !self.bundle.kinds.kind.iter().any(|d| &d.id == k) {
                self.err(&at, format!("unknown kind `{k}`"));
                return;
            }
        }
        self.check_match(&at, &r.when, &kinds);
        self.check_quote(&at, source, &r.quote);
        if r.note.as_ref().is_some_and(|n| n.zh.is_empty() || n.en.is_empty()) {
            self.err(&at, "a note needs both zh and en");
        }
        match (r.amount, r.percent, &r.of, &r.of_field) {
            (Some(a), None, None, None) => {
                if a <= Decimal::ZERO {
                    self.err(&at, "amount must be positive");
                }
                self.check_amount_written(&at, &r.quote, a, "amount");
            }
            (None, Some(pc), Some(of), None) => {
                self.check_percent(&at, &r.quote, pc);
                self.check_of(&at, p, r, of, &kinds);
            }
            (None, Some(pc), None, Some(field)) => {
                self.check_percent(&at, &r.quote, pc);
                self.yuan_field(&at, &kinds, field);
                match r.max {
                    Some(m) => self.check_amount_written(&at, &r.quote, m, "max"),
                    None => self.err(&at, "a percentage of an input field needs a `max` written in the text"),
                }
            }
            _ => self.err(&at, "give exactly one of: `amount`; `percent` with `of`; `percent` with `of_field` and `max`"),
        }
        if r.max.is_some() && r.of_field.is_none() {
            self.err(&at, "`max` only goes with `of_field`");
        }
        if let Some(f) = &r.limit_to_field {
            self.yuan_field(&at, &kinds, f);
            if let Some(q) = &r.limit_quote {
                self.check_quote(&at, source, q);
            }
        } else if r.limit_quote.is_some() {
            self.err(&at, "`limit_quote` without `limit_to_field`");
        }
    }

    fn check_percent(&mut self, at: &str, quote: &str, pc: Decimal) {
        if pc <= Decimal::ZERO || pc > Decimal::from(100) {
            self.err(at, "percent must be in (0, 100]");
        }
        if !percents_in(quote).contains(&pc.normalize()) {
            self.err(at, format!("{pc}% is not written in the quote «{quote}»"));
        }
    }

    /// A percentage of another rule: for every combination of the rule's own `when`
    /// values, the re-matched achievement must find exactly one base rule.
    fn check_of(&mut self, at: &str, p: &PolicyDef, r: &RuleDef, of: &BTreeMap<String, String>, kinds: &[String]) {
        let of_match: Match = of.iter().map(|(k, v)| (k.clone(), OneOrMany::One(v.clone()))).collect();
        self.check_match(at, &of_match, kinds);
        for combo in combinations(&r.when) {
            let mut fields = combo.clone();
            for (k, v) in of {
                fields.insert(k.clone(), v.clone());
            }
            let kind = fields.get("kind").cloned().unwrap_or_default();
            let bases: Vec<&RuleDef> = p
                .rule
                .iter()
                .filter(|b| b.id != r.id && when_matches(&b.when, &kind, |f| fields.get(f).map(String::as_str)))
                .collect();
            match bases.as_slice() {
                [_] => {}
                [] => self.err(at, format!("no base rule matches {fields:?}")),
                many => self.err(at, format!("several base rules match {fields:?}: {:?}", many.iter().map(|b| &b.id).collect::<Vec<_>>())),
            }
        }
    }

    fn check_limit(&mut self, p: &PolicyDef, source: &str, l: &LimitDef) {
        let at = format!("{}/limit {}", p.id, l.id);
        self.check_quote(&at, source, &l.quote);
        self.check_selector(&at, &l.select, p);
        let needs = |ok: bool, this: &mut Self, what: &str| {
            if !ok {
                this.err(&at, format!("type {:?} {what}", l.ty));
            }
        };
        match l.ty {
            LimitType::AnnualCap => {
                needs(l.amount.is_some(), self, "needs `amount`");
                if let Some(a) = l.amount {
                    self.check_amount_written(&at, &l.quote, a, "cap");
                }
                needs(l.raised_amount.is_some() == l.raised_when.is_some(), self, "needs both `raised_amount` and `raised_when`, or neither");
                if let Some(a) = l.raised_amount {
                    self.check_amount_written(&at, &l.quote, a, "raised cap");
                }
                if let Some(s) = &l.raised_when {
                    self.check_selector(&at, s, p);
                }
            }
            LimitType::MaxCount | LimitType::MaxCategories => needs(l.max.is_some_and(|m| m > 0), self, "needs a positive `max`"),
            LimitType::PriorLevel => needs(l.mode.is_some(), self, "needs `mode`"),
            LimitType::SeriesAsOne | LimitType::HighestOnly => {}
        }
        if l.ty != LimitType::PriorLevel && l.mode.is_some() {
            self.err(&at, "`mode` only goes with prior_level");
        }
    }
}

/// Every assignment of one value to each field of `when`.
pub fn combinations(when: &Match) -> Vec<BTreeMap<String, String>> {
    let mut out = vec![BTreeMap::new()];
    for (name, values) in when {
        out = out
            .into_iter()
            .flat_map(|m| {
                values.as_slice().iter().map(move |v| {
                    let mut m = m.clone();
                    m.insert(name.clone(), v.clone());
                    m
                })
            })
            .collect();
    }
    out
}

/// All problems found, empty if the data is sound. `source` returns a source file's
/// text by its file name.
pub fn validate(bundle: &Bundle, source: &dyn Fn(&str) -> Option<String>) -> Vec<String> {
    let mut c = Checker { bundle, errors: Vec::new() };
    let mut seen = BTreeSet::new();
    for k in &bundle.kinds.kind {
        if !seen.insert(k.id.clone()) {
            c.err("kinds", format!("duplicate kind `{}`", k.id));
        }
        let mut names = BTreeSet::new();
        for f in k.field.iter().chain(&bundle.kinds.common_field) {
            if !names.insert(&f.name) {
                c.err("kinds", format!("kind `{}` repeats field `{}`", k.id, f.name));
            }
            if (f.ty == FieldType::Enum) == f.values.is_empty() {
                c.err("kinds", format!("`{}.{}`: enum fields, and only they, list values", k.id, f.name));
            }
            for v in &f.values {
                if !bundle.kinds.values.get(&f.name).is_some_and(|m| m.contains_key(v)) {
                    c.err("kinds", format!("no label for `values.{}.{}`", f.name, v));
                }
            }
        }
    }
    let mut region_ids = BTreeSet::new();
    for r in &bundle.regions {
        if !region_ids.insert(&r.id) {
            c.err("regions", format!("duplicate region `{}`", r.id));
        }
        for pid in &r.policies {
            match bundle.policies.iter().find(|p| &p.id == pid) {
                Some(p) if p.region == r.id => {}
                Some(p) => c.err("regions", format!("policy `{pid}` says region `{}`, listed under `{}`", p.region, r.id)),
                None => c.err("regions", format!("region `{}` lists unknown policy `{pid}`", r.id)),
            }
        }
    }
    let mut policy_ids = BTreeSet::new();
    for p in &bundle.policies {
        if !policy_ids.insert(&p.id) {
            c.err(&p.id, "duplicate policy id");
        }
        if !bundle.regions.iter().any(|r| r.policies.contains(&p.id)) {
            c.err(&p.id, "no region lists this policy");
        }
        for (what, d) in [("issued", Some(&p.issued)), ("effective", p.effective.as_ref()), ("expires", p.expires.as_ref())] {
            if d.is_some_and(|d| Date::parse(d).is_none()) {
                c.err(&p.id, format!("`{what}` is not a YYYY-MM-DD date"));
            }
        }
        let Some(text) = source(&p.source) else {
            c.err(&p.id, format!("source `{}` not found", p.source));
            continue;
        };
        let text = normalize(&text);
        c.check_quote(&format!("{}/validity", p.id), &text, &p.validity.quote);
        let mut ids = BTreeSet::new();
        for r in &p.rule {
            if !ids.insert(&r.id) {
                c.err(&p.id, format!("duplicate rule id `{}`", r.id));
            }
            c.check_rule(p, &text, r);
        }
        for cond in &p.condition {
            let at = format!("{}/condition {}", p.id, cond.id);
            c.check_quote(&at, &text, &cond.quote);
            c.check_selector(&at, &cond.select, p);
            if cond.min.is_none() && cond.max.is_none() && cond.equals.is_none() {
                c.err(&at, "needs `min`, `max` or `equals`");
            }
        }
        for l in &p.limit {
            c.check_limit(p, &text, l);
        }
        for n in &p.notice {
            let at = format!("{}/notice {}", p.id, n.id);
            c.check_quote(&at, &text, &n.quote);
            if let Some(s) = &n.select {
                c.check_selector(&at, s, p);
            }
        }
        for g in &p.gap {
            let at = format!("{}/gap {}", p.id, g.id);
            c.check_quote(&at, &text, &g.quote);
            match g.when.get("kind") {
                Some(k) => {
                    let kinds = k.as_slice().to_vec();
                    c.check_match(&at, &g.when, &kinds);
                }
                None => c.err(&at, "`when` must name a `kind`"),
            }
        }
        for b in &p.benefit {
            c.check_quote(&format!("{}/benefit {}", p.id, b.id), &text, &b.quote);
        }
    }
    c.errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn reads_amounts_as_written() {
        assert_eq!(amounts_in("分别给予 8 万元、4 万元、3 万元资助"), vec![d("80000"), d("40000"), d("30000")]);
        assert_eq!(amounts_in("给予 5 千元一次性资助"), vec![d("5000")]);
        assert_eq!(amounts_in("一次性奖励3000元"), vec![d("3000")]);
        assert_eq!(amounts_in("给予不超过7.5万元资助"), vec![d("75000")]);
        assert_eq!(amounts_in("分别给予 10 万、5 万和 1 万元"), vec![d("100000"), d("50000"), d("10000")]);
        assert_eq!(amounts_in("有效期三年，第 30 日"), Vec::<Decimal>::new());
    }

    #[test]
    fn reads_percents() {
        assert_eq!(percents_in("分别按照主导制定资助额的 50%、30%给予资助"), vec![d("50"), d("30")]);
        assert_eq!(percents_in("按 40 ％"), vec![d("40")]);
    }
}
