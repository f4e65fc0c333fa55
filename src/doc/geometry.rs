//! Canvas geometry in world coordinates: points, rectangles, hit tests, grid and guide snapping.
//!
//! Everything here is a kernel (tldraw `kernels/`): plain data in, plain data out, so the UI
//! and the tool state machine ask the same questions and get the same answers.

pub mod free_spot;
pub mod grid;
pub mod labels;
pub mod layout;
pub mod minimap;
pub mod node_box;
pub mod route;
pub mod text;
pub mod viewport;

use serde::{Deserialize, Serialize};

/// The canvas grid in world pixels; nodes snap to it while dragged.
pub const GRID: f64 = 8.0;

/// How close (in world pixels) an edge of a dragged node must come to another node's line
/// before it snaps and a guide is shown.
pub const GUIDE_THRESHOLD: f64 = 6.0;

/// A point in world (canvas) coordinates, or a vector between two.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    /// A point at `(x, y)`.
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }

    /// This vector scaled by `k`.
    pub fn scale(self, k: f64) -> Point {
        Point::new(self.x * k, self.y * k)
    }

    /// Euclidean distance to `other`.
    pub fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }

    /// The nearest grid point (`grid` in world pixels; a grid of 0 leaves the point as is).
    pub fn snapped(self, grid: f64) -> Point {
        if grid <= 0.0 {
            return self;
        }
        Point::new(
            (self.x / grid).round() * grid,
            (self.y / grid).round() * grid,
        )
    }
}

impl std::ops::Add for Point {
    type Output = Point;
    fn add(self, other: Point) -> Point {
        Point::new(self.x + other.x, self.y + other.y)
    }
}

impl std::ops::Sub for Point {
    type Output = Point;
    fn sub(self, other: Point) -> Point {
        Point::new(self.x - other.x, self.y - other.y)
    }
}

/// An axis-aligned rectangle: top-left corner plus size, in world coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// A rectangle with top-left `(x, y)` and size `w` x `h`.
    pub const fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Self { x, y, w, h }
    }

    /// The rectangle spanned by two corners in any order (a marquee from its drag points).
    pub fn from_corners(a: Point, b: Point) -> Self {
        Rect::new(
            a.x.min(b.x),
            a.y.min(b.y),
            (a.x - b.x).abs(),
            (a.y - b.y).abs(),
        )
    }

    /// Top-left corner.
    pub fn origin(&self) -> Point {
        Point::new(self.x, self.y)
    }

    /// Right edge x.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// Bottom edge y.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// The centre point.
    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Whether `p` is inside or on the border.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    /// Whether `other` lies entirely inside this rectangle.
    pub fn contains_rect(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }

    /// Whether the two rectangles overlap (touching borders count).
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x <= other.right()
            && other.x <= self.right()
            && self.y <= other.bottom()
            && other.y <= self.bottom()
    }

    /// The smallest rectangle covering both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }

    /// This rectangle grown by `m` on every side (shrunk if negative).
    pub fn inflate(&self, m: f64) -> Rect {
        Rect::new(
            self.x - m,
            self.y - m,
            (self.w + 2.0 * m).max(0.0),
            (self.h + 2.0 * m).max(0.0),
        )
    }

    /// This rectangle moved by `d`.
    pub fn translate(&self, d: Point) -> Rect {
        Rect::new(self.x + d.x, self.y + d.y, self.w, self.h)
    }

    /// The smallest rectangle covering all of `rects`, or `None` when there are none.
    pub fn bounding<'a>(rects: impl IntoIterator<Item = &'a Rect>) -> Option<Rect> {
        rects.into_iter().fold(None, |acc: Option<Rect>, r| {
            Some(acc.map_or(*r, |a| a.union(r)))
        })
    }

    /// Where the ray from the centre towards `toward` leaves the border: edges start and end
    /// on node borders, not centres, so arrowheads stay visible.
    pub fn border_point_toward(&self, toward: Point) -> Point {
        let c = self.center();
        let d = toward - c;
        if d.x == 0.0 && d.y == 0.0 {
            return c;
        }
        let hw = self.w / 2.0;
        let hh = self.h / 2.0;
        let tx = if d.x == 0.0 {
            f64::INFINITY
        } else {
            hw / d.x.abs()
        };
        let ty = if d.y == 0.0 {
            f64::INFINITY
        } else {
            hh / d.y.abs()
        };
        c + d.scale(tx.min(ty))
    }
}

/// The part of segment `a`-`b` inside `r` (Liang-Barsky), or `None` when it misses `r`.
pub fn clip_segment(a: Point, b: Point, r: &Rect) -> Option<(Point, Point)> {
    let d = b - a;
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-d.x, a.x - r.x),
        (d.x, r.right() - a.x),
        (-d.y, a.y - r.y),
        (d.y, r.bottom() - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    let at = |t: f64| a + d.scale(t);
    Some((at(t0), at(t1)))
}

/// Distance from `p` to the segment `a`-`b`.
pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let ab = b - a;
    let len2 = ab.x * ab.x + ab.y * ab.y;
    if len2 == 0.0 {
        return p.distance(a);
    }
    let t = (((p.x - a.x) * ab.x + (p.y - a.y) * ab.y) / len2).clamp(0.0, 1.0);
    p.distance(a + ab.scale(t))
}

/// Distance from `p` to a polyline (infinite when it has no points).
pub fn distance_to_polyline(p: Point, points: &[Point]) -> f64 {
    match points {
        [] => f64::INFINITY,
        [only] => p.distance(*only),
        _ => points
            .windows(2)
            .filter_map(|w| match w {
                [a, b] => Some(distance_to_segment(p, *a, *b)),
                _ => None,
            })
            .fold(f64::INFINITY, f64::min),
    }
}

/// The topmost item whose rectangle contains `p`. Items are in paint order (last is on top),
/// so a user drawn over a frame wins over the frame.
pub fn item_at<K: Clone>(p: Point, items: &[(K, Rect)]) -> Option<K> {
    items
        .iter()
        .rev()
        .find(|(_, r)| r.contains(p))
        .map(|(k, _)| k.clone())
}

/// The nearest polyline within `tolerance` of `p` (ties go to the later, topmost one).
pub fn polyline_at<K: Clone>(p: Point, lines: &[(K, Vec<Point>)], tolerance: f64) -> Option<K> {
    let mut best: Option<(f64, &K)> = None;
    for (k, pts) in lines {
        let d = distance_to_polyline(p, pts);
        if d <= tolerance && best.is_none_or(|(bd, _)| d <= bd) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k.clone())
}

/// Items whose rectangles lie entirely inside the marquee (Excalidraw's rule: a half-covered
/// node is not selected, so a sweep across a frame does not grab the frame).
pub fn items_in_marquee<K: Clone>(marquee: &Rect, items: &[(K, Rect)]) -> Vec<K> {
    items
        .iter()
        .filter(|(_, r)| marquee.contains_rect(r))
        .map(|(k, _)| k.clone())
        .collect()
}

/// The innermost frame containing `p`: the smallest by area, so nested frames (an account
/// inside an organization) resolve to the account.
pub fn frame_at<K: Clone>(p: Point, frames: &[(K, Rect)]) -> Option<K> {
    frames
        .iter()
        .filter(|(_, r)| r.contains(p))
        .min_by(|(_, a), (_, b)| (a.w * a.h).total_cmp(&(b.w * b.h)))
        .map(|(k, _)| k.clone())
}

/// Which way an alignment guide runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GuideAxis {
    /// A vertical line at `x = at` (left edges, centres or right edges line up).
    Vertical,
    /// A horizontal line at `y = at`.
    Horizontal,
}

/// A line the UI draws while dragging to show what the dragged nodes snapped to.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Guide {
    pub axis: GuideAxis,
    /// The x of a vertical guide, the y of a horizontal one.
    pub at: f64,
    /// Where the line starts and ends along its axis, covering both aligned rectangles.
    pub from: f64,
    pub to: f64,
}

/// The outcome of snapping a dragged rectangle: the corrected offset and the guides to draw.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snap {
    /// The offset to add to the raw drag delta.
    pub correction: Point,
    pub guides: Vec<Guide>,
}

fn lines_x(r: &Rect) -> [f64; 3] {
    [r.x, r.center().x, r.right()]
}

fn lines_y(r: &Rect) -> [f64; 3] {
    [r.y, r.center().y, r.bottom()]
}

/// Snaps `moving` to the left/centre/right and top/middle/bottom lines of `others` when one
/// comes within `threshold`; otherwise to the grid. Guides win over the grid because lining
/// nodes up is what the user is visibly doing.
pub fn snap_rect(moving: &Rect, others: &[Rect], threshold: f64, grid: f64) -> Snap {
    let best_x = best_line(&lines_x(moving), others.iter().map(lines_x), threshold);
    let best_y = best_line(&lines_y(moving), others.iter().map(lines_y), threshold);
    let grid_fix = moving.origin().snapped(grid) - moving.origin();
    let correction = Point::new(
        best_x.map_or(grid_fix.x, |(d, _)| d),
        best_y.map_or(grid_fix.y, |(d, _)| d),
    );
    let snapped = moving.translate(correction);
    let mut guides = Vec::new();
    if let Some((_, at)) = best_x {
        let (from, to) = span(
            &snapped,
            others,
            |r| lines_x(r).iter().any(|l| (l - at).abs() < 1e-6),
            true,
        );
        guides.push(Guide {
            axis: GuideAxis::Vertical,
            at,
            from,
            to,
        });
    }
    if let Some((_, at)) = best_y {
        let (from, to) = span(
            &snapped,
            others,
            |r| lines_y(r).iter().any(|l| (l - at).abs() < 1e-6),
            false,
        );
        guides.push(Guide {
            axis: GuideAxis::Horizontal,
            at,
            from,
            to,
        });
    }
    Snap { correction, guides }
}

/// The smallest correction (and the line snapped to) that brings one of `mine` onto a line of
/// another rectangle, within `threshold`.
fn best_line(
    mine: &[f64; 3],
    others: impl Iterator<Item = [f64; 3]>,
    threshold: f64,
) -> Option<(f64, f64)> {
    let mut best: Option<(f64, f64)> = None;
    for theirs in others {
        for t in theirs {
            for m in mine {
                let d = t - m;
                if d.abs() <= threshold && best.is_none_or(|(bd, _)| d.abs() < bd.abs()) {
                    best = Some((d, t));
                }
            }
        }
    }
    best
}

/// The extent along the guide covering the snapped rectangle and every rectangle on the line.
fn span(
    snapped: &Rect,
    others: &[Rect],
    on_line: impl Fn(&Rect) -> bool,
    vertical: bool,
) -> (f64, f64) {
    let ext = |r: &Rect| {
        if vertical {
            (r.y, r.bottom())
        } else {
            (r.x, r.right())
        }
    };
    others
        .iter()
        .filter(|r| on_line(r))
        .map(ext)
        .fold(ext(snapped), |(a, b), (c, d)| (a.min(c), b.max(d)))
}

#[cfg(test)]
mod tests;
