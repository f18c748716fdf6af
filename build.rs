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
    println!("cargo:rerun-if-env-changed=CARGO_FEATURE_NATIONAL_MODULE");
    let mut bundle = load::load(&[Path::new("policies")], &env::var("CARGO_PKG_VERSION").unwrap()).unwrap_or_else(|errors| panic!("policy data is not sound:\n  {}", errors.join("\n  ")));
    // The two wasm modules each embed their own part (all checked above, whole): the
    // estimator the policies' rules; the national module the SME scheme, the registers
    // and the leader-eligibility self-check (its conditions and facts, the regions, each
    // text's header). There a text keeps its first rule only, so that whether it names
    // money (`pays` in a policy's status) stays true. Native builds embed all.
    if env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32")) {
        // Neither module embeds the application checklists: mostly Chinese quotes (+7.2 KB
        // brotli measured in the estimator), which the package reads from
        // `pkg/checklists.json`, generated from this same checked data.
        for p in &mut bundle.policies {
            p.material.clear();
            p.step.clear();
            p.materials_elsewhere = None;
        }
        if env::var_os("CARGO_FEATURE_NATIONAL_MODULE").is_some() {
            for p in &mut bundle.policies {
                p.rule.truncate(1);
                p.condition.clear();
                p.limit.clear();
                p.notice.clear();
                p.benefit.clear();
                p.gap.clear();
                p.scope = None;
            }
            bundle.kinds.common_field.clear();
            bundle.kinds.kind.clear();
            bundle.kinds.values.0.clear();
        } else {
            bundle.sme = None;
            bundle.registers.clear();
            bundle.facts.clear();
            for p in &mut bundle.policies {
                p.eligibility.clear();
            }
        }
    }
    let mut enc = codec::Encoder::default();
    codec::Codec::encode(&bundle, &mut enc);
    let out_dir = env::var("OUT_DIR").unwrap();
    let encoded = enc.finish();
    fs::write(Path::new(&out_dir).join("bundle.text"), encoded.text).unwrap();
    fs::write(Path::new(&out_dir).join("bundle.data"), encoded.data).unwrap();
}
