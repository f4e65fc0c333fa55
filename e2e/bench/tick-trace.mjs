// Where a running clock's main-thread time goes, from a Chromium trace (the set-up of tick.mjs:
// one session, the EC2 instance counting down, the dock open). Prints the trace events by total
// time, the layout and style invalidations by node and reason, and which nodes' text or size
// changed, so a tick that lays out more than its own text shows who started it.
// Usage, from the repository's root, after `trunk build --release`:
//   node e2e/bench/tick-trace.mjs [seconds, default 10] [x1 | x10 | ... | fast]
// Optional: DIST=... (another build), SETTLE=ms before tracing (default 8000, past the flow's
// playback), MOUSE=x,y (where the pointer rests), EXTRA_CSS='...' (try a rule before editing
// app.css), TRACE_OUT=file.json (the raw events, for chrome://tracing).
import { openRunningClock } from './running-clock.mjs';

const seconds = Number(process.argv[2] || 10);
const speedArg = process.argv[3] || 'x1';
const { browser, page, server } = await openRunningClock();
let speed = speedArg;
if (speed === 'fast') speed = await page.getByRole('combobox', { name: 'Speed' }).evaluate((el) => el.options[el.options.length - 1].value);
await page.getByRole('combobox', { name: 'Speed' }).selectOption(speed);
await page.waitForTimeout(Number(process.env.SETTLE || 8000));

if (process.env.MOUSE) await page.mouse.move(...process.env.MOUSE.split(',').map(Number));
if (process.env.EXTRA_CSS) await page.addStyleTag({ content: process.env.EXTRA_CSS });
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', {
  transferMode: 'ReportEvents',
  traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.invalidationTracking', 'v8.execute', 'toplevel', 'blink'] },
});
await page.waitForTimeout(seconds * 1000);
await cdp.send('Tracing.end');
await done;

const threads = new Map();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
const main = events.filter((e) => threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
const byName = new Map();
for (const e of main) if (e.ph === 'X' && e.dur) {
  const s = byName.get(e.name) || { n: 0, us: 0 };
  s.n += 1; s.us += e.dur; byName.set(e.name, s);
}
console.log(`speed ${speed}, ${seconds} s`);
for (const [n, s] of [...byName].sort((a, b) => b[1].us - a[1].us).slice(0, 30)) console.log(`${(s.us / 1000).toFixed(1).padStart(8)} ms ${String(s.n).padStart(5)}x ${n}`);
const inv = new Map();
for (const e of main) if (/Invalidation|ScheduleStyle/.test(e.name)) {
  const d = e.args?.data || {};
  const k = `${e.name} ${d.nodeName || ''} ${d.reason || ''} ${d.changedAttribute || ''} ${d.changedClass || ''}`;
  inv.set(k, (inv.get(k) || 0) + 1);
}
for (const [k, n] of [...inv].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${String(n).padStart(5)} ${k}`);
await cdp.send('DOM.getDocument', { depth: -1 });
const seen = new Set();
for (const e of main) if (e.name === 'LayoutInvalidationTracking' && /Size changed|Text changed/.test(e.args.data.reason) && !seen.has(e.args.data.nodeId)) {
  seen.add(e.args.data.nodeId);
  try {
    const { nodeIds } = await cdp.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: [e.args.data.nodeId] });
    const { object } = await cdp.send('DOM.resolveNode', { nodeId: nodeIds[0] });
    const r = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, returnByValue: true, functionDeclaration: `function () { let n = this, path = []; while (n && n.nodeType && path.length < 6) { path.push((n.nodeName || '') + (n.className && typeof n.className === 'string' ? '.' + n.className.replace(/ /g, '.') : (n.getAttribute && n.getAttribute('class') ? '.' + n.getAttribute('class') : '')) + (n.nodeType === 3 ? '"' + n.textContent.slice(0, 30) + '"' : '')); n = n.parentNode; } return path.join(' < '); }` });
    console.log('node', e.args.data.nodeId, e.args.data.reason, r.result.value);
  } catch (err) { console.log('node', e.args.data.nodeId, 'gone', err.message); }
}
if (process.env.TRACE_OUT) (await import('node:fs')).writeFileSync(process.env.TRACE_OUT, JSON.stringify(events));
await browser.close();
server.close();
