//! The binary form in which the library embeds the policy data: build.rs encodes the
//! validated bundle, the library decodes it.
//!
//! - **Text**: one UTF-8 string table, each distinct string once, ended by a zero byte,
//!   grouped by script (all ASCII, mixed, mostly Chinese: each group compresses better
//!   among its own kind) and in first-use order within a group. It is included as a
//!   `str`, and strings are borrowed from it: nothing is copied or decoded.
//! - **Structure**: varints, a string as its number in the table; the head (kinds, facts,
//!   regions), then each policy and the registers as parts that can be decoded alone,
//!   when first needed.
//!
//! Decoding checks what it reads and panics, naming the place, on data that could not
//! have been written (the tests decode every byte of the embedded data).
//!
//! Compiled by build.rs too (which writes) and by the library (which reads), so it may
//! use only `super::schema`, `rust_decimal` and `std`.

use super::schema::*;
use super::tiers::*;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The text table's groups, by script.
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

/// What the encoder writes: the text table and the structure referring to it.
#[derive(Default)]
pub struct Encoder {
    /// Each group's strings, in first-use order.
    text: [Vec<String>; GROUPS],
    /// Each string written so far: its group and its place there.
    index: HashMap<String, (usize, usize)>,
    data: Vec<u8>,
}

impl Encoder {
    fn varint(&mut self, n: u64) {
        write_varint(&mut self.data, n);
    }

    /// A string met for the first time as its `group` alone (it is that group's next
    /// string: the groups are in first-use order), a string met before as
    /// `(place + 1) * 3 + group`. Most strings are met once, so most take one small code,
    /// which compresses much better than their places (docs/performance.md).
    fn str(&mut self, s: &str) {
        assert!(!s.contains('\0'), "a policy string holds U+0000, which ends strings in the table: {s:?}");
        let n = match self.index.get(s) {
            Some(&(g, k)) => (k + 1) * GROUPS + g,
            None => {
                let g = group(s);
                self.index.insert(s.to_string(), (g, self.text[g].len()));
                self.text[g].push(s.to_string());
                g
            }
        };
        self.varint(n as u64);
    }

    /// A part that can be decoded on its own, later: how many strings of each group came
    /// before it, its length in bytes, then the part.
    fn chunk(&mut self, f: impl FnOnce(&mut Encoder)) {
        let outer = std::mem::take(&mut self.data);
        let seen = self.text.each_ref().map(Vec::len);
        f(self);
        let part = std::mem::replace(&mut self.data, outer);
        seen.iter().for_each(|&n| self.varint(n as u64));
        self.varint(part.len() as u64);
        self.data.extend_from_slice(&part);
    }

    /// The text (each group's strings, each ended by a zero byte) and the structure,
    /// which starts with the number of strings in each group.
    pub fn finish(self) -> Encoded {
        let mut out = Encoded { text: String::new(), data: Vec::with_capacity(self.data.len() + 8) };
        for group in &self.text {
            write_varint(&mut out.data, group.len() as u64);
            for s in group {
                out.text.push_str(s);
                out.text.push('\0');
            }
        }
        out.data.extend_from_slice(&self.data);
        out
    }
}

/// What build.rs embeds: the text table and the structure.
pub struct Encoded {
    pub text: String,
    pub data: Vec<u8>,
}

/// Panics on embedded data that no encoder wrote: a build that embedded it is broken,
/// and an answer computed from it would be wrong.
#[cold]
#[track_caller]
fn corrupt(what: &str, pos: usize) -> ! {
    panic!("the embedded policy data is corrupt: {what} at byte {pos}")
}

/// The embedded text and structure, with where each string is.
pub struct Table {
    /// String `i` of each group is `strings[first[g] + i]`.
    strings: Vec<&'static str>,
    first: [usize; GROUPS],
    data: &'static [u8],
    /// Where the structure begins, after the group sizes.
    body: usize,
}

impl Table {
    pub fn new(text: &'static str, data: &'static [u8]) -> Table {
        let mut pos = 0;
        let (mut first, mut total) = ([0; GROUPS], 0);
        for f in &mut first {
            *f = total;
            total += read_varint(data, &mut pos) as usize;
        }
        let mut strings: Vec<&'static str> = text.split_terminator('\0').collect();
        if strings.len() != total {
            corrupt(&format!("{} strings in the text, {total} in the structure", strings.len()), pos);
        }
        strings.shrink_to_fit();
        Table { strings, first, data, body: pos }
    }

    /// How many strings the table holds.
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    /// Reads from the start of the structure.
    pub fn decoder(&'static self) -> Decoder {
        Decoder { table: self, pos: self.body, seen: [0; GROUPS] }
    }

    /// Reads one part, wherever it is.
    pub fn decoder_at(&'static self, chunk: Chunk) -> Decoder {
        Decoder { table: self, pos: chunk.pos, seen: chunk.seen }
    }
}

/// Where a part written by [`Encoder::chunk`] begins, and how many strings of each group
/// came before it.
#[derive(Clone, Copy, Debug)]
pub struct Chunk {
    pos: usize,
    seen: [usize; GROUPS],
}

fn read_varint(data: &[u8], pos: &mut usize) -> u64 {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let Some(&byte) = data.get(*pos) else { corrupt("data ends inside a number", *pos) };
        *pos += 1;
        n |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return n;
        }
    }
    corrupt("a number longer than 64 bits", *pos)
}

/// Reads what [`Encoder`] wrote, taking the strings from the table.
pub struct Decoder {
    table: &'static Table,
    pos: usize,
    /// How many strings of each group were met so far: the next new one is this one.
    seen: [usize; GROUPS],
}

impl Decoder {
    fn varint(&mut self) -> u64 {
        read_varint(self.table.data, &mut self.pos)
    }

    /// A length or a count, which cannot be more than the bytes left.
    fn len(&mut self) -> usize {
        let n = self.varint();
        usize::try_from(n).ok().filter(|&n| n <= self.table.data.len() - self.pos).unwrap_or_else(|| corrupt("a length past the end", self.pos))
    }

    fn str(&mut self) -> &'static str {
        let n = self.varint() as usize;
        let g = n % GROUPS;
        let place = match n / GROUPS {
            0 => {
                self.seen[g] += 1;
                self.seen[g] - 1
            }
            k => k - 1,
        };
        let t = self.table;
        let end = t.first.get(g + 1).copied().unwrap_or(t.strings.len());
        t.first[g].checked_add(place).filter(|&i| i < end).map(|i| t.strings[i]).unwrap_or_else(|| corrupt("a string number past its group", self.pos))
    }

    /// A flag written as 0 or 1.
    fn flag(&mut self) -> bool {
        match self.varint() {
            0 => false,
            1 => true,
            _ => corrupt("a flag other than 0 or 1", self.pos),
        }
    }

    /// Skips a part, returning where it is.
    pub fn chunk(&mut self) -> Chunk {
        let seen = [(); GROUPS].map(|_| self.varint() as usize);
        let len = self.len();
        let chunk = Chunk { pos: self.pos, seen };
        self.pos += len;
        chunk
    }

    /// Enters a part in place (the whole bundle is read in order, so `seen` is right).
    fn enter(&mut self) {
        for _ in 0..GROUPS {
            self.varint();
        }
        self.len();
    }

    /// True once every byte and every string was read: the decoder and encoder agreed
    /// on the layout.
    pub fn done(&self) -> bool {
        let t = self.table;
        self.pos == t.data.len() && (0..GROUPS).all(|g| t.first[g] + self.seen[g] == t.first.get(g + 1).copied().unwrap_or(t.strings.len()))
    }
}

/// A value of the schema in the binary form.
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

impl<T: Codec> Codec for Vec<T> {
    fn encode(&self, e: &mut Encoder) {
        e.varint(self.len() as u64);
        self.iter().for_each(|x| x.encode(e));
    }
    fn decode(d: &mut Decoder) -> Self {
        let n = d.len();
        (0..n).map(|_| T::decode(d)).collect()
    }
}

impl<T: Codec> Codec for Option<T> {
    fn encode(&self, e: &mut Encoder) {
        e.varint(u64::from(self.is_some()));
        if let Some(x) = self {
            x.encode(e);
        }
    }
    fn decode(d: &mut Decoder) -> Self {
        d.flag().then(|| T::decode(d))
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
    fn decode(d: &mut Decoder) -> Self {
        let n = d.len();
        let entries: Vec<(Str, V)> = (0..n).map(|_| (Str::decode(d), V::decode(d))).collect();
        if !entries.windows(2).all(|w| w[0].0 < w[1].0) {
            corrupt("map keys out of order", d.pos);
        }
        Map::from_sorted(entries)
    }
}

impl<T: Codec> Codec for Box<T> {
    fn encode(&self, e: &mut Encoder) {
        (**self).encode(e);
    }
    fn decode(d: &mut Decoder) -> Self {
        Box::new(T::decode(d))
    }
}

impl Codec for bool {
    fn encode(&self, e: &mut Encoder) {
        e.varint(u64::from(*self));
    }
    fn decode(d: &mut Decoder) -> Self {
        d.flag()
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
        u32::try_from(d.varint()).unwrap_or_else(|_| corrupt("a u32 out of range", d.pos))
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
        let scale = u32::decode(d);
        Decimal::try_new(m, scale).unwrap_or_else(|_| corrupt("a decimal scale out of range", d.pos))
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
                let i = d.varint();
                *usize::try_from(i).ok().and_then(|i| ALL.get(i)).unwrap_or_else(|| corrupt(concat!("no such ", stringify!($t)), d.pos))
            }
        }
    )*};
}

codec_enum! {
    FieldType { Enum, Integer, Yuan, Bool, Text, Date }
    FactType { Bool, Months }
    Basis { Fixed, Cap }
    LimitType { AnnualCap, MaxCount, MaxCategories, SeriesAsOne, HighestOnly, PriorLevel }
    PriorMode { Difference, FullIfLower }
    GroupMissing { Apart, Together }
    Stage { Evaluation, Title, Reward }
    SearchMode { None, Contains, Both }
    InputType { Yuan, SignedYuan, Percent, Count, Years, Points, Bool, Choice }
    Formula { Ratio, Growth, GrowthAvg, Mean }
    WindowShape { PreviousYear, SameYear, RecentYears, Since, InForce, WithinAfter }
    DeadlineShape { YearlyDay, YearlyMonths, AfterDate, Announced, YearRound }
}

/// Structs field by field; the decoder builds a struct literal, so a field added to the
/// schema and not listed here fails to compile. Fields after `;` are derived from the
/// others once decoded (not stored): they decode as their default.
macro_rules! codec_struct {
    ($($t:ident { $($f:ident),* $(,)? $(; $($derived:ident),*)? })*) => {$(
        impl Codec for $t {
            fn encode(&self, e: &mut Encoder) {
                $( self.$f.encode(e); )*
            }
                    fn decode(d: &mut Decoder) -> Self {
                $t { $( $f: Codec::decode(d), )* $($( $derived: Default::default(), )*)? }
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
    RegionDef { id, name, province, policies, versions, level_aliases }
    VersionDef { old, new, from }
    SupersedesDef { policy, from, clause, quote }
    PolicyDef { id, region, source, title, issuer, issued, effective, expires, validity, window, deadline, supersedes, scope, rule, condition, limit, notice, benefit, gap, eligibility, material, step, materials_elsewhere }
    Citation { clause, quote, note }
    WindowDef { id, select, shape, years, from, text, clause, quote, note }
    DeadlineDef { id, select, shape, month, day, from_month, to_month, years, text, clause, quote }
    RuleDef { id, category, clause, quote, when, basis, amount, percent, of, of_field, max, limit_to_field, limit_quote, note }
    Selector { kind, category, rule, when, except }
    ConditionDef { id, select, field, min, max, equals, text, clause, quote }
    LimitDef { id, ty, select, amount, raised_amount, raised_when, max, group_by, group_missing, compare, mode, text, clause, quote, note }
    CompareDef { earlier, now }
    NoticeDef { id, select, text, clause, quote }
    BenefitDef { id, text, clause, quote }
    GapDef { id, when, text, clause, quote, note }
    EligibilityDef { id, fact, stage, min, max, equals, relaxed, text, clause, quote, note }
    RelaxedDef { fact, min, max }
    RegisterDef { id, title, source, clause, quote, from, to, key, columns, rows, notes }
    ColumnDef { id, name, search, carry }
    RowNote { row, text }
    SectionDef { id, name }
    InputDef { id, ty, section, name, doc, part_of, max, choice, clause, quote }
    ChoiceDef { id, name }
    MeasureDef { id, name, formula, of, slots, clause, quote; deps }
    Test { measure, slot, min, max, is, equals, tier, all, any; deps, number }
    CondDef { id, text, clause, quote, test, note }
    TierDef { id, name, clause, quote, total, total_quote, group, indicator, condition, general, direct; deps }
    GroupDef { id, name, max, quote, min, min_quote }
    IndicatorDef { id, group, name, max, clause, quote, measure, slot, band, per, each, items, given; deps, number }
    BandDef { points, quote, when }
    ItemDef { measure, slot, quote }
}

/// The scheme's inputs read by each test are derived once it is decoded ([`depend`]).
impl Codec for SmeScheme {
    fn encode(&self, e: &mut Encoder) {
        let SmeScheme { id, source, title, issuer, effective, validity, section, input, measure, condition, tier, notice, tests: _, indicators: _ } = self;
        id.encode(e);
        source.encode(e);
        title.encode(e);
        issuer.encode(e);
        effective.encode(e);
        validity.encode(e);
        section.encode(e);
        input.encode(e);
        measure.encode(e);
        condition.encode(e);
        tier.encode(e);
        notice.encode(e);
    }
    fn decode(d: &mut Decoder) -> Self {
        // Fields are read in the order written.
        let mut s = SmeScheme {
            id: Codec::decode(d),
            source: Codec::decode(d),
            title: Codec::decode(d),
            issuer: Codec::decode(d),
            effective: Codec::decode(d),
            validity: Codec::decode(d),
            section: Codec::decode(d),
            input: Codec::decode(d),
            measure: Codec::decode(d),
            condition: Codec::decode(d),
            tier: Codec::decode(d),
            notice: Codec::decode(d),
            tests: 0,
            indicators: 0,
        };
        depend(&mut s);
        s
    }
}

/// The application checklists' types: the wasm modules never embed them (build.rs strips
/// them; the package reads `pkg/checklists.json`), so there a decoder only says that such
/// data cannot be there, which spares each module their decoding code (≈1 KB raw).
macro_rules! codec_native_struct {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl Codec for $t {
            fn encode(&self, e: &mut Encoder) {
                $( self.$f.encode(e); )*
            }
            #[cfg(not(target_arch = "wasm32"))]
            fn decode(d: &mut Decoder) -> Self {
                $t { $( $f: Codec::decode(d), )* }
            }
            #[cfg(target_arch = "wasm32")]
            fn decode(d: &mut Decoder) -> Self {
                corrupt(concat!("a ", stringify!($t), " in a wasm module's data"), d.pos)
            }
        }
    )*};
}

codec_native_struct! {
    MaterialDef { id, text, clause, quote, select, note }
    StepDef { id, text, clause, quote, note }
    ElsewhereDef { text, clause, quote }
}

impl Codec for OneOrMany {
    fn encode(&self, e: &mut Encoder) {
        match self {
            OneOrMany::One(s) => {
                e.varint(0);
                s.encode(e);
            }
            OneOrMany::Many(v) => {
                e.varint(1);
                v.encode(e);
            }
        }
    }
    fn decode(d: &mut Decoder) -> Self {
        match d.flag() {
            false => OneOrMany::One(Str::decode(d)),
            true => OneOrMany::Many(Vec::decode(d)),
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
        e.chunk(|e| self.sme.encode(e));
    }
    fn decode(d: &mut Decoder) -> Self {
        let head = Head::decode(d);
        let n = d.len();
        let policies = (0..n)
            .map(|_| {
                d.enter();
                PolicyDef::decode(d)
            })
            .collect();
        d.enter();
        let registers = Vec::decode(d);
        d.enter();
        Bundle::from_parts(head, policies, registers, Option::decode(d))
    }
}

/// The head of the bundle, and where its policies, registers and SME scheme are.
pub fn decode_parts(d: &mut Decoder) -> (Head, Vec<Chunk>, Chunk, Chunk) {
    let head = Head::decode(d);
    let n = d.len();
    let policies = (0..n).map(|_| d.chunk()).collect();
    let registers = d.chunk();
    (head, policies, registers, d.chunk())
}

/// The first string of a part (a policy's id), without decoding the rest.
pub fn first_str(table: &'static Table, chunk: Chunk) -> &'static str {
    table.decoder_at(chunk).str()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn table_of(e: Encoder) -> &'static Table {
        let out = e.finish();
        Box::leak(Box::new(Table::new(out.text.leak(), out.data.leak())))
    }

    /// Strings of every script come back as written, repeated ones by one number.
    #[test]
    fn strings_round_trip() {
        let strings = ["", "abc", "一二三", "mixed 一", "“引号” 𠀀😀", "abc", "一二三"];
        let mut e = Encoder::default();
        strings.iter().for_each(|s| Str::from(*s).encode(&mut e));
        assert_eq!(e.index.len(), 5, "each distinct string once");
        let t = table_of(e);
        let mut d = t.decoder();
        for s in strings {
            assert_eq!(Str::decode(&mut d), s);
        }
        assert!(d.done());
    }

    fn decode_bytes<T: Codec>(strings: usize, data: &[u8]) -> T {
        let mut e = Encoder::default();
        (0..strings).for_each(|i| Str::from(format!("s{i}")).encode(&mut e));
        let out = e.finish();
        let mut head = out.data.clone();
        head.truncate(GROUPS); // the group sizes (each one byte here)
        head.extend_from_slice(data);
        let t = Box::leak(Box::new(Table::new(out.text.leak(), head.leak())));
        T::decode(&mut t.decoder())
    }

    /// Impossible data fails loudly, naming what is wrong, instead of decoding as a
    /// default value.
    #[test]
    fn impossible_data_panics_with_its_place() {
        let cases: [(&str, fn()); 7] = [
            ("a string number past its group", || {
                let _ = decode_bytes::<Str>(2, &[3 * GROUPS as u8]);
            }),
            ("data ends inside a number", || {
                let _ = decode_bytes::<i64>(0, &[0x80]);
            }),
            ("a length past the end", || {
                let _ = decode_bytes::<Vec<bool>>(0, &[5, 0]);
            }),
            ("a flag other than 0 or 1", || {
                let _ = decode_bytes::<bool>(0, &[2]);
            }),
            ("no such Basis", || {
                let _ = decode_bytes::<Basis>(0, &[7]);
            }),
            ("a decimal scale out of range", || {
                let _ = decode_bytes::<Decimal>(0, &[2, 60]);
            }),
            ("map keys out of order", || {
                let _ = decode_bytes::<Map<bool>>(2, &[2, 2 * GROUPS as u8, 0, GROUPS as u8, 0]);
            }),
        ];
        for (what, f) in cases {
            let err = std::panic::catch_unwind(f).expect_err(what);
            let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
            assert!(msg.contains(what) && msg.contains("at byte"), "{what}: {msg}");
        }
        // And the well-formed neighbours decode.
        assert_eq!(decode_bytes::<Str>(2, &[2 * GROUPS as u8]), "s1");
        assert_eq!(decode_bytes::<Str>(2, &[0]), "s0", "a new string is its group's next");
        assert!(decode_bytes::<bool>(0, &[1]));
        assert_eq!(decode_bytes::<Decimal>(0, &[2, 1]), Decimal::new(1, 1));
    }
}
