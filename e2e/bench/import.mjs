// Importing a ~5 MB `get-account-authorization-details` file in headless Chromium: drop to
// the import report and the diagram drawn, then the frame time of dragging a node in that
// world: the collapsed overview an import opens with, then with every role shown. Not a test: it prints figures (targets: import and first draw ≤ 1.5 s, drag p95 ≤ 16 ms).
// Usage: trunk build --release && node e2e/bench/import.mjs [--profile]
// --profile adds each drag's CPU profile; for function names, serve a build made with
// wasm-bindgen alone (no wasm-opt) with DIST=that/folder.
// The file is generated here with the shapes of benches/gaad.rs: 400 users, 100 groups, 500
// roles (each tenth with an instance profile), 200 customer managed policies of two versions.
import { chromium } from 'playwright-core';
import { serveStatic, DIST, dropFiles } from '../helpers.mjs';
import { topFunctions } from './profile.mjs';

const ACCOUNT = '111122223333';
const id = (prefix, i) => `${prefix}${String(i).padStart(17, '0')}`;
function policy(i, n) {
  const Statement = [];
  for (let s = 0; s < n; s++) {
    Statement.push({
      Sid: `S${i}x${s}`, Effect: s % 7 === 6 ? 'Deny' : 'Allow',
      Action: [`s3:Get*${s}`, `dynamodb:Query${s}`, 'ec2:Describe*'],
      Resource: [`arn:aws:s3:::bucket-${i}-${s}/*`, `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t${i}`],
      Condition: { StringEquals: { 'aws:PrincipalTag/team': ['blue', 'green'] } },
    });
  }
  return { Version: '2012-10-17', Statement };
}
const range = (n) => [...Array(n).keys()];
function bigGaad() {
  const managed = (n) => ({ PolicyName: `policy-${n % 200}`, PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/policy-${n % 200}` });
  return {
    UserDetailList: range(400).map((u) => ({
      Path: '/people/', UserName: `user-${u}`, UserId: id('AIDA', u), Arn: `arn:aws:iam::${ACCOUNT}:user/people/user-${u}`,
      UserPolicyList: [{ PolicyName: 'Own', PolicyDocument: policy(u, 3) }],
      GroupList: [`group-${u % 100}`, `group-${(u + 1) % 100}`],
      AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      Tags: [{ Key: 'team', Value: 'blue' }],
    })),
    GroupDetailList: range(100).map((g) => ({
      Path: '/', GroupName: `group-${g}`, GroupId: id('AGPA', g), Arn: `arn:aws:iam::${ACCOUNT}:group/group-${g}`,
      GroupPolicyList: [{ PolicyName: 'Inline', PolicyDocument: policy(g, 4) }],
      AttachedManagedPolicies: [managed(g)],
    })),
    RoleDetailList: range(500).map((r) => ({
      Path: '/', RoleName: `role-${r}`, RoleId: id('AROA', r), Arn: `arn:aws:iam::${ACCOUNT}:role/role-${r}`,
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/people/user-${r % 400}` }, Action: 'sts:AssumeRole' }] },
      InstanceProfileList: r % 10 === 0 ? [{ Path: '/', InstanceProfileName: `role-${r}`, InstanceProfileId: id('AIPA', r), Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/role-${r}`, Roles: [] }] : [],
      RolePolicyList: [{ PolicyName: 'Work', PolicyDocument: policy(r, 5) }],
      AttachedManagedPolicies: [managed(r)], Tags: [], RoleLastUsed: {},
    })),
    Policies: range(200).map((p) => ({
      PolicyName: `policy-${p}`, PolicyId: id('ANPA', p), Arn: `arn:aws:iam::${ACCOUNT}:policy/policy-${p}`, Path: '/',
      DefaultVersionId: 'v2', IsAttachable: true,
      PolicyVersionList: [
        { Document: policy(p, 6), VersionId: 'v1', IsDefaultVersion: false },
        { Document: policy(p + 1, 6), VersionId: 'v2', IsDefaultVersion: true },
      ],
    })),
    IsTruncated: false,
  };
}

// Indented by two, as `aws iam get-account-authorization-details` prints it.
const text = JSON.stringify(bigGaad(), null, 2);
console.log(`GAAD file: ${(text.length / 1e6).toFixed(1)} MB`);
const { origin, server } = await serveStatic(DIST);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
await page.goto(origin + '/');
const canvas = page.getByRole('region', { name: 'Canvas' });
await canvas.waitFor();

// Import: from choosing "Open as new document" to the report shown and the diagram painted.
await dropFiles(page, [['account.json', text]]);
const ask = page.getByRole('alertdialog', { name: 'Import account' });
await ask.waitFor({ timeout: 60000 });
// Clicked from the page, so the measured time starts at the click, whatever it blocks.
const t0 = await page.evaluate(() => {
  const now = performance.now();
  const b = [...document.querySelectorAll('[role=alertdialog] button')].find((x) => x.textContent === 'Open as new document');
  setTimeout(() => b.click(), 0);
  return now;
});
await page.getByRole('dialog', { name: 'Import report' }).waitFor({ timeout: 300000 });
await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const t1 = await page.evaluate(() => performance.now());
const nodes = await canvas.locator('g.node[data-node-id]').count();
console.log(`import and first draw: ${(t1 - t0).toFixed(0)} ms (${nodes} nodes on the canvas)`);
await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click();

const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
const PROFILE = process.argv.includes('--profile');

/** The frame times of dragging `node` by 120 pointer moves, the main thread's busy time per
 * move, and the slowest moves (the one that starts the drag, the release). */
async function dragBench(node, what) {
  const box = await node.evaluate((g) => { const r = g.querySelector('rect.body:not(.stack)').getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
  await page.evaluate(() => {
    window.__stop = false;
    window.__frames = [];
    const loop = (t) => { window.__frames.push(t); if (!window.__stop) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  });
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const before = await metrics();
  const x0 = box.x + box.w / 2;
  const y0 = box.y + box.h / 2;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  const moves = 120;
  const slow = [];
  const w0 = Date.now();
  for (let i = 1; i <= moves; i++) {
    const a = Date.now();
    await page.mouse.move(x0 + i * 2, y0 + i);
    slow.push([Date.now() - a, `move ${i}`]);
  }
  const wall = Date.now() - w0;
  const u = Date.now();
  await page.mouse.up();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  slow.push([Date.now() - u, 'release and the next frame']);
  const after = await metrics();
  const frames = await page.evaluate(() => { window.__stop = true; return window.__frames; });
  const deltas = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  const pct = (p) => deltas[Math.min(deltas.length - 1, Math.floor(p * deltas.length))].toFixed(1);
  const busy = (k) => ((after[k] - before[k]) * 1000 / moves).toFixed(1);
  console.log(`drag ${what}: ${moves} pointer moves in ${wall} ms = ${(wall / moves).toFixed(1)} ms per move (round trip from Playwright)`);
  console.log(`  frame interval: median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${deltas[deltas.length - 1].toFixed(1)} ms over ${deltas.length} frames`);
  console.log(`  main thread per move: tasks ${busy('TaskDuration')} ms, script ${busy('ScriptDuration')} ms, layout ${busy('LayoutDuration')} ms, style ${busy('RecalcStyleDuration')} ms`);
  console.log(`  slowest: ${slow.sort((a, b) => b[0] - a[0]).slice(0, 3).map(([t, m]) => `${m} ${t} ms`).join(', ')}`);
  if (PROFILE) console.log(`  profile (inclusive):\n${topFunctions((await cdp.send('Profiler.stop')).profile, 40)}`);
}

// Drag in the overview an import opens with: the collapsed roles' node (a page from before
// clusters draws every role; it drags role-1 instead).
const cluster = canvas.getByRole('button', { name: /^Cluster \d+ roles in account/ });
if (await cluster.count()) await dragBench(cluster, 'the collapsed roles (overview)');
// Then the role found by the find box (which expands its cluster): every role drawn.
await page.getByRole('searchbox', { name: 'Find a node' }).fill('role-1');
const node = canvas.getByRole('button', { name: 'Role role-1', exact: true });
await node.waitFor();
await page.waitForTimeout(300);
await page.keyboard.press('Escape');
const drawn = await canvas.locator('g.node[data-node-id]').count();
await dragBench(node, `role-1 with every role shown (${drawn} nodes drawn)`);

// An edit: delete role-1. The scene is derived again at once; a quarter-second later the
// escalation pass checks every principal again, a slice at a time. Long tasks (≥ 50 ms) of the
// main thread in the 3 s after the key press, split at 200 ms: the edit itself, then the pass.
await page.evaluate(() => {
  window.__long = [];
  new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => [e.startTime, e.duration])))
    .observe({ type: 'longtask' });
});
// The drag left role-1 selected (its release selects it).
if ((await node.getAttribute('aria-pressed')) !== 'true') throw new Error('role-1 is not selected after its drag');
const tEdit = await page.evaluate(() => performance.now());
if (PROFILE) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}
await page.keyboard.press('Delete');
await page.waitForTimeout(3000);
if (PROFILE) console.log(`  profile of the 3 s after the edit (inclusive):\n${topFunctions((await cdp.send('Profiler.stop')).profile, 45)}`);
const long = await page.evaluate(() => window.__long);
const passEntry = await page.evaluate(() => { const e = performance.getEntriesByName('iam-playground:escalation-pass').at(-1); return e && [e.startTime, e.duration]; });
const pass = passEntry?.[1];
console.log(`  long tasks (start after the key press, duration): ${long.filter(([t]) => t >= tEdit).map(([t, d]) => `${(t - tEdit).toFixed(0)}+${d.toFixed(0)}`).join(', ')}; the pass ran from ${passEntry ? (passEntry[0] - tEdit).toFixed(0) : '?'} ms`);
const during = (from, to) => long.filter(([t]) => t >= tEdit + from && t < tEdit + to).map(([, d]) => d);
const show = (ds) => (ds.length ? `${ds.length}, longest ${Math.max(...ds).toFixed(0)} ms` : 'none');
console.log(`after deleting a role: long tasks in the first 200 ms (the edit): ${show(during(0, 200))}; from 200 ms to 3 s (the escalation pass): ${show(during(200, 3000))}; the pass took ${pass == null ? '?' : pass.toFixed(0)} ms in all`);
await browser.close();
server.close();
