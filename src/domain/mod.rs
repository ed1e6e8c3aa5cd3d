//! The pure core: answers, the question graph, `recommend()`, the lead and its validation,
//! the clinic's configuration types, and the pictures drawn from answers (as data). No Yew,
//! web-sys or wasm-bindgen in here, so all of it is tested natively with `cargo test`.

pub mod address;
pub mod answers;
pub mod checked;
pub mod codes;
pub mod config;
pub mod flow;
pub mod json;
pub mod lead;
pub mod limits;
pub mod photo;
pub mod picture;
pub mod price;
pub mod raw;
pub mod recommend;
pub mod retry;
pub mod settings;
pub mod shape;
pub mod text;

pub use answers::*;
pub use config::{ConfigError, PriceTable};
pub use flow::{Choice, QuestionId, Step};
pub use recommend::{recommend, Approach, Extent, Recommendation};
