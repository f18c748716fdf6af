//! The contract's types: the request as parsed and checked, the result, the errors.

pub mod advice;
pub mod error;
pub mod facts;
pub mod json;
pub mod reform;
pub mod request;
pub mod result;
pub mod sme;

pub use error::{shown, shown_zh, InputError};
pub use json::Json;
pub use reform::Reform;
pub use request::{Achievement, FieldValue, Lang, Request};

use rust_decimal::Decimal;

/// Yuan as the contract writes them: exact, no trailing zeros ("75000", "2.5").
/// Written digit by digit: this runs several times per line, and `Decimal`'s own
/// `Display` goes through the general formatter.
pub fn yuan(d: Decimal) -> String {
    let mut s = String::new();
    push_yuan(&mut s, d);
    s
}

/// A plain amount (as [`yuan`] writes it) in an English sentence, its thousands grouped
/// as the page groups them: "1,600,000".
#[inline(never)]
pub fn thousands(plain: &str) -> String {
    let whole = plain.find('.').unwrap_or(plain.len());
    let first = usize::from(plain.starts_with('-'));
    let mut out = String::with_capacity(plain.len() + 6);
    for (i, &b) in plain.as_bytes().iter().enumerate() {
        if i > first && i < whole && (whole - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(char::from(b)); // a plain amount is ASCII
    }
    out
}

/// [`yuan`] written at the end of `out` (the batch writes its lines without a copy).
pub fn push_yuan(out: &mut String, d: Decimal) {
    let d = d.normalize();
    let (m, scale) = (d.mantissa().unsigned_abs(), d.scale() as usize);
    // u64 arithmetic where the mantissa fits (always, for real amounts): u128 division is slow.
    let mut m = match u64::try_from(m) {
        Ok(small) => small as u128,
        Err(_) => return out.push_str(&d.to_string()),
    };
    let mut small = m as u64;
    let mut buf = [0u8; 64];
    let mut i = buf.len();
    let mut written = 0;
    while m > 0 || written <= scale {
        if written == scale && scale > 0 {
            i -= 1;
            buf[i] = b'.';
        }
        i -= 1;
        buf[i] = b'0' + (small % 10) as u8;
        small /= 10;
        m = small as u128;
        written += 1;
    }
    if d.is_sign_negative() && !d.is_zero() {
        i -= 1;
        buf[i] = b'-';
    }
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// A plain decimal ("120000", "9500.50", "-3.25"): digits with at most one point, no
/// exponent. Read by hand: `str::parse::<Decimal>` brings rust_decimal's generic parser
/// and `from_scientific_lossy` (about 10 KB of wasm).
pub fn plain_decimal(s: &str) -> Option<Decimal> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty() || int.len() + frac.len() > 28 {
        return None;
    }
    let mut m: i128 = 0;
    for b in int.bytes().chain(frac.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        m = m * 10 + i128::from(b - b'0');
    }
    Decimal::try_from_i128_with_scale(if neg { -m } else { m }, frac.len() as u32).ok()
}

/// A phrase in the request's language.
pub fn say(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// A data phrase in the request's language, borrowed (English falls back to Chinese
/// where a text has no translation).
pub fn pick(lang: Lang, t: &crate::policy::schema::Text) -> &str {
    match lang {
        Lang::En if !t.en.is_empty() => &t.en,
        _ => &t.zh,
    }
}

/// A computed phrase in the request's language: only the chosen language's `format!`
/// runs (unlike [`say`], which takes both strings ready-made).
#[macro_export]
macro_rules! tr {
    ($lang:expr, $zh:expr, $en:expr) => {
        match $lang {
            $crate::model::Lang::Zh => $zh,
            $crate::model::Lang::En => $en,
        }
    };
}

#[cfg(test)]
mod tests {
    use super::{plain_decimal, thousands, yuan};
    use rust_decimal::Decimal;

    #[test]
    fn money_in_english_is_grouped_by_thousands() {
        for (d, want) in [("0", "0"), ("999", "999"), ("1000", "1,000"), ("1600000", "1,600,000"), ("9500.50", "9,500.5"), ("-1234567", "-1,234,567"), ("100000.25", "100,000.25")] {
            assert_eq!(thousands(&yuan(d.parse().unwrap())), want);
        }
    }

    #[test]
    fn plain_decimals_read_as_rust_decimal_reads_them() {
        for s in ["0", "1", "75000", "75000.00", "2.5", "0.05", ".5", "5.", "-3.25", "1000000000000", "9500.50", "0000012", "7922816251426433759354395033"] {
            assert_eq!(plain_decimal(s), Some(s.parse::<Decimal>().unwrap()), "{s}");
        }
        for s in ["", ".", "-", "1e3", "1.2.3", "12a", "+1", " 1", "1_000", "99999999999999999999999999999"] {
            assert_eq!(plain_decimal(s), None, "{s}");
        }
    }

    #[test]
    fn yuan_matches_decimal_display() {
        for s in ["0", "1", "75000", "75000.00", "2.5", "0.05", "1000000000000", "9500.50", "-3.25", "0.00", "123456789.01"] {
            let d: Decimal = s.parse().unwrap();
            assert_eq!(yuan(d), d.normalize().to_string(), "{s}");
        }
    }
}
