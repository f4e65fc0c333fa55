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

/// How large fitting may draw the diagram: never so small that names fall under
/// `min_zoom`'s size, never past `max_zoom`. A desk, an embed and a phone fit at most at
/// 100 % (a single node should not fill the screen) with names at least [`MIN_NAME_PX`];
/// a projector is read from the back of a room, so there names grow with the screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readable {
    pub min_zoom: f64,
    pub max_zoom: f64,
}

impl Default for Readable {
    fn default() -> Self {
        Readable {
            min_zoom: MIN_READABLE_ZOOM,
            max_zoom: 1.0,
        }
    }
}

/// A presented name's smallest share of the screen's height: 1.8 % is 13 px at 720 and
/// 19.4 px at 1080, what the back row of a room reads.
pub const PRESENT_NAME_SHARE: f64 = 0.018;
/// The largest zoom fitting may use while presenting: a small diagram fills the screen.
pub const PRESENT_MAX_ZOOM: f64 = 2.0;

impl Readable {
    /// On a projector whose screen is `height` pixels tall: names at least
    /// [`PRESENT_NAME_SHARE`] of it (and never under [`MIN_NAME_PX`]), the diagram drawn up
    /// to [`PRESENT_MAX_ZOOM`].
    pub fn presenting(height: f64) -> Readable {
        // Rounded up to half a pixel: 12.96 px asked at 720 is drawn 13 px, never a hair under.
        let name_px = if height.is_finite() {
            ((PRESENT_NAME_SHARE * height * 2.0).ceil() / 2.0).max(MIN_NAME_PX)
        } else {
            MIN_NAME_PX
        };
        let min_zoom = (name_px / NAME_PX).min(PRESENT_MAX_ZOOM);
        Readable {
            min_zoom,
            max_zoom: PRESENT_MAX_ZOOM.max(min_zoom),
        }
    }
}

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
        self.resized_in(size, content, Readable::default())
    }

    /// [`Viewport::resized`] fitting within `readable`'s sizes.
    pub fn resized_in(&self, size: Point, content: Option<Rect>, readable: Readable) -> Viewport {
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
                kept.fit_readable_in(Some(c), Some(centre), readable)
            }
            _ => kept,
        }
    }

    /// A view showing all of `content` with [`FIT_MARGIN`] screen pixels around it, centred,
    /// never zoomed past 100 % (a single node should not fill the screen). With nothing to
    /// show the view returns to the world origin at 100 %.
    pub fn fit(&self, content: Option<Rect>) -> Viewport {
        self.fit_within(content, 1.0)
    }

    /// [`Viewport::fit`], zoomed up to `max_zoom` rather than 100 %.
    pub fn fit_within(&self, content: Option<Rect>, max_zoom: f64) -> Viewport {
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
                .min(max_zoom),
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
        self.fit_readable_in(content, focus, Readable::default())
    }

    /// [`Viewport::fit_readable`] within `readable`'s sizes (a projector's larger names).
    pub fn fit_readable_in(
        &self,
        content: Option<Rect>,
        focus: Option<Point>,
        readable: Readable,
    ) -> Viewport {
        let all = self.fit_within(content, readable.max_zoom);
        let Some(c) = content else {
            return all;
        };
        if all.zoom >= readable.min_zoom {
            return all;
        }
        let zoom = clamp_zoom(readable.min_zoom);
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
