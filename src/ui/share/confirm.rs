//! "Open the shared scenario?": a link never replaces a local scenario without a yes.

use super::modal::Modal;
use crate::doc::scenario::Scenario;
use crate::doc::view::Notice;
use crate::ui::editor_store::{EditorAction, EditorStore};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmProps {
    pub scenario: Rc<Scenario>,
    pub open: Callback<Scenario>,
    pub close: Callback<()>,
    pub store: EditorStore,
}

/// "Open the shared scenario?": a link never replaces a local scenario without a yes.
#[component]
pub fn ConfirmShared(p: &ConfirmProps) -> Html {
    let yes_ref = use_node_ref();
    let yes = {
        let (s, close, open) = (p.scenario.clone(), p.close.clone(), p.open.clone());
        Callback::from(move |_| {
            close.emit(());
            open.emit((*s).clone());
        })
    };
    let no = {
        let (close, store) = (p.close.clone(), p.store.clone());
        Callback::from(move |(): ()| {
            close.emit(());
            store.dispatch(EditorAction::Notify(Notice::info(
                "Kept your scenario. The shared one was not opened.",
            )));
        })
    };
    html! {
        <Modal role="alertdialog" labelled_by="confirm-title" described_by="confirm-text"
               initial={yes_ref.clone()} on_close={no.clone()}>
            <h2 id="confirm-title">{ "Open the shared scenario?" }</h2>
            <p id="confirm-text">
                { format!("\"{}\" was shared with you. If you open it, your current scenario stays in Undo.", p.scenario.title) }
            </p>
            <div class="dialog-actions">
                <button class="btn primary" onclick={yes} ref={yes_ref}>{ "Open shared scenario" }</button>
                <button class="btn ghost" onclick={no.reform(|_| ())}>{ "Keep mine" }</button>
            </div>
        </Modal>
    }
}
