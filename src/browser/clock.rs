//! The browser's clock.

/// The current time as RFC 3339 UTC.
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}
