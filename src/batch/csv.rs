//! The batch's CSV: one row per unit, the columns named by a header row.
//!
//! In: `region` (required), `as_of` and `lang` (optional), and any number of achievement
//! columns, each named `kind` or `kind:field=value:field=value` (the fields of
//! `docs/kinds.md`, e.g. `standard:level=national:action=formulate:role=lead`); a cell is
//! how many such items the unit has (blank or 0: none). Cells may be quoted (`"…"`, `""`
//! for a quote); a row is one line. `examples/batch.csv` is an example.
//!
//! Out: [`OUT_HEADER`]; `policies` holds `policy-id=yuan` pairs joined by `;`.
//!
//! A row becomes a request of the contract and goes through the same parser as JSON: a
//! bad cell is an error naming its column (as the field) and its row and column number.
//!
//! The page's file import reads a CSV by these rules and words in `www/js/batch.js`
//! (`Columns`: in wasm this module would cost 5.9 KB brotli); `tests/js/batch.test.mjs`
//! holds it to this module's output, byte for byte, so a change here shows there.

use super::{unit, Answer, Stop};
use crate::date::Date;
use crate::model::{request, shown, yuan, InputError, Reform};
use crate::policy::catalog;
use std::borrow::Cow;
use std::io::BufRead;

pub const OUT_HEADER: &str = "line,region,total_yuan,total_is_upper_bound,policies,error_field,error_message\n";
/// Under a reform: the totals without it, before the error's columns.
pub const OUT_HEADER_REFORM: &str = "line,region,total_yuan,total_is_upper_bound,policies,baseline_total_yuan,baseline_policies,error_field,error_message\n";

enum Column {
    Region,
    AsOf,
    Lang,
    /// An achievement column: its header and the start of its JSON object
    /// (`{"kind":"standard","level":"national"`), to which the row adds its count.
    Item { name: String, json: String },
}

/// The header row, read and checked: every unknown column, kind, field or value is
/// refused before the first row (naming the column).
pub struct Columns(Vec<Column>);

fn header_error(col: usize, name: &str, msg: &str, msg_zh: &str) -> InputError {
    InputError::new(name.to_string(), format!("header row, column {col}: {msg}"), format!("表头第 {col} 列：{msg_zh}"))
}

/// Reads the header (the first non-blank line).
pub fn header(input: &mut impl BufRead, line_no: &mut u64, buf: &mut Vec<u8>) -> Result<Columns, Stop> {
    let text = loop {
        match super::read_line(input, buf, crate::api::MAX_REQUEST_BYTES)? {
            None => return Err(Stop::Input(InputError::new("header", "the CSV has no header row (region,as_of,<kind:field=value…>…)", "CSV 缺少表头行"))),
            Some(_) => *line_no += 1,
        }
        if !buf.iter().all(u8::is_ascii_whitespace) {
            break String::from_utf8_lossy(buf).into_owned();
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let cells = cells(text).map_err(|(col, msg)| Stop::Input(header_error(col, "header", msg, "引号不配对")))?;
    let cat = catalog();
    let mut cols = Vec::with_capacity(cells.len());
    for (i, name) in cells.iter().map(|c| c.trim()).enumerate() {
        let col = i + 1;
        if cells.iter().take(i).any(|c| c.trim() == name) {
            return Err(Stop::Input(header_error(col, name, &format!("`{}` is given twice", shown(name)), "列名重复")));
        }
        cols.push(match name {
            "region" => Column::Region,
            "as_of" => Column::AsOf,
            "lang" => Column::Lang,
            _ => Column::Item { name: name.to_string(), json: item_json(col, name)? },
        });
    }
    if !cols.iter().any(|c| matches!(c, Column::Region)) {
        return Err(Stop::Input(InputError::new("header", "has no `region` column", "表头缺少 region 列").allowed(vec!["region".into(), "as_of".into(), "lang".into()])));
    }
    // Each achievement column is checked once, as a request of one item would be.
    for (i, c) in cols.iter().enumerate() {
        if let Column::Item { name, json } = c {
            let text = format!(r#"{{"region":{},"achievements":[{json},"count":1}}]}}"#, serde_json::json!(cat.head.regions[0].id.as_str()));
            let parsed = crate::api::parse_json(&text).and_then(|v| request::parse(&v, cat, true).map(|_| ()));
            if let Err(e) = parsed {
                let field = e.field.strip_prefix("achievements[0]").unwrap_or(&e.field).trim_start_matches('.');
                let mut err = header_error(i + 1, name, &format!("{}{}", if field.is_empty() { String::new() } else { format!("{field}: ") }, e.message), &e.message_zh);
                err.allowed = e.allowed;
                return Err(Stop::Input(err));
            }
        }
    }
    Ok(Columns(cols))
}

/// `kind:field=value:…` → `{"kind":"…","field":"value"` (a whole number or true/false
/// as such, else a string; the request parser then checks each against the kind).
fn item_json(col: usize, name: &str) -> Result<String, InputError> {
    let mut parts = name.split(':');
    let kind = parts.next().unwrap_or_default();
    if kind.is_empty() {
        let allowed = ["region", "as_of", "lang"].iter().map(|s| s.to_string()).chain(catalog().kind_ids()).collect();
        return Err(header_error(col, name, "an empty column name: give `region`, `as_of`, `lang` or an achievement `kind[:field=value…]`", "列名为空").allowed(allowed));
    }
    let mut json = format!("{{\"kind\":{}", serde_json::json!(kind));
    for p in parts {
        let Some((f, v)) = p.split_once('=') else {
            return Err(header_error(col, name, &format!("`{}` is not `field=value`", shown(p)), "应为 字段=值"));
        };
        let value = match v {
            "true" | "false" => v.to_string(),
            _ if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) && v.len() < 16 => v.to_string(),
            _ => serde_json::json!(v).to_string(),
        };
        json += &format!(",{}:{value}", serde_json::json!(f));
    }
    Ok(json)
}

/// Splits one CSV line into cells (RFC 4180 quoting within the line). An error names
/// the 1-based column where the quoting breaks.
pub fn cells(line: &str) -> Result<Vec<Cow<'_, str>>, (usize, &'static str)> {
    let mut out = Vec::new();
    let mut rest = line;
    loop {
        let col = out.len() + 1;
        if let Some(q) = rest.strip_prefix('"') {
            let mut cell = String::new();
            let mut it = q.char_indices();
            let after = loop {
                match it.next() {
                    Some((i, '"')) if q[i + 1..].starts_with('"') => {
                        cell.push('"');
                        it.next();
                    }
                    Some((i, '"')) => break &q[i + 1..],
                    Some((_, c)) => cell.push(c),
                    None => return Err((col, "a quoted cell has no closing quote")),
                }
            };
            out.push(Cow::Owned(cell));
            match after.strip_prefix(',') {
                Some(r) => rest = r,
                None if after.is_empty() => return Ok(out),
                None => return Err((col, "text after a quoted cell's closing quote")),
            }
        } else {
            match rest.find(',') {
                Some(i) => {
                    out.push(Cow::Borrowed(&rest[..i]));
                    rest = &rest[i + 1..];
                }
                None => {
                    out.push(Cow::Borrowed(rest));
                    return Ok(out);
                }
            }
        }
    }
}

impl Columns {
    fn name(&self, col: usize) -> &str {
        match &self.0[col] {
            Column::Region => "region",
            Column::AsOf => "as_of",
            Column::Lang => "lang",
            Column::Item { name, .. } => name,
        }
    }

    /// Row `row` (its line number) → the unit's answer. An error about an item names the
    /// item's column, with the row and column numbers.
    pub fn unit(&self, row: u64, line: &str, explain: bool, today: Date, reform: Option<&Reform>) -> Answer {
        let at = |col: usize, msg: &str, zh: &str| {
            InputError::new(self.name(col).to_string(), format!("row {row}, column {}: {msg}", col + 1), format!("第 {row} 行第 {} 列：{zh}", col + 1))
        };
        let cells = cells(line).map_err(|(c, msg)| at((c - 1).min(self.0.len().saturating_sub(1)), msg, "引号不配对"))?;
        if cells.len() != self.0.len() {
            return Err(InputError::new("row", format!("row {row} has {} cells; the header has {}", cells.len(), self.0.len()), format!("第 {row} 行有 {} 列，表头有 {} 列", cells.len(), self.0.len())));
        }
        let mut json = String::from("{");
        let mut items = Vec::new(); // the column of each achievement, in order
        for (c, cell) in self.0.iter().zip(&cells) {
            let cell = cell.trim();
            let key = match c {
                Column::Region => "region",
                Column::AsOf => "as_of",
                Column::Lang => "lang",
                Column::Item { .. } => continue,
            };
            if !cell.is_empty() {
                json += &format!("{}{key}\":{}", if json.len() > 1 { ",\"" } else { "\"" }, serde_json::json!(cell));
            }
        }
        json += if json.len() > 1 { ",\"achievements\":[" } else { "\"achievements\":[" };
        for (i, (c, cell)) in self.0.iter().zip(&cells).enumerate() {
            let Column::Item { json: item, .. } = c else { continue };
            let cell = cell.trim();
            if cell.is_empty() || cell == "0" {
                continue;
            }
            let count: u32 = match cell.parse() {
                Ok(n) if cell.bytes().all(|b| b.is_ascii_digit()) => n,
                _ => return Err(at(i, &format!("`{}` is not a count of items (a whole number, 0 or more; blank for none)", shown(cell)), "应为项数（0 或正整数，空白即无）")),
            };
            if count == 0 {
                continue;
            }
            json += &format!("{}{item},\"count\":{count}}}", if items.is_empty() { "" } else { "," });
            items.push(i);
        }
        json += "]}";
        unit(&json, explain, today, reform).map_err(|mut e| {
            // `achievements[3].count` → the column of the row's fourth item.
            if let Some(rest) = e.field.strip_prefix("achievements[") {
                if let Some((n, _)) = rest.split_once(']') {
                    if let Some(&col) = n.parse::<usize>().ok().and_then(|k| items.get(k)) {
                        e.message = format!("row {row}, column {}: {}", col + 1, e.message);
                        e.field = self.name(col).to_string();
                    }
                }
            }
            e
        })
    }
}

/// A cell as CSV writes it: quoted when it holds a comma, a quote or a line end.
fn cell(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

/// `policy-id=yuan` pairs joined by `;`.
fn pairs(per_policy: &[(&str, rust_decimal::Decimal)]) -> String {
    per_policy.iter().map(|(id, d)| format!("{id}={}", yuan(*d))).collect::<Vec<_>>().join(";")
}

/// A unit's output row (with its end), in the columns of [`OUT_HEADER`] (of
/// [`OUT_HEADER_REFORM`] when `reformed`).
pub fn out_row(n: u64, answer: &Answer, reformed: bool) -> String {
    let gap = if reformed { ",," } else { "" };
    match answer {
        Ok((t, _)) => {
            let base = t.baseline.as_ref().map_or(String::new(), |(total, per)| format!(",{},{}", yuan(*total), cell(&pairs(per))));
            format!("{n},{},{},{},{}{base},,\n", t.region, yuan(t.total), t.upper_bound, cell(&pairs(&t.per_policy)))
        }
        Err(e) => format!("{n},,,,,{gap}{},{}\n", cell(&e.field), cell(&e.message)),
    }
}
