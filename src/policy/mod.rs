//! The policy data: its format ([`schema`]), its checks ([`validate`]) and the catalog
//! build.rs writes in the form of [`codec`], decoded and indexed once per process.

pub mod codec;
pub mod schema;
pub mod validate;

// `validate` is also compiled by build.rs, where `date` sits beside it.
pub(crate) use crate::date;

use crate::date::Date;
use schema::{Bundle, FactDef, FieldDef, KindDef, PolicyDef, RegionDef, RuleDef};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The bundle plus the indexes the engine needs on every call.
pub struct Catalog {
    pub bundle: &'static Bundle,
    region_index: HashMap<&'static str, usize>,
    kind_index: HashMap<&'static str, usize>,
    /// Per region, made on its first estimate (start-up indexes no region it does not
    /// need): kind → the rules that can pay it, as (policy index, rule index).
    rules_by_kind: Vec<OnceLock<RulesByKind>>,
    /// Per policy: (effective or issued, expires), parsed once.
    validity: Vec<(Option<Date>, Option<Date>)>,
}

type RulesByKind = HashMap<&'static str, Vec<(usize, usize)>>;

static CATALOG: OnceLock<Catalog> = OnceLock::new();

/// The bundle, and where each string of its text table starts (a byte offset).
static BUNDLE: OnceLock<(Bundle, Vec<u32>)> = OnceLock::new();
static TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/bundle.text"));
static DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bundle.data"));

/// The embedded data, validated when the crate was built and decoded on first use,
/// with the strings of its text table.
fn decoded() -> &'static (Bundle, Vec<u32>) {
    BUNDLE.get_or_init(|| {
        let mut d = codec::Decoder::new(TEXT, DATA);
        let bundle = codec::Codec::decode(&mut d);
        let starts = d.into_strings().iter().map(|s| (s.as_ptr() as usize - TEXT.as_ptr() as usize) as u32).collect();
        (bundle, starts)
    })
}

pub fn bundle() -> &'static Bundle {
    &decoded().0
}

/// How many distinct strings the embedded data holds.
pub fn text_count() -> usize {
    decoded().1.len()
}

/// Which string of the embedded data `s` is (by address: only the data's own text,
/// borrowed into a result, is found; equal text elsewhere is not).
pub fn text_index(s: &str) -> Option<usize> {
    let offset = (s.as_ptr() as usize).checked_sub(TEXT.as_ptr() as usize).filter(|&o| o < TEXT.len())?;
    let starts = &decoded().1;
    let i = starts.binary_search(&(offset as u32)).ok()?;
    // The string ends where the next begins (the table is the strings end to end).
    let end = starts.get(i + 1).map_or(TEXT.len(), |&e| e as usize);
    (end - offset == s.len()).then_some(i)
}

/// The embedded catalog.
pub fn catalog() -> &'static Catalog {
    CATALOG.get_or_init(|| Catalog::new(bundle()))
}

impl Catalog {
    pub fn new(bundle: &'static Bundle) -> Catalog {
        let region_index = bundle.regions.iter().enumerate().map(|(i, r)| (&*r.id, i)).collect();
        let kind_index = bundle.kinds.kind.iter().enumerate().map(|(i, k)| (&*k.id, i)).collect();
        let rules_by_kind = bundle.regions.iter().map(|_| OnceLock::new()).collect();
        let validity = bundle
            .policies
            .iter()
            .map(|p| (Date::parse(p.effective.as_deref().unwrap_or(&p.issued)), p.expires.as_deref().and_then(Date::parse)))
            .collect();
        Catalog { bundle, region_index, kind_index, rules_by_kind, validity }
    }

    /// A policy's first day in force (its issue date where no other is written) and last.
    pub fn validity(&self, policy: usize) -> (Option<Date>, Option<Date>) {
        self.validity[policy]
    }

    pub fn region(&self, id: &str) -> Option<(usize, &RegionDef)> {
        self.region_index.get(id).map(|&i| (i, &self.bundle.regions[i]))
    }

    pub fn region_ids(&self) -> Vec<String> {
        self.bundle.regions.iter().map(|r| r.id.to_string()).collect()
    }

    pub fn kind(&self, id: &str) -> Option<&KindDef> {
        self.kind_index.get(id).map(|&i| &self.bundle.kinds.kind[i])
    }

    pub fn kind_ids(&self) -> Vec<String> {
        self.bundle.kinds.kind.iter().map(|k| k.id.to_string()).collect()
    }

    /// A field of a kind, its own or common to all kinds.
    pub fn field<'a>(&'a self, kind: &'a KindDef, name: &str) -> Option<&'a FieldDef> {
        kind.field.iter().chain(&self.bundle.kinds.common_field).find(|f| f.name == name)
    }

    pub fn policy(&self, index: usize) -> &PolicyDef {
        &self.bundle.policies[index]
    }

    pub fn policies_of<'a>(&'a self, region: &'a RegionDef) -> impl Iterator<Item = (usize, &'a PolicyDef)> + 'a {
        region.policies.iter().filter_map(|id| self.bundle.policies.iter().enumerate().find(|(_, p)| &p.id == id))
    }

    /// The texts of national scope, which every region inherits for eligibility.
    pub fn national_policies(&self) -> impl Iterator<Item = (usize, &PolicyDef)> + '_ {
        self.bundle.national.policies.iter().filter_map(|id| self.bundle.policies.iter().enumerate().find(|(_, p)| &p.id == id))
    }

    /// A fact by its id, or by its years alias (then `true`).
    pub fn fact(&self, name: &str) -> Option<(&FactDef, bool)> {
        self.bundle.facts.iter().find_map(|f| {
            if f.id == name {
                Some((f, false))
            } else if f.years_alias.as_deref() == Some(name) {
                Some((f, true))
            } else {
                None
            }
        })
    }

    /// Every name a request may use under `facts`: ids and years aliases.
    pub fn fact_names(&self) -> Vec<String> {
        self.bundle.facts.iter().flat_map(|f| std::iter::once(f.id.to_string()).chain(f.years_alias.as_deref().map(str::to_string))).collect()
    }

    /// The rules of a region that name this kind.
    pub fn rules_for(&self, region: usize, kind: &str) -> impl Iterator<Item = (usize, usize, &RuleDef)> {
        let bundle = self.bundle;
        self.rules_by_kind[region]
            .get_or_init(|| {
                let mut index = RulesByKind::new();
                for pid in &bundle.regions[region].policies {
                    let Some((pi, p)) = bundle.policies.iter().enumerate().find(|(_, p)| &p.id == pid) else { continue };
                    for (ki, rule) in p.rule.iter().enumerate() {
                        for kind in rule.when.get("kind").map(|k| k.as_slice()).unwrap_or(&[]) {
                            index.entry(&**kind).or_default().push((pi, ki));
                        }
                    }
                }
                index
            })
            .get(kind)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .map(|&(p, r)| (p, r, &self.bundle.policies[p].rule[r]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use codec::{Codec, Decoder, Encoder};

    /// The embedded bytes decode completely, and encode back to the same bytes.
    #[test]
    fn embedded_data_round_trips() {
        let mut d = Decoder::new(TEXT, DATA);
        let decoded = Bundle::decode(&mut d);
        assert!(d.done(), "the decoder left bytes or strings unread");
        let mut e = Encoder::default();
        decoded.encode(&mut e);
        assert!(e.text == TEXT && e.data == DATA, "decode then encode changed the data");
    }
}
