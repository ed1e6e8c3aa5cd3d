//! The brand colour's contrast where the widget uses it: as the background of its buttons
//! (with the text colour the widget picks, `Accent::on`), and as the colour of its title, links
//! and outline buttons on its light and dark backgrounds. WCAG 2.x contrast ratios, exact.

use smp_consult::domain::config::Accent;

/// The widget's own backgrounds and brand colours, light and dark (`--_bg` and `--_accent`
/// in `smp-consult.css`; a test checks they agree).
pub const LIGHT_BACKGROUND: &str = "#ffffff";
pub const DARK_BACKGROUND: &str = "#15191c";
pub const LIGHT_ACCENT: &str = "#1f5f5b";
pub const DARK_ACCENT: &str = "#7cc7bd";

/// What WCAG 2.2 AA asks of text (4.5:1); large text and UI parts need 3:1.
pub const AA_TEXT: f64 = 4.5;

/// One place the colour appears, and how readable it is there.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub place: Place,
    /// The contrast ratio, e.g. 7.3 for 7.3:1.
    pub ratio: f64,
}

impl Check {
    pub fn passes(&self) -> bool {
        self.ratio >= AA_TEXT
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Button text on the colour (white or near-black, whichever the widget picks).
    ButtonText { on_white: bool },
    /// The colour as text (title, links) on the light background.
    OnLight,
    /// The colour as text on the dark background (visitors in dark mode).
    OnDark,
}

/// The checks for the colours the widget uses: `light` on its light background (if visitors
/// can see the light theme), `dark` on its dark one (if they can see the dark theme). A clinic's
/// own colour is used in both; without one, the widget has a colour for each.
pub fn checks(light: Option<&Accent>, dark: Option<&Accent>) -> Vec<Check> {
    let mut out = Vec::new();
    let mut button = |accent: &Accent| {
        let check = Check {
            place: Place::ButtonText {
                on_white: accent.on == "#ffffff",
            },
            ratio: ratio(luminance(&accent.colour), luminance(accent.on)),
        };
        if !out.contains(&check) {
            out.push(check);
        }
    };
    if let Some(a) = light {
        button(a);
    }
    if let Some(a) = dark {
        button(a);
    }
    if let Some(a) = light {
        out.push(Check {
            place: Place::OnLight,
            ratio: ratio(luminance(&a.colour), luminance(LIGHT_BACKGROUND)),
        });
    }
    if let Some(a) = dark {
        out.push(Check {
            place: Place::OnDark,
            ratio: ratio(luminance(&a.colour), luminance(DARK_BACKGROUND)),
        });
    }
    out
}

/// The contrast ratio of two relative luminances, (lighter + 0.05) / (darker + 0.05).
pub fn ratio(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    (hi + 0.05) / (lo + 0.05)
}

/// WCAG relative luminance of `#rrggbb` (0 for anything else).
pub fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    let channel = |i: usize| {
        let v = hex
            .get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .map_or(0.0, |v| f64::from(v) / 255.0);
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

/// A ratio as people read it: `7.3:1`.
pub fn show(ratio: f64) -> String {
    format!("{:.1}:1", (ratio * 10.0).floor() / 10.0)
}
