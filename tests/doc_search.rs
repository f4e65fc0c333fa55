//! Finding a node in an imported account (tests/gaad/cli_single_account.json) by name, ARN or
//! id, cycling through matches, and bringing the one found into view, selected.

use iam_playground::doc::document::Document;
use iam_playground::doc::editor::Editor;
use iam_playground::doc::geometry::viewport::{Viewport, MIN_READABLE_ZOOM};
use iam_playground::doc::geometry::{Point, Rect};
use iam_playground::doc::scene::{NodeId, NodeKind};
use iam_playground::doc::search::{find_nodes, next_match, reveal};
use iam_playground::doc::tool::InputEvent;

fn imported() -> Document {
    let text = std::fs::read_to_string(format!(
        "{}/tests/gaad/cli_single_account.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    Document::from_gaad(&[&text]).unwrap()
}

fn kind_of(doc: &Document, id: &NodeId) -> NodeKind {
    doc.scene().node(id).unwrap().kind
}

#[test]
fn a_role_is_found_by_its_name_ignoring_case_and_spaces() {
    let doc = imported();
    let found = find_nodes(&doc.scene(), "  deploy ");
    let first = found.first().expect("Deploy is found");
    assert_eq!(first.0, "AROAEXAMPLEDEPLOY0001");
    assert_eq!(kind_of(&doc, first), NodeKind::Role);
}

#[test]
fn an_exact_name_ranks_before_names_that_only_start_with_it() {
    let doc = imported();
    let scene = doc.scene();
    // `WebServerRole` contains `role`, and ARNs of every role contain `:role/`: the node whose
    // name starts with the query still comes first.
    let found = find_nodes(&scene, "web");
    let names: Vec<String> = found
        .iter()
        .map(|id| scene.node(id).unwrap().label.clone())
        .collect();
    assert!(
        names.first().is_some_and(|n| n.contains("WebServer")),
        "{names:?}"
    );
    let deploy_first = find_nodes(&scene, "Deploy");
    assert_eq!(deploy_first.first().unwrap().0, "AROAEXAMPLEDEPLOY0001");
}

#[test]
fn a_pasted_arn_or_unique_id_finds_exactly_its_node_first() {
    let doc = imported();
    let scene = doc.scene();
    let by_arn = find_nodes(&scene, "arn:aws:iam::111122223333:user/eng/bob");
    assert_eq!(
        scene.node(by_arn.first().unwrap()).unwrap().detail,
        "arn:aws:iam::111122223333:user/eng/bob"
    );
    let by_id = find_nodes(&scene, "aidaexamplealice0001");
    assert_eq!(by_id.first().unwrap().0, "AIDAEXAMPLEALICE0001");
}

#[test]
fn part_of_an_arn_finds_every_node_under_that_path() {
    let doc = imported();
    let found = find_nodes(&doc.scene(), ":role/");
    assert!(found.len() >= 2, "{found:?}");
    assert!(found.iter().all(|id| kind_of(&doc, id) == NodeKind::Role));
}

#[test]
fn an_empty_or_unmatched_query_finds_nothing() {
    let doc = imported();
    assert!(find_nodes(&doc.scene(), "   ").is_empty());
    assert!(find_nodes(&doc.scene(), "no-such-thing-anywhere").is_empty());
}

#[test]
fn enter_cycles_through_the_matches_and_wraps_round() {
    let m = vec![NodeId::new("a"), NodeId::new("b"), NodeId::new("c")];
    assert_eq!(next_match(&m, None), Some(NodeId::new("a")));
    assert_eq!(
        next_match(&m, Some(&NodeId::new("a"))),
        Some(NodeId::new("b"))
    );
    assert_eq!(
        next_match(&m, Some(&NodeId::new("c"))),
        Some(NodeId::new("a"))
    );
    assert_eq!(
        next_match(&m, Some(&NodeId::new("x"))),
        Some(NodeId::new("a"))
    );
    assert_eq!(next_match(&[], None), None);
}

#[test]
fn a_node_already_in_view_keeps_the_view() {
    let view = Viewport {
        origin: Point::new(0.0, 0.0),
        zoom: 1.0,
        size: Point::new(800.0, 600.0),
    };
    let rect = Rect::new(100.0, 100.0, 160.0, 60.0);
    assert_eq!(reveal(&view, &rect, MIN_READABLE_ZOOM), view);
}

#[test]
fn a_node_out_of_view_is_centred_at_a_readable_size() {
    let view = Viewport {
        origin: Point::new(0.0, 0.0),
        zoom: 0.1,
        size: Point::new(800.0, 600.0),
    };
    let rect = Rect::new(9000.0, 7000.0, 160.0, 60.0);
    let next = reveal(&view, &rect, MIN_READABLE_ZOOM);
    assert!(next.zoom >= MIN_READABLE_ZOOM);
    assert!(next.visible_world().contains_rect(&rect));
    let centre = next.world_to_screen(rect.center());
    assert!((centre.x - 400.0).abs() < 1.0 && (centre.y - 300.0).abs() < 1.0);
}

#[test]
fn revealing_a_found_role_on_a_phone_sized_canvas_selects_it_and_shows_it() {
    let mut editor = Editor::new(imported());
    editor.handle(&InputEvent::Resize {
        width: 390.0,
        height: 420.0,
    });
    editor.fit();
    let id = find_nodes(editor.scene_ref(), "WebServerRole")
        .first()
        .cloned()
        .unwrap();
    let undo_before = editor.undo_label().map(str::to_string);
    assert!(editor.reveal(&id));
    assert_eq!(editor.view.selection, vec![id.clone()]);
    let rect = editor.scene_ref().node(&id).unwrap().rect;
    assert!(editor.view.viewport.visible_world().contains_rect(&rect));
    assert!(editor.view.viewport.zoom >= MIN_READABLE_ZOOM);
    // Finding is looking, not editing: nothing to undo.
    assert_eq!(editor.undo_label().map(str::to_string), undo_before);
    assert!(!editor.reveal(&NodeId::new("AROANOSUCHROLE")));
}

#[test]
fn dismissing_the_import_report_is_one_undoable_step() {
    let mut editor = Editor::new(imported());
    assert!(editor.doc().import_report.is_some());
    editor
        .apply(iam_playground::doc::command::Command::DismissImportReport)
        .unwrap();
    assert!(editor.doc().import_report.is_none());
    editor.undo();
    assert!(editor.doc().import_report.is_some());
}

/// On a projector a found node is brought in at the size names are presented at (1.8 % of
/// the screen's height), not the desk's smallest readable size.
#[test]
fn a_node_found_while_presenting_is_shown_at_the_presented_size() {
    use iam_playground::doc::geometry::viewport::Readable;
    let mut editor = Editor::new(imported());
    editor.handle(&InputEvent::Resize {
        width: 1280.0,
        height: 660.0,
    });
    editor.set_readable(Readable::presenting(720.0));
    editor.view.viewport.zoom = 0.2;
    let id = find_nodes(editor.scene_ref(), "WebServerRole")
        .first()
        .cloned()
        .unwrap();
    assert!(editor.reveal(&id));
    let wanted = Readable::presenting(720.0).min_zoom;
    assert!(
        wanted > MIN_READABLE_ZOOM,
        "presenting asks for more than a desk"
    );
    assert!(
        editor.view.viewport.zoom >= wanted,
        "zoom {} is under the presented size {wanted}",
        editor.view.viewport.zoom
    );
    let rect = editor.scene_ref().node(&id).unwrap().rect;
    assert!(editor.view.viewport.visible_world().contains_rect(&rect));
}
