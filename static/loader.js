// Starts IAM Playground. A file rather than Trunk's inline script, so the page's
// Content-Security-Policy can refuse every inline script (Trunk.toml `pattern_script` puts
// this tag in the page with the hashed names of the wasm-bindgen script and the wasm).

// Before the wasm: show the diagram the page is about to open as a picture, when that is known
// without the wasm (src/ui/storage.rs and src/ui/share/launch.rs decide the same way):
// - an address with a shared scenario (`#s=...`) opens it: no picture (drawing it needs the wasm);
// - an embed (`?embed=1`), or a first visit (nothing autosaved), opens the example: its picture
//   is in the page already (static/first-screen.html), in the scheme the page will show;
// - a returning visitor gets their last autosave's picture, if the autosave left one.
// Nothing here may stop the page from starting, so any failure just means no picture.
const PICTURE_MARK = 'iam-playground:first-picture';
try {
  const boot = document.getElementById('boot');
  const query = new URLSearchParams(location.search);
  const embed = query.get('embed') === '1';
  const shared = location.hash.replace(/^#/, '').split('&').some((p) => p.startsWith('s='));
  if (embed && ['light', 'dark'].includes(query.get('theme'))) {
    document.documentElement.dataset.theme = query.get('theme');
  }
  const store = embed ? null : window.localStorage;
  const saved = store?.getItem('iam-playground/document') != null;
  let shown = false;
  if (saved) {
    const record = JSON.parse(store.getItem('iam-playground/loading-picture') || 'null');
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    if (record && record.stamp === store.getItem('iam-playground/document-stamp')
        && record.theme === (dark ? 'dark' : 'light') && typeof record.svg === 'string') {
      const img = new Image();
      img.className = 'boot-picture';
      img.alt = `${record.title}: your last diagram, a picture until the playground has loaded`;
      const size = record.svg.match(/^<svg[^>]*? width="([\d.]+)" height="([\d.]+)"/);
      if (size) img.style.setProperty('--ratio', String(size[1] / size[2]));
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(record.svg)}`;
      boot.prepend(img);
      shown = true;
    }
  } else if (!shared) {
    boot.dataset.picture = 'first-visit';
    shown = true;
  }
  if (shown) requestAnimationFrame(() => performance.mark(PICTURE_MARK));
} catch (e) {
  console.warn('no loading picture:', e);
}

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
