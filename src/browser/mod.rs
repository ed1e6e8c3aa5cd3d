//! The bottom layer: what the widget needs from the browser itself, used by the layers above
//! (`embed`, `ui`, `delivery`). Storage, the clock, random ids, where the visitor is, the
//! browser's own networking as the loader took it, the bridges between domain values and
//! JS values, and turning a chosen file into a photo. Nothing here knows about Yew or the flow.

pub mod builtins;
pub mod clock;
pub mod ids;
pub mod image;
pub mod js;
pub mod page;
pub mod storage;
