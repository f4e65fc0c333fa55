// Starts IAM Playground. A file rather than Trunk's inline script, so the page's
// Content-Security-Policy can refuse every inline script (Trunk.toml `pattern_script` puts
// this tag in the page with the hashed names of the wasm-bindgen script and the wasm).
const tag = document.querySelector('script[data-playground-js]');
const init = await import(tag.dataset.playgroundJs);
const wasm = await init.default({ module_or_path: tag.dataset.playgroundWasm });
window.wasmBindings = init;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));

// The crash notice is plain DOM written after the wasm stopped; its Reload button works
// from here, without an inline handler.
document.addEventListener('click', (e) => {
  if (e.target instanceof Element && e.target.closest('[data-reload]')) location.reload();
});
