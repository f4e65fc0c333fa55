//! The browser's history as the list of scenarios opened: opening one adds an entry, so Back
//! and Forward move between them (not out of the page), and a reload finds the open guided
//! scenario and its step in the entry it reloads (see `doc::scenario::visit`).

use crate::doc::document::Document;
use crate::doc::scenario::visit::Visit;
use crate::doc::scenario::Scenario;
use wasm_bindgen::JsValue;

fn history() -> Option<web_sys::History> {
    web_sys::window().and_then(|w| w.history().ok())
}

/// The visit the current history entry holds, if it is one.
pub fn current() -> Option<Visit> {
    history()
        .and_then(|h| h.state().ok())
        .and_then(|s| s.as_string())
        .and_then(|t| Visit::from_json(&t))
}

/// A visit read from a `popstate` event's state.
pub fn from_state(state: JsValue) -> Option<Visit> {
    state.as_string().and_then(|t| Visit::from_json(&t))
}

/// `scenario` was opened at `step`: the entry being left keeps `leaving` (the document as
/// the reader leaves it, so Back returns to it), and a new entry holds the new visit.
pub fn push(scenario: &Scenario, step: usize, leaving: &Document) {
    let Some(h) = history() else { return };
    if let Some(mut left) = current() {
        left.document = Some(leaving.clone());
        let _ = h.replace_state(&JsValue::from_str(&left.to_json()), "");
    }
    let visit = Visit::new(scenario.clone(), step);
    let _ = h.push_state(&JsValue::from_str(&visit.to_json()), "");
}

/// The current entry becomes a visit of `scenario` at `step` (a scenario opened from a
/// link, or a step taken): a reload comes back to it.
pub fn replace(scenario: &Scenario, step: usize) {
    let Some(h) = history() else { return };
    let document = current().and_then(|v| v.document);
    let visit = Visit {
        document,
        ..Visit::new(scenario.clone(), step)
    };
    let _ = h.replace_state(&JsValue::from_str(&visit.to_json()), "");
}

/// The guided steps were closed: a reload no longer reopens them.
pub fn close() {
    if let (Some(h), Some(_)) = (history(), current()) {
        let _ = h.replace_state(&JsValue::NULL, "");
    }
}
