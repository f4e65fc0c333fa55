//! The minimap: the whole diagram drawn small in a corner of the canvas, with the part the
//! view shows outlined; a click or drag on it centres the view there.
//!
//! Map coordinates are pixels inside the minimap's own box, `(0, 0)` at its top-left.

use super::viewport::Viewport;
use super::{Point, Rect};
use std::collections::BTreeMap;

/// World pixels kept around the diagram on the map, so shapes at its edge are not cut.
pub const MAP_MARGIN: f64 = 24.0;
/// The smallest a shape is drawn on the map, in map pixels: a node of a thousand-node
/// diagram is still a visible dot.
pub const MIN_SHAPE: f64 = 1.5;
/// The smallest share of its box the map's short side takes: an imported account laid out
/// as one long row would otherwise be a hairline, so such a diagram is stretched across.
pub const MIN_SIDE_SHARE: f64 = 0.3;
/// Screen pixels between the minimap and the canvas's border.
pub const INSET: f64 = 10.0;
/// The canvas's smallest size (width, height) at which the minimap shows unless hidden: on
/// an embed (700 px wide), a phone, or a desk with the simulator open (a canvas about
/// 1040 × 350) it would cover too much of the diagram, and is there on request.
pub const SHOWN_FROM: Point = Point::new(720.0, 400.0);

/// A corner of the canvas the minimap sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corner {
    /// Clear of the zoom badge (bottom right), the notices and the guided steps' bar
    /// (bottom), and the simulator dock (under the canvas).
    TopRight,
    /// Where it goes when a node's centre would sit under it at the top right.
    TopLeft,
}

/// How the whole diagram maps onto the minimap's box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Minimap {
    /// The world rectangle drawn: the diagram and [`MAP_MARGIN`] around it.
    pub world: Rect,
    /// Map pixels per world pixel, across and down: the same both ways unless the diagram
    /// is so long and thin that its short side is stretched to [`MIN_SIDE_SHARE`] of the box.
    pub scale: Point,
    /// The map's size in pixels: the diagram's shape, within the box it was given.
    pub size: Point,
}

/// Whether the view leaves some of `content` (the diagram's extent) off screen: only then
/// is a minimap any use.
pub fn needed(content: Option<Rect>, view: &Viewport) -> bool {
    // Half a world pixel of slack: a fitted diagram's border rounding is not "off screen".
    content.is_some_and(|c| !view.visible_world().inflate(0.5).contains_rect(&c))
}

/// How many screens of diagram a small canvas must hold before it offers a minimap at all.
const OFFERED_SMALL_FROM_SCREENS: f64 = 4.0;

/// Whether the canvas offers a minimap (shown, or folded to its button): wherever some of
/// the diagram is off screen on a canvas with room for the map, but on a small one (a
/// phone, an embed) only for a diagram of several screens (an imported account), not for a
/// built-in scenario a pan or two wide, where the button would only crowd the diagram.
pub fn offered(content: Option<Rect>, view: &Viewport) -> bool {
    if !needed(content, view) {
        return false;
    }
    if shown_by_default(view.size) {
        return true;
    }
    let screens = content.map_or(0.0, |c| {
        let drawn = c.w * c.h * view.zoom * view.zoom;
        let canvas = (view.size.x * view.size.y).max(1.0);
        drawn / canvas
    });
    screens >= OFFERED_SMALL_FROM_SCREENS
}

/// Whether a canvas of `canvas` pixels shows the minimap before anyone asks for it.
pub fn shown_by_default(canvas: Point) -> bool {
    canvas.x >= SHOWN_FROM.x && canvas.y >= SHOWN_FROM.y
}

/// The largest box the minimap may take on a canvas of `canvas` pixels: about a fifth of
/// its width and a quarter of its height, so it grows on a projector and stays small on an
/// embed or a phone, and never more than the canvas minus its insets.
pub fn max_box(canvas: Point) -> Point {
    let w = (canvas.x * 0.18).clamp(120.0, 320.0);
    let h = (canvas.y * 0.24).clamp(80.0, 220.0);
    Point::new(
        w.min((canvas.x - 2.0 * INSET).max(0.0)),
        h.min((canvas.y - 2.0 * INSET).max(0.0)),
    )
}

/// Which corner the minimap takes: the top right, unless a node centre `centres` (screen
/// points) would sit under it there and not at the top left. A large diagram has nodes
/// under both; it stays top right then rather than jumping about as the view pans.
pub fn corner(canvas: Point, size: Point, centres: impl IntoIterator<Item = Point>) -> Corner {
    let right = screen_box(Corner::TopRight, canvas, size);
    let left = screen_box(Corner::TopLeft, canvas, size);
    let (mut under_right, mut under_left) = (false, false);
    for c in centres {
        under_right |= right.contains(c);
        under_left |= left.contains(c);
        if under_right && under_left {
            break;
        }
    }
    if under_right && !under_left {
        Corner::TopLeft
    } else {
        Corner::TopRight
    }
}

/// Where a box of `size` sits in `corner` of a canvas of `canvas` pixels (screen pixels
/// from the canvas's top-left).
pub fn screen_box(corner: Corner, canvas: Point, size: Point) -> Rect {
    let x = match corner {
        Corner::TopRight => canvas.x - INSET - size.x,
        Corner::TopLeft => INSET,
    };
    Rect::new(x, INSET, size.x, size.y)
}

impl Minimap {
    /// The map of `content` (the diagram's extent) fitted into a box of `max` pixels, keeping
    /// its shape (within [`MIN_SIDE_SHARE`]). `None` when there is nothing to draw or no room.
    pub fn new(content: Rect, max: Point) -> Option<Minimap> {
        let world = content.inflate(MAP_MARGIN);
        if max.x <= 0.0 || max.y <= 0.0 || !(world.w > 0.0 && world.h > 0.0) {
            return None;
        }
        let k = (max.x / world.w).min(max.y / world.h);
        if !k.is_finite() || k <= 0.0 {
            return None;
        }
        let size = Point::new(
            (world.w * k).max(max.x * MIN_SIDE_SHARE),
            (world.h * k).max(max.y * MIN_SIDE_SHARE),
        );
        Some(Minimap {
            world,
            scale: Point::new(size.x / world.w, size.y / world.h),
            size,
        })
    }

    /// Where world point `w` is on the map.
    pub fn to_map(&self, w: Point) -> Point {
        let d = w - self.world.origin();
        Point::new(d.x * self.scale.x, d.y * self.scale.y)
    }

    /// The world point under map point `m`, kept on the map (a drag past its border keeps
    /// the view at the diagram's edge rather than flinging it into empty space).
    pub fn to_world(&self, m: Point) -> Point {
        let m = Point::new(m.x.clamp(0.0, self.size.x), m.y.clamp(0.0, self.size.y));
        self.world.origin() + Point::new(m.x / self.scale.x, m.y / self.scale.y)
    }

    /// The world rectangle `r` on the map.
    pub fn rect_to_map(&self, r: &Rect) -> Rect {
        let o = self.to_map(r.origin());
        Rect::new(o.x, o.y, r.w * self.scale.x, r.h * self.scale.y)
    }

    /// The rectangle the view shows, on the map and cut to it: where the person is. When the
    /// view is wholly off the diagram, a sliver at the nearest border says which way it is.
    pub fn view_rect(&self, view: &Viewport) -> Rect {
        let r = self.rect_to_map(&view.visible_world());
        let x0 = r.x.clamp(0.0, self.size.x);
        let y0 = r.y.clamp(0.0, self.size.y);
        let x1 = r.right().clamp(0.0, self.size.x);
        let y1 = r.bottom().clamp(0.0, self.size.y);
        // At least two pixels each way, so the outline never vanishes.
        let (x0, x1) = grow_to(x0, x1, 2.0, self.size.x);
        let (y0, y1) = grow_to(y0, y1, 2.0, self.size.y);
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

    /// The view centred on the world point under map point `m`, at the same zoom and size:
    /// what a click on the map, or each move of a drag on it, asks for.
    pub fn centred_at(&self, view: &Viewport, m: Point) -> Viewport {
        let w = self.to_world(m);
        Viewport {
            origin: w - view.size.scale(0.5 / view.zoom),
            ..*view
        }
    }

    /// One SVG path per key (a node kind) drawing every rectangle of `shapes` with that key:
    /// a thousand nodes are a handful of elements, not a thousand.
    pub fn paths<K: Ord>(
        &self,
        shapes: impl IntoIterator<Item = (K, Rect)>,
    ) -> BTreeMap<K, String> {
        let mut out: BTreeMap<K, String> = BTreeMap::new();
        for (key, r) in shapes {
            let m = self.rect_to_map(&r);
            let w = m.w.max(MIN_SHAPE);
            let h = m.h.max(MIN_SHAPE);
            let d = out.entry(key).or_default();
            d.push_str(&format!(
                "M{:.1} {:.1}h{:.1}v{:.1}h{:.1}z",
                m.x, m.y, w, h, -w
            ));
        }
        out
    }
}

/// `(lo, hi)` widened to at least `min` about its middle, kept within `[0, max]`.
fn grow_to(lo: f64, hi: f64, min: f64, max: f64) -> (f64, f64) {
    if hi - lo >= min || max < min {
        return (lo, hi);
    }
    let mid = ((lo + hi) / 2.0).clamp(min / 2.0, max - min / 2.0);
    (mid - min / 2.0, mid + min / 2.0)
}

/// How many of `centres` (world points: the nodes' centres) the view shows, of how many:
/// what the minimap's accessible name says.
pub fn shown_of(view: &Viewport, centres: impl IntoIterator<Item = Point>) -> (usize, usize) {
    let visible = view.visible_world();
    centres.into_iter().fold((0, 0), |(shown, all), c| {
        (
            shown.saturating_add(usize::from(visible.contains(c))),
            all.saturating_add(1),
        )
    })
}

/// `1051` as `1,051`: the minimap's name reads like the rest of the page's numbers.
pub fn with_thousands(n: usize) -> String {
    // Right to left: a comma before every third digit from the end.
    let mut reversed = String::new();
    for (i, ch) in n.to_string().chars().rev().enumerate() {
        if i > 0 && i.is_multiple_of(3) {
            reversed.push(',');
        }
        reversed.push(ch);
    }
    reversed.chars().rev().collect()
}

/// The minimap's accessible name: where the view is, in nodes.
pub fn describe(shown: usize, all: usize) -> String {
    let noun = if all == 1 { "node" } else { "nodes" };
    format!(
        "Minimap: the view shows {} of {} {noun}",
        with_thousands(shown),
        with_thousands(all)
    )
}

#[cfg(test)]
mod tests;
