//! Scenario files: New, Open (file picker or drag-and-drop onto the page) and Save, as the
//! same versioned JSON that autosave and share links use.

use super::editor_store::{EditorAction, EditorStore};
use crate::doc::document::Document;
use crate::doc::view::Notice;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, Url};
use yew::prelude::*;

/// Reads a dropped or picked file and loads it, or says precisely why it cannot be.
pub fn open_file(file: web_sys::File, store: EditorStore) {
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|v| v.as_string());
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
pub fn save_file(doc: &Document) -> Result<(), wasm_bindgen::JsValue> {
    let text = doc.to_json();
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = super::document().ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(&file_name(&doc.title));
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
    let Some(store) = use_context::<EditorStore>() else {
        return Html::default();
    };
    let picker = use_node_ref();
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
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                open_file(file, store.clone());
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
            <button class="btn ghost" onclick={open} title="Open a scenario file (.json); you can also drop one on the page">{ "Open file" }</button>
            <input type="file" accept=".json,application/json" class="sr-only" ref={picker} onchange={picked}
                   tabindex="-1" aria-hidden="true" />
            <button class="btn ghost" onclick={save} title="Download this scenario as a file">{ "Save file" }</button>
        </div>
    }
}
