//! The scenario library dialog: the built-in guided scenarios, each with its explanation.

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
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with((), move |_| {
            if let Some(b) = first.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let onkeydown = {
        let close = p.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                close.emit(());
            }
        })
    };
    let close = {
        let close = p.on_close.clone();
        Callback::from(move |_| close.emit(()))
    };
    html! {
        <div class="share-backdrop">
        <div class="share-dialog library" role="dialog" aria-modal="true"
             aria-labelledby="library-title" {onkeydown}>
            <h2 id="library-title">{ "Scenarios" }</h2>
            <p class="muted">{ "Guided stories, each a small world and the steps AWS takes. Opening one replaces the canvas; Undo brings yours back." }</p>
            <ul class="scenario-list" role="list">
            { for entries.iter().enumerate().map(|(i, e)| {
                let choose = {
                    let f = p.on_choose.clone();
                    let slug = e.slug;
                    Callback::from(move |_| f.emit(slug))
                };
                let title_id = format!("scenario-{}", e.slug);
                html! {
                    <li aria-labelledby={title_id.clone()}>
                        <button class="scenario-item" onclick={choose}
                                ref={if i == 0 { first.clone() } else { NodeRef::default() }}>
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
        </div>
        </div>
    }
}
