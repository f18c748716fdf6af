//! Bad input: which field, what was wrong, and what is allowed.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    /// Path of the offending field, e.g. `achievements[2].level`.
    pub field: String,
    pub message: String,
    pub message_zh: String,
    /// The values (or fields) that would have been accepted, where there is a list.
    pub allowed: Vec<String>,
}

/// Longest value an error message quotes whole, in characters.
const SHOWN: usize = 40;

/// A value as an error message or field path quotes it: whole when short, else its
/// first characters and its length, so that a 10-million-character value does not come
/// back in full. Written as it is formatted, without a copy.
pub struct Shown<'a> {
    text: &'a str,
    zh: bool,
}

pub fn shown(text: &str) -> Shown<'_> {
    Shown { text, zh: false }
}

/// [`shown`] for a Chinese message.
pub fn shown_zh(text: &str) -> Shown<'_> {
    Shown { text, zh: true }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.text;
        if s.char_indices().nth(SHOWN).is_none() {
            return f.write_str(s);
        }
        let end = s.char_indices().nth(SHOWN - 8).map_or(s.len(), |(i, _)| i);
        let n = s.chars().count();
        if self.zh {
            write!(f, "{}…（共 {n} 个字符）", &s[..end])
        } else {
            write!(f, "{}… ({n} characters)", &s[..end])
        }
    }
}

/// "应为…" ("must be …"), with a space before Latin letters and digits as the other
/// Chinese messages write them ("应为 1 到 10000 之间的整数").
pub fn should_be(zh: &str) -> String {
    let space = zh.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-');
    ["应为", if space { " " } else { "" }, zh].concat()
}

/// Data text in Chinese quotation marks, its own quotation marks made single as Chinese
/// nests them: “企业标准‘领跑者’”.
pub fn quote_zh(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 6);
    out.push('“');
    for c in text.chars() {
        out.push(match c {
            '“' => '‘',
            '”' => '’',
            c => c,
        });
    }
    out.push('”');
    out
}

impl InputError {
    pub fn new(field: impl Into<String>, en: impl Into<String>, zh: impl Into<String>) -> Self {
        InputError { field: field.into(), message: en.into(), message_zh: zh.into(), allowed: Vec::new() }
    }

    pub fn allowed(mut self, allowed: Vec<String>) -> Self {
        self.allowed = allowed;
        self
    }

    /// `{"error": {...}}`, as the CLI prints it on stderr.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({ "error": self })
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)?;
        if !self.allowed.is_empty() {
            write!(f, " (allowed: {})", self.allowed.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}
