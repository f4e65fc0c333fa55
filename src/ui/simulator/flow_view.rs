//! The checks of the current flow, played one by one, then AWS's answer.

use super::widgets::CopyBlock;
use crate::doc::session::SessionEvent;
use crate::sim::flow::{FlowOutcome, FlowStep};
use crate::ui::sim_store::{SimAction, SimStore};
use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// How long each step stays before the next one shows while playing.
const STEP_MS: u32 = 600;

fn step_item(step: &FlowStep, current: bool) -> Html {
    let mark = if step.passed { "✓" } else { "✗" };
    let verdict = if step.passed { "passed" } else { "failed" };
    html! {
        <li class={classes!("step", if step.passed { "pass" } else { "fail" }, current.then_some("current"))}
            aria-current={current.then_some("step")}>
            <span class="mark" aria-hidden="true">{ mark }</span>
            <div>
                <strong>{ step.title.clone() }</strong>
                <span class="sr-only">{ format!(": {verdict}") }</span>
                <p class="detail">{ crate::ui::share::present::with_code(&step.detail) }</p>
                if !step.compared.is_empty() {
                    <table class="compared">
                        <thead><tr><th scope="col">{ "Key" }</th><th scope="col">{ "Expected" }</th><th scope="col">{ "Request" }</th></tr></thead>
                        <tbody>
                        { for step.compared.iter().map(|c| html! {
                            <tr class={if c.result { "pass" } else { "fail" }}>
                                <td><code>{ format!("{} {}", c.operator, c.key) }</code></td>
                                <td><code>{ c.expected.join(", ") }</code></td>
                                <td><code>{ c.actual.as_ref().map_or("(absent)".to_string(), |v| v.join(", ")) }</code></td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                }
            </div>
        </li>
    }
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// The running flow: steps with marks, stepping buttons, the outcome once all are shown.
#[component]
pub fn FlowView() -> Html {
    let Some(sim) = use_context::<SimStore>() else {
        return Html::default();
    };
    let run = sim.run.clone();
    let panel = use_node_ref();
    // Keep the newest step (and then the outcome) in view as the flow plays.
    {
        let panel = panel.clone();
        let key = run.as_ref().map(|r| (r.shown, r.flow.steps.len()));
        use_effect_with(key, move |_| {
            if let Some(el) = panel.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    // Auto-play: one timeout per shown step, dropped (cancelled) when anything changes.
    {
        let sim = sim.clone();
        let key = run
            .as_ref()
            .map(|r| (r.shown, r.playing, r.flow.steps.len()));
        use_effect_with(key, move |key| {
            let timer = match key {
                Some((shown, true, len)) if shown < len => Some(Timeout::new(STEP_MS, move || {
                    sim.dispatch(SimAction::Session(SessionEvent::NextCheck))
                })),
                _ => None,
            };
            move || drop(timer)
        });
    }
    let Some(run) = run else {
        return html! {
            <section class="simpart running" aria-label="Checks">
                <h2>{ "Checks" }</h2>
                <p class="muted">{ "Choose a caller and a role, then press “Assume role” to see each check AWS makes, in order." }</p>
            </section>
        };
    };
    let flow = &run.flow;
    let shown = run.shown.min(flow.steps.len());
    let dispatch = |a: SimAction| {
        let sim = sim.clone();
        Callback::from(move |_| sim.dispatch(a.clone()))
    };
    let outcome = run.done().then(|| match &flow.outcome {
        FlowOutcome::Issued { response, access_key_id } => html! {
            <div class="outcome ok">
                <p><strong>{ format!("{} succeeded", flow.api) }</strong>{
                    // A call that hands out no credentials (an action, GetCallerIdentity) has
                    // nothing to put in the wallet.
                    if access_key_id.is_empty() { ".".to_string() } else { format!(": {access_key_id} is in the wallet.") }
                }</p>
                if let Some(r) = response {
                    <CopyBlock what="the response" text={pretty(r)} />
                }
            </div>
        },
        FlowOutcome::Refused { cli_text, hint, .. } => html! {
            <div class="outcome bad">
                <p><strong>{ format!("{} failed", flow.api) }</strong></p>
                <CopyBlock what="the error response" text={flow.error_json().map(|v| pretty(&v)).unwrap_or_default()} />
                <p class="cli-error"><code>{ cli_text.clone() }</code></p>
                if let Some(h) = hint {
                    <div class="hint">
                        <p><strong>{ "Fix: " }</strong>{ h.text.clone() }</p>
                        if let Some(snippet) = &h.snippet {
                            <CopyBlock what="the fix" text={snippet.clone()} />
                        }
                    </div>
                }
            </div>
        },
    });
    html! {
        <section class="simpart running" aria-label="Checks" ref={panel}>
            <h2>{ format!("Checks: {} by {}", flow.api, flow.participants.caller_name) }</h2>
            <ol class="steps">
                { for flow.steps.iter().take(shown).enumerate().map(|(i, s)| step_item(s, i + 1 == shown)) }
            </ol>
            <div class="stepper">
                <button type="button" class="btn" onclick={dispatch(SimAction::Session(SessionEvent::PreviousCheck))} disabled={shown <= 1}>{ "Previous step" }</button>
                <button type="button" class="btn" onclick={dispatch(SimAction::Session(SessionEvent::NextCheck))} disabled={run.done()}>{ "Next step" }</button>
                if !run.done() {
                    <button type="button" class="btn ghost" onclick={dispatch(SimAction::Session(SessionEvent::SetPlaying(!run.playing)))}>
                        { if run.playing { "Stop stepping" } else { "Resume stepping" } }
                    </button>
                }
                <span class="muted small">{ format!("Step {shown} of {}", flow.steps.len()) }</span>
            </div>
            { outcome.unwrap_or_default() }
        </section>
    }
}
