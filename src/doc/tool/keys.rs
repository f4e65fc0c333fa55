//! Keyboard: shortcuts, nudging, focus order. Every canvas action has a key, so the builder
//! works without a pointer.

use super::{Action, Modifiers, Tool};
use crate::doc::command::Command;
use crate::doc::geometry::layout::{NODE_H, NODE_W};
use crate::doc::geometry::{Point, Rect, GRID};
use crate::doc::scene::cluster::COLLAPSIBLE_FROM;
use crate::doc::scene::{
    ActorKind, ClusterKey, ClusterKind, IdpKind, NodeKind, Scene, ServiceKind,
};
use crate::doc::view::ViewState;

/// Screen pixels an arrow key pans by when nothing is selected.
const ARROW_PAN: f64 = 48.0;

/// The node kind a shortcut letter adds.
pub fn shortcut_kind(letter: &str) -> Option<NodeKind> {
    Some(match letter {
        "a" => NodeKind::Account,
        "u" => NodeKind::User,
        "g" => NodeKind::Group,
        "r" => NodeKind::Role,
        "s" => NodeKind::Service(ServiceKind::Ec2Instance),
        "i" => NodeKind::IdentityProvider(IdpKind::Oidc),
        "o" => NodeKind::OutsideActor(ActorKind::Person),
        _ => return None,
    })
}

pub(crate) fn handle_key(
    tool: &Tool,
    key: &str,
    mods: Modifiers,
    scene: &Scene,
    view: &ViewState,
) -> (Tool, Vec<Action>) {
    if key == "Escape" {
        return match tool {
            Tool::Idle => (
                Tool::Idle,
                vec![
                    Action::Select(vec![]),
                    Action::SelectEdge(None),
                    Action::OpenInspector(None),
                ],
            ),
            busy => busy.cancel(view),
        };
    }
    // While a drag or connection is in progress, other keys wait.
    if *tool != Tool::Idle {
        return (tool.clone(), vec![]);
    }
    let lower = key.to_lowercase();
    let vp = &view.viewport;
    let actions = if mods.command() {
        match lower.as_str() {
            "z" if mods.shift => vec![Action::Redo],
            "z" => vec![Action::Undo],
            "y" => vec![Action::Redo],
            "d" if !view.selection.is_empty() => vec![Action::Apply(Command::Duplicate {
                ids: view.selection.clone(),
            })],
            "a" => vec![Action::Select(
                scene.nodes.iter().map(|n| n.id.clone()).collect(),
            )],
            _ => vec![],
        }
    } else {
        match key {
            "Delete" | "Backspace" => delete(view),
            "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" => arrow(key, mods, scene, view),
            "Tab" => tab(mods.shift, scene, view),
            "Enter" | " " => match view.focused.clone().or_else(|| single(view)) {
                // A collapsed cluster is a button for its members: activating it expands it.
                Some(id) => match ClusterKey::from_node_id(&id) {
                    Some(cluster) => vec![Action::Apply(Command::SetClusterCollapsed {
                        cluster,
                        collapsed: false,
                    })],
                    None if key == "Enter" => vec![Action::OpenInspector(Some(id))],
                    None => vec![],
                },
                None => vec![],
            },
            // C folds the focused node's cluster back into one node, when it is big enough
            // to be worth it.
            "c" | "C" => collapse_key(scene, view),
            "+" | "=" => vec![Action::SetViewport(vp.zoomed_steps(1))],
            "-" | "_" => vec![Action::SetViewport(vp.zoomed_steps(-1))],
            // Fits at a readable size; pressed again on a diagram too big for that, fits all.
            "0" => {
                let content = Rect::bounding(scene.nodes.iter().map(|n| &n.rect));
                let readable = vp.fit_readable(content, None);
                let same = (readable.zoom - vp.zoom).abs() < 1e-9
                    && readable.origin.distance(vp.origin) < 1e-6;
                if same {
                    vec![Action::SetViewport(vp.fit(content))]
                } else {
                    vec![Action::SetViewport(readable)]
                }
            }
            // Shift+1 fits everything whatever the size (Excalidraw's "zoom to fit all").
            "!" => {
                let content = Rect::bounding(scene.nodes.iter().map(|n| &n.rect));
                vec![Action::SetViewport(vp.fit(content))]
            }
            "1" => vec![Action::SetViewport(vp.actual_size())],
            _ if !mods.alt => match shortcut_kind(&lower) {
                Some(kind) => {
                    // The new node is centred on the pointer (or the middle of the view).
                    let centre = view.pointer.unwrap_or_else(|| vp.visible_world().center());
                    let at = (centre - Point::new(NODE_W / 2.0, NODE_H / 2.0)).snapped(GRID);
                    vec![Action::Apply(Command::AddNode { kind, at })]
                }
                None => vec![],
            },
            _ => vec![],
        }
    };
    (Tool::Idle, actions)
}

/// Collapses the cluster of the focused (or only selected) user, group, role or resource.
fn collapse_key(scene: &Scene, view: &ViewState) -> Vec<Action> {
    let Some(node) = view
        .focused
        .clone()
        .or_else(|| single(view))
        .and_then(|id| scene.node(&id))
    else {
        return vec![];
    };
    let (Some(kind), Some(frame)) = (ClusterKind::of(node.kind), node.account.as_ref()) else {
        return vec![];
    };
    let size = scene
        .nodes
        .iter()
        .filter(|n| n.account.as_ref() == Some(frame) && ClusterKind::of(n.kind) == Some(kind))
        .count();
    if size < COLLAPSIBLE_FROM {
        return vec![Action::Notify(crate::doc::view::Notice::info(format!(
            "Only clusters of {COLLAPSIBLE_FROM} or more collapse; this account has {}.",
            kind.count(size)
        )))];
    }
    let cluster = ClusterKey::new(crate::sim::ids::AccountId::new(frame.0.clone()), kind);
    vec![Action::Apply(Command::SetClusterCollapsed {
        cluster,
        collapsed: true,
    })]
}

fn single(view: &ViewState) -> Option<crate::doc::scene::NodeId> {
    match view.selection.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

fn delete(view: &ViewState) -> Vec<Action> {
    if !view.selection.is_empty() {
        return vec![
            Action::Apply(Command::Delete {
                ids: view.selection.clone(),
            }),
            Action::Select(vec![]),
        ];
    }
    match &view.selected_edge {
        Some(e) => vec![
            Action::Apply(Command::Disconnect {
                from: e.from.clone(),
                to: e.to.clone(),
                kind: e.kind,
            }),
            Action::SelectEdge(None),
        ],
        None => vec![],
    }
}

/// Arrows nudge the selection one grid step (Shift: ten), or pan the view when nothing is
/// selected.
fn arrow(key: &str, mods: Modifiers, scene: &Scene, view: &ViewState) -> Vec<Action> {
    let unit = match key {
        "ArrowLeft" => Point::new(-1.0, 0.0),
        "ArrowRight" => Point::new(1.0, 0.0),
        "ArrowUp" => Point::new(0.0, -1.0),
        _ => Point::new(0.0, 1.0),
    };
    let factor = if mods.shift { 10.0 } else { 1.0 };
    if view.selection.is_empty() {
        return vec![Action::SetViewport(
            view.viewport
                .panned_by_screen(unit.scale(-ARROW_PAN * factor)),
        )];
    }
    let d = unit.scale(GRID * factor);
    let moves = super::drag::drag_set(scene, &view.selection)
        .into_iter()
        .map(|(id, r)| (id, r.origin() + d))
        .collect();
    vec![Action::Apply(Command::MoveNodes { moves })]
}

/// Tab moves focus (and selection) to the next node in reading order; Shift+Tab back.
fn tab(back: bool, scene: &Scene, view: &ViewState) -> Vec<Action> {
    let order = scene.reading_order();
    if order.is_empty() {
        return vec![];
    }
    let n = order.len();
    let current = view
        .focused
        .as_ref()
        .and_then(|f| order.iter().position(|id| id == f));
    let next = match (current, back) {
        (None, false) => 0,
        (None, true) => n.saturating_sub(1),
        (Some(i), false) => Some(i.saturating_add(1)).filter(|j| *j < n).unwrap_or(0),
        (Some(i), true) => i.checked_sub(1).unwrap_or(n.saturating_sub(1)),
    };
    match order.get(next) {
        Some(id) => vec![
            Action::Focus(Some(id.clone())),
            Action::Select(vec![id.clone()]),
        ],
        None => vec![],
    }
}
