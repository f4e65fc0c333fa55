// Main-thread cost of a running clock: one assumed-role session and the seed's EC2 instance
// counting down, the simulator dock open, measured from Chromium's own counters.
// Reports task time as a share of wall time and the number of layouts, at x1 and at the fastest
// speed. A figure to read, not a test: busy machines make timed assertions flaky.
// Usage: trunk build --release && node e2e/bench/tick.mjs [seconds per speed, default 30]
import { chromium } from 'playwright-core';
import { serveStatic, DIST } from '../helpers.mjs';

const seconds = Number(process.argv[2] || 30);
const { origin, server } = await serveStatic(DIST);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
await page.goto(origin + '/');
await page.getByRole('button', { name: 'User alice', exact: true }).waitFor();
await page.getByRole('button', { name: 'Simulator', exact: true }).click();
const form = page.getByRole('region', { name: 'Assume role' });
const pick = async (label, prefix) => {
  const select = form.getByLabel(label);
  const value = await select.evaluate((el, p) => [...el.options].find((o) => o.textContent.startsWith(p))?.value, prefix);
  await select.selectOption(value);
};
await pick('Caller', 'alice');
await pick('Role', 'Deploy');
await form.getByRole('button', { name: 'Assume role' }).click();
await page.getByRole('status').filter({ hasText: 'AssumeRole succeeded' }).waitFor({ timeout: 20000 });

const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

async function measure(speed) {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption(speed);
  await page.waitForTimeout(1000);
  const m0 = await metric();
  await page.waitForTimeout(seconds * 1000);
  const m1 = await metric();
  const wall = m1.Timestamp - m0.Timestamp;
  const task = m1.TaskDuration - m0.TaskDuration;
  const layouts = m1.LayoutCount - m0.LayoutCount;
  const recalcs = m1.RecalcStyleCount - m0.RecalcStyleCount;
  const nodes = m1.Nodes;
  console.log(`${speed.padEnd(6)} over ${wall.toFixed(1)} s: main-thread tasks ${(100 * task / wall).toFixed(2)} % of wall time `
    + `(${(task * 1000).toFixed(0)} ms), ${layouts} layouts, ${recalcs} style recalcs, ${nodes} DOM nodes`);
}

const fastest = await page.getByRole('combobox', { name: 'Speed' }).evaluate((el) => el.options[el.options.length - 1].value);
await measure('x1');
await measure(fastest);
await browser.close();
server.close();
