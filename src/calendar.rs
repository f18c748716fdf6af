//! The deadlines of an estimate as an iCalendar file (RFC 5545), for `lingpao estimate
//! --ics`. Native only: the page and the npm package write the same bytes in JS
//! (`pkg/calendar.js`, held to this by tests/js/calendar.test.mjs), so the estimator's
//! wasm module carries none of it.
//!
//! One all-day VEVENT per distinct deadline day of a policy (the lines sharing it listed
//! in its description): a dated deadline on its day, months each year from their first
//! day to their last, `RRULE:FREQ=YEARLY` where the text sets it each year. Deadlines
//! without a day (a notice sets the time, all year) are not events. UID: policy,
//! deadline and day, so a new export of the same deadline replaces the old in a calendar.
//! DTSTAMP: the estimate's `as_of` at 00:00 UTC, so that the same estimate gives the
//! same bytes. CRLF line ends, lines folded at 75 octets on character boundaries.

use crate::date::Date;
use crate::model::result::{EstimateResult, LineDeadline};
use crate::policy::schema::DeadlineShape;

/// TEXT value escaping (RFC 5545 3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so that no line is over 75 octets (3.1), then CRLF.
fn line(out: &mut String, text: &str) {
    let mut width = 0;
    for c in text.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// `YYYYMMDD`, as DATE values are written.
fn compact(date: Date) -> String {
    date.to_string().replace('-', "")
}

/// The calendar of the result's dated deadlines.
pub fn ics(r: &EstimateResult) -> String {
    // Events in the order their deadlines first appear, each with its lines.
    let mut events: Vec<(&str, &LineDeadline, String, Vec<String>)> = Vec::new();
    for l in &r.lines {
        for d in &l.deadlines {
            let Some(start) = d.date.or(d.from) else { continue };
            let uid = format!("{}.{}.{}@lingpao", l.policy, d.id, compact(start));
            let item = format!("#{} {} · {} ({})", l.achievement + 1, l.kind, l.rule, l.clause);
            match events.iter_mut().find(|e| e.2 == uid) {
                Some(e) => e.3.push(item),
                None => events.push((l.policy, d, uid, vec![item])),
            }
        }
    }
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, &format!("PRODID:-//lingpao//deadlines {}//ZH", r.data_version));
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(&format!("lingpao {} {}", r.region_name.zh, r.as_of))));
    for (policy, d, uid, items) in &events {
        let title = r.policies.iter().find(|p| p.id == *policy).map_or(*policy, |p| p.title);
        // An all-day DTEND is the day after the last.
        let (start, end) = match (d.date, d.from, d.to) {
            (Some(day), _, _) => (compact(day), compact(day.next())),
            (None, Some(from), Some(to)) => (compact(from), compact(to.next())),
            _ => continue,
        };
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{uid}"));
        line(&mut out, &format!("DTSTAMP:{}T000000Z", r.as_of.replace('-', "")));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{start}"));
        line(&mut out, &format!("DTEND;VALUE=DATE:{end}"));
        if matches!(d.shape, DeadlineShape::YearlyDay | DeadlineShape::YearlyMonths) {
            line(&mut out, "RRULE:FREQ=YEARLY");
        }
        line(&mut out, &format!("SUMMARY:{}", escape(&format!("{title} — {}", d.text))));
        line(&mut out, &format!("DESCRIPTION:{}", escape(&format!("{}: “{}”\n{}", d.clause, d.quote, items.join("\n")))));
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds_on_character_boundaries() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "标".repeat(40)));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("SUMMARY:{}\r\n", "标".repeat(40)), "unfolding gives the line back");
    }
}
