#!/usr/bin/env bash
# Prints the size of the built page's wasm and JS: raw, gzip -9 and brotli (what a visitor downloads).
#   scripts/size.sh           the report
#   scripts/size.sh --check   the report, then fails if the first load (everything dist/ serves before
#                             the page is live: the whole page), or the first screen (what shows the
#                             diagram as a picture before that), grows more than 5 % in gzip -9
#                             over the figure kept in scripts/size-budget.txt (a ratchet: lower that
#                             figure when the page shrinks; raise it only on purpose, in the same commit
#                             as what grew)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || { echo "no dist/: run 'trunk build --release' first" >&2; exit 1; }
CHECK=${1:-} node - <<'JS'
const fs = require('fs'), zlib = require('zlib'), path = require('path');
const files = fs.readdirSync('dist').filter(f => /\.(wasm|js|css|html)$/.test(f)).sort();
const kb = n => (n / 1024).toFixed(1).padStart(8) + ' KiB';
console.log('file'.padEnd(44) + '     raw'.padStart(12) + '    gzip -9'.padStart(12) + '     brotli'.padStart(12));
let t = [0, 0, 0];
for (const f of files) {
  const b = fs.readFileSync(path.join('dist', f));
  const g = zlib.gzipSync(b, { level: 9 }).length;
  const br = zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  t = [t[0] + b.length, t[1] + g, t[2] + br];
  console.log(f.padEnd(44) + kb(b.length) + kb(g).padStart(12) + kb(br).padStart(12));
}
console.log('total'.padEnd(44) + kb(t[0]) + kb(t[1]).padStart(12) + kb(t[2]).padStart(12));
// What a visitor needs before the diagram shows as a picture (index.html inlines it; loader.js
// picks it): the page, its stylesheet and the loader, not the wasm or its JS glue.
const screenFiles = files.filter(f => f === 'index.html' || f === 'loader.js' || f.endsWith('.css'));
const screen = screenFiles
  .reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join('dist', f)), { level: 9 }).length, 0);
console.log(`first screen (the diagram as a picture: ${screenFiles.join(', ')}): ${(screen / 1024).toFixed(1)} KiB gzip -9`);
if (process.env.CHECK === '--check') {
  const budgets = fs.readFileSync('scripts/size-budget.txt', 'utf8');
  const budget = Number(budgets.match(/^first_load_gzip_kib\s*=\s*([0-9.]+)/m)[1]);
  const screenBudget = Number(budgets.match(/^first_screen_gzip_kib\s*=\s*([0-9.]+)/m)[1]);
  if (screen / 1024 > screenBudget * 1.05) {
    console.error(`the first screen is ${(screen / 1024).toFixed(1)} KiB gzip -9, more than 5 % over the ${screenBudget} KiB kept in scripts/size-budget.txt`);
    process.exit(1);
  }
  const now = t[1] / 1024, limit = budget * 1.05;
  if (now > limit) {
    console.error(`first load is ${now.toFixed(1)} KiB gzip -9, more than 5 % over the ${budget} KiB kept in scripts/size-budget.txt (limit ${limit.toFixed(1)} KiB)`);
    process.exit(1);
  }
  console.log(`first load ${now.toFixed(1)} KiB gzip -9: within 5 % of the ${budget} KiB budget` + (now < budget * 0.95 ? ' (more than 5 % under it: lower the figure in scripts/size-budget.txt)' : ''));
}
JS
