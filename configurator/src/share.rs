//! Keeping the settings: in this browser (local storage, so a reload loses nothing) and in a
//! link (the settings in the URL's fragment, the part after `#`, which browsers never send to
//! a server). Both hold the text a clinic would paste back in: the snippet, and the config
//! file's JSON after it when the settings live in a file.

/// The local-storage key.
pub const STORAGE_KEY: &str = "smp-configurator:v1";

/// The fragment's prefix: `#settings=<base64url of the text>`.
pub const FRAGMENT_PREFIX: &str = "#settings=";

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Text as URL-safe base64 without padding.
pub fn encode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The text back from [`encode`]; `None` if it is not base64url of UTF-8 text.
pub fn decode(code: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(code.len() / 4 * 3);
    let values: Option<Vec<u32>> = code
        .trim_end_matches('=')
        .bytes()
        .map(|c| ALPHABET.iter().position(|a| *a == c).map(|v| v as u32))
        .collect();
    for chunk in values?.chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, v)| n | v << (18 - 6 * i));
        for i in 0..chunk.len() - 1 {
            bytes.push((n >> (16 - 8 * i)) as u8);
        }
    }
    String::from_utf8(bytes).ok()
}

/// The settings a link carries, if its fragment holds some.
pub fn from_fragment(fragment: &str) -> Option<String> {
    decode(fragment.strip_prefix(FRAGMENT_PREFIX)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_text_survives_the_link() {
        for text in [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "<smp-consult clinic=\"Clínica Ñ 🦷\">",
        ] {
            let code = encode(text);
            assert!(code.bytes().all(|b| ALPHABET.contains(&b)), "{code}");
            assert_eq!(decode(&code).as_deref(), Some(text));
            assert_eq!(
                from_fragment(&format!("{FRAGMENT_PREFIX}{code}")).as_deref(),
                Some(text)
            );
        }
        assert_eq!(encode("hello"), "aGVsbG8");
        assert_eq!(decode("a*b"), None);
        assert_eq!(from_fragment("#other"), None);
    }
}
