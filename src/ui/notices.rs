//! The notice area: one live region where refusals and confirmations are announced.

use super::editor_store::{EditorAction, EditorStore};
use crate::doc::scene::Tone;
use yew::prelude::*;

/// Shows the editor's current notice; errors are announced assertively.
#[component]
pub fn Notices() -> Html {
    let Some(store) = use_context::<EditorStore>() else {
        return Html::default();
    };
    let notice = store.view.notice.clone();
    let dismiss = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(EditorAction::DismissNotice))
    };
    let (class, live) = match notice.as_ref().map(|n| n.tone) {
        Some(Tone::Error) => ("toast error", "assertive"),
        Some(Tone::Warning) => ("toast warning", "polite"),
        _ => ("toast", "polite"),
    };
    html! {
        <div class="toast-region" role="status" aria-live={live}>
            if let Some(n) = notice {
                <div class={class}>
                    <span>{ n.text }</span>
                    <button class="btn ghost small" onclick={dismiss} aria-label="Dismiss message">{ "✕" }</button>
                </div>
            }
        </div>
    }
}
