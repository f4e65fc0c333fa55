//! The notice shown when another tab saved a newer version of the scenario: this tab's
//! autosave has stopped, and the person chooses which version to keep working on.

use super::editor_store::{use_editor_content, EditorAction, EditorStore};
use super::files::{file_name, save_file};
use super::storage;
use crate::doc::view::Notice;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SaveConflictProps {
    /// The person chose; the notice goes away.
    pub on_done: Callback<()>,
}

/// "A newer version was saved in another tab": reload it, or keep this tab's version as a
/// file and then reload. Either way Undo brings this tab's version back.
#[component]
pub fn SaveConflict(p: &SaveConflictProps) -> Html {
    let Some(store) = use_editor_content() else {
        return Html::default();
    };
    let reload = {
        let (store, done) = (store.clone(), p.on_done.clone());
        Callback::from(move |_| {
            reload_newer(&store, None);
            done.emit(());
        })
    };
    let keep = {
        let (store, done) = (store.clone(), p.on_done.clone());
        Callback::from(move |_| {
            let mut copy = (*store.doc).clone();
            copy.title = format!("{} (copy)", copy.title);
            match save_file(&copy) {
                Ok(()) => {
                    reload_newer(&store, Some(file_name(&copy.title)));
                    done.emit(());
                }
                Err(_) => store.dispatch(EditorAction::Notify(Notice::error(
                    "The browser did not allow saving your version as a file. Nothing was changed; try Save file.",
                ))),
            }
        })
    };
    html! {
        <section class="save-conflict" role="alertdialog" aria-modal="false"
                 aria-labelledby="save-conflict-title" aria-describedby="save-conflict-text">
            <h2 id="save-conflict-title">{ "A newer version was saved in another tab" }</h2>
            <p id="save-conflict-text">
                { "This tab stopped autosaving so that it does not overwrite that version. \
                   Reload it, or keep what you see here as a copy (saved as a file) first." }
            </p>
            <div class="dialog-actions">
                <button class="btn primary" onclick={reload}>{ "Reload the newer version" }</button>
                <button class="btn ghost" onclick={keep}>{ "Keep mine as a copy" }</button>
            </div>
        </section>
    }
}

/// Opens the newer version as one undoable step; `copy` names the file this tab's version
/// was saved to, if it was.
fn reload_newer(store: &EditorStore, copy: Option<String>) {
    let Some(doc) = storage::take_newer() else {
        store.dispatch(EditorAction::Notify(Notice::error(
            "The newer version could not be read. Nothing was changed; save yours to a file to keep it.",
        )));
        return;
    };
    store.dispatch(EditorAction::Load(Box::new(doc)));
    let text = match copy {
        Some(f) => format!(
            "Your version was saved as the file {f}. This tab now shows the newer version; Undo brings yours back."
        ),
        None => "Reloaded the newer version from the other tab. Undo brings back yours.".into(),
    };
    store.dispatch(EditorAction::Notify(Notice::info(text)));
}
