//! Scenario files: New, Open (file picker or drag-and-drop onto the page; account files go to
//! the importer) and Save, as the same versioned JSON that autosave and share links use.

use super::editor_store::{use_editor_content, EditorAction, EditorStore};
use super::export::ExportMenu;
use super::import::{file_vec, offer_if_gaad, read_all, ImportUi};
use crate::doc::document::Document;
use crate::doc::view::Notice;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, Url};
use yew::prelude::*;

/// Reads the picked files: account files (GAAD) go to the importer, together; a scenario
/// file is loaded, or the notice says precisely why it cannot be.
pub fn open_files(files: Vec<web_sys::File>, store: EditorStore, import: Option<ImportUi>) {
    wasm_bindgen_futures::spawn_local(async move {
        let read = read_all(files).await;
        if offer_if_gaad(&read, import.as_ref(), &store) {
            return;
        }
        let Some((name, text)) = read.into_iter().next() else {
            return;
        };
        match text.map(|t| Document::from_json(&t)) {
            Some(Ok(doc)) => {
                store.dispatch(EditorAction::Load(Box::new(doc)));
                store.dispatch(EditorAction::Notify(Notice::info(format!(
                    "Opened {name}. Undo brings back what was here before."
                ))));
            }
            Some(Err(e)) => store.dispatch(EditorAction::Notify(Notice::error(format!(
                "{name} is not an IAM Playground scenario: {e}. Nothing was changed."
            )))),
            None => store.dispatch(EditorAction::Notify(Notice::error(format!(
                "{name} could not be read. Nothing was changed."
            )))),
        }
    });
}

/// Offers the document as a download named after its title.
pub fn save_file(doc: &Document) -> Result<(), DownloadError> {
    download_text(&doc.to_json(), "application/json", &file_name(&doc.title))
}

/// Why the browser did not start a download.
#[derive(Debug)]
pub struct DownloadError;

impl std::fmt::Display for DownloadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the browser refused the download")
    }
}

impl From<wasm_bindgen::JsValue> for DownloadError {
    fn from(_: wasm_bindgen::JsValue) -> Self {
        DownloadError
    }
}

/// Offers `text` as a download named `name`, of media type `mime`.
pub fn download_text(text: &str, mime: &str, name: &str) -> Result<(), DownloadError> {
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    download_blob(&blob, name)
}

/// Offers `blob` as a download named `name`, through a link clicked for the person.
pub fn download_blob(blob: &web_sys::Blob, name: &str) -> Result<(), DownloadError> {
    let url = Url::create_object_url_with_blob(blob)?;
    let document = super::document().ok_or(DownloadError)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")?
        .dyn_into()
        .map_err(|_| DownloadError)?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    Url::revoke_object_url(&url)?;
    Ok(())
}

/// `My scenario` -> `my-scenario.iam-playground.json`.
pub fn file_name(title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() {
        "scenario".to_string()
    } else {
        slug
    };
    format!("{slug}.iam-playground.json")
}

/// New / Open file / Save file buttons.
#[component]
pub fn FileMenu() -> Html {
    let Some(store) = use_editor_content() else {
        return Html::default();
    };
    let picker = use_node_ref();
    let import = use_context::<ImportUi>();
    let new = {
        let store = store.clone();
        Callback::from(move |_| {
            store.dispatch(EditorAction::Load(Box::new(Document::empty())));
            store.dispatch(EditorAction::Notify(Notice::info(
                "New empty scenario. Undo brings back the previous one.",
            )));
        })
    };
    let open = {
        let picker = picker.clone();
        Callback::from(move |_| {
            if let Some(input) = picker.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let picked = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let files = file_vec(input.files());
            if !files.is_empty() {
                open_files(files, store.clone(), import.clone());
            }
            input.set_value("");
        })
    };
    let save = {
        let store = store.clone();
        Callback::from(move |_| {
            if save_file(&store.doc).is_err() {
                store.dispatch(EditorAction::Notify(Notice::error(
                    "The browser refused the download.",
                )));
            }
        })
    };
    html! {
        <div class="file-menu" role="group" aria-label="Scenario file">
            <button class="btn ghost" onclick={new} title="Start an empty scenario (undoable)">{ "New" }</button>
            <button class="btn ghost" onclick={open} title="Open a scenario file, or account files from aws iam get-account-authorization-details (.json); you can also drop them on the page">{ "Open file" }</button>
            <input type="file" accept=".json,application/json" multiple=true class="sr-only" ref={picker} onchange={picked}
                   tabindex="-1" aria-hidden="true" />
            <button class="btn ghost" onclick={save} title="Download this scenario as a file">{ "Save file" }</button>
            <ExportMenu />
        </div>
    }
}
