//! Fitting the scene together: frames grown around what they hold, chips and edge badges
//! given free places (the geometry is in [`crate::doc::geometry::labels`]).

use super::{Badge, LabelOwner, LabelView, NodeId, NodeKind, NodeView, Scene};
use crate::doc::geometry::labels::{place_labels_among, point_along, LabelRequest, Obstacles};
use crate::doc::geometry::layout::{FRAME_HEADER, FRAME_PAD, NODE_H, NODE_W};
use crate::doc::geometry::text::text_width;
use crate::doc::geometry::{Point, Rect};
use std::rc::Rc;

/// Height of a chip or edge badge, and the space between two.
pub const CHIP_H: f64 = 18.0;
const CHIP_GAP: f64 = 4.0;
/// Font sizes of chip and badge text (`.chip text`, `.badge text` in `app.css`).
const CHIP_PX: f64 = 10.5;
const BADGE_PX: f64 = 10.0;
/// Room for the key icon drawn before "has access keys".
const KEY_ICON: f64 = 14.0;
/// Height kept free above a role node for its session countdown rings and session name.
pub const TIMER_STRIP: f64 = 16.0;
/// Space between a node and its chips.
const NODE_GAP: f64 = 6.0;

/// What the access-key chip adds after its text: IAM user access keys are long-term
/// credentials with no expiry, unlike a role session's.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html>
pub const KEY_NEVER_EXPIRES: &str = " · never expires";

/// The size of a node chip showing `badge` (an access-key chip with its icon and
/// [`KEY_NEVER_EXPIRES`]).
pub fn chip_size(badge: &Badge) -> Point {
    if badge.text.contains("access key") {
        let text = format!("{}{KEY_NEVER_EXPIRES}", badge.text);
        return Point::new(12.0 + KEY_ICON + text_width(&text, CHIP_PX), CHIP_H);
    }
    Point::new(12.0 + text_width(&badge.text, CHIP_PX), CHIP_H)
}

/// The size of a condition badge on an edge.
pub fn badge_size(badge: &Badge) -> Point {
    Point::new(10.0 + text_width(&badge.text, BADGE_PX), CHIP_H)
}

/// A node's chips in lines no wider than the node plus a little (at least the widest chip):
/// each chip's offset from the block's corner, and the block's size.
fn chip_block(node: &NodeView) -> (Vec<Point>, Point) {
    let sizes: Vec<Point> = node.badges.iter().map(chip_size).collect();
    let widest = sizes.iter().map(|s| s.x).fold(0.0, f64::max);
    let max_w = widest.max(node.rect.w + 40.0);
    let (mut x, mut y, mut w) = (0.0_f64, 0.0_f64, 0.0_f64);
    let mut offsets = Vec::with_capacity(sizes.len());
    for s in &sizes {
        if x > 0.0 && x + s.x > max_w {
            (x, y) = (0.0, y + CHIP_H + CHIP_GAP);
        }
        offsets.push(Point::new(x, y));
        x += s.x + CHIP_GAP;
        w = w.max(x - CHIP_GAP);
    }
    let h = if sizes.is_empty() { 0.0 } else { y + CHIP_H };
    (offsets, Point::new(w, h))
}

/// The room a node's chips take under it (with the gap above them): what a layout leaves
/// free below the node. Zero for a node without chips.
pub fn chip_room(node: &NodeView) -> Point {
    let (_, block) = chip_block(node);
    if block.y > 0.0 {
        Point::new(block.x, block.y + NODE_GAP)
    } else {
        block
    }
}

/// Grows each frame to the right and downwards until it holds its nodes and their chips
/// with padding to spare (nodes widen for long names). Only nodes whose standard-size
/// centre lies in the stored frame count: a node dragged out of its account must still
/// fall outside it (and snap back), not drag the frame along. Accounts grow before the
/// organization around them. Frames never grow up or left: their title stays put.
pub(crate) fn grow_frames(nodes: &mut [Rc<NodeView>]) {
    for pass in [NodeKind::Account, NodeKind::Organization] {
        let need: Vec<(usize, Point)> = nodes
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == pass)
            .map(|(i, f)| {
                let far = nodes
                    .iter()
                    .filter(|n| n.account.as_ref() == Some(&f.id))
                    .filter(|n| {
                        let standard = Point::new(NODE_W / 2.0, NODE_H / 2.0);
                        f.rect.contains(n.rect.origin() + standard)
                    })
                    .map(|n| {
                        let chips = chip_room(n);
                        Point::new(
                            n.rect.right().max(n.rect.x + chips.x),
                            n.rect.bottom() + chips.y,
                        )
                    })
                    .fold(Point::new(f64::MIN, f64::MIN), |a, b| {
                        Point::new(a.x.max(b.x), a.y.max(b.y))
                    });
                (i, far)
            })
            .collect();
        for (i, far) in need {
            if let Some(f) = nodes.get_mut(i) {
                let w = f.rect.w.max(far.x + FRAME_PAD - f.rect.x);
                let h = f.rect.h.max(far.y + FRAME_PAD - f.rect.y);
                if (w, h) != (f.rect.w, f.rect.h) {
                    let f = Rc::make_mut(f);
                    (f.rect.w, f.rect.h) = (w, h);
                }
            }
        }
    }
}

/// One label of a block: its badge, its offset in the block and its size.
type Part = (Badge, Point, Point);

/// Spots to try for a node's chip block of `size`: under the node, then above, beside,
/// then a little further away, so the chips leave room for the edges at the node.
fn node_candidates(r: &Rect, size: Point) -> Vec<Point> {
    let below = r.bottom() + NODE_GAP;
    let above = r.y - NODE_GAP - size.y;
    let mut c = vec![
        Point::new(r.x, below),
        Point::new(r.right() - size.x, below),
        Point::new(r.center().x - size.x / 2.0, below),
        Point::new(r.x, above),
        Point::new(r.right() - size.x, above),
        Point::new(r.right() + 10.0, r.y),
        Point::new(r.x - 10.0 - size.x, r.y),
    ];
    for k in 1..=8 {
        let d = f64::from(k) * 16.0;
        c.push(Point::new(r.x + d, below));
        c.push(Point::new(r.x - d, below));
        c.push(Point::new(r.x, below + d));
        c.push(Point::new(r.x + d, above));
        c.push(Point::new(r.x - d, above));
    }
    c
}

/// Spots along an edge for its badges, the middle first, then off to either side.
fn edge_candidates(points: &[Point], size: Point) -> Vec<Point> {
    let half = size.scale(0.5);
    let ts = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
    let along: Vec<Point> = ts.iter().filter_map(|t| point_along(points, *t)).collect();
    let mut c: Vec<Point> = along.iter().map(|p| *p - half).collect();
    for p in along.iter().take(5) {
        for d in [
            Point::new(0.0, half.y + 6.0),
            Point::new(0.0, -half.y - 6.0),
            Point::new(half.x + 6.0, 0.0),
            Point::new(-half.x - 6.0, 0.0),
        ] {
            c.push(*p - half + d);
        }
    }
    c
}

impl Scene {
    /// Gives every node chip and edge badge a place clear of nodes, frame titles, other
    /// labels and the edges it does not belong to, filling [`Scene::labels`].
    pub fn place_labels(&mut self) {
        self.labels.clear();
        self.place_labels_of(|_| true);
    }

    /// Places again only the labels of the owners `affected` picks (what a drag moved), each
    /// clear of the labels kept where they were: a drag in a big account re-places a few
    /// chips per pointer move instead of all of them. The full [`Scene::place_labels`] runs
    /// when the drag ends, so the drawing at rest is the same as ever.
    pub fn replace_labels(&mut self, affected: impl Fn(&LabelOwner) -> bool) {
        self.labels.retain(|l| !affected(&l.owner));
        self.place_labels_of(affected);
    }

    /// Places the labels of the owners `wanted` picks, clear of those already in
    /// [`Scene::labels`], and appends them.
    fn place_labels_of(&mut self, wanted: impl Fn(&LabelOwner) -> bool) {
        let frames: Vec<&NodeView> = self
            .nodes
            .iter()
            .filter(|n| n.kind.is_frame())
            .map(|n| &**n)
            .collect();
        let obstacles = Obstacles {
            // A role's top border also keeps a strip free for its session countdowns, so
            // chips do not move when someone assumes the role.
            nodes: self
                .nodes
                .iter()
                .filter(|n| !n.kind.is_frame())
                .flat_map(|n| {
                    let strip = (n.kind == NodeKind::Role).then(|| {
                        Rect::new(n.rect.x, n.rect.y - TIMER_STRIP, n.rect.w, TIMER_STRIP)
                    });
                    std::iter::once(n.rect).chain(strip)
                })
                .collect(),
            headers: frames
                .iter()
                .map(|f| Rect::new(f.rect.x, f.rect.y, f.rect.w, FRAME_HEADER.min(f.rect.h)))
                .collect(),
            frames: frames.iter().map(|f| f.rect).collect(),
            edges: self
                .edges
                .iter()
                .map(|e| e.route.points.as_slice())
                .collect(),
        };
        let frame_rect = |id: &Option<super::NodeId>| {
            frames
                .iter()
                .find(|f| Some(&f.id) == id.as_ref())
                .map(|f| f.rect)
        };
        let mut requests = Vec::new();
        let mut owners: Vec<(LabelOwner, Vec<Part>)> = Vec::new();
        for (i, e) in self.edges.iter().enumerate() {
            if e.badges.is_empty() || !wanted(&LabelOwner::Edge(e.id.clone())) {
                continue;
            }
            let sizes: Vec<Point> = e.badges.iter().map(badge_size).collect();
            let w = sizes.iter().map(|s| s.x).fold(0.0, f64::max);
            let h = sizes.len() as f64 * (CHIP_H + 2.0) - 2.0;
            let parts = e
                .badges
                .iter()
                .zip(&sizes)
                .enumerate()
                .map(|(k, (b, s))| {
                    let at = Point::new((w - s.x) / 2.0, k as f64 * (CHIP_H + 2.0));
                    (b.clone(), at, *s)
                })
                .collect();
            let size = Point::new(w, h);
            requests.push(LabelRequest {
                size,
                candidates: edge_candidates(&e.route.points, size),
                own_edge: Some(i),
                home: None,
            });
            owners.push((LabelOwner::Edge(e.id.clone()), parts));
        }
        for n in self.nodes.iter().filter(|n| !n.kind.is_frame()) {
            if n.badges.is_empty() || !wanted(&LabelOwner::Node(n.id.clone())) {
                continue;
            }
            let (offsets, size) = chip_block(n);
            let parts = n
                .badges
                .iter()
                .zip(offsets)
                .map(|(b, at)| (b.clone(), at, chip_size(b)))
                .collect();
            requests.push(LabelRequest {
                size,
                candidates: node_candidates(&n.rect, size),
                own_edge: None,
                home: frame_rect(&n.account),
            });
            owners.push((LabelOwner::Node(n.id.clone()), parts));
        }
        let kept: Vec<Rect> = self.labels.iter().map(|l| l.rect).collect();
        let blocks = place_labels_among(&requests, &obstacles, &kept);
        let placed: Vec<LabelView> = owners
            .into_iter()
            .zip(blocks)
            .flat_map(|((owner, parts), block)| {
                parts.into_iter().map(move |(badge, at, size)| LabelView {
                    owner: owner.clone(),
                    badge,
                    rect: Rect::new(block.x + at.x, block.y + at.y, size.x, size.y),
                })
            })
            .collect();
        self.labels.extend(placed);
    }

    /// Where a refusal tab `w` wide goes on node `id`: the left end of the tab and the
    /// height of the border it straddles. The top border at the left, else at the right,
    /// else the bottom border: the first spot no edge's end touches, so an arrow entering
    /// the node keeps its head in view (a trust edge from the account's title bar enters
    /// a role's top at its middle). A node whose top border wears a session's name and
    /// countdown rings (`top_taken`) takes the tab on its bottom border, where it covers
    /// neither.
    pub fn refusal_tab_spot(&self, id: &NodeId, w: f64, top_taken: bool) -> Option<Point> {
        let r = self.node(id)?.rect;
        let ends: Vec<Point> = self
            .edges
            .iter()
            .filter_map(|e| match (&e.from == id, &e.to == id) {
                (_, true) => e.route.points.last().copied(),
                (true, false) => e.route.points.first().copied(),
                _ => None,
            })
            .collect();
        let (left, right) = (r.x + 8.0, r.x + r.w - 8.0 - w);
        // On the bottom border the tab rides a little higher, clear of the chips below.
        let (top, bottom) = (r.y, r.y + r.h - 2.0);
        let spots = [
            Point::new(left, top),
            Point::new(right.max(left), top),
            Point::new(left, bottom),
            Point::new(right.max(left), bottom),
        ];
        let (skip, fallback) = if top_taken {
            (2, spots[2])
        } else {
            (0, spots[0])
        };
        // An arrowhead is about 10 px across and 10 px long.
        let clear = |s: &Point| {
            !ends
                .iter()
                .any(|p| (p.y - s.y).abs() <= 12.0 && p.x >= s.x - 8.0 && p.x <= s.x + w + 8.0)
        };
        Some(
            spots
                .iter()
                .skip(skip)
                .copied()
                .find(clear)
                .unwrap_or(fallback),
        )
    }
}
