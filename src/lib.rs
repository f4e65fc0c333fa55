//! IAM Playground: a pure IAM simulation core, a pure document/editor core, and a thin Yew UI.

pub mod doc;
pub mod sim;
#[cfg(target_arch = "wasm32")]
pub mod ui;
