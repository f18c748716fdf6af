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

/// Where the item's date stands in a window, and the window's days.
fn check(p: &PolicyDef, w: &WindowDef, date: Option<Date>, as_of: Date) -> (WindowStatus, (Date, Date)) {
    let (from, to) = range(p, w, as_of);
    let status = match date {
        None => WindowStatus::Assumed,
        Some(d) if d < from || d > to => WindowStatus::Out,
        Some(_) => WindowStatus::In,
    };
    (status, (from, to))
}

/// The first window of the rule that the item's date falls outside, with its range.
pub fn outside<'p>(p: &'p PolicyDef, rule: &RuleDef, a: &Achievement, as_of: Date) -> Option<(&'p WindowDef, Date, (Date, Date))> {
    let date = a.date()?;
    p.window.iter().filter(|w| picks(&w.select, a, rule)).find_map(|w| match check(p, w, Some(date), as_of) {
        (WindowStatus::Out, days) => Some((w, date, days)),
        _ => None,
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
            let (status, (from, to)) = check(p, w, a.date(), as_of);
            LineWindow { id: &w.id, status, from, to, text: pick(lang, &w.text), clause: &w.clause, quote: &w.quote, note: w.note.as_ref().map(|n| pick(lang, n)) }
        })
        .collect()
}

/// The note of a line whose item has no date but whose text sets a window.
pub fn assumed_note(lang: Lang) -> &'static str {
    crate::tr!(lang, "未填写日期：按在期限内计，请核对日期是否在期限内。", "No date given: assumed within the window; check that the date falls in it.")
}

/// The deadlines and call periods of the line's rule, dated where the text makes them a
/// date: the next yearly day or months from `as_of`, `years` after the item's date.
pub fn deadlines<'p>(p: &'p PolicyDef, rule: &RuleDef, a: &Achievement, as_of: Date, lang: Lang) -> Vec<LineDeadline<'p>> {
    p.deadline.iter().filter(|d| picks(&d.select, a, rule)).map(|d| deadline(d, a.date(), as_of, lang)).collect()
}

fn deadline<'p>(d: &'p DeadlineDef, date: Option<Date>, as_of: Date, lang: Lang) -> LineDeadline<'p> {
    // The next days (on or after `as_of`) from month m1 day d1 to month m2 day d2 of a
    // year, a day past a month's end read as its last (month_end).
    let yearly = |m1: Option<u32>, d1: u32, m2: Option<u32>, d2: u32| {
        let at = |year, m: Option<u32>, d: u32| {
            let end = Date::month_end(year, m.unwrap_or(1));
            Date { day: d.min(end.day), ..end }
        };
        let year = as_of.year + i32::from(at(as_of.year, m2, d2) < as_of);
        (at(year, m1, d1), at(year, m2, d2))
    };
    let (on, span) = match d.shape {
        DeadlineShape::YearlyDay => (Some(yearly(d.month, d.day.unwrap_or(1), d.month, d.day.unwrap_or(1)).1), None),
        DeadlineShape::YearlyMonths => (None, Some(yearly(d.from_month, 1, d.to_month, 31))),
        DeadlineShape::AfterDate => (date.map(|x| x.add_years(d.years.unwrap_or(1) as i32)), None),
        DeadlineShape::Announced | DeadlineShape::YearRound => (None, None),
    };
    LineDeadline {
        id: &d.id,
        shape: d.shape,
        date: on,
        from: span.map(|s| s.0),
        to: span.map(|s| s.1),
        text: pick(lang, &d.text),
        clause: &d.clause,
        quote: &d.quote,
    }
}

/// Where a time limit after the item (Zaozhuang: 1 year) ends before the next period
/// applications are taken (the fourth quarter): by then it will have passed. Said on the
/// line, since the text sets both and the item cannot meet them as things stand.
pub fn too_late(deadlines: &[LineDeadline], lang: Lang) -> Option<String> {
    let by = deadlines.iter().find(|d| d.shape == DeadlineShape::AfterDate)?.date?;
    let (from, to) = deadlines.iter().find_map(|d| d.from.zip(d.to))?;
    (by < from).then(|| {
        crate::tr!(
            lang,
            format!("申请期限 {by} 早于下一受理期（{from} 至 {to}）：届时已超过期限，请向主管部门确认能否申报。"),
            format!("The time limit ({by}) ends before the next period applications are taken ({from} to {to}): by then it will have passed; ask the authority whether it can still be applied for.")
        )
    })
}

/// Said of a text that sets no deadline or call period.
pub fn no_deadline(lang: Lang) -> &'static str {
    crate::tr!(lang, "本文件未规定申请期限或受理时间。", "This text sets no application deadline or call period.")
}
