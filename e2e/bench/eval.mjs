// Evaluation throughput in the browser: window.iamPlayground.evaluate on the same request as
// `cargo bench --bench eval` (parse + evaluate + trace JSON, the wasm build).
// Usage: cargo bench -q --bench eval -- --print-request > /tmp/req.json && node e2e/bench/eval.mjs /tmp/req.json
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import { serveStatic, DIST } from '../helpers.mjs';

const line = fs.readFileSync(process.argv[2] || '/tmp/req.json', 'utf8').trim();
const { origin, server } = await serveStatic(DIST);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage();
await page.goto(origin + '/');
await page.getByRole('region', { name: 'Canvas' }).waitFor();
const result = await page.evaluate((line) => {
  const api = window.iamPlayground;
  const first = JSON.parse(api.evaluate(line));
  for (let i = 0; i < 200; i++) api.evaluate(line); // warm up
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 3000) { api.evaluate(line); n++; }
  const ms = performance.now() - t0;
  return { decision: first.decision, perSecond: Math.round(n / (ms / 1000)), usEach: (ms * 1000 / n).toFixed(0) };
}, line);
console.log(`wasm evaluate (parse + evaluate + trace JSON): ${result.perSecond} requests/s, ${result.usEach} µs each (decision ${result.decision})`);
await browser.close();
server.close();
