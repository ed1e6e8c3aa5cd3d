//! Pictures as SVG documents in `data:` URLs, for `<img src>`: an image keeps its own colours
//! in forced-colours mode, decodes off the DOM, and needs no inline style (a strict CSP only
//! has to allow `img-src data:`, which the photo thumbnails need anyway).
//!
//! Written straight into URL form: `#` as `%23`, attributes in single quotes.

use super::{Head, Layer, Paint, Rgb, Sketch};

/// The outline round heads and swatches: a mid grey that shows on light and dark cards alike.
const OUTLINE: Rgb = Rgb(0x80, 0x8b, 0x92);
/// Where the top view starts, right of the front view, and the part of both that holds drawing.
const TOP_VIEW_AT: &str = "82";
const VIEW_BOX: &str = "9 3 165 116";

/// Appends a whole number.
fn number(out: &mut String, n: u32) {
    if n >= 10 {
        number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Appends `0.42` for 42 (percent or tenths alike: `tenths` picks the unit).
fn decimal(out: &mut String, n: u8, hundredths: bool) {
    let unit = if hundredths { 100 } else { 10 };
    number(out, u32::from(n) / unit);
    let rest = u32::from(n) % unit;
    if rest > 0 {
        out.push('.');
        if hundredths && rest < 10 {
            out.push('0');
        }
        number(out, rest);
    }
}

fn colour(out: &mut String, c: Rgb) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.push_str("%23");
    for byte in [c.0, c.1, c.2] {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 15)]));
    }
}

fn paint(out: &mut String, id: &str, p: Paint) {
    match p {
        Paint::Colour(c) => colour(out, c),
        Paint::Outline => colour(out, OUTLINE),
        Paint::Dots(i) => {
            out.push_str("url(%23");
            out.push_str(id);
            out.push('d');
            number(out, u32::from(i));
            out.push(')');
        }
    }
}

fn layer(out: &mut String, id: &str, l: &Layer) {
    out.push_str("<path d='");
    out.push_str(l.d);
    out.push_str("' fill='");
    match l.fill {
        Some(p) => paint(out, id, p),
        None => out.push_str("none"),
    }
    if let Some((p, width)) = l.stroke {
        out.push_str("' stroke-linecap='round' stroke='");
        paint(out, id, p);
        out.push_str("' stroke-width='");
        decimal(out, width, false);
    }
    if l.opacity < 100 {
        // Not `opacity`, which paints the shape into a layer of its own first: slower to
        // paint, and the same for a shape that is only filled or only stroked.
        out.push_str(match (l.fill, l.stroke) {
            (Some(_), None) => "' fill-opacity='",
            (None, Some(_)) => "' stroke-opacity='",
            _ => "' opacity='",
        });
        decimal(out, l.opacity, true);
    }
    if let Some(i) = l.clip {
        out.push_str("' clip-path='url(%23");
        out.push_str(id);
        out.push('c');
        number(out, u32::from(i));
        out.push(')');
    }
    out.push_str("'/>");
}

/// One view: its clip shapes and dot textures (ids start with `id`), then its layers.
fn sketch(out: &mut String, id: &str, s: &Sketch) {
    out.push_str("<defs>");
    for (i, d) in s.clips.iter().enumerate() {
        out.push_str("<clipPath id='");
        out.push_str(id);
        out.push('c');
        number(out, i as u32);
        out.push_str("'><path d='");
        out.push_str(d);
        out.push_str("'/></clipPath>");
    }
    for (i, dots) in s.dots.iter().enumerate() {
        out.push_str("<pattern id='");
        out.push_str(id);
        out.push('d');
        number(out, i as u32);
        out.push_str("' width='4' height='4' patternUnits='userSpaceOnUse'><path d='");
        out.push_str(dots.tile());
        out.push_str("' stroke-linecap='round' stroke-width='");
        decimal(out, dots.size(), true);
        out.push_str("' stroke='");
        colour(out, dots.colour);
        out.push_str("'/></pattern>");
    }
    out.push_str("</defs>");
    for l in &s.layers {
        layer(out, id, l);
    }
}

fn open(view_box: &str) -> String {
    let mut out = String::with_capacity(12_000);
    out.push_str("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='");
    out.push_str(view_box);
    out.push_str("'>");
    out
}

/// A head in its two views side by side: front at the left, top at the right.
pub fn head(h: &Head) -> String {
    compare(h, None, 100)
}

/// A swatch (a 40 × 40 view).
pub fn swatch(s: &Sketch) -> String {
    let mut out = open("0 0 40 40");
    sketch(&mut out, "s", s);
    out.push_str("</svg>");
    out
}

/// A head in its two views: "now" left of a divider at `divider` percent of each view and,
/// when given, the same head "with SMP" right of it (all "now" at 100, all "with SMP" at 0).
pub fn compare(now: &Head, with_smp: Option<&Head>, divider: u8) -> String {
    let x = if with_smp.is_some() {
        divider.min(100)
    } else {
        100
    };
    let mut out = open(VIEW_BOX);
    out.push_str("<clipPath id='l'><rect width='");
    number(&mut out, u32::from(x));
    out.push_str("' height='120'/></clipPath><clipPath id='r'><rect x='");
    number(&mut out, u32::from(x));
    out.push_str("' width='");
    number(&mut out, u32::from(100 - x));
    out.push_str("' height='120'/></clipPath>");
    for (view, at, id) in [
        ("front", "0", ["af", "nf"]),
        ("top", TOP_VIEW_AT, ["at", "nt"]),
    ] {
        out.push_str("<g class='");
        out.push_str(view);
        out.push_str("' transform='translate(");
        out.push_str(at);
        out.push_str(")'>");
        out.push_str("<g clip-path='url(%23l)'>");
        sketch(&mut out, id[1], now.view(view));
        out.push_str("</g>");
        if let Some(smp) = with_smp.filter(|_| x < 100) {
            out.push_str("<g clip-path='url(%23r)'>");
            sketch(&mut out, id[0], smp.view(view));
            out.push_str("</g>");
        }
        if x > 0 && x < 100 {
            // The divider: white with a dark edge, visible on any skin or hair.
            out.push_str("<path d='M");
            number(&mut out, u32::from(x));
            out.push_str(
                " 5V117' stroke='%23000' stroke-opacity='.35' stroke-width='1.5'/><path d='M",
            );
            number(&mut out, u32::from(x));
            out.push_str(" 5V117' stroke='%23fff' stroke-width='.7'/>");
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}
