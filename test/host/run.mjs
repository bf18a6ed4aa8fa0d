#!/usr/bin/env node
// In-host test launcher (`npm run test:host`): runs the bundled suite out/test/suite/index.js
// inside a real VS Code 1.100.3 (code-server + headless Chromium, all offline), serves the
// suite's UI-check requests with Playwright, prints the results and exits non-zero on failure.
//
// Environment the suite sees (set on the code-server process, so they reach the extension host):
//   MINUTES_TEST_RESULTS    file the suite's run() writes: {"passed","failed","pending","failures":[{"title","error"}]}
//   MINUTES_UI_DIR          folder for UI checks: suite writes <name>.request.json, waits for <name>.done.json
//   MINUTES_TEST_WORKSPACE  the fresh copy of test/fixtures/sample-minutes that VS Code has open
// Overrides for the launcher (mainly to test it with another extension):
//   MINUTES_EXTENSION_ROOT (repo root)  MINUTES_TESTS_PATH (<ext>/out/test/suite/index)
//   MINUTES_FIXTURE_DIR (test/fixtures/sample-minutes)  MINUTES_SCREENSHOT_DIR (docs/images)
//   MINUTES_HOST_LOG=trace|debug (VS Code server log level, logs in the run folder)
//   MINUTES_HOST_BENCH=<folder> instead of the suite, the extension host measures on that corpus
//   (test/suite/bench/hostBench.test.ts; writes out/test/host-bench.json; see bench/host-bench.mjs)
//   MINUTES_HOST_SESSIONS=node,web,web-corpus (the default: all three; see "Sessions" below)
//   MINUTES_WEB_CORPUS (../shared/corpus/scs-minutes: the minutes repository the web-corpus session copies)
//   MINUTES_HOST_TIMEOUT seconds (300; 3600 with MINUTES_HOST_BENCH)  MINUTES_UI_CHECK_TIMEOUT seconds (75; keep it below the suite's own wait)  MINUTES_KEEP_RUNS (3)
import {
  cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, appendFileSync, statSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureHost } from '../../scripts/setup-host.mjs';
import { copyWorkspace, hostTmpDir, launchBrowser, startCodeServer, waitForServer, workbenchUrl } from './codeserver.mjs';
import { attributeStretches, longestOwn } from './stretchOwners.mjs';

// Sessions: `node`, the suite out/test/suite/index.js in VS Code's Node extension host; `web`, the
// suite out/test/web/index.js in the web worker extension host (as on github.dev and vscode.dev) on
// the same fixture; `web-corpus`, the web suite's corpus tests on a copy of the minutes repository.
// The web sessions run the extension's `browser` bundle: the user setting remote.extensionKind
// ["web"] for it makes the workbench pick the web worker host for the extension under development
// (docs/web.md says why the payload key extensionDevelopmentKind is not enough in VS Code 1.100).
// The web suite has no environment: its settings are a file beside the workspace folder
// (<folder>.suite.json, absolute paths), and it writes results and UI requests through workspace.fs.

const root = fileURLToPath(new URL('../..', import.meta.url));
const env = process.env;
const extensionRoot = resolve(env.MINUTES_EXTENSION_ROOT || root);
const testsPath = resolve(env.MINUTES_TESTS_PATH || join(extensionRoot, 'out', 'test', 'suite', 'index'));
const fixtureDir = resolve(env.MINUTES_FIXTURE_DIR || join(root, 'test', 'fixtures', 'sample-minutes'));
const screenshotDir = resolve(env.MINUTES_SCREENSHOT_DIR || join(root, 'docs', 'images'));
const uiChecksDir = join(root, 'test', 'ui');
const timeoutMs = Number(env.MINUTES_HOST_TIMEOUT || (env.MINUTES_HOST_BENCH ? 3600 : 300)) * 1000;
const uiCheckTimeoutMs = Number(env.MINUTES_UI_CHECK_TIMEOUT || 75) * 1000;
const keepRuns = Number(env.MINUTES_KEEP_RUNS || 3);
const countsFile = join(extensionRoot, 'out', 'test', 'host-results.json');
const sessions = new Set((env.MINUTES_HOST_SESSIONS || 'node,web,web-corpus').split(',').map((x) => x.trim()).filter(Boolean));
const webTestsPath = join(extensionRoot, 'out', 'test', 'web', 'index');
const webCorpus = resolve(env.MINUTES_WEB_CORPUS || join(root, '..', 'shared', 'corpus', 'scs-minutes'));
const webScreenshotDir = join(screenshotDir, 'web');

const t0 = Date.now();
const secs = (from = t0) => `${((Date.now() - from) / 1000).toFixed(1)} s`;
// Paths inside the repo are shown relative to it, others absolute.
const rel = (p) => { const r = relative(root, p); return r.startsWith('..') ? p : r || '.'; };
const log = (msg) => console.log(`host: ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Browser console noise that is expected offline and says nothing about our code.
const NOISE = [
  /ENOTFOUND|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED/, // extension gallery, marketplace lookups
  /\/vsda\//, // Microsoft's signing module, not shipped by code-server
  /same-origin iframe|allow-scripts and allow-same-origin/,
];

function writeJsonAtomic(file, value) {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

function readJsonMaybe(file) {
  try { return JSON.parse(readFileSync(file, 'utf8')); } catch { return undefined; }
}

// One folder per run under .test-host/runs/; older ones pruned so the disk does not fill.
function newRunDir(hostDir) {
  const runsDir = join(hostDir, 'runs');
  mkdirSync(runsDir, { recursive: true });
  const old = readdirSync(runsDir).sort();
  for (const name of old.slice(0, Math.max(0, old.length - (keepRuns - 1)))) rmSync(join(runsDir, name), { recursive: true, force: true });
  const dir = join(runsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs test/ui/<name>.mjs for one request; returns {ok, error?}. Never throws. */
async function runUiCheck(page, name, request, { runDir, workspace, screenshotDir }) {
  const file = join(uiChecksDir, `${name}.mjs`);
  if (!existsSync(file)) return { ok: false, error: `no UI check ${rel(file)}` };
  const started = Date.now();
  const checkLog = (msg) => log(`ui ${name}: ${msg}`);
  let timer;
  try {
    const mod = await import(pathToFileURL(file).href);
    if (typeof mod.default !== 'function') throw new Error(`${rel(file)} has no default export function`);
    mkdirSync(screenshotDir, { recursive: true });
    const context = { screenshotDir, log: checkLog, workspace, runDir };
    await Promise.race([
      mod.default(page, request, context),
      new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`timed out after ${uiCheckTimeoutMs / 1000} s`)), uiCheckTimeoutMs); }),
    ]);
    checkLog(`ok (${secs(started)})`);
    return { ok: true };
  } catch (err) {
    const error = err?.message || String(err);
    // A picture of the failing state helps more than any message.
    const shot = join(runDir, `${name}-failure.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    checkLog(`FAILED (${secs(started)}): ${error.split('\n')[0]} (screenshot: ${rel(shot)})`);
    return { ok: false, error };
  } finally {
    clearTimeout(timer);
  }
}

/** Claims and reads every pending <name>.request.json in uiDir. */
async function takeRequests(uiDir) {
  const out = [];
  for (const f of readdirSync(uiDir)) {
    const m = /^(.+)\.request\.json$/.exec(f);
    if (!m) continue;
    const taken = join(uiDir, `${m[1]}.request.taken.json`);
    renameSync(join(uiDir, f), taken); // claim it: the suite may write the same name again later
    let request;
    for (let i = 0; i < 5 && request === undefined; i++) { // tolerate a request caught mid-write
      request = readJsonMaybe(taken);
      if (request === undefined) await sleep(200);
    }
    out.push({ name: m[1], request });
  }
  return out;
}

/**
 * One VS Code session: code-server on `workspace` (its user data in `stateDir`), the browser on the
 * workbench, UI-check requests served until the suite writes its results. Returns the suite's results.
 */
async function session({ host, runDir, workspace, stateDir, env: extraEnv = {}, ui, label = '', port, web = false, suiteSettings = {}, openFile }) {
  const tmpDir = hostTmpDir(host.hostDir);
  const uiDir = join(runDir, `ui${label}`);
  mkdirSync(uiDir, { recursive: true });
  const resultsFile = join(runDir, `results${label}.json`);
  const extensionId = (() => {
    const pkg = JSON.parse(readFileSync(join(extensionRoot, 'package.json'), 'utf8'));
    return `${pkg.publisher}.${pkg.name}`;
  })();
  if (web) {
    // The web worker host reads no environment: the suite's settings go in a file beside the workspace.
    writeJsonAtomic(`${workspace}.suite.json`, { MINUTES_TEST_RESULTS: resultsFile, MINUTES_UI_DIR: uiDir, MINUTES_TEST_WORKSPACE: workspace, ...suiteSettings });
  }
  let server;
  let browser;
  try {
    let ehostExit = null;
    const consoleLog = join(runDir, `browser-console${label}.log`);
    server = await startCodeServer({
      codeServerEntry: host.codeServerEntry,
      folder: workspace,
      stateDir,
      tmpDir,
      port,
      env: { MINUTES_TEST_RESULTS: resultsFile, MINUTES_UI_DIR: uiDir, MINUTES_TEST_WORKSPACE: workspace, ...extraEnv },
      settings: web ? { 'remote.extensionKind': { [extensionId]: ['web'] } } : {},
      extraArgs: env.MINUTES_HOST_LOG ? ['--log', env.MINUTES_HOST_LOG] : [],
      onLine: (line) => {
        // The server's only sign that the tests index died on load: the extension host just exits.
        const m = /Extension Host Process exited with code: (\S+), signal: (\S+)/.exec(line)
          || /extension host.*(terminated unexpectedly|crashed)/i.exec(line);
        if (m && !ehostExit) ehostExit = { at: Date.now(), line: line.trim() };
      },
    });
    const t1 = Date.now();
    [, browser] = await Promise.all([waitForServer(server), launchBrowser(host)]);
    log(`code-server ${server.baseUrl} (pid ${server.pid}) and browser ready in ${secs(t1)}`);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let suppressed = 0;
    const shown = new Set();
    let pageCrashed = false;
    page.on('console', (msg) => {
      const text = msg.text();
      appendFileSync(consoleLog, `[${msg.type()}] ${text}\n`);
      if (msg.type() !== 'error') return;
      const where = msg.location()?.url || '';
      if (NOISE.some((re) => re.test(text) || re.test(where))) { suppressed++; return; }
      // VS Code logs each error twice (styled and plain): strip the styling, show each once, 8 lines max.
      const clean = text.replace(/%c/g, '').replace(/color: #[0-9a-f]+;?/gi, '').replace(/^\s*ERR\s+/, '').trim();
      const key = clean.split('\n')[0];
      if (shown.has(key)) return;
      shown.add(key);
      log(`[browser console] ${clean.split('\n').slice(0, 8).join('\n')}`);
    });
    page.on('pageerror', (err) => log(`[browser page error] ${err.message}`));
    page.on('crash', () => { pageCrashed = true; });

    const url = workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath: extensionRoot, extensionTestsPath: web ? webTestsPath : testsPath, openFile });
    await page.goto(url, { timeout: 60_000 });
    log('workbench loading; waiting for the suite (extension host) ...');

    const deadline = Date.now() + timeoutMs;
    let suite;
    for (;;) {
      for (const { name, request } of await takeRequests(uiDir)) {
        if (!/^[A-Za-z0-9][\w.-]*$/.test(name)) { writeJsonAtomic(join(uiDir, `${name}.done.json`), { ok: false, error: 'bad check name' }); continue; }
        log(`ui ${name}: requested ${JSON.stringify(request)?.slice(0, 300)}`);
        const res = request === undefined ? { ok: false, error: `unreadable ${name}.request.json` } : await runUiCheck(page, name, request, { runDir, workspace, screenshotDir: web ? webScreenshotDir : screenshotDir });
        ui.push({ name: `${name}${label}`, ...res });
        writeJsonAtomic(join(uiDir, `${name}.done.json`), res);
      }
      suite = existsSync(resultsFile) ? readJsonMaybe(resultsFile) : undefined;
      if (suite) break;
      if (ehostExit && Date.now() - ehostExit.at > 3000) {
        throw new Error(`the extension host exited without writing results (did the tests index fail to load? see [browser console] above and ${rel(consoleLog)}):\n  ${ehostExit.line}`);
      }
      if (server.exited) throw new Error(`code-server exited (${JSON.stringify(server.exited)}) before the suite finished; see ${rel(server.logFile)}`);
      if (pageCrashed) throw new Error('the browser page crashed');
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${rel(resultsFile)}; see ${rel(server.logFile)}`);
      await sleep(200);
    }
    if (suppressed) log(`(${suppressed} expected offline console errors not shown; all in ${rel(consoleLog)})`);
    return { ...suite, port: server.port };
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
  }
}

async function prepare() {
  if (!existsSync(join(extensionRoot, 'package.json'))) throw new Error(`no extension at ${extensionRoot} (package.json missing)`);
  if (!existsSync(`${testsPath}.js`) && !existsSync(testsPath)) {
    throw new Error(`no test suite at ${rel(testsPath)}.js: build it first (node scripts/build.mjs; npm run test:host does that)`);
  }
  const main = JSON.parse(readFileSync(join(extensionRoot, 'package.json'), 'utf8')).main;
  if (main && !existsSync(join(extensionRoot, main)) && !existsSync(join(extensionRoot, `${main}.js`))) {
    log(`WARNING: the extension's main ${main} does not exist; the extension will not activate`);
  }
  const host = await ensureHost();
  // Playwright's profile dirs and what the server and extension host put in os.tmpdir() stay under .test-host/.
  process.env.TMPDIR = hostTmpDir(host.hostDir);
  const runDir = newRunDir(host.hostDir);
  log(`run folder ${rel(runDir)}`);
  return { host, runDir };
}

async function main() {
  if (env.MINUTES_HOST_BENCH) return bench(resolve(env.MINUTES_HOST_BENCH));
  const result = { suites: [], ui: [], hostErrors: [], notes: [] };
  let prepared;
  try {
    prepared = await prepare();
  } catch (err) {
    result.hostErrors.push(err?.message || String(err));
    return report(result);
  }
  const { host, runDir } = prepared;
  const run = async (name, options) => {
    const started = Date.now();
    log(`session ${name} ...`);
    try {
      const suite = await session({ host, runDir, ui: result.ui, ...options });
      result.suites.push({ name, ...suite });
      log(`session ${name}: ${suite.passed} passed, ${suite.failed} failed, ${suite.pending ?? 0} pending (${secs(started)})`);
      // An empty run (no *.test.js bundled, all filtered out) must not pass silently.
      if (!suite.passed && !suite.failed && !suite.pending) result.hostErrors.push(`${name}: the suite ran no tests`);
    } catch (err) {
      result.hostErrors.push(`${name}: ${err?.message || String(err)}`);
    }
  };
  if (sessions.has('node')) {
    const workspace = join(runDir, 'workspace');
    if (!copyWorkspace(fixtureDir, workspace)) log(`note: ${rel(fixtureDir)} does not exist; using an empty workspace`);
    await run('node', { workspace, stateDir: join(runDir, 'server') });
  }
  if (sessions.has('web')) {
    const workspace = join(runDir, 'workspace-web');
    copyWorkspace(fixtureDir, workspace);
    await run('web', { workspace, stateDir: join(runDir, 'server-web'), label: '-web', web: true, suiteSettings: { MINUTES_WEB_SESSION: 'fixture' } });
  }
  if (sessions.has('web-corpus')) {
    if (existsSync(join(webCorpus, 'community-call'))) {
      // A copy: the tests type into files and the extension writes nothing there, but the corpus stays untouched either way.
      const workspace = join(runDir, 'corpus');
      cpSync(webCorpus, workspace, { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('.git') });
      await run('web-corpus', { workspace, stateDir: join(runDir, 'server-web-corpus'), label: '-web-corpus', web: true, suiteSettings: { MINUTES_WEB_SESSION: 'corpus' } });
    } else {
      result.notes.push(`web-corpus skipped: no minutes corpus at ${rel(webCorpus)} (set MINUTES_WEB_CORPUS to a copy of the minutes repository)`);
    }
  }
  return report(result);
}

/**
 * The extension host measures (MINUTES_HOST_BENCH=<corpus folder>): sessions of the suite
 * test/suite/bench/hostBench.test.ts: activation in a workspace without minutes, the corpus from
 * cold (empty workspace storage), the corpus reopened (the storage of the cold session), and with
 * MINUTES_HOST_PROFILE=1 the last two again with a CPU profile. The corpus is opened where it is and
 * not changed. Writes out/test/host-bench.json.
 */
async function bench(corpus) {
  if (!existsSync(corpus)) {
    console.error(`host: the corpus ${corpus} does not exist`);
    return 2;
  }
  const benchFile = join(extensionRoot, 'out', 'test', 'host-bench.json');
  const { host, runDir } = await prepare();
  const empty = join(runDir, 'no-minutes');
  mkdirSync(join(empty, 'docs'), { recursive: true });
  writeFileSync(join(empty, 'README.md'), '# A project\n\nNo minutes here.\n');
  writeFileSync(join(empty, 'docs', 'guide.md'), '# Guide\n\nSee the [README](../README.md).\n');
  const phases = [
    { name: 'activation', workspace: empty, stateDir: join(runDir, 'server-empty') },
    { name: 'cold', workspace: corpus, stateDir: join(runDir, 'server-corpus') },
    { name: 'warm', workspace: corpus, stateDir: join(runDir, 'server-corpus') },
  ];
  // MINUTES_HOST_PROFILE=1: the corpus sessions again with a CPU profile of the extension host, which
  // says whose code each blocking stretch was. Sessions of their own: profiling slows the host (and
  // starting it blocks the host a while), so the timings above come from sessions without it.
  if (process.env.MINUTES_HOST_PROFILE === '1') {
    phases.push(
      { name: 'cold-profiled', workspace: corpus, stateDir: join(runDir, 'server-profiled'), profile: true },
      { name: 'warm-profiled', workspace: corpus, stateDir: join(runDir, 'server-profiled'), profile: true },
    );
  }
  // The corpus sessions start with a minutes file open, as a person reopening their window does:
  // its problems are the first the extension publishes (the open file first).
  const openFile = newestMinutes(corpus);
  const results = {};
  const ui = [];
  // The window's workspace storage is keyed by the server's address too: the reopen uses the same port.
  let port;
  for (const p of phases) {
    const started = Date.now();
    log(`bench ${p.name}: ${rel(p.workspace)}`);
    const outFile = join(runDir, `bench-${p.name}.json`);
    const suite = await session({
      host, runDir, workspace: p.workspace, stateDir: p.stateDir, ui, label: `-${p.name}`, port: p.name.startsWith('warm') ? port : undefined,
      openFile: p.name === 'activation' ? undefined : openFile,
      env: { MINUTES_SUITE_FILES: 'bench/hostBench.test.js', MINUTES_HOST_BENCH_PHASE: p.name.replace('-profiled', ''), MINUTES_HOST_BENCH_OUT: outFile, MINUTES_LAG_MONITOR: '1',
        ...(p.profile ? { MINUTES_CPU_PROFILE: join(runDir, `profile-${p.name}.cpuprofile`) } : {}) },
    });
    if (suite.failed || !suite.passed) throw new Error(`bench ${p.name} failed: ${JSON.stringify(suite.failures)}`);
    port = suite.port;
    results[p.name] = readJsonMaybe(outFile);
    const profile = join(runDir, `profile-${p.name}.cpuprofile`);
    if (results[p.name]?.longestStretches && existsSync(profile)) {
      // Whose code each stretch was: the profile's samples inside it.
      const stretches = attributeStretches(profile, results[p.name].longestStretches, [join(extensionRoot, 'dist', 'extension.js')]);
      results[p.name].longestStretches = stretches;
      results[p.name].profiled = true;
      results[p.name].longestOwnBlockingMs = longestOwn(stretches);
    }
    log(`bench ${p.name}: done in ${secs(started)}: ${JSON.stringify(results[p.name]).slice(0, 400)}`);
  }
  const corpusFacts = markdownFacts(corpus);
  const data = {
    measuredAt: new Date().toISOString(),
    vscode: JSON.parse(readFileSync(join(host.codeServerEntry, '..', '..', '..', 'lib', 'vscode', 'package.json'), 'utf8')).version,
    corpus: { folder: rel(corpus), markdownFiles: corpusFacts.files, megabytes: Math.round(corpusFacts.bytes / 1e5) / 10 },
    ...results,
  };
  mkdirSync(join(benchFile, '..'), { recursive: true });
  writeJsonAtomic(benchFile, data);
  log(`wrote ${rel(benchFile)}`);
  return 0;
}

/** The newest dated minutes (`YYYYMMDD….md`) of the corpus's largest team folder, to open at start-up. */
function newestMinutes(corpus) {
  let best;
  for (const e of readdirSync(corpus, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const dated = readdirSync(join(corpus, e.name)).filter((n) => /^\d{8}.*\.md$/.test(n)).sort();
    if (dated.length && (!best || dated.length > best.count)) best = { count: dated.length, file: join(corpus, e.name, dated.at(-1)) };
  }
  return best?.file;
}

function markdownFacts(dir) {
  let files = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) { if (e.name !== '.git' && e.name !== 'node_modules') walk(join(d, e.name)); }
      else if (e.isFile() && e.name.toLowerCase().endsWith('.md')) { files++; bytes += statSync(join(d, e.name)).size; }
    }
  };
  walk(dir);
  return { files, bytes };
}

function report({ suites, ui, hostErrors, notes }) {
  let passed = 0;
  let failed = 0;
  for (const s of suites) {
    passed += s.passed || 0;
    failed += s.failed || 0;
    for (const f of s.failures || []) {
      console.log(`\n  FAIL [${s.name}] ${f.title}\n${String(f.error).split('\n').map((l) => `    ${l}`).join('\n')}`);
    }
  }
  for (const u of ui.filter((x) => !x.ok)) console.log(`\n  FAIL ui check ${u.name}\n    ${String(u.error).split('\n').join('\n    ')}`);
  for (const e of hostErrors) console.log(`\n  HOST ERROR ${e}`);
  for (const n of notes) log(`note: ${n}`);
  passed += ui.filter((u) => u.ok).length;
  failed += ui.filter((u) => !u.ok).length + hostErrors.length;
  for (const s of suites) log(`suite ${s.name}: ${s.passed} passed, ${s.failed} failed, ${s.pending ?? 0} pending`);
  try {
    mkdirSync(join(countsFile, '..'), { recursive: true });
    writeJsonAtomic(countsFile, { passed, failed, sessions: suites.map((s) => ({ name: s.name, passed: s.passed, failed: s.failed, pending: s.pending ?? 0 })), ui: ui.length, notes });
  } catch (err) { log(`cannot write ${countsFile}: ${err.message}`); }
  console.log(`\nhost: done in ${secs()}`);
  console.log(`host: ${passed} passed, ${failed} failed`);
  return failed || !suites.length ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (err) => { console.error(err); process.exitCode = 1; });
