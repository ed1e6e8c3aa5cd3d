//! The configurator: the page where a clinic sets SMP Consult up without writing HTML or JSON.
//! Every setting in plain words, checked by the widget's own rules (`smp_consult::domain`), a
//! live preview of the real widget, the snippet to paste, and a test lead to the destination.
//!
//! Pure parts, tested natively: `draft` (the settings as typed ⇄ the snippet), `snippet`
//! (writing and reading the pasted text), `samples` (the price table's cells and a sample
//! result for each), `contrast` (the brand colour's contrast), `share` (settings in a link).

pub mod contrast;
pub mod draft;
pub mod samples;
pub mod snippet;
