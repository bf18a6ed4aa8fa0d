// Shared helpers for running the extension in a real VS Code (code-server 1.100.3) offline:
// a free loopback port, user settings, starting/stopping code-server, the workbench URL, the browser.
// Used by test/host/run.mjs and scripts/start.mjs; paths come from scripts/setup-host.mjs's ensureHost().
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, createWriteStream, cpSync, existsSync, readdirSync, statSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import http from 'node:http';
import { join, dirname } from 'node:path';

export const HOST = '127.0.0.1'; // never bind anything else

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Writes <userDataDir>/User/settings.json: nothing that reaches the network, no start-up editors, plus `extra`. */
export function writeUserSettings(userDataDir, extra = {}) {
  const settings = {
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.startupEditor': 'none',
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'npm.fetchOnlinePackageInfo': false,
    'security.workspace.trust.enabled': false,
    ...extra,
  };
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

/** Copies a fixture folder to `dest` (fresh), or creates an empty folder if the fixture is absent. */
export function copyWorkspace(fixtureDir, dest) {
  mkdirSync(dirname(dest), { recursive: true });
  if (existsSync(fixtureDir)) {
    cpSync(fixtureDir, dest, { recursive: true });
    return true;
  }
  mkdirSync(dest, { recursive: true });
  return false;
}

/**
 * A temp folder for the server, the extension host and the browser: .test-host/tmp, unless its
 * path is too long for the Unix sockets VS Code creates there (vscode-ipc-<uuid>.sock: 53 chars,
 * sockets max 107), as in a deep CI checkout; then a folder in /tmp named after the checkout.
 * Entries older than a day (sockets left by killed runs) are pruned.
 */
export function hostTmpDir(hostDir) {
  let dir = join(hostDir, 'tmp');
  if (dir.length > 50) dir = join('/tmp', `minutes-host-${createHash('sha256').update(hostDir).digest('hex').slice(0, 8)}`);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    try {
      if (Date.now() - statSync(join(dir, name)).mtimeMs > 24 * 3600_000) rmSync(join(dir, name), { recursive: true, force: true });
    } catch { /* raced with its owner */ }
  }
  return dir;
}

// Every server started here, so exit/signal handlers can stop them.
const running = new Set();
let handlersInstalled = false;

function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // 'exit' runs synchronously: kill the process groups we started, nothing else.
  process.on('exit', () => { for (const s of running) s.kill('SIGKILL'); });
  let stopping = false;
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(sig, async () => {
      if (stopping) return;
      stopping = true;
      if (running.size) console.log(`\n${sig}: stopping code-server (pid ${[...running].map((s) => s.pid).join(', ')}) ...`);
      // Graceful first (bounded); the 'exit' handler SIGKILLs whatever is left.
      await Promise.race([Promise.all([...running].map((s) => s.stop(3000))), new Promise((r) => setTimeout(r, 4000))]);
      process.exit(code);
    });
  }
}

/**
 * Starts code-server on `folder`. The process gets its own process group (detached) so that
 * stop() also ends the extension host, pty host and file watcher it spawns, by our pid only.
 * @param {object} o
 * @param {string} o.codeServerEntry   from ensureHost()
 * @param {string} o.folder            workspace folder to open
 * @param {string} o.stateDir          where user-data, extensions, XDG dirs and server.log go (under .test-host/)
 * @param {number} [o.port]            default: a free port
 * @param {Record<string,string>} [o.env]  extra environment (reaches the extension host)
 * @param {object} [o.settings]        extra user settings
 * @param {(line: string) => void} [o.onLine]  called with each output line
 * @param {string[]} [o.extraArgs]     more code-server/VS Code server options (e.g. ['--log', 'trace'])
 * @param {string} o.tmpDir            from hostTmpDir(): TMPDIR of the server and its session socket
 */
export async function startCodeServer({ codeServerEntry, folder, stateDir, port, env = {}, settings = {}, onLine, extraArgs = [], tmpDir }) {
  installExitHandlers();
  port ??= await freePort();
  // code-server's default session socket lives in the user-data dir, too deep for a socket path.
  const sessionSocket = join(tmpDir, `cs-${port}.sock`);
  const userDataDir = join(stateDir, 'user-data');
  const extensionsDir = join(stateDir, 'extensions');
  for (const d of [userDataDir, extensionsDir, join(stateDir, 'xdg-config'), join(stateDir, 'xdg-data'), join(stateDir, 'xdg-cache')]) {
    mkdirSync(d, { recursive: true });
  }
  writeUserSettings(userDataDir, settings);
  const logFile = join(stateDir, 'server.log');
  const logStream = createWriteStream(logFile, { flags: 'a' });
  const args = [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `${HOST}:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--session-socket', sessionSocket,
    ...extraArgs,
    folder,
  ];
  const child = spawn(process.execPath, args, {
    cwd: folder,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // code-server keeps its config/state in XDG dirs: keep them out of the user's home.
      XDG_CONFIG_HOME: join(stateDir, 'xdg-config'),
      XDG_DATA_HOME: join(stateDir, 'xdg-data'),
      XDG_CACHE_HOME: join(stateDir, 'xdg-cache'),
      TMPDIR: tmpDir,
      ...env,
    },
  });
  const output = [];
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; running.delete(server); resolve(exited); }));
  let buf = '';
  const onData = (chunk) => {
    logStream.write(chunk);
    buf += chunk.toString();
    const lines = buf.split('\n');
    buf = lines.pop();
    for (const line of lines) {
      output.push(line);
      if (output.length > 2000) output.shift();
      onLine?.(line);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  const server = {
    pid: child.pid,
    port,
    folder,
    logFile,
    baseUrl: `http://${HOST}:${port}/`,
    output,
    get exited() { return exited; },
    exitPromise,
    /** Signals our process group (negative pid = the group led by the child we spawned). */
    kill(sig) {
      if (exited) return;
      try { process.kill(-child.pid, sig); } catch { try { child.kill(sig); } catch { /* gone */ } }
    },
    /** Stops the server: SIGTERM, then SIGKILL after `graceMs`. */
    stopping: false,
    async stop(graceMs = 5000) {
      server.stopping = true;
      if (!exited) {
        server.kill('SIGTERM');
        const t = setTimeout(() => server.kill('SIGKILL'), graceMs);
        await exitPromise;
        clearTimeout(t);
      }
      // Children that ignored SIGTERM (extension host) are in the same group: make sure they are gone.
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group empty */ }
      running.delete(server);
      rmSync(sessionSocket, { force: true });
      await new Promise((r) => logStream.end(r));
    },
  };
  running.add(server);
  return server;
}

/** Polls the server's /healthz until it answers (bounded); throws if the process exits first. */
export async function waitForServer(server, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exited) {
      throw new Error(`code-server exited (${JSON.stringify(server.exited)}) before answering; last output:\n${server.output.slice(-20).join('\n')}`);
    }
    const ok = await new Promise((resolve) => {
      const req = http.get(`${server.baseUrl}healthz`, { timeout: 2000 }, (res) => { res.resume(); resolve(res.statusCode === 200); });
      req.on('error', () => resolve(false));
      req.on('timeout', () => { req.destroy(); resolve(false); });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer on ${server.baseUrl} within ${timeoutMs / 1000} s; see ${server.logFile}`);
}

/**
 * The workbench URL for `folder`, with development options in the `payload` query parameter
 * (how the web workbench takes --extensionDevelopmentPath / --extensionTestsPath).
 * Paths are absolute paths on the server, passed as vscode-remote URIs.
 */
export function workbenchUrl({ port, folder, extensionDevelopmentPath, extensionTestsPath, openFile }) {
  const remote = (p) => `vscode-remote://${HOST}:${port}${encodeURI(p)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  // A file the workbench opens in an editor as it starts (as a person reopening a window sees it).
  if (openFile) payload.push(['openFile', remote(openFile)]);
  let url = `http://${HOST}:${port}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/**
 * Launches the npm Chromium with playwright-core (both from test/host/runtime).
 * args []: NOT @sparticuz/chromium's `chromium.args` (its --single-process lets a closed
 * context kill the whole browser, --disable-web-security hides CORS bugs).
 */
export async function launchBrowser(host) {
  const require = createRequire(join(host.playwrightCore, 'package.json'));
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: host.chromiumPath,
    args: [],
    env: { ...process.env, ...host.env },
    timeout: 60_000,
  });
}
