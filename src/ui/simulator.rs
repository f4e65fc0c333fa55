//! The simulator dock: run assume-role flows, hold the credentials they hand out, watch them
//! expire, and see every call on a timeline.

mod flow_view;
mod form;
mod timeline;
mod wallet;
mod widgets;

pub use widgets::reduced_motion;

use super::editor_store::use_editor_content;
use super::sim_store::{SimAction, SimStore};
use crate::doc::session::SessionEvent;
use yew::prelude::*;

/// The dock under the canvas: "Assume role", the running checks, and the wallet, side by side;
/// the timeline below. Collapsible so the canvas can have the room.
#[component]
pub fn SimulatorDock() -> Html {
    let editor = use_editor_content();
    let sim = use_context::<SimStore>();
    // The simulation runs against the document's world: an edit replays it, another
    // document (New, Open) starts it clean.
    {
        let revision = editor.as_ref().map(|e| (e.revision, e.loads));
        let seen_loads = use_mut_ref(|| None::<u64>);
        let sim = sim.clone();
        let editor = editor.clone();
        use_effect_with(revision, move |_| {
            let (Some(sim), Some(editor)) = (sim, editor) else {
                return;
            };
            if seen_loads.borrow().is_none() {
                sim.dispatch(SessionEvent::ReducedMotion(reduced_motion()).into());
            }
            // Shared, not copied: a drag leaves the world alone, and the session sees the
            // same pointer and skips its comparison.
            let world = editor.doc.world.rc();
            let replaced = seen_loads.borrow().is_some_and(|l| l != editor.loads);
            *seen_loads.borrow_mut() = Some(editor.loads);
            sim.dispatch(SimAction::Session(if replaced {
                SessionEvent::DocumentReplaced(world)
            } else {
                SessionEvent::DocumentEdited(world)
            }));
        });
    }
    let Some(sim) = sim else {
        return Html::default();
    };
    // Starts folded so the canvas has the room while people build; one click opens it.
    let open = sim.dock_open;
    let toggle = {
        let sim = sim.clone();
        Callback::from(move |_| sim.dispatch(SimAction::SetDockOpen(!open)))
    };
    html! {
        <section class={classes!("simdock", (!open).then_some("collapsed"))} aria-label="Simulator">
            <header class="simdock-head">
                <button class="btn ghost" aria-expanded={open.to_string()}
                        aria-controls="simdock-body" onclick={toggle}>
                    <span aria-hidden="true">{ if open { "▾ " } else { "▸ " } }</span>{ "Simulator" }
                </button>
                <span class="muted">{ "Run it: call AWS STS as someone on the canvas and watch the credentials count down." }</span>
            </header>
            <div id="simdock-body" class="simdock-body" hidden={!open}>
                <form::AssumeRoleForm />
                <flow_view::FlowView />
                <wallet::Wallet />
                <timeline::Timeline />
            </div>
            <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
                { sim.announcement.clone() }
            </div>
        </section>
    }
}
