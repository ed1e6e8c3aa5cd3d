//! The browser's own `fetch`, `XMLHttpRequest` and `Response` getters, as the loader took them
//! when it first ran and only if they were still the browser's own then (a page may replace
//! them: wrappers that drop a request's body, or answer "201" without sending anything). The
//! delivery layer sends leads with these, never with whatever `window.fetch` is by then.

use std::cell::RefCell;

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// What the loader handed over; each is `None` when it was missing or already replaced.
#[derive(Clone, Default)]
pub struct Builtins {
    /// `fetch`.
    pub fetch: Option<Function>,
    /// `XMLHttpRequest` and the prototype methods a POST needs.
    pub xhr: Option<Xhr>,
    /// The getters of `Response.prototype.type`, `.url` and `.status`: they throw for anything
    /// that is not a real `Response`, and no page script can make a response that says `cors`
    /// or `opaque`, so they tell a real answer from the network from a made-up one.
    pub response_type: Option<Function>,
    pub response_url: Option<Function>,
    pub response_status: Option<Function>,
}

/// The browser's own `XMLHttpRequest`.
#[derive(Clone)]
pub struct Xhr {
    pub class: Function,
    pub open: Function,
    pub send: Function,
    pub set_request_header: Function,
}

thread_local! {
    static BUILTINS: RefCell<Builtins> = RefCell::new(Builtins::default());
}

/// Keeps what the loader took (`{fetch, XMLHttpRequest, open, send, setRequestHeader, type,
/// url, status}`, each a function or undefined). The first hand-over wins: the loader that ran
/// first ran earliest.
pub fn install(taken: &JsValue) {
    let function = |name: &str| {
        Reflect::get(taken, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
    };
    let xhr = match (
        function("XMLHttpRequest"),
        function("open"),
        function("send"),
        function("setRequestHeader"),
    ) {
        (Some(class), Some(open), Some(send), Some(set_request_header)) => Some(Xhr {
            class,
            open,
            send,
            set_request_header,
        }),
        _ => None,
    };
    let taken = Builtins {
        fetch: function("fetch"),
        xhr,
        response_type: function("type"),
        response_url: function("url"),
        response_status: function("status"),
    };
    BUILTINS.with(|b| {
        let mut b = b.borrow_mut();
        if b.fetch.is_none() && b.xhr.is_none() {
            *b = taken;
        }
    });
}

/// What the loader took (all `None` before it handed anything over).
pub fn get() -> Builtins {
    BUILTINS.with(|b| b.borrow().clone())
}

impl Builtins {
    /// Calls a captured getter on `target`; `None` if there is none or it throws (then
    /// `target` is not what the getter belongs to).
    pub fn read(getter: &Option<Function>, target: &JsValue) -> Option<JsValue> {
        getter.as_ref()?.call0(target).ok()
    }
}
