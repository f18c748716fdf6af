//! JSON text written straight as UTF-16 code units, for the wasm face: JS makes a
//! string of them with a copy, where decoding UTF-8 cost more than the engine itself
//! (bench/wasm.mjs). The output is exactly serde_json's compact text (a test holds it to
//! that on every case), written in one pass instead of escaping then transcoding.

use serde::ser::{self, Serialize};
use std::cell::RefCell;
use std::fmt;

/// `value` as compact JSON, in UTF-16.
pub fn to_utf16<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u16>, Error> {
    to_utf16_with(value, "")
}

/// The same, where the strings lying inside `immortal` (text that lives as long as the
/// process: the embedded policy data, most of a result) are kept as units by their
/// address once written, and copied out on later calls.
pub fn to_utf16_with<T: Serialize + ?Sized>(value: &T, immortal: &'static str) -> Result<Vec<u16>, Error> {
    let start = immortal.as_ptr() as usize;
    let mut w = Writer { out: Vec::with_capacity(4096), immortal: start..start + immortal.len() };
    value.serialize(&mut w)?;
    Ok(w.out)
}

/// What JSON cannot say here: floats (the contract has none; money is decimal text)
/// and map keys that are not strings.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// ASCII bytes written as they are inside a JSON string (not controls, `"` or `\\`).
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x20;
    while b < 0x80 {
        t[b] = b != b'"' as usize && b != b'\\' as usize;
        b += 1;
    }
    t
};

/// Phrases shorter than this are transcoded each time (cheaper than hashing them).
const PHRASE_MIN: usize = 32;
/// Longer phrases are not kept (notes run to a few hundred bytes): with the slot
/// count, the cache never holds more than about 6 MB.
const PHRASE_MAX_LEN: usize = 1024;
/// Slots of the phrase cache (a power of two; a call has a few dozen phrases).
const PHRASE_SLOTS: usize = 2048;

/// Slots of the field-name table (a power of two; a result uses about 60 names).
const KEY_SLOTS: usize = 256;

/// A string's slot, by the (address, length) of its text: its units (for a field name,
/// `"name":`; for immortal text, the JSON string).
type AddressSlot = (usize, usize, Box<[u16]>);

/// Slots of the immortal-text table (a power of two; an estimate writes about a hundred
/// policy strings, a comparison of every region a few hundred).
const TEXT_SLOTS: usize = 4096;

/// A phrase and its units.
type PhraseSlot = (Box<str>, Box<[u16]>);

/// A phrase's hash, eight bytes at a time (a multiply-rotate hash, as rustc's own).
fn phrase_hash(s: &str) -> usize {
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    let words = s.as_bytes().chunks_exact(8);
    let tail = words.remainder().iter().fold(0, |t, &b| t << 8 | u64::from(b));
    let h = mix(words.fold(s.len() as u64, |h, w| mix(h, u64::from_le_bytes(w.try_into().unwrap_or_default()))), tail);
    (h ^ h >> 32) as usize
}

/// A table of empty slots, made without cloning one (`vec![slot; n]` would clone each
/// box, at every cold start).
fn empty<T: Default>(slots: usize) -> Vec<T> {
    std::iter::repeat_with(T::default).take(slots).collect()
}

thread_local! {
    /// Recurring computed phrases, by content (see [`Writer::phrase`]).
    static PHRASES: RefCell<Vec<PhraseSlot>> = RefCell::new(empty(PHRASE_SLOTS));
    /// Field names as units: (address, length, `"name":`), see [`Writer::key`].
    static KEYS: RefCell<Vec<AddressSlot>> = RefCell::new(empty(KEY_SLOTS));
    /// Immortal text as units, by (address, length): see [`Writer::immortal_text`].
    static TEXTS: RefCell<Vec<AddressSlot>> = RefCell::new(empty(TEXT_SLOTS));
}

struct Writer {
    out: Vec<u16>,
    /// Addresses of text that lives as long as the process.
    immortal: std::ops::Range<usize>,
}

impl Writer {
    fn ascii(&mut self, s: &str) {
        self.out.extend(s.bytes().map(u16::from));
    }

    /// A JSON string: long ones (policy text, notes, warnings) from the phrase cache,
    /// short ones written afresh.
    fn string(&mut self, s: &str) {
        if s.len() >= 8 && self.immortal.contains(&(s.as_ptr() as usize)) {
            return self.immortal_text(s);
        }
        if s.len() >= PHRASE_MIN {
            return self.phrase(s);
        }
        self.fresh_string(s);
    }

    /// Immortal text: transcoded the first time, then taken from a table keyed by its
    /// address and length, where a string only ever displaces another. A hit needs no
    /// check of the text: whatever starts at that address with that length is that
    /// text, for as long as the process lives. Per estimate round trip: about 7% fewer
    /// instructions than the phrase cache (docs/performance.md).
    fn immortal_text(&mut self, s: &str) {
        let address = s.as_ptr() as usize;
        let slot = ((address ^ s.len()) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - TEXT_SLOTS.trailing_zeros());
        TEXTS.with(|texts| {
            let mut texts = texts.borrow_mut();
            let Some(entry) = texts.get_mut(slot as usize) else { return self.fresh_string(s) };
            if entry.0 == address && entry.1 == s.len() {
                return self.out.extend_from_slice(&entry.2);
            }
            let start = self.out.len();
            self.fresh_string(s);
            *entry = (address, s.len(), self.out[start..].into());
        })
    }

    /// A long string (policy text, a note with its clause cited, a warning): the same
    /// text call after call, so its units are kept by content, in a
    /// table where a phrase only ever displaces another (requests echo user text too):
    /// cheaper than std's HashMap, and no hashbrown or SipHash in the module
    /// (docs/performance.md).
    fn phrase(&mut self, s: &str) {
        PHRASES.with(|cache| {
            let mut cache = cache.borrow_mut();
            let Some(slot) = cache.get_mut(phrase_hash(s) & (PHRASE_SLOTS - 1)) else { return self.fresh_string(s) };
            if &*slot.0 == s {
                return self.out.extend_from_slice(&slot.1);
            }
            let start = self.out.len();
            self.fresh_string(s);
            if s.len() <= PHRASE_MAX_LEN {
                *slot = (s.into(), self.out[start..].into());
            }
        })
    }

    /// A struct's field name and its colon: a result has hundreds, from a few dozen
    /// names, so each is kept as units by its (static) address, in a small table where
    /// a name only ever displaces another.
    fn key(&mut self, key: &'static str) {
        let address = key.as_ptr() as usize;
        let slot = (address ^ key.len()).wrapping_mul(0x9e37_79b9) >> 7 & (KEY_SLOTS - 1);
        KEYS.with(|keys| {
            let mut keys = keys.borrow_mut();
            let Some(entry) = keys.get_mut(slot) else { return self.fresh_key(key) };
            if entry.0 == address && entry.1 == key.len() {
                return self.out.extend_from_slice(&entry.2);
            }
            let start = self.out.len();
            self.fresh_key(key);
            *entry = (address, key.len(), self.out[start..].into());
        })
    }

    /// A field name written now: an identifier, so widened without decoding.
    fn fresh_key(&mut self, key: &str) {
        if key.bytes().all(|b| PLAIN[usize::from(b)]) {
            self.out.reserve(key.len() + 3);
            self.push(b'"');
            self.ascii(key);
            self.push(b'"');
        } else {
            self.fresh_string(key);
        }
        self.push(b':');
    }

    /// A JSON string transcoded now, in one pass over the UTF-8: keys, notes and
    /// formulas are new text on every call, so this is the writer's hot loop. Runs of
    /// plain ASCII (most of it) are widened in a tight loop; the units never outnumber
    /// the bytes, so one reservation covers all but escapes.
    fn fresh_string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.out.reserve(bytes.len() + 2);
        self.push(b'"');
        let mut i = 0;
        // `s` is valid UTF-8, so a lead byte is followed by its continuation bytes; `at`
        // reads them without a bounds panic all the same.
        let at = |j: usize| u16::from(bytes.get(j).copied().unwrap_or(0x80) & 0x3f);
        while i < bytes.len() {
            let run = bytes[i..].iter().position(|&b| !PLAIN[usize::from(b)]).map_or(bytes.len(), |n| i + n);
            self.out.extend(bytes[i..run].iter().map(|&b| u16::from(b)));
            i = run;
            let Some(&b) = bytes.get(i) else { break };
            match b {
                0..=0x7f => {
                    self.escape(b);
                    i += 1;
                }
                0xc0..=0xdf => {
                    self.out.push(u16::from(b & 0x1f) << 6 | at(i + 1));
                    i += 2;
                }
                0xe0..=0xef => {
                    self.out.push(u16::from(b & 0x0f) << 12 | at(i + 1) << 6 | at(i + 2));
                    i += 3;
                }
                _ => {
                    // Four bytes: a surrogate pair.
                    let c = (u32::from(b & 0x07) << 18 | u32::from(at(i + 1)) << 12 | u32::from(at(i + 2)) << 6 | u32::from(at(i + 3))).wrapping_sub(0x10000);
                    self.out.push(0xd800 | (c >> 10) as u16);
                    self.out.push(0xdc00 | (c & 0x3ff) as u16);
                    i += 4;
                }
            }
        }
        self.push(b'"');
    }

    /// An ASCII byte that JSON escapes, as serde_json escapes it.
    fn escape(&mut self, b: u8) {
        match b {
            b'"' => self.ascii("\\\""),
            b'\\' => self.ascii("\\\\"),
            0x08 => self.ascii("\\b"),
            0x0c => self.ascii("\\f"),
            b'\n' => self.ascii("\\n"),
            b'\r' => self.ascii("\\r"),
            b'\t' => self.ascii("\\t"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.ascii("\\u00");
                self.push(HEX[usize::from(b >> 4)]);
                self.push(HEX[usize::from(b & 0xf)]);
            }
        }
    }

    fn unsigned(&mut self, mut n: u64) {
        let mut digits = [0u16; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = u16::from(b'0') + (n % 10) as u16;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend_from_slice(&digits[i..]);
    }

    fn signed(&mut self, n: i64) {
        if n < 0 {
            self.out.push(u16::from(b'-'));
        }
        self.unsigned(n.unsigned_abs());
    }

    fn push(&mut self, c: u8) {
        self.out.push(u16::from(c));
    }
}

/// A sequence, map or struct being written: whether a comma is due.
pub struct Compound<'w> {
    w: &'w mut Writer,
    first: bool,
    /// The closing bracket, and one more `}` for enum variants.
    close: &'static str,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.w.push(b',');
        }
        self.first = false;
    }
    fn key(&mut self, key: &'static str) {
        self.comma();
        self.w.key(key);
    }
    fn end(self) -> Result<(), Error> {
        self.w.ascii(self.close);
        Ok(())
    }
}

macro_rules! ints {
    ($($m:ident $t:ty => $f:ident),*) => {$(
        fn $m(self, v: $t) -> Result<(), Error> {
            self.$f(v.into());
            Ok(())
        }
    )*};
}

impl<'w> ser::Serializer for &'w mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w>;
    type SerializeTuple = Compound<'w>;
    type SerializeTupleStruct = Compound<'w>;
    type SerializeTupleVariant = Compound<'w>;
    type SerializeMap = Compound<'w>;
    type SerializeStruct = Compound<'w>;
    type SerializeStructVariant = Compound<'w>;

    ints!(serialize_i8 i8 => signed, serialize_i16 i16 => signed, serialize_i32 i32 => signed, serialize_i64 i64 => signed,
          serialize_u8 u8 => unsigned, serialize_u16 u16 => unsigned, serialize_u32 u32 => unsigned, serialize_u64 u64 => unsigned);

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.ascii(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        Err(Error("floats are not part of the contract".into()))
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        Err(Error("floats are not part of the contract".into()))
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut s = self.serialize_seq(Some(v.len()))?;
        for b in v {
            s.serialize_element(b)?;
        }
        s.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.ascii("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, variant: &'static str, v: &T) -> Result<(), Error> {
        self.push(b'{');
        self.string(variant);
        self.push(b':');
        v.serialize(&mut *self)?;
        self.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w>, Error> {
        self.push(b'[');
        Ok(Compound { w: self, first: true, close: "]" })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'w>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'w>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Compound<'w>, Error> {
        self.push(b'{');
        self.string(variant);
        self.ascii(":[");
        Ok(Compound { w: self, first: true, close: "]}" })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'w>, Error> {
        self.push(b'{');
        Ok(Compound { w: self, first: true, close: "}" })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'w>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Compound<'w>, Error> {
        self.push(b'{');
        self.string(variant);
        self.ascii(":{");
        Ok(Compound { w: self, first: true, close: "}}" })
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.comma();
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// Tuples, tuple structs and tuple variants are written as sequences.
macro_rules! as_seq {
    ($($tr:ident::$method:ident),*) => {$(
        impl ser::$tr for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
                ser::SerializeSeq::serialize_element(self, v)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    )*};
}

as_seq!(SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field, SerializeTupleVariant::serialize_field);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        let at = self.w.out.len();
        key.serialize(&mut *self.w)?;
        // JSON keys are strings: anything else written here would be invalid JSON.
        match self.w.out.get(at) {
            Some(&q) if q == u16::from(b'"') => Ok(()),
            _ => Err(Error("map keys must be strings".into())),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.w.push(b':');
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Error> {
        self.key(key);
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}
