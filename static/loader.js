// Starts IAM Playground. A file rather than Trunk's inline script, so the page's
// Content-Security-Policy can refuse every inline script (Trunk.toml `pattern_script` puts
// this tag in the page with the hashed names of the wasm-bindgen script and the wasm).

// Before the wasm: show the diagram the page is about to open as a picture, when that is known
// without the wasm (src/ui/storage.rs and src/ui/share/launch.rs decide the same way):
// - an address with a shared scenario (`#s=...`) opens it: no picture (drawing it needs the
//   wasm), but its title and summary, read from the link;
// - an embed (`?embed=1`), or a first visit (nothing autosaved), opens the example: its picture
//   is in the page already (static/first-screen.html), in the scheme the page will show;
// - a returning visitor gets their last autosave's picture, if the autosave left one (a large
//   diagram's autosave leaves only its title, which is shown then).
// Nothing here may stop the page from starting, so any failure just means no picture.
const PICTURE_MARK = 'iam-playground:first-picture';
try {
  const boot = document.getElementById('boot');
  const query = new URLSearchParams(location.search);
  const embed = query.get('embed') === '1';
  // The shared scenario's payload (what follows `s=`), as src/doc/share.rs finds it.
  const shared = location.hash.replace(/^#/, '').split('&').find((p) => p.startsWith('s='))?.slice(2);
  if (embed && ['light', 'dark'].includes(query.get('theme'))) {
    document.documentElement.dataset.theme = query.get('theme');
  }
  const store = embed ? null : window.localStorage;
  const saved = store?.getItem('iam-playground/document') != null;
  let shown = false;
  if (saved) {
    const record = JSON.parse(store.getItem('iam-playground/loading-picture') || 'null');
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const current = record && record.stamp === store.getItem('iam-playground/document-stamp');
    if (current && record.theme === (dark ? 'dark' : 'light') && typeof record.svg === 'string') {
      const img = new Image();
      img.className = 'boot-picture';
      img.alt = `${record.title}: your last diagram, a picture until the playground has loaded`;
      const size = record.svg.match(/^<svg[^>]*? width="([\d.]+)" height="([\d.]+)"/);
      if (size) img.style.setProperty('--ratio', String(size[1] / size[2]));
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(record.svg)}`;
      boot.prepend(img);
      shown = true;
    } else if (current && typeof record.title === 'string' && record.title.trim()) {
      // A diagram too large to keep a picture of (or saved in the other colour scheme): its name.
      bootTitle(boot, record.title.slice(0, 200), '');
    }
  } else if (shared === undefined) {
    boot.dataset.picture = 'first-visit';
    shown = true;
  } else {
    // A shared scenario: its title and summary, read from the link, while the wasm that
    // draws it arrives.
    sharedTitle(shared).then((s) => {
      if (s && boot.isConnected) bootTitle(boot, s.title, s.summary);
    }, () => {});
  }
  if (shown) requestAnimationFrame(() => performance.mark(PICTURE_MARK));
} catch (e) {
  console.warn('no loading picture:', e);
}

/** Puts a scenario's title (and summary, if any) above the loading line. */
function bootTitle(boot, text, summaryText) {
  const title = document.createElement('h1');
  title.className = 'boot-title';
  title.textContent = text;
  boot.prepend(title);
  if (summaryText) {
    const summary = document.createElement('p');
    summary.className = 'boot-summary';
    summary.textContent = summaryText;
    title.after(summary);
  }
}

/**
 * The title and summary of the scenario in a share link's payload (`1.<base64url of zlib
 * JSON>`, as src/doc/share.rs writes it), or null. Reads at most what the page itself would
 * unpack (256 KB, `MAX_DECODED_BYTES`); the page checks the rest once it runs.
 */
async function sharedTitle(payload) {
  const [version, data] = payload.split('.', 2);
  if (version !== '1' || !data) return null;
  const b64 = data.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > 256 * 1024) { reader.cancel(); return null; }
    parts.push(value);
  }
  const s = JSON.parse(await new Blob(parts).text());
  if (s?.type !== 'iam-playground-scenario' || typeof s.title !== 'string' || !s.title.trim()) return null;
  return { title: s.title.slice(0, 200), summary: typeof s.summary === 'string' ? s.summary.slice(0, 400) : '' };
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
