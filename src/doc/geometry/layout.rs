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

/// Lays out `input` starting at `origin`.
pub fn auto_layout<K: Clone>(input: &LayoutInput<K>, origin: Point) -> LayoutPlan<K> {
    let mut plan = LayoutPlan {
        frames: Vec::new(),
        nodes: Vec::new(),
    };
    let mut x = origin.x;
    if !input.outside.is_empty() {
        let mut y = origin.y + FRAME_HEADER;
        for k in &input.outside {
            plan.nodes
                .push((k.clone(), Rect::new(x, y, NODE_W, NODE_H)));
            y += NODE_H + GAP;
        }
        x += NODE_W + FRAME_GAP;
    }
    for block in &input.accounts {
        let frame = lay_out_block(block, Point::new(x, origin.y), &mut plan.nodes);
        x = frame.right() + FRAME_GAP;
        plan.frames.push((block.frame.clone(), frame));
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

/// Places a block's columns side by side, each member in its row. A column longer than
/// [`MAX_PER_COLUMN`] wraps into more columns instead, top to bottom, rows ignored: a big
/// world gets a compact frame rather than straight edges.
fn lay_out_block<K: Clone>(block: &AccountBlock<K>, at: Point, out: &mut Vec<(K, Rect)>) -> Rect {
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
    let rows = lines
        .iter()
        .flat_map(|l| l.iter().map(|(_, r)| r.saturating_add(1)))
        .max()
        .unwrap_or(1);
    let size = frame_size(lines.len(), rows);
    let top = at.y + FRAME_HEADER + FRAME_PAD;
    let mut x = at.x + FRAME_PAD;
    for line in lines {
        for (k, row) in line {
            let y = top + row as f64 * (NODE_H + GAP);
            out.push((k, Rect::new(x, y, NODE_W, NODE_H)));
        }
        x += NODE_W + COLUMN_GAP;
    }
    Rect::new(at.x, at.y, size.x, size.y)
}
