// Usage: node bench/profile-summary.mjs <a.cpuprofile> [more.cpuprofile …] <bundle.js>
// Summarizes V8 .cpuprofile files of an esbuild bundle: self time by source module (from the
// `// node_modules/…` and `// src/…` markers esbuild writes at each module's start) and the
// functions with the most self time.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

/** (line, column) in the bundle → the source module, from esbuild's markers or else the source map. */
function moduleMap(bundlePath) {
  const starts = [];
  const lines = readFileSync(bundlePath, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\/\/ ((?:node_modules|src|bench|test)\/\S+)$/.exec(lines[i]);
    if (m) starts.push([i, m[1]]);
  }
  if (starts.length < 5) {
    // A minified bundle has no markers: its source map, if it has one, tells.
    const mapPath = `${bundlePath}.map`;
    if (!existsSync(mapPath)) return () => '(minified bundle without source map)';
    const map = new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8')));
    return (line, column) => {
      const entry = map.findEntry(line, column);
      const source = entry?.originalSource;
      if (!source) return { module: '(bundle)' };
      const m = /((?:node_modules|src|bench|test)\/.*)$/.exec(source.replace(/\\/g, '/'));
      // A minified function's own name, when the map has it.
      return { module: m ? m[1] : source, name: entry.name };
    };
  }
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = '(bundle prelude)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid][0] <= line) {
        found = starts[mid][1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return { module: found };
  };
}

/** A module path → the group it is reported under. */
export function groupOf(module) {
  if (module.startsWith('src/')) return module;
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module)?.[1] ?? module;
  if (pkg.startsWith('micromark')) return 'micromark* (Markdown tokenizer)';
  if (pkg.startsWith('mdast-util-')) return 'mdast-util-* (syntax tree)';
  return pkg;
}

/**
 * One profile, or several (one per thread: `node --cpu-prof` writes one for the main thread and
 * one for each worker). Idle time (a thread waiting) is left out of the shares and counted apart.
 */
export function summarizeProfile(profiles, bundlePath, { top = 12, inspector = false } = {}) {
  const moduleOf = moduleMap(bundlePath);
  const bundleUrlEnd = bundlePath.split('/').slice(-2).join('/');
  const groups = new Map();
  const fns = new Map();
  let total = 0;
  let idleMs = 0;
  const list = Array.isArray(profiles) ? profiles : [profiles];
  for (const profile of list) {
  const selfMs = new Map();
  for (let i = 0; i < profile.samples.length; i++) selfMs.set(profile.samples[i], (selfMs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    if (!ms) continue;
    const cf = node.callFrame;
    if (cf.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    total += ms;
    let group;
    let where;
    let original;
    if (cf.url.endsWith(bundleUrlEnd)) {
      const found = moduleOf(cf.lineNumber, cf.columnNumber);
      where = found.module;
      original = found.name;
      group = groupOf(where);
    } else if (cf.functionName === '(garbage collector)') group = where = '(garbage collector)';
    else if (cf.functionName === '(program)') group = where = '(program: V8 outside JavaScript)';
    // Profiled through node:inspector from inside the process: its message dispatch is the profiler's.
    else if (inspector && cf.functionName === 'dispatch' && cf.url === '') group = where = '(the inspector session itself)';
    else if (cf.functionName.startsWith('RegExp:')) {
      group = where = '(regular expressions)';
    } else group = where = '(Node.js and V8 internals: fs, strings, …)';
    groups.set(group, (groups.get(group) ?? 0) + ms);
    const name = cf.functionName.startsWith('RegExp:') ? `${cf.functionName.slice(0, 60)}…` : original && original !== cf.functionName ? `${original} (${cf.functionName || 'anonymous'})` : cf.functionName || '(anonymous)';
    const key = `${name}\u0000${where}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
  }
  }
  const pct = (ms) => Math.round((1000 * ms) / total) / 10;
  return {
    threads: list.length,
    idleMs: Math.round(idleMs),
    totalMs: Math.round(total),
    groups: [...groups].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms: Math.round(ms), pct: pct(ms) })),
    top: [...fns].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, ms]) => {
      const [fn, module] = k.split('\u0000');
      return { fn, module, ms: Math.round(ms), pct: pct(ms) };
    }),
  };
}

if (process.argv[1]?.endsWith('profile-summary.mjs')) {
  const args = process.argv.slice(2);
  const bundlePath = args.pop();
  console.log(JSON.stringify(summarizeProfile(args.map((p) => JSON.parse(readFileSync(p, 'utf8'))), bundlePath), null, 2));
}
