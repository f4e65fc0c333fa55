//! The scene after a drag step: the previous scene with the moved nodes in their new places,
//! instead of everything derived again (a pointer move in an imported account of a thousand
//! nodes must fit in a frame).

use super::derive::route_between;
use super::Document;
use crate::doc::geometry::{Point, Rect};
use crate::doc::scene::place::grow_frames;
use crate::doc::scene::{LabelOwner, NodeId, Scene};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

impl Document {
    /// `prev` (this document's scene before a move of `moved`) brought up to date: node
    /// places read from the layout, frames grown again, every edge rerouted, and the chips and
    /// badges of what moved placed again around the others, which stay. A move changes
    /// nothing else a scene shows (names, badges and edges come from the world, which a move
    /// leaves alone). Only the labels may differ from [`Document::scene`]'s, which places all
    /// of them afresh; the editor derives that full scene when the drag ends.
    pub fn scene_after_move(&self, prev: &Scene, moved: &[NodeId]) -> Scene {
        let mut scene = prev.clone();
        // A node that stays where it was keeps its pointer, as an unchanged edge does.
        for n in scene.nodes.iter_mut() {
            let rect = if n.kind.is_frame() {
                self.rect_of(&n.id, n.kind)
            } else {
                let p = self.position_of(&n.id).unwrap_or(Point::new(0.0, 0.0));
                Rect::new(p.x, p.y, n.rect.w, n.rect.h)
            };
            if rect != n.rect {
                Rc::make_mut(n).rect = rect;
            }
        }
        grow_frames(&mut scene.nodes);
        let nodes = &scene.nodes;
        let by_id: HashMap<&NodeId, usize> =
            nodes.iter().enumerate().map(|(i, n)| (&n.id, i)).collect();
        for e in scene.edges.iter_mut() {
            let ends = by_id
                .get(&e.from)
                .and_then(|f| nodes.get(*f))
                .zip(by_id.get(&e.to).and_then(|t| nodes.get(*t)));
            if let Some((f, t)) = ends {
                // An edge whose route stays keeps its pointer: the canvas skips it unread.
                let route = route_between(f, t, nodes);
                if route != e.route {
                    Rc::make_mut(e).route = route;
                }
            }
        }
        let moved: HashSet<&NodeId> = moved.iter().collect();
        let touched: HashSet<_> = scene
            .edges
            .iter()
            .filter(|e| moved.contains(&e.from) || moved.contains(&e.to))
            .map(|e| e.id.clone())
            .collect();
        scene.replace_labels(|owner| match owner {
            LabelOwner::Node(id) => moved.contains(id),
            LabelOwner::Edge(id) => touched.contains(id),
        });
        scene
    }
}
