//! A Rust panic must not leave a dead page: show what happened and how to get back.

use wasm_bindgen::JsValue;

/// Installs a panic hook that logs the panic and covers the page with a recovery notice.
/// The waiting autosave (the last document the page showed) is written first, so
/// the notice's "nothing lost" holds even within the autosave delay. After a panic the wasm
/// instance is unusable, so the notice is plain DOM whose reload button the loader script
/// (`static/loader.js`) handles: the page's Content-Security-Policy runs no inline handlers.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&format!(
            "IAM Playground crashed: {info}"
        )));
        let _ = super::storage::flush();
        let Some(doc) = super::document() else { return };
        let Some(body) = doc.body() else { return };
        let Ok(overlay) = doc.create_element("div") else {
            return;
        };
        overlay.set_class_name("panic-overlay");
        let _ = overlay.set_attribute("role", "alertdialog");
        let _ = overlay.set_attribute("aria-label", "IAM Playground stopped");
        overlay.set_inner_html(
            "<div><h2>Something went wrong inside IAM Playground</h2>\
             <p>Your last saved work is kept in this browser. Reload the page to continue where you left off.</p>\
             <button class=\"btn primary\" data-reload>Reload</button></div>",
        );
        let _ = body.append_child(&overlay);
    }));
}
