//! The scenario document a person edits, pure: commands, history, geometry, tools.

// An overflow would panic (debug) or silently wrap (release): integer arithmetic is
// checked, saturating or deliberately wrapping, chosen per site.
#![deny(clippy::arithmetic_side_effects)]
// A panic here would kill the whole page: failures are values.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod catalogue;
pub mod code_spans;
pub mod command;
pub mod document;
pub mod download;
pub mod editor;
pub mod geometry;
pub mod highlight;
pub mod history;
pub mod import;
pub mod inspect;
pub mod persist;
pub mod picture;
pub mod policy_form;
pub mod reach;
pub mod scenario;
pub mod scene;
pub mod search;
pub mod session;
pub mod share;
pub mod tool;
pub mod trust;
pub mod view;
