//! Arranging (align, distribute, auto layout), organizations, outside actors and credentials
//! through commands.

// The page's code sorts with `sim::sorting` (clippy.toml); tests may use the standard sorts.
#![allow(clippy::disallowed_methods)]

use iam_playground::doc::command::{AccessKeyOp, Alignment, Command, PolicySlot};
use iam_playground::doc::document::Document;
use iam_playground::doc::geometry::Point;
use iam_playground::doc::scene::{ActorKind, EdgeKind, NodeId, NodeKind, Scene};

fn id_of(scene: &Scene, label: &str) -> NodeId {
    scene
        .nodes
        .iter()
        .find(|n| n.label == label)
        .map(|n| n.id.clone())
        .unwrap_or_else(|| panic!("no node {label}"))
}

fn rect(doc: &Document, id: &NodeId) -> iam_playground::doc::geometry::Rect {
    doc.scene().node(id).unwrap().rect
}

#[test]
fn align_left_and_distribute_vertically() {
    let mut doc = Document::seed_example();
    let s = doc.scene();
    let ids = vec![
        id_of(&s, "User bob"),
        id_of(&s, "Role Deploy"),
        id_of(&s, "S3 bucket amzn-s3-demo-bucket"),
    ];
    doc.apply(&Command::Align {
        ids: ids.clone(),
        how: Alignment::Left,
    })
    .unwrap();
    let xs: Vec<f64> = ids.iter().map(|i| rect(&doc, i).x).collect();
    assert_eq!(xs, vec![72.0, 72.0, 72.0]);
    doc.apply(&Command::Align {
        ids: ids.clone(),
        how: Alignment::DistributeVertically,
    })
    .unwrap();
    let mut ys: Vec<f64> = ids.iter().map(|i| rect(&doc, i).y).collect();
    ys.sort_by(f64::total_cmp);
    assert_eq!(ys[1] - ys[0], ys[2] - ys[1], "equal gaps: {ys:?}");
}

#[test]
fn auto_layout_is_one_command_and_keeps_members_in_their_frames() {
    let mut doc = Document::seed_example();
    let bob = id_of(&doc.scene(), "User bob");
    doc.apply(&Command::MoveNodes {
        moves: vec![(bob.clone(), Point::new(5000.0, 5000.0))],
    })
    .unwrap();
    doc.apply(&Command::AutoLayout).unwrap();
    let scene = doc.scene();
    let frame = scene
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::Account)
        .unwrap();
    assert!(frame.rect.contains_rect(&scene.node(&bob).unwrap().rect));
}

#[test]
fn an_organization_frames_its_accounts_and_tab_walks_into_it() {
    let mut doc = Document::seed_example();
    let acct = id_of(&doc.scene(), "Account 111122223333");
    let org = doc
        .apply(&Command::AddOrganization {
            management: acct.clone(),
        })
        .unwrap()
        .created[0]
        .clone();
    doc.apply(&Command::SetOu {
        account: acct.clone(),
        ou: Some("Workloads".into()),
    })
    .unwrap();
    let scene = doc.scene();
    let org_node = scene.node(&org).unwrap();
    assert!(
        org_node.label.starts_with("Organization o-"),
        "{}",
        org_node.label
    );
    assert!(org_node
        .rect
        .contains_rect(&scene.node(&acct).unwrap().rect));
    assert_eq!(scene.node(&acct).unwrap().account.as_ref(), Some(&org));
    let order = scene.reading_order();
    assert_eq!(&order[..2], &[org, acct]);
    assert_eq!(order.len(), scene.nodes.len());
}

#[test]
fn an_outside_actor_connects_through_an_identity_provider_but_not_to_a_role() {
    let mut doc = Document::seed_example();
    let actor = doc
        .apply(&Command::AddNode {
            kind: NodeKind::OutsideActor(ActorKind::CiSystem),
            at: Point::new(-300.0, 100.0),
        })
        .unwrap()
        .created[0]
        .clone();
    let idp = doc
        .apply(&Command::AddNode {
            kind: NodeKind::IdentityProvider(iam_playground::doc::scene::IdpKind::Oidc),
            at: Point::new(264.0, 296.0),
        })
        .unwrap()
        .created[0]
        .clone();
    let deploy = id_of(&doc.scene(), "Role Deploy");
    assert!(doc
        .apply(&Command::Connect {
            from: actor.clone(),
            to: deploy.clone(),
            kind: EdgeKind::Trusts
        })
        .is_err());
    doc.apply(&Command::Connect {
        from: actor.clone(),
        to: idp.clone(),
        kind: EdgeKind::ActsThrough,
    })
    .unwrap();
    doc.apply(&Command::Connect {
        from: idp.clone(),
        to: deploy.clone(),
        kind: EdgeKind::Trusts,
    })
    .unwrap();
    let scene = doc.scene();
    let labels: Vec<&str> = scene.edges.iter().map(|e| e.label.as_str()).collect();
    assert!(
        labels.contains(
            &"CI system ci 1 acts through OIDC provider token.actions.githubusercontent.com"
        ),
        "{labels:?}"
    );
    assert!(labels
        .contains(&"OIDC provider token.actions.githubusercontent.com may assume Role Deploy"));
    let trust = doc.policy_text(&deploy, &PolicySlot::Trust).unwrap().text;
    assert!(trust.contains("sts:AssumeRoleWithWebIdentity"), "{trust}");
    doc.apply(&Command::Disconnect {
        from: actor.clone(),
        to: idp.clone(),
        kind: EdgeKind::ActsThrough,
    })
    .unwrap();
    assert!(!doc.scene().edges.iter().any(|e| e.from == actor));
    // Deleting the provider forgets the actor's link to it.
    doc.apply(&Command::Connect {
        from: actor.clone(),
        to: idp.clone(),
        kind: EdgeKind::ActsThrough,
    })
    .unwrap();
    doc.apply(&Command::Delete { ids: vec![idp] }).unwrap();
    assert!(doc.actor(&actor).unwrap().via.is_empty());
}

#[test]
fn access_keys_and_mfa_show_as_badges() {
    let mut doc = Document::seed_example();
    let bob = id_of(&doc.scene(), "User bob");
    let badges = |doc: &Document| -> Vec<String> {
        doc.scene()
            .node(&bob)
            .unwrap()
            .badges
            .iter()
            .map(|b| b.text.clone())
            .collect()
    };
    assert_eq!(badges(&doc), vec!["no credentials"]);
    doc.apply(&Command::AccessKey {
        id: bob.clone(),
        op: AccessKeyOp::Create,
        now_epoch_secs: 1_767_225_600,
    })
    .unwrap();
    doc.apply(&Command::SetMfa {
        id: bob.clone(),
        enabled: true,
    })
    .unwrap();
    assert_eq!(badges(&doc), vec!["has access keys", "MFA"]);
    let key = doc
        .world
        .users
        .values()
        .find(|u| u.user_name == "bob")
        .unwrap()
        .access_keys[0]
        .access_key_id
        .as_str()
        .to_string();
    doc.apply(&Command::AccessKey {
        id: bob.clone(),
        op: AccessKeyOp::Deactivate(key),
        now_epoch_secs: 0,
    })
    .unwrap();
    assert_eq!(badges(&doc), vec!["MFA", "no credentials"]);
    // A group has no access keys: refused with a reason, nothing changed.
    let devs = id_of(&doc.scene(), "Group Developers");
    let before = doc.clone();
    assert!(doc
        .apply(&Command::AccessKey {
            id: devs,
            op: AccessKeyOp::Create,
            now_epoch_secs: 0
        })
        .is_err());
    assert_eq!(doc, before);
}

#[test]
fn a_role_session_principal_is_drawn_from_its_role() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-role-session
    let mut doc = Document::seed_example();
    let s = doc.scene();
    let web = id_of(&s, "Role WebServerRole");
    let deploy = id_of(&s, "Role Deploy");
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:sts::111122223333:assumed-role/WebServerRole/i-0abc"},"Action":"sts:AssumeRole"}]}"#;
    doc.apply(&Command::SetPolicyText {
        id: deploy.clone(),
        slot: PolicySlot::Trust,
        text: text.into(),
    })
    .unwrap();
    assert!(doc
        .scene()
        .edges
        .iter()
        .any(|e| e.from == web && e.to == deploy && e.kind == EdgeKind::Trusts));
}

/// Where `label`'s node is on the canvas.
fn rect_named(doc: &Document, label: &str) -> iam_playground::doc::geometry::Rect {
    let scene = doc.scene();
    scene
        .nodes
        .iter()
        .find(|n| n.label == label)
        .unwrap_or_else(|| panic!("no node {label}"))
        .rect
}

/// Edges that pass through a node other than their two ends (the straight route, sampled).
fn edges_through_nodes(doc: &Document) -> Vec<String> {
    let scene = doc.scene();
    let mut out = Vec::new();
    for e in &scene.edges {
        for w in e.route.points.windows(2) {
            for n in scene
                .nodes
                .iter()
                .filter(|n| !n.kind.is_frame() && n.id != e.from && n.id != e.to)
            {
                let r = n.rect;
                let hit = (1..100).any(|i| {
                    let t = f64::from(i) / 100.0;
                    let (x, y) = (
                        w[0].x + (w[1].x - w[0].x) * t,
                        w[0].y + (w[1].y - w[0].y) * t,
                    );
                    x > r.x + 2.0 && x < r.right() - 2.0 && y > r.y + 2.0 && y < r.bottom() - 2.0
                });
                if hit {
                    out.push(format!("{} crosses {}", e.label, n.label));
                }
            }
        }
    }
    out
}

#[test]
fn auto_layout_reads_left_to_right_as_access_flows() {
    let mut doc = Document::seed_example();
    doc.apply(&Command::AutoLayout).unwrap();
    let x = |l: &str| rect_named(&doc, l).x;
    // Groups, then who calls, then roles, then what the roles reach.
    assert!(x("Group Developers") < x("User alice"));
    assert!(x("User alice") < x("Role Deploy"));
    assert!(x("EC2 instance web-1") < x("Role WebServerRole"));
    assert!(x("Role WebServerRole") < x("S3 bucket amzn-s3-demo-bucket"));
    // A role sits level with the principal that assumes it.
    assert_eq!(
        rect_named(&doc, "User alice").y,
        rect_named(&doc, "Role Deploy").y
    );
}

#[test]
fn auto_layout_draws_no_edge_through_another_node_in_any_built_in_scenario() {
    use iam_playground::doc::scenario::{built_in, BUILT_IN};
    for (slug, _) in BUILT_IN {
        let mut doc = built_in(slug).unwrap().unwrap().document;
        doc.apply(&Command::AutoLayout).unwrap();
        assert_eq!(edges_through_nodes(&doc), Vec::<String>::new(), "{slug}");
    }
    let mut seed = Document::seed_example();
    seed.apply(&Command::AutoLayout).unwrap();
    assert_eq!(edges_through_nodes(&seed), Vec::<String>::new(), "seed");
}

#[test]
fn a_vendor_account_is_laid_out_before_the_account_whose_role_it_assumes() {
    use iam_playground::doc::scenario::built_in;
    let mut doc = built_in("external-id").unwrap().unwrap().document;
    doc.apply(&Command::AutoLayout).unwrap();
    let vendor = rect_named(&doc, "Account 999988887777");
    let yours = rect_named(&doc, "Account 111122223333");
    assert!(
        vendor.right() < yours.x,
        "{vendor:?} should be left of {yours:?}"
    );
}

#[test]
fn a_role_assumed_from_another_role_sits_a_column_further_right() {
    use iam_playground::doc::scenario::built_in;
    let mut doc = built_in("role-chaining").unwrap().unwrap().document;
    doc.apply(&Command::AutoLayout).unwrap();
    let (alice, jump, target) = (
        rect_named(&doc, "User alice"),
        rect_named(&doc, "Role Jump"),
        rect_named(&doc, "Role Target"),
    );
    assert!(alice.right() < jump.x && jump.right() < target.x);
    // The chain alice -> Jump -> Target is one straight row.
    assert_eq!((alice.y, jump.y), (target.y, target.y));
}

#[test]
fn an_account_trusting_its_own_role_points_down_from_its_title_bar_with_the_condition_badge() {
    use iam_playground::doc::scenario::built_in;
    let doc = built_in("mfa-admin").unwrap().unwrap().document;
    let scene = doc.scene();
    let frame = rect_named(&doc, "Account 111122223333");
    let admin = rect_named(&doc, "Role Admin");
    let e = scene
        .edges
        .iter()
        .find(|e| e.label == "Account 111122223333 may assume Role Admin")
        .unwrap();
    let (start, end) = (e.route.points[0], *e.route.points.last().unwrap());
    assert!(
        start.y > frame.y && start.y < frame.y + 40.0,
        "starts in the title bar"
    );
    assert_eq!(
        (end.x, end.y),
        (admin.center().x, admin.y),
        "ends on the role's top"
    );
    // The MFA badge sits between the two, inside the frame, not on its border.
    assert!(e.route.mid.y > start.y && e.route.mid.y < admin.y);
    assert!(e.badges.iter().any(|b| b.text.contains("MFA")));
}
