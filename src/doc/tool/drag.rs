//! Dragging nodes: what moves, snapping while moving, and what a drop means.

use super::{Action, Tool};
use crate::doc::command::Command;
use crate::doc::geometry::{frame_at, snap_rect, Point, Rect, GRID, GUIDE_THRESHOLD};
use crate::doc::scene::{NodeId, Scene};
use crate::doc::view::Notice;

/// The nodes a drag of `selection` moves: the selection plus everything inside selected
/// frames (moving an account frame carries its users along).
pub(super) fn drag_set(scene: &Scene, selection: &[NodeId]) -> Vec<(NodeId, Rect)> {
    // Frames nest (organization > account > user), so containment is followed to the bottom.
    let mut moving: Vec<NodeId> = selection.to_vec();
    loop {
        let more: Vec<NodeId> = scene
            .nodes
            .iter()
            .filter(|n| {
                !moving.contains(&n.id) && n.account.as_ref().is_some_and(|a| moving.contains(a))
            })
            .map(|n| n.id.clone())
            .collect();
        if more.is_empty() {
            break;
        }
        moving.extend(more);
    }
    scene
        .nodes
        .iter()
        .filter(|n| moving.contains(&n.id))
        .map(|n| (n.id.clone(), n.rect))
        .collect()
}

/// The pointer moved to `at` during a drag that began at `down`.
pub(super) fn drag_to(
    down: Point,
    starts: &[(NodeId, Rect)],
    at: Point,
    scene: &Scene,
) -> (Tool, Vec<Action>) {
    let delta = at - down;
    let moved_ids: Vec<&NodeId> = starts.iter().map(|(id, _)| id).collect();
    let others: Vec<Rect> = scene
        .plain_nodes()
        .into_iter()
        .filter(|(id, _)| !moved_ids.contains(&id))
        .map(|(_, r)| r)
        .collect();
    let snap = match Rect::bounding(starts.iter().map(|(_, r)| r)) {
        Some(b) => snap_rect(&b.translate(delta), &others, GUIDE_THRESHOLD, GRID),
        None => Default::default(),
    };
    let shift = delta + snap.correction;
    let moves = starts
        .iter()
        .map(|(id, r)| (id.clone(), r.origin() + shift))
        .collect();
    let frames: Vec<(NodeId, Rect)> = scene
        .account_frames()
        .into_iter()
        .filter(|(id, _)| !moved_ids.contains(&id))
        .collect();
    let tool = Tool::DraggingNodes {
        down_world: down,
        starts: starts.to_vec(),
        guides: snap.guides,
        drop_frame: frame_at(at, &frames),
    };
    (tool, vec![Action::Apply(Command::MoveNodes { moves })])
}

/// The drag ended. Nodes dropped into another account frame move to that account (their
/// ARNs change); a node that must live in an account but was dropped outside every account
/// snaps back, and the person is told why.
pub(super) fn drop_at(starts: &[(NodeId, Rect)], at: Point, scene: &Scene) -> Vec<Action> {
    let _ = at;
    let moved: Vec<&NodeId> = starts.iter().map(|(id, _)| id).collect();
    let frames: Vec<(NodeId, Rect)> = scene
        .account_frames()
        .into_iter()
        .filter(|(id, _)| !moved.contains(&id))
        .collect();
    let mut out = Vec::new();
    for (id, _) in starts {
        let Some(node) = scene.node(id) else { continue };
        // Members of a dragged frame travel with it and stay in it.
        if !node.kind.lives_in_account()
            || node.account.as_ref().is_some_and(|a| moved.contains(&a))
        {
            continue;
        }
        match frame_at(node.rect.center(), &frames) {
            None => {
                let text = format!(
                    "{} must live in an AWS account: drop it inside an account frame.",
                    node.label
                );
                return vec![Action::Cancel, Action::Notify(Notice::error(text))];
            }
            Some(frame) if node.account.as_ref() != Some(&frame) => {
                out.push(Action::Apply(Command::MoveToAccount {
                    id: id.clone(),
                    account: frame,
                }));
            }
            Some(_) => {}
        }
    }
    out.push(Action::Commit);
    out
}
