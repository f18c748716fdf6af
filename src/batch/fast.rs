//! A request line read straight into a [`Request`], without the JSON tree of
//! `model::json` and `request::parse` (a third of a unit's work in the batch). It takes
//! only the well-formed common case (a request object; strings without escapes; whole
//! numbers; no `null`, nesting or unknown key) and says `false` on anything else, or on
//! any value the general path would refuse. The caller then reads the line the general
//! way, which gives the error: the error texts have one source. `tests/batch.rs` holds
//! every request it accepts to the general path's, on random and mutated lines.

use crate::date::Date;
use crate::model::request::{self, Lang, MAX_ACHIEVEMENTS};
use crate::model::{Achievement, Json, Request};
use crate::policy::schema::KindDef;
use crate::policy::Catalog;
use std::borrow::Cow;
use rustc_hash::FxHashMap;

/// Achievements read before, by their text: a costing's lines repeat a few dozen of
/// them, and an achievement found here is copied rather than read and checked again
/// (its text decides it: the same text, the same achievement).
#[derive(Default)]
pub struct Seen(FxHashMap<Box<str>, Achievement>);

/// More texts than this and [`Seen`] starts again: memory stays flat.
const SEEN: usize = 1 << 12;

/// More members than any kind has fields: a longer object is left to the general path.
const MEMBERS: usize = 16;

struct Cursor<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Cursor<'t> {
    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.text.as_bytes().get(self.pos) {
            self.pos += 1;
        }
    }

    /// Skips white space, then takes `b` if it is next.
    fn eat(&mut self, b: u8) -> bool {
        self.space();
        let ok = self.text.as_bytes().get(self.pos) == Some(&b);
        self.pos += usize::from(ok);
        ok
    }

    fn peek(&mut self) -> Option<u8> {
        self.space();
        self.text.as_bytes().get(self.pos).copied()
    }

    /// A string with no escape and no control character.
    fn string(&mut self) -> Option<&'t str> {
        if !self.eat(b'"') {
            return None;
        }
        let start = self.pos;
        let rest = &self.text.as_bytes()[start..];
        let len = rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        if rest[len] != b'"' {
            return None;
        }
        self.pos += len + 1;
        self.text.get(start..start + len)
    }

    /// A key and its colon.
    fn key(&mut self) -> Option<&'t str> {
        let k = self.string()?;
        self.eat(b':').then_some(k)
    }

    /// After a member: `,` (then another member) or the closing `close` (then none).
    fn next(&mut self, close: u8) -> Option<bool> {
        if self.eat(b',') {
            Some(true)
        } else {
            self.eat(close).then_some(false)
        }
    }

    /// A member's value: a string without escape, a whole number
    /// (`-?(0|[1-9][0-9]*)`), `true` or `false`.
    fn value(&mut self) -> Option<Json<'t>> {
        match self.peek()? {
            b'"' => self.string().map(|s| Json::String(Cow::Borrowed(s))),
            b't' => self.word("true").then_some(Json::Bool(true)),
            b'f' => self.word("false").then_some(Json::Bool(false)),
            _ => self.int().map(|n| Json::Number(Cow::Borrowed(n))),
        }
    }

    fn word(&mut self, w: &str) -> bool {
        let ok = self.text.as_bytes()[self.pos..].starts_with(w.as_bytes());
        self.pos += if ok { w.len() } else { 0 };
        ok
    }

    fn int(&mut self) -> Option<&'t str> {
        let b = self.text.as_bytes();
        let start = self.pos;
        let digits = usize::from(b.get(start) == Some(&b'-'));
        let end = start + digits + b[start + digits..].iter().take_while(|c| c.is_ascii_digit()).count();
        let d = &b[start + digits..end];
        // One digit at least; no leading zero; no fraction or exponent after it.
        if d.is_empty() || (d[0] == b'0' && d.len() > 1) || matches!(b.get(end), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        self.pos = end;
        self.text.get(start..end)
    }
}

/// Reads `text` into `req` (its vectors reused: a batch reads thousands of lines into
/// one), returning whether it is a request the general path reads the same. On `false`
/// `req` holds anything.
pub fn read(text: &str, cat: &Catalog, req: &mut Request, seen: &mut Seen) -> bool {
    read_request(&mut Cursor { text, pos: 0 }, cat, req, seen).is_some()
}

fn read_request(c: &mut Cursor, cat: &Catalog, req: &mut Request, seen: &mut Seen) -> Option<()> {
    let (mut region, mut as_of, mut lang, mut achs) = (false, false, false, false);
    req.as_of = None;
    req.lang = Lang::Zh;
    if !c.eat(b'{') || c.peek()? == b'}' {
        return None;
    }
    loop {
        match c.key()? {
            "region" if !region => {
                let s = c.string()?;
                cat.region(s)?;
                let r = req.region.get_or_insert_with(String::new);
                r.clear();
                r.push_str(s);
                region = true;
            }
            "as_of" if !as_of => {
                req.as_of = Some(Date::parse(c.string()?)?);
                as_of = true;
            }
            "lang" if !lang => {
                req.lang = request::lang_text(Some(c.string()?)).ok()?;
                lang = true;
            }
            "achievements" if !achs => {
                achievements(c, cat, &mut req.achievements, seen)?;
                achs = true;
            }
            _ => return None,
        }
        if !c.next(b'}')? {
            break;
        }
    }
    c.space();
    (region && achs && c.pos == c.text.len()).then_some(())
}

fn achievements(c: &mut Cursor, cat: &Catalog, list: &mut Vec<Achievement>, seen: &mut Seen) -> Option<()> {
    let mut n = 0;
    if !c.eat(b'[') {
        return None;
    }
    if !c.eat(b']') {
        loop {
            if n == MAX_ACHIEVEMENTS {
                return None;
            }
            if n == list.len() {
                list.push(Achievement { kind: Default::default(), count: 1, fields: Default::default() });
            }
            c.space();
            let start = c.pos;
            match object_end(c.text.as_bytes(), start).and_then(|end| Some((end, seen.0.get(c.text.get(start..end)?)?))) {
                Some((end, known)) => {
                    list[n].kind = known.kind.clone();
                    list[n].count = known.count;
                    list[n].fields.clone_from(&known.fields);
                    c.pos = end;
                }
                None => {
                    achievement(c, cat, &mut list[n])?;
                    if seen.0.len() >= SEEN {
                        seen.0.clear();
                    }
                    seen.0.insert(c.text.get(start..c.pos)?.into(), list[n].clone());
                }
            }
            n += 1;
            if !c.next(b']')? {
                break;
            }
        }
    }
    list.truncate(n);
    Some(())
}

/// Where the object starting at `start` ends (past its `}`), where it holds no nested
/// value and no escape: the text of an achievement [`Seen`] may know. Without escapes,
/// the first `}` closes the object when an even number of quotes comes before it (the
/// loop below has no branch, so the compiler makes it wide).
fn object_end(b: &[u8], start: usize) -> Option<usize> {
    if b.get(start) != Some(&b'{') {
        return None;
    }
    let end = start + 1 + super::lines::find(&b[start + 1..], b'}')?;
    let inside = &b[start + 1..end];
    let (mut odd, mut other) = (false, false);
    for &x in inside {
        odd ^= x == b'"';
        other |= (x == b'\\') | (x == b'{') | (x == b'[');
    }
    (!odd && !other).then_some(end + 1)
}

/// One achievement, read by `request::read_fields` as the general path reads it (the
/// kind known, every key a field of the kind, required fields given, each value of its
/// field's type and range), its fields set in the same order.
fn achievement(c: &mut Cursor, cat: &Catalog, a: &mut Achievement) -> Option<()> {
    let mut members: [(Cow<str>, Json); MEMBERS] = std::array::from_fn(|_| (Cow::Borrowed(""), Json::Null));
    let mut len = 0;
    if !c.eat(b'{') {
        return None;
    }
    if !c.eat(b'}') {
        loop {
            let key = c.key()?;
            if len == MEMBERS || members[..len].iter().any(|(k, _)| *k == key) {
                return None;
            }
            members[len] = (Cow::Borrowed(key), c.value()?);
            len += 1;
            if !c.next(b'}')? {
                break;
            }
        }
    }
    let members = &members[..len];
    let kind: &KindDef = match &members.iter().find(|(k, _)| *k == "kind")?.1 {
        Json::String(k) => cat.kind(k)?,
        _ => return None,
    };
    a.kind = kind.id.clone();
    // A refused value's error is the general path's to give: the line is read again there.
    a.count = request::read_fields(kind, cat, members, &String::new, &mut a.fields).ok()?;
    Some(())
}
