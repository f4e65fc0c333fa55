//! "Start here" on a first visit: a card beside the canvas offering the guided scenario that
//! explains the rest, IAM user vs IAM role.

use super::open::open_callback;
use crate::doc::persist::first_visit::START_HERE_SLUG;
use crate::doc::scenario::built_in;
use crate::ui::editor_store::EditorStore;
use crate::ui::sim_store::SimStore;
use crate::ui::storage;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StartHereProps {
    /// The card is done with (started or dismissed): the page stops showing it.
    pub on_done: Callback<()>,
}

/// The first visit's offer. It sits in the side column on a desk and under the canvas in the
/// compact layout, never over the diagram; taking or dismissing it is remembered for good.
#[component]
pub fn StartHere(p: &StartHereProps) -> Html {
    let (Some(store), Some(sim)) = (use_context::<EditorStore>(), use_context::<SimStore>()) else {
        return Html::default();
    };
    let open = open_callback(&store, &sim, false, false, false);
    let start = {
        let done = p.on_done.clone();
        Callback::from(move |_| {
            storage::start_here_done();
            done.emit(());
            if let Some(Ok(s)) = built_in(START_HERE_SLUG) {
                open.emit(s);
            }
        })
    };
    let dismiss = {
        let done = p.on_done.clone();
        Callback::from(move |_| {
            storage::start_here_done();
            done.emit(());
        })
    };
    html! {
        <section class="start-here" role="region" aria-label="Start here">
            <p class="start-here-title">{ "New to IAM?" }</p>
            <p class="start-here-text">
                { "Eight guided steps show what matters most: a user's access key never expires, a role's credentials do." }
            </p>
            <div class="start-here-actions">
                <button class="btn primary" onclick={start}>{ "Start here: IAM user vs IAM role" }</button>
                <button class="btn ghost" onclick={dismiss}>{ "No thanks" }</button>
            </div>
        </section>
    }
}
