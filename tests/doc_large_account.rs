//! Real accounts are big: an imported account of a thousand users, groups and roles is laid
//! out, labelled and dragged with the same results a small drawing gets (the complexity
//! fixes behind that must not change what is drawn). No timings here: the benchmarks
//! (`cargo bench --bench gaad`, `e2e/bench/import.mjs`) measure speed.

// The page's code sorts with `sim::sorting` (clippy.toml); tests may use the standard sorts.
#![allow(clippy::disallowed_methods)]

use iam_playground::doc::document::Document;
use iam_playground::doc::editor::Editor;
use iam_playground::doc::geometry::grid::Grid;
use iam_playground::doc::geometry::labels::polyline_hits_rect;
use iam_playground::doc::geometry::{Point, Rect};
use iam_playground::doc::scene::{LabelOwner, NodeId, NodeKind, NodeView, Scene};
use iam_playground::doc::tool::{Button, InputEvent, Modifiers};
use proptest::prelude::*;
use std::rc::Rc;

mod large_support;

use large_support::{gaad, ACCOUNT};

fn plain(scene: &Scene) -> Vec<(String, Rect)> {
    scene
        .nodes
        .iter()
        .filter(|n| !n.kind.is_frame())
        .map(|n| (n.label.clone(), n.rect))
        .collect()
}

#[test]
fn a_thousand_entity_account_is_laid_out_inside_its_frame_with_no_two_nodes_overlapping() {
    let doc = large_support::expanded(&gaad(400, 100, 500));
    let scene = doc.scene();
    let nodes = plain(&scene);
    // 400 users, 100 groups, 500 roles and an EC2 instance per instance profile.
    assert_eq!(nodes.len(), 1050);
    let frame = scene.node(&NodeId::new(ACCOUNT)).map(|f| f.rect).unwrap();
    for (label, r) in &nodes {
        assert!(frame.contains_rect(r), "{label} sits outside its account");
    }
    // Sorted by x, so only nodes of the same column are compared.
    let mut by_x = nodes.clone();
    by_x.sort_by(|a, b| a.1.x.total_cmp(&b.1.x));
    for (i, (a, ra)) in by_x.iter().enumerate() {
        for (b, rb) in by_x
            .iter()
            .skip(i + 1)
            .take_while(|(_, rb)| rb.x <= ra.right())
        {
            let overlap =
                ra.x < rb.right() && rb.x < ra.right() && ra.y < rb.bottom() && rb.y < ra.bottom();
            assert!(!overlap, "{a} overlaps {b}");
        }
    }
    // Every trust becomes an edge, every membership too.
    assert_eq!(scene.edges.len(), 500 + 800 + 50);
}

#[test]
fn every_chip_of_a_large_account_is_placed_next_to_its_node() {
    let doc = large_support::expanded(&gaad(150, 40, 200));
    let scene = doc.scene();
    let mut chips = 0;
    for n in scene.nodes.iter().filter(|n| !n.kind.is_frame()) {
        let mine: Vec<&Rect> = scene
            .labels
            .iter()
            .filter(|l| l.owner == LabelOwner::Node(n.id.clone()))
            .map(|l| &l.rect)
            .collect();
        assert_eq!(mine.len(), n.badges.len(), "chips of {}", n.label);
        // The farthest spot tried is eight steps of 16 px away, or a chip block's width to
        // the left (scene/place.rs).
        let near = n.rect.inflate(400.0);
        assert!(
            mine.iter().all(|c| near.contains_rect(c)),
            "a chip of {} strayed",
            n.label
        );
        chips += mine.len();
    }
    // Each user says "no credentials", each role "no credentials until assumed".
    assert!(chips >= 350, "{chips} chips");
}

fn drag(ed: &mut Editor, from: Point, to: Point, steps: u32) {
    let mods = Modifiers::default();
    ed.handle(&InputEvent::PointerDown {
        screen: from,
        button: Button::Primary,
        mods,
    });
    for i in 1..=steps {
        let t = f64::from(i) / f64::from(steps);
        let screen = Point::new(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
        ed.handle(&InputEvent::PointerMove { screen, mods });
    }
    ed.handle(&InputEvent::PointerUp {
        screen: to,
        button: Button::Primary,
        mods,
    });
}

/// An editor over an expanded account of 150 users, 40 groups and 200 roles on a
/// 1400×800 canvas, and its role `role-7`.
fn editor_with_role_7() -> (Editor, Rc<NodeView>) {
    let doc = large_support::expanded(&gaad(150, 40, 200));
    let mut ed = Editor::new(doc);
    ed.handle(&InputEvent::Resize {
        width: 1400.0,
        height: 800.0,
    });
    let role = ed
        .scene_ref()
        .nodes
        .iter()
        .find(|n| n.label == "Role role-7")
        .cloned()
        .unwrap();
    (ed, role)
}

#[test]
fn dragging_a_role_in_a_large_account_is_one_undo_step_and_draws_what_a_fresh_scene_draws() {
    let (mut ed, role) = editor_with_role_7();
    assert!(ed.reveal(&role.id));
    let at = ed.view.viewport.world_to_screen(role.rect.center());
    let before = ed.doc().clone();
    drag(&mut ed, at, Point::new(at.x + 90.0, at.y + 40.0), 12);
    let moved = ed.scene_ref().node(&role.id).map(|n| n.rect).unwrap();
    assert_ne!(moved.origin(), role.rect.origin());
    // The world is untouched by a move; only the layout changed.
    assert_eq!(*ed.doc().world, *before.world);
    assert_eq!(*ed.scene_ref(), ed.doc().scene());
    assert_eq!(ed.undo_label(), Some("Move"));
    ed.undo();
    assert_eq!(*ed.doc(), before);
    assert_eq!(ed.undo_label(), None);
}

/// Brings `node` into view, presses on it and moves once (the drag has begun), then returns
/// the scene before and after one more move, and where the still-pressed pointer is.
fn one_move_mid_drag(ed: &mut Editor, node: &NodeView) -> (Rc<Scene>, Rc<Scene>, Point) {
    assert!(ed.reveal(&node.id));
    let at = ed.view.viewport.world_to_screen(node.rect.center());
    let mods = Modifiers::default();
    ed.handle(&InputEvent::PointerDown {
        screen: at,
        button: Button::Primary,
        mods,
    });
    ed.handle(&InputEvent::PointerMove {
        screen: Point::new(at.x + 12.0, at.y + 4.0),
        mods,
    });
    let before = ed.scene_shared();
    let to = Point::new(at.x + 40.0, at.y + 16.0);
    ed.handle(&InputEvent::PointerMove { screen: to, mods });
    (before, ed.scene_shared(), to)
}

/// Asserts every node of `after` but `moved` (and the frames, which may grow) is the very
/// node `before` held, not a copy or a fresh derivation; returns how many were compared.
fn untouched_nodes_are_shared(before: &Scene, after: &Scene, moved: &NodeId) -> usize {
    let old: std::collections::HashMap<_, _> = before.nodes.iter().map(|n| (&n.id, n)).collect();
    let untouched = after
        .nodes
        .iter()
        .filter(|n| !n.kind.is_frame() && &n.id != moved);
    let mut compared = 0;
    for n in untouched {
        assert!(
            Rc::ptr_eq(n, old[&n.id]),
            "{} was copied or derived again though it did not move",
            n.label
        );
        compared += 1;
    }
    compared
}

/// A move inside a drag copies only what moved: every other node and every edge it does not
/// touch stays the very same value the canvas drew before (shared, so the canvas skips it
/// by pointer), which is what keeps a drag among a thousand nodes within a frame.
#[test]
fn a_move_in_a_large_account_rebuilds_only_the_moved_node_and_its_edges() {
    let (mut ed, role) = editor_with_role_7();
    let (before, after, _) = one_move_mid_drag(&mut ed, &role);
    assert_ne!(
        before.node(&role.id),
        after.node(&role.id),
        "the role moved"
    );
    let shared = untouched_nodes_are_shared(&before, &after, &role.id);
    assert!(shared > 300, "{shared} nodes compared");
    let frames: Vec<&NodeId> = after
        .nodes
        .iter()
        .filter(|n| n.kind.is_frame())
        .map(|n| &n.id)
        .collect();
    for (e, was) in after.edges.iter().zip(before.edges.iter()) {
        assert_eq!(e.id, was.id);
        if e.from == role.id || e.to == role.id {
            assert_ne!(e.route, was.route, "{} follows the role", e.label);
        } else if !frames.contains(&&e.from) {
            assert!(
                Rc::ptr_eq(e, was),
                "{} was copied though nothing of it moved",
                e.label
            );
        }
    }
}

/// The overview an import opens with folds a thousand entities into a few cluster nodes;
/// dragging one still moves the scene rather than reading every trust policy again on each
/// move, and the drag's end draws what a fresh scene draws.
#[test]
fn dragging_a_collapsed_cluster_moves_the_scene_and_ends_as_a_fresh_scene() {
    let doc = Document::from_gaad(&[gaad(150, 40, 200).as_str()]).unwrap();
    let mut ed = Editor::new(doc);
    ed.handle(&InputEvent::Resize {
        width: 1400.0,
        height: 800.0,
    });
    let scene = ed.scene_shared();
    assert!(
        !scene.is_large() && scene.is_costly(),
        "{} nodes drawn",
        scene.nodes.len()
    );
    let roles = scene
        .nodes
        .iter()
        .find(|n| n.label.contains("200 roles"))
        .cloned()
        .unwrap_or_else(|| panic!("no roles cluster in {:?}", plain(&scene)));
    let (before, after, at) = one_move_mid_drag(&mut ed, &roles);
    assert_ne!(
        before.node(&roles.id),
        after.node(&roles.id),
        "the cluster moved"
    );
    let shared = untouched_nodes_are_shared(&before, &after, &roles.id);
    assert!(shared > 0, "{shared} nodes compared");
    ed.handle(&InputEvent::PointerUp {
        screen: at,
        button: Button::Primary,
        mods: Modifiers::default(),
    });
    assert_eq!(*ed.scene_ref(), ed.doc().scene());
    assert_eq!(ed.undo_label(), Some("Move"));
}

proptest! {
    /// The grid may propose too much, never too little: every rectangle and segment that
    /// touches a query rectangle is among those it returns.
    #[test]
    fn the_grid_proposes_everything_a_rectangle_touches(
        rects in prop::collection::vec((-3000.0f64..3000.0, -3000.0f64..3000.0, 0.0f64..600.0, 0.0f64..300.0), 1..40),
        segments in prop::collection::vec((-3000.0f64..3000.0, -3000.0f64..3000.0, -3000.0f64..3000.0, -3000.0f64..3000.0), 1..40),
        query in (-3000.0f64..3000.0, -3000.0f64..3000.0, 0.0f64..200.0, 0.0f64..100.0),
        slack in 0.0f64..400.0,
    ) {
        let q = Rect::new(query.0, query.1, query.2, query.3);
        let mut grid = Grid::new();
        let rects: Vec<Rect> = rects.into_iter().map(|(x, y, w, h)| Rect::new(x, y, w, h)).collect();
        for (i, r) in rects.iter().enumerate() {
            grid.insert(i, r);
        }
        let near = grid.near(&q);
        for (i, r) in rects.iter().enumerate() {
            if r.intersects(&q) {
                prop_assert!(near.contains(&i), "rectangle {i} touches but was not proposed");
            }
        }
        let mut lines = Grid::new();
        let segs: Vec<[Point; 2]> = segments.into_iter().map(|(a, b, c, d)| [Point::new(a, b), Point::new(c, d)]).collect();
        for (i, [a, b]) in segs.iter().enumerate() {
            lines.insert_segment(i, *a, *b);
        }
        let near = lines.near(&q);
        for (i, s) in segs.iter().enumerate() {
            if polyline_hits_rect(s, &q) {
                prop_assert!(near.contains(&i), "segment {i} touches but was not proposed");
            }
        }
        // Filed only within a region around the query (what label placement asks about),
        // the segments still cover every cell the query can reach.
        let within = q.inflate(slack);
        let mut clipped = Grid::new();
        for (i, [a, b]) in segs.iter().enumerate() {
            clipped.insert_segment_within(i, *a, *b, &within);
        }
        let near = clipped.near(&q);
        for (i, s) in segs.iter().enumerate() {
            if polyline_hits_rect(s, &q) {
                prop_assert!(near.contains(&i), "segment {i} touches but was not proposed once clipped to {within:?}");
            }
        }
    }
}

#[test]
fn kinds_in_a_large_account_read_from_its_ids() {
    let doc = Document::from_gaad(&[&gaad(10, 3, 12)]).unwrap();
    let scene = doc.scene();
    let roles = scene
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Role)
        .count();
    assert_eq!(roles, 12);
}
