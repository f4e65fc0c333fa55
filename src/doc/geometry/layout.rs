//! Automatic layout for imported or generated worlds: account frames in columns, their
//! members in rows inside, everything that lives outside any account in a column on the left.

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
/// A row wraps after this many nodes, so a frame with thirty users stays readable.
pub const MAX_PER_ROW: usize = 4;

/// One account frame to lay out and its members, row by row (say users, then groups, then
/// roles, then services and resources). Empty rows take no space.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountBlock<K> {
    pub frame: K,
    pub rows: Vec<Vec<K>>,
}

/// Everything to lay out.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutInput<K> {
    pub accounts: Vec<AccountBlock<K>>,
    /// Nodes outside every account: service principals, identity providers, outside actors.
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

/// The size a frame needs for `rows`, used by auto layout and when a node is dropped in.
pub fn frame_size(rows: &[usize]) -> Point {
    let lines: Vec<usize> = rows
        .iter()
        .filter(|n| **n > 0)
        .flat_map(|n| wrapped(*n))
        .collect();
    let widest = lines.iter().copied().max().unwrap_or(0).max(2);
    let w = 2.0 * FRAME_PAD + widest as f64 * NODE_W + (widest.saturating_sub(1)) as f64 * GAP;
    let h = FRAME_HEADER + 2.0 * FRAME_PAD + lines.len().max(1) as f64 * (NODE_H + GAP) - GAP;
    Point::new(w, h)
}

/// How a row of `n` nodes wraps into lines of at most [`MAX_PER_ROW`].
fn wrapped(n: usize) -> Vec<usize> {
    let mut lines = vec![MAX_PER_ROW; n / MAX_PER_ROW];
    if !n.is_multiple_of(MAX_PER_ROW) {
        lines.push(n % MAX_PER_ROW);
    }
    lines
}

fn lay_out_block<K: Clone>(block: &AccountBlock<K>, at: Point, out: &mut Vec<(K, Rect)>) -> Rect {
    let counts: Vec<usize> = block.rows.iter().map(Vec::len).collect();
    let size = frame_size(&counts);
    let mut y = at.y + FRAME_HEADER + FRAME_PAD;
    for row in block.rows.iter().filter(|r| !r.is_empty()) {
        for line in row.chunks(MAX_PER_ROW) {
            let mut x = at.x + FRAME_PAD;
            for k in line {
                out.push((k.clone(), Rect::new(x, y, NODE_W, NODE_H)));
                x += NODE_W + GAP;
            }
            y += NODE_H + GAP;
        }
    }
    Rect::new(at.x, at.y, size.x, size.y)
}
