//! What the page's address asks for at start-up: a shared scenario (`#s=1....`) and embed
//! options (`?embed=1&...`). Read once; the header's menu picks up what needs a person.

use crate::doc::document::Document;
use crate::doc::scenario::Scenario;
use crate::doc::share::embed::{EmbedOptions, Theme};
use crate::doc::share::{decode, payload_in_fragment};
use crate::doc::tool::InputEvent;
use std::cell::RefCell;

/// What the share menu must do once mounted.
pub enum Pending {
    /// A shared scenario arrived over a local document: ask before opening it.
    Ask(Scenario),
    /// A shared scenario was opened as the start document; play its steps if it has any.
    Opened(Scenario),
    /// The link could not be read: say why (the local document is shown instead).
    Problem(String),
}

thread_local! {
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
}

/// Takes what start-up left for the menu (once).
pub fn take_pending() -> Option<Pending> {
    PENDING.with(|p| p.borrow_mut().take())
}

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The embed options in the address, `None` for the full page.
pub fn embed_options() -> Option<EmbedOptions> {
    location()
        .and_then(|l| l.search().ok())
        .and_then(|q| EmbedOptions::from_query(&q))
}

/// In a read-only embed the reader may look around (scroll, zoom, hover) but not edit.
pub fn allowed_in_embed(options: Option<&EmbedOptions>, event: &InputEvent) -> bool {
    match options {
        Some(o) if !o.interactive => matches!(
            event,
            InputEvent::Wheel { .. }
                | InputEvent::Resize { .. }
                | InputEvent::PointerMove { .. }
                | InputEvent::PointerCancel
        ),
        _ => true,
    }
}

/// Whether the address carries a shared scenario (`#s=...`); read before [`launch`] drops it.
pub fn shared_link_in_address() -> bool {
    let hash = location().and_then(|l| l.hash().ok()).unwrap_or_default();
    payload_in_fragment(&hash).is_some()
}

/// Decides the start document: the local one, unless the address carries a scenario that
/// can be opened without overwriting anything (no local document, or an embed, whose
/// reader came for the host page's scenario). Anything else is left for the menu.
pub fn launch(local: Option<Document>) -> Option<Document> {
    let embed = embed_options();
    if let Some(o) = &embed {
        set_theme(o.theme);
    }
    let hash = location().and_then(|l| l.hash().ok()).unwrap_or_default();
    let Some(payload) = payload_in_fragment(&hash) else {
        return local;
    };
    let (doc, pending) = match decode(payload) {
        Err(e) => (
            local,
            Pending::Problem(format!(
                "{e} Showing your last scenario instead; nothing was changed."
            )),
        ),
        Ok(s) if local.is_none() || embed.is_some() => {
            (Some(s.document.clone()), Pending::Opened(s))
        }
        Ok(s) => (local, Pending::Ask(s)),
    };
    PENDING.with(|p| *p.borrow_mut() = Some(pending));
    if embed.is_none() {
        // The scenario now lives in the page (and in Undo once opened); a reload should not
        // ask again. An embed keeps its address: the host may reload the iframe.
        forget_fragment();
    }
    doc
}

/// Drops `#s=...` from the address bar without a navigation or a history entry.
fn forget_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let l = window.location();
    let url = format!(
        "{}{}",
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default()
    );
    if let Ok(h) = window.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// `data-theme` on `<html>` (the stylesheet has both schemes); auto follows the system.
pub fn set_theme(theme: Theme) {
    let Some(root) = super::super::document().and_then(|d| d.document_element()) else {
        return;
    };
    let _ = match theme {
        Theme::Auto => root.remove_attribute("data-theme"),
        t => root.set_attribute("data-theme", t.as_str()),
    };
}

/// The address of this page without query or fragment, for links and embed code.
pub fn page_address() -> String {
    let Some(l) = location() else {
        return String::new();
    };
    let href = l.href().unwrap_or_default();
    let cut = href.find(['?', '#']).unwrap_or(href.len());
    href.get(..cut).unwrap_or(&href).to_string()
}
