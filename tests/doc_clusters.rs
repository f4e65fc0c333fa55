//! Clusters in a large account: the users, groups, roles or resources of one account drawn as
//! one node ("42 roles") that expands and collapses again, saved with the layout, opened
//! collapsed by an import, found by search, and marked by what the simulation names.

use iam_playground::doc::command::Command;
use iam_playground::doc::document::Document;
use iam_playground::doc::editor::Editor;
use iam_playground::doc::geometry::{Point, Rect};
use iam_playground::doc::scenario::{built_in, BUILT_IN};
use iam_playground::doc::scene::{
    ClusterKey, ClusterKind, EdgeKind, NodeId, NodeKind, NodeView, Scene,
};
use iam_playground::doc::search::find_nodes;
use iam_playground::doc::tool::{Button, InputEvent, Modifiers};
use iam_playground::sim::ids::AccountId;

mod large_support;

use large_support::{gaad, ACCOUNT};

/// 20 users in 4 groups, 42 roles each trusting a user, an EC2 instance per tenth role.
fn imported() -> Document {
    Document::from_gaad(&[&gaad(20, 4, 42)]).unwrap()
}

fn key(kind: ClusterKind) -> ClusterKey {
    ClusterKey::new(AccountId::new(ACCOUNT), kind)
}

fn node<'a>(scene: &'a Scene, label: &str) -> &'a NodeView {
    scene
        .nodes
        .iter()
        .find(|n| n.label == label)
        .unwrap_or_else(|| panic!("no node `{label}`"))
}

fn count(scene: &Scene, kind: NodeKind) -> usize {
    scene.nodes.iter().filter(|n| n.kind == kind).count()
}

/// No two drawn nodes (frames aside) overlap, and each sits inside its account frame.
fn assert_tidy(scene: &Scene) {
    assert_apart(scene);
    for a in scene.nodes.iter().filter(|n| !n.kind.is_frame()) {
        if let Some(f) = a.account.as_ref().and_then(|f| scene.node(f)) {
            assert!(
                f.rect.contains_rect(&a.rect),
                "{} outside its frame",
                a.label
            );
        }
    }
}

fn click(ed: &mut Editor, at: Rect) {
    let screen = ed.view.viewport.world_to_screen(at.center());
    let (button, mods) = (Button::Primary, Modifiers::default());
    ed.handle(&InputEvent::PointerDown {
        screen,
        button,
        mods,
    });
    ed.handle(&InputEvent::PointerUp {
        screen,
        button,
        mods,
    });
}

fn key_press(ed: &mut Editor, key: &str) {
    ed.handle(&InputEvent::Key {
        key: key.to_string(),
        mods: Modifiers::default(),
    });
}

fn editor(doc: Document) -> Editor {
    let mut ed = Editor::new(doc);
    ed.handle(&InputEvent::Resize {
        width: 1400.0,
        height: 800.0,
    });
    ed
}

#[test]
fn collapsing_a_cluster_draws_one_node_with_the_count() {
    let scene = imported().scene();
    let roles = node(
        &scene,
        "Cluster 42 roles in account 111122223333, collapsed",
    );
    assert_eq!(roles.kind, NodeKind::Cluster(ClusterKind::Roles));
    assert_eq!(roles.name_lines.concat(), "42 roles");
    assert_eq!(roles.account, Some(NodeId::new(ACCOUNT)));
    assert_eq!(
        count(&scene, NodeKind::Role),
        0,
        "no role is drawn one by one"
    );
    assert_eq!(scene.members.len(), 42 + 20);
    // One role reads singular.
    let mut doc = Document::empty();
    doc.apply(&Command::AddNode {
        kind: NodeKind::Account,
        at: Point::new(0.0, 0.0),
    })
    .unwrap();
    let role = doc
        .apply(&Command::AddNode {
            kind: NodeKind::Role,
            at: Point::new(40.0, 80.0),
        })
        .unwrap()
        .created;
    let account = doc.account_of(&role[0]).unwrap();
    doc.apply(&Command::SetClusterCollapsed {
        cluster: ClusterKey::new(account.clone(), ClusterKind::Roles),
        collapsed: true,
    })
    .unwrap();
    let label = format!("Cluster 1 role in account {}, collapsed", account.as_str());
    assert_eq!(node(&doc.scene(), &label).name_lines.concat(), "1 role");
}

#[test]
fn edges_to_collapsed_members_meet_the_cluster_node_once() {
    let scene = imported().scene();
    let users = key(ClusterKind::Users).node_id();
    let roles = key(ClusterKind::Roles).node_id();
    let between = |from: &NodeId, to: &NodeId, kind: EdgeKind| {
        scene
            .edges
            .iter()
            .filter(|e| &e.from == from && &e.to == to && e.kind == kind)
            .count()
    };
    // 42 trusts of 20 users become one edge between the two clusters.
    assert_eq!(between(&users, &roles, EdgeKind::Trusts), 1);
    // Each of the 4 groups (not collapsed: only 4) gets one membership edge from the users.
    let groups: Vec<&NodeView> = scene
        .nodes
        .iter()
        .map(|n| &**n)
        .filter(|n| n.kind == NodeKind::Group)
        .collect();
    assert_eq!(groups.len(), 4);
    for g in groups {
        assert_eq!(between(&users, &g.id, EdgeKind::MemberOf), 1, "{}", g.label);
    }
    // Each of the 5 EC2 instances runs as a role of the cluster: one edge each.
    let runs = scene
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::RunsAs)
        .inspect(|e| assert_eq!(e.to, roles))
        .count();
    assert_eq!(runs, 5);
    // No edge names a node that is not drawn.
    for e in &scene.edges {
        assert!(scene.node(&e.from).is_some() && scene.node(&e.to).is_some());
    }
}

#[test]
fn expanding_is_one_undo_step_and_nothing_overlaps() {
    let mut ed = editor(imported());
    let before = ed.doc().clone();
    let cluster = key(ClusterKind::Roles).node_id();
    assert!(ed.reveal(&cluster));
    let rect = ed.scene_ref().node(&cluster).unwrap().rect;
    click(&mut ed, rect);
    assert_eq!(ed.undo_label(), Some("Expand"));
    // Panels that skip redrawing for a move must redraw: what they list changed.
    assert!(!before.same_apart_from_layout(ed.doc()));
    let scene = ed.scene_ref().clone();
    assert!(scene.node(&cluster).is_none());
    assert_eq!(count(&scene, NodeKind::Role), 42);
    assert_tidy(&scene);
    // Collapsing it again gives back the overview the import opened with.
    ed.apply(Command::SetClusterCollapsed {
        cluster: key(ClusterKind::Roles),
        collapsed: true,
    })
    .unwrap();
    assert_eq!(ed.undo_label(), Some("Collapse"));
    assert_tidy(ed.scene_ref());
    assert_eq!(ed.doc().layout, before.layout);
    ed.undo();
    ed.undo();
    assert_eq!(*ed.doc(), before);
    assert_eq!(ed.undo_label(), None);
}

#[test]
fn a_collapsed_frame_is_smaller_than_the_expanded_one() {
    let mut doc = imported();
    let frame = NodeId::new(ACCOUNT);
    let small = doc.scene().node(&frame).unwrap().rect;
    doc.apply(&Command::SetClusterCollapsed {
        cluster: key(ClusterKind::Roles),
        collapsed: false,
    })
    .unwrap();
    let big = doc.scene().node(&frame).unwrap().rect;
    assert!(
        big.h > small.h,
        "{big:?} holds 42 roles, {small:?} one node"
    );
}

#[test]
fn the_keyboard_expands_a_focused_cluster_and_c_collapses_it_again() {
    let mut ed = editor(imported());
    let cluster = key(ClusterKind::Roles).node_id();
    // Tab reaches the cluster node like any other node.
    let order = ed.scene_ref().reading_order();
    assert!(order.contains(&cluster));
    ed.view.focused = Some(cluster.clone());
    key_press(&mut ed, "Enter");
    assert_eq!(count(ed.scene_ref(), NodeKind::Role), 42);
    // The keyboard lands on the first role shown.
    let focused = ed.view.focused.clone().unwrap();
    assert_eq!(ed.scene_ref().node(&focused).unwrap().kind, NodeKind::Role);
    key_press(&mut ed, "c");
    assert!(ed.scene_ref().node(&cluster).is_some());
    assert_eq!(ed.view.focused, Some(cluster.clone()));
    // Space activates it too.
    key_press(&mut ed, " ");
    assert!(ed.scene_ref().node(&cluster).is_none());
    // The 4 groups are too few to fold.
    let group = ed
        .scene_ref()
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::Group)
        .unwrap()
        .id
        .clone();
    ed.view.focused = Some(group);
    let undo = ed.undo_label().map(str::to_string);
    key_press(&mut ed, "c");
    assert_eq!(ed.undo_label().map(str::to_string), undo);
    assert!(ed.view.notice.is_some());
}

#[test]
fn a_collapsed_layout_saves_and_loads_back() {
    let doc = imported();
    let text = doc.to_json();
    assert!(
        text.contains("\"111122223333/roles\""),
        "saved by account and kind"
    );
    let back = Document::from_json(&text).unwrap();
    assert_eq!(back.layout, doc.layout);
    assert_eq!(back.scene(), doc.scene());
}

#[test]
fn an_old_document_without_clusters_loads_unchanged() {
    for (slug, _) in BUILT_IN {
        let doc = built_in(slug).unwrap().unwrap().document;
        assert!(doc.layout.collapsed.is_empty(), "{slug} opens expanded");
        let text = doc.to_json();
        assert!(!text.contains("collapsed"), "{slug} saves no clusters");
        let back = Document::from_json(&text).unwrap();
        assert_eq!(back.to_json(), text, "{slug} saves the same bytes again");
        assert!(back.scene().members.is_empty());
    }
}

#[test]
fn importing_a_large_account_collapses_its_big_clusters() {
    let doc = imported();
    let collapsed: Vec<&ClusterKey> = doc.layout.collapsed.keys().collect();
    // 42 roles and 20 users are more than 12; the 4 groups are not.
    assert_eq!(
        collapsed,
        vec![&key(ClusterKind::Users), &key(ClusterKind::Roles)]
    );
    let notes = &doc.import_report.as_ref().unwrap().notes;
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("The 42 roles of account 111122223333 are drawn as one node")),
        "{notes:?}"
    );
    assert_tidy(&doc.scene());
    // A small account opens as it is.
    let small = Document::from_gaad(&[&gaad(5, 2, 12)]).unwrap();
    assert!(small.layout.collapsed.is_empty());
    // A thousand roles read as a handful of nodes.
    let big = Document::from_gaad(&[&gaad(400, 100, 1000)])
        .unwrap()
        .scene();
    let drawn = big.nodes.iter().filter(|n| !n.kind.is_frame()).count();
    assert!(drawn < 200, "{drawn} nodes drawn");
    // Its 100 EC2 instances (one per tenth role's instance profile) fold too.
    assert_eq!(big.members.len(), 400 + 100 + 1000 + 100);
}

#[test]
fn finding_a_collapsed_member_expands_its_cluster() {
    let mut ed = editor(imported());
    let found = find_nodes(ed.scene_ref(), "role-7");
    let role = found.first().cloned().unwrap();
    assert_eq!(
        ed.scene_ref().members.get(&role),
        Some(&key(ClusterKind::Roles).node_id())
    );
    assert!(ed.reveal(&role));
    let shown = ed.scene_ref().node(&role).unwrap().rect;
    assert!(ed.view.viewport.visible_world().contains_rect(&shown));
    assert_eq!(ed.view.selection, vec![role.clone()]);
    assert_eq!(ed.undo_label(), Some("Expand"));
}

#[test]
fn what_the_simulation_names_inside_a_cluster_is_marked_on_the_cluster() {
    let scene = imported().scene();
    let role = scene
        .members
        .keys()
        .find(|id| id.0.starts_with("AROA"))
        .unwrap();
    let cluster = key(ClusterKind::Roles).node_id();
    assert_eq!(scene.shown(role), &cluster);
    let group = scene
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::Group)
        .unwrap();
    assert_eq!(scene.shown(&group.id), &group.id);
    let live = [(role.clone(), 2)].into_iter().collect();
    assert_eq!(scene.shown_counts(&live).get(&cluster), Some(&2));
    assert_eq!(
        scene.shown_all(&[role.clone(), group.id.clone(), role.clone()]),
        vec![cluster, group.id.clone()]
    );
}

#[test]
fn a_cluster_is_neither_deleted_nor_connected_unseen() {
    let mut doc = imported();
    let cluster = key(ClusterKind::Roles).node_id();
    let before = doc.clone();
    assert!(doc
        .apply(&Command::Delete {
            ids: vec![cluster.clone()]
        })
        .is_err());
    let user = first_of(&doc.scene(), NodeKind::Group);
    let refused = doc.apply(&Command::Connect {
        from: user,
        to: cluster,
        kind: EdgeKind::Trusts,
    });
    assert_eq!(
        refused.unwrap_err().to_string(),
        "Expand the cluster first: its members connect one by one."
    );
    assert_eq!(doc, before);
}

#[test]
fn chips_of_roles_expanded_beside_a_collapsed_cluster_cover_no_node() {
    let mut doc = imported();
    doc.apply(&Command::SetClusterCollapsed {
        cluster: key(ClusterKind::Roles),
        collapsed: false,
    })
    .unwrap();
    // 42 trust edges fan out of the users' one node: every spot crosses some edge.
    let scene = doc.scene();
    for l in &scene.labels {
        for n in scene.nodes.iter().filter(|n| !n.kind.is_frame()) {
            assert!(
                !l.rect.intersects(&n.rect),
                "`{}` covers {}",
                l.badge.text,
                n.label
            );
        }
    }
}

#[test]
fn a_reach_answer_about_members_lights_their_clusters_and_names_them() {
    use iam_playground::doc::reach::{answer, Query};
    let doc = imported();
    let scene = doc.scene();
    let user = scene
        .hidden
        .iter()
        .find(|n| n.label == "User user-7")
        .unwrap()
        .id
        .clone();
    let view = answer(
        &doc,
        &scene,
        &Query::From {
            node: user,
            max_hops: 2,
        },
    )
    .unwrap();
    assert_eq!(view.title, "Reachable from User user-7");
    let shown = view.shown_on(&scene).unwrap();
    let users = key(ClusterKind::Users).node_id();
    let roles = key(ClusterKind::Roles).node_id();
    assert!(shown.nodes.contains_key(&users) && shown.nodes.contains_key(&roles));
    assert!(
        shown.nodes.keys().all(|id| scene.node(id).is_some()),
        "only drawn nodes are lit"
    );
    assert!(
        shown.edges.keys().all(|e| scene.edge(e).is_some()),
        "only drawn edges are lit"
    );
    assert!(!shown.edges.is_empty());
}

#[test]
fn a_role_added_where_roles_are_collapsed_shows_them() {
    let mut doc = imported();
    let frame = doc.scene().node(&NodeId::new(ACCOUNT)).unwrap().rect;
    let created = doc
        .apply(&Command::AddNode {
            kind: NodeKind::Role,
            at: Point::new(frame.x + 40.0, frame.y + 80.0),
        })
        .unwrap()
        .created;
    let scene = doc.scene();
    assert!(scene.node(&created[0]).is_some(), "the new role is drawn");
    assert!(!doc.layout.collapsed.contains_key(&key(ClusterKind::Roles)));
    assert_eq!(count(&scene, NodeKind::Role), 43);
    assert_tidy(&scene);
}

#[test]
fn a_drawn_match_comes_before_members_of_collapsed_clusters() {
    let scene = imported().scene();
    // "group-1" is drawn (4 groups stay open); "user-1" is a member of the collapsed users.
    let found = find_nodes(&scene, "-1");
    let first = scene.view_of(&found[0]).unwrap();
    assert_eq!(first.label, "Group group-1");
    assert!(found.iter().any(|id| scene.members.contains_key(id)));
}

/// No two drawn nodes (frames aside) overlap (a node the person moved out of its frame may
/// stand outside it).
fn assert_apart(scene: &Scene) {
    let plain: Vec<&NodeView> = scene
        .nodes
        .iter()
        .map(|n| &**n)
        .filter(|n| !n.kind.is_frame())
        .collect();
    for (i, a) in plain.iter().enumerate() {
        for b in plain.iter().skip(i + 1) {
            assert!(
                !a.rect.intersects(&b.rect),
                "{} overlaps {}",
                a.label,
                b.label
            );
        }
    }
}

/// The rectangle around every drawn node of `kind`.
fn bounds_of(scene: &Scene, kind: NodeKind) -> Rect {
    Rect::bounding(
        scene
            .nodes
            .iter()
            .filter(|n| n.kind == kind)
            .map(|n| &n.rect),
    )
    .unwrap()
}

/// The first drawn node of `kind`.
fn first_of(scene: &Scene, kind: NodeKind) -> NodeId {
    scene
        .nodes
        .iter()
        .find(|n| n.kind == kind)
        .unwrap()
        .id
        .clone()
}

/// Where each drawn node (frames aside) stands, by id.
fn places(scene: &Scene) -> std::collections::BTreeMap<NodeId, Point> {
    scene
        .nodes
        .iter()
        .filter(|n| !n.kind.is_frame())
        .map(|n| (n.id.clone(), n.rect.origin()))
        .collect()
}

#[test]
fn expanding_makes_room_by_moving_only_what_lies_right_of_the_cluster_or_below_it() {
    let mut doc = imported();
    let roles = key(ClusterKind::Roles);
    let cluster = doc.scene().node(&roles.node_id()).unwrap().rect;
    // A node the person put by hand right under the cluster, clear of everything.
    let under = Point::new(cluster.x, cluster.bottom() + 60.0);
    let group = first_of(&doc.scene(), NodeKind::Group);
    doc.apply(&Command::MoveNodes {
        moves: vec![(group.clone(), under)],
    })
    .unwrap();
    assert_apart(&doc.scene());
    let before = places(&doc.scene());
    let sizes: std::collections::BTreeMap<NodeId, Rect> = doc
        .scene()
        .nodes
        .iter()
        .map(|n| (n.id.clone(), n.rect))
        .collect();
    doc.apply(&Command::SetClusterCollapsed {
        cluster: roles.clone(),
        collapsed: false,
    })
    .unwrap();
    let scene = doc.scene();
    assert_apart(&scene);
    // The roles stand where the cluster stood, their top-left at its top-left.
    let members = bounds_of(&scene, NodeKind::Role);
    assert_eq!(members.origin(), cluster.origin());
    let grow = Point::new(
        (members.w - cluster.w).max(0.0).ceil(),
        (members.h - cluster.h).max(0.0).ceil(),
    );
    assert!(grow.y > 0.0, "42 roles are taller than one node");
    // Right of the cluster moves right; under it, in its column, moves down; the columns
    // beside it (groups, users, on the left) stay whole, whatever their height.
    let after = places(&scene);
    let mut left_alone = 0;
    for (id, was) in &before {
        let Some(now) = after.get(id) else {
            assert_eq!(id, &roles.node_id(), "only the cluster's node goes");
            continue;
        };
        let r = sizes[id];
        let in_column = r.x < cluster.right() && r.right() > cluster.x;
        let want = Point::new(
            if was.x >= cluster.right() {
                grow.x
            } else {
                0.0
            },
            if was.y >= cluster.bottom() && in_column {
                grow.y
            } else {
                0.0
            },
        );
        assert_eq!(*now - *was, want, "{} moved by the rule", id.0);
        if was.y >= cluster.bottom() && !in_column && was.x < cluster.x {
            left_alone += 1;
        }
    }
    assert!(
        left_alone > 0,
        "some node left of the cluster and lower stayed put"
    );
    assert_eq!(after[&group] - before[&group], Point::new(0.0, grow.y));
    // Collapsing again gives every node its place back, the hand-placed group too.
    doc.apply(&Command::SetClusterCollapsed {
        cluster: roles,
        collapsed: true,
    })
    .unwrap();
    assert_eq!(places(&doc.scene()), before);
}

#[test]
fn collapsing_takes_back_the_room_under_the_members_in_their_column() {
    let mut doc = imported();
    let roles = key(ClusterKind::Roles);
    doc.apply(&Command::SetClusterCollapsed {
        cluster: roles.clone(),
        collapsed: false,
    })
    .unwrap();
    let scene = doc.scene();
    let members = bounds_of(&scene, NodeKind::Role);
    let clear_x = scene
        .nodes
        .iter()
        .map(|n| n.rect.right())
        .fold(0.0, f64::max)
        + 100.0;
    // Two groups placed by hand: one under the roles, in their column; one right of
    // everything, as low.
    let groups: Vec<NodeId> = scene
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Group)
        .map(|n| n.id.clone())
        .take(2)
        .collect();
    let under = Point::new(members.x, members.bottom() + 60.0);
    let aside = Point::new(clear_x, members.bottom() + 60.0);
    doc.apply(&Command::MoveNodes {
        moves: vec![(groups[0].clone(), under), (groups[1].clone(), aside)],
    })
    .unwrap();
    assert_apart(&doc.scene());
    doc.apply(&Command::SetClusterCollapsed {
        cluster: roles.clone(),
        collapsed: true,
    })
    .unwrap();
    let scene = doc.scene();
    assert_apart(&scene);
    let cluster = scene.node(&roles.node_id()).unwrap().rect;
    assert_eq!(
        cluster.origin(),
        members.origin(),
        "the node takes the roles' top-left"
    );
    let back = Point::new(
        (members.w - cluster.w).max(0.0).ceil(),
        (members.h - cluster.h).max(0.0).ceil(),
    );
    let now = places(&scene);
    assert_eq!(
        now[&groups[0]],
        Point::new(under.x, under.y - back.y),
        "the column closes up"
    );
    assert_eq!(
        now[&groups[1]],
        Point::new(aside.x - back.x, aside.y),
        "beside it, only the width comes back"
    );
}
