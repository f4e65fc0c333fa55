//! Save/load round trips, the v1 -> v2 migration, and precise errors for unreadable files.

use super::*;
use crate::doc::command::Command;
use crate::doc::geometry::Point;
use crate::doc::scene::{EdgeKind, NodeId, NodeKind};
use crate::sim::ids::EntityId;
use proptest::prelude::*;

#[test]
fn seed_example_round_trips_through_json() {
    let doc = Document::seed_example();
    let text = doc.to_json();
    assert!(
        text.starts_with("{\n  \"type\": \"iam-playground\",\n  \"version\": 2,"),
        "{}",
        &text[..80]
    );
    assert_eq!(Document::from_json(&text), Ok(doc));
}

#[test]
fn version_one_documents_are_migrated() {
    // A v1 file: `name`, positions as [x, y] arrays, account frames among them, no frames map.
    let seed = Document::seed_example();
    let mut v: Value = serde_json::from_str(&seed.to_json()).unwrap();
    let obj = v.as_object_mut().unwrap();
    obj.insert("version".into(), Value::from(1));
    obj.remove("title");
    obj.insert("name".into(), Value::from("Old scenario"));
    obj.remove("layout");
    obj.remove("drafts");
    obj.remove("actors");
    obj.remove("next_actor");
    let mut positions = Map::new();
    for (id, p) in &seed.layout.nodes {
        positions.insert(id.0.clone(), serde_json::json!([p.x, p.y]));
    }
    positions.insert("111122223333".into(), serde_json::json!([48.0, 96.0]));
    obj.insert("positions".into(), Value::Object(positions));
    let doc = Document::from_json(&v.to_string()).unwrap();
    assert_eq!(doc.version, DOC_VERSION);
    assert_eq!(doc.title, "Old scenario");
    assert_eq!(doc.layout.nodes, seed.layout.nodes);
    assert_eq!(doc.world, seed.world);
    let frame = doc
        .layout
        .frames
        .get(&NodeId::new("111122223333"))
        .copied()
        .unwrap();
    assert_eq!((frame.x, frame.y), (48.0, 96.0));
    // The frame grew to hold its members, as v1 frames were sized to fit.
    for p in doc.layout.nodes.values() {
        assert!(frame.contains(*p), "{p:?} outside {frame:?}");
    }
}

#[test]
fn unreadable_files_say_precisely_why() {
    assert!(matches!(
        Document::from_json("{\n  \"type\": "),
        Err(LoadError::NotJson { line: 2, .. })
    ));
    assert_eq!(Document::from_json("[1, 2]"), Err(LoadError::NotAnObject));
    assert_eq!(
        Document::from_json(r#"{"type": "excalidraw", "version": 2}"#),
        Err(LoadError::WrongType {
            found: Some("excalidraw".into())
        })
    );
    assert_eq!(
        Document::from_json(r#"{"version": 2}"#),
        Err(LoadError::WrongType { found: None })
    );
    assert_eq!(
        Document::from_json(r#"{"type": "iam-playground"}"#),
        Err(LoadError::MissingVersion)
    );
    let future = Document::from_json(r#"{"type": "iam-playground", "version": 99}"#).unwrap_err();
    assert_eq!(future, LoadError::FromTheFuture { version: 99 });
    assert!(future.to_string().contains("newer IAM Playground"));
    let damaged =
        Document::from_json(r#"{"type": "iam-playground", "version": 2, "title": 5}"#).unwrap_err();
    assert!(matches!(damaged, LoadError::Invalid { .. }), "{damaged:?}");
    let bad_v1 =
        Document::from_json(r#"{"type": "iam-playground", "version": 1, "positions": {"a": "x"}}"#)
            .unwrap_err();
    assert_eq!(
        bad_v1,
        LoadError::Invalid {
            message: "the position of `a` must be [x, y]".into()
        }
    );
}

#[test]
fn a_policy_that_does_not_parse_refuses_the_document_naming_entity_policy_and_error() {
    // AWS never stores such a policy (MalformedPolicyDocument), so a hand-edited file or
    // share link holding one is refused instead of evaluated without it.
    let mut v: Value = serde_json::from_str(&Document::seed_example().to_json()).unwrap();
    let role = v["world"]["roles"]
        .as_object_mut()
        .unwrap()
        .values_mut()
        .find(|r| r["role_name"] == "Deploy")
        .unwrap();
    role["trust_policy"] = Value::from(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#,
    );
    let e = Document::from_json(&v.to_string()).unwrap_err();
    let LoadError::MalformedPolicy(p) = &e else {
        panic!("{e:?}");
    };
    assert_eq!(p.entity, "role `Deploy`");
    assert_eq!(p.policy, "trust policy");
    assert!(p.message.starts_with("line 1, column "), "{}", p.message);
    assert!(p.message.contains("Permit"), "{}", p.message);
    assert!(
        e.to_string().contains(
            "MalformedPolicyDocument: the trust policy of role `Deploy` does not parse: line 1"
        ),
        "{e}"
    );
}

#[test]
fn a_world_no_iam_calls_could_make_is_refused_naming_the_problem() {
    // Two roles named Deploy in one account: IAM refuses the second CreateRole
    // (EntityAlreadyExists), so a file holding both was edited by hand or damaged.
    let mut v: Value = serde_json::from_str(&Document::seed_example().to_json()).unwrap();
    let roles = v["world"]["roles"].as_object_mut().unwrap();
    for r in roles.values_mut() {
        if r["role_name"] == "WebServerRole" {
            r["role_name"] = Value::from("Deploy");
            r["arn"] = Value::from("arn:aws:iam::111122223333:role/Deploy");
        }
    }
    let e = Document::from_json(&v.to_string()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "This document is damaged: two roles named Deploy in account 111122223333"
    );
}

#[test]
fn unknown_fields_are_refused_rather_than_silently_dropped() {
    let mut v: Value = serde_json::from_str(&Document::empty().to_json()).unwrap();
    v.as_object_mut()
        .unwrap()
        .insert("surprise".into(), Value::from(1));
    assert!(matches!(
        Document::from_json(&v.to_string()),
        Err(LoadError::Invalid { .. })
    ));
}

/// Commands a person might issue against the seed example, by index into its nodes.
fn command_strategy() -> impl Strategy<Value = (u8, u8, u8, i16, i16)> {
    (0u8..8, 0u8..16, 0u8..16, -40i16..40, -40i16..40)
}

fn to_command(doc: &Document, (op, a, b, dx, dy): (u8, u8, u8, i16, i16)) -> Command {
    let ids = doc.node_ids();
    let pick = |i: u8| {
        usize::from(i)
            .checked_rem(ids.len())
            .and_then(|i| ids.get(i))
            .cloned()
            .unwrap_or_else(|| NodeId::new("none"))
    };
    let (a, b) = (pick(a), pick(b));
    let at = Point::new(f64::from(dx) * 8.0, f64::from(dy) * 8.0);
    match op {
        0 => Command::MoveNodes {
            moves: vec![(a, at)],
        },
        1 => Command::AddNode {
            kind: NodeKind::User,
            at,
        },
        2 => Command::AddNode {
            kind: NodeKind::Role,
            at,
        },
        3 => Command::Connect {
            from: a,
            to: b,
            kind: EdgeKind::Trusts,
        },
        4 => Command::Disconnect {
            from: a,
            to: b,
            kind: EdgeKind::Trusts,
        },
        5 => Command::Delete { ids: vec![a] },
        6 => Command::Duplicate { ids: vec![a] },
        _ => Command::Rename {
            id: a,
            name: format!("n{dx}"),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_edited_document_survives_save_and_load(steps in proptest::collection::vec(command_strategy(), 0..12)) {
        let mut doc = Document::seed_example();
        for s in steps {
            let cmd = to_command(&doc, s);
            let _ = doc.apply(&cmd);
        }
        prop_assert_eq!(Document::from_json(&doc.to_json()), Ok(doc));
    }

    #[test]
    fn a_refused_command_changes_nothing_and_undo_restores(steps in proptest::collection::vec(command_strategy(), 1..12)) {
        let mut editor = crate::doc::editor::Editor::new(Document::seed_example());
        let mut states = vec![editor.doc().clone()];
        for s in steps {
            let cmd = to_command(editor.doc(), s);
            let before = editor.doc().clone();
            match editor.apply(cmd) {
                Ok(_) if *editor.doc() != before => states.push(editor.doc().clone()),
                Ok(_) => {}
                Err(_) => prop_assert_eq!(editor.doc(), &before),
            }
        }
        for expected in states.iter().rev().skip(1) {
            editor.undo();
            prop_assert_eq!(editor.doc(), expected);
        }
    }
}

#[test]
fn a_document_filing_a_role_under_a_missing_account_is_refused_naming_the_role() {
    // Found by fuzzing (tests/fuzz/found/document.000000000000004c.txt): a hand-edited file
    // whose role names an account the world does not hold once loaded with a frame for that
    // account, which the next load dropped. No IAM call makes such a role: it is refused.
    let mut v: Value = serde_json::from_str(&Document::seed_example().to_json()).unwrap();
    let roles = v["world"]["roles"].as_object_mut().unwrap();
    let role = roles.values_mut().next().unwrap();
    role["account"] = Value::from("999988887777");
    v["layout"] = serde_json::json!({ "nodes": {}, "frames": {} });
    let e = Document::from_json(&v.to_string()).unwrap_err();
    assert!(
        e.to_string().starts_with("This document is damaged: role ")
            && e.to_string()
                .ends_with(" is filed under the wrong id or account"),
        "{e}"
    );
}

/// The seed example as saved before ECS tasks had ids: two tasks, placed on the canvas under
/// `ecs-task-0` and `ecs-task-1` (their positions in the world's list).
fn seed_with_position_keyed_tasks() -> String {
    let mut v: Value = serde_json::from_str(&Document::seed_example().to_json()).unwrap();
    v["world"]["ecs_tasks"] = serde_json::json!([
        {"family": "api", "account": "111122223333", "region": "us-east-1", "task_role": null},
        {"family": "worker", "account": "111122223333", "region": "us-east-1", "task_role": null}
    ]);
    let nodes = v["layout"]["nodes"].as_object_mut().unwrap();
    nodes.insert(
        "ecs-task-0".into(),
        serde_json::json!({"x": 72.0, "y": 432.0}),
    );
    nodes.insert(
        "ecs-task-1".into(),
        serde_json::json!({"x": 264.0, "y": 432.0}),
    );
    v.to_string()
}

#[test]
fn an_old_document_with_position_keyed_ecs_tasks_loads_with_stable_ids() {
    let text = seed_with_position_keyed_tasks();
    let mut doc = Document::from_json(&text).unwrap();
    let node_of = |doc: &Document, family: &str| {
        let t = doc
            .world
            .ecs_tasks
            .iter()
            .find(|t| t.family == family)
            .unwrap();
        NodeId::of(&EntityId::EcsTask(t.task_id.clone()))
    };
    let (api, worker) = (node_of(&doc, "api"), node_of(&doc, "worker"));
    assert_ne!(api, worker);
    for id in [&api, &worker] {
        assert_eq!(id.0.len(), 32, "{id}");
        assert!(
            id.0.bytes().all(|b| b"0123456789abcdef".contains(&b)),
            "{id}"
        );
    }
    assert_eq!(doc.layout.nodes.get(&api), Some(&Point::new(72.0, 432.0)));
    assert_eq!(
        doc.layout.nodes.get(&worker),
        Some(&Point::new(264.0, 432.0))
    );
    assert!(
        !doc.layout
            .nodes
            .keys()
            .any(|k| k.0.starts_with("ecs-task-")),
        "{:?}",
        doc.layout.nodes.keys()
    );
    assert!(doc.world.check_invariants().is_empty());
    // Deterministic: the same file gives the same ids, and a save keeps them.
    assert_eq!(Document::from_json(&text).as_ref(), Ok(&doc));
    assert_eq!(Document::from_json(&doc.to_json()).as_ref(), Ok(&doc));

    doc.apply(&Command::Delete {
        ids: vec![api.clone()],
    })
    .unwrap();
    assert_eq!(
        node_of(&doc, "worker"),
        worker,
        "the other task keeps its id"
    );
    assert_eq!(
        doc.layout.nodes.get(&worker),
        Some(&Point::new(264.0, 432.0))
    );
    let scene = doc.scene();
    let node = scene.node(&worker).unwrap();
    assert_eq!(node.label, "ECS task worker");
    assert_eq!((node.rect.x, node.rect.y), (264.0, 432.0));
    assert!(scene.node(&api).is_none());
}

#[test]
fn a_damaged_document_names_the_line_and_column_of_the_problem_in_its_own_text() {
    let text = "{\n  \"type\": \"iam-playground\",\n  \"version\": 2,\n  \"title\": 5\n}";
    let damaged = Document::from_json(text).unwrap_err();
    assert_eq!(
        damaged.to_string(),
        "This document is damaged: invalid type: integer `5`, expected a string at line 4 column 12"
    );
}

#[test]
fn a_migrated_documents_problem_names_no_place_in_text_its_author_never_wrote() {
    // Version 1 is migrated first; a place in the migration's output would point nowhere
    // in the file the person opened.
    let text = r#"{"type": "iam-playground", "version": 1, "name": "Old", "world": 7}"#;
    let damaged = Document::from_json(text).unwrap_err();
    let message = damaged.to_string();
    assert!(
        message.starts_with("This document is damaged: invalid type: integer `7`"),
        "{message}"
    );
    assert!(!message.contains(" at line "), "{message}");
}
