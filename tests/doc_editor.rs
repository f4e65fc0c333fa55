//! The editor driven by pointer and keyboard event sequences, as the UI drives it.

use iam_playground::doc::command::Command;
use iam_playground::doc::document::Document;
use iam_playground::doc::editor::Editor;
use iam_playground::doc::geometry::Point;
use iam_playground::doc::scene::{NodeId, NodeKind, Tone};
use iam_playground::doc::tool::{Button, InputEvent, Modifiers, Tool};

fn editor() -> Editor {
    // Default viewport: origin (0, 0), zoom 1, so screen and world coordinates coincide.
    Editor::new(Document::seed_example())
}

/// A point well inside the node labelled `label` (near its top-left, clear of its handles).
fn inside(ed: &Editor, label: &str) -> (f64, f64) {
    let r = ed.scene().node(&id_of(ed, label)).unwrap().rect;
    (r.x + 28.0, r.y + 20.0)
}

/// The connection handle of the node labelled `label`: the middle of its right border,
/// shown once it is selected.
fn right_handle(ed: &Editor, label: &str) -> (f64, f64) {
    let r = ed.scene().node(&id_of(ed, label)).unwrap().rect;
    (r.right(), r.center().y)
}

fn id_of(ed: &Editor, label: &str) -> NodeId {
    ed.scene()
        .nodes
        .iter()
        .find(|n| n.label == label)
        .map(|n| n.id.clone())
        .unwrap()
}

fn down(x: f64, y: f64) -> InputEvent {
    InputEvent::PointerDown {
        screen: Point::new(x, y),
        button: Button::Primary,
        mods: Modifiers::default(),
    }
}
fn mv(x: f64, y: f64) -> InputEvent {
    InputEvent::PointerMove {
        screen: Point::new(x, y),
        mods: Modifiers::default(),
    }
}
fn up(x: f64, y: f64) -> InputEvent {
    InputEvent::PointerUp {
        screen: Point::new(x, y),
        button: Button::Primary,
        mods: Modifiers::default(),
    }
}
fn key(k: &str) -> InputEvent {
    InputEvent::Key {
        key: k.into(),
        mods: Modifiers::default(),
    }
}
fn ctrl(k: &str) -> InputEvent {
    InputEvent::Key {
        key: k.into(),
        mods: Modifiers {
            ctrl: true,
            ..Modifiers::default()
        },
    }
}

fn feed(ed: &mut Editor, events: &[InputEvent]) {
    for e in events {
        ed.handle(e);
    }
}

fn alice_arn(ed: &Editor) -> String {
    ed.doc()
        .world
        .users
        .values()
        .find(|u| u.user_name == "alice")
        .unwrap()
        .arn
        .clone()
}

#[test]
fn a_drag_is_one_undo_entry_and_undo_restores_the_position() {
    let mut ed = editor();
    let start = ed.doc().clone();
    feed(
        &mut ed,
        &[
            down(100.0, 180.0),
            mv(110.0, 190.0),
            mv(140.0, 230.0),
            mv(150.0, 250.0),
            up(150.0, 250.0),
        ],
    );
    assert_ne!(ed.doc(), &start);
    assert_eq!(ed.undo_label(), Some("Move"));
    ed.handle(&ctrl("z"));
    assert_eq!(ed.doc(), &start);
    assert_eq!(ed.undo_label(), None, "the whole drag was one entry");
    let shift_ctrl_z = InputEvent::Key {
        key: "Z".into(),
        mods: Modifiers {
            ctrl: true,
            shift: true,
            ..Modifiers::default()
        },
    };
    ed.handle(&shift_ctrl_z);
    assert_ne!(ed.doc(), &start);
}

#[test]
fn a_drag_changes_only_where_things_sit_and_keeps_the_same_world() {
    let mut ed = editor();
    let start = ed.doc().clone();
    feed(&mut ed, &[down(100.0, 180.0), mv(140.0, 230.0)]);
    let mid_drag = ed.doc().clone();
    feed(&mut ed, &[mv(150.0, 250.0), up(150.0, 250.0)]);
    assert_ne!(ed.doc(), &start, "the node moved");
    assert!(start.same_apart_from_layout(&mid_drag));
    assert!(start.same_apart_from_layout(ed.doc()));
    assert!(
        std::rc::Rc::ptr_eq(&start.world.rc(), &ed.doc().world.rc()),
        "a move leaves the world shared, so panels can tell it apart by pointer"
    );
}

#[test]
fn a_rename_is_more_than_a_change_of_place() {
    let mut ed = editor();
    let start = ed.doc().clone();
    let user = ed
        .scene()
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::User)
        .map(|n| n.id.clone())
        .unwrap();
    ed.apply(Command::Rename {
        id: user,
        name: "alicia".into(),
    })
    .unwrap();
    assert!(!start.same_apart_from_layout(ed.doc()));
}

#[test]
fn the_shared_scene_is_the_same_until_the_document_changes() {
    let mut ed = editor();
    let before = ed.scene_shared();
    // A hover changes what is under the pointer, not the document.
    feed(&mut ed, &[mv(100.0, 180.0), mv(300.0, 300.0)]);
    assert!(std::rc::Rc::ptr_eq(&before, &ed.scene_shared()));
    feed(
        &mut ed,
        &[down(100.0, 180.0), mv(140.0, 230.0), up(140.0, 230.0)],
    );
    assert!(!std::rc::Rc::ptr_eq(&before, &ed.scene_shared()));
    assert_eq!(*ed.scene_shared(), ed.doc().scene());
}

#[test]
fn a_click_selects_without_creating_an_undo_entry() {
    let mut ed = editor();
    let (x, y) = inside(&ed, "User alice");
    feed(&mut ed, &[down(x, y), up(x, y)]);
    assert_eq!(ed.view.selection, vec![id_of(&ed, "User alice")]);
    assert_eq!(ed.undo_label(), None);
}

#[test]
fn dragging_a_user_into_another_account_moves_it_there_as_one_undoable_step() {
    let mut ed = editor();
    ed.apply(iam_playground::doc::command::Command::AddNode {
        kind: iam_playground::doc::scene::NodeKind::Account,
        at: Point::new(800.0, 96.0),
    })
    .unwrap();
    let other = ed.view.selection[0].clone();
    let before = ed.doc().clone();
    let (x, y) = inside(&ed, "User alice");
    feed(&mut ed, &[down(x, y), mv(400.0, 180.0), mv(900.0, 200.0)]);
    assert_eq!(
        ed.overlay().drop_frame,
        Some(other.clone()),
        "the target frame is highlighted"
    );
    ed.handle(&up(900.0, 200.0));
    assert_eq!(
        alice_arn(&ed),
        format!("arn:aws:iam::{}:user/alice", other.0)
    );
    assert_eq!(ed.undo_label(), Some("Move"));
    let notice = ed.view.notice.clone().unwrap();
    assert!(
        notice
            .text
            .starts_with("AWS cannot move an identity between accounts"),
        "{}",
        notice.text
    );
    ed.undo();
    assert_eq!(ed.doc(), &before);
    assert_eq!(alice_arn(&ed), "arn:aws:iam::111122223333:user/alice");
}

#[test]
fn dropping_a_user_outside_every_account_snaps_back_with_a_message() {
    let mut ed = editor();
    let before = ed.doc().clone();
    let (x, y) = inside(&ed, "User alice");
    feed(
        &mut ed,
        &[
            down(x, y),
            mv(300.0, 700.0),
            mv(400.0, 900.0),
            up(400.0, 900.0),
        ],
    );
    assert_eq!(ed.doc(), &before, "snapped back");
    let notice = ed.view.notice.clone().unwrap();
    assert_eq!(notice.tone, Tone::Error);
    assert_eq!(
        notice.text,
        "User alice must live in an AWS account: drop it inside an account frame."
    );
    assert_eq!(ed.undo_label(), None);
}

#[test]
fn escape_mid_drag_restores_the_document() {
    let mut ed = editor();
    let before = ed.doc().clone();
    feed(
        &mut ed,
        &[down(100.0, 180.0), mv(300.0, 300.0), key("Escape")],
    );
    assert_eq!(ed.doc(), &before);
    assert_eq!(ed.view.tool, Tool::Idle);
    // The pointer-up after Escape does nothing.
    ed.handle(&up(300.0, 300.0));
    assert_eq!(ed.doc(), &before);
}

#[test]
fn drawing_from_a_handle_writes_trust_and_undo_removes_it() {
    let mut ed = editor();
    let (bx, by) = inside(&ed, "User bob");
    let (hx, hy) = right_handle(&ed, "User bob");
    let (dx, dy) = inside(&ed, "Role Deploy");
    feed(
        &mut ed,
        &[
            down(bx, by),
            up(bx, by),
            down(hx, hy),
            mv(400.0, 250.0),
            mv(dx, dy),
        ],
    );
    let overlay = ed.overlay();
    assert_eq!(
        overlay.preview.as_ref().map(|p| p.1),
        Some(true),
        "bob may trust-connect to Deploy"
    );
    ed.handle(&up(dx, dy));
    assert!(ed
        .scene()
        .edges
        .iter()
        .any(|e| e.label == "User bob may assume Role Deploy"));
    assert_eq!(ed.undo_label(), Some("Connect"));
    ed.handle(&ctrl("z"));
    assert!(!ed
        .scene()
        .edges
        .iter()
        .any(|e| e.label == "User bob may assume Role Deploy"));
}

#[test]
fn shortcut_letter_adds_a_node_at_the_pointer_and_selects_it() {
    let mut ed = editor();
    ed.handle(&mv(280.0, 300.0));
    assert!(ed.handle(&key("u")));
    let sel = ed.view.selection.clone();
    let scene = ed.scene();
    let node = scene.node(&sel[0]).unwrap();
    assert_eq!(node.label, "User user-1");
    // Centred on the pointer, snapped to the 8 px grid: (280 - 80, 300 - 28) = (200, 272),
    // but user bob sits there, so it takes the nearest free spot.
    let wanted = Point::new(200.0, 272.0);
    assert!(
        node.rect.origin().distance(wanted) <= 300.0,
        "{:?}",
        node.rect
    );
    for other in scene
        .nodes
        .iter()
        .filter(|n| n.id != node.id && !n.kind.is_frame())
    {
        assert!(
            !other.rect.intersects(&node.rect),
            "lands on {}",
            other.label
        );
    }
    ed.handle(&ctrl("z"));
    assert!(ed.scene().node(&sel[0]).is_none());
    assert!(
        ed.view.selection.is_empty(),
        "selection forgets undone nodes"
    );
}

#[test]
fn delete_key_removes_the_selection_and_undo_brings_it_back() {
    let mut ed = editor();
    let (x, y) = inside(&ed, "User bob");
    feed(&mut ed, &[down(x, y), up(x, y), key("Delete")]);
    assert!(!ed.scene().nodes.iter().any(|n| n.label == "User bob"));
    ed.undo();
    assert!(ed.scene().nodes.iter().any(|n| n.label == "User bob"));
}

#[test]
fn unused_keys_are_not_claimed() {
    let mut ed = editor();
    assert!(
        !ed.handle(&key("F5")),
        "the UI must not preventDefault a key the editor ignored"
    );
    assert!(ed.handle(&key("Tab")));
    assert!(ed.view.focused.is_some());
}

#[test]
fn a_refused_connection_explains_why() {
    let mut ed = editor();
    // From the handle of Developers, dropped on Deploy.
    let (gx, gy) = inside(&ed, "Group Developers");
    let (hx, hy) = right_handle(&ed, "Group Developers");
    let (dx, dy) = inside(&ed, "Role Deploy");
    feed(
        &mut ed,
        &[
            down(gx, gy),
            up(gx, gy),
            down(hx, hy),
            mv(dx, dy),
            up(dx, dy),
        ],
    );
    let n = ed.view.notice.clone().unwrap();
    assert!(
        n.text.starts_with("A group is not a principal"),
        "{}",
        n.text
    );
    assert_eq!(ed.undo_label(), None);
}

mod random_sessions {
    use super::*;
    use proptest::prelude::*;

    fn event() -> impl Strategy<Value = InputEvent> {
        let pos = (0u16..80, 0u16..70)
            .prop_map(|(x, y)| Point::new(f64::from(x) * 10.0, f64::from(y) * 10.0));
        let keys = prop::sample::select(vec![
            "Delete",
            "Escape",
            "Tab",
            "Enter",
            "ArrowLeft",
            "ArrowDown",
            "u",
            "g",
            "r",
            "a",
            "s",
            "i",
            "o",
            "+",
            "-",
            "0",
            "1",
        ]);
        let mods = (any::<bool>(), any::<bool>()).prop_map(|(shift, ctrl)| Modifiers {
            shift,
            ctrl,
            ..Modifiers::default()
        });
        prop_oneof![
            (pos.clone(), mods.clone()).prop_map(|(screen, mods)| InputEvent::PointerDown {
                screen,
                button: Button::Primary,
                mods
            }),
            pos.clone().prop_map(|screen| InputEvent::PointerMove {
                screen,
                mods: Modifiers::default()
            }),
            pos.clone().prop_map(|screen| InputEvent::PointerMove {
                screen,
                mods: Modifiers::default()
            }),
            pos.clone().prop_map(|screen| InputEvent::PointerUp {
                screen,
                button: Button::Primary,
                mods: Modifiers::default()
            }),
            pos.prop_map(|screen| InputEvent::DoubleClick { screen }),
            (keys, mods).prop_map(|(k, mods)| InputEvent::Key {
                key: k.to_string(),
                mods
            }),
            Just(InputEvent::PointerCancel),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Whatever a person does, Escape returns to Idle and undoing everything gives back
        /// the document they started with.
        #[test]
        fn any_session_undoes_back_to_the_start(events in proptest::collection::vec(event(), 1..40)) {
            let mut ed = editor();
            let start = ed.doc().clone();
            for e in &events {
                ed.handle(e);
            }
            prop_assert_eq!(ed.scene_ref(), &ed.doc().scene(), "the cached scene follows the document");
            ed.handle(&key("Escape"));
            prop_assert_eq!(&ed.view.tool, &Tool::Idle);
            let mut guard = 0;
            while ed.undo_label().is_some() && guard < 500 {
                ed.undo();
                guard += 1;
            }
            prop_assert_eq!(ed.doc(), &start);
            prop_assert_eq!(ed.scene_ref(), &start.scene());
            let scene = ed.scene();
            for id in &ed.view.selection {
                prop_assert!(scene.node(id).is_some(), "selection names a node that is gone");
            }
        }
    }
}
