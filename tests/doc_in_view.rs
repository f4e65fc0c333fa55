//! A large diagram is drawn only where it shows: the frames, nodes, edges and labels that
//! cross the view (and a margin), the focused and selected nodes and those of a played call
//! wherever they are; a small one is drawn whole. Tab still walks every node, and the view
//! follows it.

mod large_support;

use iam_playground::doc::editor::Editor;
use iam_playground::doc::geometry::labels::polyline_hits_rect;
use iam_playground::doc::geometry::route::Route;
use iam_playground::doc::geometry::{Point, Rect};
use iam_playground::doc::scene::{
    EdgeId, EdgeKind, EdgeView, InView, NodeId, NodeKind, NodeView, Scene, LARGE_SCENE,
};
use iam_playground::doc::tool::{Button, InputEvent, Modifiers};
use large_support::gaad;
use std::collections::HashSet;

/// An imported account of 1,050 nodes, on a 1400 x 860 canvas, fitted as on opening.
fn large_account() -> Editor {
    let mut ed = Editor::new(large_support::expanded(&gaad(400, 100, 500)));
    ed.handle(&InputEvent::Resize {
        width: 1400.0,
        height: 860.0,
    });
    ed.fit();
    ed
}

fn ids(scene: &Scene, drawn: &[usize]) -> HashSet<NodeId> {
    drawn
        .iter()
        .filter_map(|i| scene.nodes.get(*i))
        .map(|n| n.id.clone())
        .collect()
}

#[test]
fn only_nodes_and_edges_crossing_the_view_are_drawn_in_a_large_account() {
    let ed = large_account();
    let scene = ed.scene_ref();
    assert!(scene.is_large());
    let drawn = scene.to_draw(&ed.view, &[]);
    let area = scene.draw_area(&ed.view.viewport).unwrap();
    let visible = ed.view.viewport.visible_world();
    assert!(area.contains_rect(&visible));
    for (i, n) in scene.nodes.iter().enumerate() {
        assert_eq!(
            drawn.nodes.contains(&i),
            n.rect.intersects(&area),
            "{}",
            n.label
        );
    }
    for (i, e) in scene.edges.iter().enumerate() {
        assert_eq!(
            drawn.edges.contains(&i),
            polyline_hits_rect(&e.route.points, &area),
            "{}",
            e.label
        );
    }
    for (i, l) in scene.labels.iter().enumerate() {
        assert_eq!(drawn.labels.contains(&i), l.rect.intersects(&area));
    }
    // Paint order is kept: frames first, as in the scene.
    assert!(drawn.nodes.windows(2).all(|w| w[0] < w[1]));
    let plain = |list: &[usize]| {
        list.iter()
            .filter_map(|i| scene.nodes.get(*i))
            .filter(|n| !n.kind.is_frame())
            .count()
    };
    let shown = plain(&drawn.nodes);
    assert!(shown > 0, "the fitted view shows nodes");
    assert!(
        shown * 4 < plain(&InView::all(scene).nodes),
        "{shown} of 1,050 nodes drawn"
    );
    assert!(!drawn.edges.is_empty() && drawn.edges.len() * 4 < scene.edges.len());
}

fn node(id: &str, rect: Rect) -> std::rc::Rc<NodeView> {
    std::rc::Rc::new(NodeView {
        id: NodeId::new(id),
        kind: NodeKind::Role,
        label: format!("Role {id}"),
        detail: String::new(),
        name_lines: vec![id.to_string()],
        rect,
        account: None,
        badges: vec![],
    })
}

fn edge(from: &str, to: &str, points: Vec<Point>) -> std::rc::Rc<EdgeView> {
    let id = EdgeId {
        from: NodeId::new(from),
        to: NodeId::new(to),
        kind: EdgeKind::Trusts,
    };
    std::rc::Rc::new(EdgeView {
        kind: id.kind,
        from: id.from.clone(),
        to: id.to.clone(),
        label: format!("{from} may assume {to}"),
        badges: vec![],
        route: Route {
            mid: points.first().copied().unwrap_or(Point::new(0.0, 0.0)),
            points,
            end_angle: 0.0,
        },
        id,
    })
}

#[test]
fn an_edge_between_two_off_screen_nodes_that_crosses_the_view_is_drawn() {
    let scene = Scene {
        nodes: vec![
            node("west", Rect::new(-2000.0, -40.0, 180.0, 80.0)),
            node("east", Rect::new(2000.0, -40.0, 180.0, 80.0)),
            node("south", Rect::new(-2000.0, 2000.0, 180.0, 80.0)),
        ],
        edges: vec![
            // Straight across the view.
            edge(
                "west",
                "east",
                vec![Point::new(-1820.0, 0.0), Point::new(2000.0, 0.0)],
            ),
            // Around it: its bounding box holds the view, none of its segments cross it.
            edge(
                "south",
                "east",
                vec![
                    Point::new(-1910.0, 2000.0),
                    Point::new(-1910.0, -1000.0),
                    Point::new(2090.0, -1000.0),
                    Point::new(2090.0, -40.0),
                ],
            ),
            // Far below it.
            edge(
                "south",
                "west",
                vec![Point::new(-1910.0, 2000.0), Point::new(-1910.0, 40.0)],
            ),
        ],
        labels: vec![],
        ..Scene::default()
    };
    let drawn = scene.in_view(Rect::new(-500.0, -300.0, 1000.0, 600.0), |_| false);
    assert_eq!(drawn.edges, vec![0]);
    assert!(drawn.nodes.is_empty());
}

#[test]
fn the_focused_and_selected_nodes_and_those_of_a_played_call_are_always_drawn() {
    let mut ed = large_account();
    let scene = ed.scene();
    let area = scene.draw_area(&ed.view.viewport).unwrap();
    let mut far = scene
        .nodes
        .iter()
        .filter(|n| !n.kind.is_frame() && !n.rect.intersects(&area))
        .map(|n| n.id.clone());
    let (focused, selected, failed) = (far.next().unwrap(), far.next().unwrap(), far.next());
    let failed = failed.unwrap();
    let nobody = ids(&scene, &scene.to_draw(&ed.view, &[]).nodes);
    assert!(!nobody.contains(&focused) && !nobody.contains(&selected));
    ed.view.focused = Some(focused.clone());
    ed.view.selection = vec![selected.clone()];
    let drawn = ids(&scene, &scene.to_draw(&ed.view, &[&failed]).nodes);
    assert!(drawn.contains(&focused), "the focused node");
    assert!(drawn.contains(&selected), "a selected node");
    assert!(drawn.contains(&failed), "where the call was refused");
    assert_eq!(drawn.len(), nobody.len() + 3);
}

#[test]
fn a_small_diagram_draws_everything_wherever_the_view_is() {
    let mut ed = Editor::new(large_support::expanded(&gaad(60, 10, 80)));
    assert!(ed.scene_ref().nodes.len() <= LARGE_SCENE);
    ed.view.viewport.origin = Point::new(90_000.0, 90_000.0);
    let scene = ed.scene_ref();
    assert_eq!(scene.draw_area(&ed.view.viewport), None);
    assert_eq!(scene.to_draw(&ed.view, &[]), InView::all(scene));
    assert_eq!(
        InView::all(scene).nodes.len(),
        scene.nodes.len(),
        "every node"
    );
}

#[test]
fn panning_a_large_account_draws_what_comes_into_view() {
    let mut ed = large_account();
    let before = ids(ed.scene_ref(), &ed.scene_ref().to_draw(&ed.view, &[]).nodes);
    // A middle-button drag of a whole canvas width to the left: the account is laid out in
    // a long band, the pan shows more of it.
    let mods = Modifiers::default();
    let (from, to) = (Point::new(1390.0, 400.0), Point::new(10.0, 400.0));
    ed.handle(&InputEvent::PointerDown {
        screen: from,
        button: Button::Middle,
        mods,
    });
    ed.handle(&InputEvent::PointerMove { screen: to, mods });
    ed.handle(&InputEvent::PointerUp {
        screen: to,
        button: Button::Middle,
        mods,
    });
    let scene = ed.scene_ref();
    let after = ids(scene, &scene.to_draw(&ed.view, &[]).nodes);
    let visible = ed.view.viewport.visible_world();
    let newly: Vec<&NodeView> = scene
        .nodes
        .iter()
        .map(|n| &**n)
        .filter(|n| !before.contains(&n.id) && n.rect.intersects(&visible))
        .collect();
    assert!(!newly.is_empty(), "the pan shows other nodes");
    assert!(newly.iter().all(|n| after.contains(&n.id)));
}

fn tab(ed: &mut Editor) {
    ed.handle(&InputEvent::Key {
        key: "Tab".into(),
        mods: Modifiers::default(),
    });
}

#[test]
fn tab_walks_every_node_of_a_large_account() {
    let ed = large_account();
    let scene = ed.scene_ref();
    let order: HashSet<NodeId> = scene.reading_order().into_iter().collect();
    let all: HashSet<NodeId> = scene.nodes.iter().map(|n| n.id.clone()).collect();
    assert_eq!(order, all);
}

#[test]
fn tabbing_to_a_node_outside_the_view_brings_it_into_view_and_draws_it() {
    let mut ed = large_account();
    let order = ed.scene_ref().reading_order();
    let rect = |ed: &Editor, id: &NodeId| ed.scene_ref().node(id).map(|n| n.rect).unwrap();
    // A role in the middle of the account, focused, then the view taken far away.
    let at = order
        .iter()
        .position(|id| ed.scene_ref().node(id).unwrap().label == "Role role-250")
        .unwrap();
    let next = order.get(at + 1).unwrap().clone();
    assert!(ed.reveal(order.get(at).unwrap()));
    ed.view.viewport.origin = Point::new(-90_000.0, -90_000.0);
    assert!(!ed
        .view
        .viewport
        .visible_world()
        .intersects(&rect(&ed, &next)));
    tab(&mut ed);
    assert_eq!(ed.view.focused.as_ref(), Some(&next));
    assert!(ed
        .view
        .viewport
        .visible_world()
        .contains_rect(&rect(&ed, &next)));
    let drawn = ed.scene_ref().to_draw(&ed.view, &[]);
    let drawn = ids(ed.scene_ref(), &drawn.nodes);
    assert!(drawn.contains(&next));
    // A node already in view: the view stays where it is.
    let view = ed.view.viewport;
    let after = order.get(at + 2).unwrap().clone();
    let inside = view.visible_world().inflate(-60.0);
    assert!(
        inside.contains_rect(&rect(&ed, &after)),
        "a neighbour shows"
    );
    tab(&mut ed);
    assert_eq!(ed.view.focused.as_ref(), Some(&after));
    assert_eq!(ed.view.viewport, view);
}
