//! Window-level event listeners that remove themselves when dropped.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A registered listener; dropping it unregisters it.
pub struct Listener {
    target: web_sys::EventTarget,
    kind: &'static str,
    capture: bool,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    /// Listens on `window` for `kind`; `capture` sees the event before the canvas does.
    pub fn window(
        kind: &'static str,
        capture: bool,
        f: impl FnMut(web_sys::Event) + 'static,
    ) -> Option<Listener> {
        let target: web_sys::EventTarget = web_sys::window()?.into();
        Listener::on(target, kind, capture, f)
    }

    /// Listens on `document` (where `fullscreenchange` is fired).
    pub fn document(
        kind: &'static str,
        f: impl FnMut(web_sys::Event) + 'static,
    ) -> Option<Listener> {
        let target: web_sys::EventTarget = super::super::document()?.into();
        Listener::on(target, kind, false, f)
    }

    fn on(
        target: web_sys::EventTarget,
        kind: &'static str,
        capture: bool,
        f: impl FnMut(web_sys::Event) + 'static,
    ) -> Option<Listener> {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        target
            .add_event_listener_with_callback_and_bool(
                kind,
                closure.as_ref().unchecked_ref(),
                capture,
            )
            .ok()?;
        Some(Listener {
            target,
            kind,
            capture,
            closure,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.kind,
            self.closure.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}

/// Whether a key event is meant for a text field (then page shortcuts stay quiet).
pub fn typing_in_field(e: &web_sys::Event) -> bool {
    let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}

/// Copies text to the clipboard; `false` when the browser refused (no permission, an
/// insecure context, a sandboxed frame).
pub async fn copy_text(text: String) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = window.navigator().clipboard();
    let promise = clipboard.write_text(&text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
