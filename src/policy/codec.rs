//! The compact binary form in which the library embeds the policy data: build.rs
//! encodes the validated bundle, the library decodes it. Text is kept apart, each
//! distinct string once, ended by a zero byte (1 KB of gzip, where a table of lengths
//! took 5 KB):
//! - the ASCII strings in a `str` of their own, included as it is: nothing checks or
//!   copies it at start-up;
//! - the others, mixed then mostly Chinese (gzip codes each script better among its own
//!   kind), each group in first-use order, in a code of their own ([`Charset`]): the 120
//!   most frequent characters in one byte, the rest in two, instead of UTF-8's three.
//!   gzip then sees a third less text, with steadier statistics: the text went from
//!   76.1 KB gzip with its lengths to 64.2 KB with its character table.
//!
//! Strings are read in segments of about 2 KB, when one of them is first needed: the
//! head's strings are a few segments, a first estimate's region a few more. Nothing scans
//! or decodes the whole text.
//!
//! The structure follows as varints: the head (kinds, facts, regions), then each policy and
//! the registers as parts that can be decoded alone, when first needed. Measured against
//! the alternatives (bench/wasm.mjs): serde JSON embedded cost 100 KB of deserializer
//! code and 20–30 ms to parse in wasm; static Rust values cost 150 KB gzip of pointers.
//!
//! Compiled by build.rs too (which writes) and by the library (which reads), so it may
//! use only `super::schema`, `rust_decimal` and `std`.

use super::schema::*;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

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

/// How many non-ASCII characters get a one-byte code (0x80 + rank). Measured on the
/// data: 96 gave 64.5 KB gzip, 112 64.3, 120 64.2 (tables included).
const ONE_BYTE_CODES: usize = 120;

/// The code of the non-ASCII characters. ASCII stays itself (a byte below 0x80). The
/// `one` most frequent characters are one byte, `0x80 + rank`; the others, in code-point
/// order (their table compresses to deltas), are two: `0x80 + one + (j >> 7)` then
/// `0x80 | (j & 0x7f)`. No code contains a zero byte, which ends each string.
pub struct Charset {
    chars: Vec<char>,
    one: usize,
    /// Each character's UTF-8 (length, bytes), for decoding.
    utf8: Vec<Utf8>,
    /// What each byte codes on its own: ASCII and the one-byte codes; length 0 for the
    /// zero byte and the first bytes of two-byte codes.
    by_byte: Vec<Utf8>,
}

impl Charset {
    /// The code for these strings.
    fn of<'a>(strings: impl Iterator<Item = &'a str>) -> Charset {
        let mut count: HashMap<char, usize> = HashMap::new();
        for c in strings.flat_map(str::chars).filter(|c| !c.is_ascii()) {
            *count.entry(c).or_default() += 1;
        }
        let mut chars: Vec<(char, usize)> = count.into_iter().collect();
        chars.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut chars: Vec<char> = chars.into_iter().map(|(c, _)| c).collect();
        // Fewer one-byte codes leave more lead bytes for two-byte ones.
        let mut one = ONE_BYTE_CODES.min(chars.len());
        while one > 0 && (128 - one) * 128 < chars.len() - one {
            one -= 1;
        }
        assert!((128 - one) * 128 >= chars.len() - one, "more distinct characters than the text code holds");
        chars[one..].sort_unstable();
        Charset { chars, one, utf8: Vec::new(), by_byte: Vec::new() }
    }

    fn write(&self, out: &mut Vec<u8>) {
        write_varint(out, self.chars.len() as u64);
        write_varint(out, self.one as u64);
        let mut prev = 0;
        for (i, &c) in self.chars.iter().enumerate() {
            // The frequent ones as they are, the others as the step from the one before.
            let n = if i < self.one { u32::from(c) } else { u32::from(c) - prev };
            write_varint(out, u64::from(n));
            prev = if i < self.one { 0 } else { u32::from(c) };
        }
    }

    #[cfg_attr(target_arch = "wasm32", optimize(size))]
    fn read(data: &[u8], pos: &mut usize) -> Charset {
        let n = read_varint(data, pos) as usize;
        let one = read_varint(data, pos) as usize;
        let mut prev = 0;
        let chars: Vec<char> = (0..n)
            .map(|i| {
                let v = read_varint(data, pos) as u32;
                let c = if i < one { v } else { prev + v };
                prev = if i < one { 0 } else { c };
                char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER)
            })
            .collect();
        let utf8: Vec<Utf8> = chars
            .iter()
            .map(|c| {
                let mut units = [0; 4];
                (c.encode_utf8(&mut units).len() as u8, units)
            })
            .collect();
        let by_byte = (0..=255u8)
            .map(|b| match b {
                0 => (0, [0; 4]),
                1..0x80 => (1, [b, 0, 0, 0]),
                _ => utf8.get(usize::from(b - 0x80)).filter(|_| usize::from(b - 0x80) < one).copied().unwrap_or((0, [0; 4])),
            })
            .collect();
        Charset { chars, one, utf8, by_byte }
    }

    fn encode(&self, s: &str, position: &HashMap<char, usize>, out: &mut Vec<u8>) {
        for c in s.chars() {
            assert!(c != '\0', "a policy string holds U+0000, which ends strings in the table: {s:?}");
            match position.get(&c) {
                None => out.push(c as u8), // ASCII
                Some(&p) if p < self.one => out.push(0x80 + p as u8),
                Some(&p) => {
                    let j = p - self.one;
                    out.extend([(0x80 + self.one + (j >> 7)) as u8, 0x80 | (j & 0x7f) as u8]);
                }
            }
        }
    }

    /// The UTF-8 these bytes code, zero bytes included, noting where each falls. Each
    /// character's UTF-8 comes from a table made once and is stored four bytes at a
    /// time, its length then counted: a third of the instructions of pushing `char`s.
    /// Whatever the bytes, the result is UTF-8: ASCII bytes, and whole encodings of
    /// `char`s (U+FFFD for a code with no character).
    fn decode(&self, bytes: &[u8], zeros: &mut Vec<u32>) -> Vec<u8> {
        // A byte codes at most 4 bytes of UTF-8; with room for the last four-byte store.
        let mut out = vec![0; bytes.len() * 4 + 4];
        let (mut n, mut it) = (0, bytes.iter());
        while let Some(&b) = it.next() {
            let (mut len, mut units) = self.by_byte[usize::from(b)];
            if len == 0 {
                if b == 0 {
                    zeros.push(n as u32);
                    (len, units) = (1, [0; 4]);
                } else {
                    let j = (usize::from(b) - 0x80).saturating_sub(self.one) << 7 | it.next().map_or(0, |&lo| usize::from(lo & 0x7f));
                    (len, units) = self.utf8.get(self.one + j).copied().unwrap_or((3, *b"\xef\xbf\xbd\0"));
                }
            }
            if let Some(slot) = out.get_mut(n..n + 4) {
                slot.copy_from_slice(&units);
            }
            n += usize::from(len);
        }
        out.truncate(n);
        out
    }
}

/// A character's UTF-8: its length, and its bytes.
type Utf8 = (u8, [u8; 4]);

/// What the encoder writes: the text table and the structure referring to it.
#[derive(Default)]
pub struct Encoder {
    /// Each group's strings, in first-use order.
    text: [Vec<String>; GROUPS],
    data: Vec<u8>,
    /// Where each string already written is: its group, and its place there.
    index: HashMap<String, (usize, usize)>,
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
        let Some(&byte) = data.get(*pos) else { break };
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

    /// A string as `group` when it is new (the group's next string), else as
    /// `(place + 1) * 3 + group`: a string repeated keeps one code, which gzip finds again
    /// (2.3 KB less gzip in the module than a distance back from the group's end, which
    /// changes as the group grows).
    fn str(&mut self, s: &str) {
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

    /// The text, and the data: each group's segments (strings, bytes), the character
    /// code, the structure.
    pub fn finish(self) -> Encoded {
        let charset = Charset::of(self.text.iter().flatten().map(String::as_str));
        let position: HashMap<char, usize> = charset.chars.iter().enumerate().map(|(i, &c)| (c, i)).collect();
        let mut out = Encoded { ascii: String::new(), coded: Vec::new(), data: Vec::with_capacity(self.data.len() + 4096) };
        let mut count = 0;
        for (g, group) in self.text.iter().enumerate() {
            let mut segments: Vec<(usize, usize)> = Vec::new(); // (strings, bytes)
            for s in group {
                let bytes = if g == 0 {
                    out.ascii.push_str(s);
                    out.ascii.push('\0');
                    s.len() + 1
                } else {
                    let start = out.coded.len();
                    charset.encode(s, &position, &mut out.coded);
                    out.coded.push(0);
                    out.coded.len() - start
                };
                match segments.last_mut() {
                    Some(seg) if seg.1 < SEGMENT_BYTES => *seg = (seg.0 + 1, seg.1 + bytes),
                    _ => segments.push((1, bytes)),
                }
            }
            count += segments.len();
            assert!(count <= usize::from(u16::MAX), "more text segments than `Table::segment_of` numbers");
            write_varint(&mut out.data, segments.len() as u64);
            for (strings, bytes) in segments {
                write_varint(&mut out.data, strings as u64);
                write_varint(&mut out.data, bytes as u64);
            }
        }
        charset.write(&mut out.data);
        out.data.extend_from_slice(&self.data);
        out
    }
}

/// What build.rs embeds: the ASCII strings as they are (included as `str`, so neither
/// checked nor copied at start-up), the others in the character code, and the data.
pub struct Encoded {
    pub ascii: String,
    pub coded: Vec<u8>,
    pub data: Vec<u8>,
}

/// The embedded text and data, with where each string is. Strings are numbered in text
/// order: group 0, then 1, then 2.
pub struct Table {
    ascii: &'static str,
    coded: &'static [u8],
    data: &'static [u8],
    /// The number of each group's first string, and one past the last string.
    first: [usize; GROUPS + 1],
    /// Runs of strings, in text order, read together when one of them is first needed.
    segments: Vec<Segment>,
    /// Each string's segment.
    segment_of: Vec<u16>,
    charset: Charset,
    /// (address of its text, index) of each decoded segment, sorted: to tell a string by
    /// its address.
    by_address: Mutex<Vec<(usize, usize)>>,
    /// Where the structure begins, after the segments and the character code.
    body: usize,
}

/// About this many bytes of text per segment. Nothing scans or decodes the text at
/// start-up: the head's strings are a few segments, a first estimate's a few more.
const SEGMENT_BYTES: usize = 2048;

struct Segment {
    /// The number of its first string.
    first: usize,
    /// Its bytes in `ascii` (group 0) or in `coded` (groups 1 and 2).
    start: u32,
    end: u32,
    coded: bool,
    read: OnceLock<Segmented>,
}

/// Where the zero bytes are, found a word at a time (ASCII segments are scanned, not
/// decoded).
fn zeros_of(bytes: &[u8], zeros: &mut Vec<u32>) {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let words = bytes.chunks_exact(8);
    let tail = bytes.len() - words.remainder().len();
    for (w, word) in words.enumerate() {
        let x = u64::from_le_bytes(word.try_into().unwrap_or_default());
        // A high bit for each zero byte (and, rarely, a 0x01 after one: checked below).
        let mut found = x.wrapping_sub(LOW) & !x & HIGH;
        while found != 0 {
            let i = found.trailing_zeros() as usize / 8;
            if word[i] == 0 {
                zeros.push((w * 8 + i) as u32);
            }
            found &= found - 1;
        }
    }
    zeros.extend((tail..bytes.len()).filter(|&i| bytes[i] == 0).map(|i| i as u32));
}

/// A segment's text, each string ended by a zero byte, and where these lie.
struct Segmented {
    text: Cow<'static, str>,
    zeros: Vec<u32>,
}

impl Segmented {
    /// The range of its `j`th string.
    fn range(&self, j: usize) -> Option<(usize, usize)> {
        let end = *self.zeros.get(j)? as usize;
        Some((if j == 0 { 0 } else { self.zeros[j - 1] as usize + 1 }, end))
    }
}

/// Where a part written by [`Encoder::chunk`] begins, and how many strings of each group
/// came before.
#[derive(Clone, Copy, Debug)]
pub struct Chunk {
    pos: usize,
    seen: [usize; GROUPS],
}

impl Table {
    #[cfg_attr(target_arch = "wasm32", optimize(size))]
    pub fn new(ascii: &'static str, coded: &'static [u8], data: &'static [u8]) -> Table {
        let mut pos = 0;
        let (mut first, mut segments, mut segment_of, mut string, mut byte) = ([0; GROUPS + 1], Vec::new(), Vec::new(), 0, 0);
        for g in 0..GROUPS {
            for _ in 0..read_varint(data, &mut pos) {
                let (strings, bytes) = (read_varint(data, &mut pos) as usize, read_varint(data, &mut pos) as u32);
                segment_of.extend(std::iter::repeat_n(segments.len() as u16, strings));
                segments.push(Segment { first: string, start: byte, end: byte + bytes, coded: g > 0, read: OnceLock::new() });
                string += strings;
                byte += bytes;
            }
            first[g + 1] = string;
            if g == 0 {
                byte = 0; // the coded text starts
            }
        }
        let charset = Charset::read(data, &mut pos);
        Table { ascii, coded, data, first, segments, segment_of, charset, by_address: Mutex::default(), body: pos }
    }

    /// String `i` of the table.
    pub fn get(&'static self, i: usize) -> &'static str {
        let k = self.segment_of.get(i).map_or(usize::MAX, |&k| usize::from(k));
        let Some(seg) = self.segments.get(k) else {
            return "";
        };
        let read = seg.read.get_or_init(|| self.read(k));
        read.range(i - seg.first).and_then(|(start, end)| read.text.get(start..end)).unwrap_or_default()
    }

    fn read(&self, k: usize) -> Segmented {
        let seg = &self.segments[k];
        let range = seg.start as usize..seg.end as usize;
        let mut zeros = Vec::new();
        if !seg.coded {
            let text = self.ascii.get(range).unwrap_or_default();
            zeros_of(text.as_bytes(), &mut zeros);
            return Segmented { text: Cow::Borrowed(text), zeros };
        }
        let bytes = self.coded.get(range).unwrap_or_default();
        let mut utf8 = self.charset.decode(bytes, &mut zeros);
        utf8.shrink_to_fit();
        // SAFETY: `Charset::decode` writes only ASCII bytes and whole UTF-8 encodings of
        // `char`s, whatever its input (the property `decoded_bytes_are_always_utf8`
        // tests). Checking it again took as long as decoding, at every start-up.
        let text = unsafe { String::from_utf8_unchecked(utf8) };
        // Its heap text stays where it is when the segment moves into its cell.
        let address = text.as_ptr() as usize;
        let mut by_address = self.by_address.lock().unwrap_or_else(PoisonError::into_inner);
        let at = by_address.partition_point(|&(a, _)| a < address);
        by_address.insert(at, (address, k));
        Segmented { text: Cow::Owned(text), zeros }
    }

    /// How many strings the table holds.
    pub fn len(&self) -> usize {
        self.first[GROUPS]
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Which string of the table `s` is, by address: only the table's own strings, as
    /// [`Table::get`] gave them, are found; equal text elsewhere is not.
    pub fn index_of(&'static self, s: &str) -> Option<usize> {
        let address = s.as_ptr() as usize;
        let k = match address.checked_sub(self.ascii.as_ptr() as usize).filter(|&o| o < self.ascii.len()) {
            Some(offset) => self.segments.partition_point(|seg| !seg.coded && seg.start as usize <= offset).checked_sub(1)?,
            None => {
                let by_address = self.by_address.lock().unwrap_or_else(PoisonError::into_inner);
                by_address[..by_address.partition_point(|&(a, _)| a <= address)].last()?.1
            }
        };
        let (seg, read) = (&self.segments[k], self.segments[k].read.get()?);
        // Within this segment's text.
        let offset = address.checked_sub(read.text.as_ptr() as usize).filter(|&o| o < read.text.len())?;
        let j = read.zeros.partition_point(|&z| (z as usize) < offset);
        let (start, end) = read.range(j)?;
        (start == offset && end - start == s.len()).then_some(seg.first + j)
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

/// Reads what [`Encoder`] wrote, taking the strings from the table.
pub struct Decoder {
    table: &'static Table,
    pos: usize,
    /// How many strings of each group were met so far: the next new one is this one.
    seen: [usize; GROUPS],
}

// Not inlined: every `Codec::decode` calls these, and each copy would cost more bytes
// than the call (decoding runs once per part).
impl Decoder {
    #[inline(never)]
    fn varint(&mut self) -> u64 {
        read_varint(self.table.data, &mut self.pos)
    }

    #[inline(never)]
    fn str(&mut self) -> &'static str {
        let n = self.varint() as usize;
        let g = n % GROUPS;
        let k = match n / GROUPS {
            0 => {
                self.seen[g] += 1;
                self.seen[g] - 1
            }
            place => place - 1,
        };
        self.table.get(self.table.first[g].wrapping_add(k))
    }

    /// Skips a part, returning where it is.
    pub fn chunk(&mut self) -> Chunk {
        let seen = [(); GROUPS].map(|_| self.varint() as usize);
        let len = self.varint() as usize;
        let chunk = Chunk { pos: self.pos, seen };
        self.pos += len;
        chunk
    }

    /// Enters a part in place (the whole bundle is read in order).
    fn enter(&mut self) {
        for _ in 0..=GROUPS {
            self.varint();
        }
    }

    /// True once every byte and every string was read: the decoder and encoder agreed
    /// on the layout.
    pub fn done(&self) -> bool {
        let t = self.table;
        self.pos == t.data.len() && (0..GROUPS).all(|g| self.seen[g] == t.first[g + 1] - t.first[g])
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
    #[cfg_attr(target_arch = "wasm32", optimize(size))]
    fn decode(d: &mut Decoder) -> Self {
        Str::from_static(d.str())
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn encode(&self, e: &mut Encoder) {
        e.varint(self.len() as u64);
        self.iter().for_each(|x| x.encode(e));
    }
    #[cfg_attr(target_arch = "wasm32", optimize(size))]
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
    #[cfg_attr(target_arch = "wasm32", optimize(size))]
    fn decode(d: &mut Decoder) -> Self {
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
    #[cfg_attr(target_arch = "wasm32", optimize(size))]
    fn decode(d: &mut Decoder) -> Self {
        let n = d.varint() as usize;
        // Written in key order, so read back sorted.
        Map::from_sorted((0..n).map(|_| (Str::decode(d), V::decode(d))).collect())
    }
}

impl<T: Codec> Codec for Box<T> {
    fn encode(&self, e: &mut Encoder) {
        (**self).encode(e);
    }
    #[cfg_attr(target_arch = "wasm32", optimize(size))]
    fn decode(d: &mut Decoder) -> Self {
        Box::new(T::decode(d))
    }
}

impl Codec for bool {
    fn encode(&self, e: &mut Encoder) {
        e.data.push(u8::from(*self));
    }
    #[cfg_attr(target_arch = "wasm32", optimize(size))]
    fn decode(d: &mut Decoder) -> Self {
        d.varint() != 0
    }
}

/// Signed numbers zigzag-encoded, so small negatives stay small.
impl Codec for i64 {
    fn encode(&self, e: &mut Encoder) {
        e.varint(((self << 1) ^ (self >> 63)) as u64);
    }
    #[cfg_attr(target_arch = "wasm32", optimize(size))]
    fn decode(d: &mut Decoder) -> Self {
        let n = d.varint();
        (n >> 1) as i64 ^ -((n & 1) as i64)
    }
}

impl Codec for u32 {
    fn encode(&self, e: &mut Encoder) {
        e.varint(u64::from(*self));
    }
    #[cfg_attr(target_arch = "wasm32", optimize(size))]
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
    #[cfg_attr(target_arch = "wasm32", optimize(size))]
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
            #[cfg_attr(target_arch = "wasm32", optimize(size))]
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
            #[cfg_attr(target_arch = "wasm32", optimize(size))]
            fn decode(d: &mut Decoder) -> Self {
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
    #[cfg_attr(target_arch = "wasm32", optimize(size))]
    fn decode(d: &mut Decoder) -> Self {
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
    #[cfg_attr(target_arch = "wasm32", optimize(size))]
    fn decode(d: &mut Decoder) -> Self {
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
pub fn decode_parts(d: &mut Decoder) -> (Head, Vec<Chunk>, Chunk) {
    let head = Head::decode(d);
    let n = d.varint() as usize;
    let policies = (0..n).map(|_| d.chunk()).collect();
    (head, policies, d.chunk())
}

/// The first string of a part (a policy's id), without decoding the rest.
pub fn first_str(table: &'static Table, chunk: Chunk) -> &'static str {
    table.decoder_at(chunk).str()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text with two-byte codes (more characters than one byte holds), characters of
    /// 2, 3 and 4 bytes of UTF-8, and ASCII.
    fn sample() -> Vec<String> {
        let mut strings: Vec<String> = (0..1500u32).map(|i| format!("#{i}: {}", char::from_u32(0x4e00 + i).unwrap())).collect();
        strings.push("一一一一 é·× “引号” 𠀀😀 一二".to_string());
        strings.push(String::new());
        strings
    }

    fn charset_of(strings: &[String]) -> Charset {
        let made = Charset::of(strings.iter().map(String::as_str));
        let mut table = Vec::new();
        made.write(&mut table);
        let mut pos = 0;
        let read = Charset::read(&table, &mut pos);
        assert_eq!((read.chars.clone(), read.one, pos), (made.chars.clone(), made.one, table.len()));
        read
    }

    #[test]
    fn every_character_round_trips() {
        let strings = sample();
        let charset = charset_of(&strings);
        assert!(charset.one < ONE_BYTE_CODES && charset.chars.len() > 1500, "two-byte codes are used");
        let position: HashMap<char, usize> = charset.chars.iter().enumerate().map(|(i, &c)| (c, i)).collect();
        let mut coded = Vec::new();
        for s in &strings {
            charset.encode(s, &position, &mut coded);
            coded.push(0);
        }
        let mut zeros = Vec::new();
        let decoded = String::from_utf8(charset.decode(&coded, &mut zeros)).unwrap();
        assert_eq!(decoded, strings.iter().map(|s| format!("{s}\0")).collect::<String>());
        assert_eq!(zeros.len(), strings.len());
        assert!(coded.len() < decoded.len(), "the code is shorter than UTF-8");
    }

    proptest! {
        /// What makes `Table::read`'s unchecked conversion sound: any bytes decode to
        /// UTF-8, without panicking.
        #[test]
        fn decoded_bytes_are_always_utf8(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            static CHARSET: OnceLock<Charset> = OnceLock::new();
            let charset = CHARSET.get_or_init(|| charset_of(&sample()));
            let mut zeros = Vec::new();
            let decoded = charset.decode(&bytes, &mut zeros);
            prop_assert!(std::str::from_utf8(&decoded).is_ok());
            prop_assert!(zeros.iter().all(|&z| decoded[z as usize] == 0));
        }
    }
}
