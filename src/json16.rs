//! JSON text written straight as UTF-16 code units, for the wasm face: JS makes a
//! string of them with a copy, where decoding UTF-8 cost more than the engine itself
//! (bench/wasm.mjs). The output is exactly serde_json's compact text (a test holds it to
//! that on every case), written in one pass instead of escaping then transcoding.

use serde::ser::{self, Serialize};
use std::fmt;
use std::sync::OnceLock;

/// Each string of the embedded policy data as a JSON string (quoted, escaped, UTF-16),
/// made the first time a result holds it: most of a result is policy text, so it is
/// transcoded once per process instead of on every call.
static POLICY_TEXT: OnceLock<Vec<OnceLock<Box<[u16]>>>> = OnceLock::new();

/// `value` as compact JSON, in UTF-16.
pub fn to_utf16<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u16>, Error> {
    let mut w = Writer { out: Vec::with_capacity(4096) };
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

struct Writer {
    out: Vec<u16>,
}

impl Writer {
    fn ascii(&mut self, s: &str) {
        self.out.extend(s.bytes().map(u16::from));
    }

    /// A JSON string: policy text from the cache, anything else written afresh.
    fn string(&mut self, s: &str) {
        // Short strings (ids, amounts, clause numbers) are written faster than looked up.
        if s.len() < 24 {
            return self.fresh_string(s);
        }
        if let Some(i) = crate::policy::text_index(s) {
            let cells = POLICY_TEXT.get_or_init(|| (0..crate::policy::text_count()).map(|_| OnceLock::new()).collect());
            let units = cells[i].get_or_init(|| {
                let mut w = Writer { out: Vec::new() };
                w.fresh_string(s);
                w.out.into_boxed_slice()
            });
            return self.out.extend_from_slice(units);
        }
        self.fresh_string(s);
    }

    /// A JSON string transcoded now; escapes, rare in the data, take the slow path.
    fn fresh_string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        if bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\') {
            return self.escaped(s);
        }
        self.out.push(u16::from(b'"'));
        if s.is_ascii() {
            // Field names, ids, amounts: widened byte by byte, no decoding.
            self.out.extend(bytes.iter().map(|&b| u16::from(b)));
        } else {
            self.out.extend(s.encode_utf16());
        }
        self.out.push(u16::from(b'"'));
    }

    fn escaped(&mut self, s: &str) {
        self.out.push(u16::from(b'"'));
        for u in s.encode_utf16() {
            match u {
                0x22 => self.ascii("\\\""),
                0x5c => self.ascii("\\\\"),
                0x08 => self.ascii("\\b"),
                0x0c => self.ascii("\\f"),
                0x0a => self.ascii("\\n"),
                0x0d => self.ascii("\\r"),
                0x09 => self.ascii("\\t"),
                0..=0x1f => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.ascii("\\u00");
                    self.out.push(u16::from(HEX[usize::from(u >> 4)]));
                    self.out.push(u16::from(HEX[usize::from(u & 0xf)]));
                }
                _ => self.out.push(u),
            }
        }
        self.out.push(u16::from(b'"'));
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
    fn key(&mut self, key: &str) {
        self.comma();
        self.w.fresh_string(key); // field names: short, and never policy text
        self.w.push(b':');
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
