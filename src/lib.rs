//! SMP Consult: an embeddable consultation widget for scalp micropigmentation clinics.
//!
//! Layers, outside in (see DESIGN.md "Architecture"): `embed` (element ⇄ config, shadow root,
//! events) → `ui` (Yew components over one reducer) → `delivery` (the only network code) →
//! `i18n` (typed string tables) → `browser` (storage, clock, ids, JS bridges) → `domain` (pure
//! Rust, tested natively).

#[cfg(feature = "web")]
pub mod browser;
#[cfg(feature = "web")]
pub mod delivery;
pub mod domain;
#[cfg(feature = "web")]
pub mod embed;
pub mod i18n;
#[cfg(all(feature = "element", target_arch = "wasm32"))]
mod split;
#[cfg(feature = "web")]
pub mod ui;

/// Talc instead of the default dlmalloc: 2.3 KB smaller in the shipped wasm (brotli). Without
/// realloc in place (smaller still): a growing buffer is copied, which costs nothing noticeable here.
#[cfg(all(
    feature = "web",
    target_family = "wasm",
    not(target_feature = "atomics")
))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
