//! Wiring tests in a real browser (wasm-bindgen-test in headless Chromium): the app mounts,
//! and the JavaScript API is installed.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn body_text() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .map(|b| b.inner_text())
        .unwrap_or_default()
}

async fn settle() {
    // Yew renders asynchronously; give the scheduler a turn.
    gloo_timers::future::TimeoutFuture::new(50).await;
}

#[wasm_bindgen_test]
async fn app_mounts_the_shell_into_the_body() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<iam_playground::ui::App>::with_root(root).render();
    settle().await;
    let text = body_text();
    assert!(text.contains("IAM Playground"), "no heading in: {text}");
    assert!(
        text.contains("IAM user vs IAM role"),
        "no user-vs-role panel in: {text}"
    );
}

#[wasm_bindgen_test]
async fn the_javascript_api_is_installed_on_window() {
    iam_playground::ui::install_js_api();
    let window = web_sys::window().unwrap();
    let api = js_sys::Reflect::get(&window, &"iamPlayground".into()).unwrap();
    let evaluate: js_sys::Function = js_sys::Reflect::get(&api, &"evaluate".into())
        .unwrap()
        .into();
    let answer = evaluate
        .call1(&api, &"{not json".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(
        answer.contains("\"error\""),
        "malformed input answers an error: {answer}"
    );
}

#[wasm_bindgen_test]
async fn a_fresh_page_shows_the_seed_example_on_the_canvas() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<iam_playground::ui::App>::with_root(root.clone()).render();
    settle().await;
    let alice = root.query_selector("[aria-label=\"User alice\"]").unwrap();
    assert!(
        alice.is_some(),
        "the seed example's user alice is on the canvas"
    );
}
