// Load time of the built page from 127.0.0.1, read from the page's own performance marks
// (`iam-playground:first-picture`, set by static/loader.js as the diagram shows as a picture
// before the wasm, and `iam-playground:first-node`, set once the live canvas first holds
// nodes), so no polling from outside adds to them. The page and a 700×480 embed (`?embed=1`), 9 cold loads each (a fresh
// browser context, so nothing is cached), the median reported; then one load of each over a
// link throttled to 10 Mbit/s (Chromium's network emulation, 20 ms latency). Files are
// served gzip -9, as a static host serves them.
// Usage: node e2e/bench/load.mjs (after trunk build --release). A benchmark, not a test: it
// prints figures and asserts nothing.
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const MARK = 'iam-playground:first-node';
// Set by static/loader.js as the diagram shows as a picture (a first visit, an embed without a
// shared scenario, a returning visitor with a picture saved), before the wasm has arrived.
const PICTURE = 'iam-playground:first-picture';
const RUNS = 9;
const DIST = process.env.DIST
  ? path.resolve(process.env.DIST)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' };

// Served gzip -9, as a static host serves it: what a visitor's browser downloads.
const files = new Map(fs.readdirSync(DIST).map((f) => [`/${f}`, zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 })]));
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const name = url.pathname === '/' ? '/index.html' : url.pathname;
  const body = files.get(name);
  if (!body) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': MIME[path.extname(name)] || 'application/octet-stream', 'content-encoding': 'gzip' });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

/** One cold load of `path`: ms from navigation start to the mark, and the bytes received. */
async function load(path, viewport, throttle) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: (10 * 1000 * 1000) / 8,
      uploadThroughput: (10 * 1000 * 1000) / 8,
    });
  }
  await page.goto(origin + path);
  const handle = await page.waitForFunction(
    (mark) => performance.getEntriesByName(mark)[0]?.startTime,
    MARK,
    { timeout: 60000, polling: 50 },
  );
  const ms = await handle.jsonValue();
  const seen = await page.evaluate((mark) => {
    const picture = performance.getEntriesByName(mark)[0]?.startTime ?? null;
    const resources = performance.getEntriesByType('resource');
    const nav = performance.getEntriesByType('navigation')[0]?.transferSize || 0;
    const sum = (list) => list.reduce((n, e) => n + (e.transferSize || 0), nav);
    return {
      picture,
      bytes: sum(resources),
      // What had fully arrived when the picture showed.
      pictureBytes: picture == null ? null : sum(resources.filter((e) => e.responseEnd <= picture)),
    };
  }, PICTURE);
  await context.close();
  return { ms, ...seen };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, path, viewport] of [
  ['page 1400×860', '/', { width: 1400, height: 860 }],
  ['embed 700×480', '/?embed=1', { width: 700, height: 480 }],
]) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await load(path, viewport, false));
  const ms = runs.map((r) => r.ms);
  const pictures = runs.map((r) => r.picture).filter((p) => p != null);
  console.log(`${name}: navigation to first node drawn (the page live), ${RUNS} cold loads: median ${median(ms).toFixed(0)} ms (min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)}); ${(runs[0].bytes / 1024).toFixed(0)} KiB transferred`);
  if (pictures.length) {
    console.log(`${name}: navigation to the diagram shown as a picture: median ${median(pictures).toFixed(0)} ms (min ${Math.min(...pictures).toFixed(0)}, max ${Math.max(...pictures).toFixed(0)}); ${(runs[0].pictureBytes / 1024).toFixed(0)} KiB had arrived`);
  }
  const slow = await load(path, viewport, true);
  console.log(`${name}: at 10 Mbit/s: the picture at ${slow.picture == null ? 'none' : slow.picture.toFixed(0) + ' ms'} (${slow.pictureBytes == null ? '-' : (slow.pictureBytes / 1024).toFixed(0) + ' KiB in'}), the page live at ${slow.ms.toFixed(0)} ms`);
}
await browser.close();
server.close();
