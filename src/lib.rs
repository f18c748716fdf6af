//! lingpao (领跑): Chinese regional standardization-subsidy policies as data, and an
//! engine that estimates what a company's achievements are worth under them.
//!
//! Data flows one way: `policies/*.toml` (validated and bundled by build.rs) →
//! [`policy`] (the embedded catalog) → [`engine`] (matching and combination rules) →
//! [`api`] (the JSON contract) → the faces: the `lingpao` CLI and the wasm module
//! (which writes its JSON as UTF-16 with [`json16`]).

pub mod api;
pub mod batch;
#[cfg(not(target_arch = "wasm32"))]
pub mod calendar;
pub mod date;
pub mod engine;
#[cfg(not(target_arch = "wasm32"))]
pub mod gen;
pub mod heap;
pub mod json16;
pub mod model;
pub mod policy;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
