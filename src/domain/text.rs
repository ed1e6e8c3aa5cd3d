//! Text from outside (the clinic's configuration) as the widget shows it: characters that show
//! nothing or reorder what is around them, and length caps. (Names are also isolated for
//! bidirectional text where they go into a sentence: `ui::with_name`.)

/// Bidirectional formatting characters: marks, embeddings, overrides and isolates. A clinic's
/// name never needs them, and an override (U+202E) in one reverses the text after it.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that show nothing, or change how the text around them shows: control characters,
/// bidi formatting, zero-width spaces and joiners, word joiners, the byte-order mark, soft
/// hyphens, variation selectors, tag characters and the Hangul fillers. None belongs in an
/// address; in an address they hide what it really is (`clinic​@example.com`).
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || is_bidi_control(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200D}'
                | '\u{2028}'..='\u{202F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{206A}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// A text from the clinic's configuration, as the widget will show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigText {
    /// Fit to show as it was given (trimmed).
    Fits(String),
    /// Control or bidi formatting characters were taken out; this is what is left.
    Cleaned(String),
    /// Longer than the cap: not shown (a cut text, a consent wording above all, would say
    /// something the clinic did not write).
    TooLong,
    /// Nothing left to show.
    Empty,
}

impl ConfigText {
    /// Checks `text` against a cap of `max` characters (counted after cleaning).
    pub fn check(text: &str, max: usize) -> ConfigText {
        // Controls (a newline in an attribute is a space on screen) and bidi formatting go.
        let cleaned: String = text
            .chars()
            .filter(|c| !is_bidi_control(*c))
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let changed = cleaned.chars().count() != text.chars().count()
            || text.chars().any(|c| c.is_control() && !c.is_whitespace());
        let cleaned = cleaned.trim();
        if cleaned.is_empty() {
            ConfigText::Empty
        } else if cleaned.chars().count() > max {
            ConfigText::TooLong
        } else if changed {
            ConfigText::Cleaned(cleaned.to_string())
        } else {
            ConfigText::Fits(cleaned.to_string())
        }
    }
}
