//! Fuzzing on stable Rust: seeded, structure-aware mutations of the real inputs (built-in
//! scenarios, `tests/corpus`), fed to what a share link, a file or an `iam-eval` line reaches.
//!
//! Each case must not panic, must finish within the budget, and must lose nothing (see
//! `fuzz/targets.rs`). Plain `cargo test` runs 200 cases per target with a fixed seed;
//! `scripts/fuzz.sh [seconds]` runs each target for that long in the release-native profile.
//! Environment: `FUZZ_SECONDS`, `FUZZ_CASES`, `FUZZ_SEED`, `FUZZ_MODE=ci|demand`,
//! `FUZZ_BUDGET_MS`, `FUZZ_KNOWN=1` (see `fuzz/engine.rs`).

// The page's code sorts with `sim::sorting` (clippy.toml); tests may use the standard sorts.
#![allow(clippy::disallowed_methods)]
#![cfg(not(target_arch = "wasm32"))]

mod fuzz {
    pub mod engine;
    mod known;
    mod mutate;
    mod rng;
    mod seeds;
    mod targets;
}

use fuzz::engine;

/// Share links, through everything the page does with what it opens.
#[test]
fn fuzz_share() {
    engine::fuzz("share");
}

/// Scenario files (the library, Open file), played like a link.
#[test]
fn fuzz_scenario() {
    engine::fuzz("scenario");
}

/// Saved documents.
#[test]
fn fuzz_document() {
    engine::fuzz("document");
}

/// Policy text, as every kind of policy; printing and parsing back keeps the tree.
#[test]
fn fuzz_policy() {
    engine::fuzz("policy");
}

/// `iam-eval` evaluation request lines.
#[test]
fn fuzz_ieval() {
    engine::fuzz("ieval");
}

/// `iam-eval` STS script lines.
#[test]
fn fuzz_sts() {
    engine::fuzz("sts");
}

#[test]
fn fuzz_arn() {
    engine::fuzz("arn");
}

/// Times and ISO 8601 durations of scenarios and scripts.
#[test]
fn fuzz_time() {
    engine::fuzz("time");
}

/// Condition dates (`DateLessThan` values).
#[test]
fn fuzz_date() {
    engine::fuzz("date");
}

#[test]
fn fuzz_cidr() {
    engine::fuzz("cidr");
}

/// Policy variables and wildcards.
#[test]
fn fuzz_variables() {
    engine::fuzz("variables");
}

/// Whole conditions (every operator, qualifier and `IfExists`) evaluated.
#[test]
fn fuzz_condition() {
    engine::fuzz("condition");
}

/// What fuzzing once found stays fixed.
#[test]
fn found_inputs_still_pass() {
    engine::replay_found();
}
