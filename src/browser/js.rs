//! Bridges between domain values and JS values: domain values to plain JS objects (events,
//! the JS API), JS values to `Raw`, and domain values to JSON text, written in Rust
//! (`domain::json`), not by the page's `JSON.stringify`, which a host page may have replaced.
//! Domain values take DESIGN's JSON shape as `Raw` first (`domain::shape`), natively tested.

use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::domain::raw::Raw;
use crate::domain::{json, shape};

/// Converts a domain value to a plain JS object with DESIGN's JSON shape
/// (`None` as `null`, maps as objects); `null` if it has no such shape (none of the widget's
/// types).
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    shape::to_raw(value).map_or(JsValue::NULL, |raw| from_raw(&raw))
}

/// A domain value as JSON text, in DESIGN's shape (the same as the events carry), written in
/// Rust: the page's `JSON.stringify` and any `toJSON` it added play no part. `None` only if
/// the value has no JSON shape (none of the widget's types).
pub fn to_json<T: Serialize>(value: &T) -> Option<String> {
    Some(json::write(&shape::to_raw(value)?))
}

/// A plain JS value (objects, arrays, strings, numbers) with `raw`'s content.
fn from_raw(raw: &Raw) -> JsValue {
    match raw {
        Raw::Null => JsValue::NULL,
        Raw::Bool(b) => JsValue::from_bool(*b),
        Raw::Number(n) => JsValue::from_f64(*n),
        Raw::Text(s) => JsValue::from_str(s),
        Raw::List(items) => items.iter().map(from_raw).collect::<js_sys::Array>().into(),
        Raw::Object(fields) => {
            let object = js_sys::Object::new();
            for (key, value) in fields {
                let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &from_raw(value));
            }
            object.into()
        }
    }
}

/// Copies a JS value (a plain object from the page, e.g. the JS API's arguments) into a `Raw`
/// value. Functions, symbols and other non-JSON values read as `null`. Depth is bounded, so a
/// cyclic object from a page script cannot hang the widget.
pub fn to_raw(value: &JsValue) -> Raw {
    read(value, 8)
}

/// [`to_raw`] down to `max_depth` levels (deeper values read as `null`).
fn read(value: &JsValue, max_depth: u8) -> Raw {
    fn go(value: &JsValue, depth: u8, max_depth: u8) -> Raw {
        if depth > max_depth || value.is_null() || value.is_undefined() {
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
            return Raw::List(array.iter().map(|v| go(&v, depth + 1, max_depth)).collect());
        }
        if value.is_object() && !value.is_function() {
            let object = js_sys::Object::from(value.clone());
            let entries = js_sys::Object::entries(&object)
                .iter()
                .filter_map(|pair| {
                    let pair = js_sys::Array::from(&pair);
                    Some((
                        pair.get(0).as_string()?,
                        go(&pair.get(1), depth + 1, max_depth),
                    ))
                })
                .collect();
            return Raw::Object(entries);
        }
        Raw::Null
    }
    go(value, 0, max_depth)
}
