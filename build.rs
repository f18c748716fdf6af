#![allow(dead_code)] // build.rs uses part of the shared modules
//! Reads `policies/` (`policy::load`: the TOML files, checked against each other and
//! against the source texts, as the tests check them) and writes the bundle in the form
//! of `codec` for the library to embed. A data file with a wrong quote or a dangling
//! reference fails the build, with every problem listed.

#[path = "src/date.rs"]
mod date;
#[path = "src/policy/schema.rs"]
mod schema;
#[path = "src/policy/validate.rs"]
mod validate;
#[path = "src/policy/tiers.rs"]
mod tiers;
#[path = "src/policy/load.rs"]
mod load;
#[path = "src/policy/codec.rs"]
mod codec;

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=policies");
    let bundle = load::load(&[Path::new("policies")], &env::var("CARGO_PKG_VERSION").unwrap()).unwrap_or_else(|errors| panic!("policy data is not sound:\n  {}", errors.join("\n  ")));
    let mut enc = codec::Encoder::default();
    codec::Codec::encode(&bundle, &mut enc);
    let out_dir = env::var("OUT_DIR").unwrap();
    let encoded = enc.finish();
    fs::write(Path::new(&out_dir).join("bundle.text"), encoded.text).unwrap();
    fs::write(Path::new(&out_dir).join("bundle.data"), encoded.data).unwrap();
}
