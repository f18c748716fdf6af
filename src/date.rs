//! Calendar dates (`YYYY-MM-DD`), just what validity, windows and deadlines need.
//! Standalone: also compiled by build.rs.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses exactly `YYYY-MM-DD`, rejecting days that do not exist (2023-02-29).
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let (year, month, day) = (num(0..4)? as i32, num(5..7)?, num(8..10)?);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The day `n` years later, by 民法典 第二百零二条: the same day of the month,
    /// or the month's last day where it has no such day (02-29 → 02-28).
    pub fn add_years(self, n: i32) -> Date {
        let year = self.year + n;
        Date { year, month: self.month, day: self.day.min(days_in_month(year, self.month)) }
    }

    /// The next day.
    pub fn next(self) -> Date {
        match (self.day < days_in_month(self.year, self.month), self.month) {
            (true, _) => Date { day: self.day + 1, ..self },
            (false, 12) => Date { year: self.year + 1, month: 1, day: 1 },
            (false, m) => Date { month: m + 1, day: 1, ..self },
        }
    }

    /// The last day of a month.
    pub fn month_end(year: i32, month: u32) -> Date {
        Date { year, month, day: days_in_month(year, month) }
    }

    /// The civil date `days` days after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl Date {
    /// `YYYY-MM-DD` in a buffer, digit by digit (years 0 to 9999): lines write several
    /// dates each, and formatting with padding cost 1,300 instructions a date.
    fn digits(&self) -> Option<[u8; 10]> {
        let y = u32::try_from(self.year).ok().filter(|y| *y <= 9999)?;
        let mut b = *b"0000-00-00";
        let (m, d) = (self.month, self.day);
        for (i, v) in [(0, y / 1000), (1, y / 100 % 10), (2, y / 10 % 10), (3, y % 10), (5, m / 10 % 10), (6, m % 10), (8, d / 10 % 10), (9, d % 10)] {
            b[i] = b'0' + v as u8;
        }
        Some(b)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.digits() {
            Some(b) => f.write_str(std::str::from_utf8(&b).map_err(|_| fmt::Error)?),
            None => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

/// As its text, `YYYY-MM-DD`, written without allocating.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.digits() {
            Some(b) => s.serialize_str(std::str::from_utf8(&b).unwrap_or_default()),
            None => s.collect_str(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        for bad in ["2023-02-29", "2023-13-01", "2023-1-01", "20230101", "2023-01-00", "２０２３-01-01"] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn years_and_days() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(d("2026-05-10").add_years(1), d("2027-05-10"));
        assert_eq!(d("2024-02-29").add_years(1), d("2025-02-28"), "no 29th: the month's last day");
        assert_eq!(d("2024-02-29").add_years(4), d("2028-02-29"));
        assert_eq!(d("2025-12-31").next(), d("2026-01-01"));
        assert_eq!(d("2024-02-28").next(), d("2024-02-29"));
        assert_eq!(d("2023-02-28").next(), d("2023-03-01"));
        assert_eq!(Date::month_end(2023, 2), d("2023-02-28"));
        assert_eq!(Date { year: 987, month: 1, day: 9 }.to_string(), "0987-01-09");
        assert_eq!(Date { year: 12345, month: 11, day: 30 }.to_string(), "12345-11-30");
    }

    #[test]
    fn unix_days() {
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(19_723).to_string(), "2024-01-01");
        assert_eq!(Date::from_unix_days(20_785).to_string(), "2026-11-28");
    }
}
