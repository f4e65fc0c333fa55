//! A work meter: how many characters of policy text this thread has parsed, so long stories are cut at the same point on every machine.
//!
//! Reading policies is what a simulated call costs (each call parses the policies it
//! evaluates, and matching is linear in their size), so characters parsed measure work the
//! way a timer cannot: deterministically, identical on a busy CI machine and a fast laptop.
//! The scenario runner reads it before and after each step to keep a story's total work
//! within [`crate::sim::bounds::MAX_SCENARIO_POLICY_READ`].

use std::cell::Cell;

thread_local! {
    static PARSED: Cell<u64> = const { Cell::new(0) };
}

/// Adds `chars` characters of policy text read by a parse on this thread.
pub(crate) fn count(chars: usize) {
    let chars = u64::try_from(chars).unwrap_or(u64::MAX);
    PARSED.with(|p| p.set(p.get().saturating_add(chars)));
}

/// Characters of policy text parsed on this thread so far; compare two readings to measure
/// the work in between.
pub fn chars_parsed() -> u64 {
    PARSED.with(Cell::get)
}
