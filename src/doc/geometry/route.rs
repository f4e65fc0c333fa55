//! Edge routing: the polyline from one node's border to another's, and where its badge sits.

use super::layout::FRAME_HEADER;
use super::{Point, Rect};
use serde::{Deserialize, Serialize};

/// How an edge is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum RouteStyle {
    /// One segment from border to border, aimed at the other node's centre.
    #[default]
    Straight,
    /// Horizontal and vertical segments with one bend pair (an elbow), from side midpoints.
    Orthogonal,
}

/// A routed edge: the points to draw, the midpoint where condition badges go, and the
/// direction of the last segment (radians) for the arrowhead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Route {
    pub points: Vec<Point>,
    pub mid: Point,
    pub end_angle: f64,
}

/// Routes an edge from `from` to `to`. An edge from a node to itself (a role that trusts
/// itself) becomes a small loop off the top-right corner so it stays visible and clickable.
pub fn route(from: &Rect, to: &Rect, style: RouteStyle) -> Route {
    let points = if from == to {
        self_loop(from)
    } else {
        match style {
            RouteStyle::Straight => {
                vec![
                    from.border_point_toward(to.center()),
                    to.border_point_toward(from.center()),
                ]
            }
            RouteStyle::Orthogonal => elbow(from, to),
        }
    };
    finish(points)
}

/// A frame's title: the account or organization (13 px bold, baseline 25) and, when there is
/// one, its alias or detail (11 px, baseline 42), from `x = 42` (`FrameShape` in
/// `src/ui/canvas.rs`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrameTitle {
    /// Where the longer of the lines ends, from the frame's left.
    pub right: f64,
    /// Whether the second line is drawn.
    pub two_lines: bool,
}

impl FrameTitle {
    /// The title of a frame labelled `label` with the detail line `detail` (empty: none).
    pub fn of(label: &str, detail: &str) -> FrameTitle {
        let first = super::text::text_width(label, 13.0);
        let second = super::text::text_width(detail, 11.0);
        FrameTitle {
            right: 42.0 + first.max(second),
            two_lines: !detail.is_empty(),
        }
    }

    /// Where its lines end, from the frame's top, with descenders.
    pub fn bottom(self) -> f64 {
        if self.two_lines {
            46.0
        } else {
            30.0
        }
    }
}

/// An edge from a frame to a node inside it (an account trusting its own role): an arrow
/// down from the frame's title bar into the node. Beside the title it starts in the bar;
/// under the title's words it starts below them, so it never strikes through the account's
/// id or alias. A straight route from the frame's centre would be a stub between the node
/// and the nearest border, its badge on the border.
pub fn route_from_title_bar(frame: &Rect, title: FrameTitle, to: &Rect) -> Route {
    let x = to.center().x;
    let under_words = x <= frame.x + title.right + 6.0;
    let start = if under_words {
        (frame.y + title.bottom()).min(to.y - 12.0)
    } else {
        frame.y + FRAME_HEADER / 2.0 + 4.0
    };
    finish(vec![Point::new(x, start), Point::new(x, to.y)])
}

/// A straight preview line from a node's border to a free point (the pointer while
/// connecting).
pub fn route_to_point(from: &Rect, to: Point) -> Route {
    finish(vec![from.border_point_toward(to), to])
}

fn self_loop(r: &Rect) -> Vec<Point> {
    let s = 24.0;
    let a = Point::new(r.right() - s, r.y);
    let b = Point::new(r.right(), r.y + s);
    vec![
        a,
        Point::new(a.x, r.y - s),
        Point::new(r.right() + s, r.y - s),
        Point::new(r.right() + s, b.y),
        b,
    ]
}

fn elbow(from: &Rect, to: &Rect) -> Vec<Point> {
    let (fc, tc) = (from.center(), to.center());
    let dx = tc.x - fc.x;
    let dy = tc.y - fc.y;
    if dx.abs() >= dy.abs() {
        let (sx, ex) = if dx >= 0.0 {
            (from.right(), to.x)
        } else {
            (from.x, to.right())
        };
        let mx = (sx + ex) / 2.0;
        dedup(vec![
            Point::new(sx, fc.y),
            Point::new(mx, fc.y),
            Point::new(mx, tc.y),
            Point::new(ex, tc.y),
        ])
    } else {
        let (sy, ey) = if dy >= 0.0 {
            (from.bottom(), to.y)
        } else {
            (from.y, to.bottom())
        };
        let my = (sy + ey) / 2.0;
        dedup(vec![
            Point::new(fc.x, sy),
            Point::new(fc.x, my),
            Point::new(tc.x, my),
            Point::new(tc.x, ey),
        ])
    }
}

/// Drops repeated points so an aligned elbow is a single straight segment.
fn dedup(mut pts: Vec<Point>) -> Vec<Point> {
    pts.dedup_by(|a, b| a.distance(*b) < 1e-9);
    pts
}

fn finish(points: Vec<Point>) -> Route {
    let mid = point_at_half_length(&points);
    let end_angle = match points.as_slice() {
        [.., a, b] => (b.y - a.y).atan2(b.x - a.x),
        _ => 0.0,
    };
    Route {
        points,
        mid,
        end_angle,
    }
}

/// The point halfway along the polyline by length (where a badge reads as "on" the edge).
pub fn point_at_half_length(points: &[Point]) -> Point {
    let total: f64 = points.windows(2).map(seg_len).sum();
    let mut left = total / 2.0;
    for w in points.windows(2) {
        if let [a, b] = w {
            let l = a.distance(*b);
            if left <= l && l > 0.0 {
                return *a + (*b - *a).scale(left / l);
            }
            left -= l;
        }
    }
    points.first().copied().unwrap_or_default()
}

fn seg_len(w: &[Point]) -> f64 {
    match w {
        [a, b] => a.distance(*b),
        _ => 0.0,
    }
}
