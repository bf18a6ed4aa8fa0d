#!/usr/bin/env node
// The same in-host suite through the standard launcher, @vscode/test-electron (`npm run test:electron`).
// It downloads VS Code at test time, so it needs internet (or MINUTES_VSCODE_EXECUTABLE pointing
// at an installed VS Code). Offline, `npm run test:host` runs the suite in a real VS Code instead.
// Env for the suite: MINUTES_TEST_RESULTS, MINUTES_TEST_WORKSPACE (no MINUTES_UI_DIR: no UI checks here).
// Options: MINUTES_VSCODE_VERSION (default 1.100.3, the version test:host runs), MINUTES_VSCODE_EXECUTABLE,
// MINUTES_EXTENSION_ROOT, MINUTES_TESTS_PATH, MINUTES_FIXTURE_DIR (as in test/host/run.mjs).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyWorkspace } from './codeserver.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const env = process.env;
const extensionRoot = resolve(env.MINUTES_EXTENSION_ROOT || root);
const testsPath = resolve(env.MINUTES_TESTS_PATH || join(extensionRoot, 'out', 'test', 'suite', 'index'));
const fixtureDir = resolve(env.MINUTES_FIXTURE_DIR || join(root, 'test', 'fixtures', 'sample-minutes'));
// Paths inside the repo are shown relative to it, others absolute.
const rel = (p) => { const r = relative(root, p); return r.startsWith('..') ? p : r || '.'; };
const log = (msg) => console.log(`electron: ${msg}`);

// Network failures of the VS Code download: say what it means instead of a stack dump.
const OFFLINE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|certificate/i;

async function main() {
  if (!existsSync(`${testsPath}.js`) && !existsSync(testsPath)) {
    log(`no test suite at ${rel(testsPath)}.js: build it first (node scripts/build.mjs; npm run test:electron does that)`);
    return 1;
  }
  const require = createRequire(join(root, 'package.json'));
  const { runTests, TestRunFailedError } = require('@vscode/test-electron');

  const runDir = join(root, '.test-host', 'electron');
  rmSync(runDir, { recursive: true, force: true });
  const workspace = join(runDir, 'workspace');
  if (!copyWorkspace(fixtureDir, workspace)) log(`note: ${rel(fixtureDir)} does not exist; using an empty workspace`);
  const resultsFile = join(runDir, 'results.json');
  delete env.MINUTES_UI_DIR; // the suite must not wait for a UI-check answer nobody gives here

  const launchArgs = [workspace, '--disable-extensions'];
  // Chromium (Electron) refuses to run as root with its sandbox on.
  if (typeof process.getuid === 'function' && process.getuid() === 0) launchArgs.push('--no-sandbox');

  let exitCode;
  let failure = null;
  try {
    exitCode = await runTests({
      extensionDevelopmentPath: extensionRoot,
      extensionTestsPath: testsPath,
      launchArgs,
      extensionTestsEnv: { MINUTES_TEST_RESULTS: resultsFile, MINUTES_TEST_WORKSPACE: workspace },
      ...(env.MINUTES_VSCODE_EXECUTABLE
        ? { vscodeExecutablePath: env.MINUTES_VSCODE_EXECUTABLE }
        : { version: env.MINUTES_VSCODE_VERSION || '1.100.3' }),
    });
  } catch (err) {
    if (err instanceof TestRunFailedError) {
      failure = `VS Code exited with ${err.code ?? err.signal}`;
    } else {
      const msg = `${err?.code ?? ''} ${err?.message ?? err}`.trim();
      if (OFFLINE.test(msg)) {
        log(`cannot download VS Code (${msg.split('\n')[0]}).`);
        log('This machine has no internet access: @vscode/test-electron cannot work here.');
        log('Run the same suite offline in a real VS Code 1.100.3 with: npm run test:host');
        log('(or set MINUTES_VSCODE_EXECUTABLE=/path/to/code to use a VS Code installed on this machine)');
      } else {
        log(`could not run VS Code: ${msg.split('\n')[0]}`);
      }
      return 1;
    }
  }

  let results = null;
  try { results = JSON.parse(readFileSync(resultsFile, 'utf8')); } catch { /* suite wrote nothing */ }
  if (!results) {
    log(`the suite wrote no results (${rel(resultsFile)})${failure ? `; ${failure}` : ''}`);
    console.log('electron: 0 passed, 1 failed');
    return 1;
  }
  for (const f of results.failures || []) console.log(`\n  FAIL ${f.title}\n    ${String(f.error).split('\n').join('\n    ')}`);
  console.log(`\nelectron: ${results.passed} passed, ${results.failed} failed`);
  return results.failed || failure || exitCode ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (err) => { log(`error: ${err?.message ?? err}`); process.exitCode = 1; });
