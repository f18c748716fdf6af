//! The request's JSON, read by hand: strings borrow from the text unless they hold
//! escapes, objects keep their keys in the order written. Replaces `serde_json::Value`
//! on the request path, where its maps and copies took a sixth of a wasm call, and its
//! deserializer 20 KB of the module. Grammar as RFC 8259; a key given twice in one
//! object is refused (which one would count is anyone's guess); nesting stops at 128
//! levels, as serde_json's did, so no input can exhaust the stack.

use std::borrow::Cow;
use std::fmt;

const MAX_DEPTH: usize = 128;
/// Up to this many members, duplicate keys are found pairwise as they are read.
const SMALL_OBJECT: usize = 32;

/// What is wrong with the text, in English and in Chinese.
type Words = (&'static str, &'static str);
const TRAILING: Words = ("trailing characters", "值之后还有多余的字符");
const VALUE: Words = ("expected a value", "此处应为一个值");
const END: Words = ("unexpected end of input", "文本意外结束");
const DEEP: Words = ("nested too deeply", "嵌套层数过多");
const ARRAY_NEXT: Words = ("expected `,` or `]`", "此处应为 `,` 或 `]`");
const KEY: Words = ("expected a key in double quotes", "此处应为双引号括起的键名");
const COLON: Words = ("expected `:`", "此处应为 `:`");
const DUPLICATE: Words = ("duplicate key", "键名重复");
const OBJECT_NEXT: Words = ("expected `,` or `}`", "此处应为 `,` 或 `}`");
const UNTERMINATED: Words = ("unterminated string", "字符串缺少结束的引号");
const CONTROL: Words = ("control character in string", "字符串中含有控制字符");
const ESCAPE: Words = ("invalid escape", "无效的转义序列");
const UNICODE: Words = ("invalid \\u escape", "无效的 \\u 转义");
const LONE: Words = ("lone surrogate in \\u escape", "\\u 转义中有不成对的代理项");
const NUMBER: Words = ("invalid number", "无效的数字");

#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    /// A number as written (valid JSON number syntax); read with [`Json::as_i64`].
    Number(Cow<'a, str>),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Object<'a>),
}

/// An object's members in the order written, keys distinct.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Object<'a>(pub Vec<(Cow<'a, str>, Json<'a>)>);

impl<'a> Object<'a> {
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| &**k)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        self.0.iter().map(|(k, v)| (&**k, v))
    }
    /// Adds `key` unless it is there already (a face filling a default).
    pub fn or_insert(&mut self, key: &'a str, value: Json<'a>) {
        if self.get(key).is_none() {
            self.0.push((Cow::Borrowed(key), value));
        }
    }
}

/// Why the text is not JSON, and where (1-based line and column, in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: &'static str,
    /// The same in Chinese (the request's errors are bilingual).
    pub message_zh: &'static str,
    pub line: usize,
    pub column: usize,
    /// For a lone surrogate, the path of the value holding it (`achievements[0].name`;
    /// empty for the top value): a value the caller can find, not a broken text.
    pub path: Option<String>,
}

impl SyntaxError {
    /// The error as the enclosing object or array sees it: `step` before the path.
    fn under(mut self, step: impl FnOnce() -> String) -> Self {
        if let Some(p) = &mut self.path {
            let dot = if p.is_empty() || p.starts_with('[') { "" } else { "." };
            *p = format!("{}{dot}{p}", step());
        }
        self
    }

    /// The error in Chinese, where it is first.
    pub fn zh(&self) -> String {
        format!("{}（第 {} 行第 {} 列）", self.message_zh, self.line, self.column)
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl<'a> Json<'a> {
    /// Parses one JSON value; only whitespace may follow it.
    pub fn parse(text: &'a str) -> Result<Json<'a>, SyntaxError> {
        let mut r = Reader { text, pos: 0, depth: 0 };
        let v = r.value()?;
        r.space();
        if r.pos < text.len() {
            return Err(r.error(TRAILING));
        }
        Ok(v)
    }

    /// The member `key` of an object (None for a non-object).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members.get(key),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    /// A whole number that fits in i64, written without fraction or exponent (so
    /// `1.0` and `1e2` are not whole numbers here, as in serde_json).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(n) if !n.contains(['.', 'e', 'E']) => n.parse().ok(),
            _ => None,
        }
    }

    /// The same value owning its text.
    pub fn into_owned(self) -> Json<'static> {
        match self {
            Json::Null => Json::Null,
            Json::Bool(b) => Json::Bool(b),
            Json::Number(n) => Json::Number(Cow::Owned(n.into_owned())),
            Json::String(s) => Json::String(Cow::Owned(s.into_owned())),
            Json::Array(items) => Json::Array(items.into_iter().map(Json::into_owned).collect()),
            Json::Object(members) => Json::Object(Object(members.0.into_iter().map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned())).collect())),
        }
    }
}

/// Compact JSON text, as error messages quote a value (numbers as written).
impl fmt::Display for Json<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            Json::Number(n) => f.write_str(n),
            Json::String(s) => quoted(f, s),
            Json::Array(items) => {
                f.write_str("[")?;
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    v.fmt(f)?;
                }
                f.write_str("]")
            }
            Json::Object(members) => {
                f.write_str("{")?;
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    quoted(f, k)?;
                    f.write_str(":")?;
                    v.fmt(f)?;
                }
                f.write_str("}")
            }
        }
    }
}

fn quoted(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{8}' => f.write_str("\\b")?,
            '\u{c}' => f.write_str("\\f")?,
            c if (c as u32) < 0x20 => write!(f, "\\u{:04x}", c as u32)?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    fn error(&self, (message, message_zh): Words) -> SyntaxError {
        let before = self.text.get(..self.pos).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        SyntaxError { message, message_zh, line, column, path: None }
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &str, v: Json<'a>) -> Result<Json<'a>, SyntaxError> {
        if self.bytes()[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(self.error(VALUE))
        }
    }

    fn value(&mut self) -> Result<Json<'a>, SyntaxError> {
        self.space();
        match self.peek() {
            None => Err(self.error(END)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.nested(Self::array),
            Some(b'{') => self.nested(Self::object),
            Some(_) => Err(self.error(VALUE)),
        }
    }

    fn nested(&mut self, read: fn(&mut Self) -> Result<Json<'a>, SyntaxError>) -> Result<Json<'a>, SyntaxError> {
        if self.depth == MAX_DEPTH {
            return Err(self.error(DEEP));
        }
        self.depth += 1;
        self.pos += 1; // the opening bracket
        let v = read(self);
        self.depth -= 1;
        v
    }

    /// After `[`: values separated by commas, then `]`.
    fn array(&mut self) -> Result<Json<'a>, SyntaxError> {
        let mut items = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value().map_err(|e| e.under(|| format!("[{}]", items.len())))?);
            self.space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                None => return Err(self.error(END)),
                Some(_) => return Err(self.error(ARRAY_NEXT)),
            }
        }
    }

    /// After `{`: `"key": value` members separated by commas, then `}`.
    fn object(&mut self) -> Result<Json<'a>, SyntaxError> {
        let open = self.pos - 1;
        let mut members = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(Object(members)));
        }
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return Err(self.error(if self.peek().is_none() { END } else { KEY }));
            }
            let key_at = self.pos;
            let key = self.string()?;
            self.space();
            if self.peek() != Some(b':') {
                return Err(self.error(COLON));
            }
            self.pos += 1;
            let value = self.value().map_err(|e| e.under(|| super::error::shown(&key).to_string()))?;
            // Small objects (every object of a request) are checked as each key comes,
            // pointing at the second one; large ones once, sorted, at their opening brace.
            if members.len() < SMALL_OBJECT && members.iter().any(|(k, _)| *k == key) {
                self.pos = key_at;
                return Err(self.error(DUPLICATE));
            }
            members.push((key, value));
            self.space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    if members.len() > SMALL_OBJECT {
                        let mut keys: Vec<&str> = members.iter().map(|(k, _)| &**k).collect();
                        keys.sort_unstable();
                        if keys.windows(2).any(|w| w[0] == w[1]) {
                            self.pos = open;
                            return Err(self.error(DUPLICATE));
                        }
                    }
                    return Ok(Json::Object(Object(members)));
                }
                None => return Err(self.error(END)),
                Some(_) => return Err(self.error(OBJECT_NEXT)),
            }
        }
    }

    /// At `"`: the string, borrowed when it holds no escape.
    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.pos += 1;
        let start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error(UNTERMINATED)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Borrowed(&self.text[start..self.pos - 1]));
                }
                Some(b'\\') => break,
                Some(0..=0x1f) => return Err(self.error(CONTROL)),
                Some(_) => self.pos += 1,
            }
        }
        let mut out = String::from(&self.text[start..self.pos]);
        loop {
            match self.peek() {
                None => return Err(self.error(UNTERMINATED)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error(ESCAPE)),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(0..=0x1f) => return Err(self.error(CONTROL)),
                Some(_) => {
                    // One whole character: the text is UTF-8, so the next char boundary.
                    let c = self.text.get(self.pos..).and_then(|t| t.chars().next()).unwrap_or_default();
                    out.push(c);
                    self.pos += c.len_utf8().max(1);
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self.bytes().get(self.pos..self.pos + 4).ok_or_else(|| self.error(UNTERMINATED))?;
        let mut n = 0;
        for &d in digits {
            n = n * 16 + (d as char).to_digit(16).ok_or_else(|| self.error(UNICODE))?;
        }
        self.pos += 4;
        Ok(n)
    }

    /// After `\u`: one code point, a surrogate pair taking two escapes.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let lone = |r: &Self| SyntaxError { path: Some(String::new()), ..r.error(LONE) };
        let first = self.hex4()?;
        let code = match first {
            0xd800..=0xdbff => {
                if !self.bytes()[self.pos..].starts_with(b"\\u") {
                    return Err(lone(self));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xdc00..=0xdfff).contains(&second) {
                    return Err(lone(self));
                }
                0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
            }
            0xdc00..=0xdfff => return Err(lone(self)),
            n => n,
        };
        char::from_u32(code).ok_or_else(|| self.error(UNICODE))
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as written.
    fn number(&mut self) -> Result<Json<'a>, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error(NUMBER)),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error(NUMBER));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error(NUMBER));
            }
            self.digits();
        }
        Ok(Json::Number(Cow::Borrowed(&self.text[start..self.pos])))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Json;

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            r#"{"a":[1,-2,3.5,1e3,0,-0.0e+1],"b":{"c":null,"d":true,"e":false},"s":"x\"\\\/\b\f\n\r\tyé\u00e9\ud83d\ude00"}"#,
            " [ ] ",
            "{}",
            r#""领跑者""#,
        ] {
            let ours = Json::parse(text).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(ours.to_string().replace("1e3", "1000.0").replace("-0.0e+1", "-0.0"), theirs.to_string(), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_json() {
        for (text, why) in [
            ("", "unexpected end of input at line 1 column 1"),
            ("{\"a\":1,}", "expected a key in double quotes at line 1 column 8"),
            ("[1 2]", "expected `,` or `]` at line 1 column 4"),
            ("{\"a\":1,\"a\":2}", "duplicate key at line 1 column 8"),
            ("01", "trailing characters at line 1 column 2"),
            ("1.", "invalid number at line 1 column 3"),
            ("\"\\ud800\"", "lone surrogate in \\u escape at line 1 column 8"),
            ("\"a\nb\"", "control character in string at line 1 column 3"),
            ("\n  tru", "expected a value at line 2 column 3"),
            ("\"\\x\"", "invalid escape at line 1 column 3"),
            ("NaN", "expected a value at line 1 column 1"),
        ] {
            assert_eq!(Json::parse(text).unwrap_err().to_string(), why, "{text:?}");
        }
        let many: Vec<String> = (0..100).map(|i| format!("\"k{}\":{i}", i % 99)).collect();
        assert_eq!(Json::parse(&format!("{{{}}}", many.join(","))).unwrap_err().to_string(), "duplicate key at line 1 column 1");
        let distinct: Vec<String> = (0..100).map(|i| format!("\"k{i}\":{i}")).collect();
        assert!(Json::parse(&format!("{{{}}}", distinct.join(","))).is_ok());
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(Json::parse(&deep).unwrap_err().message, "nested too deeply");
        let fine = "[".repeat(128) + &"]".repeat(128);
        assert!(Json::parse(&fine).is_ok());
    }

    #[test]
    fn whole_numbers_only() {
        let n = |t: &str| Json::parse(t).unwrap().as_i64();
        assert_eq!(n("42"), Some(42));
        assert_eq!(n("-7"), Some(-7));
        assert_eq!(n("1.0"), None);
        assert_eq!(n("1e2"), None);
        assert_eq!(n("99999999999999999999"), None);
        assert_eq!(n("\"1\""), None);
    }
}
