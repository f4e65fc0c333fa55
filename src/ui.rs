//! The browser side: Yew components over one store, the real clock, storage, the JS API.

mod app;
mod canvas;
mod clock;
mod clock_hook;
mod editor_store;
mod export;
mod files;
mod icons;
mod import;
mod inspector;
mod js_api;
mod minimap;
mod notices;
mod panic;
mod policy_editor;
mod reach;
mod ring;
mod search;
mod share;
mod sim_store;
mod simulator;
mod statusbar;
mod storage;
mod tabs;
mod toolbar;

pub use app::App;

/// Installs `window.iamPlayground` (done by [`start`]; public for the browser tests).
pub fn install_js_api() {
    js_api::install();
}

/// Mounts the playground into `<body>`, after installing the panic guard and the JS API.
pub fn start() {
    panic::install();
    js_api::install();
    if let Some(boot) = document().and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    yew::Renderer::<App>::new().render();
}

pub(crate) fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}
