//! Geometry kernels: hit tests, snapping, viewport math, routing and layout.

use super::layout::{auto_layout, AccountBlock, LayoutInput, FRAME_HEADER, GAP, NODE_H};
use super::node_box::NAME_PX;
use super::route::{route, route_to_point, RouteStyle};
use super::viewport::MIN_READABLE_ZOOM;
use super::viewport::{Viewport, MAX_ZOOM, MIN_ZOOM};
use super::*;

fn r(x: f64, y: f64, w: f64, h: f64) -> Rect {
    Rect::new(x, y, w, h)
}

#[test]
fn topmost_node_under_pointer_wins_over_the_frame_below_it() {
    let items = vec![
        ("frame", r(0.0, 0.0, 500.0, 400.0)),
        ("alice", r(20.0, 60.0, 160.0, 56.0)),
    ];
    assert_eq!(item_at(Point::new(30.0, 70.0), &items), Some("alice"));
    assert_eq!(item_at(Point::new(300.0, 300.0), &items), Some("frame"));
    assert_eq!(item_at(Point::new(600.0, 300.0), &items), None);
}

#[test]
fn edge_is_hit_within_tolerance_only() {
    let lines = vec![("trust", vec![Point::new(0.0, 0.0), Point::new(100.0, 0.0)])];
    assert_eq!(
        polyline_at(Point::new(50.0, 4.0), &lines, 5.0),
        Some("trust")
    );
    assert_eq!(polyline_at(Point::new(50.0, 6.0), &lines, 5.0), None);
    assert_eq!(
        polyline_at(Point::new(104.0, 0.0), &lines, 5.0),
        Some("trust")
    );
}

#[test]
fn nearest_of_two_edges_is_hit() {
    let lines = vec![
        ("a", vec![Point::new(0.0, 0.0), Point::new(100.0, 0.0)]),
        ("b", vec![Point::new(0.0, 6.0), Point::new(100.0, 6.0)]),
    ];
    assert_eq!(polyline_at(Point::new(50.0, 4.0), &lines, 8.0), Some("b"));
    assert_eq!(polyline_at(Point::new(50.0, 1.0), &lines, 8.0), Some("a"));
}

#[test]
fn marquee_selects_only_fully_covered_nodes() {
    let items = vec![
        ("in", r(10.0, 10.0, 20.0, 20.0)),
        ("half", r(90.0, 10.0, 20.0, 20.0)),
    ];
    let m = Rect::from_corners(Point::new(100.0, 50.0), Point::new(0.0, 0.0));
    assert_eq!(items_in_marquee(&m, &items), vec!["in"]);
}

#[test]
fn innermost_frame_contains_the_point() {
    let frames = vec![
        ("org", r(0.0, 0.0, 1000.0, 1000.0)),
        ("acct", r(100.0, 100.0, 300.0, 300.0)),
    ];
    assert_eq!(frame_at(Point::new(150.0, 150.0), &frames), Some("acct"));
    assert_eq!(frame_at(Point::new(50.0, 50.0), &frames), Some("org"));
    assert_eq!(frame_at(Point::new(-5.0, 50.0), &frames), None);
}

#[test]
fn grid_snaps_to_nearest_multiple_of_eight() {
    assert_eq!(Point::new(11.0, 13.0).snapped(GRID), Point::new(8.0, 16.0));
    assert_eq!(Point::new(-3.0, 4.0).snapped(GRID), Point::new(-0.0, 8.0));
}

#[test]
fn dragged_node_snaps_to_another_nodes_centre_and_shows_a_guide() {
    let other = r(0.0, 0.0, 100.0, 50.0);
    // No line within 6 px: the grid decides (12 -> 16).
    let moving = r(203.0, 12.0, 100.0, 50.0);
    let s = snap_rect(&moving, &[other], GUIDE_THRESHOLD, GRID);
    assert_eq!(s.correction.y, 4.0);
    assert!(s.guides.is_empty());
    // Centres 3 px apart horizontally: x snaps onto the other centre (50), a vertical guide.
    let moving = r(3.0, 300.0, 100.0, 50.0);
    let s = snap_rect(&moving, &[other], GUIDE_THRESHOLD, GRID);
    assert_eq!(s.correction.x, -3.0);
    assert_eq!(s.guides[0].axis, GuideAxis::Vertical);
    let moving = r(203.0, 3.0, 100.0, 50.0);
    let s = snap_rect(&moving, &[other], GUIDE_THRESHOLD, GRID);
    assert_eq!(s.correction.y, -3.0);
    assert_eq!(s.guides.len(), 1);
    assert_eq!(s.guides[0].axis, GuideAxis::Horizontal);
    assert_eq!(s.guides[0].at, 0.0);
    // x had no line nearby, so it snapped to the grid (203 -> 200); the guide spans both.
    assert_eq!((s.guides[0].from, s.guides[0].to), (0.0, 300.0));
}

#[test]
fn border_point_lies_on_the_border_toward_the_target() {
    let a = r(0.0, 0.0, 100.0, 50.0);
    assert_eq!(
        a.border_point_toward(Point::new(500.0, 25.0)),
        Point::new(100.0, 25.0)
    );
    assert_eq!(
        a.border_point_toward(Point::new(50.0, -500.0)),
        Point::new(50.0, 0.0)
    );
}

#[test]
fn screen_world_round_trip_and_zoom_keeps_anchor_fixed() {
    let v = Viewport {
        origin: Point::new(100.0, 50.0),
        zoom: 2.0,
        size: Point::new(800.0, 600.0),
    };
    let s = Point::new(300.0, 200.0);
    let w = v.screen_to_world(s);
    assert_eq!(w, Point::new(250.0, 150.0));
    assert_eq!(v.world_to_screen(w), s);
    let z = v.zoomed_at(s, 3.0);
    let back = z.screen_to_world(s);
    assert!((back.x - w.x).abs() < 1e-9 && (back.y - w.y).abs() < 1e-9);
}

#[test]
fn zoom_is_clamped_between_ten_percent_and_four_hundred() {
    let v = Viewport::default();
    assert_eq!(v.zoomed_at(Point::new(0.0, 0.0), 100.0).zoom, MAX_ZOOM);
    assert_eq!(v.zoomed_at(Point::new(0.0, 0.0), 0.001).zoom, MIN_ZOOM);
    assert_eq!(v.zoomed_steps(-100).zoom, MIN_ZOOM);
}

#[test]
fn fit_shows_all_content_inside_the_margin() {
    let v = Viewport {
        size: Point::new(1000.0, 800.0),
        ..Viewport::default()
    };
    let content = r(-500.0, 0.0, 3000.0, 400.0);
    let f = v.fit(Some(content));
    let vis = f.visible_world();
    assert!(
        vis.contains_rect(&content),
        "{vis:?} must contain {content:?}"
    );
    let tl = f.world_to_screen(content.origin());
    assert!((tl.x - 48.0).abs() < 1e-6);
    // Small content is not blown up past 100 %.
    assert_eq!(v.fit(Some(r(0.0, 0.0, 10.0, 10.0))).zoom, 1.0);
}

#[test]
fn a_canvas_that_shrinks_under_a_panel_keeps_the_whole_diagram_in_view_while_it_stays_readable() {
    let content = r(100.0, 100.0, 700.0, 800.0);
    let big = Viewport {
        size: Point::new(1000.0, 1000.0),
        ..Viewport::default()
    }
    .fit(Some(content));
    assert!(big.visible_world().contains_rect(&content));
    // A panel opens below: the canvas loses 210 px of height, and the diagram still fits
    // at a readable size.
    let small = big.resized(Point::new(1000.0, 790.0), Some(content));
    assert_eq!(small.size, Point::new(1000.0, 790.0));
    assert!(
        small.visible_world().contains_rect(&content),
        "{:?} must contain {content:?}",
        small.visible_world()
    );
    assert!(small.zoom < big.zoom && small.zoom >= MIN_READABLE_ZOOM);
}

#[test]
fn opening_a_panel_never_refits_below_twelve_pixel_names() {
    // Issue 11: the simulator dock left 300 px and the diagram was refitted to 40 %.
    let content = r(100.0, 100.0, 800.0, 500.0);
    let big = Viewport {
        size: Point::new(1000.0, 700.0),
        ..Viewport::default()
    }
    .fit(Some(content));
    let centre = big.screen_to_world(big.size.scale(0.5));
    let small = big.resized(Point::new(1000.0, 300.0), Some(content));
    assert_eq!(small.zoom, MIN_READABLE_ZOOM);
    assert!(small.zoom * NAME_PX >= 12.0 - 1e-9);
    // The part that was in the middle stays in view.
    assert!(small.visible_world().contains(centre));
}

#[test]
fn fitting_a_diagram_too_big_to_read_shows_its_start_at_a_readable_size() {
    let v = Viewport {
        size: Point::new(1000.0, 800.0),
        ..Viewport::default()
    };
    let content = r(-500.0, 0.0, 3000.0, 400.0);
    let f = v.fit_readable(Some(content), None);
    assert_eq!(f.zoom, MIN_READABLE_ZOOM);
    // The top-left corner of the diagram shows, with the usual margin.
    let tl = f.world_to_screen(content.origin());
    assert!((tl.x - 48.0).abs() < 1e-6, "{tl:?}");
    // It fits vertically at that size, so it is centred vertically.
    let mid = f.world_to_screen(content.center());
    assert!((mid.y - 400.0).abs() < 1e-6, "{mid:?}");
    // "Fit all" still shows everything.
    assert!(v.fit(Some(content)).visible_world().contains_rect(&content));
}

#[test]
fn fitting_a_diagram_that_reads_well_whole_shows_it_whole() {
    let v = Viewport {
        size: Point::new(1400.0, 800.0),
        ..Viewport::default()
    };
    let content = r(0.0, 0.0, 1200.0, 600.0);
    assert_eq!(v.fit_readable(Some(content), None), v.fit(Some(content)));
}

#[test]
fn a_resize_keeps_the_centre_and_zoom_when_the_diagram_still_fits_or_never_did() {
    let v = Viewport {
        origin: Point::new(0.0, 0.0),
        zoom: 0.5,
        size: Point::new(1000.0, 800.0),
    };
    let centre = v.screen_to_world(v.size.scale(0.5));
    // Still fits: same zoom, same centre.
    let grown = v.resized(
        Point::new(1200.0, 900.0),
        Some(r(500.0, 500.0, 100.0, 100.0)),
    );
    assert_eq!(grown.zoom, 0.5);
    assert_eq!(grown.screen_to_world(grown.size.scale(0.5)), centre);
    // Zoomed in on a part of a big diagram: the person's zoom is theirs to keep.
    let part = v.resized(
        Point::new(600.0, 400.0),
        Some(r(-5000.0, -5000.0, 9000.0, 9000.0)),
    );
    assert_eq!(part.zoom, 0.5);
    assert_eq!(part.screen_to_world(part.size.scale(0.5)), centre);
}

#[test]
fn straight_route_goes_border_to_border_with_badge_midpoint() {
    let a = r(0.0, 0.0, 100.0, 50.0);
    let b = r(300.0, 0.0, 100.0, 50.0);
    let rt = route(&a, &b, RouteStyle::Straight);
    assert_eq!(
        rt.points,
        vec![Point::new(100.0, 25.0), Point::new(300.0, 25.0)]
    );
    assert_eq!(rt.mid, Point::new(200.0, 25.0));
    assert_eq!(rt.end_angle, 0.0);
}

#[test]
fn orthogonal_route_uses_only_axis_parallel_segments() {
    let a = r(0.0, 0.0, 100.0, 50.0);
    let b = r(300.0, 200.0, 100.0, 50.0);
    let rt = route(&a, &b, RouteStyle::Orthogonal);
    for w in rt.points.windows(2) {
        assert!(
            w[0].x == w[1].x || w[0].y == w[1].y,
            "diagonal segment {w:?}"
        );
    }
    assert_eq!(rt.points.first(), Some(&Point::new(100.0, 25.0)));
    assert_eq!(rt.points.last(), Some(&Point::new(300.0, 225.0)));
}

#[test]
fn self_trust_draws_a_visible_loop() {
    let a = r(0.0, 0.0, 100.0, 50.0);
    let rt = route(&a, &a, RouteStyle::Straight);
    assert!(rt.points.len() > 2);
    assert!(!a.contains(rt.mid));
    let p = route_to_point(&a, Point::new(200.0, 25.0));
    assert_eq!(
        p.points,
        vec![Point::new(100.0, 25.0), Point::new(200.0, 25.0)]
    );
}

#[test]
fn auto_layout_puts_members_inside_their_frame_and_frames_side_by_side() {
    let input = LayoutInput {
        accounts: vec![
            AccountBlock {
                frame: "a1",
                columns: vec![
                    ["u1", "u2", "u3", "u4", "u5", "u6x"]
                        .into_iter()
                        .enumerate()
                        .map(|(i, u)| (u, i))
                        .collect(),
                    vec![],
                    vec![("r1", 0)],
                ],
            },
            AccountBlock {
                frame: "a2",
                columns: vec![vec![("u6", 0), ("r6", 2)]],
            },
        ],
        outside: vec!["ec2"],
    };
    let plan = auto_layout(&input, Point::new(0.0, 0.0));
    let frame = |k| {
        plan.frames
            .iter()
            .find(|(f, _)| *f == k)
            .map(|(_, r)| *r)
            .unwrap()
    };
    let node = |k| {
        plan.nodes
            .iter()
            .find(|(f, _)| *f == k)
            .map(|(_, r)| *r)
            .unwrap()
    };
    for u in ["u1", "u5", "r1"] {
        assert!(frame("a1").contains_rect(&node(u)), "{u} outside its frame");
        assert!(node(u).y >= frame("a1").y + FRAME_HEADER);
    }
    assert!(frame("a2").contains_rect(&node("u6")));
    assert!(frame("a2").x > frame("a1").right());
    assert!(!frame("a1").intersects(&node("ec2")));
    // Six users wrap into two columns; no two nodes overlap.
    for (i, (_, a)) in plan.nodes.iter().enumerate() {
        for (_, b) in plan.nodes.iter().skip(i + 1) {
            assert!(!a.intersects(b), "{a:?} overlaps {b:?}");
        }
    }
    assert!(
        node("u6x").x > node("u1").x,
        "the sixth user starts a new column"
    );
    // Columns read left to right: the role is right of every user.
    assert!(node("r1").x > node("u6x").right());
    // In a frame that needs no wrapping, members sit in the rows asked for.
    assert_eq!(node("r6").y - node("u6").y, 2.0 * (NODE_H + GAP));
    assert!(frame("a2").contains_rect(&node("r6")));
}

#[test]
fn a_hostile_name_of_many_thousand_characters_gets_at_most_four_lines_ending_in_an_ellipsis() {
    use super::node_box::{node_box, MAX_NAME_LINES};
    // Found by fuzzing a share link: an outside actor named with 180,000 spaces made every
    // scene derivation quadratic in the name. Only what four lines can show is measured.
    let spaces = " ".repeat(180_000);
    assert!(node_box("Outside actor", &spaces).lines.len() <= MAX_NAME_LINES);
    let words = "ab ".repeat(60_000);
    let b = node_box("Outside actor", &words);
    assert_eq!(b.lines.len(), MAX_NAME_LINES);
    assert!(
        b.lines.last().is_some_and(|l| l.ends_with('…')),
        "{:?}",
        b.lines
    );
}

#[test]
fn an_edge_from_a_frames_title_bar_never_strikes_through_the_title() {
    use super::route::{route_from_title_bar, FrameTitle};
    let frame = Rect::new(100.0, 50.0, 600.0, 300.0);
    let title = FrameTitle::of("Account 444455556666", "alias example-prod");
    // A role under the words: the arrow starts below both lines.
    let under = Rect::new(130.0, 50.0 + 64.0, 160.0, 56.0);
    let r = route_from_title_bar(&frame, title, &under);
    let (start, end) = (r.points[0], *r.points.last().expect("an end"));
    assert!(
        start.y >= frame.y + 46.0,
        "{start:?} is under the title lines"
    );
    assert_eq!(end.y, under.y, "the arrow ends on the role's top border");
    assert!(end.y - start.y >= 12.0, "room for the arrowhead");
    // A role beside the words: the arrow starts in the title bar, as long as it can be.
    let beside = Rect::new(450.0, 50.0 + 64.0, 160.0, 56.0);
    let r = route_from_title_bar(&frame, title, &beside);
    assert!(r.points[0].y < frame.y + 40.0, "starts in the bar");
    // One line of title: the arrow under it starts sooner.
    let short = FrameTitle::of("Account 444455556666", "");
    let r = route_from_title_bar(&frame, short, &under);
    assert!(r.points[0].y >= frame.y + 30.0 && r.points[0].y < frame.y + 46.0);
}
