//! The inspector: what the selection is, its fields and policies, in AWS's words.

mod clusters;
mod connections;
mod credentials;
mod fields;
mod form;
mod overview;
mod policies;
mod sections;

use super::editor_store::{use_editor_content, EditorAction, EditorStore};
use crate::doc::command::{Command, DocError};
use crate::doc::inspect::concepts_for;
use crate::doc::scene::{NodeId, NodeKind};
use yew::prelude::*;

pub use overview::UserVsRole;

/// Applies `cmd` to a copy of the document first: a refusal comes back as the error (to show
/// next to the field that caused it) and nothing is dispatched; a success is dispatched as
/// one undo entry.
pub(crate) fn try_command(store: &EditorStore, cmd: Command) -> Result<(), DocError> {
    let mut probe = (*store.doc).clone();
    probe.apply(&cmd)?;
    store.dispatch(EditorAction::Command(cmd));
    Ok(())
}

/// The text to show for a refusal: AWS's own message when the world refused.
pub(crate) fn error_text(e: &DocError) -> String {
    match e {
        DocError::Aws { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

/// A DOM-safe id fragment for a node id (ARNs contain `:` and `/`).
pub(crate) fn dom_id(prefix: &str, id: &NodeId) -> String {
    let tail: String =
        id.0.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
    format!("{prefix}-{tail}")
}

/// The inspector region.
#[component]
pub fn Inspector() -> Html {
    let Some(store) = use_editor_content() else {
        return Html::default();
    };
    let selected = store
        .view
        .inspector
        .as_ref()
        .or(store.view.selection.first())
        .and_then(|id| store.scene.node(id))
        .map(|n| (n.id.clone(), n.kind));
    html! {
        <aside class="inspector" role="region" aria-label="Inspector">
            { match selected {
                Some((id, NodeKind::Cluster(_))) => html! { <clusters::ClusterNode {id} /> },
                Some((id, kind)) => html! {
                    <>
                        <super::reach::ReachButtons id={id.clone()} {kind} />
                        <sections::NodeInspector id={id.clone()} key={id.0.clone()} />
                        <sections::WhatIsThis concepts={concepts_for(kind)} />
                        if matches!(kind, NodeKind::User | NodeKind::Role) { <UserVsRole /> }
                    </>
                },
                None => html! { <overview::Overview /> },
            } }
        </aside>
    }
}
