//! The whole diagram as a standalone SVG picture (the file behind Export's SVG and PNG).
//!
//! Built from the pure [`Scene`], not from the live canvas: every node is in the picture
//! whatever part of the diagram is on screen, the colours are written inline (no stylesheet,
//! no external font or image: the text uses the system font stack), and the scenario's title
//! heads it. The page draws this SVG into an HTML canvas to make the PNG.

mod palette;
mod shapes;

use std::fmt::Write as _;

use super::geometry::text::text_width;
use super::geometry::Rect;
use super::scene::Scene;

pub use palette::{Ink, Palette, PictureTheme};

/// Blank space around the diagram, in diagram pixels.
pub const MARGIN: f64 = 32.0;
/// The title's font size.
pub const TITLE_PX: f64 = 20.0;
/// The band above the diagram that holds the title.
pub const TITLE_BAND: f64 = 44.0;
/// The smallest picture (an empty diagram still shows its title legibly).
const MIN_W: f64 = 320.0;
const MIN_H: f64 = 120.0;

/// The text font, the same stack the page uses: nothing to download, and a viewer without
/// one face picks the next.
pub const FONT_STACK: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/// What part of the diagram's plane a picture shows, and how big it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// The picture's area in diagram coordinates: the scene's bounds with [`MARGIN`] around
    /// them and the title band above.
    pub view: Rect,
}

impl Frame {
    /// The frame that fits `scene` and a title of `title`.
    pub fn fit(scene: &Scene, title: &str) -> Frame {
        let bounds = scene_bounds(scene);
        let title_w = text_width(title, TITLE_PX) + 2.0 * MARGIN;
        let (x, y, w, h) = match bounds {
            Some(b) => (
                b.x - MARGIN,
                b.y - MARGIN - TITLE_BAND,
                b.w + 2.0 * MARGIN,
                b.h + 2.0 * MARGIN + TITLE_BAND,
            ),
            None => (0.0, 0.0, MIN_W, MIN_H),
        };
        Frame {
            view: Rect::new(x, y, w.max(title_w).max(MIN_W), h.max(MIN_H)),
        }
    }

    /// The picture's width in pixels at `scale` (1 for the SVG, 2 for the PNG), whole.
    pub fn width(&self, scale: f64) -> u32 {
        whole_px(self.view.w * scale)
    }

    /// The picture's height in pixels at `scale`, whole.
    pub fn height(&self, scale: f64) -> u32 {
        whole_px(self.view.h * scale)
    }
}

/// Rounds a size up to whole pixels, within what an image can be (a non-finite size, which
/// a damaged layout could give, becomes the smallest).
fn whole_px(v: f64) -> u32 {
    if v.is_finite() {
        // The float-to-int `as` saturates: a huge value becomes u32::MAX, never wraps.
        v.ceil().clamp(1.0, f64::from(u32::MAX)) as u32
    } else {
        1
    }
}

/// The rectangle covering every node, edge and label of the scene; `None` when it is empty
/// (or holds nothing with a finite position).
pub fn scene_bounds(scene: &Scene) -> Option<Rect> {
    let nodes = scene.nodes.iter().map(|n| n.rect);
    let labels = scene.labels.iter().map(|l| l.rect);
    let points = scene
        .edges
        .iter()
        .flat_map(|e| e.route.points.iter())
        .map(|p| Rect::new(p.x, p.y, 0.0, 0.0));
    nodes
        .chain(labels)
        .chain(points)
        .filter(|r| [r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite()))
        .reduce(|a, b| a.union(&b))
}

/// The scene as the text of a standalone SVG file: `title` at the top, then the diagram,
/// in `theme`'s colours. `scale` multiplies the pixel size only (the drawing is vector):
/// 1 for an SVG download, 2 for a PNG drawn from it at twice the size.
pub fn picture_svg(scene: &Scene, title: &str, theme: PictureTheme, scale: f64) -> String {
    let frame = Frame::fit(scene, title);
    let v = frame.view;
    let pal = theme.palette();
    let mut out =
        String::with_capacity(scene.nodes.len().saturating_mul(1024).saturating_add(4096));
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {vw} {vh}" font-family="{font}" role="img" aria-label="{label}">"#,
        w = frame.width(scale),
        h = frame.height(scale),
        x = num(v.x),
        y = num(v.y),
        vw = num(v.w),
        vh = num(v.h),
        font = escape(FONT_STACK),
        label = escape(title),
    );
    let _ = write!(out, "<title>{}</title>", escape(title));
    shapes::markers(&mut out, pal);
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
        num(v.x),
        num(v.y),
        num(v.w),
        num(v.h),
        pal.canvas
    );
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" font-size="{}" font-weight="700" fill="{}">{}</text>"#,
        num(v.x + MARGIN),
        num(v.y + MARGIN + TITLE_PX * 0.4),
        num(TITLE_PX),
        pal.text,
        escape(title)
    );
    // Paint order as on the canvas: frames, edges, nodes, then chips and badges on top.
    for n in scene.nodes.iter().filter(|n| n.kind.is_frame()) {
        shapes::frame(&mut out, n, pal);
    }
    for e in &scene.edges {
        shapes::edge(&mut out, e, pal);
    }
    for n in scene.nodes.iter().filter(|n| !n.kind.is_frame()) {
        shapes::node(&mut out, n, pal);
    }
    for l in &scene.labels {
        shapes::label(&mut out, l, pal);
    }
    out.push_str("</svg>\n");
    out
}

/// A number for an attribute: one decimal at most, no `-0`, and 0 for a non-finite value so
/// the file stays valid whatever the layout holds.
fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    let s = format!("{v:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s);
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Text for XML content or a double-quoted attribute: the five markup characters escaped,
/// and characters XML 1.0 forbids (control characters a name could smuggle in) dropped, so
/// the picture is always well-formed.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
