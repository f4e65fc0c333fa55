//! What of a large scene the canvas draws: the frames, nodes, edges and labels that cross the
//! visible part of the world, so that a pan, a drag step or a highlight over an imported
//! account of a thousand nodes builds and compares a screenful of shapes, not all of them.

use super::{NodeId, Scene};
use crate::doc::geometry::labels::polyline_hits_rect;
use crate::doc::geometry::viewport::Viewport;
use crate::doc::geometry::{Point, Rect};
use crate::doc::view::ViewState;
use std::collections::HashSet;

/// Scenes with more nodes than this (frames included) are drawn only where they show, and a
/// drag in them (or in a folded view of as many) moves the scene rather than deriving it
/// afresh. Every built-in scenario is
/// smaller, and is drawn whole: a screen reader reaches all of its nodes as they are.
pub const LARGE_SCENE: usize = 200;

/// Screen pixels drawn beyond each side of the canvas: what sticks out of a node past the
/// view's edge (its focus ring, chips, a countdown ring, a refusal tab) and a short pan show
/// at once.
pub const DRAW_MARGIN: f64 = 160.0;

/// What the canvas draws of a scene: positions in its `nodes`, `edges` and `labels`, in
/// paint order (ascending).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InView {
    pub nodes: Vec<usize>,
    pub edges: Vec<usize>,
    pub labels: Vec<usize>,
}

impl InView {
    /// Everything in `scene`.
    pub fn all(scene: &Scene) -> InView {
        InView {
            nodes: (0..scene.nodes.len()).collect(),
            edges: (0..scene.edges.len()).collect(),
            labels: (0..scene.labels.len()).collect(),
        }
    }
}

/// The smallest rectangle around `points` (a point for an empty route).
fn points_bounds(points: &[Point]) -> Rect {
    let mut it = points.iter();
    let Some(first) = it.next() else {
        return Rect::default();
    };
    let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x, first.y);
    for p in it {
        (x0, y0) = (x0.min(p.x), y0.min(p.y));
        (x1, y1) = (x1.max(p.x), y1.max(p.y));
    }
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

impl Scene {
    /// Whether the scene is large enough to be drawn only where it shows ([`LARGE_SCENE`]).
    pub fn is_large(&self) -> bool {
        self.nodes.len() > LARGE_SCENE
    }

    /// Whether deriving the scene afresh is slow: a large scene, or a few cluster nodes
    /// standing for a large account (its every trust policy is read to find the edges).
    /// A drag in it moves the scene rather than deriving it on each move.
    pub fn is_costly(&self) -> bool {
        self.nodes.len().saturating_add(self.hidden.len()) > LARGE_SCENE
    }

    /// The frames and nodes whose rectangles meet `visible`, the edges whose routes cross it
    /// (even between two nodes outside it), and the labels inside it; plus the nodes `keep`
    /// names wherever they are (the focused and selected ones: the keyboard and the inspector
    /// work on them). One pass with rectangle tests: a thousand nodes and two thousand edges
    /// take well under a millisecond.
    pub fn in_view(&self, visible: Rect, keep: impl Fn(&NodeId) -> bool) -> InView {
        let nodes = self
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.rect.intersects(&visible) || keep(&n.id))
            .map(|(i, _)| i)
            .collect();
        let edges = self
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                let points = &e.route.points;
                points_bounds(points).intersects(&visible) && polyline_hits_rect(points, &visible)
            })
            .map(|(i, _)| i)
            .collect();
        let labels = self
            .labels
            .iter()
            .enumerate()
            .filter(|(_, l)| l.rect.intersects(&visible))
            .map(|(i, _)| i)
            .collect();
        InView {
            nodes,
            edges,
            labels,
        }
    }

    /// The part of the world the canvas draws under `viewport`: `None` (all of it) for a
    /// small scene; for a large one the visible world and [`DRAW_MARGIN`] screen pixels
    /// around it.
    pub fn draw_area(&self, viewport: &Viewport) -> Option<Rect> {
        let zoom = if viewport.zoom > 0.0 {
            viewport.zoom
        } else {
            1.0
        };
        self.is_large()
            .then(|| viewport.visible_world().inflate(DRAW_MARGIN / zoom))
    }

    /// What the canvas draws in `view`: all of a small scene; of a large one, what
    /// [`Scene::in_view`] picks in its [`Scene::draw_area`], and wherever they are the
    /// focused node (it must exist to hold the keyboard's focus), the selected ones (what
    /// the inspector and the arrow keys work on) and the nodes a played call is about
    /// (`flow`: its highlighted nodes, where it was refused).
    pub fn to_draw(&self, view: &ViewState, flow: &[&NodeId]) -> InView {
        let Some(area) = self.draw_area(&view.viewport) else {
            return InView::all(self);
        };
        // Ctrl+A selects a thousand nodes: looked up, not searched.
        let keep: HashSet<&NodeId> = view
            .focused
            .iter()
            .chain(view.selection.iter())
            .chain(flow.iter().copied())
            .collect();
        self.in_view(area, |id| keep.contains(id))
    }
}
