//! Reads the policy data from its TOML files, checks it against itself and the source
//! texts, and returns the bundle. build.rs embeds what this returns for `policies/`;
//! natively, the tests and `lingpao check` read a data directory with any number of
//! overlays laid out the same way (a text under review, a test fixture), merged in order.
//!
//! A data directory holds (each part optional in an overlay):
//! - `kinds/*.toml`: achievement kinds and their fields;
//! - `facts.toml`: the facts eligibility conditions test;
//! - `regions.toml`: the regions (a region's texts are the policies naming it);
//! - `NN-*.toml`: one policy per published text, in file-name order;
//! - `registers/*.toml`: tables of the background texts;
//! - `sme.toml`: the SME gradient scheme (an overlay's replaces the base's);
//! - `sources/`: the texts, as published, that every quote is checked against.
//!
//! Compiled by build.rs too, so it may use only `super::{schema, validate}`, `serde`,
//! `toml`, `rust_decimal` and `std`.

use super::schema::{Bundle, FactDef, FieldDef, KindDef, Map, NationalDef, PolicyDef, RegionDef, RegisterDef, Text, VersionDef, NATIONAL};
use super::tiers::{self, SmeScheme};
use super::validate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// `kinds/*.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KindsPart {
    #[serde(default)]
    common_field: Vec<FieldDef>,
    #[serde(default)]
    kind: Vec<KindDef>,
    #[serde(default)]
    values: BTreeMap<String, BTreeMap<String, Text>>,
}

/// `regions.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionsPart {
    national: Option<NationalPart>,
    #[serde(default)]
    region: Vec<RegionDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NationalPart {
    name: Text,
}

/// `facts.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactsPart {
    fact: Vec<FactDef>,
}

/// What was read, and every problem met on the way.
struct Reader {
    errors: Vec<String>,
    /// Every file read, in order: the data version is their hash.
    hash: u64,
    sources: Vec<PathBuf>,
}

impl Reader {
    fn text(&mut self, path: &Path) -> Option<String> {
        match fs::read_to_string(path) {
            Ok(t) => {
                for b in t.bytes() {
                    self.hash = (self.hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
                }
                Some(t)
            }
            Err(e) => {
                self.errors.push(format!("{}: {e}", path.display()));
                None
            }
        }
    }

    fn parse<T: serde::de::DeserializeOwned>(&mut self, path: &Path) -> Option<T> {
        let text = self.text(path)?;
        toml::from_str(&text).map_err(|e| self.errors.push(format!("{}: {e}", path.display()))).ok()
    }

    /// The `.toml` files of `dir` whose names pass `keep`, sorted by name.
    fn files(&mut self, dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.file_name().and_then(|n| n.to_str()).is_some_and(&keep))
            .collect();
        files.sort();
        files
    }
}

/// Reads and checks the data of `dirs` (the first is the base, the others overlays).
/// `version` is the package version the data version is built on. Every problem found
/// is returned, each naming its file or policy.
pub fn load(dirs: &[&Path], version: &str) -> Result<Bundle, Vec<String>> {
    let mut r = Reader { errors: Vec::new(), hash: 0xcbf2_9ce4_8422_2325, sources: dirs.iter().map(|d| d.join("sources")).collect() };
    let (mut common_field, mut kind, mut facts, mut regions, mut policies, mut registers) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut values: BTreeMap<String, BTreeMap<String, Text>> = BTreeMap::new();
    let mut national: Option<NationalPart> = None;
    let mut sme: Option<SmeScheme> = None;
    for dir in dirs {
        for path in r.files(&dir.join("kinds"), |_| true) {
            let Some(part) = r.parse::<KindsPart>(&path) else { continue };
            common_field.extend(part.common_field);
            kind.extend(part.kind);
            for (field, labels) in part.values {
                let merged = values.entry(field.clone()).or_default();
                for (value, label) in labels {
                    if merged.get(&value).is_some_and(|old| *old != label) {
                        r.errors.push(format!("{}: the label of `values.{field}.{value}` differs from an earlier kinds file", path.display()));
                    }
                    merged.insert(value, label);
                }
            }
        }
        let facts_file = dir.join("facts.toml");
        if facts_file.exists() {
            facts.extend(r.parse::<FactsPart>(&facts_file).map(|f| f.fact).unwrap_or_default());
        }
        let regions_file = dir.join("regions.toml");
        if regions_file.exists() {
            if let Some(part) = r.parse::<RegionsPart>(&regions_file) {
                if part.national.is_some() && national.is_some() {
                    r.errors.push(format!("{}: [national] is already set by an earlier regions.toml", regions_file.display()));
                }
                national = national.or(part.national);
                regions.extend(part.region);
            }
        }
        // Policy files start with a digit (`02-beijing-subsidy-fund.toml`).
        for path in r.files(dir, |name| name.as_bytes().first().is_some_and(u8::is_ascii_digit)) {
            policies.extend(r.parse::<PolicyDef>(&path));
        }
        for path in r.files(&dir.join("registers"), |_| true) {
            registers.extend(r.parse::<RegisterDef>(&path));
        }
        let sme_file = dir.join("sme.toml");
        if sme_file.exists() {
            sme = r.parse::<SmeScheme>(&sme_file).map(|mut s| {
                tiers::resolve(&mut s);
                s
            }).or(sme);
        }
    }
    let Some(national) = national else {
        r.errors.push("regions.toml: no [national] section (the name of the texts every region inherits)".into());
        return Err(r.errors);
    };
    // A region's texts are the policies that name it, in file order.
    for region in &mut regions {
        region.policies = policies.iter().filter(|p| p.region == region.id).map(|p| p.id.clone()).collect();
        region.versions = policies
            .iter()
            .filter(|p| p.region == region.id)
            .filter_map(|p| p.supersedes.as_ref().map(|s| VersionDef { old: s.policy.clone(), new: p.id.clone(), from: s.from.clone() }))
            .collect();
    }
    let national = NationalDef { name: national.name, policies: policies.iter().filter(|p| p.region == NATIONAL).map(|p| p.id.clone()).collect() };
    let values: BTreeMap<String, Map<Text>> = values.into_iter().map(|(k, v)| (k, Map::from(v))).collect();
    let bundle = Bundle {
        data_version: format!("{version}+data.{:012x}", r.hash & 0xffff_ffff_ffff).into(),
        kinds: super::schema::KindsFile { common_field, kind, values: values.into() },
        facts,
        national,
        regions,
        policies,
        registers,
        sme,
    };
    let sources = std::mem::take(&mut r.sources);
    // A source is looked for in the overlays first: a text under review may replace one.
    let source = |name: &str| sources.iter().rev().find_map(|d| fs::read_to_string(d.join(name)).ok());
    r.errors.extend(validate::validate(&bundle, &source));
    if let Some(s) = &bundle.sme {
        r.errors.extend(tiers::check(s, source(&s.source)));
    }
    if r.errors.is_empty() {
        Ok(bundle)
    } else {
        Err(r.errors)
    }
}
