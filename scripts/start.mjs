#!/usr/bin/env node
// `npm start [-- <folder>] [--port N]`: runs a real VS Code 1.100.3 (code-server, offline) on
// 127.0.0.1 with the extension loaded from this repo, and prints the URL to open. Ctrl+C stops it.
// Default folder: a copy of test/fixtures/sample-minutes in .test-host/sample-minutes, made once
// and then kept, so edits made in VS Code survive restarts (delete that folder to reset it).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHost } from './setup-host.mjs';
import { copyWorkspace, hostTmpDir, startCodeServer, waitForServer, workbenchUrl } from '../test/host/codeserver.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const extensionRoot = resolve(process.env.MINUTES_EXTENSION_ROOT || root);
const log = (msg) => console.log(`start: ${msg}`);

function parseArgs(argv) {
  const out = { folder: null, port: process.env.MINUTES_PORT ? Number(process.env.MINUTES_PORT) : undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') out.port = Number(argv[++i]);
    else if (argv[i] === '--help' || argv[i] === '-h') out.help = true;
    else out.folder = argv[i];
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log('usage: npm start [-- <folder>] [--port N]   (default folder: .test-host/sample-minutes)');
    return 0;
  }
  if (args.port !== undefined && !(args.port > 0 && args.port < 65536)) {
    log('--port needs a number between 1 and 65535');
    return 1;
  }
  let folder;
  if (args.folder) {
    // npm runs scripts from the package root; INIT_CWD is where the user typed `npm start`.
    folder = resolve(process.env.INIT_CWD || process.cwd(), args.folder);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      log(`folder ${folder} does not exist (or is not a folder). Usage: npm start -- <folder>`);
      return 1;
    }
  } else {
    const fixture = join(root, 'test', 'fixtures', 'sample-minutes');
    folder = join(root, '.test-host', 'sample-minutes');
    if (existsSync(folder)) {
      log(`opening ${folder} (your earlier copy; delete it to start again from the fixture)`);
    } else if (existsSync(fixture)) {
      copyWorkspace(fixture, folder);
      log(`copied test/fixtures/sample-minutes to ${folder}`);
    } else {
      folder = join(root, '.test-host', 'empty-workspace');
      copyWorkspace(fixture, folder);
      log(`note: test/fixtures/sample-minutes does not exist yet; opening an empty folder ${folder}`);
    }
  }
  if (!existsSync(join(extensionRoot, 'package.json'))) {
    log(`no extension at ${extensionRoot}`);
    return 1;
  }
  const main = JSON.parse(readFileSync(join(extensionRoot, 'package.json'), 'utf8')).main;
  if (main && !existsSync(join(extensionRoot, main)) && !existsSync(join(extensionRoot, `${main}.js`))) {
    log(`WARNING: ${main} does not exist: build first (npm start does: node scripts/build.mjs)`);
  }

  const host = await ensureHost();
  // State (settings, code-server config) persists in .test-host/start between starts.
  const server = await startCodeServer({
    codeServerEntry: host.codeServerEntry,
    folder,
    stateDir: join(root, '.test-host', 'start'),
    tmpDir: hostTmpDir(host.hostDir),
    port: args.port,
  });
  await waitForServer(server);
  // The extension is loaded in development mode through the URL's payload, so it must be this URL.
  const url = workbenchUrl({ port: server.port, folder, extensionDevelopmentPath: extensionRoot });
  console.log('');
  log(`VS Code 1.100.3 with the extension from ${extensionRoot} is running (pid ${server.pid}). Open:`);
  console.log(`\n  ${url}\n`);
  log('(127.0.0.1 only. The extension loads only through this URL. After a rebuild (node scripts/build.mjs),');
  log(' run "Developer: Reload Window" in VS Code. Server log: .test-host/start/server.log. Ctrl+C stops it.)');
  const exit = await server.exitPromise; // runs until Ctrl+C (handled in codeserver.mjs) or the server dies
  if (server.stopping) return 0;
  log(`code-server exited by itself (${exit.code ?? exit.signal}); see ${server.logFile}`);
  return 1;
}

main().then((code) => { process.exitCode = code; }, (err) => { log(err?.message || String(err)); process.exitCode = 1; });
