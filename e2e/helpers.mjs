// Test harness: serves dist/ on a free loopback port, drives Debian's Chromium with Playwright,
// fails a test on any console error, page error or request to another origin, and saves a
// full-page screenshot per test under e2e/screenshots/ (git-ignored).

import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = process.env.DIST ? path.resolve(process.env.DIST) : path.resolve(here, '..', 'dist');
export const SHOTS = path.resolve(here, 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.png': 'image/png', '.ico': 'image/x-icon',
};

/** Starts a static file server for `root` on 127.0.0.1 and a free port; resolves to its origin. */
export function serveStatic(root, extraRoutes = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (extraRoutes[url.pathname]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(extraRoutes[url.pathname]());
      return;
    }
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404); res.end('not found'); return; }
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      servers.push(server);
      resolve({ origin: `http://127.0.0.1:${port}`, server });
    });
  });
}

let browserPromise;
let distServer;
const servers = [];
const tempDirs = [];

// Registered at import, outside any test, so it runs once after the whole file.
after(async () => {
  if (browserPromise) await (await browserPromise).close();
  for (const s of servers) s.close();
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** One Chromium per test file, launched the way this machine allows (no network, no sandbox as root). */
export function browser() {
  if (!browserPromise) {
    if (!fs.existsSync(path.join(DIST, 'index.html'))) {
      throw new Error(`no ${DIST}/index.html: run 'trunk build --release' first (scripts/test.sh does)`);
    }
    browserPromise = chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage'],
    });
  }
  return browserPromise;
}

/** The origin serving dist/, started on first use. */
export async function distOrigin() {
  if (!distServer) distServer = serveStatic(DIST);
  return (await distServer).origin;
}

function slug(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * A fresh browser context whose pages may reach only `origin` (and `opts.allowOrigins`): a
 * request anywhere else, a console error or an uncaught page error is pushed to `problems`.
 * Resolves to the context and its first page.
 */
export async function guardedPage(origin, problems, opts = {}) {
  const b = await browser();
  const context = await b.newContext({
    viewport: opts.viewport || { width: 1400, height: 860 },
    colorScheme: opts.colorScheme || 'light',
    reducedMotion: opts.reducedMotion || 'no-preference',
    permissions: ['clipboard-read', 'clipboard-write'],
    ...opts.context,
  });
  const allowed = new Set([origin, ...(opts.allowOrigins || [])]);
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank' || allowed.has(new URL(u).origin)) {
      return route.continue();
    }
    problems.push(`request to another origin: ${u}`);
    return route.abort();
  });
  const page = await context.newPage();
  const watch = (p) => {
    p.on('console', (msg) => {
      const text = msg.text();
      // Chromium warns that Trunk's preload links carry an `integrity` attribute; expected.
      if (msg.type() === 'error' && !/integrity/i.test(text)) problems.push(`console error: ${text}`);
    });
    p.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  };
  watch(page);
  context.on('page', (p) => { if (p !== page) watch(p); });
  return { context, page };
}

/**
 * Runs `body({ page, context, origin, problems })` in a fresh browser context (a fresh profile:
 * no storage, no cookies) and then fails if the page logged an error, threw, or asked another
 * origin for anything. Saves `screenshots/<test name>.png` whatever the outcome.
 * Options: `colorScheme`, `reducedMotion`, `viewport`, `path` (default '/'), `allowOrigins`.
 */
export async function withPage(t, body, opts = {}) {
  const origin = opts.origin || (await distOrigin());
  const problems = [];
  const { context, page } = await guardedPage(origin, problems, opts);
  const shot = path.join(SHOTS, `${slug(opts.shotName || t.name)}.png`);
  try {
    await page.goto(origin + (opts.path || '/'));
    await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    await body({ page, context, origin, problems });
  } finally {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    await context.close();
  }
  if (problems.length) throw new Error(`the page misbehaved:\n  ${problems.join('\n  ')}`);
}

/** Every interactive element in the accessibility tree that has no accessible name. */
export async function unnamedControls(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const interactive = new Set(['button', 'link', 'textbox', 'combobox', 'checkbox', 'radio', 'slider',
    'spinbutton', 'switch', 'tab', 'menuitem', 'listbox', 'option', 'searchbox', 'treeitem']);
  return nodes
    .filter((n) => !n.ignored && interactive.has(n.role?.value) && !(n.name?.value || '').trim())
    .map((n) => `${n.role.value} (backend node ${n.backendDOMNodeId})`);
}

/** A temp directory that is removed after the test file. */
export function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-playground-e2e-'));
  tempDirs.push(dir);
  return dir;
}

/** Selects the option of the `<select>` locator whose text starts with `prefix`. */
export async function choose(select, prefix) {
  const value = await select.evaluate((el, p) => {
    const o = [...el.options].find((o) => o.textContent.startsWith(p));
    return o ? o.value : null;
  }, prefix);
  if (!value) throw new Error(`no option starting with ${prefix}`);
  await select.selectOption(value);
}

/** Drops files (`[[name, text], ...]`) on the page the way a file manager does: a `drop`
 * carrying a DataTransfer. */
export async function dropFiles(page, files) {
  const dt = await page.evaluateHandle((fs) => {
    const dt = new DataTransfer();
    for (const [name, text] of fs) dt.items.add(new File([text], name, { type: 'application/json' }));
    return dt;
  }, files);
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
}

/**
 * Drops `text` on the page as `account.json` (a file from `aws iam
 * get-account-authorization-details`), opens it as a new document and closes the import report.
 */
export async function openAccountFile(page, text) {
  await dropFiles(page, [['account.json', text]]);
  await page.getByRole('alertdialog', { name: 'Import account' }).getByRole('button', { name: 'Open as new document' }).click();
  const report = page.getByRole('dialog', { name: 'Import report' });
  await report.getByRole('button', { name: 'Close' }).click();
  await report.waitFor({ state: 'detached' });
}

/** Holds back the page's requests for the wasm (a slow link, on demand) until the returned function is called. */
export async function holdWasm(page) {
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await gate; await route.continue(); });
  return release;
}
