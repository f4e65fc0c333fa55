//! Opening another scenario never loses the one that was there: it is one undoable step.

use iam_playground::doc::document::Document;
use iam_playground::doc::editor::Editor;

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
