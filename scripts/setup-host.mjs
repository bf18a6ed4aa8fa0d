#!/usr/bin/env node
// Installs the offline test host: a real VS Code 1.100.3 (code-server) and a headless
// Chromium, both from npm, into test/host/runtime/node_modules and .test-host/.
// Idempotent: a stamp in .test-host/setup.json makes a finished setup a fast no-op.
// Recipe: shared docs "real-vscode-offline.md". Usage: node scripts/setup-host.mjs [--force]
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync, mkdirSync, readFileSync, writeFileSync, renameSync, rmSync, readdirSync,
  statSync, symlinkSync, realpathSync, lstatSync, readlinkSync, openSync, closeSync, createWriteStream,
} from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Bump when the steps below change so existing machines redo the setup.
const SETUP_VERSION = 1;

export const root = fileURLToPath(new URL('..', import.meta.url));
export const hostDir = join(root, '.test-host');
export const runtimeDir = join(root, 'test', 'host', 'runtime');
const nodeModules = join(runtimeDir, 'node_modules');
const codeServerDir = join(nodeModules, 'code-server');
const vscodeDir = join(codeServerDir, 'lib', 'vscode');
const chromiumPkgDir = join(nodeModules, '@sparticuz', 'chromium');
const markerFile = join(hostDir, 'setup.json');
const logDir = join(hostDir, 'logs');

// The Chromium version is pinned in the runtime package.json; versioned unpack dir so a
// stale unpack of another version is never reused (the package reuses whatever it finds).
const runtimePkg = JSON.parse(readFileSync(join(runtimeDir, 'package.json'), 'utf8'));
const chromiumVersion = runtimePkg.dependencies['@sparticuz/chromium'];
const chromeDir = join(hostDir, `chromium-${chromiumVersion}`);

export const paths = {
  codeServerEntry: join(codeServerDir, 'out', 'node', 'entry.js'),
  chromiumPath: join(chromeDir, 'chromium'),
  fontconfigFile: join(hostDir, 'fonts', 'fonts.conf'),
  playwrightCore: join(nodeModules, 'playwright-core'),
};

// Native modules code-server needs, with the package folder their .node file is built in.
const nativeModules = [
  { file: 'pty.node', dir: join(vscodeDir, 'node_modules', 'node-pty') },
  { file: 'spdlog.node', dir: join(vscodeDir, 'node_modules', '@vscode', 'spdlog') },
  { file: 'watchdog.node', dir: join(vscodeDir, 'node_modules', 'native-watchdog') },
  { file: 'argon2.node', dir: join(nodeModules, 'argon2') },
];

const log = (msg) => console.log(`setup-host: ${msg}`);

class StepError extends Error {}

// The stamp changes when the runtime lockfile, this script's steps or Node's ABI change.
function currentStamp() {
  const h = createHash('sha256');
  h.update(String(SETUP_VERSION));
  h.update(readFileSync(join(runtimeDir, 'package-lock.json')));
  h.update(`${process.versions.modules}/${process.platform}/${process.arch}`);
  return h.digest('hex').slice(0, 16);
}

function readMarker() {
  try { return JSON.parse(readFileSync(markerFile, 'utf8')); } catch { return null; }
}

function writeJsonAtomic(file, value) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

// Finds a file by name under dir (bounded depth, skipping nested node_modules).
function findFile(dir, name, depth = 5) {
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return null; }
  for (const e of entries) {
    if (e.isFile() && e.name === name) return join(dir, e.name);
  }
  if (depth === 0) return null;
  for (const e of entries) {
    if (e.isDirectory() && e.name !== 'node_modules') {
      const hit = findFile(join(dir, e.name), name, depth - 1);
      if (hit) return hit;
    }
  }
  return null;
}

function which(cmd) {
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    const p = join(dir, cmd);
    try { if (statSync(p).isFile()) return p; } catch { /* not here */ }
  }
  return null;
}

// Environment for child npm runs: drop the npm_* variables a parent `npm run` exported
// (local_prefix, ignore_scripts, user_agent...) so they cannot redirect or neuter the install.
function npmEnv(extra = {}) {
  const keep = /^npm_config_(registry|cache|cafile|ca|nodedir|proxy|https_proxy|noproxy|strict_ssl|userconfig|globalconfig|node_gyp)$/i;
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) && !keep.test(k)) continue;
    env[k] = v;
  }
  // node-gyp must use the local Node headers (no download possible); Debian's node has them in /usr/include/node.
  const prefix = dirname(dirname(process.execPath));
  if (!env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = prefix;
  return { ...env, ...extra };
}

// Runs a command with its output in a log file; on failure throws with the log's tail.
function run(cmd, args, { cwd, env = process.env, logName }) {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `setup-${logName}.log`);
  const out = createWriteStream(logFile, { flags: 'a' });
  out.write(`\n$ (cd ${cwd} && ${cmd} ${args.join(' ')})\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', (err) => { out.end(); reject(new StepError(`cannot run ${cmd}: ${err.message}`)); });
    child.on('close', (code) => {
      out.end(() => {
        if (code === 0) return resolve();
        // npm puts the cause first and its usage text after: show its first error lines, else the tail.
        const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n');
        const npmErrors = lines.filter((l) => l.startsWith('npm error') && l.trim() !== 'npm error');
        const tail = (npmErrors.length ? npmErrors.slice(0, 12) : lines.slice(-25)).join('\n');
        reject(new StepError(`\`${cmd} ${args.join(' ')}\` exited with ${code} (log: ${relative(root, logFile)})\n${tail}`));
      });
    });
  });
}

// ---- steps -------------------------------------------------------------------------

// VS Code's search and workspace.findFiles spawn rg; @vscode/ripgrep's own download cannot work offline.
async function ensureRipgrep() {
  if (which('rg')) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && which('apt-get')) {
    log('ripgrep: apt-get install -y ripgrep');
    const t0 = Date.now();
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const args = ['install', '-y', '--no-install-recommends', 'ripgrep'];
    try {
      await run('apt-get', args, { cwd: root, env, logName: 'apt' });
    } catch {
      // A fresh machine has no package lists yet: update once, then retry.
      try {
        await run('apt-get', ['update'], { cwd: root, env, logName: 'apt' });
        await run('apt-get', args, { cwd: root, env, logName: 'apt' });
      } catch (err) {
        log(`ripgrep: apt-get failed (${err.message.split('\n')[0]})`);
      }
    }
    if (which('rg')) { log(`ripgrep: installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`); return true; }
  }
  log('NOTE: ripgrep (rg) is missing and could not be installed (needs root + apt-get). VS Code search and Quick Open '
    + 'will not find files in the test host; the Minutes Workbench extension does not need them. Fix: apt-get install ripgrep');
  return false;
}

// Points VS Code's bundled ripgrep path at the system rg (cheap; also redone on the fast path).
function linkRipgrep() {
  const rg = which('rg');
  const binDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  if (!rg || !existsSync(dirname(binDir))) return false;
  const link = join(binDir, 'rg');
  try { if (readlinkSync(link) === rg) return true; } catch { /* missing or not a link */ }
  mkdirSync(binDir, { recursive: true });
  rmSync(link, { force: true });
  symlinkSync(rg, link);
  return true;
}

function symlinkForce(target, link) {
  try { lstatSync(link); rmSync(link, { recursive: true, force: true }); } catch { /* absent */ }
  symlinkSync(target, link);
}

async function stepRuntimeInstall() {
  // --ignore-scripts: code-server's postinstall downloads ripgrep and fails as root; we do its job below.
  await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: runtimeDir, env: npmEnv(), logName: 'npm' });
  if (!existsSync(paths.codeServerEntry)) throw new StepError(`npm ci finished but ${paths.codeServerEntry} is missing`);
}

async function stepVscodeDeps() {
  // VS Code's own runtime dependencies (code-server ships only their shrinkwrap). Not `npm ci`:
  // that shrinkwrap is slightly out of sync with its package.json (tslib), which ci refuses.
  await run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: vscodeDir, env: npmEnv(), logName: 'npm' });
  // Code and extensions look for files under node_modules.asar (what code-server's postinstall links).
  symlinkForce('node_modules', join(vscodeDir, 'node_modules.asar'));
  for (const [dir, src, dest] of [['bin/remote-cli', 'code-linux.sh', 'code-server'], ['bin/helpers', 'browser-linux.sh', 'browser.sh']]) {
    if (existsSync(join(vscodeDir, dir, src))) symlinkForce(src, join(vscodeDir, dir, dest));
  }
}

async function stepNative() {
  // --ignore-scripts=false: an inherited ignore-scripts makes `npm rebuild` build nothing yet report success.
  // npm_config_yes: node-pty's install runs `npx node-gyp`, which must not prompt. JOBS: use both cores.
  const env = npmEnv({ npm_config_yes: 'true', JOBS: 'max' });
  await Promise.all([
    run('npm', ['rebuild', '--ignore-scripts=false', 'node-pty', '@vscode/spdlog', 'native-watchdog'], { cwd: vscodeDir, env, logName: 'native-vscode' }),
    // code-server loads argon2 at start (password hashing); its prebuilt download fails, so it builds.
    run('npm', ['rebuild', '--ignore-scripts=false', 'argon2'], { cwd: runtimeDir, env, logName: 'native-argon2' }),
  ]);
  const missing = nativeModules.filter((m) => !findFile(m.dir, m.file)).map((m) => `${m.file} (in ${relative(root, m.dir)})`);
  if (missing.length) throw new StepError(`native build reported success but these are missing: ${missing.join(', ')} (see .test-host/logs/setup-native-*.log)`);
}

// Lists shared libraries the binary cannot find (ldd prints "not found").
async function missingLibs(binary, env) {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile('ldd', [binary], { env }, (err, stdout) => {
      if (err && !stdout) return resolve([]); // no ldd: assume fine, the browser launch will tell
      resolve(stdout.split('\n').filter((l) => l.includes('not found')).map((l) => l.trim().split(' ')[0]));
    });
  });
}

async function stepChromium() {
  mkdirSync(chromeDir, { recursive: true });
  // The package unpacks into os.tmpdir(): point it at our versioned folder while it runs.
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = chromeDir;
  let ldLibraryPath = null;
  try {
    const { default: Chromium } = await import(pathToFileURL(join(chromiumPkgDir, 'build', 'esm', 'index.js')).href);
    const exe = await Chromium.executablePath();
    if (exe !== paths.chromiumPath) throw new StepError(`chromium unpacked to ${exe}, expected ${paths.chromiumPath}`);
    let missing = await missingLibs(exe, process.env);
    if (missing.length || process.env.MINUTES_HOST_FORCE_AL2023 === '1') {
      // Bare images lack libnss3/libnspr4/libexpat: the package carries them (Amazon Linux build).
      log(`chromium: system lacks ${missing.join(', ') || '(forced)'}; using the package's bundled libraries`);
      const { inflate } = await import(pathToFileURL(join(chromiumPkgDir, 'build', 'esm', 'lambdafs.js')).href);
      const out = await inflate(join(chromiumPkgDir, 'bin', 'al2023.tar.br'));
      ldLibraryPath = join(out, 'lib');
      missing = await missingLibs(exe, { ...process.env, LD_LIBRARY_PATH: ldLibraryPath });
      if (missing.length) throw new StepError(`chromium still misses libraries: ${missing.join(', ')}`);
    }
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = savedTmp;
  }
  if (!existsSync(join(chromeDir, 'fonts'))) throw new StepError(`chromium's bundled fonts were not unpacked to ${join(chromeDir, 'fonts')}`);
  return { ldLibraryPath };
}

function stepFonts() {
  // Without fonts every glyph is invisible in screenshots; without a monospace font the editor is garbled.
  // Our config: system fonts if any, the package's Open Sans, DejaVu from npm, explicit generic aliases.
  const dejavu = join(nodeModules, 'dejavu-fonts-ttf', 'ttf');
  if (!existsSync(join(dejavu, 'DejaVuSansMono.ttf'))) throw new StepError(`${dejavu}/DejaVuSansMono.ttf missing`);
  const alias = (generic, ...families) =>
    `  <alias><family>${generic}</family><prefer>${families.map((f) => `<family>${f}</family>`).join('')}</prefer></alias>`;
  const xml = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<!-- Generated by scripts/setup-host.mjs for the test host\'s Chromium. -->',
    '<fontconfig>',
    `  <cachedir>${join(hostDir, 'fonts', 'cache')}</cachedir>`,
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `  <dir>${join(chromeDir, 'fonts')}</dir>`,
    `  <dir>${dejavu}</dir>`,
    alias('monospace', 'DejaVu Sans Mono'),
    alias('sans-serif', 'Open Sans', 'DejaVu Sans'),
    alias('system-ui', 'Open Sans', 'DejaVu Sans'),
    alias('serif', 'DejaVu Serif', 'DejaVu Sans'),
    '</fontconfig>',
    '',
  ].join('\n');
  mkdirSync(dirname(paths.fontconfigFile), { recursive: true });
  writeFileSync(paths.fontconfigFile, xml);
}

const nativeOk = () => nativeModules.every((m) => findFile(m.dir, m.file));

// Each step with the check that its result is still on disk (a recorded step is skipped only if it is).
const steps = [
  { id: 'runtime', title: 'npm ci --ignore-scripts in test/host/runtime (code-server, playwright-core, chromium, fonts)', fn: stepRuntimeInstall,
    ok: () => existsSync(paths.codeServerEntry) && existsSync(join(paths.playwrightCore, 'package.json')) },
  { id: 'vscodeDeps', title: "VS Code's runtime dependencies (npm install --omit=dev in code-server/lib/vscode)", fn: stepVscodeDeps,
    ok: () => existsSync(join(vscodeDir, 'node_modules', 'node-pty', 'package.json')) },
  { id: 'native', title: 'native modules (node-pty, spdlog, native-watchdog, argon2; about 1-2 min)', fn: stepNative, ok: nativeOk },
  { id: 'chromium', title: `unpack Chromium ${chromiumVersion} into .test-host/`, fn: stepChromium, ok: () => existsSync(paths.chromiumPath) },
  { id: 'fonts', title: 'fontconfig file', fn: stepFonts, ok: () => existsSync(paths.fontconfigFile) },
];

// Everything a finished setup must have on disk (checked on every fast-path call too).
function installedOk() {
  return steps.every((s) => s.ok());
}

// Serializes concurrent setups (two launchers started together) with an exclusive lock file.
async function withLock(fn) {
  mkdirSync(hostDir, { recursive: true });
  const lock = join(hostDir, 'setup.lock');
  const deadline = Date.now() + 15 * 60 * 1000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      writeFileSync(lock, String(process.pid));
      break;
    } catch {
      let holder = NaN;
      try { holder = Number(readFileSync(lock, 'utf8')); } catch { /* vanished */ }
      let alive = false;
      try { if (holder) { process.kill(holder, 0); alive = true; } } catch { /* dead */ }
      if (!alive && holder) { rmSync(lock, { force: true }); continue; }
      if (Date.now() > deadline) throw new StepError(`another setup holds ${lock} for too long`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try { return await fn(); } finally { rmSync(lock, { force: true }); }
}

function result(marker) {
  const env = { FONTCONFIG_FILE: paths.fontconfigFile };
  if (marker.ldLibraryPath) {
    env.LD_LIBRARY_PATH = [marker.ldLibraryPath, process.env.LD_LIBRARY_PATH].filter(Boolean).join(delimiter);
  }
  return {
    codeServerEntry: paths.codeServerEntry,
    chromiumPath: paths.chromiumPath,
    playwrightCore: paths.playwrightCore,
    hostDir,
    rg: which('rg'),
    env, // for the browser process
  };
}

/**
 * Makes sure the host is installed (installing what is missing) and returns its paths.
 * @returns {Promise<{codeServerEntry: string, chromiumPath: string, playwrightCore: string, hostDir: string, rg: string|null, env: Record<string,string>}>}
 */
export async function ensureHost({ force = false, quiet = false } = {}) {
  const stamp = currentStamp();
  const fast = readMarker();
  if (!force && fast?.stamp === stamp && fast.complete && installedOk()) {
    linkRipgrep();
    return result(fast);
  }
  return withLock(async () => {
    let marker = readMarker();
    if (force || marker?.stamp !== stamp) marker = { stamp, done: {} };
    if (marker.complete && installedOk() && !force) return result(marker);
    marker.complete = false;
    const t0 = Date.now();
    log(`installing the offline VS Code test host (code-server ${runtimePkg.dependencies['code-server']}, Chromium ${chromiumVersion}) into .test-host/ and test/host/runtime/node_modules`);
    await ensureRipgrep();
    for (const [i, step] of steps.entries()) {
      // A step is redone if it was not recorded done or an earlier step was redone (npm ci wipes later work).
      if (marker.done[step.id] && step.ok()) { if (!quiet) log(`[${i + 1}/${steps.length}] ${step.title}: already done`); continue; }
      for (const later of steps.slice(i + 1)) delete marker.done[later.id];
      log(`[${i + 1}/${steps.length}] ${step.title} ...`);
      const s0 = Date.now();
      try {
        const out = await step.fn();
        if (out?.ldLibraryPath !== undefined) marker.ldLibraryPath = out.ldLibraryPath;
      } catch (err) {
        const msg = err instanceof StepError ? err.message : (err?.stack || String(err));
        throw new Error(`setup-host: step "${step.title}" failed:\n${msg}`);
      }
      marker.done[step.id] = true;
      writeJsonAtomic(markerFile, marker);
      log(`[${i + 1}/${steps.length}] done in ${((Date.now() - s0) / 1000).toFixed(1)} s`);
    }
    const rgLinked = linkRipgrep();
    if (!installedOk()) throw new Error('setup-host: all steps ran but some installed files are missing; rerun with --force');
    marker.complete = true;
    marker.finishedAt = new Date().toISOString();
    writeJsonAtomic(markerFile, marker);
    log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s${rgLinked ? '' : ' (without ripgrep)'}`);
    return result(marker);
  });
}

// Run as a script: install/check, print the paths.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const t0 = Date.now();
  ensureHost({ force: process.argv.includes('--force') }).then((host) => {
    log(`ok (${((Date.now() - t0) / 1000).toFixed(1)} s): code-server ${relative(root, host.codeServerEntry)}, chromium ${relative(root, host.chromiumPath)}, rg ${host.rg ?? 'missing'}`);
  }, (err) => {
    console.error(err.message || err);
    process.exitCode = 1; // not process.exit(): let piped stdout drain
  });
}
