//! Simulated time: `SimTime` instants, `SimDuration`s, ISO 8601 text, and the `Clock` as data.
//!
//! The core never reads a real clock (governor's `clock.rs` idea): every function that depends
//! on time takes `now: SimTime`, and the one UI hook that sees real time turns it into
//! `ClockEvent::Tick` values.

mod civil;
pub mod clock;

pub use clock::{Clock, ClockEvent};

use serde::{Deserialize, Serialize};
use std::fmt;

/// An instant: milliseconds since 1970-01-01T00:00:00Z (UTC; AWS timestamps are UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SimTime(pub i64);

/// A span of simulated time in milliseconds (negative spans are allowed in arithmetic).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct SimDuration(pub i64);

/// Why a timestamp or a duration could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeError {
    /// Not `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
    BadTimestamp(String),
    /// Not an ISO 8601 duration such as `PT30M`, `PT1H`, `P1D`.
    BadDuration(String),
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeError::BadTimestamp(s) => write!(
                f,
                "`{s}` is not an ISO 8601 UTC timestamp like 2026-01-01T00:00:00Z"
            ),
            TimeError::BadDuration(s) => write!(
                f,
                "`{s}` is not an ISO 8601 duration like PT30M, PT1H or P1D"
            ),
        }
    }
}

impl std::error::Error for TimeError {}

const MS_PER_SEC: i64 = 1_000;
const MS_PER_DAY: i64 = 86_400_000;

impl SimTime {
    /// Where new worlds start: 2026-01-01T00:00:00Z, fixed so shared scenarios replay alike.
    pub const WORLD_EPOCH: SimTime = SimTime(1_767_225_600_000);

    /// The instant `secs` seconds after the Unix epoch.
    pub const fn from_secs(secs: i64) -> SimTime {
        SimTime(secs.saturating_mul(MS_PER_SEC))
    }

    /// Whole seconds since the Unix epoch (rounded towards minus infinity).
    pub const fn as_secs(self) -> i64 {
        self.0.div_euclid(MS_PER_SEC)
    }

    /// Milliseconds since the Unix epoch.
    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// This instant moved by `d` (saturating: far-future arithmetic never wraps).
    pub const fn plus(self, d: SimDuration) -> SimTime {
        SimTime(self.0.saturating_add(d.0))
    }

    /// The span from `earlier` to `self` (negative when `earlier` is later).
    pub const fn since(self, earlier: SimTime) -> SimDuration {
        SimDuration(self.0.saturating_sub(earlier.0))
    }

    /// AWS's UTC form with whole seconds, as STS and IAM JSON print it: `2026-01-01T01:00:00Z`.
    pub fn to_iso8601(self) -> String {
        let (date, secs_of_day) = self.split();
        format!("{date}T{}Z", hms(secs_of_day))
    }

    /// The `+00:00` form the `aws sts` CLI prints for `Expiration`: `2026-01-01T01:00:00+00:00`.
    pub fn to_iso8601_offset(self) -> String {
        let (date, secs_of_day) = self.split();
        format!("{date}T{}+00:00", hms(secs_of_day))
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`; a space may stand for `T`.
    pub fn parse_iso8601(text: &str) -> Result<SimTime, TimeError> {
        civil::parse_timestamp(text).ok_or_else(|| TimeError::BadTimestamp(text.to_string()))
    }

    fn split(self) -> (civil::Date, i64) {
        let days = self.0.div_euclid(MS_PER_DAY);
        let secs_of_day = self.0.rem_euclid(MS_PER_DAY) / MS_PER_SEC;
        (civil::Date::from_days(days), secs_of_day)
    }
}

fn hms(secs_of_day: i64) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        secs_of_day / 3600,
        (secs_of_day / 60) % 60,
        secs_of_day % 60
    )
}

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso8601())
    }
}

impl SimDuration {
    /// No time at all.
    pub const ZERO: SimDuration = SimDuration(0);

    /// `n` milliseconds.
    pub const fn from_millis(n: i64) -> SimDuration {
        SimDuration(n)
    }

    /// `n` seconds.
    pub const fn from_secs(n: i64) -> SimDuration {
        SimDuration(n.saturating_mul(MS_PER_SEC))
    }

    /// `n` minutes.
    pub const fn from_mins(n: i64) -> SimDuration {
        SimDuration::from_secs(n.saturating_mul(60))
    }

    /// `n` hours.
    pub const fn from_hours(n: i64) -> SimDuration {
        SimDuration::from_secs(n.saturating_mul(3600))
    }

    /// Milliseconds in this span.
    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// Whole seconds in this span (rounded towards minus infinity).
    pub const fn as_secs(self) -> i64 {
        self.0.div_euclid(MS_PER_SEC)
    }

    /// Reads an ISO 8601 duration: `PnW`, `PnDTnHnMnS` (fractional seconds allowed).
    /// Years and months are refused: their length depends on the calendar.
    pub fn parse_iso8601(text: &str) -> Result<SimDuration, TimeError> {
        civil::parse_duration(text).ok_or_else(|| TimeError::BadDuration(text.to_string()))
    }

    /// The shortest ISO 8601 spelling: `PT30M`, `PT1H`, `P1D`, `PT0S`.
    pub fn to_iso8601(self) -> String {
        civil::format_duration(self.0)
    }

    /// The span in words, as a caption says it: `1 hour`, `15 minutes`, `2 days and 3 hours`,
    /// `1.5 seconds`; `0 seconds` for nothing. A negative span reads as its length.
    pub fn in_words(self) -> String {
        let ms = self.0.unsigned_abs();
        let secs = ms / 1000;
        let (d, h, m, s) = (
            secs / 86_400,
            (secs / 3600) % 24,
            (secs / 60) % 60,
            secs % 60,
        );
        let unit = |n: u64, one: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {one}s"),
        };
        let mut parts: Vec<String> = [(d, "day"), (h, "hour"), (m, "minute")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, one)| unit(n, one))
            .collect();
        let frac = ms % 1000;
        if frac > 0 {
            let text = format!("{s}.{frac:03}");
            parts.push(format!("{} seconds", text.trim_end_matches('0')));
        } else if s > 0 || parts.is_empty() {
            parts.push(unit(s, "second"));
        }
        match parts.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => parts.concat(),
        }
    }

    /// A countdown as the UI shows it: `59:59`, `1:00:00`, `0:00` once over (never negative).
    pub fn countdown(self) -> String {
        let secs = self.0.max(0).div_euclid(MS_PER_SEC);
        let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
        if h > 0 {
            format!("{h}:{m:02}:{s:02}")
        } else {
            format!("{m}:{s:02}")
        }
    }
}

impl fmt::Display for SimDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso8601())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_words_in_captions() {
        let words = |iso: &str| SimDuration::parse_iso8601(iso).map(SimDuration::in_words);
        assert_eq!(words("PT1H").as_deref(), Ok("1 hour"));
        assert_eq!(words("PT15M").as_deref(), Ok("15 minutes"));
        assert_eq!(words("P2DT3H").as_deref(), Ok("2 days and 3 hours"));
        assert_eq!(
            words("P1DT1H1M1S").as_deref(),
            Ok("1 day, 1 hour, 1 minute and 1 second")
        );
        assert_eq!(words("PT1.5S").as_deref(), Ok("1.5 seconds"));
        assert_eq!(words("PT0S").as_deref(), Ok("0 seconds"));
        assert_eq!(words("P36500D").as_deref(), Ok("36500 days"));
        assert_eq!(SimDuration::from_hours(-2).in_words(), "2 hours");
    }

    #[test]
    fn world_epoch_is_2026_new_year_utc() {
        assert_eq!(SimTime::WORLD_EPOCH.to_iso8601(), "2026-01-01T00:00:00Z");
        assert_eq!(
            SimTime::parse_iso8601("2026-01-01T00:00:00Z"),
            Ok(SimTime::WORLD_EPOCH)
        );
    }

    #[test]
    fn formats_like_sts_json_and_like_the_aws_cli() {
        // STS API: `<Expiration>2026-01-01T01:00:00Z</Expiration>`; `aws sts assume-role`
        // prints `"Expiration": "2026-01-01T01:00:00+00:00"`.
        // https://docs.aws.amazon.com/cli/latest/reference/sts/assume-role.html
        let t = SimTime::WORLD_EPOCH.plus(SimDuration::from_hours(1));
        assert_eq!(t.to_iso8601(), "2026-01-01T01:00:00Z");
        assert_eq!(t.to_iso8601_offset(), "2026-01-01T01:00:00+00:00");
    }

    #[test]
    fn leap_days_and_century_rules_hold() {
        for (text, secs) in [
            ("1970-01-01T00:00:00Z", 0),
            ("2000-02-29T12:00:00Z", 951_825_600),
            ("2024-02-29T23:59:59Z", 1_709_251_199),
            ("2024-03-01T00:00:00Z", 1_709_251_200),
            ("2100-03-01T00:00:00Z", 4_107_542_400),
            ("1969-12-31T23:59:59Z", -1),
        ] {
            let t = SimTime::parse_iso8601(text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(t, SimTime::from_secs(secs), "{text}");
            assert_eq!(t.to_iso8601(), text);
        }
    }

    #[test]
    fn parses_offsets_fractions_and_refuses_impossible_dates() {
        let e = SimTime::WORLD_EPOCH;
        assert_eq!(SimTime::parse_iso8601("2026-01-01T01:00:00+01:00"), Ok(e));
        assert_eq!(SimTime::parse_iso8601("2025-12-31T19:00:00-05:00"), Ok(e));
        assert_eq!(
            SimTime::parse_iso8601("2026-01-01T00:00:00.250Z"),
            Ok(SimTime(e.0 + 250))
        );
        assert_eq!(SimTime::parse_iso8601("2026-01-01 00:00:00Z"), Ok(e));
        for bad in [
            "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01",
            "2026-01-01T00:00:00",
            "yesterday",
            "2026-01-01T00:00:00Zjunk",
        ] {
            assert!(SimTime::parse_iso8601(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn iso_durations_read_and_print() {
        for (text, ms) in [
            ("PT30M", 1_800_000),
            ("PT1H", 3_600_000),
            ("P1D", 86_400_000),
            ("P1W", 604_800_000),
            ("P1DT2H3M4S", 93_784_000),
            ("PT0.5S", 500),
            ("PT90S", 90_000),
            ("-PT1H", -3_600_000),
        ] {
            assert_eq!(
                SimDuration::parse_iso8601(text),
                Ok(SimDuration(ms)),
                "{text}"
            );
        }
        assert_eq!(SimDuration::from_hours(1).to_iso8601(), "PT1H");
        assert_eq!(SimDuration::from_mins(30).to_iso8601(), "PT30M");
        assert_eq!(SimDuration(93_784_000).to_iso8601(), "P1DT2H3M4S");
        assert_eq!(SimDuration::ZERO.to_iso8601(), "PT0S");
        for bad in ["", "P", "PT", "P1M", "P1Y", "PT1", "1H", "PTH", "P1H"] {
            assert!(SimDuration::parse_iso8601(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn countdown_never_goes_negative() {
        assert_eq!(SimDuration::from_secs(3599).countdown(), "59:59");
        assert_eq!(SimDuration::from_secs(3600).countdown(), "1:00:00");
        assert_eq!(SimDuration::from_secs(-5).countdown(), "0:00");
    }

    proptest::proptest! {
        #[test]
        fn format_then_parse_round_trips(secs in -62_135_596_800i64..253_402_300_799) {
            let t = SimTime::from_secs(secs);
            proptest::prop_assert_eq!(SimTime::parse_iso8601(&t.to_iso8601()), Ok(t));
            proptest::prop_assert_eq!(SimTime::parse_iso8601(&t.to_iso8601_offset()), Ok(t));
        }

        #[test]
        fn duration_format_then_parse_round_trips(ms in -10_000_000_000i64..10_000_000_000) {
            let d = SimDuration(ms);
            proptest::prop_assert_eq!(SimDuration::parse_iso8601(&d.to_iso8601()), Ok(d));
        }
    }
}
