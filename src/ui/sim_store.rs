//! The simulation's live state in the page: the simulated clock (and, as the simulator grows,
//! the sessions it hands out). Kept apart from the document store so a clock tick re-renders
//! only what shows time, never the canvas.

use crate::sim::time::{Clock, ClockEvent};
use std::rc::Rc;
use yew::prelude::*;

/// The simulation state shared through a context.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SimState {
    pub clock: Clock,
}

/// Everything that changes the simulation state.
#[derive(Debug, Clone, PartialEq)]
pub enum SimAction {
    Clock(ClockEvent),
}

impl Reducible for SimState {
    type Action = SimAction;

    fn reduce(self: Rc<Self>, action: SimAction) -> Rc<Self> {
        match action {
            SimAction::Clock(event) => {
                let clock = self.clock.apply(event);
                if clock == self.clock {
                    return self;
                }
                Rc::new(SimState { clock })
            }
        }
    }
}

/// The context handle components use to read and dispatch.
pub type SimStore = UseReducerHandle<SimState>;

/// How often the page ticks while the clock runs: often enough that a countdown shown to the
/// second moves smoothly at every speed, and no more (the page idles between ticks).
pub fn tick_interval_ms(speed: u32) -> u32 {
    (1000 / speed.max(1)).clamp(100, 1000)
}
