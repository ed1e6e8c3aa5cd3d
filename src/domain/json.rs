//! JSON text ⇄ [`Raw`], in Rust. The lead's body, the outbox and saved progress are written
//! with [`write`], never with the page's `JSON.stringify`; the outbox, saved progress, the
//! clinic's JSON config and the locale files are read with [`parse`], never with the page's
//! `JSON.parse`. A host page may have replaced either (old libraries do: Prototype.js's
//! `Array.prototype.toJSON` turns every array into a string), and a lead must not depend on it.
//! (Domain values become `Raw` in `browser::js`, through the same serde shape as the events.)
//!
//! The reader is strict JSON (RFC 8259), with two limits that keep a
//! planted value from hurting the widget: nesting at most [`MAX_DEPTH`] deep, and numbers read
//! exactly when they are whole numbers up to 2^53 (the only numbers the widget stores or
//! reads: prices, counts, milliseconds); fractions are read to within a rounding error.

use super::raw::Raw;

/// `value` as compact JSON text. Numbers are written as whole numbers: every number the
/// widget writes is one (counts, prices, pixels, milliseconds), and that keeps float
/// formatting out of the wasm; a fraction is rounded, and a number JSON cannot hold
/// (infinite, NaN) is `null`.
pub fn write(value: &Raw) -> String {
    let mut out = String::new();
    write_into(&mut out, value);
    out
}

fn write_into(out: &mut String, value: &Raw) {
    match value {
        Raw::Null => out.push_str("null"),
        Raw::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Raw::Number(n) if !n.is_finite() => out.push_str("null"),
        Raw::Number(n) => {
            let whole = n.round();
            if whole < 0.0 {
                out.push('-');
            }
            // Digits of the magnitude, most significant first (exact up to 2^53, JSON's safe
            // integers; larger ones are capped there).
            let mut magnitude = whole.abs().min(9_007_199_254_740_991.0) as u64;
            let mut digits = Vec::new();
            loop {
                digits.push(b'0' + (magnitude % 10) as u8);
                magnitude /= 10;
                if magnitude == 0 {
                    break;
                }
            }
            out.extend(digits.iter().rev().map(|d| char::from(*d)));
        }
        Raw::Text(text) => write_string(out, text),
        Raw::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_into(out, item);
            }
            out.push(']');
        }
        Raw::Object(entries) => {
            out.push('{');
            for (i, (key, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_into(out, item);
            }
            out.push('}');
        }
    }
}

/// Appends `text` as a JSON string (quotes, backslashes and control characters escaped).
pub fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// How deep arrays and objects may nest: far more than any value the widget reads, far less
/// than would exhaust the wasm stack.
pub const MAX_DEPTH: usize = 64;

/// Why a text is not JSON, and where (byte offset).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not valid JSON at byte {at}")]
pub struct JsonError {
    pub at: usize,
}

/// Parses one JSON value, with nothing but whitespace around it.
pub fn parse(text: &str) -> Result<Raw, JsonError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = reader.value(0)?;
    reader.space();
    if reader.at == reader.bytes.len() {
        Ok(value)
    } else {
        Err(reader.error())
    }
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn error(&self) -> JsonError {
        JsonError { at: self.at }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn word(&mut self, word: &[u8], value: Raw) -> Result<Raw, JsonError> {
        if self.bytes[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error())
        }
    }

    fn value(&mut self, depth: usize) -> Result<Raw, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error());
        }
        self.space();
        match self.peek().ok_or_else(|| self.error())? {
            b'n' => self.word(b"null", Raw::Null),
            b't' => self.word(b"true", Raw::Bool(true)),
            b'f' => self.word(b"false", Raw::Bool(false)),
            b'"' => self.string().map(Raw::Text),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Ok(Raw::List(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Raw::List(items));
                        }
                        _ => return Err(self.error()),
                    }
                }
            }
            b'{' => {
                self.at += 1;
                let mut entries = Vec::new();
                self.space();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                    return Ok(Raw::Object(entries));
                }
                loop {
                    self.space();
                    if self.peek() != Some(b'"') {
                        return Err(self.error());
                    }
                    let key = self.string()?;
                    self.space();
                    if self.peek() != Some(b':') {
                        return Err(self.error());
                    }
                    self.at += 1;
                    entries.push((key, self.value(depth + 1)?));
                    self.space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Raw::Object(entries));
                        }
                        _ => return Err(self.error()),
                    }
                }
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(self.error()),
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<Raw, JsonError> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let digits = |r: &mut Self| {
            let start = r.at;
            while matches!(r.peek(), Some(b'0'..=b'9')) {
                r.at += 1;
            }
            &r.bytes[start..r.at]
        };
        let whole = digits(self);
        if whole.is_empty() || (whole.len() > 1 && whole[0] == b'0') {
            return Err(self.error());
        }
        // Decimal digits into an f64: exact up to 2^53, which is all the widget relies on.
        let mut value = whole
            .iter()
            .fold(0.0, |n, d| n * 10.0 + f64::from(d - b'0'));
        if self.peek() == Some(b'.') {
            self.at += 1;
            let fraction = digits(self);
            if fraction.is_empty() {
                return Err(self.error());
            }
            let mut scale = 1.0;
            for d in fraction {
                scale /= 10.0;
                value += f64::from(d - b'0') * scale;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            let minus = match self.peek() {
                Some(b'-') => {
                    self.at += 1;
                    true
                }
                Some(b'+') => {
                    self.at += 1;
                    false
                }
                _ => false,
            };
            let exponent = digits(self);
            if exponent.is_empty() {
                return Err(self.error());
            }
            let e = exponent
                .iter()
                .fold(0i32, |n, d| {
                    n.saturating_mul(10).saturating_add(i32::from(d - b'0'))
                })
                .min(400);
            value *= 10f64.powi(if minus { -e } else { e });
        }
        Ok(Raw::Number(if negative { -value } else { value }))
    }

    /// A string, from its opening quote; escapes decoded, surrogate pairs joined.
    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while !matches!(self.peek(), Some(b'"' | b'\\') | None) {
                if self.bytes[self.at] < 0x20 {
                    return Err(self.error());
                }
                self.at += 1;
            }
            // Quotes and backslashes are ASCII, so this slice lies on character boundaries.
            out.push_str(self.text.get(start..self.at).ok_or_else(|| self.error())?);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escape = self.peek().ok_or_else(|| self.error())?;
                    self.at += 1;
                    out.push(match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return Err(self.error()),
                    });
                }
                _ => return Err(self.error()),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .bytes
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.error())?;
        let mut n = 0;
        for d in digits {
            n = n * 16 + (*d as char).to_digit(16).ok_or_else(|| self.error())?;
        }
        self.at += 4;
        Ok(n)
    }

    /// After `\u`: one code unit, or a surrogate pair written as two escapes. A lone surrogate
    /// (which `JSON.stringify` can write) reads as U+FFFD.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.bytes[self.at..].starts_with(b"\\u") {
            let back = self.at;
            self.at += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            self.at = back;
        }
        Ok(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }
}
