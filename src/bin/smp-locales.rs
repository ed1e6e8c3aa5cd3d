//! Writes the locale files the wasm loads for the languages it does not carry:
//! `smp-locales <dir>` → `<dir>/es.json`, `<dir>/fr.json`, … (run by `scripts/build`).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::io::Result<()> {
    use smp_consult::i18n::{data, Locale};

    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "dist/locales".into());
    std::fs::create_dir_all(&dir)?;
    for locale in Locale::ALL.iter().filter(|l| **l != Locale::En) {
        let path = std::path::Path::new(&dir).join(format!("{}.json", locale.code()));
        std::fs::write(&path, data::file(locale.strings()))?;
    }
    Ok(())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
