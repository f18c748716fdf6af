//! Checks the policy data against itself and against the source texts: every quote
//! is verbatim in its source, every amount is written in its quote, every reference
//! resolves. Run by build.rs (a bad data file fails the build) and by the tests.
//! Standalone apart from `super::schema` and `super::date`.

use super::date::Date;
use super::schema::*;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

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

/// A number written in Chinese numerals, "一" to "九十九" ("两" too).
fn chinese_number(s: &str) -> Option<i64> {
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / '一'.len_utf8()) as i64).or(if c == '两' { Some(2) } else { None });
    match s.split_once('十') {
        Some((tens, ones)) => {
            let tens = if tens.is_empty() { 1 } else { tens.chars().map(digit).collect::<Option<Vec<_>>>().filter(|v| v.len() == 1)?[0] };
            let ones = if ones.is_empty() { 0 } else { ones.chars().map(digit).collect::<Option<Vec<_>>>().filter(|v| v.len() == 1)?[0] };
            Some(tens * 10 + ones)
        }
        None if s.chars().count() == 1 => s.chars().next().and_then(digit),
        None => None,
    }
}

/// Every duration written in `s`, in months: "2年" → 24, "一年" → 12, "三年内" → 36,
/// "12个月" → 12 ("1至3年" gives 36 only: a number counts where its unit follows it).
pub fn durations_in(s: &str) -> Vec<i64> {
    let chars: Vec<char> = normalize(s).chars().collect();
    let is_cn = |c: char| "零一二两三四五六七八九十".contains(c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let n = if chars[i].is_ascii_digit() {
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            chars[start..i].iter().collect::<String>().parse::<i64>().ok()
        } else if is_cn(chars[i]) {
            while i < chars.len() && is_cn(chars[i]) {
                i += 1;
            }
            chinese_number(&chars[start..i].iter().collect::<String>())
        } else {
            i += 1;
            continue;
        };
        let Some(n) = n else { continue };
        match (chars.get(i), chars.get(i + 1)) {
            (Some('年'), _) => out.push(n.saturating_mul(12)),
            (Some('个'), Some('月')) => out.push(n),
            _ => {}
        }
    }
    out
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
    fn check_match(&mut self, at: &str, when: &Match, kinds: &[Str]) {
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
        let kinds: Vec<Str> = match &s.kind {
            Some(k) => k.as_slice().to_vec(),
            None => policy.rule.iter().filter_map(|r| r.when.get("kind")).flat_map(|k| k.as_slice().to_vec()).collect::<BTreeSet<_>>().into_iter().collect(),
        };
        for k in &kinds {
            if !self.bundle.kinds.kind.iter().any(|d| &d.id == k) {
                self.err(at, format!("unknown kind `{k}`"));
            }
        }
        if !s.when.is_empty() {
            let narrowed: Vec<Str> = kinds.iter().filter(|k| s.when.keys().all(|f| self.field(k, f).is_some())).cloned().collect();
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

    fn yuan_field(&mut self, at: &str, kinds: &[Str], name: &str) {
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
                // A ceiling, where the text sets one, must be written in the quote; a text
                // may set none (Liaocheng: "不高于…官方规定费用的50%").
                if let Some(m) = r.max {
                    self.check_amount_written(&at, &r.quote, m, "max");
                } else if r.basis != Basis::Cap {
                    self.err(&at, "a percentage of an input with no ceiling is a cap (the text bounds it, it does not fix it)");
                }
            }
            _ => self.err(&at, "give exactly one of: `amount`; `percent` with `of`; `percent` with `of_field` (and `max` where the text sets one)"),
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
    fn check_of(&mut self, at: &str, p: &PolicyDef, r: &RuleDef, of: &Map<Str>, kinds: &[Str]) {
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
                .filter(|b| b.id != r.id && when_matches(&b.when, &kind, |f| fields.get(f).map(Str::as_str)))
                .collect();
            match bases.as_slice() {
                [_] => {}
                [] => self.err(at, format!("no base rule matches {fields:?}")),
                many => self.err(at, format!("several base rules match {fields:?}: {:?}", many.iter().map(|b| &b.id).collect::<Vec<_>>())),
            }
        }
    }

    fn fact(&self, id: &str) -> Option<&'b FactDef> {
        self.bundle.facts.iter().find(|f| f.id == id)
    }

    fn check_duration_written(&mut self, at: &str, quote: &str, months: i64) {
        if !durations_in(quote).contains(&months) {
            self.err(at, format!("{months} months is not written in the quote «{quote}» (found {:?} months)", durations_in(quote)));
        }
    }

    /// A window or deadline: its quote is in the source, its selector sound, and each
    /// number it holds written in the quote; what its shape does not use is absent.
    #[allow(clippy::too_many_arguments)]
    fn check_period(&mut self, p: &PolicyDef, source: &str, at: &str, select: &Option<Selector>, text: &Text, note: &Option<Text>, quote: &str, used: &[(&str, bool, bool)]) {
        self.check_quote(at, source, quote);
        if let Some(s) = select {
            self.check_selector(at, s, p);
        }
        if text.zh.is_empty() || text.en.is_empty() || note.as_ref().is_some_and(|n| n.zh.is_empty() || n.en.is_empty()) {
            self.err(at, "a text or note needs both zh and en");
        }
        for &(name, given, wanted) in used {
            if given != wanted {
                self.err(at, format!("`{name}` is {} for this shape", if wanted { "required" } else { "not used" }));
            }
        }
    }

    fn check_window(&mut self, p: &PolicyDef, source: &str, w: &WindowDef) {
        let at = format!("{}/window {}", p.id, w.id);
        let q = normalize(&w.quote);
        let years = matches!(w.shape, WindowShape::RecentYears | WindowShape::WithinAfter);
        let since = w.shape == WindowShape::Since;
        self.check_period(p, source, &at, &w.select, &w.text, &w.note, &w.quote, &[("years", w.years.is_some(), years), ("from", w.from.is_some(), since)]);
        if let Some(y) = w.years.filter(|_| years) {
            self.check_duration_written(&at, &w.quote, i64::from(y) * 12);
        }
        let written = match w.shape {
            WindowShape::PreviousYear => q.contains("上一年度") || q.contains("上年度"),
            WindowShape::SameYear => q.contains("本年度") || q.contains("当年"),
            WindowShape::InForce => q.contains("有效期") && p.effective.is_some() && p.expires.is_some(),
            WindowShape::Since => match w.from.as_deref().map(Date::parse) {
                Some(Some(d)) => q.contains(&format!("{}年{}月{}日", d.year, d.month, d.day)),
                _ => false,
            },
            WindowShape::RecentYears | WindowShape::WithinAfter => true,
        };
        if !written {
            self.err(&at, format!("the quote «{}» does not say the {:?} window (or its date)", w.quote, w.shape));
        }
    }

    fn check_deadline(&mut self, p: &PolicyDef, source: &str, d: &DeadlineDef) {
        let at = format!("{}/deadline {}", p.id, d.id);
        let q = normalize(&d.quote);
        let (day, months, years) = (d.shape == DeadlineShape::YearlyDay, d.shape == DeadlineShape::YearlyMonths, d.shape == DeadlineShape::AfterDate);
        let used = [
            ("month", d.month.is_some(), day),
            ("day", d.day.is_some(), day),
            ("from_month", d.from_month.is_some(), months),
            ("to_month", d.to_month.is_some(), months),
            ("years", d.years.is_some(), years),
        ];
        self.check_period(p, source, &at, &d.select, &d.text, &None, &d.quote, &used);
        let written = match d.shape {
            DeadlineShape::YearlyDay => match (d.month, d.day) {
                (Some(m), Some(day)) => (1..=12).contains(&m) && (1..=31).contains(&day) && q.contains(&format!("{m}月{day}日")),
                _ => false,
            },
            DeadlineShape::YearlyMonths => match (d.from_month, d.to_month) {
                (Some(a), Some(b)) => months_written(&q, a, b),
                _ => false,
            },
            DeadlineShape::AfterDate => {
                if let Some(y) = d.years {
                    self.check_duration_written(&at, &d.quote, i64::from(y) * 12);
                }
                true
            }
            DeadlineShape::YearRound => q.contains("全年"),
            DeadlineShape::Announced => true,
        };
        if !written {
            self.err(&at, format!("the quote «{}» does not write the {:?} deadline's day or months", d.quote, d.shape));
        }
    }

    fn check_eligibility(&mut self, p: &PolicyDef, source: &str, e: &EligibilityDef) {
        let at = format!("{}/eligibility {}", p.id, e.id);
        self.check_quote(&at, source, &e.quote);
        if e.text.zh.is_empty() || e.text.en.is_empty() || e.note.as_ref().is_some_and(|n| n.zh.is_empty() || n.en.is_empty()) {
            self.err(&at, "`text` and `note` need both zh and en");
        }
        let Some(fact) = self.fact(&e.fact) else {
            let known: Vec<&str> = self.bundle.facts.iter().map(|f| f.id.as_str()).collect();
            self.err(&at, format!("unknown fact `{}` (facts: {})", e.fact, known.join(", ")));
            return;
        };
        match fact.ty {
            FactType::Bool => {
                if e.equals.is_none() || e.min.is_some() || e.max.is_some() {
                    self.err(&at, format!("`{}` is a bool fact: give `equals` only", e.fact));
                }
                if e.relaxed.is_some() {
                    self.err(&at, "`relaxed` only goes with a months fact");
                }
            }
            FactType::Months => {
                if e.equals.is_some() || e.min.is_some() == e.max.is_some() {
                    self.err(&at, format!("`{}` is a months fact: give exactly one of `min` or `max`", e.fact));
                }
                for bound in [e.min, e.max].into_iter().flatten() {
                    if !(0..=1200).contains(&bound) {
                        self.err(&at, "months must be within 0–1200");
                    }
                    self.check_duration_written(&at, &e.quote, bound);
                }
                if let Some(r) = &e.relaxed {
                    if !self.fact(&r.fact).is_some_and(|f| f.ty == FactType::Bool) {
                        self.err(&at, format!("`relaxed.fact` `{}` is not a bool fact", r.fact));
                    }
                    match (r.min, e.min, r.max, e.max) {
                        (Some(loose), Some(strict), None, None) if loose < strict => self.check_duration_written(&at, &e.quote, loose),
                        (None, None, Some(loose), Some(strict)) if loose > strict => self.check_duration_written(&at, &e.quote, loose),
                        _ => self.err(&at, "`relaxed` must loosen the condition's own bound (a lower `min` or a higher `max`)"),
                    }
                }
            }
        }
    }

    /// A register: its quote is verbatim, and every row is a line of its table, in order.
    /// A row's cells, joined, must read as the line (whitespace aside); a `carry` cell
    /// may instead be left off the line when it repeats the row above (a merged cell).
    fn check_register(&mut self, r: &RegisterDef, raw: &str) {
        let at = format!("register {}", r.id);
        self.check_quote(&at, &normalize(raw), &r.quote);
        let lines: Vec<String> = raw.lines().map(normalize).collect();
        let from = normalize(&r.from);
        let starts: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| **l == from).map(|(i, _)| i).collect();
        let [start] = starts.as_slice() else {
            self.err(&at, format!("`from` must be exactly one whole line of the source; found {}", starts.len()));
            return;
        };
        let Some(end) = lines.iter().skip(start + 1).position(|l| *l == normalize(&r.to)).map(|i| start + 1 + i) else {
            self.err(&at, "`to` is not a whole line after `from`");
            return;
        };
        let table = &lines[start + 1..end];
        let mut ids = BTreeSet::new();
        for c in &r.columns {
            if !ids.insert(c.id.as_str()) {
                self.err(&at, format!("duplicate column `{}`", c.id));
            }
        }
        let Some(key) = r.columns.iter().position(|c| c.id == r.key) else {
            self.err(&at, format!("`key` names no column: `{}`", r.key));
            return;
        };
        if r.columns[key].carry {
            self.err(&at, "the key column cannot carry");
        }
        let noted: BTreeSet<&str> = r.notes.iter().map(|n| n.row.as_str()).collect();
        let mut keys = BTreeSet::new();
        let mut cursor = 0;
        let mut prev: Option<&Vec<Str>> = None;
        for row in &r.rows {
            if row.len() != r.columns.len() {
                self.err(&at, format!("row {row:?} has {} cells for {} columns", row.len(), r.columns.len()));
                continue;
            }
            let name = &row[key];
            if name.trim().is_empty() || !keys.insert(name.as_str()) {
                self.err(&at, format!("row key `{name}` is empty or repeated"));
            }
            if row.iter().any(|c| c.trim().is_empty()) && !noted.contains(name.as_str()) {
                self.err(&at, format!("row {name} has an empty cell: add a `[[note]]` saying why"));
            }
            // Which carry cells may be left off the line: those repeating the row above.
            let optional: Vec<usize> = (0..row.len()).filter(|&i| r.columns[i].carry && prev.is_some_and(|p| p[i] == row[i])).collect();
            if optional.len() > 8 {
                self.err(&at, "at most 8 columns may carry");
                return;
            }
            let mut found: Option<usize> = None;
            for mask in 0..(1u32 << optional.len()) {
                let text: String = (0..row.len())
                    .filter(|i| optional.iter().position(|o| o == i).is_none_or(|bit| mask & (1 << bit) == 0))
                    .map(|i| normalize(&row[i]))
                    .collect();
                if let Some(i) = table.iter().skip(cursor).position(|l| *l == text) {
                    found = Some(found.map_or(cursor + i, |f: usize| f.min(cursor + i)));
                }
            }
            match found {
                Some(i) => cursor = i + 1,
                None => self.err(&at, format!("row {name}: no line of the table (after the previous row) reads {row:?}")),
            }
            prev = Some(row);
        }
        for n in &r.notes {
            if !keys.contains(n.row.as_str()) {
                self.err(&at, format!("note for unknown row `{}`", n.row));
            }
            if n.text.zh.is_empty() || n.text.en.is_empty() {
                self.err(&at, format!("note for row {} needs both zh and en", n.row));
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
        // What each type reads; an exhaustive match, like the engine's.
        let (groups, compares) = match l.ty {
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
                (false, false)
            }
            LimitType::MaxCount => {
                needs(l.max.is_some_and(|m| m > 0), self, "needs a positive `max`");
                (true, false)
            }
            LimitType::MaxCategories => {
                needs(l.max.is_some_and(|m| m > 0), self, "needs a positive `max`");
                // The engine tries every choice of `max` categories with the caps applied:
                // the data may not ask for more choices than a call can afford.
                let n = p.rule.iter().map(|r| &r.category).collect::<BTreeSet<_>>().len();
                let choices = choose(n, l.max.unwrap_or(0) as usize);
                if choices > MAX_CATEGORY_CHOICES {
                    self.err(&at, format!("keeping {} of {n} categories means {choices} choices to try; at most {MAX_CATEGORY_CHOICES} are allowed", l.max.unwrap_or(0)));
                }
                (false, false)
            }
            LimitType::SeriesAsOne | LimitType::HighestOnly => {
                needs(!l.group_by.is_empty(), self, "needs `group_by`, the fields whose values make one item");
                (true, false)
            }
            LimitType::PriorLevel => {
                needs(l.mode.is_some(), self, "needs `mode`");
                needs(l.compare.is_some(), self, "needs `compare = { earlier, now }`, the two level fields");
                (false, true)
            }
        };
        needs(groups || l.group_by.is_empty(), self, "takes no `group_by`");
        needs(l.ty == LimitType::MaxCount || l.group_missing == GroupMissing::Apart, self, "takes no `group_missing`");
        needs(compares || l.compare.is_none(), self, "takes no `compare`");
        needs(compares || l.mode.is_none(), self, "takes no `mode`");
        // Every kind the limit can select has the fields it reads.
        for kind in self.selected_kinds(p, &l.select) {
            for f in &l.group_by {
                if self.field(&kind, f).is_none() {
                    self.err(&at, format!("groups by `{f}`, which kind `{kind}` does not have"));
                }
            }
            if let Some(c) = &l.compare {
                let values = |name: &str| self.field(&kind, name).filter(|f| f.ty == FieldType::Enum).map(|f| &f.values);
                match (values(&c.earlier), values(&c.now)) {
                    (Some(a), Some(b)) if a == b => {}
                    _ => self.err(&at, format!("compares `{}` with `{}`: kind `{kind}` needs both, as enum fields with the same values", c.earlier, c.now)),
                }
            }
        }
    }

    /// The application checklist: every quote verbatim, every text in both languages,
    /// ids unique, and each material's selector naming what exists and picking at
    /// least one rule of the text (else it could never be ticked).
    fn check_checklist(&mut self, p: &PolicyDef, source: &str) {
        let mut ids = BTreeSet::new();
        let entries = p.material.iter().map(|m| ("material", &m.id, &m.text, &m.clause, &m.quote, &m.note)).chain(p.step.iter().map(|s| ("step", &s.id, &s.text, &s.clause, &s.quote, &s.note)));
        for (what, id, text, clause, quote, note) in entries {
            let at = format!("{}/{what} {id}", p.id);
            if id.is_empty() || !ids.insert(id) {
                self.err(&at, "a material or step needs an id of its own in the text (materials and steps share them)");
            }
            if clause.trim().is_empty() {
                self.err(&at, "empty clause");
            }
            if text.zh.trim().is_empty() || text.en.trim().is_empty() || note.as_ref().is_some_and(|n| n.zh.trim().is_empty() || n.en.trim().is_empty()) {
                self.err(&at, "`text` and `note` need both zh and en, not empty");
            }
            self.check_quote(&at, source, quote);
        }
        for m in &p.material {
            let Some(s) = &m.select else { continue };
            let at = format!("{}/material {}", p.id, m.id);
            if !s.without_when() {
                self.err(&at, "a material's `select` takes no `when`: it is ticked on the lines of the rules it picks (name `kind`, `category` or `rule`)");
            }
            self.check_selector(&at, s, p);
            if !p.rule.iter().any(|r| rule_kinds(r).iter().any(|k| s.picks_line(k, r))) {
                self.err(&at, "`select` picks no rule of this text: the material could never be ticked");
            }
        }
        if let Some(e) = &p.materials_elsewhere {
            let at = format!("{}/materials_elsewhere", p.id);
            if e.text.zh.trim().is_empty() || e.text.en.trim().is_empty() || e.clause.trim().is_empty() {
                self.err(&at, "`text` needs both zh and en, and a clause");
            }
            self.check_quote(&at, source, &e.quote);
        }
    }

    /// The kinds a selector can pick: those it names, else those of the rules it can pick.
    fn selected_kinds(&self, p: &PolicyDef, s: &Selector) -> Vec<Str> {
        if let Some(k) = &s.kind {
            return k.as_slice().to_vec();
        }
        let rules = p.rule.iter().filter(|r| s.category.as_ref().is_none_or(|c| c.contains(&r.category)) && s.rule.as_ref().is_none_or(|x| x.contains(&r.id)));
        rules.filter_map(|r| r.when.get("kind")).flat_map(|k| k.as_slice().to_vec()).collect::<BTreeSet<_>>().into_iter().collect()
    }
}

/// The most choices of categories a `max_categories` limit may ask the engine to try
/// (C(16, 8) = 12870 would be the worst case below 16 categories; Tianjin's 2 of 7 is 21).
pub const MAX_CATEGORY_CHOICES: u64 = 5000;

/// C(n, k), saturating.
/// Whether months `a` to `b` are written in `q` (normalized): "3月份" (3 to 3), "第四季度"
/// (10 to 12), "上半年" (1 to 6), "下半年" (7 to 12).
fn months_written(q: &str, a: u32, b: u32) -> bool {
    let quarter = (a % 3 == 1 && b == a + 2).then(|| ["一", "二", "三", "四"][(a / 3) as usize]);
    (a == b && (1..=12).contains(&a) && q.contains(&format!("{a}月")))
        || quarter.is_some_and(|n| q.contains(&format!("第{n}季度")))
        || ((a, b) == (1, 6) && q.contains("上半年"))
        || ((a, b) == (7, 12) && q.contains("下半年"))
}

pub fn choose(n: usize, k: usize) -> u64 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k) as u64;
    (0..k).fold(1u64, |c, i| c.saturating_mul(n as u64 - i) / (i + 1))
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
    for pid in &bundle.national.policies {
        match bundle.policies.iter().find(|p| &p.id == pid) {
            Some(p) if p.region == NATIONAL => {
                if !(p.rule.is_empty() && p.condition.is_empty() && p.limit.is_empty() && p.gap.is_empty() && p.notice.is_empty() && p.benefit.is_empty()) {
                    c.err(pid, "a text of national scope holds eligibility conditions only (the estimate does not read it)");
                }
            }
            Some(p) => c.err("regions", format!("policy `{pid}` says region `{}`, listed under [national]", p.region)),
            None => c.err("regions", format!("[national] lists unknown policy `{pid}`")),
        }
    }
    for r in &bundle.regions {
        if r.id == NATIONAL || !region_ids.insert(&r.id) {
            c.err("regions", format!("duplicate or reserved region id `{}`", r.id));
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
        if !bundle.regions.iter().any(|r| r.policies.contains(&p.id)) && !bundle.national.policies.contains(&p.id) {
            c.err(&p.id, format!("region `{}` is neither a region of regions.toml nor `{NATIONAL}`", p.region));
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
        if let Some(s) = &p.scope {
            c.check_quote(&format!("{}/scope", p.id), &text, &s.quote);
        }
        if let Some(s) = &p.supersedes {
            let at = format!("{}/supersedes", p.id);
            c.check_quote(&at, &text, &s.quote);
            if Date::parse(&s.from).is_none() {
                c.err(&at, "`from` is not a YYYY-MM-DD date");
            }
            match bundle.policies.iter().find(|q| q.id == s.policy) {
                None => c.err(&at, format!("replaces unknown policy `{}`", s.policy)),
                Some(q) if q.id == p.id || q.region != p.region => c.err(&at, format!("replaces `{}`, which is not another text of region `{}`", s.policy, p.region)),
                Some(q) if q.supersedes.as_ref().is_some_and(|x| x.policy == p.id) => c.err(&at, format!("`{}` and `{}` replace each other", p.id, q.id)),
                Some(_) => {}
            }
            if bundle.policies.iter().filter(|q| q.supersedes.as_ref().is_some_and(|x| x.policy == s.policy)).count() > 1 {
                c.err(&at, format!("`{}` is replaced by more than one text", s.policy));
            }
        }
        let mut ids = BTreeSet::new();
        for w in &p.window {
            if !ids.insert(&w.id) {
                c.err(&p.id, format!("duplicate window id `{}`", w.id));
            }
            c.check_window(p, &text, w);
        }
        for d in &p.deadline {
            if !ids.insert(&d.id) {
                c.err(&p.id, format!("duplicate deadline id `{}`", d.id));
            }
            c.check_deadline(p, &text, d);
        }
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
        let mut ids = BTreeSet::new();
        for e in &p.eligibility {
            if !ids.insert(&e.id) {
                c.err(&p.id, format!("duplicate eligibility id `{}`", e.id));
            }
            c.check_eligibility(p, &text, e);
        }
        c.check_checklist(p, &text);
    }
    let mut names = BTreeSet::new();
    for f in &bundle.facts {
        for name in std::iter::once(&f.id).chain(&f.years_alias) {
            if !names.insert(name.as_str()) {
                c.err("facts", format!("duplicate fact name `{name}`"));
            }
        }
        if f.years_alias.is_some() && f.ty != FactType::Months {
            c.err("facts", format!("`{}`: only a months fact has a `years_alias`", f.id));
        }
        let used = bundle.policies.iter().flat_map(|p| &p.eligibility).any(|e| e.fact == f.id || e.relaxed.as_ref().is_some_and(|r| r.fact == f.id));
        if !used {
            c.err("facts", format!("fact `{}` is tested by no eligibility condition", f.id));
        }
    }
    let mut register_ids = BTreeSet::new();
    for r in &bundle.registers {
        if !register_ids.insert(&r.id) {
            c.err("registers", format!("duplicate register `{}`", r.id));
        }
        match source(&r.source) {
            Some(raw) => c.check_register(r, &raw),
            None => c.err(&format!("register {}", r.id), format!("source `{}` not found", r.source)),
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
    fn reads_durations_in_months() {
        assert_eq!(durations_in("并已实施2年以上（含2年）"), vec![24, 24]);
        assert_eq!(durations_in("应已实施一年以上，三年内不得"), vec![12, 36]);
        assert_eq!(durations_in("实施12个月以上(可缩短为6个月以上)"), vec![12, 6]);
        assert_eq!(durations_in("有效期一般为1至3年"), vec![36]);
        assert_eq!(durations_in("十二个月、两年"), vec![12, 24]);
        assert_eq!(durations_in("第 30 日，6月"), Vec::<i64>::new());
    }

    #[test]
    fn reads_months_as_written() {
        assert!(months_written("每年的第四季度受理", 10, 12));
        assert!(!months_written("每年的第四季度受理", 7, 9));
        assert!(months_written("每年3月份启动", 3, 3));
        assert!(!months_written("每年3月份启动", 4, 4));
        assert!(months_written("于每年上半年发布", 1, 6));
        assert!(!months_written("于每年上半年发布", 1, 3));
    }

    #[test]
    fn reads_percents() {
        assert_eq!(percents_in("分别按照主导制定资助额的 50%、30%给予资助"), vec![d("50"), d("30")]);
        assert_eq!(percents_in("按 40 ％"), vec![d("40")]);
    }
}
