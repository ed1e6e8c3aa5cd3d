//! The text a clinic pastes into its site, both ways: writing the two lines (the loader and the
//! `<smp-consult>` element) with the JSON config, and reading back whatever a clinic pastes in
//! (that snippet, an older hand-written one, or a config file's JSON). Pure, so the round trip
//! is tested natively.

use smp_consult::domain::raw::Raw;

/// The id of the JSON config script the snippet writes.
pub const CONFIG_ID: &str = "smp-consult-config";

/// What a snippet holds: the element's attributes in order, and the JSON config.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snippet {
    pub attributes: Vec<(String, String)>,
    /// The JSON config's object entries (written inline, or to the `config-url` file).
    pub json: Vec<(String, Raw)>,
}

impl Snippet {
    /// The attribute's value, if present.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The HTML to paste: the loader from `script_src`, the element, and (unless the element
    /// names a `config-url`) the JSON config in a `<script type="application/json">`.
    pub fn html(&self, script_src: &str) -> String {
        let mut out = format!(
            "<script type=\"module\" src=\"{}\"></script>\n<smp-consult",
            escape_attribute(script_src)
        );
        for (name, value) in &self.attributes {
            out.push_str(&format!(" {name}=\"{}\"", escape_attribute(value)));
        }
        out.push_str("></smp-consult>");
        if self.attribute("config").is_some() {
            out.push_str(&format!(
                "\n<script type=\"application/json\" id=\"{CONFIG_ID}\">\n{}\n</script>",
                self.json_text()
            ));
        }
        out
    }

    /// The JSON config as text (`{}` when empty), safe to put inside a `<script>` element.
    pub fn json_text(&self) -> String {
        json(&Raw::Object(self.json.clone()), 0)
    }
}

/// An attribute value in double quotes: `&`, `"`, `<` and `>` escaped.
pub fn escape_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON text for a value, indented by two spaces per level; an object or list short enough
/// stays on one line (a price range, a small price row). `<` is written `\u003c`, so the text
/// can never close the `<script>` it sits in.
pub fn json(value: &Raw, depth: usize) -> String {
    let inline = json_inline(value);
    let fits = inline.len() + 2 * depth <= 88;
    match value {
        Raw::Object(entries) if !fits && !entries.is_empty() => {
            let pad = "  ".repeat(depth + 1);
            let items: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{pad}{}: {}", json_string(k), json(v, depth + 1)))
                .collect();
            format!("{{\n{}\n{}}}", items.join(",\n"), "  ".repeat(depth))
        }
        Raw::List(items) if !fits && !items.is_empty() => {
            let pad = "  ".repeat(depth + 1);
            let items: Vec<String> = items
                .iter()
                .map(|v| format!("{pad}{}", json(v, depth + 1)))
                .collect();
            format!("[\n{}\n{}]", items.join(",\n"), "  ".repeat(depth))
        }
        _ => inline,
    }
}

fn json_inline(value: &Raw) -> String {
    match value {
        Raw::Null => "null".into(),
        Raw::Bool(b) => b.to_string(),
        Raw::Number(n) => number(*n),
        Raw::Text(s) => json_string(s),
        Raw::List(items) => {
            let items: Vec<String> = items.iter().map(json_inline).collect();
            format!("[{}]", items.join(", "))
        }
        Raw::Object(entries) => {
            let items: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", json_string(k), json_inline(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

/// A number as JSON writes it: whole numbers without a decimal point.
pub fn number(n: f64) -> String {
    if !n.is_finite() {
        "null".into()
    } else if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What was found in pasted text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pasted {
    /// The `<smp-consult>` element's attributes (names in lower case), if there was one.
    pub element: Option<Vec<(String, String)>>,
    /// The JSON config's text: the script the element's `config="#id"` names, else a JSON
    /// object pasted after the element (a `config-url` file's content), or on its own.
    pub json: Option<String>,
}

/// The address of the widget's loader in pasted text: the `src` of a `<script>` that loads
/// `smp-consult.js`.
pub fn loader_src(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(Tag { attributes, end }) = find_tag(text, &lower, "script", from) {
        let src = attributes
            .iter()
            .find(|(n, _)| n == "src")
            .map(|(_, v)| v.trim());
        if let Some(src) = src.filter(|s| {
            s.split(['?', '#'])
                .next()
                .unwrap_or("")
                .ends_with("smp-consult.js")
        }) {
            return Some(src.to_string());
        }
        from = end;
    }
    None
}

/// Reads pasted text the way a browser reads the snippet: the element's attributes (quoted or
/// not, character references decoded) and the JSON config.
pub fn parse_pasted(text: &str) -> Pasted {
    let lower = text.to_ascii_lowercase();
    let Some(Tag { attributes, end }) = find_tag(text, &lower, "smp-consult", 0) else {
        let trimmed = text.trim();
        let json = (trimmed.starts_with('{') && trimmed.ends_with('}')).then(|| trimmed.into());
        return Pasted {
            element: None,
            json,
        };
    };
    let by_id = attributes
        .iter()
        .find(|(n, _)| n == "config")
        .and_then(|(_, v)| v.trim().strip_prefix('#').map(str::to_string))
        .and_then(|id| script_text(text, &lower, &id));
    let json = by_id.or_else(|| {
        // A config file's JSON pasted after the snippet: outside every tag and script.
        let rest = &text[end..];
        let rest = strip_scripts(rest);
        let open = rest.find('{')?;
        let close = rest.rfind('}')?;
        (close > open).then(|| rest[open..=close].to_string())
    });
    Pasted {
        element: Some(attributes),
        json,
    }
}

/// A start tag found in the text: its attributes, and the index just past its `>`.
struct Tag {
    attributes: Vec<(String, String)>,
    end: usize,
}

/// The first `<name …>` start tag at or after `from`.
fn find_tag(text: &str, lower: &str, name: &str, from: usize) -> Option<Tag> {
    let needle = format!("<{name}");
    let mut at = from;
    loop {
        let start = at + lower.get(at..)?.find(&needle)?;
        let after = start + needle.len();
        let next = text[after..].chars().next();
        if matches!(next, Some(c) if c.is_whitespace() || c == '>' || c == '/') {
            let (attributes, end) = attributes(text, after);
            return Some(Tag { attributes, end });
        }
        at = after;
    }
}

/// Reads attributes from `at` up to the tag's closing `>`, as HTML does.
fn attributes(text: &str, mut at: usize) -> (Vec<(String, String)>, usize) {
    let bytes = text.as_bytes();
    let mut out: Vec<(String, String)> = Vec::new();
    let skip_space = |at: &mut usize| {
        while *at < bytes.len() && (bytes[*at].is_ascii_whitespace() || bytes[*at] == b'/') {
            *at += 1;
        }
    };
    loop {
        skip_space(&mut at);
        if at >= bytes.len() {
            return (out, at);
        }
        if bytes[at] == b'>' {
            return (out, at + 1);
        }
        let name_start = at;
        while at < bytes.len()
            && !bytes[at].is_ascii_whitespace()
            && !matches!(bytes[at], b'=' | b'>' | b'/')
        {
            at += 1;
        }
        let name = text[name_start..at].to_ascii_lowercase();
        let mut look = at;
        while look < bytes.len() && bytes[look].is_ascii_whitespace() {
            look += 1;
        }
        let value = if look < bytes.len() && bytes[look] == b'=' {
            at = look + 1;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            match bytes.get(at) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = text[at + 1..]
                        .find(q as char)
                        .map_or(text.len(), |i| at + 1 + i);
                    let value = &text[at + 1..end];
                    at = (end + 1).min(text.len());
                    value
                }
                _ => {
                    let start = at;
                    while at < bytes.len() && !bytes[at].is_ascii_whitespace() && bytes[at] != b'>'
                    {
                        at += 1;
                    }
                    &text[start..at]
                }
            }
        } else {
            ""
        };
        // The first of a repeated attribute counts, as in HTML.
        if !name.is_empty() && !out.iter().any(|(n, _)| *n == name) {
            out.push((name, decode_references(value)));
        }
    }
}

/// The text of the `<script id="id">` element, if there is one.
fn script_text(text: &str, lower: &str, id: &str) -> Option<String> {
    let mut from = 0;
    while let Some(Tag { attributes, end }) = find_tag(text, lower, "script", from) {
        let close = lower[end..]
            .find("</script")
            .map_or(text.len(), |i| end + i);
        if attributes.iter().any(|(n, v)| n == "id" && v == id) {
            return Some(text[end..close].to_string());
        }
        from = close;
    }
    None
}

/// The text with every `<script>…</script>` and tag removed.
fn strip_scripts(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::new();
    let mut at = 0;
    while let Some(i) = lower[at..].find("<script") {
        out.push_str(&text[at..at + i]);
        at = lower[at + i..]
            .find("</script>")
            .map_or(text.len(), |j| at + i + j + "</script>".len());
    }
    out.push_str(&text[at..]);
    // Any other tags (a closing </smp-consult>, a wrapping <div>) go too.
    let mut plain = String::new();
    let mut in_tag = false;
    for c in out.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain
}

/// Decodes HTML character references in an attribute value: the five XML ones, `&nbsp;`,
/// and numeric ones. Others are left as written.
pub fn decode_references(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let code = match name.strip_prefix('#') {
                        Some(hex) if hex.starts_with(['x', 'X']) => {
                            u32::from_str_radix(&hex[1..], 16).ok()
                        }
                        Some(dec) => dec.parse().ok(),
                        None => None,
                    };
                    code.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
