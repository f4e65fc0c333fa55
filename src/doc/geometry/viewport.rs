//! The camera over the canvas: pan and zoom, screen <-> world conversion, fit-to-view.

use super::node_box::NAME_PX;
use super::{Point, Rect};
use serde::{Deserialize, Serialize};

/// The smallest zoom (10 %): a whole organization still fits on a laptop screen.
pub const MIN_ZOOM: f64 = 0.1;
/// The largest zoom (400 %): past this, text is larger than anyone needs.
pub const MAX_ZOOM: f64 = 4.0;
/// One `+`/`-` key press or wheel notch multiplies or divides the zoom by this.
pub const ZOOM_STEP: f64 = 1.2;
/// Screen pixels kept free around the content by fit-to-view.
pub const FIT_MARGIN: f64 = 48.0;
/// The smallest rendered size of a node's name that fitting may produce, in screen pixels.
pub const MIN_NAME_PX: f64 = 12.0;
/// The zoom at which a node's name renders [`MIN_NAME_PX`] tall: fitting never goes below
/// it. The person may still zoom out further by hand (or "fit all").
pub const MIN_READABLE_ZOOM: f64 = MIN_NAME_PX / NAME_PX;

/// What part of the world the screen shows. `origin` is the world point at the screen's
/// top-left corner; `zoom` is screen pixels per world pixel. `size` is the screen size in
/// pixels, reported by the UI when the canvas element resizes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Viewport {
    pub origin: Point,
    pub zoom: f64,
    pub size: Point,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            origin: Point::new(0.0, 0.0),
            zoom: 1.0,
            size: Point::new(1280.0, 800.0),
        }
    }
}

/// `zoom` limited to [`MIN_ZOOM`, `MAX_ZOOM`]; a NaN becomes 100 %.
pub fn clamp_zoom(zoom: f64) -> f64 {
    if zoom.is_nan() {
        1.0
    } else {
        zoom.clamp(MIN_ZOOM, MAX_ZOOM)
    }
}

impl Viewport {
    /// The world point drawn at screen point `s`.
    pub fn screen_to_world(&self, s: Point) -> Point {
        self.origin + s.scale(1.0 / self.zoom)
    }

    /// Where world point `w` is drawn on screen.
    pub fn world_to_screen(&self, w: Point) -> Point {
        (w - self.origin).scale(self.zoom)
    }

    /// The world rectangle currently visible.
    pub fn visible_world(&self) -> Rect {
        Rect::new(
            self.origin.x,
            self.origin.y,
            self.size.x / self.zoom,
            self.size.y / self.zoom,
        )
    }

    /// Moves the camera by a screen-space delta (the content follows the pointer).
    pub fn panned_by_screen(&self, delta: Point) -> Viewport {
        Viewport {
            origin: self.origin - delta.scale(1.0 / self.zoom),
            ..*self
        }
    }

    /// Zooms to `zoom` (clamped) keeping the world point under screen point `anchor` fixed,
    /// the way every canvas app zooms around the cursor.
    pub fn zoomed_at(&self, anchor: Point, zoom: f64) -> Viewport {
        let zoom = clamp_zoom(zoom);
        let pinned = self.screen_to_world(anchor);
        Viewport {
            origin: pinned - anchor.scale(1.0 / zoom),
            zoom,
            size: self.size,
        }
    }

    /// One zoom step in (`steps > 0`) or out (`steps < 0`) around the screen centre.
    pub fn zoomed_steps(&self, steps: i32) -> Viewport {
        self.zoomed_at(self.size.scale(0.5), self.zoom * ZOOM_STEP.powi(steps))
    }

    /// 100 % zoom, keeping the screen centre where it is.
    pub fn actual_size(&self) -> Viewport {
        self.zoomed_at(self.size.scale(0.5), 1.0)
    }

    /// The view after the canvas changed size to `size` (the window, or a panel opening
    /// beside it): the world point at the centre stays at the centre, at the same zoom. If
    /// `content` was all in view before and would no longer be, the view fits it instead, so
    /// opening the simulator dock never hides half the diagram, but never below a readable
    /// size ([`Viewport::fit_readable`]): then the part around the old centre stays in view.
    pub fn resized(&self, size: Point, content: Option<Rect>) -> Viewport {
        let centre = self.screen_to_world(self.size.scale(0.5));
        let kept = Viewport {
            origin: centre - size.scale(0.5 / self.zoom),
            zoom: self.zoom,
            size,
        };
        match content {
            Some(c)
                if self.visible_world().contains_rect(&c)
                    && !kept.visible_world().contains_rect(&c) =>
            {
                kept.fit_readable(Some(c), Some(centre))
            }
            _ => kept,
        }
    }

    /// A view showing all of `content` with [`FIT_MARGIN`] screen pixels around it, centred,
    /// never zoomed past 100 % (a single node should not fill the screen). With nothing to
    /// show the view returns to the world origin at 100 %.
    pub fn fit(&self, content: Option<Rect>) -> Viewport {
        let Some(c) = content else {
            return Viewport {
                origin: Point::new(0.0, 0.0),
                zoom: 1.0,
                size: self.size,
            };
        };
        let avail_w = (self.size.x - 2.0 * FIT_MARGIN).max(1.0);
        let avail_h = (self.size.y - 2.0 * FIT_MARGIN).max(1.0);
        let zoom = clamp_zoom(
            (avail_w / c.w.max(1.0))
                .min(avail_h / c.h.max(1.0))
                .min(1.0),
        );
        let origin = c.center() - self.size.scale(0.5 / zoom);
        Viewport {
            origin,
            zoom,
            size: self.size,
        }
    }

    /// Like [`Viewport::fit`], but never below [`MIN_READABLE_ZOOM`]: names stay at least
    /// [`MIN_NAME_PX`] tall. When the whole of `content` cannot be shown at that size, the
    /// view shows the part around `focus` (clamped so no empty space shows past the content's
    /// margin), or the content's top-left corner, where reading starts, and the person pans.
    pub fn fit_readable(&self, content: Option<Rect>, focus: Option<Point>) -> Viewport {
        let all = self.fit(content);
        let Some(c) = content else {
            return all;
        };
        if all.zoom >= MIN_READABLE_ZOOM {
            return all;
        }
        let zoom = MIN_READABLE_ZOOM;
        let half = self.size.scale(0.5 / zoom);
        let margin = FIT_MARGIN / zoom;
        // One axis at a time: centred where the content fits, else around the focus, kept
        // between the content's first and last margin.
        let axis = |lo: f64, len: f64, half: f64, focus: Option<f64>| -> f64 {
            if len + 2.0 * margin <= 2.0 * half {
                return lo + len / 2.0;
            }
            let first = lo - margin + half;
            let last = lo + len + margin - half;
            focus.unwrap_or(first).clamp(first, last.max(first))
        };
        let centre = Point::new(
            axis(c.x, c.w, half.x, focus.map(|f| f.x)),
            axis(c.y, c.h, half.y, focus.map(|f| f.y)),
        );
        Viewport {
            origin: centre - half,
            zoom,
            size: self.size,
        }
    }
}
