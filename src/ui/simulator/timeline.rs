//! The timeline: every call and every expiry, newest last; clicking a call replays its steps.

use crate::doc::session::SessionEvent;
use crate::sim::sts::{EventKind, Outcome};
use crate::ui::sim_store::SimStore;
use yew::prelude::*;

/// The short name of an ARN (`alice`, `Deploy/alice-session`).
fn short(arn: &str) -> String {
    let tail = arn.splitn(6, ':').nth(5).unwrap_or(arn);
    tail.split_once('/')
        .map_or(tail, |(_, rest)| rest)
        .to_string()
}

/// The "Timeline" region.
#[component]
pub fn Timeline() -> Html {
    let Some(sim) = use_context::<SimStore>() else {
        return Html::default();
    };
    let events = sim.sts.timeline.events();
    html! {
        <section class="simpart timeline" aria-label="Timeline" role="region">
            <h2>{ "Timeline" }</h2>
            if events.is_empty() {
                <p class="muted">{ "Calls and expiries will be listed here." }</p>
            }
            <ol>
            { for events.iter().enumerate().rev().map(|(i, e)| {
                let time = e.at.to_iso8601();
                let time = time.get(11..19).unwrap_or(&time).to_string();
                let (mut result, tone) = match (&e.outcome, e.kind) {
                    (_, EventKind::Expired) => ("expired".to_string(), "warn"),
                    (Outcome::Success, _) => ("success".to_string(), "ok"),
                    (Outcome::Error { code, .. }, _) => (code.clone(), "bad"),
                };
                // A workload's repeated refreshes are one entry: say how many, exactly.
                if let Some(r) = sim.sts.timeline.refreshes(i).filter(|r| r.count > 1) {
                    result = match e.outcome {
                        Outcome::Success => format!("refreshed {} times", r.count),
                        Outcome::Error { .. } => format!("{result}, {} times", r.count),
                    };
                }
                let who = short(&e.who);
                let text = format!("{time} {who} {} {result}", e.api);
                let replayable = !e.gates.is_empty();
                let sim = sim.clone();
                let onclick = Callback::from(move |_| sim.dispatch(SessionEvent::Replay(i).into()));
                html! {
                    <li class={tone}>
                        if replayable {
                            <button type="button" class="btn ghost" {onclick} aria-label={format!("Show the checks of {text}")}>
                                <time>{ time.clone() }</time><span>{ who }</span><code>{ e.api.clone() }</code><span class="res">{ result }</span>
                            </button>
                        } else {
                            <span class="entry"><time>{ time }</time><span>{ who }</span><code>{ e.api.clone() }</code><span class="res">{ result }</span></span>
                        }
                    </li>
                }
            }) }
            </ol>
        </section>
    }
}
