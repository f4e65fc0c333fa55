// The same realistic request (benches/eval.rs: 10 statements with wildcards and conditions, a
// permissions boundary, an SCP and a bucket policy) decided three ways in one run:
// `iam-eval` as a whole process over 20,000 copies, `window.iamPlayground.evaluate` in
// Chromium, and @cloud-copilot/iam-simulate's `runSimulation` in Node. Not a test: it prints
// figures and the ratios. iam-simulate is not a dependency of this repository; install it
// beside, e.g. `npm install --prefix /tmp/iamsim @cloud-copilot/iam-simulate`.
// Usage:
//   cargo bench -q --bench eval -- --print-request > /tmp/req.json
//   cargo build --profile release-native --bin iam-eval && trunk build --release
//   IAM_SIMULATE=/tmp/iamsim node e2e/bench/versus-iam-simulate.mjs /tmp/req.json
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { timePageEvaluate } from './page-evaluate.mjs';

const line = fs.readFileSync(process.argv[2] || '/tmp/req.json', 'utf8').trim();
const req = JSON.parse(line);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const simDir = process.env.IAM_SIMULATE || '/tmp/iamsim';
const simEntry = path.join(simDir, 'node_modules/@cloud-copilot/iam-simulate/dist/esm/index.js');
const { runSimulation } = await import(pathToFileURL(simEntry).href);
const simVersion = JSON.parse(fs.readFileSync(path.join(simDir, 'node_modules/@cloud-copilot/iam-simulate/package.json'), 'utf8')).version;

// The request in iam-simulate's terms. It reads principal tags and `aws:username` from the
// context, as a request to AWS carries them.
const account = req.resource.account;
const simulation = {
  request: {
    principal: req.principal.arn,
    action: req.action,
    resource: { resource: req.resource.arn, accountId: account },
    contextVariables: {
      ...req.context,
      'aws:username': req.principal.arn.split('/').pop(),
      ...Object.fromEntries(Object.entries(req.principal.tags || {}).map(([k, v]) => [`aws:PrincipalTag/${k}`, v])),
    },
  },
  identityPolicies: req.identity_policies.map((p) => ({ name: p.name, policy: p.document })),
  serviceControlPolicies: req.scps.map((level, i) => ({ orgIdentifier: i === 0 ? 'r-root' : account, policies: level.map((policy, j) => ({ name: `scp-${i}-${j}`, policy })) })),
  resourceControlPolicies: [],
  resourcePolicy: req.resource_policy,
  permissionBoundaryPolicies: [{ name: 'boundary', policy: req.permissions_boundary }],
};

const first = await runSimulation(simulation, {});
if (first.resultType === 'error') throw new Error(`iam-simulate refused the request: ${JSON.stringify(first.errors)}`);
const simDecision = first.overallResult;
for (let i = 0; i < 200; i++) await runSimulation(simulation, {}); // warm up
let n = 0;
const s0 = performance.now();
while (performance.now() - s0 < 3000) { await runSimulation(simulation, {}); n++; }
const simUs = ((performance.now() - s0) * 1000) / n;

// iam-eval, whole process: start, read 20,000 lines from a file, answer each, exit. Its
// answers go to /dev/null (collecting 100 MB of them here would time Node, not iam-eval); one
// line run apart gives the decision.
const copies = 20000;
const bin = path.join(root, 'target/release-native/iam-eval');
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-eval-')), 'requests.jsonl');
fs.writeFileSync(file, (line + '\n').repeat(copies));
const one = spawnSync(bin, [], { input: line + '\n' });
if (one.status !== 0) throw new Error(`iam-eval failed: ${one.stderr}`);
const evalDecision = JSON.parse(one.stdout.toString()).decision;
const runs = [];
for (let i = 0; i < 3; i++) {
  const fd = fs.openSync(file, 'r');
  const t0 = performance.now();
  const out = spawnSync(bin, [], { stdio: [fd, 'ignore', 'pipe'] });
  runs.push(performance.now() - t0);
  fs.closeSync(fd);
  if (out.status !== 0) throw new Error(`iam-eval failed: ${out.stderr}`);
}
fs.rmSync(path.dirname(file), { recursive: true });
const evalUs = (Math.min(...runs) * 1000) / copies;

// The page's JavaScript API in Chromium.
const inPage = await timePageEvaluate(line);

console.log(`iam-simulate ${simVersion} runSimulation: ${simUs.toFixed(1)} µs per request (${simDecision})`);
console.log(`iam-eval whole process, ${copies} copies: ${evalUs.toFixed(1)} µs per request, best of 3 (${evalDecision}) = ${(simUs / evalUs).toFixed(1)}× iam-simulate`);
console.log(`window.iamPlayground.evaluate in Chromium: ${inPage.us.toFixed(1)} µs per request (${inPage.decision}) = ${(simUs / inPage.us).toFixed(1)}× iam-simulate`);
