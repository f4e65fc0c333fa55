//! The countdown rings role nodes wear on the canvas, in their own component so that a clock
//! tick redraws the rings and leaves the canvas alone.

use super::clock::use_sim_now;
use super::sim_store::SimStore;
use crate::doc::scene::timer::{role_timers, SessionTimer, TIMERS_PER_ROLE};
use crate::doc::scene::Scene;
use std::rc::Rc;
use yew::prelude::*;

/// Where the rings go: the canvas's scene (its role nodes' places).
#[derive(Properties)]
pub struct RingsProps {
    pub scene: Rc<Scene>,
}

impl PartialEq for RingsProps {
    /// By pointer, as the canvas compares it: a large scene compared field by field on every
    /// redraw of the canvas costs more than the rings.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.scene, &other.scene)
    }
}

/// Each role node's latest sessions as countdown rings, with the latest session's name; the
/// only part of the canvas that follows the simulated clock.
#[component]
pub fn SessionRings(p: &RingsProps) -> Html {
    let sim = use_context::<SimStore>();
    let now = use_sim_now();
    let Some(sim) = sim else {
        return Html::default();
    };
    let timers = p
        .scene
        .shown_lists(role_timers(&sim.sts, now), TIMERS_PER_ROLE);
    html! {
        <g class="timers">{ for p.scene.nodes.iter().filter_map(|n| {
            let ts = timers.get(&n.id)?;
            Some(html! {
                <g transform={format!("translate({} {})", n.rect.x, n.rect.y)}>
                    { timer_name(ts, n.rect.w) }
                    { for ts.iter().enumerate().map(|(i, t)| timer_ring(t, i, n.rect.w)) }
                </g>
            })
        }) }</g>
    }
}

/// A session's countdown ring on a node's top border (the `i`-th from the right): the arc is
/// the part of the session's life still left; an expired one is drawn dead, crossed.
fn timer_ring(t: &SessionTimer, i: usize, node_w: f64) -> Html {
    let cx = node_w - 18.0 - RING_PITCH * i as f64;
    let circumference = 2.0 * std::f64::consts::PI * RING_R;
    let dash = format!("{:.2} {:.2}", circumference * t.left, circumference);
    html! {
        <g class={classes!("timer", t.expired.then_some("expired"))} role="timer" aria-label={t.label.clone()}
           transform={format!("translate({cx} 0)")}>
            <title>{ &t.label }</title>
            <circle class="timer-track" r={RING_R.to_string()} />
            if t.expired {
                <path class="timer-cross" d="M-4 -4L4 4M4 -4L-4 4" />
            } else {
                <circle class="timer-left" r={RING_R.to_string()} stroke-dasharray={dash} transform="rotate(-90)" />
            }
        </g>
    }
}

/// Radius of a countdown ring and the distance between two.
const RING_R: f64 = 8.0;
const RING_PITCH: f64 = 22.0;

/// The latest session's name, above the node left of its rings.
fn timer_name(timers: &[SessionTimer], node_w: f64) -> Html {
    let Some(latest) = timers.first() else {
        return Html::default();
    };
    let x = node_w - 18.0 - RING_PITCH * timers.len().saturating_sub(1) as f64 - RING_R - 4.0;
    html! {
        <text class={classes!("timer-name", latest.expired.then_some("expired"))} x={x.to_string()} y="-4"
              text-anchor="end" aria-hidden="true">{ &latest.session }</text>
    }
}
