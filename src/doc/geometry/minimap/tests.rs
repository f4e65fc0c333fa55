//! The minimap's geometry: when it shows, its scale, the view's outline, where a click goes.

use super::*;

fn view(x: f64, y: f64, zoom: f64, w: f64, h: f64) -> Viewport {
    Viewport {
        origin: Point::new(x, y),
        zoom,
        size: Point::new(w, h),
    }
}

/// A diagram 4000 × 2000 world pixels wide, from (0, 0).
fn big() -> Rect {
    Rect::new(0.0, 0.0, 4000.0, 2000.0)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn a_diagram_that_fits_needs_no_minimap() {
    let content = Rect::new(100.0, 100.0, 600.0, 400.0);
    let fitted = view(0.0, 0.0, 1.0, 1000.0, 700.0).fit(Some(content));
    assert!(!needed(Some(content), &fitted));
    assert!(
        !needed(None, &fitted),
        "an empty diagram has nothing to map"
    );
    // The same diagram panned half out of view does.
    let panned = fitted.panned_by_screen(Point::new(500.0, 0.0));
    assert!(needed(Some(content), &panned));
    // And a diagram larger than the view at a readable zoom does.
    let readable = view(0.0, 0.0, 1.0, 1000.0, 700.0).fit_readable(Some(big()), None);
    assert!(needed(Some(big()), &readable));
}

#[test]
fn the_map_keeps_the_diagrams_shape_within_its_box() {
    let map = Minimap::new(big(), Point::new(200.0, 140.0)).expect("a map");
    // 4048 × 2048 with the margin: width decides.
    let k = 200.0 / (4000.0 + 2.0 * MAP_MARGIN);
    assert!(
        close(map.scale.x, k) && close(map.scale.y, k),
        "the same scale both ways"
    );
    assert!(close(map.size.x, 200.0));
    assert!(map.size.y < 140.0);
    assert!(close(map.size.y / map.size.x, map.world.h / map.world.w));
    // A tall diagram: height decides.
    let tall =
        Minimap::new(Rect::new(0.0, 0.0, 300.0, 6000.0), Point::new(200.0, 140.0)).expect("a map");
    assert!(close(tall.size.y, 140.0));
    assert!(tall.size.x < 200.0);
    assert_eq!(Minimap::new(big(), Point::new(0.0, 140.0)), None);
}

#[test]
fn a_long_thin_diagram_is_stretched_to_a_usable_strip() {
    // An imported account laid out as one long row: 24,000 × 600 world pixels.
    let row = Rect::new(0.0, 0.0, 24_000.0, 600.0);
    let map = Minimap::new(row, Point::new(200.0, 160.0)).expect("a map");
    assert!(close(map.size.x, 200.0));
    assert!(close(map.size.y, 160.0 * MIN_SIDE_SHARE), "{:?}", map.size);
    // Clicks still land where the map shows them.
    let v = view(0.0, 0.0, 1.0, 1000.0, 600.0);
    let at = map.to_map(Point::new(18_000.0, 300.0));
    let moved = map.centred_at(&v, at);
    let centre = moved.screen_to_world(moved.size.scale(0.5));
    assert!(close(centre.x, 18_000.0) && close(centre.y, 300.0));
}

#[test]
fn the_view_rectangle_matches_what_the_canvas_shows() {
    let map = Minimap::new(big(), Point::new(200.0, 140.0)).expect("a map");
    let v = view(1000.0, 500.0, 0.5, 800.0, 600.0);
    // The view shows world (1000, 500)–(2600, 1700).
    let r = map.view_rect(&v);
    let tl = map.to_map(Point::new(1000.0, 500.0));
    let br = map.to_map(Point::new(2600.0, 1700.0));
    assert!(close(r.x, tl.x) && close(r.y, tl.y));
    assert!(close(r.right(), br.x) && close(r.bottom(), br.y));
    // What the canvas draws at the view's corners is what the map's outline corners name.
    let world_tl = map.to_world(r.origin());
    assert!(close(world_tl.x, v.screen_to_world(Point::new(0.0, 0.0)).x));
    assert!(close(world_tl.y, v.screen_to_world(Point::new(0.0, 0.0)).y));
}

#[test]
fn the_view_rectangle_is_cut_to_the_map_and_never_vanishes() {
    let map = Minimap::new(big(), Point::new(200.0, 140.0)).expect("a map");
    // Zoomed out past the diagram: the outline is the whole map.
    let r = map.view_rect(&view(-5000.0, -5000.0, 0.1, 1400.0, 860.0));
    assert!(close(r.x, 0.0) && close(r.y, 0.0));
    assert!(close(r.w, map.size.x) && close(r.h, map.size.y));
    // Panned far off to the right: a sliver at the right border.
    let off = map.view_rect(&view(9000.0, 500.0, 1.0, 800.0, 600.0));
    assert!(off.w >= 2.0 - 1e-9);
    assert!(close(off.right(), map.size.x));
}

#[test]
fn a_click_on_the_minimap_centres_the_view_there() {
    let map = Minimap::new(big(), Point::new(200.0, 140.0)).expect("a map");
    let v = view(0.0, 0.0, 0.75, 1000.0, 600.0);
    let at = map.to_map(Point::new(3000.0, 1500.0));
    let moved = map.centred_at(&v, at);
    let centre = moved.screen_to_world(moved.size.scale(0.5));
    assert!(close(centre.x, 3000.0) && close(centre.y, 1500.0));
    assert_eq!(moved.zoom, v.zoom, "a click pans; it does not zoom");
    assert_eq!(moved.size, v.size);
    // The outline then sits centred on the click.
    let r = map.view_rect(&moved);
    assert!(close(r.center().x, at.x) && close(r.center().y, at.y));
}

#[test]
fn a_drag_past_the_maps_border_stops_at_the_diagrams_edge() {
    let map = Minimap::new(big(), Point::new(200.0, 140.0)).expect("a map");
    let v = view(0.0, 0.0, 1.0, 1000.0, 600.0);
    let moved = map.centred_at(&v, Point::new(-50.0, 900.0));
    let centre = moved.screen_to_world(moved.size.scale(0.5));
    assert!(close(centre.x, map.world.x));
    assert!(close(centre.y, map.world.bottom()));
}

#[test]
fn a_thousand_nodes_draw_as_one_path_per_kind() {
    let map = Minimap::new(big(), Point::new(200.0, 140.0)).expect("a map");
    let shapes = (0..1000).map(|i| {
        let kind = if i % 3 == 0 { "role" } else { "user" };
        let x = f64::from(i % 40) * 100.0;
        let y = f64::from(i / 40) * 80.0;
        (kind, Rect::new(x, y, 80.0, 40.0))
    });
    let paths = map.paths(shapes);
    assert_eq!(paths.len(), 2);
    let rects = |k: &str| paths.get(k).map_or(0, |d| d.matches('M').count());
    assert_eq!(rects("role"), 334);
    assert_eq!(rects("user"), 666);
}

#[test]
fn a_tiny_node_is_still_a_visible_dot() {
    let map = Minimap::new(big(), Point::new(200.0, 140.0)).expect("a map");
    let paths = map.paths([("user", Rect::new(100.0, 100.0, 4.0, 4.0))]);
    let d = paths.get("user").expect("a path");
    assert!(
        d.contains(&format!("h{MIN_SHAPE:.1}v{MIN_SHAPE:.1}")),
        "{d}"
    );
}

#[test]
fn the_name_says_how_many_nodes_the_view_shows() {
    let v = view(0.0, 0.0, 1.0, 1000.0, 600.0);
    let centres = [
        Point::new(10.0, 10.0),
        Point::new(900.0, 500.0),
        Point::new(1500.0, 10.0),
    ];
    assert_eq!(shown_of(&v, centres), (2, 3));
    assert_eq!(
        describe(12, 1051),
        "Minimap: the view shows 12 of 1,051 nodes"
    );
    assert_eq!(describe(1, 1), "Minimap: the view shows 1 of 1 node");
    assert_eq!(with_thousands(1_234_567), "1,234,567");
    assert_eq!(with_thousands(999), "999");
}

#[test]
fn the_minimap_moves_left_only_when_a_node_would_sit_under_it_on_the_right() {
    let canvas = Point::new(1000.0, 700.0);
    let size = Point::new(180.0, 90.0);
    assert_eq!(corner(canvas, size, []), Corner::TopRight);
    let under_right = Point::new(900.0, 50.0);
    let under_left = Point::new(50.0, 50.0);
    assert_eq!(corner(canvas, size, [under_right]), Corner::TopLeft);
    assert_eq!(
        corner(canvas, size, [under_right, under_left]),
        Corner::TopRight,
        "nodes under both corners: it stays put rather than jump about"
    );
    let placed = screen_box(Corner::TopRight, canvas, size);
    assert!(close(placed.right(), canvas.x - INSET) && close(placed.y, INSET));
}

#[test]
fn the_minimap_is_shown_by_default_only_where_the_canvas_has_room() {
    assert!(shown_by_default(Point::new(1040.0, 700.0)), "desk");
    assert!(
        shown_by_default(Point::new(845.0, 660.0)),
        "projector 1280 × 720"
    );
    assert!(
        !shown_by_default(Point::new(1040.0, 350.0)),
        "desk, simulator open"
    );
    assert!(!shown_by_default(Point::new(700.0, 440.0)), "embed");
    assert!(!shown_by_default(Point::new(390.0, 600.0)), "phone");
}

#[test]
fn the_minimap_grows_with_the_screen_and_fits_a_small_one() {
    let desk = max_box(Point::new(1040.0, 700.0));
    let projector = max_box(Point::new(1260.0, 1000.0));
    assert!(projector.x > desk.x && projector.y > desk.y);
    let phone = max_box(Point::new(390.0, 600.0));
    assert!(phone.x + 2.0 * INSET <= 390.0);
    let sliver = max_box(Point::new(100.0, 50.0));
    assert!(sliver.x + 2.0 * INSET <= 100.0 && sliver.y + 2.0 * INSET <= 50.0);
}

#[test]
fn a_small_canvas_offers_a_minimap_only_for_a_diagram_of_several_screens() {
    let phone = Viewport {
        origin: Point::new(0.0, 0.0),
        zoom: 0.86,
        size: Point::new(390.0, 380.0),
    };
    // A built-in scenario a pan wide: no minimap, not even its button.
    let scenario = Rect::new(0.0, 0.0, 700.0, 450.0);
    assert!(needed(Some(scenario), &phone));
    assert!(!offered(Some(scenario), &phone));
    // An imported account many screens wide: offered.
    let account = Rect::new(0.0, 0.0, 6000.0, 900.0);
    assert!(offered(Some(account), &phone));
    // A desk offers it as soon as anything is off screen.
    let desk = Viewport {
        size: Point::new(1040.0, 690.0),
        ..phone
    };
    assert!(offered(Some(Rect::new(0.0, 0.0, 1400.0, 600.0)), &desk));
    assert!(!offered(Some(Rect::new(0.0, 0.0, 600.0, 400.0)), &desk));
}
