//! Failures known today, each keyed by the point of issue 13 that fixes it. Remove an entry
//! once its fix is merged: the harness then fails on that failure again.
//!
//! `FUZZ_KNOWN=1` ignores this list (and lets the mutations go past the known limits), to
//! check whether a fix has landed.

/// A known failure: the issue point that fixes it, and what it looks like.
#[derive(Debug)]
pub struct Known {
    pub point: &'static str,
    pub what: &'static str,
}

/// The known issue a panic at `location` with `message` is, if any. None is known today: the
/// date overflow (issue 13 point 3) and the clock-advance cost (point 1) are fixed, and so no
/// longer skipped.
pub fn panic(_message: &str, _location: &str) -> Option<&'static Known> {
    None
}
