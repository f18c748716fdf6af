//! The SME self-assessment request, `{ "facts": {...}, "lang" }`: each fact checked
//! against the scheme's inputs (its type and range, a part not above its whole), so a
//! mistake names its field and what is allowed. Every fact may be left out.

use super::error::{should_be, shown, shown_zh, InputError};
use super::json::Json;
use super::request::{self, Lang};
use crate::policy::tiers::{Formula, InputDef, InputType, SmeScheme};
use super::pick;

/// The largest money figure (yuan), as in the estimate's requests.
pub const MAX_YUAN: i128 = 1_000_000_000_000;
const MAX_COUNT: i128 = 1_000_000;
const MAX_YEARS: i128 = 100;

/// A fact as given. Numbers are exact, in hundredths (cents, hundredths of a percent,
/// a count times 100): every input has at most two decimals, so sums and products stay
/// exact integers (far inside i128 for the largest inputs allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'s> {
    Num(i128),
    Bool(bool),
    Choice(&'s str),
}

#[derive(Debug, Clone)]
pub struct SmeRequest<'s> {
    pub lang: Lang,
    /// By the scheme's input order; `None` when left out (or null).
    pub facts: Vec<Option<Value<'s>>>,
}

/// Hundredths of a plain decimal with at most two decimals.
fn hundredths(s: &str) -> Option<i128> {
    let (neg, digits) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() || frac.len() > 2 || int.len() > 20 || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Digits only (checked above), at most 22 of them: no overflow in i128.
    let v = int.bytes().chain(frac.bytes()).chain(b"00".iter().copied().take(2 - frac.len())).fold(0i128, |v, b| v * 10 + i128::from(b - b'0'));
    Some(if neg { -v } else { v })
}

/// An input's range in hundredths.
fn range(def: &InputDef) -> (i128, i128) {
    match def.ty {
        InputType::Yuan => (0, MAX_YUAN * 100),
        InputType::SignedYuan => (-MAX_YUAN * 100, MAX_YUAN * 100),
        InputType::Percent => (0, 100 * 100),
        InputType::Count => (0, MAX_COUNT * 100),
        InputType::Years => (0, MAX_YEARS * 100),
        InputType::Points => (0, i128::from(def.max.unwrap_or(0)) * 100),
        InputType::Bool | InputType::Choice => (0, 0),
    }
}

/// What an input accepts, in words (made only for an error).
fn accepts(def: &InputDef) -> (String, String) {
    match def.ty {
        InputType::Yuan => (format!("yuan as a decimal string such as \"12000000\" or \"9500.50\", from 0 to {MAX_YUAN}"), format!("以元计的十进制字符串，0 到 {MAX_YUAN}，至多两位小数")),
        InputType::SignedYuan => (format!("yuan as a decimal string, negative for a loss, from -{MAX_YUAN} to {MAX_YUAN}"), format!("以元计的十进制字符串（亏损为负），-{MAX_YUAN} 到 {MAX_YUAN}")),
        InputType::Percent => ("a percentage from 0 to 100 with at most two decimals, such as \"62.5\"".into(), "0 到 100 的百分数，至多两位小数，如 \"62.5\"".into()),
        InputType::Count => (format!("a whole number from 0 to {MAX_COUNT}"), format!("0 到 {MAX_COUNT} 的整数")),
        InputType::Years => (format!("whole years from 0 to {MAX_YEARS}"), format!("0 到 {MAX_YEARS} 的整年数")),
        InputType::Points => {
            let max = def.max.unwrap_or(0);
            (format!("whole points from 0 to {max}"), format!("0 到 {max} 的整数分"))
        }
        InputType::Bool => ("true or false".into(), "true 或 false".into()),
        InputType::Choice => ("one of the listed values".into(), "所列值之一".into()),
    }
}

fn value<'s>(def: &'s InputDef, v: &Json, name: &str) -> Result<Option<Value<'s>>, InputError> {
    let (lo, hi) = range(def);
    let bad = || {
        let (en, zh) = accepts(def);
        InputError::new(format!("facts.{}", shown(name)), format!("must be {en}; got {}", shown(&v.to_string())), should_be(&zh))
    };
    let whole = matches!(def.ty, InputType::Count | InputType::Years | InputType::Points);
    Ok(Some(match (def.ty, v) {
        (_, Json::Null) => return Ok(None),
        (InputType::Bool, Json::Bool(b)) => Value::Bool(*b),
        (InputType::Bool, _) => return Err(bad().allowed(vec!["true".into(), "false".into()])),
        (InputType::Choice, Json::String(s)) if def.choice.iter().any(|c| c.id == **s) => Value::Choice(def.choice.iter().find(|c| c.id == **s).map(|c| &c.id).ok_or_else(bad)?),
        (InputType::Choice, _) => return Err(bad().allowed(def.choice.iter().map(|c| c.id.to_string()).collect())),
        (_, Json::String(s) | Json::Number(s)) => {
            let n = hundredths(s.trim()).filter(|n| (lo..=hi).contains(n) && (!whole || n % 100 == 0)).ok_or_else(bad)?;
            Value::Num(n)
        }
        _ => return Err(bad()),
    }))
}

pub fn parse<'s>(v: &Json, s: &'s SmeScheme) -> Result<SmeRequest<'s>, InputError> {
    let obj = request::object(v, "request")?;
    request::no_unknown_keys(obj, "", &["facts", "lang"])?;
    let lang = request::lang(obj)?;
    let names = || s.input.iter().map(|i| i.id.to_string()).collect::<Vec<_>>();
    let given = match obj.get("facts") {
        None | Some(Json::Null) => None,
        Some(Json::Object(m)) => Some(m),
        Some(other) => return Err(request::wrong_type("facts", "an object of facts", "事实对象", other).allowed(names())),
    };
    let mut facts = vec![None; s.input.len()];
    let mut next = 0;
    for (name, v) in given.into_iter().flat_map(|m| m.iter()) {
        // Facts mostly come in the scheme's order (forms are built from it): tried first.
        let at = s.input.get(next).filter(|d| d.id == name).map(|_| next);
        let Some(i) = at.or_else(|| s.input.iter().position(|d| d.id == name)) else {
            return Err(InputError::new(format!("facts.{}", shown(name)), format!("unknown fact `{}`", shown(name)), format!("未知事实“{}”", shown_zh(name))).allowed(names()));
        };
        facts[i] = value(&s.input[i], v, name)?;
        next = i + 1;
    }
    // A part above its whole is a typing mistake, not a company.
    for (i, def) in s.input.iter().enumerate() {
        let Some(w) = def.part_of.as_ref().and_then(|w| s.input.iter().position(|d| d.id == *w)) else { continue };
        if let (Some(Value::Num(part)), Some(Value::Num(whole))) = (facts[i], facts[w]) {
            if part > whole {
                let wid = &s.input[w].id;
                return Err(InputError::new(
                    format!("facts.{}", def.id),
                    format!("is more than `{wid}` ({}), the whole it is part of ({} > {})", s.input[w].name.en, show(part), show(whole)),
                    format!("大于其所属总数“{}”（{wid}，{} > {}）", s.input[w].name.zh, show(part), show(whole)),
                )
                .allowed(vec![format!("0 to {}", show(whole))]));
            }
        }
    }
    // A figure divides by this fact: 0 would leave its verdicts waiting on nothing.
    for m in &s.measure {
        let divisors = match m.formula {
            Formula::Ratio | Formula::Growth => m.of.get(1..2),
            Formula::GrowthAvg => m.of.get(1..3),
            Formula::Mean => None,
        };
        for d in divisors.unwrap_or_default() {
            let Some(i) = s.input.iter().position(|x| x.id == *d) else { continue };
            if facts[i] == Some(Value::Num(0)) {
                return Err(InputError::new(
                    format!("facts.{d}"),
                    format!("must be above 0: `{}` is computed by dividing by it (leave it out if unknown)", m.id),
                    format!("应大于 0：“{}”要除以它计算（不知道可不填）", pick(Lang::Zh, &m.name)),
                )
                .allowed(vec!["above 0".into()]));
            }
        }
    }
    Ok(SmeRequest { lang, facts })
}

/// Hundredths as a plain decimal ("1250000", "2.5", "-3.25").
pub fn show(h: i128) -> String {
    let mut out = String::new();
    push_shown(&mut out, h);
    out
}

/// [`show`] onto `out`, digit by digit (it runs for every figure of a result).
pub fn push_shown(out: &mut String, h: i128) {
    if h < 0 {
        out.push('-');
    }
    let a = h.unsigned_abs();
    let mut digits = [0u8; 40];
    let mut i = digits.len();
    // In u64 when it fits (every figure a company gives): i128 division is a library call.
    let (mut wide, mut n) = match u64::try_from(a / 100) {
        Ok(n) => (0, n),
        Err(_) => (a / 100, 0),
    };
    while wide > 0 {
        i -= 1;
        digits[i] = b'0' + (wide % 10) as u8;
        wide /= 10;
    }
    if i == digits.len() || n > 0 {
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
    }
    out.push_str(std::str::from_utf8(&digits[i..]).unwrap_or_default());
    let f = (a % 100) as u8;
    if f != 0 {
        out.push('.');
        out.push((b'0' + f / 10) as char);
        if !f.is_multiple_of(10) {
            out.push((b'0' + f % 10) as char);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{hundredths, show};

    #[test]
    fn hundredths_round_trip_through_show() {
        for (text, h, shown) in [("0", 0, "0"), ("5", 500, "5"), ("2.5", 250, "2.5"), ("2.05", 205, "2.05"), ("-3.25", -325, "-3.25"), ("-0.01", -1, "-0.01"), ("1000000000000", 100_000_000_000_000, "1000000000000"), ("7.10", 710, "7.1")] {
            assert_eq!(hundredths(text), Some(h), "{text}");
            assert_eq!(show(h), shown, "{text}");
        }
        for bad in ["", ".", "1.234", "1e3", "+1", "1,000", "--1", "0x10"] {
            assert_eq!(hundredths(bad), None, "{bad}");
        }
    }
}
