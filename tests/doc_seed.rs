//! The seed example and the empty document: what a visitor sees first.

use iam_playground::doc::document::Document;
use iam_playground::doc::scene::{EdgeKind, NodeKind};

#[test]
fn seed_example_has_the_story_nodes_with_accessible_labels() {
    let scene = Document::seed_example().scene();
    let labels: Vec<&str> = scene.nodes.iter().map(|n| n.label.as_str()).collect();
    for expected in [
        "Account 111122223333",
        "User alice",
        "User bob",
        "Group Developers",
        "Role Deploy",
        "Role WebServerRole",
        "EC2 instance web-1",
        "S3 bucket amzn-s3-demo-bucket",
    ] {
        assert!(labels.contains(&expected), "missing {expected}: {labels:?}");
    }
    let alice = scene
        .nodes
        .iter()
        .find(|n| n.label == "User alice")
        .unwrap();
    assert_eq!(alice.detail, "arn:aws:iam::111122223333:user/alice");
    assert!(alice.badges.iter().any(|b| b.text == "has access keys"));
    let deploy = scene
        .nodes
        .iter()
        .find(|n| n.label == "Role Deploy")
        .unwrap();
    assert!(deploy
        .badges
        .iter()
        .any(|b| b.text == "no credentials until assumed"));
}

#[test]
fn seed_example_edges_are_derived_from_the_world() {
    let scene = Document::seed_example().scene();
    let edges: Vec<(&str, EdgeKind)> = scene
        .edges
        .iter()
        .map(|e| (e.label.as_str(), e.kind))
        .collect();
    assert!(edges.contains(&(
        "User alice is a member of Group Developers",
        EdgeKind::MemberOf
    )));
    assert!(edges.contains(&("User alice may assume Role Deploy", EdgeKind::Trusts)));
    assert!(edges.contains(&(
        "EC2 instance web-1 runs as Role WebServerRole",
        EdgeKind::RunsAs
    )));
    assert!(edges.contains(&(
        "Role WebServerRole is granted access to S3 bucket amzn-s3-demo-bucket",
        EdgeKind::ResourceAccess
    )));
    // The instance's role trusts ec2.amazonaws.com, so its edge carries no warning.
    let runs = scene
        .edges
        .iter()
        .find(|e| e.kind == EdgeKind::RunsAs)
        .unwrap();
    assert!(runs.badges.is_empty(), "{:?}", runs.badges);
}

#[test]
fn seed_example_is_laid_out_inside_its_account_without_overlaps() {
    let scene = Document::seed_example().scene();
    let frame = scene
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::Account)
        .unwrap()
        .rect;
    let plain: Vec<_> = scene
        .nodes
        .iter()
        .filter(|n| n.kind != NodeKind::Account)
        .collect();
    for n in &plain {
        assert!(
            frame.contains_rect(&n.rect),
            "{} is outside its account frame",
            n.label
        );
        assert_eq!(
            n.account.as_ref().map(|a| a.0.as_str()),
            Some("111122223333")
        );
    }
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

#[test]
fn seed_example_is_deterministic() {
    assert_eq!(Document::seed_example(), Document::seed_example());
}

#[test]
fn empty_document_shows_nothing() {
    let d = Document::empty();
    assert_eq!(d.doc_type, "iam-playground");
    let s = d.scene();
    assert!(s.nodes.is_empty() && s.edges.is_empty());
}
