//! `window.iamPlayground`: the functions people script the page with.

use wasm_bindgen::prelude::*;

/// Installs `window.iamPlayground` with `version`.
pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let api = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&api, &"version".into(), &env!("CARGO_PKG_VERSION").into());
    let _ = js_sys::Reflect::set(&window, &"iamPlayground".into(), &api);
}

#[allow(dead_code)]
fn set_fn(api: &js_sys::Object, name: &str, f: &Closure<dyn Fn(String) -> String>) {
    let _ = js_sys::Reflect::set(api, &name.into(), f.as_ref());
}
