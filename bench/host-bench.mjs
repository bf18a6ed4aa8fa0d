// The extension host measures on a generated corpus: activation in a workspace without minutes,
// the longest blocking stretch of the extension host while it indexes the corpus from cold (up to
// the end of the first full diagnostics pass), the indexing time, and reopening with the parse
// cache in workspace storage. Runs `node test/host/run.mjs` with MINUTES_HOST_BENCH=<corpus> (three
// real VS Code sessions; see test/suite/bench/hostBench.test.ts), which writes out/test/host-bench.json.
//
// Usage: node bench/host-bench.mjs [scale | folder]   (default 100; 1 is the real corpus; a folder is
// measured as it is; build first with `npm run build`)
// From bench/run.mjs: runHostBench({ dir, timeoutMs }) → { ok, rows, data, error }.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultSource, ensureCorpus, repoRoot } from './generate.mjs';

export const hostBenchPath = join(repoRoot, 'out', 'test', 'host-bench.json');

/** Runs the in-host measures on the corpus in `dir`; never throws. */
export function runHostBench({ dir, timeoutMs = 30 * 60_000, log = (line) => console.error(line) } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(repoRoot, 'test', 'host', 'run.mjs')], {
      cwd: repoRoot,
      // A CPU profile of each session by default (MINUTES_HOST_PROFILE=0: none): it says whose code each blocking stretch was.
      env: { ...process.env, MINUTES_HOST_BENCH: dir, MINUTES_HOST_TIMEOUT: String(Math.ceil(timeoutMs / 1000)), MINUTES_HOST_PROFILE: process.env.MINUTES_HOST_PROFILE ?? '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const lines = [];
    const take = (chunk) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        lines.push(line);
        log(`[host-bench] ${line}`);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    }, timeoutMs + 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0 || !existsSync(hostBenchPath)) {
        resolve({ ok: false, error: `exit code ${code}: ${lines.slice(-5).join(' | ')}`, rows: [] });
        return;
      }
      const data = JSON.parse(readFileSync(hostBenchPath, 'utf8'));
      resolve({ ok: true, data, rows: rowsOf(data), ms: Date.now() - started });
    });
  });
}

/** The headline figures as [measure, value] rows. */
export function rowsOf(data) {
  const c = data.cold ?? {};
  const w = data.warm ?? {};
  const a = data.activation ?? {};
  return [
    ['Corpus', `${data.corpus?.folder ? relative(repoRoot, data.corpus.folder) || '.' : '?'}: ${data.corpus?.markdownFiles} Markdown files, ${data.corpus?.megabytes} MB`],
    ['Activation, workspace without minutes: activate() call as the caller sees it', `${a.activateCallMs} ms (evaluating the bundle ${a.moduleEvalMs} ms, load to activate() ${a.moduleLoadMs} ms, activate() itself ${a.activateFunctionMs} ms)`],
    ['Longest blocking stretch, cold index to the end of the first diagnostics pass', `${c.longestBlockingMs} ms (event-loop delay max ${c.eventLoopDelayMaxMs} ms)${ownerNote(data['cold-profiled'])}`],
    ['Indexing from cold (parser threads)', `${c.indexMs} ms; Problems panel complete at ${c.diagnosticsDoneMs} ms; ${c.parsed} files parsed on ${c.parserThreads} threads`],
    ['The open file first (cold; from the build start)', c.openFilesMs === undefined ? 'no minutes editor was visible at start-up' : `${c.openFiles} file(s) at ${c.openFilesMs} ms (the folder listed at ${c.listedMs} ms), the index at ${c.indexMs} ms`],
    ['Reopening with the parse cache warm', `${w.indexMs} ms; Problems panel complete at ${w.diagnosticsDoneMs} ms; ${w.parsed} parsed, ${w.cacheHits} from the cache (read in ${w.cacheLoadMs} ms)`],
    ['Longest blocking stretch, warm reopen', `${w.longestBlockingMs} ms${ownerNote(data['warm-profiled'])}`],
  ];
}

/** Whose code the longest stretch was, and our own longest, from the session's CPU profile. */
function ownerNote(phase) {
  if (!phase?.profiled) return '';
  const top = phase.longestStretches?.[0];
  const whose = top?.owner ? `; in a session with a CPU profile: the longest ${top.ms} ms was ${top.owner === 'ours' ? 'our code' : top.owner} (${Object.entries(top.shares).map(([k, v]) => `${k} ${v}%`).join(', ')})` : '';
  return `${whose}; ours at most ${phase.longestOwnBlockingMs} ms`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  // A scale (1: the real corpus itself, as BENCH_HOST=1 does), or the folder of a minutes repository
  // (the full SCS repository, say) to measure on as it is.
  const arg = process.argv[2] ?? '100';
  const scale = Number(arg);
  const dir = /^\d+$/.test(arg) ? (scale === 1 ? defaultSource : ensureCorpus(scale, undefined, (m) => console.error(m)).dir) : resolve(arg);
  if (!existsSync(dir)) {
    console.error(`host-bench: ${dir} does not exist`);
    process.exit(2);
  }
  const r = await runHostBench({ dir });
  if (!r.ok) {
    console.error(`host-bench: ${r.error}`);
    process.exitCode = 1;
  } else {
    for (const [k, v] of r.rows) console.log(`${k}: ${v}`);
  }
}
