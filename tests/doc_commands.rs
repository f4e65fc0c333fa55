//! Commands against the document: edges <-> policy JSON both ways, moves across accounts,
//! deletes that leave AWS's dangling text, drafts.

use iam_playground::doc::command::{Command, DocError, PolicySlot};
use iam_playground::doc::document::Document;
use iam_playground::doc::geometry::Point;
use iam_playground::doc::scene::{EdgeKind, NodeId, NodeKind, Scene, ServiceKind};
use iam_playground::sim::ids::EntityId;
use serde_json::{json, Value};

fn id_of(scene: &Scene, label: &str) -> NodeId {
    scene
        .nodes
        .iter()
        .find(|n| n.label == label)
        .map(|n| n.id.clone())
        .unwrap_or_else(|| panic!("no node {label}"))
}

fn has_edge(doc: &Document, label: &str) -> bool {
    doc.scene().edges.iter().any(|e| e.label == label)
}

fn trust_of(doc: &Document, role: &str) -> Value {
    let r = doc
        .world
        .roles
        .values()
        .find(|r| r.role_name == role)
        .unwrap();
    serde_json::from_str(&r.trust_policy).unwrap()
}

#[test]
fn drawing_a_trust_edge_writes_the_principal_into_the_trust_policy() {
    let mut doc = Document::seed_example();
    let s = doc.scene();
    let (bob, deploy) = (id_of(&s, "User bob"), id_of(&s, "Role Deploy"));
    doc.apply(&Command::Connect {
        from: bob,
        to: deploy,
        kind: EdgeKind::Trusts,
    })
    .unwrap();
    assert_eq!(
        trust_of(&doc, "Deploy")["Statement"][0]["Principal"]["AWS"],
        json!([
            "arn:aws:iam::111122223333:user/alice",
            "arn:aws:iam::111122223333:user/bob"
        ])
    );
    assert!(has_edge(&doc, "User bob may assume Role Deploy"));
}

#[test]
fn editing_trust_json_redraws_the_edges() {
    let mut doc = Document::seed_example();
    let s = doc.scene();
    let deploy = id_of(&s, "Role Deploy");
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#;
    let applied = doc
        .apply(&Command::SetPolicyText {
            id: deploy,
            slot: PolicySlot::Trust,
            text: text.into(),
        })
        .unwrap();
    assert_eq!(applied.notice, None);
    assert!(!has_edge(&doc, "User alice may assume Role Deploy"));
    let e = doc
        .scene()
        .edges
        .into_iter()
        .find(|e| e.label == "User bob may assume Role Deploy")
        .unwrap();
    assert_eq!(
        e.badges.iter().map(|b| b.text.as_str()).collect::<Vec<_>>(),
        vec!["MFA"]
    );
}

#[test]
fn disconnecting_removes_the_principal_from_the_json() {
    let mut doc = Document::seed_example();
    let s = doc.scene();
    let (alice, bob, deploy) = (
        id_of(&s, "User alice"),
        id_of(&s, "User bob"),
        id_of(&s, "Role Deploy"),
    );
    doc.apply(&Command::Connect {
        from: bob,
        to: deploy.clone(),
        kind: EdgeKind::Trusts,
    })
    .unwrap();
    doc.apply(&Command::Disconnect {
        from: alice,
        to: deploy,
        kind: EdgeKind::Trusts,
    })
    .unwrap();
    assert_eq!(
        trust_of(&doc, "Deploy")["Statement"][0]["Principal"]["AWS"],
        json!("arn:aws:iam::111122223333:user/bob")
    );
    assert!(!has_edge(&doc, "User alice may assume Role Deploy"));
}

#[test]
fn the_last_trust_edge_cannot_be_removed_because_iam_needs_a_statement() {
    // Access Analyzer MISSING_STATEMENT: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
    let mut doc = Document::seed_example();
    let before = doc.clone();
    let s = doc.scene();
    let (alice, deploy) = (id_of(&s, "User alice"), id_of(&s, "Role Deploy"));
    let err = doc
        .apply(&Command::Disconnect {
            from: alice,
            to: deploy,
            kind: EdgeKind::Trusts,
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("A trust policy needs at least one statement"),
        "{err}"
    );
    assert_eq!(doc, before);
}

#[test]
fn removing_the_last_resource_grant_removes_the_resource_policy() {
    let mut doc = Document::seed_example();
    let s = doc.scene();
    let (web, bucket) = (
        id_of(&s, "Role WebServerRole"),
        id_of(&s, "S3 bucket amzn-s3-demo-bucket"),
    );
    doc.apply(&Command::Disconnect {
        from: web,
        to: bucket,
        kind: EdgeKind::ResourceAccess,
    })
    .unwrap();
    assert_eq!(doc.world.resources[0].policy, None);
    assert!(!doc
        .scene()
        .edges
        .iter()
        .any(|e| e.kind == EdgeKind::ResourceAccess));
}

#[test]
fn a_new_role_trusts_its_own_account() {
    let mut doc = Document::seed_example();
    let role = doc
        .apply(&Command::AddNode {
            kind: NodeKind::Role,
            at: Point::new(264.0, 296.0),
        })
        .unwrap()
        .created;
    let scene = doc.scene();
    let label = &scene.node(&role[0]).unwrap().label;
    assert!(scene
        .edges
        .iter()
        .any(|e| e.label == format!("Account 111122223333 may assume {label}")));
}

#[test]
fn trusting_a_whole_account_writes_its_root_arn() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts
    let mut doc = Document::seed_example();
    let s = doc.scene();
    let (acct, deploy) = (id_of(&s, "Account 111122223333"), id_of(&s, "Role Deploy"));
    doc.apply(&Command::Connect {
        from: acct,
        to: deploy,
        kind: EdgeKind::Trusts,
    })
    .unwrap();
    let aws = &trust_of(&doc, "Deploy")["Statement"][0]["Principal"]["AWS"];
    assert!(aws
        .as_array()
        .unwrap()
        .contains(&json!("arn:aws:iam::111122223333:root")));
    assert!(has_edge(
        &doc,
        "Account 111122223333 may assume Role Deploy"
    ));
}

#[test]
fn a_group_as_trust_principal_is_refused_and_nothing_changes() {
    let mut doc = Document::seed_example();
    let before = doc.clone();
    let s = doc.scene();
    let (devs, deploy) = (id_of(&s, "Group Developers"), id_of(&s, "Role Deploy"));
    let err = doc
        .apply(&Command::Connect {
            from: devs,
            to: deploy,
            kind: EdgeKind::Trusts,
        })
        .unwrap_err();
    let DocError::CannotConnect(why) = err else {
        panic!("{err:?}")
    };
    assert!(why.starts_with(
        "A group is not a principal: IAM groups cannot be named in a Principal element"
    ));
    assert_eq!(doc, before);
}

#[test]
fn moving_a_user_to_another_account_changes_its_arn_and_keeps_its_id() {
    let mut doc = Document::seed_example();
    let created = doc
        .apply(&Command::AddNode {
            kind: NodeKind::Account,
            at: Point::new(800.0, 96.0),
        })
        .unwrap()
        .created;
    let other = created.first().unwrap().clone();
    let s = doc.scene();
    let bob = id_of(&s, "User bob");
    doc.apply(&Command::MoveToAccount {
        id: bob.clone(),
        account: other.clone(),
    })
    .unwrap();
    let scene = doc.scene();
    let node = scene.node(&bob).unwrap();
    assert_eq!(node.detail, format!("arn:aws:iam::{}:user/bob", other.0));
    assert_eq!(node.account.as_ref(), Some(&other));
    let frame = scene.node(&other).unwrap().rect;
    assert!(
        frame.contains_rect(&node.rect),
        "bob must be drawn inside his new account"
    );
}

#[test]
fn an_ec2_instance_cannot_move_between_accounts() {
    let mut doc = Document::seed_example();
    let other = doc
        .apply(&Command::AddNode {
            kind: NodeKind::Account,
            at: Point::new(800.0, 96.0),
        })
        .unwrap()
        .created[0]
        .clone();
    let web = id_of(&doc.scene(), "EC2 instance web-1");
    let err = doc
        .apply(&Command::MoveToAccount {
            id: web,
            account: other,
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("cannot move between accounts"),
        "{err}"
    );
}

#[test]
fn deleting_a_user_keeps_its_arn_in_trust_policies_and_marks_it_dangling() {
    let mut doc = Document::seed_example();
    let s = doc.scene();
    let alice = id_of(&s, "User alice");
    doc.apply(&Command::Delete {
        ids: vec![alice.clone()],
    })
    .unwrap();
    assert_eq!(
        trust_of(&doc, "Deploy")["Statement"][0]["Principal"]["AWS"],
        json!("arn:aws:iam::111122223333:user/alice")
    );
    let scene = doc.scene();
    assert!(scene.node(&alice).is_none());
    assert!(!scene.edges.iter().any(|e| e.from == alice || e.to == alice));
    let deploy = scene
        .nodes
        .iter()
        .find(|n| n.label == "Role Deploy")
        .unwrap();
    assert!(
        deploy.badges.iter().any(|b| b.text
            == "trusts a principal that does not exist: arn:aws:iam::111122223333:user/alice"),
        "{:?}",
        deploy.badges
    );
    assert!(
        !doc.layout.nodes.contains_key(&alice),
        "a deleted node's position is forgotten"
    );
}

#[test]
fn invalid_policy_text_is_kept_as_a_draft_and_the_world_keeps_the_last_valid_text() {
    let mut doc = Document::seed_example();
    let deploy = id_of(&doc.scene(), "Role Deploy");
    let before = trust_of(&doc, "Deploy");
    let applied = doc
        .apply(&Command::SetPolicyText {
            id: deploy.clone(),
            slot: PolicySlot::Trust,
            text: "{ \"Version\": ".into(),
        })
        .unwrap();
    let notice = applied.notice.unwrap();
    assert!(
        notice.starts_with("Kept as a draft, not applied (line 1, column"),
        "{notice}"
    );
    assert_eq!(trust_of(&doc, "Deploy"), before);
    assert_eq!(
        doc.draft(&deploy, &PolicySlot::Trust)
            .map(|d| d.text.as_str()),
        Some("{ \"Version\": ")
    );
    assert!(
        has_edge(&doc, "User alice may assume Role Deploy"),
        "the last valid text still draws the edge"
    );
    let shown = doc.policy_text(&deploy, &PolicySlot::Trust).unwrap();
    assert!(
        shown.is_draft && shown.text == "{ \"Version\": ",
        "the editor shows what was typed"
    );
    assert!(doc
        .scene()
        .node(&deploy)
        .unwrap()
        .badges
        .iter()
        .any(|b| b.text == "draft policy not applied"));
    // Drawing onto a role with a draft would throw the typed text away: refused.
    let bob = id_of(&doc.scene(), "User bob");
    assert!(doc
        .apply(&Command::Connect {
            from: bob,
            to: deploy.clone(),
            kind: EdgeKind::Trusts
        })
        .is_err());
    // Fixing the text applies it and clears the draft.
    let fixed = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"sts:AssumeRole"}]}"#;
    doc.apply(&Command::SetPolicyText {
        id: deploy.clone(),
        slot: PolicySlot::Trust,
        text: fixed.into(),
    })
    .unwrap();
    assert!(doc.draft(&deploy, &PolicySlot::Trust).is_none());
    assert!(!has_edge(&doc, "User alice may assume Role Deploy"));
}

#[test]
fn adding_a_user_needs_an_account() {
    let mut doc = Document::empty();
    let err = doc
        .apply(&Command::AddNode {
            kind: NodeKind::User,
            at: Point::new(0.0, 0.0),
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "A user lives in an AWS account: add an account first (press A)."
    );
    doc.apply(&Command::AddNode {
        kind: NodeKind::Account,
        at: Point::new(0.0, 0.0),
    })
    .unwrap();
    let user = doc
        .apply(&Command::AddNode {
            kind: NodeKind::User,
            at: Point::new(900.0, 900.0),
        })
        .unwrap()
        .created;
    let scene = doc.scene();
    let u = scene.node(&user[0]).unwrap();
    assert_eq!(u.label, "User user-1");
    let frame = scene
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::Account)
        .unwrap();
    assert!(
        frame.rect.contains_rect(&u.rect),
        "a user added off-frame lands inside the only account"
    );
}

#[test]
fn a_name_clash_returns_awss_error_text() {
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateUser.html (EntityAlreadyExists)
    let mut doc = Document::seed_example();
    let bob = id_of(&doc.scene(), "User bob");
    let err = doc
        .apply(&Command::Rename {
            id: bob,
            name: "alice".into(),
        })
        .unwrap_err();
    let DocError::Aws { code, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(code, "EntityAlreadyExists");
}

#[test]
fn connecting_an_instance_to_a_role_creates_its_instance_profile_and_trust() {
    let mut doc = Document::seed_example();
    let s = doc.scene();
    let acct = id_of(&s, "Account 111122223333");
    let _ = acct;
    let inst = doc
        .apply(&Command::AddNode {
            kind: NodeKind::Service(iam_playground::doc::scene::ServiceKind::Ec2Instance),
            at: Point::new(72.0, 432.0),
        })
        .unwrap()
        .created[0]
        .clone();
    let deploy = id_of(&doc.scene(), "Role Deploy");
    doc.apply(&Command::Connect {
        from: inst.clone(),
        to: deploy,
        kind: EdgeKind::RunsAs,
    })
    .unwrap();
    let edge = doc
        .scene()
        .edges
        .into_iter()
        .find(|e| e.from == inst && e.kind == EdgeKind::RunsAs)
        .unwrap();
    assert!(
        edge.badges.is_empty(),
        "the role was made to trust ec2.amazonaws.com: {:?}",
        edge.badges
    );
    let services = &trust_of(&doc, "Deploy")["Statement"][0]["Principal"]["Service"];
    assert_eq!(services, &json!("ec2.amazonaws.com"));
}

#[test]
fn duplicate_copies_a_role_with_its_trust() {
    let mut doc = Document::seed_example();
    let deploy = id_of(&doc.scene(), "Role Deploy");
    let copy = doc
        .apply(&Command::Duplicate { ids: vec![deploy] })
        .unwrap()
        .created;
    assert_eq!(
        doc.scene().node(&copy[0]).unwrap().label,
        "Role Deploy-copy"
    );
    assert!(has_edge(&doc, "User alice may assume Role Deploy-copy"));
}

#[test]
fn deleting_an_ecs_task_keeps_the_other_tasks_ids_and_positions() {
    let mut doc = Document::seed_example();
    let mut tasks = Vec::new();
    for x in [72.0, 264.0, 456.0] {
        let created = doc
            .apply(&Command::AddNode {
                kind: NodeKind::Service(ServiceKind::EcsTask),
                at: Point::new(x, 432.0),
            })
            .unwrap()
            .created;
        tasks.push(created[0].clone());
    }
    let task_ids = |doc: &Document| -> Vec<NodeId> {
        doc.world
            .ecs_tasks
            .iter()
            .map(|t| NodeId::of(&EntityId::EcsTask(t.task_id.clone())))
            .collect()
    };
    assert_eq!(
        task_ids(&doc),
        tasks,
        "a task's node is keyed by its task id"
    );
    for id in &tasks {
        let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        assert!(
            id.0.len() == 32 && id.0.bytes().all(hex),
            "{id} is not an ECS task id"
        );
    }
    let scene = doc.scene();
    let before: Vec<_> = tasks
        .iter()
        .map(|t| {
            (
                scene.node(t).unwrap().clone(),
                doc.layout.nodes.get(t).copied(),
            )
        })
        .collect();
    doc.apply(&Command::Delete {
        ids: vec![tasks[0].clone()],
    })
    .unwrap();
    let scene = doc.scene();
    assert!(scene.node(&tasks[0]).is_none());
    assert!(!doc.layout.nodes.contains_key(&tasks[0]));
    for (id, (node, at)) in tasks.iter().zip(&before).skip(1) {
        let now = scene.node(id).unwrap();
        assert_eq!(
            (&now.label, now.rect),
            (&node.label, node.rect),
            "{id} moved"
        );
        assert_eq!(doc.layout.nodes.get(id).copied(), *at);
    }
    assert_eq!(task_ids(&doc), tasks[1..]);
}
