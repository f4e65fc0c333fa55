//! Bringing a real account in: GAAD files opened, dropped or pasted become a new document or
//! more accounts in this one, and the import report says what happened.

mod report;

use super::editor_store::{use_editor_content, EditorAction, EditorStore};
use super::share::{Listener, Modal};
use crate::doc::document::Document;
use crate::doc::view::Notice;
use crate::sim::gaad;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub use report::ImportReportDialog;

/// A file's name and text.
pub type NamedText = (String, String);

/// What the rest of the page uses to hand account files over and to reopen the report.
#[derive(Clone, PartialEq)]
pub struct ImportUi {
    /// GAAD texts to import (the person is asked: a new document, or add to this one).
    pub offer: Callback<Vec<NamedText>>,
    /// Opens the import report of the document.
    pub show_report: Callback<()>,
}

/// True when `text` is the output of `aws iam get-account-authorization-details` (or an array
/// of such outputs, one per account) rather than a scenario file.
pub fn is_gaad_text(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| gaad::is_gaad_world(&v))
}

/// Reads every file's text, in order; a file that cannot be read becomes `None`.
pub async fn read_all(files: Vec<web_sys::File>) -> Vec<(String, Option<String>)> {
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|v| v.as_string());
        out.push((file.name(), text));
    }
    out
}

/// The files of a `FileList`, in order.
pub fn file_vec(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// Several account files, or one: hands them to the importer when they are all GAAD and
/// returns true; false (and nothing done) when none is, so the caller opens a scenario.
/// A mix, or a file that cannot be read, is refused whole with a notice.
pub fn offer_if_gaad(
    read: &[(String, Option<String>)],
    ui: Option<&ImportUi>,
    store: &EditorStore,
) -> bool {
    let gaad: Vec<bool> = read
        .iter()
        .map(|(_, t)| t.as_deref().is_some_and(is_gaad_text))
        .collect();
    if !gaad.iter().any(|g| *g) {
        return false;
    }
    let odd: Vec<&str> = read
        .iter()
        .zip(&gaad)
        .filter(|(_, g)| !**g)
        .map(|((n, _), _)| n.as_str())
        .collect();
    match (odd.is_empty(), ui) {
        (true, Some(ui)) => ui.offer.emit(
            read.iter()
                .map(|(n, t)| (n.clone(), t.clone().unwrap_or_default()))
                .collect(),
        ),
        (true, None) => {}
        (false, _) => store.dispatch(EditorAction::Notify(Notice::error(format!(
            "{} not the output of `aws iam get-account-authorization-details`: open account files together, and scenario files one at a time. Nothing was changed.",
            odd.join(", ") + if odd.len() == 1 { " is" } else { " are" }
        )))),
    }
    true
}

/// A question waiting for its answer: the files to import.
type Pending = Option<Rc<Vec<NamedText>>>;

#[derive(Properties, PartialEq)]
pub struct ProviderProps {
    pub children: Html,
}

/// Provides [`ImportUi`] to the page, listens for GAAD JSON pasted onto it, and shows the
/// "new or add" question and the import report.
#[component]
pub fn ImportProvider(p: &ProviderProps) -> Html {
    let store = use_editor_content();
    let pending = use_state(|| Pending::None);
    let report_open = use_state(|| false);
    let ui = {
        let (pending, report_open) = (pending.clone(), report_open.clone());
        use_memo((), move |_| ImportUi {
            offer: Callback::from(move |files: Vec<NamedText>| pending.set(Some(Rc::new(files)))),
            show_report: Callback::from(move |()| report_open.set(true)),
        })
    };
    use_paste_to_import((*ui).clone());
    let Some(store) = store else {
        return p.children.clone();
    };
    let ask = (*pending).clone().map(|files| {
        let close = {
            let pending = pending.clone();
            Callback::from(move |()| pending.set(None))
        };
        let done = {
            let (pending, report_open, store) =
                (pending.clone(), report_open.clone(), store.clone());
            Callback::from(move |merge: bool| {
                pending.set(None);
                if import(&store, &files, merge) {
                    report_open.set(true);
                }
            })
        };
        let empty = store.doc.node_ids().is_empty();
        html! { <AskHow files={(*pending).clone().unwrap_or_default()} {empty} on_choose={done} on_close={close} /> }
    });
    let report = (*report_open && store.doc.import_report.is_some()).then(|| {
        let close = {
            let report_open = report_open.clone();
            Callback::from(move |()| report_open.set(false))
        };
        html! { <ImportReportDialog on_close={close} /> }
    });
    html! {
        <ContextProvider<ImportUi> context={(*ui).clone()}>
            { p.children.clone() }
            { ask.unwrap_or_default() }
            { report.unwrap_or_default() }
        </ContextProvider<ImportUi>>
    }
}

/// Imports `files` as a new document or into this one, as one undoable step. Says why not
/// when the files cannot be read, and then changes nothing.
fn import(store: &EditorStore, files: &[NamedText], merge: bool) -> bool {
    let texts: Vec<&str> = files.iter().map(|(_, t)| t.as_str()).collect();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let result = if merge {
        let mut doc = (*store.doc).clone();
        doc.merge_gaad(&texts).map(|()| doc)
    } else {
        Document::from_gaad(&texts)
    };
    match result {
        Ok(doc) => {
            store.dispatch(EditorAction::Load(Box::new(doc)));
            store.dispatch(EditorAction::Notify(Notice::info(format!(
                "Imported {}. Undo brings back what was here before.",
                names.join(", ")
            ))));
            true
        }
        Err(e) => {
            store.dispatch(EditorAction::Notify(Notice::error(format!(
                "{} cannot be imported: {e} Nothing was changed.",
                names.join(", ")
            ))));
            false
        }
    }
}

#[derive(Properties, PartialEq)]
struct AskProps {
    files: Rc<Vec<NamedText>>,
    /// Nothing is on the canvas: adding and opening come to the same.
    empty: bool,
    on_choose: Callback<bool>,
    on_close: Callback<()>,
}

/// Open the account files as a new document, or add their accounts to this diagram?
#[component]
fn AskHow(p: &AskProps) -> Html {
    let first = use_node_ref();
    let names: Vec<&str> = p.files.iter().map(|(n, _)| n.as_str()).collect();
    let choose = |merge: bool| p.on_choose.reform(move |_: MouseEvent| merge);
    html! {
        <Modal role="alertdialog" labelled_by="import-ask-title" described_by="import-ask-text"
               class="import-ask" initial={first.clone()} on_close={p.on_close.clone()}>
            <h2 id="import-ask-title">{ "Import account" }</h2>
            <p id="import-ask-text">
                { format!("{} {} the output of get-account-authorization-details. Open it as a new document (this one stays in Undo), or add its accounts to this diagram?",
                    names.join(", "), if names.len() == 1 { "is" } else { "are" }) }
            </p>
            <div class="dialog-actions">
                <button class="btn primary" ref={first} onclick={choose(false)}>{ "Open as new document" }</button>
                <button class="btn" onclick={choose(true)} disabled={p.empty}>{ "Add to this diagram" }</button>
                <button class="btn ghost" onclick={p.on_close.reform(|_| ())}>{ "Cancel" }</button>
            </div>
        </Modal>
    }
}

/// GAAD JSON pasted onto the page (not into a field) is offered for import, like a dropped
/// file; anything else pasted there is left alone.
#[hook]
fn use_paste_to_import(ui: ImportUi) {
    use_effect_with((), move |_| {
        let allowed = super::share::embed_options().is_none_or(|o| o.interactive);
        let l = Listener::document("paste", move |e| {
            let in_field = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        || el
                            .closest("[role=dialog],[role=alertdialog]")
                            .ok()
                            .flatten()
                            .is_some()
                });
            if in_field || !allowed {
                return;
            }
            // `ClipboardEvent.clipboardData` is a `DataTransfer`; read through it so the
            // build needs no extra web-sys feature.
            let text = js_sys::Reflect::get(&e, &"clipboardData".into())
                .ok()
                .and_then(|d| d.dyn_into::<web_sys::DataTransfer>().ok())
                .and_then(|d| d.get_data("text").ok())
                .filter(|t| is_gaad_text(t));
            if let Some(text) = text {
                e.prevent_default();
                ui.offer.emit(vec![("Pasted JSON".to_string(), text)]);
            }
        });
        move || drop(l)
    });
}
