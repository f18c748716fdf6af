//! The compact binary form in which the library embeds the policy data: build.rs
//! encodes the validated bundle, the library decodes it once per process. Text is kept
//! apart, each distinct string once, in first-use order (so gzip sees the texts whole
//! and near their neighbours), and borrowed from the binary when decoded; the rest is
//! varints, a string's length among them where it is first used (so nothing scans the
//! text for separators). Measured against the alternatives (bench/wasm.mjs): serde JSON embedded
//! cost 100 KB of deserializer code and 20–30 ms to parse in wasm; static Rust values
//! cost 150 KB gzip of pointers.
//!
//! Compiled by build.rs too (which writes) and by the library (which reads), so it may
//! use only `super::schema`, `rust_decimal` and `std`.

use super::schema::*;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// What the encoder writes: the text table and the structure referring to it.
#[derive(Default)]
pub struct Encoder {
    pub text: String,
    pub data: Vec<u8>,
    index: HashMap<String, usize>,
}

impl Encoder {
    fn varint(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.data.push(byte);
                return;
            }
            self.data.push(byte | 0x80);
        }
    }

    /// A string as 0 and its length (the next new string of the table) or as its
    /// distance back from the end of the table: repeats of recent strings (clauses,
    /// kinds) stay small.
    fn str(&mut self, s: &str) {
        let count = self.index.len();
        match self.index.get(s) {
            Some(&i) => self.varint((count - i) as u64),
            None => {
                self.index.insert(s.to_string(), count);
                self.text.push_str(s);
                self.varint(0);
                self.varint(s.len() as u64);
            }
        }
    }
}

/// Reads what [`Encoder`] wrote, borrowing the strings from the embedded text.
pub struct Decoder {
    text: &'static str,
    /// The strings met so far, for back references.
    strings: Vec<&'static str>,
    data: &'static [u8],
    pos: usize,
}

impl Decoder {
    pub fn new(text: &'static str, data: &'static [u8]) -> Decoder {
        Decoder { text, strings: Vec::with_capacity(8192), data, pos: 0 }
    }

    fn varint(&mut self) -> u64 {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.data[self.pos];
            self.pos += 1;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                break;
            }
        }
        n
    }

    fn str(&mut self) -> &'static str {
        let back = self.varint() as usize;
        if back == 0 {
            let len = self.varint() as usize;
            let (s, rest) = self.text.split_at(len);
            self.text = rest;
            self.strings.push(s);
            s
        } else {
            self.strings[self.strings.len() - back]
        }
    }

    /// The strings of the text table, in its order.
    pub fn into_strings(self) -> Vec<&'static str> {
        self.strings
    }

    /// True once every byte and every string was read: the decoder and encoder agreed
    /// on the layout.
    pub fn done(&self) -> bool {
        self.pos == self.data.len() && self.text.is_empty()
    }
}

/// A value of the schema in the binary form. Decoding trusts its input: it only ever
/// reads the bytes build.rs wrote from the same types (every test decodes them).
pub trait Codec: Sized {
    fn encode(&self, e: &mut Encoder);
    fn decode(d: &mut Decoder) -> Self;
}

impl Codec for Str {
    fn encode(&self, e: &mut Encoder) {
        e.str(self);
    }
    fn decode(d: &mut Decoder) -> Self {
        Str::from_static(d.str())
    }
}

impl<T: Codec + Clone> Codec for List<T> {
    fn encode(&self, e: &mut Encoder) {
        e.varint(self.len() as u64);
        self.iter().for_each(|x| x.encode(e));
    }
    fn decode(d: &mut Decoder) -> Self {
        let n = d.varint() as usize;
        (0..n).map(|_| T::decode(d)).collect()
    }
}

impl<T: Codec> Codec for Option<T> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            None => e.data.push(0),
            Some(x) => {
                e.data.push(1);
                x.encode(e);
            }
        }
    }
    fn decode(d: &mut Decoder) -> Self {
        (d.varint() != 0).then(|| T::decode(d))
    }
}

impl<V: Codec + Clone> Codec for Map<V> {
    fn encode(&self, e: &mut Encoder) {
        e.varint(self.len() as u64);
        for (k, v) in self.iter() {
            k.encode(e);
            v.encode(e);
        }
    }
    fn decode(d: &mut Decoder) -> Self {
        let n = d.varint() as usize;
        // Written in key order, so read back sorted.
        Map::from_sorted((0..n).map(|_| (Str::decode(d), V::decode(d))).collect())
    }
}

impl<T: Codec> Codec for Boxed<T> {
    fn encode(&self, e: &mut Encoder) {
        (**self).encode(e);
    }
    fn decode(d: &mut Decoder) -> Self {
        Boxed::Owned(Box::new(T::decode(d)))
    }
}

impl Codec for bool {
    fn encode(&self, e: &mut Encoder) {
        e.data.push(u8::from(*self));
    }
    fn decode(d: &mut Decoder) -> Self {
        d.varint() != 0
    }
}

/// Signed numbers zigzag-encoded, so small negatives stay small.
impl Codec for i64 {
    fn encode(&self, e: &mut Encoder) {
        e.varint(((self << 1) ^ (self >> 63)) as u64);
    }
    fn decode(d: &mut Decoder) -> Self {
        let n = d.varint();
        (n >> 1) as i64 ^ -((n & 1) as i64)
    }
}

impl Codec for u32 {
    fn encode(&self, e: &mut Encoder) {
        e.varint(u64::from(*self));
    }
    fn decode(d: &mut Decoder) -> Self {
        d.varint() as u32
    }
}

impl Codec for Decimal {
    fn encode(&self, e: &mut Encoder) {
        let m = i64::try_from(self.mantissa()).expect("amounts fit in 64 bits");
        m.encode(e);
        e.varint(u64::from(self.scale()));
    }
    fn decode(d: &mut Decoder) -> Self {
        let m = i64::decode(d);
        let scale = d.varint() as u32;
        Decimal::try_new(m, scale).unwrap_or_default()
    }
}

/// Unit enums by their position in the list; a variant left out fails to compile.
macro_rules! codec_enum {
    ($($t:ident { $($v:ident),* $(,)? })*) => {$(
        impl Codec for $t {
            fn encode(&self, e: &mut Encoder) {
                const ALL: &[$t] = &[$($t::$v),*];
                match self { $($t::$v)|* => {} } // exhaustive: every variant is listed
                e.varint(ALL.iter().position(|v| v == self).unwrap_or(0) as u64);
            }
            fn decode(d: &mut Decoder) -> Self {
                const ALL: &[$t] = &[$($t::$v),*];
                ALL[d.varint() as usize]
            }
        }
    )*};
}

codec_enum! {
    FieldType { Enum, Integer, Yuan, Bool, Text }
    FactType { Bool, Months }
    Basis { Fixed, Cap }
    LimitType { AnnualCap, MaxCount, MaxCategories, SeriesAsOne, HighestOnly, PriorLevel }
    PriorMode { Difference, FullIfLower }
    Stage { Evaluation, Title, Reward }
    SearchMode { None, Contains, Both }
}

/// Structs field by field; the decoder builds a struct literal, so a field added to the
/// schema and not listed here fails to compile.
macro_rules! codec_struct {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl Codec for $t {
            fn encode(&self, e: &mut Encoder) {
                $( self.$f.encode(e); )*
            }
            fn decode(d: &mut Decoder) -> Self {
                $t { $( $f: Codec::decode(d), )* }
            }
        }
    )*};
}

codec_struct! {
    Bundle { data_version, kinds, facts, national, regions, policies, registers }
    Text { zh, en }
    KindsFile { common_field, kind, values }
    KindDef { id, name, doc, field }
    FieldDef { name, ty, required, values, min, max, doc }
    NationalDef { name, policies }
    FactDef { id, ty, years_alias, name, doc }
    RegionDef { id, name, province, policies, level_aliases }
    PolicyDef { id, region, source, title, issuer, issued, effective, expires, validity, rule, condition, limit, notice, benefit, gap, eligibility }
    Citation { clause, quote, note }
    RuleDef { id, category, clause, quote, when, basis, amount, percent, of, of_field, max, limit_to_field, limit_quote, note }
    Selector { kind, category, rule, when, except }
    ConditionDef { id, select, field, min, max, equals, text, clause, quote }
    LimitDef { id, ty, select, amount, raised_amount, raised_when, max, group_by, mode, text, clause, quote, note }
    NoticeDef { id, select, text, clause, quote }
    BenefitDef { id, text, clause, quote }
    GapDef { id, when, text, clause, quote }
    EligibilityDef { id, fact, stage, min, max, equals, relaxed, text, clause, quote, note }
    RelaxedDef { fact, min, max }
    RegisterDef { id, title, source, clause, quote, from, to, key, columns, rows, notes }
    ColumnDef { id, name, search, carry }
    RowNote { row, text }
}

impl Codec for OneOrMany {
    fn encode(&self, e: &mut Encoder) {
        match self {
            OneOrMany::One(s) => {
                e.data.push(0);
                s.encode(e);
            }
            OneOrMany::Many(v) => {
                e.data.push(1);
                v.encode(e);
            }
        }
    }
    fn decode(d: &mut Decoder) -> Self {
        match d.varint() {
            0 => OneOrMany::One(Str::decode(d)),
            _ => OneOrMany::Many(List::decode(d)),
        }
    }
}
