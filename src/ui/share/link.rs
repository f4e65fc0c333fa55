//! "Share": the whole scenario in a link, copied to the clipboard.

use super::launch::page_address;
use super::listen::copy_text;
use crate::doc::document::Document;
use crate::doc::scenario::Scenario;
use crate::doc::session::Guide;
use crate::doc::share::check_size;
use crate::doc::share::fragment;
use crate::doc::view::Notice;
use crate::ui::editor_store::{EditorAction, EditorStore};

/// The scenario a link or an embed carries: the document as it is, with the guided steps
/// being played and the step on show (a link made at step 5 opens at step 5).
pub fn shared_scenario(doc: &Document, guide: Option<&Guide>) -> Scenario {
    let mut s = Scenario::from_document(doc.clone());
    if let Some(g) = guide {
        s.steps = g.story.steps.clone();
        s.start = g.story.start;
        s.recap = g.story.recap.clone();
        s.open_at = (g.index > 0).then_some(g.index + 1);
    }
    s
}

/// Copies a link to `s`; when the browser refuses, puts it in the address bar instead.
pub fn copy_link(store: &EditorStore, s: &Scenario) {
    if check_size(s).is_err() {
        store.dispatch(EditorAction::Notify(Notice::error(format!(
            "This scenario is larger than {} KB, too large for a link. Save it with \"Save file\" and share the file instead.",
            crate::doc::share::MAX_DECODED_BYTES / 1024
        ))));
        return;
    }
    let link = format!("{}#{}", page_address(), fragment(s));
    let store = store.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if copy_text(link.clone()).await {
            store.dispatch(EditorAction::Notify(Notice::info(
                "Link copied. Anyone who opens it sees this scenario; it lives in the link, not on a server.",
            )));
        } else {
            if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&link));
            }
            store.dispatch(EditorAction::Notify(Notice::error(
                "The browser did not allow copying. The link is now in the address bar: copy it from there.",
            )));
        }
    });
}
