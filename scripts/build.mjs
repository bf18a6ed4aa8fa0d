// Bundles the extension (Node and web), the CLI and the test suites with esbuild.
// Usage: node scripts/build.mjs [--production] [--only extension|cli|tests] [--quiet]
import { build } from 'esbuild';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const production = args.includes('--production');
const quiet = args.includes('--quiet');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;

function filesUnder(dir, suffix) {
  const out = [];
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, suffix));
    else if (name.endsWith(suffix)) out.push(full);
  }
  return out;
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: quiet ? 'error' : 'warning',
  absWorkingDir: root,
  // jsonc-parser's UMD entry hides its modules from the bundler; its ESM entry does not.
  mainFields: ['module', 'main'],
};

// When the bundle starts and ends loading, so activation can tell its module load time from activate().
const LOAD_STAMP = 'globalThis.__minutesLoadStart = globalThis.performance ? globalThis.performance.now() : undefined;';
const LOADED_STAMP = 'globalThis.__minutesLoadEnd = globalThis.performance ? globalThis.performance.now() : undefined;';

// The web bundle (package.json `browser`, the web worker extension host of github.dev and vscode.dev):
// the same extension with ./platform/web in place of ./platform/node, and no Node at all: a Node
// built-in anywhere in its imports fails the build (platform browser cannot resolve it).
const webPlatform = {
  name: 'web-platform',
  setup(b) {
    b.onResolve({ filter: /^\.\/platform\/node$/ }, (args) => ({ path: join(args.resolveDir, 'platform', 'web.ts') }));
  },
};
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  // A web worker has no DOM: packages' `worker` exports first (decode-named-character-reference's
  // `browser` export decodes entities through document.createElement).
  conditions: ['worker'],
  external: ['vscode'],
  plugins: [webPlatform],
  metafile: true,
};
// The web bundle's inputs and imports, for the test that it needs nothing from Node.
const writeMeta = (file) => (result) => {
  mkdirSync(join(root, 'out'), { recursive: true });
  writeFileSync(join(root, 'out', file), JSON.stringify(result.metafile));
};

const jobs = [];
if (!only || only === 'extension') {
  jobs.push(build({ ...web, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/web/extension.js', banner: { js: LOAD_STAMP }, footer: { js: LOADED_STAMP } }).then(writeMeta('web-extension.meta.json')));
  jobs.push(build({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], banner: { js: LOAD_STAMP }, footer: { js: LOADED_STAMP } }));
  // The extension's parser threads run their own small bundle (no vscode in a worker).
  jobs.push(build({ ...common, entryPoints: ['src/node/parseWorker.ts'], outfile: 'dist/parseWorker.js' }));
}
if (!only || only === 'cli') {
  jobs.push(build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }));
}
if (!only || only === 'tests') {
  const unit = filesUnder(join(root, 'test/unit'), '.test.ts').map((f) => relative(root, f));
  if (unit.length) {
    jobs.push(build({ ...common, sourcemap: true, entryPoints: unit, outdir: 'out/test/unit', outbase: 'test/unit', external: ['mocha', 'typescript'] }));
  }
  // test/suite/web/ is the web worker host's entry (below), not part of the Node suite.
  const suite = filesUnder(join(root, 'test/suite'), '.ts').map((f) => relative(root, f)).filter((f) => !f.split(/[\\/]/).includes('web'));
  if (suite.length) {
    jobs.push(build({ ...common, sourcemap: true, entryPoints: suite, outdir: 'out/test/suite', outbase: 'test/suite', external: ['vscode', 'mocha'] }));
  }
}
  // The web worker host's suite: the shared feature tests and the web's own, in one browser bundle
  // (the web host loads a single module); node:assert/strict is the small one in test/suite/web/.
  const webAssert = {
    name: 'web-assert',
    setup(b) {
      b.onResolve({ filter: /^node:assert\/strict$/ }, () => ({ path: join(root, 'test/suite/web/assert.ts') }));
    },
  };
  jobs.push(build({ ...web, sourcemap: true, entryPoints: ['test/suite/web/index.ts'], outfile: 'out/test/web/index.js', plugins: [webAssert] }).then(writeMeta('web-suite.meta.json')));
await Promise.all(jobs);
