//! Issue 16: the deadlines of an estimate as an iCalendar file, read back by a real
//! parser (the `icalendar` crate): every case of `policies/cases/` that has deadlines,
//! through the library and the CLI's `estimate --ics`.

mod common;

use common::*;
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use lingpao::date::Date;
use std::io::Write;
use std::process::{Command, Stdio};

/// An all-day value as `YYYY-MM-DD` (a DATE-TIME is not one).
fn day(v: Option<DatePerhapsTime>) -> Option<String> {
    match v {
        Some(DatePerhapsTime::Date(d)) => Some(d.to_string()),
        _ => None,
    }
}

fn today() -> Date {
    Date::parse(TODAY).unwrap()
}

/// The lines of the file: each ends in CRLF, none is over 75 octets (RFC 5545 3.1).
fn check_lines(ics: &str) {
    assert!(ics.ends_with("\r\n"), "the last line ends in CRLF");
    for l in ics.split_terminator("\r\n") {
        assert!(!l.contains('\n') && !l.contains('\r'), "a bare line break: {l:?}");
        assert!(l.len() <= 75, "{} octets: {l}", l.len());
    }
}

/// Every `,` `;` `\\` and line break in a TEXT value (SUMMARY, DESCRIPTION, the name) is
/// escaped (RFC 5545 3.3.11): the parser reads unescaped commas too, so this is checked
/// on the unfolded lines.
fn check_escaped(ics: &str) {
    for l in ics.replace("\r\n ", "").split_terminator("\r\n") {
        let Some(value) = ["SUMMARY:", "DESCRIPTION:", "X-WR-CALNAME:"].iter().find_map(|p| l.strip_prefix(p)) else { continue };
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => assert!(matches!(chars.next(), Some('\\' | ';' | ',' | 'n')), "a bad escape in {l}"),
                ',' | ';' => panic!("an unescaped {c:?} in {l}"),
                _ => {}
            }
        }
    }
}

/// Every dated deadline of every line is an event of the calendar, on its days, yearly
/// where it recurs, with the text and quote of its clause; and nothing else is.
fn check_events(r: &lingpao::model::result::EstimateResult, ics: &str) -> usize {
    check_lines(ics);
    check_escaped(ics);
    let cal: Calendar = ics.parse().unwrap_or_else(|e| panic!("{e}\n{ics}"));
    let events: Vec<&icalendar::Event> = cal.components.iter().filter_map(|c| if let CalendarComponent::Event(e) = c { Some(e) } else { None }).collect();
    let mut uids = std::collections::BTreeSet::new();
    for l in &r.lines {
        for d in &l.deadlines {
            let Some(start) = d.date.or(d.from).map(|x| x.to_string()) else { continue };
            let uid = format!("{}.{}.{}@lingpao", l.policy, d.id, start.replace('-', ""));
            let e = events.iter().find(|e| e.get_uid() == Some(uid.as_str())).unwrap_or_else(|| panic!("no event {uid}\n{ics}"));
            uids.insert(uid.clone());
            let last = d.date.or(d.to).unwrap();
            assert_eq!(day(e.get_start()), Some(start), "{uid}");
            let after = last.next().to_string();
            assert_eq!(day(e.get_end()), Some(after), "{uid}: DTEND is the day after");
            let yearly = matches!(d.shape, lingpao::policy::schema::DeadlineShape::YearlyDay | lingpao::policy::schema::DeadlineShape::YearlyMonths);
            assert_eq!(e.property_value("RRULE"), yearly.then_some("FREQ=YEARLY"), "{uid}");
            assert_eq!(e.get_timestamp().map(|t| t.date_naive().to_string()), Some(r.as_of.clone()), "{uid}: DTSTAMP");
            let title = r.policies.iter().find(|p| p.id == l.policy).unwrap().title;
            assert_eq!(e.get_summary(), Some(format!("{title} — {}", d.text).as_str()), "{uid}: the summary unescapes to the text");
            let desc = e.get_description().unwrap();
            assert!(desc.contains(d.quote) && desc.contains(&format!("#{} ", l.achievement + 1)), "{uid}: {desc}");
        }
    }
    assert_eq!(events.len(), uids.len(), "one event per deadline day, nothing else");
    events.len()
}

#[test]
fn every_case_with_deadlines_reads_back() {
    let (mut cases, mut events) = (0, 0);
    for (file, cf) in case_files() {
        for c in cf.cases.iter().filter(|c| !c.deadlines.is_empty()) {
            let r = lingpao::api::estimate(&req(&to_json(&c.request)), today()).unwrap_or_else(|e| panic!("{file} — {}: {e}", c.name));
            events += check_events(&r, &lingpao::calendar::ics(&r));
            cases += 1;
        }
    }
    assert!(cases >= 10 && events >= 10, "{cases} cases, {events} events");
    eprintln!("{cases} cases, {events} events read back");
}

#[test]
fn both_languages_and_text_that_needs_escaping() {
    for lang in ["zh", "en"] {
        // Tianjin's English text holds commas and a semicolon; Liaocheng's quote Chinese only.
        for (region, as_of, item) in [
            ("tianjin", "2022-06-30", r#"{"kind":"leader","level":"national","date":"2021-05-01"}"#),
            ("liaocheng", "2022-06-30", r#"{"kind":"leader","level":"national"}"#),
            ("weihai", "2023-03-15", r#"{"kind":"leader","level":"national"}"#),
        ] {
            let text = format!(r#"{{"region":"{region}","as_of":"{as_of}","lang":"{lang}","achievements":[{item}]}}"#);
            let r = lingpao::api::estimate(&lingpao::api::parse_json(&text).unwrap(), today()).unwrap();
            assert_eq!(check_events(&r, &lingpao::calendar::ics(&r)), 1, "{region} {lang}");
        }
    }
}

#[test]
fn a_result_without_dated_deadlines_is_an_empty_calendar() {
    for text in [
        r#"{"region":"zhengzhou","as_of":"2021-06-30","achievements":[{"kind":"innovation_award","grade":"first"}]}"#,
        r#"{"region":"foshan","as_of":"2021-06-30","achievements":[{"kind":"standardization_project","type":"system"}]}"#,
        r#"{"region":"tianjin","as_of":"2022-06-30","achievements":[]}"#,
    ] {
        let r = lingpao::api::estimate(&lingpao::api::parse_json(text).unwrap(), today()).unwrap();
        let ics = lingpao::calendar::ics(&r);
        assert_eq!(check_events(&r, &ics), 0, "{text}");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    }
}

#[test]
fn the_cli_writes_the_same_bytes() {
    let text = r#"{"region":"zaozhuang","as_of":"2020-10-15","lang":"en","achievements":[
      {"kind":"standard","level":"national","action":"formulate","role":"lead","date":"2019-10-15"},
      {"kind":"standard","level":"national","action":"formulate","role":"lead"}]}"#;
    let mut child = Command::new(env!("CARGO_BIN_EXE_lingpao")).args(["estimate", "--ics"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let r = lingpao::api::estimate(&lingpao::api::parse_json(text).unwrap(), today()).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), lingpao::calendar::ics(&r));
    assert_eq!(check_events(&r, &lingpao::calendar::ics(&r)), 2, "one year after the recognition, and the fourth quarter");
}
