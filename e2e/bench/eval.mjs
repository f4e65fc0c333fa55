// Evaluation throughput in the browser: window.iamPlayground.evaluate on the same request as
// `cargo bench --bench eval` (parse + evaluate + trace JSON, the wasm build).
// Usage: cargo bench -q --bench eval -- --print-request > /tmp/req.json && node e2e/bench/eval.mjs /tmp/req.json
// `--profile` adds where a call's time goes, by function (self time): names show with a build
// whose wasm keeps its name section (DIST=a copy of dist/ with target/wasm-bindgen/release's
// wasm in place of the optimised one), and sampling slows the calls.
import fs from 'node:fs';
import { timePageEvaluate } from './page-evaluate.mjs';
import { selfTimes } from './profile.mjs';

const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
const line = fs.readFileSync(file || '/tmp/req.json', 'utf8').trim();
const profile = process.argv.includes('--profile');
const timed = await timePageEvaluate(line, { profile });
console.log(`wasm evaluate (parse + evaluate + trace JSON): ${Math.round(1e6 / timed.us)} requests/s, ${timed.us.toFixed(0)} µs each (decision ${timed.decision})`);
if (profile) console.log(`  self time by function:\n${selfTimes(timed.profile, 40)}`);
