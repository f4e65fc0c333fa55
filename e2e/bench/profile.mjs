// CPU profiles of the benchmarks (`--profile`): what took the time, by function.

/** The functions that took the most time (inclusive) in a CPU profile; names show in a
 * build whose wasm keeps its name section (wasm-bindgen without wasm-opt). */
export function topFunctions(profile, n) {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map();
  profile.nodes.forEach((x) => (x.children || []).forEach((c) => parent.set(c, x.id)));
  const incl = new Map();
  profile.samples.forEach((id, i) => {
    const seen = new Set();
    for (let cur = id; cur; cur = parent.get(cur)) {
      const k = byId.get(cur).callFrame.functionName || '(anonymous)';
      if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) || 0) + profile.timeDeltas[i]); }
    }
  });
  return [...incl].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `    ${(v / 1000).toFixed(1)} ms  ${k.slice(0, 140)}`).join('\n');
}

/** The functions that took the most time themselves (not counting what they called), as
 * shares of the profile. */
export function selfTimes(profile, n) {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const own = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const k = byId.get(id).callFrame.functionName || '(anonymous)';
    const d = profile.timeDeltas[i] || 0;
    total += d;
    own.set(k, (own.get(k) || 0) + d);
  });
  return [...own].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `    ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k.slice(0, 140)}`).join('\n');
}
