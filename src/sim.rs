//! The IAM world and its rules, pure: no browser crates, no real clock.

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

pub mod arn;
pub mod bounds;
pub mod eval;
pub mod export;
pub mod flow;
pub mod gaad;
pub mod ids;
pub mod managed;
pub mod policy;
pub mod reach;
pub mod sorting;
pub mod sts;
pub mod time;
pub mod world;
