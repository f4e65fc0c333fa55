//! The browser side: Yew components, the store, the real clock, storage.
pub fn start() {}
