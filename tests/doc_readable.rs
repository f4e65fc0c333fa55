//! Fitting for the stage the diagram is shown on: on a projector names grow with the screen
//! (at least 1.8 % of its height, past 100 % zoom), and the nodes a guided step is about are
//! brought into view when the diagram is too big to show whole at a readable size.

use iam_playground::doc::editor::Editor;
use iam_playground::doc::geometry::node_box::NAME_PX;
use iam_playground::doc::geometry::viewport::{Readable, MIN_READABLE_ZOOM, PRESENT_MAX_ZOOM};
use iam_playground::doc::geometry::Rect;
use iam_playground::doc::scenario::built_in;
use iam_playground::doc::scene::NodeId;
use iam_playground::doc::tool::InputEvent;

fn scenario_editor(slug: &str, width: f64, height: f64) -> Editor {
    let scenario = built_in(slug)
        .expect("a built-in scenario")
        .expect("it loads");
    let mut editor = Editor::new(scenario.document);
    editor.handle(&InputEvent::Resize { width, height });
    editor.fit();
    editor
}

/// The drawn node with this accessible name.
fn labelled<'s>(
    scene: &'s iam_playground::doc::scene::Scene,
    label: &str,
) -> &'s iam_playground::doc::scene::NodeView {
    scene
        .nodes
        .iter()
        .find(|n| n.label == label)
        .map(|n| &**n)
        .unwrap_or_else(|| panic!("{label} is drawn"))
}

fn node_ids(editor: &Editor) -> Vec<NodeId> {
    editor
        .scene_ref()
        .nodes
        .iter()
        .filter(|n| !n.kind.is_frame())
        .map(|n| n.id.clone())
        .collect()
}

fn rect_of(editor: &Editor, id: &NodeId) -> Rect {
    editor.scene_ref().node(id).expect("the node").rect
}

fn shows(editor: &Editor, id: &NodeId) -> bool {
    editor
        .view
        .viewport
        .visible_world()
        .contains_rect(&rect_of(editor, id))
}

#[test]
fn a_desk_fits_a_small_diagram_at_no_more_than_100_percent() {
    let editor = scenario_editor("user-vs-role", 1400.0, 860.0);
    assert!(editor.view.viewport.zoom <= 1.0);
    assert!(editor.view.viewport.zoom >= MIN_READABLE_ZOOM);
}

#[test]
fn presenting_at_1080_draws_names_at_least_1_8_percent_of_the_screen() {
    let mut editor = scenario_editor("user-vs-role", 1920.0, 1080.0);
    editor.set_readable(Readable::presenting(1080.0));
    let name_px = NAME_PX * editor.view.viewport.zoom;
    assert!(name_px >= 0.018 * 1080.0 - 1e-9, "names {name_px} px");
    assert!(editor.view.viewport.zoom <= PRESENT_MAX_ZOOM);
    // Leaving the projector fits the desk's way again.
    editor.set_readable(Readable::default());
    assert!(editor.view.viewport.zoom <= 1.0);
}

#[test]
fn presenting_a_small_diagram_zooms_past_100_percent_and_still_shows_it_whole() {
    let mut editor = scenario_editor("user-vs-role", 1920.0, 1080.0);
    editor.set_readable(Readable::presenting(1080.0));
    assert!(editor.view.viewport.zoom > 1.0);
    for id in node_ids(&editor) {
        assert!(shows(&editor, &id), "{id:?} shows");
    }
}

#[test]
fn a_projector_reading_floor_is_never_below_the_desk_floor() {
    for height in [360.0, 720.0, 1080.0, 2160.0, f64::NAN, f64::INFINITY] {
        let r = Readable::presenting(height);
        assert!(r.min_zoom >= MIN_READABLE_ZOOM, "{height}: {r:?}");
        assert!(r.max_zoom >= r.min_zoom, "{height}: {r:?}");
        assert!(r.max_zoom <= PRESENT_MAX_ZOOM, "{height}: {r:?}");
    }
}

#[test]
fn revealing_nodes_already_in_view_moves_nothing() {
    let mut editor = scenario_editor("user-vs-role", 1400.0, 860.0);
    let before = editor.view.viewport;
    let ids = node_ids(&editor);
    editor.reveal_nodes(&ids[..1]);
    assert_eq!(editor.view.viewport, before);
}

#[test]
fn revealing_a_node_out_of_view_on_a_phone_brings_it_in_at_the_same_zoom() {
    // On a phone the EC2 scenario cannot show whole at a readable size: the fit shows its
    // start, and a step about the node furthest from it must bring that node in.
    let mut editor = scenario_editor("ec2-instance-role", 390.0, 420.0);
    let zoom = editor.view.viewport.zoom;
    let hidden = node_ids(&editor)
        .into_iter()
        .find(|id| !shows(&editor, id))
        .expect("a node the phone's first view does not show");
    editor.reveal_nodes(std::slice::from_ref(&hidden));
    assert!(shows(&editor, &hidden));
    assert_eq!(editor.view.viewport.zoom, zoom);
}

#[test]
fn revealing_an_instance_and_its_role_side_by_side_on_a_phone_shows_both_whole() {
    // "EC2 instance role" on a phone's canvas (390 x 364 under the header and the caption):
    // the steps about IMDS name web-1 and WebServerRole, which stand side by side; with the
    // desk's 48 px margins they did not fit, and only web-1 was brought in, the role cut.
    let mut editor = scenario_editor("ec2-instance-role", 390.0, 364.0);
    let find = |label: &str| labelled(editor.scene_ref(), label).id.clone();
    let (instance, role) = (find("EC2 instance web-1"), find("Role WebServerRole"));
    let zoom = editor.view.viewport.zoom;
    editor.reveal_nodes(&[instance.clone(), role.clone()]);
    assert!(shows(&editor, &instance) && shows(&editor, &role));
    assert_eq!(
        editor.view.viewport.zoom, zoom,
        "at the readable zoom it had"
    );
}

#[test]
fn a_step_about_alice_on_a_phone_brings_in_her_access_key_chip_whole() {
    // "IAM user vs IAM role" opens on a phone at the diagram's start, alice whole but her
    // "has access keys · never expires" chip cut by the right edge; the step is about that key.
    use iam_playground::doc::scene::LabelOwner;
    let mut editor = scenario_editor("user-vs-role", 390.0, 364.0);
    let alice = labelled(editor.scene_ref(), "User alice").id.clone();
    let chips: Vec<Rect> = editor
        .scene_ref()
        .labels
        .iter()
        .filter(|l| l.owner == LabelOwner::Node(alice.clone()))
        .map(|l| l.rect)
        .collect();
    assert!(!chips.is_empty(), "alice wears her key chip");
    let all_show = |e: &Editor| {
        chips
            .iter()
            .all(|c| e.view.viewport.visible_world().contains_rect(c))
    };
    assert!(!all_show(&editor), "the phone's first view cuts her chip");
    // What the page does at step 1, which makes no call: reveal what its caption names.
    let story = built_in("user-vs-role").unwrap().unwrap();
    let named =
        iam_playground::doc::session::nodes_named(&story.steps[0].caption, editor.scene_ref());
    assert_eq!(named, std::slice::from_ref(&alice));
    editor.reveal_nodes(&named);
    assert!(shows(&editor, &alice) && all_show(&editor));
}

#[test]
fn revealing_a_node_that_shows_whole_still_brings_in_its_chip() {
    // Panned so alice stands whole inside the margin while her chip, wider than she is,
    // runs past the right edge: the reveal must not stop at "alice shows".
    use iam_playground::doc::scene::LabelOwner;
    let mut editor = scenario_editor("user-vs-role", 390.0, 364.0);
    let alice = labelled(editor.scene_ref(), "User alice").id.clone();
    let node = rect_of(&editor, &alice);
    let chip = editor
        .scene_ref()
        .labels
        .iter()
        .find(|l| l.owner == LabelOwner::Node(alice.clone()))
        .expect("alice's key chip")
        .rect;
    let vp = editor.view.viewport;
    let width = vp.size.x / vp.zoom;
    editor.view.viewport.origin.x = node.right() + 30.0 - width;
    assert!(shows(&editor, &alice));
    assert!(!editor.view.viewport.visible_world().contains_rect(&chip));
    editor.reveal_nodes(std::slice::from_ref(&alice));
    assert!(shows(&editor, &alice));
    assert!(editor.view.viewport.visible_world().contains_rect(&chip));
}

#[test]
fn revealing_more_than_a_phone_shows_keeps_as_many_as_fit_in_order() {
    // The instance reading the bucket as WebServerRole: the three do not fit a phone side by
    // side; the instance and the role it calls as do, and both show whole.
    let mut editor = scenario_editor("ec2-instance-role", 390.0, 364.0);
    let find = |label: &str| labelled(editor.scene_ref(), label).id.clone();
    let (instance, role, bucket) = (
        find("EC2 instance web-1"),
        find("Role WebServerRole"),
        find("S3 bucket amzn-s3-demo-bucket"),
    );
    editor.reveal_nodes(&[instance.clone(), role.clone(), bucket]);
    assert!(shows(&editor, &instance) && shows(&editor, &role));
}

#[test]
fn revealing_nodes_too_far_apart_for_one_view_keeps_names_readable() {
    let mut editor = scenario_editor("ec2-instance-role", 390.0, 420.0);
    let ids = node_ids(&editor);
    editor.reveal_nodes(&ids);
    assert!(editor.view.viewport.zoom >= MIN_READABLE_ZOOM);
}

#[test]
fn revealing_unknown_nodes_changes_nothing() {
    let mut editor = scenario_editor("user-vs-role", 390.0, 420.0);
    let before = editor.view.viewport;
    editor.reveal_nodes(&[NodeId("no-such-node".into())]);
    assert_eq!(editor.view.viewport, before);
}

#[test]
fn a_scenario_opened_while_presenting_fits_the_projector_way() {
    let mut editor = scenario_editor("user-vs-role", 1920.0, 1080.0);
    editor.set_readable(Readable::presenting(1080.0));
    let next = built_in("cross-account").expect("built in").expect("loads");
    editor.replace(next.document, "Open scenario");
    assert_eq!(editor.view.readable, Readable::presenting(1080.0));
    let z = editor.view.viewport.zoom;
    assert!(
        NAME_PX * z >= 0.018 * 1080.0 - 1e-9,
        "zoom {z} size {:?}",
        editor.view.viewport.size
    );
}

#[test]
fn revealing_a_step_too_wide_for_a_phone_shows_its_most_important_node() {
    // Cross-account on a phone: dana in account A and the role in account B do not fit one
    // view at a readable size; the role, listed first (it now holds the session), shows.
    let mut editor = scenario_editor("cross-account", 390.0, 420.0);
    let scene = editor.scene();
    let find = |label: &str| {
        scene
            .nodes
            .iter()
            .find(|n| !n.kind.is_frame() && n.label.contains(label))
            .map(|n| n.id.clone())
            .expect(label)
    };
    let (role, dana) = (find("CrossAccountDeploy"), find("dana"));
    editor.reveal_nodes(&[role.clone(), dana]);
    assert!(shows(&editor, &role));
    assert!(editor.view.viewport.zoom >= MIN_READABLE_ZOOM);
}

/// The refusal tab on a role never sits on the head of an arrow entering it: in
/// "Cross-account access", ProdAdmin's trust edge from its account's title bar enters its top
/// border at the middle, so the tab goes where no edge ends.
#[test]
fn a_refusal_tab_keeps_clear_of_arrowheads_entering_the_node() {
    let editor = scenario_editor("cross-account", 1280.0, 720.0);
    let scene = editor.scene_ref();
    let prod_admin = labelled(scene, "Role ProdAdmin");
    let w = 120.0;
    let spot = scene
        .refusal_tab_spot(&prod_admin.id, w, false)
        .expect("a spot on a drawn node");
    assert_tab_clear(scene, prod_admin, spot, w);
}

/// A role whose top border wears a session's name and countdown rings (a call refused after an
/// earlier session, as in "GitHub Actions deploys with OIDC") takes the refusal tab on its
/// bottom border, still clear of the arrowheads entering the node and within its width.
#[test]
fn a_refusal_tab_leaves_a_session_name_on_the_top_border_in_view() {
    let editor = scenario_editor("cross-account", 1280.0, 720.0);
    let scene = editor.scene_ref();
    let prod_admin = labelled(scene, "Role ProdAdmin");
    let r = prod_admin.rect;
    let w = 120.0;
    let taken = scene
        .refusal_tab_spot(&prod_admin.id, w, true)
        .expect("a spot on a drawn node");
    assert!(
        taken.y > r.y + r.h / 2.0,
        "with the top border taken, the tab {taken:?} goes on the bottom border of {r:?}"
    );
    assert_tab_clear(scene, prod_admin, taken, w);
}

/// A refusal tab `w` wide at `spot` (see `Scene::refusal_tab_spot`) covers no arrowhead of an
/// edge ending at `node` (about 10 px long, whichever side it enters from) and stays within
/// the node's width.
fn assert_tab_clear(
    scene: &iam_playground::doc::scene::Scene,
    node: &iam_playground::doc::scene::NodeView,
    spot: iam_playground::doc::geometry::Point,
    w: f64,
) {
    let tab = Rect::new(spot.x, spot.y - 10.0, w, 18.0);
    let heads: Vec<_> = scene
        .edges
        .iter()
        .filter_map(|e| {
            if e.to == node.id {
                e.route.points.last().copied()
            } else if e.from == node.id {
                e.route.points.first().copied()
            } else {
                None
            }
        })
        .collect();
    assert!(!heads.is_empty(), "an edge ends at {}", node.label);
    for h in heads {
        let head = Rect::new(h.x - 5.0, h.y - 10.0, 10.0, 20.0);
        assert!(
            !tab.intersects(&head),
            "tab {tab:?} covers the arrowhead at {h:?}"
        );
    }
    assert!(
        spot.x >= node.rect.x && spot.x + w <= node.rect.x + node.rect.w,
        "the tab stays within the node's width"
    );
}

/// The page fits a diagram before its canvas is laid out (at a desk's placeholder size); the
/// canvas's first size fits it again, so a phone opens "IAM user vs IAM role" at its start
/// (alice, top left), not on the middle of the desk's view. A later size (a panel opening)
/// keeps what the person sees, as before.
#[test]
fn a_phone_opens_the_diagram_at_its_start_not_its_middle() {
    let scenario = built_in("user-vs-role")
        .expect("a built-in scenario")
        .expect("it loads");
    let mut editor = Editor::new(scenario.document);
    editor.fit();
    editor.handle(&InputEvent::Resize {
        width: 390.0,
        height: 384.0,
    });
    let vp = editor.view.viewport;
    let content = Rect::bounding(editor.scene_ref().nodes.iter().map(|n| &n.rect)).expect("nodes");
    assert!(vp.zoom * NAME_PX >= 12.0 - 1e-9, "names stay readable");
    assert!(
        !vp.visible_world().contains_rect(&content),
        "the diagram is too wide to show whole on a phone"
    );
    let top_left = vp.world_to_screen(content.origin());
    assert!(
        (top_left.x - 48.0).abs() < 1e-6,
        "the diagram's left edge shows at the margin, at {top_left:?}"
    );
    let alice = labelled(editor.scene_ref(), "User alice");
    assert!(
        vp.visible_world().contains_rect(&alice.rect),
        "alice is in view"
    );
    // A panel opening later keeps the centre of what shows.
    let centre = vp.screen_to_world(vp.size.scale(0.5));
    editor.handle(&InputEvent::Resize {
        width: 390.0,
        height: 300.0,
    });
    let after = editor.view.viewport;
    assert!(after.visible_world().contains(centre));
    assert_eq!(after.zoom, vp.zoom);
}

/// A phone's canvas (390 x 364) showing the bucket in its bottom-right corner, just inside
/// the margin, when a step reveals it: nothing needs to move.
fn phone_revealing_the_bucket() -> (Editor, NodeId) {
    let mut editor = scenario_editor("ec2-instance-role", 390.0, 364.0);
    let bucket = labelled(editor.scene_ref(), "S3 bucket amzn-s3-demo-bucket")
        .id
        .clone();
    let vp = editor.view.viewport;
    let node = rect_of(&editor, &bucket);
    let inside = 30.0 / vp.zoom;
    editor.view.viewport.origin.x = node.right() + inside - vp.size.x / vp.zoom;
    editor.view.viewport.origin.y = node.bottom() + inside - vp.size.y / vp.zoom;
    let before = editor.view.viewport;
    editor.reveal_nodes(std::slice::from_ref(&bucket));
    assert_eq!(
        editor.view.viewport, before,
        "the bucket shows: nothing moves"
    );
    (editor, bucket)
}

#[test]
fn a_canvas_that_shrinks_after_a_step_keeps_what_the_step_revealed_in_view() {
    // The next step's caption is longer and takes height from the canvas after the step
    // moved the view: the bucket, low in the view, would fall off the bottom.
    let (mut editor, bucket) = phone_revealing_the_bucket();
    for height in [330.0, 300.0, 260.0] {
        editor.handle(&InputEvent::Resize {
            width: 390.0,
            height,
        });
        assert!(shows(&editor, &bucket), "at 390 x {height}");
    }
}

/// Shrinks the canvas under `editor` and checks the view moves as it would have had nothing
/// been revealed (the same editor, its reveal forgotten).
fn resizes_as_if_nothing_was_revealed(editor: &mut Editor) {
    let mut twin = editor.clone();
    let view = twin.view.viewport;
    twin.set_viewport(view);
    let smaller = InputEvent::Resize {
        width: 390.0,
        height: 300.0,
    };
    editor.handle(&smaller);
    twin.handle(&smaller);
    assert_eq!(editor.view.viewport, twin.view.viewport);
}

#[test]
fn once_the_person_moves_the_view_a_resize_brings_nothing_back() {
    use iam_playground::doc::geometry::Point;
    use iam_playground::doc::tool::Modifiers;
    let (mut editor, bucket) = phone_revealing_the_bucket();
    editor.handle(&InputEvent::Wheel {
        screen: Point::new(200.0, 200.0),
        dx: 0.0,
        dy: -600.0,
        mods: Modifiers::default(),
    });
    assert!(
        !shows(&editor, &bucket),
        "the person scrolled the bucket away"
    );
    resizes_as_if_nothing_was_revealed(&mut editor);
    assert!(!shows(&editor, &bucket));
}

#[test]
fn fit_to_view_forgets_what_a_step_revealed() {
    let (mut editor, bucket) = phone_revealing_the_bucket();
    editor.fit();
    assert!(
        !shows(&editor, &bucket),
        "a phone's fit shows the diagram's start"
    );
    resizes_as_if_nothing_was_revealed(&mut editor);
}

#[test]
fn entering_the_projector_view_mid_story_keeps_the_call_on_show_in_view() {
    // A projector's canvas beside the caption: the diagram drawn large shows its start.
    let mut editor = scenario_editor("ec2-instance-role", 960.0, 560.0);
    let bucket = labelled(editor.scene_ref(), "S3 bucket amzn-s3-demo-bucket")
        .id
        .clone();
    editor.reveal_nodes(std::slice::from_ref(&bucket));
    let mut fitted_only = editor.clone();
    fitted_only.view.readable = Readable::presenting(1080.0);
    fitted_only.fit();
    assert!(
        !shows(&fitted_only, &bucket),
        "fitting alone leaves the bucket out"
    );
    editor.set_readable(Readable::presenting(1080.0));
    assert!(shows(&editor, &bucket));
}

/// Whether some frame's title bar is cut through by the canvas's top edge.
fn a_frame_title_is_cut(editor: &Editor) -> bool {
    use iam_playground::doc::geometry::layout::FRAME_HEADER;
    let visible = editor.view.viewport.visible_world();
    editor
        .scene_ref()
        .nodes
        .iter()
        .filter(|n| n.kind.is_frame())
        .any(|f| f.rect.y < visible.y && f.rect.y + FRAME_HEADER > visible.y)
}

/// The example fitted on a desk's canvas (1040 x 730), then the simulator dock opened: the
/// canvas keeps 335 px around its centre, which ran through "Account 111122223333".
fn example_with_the_dock_open() -> Editor {
    use iam_playground::doc::document::Document;
    let mut editor = Editor::new(Document::seed_example());
    for height in [730.0, 335.0] {
        editor.handle(&InputEvent::Resize {
            width: 1040.0,
            height,
        });
    }
    editor
}

#[test]
fn opening_the_dock_on_a_desk_leaves_no_account_title_cut_through() {
    let editor = example_with_the_dock_open();
    assert!(
        !a_frame_title_is_cut(&editor),
        "{:?}",
        editor.view.viewport.visible_world()
    );
}

#[test]
fn a_step_centred_on_a_desk_with_the_dock_open_leaves_no_account_title_cut_through() {
    let mut editor = example_with_the_dock_open();
    let alice = labelled(editor.scene_ref(), "User alice").id.clone();
    let deploy = labelled(editor.scene_ref(), "Role Deploy").id.clone();
    for ids in [vec![alice.clone(), deploy.clone()], vec![deploy, alice]] {
        editor.reveal_nodes(&ids);
        assert!(ids.iter().all(|id| shows(&editor, id)));
        assert!(!a_frame_title_is_cut(&editor));
    }
}
