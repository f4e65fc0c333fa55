#!/usr/bin/env node
// Where a wasm module's bytes go: each function's code size, read from the module's code
// section and named from its name section (demangled Rust paths), summed by crate and module.
//   node scripts/size-profile.mjs FILE.wasm [--top N] [--depth D]
// The module must keep its names: wasm-bindgen's output before wasm-opt does
// (target/wasm-bindgen/... or `wasm-bindgen --keep-debug`); scripts/size.sh --profile builds one.
import fs from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : dflt; };
const TOP = opt('--top', 40), DEPTH = opt('--depth', 2);
if (!file) { console.error('usage: node scripts/size-profile.mjs FILE.wasm [--top N] [--depth D]'); process.exit(2); }
const buf = fs.readFileSync(file);

let pos = 8;
const u32 = () => { let r = 0, s = 0, b; do { b = buf[pos++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
const str = () => { const n = u32(); const s = buf.toString('utf8', pos, pos + n); pos += n; return s; };

let imported = 0; const bodies = []; const names = new Map(); let data = 0;
while (pos < buf.length) {
  const id = buf[pos++]; const size = u32(); const end = pos + size;
  if (id === 2) { // imports: functions come first in the index space
    for (let n = u32(); n > 0; n--) { str(); str(); const kind = buf[pos++];
      if (kind === 0) { u32(); imported++; } else if (kind === 1) { pos++; const f = u32(); u32(); if (f & 1) u32(); }
      else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 3) { pos += 2; } }
  } else if (id === 10) { for (let n = u32(); n > 0; n--) { const s = u32(); bodies.push(s); pos += s; } }
  else if (id === 11) { data += size; }
  else if (id === 0) { const name = str(); if (name === 'name') {
      while (pos < end) { const sub = buf[pos++]; const len = u32(); const subEnd = pos + len;
        if (sub === 1) { for (let n = u32(); n > 0; n--) { const i = u32(); names.set(i, str()); } }
        pos = subEnd; } } }
  pos = end;
}

// Rust v0/legacy symbols arrive demangled by wasm-bindgen's name section ("a::b::c::h0123").
const clean = (n) => n.replace(/::h[0-9a-f]{16}$/, '').replace(/^_ZN|17h[0-9a-f]{16}E$/g, '');
const rows = bodies.map((s, i) => ({ size: s, name: clean(names.get(i + imported) ?? `func[${i + imported}]`) }));
const code = rows.reduce((n, r) => n + r.size, 0);
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KiB';
console.log(`${file}: ${kb(buf.length)} raw, code ${kb(code)} in ${rows.length} functions, data ${kb(data)}`);

// The crate and module path of a function: "<T as core::fmt::Debug>::fmt" groups under T's path.
const group = (name) => {
  const inner = name.match(/^<(?:&(?:mut )?)?([A-Za-z_][\w:]*)/);
  const path = (inner ? inner[1] : name).split('::').filter((p) => !p.includes('<'));
  return path.slice(0, DEPTH).join('::') || name;
};
const groups = new Map();
for (const r of rows) { const g = group(r.name); const e = groups.get(g) ?? { size: 0, n: 0 }; e.size += r.size; e.n++; groups.set(g, e); }
console.log(`\nby module (depth ${DEPTH}):`);
for (const [g, e] of [...groups].sort((a, b) => b[1].size - a[1].size).slice(0, TOP)) console.log(`${kb(e.size)} ${String(e.n).padStart(6)} fns  ${g}`);
console.log(`\nlargest functions:`);
for (const r of rows.sort((a, b) => b.size - a.size).slice(0, TOP)) console.log(`${kb(r.size)}  ${r.name.slice(0, 150)}`);
