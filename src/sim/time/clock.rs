//! The simulated clock as data: `Clock::apply(event)` is its whole behaviour.

use super::{SimDuration, SimTime};
use serde::{Deserialize, Serialize};

/// The speeds the UI offers (1x real time up to 1 hour per real second).
pub const SPEEDS: [u32; 5] = [1, 10, 60, 600, 3600];

/// Simulated now, how fast it runs relative to real time, and whether it runs at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// The simulated present.
    pub now: SimTime,
    /// Simulated milliseconds per real millisecond.
    pub speed: u32,
    /// A paused clock ignores ticks; explicit advances and jumps still move it.
    pub paused: bool,
}

/// Everything that can happen to the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockEvent {
    /// Real time passed. Carrying elapsed real time (not "one tick") keeps a throttled
    /// background tab right: one late tick covers all the time it missed.
    Tick {
        /// Real milliseconds since the previous tick.
        real_elapsed_ms: u64,
    },
    /// Move forward (or back, if negative) by a simulated span, paused or not.
    Advance(SimDuration),
    /// Set the simulated present.
    JumpTo(SimTime),
    /// Change the speed multiplier (0 is treated as 1).
    SetSpeed(u32),
    /// Stop ticks from moving time.
    Pause,
    /// Let ticks move time again.
    Play,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::starting_at(SimTime::WORLD_EPOCH)
    }
}

impl Clock {
    /// A running 1x clock at `now`.
    pub const fn starting_at(now: SimTime) -> Clock {
        Clock {
            now,
            speed: 1,
            paused: false,
        }
    }

    /// The clock after `event`.
    pub fn apply(self, event: ClockEvent) -> Clock {
        match event {
            ClockEvent::Tick { real_elapsed_ms } if !self.paused => {
                let real = i64::try_from(real_elapsed_ms).unwrap_or(i64::MAX);
                let simulated = real.saturating_mul(i64::from(self.speed.max(1)));
                Clock {
                    now: self.now.plus(SimDuration(simulated)),
                    ..self
                }
            }
            ClockEvent::Tick { .. } => self,
            ClockEvent::Advance(d) => Clock {
                now: self.now.plus(d),
                ..self
            },
            ClockEvent::JumpTo(t) => Clock { now: t, ..self },
            ClockEvent::SetSpeed(speed) => Clock {
                speed: speed.max(1),
                ..self
            },
            ClockEvent::Pause => Clock {
                paused: true,
                ..self
            },
            ClockEvent::Play => Clock {
                paused: false,
                ..self
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_moves_by_real_elapsed_times_speed() {
        let c = Clock::default().apply(ClockEvent::SetSpeed(60));
        let c = c.apply(ClockEvent::Tick {
            real_elapsed_ms: 1_000,
        });
        assert_eq!(c.now, SimTime::WORLD_EPOCH.plus(SimDuration::from_mins(1)));
    }

    #[test]
    fn one_late_tick_from_a_background_tab_covers_all_missed_time() {
        let c = Clock::default().apply(ClockEvent::SetSpeed(10));
        let many = (0..60).fold(c, |c, _| {
            c.apply(ClockEvent::Tick {
                real_elapsed_ms: 1_000,
            })
        });
        let one = c.apply(ClockEvent::Tick {
            real_elapsed_ms: 60_000,
        });
        assert_eq!(many.now, one.now);
        assert_eq!(one.now.to_iso8601(), "2026-01-01T00:10:00Z");
    }

    #[test]
    fn paused_clock_ignores_ticks_but_obeys_advance_and_jump() {
        let c = Clock::default().apply(ClockEvent::Pause);
        let ticked = c.apply(ClockEvent::Tick {
            real_elapsed_ms: 5_000,
        });
        assert_eq!(ticked.now, SimTime::WORLD_EPOCH);
        let advanced = ticked.apply(ClockEvent::Advance(SimDuration::from_mins(30)));
        assert_eq!(advanced.now.to_iso8601(), "2026-01-01T00:30:00Z");
        let jumped = advanced.apply(ClockEvent::JumpTo(SimTime::WORLD_EPOCH));
        assert_eq!(jumped.now, SimTime::WORLD_EPOCH);
        let played = jumped
            .apply(ClockEvent::Play)
            .apply(ClockEvent::Tick { real_elapsed_ms: 1 });
        assert_eq!(played.now, SimTime(SimTime::WORLD_EPOCH.0 + 1));
    }

    #[test]
    fn speed_zero_is_refused_as_one() {
        let c = Clock::default().apply(ClockEvent::SetSpeed(0));
        assert_eq!(c.speed, 1);
    }
}
