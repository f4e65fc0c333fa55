// Main-thread cost of a running clock: one assumed-role session and the seed's EC2 instance
// counting down, the simulator dock open, measured from Chromium's own counters.
// Reports task time as a share of wall time, layouts, style recalcs, DOM nodes and timeline
// entries, at x1 and at the fastest speed. A figure to read, not a test: it asserts nothing,
// because busy machines make timed assertions flaky.
//
// Targets (issue 17): at most 1 % of wall time at x1 and 5 % at the fastest speed; the
// timeline and the DOM stay bounded however long the clock runs (repeated EC2 refreshes fold
// into one entry, "refreshed 24 times").
//
// Needs: Chromium at /usr/bin/chromium (or CHROMIUM=...), e2e/node_modules (cd e2e && npm ci),
// and a release build in dist/ (or DIST=... to measure another build, e.g. a copy of the
// previous one, to compare two builds under the same load).
// Usage, from the repository's root:
//   trunk build --release && node e2e/bench/tick.mjs [seconds per speed, default 30]
// It prints one line per speed (the "TAP version 13" line before them comes from the shared
// e2e helpers, which it borrows the static server from). Run it twice on a busy machine:
// other processes' load shows up in these figures.
import { openRunningClock } from './running-clock.mjs';

const seconds = Number(process.argv[2] || 30);
const { browser, page, server } = await openRunningClock();

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
  const entries = await page.getByRole('region', { name: 'Timeline' }).getByRole('listitem').count();
  console.log(`${speed.padEnd(6)} over ${wall.toFixed(1)} s: main-thread tasks ${(100 * task / wall).toFixed(2)} % of wall time `
    + `(${(task * 1000).toFixed(0)} ms), ${layouts} layouts, ${recalcs} style recalcs, ${nodes} DOM nodes, `
    + `${entries} timeline entries`);
}

const fastest = await page.getByRole('combobox', { name: 'Speed' }).evaluate((el) => el.options[el.options.length - 1].value);
await measure('x1');
await measure(fastest);
await browser.close();
server.close();
