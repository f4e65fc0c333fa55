//! The one place that reads the real clock: turns elapsed real time into `Tick` events.

use super::sim_store::{SimAction, SimStore};
use crate::sim::time::ClockEvent;
use gloo_timers::callback::Interval;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

fn real_now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// While the clock runs, dispatches `Tick { real_elapsed_ms }` measured with
/// `performance.now()`, so a throttled background tab catches up on its next tick.
#[hook]
pub fn use_real_clock(store: SimStore) {
    let paused = store.clock.paused;
    let speed = store.clock.speed;
    use_effect_with((paused, speed), move |&(paused, speed)| {
        let interval = (!paused).then(|| {
            let last = Rc::new(Cell::new(real_now_ms()));
            Interval::new(tick_interval_ms(speed), move || {
                let now = real_now_ms();
                let elapsed = (now - last.get()).max(0.0);
                last.set(now);
                store.dispatch(SimAction::Clock(ClockEvent::Tick {
                    real_elapsed_ms: elapsed.round() as u64,
                }));
            })
        });
        move || drop(interval)
    });
}

/// How often the page ticks while the clock runs: often enough that a countdown shown to the
/// second moves smoothly at every speed, and no more (the page idles between ticks).
pub fn tick_interval_ms(speed: u32) -> u32 {
    (1000 / speed.max(1)).clamp(100, 1000)
}
