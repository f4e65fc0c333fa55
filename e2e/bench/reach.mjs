// Who can reach what in headless Chromium, on the world of benches/reach.rs (1,000 roles and
// 300 users across 5 accounts): "Reachable from here" on a user and "Who can reach this" on a
// role, each timed from the click to the path list painted, and "Clear" (the same redraw of
// every node without the analysis). Not a test: it prints figures (targets: reach ≤ 200 ms,
// who-can ≤ 1 s).
// Usage: REACH_BENCH_DOC=/tmp/reach-world.json cargo bench --bench reach --profile release-native
//        trunk build --release && node e2e/bench/reach.mjs /tmp/reach-world.json [--profile]
// --profile adds each question's CPU profile, click to paint and Clear (for function names,
// serve a build whose wasm keeps its name section: DIST=... with wasm-bindgen's output).
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { serveStatic, DIST, dropFiles } from '../helpers.mjs';
import { topFunctions } from './profile.mjs';

const PROFILE = process.argv.includes('--profile');
const file = process.argv.slice(2).find((a) => !a.startsWith('--')) || process.env.REACH_BENCH_DOC || '/tmp/reach-world.json';
if (!fs.existsSync(file)) {
  console.error(`${file} is missing: write it with REACH_BENCH_DOC=${file} cargo bench --bench reach --profile release-native`);
  process.exit(1);
}
const text = fs.readFileSync(file, 'utf8');
const doc = JSON.parse(text);
const roles = Object.values(doc.world.roles);
// The role the native benchmark asks about: the first of account 1 whose trust names the
// account with an MFA condition.
const asked = roles
  .filter((r) => r.account === '111111111111' && r.trust_policy.includes('MultiFactorAuthPresent'))
  .map((r) => r.arn)
  .sort()[0];
const user = 'arn:aws:iam::111111111111:user/user0';
console.log(`world: ${roles.length} roles, ${Object.keys(doc.world.users).length} users (${(text.length / 1e6).toFixed(1)} MB)`);

const { origin, server } = await serveStatic(DIST);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
await page.goto(origin + '/');
await page.getByRole('region', { name: 'Canvas' }).waitFor();

const o0 = Date.now();
await dropFiles(page, [['reach-world.json', text]]);
await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === 'Reachability benchmark', null, { timeout: 300000 });
console.log(`document opened and drawn in ${Date.now() - o0} ms`);
// A moment after opening, the escalation pass has checked the account; the questions start
// from what it learnt (every policy parsed), as they do for a person who looks before asking.
await page.waitForFunction(() => performance.getEntriesByName('iam-playground:escalation-pass').length > 0, null, { timeout: 300000 });

/** Selects the node with this ARN through the find box (it brings the node into view). */
async function select(arn) {
  await page.getByRole('searchbox', { name: 'Find a node' }).fill(arn);
  await page.waitForTimeout(300);
}

/** Clicks `button` from inside the page and times until `heading` shows in the path list,
 * painted (two animation frames). */
async function timed(button, heading) {
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const t0 = await page.evaluate((name) => {
    const b = [...document.querySelectorAll('button')].find((x) => x.textContent === name);
    const now = performance.now();
    setTimeout(() => b.click(), 0);
    return now;
  }, button);
  const list = page.getByRole('region', { name: 'Access paths' });
  await list.getByRole('heading', { name: heading }).waitFor({ timeout: 120000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const t1 = await page.evaluate(() => performance.now());
  const paths = await list.getByRole('listitem', { name: /^Path \d+:/ }).count();
  // Leaving highlight mode redraws every node and edge without any analysis: what of the
  // figure above is the canvas rather than the search.
  const c0 = await page.evaluate(() => {
    const b = [...document.querySelectorAll('[role=region][aria-label="Access paths"] button')].find((x) => x.textContent === 'Clear');
    const now = performance.now();
    setTimeout(() => b.click(), 0);
    return now;
  });
  await list.waitFor({ state: 'detached' });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const c1 = await page.evaluate(() => performance.now());
  if (PROFILE) {
    const { profile } = await cdp.send('Profiler.stop');
    console.log(`  ${button} and Clear, inclusive time:\n${topFunctions(profile, 25)}`);
  }
  return { ms: t1 - t0, paths, clear: c1 - c0 };
}

const label = (arn) => arn.split('/').pop();
for (let round = 0; round < 3; round++) {
  await select(user);
  const r = await timed('Reachable from here', `Reachable from User ${label(user)}`);
  console.log(`round ${round}: reach from ${user}: ${r.ms.toFixed(0)} ms (${r.paths} paths listed); Clear redraws in ${r.clear.toFixed(0)} ms`);
  await select(asked);
  const w = await timed('Who can reach this', `Who can sts:AssumeRole on Role ${label(asked)}`);
  console.log(`round ${round}: who-can sts:AssumeRole on ${asked}: ${w.ms.toFixed(0)} ms (${w.paths} paths listed); Clear redraws in ${w.clear.toFixed(0)} ms`);
}
await browser.close();
server.close();
