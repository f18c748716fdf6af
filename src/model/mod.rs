//! The contract's types: the request as parsed and checked, the result, the errors.

pub mod error;
pub mod request;
pub mod result;

pub use error::InputError;
pub use request::{Achievement, FieldValue, Lang, Request};

use rust_decimal::Decimal;

/// Yuan as the contract writes them: exact, no trailing zeros ("75000", "2.5").
pub fn yuan(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A phrase in the request's language.
pub fn say(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}
