//! The compact binary form in which the library embeds the policy data: build.rs
//! encodes the validated bundle, the library decodes it. Text is kept apart, each
//! distinct string once, and borrowed from the binary when decoded. The table is laid out
//! by script: ASCII strings, then mixed ones, then mostly Chinese ones, each group in
//! first-use order (gzip codes each script better among its own kind: 76.7 -> 71.2 KB).
//! The data starts with every string's length and group (so any string is found by its
//! index, and nothing scans the text),
//! then the structure as varints: the head (kinds, facts, regions), then each policy and
//! the registers as parts that can be decoded alone, when first needed. Measured against
//! the alternatives (bench/wasm.mjs): serde JSON embedded cost 100 KB of deserializer
//! code and 20–30 ms to parse in wasm; static Rust values cost 150 KB gzip of pointers.
//!
//! Compiled by build.rs too (which writes) and by the library (which reads), so it may
//! use only `super::schema`, `rust_decimal` and `std`.

use super::schema::*;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The text table's groups, by script (see the module's comment).
const GROUPS: usize = 3;

/// A string's group: 0 all ASCII, 1 mostly ASCII, 2 mostly not.
fn group(s: &str) -> usize {
    let (mut wide, mut all) = (0, 0);
    for c in s.chars() {
        all += 1;
        wide += usize::from(!c.is_ascii());
    }
    match wide {
        0 => 0,
        w if 2 * w < all => 1,
        _ => 2,
    }
}

/// What the encoder writes: the text table and the structure referring to it.
#[derive(Default)]
pub struct Encoder {
    text: [String; GROUPS],
    /// Each new string's length and group (`len << 2 | group`), in index order (a
    /// section of its own, so that any string can be found by its index without reading
    /// what comes before).
    lengths: Vec<u8>,
    data: Vec<u8>,
    index: HashMap<String, usize>,
}

fn write_varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn read_varint(data: &[u8], pos: &mut usize) -> u64 {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = data[*pos];
        *pos += 1;
        n |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            break;
        }
    }
    n
}

impl Encoder {
    fn varint(&mut self, n: u64) {
        write_varint(&mut self.data, n);
    }

    /// A string as 0 (the next new string of the table) or as its distance back from
    /// the end of the table: repeats of recent strings (clauses, kinds) stay small.
    fn str(&mut self, s: &str) {
        let count = self.index.len();
        match self.index.get(s) {
            Some(&i) => self.varint((count - i) as u64),
            None => {
                self.index.insert(s.to_string(), count);
                let g = group(s);
                self.text[g].push_str(s);
                write_varint(&mut self.lengths, (s.len() as u64) << 2 | g as u64);
                self.varint(0);
            }
        }
    }

    /// A part that can be decoded on its own, later: how many strings came before it,
    /// its length in bytes, then the part.
    fn chunk(&mut self, f: impl FnOnce(&mut Encoder)) {
        let outer = std::mem::take(&mut self.data);
        let seen = self.index.len();
        f(self);
        let part = std::mem::replace(&mut self.data, outer);
        self.varint(seen as u64);
        self.varint(part.len() as u64);
        self.data.extend_from_slice(&part);
    }

    /// The text table, and the data: the string count, the size of each group but the
    /// last, the lengths, the structure.
    pub fn finish(self) -> (String, Vec<u8>) {
        let mut data = Vec::with_capacity(self.lengths.len() + self.data.len() + 12);
        write_varint(&mut data, self.index.len() as u64);
        for t in &self.text[..GROUPS - 1] {
            write_varint(&mut data, t.len() as u64);
        }
        data.extend_from_slice(&self.lengths);
        data.extend_from_slice(&self.data);
        (self.text.concat(), data)
    }
}

/// The embedded text and data, with where each string is.
pub struct Table {
    text: &'static str,
    data: &'static [u8],
    /// Byte range of string `i` in `text`.
    spans: Vec<(u32, u32)>,
    /// (start, index) of every string in text order, to find a string by address.
    by_start: Vec<(u32, u32)>,
    /// Where the structure begins, after the lengths.
    body: usize,
}

/// Where a part written by [`Encoder::chunk`] begins, and how many strings came before.
#[derive(Clone, Copy, Debug)]
pub struct Chunk {
    pos: usize,
    seen: usize,
}

impl Table {
    pub fn new(text: &'static str, data: &'static [u8]) -> Table {
        let mut pos = 0;
        let count = read_varint(data, &mut pos) as usize;
        // Where each group's next string starts: the groups lie one after another.
        let mut at = [0u32; GROUPS];
        for g in 1..GROUPS {
            at[g] = at[g - 1] + read_varint(data, &mut pos) as u32;
        }
        let mut spans = Vec::with_capacity(count);
        let mut in_group: [Vec<(u32, u32)>; GROUPS] = Default::default();
        for i in 0..count {
            let n = read_varint(data, &mut pos);
            let g = (n & 3) as usize % GROUPS;
            let start = at[g];
            at[g] += (n >> 2) as u32;
            spans.push((start, at[g]));
            in_group[g].push((start, i as u32));
        }
        Table { text, data, spans, by_start: in_group.concat(), body: pos }
    }

    /// String `i` of the table.
    pub fn get(&self, i: usize) -> &'static str {
        let (start, end) = self.spans.get(i).copied().unwrap_or_default();
        self.text.get(start as usize..end as usize).unwrap_or_default()
    }

    /// How many strings the table holds.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Which string starts at byte `offset` of the text and is `len` bytes long.
    pub fn find(&self, offset: usize, len: usize) -> Option<usize> {
        let k = self.by_start.binary_search_by_key(&offset, |&(start, _)| start as usize).ok()?;
        let i = self.by_start[k].1 as usize;
        let (start, end) = self.spans[i];
        ((end - start) as usize == len).then_some(i)
    }

    /// Reads from the start of the structure.
    pub fn decoder(&self) -> Decoder<'_> {
        Decoder { table: self, pos: self.body, seen: 0 }
    }

    /// Reads one part, wherever it is.
    pub fn decoder_at(&self, chunk: Chunk) -> Decoder<'_> {
        Decoder { table: self, pos: chunk.pos, seen: chunk.seen }
    }
}

/// Reads what [`Encoder`] wrote, borrowing the strings from the embedded text.
pub struct Decoder<'t> {
    table: &'t Table,
    pos: usize,
    /// How many strings of the table were met so far: the next new one is this one.
    seen: usize,
}

impl Decoder<'_> {
    fn varint(&mut self) -> u64 {
        read_varint(self.table.data, &mut self.pos)
    }

    fn str(&mut self) -> &'static str {
        let back = self.varint() as usize;
        let i = if back == 0 {
            self.seen += 1;
            self.seen - 1
        } else {
            self.seen - back
        };
        self.table.get(i)
    }

    /// Skips a part, returning where it is.
    pub fn chunk(&mut self) -> Chunk {
        let seen = self.varint() as usize;
        let len = self.varint() as usize;
        let chunk = Chunk { pos: self.pos, seen };
        self.pos += len;
        chunk
    }

    /// Enters a part in place (the whole bundle is read in order).
    fn enter(&mut self) {
        let (_seen, _len) = (self.varint(), self.varint());
    }

    /// True once every byte and every string was read: the decoder and encoder agreed
    /// on the layout.
    pub fn done(&self) -> bool {
        self.pos == self.table.data.len() && self.seen == self.table.spans.len()
    }
}

/// A value of the schema in the binary form. Decoding trusts its input: it only ever
/// reads the bytes build.rs wrote from the same types (every test decodes them).
pub trait Codec: Sized {
    fn encode(&self, e: &mut Encoder);
    fn decode(d: &mut Decoder<'_>) -> Self;
}

impl Codec for Str {
    fn encode(&self, e: &mut Encoder) {
        e.str(self);
    }
    fn decode(d: &mut Decoder<'_>) -> Self {
        Str::from_static(d.str())
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn encode(&self, e: &mut Encoder) {
        e.varint(self.len() as u64);
        self.iter().for_each(|x| x.encode(e));
    }
    fn decode(d: &mut Decoder<'_>) -> Self {
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
    fn decode(d: &mut Decoder<'_>) -> Self {
        (d.varint() != 0).then(|| T::decode(d))
    }
}

impl<V: Codec> Codec for Map<V> {
    fn encode(&self, e: &mut Encoder) {
        e.varint(self.len() as u64);
        for (k, v) in self.iter() {
            k.encode(e);
            v.encode(e);
        }
    }
    fn decode(d: &mut Decoder<'_>) -> Self {
        let n = d.varint() as usize;
        // Written in key order, so read back sorted.
        Map::from_sorted((0..n).map(|_| (Str::decode(d), V::decode(d))).collect())
    }
}

impl<T: Codec> Codec for Box<T> {
    fn encode(&self, e: &mut Encoder) {
        (**self).encode(e);
    }
    fn decode(d: &mut Decoder<'_>) -> Self {
        Box::new(T::decode(d))
    }
}

impl Codec for bool {
    fn encode(&self, e: &mut Encoder) {
        e.data.push(u8::from(*self));
    }
    fn decode(d: &mut Decoder<'_>) -> Self {
        d.varint() != 0
    }
}

/// Signed numbers zigzag-encoded, so small negatives stay small.
impl Codec for i64 {
    fn encode(&self, e: &mut Encoder) {
        e.varint(((self << 1) ^ (self >> 63)) as u64);
    }
    fn decode(d: &mut Decoder<'_>) -> Self {
        let n = d.varint();
        (n >> 1) as i64 ^ -((n & 1) as i64)
    }
}

impl Codec for u32 {
    fn encode(&self, e: &mut Encoder) {
        e.varint(u64::from(*self));
    }
    fn decode(d: &mut Decoder<'_>) -> Self {
        d.varint() as u32
    }
}

impl Codec for Decimal {
    fn encode(&self, e: &mut Encoder) {
        let m = i64::try_from(self.mantissa()).expect("amounts fit in 64 bits");
        m.encode(e);
        e.varint(u64::from(self.scale()));
    }
    fn decode(d: &mut Decoder<'_>) -> Self {
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
            fn decode(d: &mut Decoder<'_>) -> Self {
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
            fn decode(d: &mut Decoder<'_>) -> Self {
                $t { $( $f: Codec::decode(d), )* }
            }
        }
    )*};
}

codec_struct! {
    Head { data_version, kinds, facts, national, regions }
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
    fn decode(d: &mut Decoder<'_>) -> Self {
        match d.varint() {
            0 => OneOrMany::One(Str::decode(d)),
            _ => OneOrMany::Many(Vec::decode(d)),
        }
    }
}

/// The bundle: its head, then each policy and the registers as parts that the library
/// decodes when first used.
impl Codec for Bundle {
    fn encode(&self, e: &mut Encoder) {
        self.head().encode(e);
        e.varint(self.policies.len() as u64);
        for p in self.policies.iter() {
            e.chunk(|e| p.encode(e));
        }
        e.chunk(|e| self.registers.encode(e));
    }
    fn decode(d: &mut Decoder<'_>) -> Self {
        let head = Head::decode(d);
        let n = d.varint() as usize;
        let policies = (0..n)
            .map(|_| {
                d.enter();
                PolicyDef::decode(d)
            })
            .collect();
        d.enter();
        Bundle::from_parts(head, policies, Vec::decode(d))
    }
}

/// The head of the bundle, and where its policies and registers are.
pub fn decode_parts(d: &mut Decoder<'_>) -> (Head, Vec<Chunk>, Chunk) {
    let head = Head::decode(d);
    let n = d.varint() as usize;
    let policies = (0..n).map(|_| d.chunk()).collect();
    (head, policies, d.chunk())
}

/// The first string of a part (a policy's id), without decoding the rest.
pub fn first_str(table: &Table, chunk: Chunk) -> &'static str {
    table.decoder_at(chunk).str()
}
