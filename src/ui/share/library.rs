//! The scenario library dialog: the built-in guided scenarios, each with its explanation.

use super::modal::Modal;
use crate::doc::scenario::library;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    /// The slug of the chosen scenario.
    pub on_choose: Callback<&'static str>,
    pub on_close: Callback<()>,
}

/// A modal list of the built-in scenarios.
#[component]
pub fn ScenarioLibrary(p: &LibraryProps) -> Html {
    let entries = use_memo((), |_| library());
    let close = {
        let close = p.on_close.clone();
        Callback::from(move |_| close.emit(()))
    };
    html! {
        <Modal labelled_by="library-title" class="library" on_close={p.on_close.clone()}>
            <h2 id="library-title">{ "Scenarios" }</h2>
            <p class="muted">{ "Guided stories, each a small world and the steps AWS takes. Opening one replaces the canvas; Undo brings yours back." }</p>
            <ul class="scenario-list" role="list">
            { for entries.iter().map(|e| {
                let choose = {
                    let f = p.on_choose.clone();
                    let slug = e.slug;
                    Callback::from(move |_| f.emit(slug))
                };
                let title_id = format!("scenario-{}", e.slug);
                html! {
                    <li aria-labelledby={title_id.clone()}>
                        <button class="scenario-item" onclick={choose}>
                            <span class="scenario-title" id={title_id}>{ e.title.clone() }</span>
                            <span class="scenario-summary">{ e.summary.clone() }</span>
                            <span class="scenario-steps">{ format!("{} steps", e.steps) }</span>
                        </button>
                    </li>
                }
            }) }
            </ul>
            <div class="dialog-actions">
                <button class="btn ghost" onclick={close}>{ "Close" }</button>
            </div>
        </Modal>
    }
}
