#!/usr/bin/env node
// `npm run bench` (after `node scripts/build.mjs`): our CLI against the tools a user would pick
// instead and against the floor (reading, parsing), on the minutes corpus at 1×, 10× and 100×;
// the in-core keystroke and rename cases on the largest corpus; writes bench/results.md.
// See bench/README.md. Settings (environment):
//   BENCH_RUNS=5          cold runs per tool at 1×
//   BENCH_RUNS_LARGE=1    cold runs per tool at 10× and above
//   BENCH_SCALES=1,10,100
//   BENCH_TOOLS=ours,ours-warm,ours-changed,rumdl,remark,markdownlint,read,events,parse   (any subset; ours-jobs0 adds `--jobs 0`)
//   BENCH_BUDGET_S=540    wall-time budget of this script; 0 = none (run everything asked for)
//   BENCH_TIMEOUT_S=300   cap on one run
//   BENCH_CORE_RUNS=31    repetitions of each in-core measure
//   BENCH_CORE_CHECK_S=15 time the in-core full check may take before it is sampled and projected
//   BENCH_PROFILE=1       profile one extra run of our CLI at 1× (0: skip)
//   BENCH_COMPETITORS_AT_100=0   1: run remark and markdownlint at 100× too (if the budget allows)
//   BENCH_HOST=1          the extension-host measures on this corpus scale (1: the real corpus; 0: skip)
//   BENCH_OUT=bench/results.md   where the report goes (the default also updates the README's targets table)
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { benchDir, corpusDir, defaultSource, ensureCorpus, markdownFiles, repoRoot } from './generate.mjs';
import { buildCoreBench } from './build-core.mjs';
import { summarizeProfile } from './profile-summary.mjs';
import { runHostBench } from './host-bench.mjs';

const startedAt = Date.now();
const env = process.env;
const num = (v, d) => (v === undefined || v === '' || Number.isNaN(Number(v)) ? d : Number(v));
const RUNS = Math.max(1, num(env.BENCH_RUNS, 5));
const RUNS_LARGE = Math.max(1, num(env.BENCH_RUNS_LARGE, 1));
const SCALES = [...new Set((env.BENCH_SCALES ?? '1,10,100').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n >= 1))].sort((a, b) => a - b);
const BUDGET_S = num(env.BENCH_BUDGET_S, 540);
const TIMEOUT_S = num(env.BENCH_TIMEOUT_S, 300);
const CORE_RUNS = Math.max(5, num(env.BENCH_CORE_RUNS, 31));
const CORE_CHECK_S = num(env.BENCH_CORE_CHECK_S, 15);
const PROFILE = env.BENCH_PROFILE !== '0';
const COMPETITORS_AT_100 = env.BENCH_COMPETITORS_AT_100 === '1';
const deadline = BUDGET_S > 0 ? startedAt + BUDGET_S * 1000 : Infinity;
const runsDir = join(benchDir, '.runs');
const resultsPath = env.BENCH_OUT ? resolve(env.BENCH_OUT) : join(benchDir, 'results.md');
const hostBenchPath = join(repoRoot, 'out', 'test', 'host-bench.json');
const REPOSITORY = 'https://github.com/SovereignCloudStack/minutes';

const log = (...a) => console.error('[bench]', ...a);
const secs = (ms) => (ms / 1000).toFixed(ms < 10000 ? 2 : 1);
const remainingMs = () => deadline - Date.now();
const fmtRemaining = () => (deadline === Infinity ? '∞' : `${Math.max(0, Math.round(remainingMs() / 1000))} s`);

// ---- the tools ----------------------------------------------------------------------------------
// Our CLI as built just before this run (`npm run bench` builds it), copied aside so that another
// build during the run (the repository's other scripts write dist/) cannot change what is measured.
const builtCli = join(repoRoot, 'dist', 'cli.js');
const cliPath = join(benchDir, '.build', 'cli.js');
function snapshotCli() {
  mkdirSync(dirname(cliPath), { recursive: true });
  copyFileSync(builtCli, cliPath);
  rmSync(`${cliPath}.map`, { force: true });
  // The source map only if it was written with this bundle (for the profile's module names).
  const map = `${builtCli}.map`;
  if (existsSync(map) && Math.abs(statSync(map).mtimeMs - statSync(builtCli).mtimeMs) < 5000) copyFileSync(map, `${cliPath}.map`);
}
const warmCacheFile = (dir) => join(runsDir, `parse-cache-${dir.replace(/[^A-Za-z0-9]+/g, '_').slice(-60)}.json`);
const markdownlintBin = (() => {
  try {
    return realpathSync(join(repoRoot, 'node_modules', '.bin', 'markdownlint-cli2'));
  } catch {
    return undefined;
  }
})();

// rumdl's npm package runs a native binary from a platform package; run that binary itself, as a
// user's shell would, so a Node launcher is not counted against it.
const rumdlBin = (() => {
  try {
    const bin = realpathSync(join(repoRoot, 'node_modules', '@rumdl', `cli-${process.platform}-${process.arch}`, process.platform === 'win32' ? 'rumdl.exe' : 'rumdl'));
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
})();

// A git repository holding the corpus with one commit on a branch that changes one team file: what
// `--changed-since` sees in a small pull request.
const changedRepoOf = (dir) => join(runsDir, `changed-${dir.replace(/[^A-Za-z0-9]+/g, '_').slice(-60)}`);
function prepareChangedRepo(dir) {
  const repo = changedRepoOf(dir);
  rmSync(repo, { recursive: true, force: true });
  cpSync(dir, repo, { recursive: true });
  const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.org', GIT_CONFIG_NOSYSTEM: '1' } });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'corpus');
  git('checkout', '-q', '-b', 'change');
  // The middle dated file of the largest team folder gets a line.
  const files = markdownFiles(repo).filter((f) => /^[^/]+\/\d{8}\.md$/.test(f)).sort();
  const target = files[Math.floor(files.length / 2)];
  writeFileSync(join(repo, target), `${readFileSync(join(repo, target), 'utf8')}\n- One more note from the bench.\n`);
  git('commit', '-q', '-am', 'one changed file');
  rmSync(warmCacheFile(repo), { force: true });
}
const gitAvailable = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const TOOLS = [
  {
    id: 'ours',
    label: 'minutes check (ours)',
    command: (dir) => ({ args: [cliPath, 'check', dir, '--format', 'json'], cwd: repoRoot }),
    okCodes: [0, 1],
    result: (out) => {
      const findings = JSON.parse(out.stdout);
      return { findings: findings.map((f) => ({ file: f.file, line: f.line, rule: f.rule, severity: f.severity, message: f.message })) };
    },
  },
  {
    // Our CLI with its parse cache (`--cache`), nothing changed since the run that filled it: what a
    // CI job or a pre-commit hook pays on the second run. Filled by one untimed run first.
    id: 'ours-warm',
    label: 'minutes check --cache-location, warm (ours; nothing changed)',
    command: (dir) => ({ args: [cliPath, 'check', dir, '--format', 'json', '--cache-location', warmCacheFile(dir)], cwd: repoRoot }),
    prepare: (dir) => rmSync(warmCacheFile(dir), { force: true }),
    maxScale: 10,
    okCodes: [0, 1],
    result: (out) => ({ findings: JSON.parse(out.stdout).length }),
  },
  {
    // `--changed-since` on a pull request that changes one file, with the parse cache of the base
    // (as the GitHub Action keeps it with `cache: true`). Filled by one untimed run first.
    id: 'ours-changed',
    label: 'minutes check --changed-since, one changed file, cache (ours)',
    command: (dir) => ({ args: [cliPath, 'check', changedRepoOf(dir), '--format', 'json', '--changed-since', 'main', '--cache-location', warmCacheFile(changedRepoOf(dir))], cwd: repoRoot }),
    prepare: prepareChangedRepo,
    available: () => (gitAvailable ? undefined : 'git is not installed'),
    maxScale: 10,
    okCodes: [0, 1],
    result: (out) => ({ findings: JSON.parse(out.stdout).length }),
  },
  {
    id: 'rumdl',
    label: 'rumdl (Markdown linter in Rust, default rules)',
    command: (dir) => ({ bin: rumdlBin, args: ['check', '--no-cache', dir], cwd: dir }),
    okCodes: [0, 1],
    available: () => (rumdlBin ? undefined : 'rumdl is not installed for this platform (npm install)'),
    result: () => ({}),
  },
  {
    // Not in the default set (BENCH_TOOLS=…,ours-jobs0 adds it): our CLI parsing on the main thread only.
    id: 'ours-jobs0',
    optional: true,
    label: 'minutes check --jobs 0 (ours, no worker threads)',
    command: (dir) => ({ args: [cliPath, 'check', dir, '--format', 'json', '--jobs', '0'], cwd: repoRoot }),
    okCodes: [0, 1],
    result: (out) => ({ findings: JSON.parse(out.stdout).length }),
  },
  {
    id: 'remark',
    label: 'remark + remark-validate-links',
    command: (dir) => ({ args: [join(benchDir, 'tools', 'remark-validate-links.mjs'), dir, '--repository', REPOSITORY], cwd: dir }),
    okCodes: [0, 1],
    result: (out) => {
      const line = out.stdout.trim().split('\n').pop();
      return JSON.parse(line);
    },
  },
  {
    id: 'markdownlint',
    label: 'markdownlint-cli2 (default config)',
    command: () => ({ args: [markdownlintBin, '**/*.md'], cwd: undefined }),
    okCodes: [0, 1],
    available: () => (markdownlintBin ? undefined : 'markdownlint-cli2 is not installed (npm install)'),
    // Its findings go to stderr, one a line: `file:line[:col] MD051/link-fragments …`.
    stderrLine: (line, acc) => {
      const m = /^(.+?):(\d+)(?::\d+)? (MD\d{3})\//.exec(line);
      if (!m) return;
      acc.byRule[m[3]] = (acc.byRule[m[3]] ?? 0) + 1;
      acc.total++;
      if (m[3] === 'MD051' || m[3] === 'MD042') acc.findings.push({ file: m[1], line: Number(m[2]), rule: m[3] });
    },
    newAcc: () => ({ byRule: {}, total: 0, findings: [] }),
    result: (out, acc) => acc,
  },
  {
    id: 'read',
    label: 'floor: read every .md (readFileSync)',
    command: (dir) => ({ args: [join(benchDir, 'tools', 'floor-read.mjs'), dir], cwd: repoRoot }),
    okCodes: [0],
    result: (out) => JSON.parse(out.stdout),
  },
  {
    id: 'events',
    label: 'floor: tokenize every .md (micromark + GFM events, no tree)',
    command: (dir) => ({ args: [join(benchDir, 'tools', 'floor-events.mjs'), dir], cwd: repoRoot }),
    okCodes: [0],
    result: (out) => JSON.parse(out.stdout),
  },
  {
    id: 'parse',
    label: 'floor: parse every .md (mdast + GFM)',
    command: (dir) => ({ args: [join(benchDir, 'tools', 'floor-parse.mjs'), dir], cwd: repoRoot }),
    okCodes: [0],
    result: (out) => JSON.parse(out.stdout),
  },
];
const wantedTools = env.BENCH_TOOLS ? new Set(env.BENCH_TOOLS.split(',').map((s) => s.trim())) : undefined;
const tools = TOOLS.filter((t) => (wantedTools ? wantedTools.has(t.id) : !t.optional));

// Seconds per MB of Markdown at 1× before anything was measured (this repository's 2-core CI box).
const GUESS_S_PER_MB = { ours: 2.5, 'ours-warm': 0.5, 'ours-changed': 0.6, rumdl: 0.3, 'ours-jobs0': 6, remark: 5, markdownlint: 4, read: 0.15, events: 1.5, parse: 5 };

// ---- one measured run ---------------------------------------------------------------------------
const timeBin = (() => {
  if (!existsSync('/usr/bin/time')) return undefined;
  return '/usr/bin/time';
})();

function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function peakRssKbOf(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

let runCounter = 0;
// A run is its own process group (so a time-out stops all of it); stop it if we are stopped.
let current;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (current) {
      try {
        process.kill(-current.pid, 'SIGKILL');
      } catch {}
    }
    process.exit(130);
  });
}
/** Runs `node args…` in a fresh process: wall time, CPU time, peak RSS, output. */
function measure(tool, dir, timeoutMs) {
  const { args, cwd, bin } = tool.command(dir);
  const rusageFile = join(runsDir, `rusage-${process.pid}-${++runCounter}`);
  rmSync(rusageFile, { force: true });
  // A native binary (bin) runs as it is; without /usr/bin/time its CPU time and RSS are not known.
  const exe = bin ?? process.execPath;
  const nodeArgs = timeBin || bin ? args : ['--require', join(benchDir, 'tools', 'maxrss.cjs'), ...args];
  const [cmd, argv] = timeBin ? [timeBin, ['-f', '%e %U %S %M', '-o', rusageFile, exe, ...nodeArgs]] : [exe, nodeArgs];
  const acc = tool.newAcc?.();
  return new Promise((resolvePromise) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, {
      cwd: cwd ?? dir,
      env: { ...process.env, BENCH_RUSAGE_FILE: rusageFile, NODE_OPTIONS: '', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    current = child;
    const stdout = [];
    let stdoutBytes = 0;
    let stderrTail = '';
    let partial = '';
    child.stdout.on('data', (b) => {
      stdoutBytes += b.length;
      if (stdoutBytes < 256 * 1024 * 1024) stdout.push(b);
    });
    child.stderr.on('data', (b) => {
      const text = partial + b.toString('utf8');
      const lines = text.split('\n');
      partial = lines.pop();
      if (tool.stderrLine) for (const l of lines) tool.stderrLine(l, acc);
      stderrTail = (stderrTail + text).slice(-2000);
    });
    // The peak RSS so far, in case the run must be stopped (then /usr/bin/time reports nothing).
    let sampledPeakKb = 0;
    const sampler = setInterval(() => {
      const pids = timeBin ? childrenOf(child.pid) : [child.pid];
      for (const p of pids) sampledPeakKb = Math.max(sampledPeakKb, peakRssKbOf(p));
    }, 500);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, Math.max(1000, timeoutMs));
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      current = undefined;
      clearTimeout(timer);
      clearInterval(sampler);
      if (partial && tool.stderrLine) tool.stderrLine(partial, acc);
      let cpuS;
      let rssKb;
      try {
        const text = readFileSync(rusageFile, 'utf8').trim();
        if (timeBin) {
          const last = text.split('\n').pop().trim().split(/\s+/).map(Number);
          cpuS = last[1] + last[2];
          rssKb = last[3];
        } else {
          const u = JSON.parse(text);
          cpuS = u.userS + u.sysS;
          rssKb = u.maxRssKb;
        }
      } catch {}
      rmSync(rusageFile, { force: true });
      const out = { stdout: Buffer.concat(stdout).toString('utf8'), stderrTail };
      let result;
      let error;
      if (timedOut) error = `stopped at the time-out (${secs(timeoutMs)} s)`;
      else if (!tool.okCodes.includes(code)) error = `exit code ${code}: ${stderrTail.trim().split('\n').slice(-3).join(' | ')}`;
      else {
        try {
          result = tool.result(out, acc);
        } catch (e) {
          error = `unreadable output (${e.message})`;
        }
      }
      resolvePromise({ wallMs, cpuS, rssKb: rssKb ?? (sampledPeakKb || undefined), rssIsLowerBound: rssKb === undefined, timedOut, error, result });
    });
  });
}

// ---- statistics ---------------------------------------------------------------------------------
function median(xs) {
  const s = xs.filter((x) => x !== undefined && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return undefined;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function cellStats(cell) {
  const ok = cell.runs.filter((r) => !r.error);
  if (!ok.length) return undefined;
  const walls = ok.map((r) => r.wallMs);
  return {
    n: ok.length,
    wall: median(walls),
    min: Math.min(...walls),
    max: Math.max(...walls),
    cpu: median(ok.map((r) => r.cpuS)),
    rssMb: median(ok.map((r) => (r.rssKb ? r.rssKb / 1024 : undefined))),
  };
}

// ---- the plan -----------------------------------------------------------------------------------
const cells = new Map(); // `${scale}:${tool}` → { scale, tool, runs: [], skipped?, notes: [] }
const cellOf = (scale, tool) => {
  const key = `${scale}:${tool.id}`;
  if (!cells.has(key)) cells.set(key, { scale, tool, runs: [], notes: [] });
  return cells.get(key);
};
const corpusFacts = new Map(); // scale → { dir, files, mb }
const notes = [];

function estimateMs(tool, scale) {
  const here = cellStats(cellOf(scale, tool));
  if (here) return here.max;
  for (const s of [...SCALES].reverse()) {
    if (s >= scale) continue;
    const st = cellStats(cellOf(s, tool));
    // Scaled up linearly, plus a margin: none of these tools is faster than linear, some are slower.
    // Not for ours: its number matters most, so it is tried whenever the linear projection fits
    // (the time-out still holds the budget, and a run stopped there gives a lower bound).
    if (st) return st.wall * (scale / s) * (tool.id === 'ours' ? 1 : 1.3);
  }
  const mb = corpusFacts.get(scale)?.mb ?? 2.35 * scale;
  return GUESS_S_PER_MB[tool.id] * mb * 1000;
}

function policySkip(tool, scale) {
  const unavailable = tool.available?.();
  if (unavailable) return unavailable;
  if (tool.maxScale && scale > tool.maxScale) return `not run above ${tool.maxScale}× (filling its cache costs a cold run)`;
  if (scale >= 100 && (tool.id === 'remark' || tool.id === 'markdownlint') && !COMPETITORS_AT_100) {
    const at10 = cellStats(cellOf(10, tool));
    const seen = at10 ? ` (at 10×: ${secs(at10.wall)} s, ${Math.round(at10.rssMb ?? 0)} MB; at 100× ≈ ${Math.round((at10.wall * 10) / 1000)} s${tool.id === 'remark' ? `, ≈ ${((at10.rssMb ?? 0) * 10 / 1024).toFixed(1)} GB` : ''})` : '';
    return `not run at 100× by default${seen}; BENCH_COMPETITORS_AT_100=1 runs it`;
  }
  return undefined;
}

/** Time kept back for what must still run after this scale (the in-core measures, the report). */
let coreDone = false;
const coreScale = () => [...SCALES].filter((s) => s > 1).pop();
function reserveMs(afterScale, tool) {
  let ms = 5000;
  if (!coreDone && coreScale() && afterScale < (coreScale() ?? 0)) ms += coreEstimateMs();
  // Our own cold runs at the larger sizes come before the other tools' runs at this one (beyond 1×:
  // the 1× runs are the comparison itself).
  if (!tool || tool.id === 'ours') return ms;
  for (const larger of SCALES) {
    if (afterScale <= 1 || larger <= afterScale) continue;
    for (const id of ['ours', 'read']) {
      const tool = tools.find((t) => t.id === id);
      // Only once a run has measured it: a guess must not crowd out the 1× runs.
      if (tool && SCALES.some((x) => cellStats(cellOf(x, tool)))) ms += estimateMs(tool, larger);
    }
  }
  return ms;
}
function coreEstimateMs() {
  const s = coreScale() ?? 1;
  // Building the index (reading every file, two real parses per corpus file), the sampled check, the edits.
  return (15 + 0.8 * s + CORE_CHECK_S) * 1000 + CORE_RUNS * 3 * (s * 6);
}

async function runScale(scale, dir) {
  const runs = scale === 1 ? RUNS : RUNS_LARGE;
  const active = [];
  // Beyond 1× the budget may not reach every tool: ours first, then the cheap floor, then the others.
  const priority = ['ours', 'read', 'ours-warm', 'ours-changed', 'rumdl', 'events', 'ours-jobs0', 'remark', 'markdownlint', 'parse'];
  const order = scale === 1 ? tools : [...tools].sort((a, b) => priority.indexOf(a.id) - priority.indexOf(b.id));
  for (const tool of order) {
    const cell = cellOf(scale, tool);
    const skip = policySkip(tool, scale);
    if (skip) cell.skipped = skip;
    else active.push(tool);
  }
  // A tool that needs a filled cache gets one untimed run first (when the budget has room for it).
  for (const tool of active) {
    if (!tool.prepare) continue;
    const cell = cellOf(scale, tool);
    const fill = estimateMs(TOOLS[0], scale) * 1.2;
    if (fill + estimateMs(tool, scale) > remainingMs() - reserveMs(scale, tool)) {
      cell.skipped = `no room in the budget to fill its cache first (≈ ${secs(fill)} s)`;
      continue;
    }
    tool.prepare(dir);
    log(`${scale}× ${tool.id}: filling the cache (untimed)…`);
    const m = await measure(tool, dir, Math.min(TIMEOUT_S * 1000, Math.max(remainingMs() - reserveMs(scale), 1000)));
    if (m.error) {
      cell.skipped = `filling the cache failed: ${m.error}`;
      continue;
    }
    cell.notes.push(`cache filled by one untimed run first (${secs(m.wallMs)} s)`);
  }
  // Round-robin: run 1 of every tool, then run 2 …, so a change in machine load hits all alike.
  for (let r = 0; r < runs; r++) {
    for (const tool of active) {
      const cell = cellOf(scale, tool);
      if (cell.skipped || cell.stopped) continue;
      const est = estimateMs(tool, scale);
      const room = remainingMs() - reserveMs(scale, tool);
      if (est > room) {
        if (r === 0) cell.skipped = `projected ≈ ${secs(est)} s${deadline === Infinity ? '' : `, more than the ${Math.max(0, Math.round(room / 1000))} s left of the budget`}`;
        else cell.notes.push(`${r} of ${runs} runs: the budget allowed no more`);
        cell.stopped = true;
        log(`${scale}× ${tool.id}: ${r === 0 ? 'skipped' : 'stopped'} (projected ${secs(est)} s, ${fmtRemaining()} left)`);
        continue;
      }
      const timeout = Math.min(TIMEOUT_S * 1000, Math.max(room, 1000));
      log(`${scale}× ${tool.id} run ${r + 1}/${runs} (time-out ${secs(timeout)} s, ${fmtRemaining()} left)…`);
      const m = await measure(tool, dir, timeout);
      cell.runs.push(m);
      log(`  ${m.error ? `failed: ${m.error}` : `${secs(m.wallMs)} s, CPU ${m.cpuS?.toFixed(2)} s, ${Math.round((m.rssKb ?? 0) / 1024)} MB`}`);
      if (m.error) {
        cell.stopped = true;
        cell.notes.push(m.timedOut ? `stopped after ${secs(m.wallMs)} s (time-out)${m.rssKb ? `; peak RSS until then ≥ ${Math.round(m.rssKb / 1024)} MB` : ''}` : m.error);
      }
    }
  }
}

// ---- profile of our CLI -------------------------------------------------------------------------
async function profileOurs(dir) {
  const profDir = join(runsDir, 'cpu-prof');
  rmSync(profDir, { recursive: true, force: true });
  mkdirSync(profDir, { recursive: true });
  const tool = {
    ...TOOLS[0],
    command: (d) => ({ args: ['--cpu-prof', '--cpu-prof-dir', profDir, cliPath, 'check', d, '--format', 'json'], cwd: repoRoot }),
    result: () => ({}),
  };
  const m = await measure(tool, dir, Math.min(TIMEOUT_S * 1000, Math.max(1000, remainingMs() - reserveMs(1))));
  // One profile per thread (the CLI parses on worker threads): summed.
  const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
  if (m.error || !files.length) return { error: m.error ?? 'no profile written' };
  return summarizeProfile(files.map((f) => JSON.parse(readFileSync(join(profDir, f), 'utf8'))), cliPath);
}

// ---- in-core measures ---------------------------------------------------------------------------
async function runCore(scale, dir, bundle) {
  const profilePath = join(runsDir, 'core-check.cpuprofile');
  rmSync(profilePath, { force: true });
  const tool = {
    id: 'core',
    command: (d) => ({ args: ['--expose-gc', bundle, d, '--runs', String(CORE_RUNS), '--check-seconds', String(CORE_CHECK_S), '--profile-check', profilePath], cwd: repoRoot }),
    okCodes: [0],
    result: (out) => JSON.parse(out.stdout.trim().split('\n').pop()),
  };
  // All it needs, short of the time for one round of the 1× runs (which then get the rest).
  const oneRound = tools.reduce((a, t) => a + estimateMs(t, 1), 0);
  const timeout = Math.min(TIMEOUT_S * 2000, Math.max(remainingMs() - oneRound - 5000, coreEstimateMs(), 60000));
  log(`in-core measures on ${scale}× (time-out ${secs(timeout)} s, ${fmtRemaining()} left)…`);
  const m = await measure(tool, dir, timeout);
  if (m.error) return { error: m.error };
  const r = m.result;
  r.process = { wallMs: m.wallMs, cpuS: m.cpuS, rssMb: m.rssKb ? m.rssKb / 1024 : undefined };
  if (existsSync(profilePath)) r.checkProfile = summarizeProfile(JSON.parse(readFileSync(profilePath, 'utf8')), bundle, { top: 8, inspector: true });
  return r;
}

// ---- report -------------------------------------------------------------------------------------
function fmtS(ms) {
  if (ms === undefined) return '–';
  return ms >= 100000 ? (ms / 1000).toFixed(0) : ms >= 10000 ? (ms / 1000).toFixed(1) : (ms / 1000).toFixed(2);
}
function fmtMs(ms) {
  if (ms === undefined) return '–';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}
function ratio(a, b) {
  if (!a || !b) return '–';
  const r = a / b;
  return r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2);
}

function countBy(items, key) {
  const out = {};
  for (const t of items) out[key(t)] = (out[key(t)] ?? 0) + 1;
  return out;
}

function cliTable() {
  const rows = [];
  rows.push('| Corpus | Tool | Runs | Wall, median s | min–max s | CPU, median s | Peak RSS, median MB | ours ÷ this, wall | ours ÷ this, CPU | Notes |');
  rows.push('|---|---|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const scale of SCALES) {
    const facts = corpusFacts.get(scale);
    const corpus = facts ? `${scale}× (${facts.files} files, ${facts.mb.toFixed(1)} MB)` : `${scale}×`;
    const ours = cellStats(cellOf(scale, TOOLS[0]));
    for (const tool of tools) {
      const cell = cellOf(scale, tool);
      const st = cellStats(cell);
      const note = [cell.skipped ? `skipped: ${cell.skipped}` : '', ...cell.notes].filter(Boolean).join('; ');
      if (!st) {
        rows.push(`| ${corpus} | ${tool.label} | 0 | – | – | – | ${cell.runs.some((r) => r.rssKb) ? `≥ ${Math.round(Math.max(...cell.runs.map((r) => r.rssKb ?? 0)) / 1024)}` : '–'} | – | – | ${note || 'not run'} |`);
        continue;
      }
      const self = tool.id === 'ours';
      rows.push(
        `| ${corpus} | ${tool.label} | ${st.n} | ${fmtS(st.wall)} | ${fmtS(st.min)}–${fmtS(st.max)} | ${st.cpu?.toFixed(2) ?? '–'} | ${st.rssMb ? Math.round(st.rssMb) : '–'} | ${self ? '1' : ratio(ours?.wall, st.wall)} | ${self ? '1' : ratio(ours?.cpu, st.cpu)} | ${note} |`,
      );
    }
  }
  return rows.join('\n');
}

/** The issue's targets, each with what this run measured and whether it is met. */
function targetsTable(core) {
  const st = (scale, id) => {
    const tool = TOOLS.find((t) => t.id === id);
    return tool ? cellStats(cellOf(scale, tool)) : undefined;
  };
  const rows = ['| Target | Measured | Met? |', '|---|---|---|'];
  const verdict = (ok) => (ok === undefined ? 'not measured' : ok ? 'yes' : '**no**');
  const ours1 = st(1, 'ours');
  // Cold: at least 4× faster than the faster of the two link checkers.
  const checkers = [['remark', 'remark-validate-links'], ['markdownlint', 'markdownlint-cli2']].map(([id, name]) => ({ name, s: st(1, id) })).filter((c) => c.s);
  const fastest = checkers.sort((a, b) => a.s.wall - b.s.wall)[0];
  const x = ours1 && fastest ? fastest.s.wall / ours1.wall : undefined;
  const xc = ours1 && fastest && fastest.s.cpu ? fastest.s.cpu / ours1.cpu : undefined;
  rows.push(`| Cold check of the corpus ≥ 4× faster than the faster of markdownlint-cli2 and remark-validate-links (same run) | ${x ? `${x.toFixed(1)}× faster than ${fastest.name} by wall time (${fmtS(ours1.wall)} s against ${fmtS(fastest.s.wall)} s)${xc ? `; ${xc.toFixed(1)}× by CPU time` : ''}${x < 4 ? `; short by ${(4 / x).toFixed(1)}×` : ''}` : '–'} | ${verdict(x === undefined ? undefined : x >= 4)} |`);
  const rumdl = st(1, 'rumdl');
  const r = ours1 && rumdl ? ours1.wall / rumdl.wall : undefined;
  rows.push(`| Cold check within 4× of rumdl (same run) | ${r ? `${r.toFixed(1)}× rumdl's time (${fmtS(ours1.wall)} s against ${fmtS(rumdl.wall)} s)${r > 4 ? `; short by ${(r / 4).toFixed(1)}×` : ''}` : '–'} | ${verdict(r === undefined ? undefined : r <= 4)} |`);
  const warm = st(1, 'ours-warm');
  const read = st(1, 'read');
  const w = warm && read ? warm.wall / read.wall : undefined;
  rows.push(`| Warm check (cache, nothing changed) within 3× of reading every file | ${w ? `${w.toFixed(2)}× (${fmtS(warm.wall)} s against ${fmtS(read.wall)} s)${w > 3 ? `; short by ${(w / 3).toFixed(1)}×` : ''}` : '–'} | ${verdict(w === undefined ? undefined : w <= 3)} |`);
  const changed = st(1, 'ours-changed');
  const c = changed && read ? changed.wall / read.wall : undefined;
  rows.push(`| \`--changed-since\` with one changed file (cache of the base) within 3× of reading every file | ${c ? `${c.toFixed(2)}× (${fmtS(changed.wall)} s against ${fmtS(read.wall)} s)${c > 3 ? `; short by ${(c / 3).toFixed(1)}×` : ''}` : '–'} | ${verdict(c === undefined ? undefined : c <= 3)} |`);
  const perMb = (scale) => {
    const c = st(scale, 'ours');
    const f = corpusFacts.get(scale);
    return c && f ? c.wall / f.mb : undefined;
  };
  const base = perMb(1);
  const growth = SCALES.filter((x) => x > 1 && perMb(x) !== undefined).map((x) => `${x}×: ${(perMb(x) / base).toFixed(2)}`);
  const worst = Math.max(...SCALES.filter((x) => x > 1 && perMb(x) !== undefined).map((x) => perMb(x) / base));
  rows.push(`| Cost grows linearly to 100× (time per MB against 1×) | ${base && growth.length ? growth.join(', ') : '–'} | ${verdict(base && growth.length ? worst <= 1.5 : undefined)} |`);
  const k = core?.keystroke;
  const kr = k ? k.updateAndRecheck.medianMs / k.parseAlone.medianMs : undefined;
  rows.push(`| Keystroke re-check at ${core?.scale ?? 100}× ≤ 1.5× parsing that one file | ${kr ? `${kr.toFixed(2)}× (${fmtMs(k.updateAndRecheck.medianMs)} ms against ${fmtMs(k.parseAlone.medianMs)} ms)` : '–'} | ${verdict(kr === undefined ? undefined : kr <= 1.5)} |`);
  const big = Math.max(...SCALES);
  const rss = st(big, 'ours')?.rssMb;
  rows.push(`| ${big}× indexes within 1 GiB RSS (our CLI's peak RSS) | ${rss ? `${Math.round(rss)} MB` : '–'} | ${verdict(rss === undefined ? undefined : rss <= 1024)} |`);
  let host;
  try {
    host = existsSync(hostBenchPath) ? JSON.parse(readFileSync(hostBenchPath, 'utf8')) : undefined;
  } catch {
    host = undefined;
  }
  const a = host?.activation;
  const idle = a?.activeBeforeAsked === false;
  const asked = a ? `when asked anyway (the Minutes view or a command): activate() itself ${a.activateFunctionMs} ms, evaluating the bundle ${a.moduleEvalMs} ms, ${a.activateCallMs} ms as the caller sees it` : '';
  rows.push(`| No activation work without minutes (< 10 ms) | ${a ? `${idle ? 'not activated: 0 ms (its activation events are minutes files)' : 'activated without being asked'}; ${asked}` : '–'} | ${verdict(a ? idle : undefined)} |`);
  const block = host?.cold?.longestBlockingMs;
  const hostFiles = host?.corpus?.markdownFiles;
  const warmBlock = host?.warm?.longestBlockingMs;
  // With the profiled sessions, the stretches are told apart by whose code they were: the target is
  // about ours (VS Code's Markdown extension, git and the host's own messaging block it too).
  const coldOwn = host?.['cold-profiled']?.longestOwnBlockingMs;
  const warmOwn = host?.['warm-profiled']?.longestOwnBlockingMs;
  const profiled = coldOwn !== undefined && warmOwn !== undefined;
  const worstBlock = profiled ? Math.max(coldOwn, warmOwn) : block === undefined ? undefined : Math.max(block, warmBlock ?? 0);
  const others = profiled ? othersNote(host['cold-profiled'], host['warm-profiled']) : '';
  const gcShare = (phase) => {
    const own = (phase?.longestStretches ?? []).filter((st) => st.owner === 'ours').sort((a, b) => b.ms - a.ms)[0];
    const gc = own?.shares?.['(garbage collector)'];
    return gc ? ` (${gc} % of it garbage collection)` : '';
  };
  const blockText = block !== undefined
    ? profiled
      ? `our code at most ${coldOwn} ms cold${gcShare(host['cold-profiled'])}, ${warmOwn} ms warm${gcShare(host['warm-profiled'])} (sessions with a CPU profile, which tells whose code each stretch was), indexing ${hostFiles ?? '?'} files; the host's longest stretches, ours or not: ${block} ms cold, ${warmBlock ?? '?'} ms warm${others}`
      : `${block} ms longest cold, ${warmBlock ?? '?'} ms warm, indexing ${hostFiles ?? '?'} files (not told whose code: the sessions with a CPU profile did not run; MINUTES_HOST_PROFILE=0 turns them off)`
    : '–';
  rows.push(`| Indexing never blocks the extension host > 50 ms (cold, warm) | ${blockText}${worstBlock > 50 ? `; short by ${(worstBlock / 50).toFixed(1)}×` : ''} | ${verdict(worstBlock === undefined ? undefined : worstBlock <= 50)} |`);
  const coldDone = host?.cold?.diagnosticsDoneMs;
  const warmDone = host?.warm?.diagnosticsDoneMs;
  rows.push(`| Problems complete: cold ≤ 3 s, warm reopen ≤ 1 s (in the extension host) | ${coldDone !== undefined ? `${fmtS(coldDone)} s cold, ${warmDone !== undefined ? `${fmtS(warmDone)} s` : '?'} warm, ${hostFiles ?? '?'} files${coldDone > 3000 || warmDone > 1000 ? `; short by ${Math.max(coldDone / 3000, (warmDone ?? 0) / 1000).toFixed(1)}×` : ''}` : '–'} | ${verdict(coldDone === undefined || warmDone === undefined ? undefined : coldDone <= 3000 && warmDone <= 1000)} |`);
  // The open file first: from the start of the first build (activation starts it) to the moment the
  // visible minutes editor's findings were handed to the Problems panel.
  const open = host?.cold?.openFilesMs;
  rows.push(`| The active file's problems ≤ 300 ms after activation, cold | ${open !== undefined ? `${open} ms from the start of the first build (${host.cold.listedMs !== undefined ? `listing the folder ${host.cold.listedMs} ms, ` : ''}the index at ${host.cold.indexMs} ms)${open > 300 ? `; short by ${(open / 300).toFixed(1)}×` : ''}` : host ? '– (no minutes editor was visible as the cold session started)' : '–'} | ${verdict(open === undefined ? undefined : open <= 300)} |`);
  return rows.join('\n');
}

/** The longest stretches over 50 ms that were not our code, by whose they were. */
function othersNote(...phases) {
  const worst = new Map();
  for (const p of phases) {
    for (const st of p?.longestStretches ?? []) {
      if (st.ms <= 50 || !st.owner || st.owner === 'ours') continue;
      worst.set(st.owner, Math.max(worst.get(st.owner) ?? 0, st.ms));
    }
  }
  if (!worst.size) return '';
  return ` (over 50 ms and not ours: ${[...worst].sort((a, b) => b[1] - a[1]).map(([who, ms]) => `${who} ${ms} ms`).join(', ')})`;
}

function scaleCheck() {
  const base = cellOf(1, TOOLS[0]).runs.find((r) => r.result)?.result.findings;
  const rows = [];
  for (const scale of SCALES) {
    const f = cellOf(scale, TOOLS[0]).runs.find((r) => r.result)?.result.findings;
    if (!f) continue;
    rows.push({ scale, f });
  }
  if (!base || rows.length < 2) return '';
  const keys = [...new Set(rows.flatMap((r) => r.f.map((d) => `${d.rule}/${d.severity}`)))].sort();
  const byScale = rows.map((r) => ({ scale: r.scale, counts: countBy(r.f, (d) => `${d.rule}/${d.severity}`) }));
  const lines = [
    '| Rule/severity | ' + byScale.map((r) => `${r.scale}×`).join(' | ') + ' | as expected (N × 1×)? |',
    '|---|' + byScale.map(() => '--:|').join('') + '---|',
  ];
  for (const k of keys) {
    const b = byScale[0].counts[k] ?? 0;
    const ok = byScale.every((r) => (r.counts[k] ?? 0) === b * r.scale);
    lines.push(`| ${k} | ${byScale.map((r) => r.counts[k] ?? 0).join(' | ')} | ${ok ? 'yes' : '**no**'} |`);
  }
  lines.push(`| total | ${byScale.map((r) => Object.values(r.counts).reduce((a, b) => a + b, 0)).join(' | ')} | |`);
  return lines.join('\n');
}

function correctness() {
  const get = (id) => {
    const tool = TOOLS.find((t) => t.id === id);
    return cellOf(1, tool).runs.find((r) => r.result)?.result;
  };
  const ours = get('ours');
  const remark = get('remark');
  const mdl = get('markdownlint');
  if (!ours && !remark && !mdl) return '';
  const key = (f) => `${f.file}:${f.line}`;
  const oursLink = ours ? ours.findings.filter((f) => f.rule === 'broken-link' || f.rule === 'empty-link') : [];
  const oursKeys = new Set(oursLink.map(key));
  const rows = [
    '| Tool | Missing file or folder | Missing heading (fragment) | Empty link `[x]()` | All its findings | Of its link findings, also reported by ours (same file:line) |',
    '|---|--:|--:|--:|--:|---|',
  ];
  if (ours) {
    const missingFile = ours.findings.filter((f) => f.rule === 'broken-link' && /does not exist|leads out of the repository/.test(f.message)).length;
    const missingHeading = ours.findings.filter((f) => f.rule === 'broken-link' && /has no heading/.test(f.message)).length;
    const otherBroken = ours.findings.filter((f) => f.rule === 'broken-link').length - missingFile - missingHeading;
    const empty = ours.findings.filter((f) => f.rule === 'empty-link').length;
    rows.push(`| ours (\`broken-link\`, \`empty-link\`) | ${missingFile} | ${missingHeading} | ${empty} | ${ours.findings.length} (${Object.keys(countBy(ours.findings, (f) => f.rule)).length} rules)${otherBroken ? `; ${otherBroken} other broken-link (lines, local files)` : ''} | – |`);
  }
  if (remark) {
    const by = remark.byRule ?? {};
    const files = (by['missing-file'] ?? 0);
    const headings = (by['missing-heading'] ?? 0) + (by['missing-heading-in-file'] ?? 0);
    const linkF = remark.findings ?? [];
    const also = linkF.filter((f) => oursKeys.has(key(f))).length;
    rows.push(`| remark-validate-links | ${files} | ${headings} | – (not checked) | ${remark.messages} | ${ours ? `${also} of ${linkF.length}` : '–'} |`);
  }
  if (mdl) {
    const linkF = mdl.findings ?? [];
    const also = linkF.filter((f) => oursKeys.has(key(f))).length;
    rows.push(`| markdownlint-cli2 (MD051, MD042) | – (not checked) | ${mdl.byRule.MD051 ?? 0} (within a file only) | ${mdl.byRule.MD042 ?? 0} | ${mdl.total} (${Object.keys(mdl.byRule).length} rules, mostly style) | ${ours ? `${also} of ${linkF.length}` : '–'} |`);
  }
  const extra = [];
  if (ours && remark) {
    const rk = new Set((remark.findings ?? []).map(key));
    const onlyOurs = oursLink.filter((f) => f.rule === 'broken-link' && !rk.has(key(f)));
    if (onlyOurs.length) extra.push(`Reported by ours but not by remark-validate-links: ${onlyOurs.slice(0, 6).map((f) => `\`${f.file}:${f.line}\` (${f.message.replace(/\|/g, '\\|').slice(0, 90)})`).join('; ')}${onlyOurs.length > 6 ? ` and ${onlyOurs.length - 6} more` : ''}.`);
    const onlyRemark = (remark.findings ?? []).filter((f) => !oursKeys.has(key(f)));
    if (onlyRemark.length) extra.push(`Reported by remark-validate-links but not by ours: ${onlyRemark.slice(0, 6).map((f) => `\`${f.file}:${f.line}\` (${f.rule})`).join('; ')}${onlyRemark.length > 6 ? ` and ${onlyRemark.length - 6} more` : ''}.`);
  }
  if (ours && mdl) {
    const onlyMdl = (mdl.findings ?? []).filter((f) => !oursKeys.has(key(f)));
    if (onlyMdl.length) extra.push(`Reported by markdownlint-cli2 (MD051/MD042) but not by ours: ${onlyMdl.slice(0, 6).map((f) => `\`${f.file}:${f.line}\` (${f.rule})`).join('; ')}.`);
  }
  return rows.join('\n') + (extra.length ? '\n\n' + extra.map((e) => `- ${e}`).join('\n') : '');
}

function coreTable(core) {
  if (!core) return 'Not run (BENCH_SCALES has no scale above 1×).';
  if (core.error) return `Failed: ${core.error}`;
  const rows = [
    `On the ${core.scale}× corpus (${core.markdownFiles} Markdown files), in one warm process: each measure repeated, median (min–max).`,
    '',
    '| Measure | Runs | Median ms | min–max ms | Files rechecked | Ratio |',
    '|---|--:|--:|--:|--:|---|',
  ];
  const k = core.keystroke;
  if (k) {
    rows.push(`| Keystroke: one character typed in \`${k.file}\` (${k.bytes} B, ${k.links} links) → \`update\` + \`checkFile\` of the affected | ${k.updateAndRecheck.runs} | ${fmtMs(k.updateAndRecheck.medianMs)} | ${fmtMs(k.updateAndRecheck.minMs)}–${fmtMs(k.updateAndRecheck.maxMs)} | ${k.recheckedFiles} | ${ratio(k.updateAndRecheck.medianMs, k.parseAlone.medianMs)} × parsing that file alone |`);
    rows.push(`| … parsing that file alone (\`parseMinutes\`) | ${k.parseAlone.runs} | ${fmtMs(k.parseAlone.medianMs)} | ${fmtMs(k.parseAlone.minMs)}–${fmtMs(k.parseAlone.maxMs)} | – | 1 |`);
  }
  const h = core.keystrokeHeading;
  if (h) {
    rows.push(`| Keystroke in a heading of \`${h.file}\` (linked from ${h.linkedFrom} file(s)): its linkers are rechecked too | ${h.updateAndRecheck.runs} | ${fmtMs(h.updateAndRecheck.medianMs)} | ${fmtMs(h.updateAndRecheck.minMs)}–${fmtMs(h.updateAndRecheck.maxMs)} | ${h.recheckedFiles} | ${ratio(h.updateAndRecheck.medianMs, h.parseAlone.medianMs)} × parsing that file (${fmtMs(h.parseAlone.medianMs)} ms) |`);
  }
  const r = core.rename;
  if (r) {
    rows.push(`| Rename \`${r.from}\` → \`${r.to.split('/').pop()}\` and back → \`rename\` + \`checkFile\` of the affected | ${r.renameAndRecheck.runs} | ${fmtMs(r.renameAndRecheck.medianMs)} | ${fmtMs(r.renameAndRecheck.minMs)}–${fmtMs(r.renameAndRecheck.maxMs)} | ${r.recheckedFiles} | ${k ? `${ratio(r.renameAndRecheck.medianMs, k.parseAlone.medianMs)} × parsing the weekly above` : ''} |`);
  }
  const c = core.checkAll;
  if (c) {
    const long = (ms) => (ms >= 60000 ? ` (${ms >= 3600000 ? `${(ms / 3600000).toFixed(1)} h` : `${(ms / 60000).toFixed(1)} min`})` : '');
    rows.push(`| Full check of the built index (\`checkFile\` over every file, as the CLI does) | 1 | ${c.exact ? fmtMs(c.ms) + long(c.ms) : `≈ ${Math.round(c.projectedMs)}${long(c.projectedMs)}, projected`} | – | ${c.exact ? c.checkedFiles : `${c.checkedFiles} of ${core.markdownFiles} (spread sample)`} | ${(c.projectedMs / core.markdownFiles).toFixed(2)} ms a file |`);
  }
  const b = core.build;
  rows.push('');
  rows.push(
    `Index build for these measures: ${secs(b.ms)} s with the memoized parser (${b.realParses} real parses, ${b.derived} models derived, ${b.cloned} cloned, ${b.fallbacks} fall-backs${verified(b.verified)}) — not a cold-index time; see the CLI table for that. ` +
      `Heap with the ${core.scale}× index${core.memory.afterGc ? ' after a full GC' : ''}: ${core.memory.heapUsedMb} MB (process RSS ${core.memory.rssMb} MB; peak ${core.process?.rssMb ? Math.round(core.process.rssMb) : '?'} MB).`,
  );
  if (c && !c.exact) rows.push('', `The full check was stopped after ${secs(c.ms)} s (BENCH_CORE_CHECK_S=${CORE_CHECK_S}) and projected from a spread sample of ${c.checkedFiles} files.`);
  return rows.join('\n');
}

function verified(list) {
  if (!list?.length) return '';
  const checked = list.reduce((a, v) => a + v.checked, 0);
  const bad = list.flatMap((v) => v.mismatches.map((m) => `copy ${v.copy}: ${m}`));
  return `; ${checked} derived models checked against real parses of copies ${list.map((v) => v.copy).join(' and ')}: ${bad.length ? `**${bad.length} mismatches** (${bad[0].replace(/\|/g, '\\|')})` : 'all equal'}`;
}

function profileTable(title, p) {
  if (!p) return '';
  if (p.error) return `${title}: failed (${p.error}).`;
  const threads = p.threads > 1 ? ` over ${p.threads} threads (the main one and ${p.threads - 1} worker${p.threads > 2 ? 's' : ''})` : '';
  const rows = [`${title} — ${secs(p.totalMs)} s of busy samples${threads}${p.idleMs ? `; ${secs(p.idleMs)} s idle (waiting) not counted` : ''}.`, '', '| Self time by module | ms | % |', '|---|--:|--:|'];
  for (const g of p.groups.slice(0, 8)) rows.push(`| ${g.name} | ${g.ms} | ${g.pct} |`);
  rows.push('', '| Top functions by self time | Module | ms | % |', '|---|---|--:|--:|');
  for (const t of p.top) rows.push(`| \`${t.fn.replace(/\|/g, '\\|')}\` | ${t.module} | ${t.ms} | ${t.pct} |`);
  return rows.join('\n');
}

/**
 * The extension host measures (bench/host-bench.mjs: five VS Code sessions, two of them with a CPU profile) when BENCH_HOST=<scale>
 * asks for them: they take minutes beyond the budget, so they are not run by default, and the
 * report then copies the last out/test/host-bench.json.
 */
async function runHostMeasures() {
  const asked = env.BENCH_HOST ?? '1';
  const scale = Number(asked);
  if (asked === '' || asked === '0') return;
  if (!Number.isInteger(scale) || scale < 1) return void notes.push(`BENCH_HOST=${asked} is not a corpus scale; the extension host was not measured.`);
  const dir = scale === 1 ? defaultSource : ensureCorpus(scale, defaultSource, log).dir;
  log(`measuring the extension host on ${scale}× (five VS Code sessions)…`);
  const r = await runHostBench({ dir, log: (line) => log(line) });
  notes.push(r.ok ? `Measured the extension host on ${scale}× in ${secs(r.ms)} s (BENCH_HOST=${scale}).` : `Measuring the extension host on ${scale}× failed: ${r.error}`);
}

function hostSection() {
  if (!existsSync(hostBenchPath)) return 'Not measured in this run (`out/test/host-bench.json` is absent; run the in-host suite to produce it).';
  let data;
  try {
    data = JSON.parse(readFileSync(hostBenchPath, 'utf8'));
  } catch (e) {
    return `\`out/test/host-bench.json\` could not be read (${e.message}).`;
  }
  const when = statSync(hostBenchPath).mtime.toISOString();
  const flat = [];
  const walk = (v, path) => {
    // The longest stretches: the first ten, with whose code each was when a profile told.
    if (path.endsWith('longestStretches') && Array.isArray(v)) {
      flat.push([path, v.slice(0, 10).map((st) => `${st.ms} ms (${st.phase}${st.owner ? `; ${st.owner === 'ours' ? 'our code' : st.owner}` : ''})`).join(', ')]);
      return;
    }
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    // A folder is shown relative to the repository: the report names no machine's paths.
    else flat.push([path, Array.isArray(v) ? JSON.stringify(v) : typeof v === 'string' && isAbsolute(v) ? relative(repoRoot, v) || '.' : String(v)]);
  };
  walk(data, '');
  return [`From \`out/test/host-bench.json\` (written ${when}):`, '', '| Measure | Value |', '|---|---|', ...flat.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`)].join('\n');
}

function machineFacts(endLoad) {
  const cpus = os.cpus();
  return [
    `- Date: ${new Date(startedAt).toISOString()}; total wall time of \`bench/run.mjs\`: ${secs(Date.now() - startedAt)} s${BUDGET_S > 0 ? ` (budget ${BUDGET_S} s)` : ' (no budget)'}`,
    `- Node.js ${process.version} on ${os.type()} ${os.release()} ${os.arch()}; ${typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length} cores (${cpus[0]?.model?.trim() ?? '?'}); ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM`,
    `- Load average at start ${startLoad.map((l) => l.toFixed(2)).join(' / ')}, at the end ${endLoad.map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min): above ~0.5 other work shared the cores, and wall times are inflated; CPU times and ratios are steadier.`,
    `- Settings: BENCH_RUNS=${RUNS} BENCH_RUNS_LARGE=${RUNS_LARGE} BENCH_SCALES=${SCALES.join(',')} BENCH_TOOLS=${tools.map((t) => t.id).join(',')} BENCH_BUDGET_S=${BUDGET_S} BENCH_TIMEOUT_S=${TIMEOUT_S} BENCH_CORE_RUNS=${CORE_RUNS} BENCH_CORE_CHECK_S=${CORE_CHECK_S}`,
    `- Measuring: ${timeBin ? '`/usr/bin/time` (wall by the runner, CPU = user + sys, peak RSS of the process)' : '`process.resourceUsage()` via `--require bench/tools/maxrss.cjs`'}; every run a fresh \`node\` process; the OS file cache is warm after the first run.`,
  ].join('\n');
}

const startLoad = os.loadavg();

/** The README's performance section shows the targets of the last run, between two markers. */
function updateReadme(table, endLoad) {
  const readme = join(repoRoot, 'README.md');
  const start = '<!-- bench:targets -->';
  const end = '<!-- /bench:targets -->';
  const text = readFileSync(readme, 'utf8');
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return void log(`README.md has no ${start} … ${end} markers; its table was not updated`);
  const load = `load average ${startLoad[0].toFixed(2)} at the start, ${endLoad[0].toFixed(2)} at the end`;
  const when = `From \`npm run bench\` of ${new Date(startedAt).toISOString().slice(0, 10)} (${os.availableParallelism?.() ?? os.cpus().length} cores, ${load}; all figures in [bench/results.md](bench/results.md)):`;
  writeFileSync(readme, `${text.slice(0, a + start.length)}\n${when}\n\n${table}\n${text.slice(b)}`);
  log('updated the targets table in README.md');
}

// ---- main ---------------------------------------------------------------------------------------
async function main() {
  mkdirSync(runsDir, { recursive: true });
  if (!existsSync(builtCli)) {
    console.error(`bench: ${relative(repoRoot, builtCli)} is missing; run \`node scripts/build.mjs\` first (npm run bench does).`);
    process.exit(2);
  }
  snapshotCli();
  if (!existsSync(defaultSource)) {
    const message = `The minutes corpus is not at ${defaultSource}; nothing to measure. (It is looked up as ../shared/corpus/scs-minutes next to the repository.)`;
    console.error(`bench: ${message}`);
    writeFileSync(resultsPath, `# Benchmark results\n\nSkipped: ${message}\n`);
    return;
  }
  log(`budget ${BUDGET_S > 0 ? `${BUDGET_S} s` : 'none'}; scales ${SCALES.join(', ')}; tools ${tools.map((t) => t.id).join(', ')}`);
  const bundle = await buildCoreBench();
  const sourceFiles = markdownFiles(defaultSource);
  const sourceMb = sourceFiles.reduce((a, f) => a + statSync(join(defaultSource, f)).size, 0) / 1e6;
  for (const scale of SCALES) {
    if (scale === 1) {
      corpusFacts.set(1, { dir: defaultSource, files: sourceFiles.length, mb: sourceMb });
      continue;
    }
    const t = Date.now();
    const r = ensureCorpus(scale, defaultSource, log);
    if (!r.generated) log(`${relative(repoRoot, r.dir)}: reused (stamp matches)`);
    else notes.push(`Generated ${relative(repoRoot, r.dir)} in ${secs(Date.now() - t)} s (reused by later runs while its stamp matches).`);
    corpusFacts.set(scale, { dir: corpusDir(scale), files: r.markdownFiles, mb: r.markdownBytes / 1e6 });
  }

  let core;
  let profile;
  const cs = coreScale();
  // The in-core measures go first: one long indivisible job, the budget must not squeeze it out.
  if (cs) {
    core = await runCore(cs, corpusFacts.get(cs).dir, bundle);
    coreDone = true;
  }
  for (const scale of SCALES) {
    await runScale(scale, corpusFacts.get(scale).dir);
    if (scale === 1 && PROFILE && tools.some((t) => t.id === 'ours')) {
      const est = estimateMs(TOOLS[0], 1) * 1.3;
      if (est < remainingMs() - reserveMs(1)) {
        log('profiling one more run of ours at 1× (--cpu-prof)…');
        profile = await profileOurs(defaultSource);
      } else notes.push('The CPU profile of our CLI was skipped: the budget had no room left.');
    }
  }

  // Ours at a scale it could not run at: say what it would have taken.
  for (const scale of SCALES) {
    const cell = cellOf(scale, TOOLS[0]);
    if (tools.includes(TOOLS[0]) && !cellStats(cell) && core && !core.error && core.scale === scale && core.checkAll) {
      const parseAt1 = cellStats(cellOf(1, TOOLS.find((t) => t.id === 'parse')));
      const parts = [`in-core full check alone ≈ ${fmtS(core.checkAll.projectedMs)} s`];
      if (parseAt1) parts.push(`parsing alone ≈ ${fmtS(parseAt1.wall * scale)} s (${scale} × the 1× parse floor)`);
      parts.push(`index heap ≈ ${core.memory.heapUsedMb} MB`);
      cell.notes.push(`at this size: ${parts.join(', ')}`);
    }
  }

  await runHostMeasures();
  const endLoad = os.loadavg();
  const md = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.mjs); see bench/README.md for what is measured and how. Ratios are `ours ÷ this`: below 1 ours is faster; the floor rows say how close ours is to just reading or just parsing the files.',
    '',
    '## Machine',
    '',
    machineFacts(endLoad),
    '',
    '## The targets',
    '',
    targetsTable(core),
    '',
    '## Cold runs: our CLI, the alternatives, the floor',
    '',
    'Each run is a fresh `node` process on the same files. Median, min and max of the wall time over the runs; CPU time (user + sys) and peak RSS per run, median.',
    '',
    cliTable(),
    '',
    ...(scaleCheck()
      ? ['### Our findings at each size', '', 'The copies are faithful, so every count should be N × the 1× count; a **no** is a rule that behaves differently in a larger repository, or an artefact of the copies (bench/README.md lists the known ones).', '', scaleCheck(), '']
      : []),
    ...(correctness() ? ['## Correctness side by side (1×)', '', 'Reported on the shared corpus by each tool (first run). A faster tool that misses things is not better.', '', correctness(), ''] : []),
    '## In-core: keystroke and rename',
    '',
    coreTable(core),
    '',
    ...(profile ? ['## Where our time goes', '', profileTable('`node --cpu-prof dist/cli.js check <1× corpus> --format json`', profile), ''] : []),
    ...(core?.checkProfile ? [profileTable(`The full check on the ${core.scale}× index (in-core, profiled with the inspector)`, core.checkProfile), ''] : []),
    '## In the extension host — measured by the in-host suite',
    '',
    'Activation time in a workspace without minutes, the longest blocking stretch of the extension host while indexing a generated corpus from cold, and reopening with the parse cache warm, are measured in a real VS Code by `node bench/host-bench.mjs <scale>` (or `BENCH_HOST=<scale> npm run bench`); see bench/README.md.',
    '',
    hostSection(),
    '',
    ...(notes.length ? ['## Notes', '', ...notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
  writeFileSync(resultsPath, md);
  if (!env.BENCH_OUT) updateReadme(targetsTable(core), endLoad);
  console.log(md);
  log(`wrote ${relative(repoRoot, resultsPath)} in ${secs(Date.now() - startedAt)} s`);
}

main().catch((error) => {
  console.error('bench:', error?.stack ?? error);
  process.exitCode = 2;
});
