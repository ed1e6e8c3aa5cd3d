//! Renders the first question at build time, for the loader to paint before the engine has
//! arrived: `smp-prerender <dir>` → `<dir>/en.json`, `<dir>/es.json`, … (run by
//! `scripts/build`, with the `prerender` feature).
//!
//! The markup is the engine's own: the same `App` component, rendered by Yew's server renderer
//! with the settings a clinic's page gives when it sets nothing that shows on the first step
//! (the loader fills in what does: the logo and the brand colour). It is written as a compact
//! tree, `[tag, {attribute: value}, child…]` with text children as strings, which the loader
//! builds with `createElement`, `setAttribute` and text nodes: no `innerHTML`, nothing parsed as
//! HTML in the page, so it works under a strict CSP (and Trusted Types).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    use smp_consult::i18n::Locale;

    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "dist/first".into());
    std::fs::create_dir_all(&dir)?;
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    for locale in Locale::ALL {
        let html = runtime.block_on(first_step(*locale));
        let tree = tree::parse(&html).map_err(|e| format!("{}: {e}", locale.code()))?;
        let path = std::path::Path::new(&dir).join(format!("{}.json", locale.code()));
        std::fs::write(&path, tree::json(&tree))?;
    }
    Ok(())
}

/// The widget's markup at its first question in `locale`, as the engine renders it for a page
/// with no saved progress.
#[cfg(not(target_arch = "wasm32"))]
async fn first_step(locale: smp_consult::i18n::Locale) -> String {
    use smp_consult::ui::{App, AppProps};

    let props = AppProps {
        config: Default::default(),
        locale,
        restored: None,
        onsave: Default::default(),
        onevent: smp_consult::ui::no_listener(),
    };
    yew::LocalServerRenderer::<App>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

/// Yew's server output (no hydration markers) → a tree → JSON. Only what that output holds:
/// elements, attributes in double quotes, text, and the entities Yew's escaping writes.
#[cfg(not(target_arch = "wasm32"))]
mod tree {
    pub enum Node {
        Text(String),
        Element {
            tag: String,
            attributes: Vec<(String, String)>,
            children: Vec<Node>,
        },
    }

    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];

    /// Parses one element (with whatever follows it being an error).
    pub fn parse(html: &str) -> Result<Node, String> {
        let mut rest = html.trim();
        let mut nodes = children(&mut rest, None)?;
        if !rest.is_empty() || nodes.len() != 1 {
            return Err(format!(
                "expected one root element, {} left over",
                rest.len()
            ));
        }
        Ok(nodes.remove(0))
    }

    /// The nodes up to the closing tag of `parent` (consumed), or to the end.
    fn children(rest: &mut &str, parent: Option<&str>) -> Result<Vec<Node>, String> {
        let mut out = Vec::new();
        loop {
            if rest.is_empty() {
                return match parent {
                    None => Ok(out),
                    Some(tag) => Err(format!("<{tag}> not closed")),
                };
            }
            if let Some(after) = rest.strip_prefix("</") {
                let end = after.find('>').ok_or("unterminated closing tag")?;
                let tag = &after[..end];
                if Some(tag) != parent {
                    return Err(format!("</{tag}> closes <{}>", parent.unwrap_or("nothing")));
                }
                *rest = &after[end + 1..];
                return Ok(out);
            }
            if rest.starts_with("<!--") {
                return Err("a comment (hydration marker?) in the output".into());
            }
            if let Some(after) = rest.strip_prefix('<') {
                *rest = after;
                out.push(element(rest)?);
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                let text = decode(&rest[..end])?;
                *rest = &rest[end..];
                if !text.is_empty() {
                    out.push(Node::Text(text));
                }
            }
        }
    }

    /// An element, from just after its `<`.
    fn element(rest: &mut &str) -> Result<Node, String> {
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .ok_or("unterminated tag")?;
        let tag = rest[..end].to_string();
        if tag.is_empty() || !tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(format!("odd tag name {tag:?}"));
        }
        *rest = &rest[end..];
        let mut attributes = Vec::new();
        loop {
            *rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix("/>") {
                *rest = after;
                return Ok(Node::Element {
                    tag,
                    attributes,
                    children: Vec::new(),
                });
            }
            if let Some(after) = rest.strip_prefix('>') {
                *rest = after;
                break;
            }
            let end = rest
                .find(|c: char| c == '=' || c.is_whitespace() || c == '>' || c == '/')
                .ok_or("unterminated attribute")?;
            let name = rest[..end].to_string();
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(format!("odd attribute name {name:?} on <{tag}>"));
            }
            // Never event handlers or inline styles: the loader refuses them too.
            if name.to_ascii_lowercase().starts_with("on") || name.eq_ignore_ascii_case("style") {
                return Err(format!("attribute {name} on <{tag}>"));
            }
            *rest = &rest[end..];
            let value = if let Some(after) = rest.strip_prefix("=\"") {
                let close = after.find('"').ok_or("unterminated attribute value")?;
                let value = decode(&after[..close])?;
                *rest = &after[close + 1..];
                value
            } else {
                String::new()
            };
            attributes.push((name, value));
        }
        let children = if VOID.contains(&tag.as_str()) {
            Vec::new()
        } else {
            children(rest, Some(&tag))?
        };
        Ok(Node::Element {
            tag,
            attributes,
            children,
        })
    }

    /// Undoes Yew's escaping (`&amp;`, `&lt;`, `&gt;`, `&quot;`, numeric references).
    fn decode(text: &str) -> Result<String, String> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find('&') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let end = after.find(';').ok_or("unterminated entity")?;
            let name = &after[..end];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let code =
                        if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                            u32::from_str_radix(hex, 16).ok()
                        } else {
                            name.strip_prefix('#').and_then(|d| d.parse().ok())
                        };
                    code.and_then(char::from_u32)
                        .ok_or_else(|| format!("unknown entity &{name};"))?
                }
            };
            out.push(c);
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// The tree as compact JSON: `["tag",{"name":"value"},child…]`, text as strings.
    pub fn json(node: &Node) -> String {
        let mut out = String::new();
        write(node, &mut out);
        out.push('\n');
        out
    }

    fn write(node: &Node, out: &mut String) {
        match node {
            Node::Text(text) => string(text, out),
            Node::Element {
                tag,
                attributes,
                children,
            } => {
                out.push('[');
                string(tag, out);
                out.push_str(",{");
                for (i, (name, value)) in attributes.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    string(name, out);
                    out.push(':');
                    string(value, out);
                }
                out.push('}');
                for child in children {
                    out.push(',');
                    write(child, out);
                }
                out.push(']');
            }
        }
    }

    fn string(text: &str, out: &mut String) {
        smp_consult::domain::json::write_string(out, text);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
