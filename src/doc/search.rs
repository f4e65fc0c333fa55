//! Finding a node in a large diagram by name, ARN or id, and bringing it into view.

use super::command::Command;
use super::editor::Editor;
use super::geometry::viewport::Viewport;
use super::geometry::Rect;
use super::scene::{ClusterKey, NodeId, NodeView, Scene};

/// Screen pixels a revealed node keeps from the canvas's edges to count as already in view.
const REVEAL_MARGIN: f64 = 24.0;

/// How well a node matches a query; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// The whole name, ARN or id, ignoring case (a pasted ARN finds its one node).
    Exact,
    /// The name starts with the query.
    NamePrefix,
    /// The name contains the query.
    NameContains,
    /// The ARN, id or accessible label contains the query.
    Elsewhere,
}

/// The name a node is known by: as drawn (whole), else its accessible label.
fn name_of(n: &NodeView) -> String {
    if n.name_lines.is_empty() {
        n.label.clone()
    } else {
        n.name_lines.concat()
    }
}

fn rank(n: &NodeView, q: &str) -> Option<Rank> {
    let name = name_of(n).to_lowercase();
    let arn = n.detail.to_lowercase();
    let id = n.id.0.to_lowercase();
    if name == q || arn == q || id == q {
        Some(Rank::Exact)
    } else if name.starts_with(q) {
        Some(Rank::NamePrefix)
    } else if name.contains(q) {
        Some(Rank::NameContains)
    } else if arn.contains(q) || id.contains(q) || n.label.to_lowercase().contains(q) {
        Some(Rank::Elsewhere)
    } else {
        None
    }
}

/// The nodes whose name, ARN or id matches `query` (ignoring case and surrounding spaces),
/// best first: an exact match, then names that start with it, names that contain it, and
/// ARNs, ids or labels that contain it; drawn nodes before members of collapsed clusters
/// within each, then shorter names first, then diagram order.
/// An empty query finds nothing.
pub fn find_nodes(scene: &Scene, query: &str) -> Vec<NodeId> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    // Members of collapsed clusters are found too (revealing one expands its cluster), after
    // drawn nodes that match as well: the first letters typed do not unfold a thousand roles.
    let drawn = scene.nodes.len();
    let mut hits: Vec<(Rank, bool, usize, usize, &NodeView)> = scene
        .nodes
        .iter()
        .map(|n| &**n)
        .chain(scene.hidden.iter())
        .enumerate()
        .filter_map(|(i, n)| {
            let hidden = i >= drawn;
            rank(n, &q).map(|r| (r, hidden, name_of(n).chars().count(), i, n))
        })
        .collect();
    crate::sim::sorting::sort_by_key(&mut hits, |a| (a.0, a.1, a.2, a.3));
    hits.into_iter()
        .map(|(_, _, _, _, n)| n.id.clone())
        .collect()
}

/// The match after `current` in `matches` (Enter in the search box), wrapping round; the
/// first when `current` is not among them.
pub fn next_match(matches: &[NodeId], current: Option<&NodeId>) -> Option<NodeId> {
    let at = current.and_then(|c| matches.iter().position(|m| m == c));
    let next = match at {
        Some(i) => i.checked_add(1).filter(|&j| j < matches.len()).unwrap_or(0),
        None => 0,
    };
    matches.get(next).cloned()
}

/// A view that shows `rect`: the same view when it is already wholly visible at a readable
/// size, else one centred on it at the current zoom, raised to `min_zoom` so its name can be
/// read (`MIN_READABLE_ZOOM` on a desk, more on a projector: `Readable::presenting`).
pub fn reveal(view: &Viewport, rect: &Rect, min_zoom: f64) -> Viewport {
    let inner = view.visible_world().inflate(-REVEAL_MARGIN / view.zoom);
    if view.zoom >= min_zoom && inner.contains_rect(rect) {
        return *view;
    }
    let zoom = view.zoom.max(min_zoom);
    Viewport {
        origin: rect.center() - view.size.scale(0.5 / zoom),
        zoom,
        size: view.size,
    }
}

impl Editor {
    /// Selects the node `id` and brings it into view (a search result). Returns false, and
    /// changes nothing, when there is no such node.
    pub fn reveal(&mut self, id: &NodeId) -> bool {
        // Inside a collapsed cluster: expanding it (one undo step) draws the node.
        if let Some(cluster) = self
            .scene_ref()
            .members
            .get(id)
            .and_then(ClusterKey::from_node_id)
        {
            let expand = Command::SetClusterCollapsed {
                cluster,
                collapsed: false,
            };
            if self.apply(expand).is_err() {
                return false;
            }
        }
        let Some(rect) = self.scene_ref().node(id).map(|n| n.rect) else {
            return false;
        };
        self.view.viewport = reveal(&self.view.viewport, &rect, self.view.readable.min_zoom);
        self.view.selection = vec![id.clone()];
        self.view.selected_edge = None;
        self.view.focused = Some(id.clone());
        true
    }
}
