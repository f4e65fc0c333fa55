//! Readable diagrams: whole names in nodes, chips and edge badges clear of everything else,
//! in every built-in scenario and the example a first visit shows.

use iam_playground::doc::command::Command;
use iam_playground::doc::document::Document;
use iam_playground::doc::editor::Editor;
use iam_playground::doc::geometry::labels::polyline_hits_rect;
use iam_playground::doc::geometry::node_box::{node_box, NAME_PX, TEXT_RIGHT, TEXT_X};
use iam_playground::doc::geometry::text::{text_width, wrap};
use iam_playground::doc::geometry::{Point, Rect};
use iam_playground::doc::scenario::{built_in, BUILT_IN};
use iam_playground::doc::scene::{LabelOwner, NodeKind, Scene};
use iam_playground::doc::tool::{InputEvent, Modifiers};

/// Every diagram the page ships with: the example a first visit shows and each built-in
/// scenario as it opens.
fn built_in_scenes() -> Vec<(String, Scene)> {
    let mut out = vec![("seed example".to_string(), Document::seed_example().scene())];
    for (slug, _) in BUILT_IN {
        let mut doc = built_in(slug).unwrap().unwrap().document;
        doc.ensure_layout();
        out.push((slug.to_string(), doc.scene()));
    }
    out
}

fn name_of(label: &str, noun: &str) -> String {
    label
        .strip_prefix(noun)
        .unwrap_or(label)
        .trim_start()
        .to_string()
}

#[test]
fn no_node_name_is_cut_in_any_built_in_scenario() {
    for (slug, scene) in built_in_scenes() {
        for n in scene.nodes.iter().filter(|n| !n.kind.is_frame()) {
            let name = name_of(&n.label, n.kind.noun());
            let drawn: String = n.name_lines.concat();
            assert_eq!(
                drawn.replace(' ', ""),
                name.replace(' ', ""),
                "{slug}: {}",
                n.label
            );
            assert!(!drawn.contains('…'), "{slug}: {} cut", n.label);
            for line in &n.name_lines {
                let room = n.rect.w - TEXT_X - TEXT_RIGHT;
                assert!(
                    text_width(line, NAME_PX) <= room,
                    "{slug}: {line:?} overflows a {} px node",
                    n.rect.w
                );
            }
        }
    }
}

#[test]
fn labels_never_overlap_each_other_a_node_or_another_edge_in_any_built_in_scenario() {
    let mut bad = Vec::new();
    for (slug, scene) in built_in_scenes() {
        let plain: Vec<_> = scene.nodes.iter().filter(|n| !n.kind.is_frame()).collect();
        for (i, l) in scene.labels.iter().enumerate() {
            let what = format!("{slug}: {:?} {:?} at {:?}", l.owner, l.badge.text, l.rect);
            for other in scene.labels.iter().skip(i + 1) {
                if l.rect.intersects(&other.rect) {
                    bad.push(format!("{what} overlaps {:?}", other.badge.text));
                }
            }
            for n in &plain {
                if l.rect.intersects(&n.rect) {
                    bad.push(format!("{what} overlaps node {}", n.label));
                }
            }
            for e in &scene.edges {
                if l.owner == LabelOwner::Edge(e.id.clone()) {
                    continue;
                }
                if polyline_hits_rect(&e.route.points, &l.rect) {
                    bad.push(format!("{what} lies on edge {}", e.label));
                }
            }
            for f in scene.nodes.iter().filter(|n| n.kind.is_frame()) {
                if f.rect.intersects(&l.rect) && !f.rect.contains_rect(&l.rect) {
                    bad.push(format!("{what} crosses the border of {}", f.label));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// How far `p` lies from `r` (0 inside it).
fn distance_to_rect(p: Point, r: &Rect) -> f64 {
    let dx = (r.x - p.x).max(p.x - r.right()).max(0.0);
    let dy = (r.y - p.y).max(p.y - r.bottom()).max(0.0);
    dx.hypot(dy)
}

/// A chip reads as belonging to the node nearest it: in the example a first visit opens,
/// WebServerRole's "trusted by ec2.amazonaws.com" once stood beside Deploy and read as
/// Deploy's trust, and alice's access-key chip stood under Developers.
#[test]
fn every_chip_stands_nearer_its_own_node_than_any_other_in_every_built_in_scenario() {
    let mut bad = Vec::new();
    for (slug, scene) in built_in_scenes() {
        let plain: Vec<_> = scene.nodes.iter().filter(|n| !n.kind.is_frame()).collect();
        for l in &scene.labels {
            let LabelOwner::Node(owner) = &l.owner else {
                continue;
            };
            let centre = l.rect.center();
            let Some(own) = plain.iter().find(|n| &n.id == owner) else {
                bad.push(format!("{slug}: {:?} has no node", l.badge.text));
                continue;
            };
            let mine = distance_to_rect(centre, &own.rect);
            for n in plain.iter().filter(|n| &n.id != owner) {
                let theirs = distance_to_rect(centre, &n.rect);
                if theirs <= mine {
                    bad.push(format!(
                        "{slug}: {}'s chip {:?} at {:?} is {theirs:.0} from {} and {mine:.0} from its own node",
                        own.label, l.badge.text, l.rect, n.label
                    ));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn every_badge_of_the_scene_is_placed_once() {
    for (slug, scene) in built_in_scenes() {
        let wanted = scene.nodes.iter().map(|n| n.badges.len()).sum::<usize>()
            + scene.edges.iter().map(|e| e.badges.len()).sum::<usize>();
        assert_eq!(scene.labels.len(), wanted, "{slug}");
    }
}

#[test]
fn nodes_do_not_overlap_in_any_built_in_scenario() {
    let mut bad = Vec::new();
    for (slug, scene) in built_in_scenes() {
        let plain: Vec<_> = scene.nodes.iter().filter(|n| !n.kind.is_frame()).collect();
        for (i, a) in plain.iter().enumerate() {
            for b in plain.iter().skip(i + 1) {
                if a.rect.intersects(&b.rect) {
                    bad.push(format!(
                        "{slug}: {} {:?} overlaps {} {:?}",
                        a.label, a.rect, b.label, b.rect
                    ));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn a_node_contained_in_a_frame_stays_inside_it_after_growing() {
    for (slug, scene) in built_in_scenes() {
        for n in &scene.nodes {
            let Some(frame) = n.account.as_ref().and_then(|f| scene.node(f)) else {
                continue;
            };
            assert!(
                frame.rect.contains_rect(&n.rect),
                "{slug}: {} sticks out of {}",
                n.label,
                frame.label
            );
        }
    }
}

#[test]
fn a_short_name_keeps_the_standard_node_width_and_one_line() {
    let b = node_box("User", "alice");
    assert_eq!(b.size.x, 160.0);
    assert_eq!(b.lines, vec!["alice".to_string()]);
}

#[test]
fn a_longer_name_widens_its_node_instead_of_being_cut() {
    let b = node_box("Role", "CrossAccountDeploy");
    assert_eq!(b.lines, vec!["CrossAccountDeploy".to_string()]);
    assert!(b.size.x > 160.0 && b.size.x <= 264.0, "{}", b.size.x);
}

#[test]
fn a_name_too_long_for_the_widest_node_wraps_at_its_dots() {
    let b = node_box("OIDC provider", "token.actions.githubusercontent.com");
    assert_eq!(
        b.lines,
        vec![
            "token.actions.".to_string(),
            "githubusercontent.com".to_string()
        ]
    );
    assert!(b.size.y > 56.0);
}

#[test]
fn wrapping_breaks_camel_case_and_keeps_every_character() {
    let lines = wrap(
        "VeryLongRoleNameForTheProductionDeployPipeline",
        120.0,
        14.0,
    );
    assert!(lines.len() > 1);
    assert_eq!(
        lines.concat(),
        "VeryLongRoleNameForTheProductionDeployPipeline"
    );
    assert!(
        lines.iter().all(|l| text_width(l, 14.0) <= 120.0),
        "{lines:?}"
    );
}

#[test]
fn the_width_table_is_wider_for_wide_letters() {
    assert!(text_width("WWWW", 14.0) > text_width("iiii", 14.0) * 2.0);
    // Something outside ASCII is still given room.
    assert!(text_width("東京", 14.0) >= 28.0);
}

/// No two nodes overlap, and no chip or edge badge lies on a node.
fn assert_apart(scene: &Scene) {
    let plain: Vec<_> = scene.nodes.iter().filter(|n| !n.kind.is_frame()).collect();
    for (i, a) in plain.iter().enumerate() {
        for b in plain.iter().skip(i + 1) {
            assert!(
                !a.rect.intersects(&b.rect),
                "{} {:?} overlaps {} {:?}",
                a.label,
                a.rect,
                b.label,
                b.rect
            );
        }
        for l in &scene.labels {
            assert!(
                !l.rect.intersects(&a.rect),
                "{:?} lies on {}",
                l.badge.text,
                a.label
            );
        }
    }
}

#[test]
fn adding_five_nodes_from_the_toolbar_gives_five_boxes_apart_near_the_view_centre() {
    let mut ed = Editor::new(Document::seed_example());
    let centre = ed.view.viewport.visible_world().center();
    let at = Point::new(centre.x - 80.0, centre.y - 40.0);
    for kind in [
        NodeKind::User,
        NodeKind::Role,
        NodeKind::User,
        NodeKind::Group,
        NodeKind::Role,
    ] {
        ed.apply(Command::AddNode { kind, at }).unwrap();
    }
    let scene = ed.scene();
    let added: Vec<_> = scene
        .nodes
        .iter()
        .filter(|n| {
            n.label.contains("user-") || n.label.contains("role-") || n.label.contains("group-")
        })
        .collect();
    assert_eq!(added.len(), 5);
    for n in &added {
        assert!(
            n.rect.center().distance(centre) < 600.0,
            "{} far away at {:?}",
            n.label,
            n.rect
        );
    }
    assert_apart(&scene);
}

#[test]
fn pressing_a_shortcut_five_times_at_one_spot_gives_five_boxes_apart() {
    let mut ed = Editor::new(Document::seed_example());
    ed.handle(&InputEvent::PointerMove {
        screen: Point::new(900.0, 300.0),
        mods: Modifiers::default(),
    });
    for _ in 0..5 {
        ed.handle(&InputEvent::Key {
            key: "u".into(),
            mods: Modifiers::default(),
        });
    }
    let scene = ed.scene();
    assert_eq!(
        scene
            .nodes
            .iter()
            .filter(|n| n.label.starts_with("User user-"))
            .count(),
        5
    );
    assert_apart(&scene);
}

#[test]
fn new_accounts_do_not_land_on_each_other() {
    let mut ed = Editor::new(Document::empty());
    for _ in 0..3 {
        ed.apply(Command::AddNode {
            kind: NodeKind::Account,
            at: Point::new(100.0, 100.0),
        })
        .unwrap();
    }
    let frames: Vec<Rect> = ed.scene().nodes.iter().map(|n| n.rect).collect();
    assert_eq!(frames.len(), 3);
    for (i, a) in frames.iter().enumerate() {
        for b in frames.iter().skip(i + 1) {
            assert!(!a.intersects(b), "{a:?} overlaps {b:?}");
        }
    }
}

/// On a phone's canvas no built-in scenario opens on an empty account-frame corner: fitting
/// at a readable size shows at least one node whole-centred, and names stay 12 px or more.
#[test]
fn fitting_on_a_phone_canvas_shows_a_node_in_every_built_in_scenario() {
    use iam_playground::doc::scenario::{built_in, BUILT_IN};
    for (slug, _) in BUILT_IN {
        let story = built_in(slug).unwrap().unwrap();
        let mut ed = Editor::new(story.document);
        ed.view.viewport.size = Point::new(390.0, 405.0);
        ed.fit();
        let visible = ed.view.viewport.visible_world();
        let scene = ed.scene();
        assert!(
            scene
                .nodes
                .iter()
                .filter(|n| !n.kind.is_frame())
                .any(|n| visible.contains(n.rect.center())),
            "{slug}: no node in view"
        );
        assert!(
            ed.view.viewport.zoom
                >= iam_playground::doc::geometry::viewport::MIN_READABLE_ZOOM - 1e-9,
            "{slug}: names under 12 px"
        );
    }
}
