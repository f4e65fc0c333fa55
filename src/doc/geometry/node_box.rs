//! The size of an ordinary node: wide enough for its whole name, wrapped onto more lines
//! past a sensible width, so no name is ever cut with "…" in a diagram someone reads.

use super::layout::{NODE_H, NODE_W};
use super::text::{text_width, wrap};
use super::{Point, GRID};

/// Font size of the name (`.node .name` in `app.css`), in world pixels.
pub const NAME_PX: f64 = 14.0;
/// Font size of the kind line above the name (`.node .sub`).
pub const NOUN_PX: f64 = 11.0;
/// Where the text starts: right of the 24 px icon at x 12.
pub const TEXT_X: f64 = 40.0;
/// Room kept right of the text: the connection handle straddles the right border.
pub const TEXT_RIGHT: f64 = 14.0;
/// Nodes grow up to this width, then the name wraps: wider nodes would crowd the columns.
pub const MAX_NODE_W: f64 = 264.0;
/// Baseline of the first name line and the distance between name lines.
pub const NAME_Y: f64 = 41.0;
pub const NAME_LINE: f64 = 18.0;
/// A name longer than this many lines (a 255-character OIDC URL) ends its last line with
/// "…"; the whole name stays in the tooltip and the accessible name.
pub const MAX_NAME_LINES: usize = 4;

/// A node's size and its name broken into the lines drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeBox {
    pub size: Point,
    pub lines: Vec<String>,
}

/// The most characters of a name that are measured and wrapped: far more than
/// [`MAX_NAME_LINES`] lines can show, and a bound on the work, so a name of 180,000 spaces
/// in a hostile link costs no more than a long ARN.
pub const MAX_MEASURED_NAME_CHARS: usize = 1024;

/// The box for a node showing `noun` (the kind line) over `name`.
pub fn node_box(noun: &str, name: &str) -> NodeBox {
    let room = MAX_NODE_W - TEXT_X - TEXT_RIGHT;
    let measured = match name.char_indices().nth(MAX_MEASURED_NAME_CHARS) {
        Some((end, _)) => name.get(..end).unwrap_or(name),
        None => name,
    };
    let cut = measured.len() < name.len();
    let mut lines = if text_width(measured, NAME_PX) <= room {
        vec![measured.to_string()]
    } else {
        wrap(measured, room, NAME_PX)
    };
    if lines.len() > MAX_NAME_LINES || (cut && lines.len() == MAX_NAME_LINES) {
        lines.truncate(MAX_NAME_LINES);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && text_width(&format!("{last}…"), NAME_PX) > room {
                last.pop();
            }
            last.push('…');
        }
    }
    let widest = lines
        .iter()
        .map(|l| text_width(l, NAME_PX))
        .fold(text_width(noun, NOUN_PX), f64::max);
    let w = ((TEXT_X + TEXT_RIGHT + widest) / GRID).ceil() * GRID;
    let extra = lines.len().saturating_sub(1) as f64 * NAME_LINE;
    NodeBox {
        size: Point::new(w.clamp(NODE_W, MAX_NODE_W), NODE_H + extra),
        lines,
    }
}
