//! Bridges between domain values and JS values: domain values to plain JS objects (events,
//! the JS API), JS values to `Raw`, and JSON text.

use serde::Serialize;
use wasm_bindgen::JsValue;

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
