//! Automatic layout for imported or generated worlds: account frames side by side, their
//! members in columns inside (who calls, then roles, then resources: access reads left to
//! right), everything that lives outside any account in a column on the left.

use super::{Point, Rect};

/// Size of an ordinary node (user, role, service...).
pub const NODE_W: f64 = 160.0;
pub const NODE_H: f64 = 56.0;
/// Space between nodes in a row and between rows.
pub const GAP: f64 = 32.0;
/// Inner padding of an account frame, and the height of its title bar.
pub const FRAME_PAD: f64 = 24.0;
pub const FRAME_HEADER: f64 = 40.0;
/// Space between account frames.
pub const FRAME_GAP: f64 = 96.0;
/// Space between columns inside a frame: room for an edge's condition badge and for the
/// chips under a node, which can be wider than the node.
pub const COLUMN_GAP: f64 = 72.0;
/// Extra room under the last row for the chips drawn beneath nodes (a second line of them).
pub const CHIP_ROOM: f64 = 24.0;
/// A column wraps after this many nodes, so a frame with thirty users stays readable.
pub const MAX_PER_COLUMN: usize = 5;

/// One account frame to lay out and its members, column by column from left to right (say
/// groups, then who calls, then roles, then resources), so a diagram reads the way access
/// flows. Each member comes with the row it should sit in, so a role can sit level with the
/// user that assumes it and the edge between them runs straight. Empty columns take no space.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountBlock<K> {
    pub frame: K,
    pub columns: Vec<Vec<(K, usize)>>,
}

/// Everything to lay out.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutInput<K> {
    pub accounts: Vec<AccountBlock<K>>,
    /// Nodes outside every account: outside actors, in a column on the left.
    pub outside: Vec<K>,
}

/// Where everything goes: a plan, applied by the caller as one command.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutPlan<K> {
    pub frames: Vec<(K, Rect)>,
    pub nodes: Vec<(K, Rect)>,
}

/// Columns of members, each with its row.
type Lines<K> = Vec<Vec<(K, usize)>>;

/// Lays out `input` starting at `origin`, every node the standard size.
pub fn auto_layout<K: Clone>(input: &LayoutInput<K>, origin: Point) -> LayoutPlan<K> {
    auto_layout_sized(input, origin, |_| (Point::new(NODE_W, NODE_H), 0.0))
}

/// Lays out `input` starting at `origin`; `size` gives each node's size (nodes widen for
/// long names) and the height of the chips drawn under it. Columns are as wide as their
/// widest node; rows (shared by every frame, so a row means the same height everywhere) as
/// tall as their tallest node with its chips.
pub fn auto_layout_sized<K: Clone>(
    input: &LayoutInput<K>,
    origin: Point,
    size: impl Fn(&K) -> (Point, f64),
) -> LayoutPlan<K> {
    let mut plan = LayoutPlan {
        frames: Vec::new(),
        nodes: Vec::new(),
    };
    let blocks: Vec<(K, Lines<K>)> = input
        .accounts
        .iter()
        .map(|b| (b.frame.clone(), lines_of(b)))
        .collect();
    let mut row_h: Vec<f64> = Vec::new();
    let mut grow = |row: usize, h: f64| {
        if row_h.len() <= row {
            row_h.resize(row.saturating_add(1), NODE_H);
        }
        if let Some(r) = row_h.get_mut(row) {
            *r = r.max(h);
        }
    };
    let outside = input.outside.iter().enumerate();
    for (row, k) in outside.clone() {
        let (s, chips) = size(k);
        grow(row, s.y + chips);
    }
    for (_, lines) in &blocks {
        for (k, row) in lines.iter().flatten() {
            let (s, chips) = size(k);
            grow(*row, s.y + chips);
        }
    }
    let row_y = |row: usize| -> f64 {
        row_h.iter().take(row).map(|h| h + GAP).sum::<f64>()
            + row.saturating_sub(row_h.len()) as f64 * (NODE_H + GAP)
    };
    let mut x = origin.x;
    if !input.outside.is_empty() {
        let mut widest = NODE_W;
        for (row, k) in outside {
            let s = size(k).0;
            widest = widest.max(s.x);
            let y = origin.y + FRAME_HEADER + row_y(row);
            plan.nodes.push((k.clone(), Rect::new(x, y, s.x, s.y)));
        }
        x += widest + FRAME_GAP;
    }
    for (frame_id, lines) in blocks {
        let top = origin.y + FRAME_HEADER + FRAME_PAD;
        let mut cx = x + FRAME_PAD;
        let mut bottom = top;
        for line in &lines {
            let mut widest = NODE_W;
            for (k, row) in line {
                let (s, chips) = size(k);
                widest = widest.max(s.x);
                let y = top + row_y(*row);
                bottom = bottom.max(y + s.y + chips);
                plan.nodes.push((k.clone(), Rect::new(cx, y, s.x, s.y)));
            }
            cx += widest + COLUMN_GAP;
        }
        let least = frame_size(lines.len(), 1);
        let w = (cx - COLUMN_GAP + FRAME_PAD - x).max(least.x);
        let h = (bottom + FRAME_PAD + CHIP_ROOM - origin.y).max(least.y);
        let frame = Rect::new(x, origin.y, w, h);
        x = frame.right() + FRAME_GAP;
        plan.frames.push((frame_id, frame));
    }
    plan
}

/// The size of a frame holding `columns` columns of `rows` rows; never less than two nodes
/// wide and one high (an empty frame, room to drop the first members in).
pub fn frame_size(columns: usize, rows: usize) -> Point {
    let (cols, rows) = (columns.max(2), rows.max(1));
    let w = 2.0 * FRAME_PAD + cols as f64 * NODE_W + cols.saturating_sub(1) as f64 * COLUMN_GAP;
    let h = FRAME_HEADER + 2.0 * FRAME_PAD + CHIP_ROOM + rows as f64 * (NODE_H + GAP) - GAP;
    Point::new(w, h)
}

/// A block's non-empty columns, each member with its row. A column longer than
/// [`MAX_PER_COLUMN`] wraps into more columns instead, top to bottom, rows ignored: a big
/// world gets a compact frame rather than straight edges.
fn lines_of<K: Clone>(block: &AccountBlock<K>) -> Lines<K> {
    let columns: Vec<&Vec<(K, usize)>> = block.columns.iter().filter(|c| !c.is_empty()).collect();
    let wrap = columns.iter().any(|c| c.len() > MAX_PER_COLUMN);
    let mut lines: Vec<Vec<(K, usize)>> = Vec::new();
    for column in columns {
        if wrap {
            for chunk in column.chunks(MAX_PER_COLUMN) {
                lines.push(
                    chunk
                        .iter()
                        .enumerate()
                        .map(|(row, (k, _))| (k.clone(), row))
                        .collect(),
                );
            }
        } else {
            lines.push(column.clone());
        }
    }
    lines
}
