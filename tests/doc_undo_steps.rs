//! What one Undo takes back: opening another scenario, or a burst of typing into one policy.

use iam_playground::doc::command::{Command, PolicySlot};
use iam_playground::doc::document::Document;
use iam_playground::doc::editor::Editor;
use iam_playground::doc::scene::{NodeId, NodeKind};

#[test]
fn replacing_the_document_is_undone_and_redone_as_one_step() {
    let mut editor = Editor::new(Document::seed_example());
    let seed = editor.doc().clone();
    editor.replace(Document::empty(), "Open file");
    assert_eq!(editor.doc(), &Document::empty());
    assert_eq!(editor.undo_label(), Some("Open file"));
    editor.undo();
    assert_eq!(
        editor.doc(),
        &seed,
        "undo brings back the previous scenario"
    );
    editor.redo();
    assert_eq!(editor.doc(), &Document::empty());
}

#[test]
fn replacing_with_the_same_document_records_nothing() {
    let mut editor = Editor::new(Document::seed_example());
    editor.replace(Document::seed_example(), "Open file");
    assert_eq!(editor.undo_label(), None);
}

fn role_deploy(editor: &Editor) -> NodeId {
    editor
        .scene()
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::Role && n.label == "Role Deploy")
        .map(|n| n.id.clone())
        .expect("the seed has role Deploy")
}

fn type_trust(editor: &mut Editor, id: &NodeId, text: &str) {
    let _ = editor.apply(Command::SetPolicyText {
        id: id.clone(),
        slot: PolicySlot::Trust,
        text: text.to_string(),
    });
}

#[test]
fn typing_into_one_policy_is_one_undo_step() {
    let mut editor = Editor::new(Document::seed_example());
    let seed = editor.doc().clone();
    let deploy = role_deploy(&editor);
    let full = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    // Keystroke by keystroke: invalid drafts on the way, then a valid policy.
    for end in [1, 10, 40, full.len()] {
        type_trust(&mut editor, &deploy, &full[..end]);
    }
    assert_ne!(editor.doc(), &seed);
    editor.undo();
    assert_eq!(
        editor.doc(),
        &seed,
        "one Undo takes back the whole burst of typing"
    );
}

#[test]
fn another_command_between_edits_starts_a_new_undo_step() {
    let mut editor = Editor::new(Document::seed_example());
    let deploy = role_deploy(&editor);
    let a = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let b = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    type_trust(&mut editor, &deploy, a);
    let after_a = editor.doc().clone();
    let _ = editor.apply(Command::SetTitle {
        title: "Retitled".into(),
    });
    type_trust(&mut editor, &deploy, b);
    editor.undo();
    editor.undo();
    assert_eq!(
        editor.doc(),
        &after_a,
        "the second edit and the title are their own steps"
    );
}
