//! The notice area: one live region where refusals and confirmations are announced.

use super::editor_store::{EditorAction, EditorStore};
use crate::doc::scene::Tone;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// How long a confirmation stays up; errors stay until dismissed or replaced.
const INFO_MS: u32 = 4_000;

/// Shows the editor's current notice; errors are announced assertively.
#[component]
pub fn Notices() -> Html {
    let Some(store) = use_context::<EditorStore>() else {
        return Html::default();
    };
    let notice = store.view.notice.clone();
    {
        let store = store.clone();
        use_effect_with(notice.clone(), move |notice| {
            let timer = notice.as_ref().filter(|n| n.tone == Tone::Info).map(|_| {
                Timeout::new(INFO_MS, move || store.dispatch(EditorAction::DismissNotice))
            });
            move || drop(timer)
        });
    }
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
