//! An account's clusters in its inspector: one button per cluster that can be collapsed
//! ("Collapse 42 roles") or is collapsed ("Expand 42 roles").

use super::super::editor_store::{use_editor_content, EditorAction};
use crate::doc::command::Command;
use crate::doc::scene::cluster::COLLAPSIBLE_FROM;
use crate::doc::scene::ClusterKey;
use crate::sim::ids::AccountId;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ClustersProps {
    pub account: AccountId,
}

/// The account's users, groups, roles and resources as clusters to fold or unfold.
#[component]
pub fn Clusters(p: &ClustersProps) -> Html {
    let Some(store) = use_editor_content() else {
        return Html::default();
    };
    let shown: Vec<_> = store
        .doc
        .clusters_in(&p.account)
        .into_iter()
        .filter(|c| c.collapsed || c.count >= COLLAPSIBLE_FROM)
        .collect();
    if shown.is_empty() {
        return Html::default();
    }
    let toggle = |key: ClusterKey, collapsed: bool| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            store.dispatch(EditorAction::Command(Command::SetClusterCollapsed {
                cluster: key.clone(),
                collapsed,
            }))
        })
    };
    html! {
        <section class="panel-section" aria-label="Clusters">
            <h3 class="sec">{ "Clusters" }</h3>
            <p class="hint muted">{ format!("A kind of which this account holds {COLLAPSIBLE_FROM} or more can be drawn as one node.") }</p>
            <div class="btn-row">
                { for shown.iter().map(|c| html! {
                    <button class="btn small" onclick={toggle(c.key.clone(), !c.collapsed)}>{ c.action() }</button>
                }) }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ClusterNodeProps {
    pub id: crate::doc::scene::NodeId,
}

/// A collapsed cluster's node, selected: what it holds, and the button that shows them.
#[component]
pub fn ClusterNode(p: &ClusterNodeProps) -> Html {
    let Some(store) = use_editor_content() else {
        return Html::default();
    };
    let (Some(node), Some(key)) = (store.scene.node(&p.id), ClusterKey::from_node_id(&p.id)) else {
        return Html::default();
    };
    let count = store.scene.members.values().filter(|c| **c == p.id).count();
    let expand = {
        let store = store.clone();
        let key = key.clone();
        Callback::from(move |_: MouseEvent| {
            store.dispatch(EditorAction::Command(Command::SetClusterCollapsed {
                cluster: key.clone(),
                collapsed: false,
            }))
        })
    };
    html! {
        <section class="panel-section" aria-label="Cluster">
            <div class="ins-head">
                <span class={classes!("kind-chip", super::sections::kind_class(node.kind))}>{ node.kind.noun() }</span>
                <h2 class="ins-title">{ &node.label }</h2>
            </div>
            <p class="hint muted">{ format!("{} of account {}, drawn as one node.", key.kind.count(count), key.account.as_str()) }</p>
            <button class="btn small" onclick={expand}>{ format!("Expand {}", key.kind.count(count)) }</button>
        </section>
    }
}
