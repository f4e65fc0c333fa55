// Frame time of dragging a node in a 300-node world, in headless Chromium.
// Usage: cargo run -q --example big_world > /tmp/big.json && node e2e/bench/drag.mjs /tmp/big.json
import { chromium } from 'playwright-core';
import { serveStatic, DIST } from '../helpers.mjs';

const file = process.argv[2] || '/tmp/big.json';
const { origin, server } = await serveStatic(DIST);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
await page.goto(origin + '/');
await page.getByRole('region', { name: 'Canvas' }).waitFor();
await page.locator('input[type=file]').setInputFiles(file);
const canvas = page.getByRole('region', { name: 'Canvas' });
await canvas.getByRole('button', { name: 'User user-1', exact: true }).first().waitFor();
const nodes = await canvas.getByRole('button').count();
await page.getByRole('button', { name: 'Fit to view' }).click();
await page.waitForTimeout(300);
const box = await canvas.getByRole('button', { name: 'User user-1', exact: true }).first()
  .evaluate((g) => { const r = g.querySelector('rect.body').getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });

const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
await page.evaluate(() => {
  window.__frames = [];
  const loop = (t) => { window.__frames.push(t); if (!window.__stop) requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
});
const before = await metric();
const x0 = box.x + box.w / 2, y0 = box.y + box.h / 2;
await page.mouse.move(x0, y0);
await page.mouse.down();
const moves = 120;
const t0 = Date.now();
for (let i = 1; i <= moves; i++) {
  await page.mouse.move(x0 + i * 2, y0 + i);
}
await page.mouse.up();
const wall = Date.now() - t0;
const after = await metric();
const frames = await page.evaluate(() => { window.__stop = true; return window.__frames; });
const deltas = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
const pct = (p) => deltas[Math.min(deltas.length - 1, Math.floor(p * deltas.length))].toFixed(1);
console.log(`nodes on canvas: ${nodes}`);
console.log(`drag: ${moves} pointer moves in ${wall} ms = ${(wall / moves).toFixed(1)} ms per move (input to handled)`);
console.log(`frame interval: median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${deltas[deltas.length - 1].toFixed(1)} ms over ${deltas.length} frames`);
console.log(`main thread: script ${((after.ScriptDuration - before.ScriptDuration) * 1000).toFixed(0)} ms, layout ${((after.LayoutDuration - before.LayoutDuration) * 1000).toFixed(0)} ms, style ${((after.RecalcStyleDuration - before.RecalcStyleDuration) * 1000).toFixed(0)} ms, tasks ${((after.TaskDuration - before.TaskDuration) * 1000).toFixed(0)} ms`);
await browser.close();
server.close();
