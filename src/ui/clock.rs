//! The simulated clock's own context, which changes on every tick, and the readout that shows it.

use crate::sim::time::{Clock, SimTime};
use yew::prelude::*;

/// The simulated clock as of the latest tick. Only what shows time subscribes to it
/// (countdown rings and texts, the clock readout); everything else reads the
/// [`SimStore`](super::sim_store::SimStore), which a quiet tick leaves alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimClock(pub Clock);

/// The simulated present; re-renders the calling component on every tick.
#[hook]
pub fn use_sim_now() -> SimTime {
    use_context::<SimClock>().map_or(SimTime::WORLD_EPOCH, |c| c.0.now)
}

/// The status bar's "Simulated time (UTC)" readout, to the second.
#[component]
pub fn ClockReadout() -> Html {
    let now = use_sim_now().to_iso8601();
    html! {
        <time class="clock" datetime={now.clone()}>{ now }</time>
    }
}
