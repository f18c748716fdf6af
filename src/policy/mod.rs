//! The policy data: its format ([`schema`]), its checks ([`validate`]) and the catalog
//! build.rs writes in the form of [`codec`]. The catalog decodes the head of the data
//! (kinds, facts, regions) at start-up and each policy when a call first needs it: a
//! first estimate decodes its region's texts, not all of them.

pub mod codec;
#[cfg(not(target_arch = "wasm32"))]
pub mod load;
pub mod schema;
pub mod tiers;
pub mod validate;

// `validate` is also compiled by build.rs, where `date` sits beside it.
pub(crate) use crate::date;
use date::Date;

use codec::{Chunk, Codec, Table};
use tiers::SmeScheme;
use schema::{Bundle, FactDef, FieldDef, Head, KindDef, PolicyDef, RegionDef, RegisterDef, RuleDef};
use std::sync::OnceLock;

/// Whether `policy`, a text of `region`, is the version that applies on `on`: not
/// replaced by then, and not a replacement whose day has not come.
pub fn version_applies(region: &RegionDef, policy: &str, on: Date) -> bool {
    region.versions.iter().all(|v| match Date::parse(&v.from) {
        Some(from) if v.old == policy => on < from,
        Some(from) if v.new == policy => on >= from,
        _ => true, // not this text's versions (`from` is checked by the validator)
    })
}

static TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/bundle.text"));
static DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bundle.data"));
static TABLE: OnceLock<Table> = OnceLock::new();
static CATALOG: OnceLock<Catalog> = OnceLock::new();
static BUNDLE: OnceLock<Bundle> = OnceLock::new();

fn table() -> &'static Table {
    TABLE.get_or_init(|| Table::new(TEXT, DATA))
}

/// The embedded policy text, every string of the data a result borrows: it lives as
/// long as the process (the wasm face's JSON writer keeps its strings by address).
pub fn embedded_text() -> &'static str {
    TEXT
}

/// The catalog every call reads: the embedded one, unless another was installed first.
pub fn catalog() -> &'static Catalog {
    CATALOG.get_or_init(|| Catalog::decode(table()))
}

/// Makes `bundle` the catalog of this process, in place of the embedded data: for a
/// data directory read at run time (`load`). Refused once the catalog was read.
pub fn install(bundle: &Bundle) -> Result<(), &'static str> {
    CATALOG.set(Catalog::from_bundle(bundle)).map_err(|_| "the catalog was already in use")
}

/// The whole embedded data at once, for the tests and the docs (the engine reads it
/// through [`catalog`], part by part).
pub fn bundle() -> &'static Bundle {
    BUNDLE.get_or_init(|| Bundle::decode(&mut table().decoder()))
}

/// Ids and their positions, sorted by length, then text: most comparisons of a search
/// end on the length, without comparing bytes.
struct Index(Vec<(&'static str, usize)>);

impl Index {
    fn new(ids: impl Iterator<Item = &'static str>) -> Index {
        let mut v: Vec<(&'static str, usize)> = ids.enumerate().map(|(i, id)| (id, i)).collect();
        v.sort_unstable_by(|a, b| (a.0.len(), a.0).cmp(&(b.0.len(), b.0)));
        Index(v)
    }
    fn get(&self, id: &str) -> Option<&usize> {
        self.0.binary_search_by(|(k, _)| (k.len(), *k).cmp(&(id.len(), id))).ok().map(|i| &self.0[i].1)
    }
}

/// Per kind (by index), the rules that can pay it, as (policy index, rule index).
type RulesByKind = Vec<Vec<(usize, usize)>>;

/// A policy, decoded when first asked for.
struct LazyPolicy {
    id: &'static str,
    chunk: Chunk,
    def: OnceLock<PolicyDef>,
}

/// The data and the indexes the engine needs on every call.
pub struct Catalog {
    pub head: &'static Head,
    table: &'static Table,
    /// Ids to positions, sorted for binary search (19 regions, 65 kinds: as fast as a
    /// hash map here, without its code).
    region_index: Index,
    kind_index: Index,
    policies: Vec<LazyPolicy>,
    registers: (Chunk, OnceLock<Vec<RegisterDef>>),
    sme: (Chunk, OnceLock<Option<SmeScheme>>),
    /// Per region, made on its first estimate.
    rules_by_kind: Vec<OnceLock<RulesByKind>>,
}

impl Catalog {
    /// Reads the head of the data; policies and registers wait until they are needed.
    pub fn decode(table: &'static Table) -> Catalog {
        let (head, chunks, registers, sme) = codec::decode_parts(&mut table.decoder());
        let head: &'static Head = Box::leak(Box::new(head)); // lives as long as the process
        let policies = chunks.into_iter().map(|chunk| LazyPolicy { id: codec::first_str(table, chunk), chunk, def: OnceLock::new() }).collect();
        Catalog {
            head,
            table,
            region_index: Index::new(head.regions.iter().map(|r| &*r.id)),
            kind_index: Index::new(head.kinds.kind.iter().map(|k| &*k.id)),
            policies,
            registers: (registers, OnceLock::new()),
            sme: (sme, OnceLock::new()),
            rules_by_kind: head.regions.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// A catalog of other data (the tests' synthetic regions), through the same encoding.
    pub fn from_bundle(bundle: &Bundle) -> Catalog {
        let mut e = codec::Encoder::default();
        bundle.encode(&mut e);
        let out = e.finish();
        let table = Box::leak(Box::new(Table::new(out.text.leak(), out.data.leak())));
        Catalog::decode(table)
    }

    pub fn region(&self, id: &str) -> Option<(usize, &RegionDef)> {
        self.region_index.get(id).map(|&i| (i, &self.head.regions[i]))
    }

    pub fn region_ids(&self) -> Vec<String> {
        self.head.regions.iter().map(|r| r.id.to_string()).collect()
    }

    pub fn kind(&self, id: &str) -> Option<&KindDef> {
        self.kind_index.get(id).map(|&i| &self.head.kinds.kind[i])
    }

    pub fn kind_ids(&self) -> Vec<String> {
        self.head.kinds.kind.iter().map(|k| k.id.to_string()).collect()
    }

    /// A field of a kind, its own or common to all kinds.
    pub fn field<'a>(&'a self, kind: &'a KindDef, name: &str) -> Option<&'a FieldDef> {
        kind.field.iter().chain(&self.head.kinds.common_field).find(|f| f.name == name)
    }

    pub fn policy(&self, index: usize) -> &PolicyDef {
        let p = &self.policies[index];
        p.def.get_or_init(|| PolicyDef::decode(&mut self.table.decoder_at(p.chunk)))
    }

    /// Every policy, decoding those not read yet.
    pub fn policies(&self) -> impl Iterator<Item = (usize, &PolicyDef)> + '_ {
        (0..self.policies.len()).map(|i| (i, self.policy(i)))
    }

    pub fn policy_by_id(&self, id: &str) -> Option<&PolicyDef> {
        self.policy_index(id).map(|i| self.policy(i))
    }

    fn policy_index(&self, id: &str) -> Option<usize> {
        self.policies.iter().position(|p| p.id == id)
    }

    pub fn policies_of<'a>(&'a self, region: &'a RegionDef) -> impl Iterator<Item = (usize, &'a PolicyDef)> + 'a {
        region.policies.iter().filter_map(|id| self.policy_index(id).map(|i| (i, self.policy(i))))
    }

    /// The region's texts that apply on `on`: each version of a text on the days it
    /// covers (the old one before its successor's `from`, the new one from then on).
    pub fn policies_on<'a>(&'a self, region: &'a RegionDef, on: Date) -> impl Iterator<Item = (usize, &'a PolicyDef)> + 'a {
        self.policies_of(region).filter(move |(_, p)| version_applies(region, &p.id, on))
    }

    /// The texts of national scope, which every region inherits for eligibility.
    pub fn national_policies(&self) -> impl Iterator<Item = (usize, &PolicyDef)> + '_ {
        self.head.national.policies.iter().filter_map(|id| self.policy_index(id).map(|i| (i, self.policy(i))))
    }

    /// The tables of the background texts.
    pub fn registers(&self) -> &[RegisterDef] {
        let (chunk, regs) = &self.registers;
        regs.get_or_init(|| Vec::decode(&mut self.table.decoder_at(*chunk)))
    }

    /// The SME gradient scheme, if the data has one.
    pub fn sme(&self) -> Option<&SmeScheme> {
        let (chunk, sme) = &self.sme;
        sme.get_or_init(|| Option::decode(&mut self.table.decoder_at(*chunk))).as_ref()
    }

    /// A fact by its id, or by its years alias (then `true`).
    pub fn fact(&self, name: &str) -> Option<(&FactDef, bool)> {
        self.head.facts.iter().find_map(|f| {
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
        self.head.facts.iter().flat_map(|f| std::iter::once(f.id.to_string()).chain(f.years_alias.as_deref().map(str::to_string))).collect()
    }

    /// The rules of a region that name this kind.
    pub fn rules_for(&self, region: usize, kind: &str) -> impl Iterator<Item = (usize, usize, &RuleDef)> {
        let by_kind = self.rules_by_kind[region].get_or_init(|| {
            let mut index = vec![Vec::new(); self.head.kinds.kind.len()];
            for (pi, p) in self.policies_of(&self.head.regions[region]) {
                for (ri, rule) in p.rule.iter().enumerate() {
                    for kind in rule.when.get("kind").map(|k| k.as_slice()).unwrap_or(&[]) {
                        if let Some(&k) = self.kind_index.get(kind) {
                            index[k].push((pi, ri));
                        }
                    }
                }
            }
            index
        });
        self.kind_index.get(kind).map_or(&[][..], |&k| &by_kind[k]).iter().map(|&(p, r)| (p, r, &self.policy(p).rule[r]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use codec::Encoder;

    /// The embedded bytes decode completely, and encode back to the same bytes.
    #[test]
    fn embedded_data_round_trips() {
        let mut d = table().decoder();
        let decoded = Bundle::decode(&mut d);
        assert!(d.done(), "the decoder left bytes or strings unread");
        let mut e = Encoder::default();
        decoded.encode(&mut e);
        let out = e.finish();
        assert!(out.text == TEXT && out.data == DATA, "decode then encode changed the data");
    }

    /// Policies read one by one are the policies read in order.
    #[test]
    fn parts_decode_alone_as_in_order() {
        let cat = Catalog::decode(table());
        for (i, p) in bundle().policies.iter().enumerate().rev() {
            assert_eq!(format!("{:?}", cat.policy(i)), format!("{p:?}"), "policy {}", p.id);
        }
        assert_eq!(format!("{:?}", cat.registers()), format!("{:?}", bundle().registers));
    }
}
