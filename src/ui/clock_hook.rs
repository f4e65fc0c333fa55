//! The one place that reads the real clock: turns elapsed real time into `Tick` events (and
//! lends [`real_now_ms`] to work that slices itself by real time, never to the simulation).

use super::sim_store::{SimAction, SimState};
use crate::sim::time::{Clock, ClockEvent};
use gloo_timers::callback::Interval;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds on the page's monotonic clock, `performance.now()`.
pub(super) fn real_now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// While `clock` runs, dispatches `Tick { real_elapsed_ms }` measured with
/// `performance.now()`, so a throttled background tab catches up on its next tick.
#[hook]
pub fn use_real_clock(dispatch: UseReducerDispatcher<SimState>, clock: Clock) {
    use_effect_with((clock.paused, clock.speed), move |&(paused, speed)| {
        let interval = (!paused).then(|| {
            let last = Rc::new(Cell::new(real_now_ms()));
            Interval::new(tick_interval_ms(speed), move || {
                let now = real_now_ms();
                let elapsed = (now - last.get()).max(0.0);
                last.set(now);
                dispatch.dispatch(SimAction::Clock(ClockEvent::Tick {
                    real_elapsed_ms: elapsed.round() as u64,
                }));
            })
        });
        move || drop(interval)
    });
}

/// From this speed on a tick covers many simulated seconds whatever its interval: the
/// seconds are a blur, and the rings moving four times a second read as smooth.
const FAST_SPEED: u32 = 60;
const FAST_TICK_MS: u32 = 250;

/// How often the page ticks while the clock runs: once a simulated second up to x10, so a
/// countdown shown to the second moves second by second, four times a second above that,
/// and no more (each tick costs the page a render of what shows time).
pub fn tick_interval_ms(speed: u32) -> u32 {
    if speed >= FAST_SPEED {
        FAST_TICK_MS
    } else {
        (1000 / speed.max(1)).clamp(100, 1000)
    }
}
