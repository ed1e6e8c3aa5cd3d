//! What the widget reads from the host page and the browser: time, random ids, the page's
//! address, session storage; and turning domain values into JS values and JSON.

use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::domain::lead::{uuid_v4, PageInfo, Utm};
use crate::domain::raw::Raw;

/// Converts a domain value to a plain JS object with DESIGN's JSON shape
/// (`None` as `null`, maps as objects).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

/// Serialises a domain value to a JSON string with the browser's own `JSON.stringify`
/// (keeps `serde_json` out of the wasm).
pub fn to_json<T: Serialize>(value: &T) -> Option<String> {
    let js = to_js(value).ok()?;
    js_sys::JSON::stringify(&js).ok()?.as_string()
}

/// A fresh version 4 UUID from the browser's cryptographic random source.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        // No Web Crypto (very old browser): Math.random is still unique enough for an id.
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v4(bytes)
}

/// The current time as RFC 3339 UTC.
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Where the visitor is: page address, referrer and UTM parameters.
pub fn page_info() -> PageInfo {
    let window = web_sys::window();
    let location = window.as_ref().map(|w| w.location());
    let url = location
        .as_ref()
        .and_then(|l| l.href().ok())
        .unwrap_or_default();
    let query = location
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let referrer = window
        .and_then(|w| w.document())
        .map(|d| d.referrer())
        .unwrap_or_default();
    PageInfo::new(url, referrer, Utm::from_query(&query))
}

/// The tab's session storage, if the browser allows it (private modes may not).
pub fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Copies a JS value (a plain object from `JSON.parse` or the page) into a `Raw` value.
/// Functions, symbols and other non-JSON values read as `null`. Depth is bounded, so a
/// cyclic object from a page script cannot hang the widget.
pub fn to_raw(value: &JsValue) -> Raw {
    fn go(value: &JsValue, depth: u8) -> Raw {
        if depth > 8 || value.is_null() || value.is_undefined() {
            return Raw::Null;
        }
        if let Some(b) = value.as_bool() {
            return Raw::Bool(b);
        }
        if let Some(n) = value.as_f64() {
            return Raw::Number(n);
        }
        if let Some(s) = value.as_string() {
            return Raw::Text(s);
        }
        if js_sys::Array::is_array(value) {
            let array = js_sys::Array::from(value);
            return Raw::List(array.iter().map(|v| go(&v, depth + 1)).collect());
        }
        if value.is_object() && !value.is_function() {
            let object = js_sys::Object::from(value.clone());
            let entries = js_sys::Object::entries(&object)
                .iter()
                .filter_map(|pair| {
                    let pair = js_sys::Array::from(&pair);
                    Some((pair.get(0).as_string()?, go(&pair.get(1), depth + 1)))
                })
                .collect();
            return Raw::Object(entries);
        }
        Raw::Null
    }
    go(value, 0)
}

/// Parses JSON text with the browser's own parser into a `Raw` value.
pub fn parse_json(text: &str) -> Option<Raw> {
    js_sys::JSON::parse(text).ok().map(|v| to_raw(&v))
}

/// The site's local storage (shared by its pages), if the browser allows it.
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
