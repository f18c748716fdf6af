//! Dates on achievements (issue 16): whether an item's date falls in the period its text
//! requires (`[[window]]`), and when to apply (`[[deadline]]`), from the policy data.
//! A window is a range of days worked out from the day of application (`as_of`); an
//! item without a date is assumed in it, and its line says so.

use super::pricing::selects;
use crate::date::Date;
use crate::model::result::{LineDeadline, LineWindow, WindowStatus};
use crate::model::{pick, Achievement, Lang};
use crate::policy::schema::{DeadlineDef, DeadlineShape, PolicyDef, RuleDef, Selector, WindowDef, WindowShape};

fn picks(select: &Option<Selector>, a: &Achievement, rule: &RuleDef) -> bool {
    select.as_ref().is_none_or(|s| selects(s, a, rule))
}

/// The days an item's date may fall on when applying on `as_of` (year Y).
pub fn range(p: &PolicyDef, w: &WindowDef, as_of: Date) -> (Date, Date) {
    let y = as_of.year;
    let n = w.years.unwrap_or(1) as i32;
    // The days the text writes (a retroactive start; its own first and last day).
    let (start, end) = match w.shape {
        WindowShape::Since => (w.from.as_deref(), None),
        _ => (Some(p.effective.as_deref().unwrap_or(&p.issued)), p.expires.as_deref()),
    };
    match w.shape {
        WindowShape::PreviousYear => (Date { year: y - 1, month: 1, day: 1 }, Date { year: y - 1, month: 12, day: 31 }),
        WindowShape::SameYear => (Date { year: y, month: 1, day: 1 }, as_of),
        // The earliest day from which `n` years (民法典 第二百零二条) still reach `as_of`.
        WindowShape::RecentYears | WindowShape::WithinAfter => {
            let from = as_of.add_years(-n);
            (if from.add_years(n) < as_of { from.next() } else { from }, as_of)
        }
        WindowShape::Since | WindowShape::InForce => (start.and_then(Date::parse).unwrap_or(as_of), end.and_then(Date::parse).map_or(as_of, |x| x.min(as_of))),
    }
}

/// The first window of the rule that the item's date falls outside, with its range.
pub fn outside<'p>(p: &'p PolicyDef, rule: &RuleDef, a: &Achievement, as_of: Date) -> Option<(&'p WindowDef, Date, (Date, Date))> {
    let date = a.date()?;
    p.window.iter().filter(|w| picks(&w.select, a, rule)).find_map(|w| {
        let (from, to) = range(p, w, as_of);
        (date < from || date > to).then_some((w, date, (from, to)))
    })
}

/// Why an item dated outside a window is not paid, in the user's words.
pub fn out_reason(lang: Lang, (w, date, (from, to)): (&WindowDef, Date, (Date, Date))) -> String {
    let text = pick(lang, &w.text);
    crate::tr!(
        lang,
        format!("日期 {date} 不在期限内：{text}（申请日按 {from} 至 {to}；{}：“{}”）", w.clause, w.quote),
        format!("Dated {date}, outside the window: {text} (for this application, {from} to {to}; {}: “{}”)", w.clause, w.quote)
    )
}

/// Each window of the line's rule, with whether its item is in it.
pub fn windows<'p>(p: &'p PolicyDef, rule: &RuleDef, a: &Achievement, as_of: Date, lang: Lang) -> Vec<LineWindow<'p>> {
    p.window
        .iter()
        .filter(|w| picks(&w.select, a, rule))
        .map(|w| {
            let (from, to) = range(p, w, as_of);
            let status = match a.date() {
                None => WindowStatus::Assumed,
                Some(d) if d < from || d > to => WindowStatus::Out,
                Some(_) => WindowStatus::In,
            };
            LineWindow { id: &w.id, status, from: from.to_string(), to: to.to_string(), text: pick(lang, &w.text), clause: &w.clause, quote: &w.quote, note: w.note.as_ref().map(|n| pick(lang, n)) }
        })
        .collect()
}

/// The note of a line whose item has no date but whose text sets a window.
pub fn assumed_note(lang: Lang) -> &'static str {
    crate::tr!(lang, "未填写日期：按在期限内计，请核对日期是否在期限内。", "No date given: assumed within the window; check that the date falls in it.")
}

/// The next occurrence, on or after `as_of`, of months `a` to `b` each year.
fn next_months(as_of: Date, a: u32, b: u32) -> (Date, Date) {
    let y = if Date::month_end(as_of.year, b) < as_of { as_of.year + 1 } else { as_of.year };
    (Date { year: y, month: a, day: 1 }, Date::month_end(y, b))
}

/// The deadlines and call periods of the line's rule, dated where the text makes them a
/// date: the next yearly day or months from `as_of`, `years` after the item's date.
pub fn deadlines<'p>(p: &'p PolicyDef, rule: &RuleDef, a: &Achievement, as_of: Date, lang: Lang) -> Vec<LineDeadline<'p>> {
    p.deadline.iter().filter(|d| picks(&d.select, a, rule)).map(|d| deadline(d, a.date(), as_of, lang)).collect()
}

fn deadline<'p>(d: &'p DeadlineDef, date: Option<Date>, as_of: Date, lang: Lang) -> LineDeadline<'p> {
    let (mut on, mut span) = (None, None);
    match (d.shape, d.month, d.day, d.from_month, d.to_month) {
        (DeadlineShape::YearlyDay, Some(m), Some(day), _, _) => {
            let at = |year| Date { year, month: m, day: day.min(Date::month_end(year, m).day) };
            on = Some(if at(as_of.year) < as_of { at(as_of.year + 1) } else { at(as_of.year) });
        }
        (DeadlineShape::YearlyMonths, _, _, Some(a), Some(b)) => span = Some(next_months(as_of, a, b)),
        (DeadlineShape::AfterDate, ..) => on = date.map(|x| x.add_years(d.years.unwrap_or(1) as i32)),
        _ => {}
    }
    LineDeadline {
        id: &d.id,
        shape: d.shape,
        date: on.map(|x| x.to_string()),
        from: span.map(|s| s.0.to_string()),
        to: span.map(|s| s.1.to_string()),
        text: pick(lang, &d.text),
        clause: &d.clause,
        quote: &d.quote,
    }
}

/// Said of a text that sets no deadline or call period.
pub fn no_deadline(lang: Lang) -> &'static str {
    crate::tr!(lang, "本文件未规定申请期限或受理时间。", "This text sets no application deadline or call period.")
}
