// Evaluation throughput in the browser: window.iamPlayground.evaluate on the same request as
// `cargo bench --bench eval` (parse + evaluate + trace JSON, the wasm build).
// Usage: cargo bench -q --bench eval -- --print-request > /tmp/req.json && node e2e/bench/eval.mjs /tmp/req.json
import fs from 'node:fs';
import { timePageEvaluate } from './page-evaluate.mjs';

const line = fs.readFileSync(process.argv[2] || '/tmp/req.json', 'utf8').trim();
const { decision, us } = await timePageEvaluate(line);
console.log(`wasm evaluate (parse + evaluate + trace JSON): ${Math.round(1e6 / us)} requests/s, ${us.toFixed(0)} µs each (decision ${decision})`);
