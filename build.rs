#![allow(dead_code)] // build.rs uses part of the shared modules
//! Reads `policies/*.toml`, checks them against each other and against the source
//! texts (the same checks the tests run), and writes them in the compact form of
//! `codec` for the library to embed. A data file with a wrong quote or a dangling
//! reference fails the build.

#[path = "src/date.rs"]
mod date;
#[path = "src/policy/schema.rs"]
mod schema;
#[path = "src/policy/validate.rs"]
mod validate;
#[path = "src/policy/codec.rs"]
mod codec;

use schema::{Bundle, FactsFile, KindsFile, Map, PolicyDef, RegionsFile, RegisterDef, Text};
use std::{collections::BTreeMap, env, fs, path::Path};

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    toml::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn main() {
    let dir = Path::new("policies");
    println!("cargo:rerun-if-changed=policies");
    // Kinds may be split over several files (one per domain); they are merged here.
    let mut kind_files: Vec<_> = fs::read_dir(dir.join("kinds")).expect("policies/kinds/").map(|e| e.expect("entry").path()).filter(|p| p.extension().is_some_and(|e| e == "toml")).collect();
    kind_files.sort();
    let (mut common_field, mut kind) = (Vec::new(), Vec::new());
    let mut values: BTreeMap<String, BTreeMap<String, Text>> = BTreeMap::new();
    for path in &kind_files {
        let part: KindsFile = parse(path);
        common_field.extend(part.common_field);
        kind.extend(part.kind);
        for (field, labels) in part.values.iter() {
            let merged = values.entry(field.to_string()).or_default();
            for (value, label) in labels.iter() {
                if let Some(old) = merged.insert(value.to_string(), label.clone()) {
                    assert!(old == *label, "{}: label of {field}.{value} differs from an earlier kinds file", path.display());
                }
            }
        }
    }
    let values: BTreeMap<String, Map<Text>> = values.into_iter().map(|(k, v)| (k, Map::from(v))).collect();
    let kinds = KindsFile { common_field, kind, values: values.into() };
    let regions: RegionsFile = parse(&dir.join("regions.toml"));
    let facts: FactsFile = parse(&dir.join("facts.toml"));
    let mut register_files: Vec<_> = fs::read_dir(dir.join("registers")).expect("policies/registers/").map(|e| e.expect("entry").path()).filter(|p| p.extension().is_some_and(|e| e == "toml")).collect();
    register_files.sort();
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("policies/")
        .map(|e| e.expect("policies/ entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            p.extension().is_some_and(|e| e == "toml") && name.as_bytes().first().is_some_and(u8::is_ascii_digit)
        })
        .collect();
    files.sort();
    // The data version names the exact data: a hash of every file that feeds the bundle.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for p in kind_files.iter().chain([dir.join("regions.toml"), dir.join("facts.toml")].iter()).chain(&files).chain(&register_files) {
        for b in read(p).bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    let policies: Vec<PolicyDef> = files.iter().map(|p| parse(p)).collect();
    let registers: Vec<RegisterDef> = register_files.iter().map(|p| parse(p)).collect();
    let bundle = Bundle {
        data_version: format!("{}+data.{:012x}", env::var("CARGO_PKG_VERSION").unwrap(), hash & 0xffff_ffff_ffff).into(),
        kinds,
        facts: facts.fact,
        national: regions.national,
        regions: regions.region,
        policies,
        registers,
    };
    let sources = dir.join("sources");
    let errors = validate::validate(&bundle, &|name| fs::read_to_string(sources.join(name)).ok());
    if !errors.is_empty() {
        panic!("policy data is not sound:\n  {}", errors.join("\n  "));
    }
    let mut enc = codec::Encoder::default();
    codec::Codec::encode(&bundle, &mut enc);
    let out_dir = env::var("OUT_DIR").unwrap();
    let out = Path::new(&out_dir);
    let encoded = enc.finish();
    fs::write(out.join("bundle.ascii"), encoded.ascii).unwrap();
    fs::write(out.join("bundle.coded"), encoded.coded).unwrap();
    fs::write(out.join("bundle.data"), encoded.data).unwrap();
}
