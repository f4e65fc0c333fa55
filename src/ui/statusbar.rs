//! The status bar: the simulated clock and its controls.

use super::clock::ClockReadout;
use super::sim_store::{SimAction, SimStore};
use crate::sim::flow::live;
use crate::sim::time::clock::SPEEDS;
use crate::sim::time::{ClockEvent, SimDuration};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Simulated UTC time with pause/play, speed, "Advance 15 minutes" and "Jump to next expiry".
/// Re-renders when the simulation changes, not on every tick: only the readout follows the clock.
#[component]
pub fn StatusBar() -> Html {
    let Some(store) = use_context::<SimStore>() else {
        return Html::default();
    };
    let clock = store.clock;
    let toggle = {
        let store = store.clone();
        Callback::from(move |_| {
            store.dispatch(SimAction::Clock(if clock.paused {
                ClockEvent::Play
            } else {
                ClockEvent::Pause
            }))
        })
    };
    let advance = {
        let store = store.clone();
        Callback::from(move |_| {
            store.dispatch(SimAction::Clock(ClockEvent::Advance(
                SimDuration::from_mins(15),
            )))
        })
    };
    // Between two changes the same sessions are live, so the next expiry after the last
    // change is the next one now; the jump still asks at the moment of the click.
    let next_expiry = store.next_expiry();
    let jump = {
        let store = store.clone();
        Callback::from(move |_| {
            if let Some(t) = live::next_expiry(&store.sts, store.now()) {
                store.dispatch(SimAction::Clock(ClockEvent::JumpTo(t)))
            }
        })
    };
    let set_speed = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let speed = e
                .target_dyn_into::<HtmlSelectElement>()
                .and_then(|s| s.value().parse::<u32>().ok())
                .unwrap_or(1);
            store.dispatch(SimAction::Clock(ClockEvent::SetSpeed(speed)))
        })
    };
    html! {
        <footer class="statusbar" aria-label="Simulated clock">
            <button class="btn" onclick={toggle} aria-label={if clock.paused { "Play" } else { "Pause" }}
                    title={if clock.paused { "Play the simulated clock" } else { "Pause the simulated clock" }}>
                { if clock.paused { "▶ Play" } else { "❚❚ Pause" } }
            </button>
            <label class="muted" for="clock-speed">{ "Speed" }</label>
            <select id="clock-speed" onchange={set_speed}>
                { for SPEEDS.iter().map(|s| html! {
                    <option value={s.to_string()} selected={*s == clock.speed}>{ format!("x{s}") }</option>
                }) }
            </select>
            <button class="btn" onclick={advance}>{ "Advance 15 minutes" }</button>
            <button class="btn" onclick={jump} disabled={next_expiry.is_none()}
                    title={next_expiry.map_or("Nothing expires".to_string(), |t| format!("Jump to {t}"))}>
                { "Jump to next expiry" }
            </button>
            <span class="spacer"></span>
            <span class="muted">{ "Simulated time (UTC)" }</span>
            <ClockReadout />
            <span class={classes!("pill", (!clock.paused).then_some("running"))}>
                { if clock.paused { "paused" } else { "running" } }
            </span>
        </footer>
    }
}
