//! The inspector: what the selection is, its fields and policies, in AWS's words.

use super::editor_store::EditorStore;
use yew::prelude::*;

/// The inspector region.
#[component]
pub fn Inspector() -> Html {
    let Some(store) = use_context::<EditorStore>() else {
        return Html::default();
    };
    let selected = store
        .view
        .inspector
        .as_ref()
        .or(store.view.selection.first())
        .and_then(|id| store.scene.node(id));
    html! {
        <aside class="inspector" role="region" aria-label="Inspector">
            if let Some(node) = selected {
                <section class="panel-section">
                    <h2>{ node.kind.noun() }</h2>
                    <h3>{ &node.label }</h3>
                    <p class="mono muted">{ &node.detail }</p>
                </section>
            }
            <UserVsRole />
        </aside>
    }
}

/// The page's main lesson, side by side: long-term credentials vs temporary, assumed ones.
#[component]
pub fn UserVsRole() -> Html {
    html! {
        <section class="panel-section" aria-labelledby="uvr-title">
            <h2 id="uvr-title">{ "IAM user vs IAM role" }</h2>
            <div class="compare">
                <div>
                    <h4>{ "IAM user" }</h4>
                    <ul>
                        <li>{ "An identity for one person or application." }</li>
                        <li>{ "Has long-term credentials: a password and access keys (AKIA…)." }</li>
                        <li>{ "Keys never expire: a leaked key works until someone deletes it." }</li>
                    </ul>
                </div>
                <div>
                    <h4>{ "IAM role" }</h4>
                    <ul>
                        <li>{ "An identity meant to be assumed by anyone who needs it." }</li>
                        <li>{ "Has no credentials of its own." }</li>
                        <li>{ "Assuming it gives temporary credentials (ASIA…) that expire." }</li>
                    </ul>
                </div>
            </div>
        </section>
    }
}
