//! Where a new node goes: the free spot nearest to where it was asked for, so nodes added
//! one after another from the toolbar never land on top of each other.

use super::{Point, Rect, GRID};

/// How far (in grid steps of [`STEP`]) the search walks out before giving up.
const RINGS: i32 = 40;
/// The search moves in steps of three grid cells: fine enough to find gaps, few enough
/// candidates to stay fast in a big diagram.
const STEP: f64 = 3.0 * GRID;

/// The top-left corner nearest to `want` (itself when free) where a `size` box, grown by
/// `gap` on every side, touches none of `taken` and satisfies `allowed` (a new user must stay
/// in its account frame). `None` when nothing within reach is free.
pub fn free_spot(
    want: Point,
    size: Point,
    gap: f64,
    taken: &[Rect],
    allowed: impl Fn(&Rect) -> bool,
) -> Option<Point> {
    let fits = |p: Point| {
        let r = Rect::new(p.x, p.y, size.x, size.y);
        allowed(&r) && !taken.iter().any(|t| t.intersects(&r.inflate(gap)))
    };
    let mut ring: Vec<Point> = Vec::new();
    for k in 0..=RINGS {
        ring.clear();
        for i in k.saturating_neg()..=k {
            for j in k.saturating_neg()..=k {
                if i.abs() == k || j.abs() == k {
                    ring.push(Point::new(f64::from(i) * STEP, f64::from(j) * STEP));
                }
            }
        }
        // Nearest first within a ring; ties prefer right of and below the wanted spot,
        // the way a diagram grows.
        crate::sim::sorting::sort_by(&mut ring, |a, b| {
            let da = a.x.hypot(a.y);
            let db = b.x.hypot(b.y);
            da.total_cmp(&db)
                .then(b.x.total_cmp(&a.x))
                .then(b.y.total_cmp(&a.y))
        });
        if let Some(p) = ring.iter().map(|d| want + *d).find(|p| fits(*p)) {
            return Some(p);
        }
    }
    None
}
