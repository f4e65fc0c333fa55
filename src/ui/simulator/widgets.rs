//! Small pieces the dock shares: copyable text, the draining countdown ring, reduced motion.

use crate::sim::time::{SimDuration, SimTime};
use crate::ui::clock::use_sim_now;
use yew::prelude::*;

/// Whether the person asked for less motion (steps then show at once).
pub fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Puts `text` on the clipboard (the browser may refuse; nothing else to do then).
pub fn copy(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

#[derive(Properties, PartialEq)]
pub struct CopyBlockProps {
    /// What the copy button says after "Copy" (`the command`).
    pub what: AttrValue,
    pub text: AttrValue,
}

/// A `<pre>` with a "Copy" button.
#[component]
pub fn CopyBlock(props: &CopyBlockProps) -> Html {
    let onclick = {
        let text = props.text.clone();
        Callback::from(move |_| copy(&text))
    };
    html! {
        <div class="copyblock">
            <pre>{ props.text.clone() }</pre>
            <button type="button" class="btn ghost copy" {onclick}
                    aria-label={format!("Copy {}", props.what)}>{ "Copy" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct RingProps {
    /// When the credentials were issued.
    pub issued: SimTime,
    /// When they stop working.
    pub expiration: SimTime,
    /// What expires, for the timer's name.
    pub label: AttrValue,
}

/// Circumference of the ring's circle (r = 15.9155 makes it 100, so percent = length).
const RING_R: f64 = 15.9155;

/// A live countdown with a ring that drains: amber in the last 5 minutes, red once expired.
/// Follows the simulated clock itself, so a tick re-renders the countdown and not its card.
#[component]
pub fn Countdown(props: &RingProps) -> Html {
    let remaining = props.expiration.since(use_sim_now());
    let left = remaining.as_millis().max(0) as f64;
    let total = props.expiration.since(props.issued).as_millis().max(1) as f64;
    let used = 100.0 * (1.0 - (left / total).clamp(0.0, 1.0));
    let expired = remaining.as_millis() <= 0;
    let tone = if expired {
        "expired"
    } else if remaining <= SimDuration::from_mins(5) {
        "soon"
    } else {
        "ok"
    };
    let text = if expired {
        "expired".to_string()
    } else {
        remaining.countdown()
    };
    html! {
        <div class={classes!("countdown", tone)}>
            <svg viewBox="0 0 36 36" aria-hidden="true" class="ring">
                <circle class="track" cx="18" cy="18" r={RING_R.to_string()} />
                <circle class="fill" cx="18" cy="18" r={RING_R.to_string()}
                        stroke-dasharray="100 100" stroke-dashoffset={format!("{used:.2}")}
                        transform="rotate(-90 18 18)" />
            </svg>
            <span role="timer" aria-label={format!("{} {}", props.label, if expired { "expired".to_string() } else { format!("expires in {text}") })}>
                { text }
            </span>
        </div>
    }
}
