// Load time of the built page from 127.0.0.1: navigation start to the seed's first node drawn.
// Usage: node e2e/bench/load.mjs (after trunk build --release)
import { chromium } from 'playwright-core';
import { serveStatic, DIST } from '../helpers.mjs';

const { origin, server } = await serveStatic(DIST);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const times = [];
for (let i = 0; i < 5; i++) {
  const page = await browser.newPage();
  await page.goto(origin + '/');
  await page.getByRole('button', { name: 'User alice', exact: true }).waitFor();
  times.push(await page.evaluate(() => performance.now()));
  await page.close();
}
times.sort((a, b) => a - b);
console.log(`load to first drawn node (5 cold loads, fresh pages): median ${times[2].toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[4].toFixed(0)} ms`);
await browser.close();
server.close();
