//! The inspector's "Reachable from here" and "Who can reach this" buttons.

use super::{EscalationMarks, ReachAction, ReachStore};
use crate::doc::reach::{can_be_reached, can_start, default_action, from_here, Query};
use crate::doc::scene::{NodeId, NodeKind};
use crate::sim::reach::DEFAULT_MAX_HOPS;
use crate::ui::editor_store::use_editor_content;
use std::rc::Rc;
use yew::prelude::*;

/// Props: the node the inspector shows.
#[derive(Properties, PartialEq)]
pub struct ReachButtonsProps {
    /// The node.
    pub id: NodeId,
    /// Its kind (which buttons apply).
    pub kind: NodeKind,
}

/// The two buttons, as far as they apply to the node.
#[component]
pub fn ReachButtons(p: &ReachButtonsProps) -> Html {
    let marks = use_context::<Rc<EscalationMarks>>().unwrap_or_default();
    let (Some(store), Some(reach)) = (use_editor_content(), use_context::<ReachStore>()) else {
        return Html::default();
    };
    let held: Vec<_> = marks.get(&p.id).into_iter().flatten().collect();
    let (from, to) = (can_start(p.kind), can_be_reached(p.kind));
    if !from && !to {
        return Html::default();
    }
    let depth = reach
        .query
        .as_ref()
        .map_or(DEFAULT_MAX_HOPS, Query::max_hops);
    let ask = |query: Query| {
        let (store, reach) = (store.clone(), reach.clone());
        Callback::from(move |_: MouseEvent| {
            reach.dispatch(ReachAction::Ask(
                query.clone(),
                store.doc.clone(),
                store.scene.clone(),
            ))
        })
    };
    let resource = match p.kind {
        NodeKind::Resource(r) => Some(r),
        _ => None,
    };
    let reach_from = ask(match from_here(p.id.clone()) {
        Query::From { node, .. } => Query::From {
            node,
            max_hops: depth,
        },
        other => other,
    });
    let who_can = ask(Query::WhoCan {
        node: p.id.clone(),
        action: default_action(resource).to_string(),
        max_hops: depth,
    });
    html! {
        <section class="panel-section reach-buttons" aria-label="Access analysis">
            <h2>{ "Who can reach what" }</h2>
            <div class="reach-button-row">
                if from {
                    <button class="btn small" onclick={reach_from}>{ "Reachable from here" }</button>
                }
                if to {
                    <button class="btn small" onclick={who_can}>{ "Who can reach this" }</button>
                }
            </div>
            { super::paths::escalations(&held) }
        </section>
    }
}
