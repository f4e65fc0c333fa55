//! Where chips and edge labels go: the first free spot among a few near what they belong
//! to, never on a node, another label, a frame's title bar or an edge they do not label.
//!
//! A kernel in the tldraw sense: the caller proposes candidate spots in order of
//! preference, this picks. When every spot is taken (a crowded hand-made drawing), the spot
//! with the fewest conflicts wins, so a label still shows near its owner.

use super::grid::Grid;
use super::{Point, Rect};

/// Space kept between a label and what it must not touch.
pub const CLEARANCE: f64 = 2.0;

/// What labels must keep clear of.
#[derive(Debug, Clone, Default)]
pub struct Obstacles<'e> {
    /// Ordinary nodes.
    pub nodes: Vec<Rect>,
    /// Frame title bars (the account id and alias are printed there).
    pub headers: Vec<Rect>,
    /// Frames: a label is either wholly inside a frame or wholly outside it, never across
    /// its border.
    pub frames: Vec<Rect>,
    /// Edge polylines; a label may sit on its own edge only.
    /// Borrowed from the scene: a drag re-placing a few chips copies no route.
    pub edges: Vec<&'e [Point]>,
}

/// One label (or a block of chips placed together) to place.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRequest {
    pub size: Point,
    /// Top-left corners to try, best first.
    pub candidates: Vec<Point>,
    /// The index in [`Obstacles::edges`] of the edge this labels, which it may cover.
    pub own_edge: Option<usize>,
    /// The frame the label belongs inside (its node's account).
    pub home: Option<Rect>,
}

/// Whether segment `a`-`b` touches `r`.
pub fn segment_hits_rect(a: Point, b: Point, r: &Rect) -> bool {
    super::clip_segment(a, b, r).is_some()
}

/// Whether a polyline touches `r`.
pub fn polyline_hits_rect(points: &[Point], r: &Rect) -> bool {
    match points {
        [only] => r.contains(*only),
        _ => points.windows(2).any(|w| match w {
            [a, b] => segment_hits_rect(*a, *b, r),
            _ => false,
        }),
    }
}

/// The obstacles filed in grids, and the labels placed so far.
struct Index<'a> {
    obstacles: &'a Obstacles<'a>,
    nodes: Grid,
    edges: Grid,
    placed: Vec<Rect>,
    placed_grid: Grid,
}

impl<'a> Index<'a> {
    /// Files the obstacles that touch `region` (where every candidate spot lies): nothing
    /// outside it can conflict with a spot, and a drag re-placing a few chips then files a
    /// few dozen obstacles instead of the whole account.
    fn new(obstacles: &'a Obstacles<'a>, region: &Rect) -> Self {
        let region = region.inflate(CLEARANCE + 1.0);
        let mut nodes = Grid::new();
        for (i, n) in obstacles.nodes.iter().enumerate() {
            if n.intersects(&region) {
                nodes.insert(i, n);
            }
        }
        let mut edges = Grid::new();
        for (i, e) in obstacles.edges.iter().enumerate() {
            if !polyline_hits_rect(e, &region) {
                continue;
            }
            match *e {
                [only] => edges.insert(i, &Rect::new(only.x, only.y, 0.0, 0.0)),
                pts => {
                    for w in pts.windows(2) {
                        if let [a, b] = w {
                            edges.insert_segment_within(i, *a, *b, &region);
                        }
                    }
                }
            }
        }
        Index {
            obstacles,
            nodes,
            edges,
            placed: Vec::new(),
            placed_grid: Grid::new(),
        }
    }

    fn place(&mut self, r: Rect) {
        self.placed_grid.insert(self.placed.len(), &r);
        self.placed.push(r);
    }

    /// How many things `r` would collide with (the grids only narrow down whom to ask),
    /// counted only up to `enough`: a spot that meets `enough` things already loses to the
    /// best spot so far, so the edges it crosses need not all be tested (a spot in a
    /// corridor of an imported account's trust edges meets hundreds). The count is exact
    /// below `enough`, and at least `enough` otherwise.
    fn conflicts(&mut self, r: &Rect, req: &LabelRequest, enough: usize) -> usize {
        let padded = r.inflate(CLEARANCE);
        let o = self.obstacles;
        let mut nodes = 0usize;
        self.nodes.near_each(&padded, |i| {
            if o.nodes.get(i).is_some_and(|n| n.intersects(&padded)) {
                nodes = nodes.saturating_add(1);
            }
            true
        });
        let headers = o.headers.iter().filter(|h| h.intersects(r)).count();
        let frames = o
            .frames
            .iter()
            .filter(|f| f.intersects(r) && !f.contains_rect(r))
            .count();
        let placed = &self.placed;
        let mut labels = 0usize;
        self.placed_grid.near_each(&padded, |i| {
            if placed.get(i).is_some_and(|p| p.intersects(&padded)) {
                labels = labels.saturating_add(1);
            }
            true
        });
        let homeless = req.home.is_some_and(|h| !h.contains_rect(r));
        // A label on a node hides its name; an edge under a label still shows either side.
        // Where every spot crosses something (a cluster's fan of edges), one crossing edges wins.
        let nodes = nodes.saturating_mul(NODE_WEIGHT);
        let mut total = [nodes, headers, frames, labels, usize::from(homeless)]
            .iter()
            .fold(0usize, |a, b| a.saturating_add(*b));
        if total >= enough {
            return total;
        }
        self.edges.near_each(r, |i| {
            if Some(i) != req.own_edge && o.edges.get(i).is_some_and(|e| polyline_hits_rect(e, r)) {
                total = total.saturating_add(1);
            }
            total < enough
        });
        total
    }
}

/// How many edge crossings covering one node counts as.
const NODE_WEIGHT: usize = 8;

/// Places every request in order, each keeping clear of the obstacles and of the labels
/// placed before it. Returns one rectangle per request.
pub fn place_labels(requests: &[LabelRequest], obstacles: &Obstacles<'_>) -> Vec<Rect> {
    place_labels_among(requests, obstacles, &[])
}

/// [`place_labels`] around labels already placed (`kept`), which count as placed before
/// every request. Returns one rectangle per request.
pub fn place_labels_among(
    requests: &[LabelRequest],
    obstacles: &Obstacles<'_>,
    kept: &[Rect],
) -> Vec<Rect> {
    let spots = requests.iter().flat_map(|req| {
        req.candidates
            .iter()
            .map(|c| Rect::new(c.x, c.y, req.size.x, req.size.y))
    });
    let region = spots.reduce(|a, b| a.union(&b)).unwrap_or_default();
    let mut index = Index::new(obstacles, &region);
    for r in kept {
        if r.intersects(&region.inflate(CLEARANCE + 1.0)) {
            index.place(*r);
        } else {
            // Kept in the list (the result skips the kept ones by count), not in the grid.
            index.placed.push(*r);
        }
    }
    for req in requests {
        let mut best: Option<(usize, Rect)> = None;
        for c in &req.candidates {
            let r = Rect::new(c.x, c.y, req.size.x, req.size.y);
            let n = index.conflicts(&r, req, best.map_or(usize::MAX, |(b, _)| b));
            if best.is_none_or(|(b, _)| n < b) {
                best = Some((n, r));
            }
            if n == 0 {
                break;
            }
        }
        let fallback = Rect::new(0.0, 0.0, req.size.x, req.size.y);
        index.place(best.map_or(fallback, |(_, r)| r));
    }
    index.placed.split_off(kept.len().min(index.placed.len()))
}

/// The point at fraction `t` (0 to 1) of a polyline's length.
pub fn point_along(points: &[Point], t: f64) -> Option<Point> {
    let segs: Vec<(Point, Point, f64)> = points
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((*a, *b, a.distance(*b))),
            _ => None,
        })
        .collect();
    let total: f64 = segs.iter().map(|s| s.2).sum();
    let mut left = total * t.clamp(0.0, 1.0);
    for (a, b, len) in &segs {
        if left <= *len && *len > 0.0 {
            return Some(*a + (*b - *a).scale(left / len));
        }
        left -= len;
    }
    points.last().copied()
}
