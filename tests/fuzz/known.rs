//! Failures known today, each keyed by the point of issue 13 that fixes it. Remove an entry
//! once its fix is merged: the harness then fails on that failure again.
//!
//! `FUZZ_KNOWN=1` ignores this list (and lets the mutations go past the known limits), to
//! check whether a fix has landed.

use iam_playground::sim::time::{SimDuration, SimTime};
use serde_json::Value;

/// A known failure: the issue point that fixes it, and what it looks like.
#[derive(Debug)]
pub struct Known {
    pub point: &'static str,
    pub what: &'static str,
}

// known: issue 13 point 3, fixed on merge (checked date arithmetic)
const DATE_OVERFLOW: Known = Known {
    point: "issue 13 point 3",
    what: "integer overflow while parsing a date in a policy condition",
};

// known: issue 13 point 1, fixed on merge (clock advance cost)
pub const LONG_CLOCK: Known = Known {
    point: "issue 13 point 1",
    what: "a clock moved over more than 30 simulated days (cost grows with time)",
};

/// The known issue a panic at `location` with `message` is, if any.
pub fn panic(message: &str, location: &str) -> Option<&'static Known> {
    let overflow = message.contains("overflow");
    if overflow && location.contains("src/sim/policy/condition_values.rs") {
        return Some(&DATE_OVERFLOW);
    }
    None
}

/// How far apart the instants a story visits are: the world's epoch, the start, and every
/// advance and jump of `actions`. Unreadable times count as nothing (they are refused).
pub fn clock_span<'a>(start: SimTime, actions: impl Iterator<Item = &'a Value>) -> i128 {
    let epoch = i128::from(SimTime::WORLD_EPOCH.0);
    let mut now = i128::from(start.0);
    let (mut lo, mut hi) = (epoch.min(now), epoch.max(now));
    for action in actions {
        if let Some(d) = action.get("advance").and_then(Value::as_str) {
            if let Ok(d) = SimDuration::parse_iso8601(d) {
                now += i128::from(d.0).abs();
            }
        }
        if let Some(t) = action.get("jump").and_then(Value::as_str) {
            if let Ok(t) = SimTime::parse_iso8601(t) {
                now = i128::from(t.0);
            }
        }
        lo = lo.min(now);
        hi = hi.max(now);
    }
    hi - lo
}

/// Whether a story spans more simulated time than the clock handles quickly today.
pub fn long_clock<'a>(start: SimTime, actions: impl Iterator<Item = &'a Value>) -> bool {
    clock_span(start, actions) > 30 * 86_400_000
}
