//! What the configurator asks of the browser: local storage, the URL's fragment, the
//! clipboard, a file download. (JSON goes through the widget's own bridge, `embed::page`.)

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::share::{encode, from_fragment, FRAGMENT_PREFIX, STORAGE_KEY};

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Keeps the settings (as the text that pastes them back) in this browser.
pub fn keep(text: &str) {
    if let Some(storage) = local_storage() {
        // Full or blocked storage only means the settings are not kept.
        let _ = storage.set_item(STORAGE_KEY, text);
    }
}

/// The settings to start from: a shared link's (then taken out of the address, so a reload
/// keeps later changes), else the ones kept in this browser.
pub fn initial_text() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let hash = location.hash().unwrap_or_default();
    if let Some(text) = from_fragment(&hash) {
        let clean = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
        }
        return Some(text);
    }
    local_storage()?.get_item(STORAGE_KEY).ok().flatten()
}

/// A link to this page carrying the settings in its fragment.
pub fn share_link(text: &str) -> String {
    let location = web_sys::window().map(|w| w.location());
    let base = location
        .and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?)))
        .unwrap_or_default();
    format!("{base}{FRAGMENT_PREFIX}{}", encode(text))
}

/// This page's origin (`https://host:port`), the one a destination must allow.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// This page's address.
pub fn href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The origin of a URL (`https://leads.example`), or the URL itself if it is not one.
pub fn origin_of(url: &str) -> String {
    web_sys::Url::new(url)
        .map(|u| u.origin())
        .unwrap_or_else(|_| url.to_string())
}

/// An absolute URL for `relative`, resolved against this page.
pub fn resolve(relative: &str) -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .and_then(|base| web_sys::Url::new_with_base(relative, &base).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| relative.to_string())
}

/// Copies text to the clipboard; `false` if the browser refused.
pub async fn copy(text: String) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    JsFuture::from(promise).await.is_ok()
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str, media_type: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let href = format!(
        "data:{media_type};charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(text))
    );
    if let Ok(a) = document.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&href);
            a.set_download(name);
            a.click();
        }
    }
}
