//! The wasm entry point: mounts the app. Natively it only points to the real tools.

#[cfg(target_arch = "wasm32")]
fn main() {
    iam_playground::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("IAM Playground runs in the browser: see README.md (`scripts/serve.sh`). The native tool is `cargo run --release --bin iam-eval`.");
}
