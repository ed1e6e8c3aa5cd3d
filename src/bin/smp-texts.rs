//! Prints every text of the six tables as one JSON object, by language and key
//! (`{"en": {"title": "…", …}, "de": …}`, from `i18n::sweep`): what the end-to-end tests compare
//! the widget's words with. The engines carry their tables compiled in; nothing ships this.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use smp_consult::domain::json::write_string;
    use smp_consult::i18n::{sweep, Locale};

    let mut out = String::from("{");
    for (i, locale) in Locale::ALL.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(&mut out, locale.code());
        out.push_str(":{");
        for (j, (key, text)) in sweep::texts(locale.strings()).iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            write_string(&mut out, key);
            out.push(':');
            write_string(&mut out, text);
        }
        out.push('}');
    }
    out.push('}');
    println!("{out}");
}

#[cfg(target_arch = "wasm32")]
fn main() {}
