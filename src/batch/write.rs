//! A unit's JSON line written by hand into a buffer its thread reuses: the text
//! serde_json writes for [`super::Line`], byte for byte (`tests/batch.rs` holds the two
//! together), without a `String` per line or serde's formatter. Only the totals'
//! shape: an error or a full estimate goes through serde_json.

use super::{line, Answer};
use crate::model::push_yuan;
use rust_decimal::Decimal;

/// Appends unit `n`'s line, with its end.
pub fn json_line(out: &mut String, n: u64, answer: &Answer) {
    let Ok((t, None)) = answer else {
        match serde_json::to_string(&line(n, answer)) {
            Ok(s) => out.push_str(&s),
            Err(e) => out.push_str(&format!("{{\"line\":{n},\"error\":{{\"field\":\"output\",\"message\":\"{e}\"}}}}")),
        }
        out.push('\n');
        return;
    };
    out.push_str("{\"line\":");
    push_yuan(out, Decimal::from(n)); // a whole number's digits
    out.push_str(",\"region\":");
    string(out, t.region);
    out.push_str(",\"total_yuan\":");
    money(out, t.total);
    out.push_str(if t.upper_bound { ",\"total_is_upper_bound\":true,\"policies\":" } else { ",\"total_is_upper_bound\":false,\"policies\":" });
    map(out, &t.per_policy);
    if let Some((total, per)) = &t.baseline {
        out.push_str(",\"baseline_total_yuan\":");
        money(out, *total);
        out.push_str(",\"baseline_policies\":");
        map(out, per);
    }
    out.push_str("}\n");
}

/// A JSON string: as is where serde_json would escape nothing (ids are plain ASCII).
fn string(out: &mut String, s: &str) {
    if s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(&serde_json::to_string(s).unwrap_or_default());
    } else {
        out.push('"');
        out.push_str(s);
        out.push('"');
    }
}

fn money(out: &mut String, d: Decimal) {
    out.push('"');
    push_yuan(out, d);
    out.push('"');
}

fn map(out: &mut String, entries: &[(&str, Decimal)]) {
    out.push('{');
    for (i, (id, d)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(out, id);
        out.push(':');
        money(out, *d);
    }
    out.push('}');
}
