//! Where the visitor is: the page's address, its referrer and UTM parameters.

use crate::domain::lead::{PageInfo, Utm};

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
