//! A bucket grid over rectangles: which items might touch a rectangle, without testing all.
//!
//! Placing a thousand chips in an imported account tests each spot against every node, edge
//! and chip already placed; the grid narrows that to the few in the same cells. It only
//! proposes: callers still run their exact test, so the answers are the same as a full scan.

use super::{Point, Rect};
use std::collections::HashMap;

/// Cell size in world pixels: about two nodes wide, so a chip spot touches a handful of cells.
const CELL: f64 = 256.0;
/// An item spanning more cells than this (a very long diagonal edge, a stray coordinate far
/// away) is kept in a list every query returns, so a huge item never costs a huge loop.
const MAX_CELLS: i64 = 1024;

/// Items (by index) bucketed by the cells their rectangles cover.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    cells: HashMap<(i64, i64), Vec<usize>>,
    everywhere: Vec<usize>,
    /// Per item, the query that last returned it, so each query returns an item once.
    seen: Vec<u32>,
    query: u32,
}

/// The cell range a rectangle covers, borders included (touching counts as meeting), with
/// min and max taken so a rectangle of negative size is covered too.
fn span(r: &Rect) -> ((i64, i64), (i64, i64)) {
    let cell = |v: f64| (v / CELL).floor() as i64; // `as` saturates; NaN becomes 0
    let (x0, x1) = (r.x.min(r.x + r.w), r.x.max(r.x + r.w));
    let (y0, y1) = (r.y.min(r.y + r.h), r.y.max(r.y + r.h));
    ((cell(x0), cell(x1)), (cell(y0), cell(y1)))
}

fn too_big(((x0, x1), (y0, y1)): ((i64, i64), (i64, i64))) -> bool {
    let w = x1.saturating_sub(x0).saturating_add(1);
    let h = y1.saturating_sub(y0).saturating_add(1);
    w.saturating_mul(h) > MAX_CELLS
}

impl Grid {
    /// An empty grid.
    pub fn new() -> Self {
        Self::default()
    }

    /// Files item `item` under every cell `r` covers. An item may be inserted with several
    /// rectangles (an edge, one per segment).
    pub fn insert(&mut self, item: usize, r: &Rect) {
        if self.seen.len() <= item {
            self.seen.resize(item.saturating_add(1), 0);
        }
        let s = span(r);
        if too_big(s) {
            if !self.everywhere.contains(&item) {
                self.everywhere.push(item);
            }
            return;
        }
        let ((x0, x1), (y0, y1)) = s;
        for cx in x0..=x1 {
            for cy in y0..=y1 {
                let bucket = self.cells.entry((cx, cy)).or_default();
                if bucket.last() != Some(&item) {
                    bucket.push(item);
                }
            }
        }
    }

    /// Files item `item` under the cells segment `a`-`b` passes through (a long diagonal
    /// edge crosses a few cells of its bounding box, not all of them). A pixel of slack on
    /// every side keeps rounding from dropping a cell the segment only grazes.
    pub fn insert_segment(&mut self, item: usize, a: Point, b: Point) {
        let (lo, hi) = if a.x <= b.x { (a, b) } else { (b, a) };
        let bbox = Rect::new(lo.x, a.y.min(b.y), hi.x - lo.x, (a.y - b.y).abs()).inflate(1.0);
        let ((x0, x1), (y0, y1)) = span(&bbox);
        let steep = x1.saturating_sub(x0).saturating_add(1);
        let tall = y1.saturating_sub(y0).saturating_add(1);
        let runs_right = hi.x.partial_cmp(&lo.x) == Some(std::cmp::Ordering::Greater);
        if steep.saturating_add(tall) > MAX_CELLS || steep <= 1 || !runs_right {
            // Short, vertical, huge or not a number: its bounding box is good enough.
            self.insert(item, &bbox);
            return;
        }
        let slope = (hi.y - lo.y) / (hi.x - lo.x);
        let y_at = |x: f64| lo.y + (x.clamp(lo.x, hi.x) - lo.x) * slope;
        for cx in x0..=x1 {
            let left = cx as f64 * CELL - 1.0;
            let right = (cx as f64 + 1.0) * CELL + 1.0;
            let (ya, yb) = (y_at(left), y_at(right));
            let column = Rect::new(left, ya.min(yb), right - left, (ya - yb).abs()).inflate(1.0);
            let ((_, _), (cy0, cy1)) = span(&column);
            for cy in cy0.max(y0)..=cy1.min(y1) {
                let bucket = self.cells.entry((cx, cy)).or_default();
                if bucket.last() != Some(&item) {
                    bucket.push(item);
                }
            }
        }
        if self.seen.len() <= item {
            self.seen.resize(item.saturating_add(1), 0);
        }
    }

    /// Files the part of segment `a`-`b` inside `within` (nothing if it misses it), for a
    /// grid only ever asked about rectangles inside `within`: an edge running across a whole
    /// account then costs the few cells where the question is, not every cell it crosses.
    pub fn insert_segment_within(&mut self, item: usize, a: Point, b: Point, within: &Rect) {
        if let Some((a, b)) = super::clip_segment(a, b, &within.inflate(1.0)) {
            self.insert_segment(item, a, b);
        }
    }

    /// Every item whose rectangles share a cell with `r` (each once), a superset of those
    /// that touch it.
    pub fn near(&mut self, r: &Rect) -> Vec<usize> {
        let mut out = Vec::new();
        self.near_each(r, |i| {
            out.push(i);
            true
        });
        out
    }

    /// [`Grid::near`], each item handed to `visit` as it is found, until `visit` returns
    /// false: a caller that has seen enough stops there, and nothing is collected.
    pub fn near_each(&mut self, r: &Rect, mut visit: impl FnMut(usize) -> bool) {
        self.query = self.query.wrapping_add(1);
        if self.query == 0 {
            // After four billion queries the stamps start over.
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.query = 1;
        }
        let q = self.query;
        let seen = &mut self.seen;
        // True to go on.
        let mut take = |i: usize| match seen.get_mut(i) {
            Some(s) if *s != q => {
                *s = q;
                visit(i)
            }
            _ => true,
        };
        for i in &self.everywhere {
            if !take(*i) {
                return;
            }
        }
        let s = span(r);
        if too_big(s) {
            // A query as big as the world: every filed item.
            for bucket in self.cells.values() {
                for i in bucket {
                    if !take(*i) {
                        return;
                    }
                }
            }
            return;
        }
        let ((x0, x1), (y0, y1)) = s;
        for cx in x0..=x1 {
            for cy in y0..=y1 {
                if let Some(bucket) = self.cells.get(&(cx, cy)) {
                    for i in bucket {
                        if !take(*i) {
                            return;
                        }
                    }
                }
            }
        }
    }
}
