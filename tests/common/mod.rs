//! Shared by the locale-file tests (each its own process, as a page installs a language once).

/// Parses a locale file the way the browser does (`JSON.parse` → key/text pairs).
pub fn parse(file: &str) -> Vec<(String, String)> {
    let value: serde_json::Value = serde_json::from_str(file).expect("a locale file is JSON");
    value
        .as_object()
        .expect("a JSON object")
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_str().expect("every value a string").to_string(),
            )
        })
        .collect()
}
