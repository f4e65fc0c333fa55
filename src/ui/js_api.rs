//! `window.iamPlayground`: the functions people script the page with.

use crate::sim::eval::batch::Evaluator;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static EVALUATOR: RefCell<Evaluator> = RefCell::new(Evaluator::new());
}

/// Installs `window.iamPlayground` with `version` and `evaluate(request)`.
///
/// `evaluate` takes the `iam-eval` request (a JSON string, or an object that is stringified)
/// and returns the decision as a JSON string, exactly as `iam-eval` prints it for that line.
pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let api = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&api, &"version".into(), &env!("CARGO_PKG_VERSION").into());
    let evaluate = Closure::<dyn Fn(JsValue) -> String>::new(|request: JsValue| {
        let line = match request.as_string() {
            Some(text) => text,
            None => js_sys::JSON::stringify(&request)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default(),
        };
        // The batch evaluator answers with the same text, keeping each policy it has read
        // compiled: a script asking about the same policies again reads them once.
        EVALUATOR.with(|e| e.borrow_mut().evaluate_json(&line))
    });
    let _ = js_sys::Reflect::set(&api, &"evaluate".into(), evaluate.as_ref());
    // The API lives as long as the page.
    evaluate.forget();
    let _ = js_sys::Reflect::set(&window, &"iamPlayground".into(), &api);
}
