//! The browser's storage: the tab's session storage and the site's local storage.

/// The tab's session storage, if the browser allows it (private modes may not).
pub fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The site's local storage (shared by its pages), if the browser allows it.
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
