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
