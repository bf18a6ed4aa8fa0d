// The web bundle (package.json `browser`, for github.dev and vscode.dev): built from the same core
// and adapters, and free of Node: no Node built-in among its inputs or its imports, nothing left to
// require but `vscode`, and none of the Node-only modules behind the platform seam.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as nodePath from 'node:path';
import { ROOT } from './helpers';
import { githubIdentityOfUri } from '../../src/vscode/platform/types';

const pkg = JSON.parse(fs.readFileSync(nodePath.join(ROOT, 'package.json'), 'utf8'));
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/** What the Node entry uses and the web bundle must never contain (the seam's Node side). */
const NODE_ONLY = ['src/node/parsing.ts', 'src/node/lagMonitor.ts', 'src/net/', 'src/vscode/platform/node.ts', 'src/vscode/parserThreads.ts', 'src/vscode/parseCache.ts', 'src/cli/'];

interface Metafile {
  inputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }>;
}

/** Why a bundle needs Node: the modules it requires (or imports) at run time other than `vscode`. */
export function nodeRequirements(bundle: string): string[] {
  const found = new Set<string>();
  for (const m of bundle.matchAll(/\b(?:require|import)\s*\(\s*(["'`])([^"'`]+)\1\s*\)/g)) if (m[2] !== 'vscode') found.add(m[2]);
  for (const m of bundle.matchAll(/^\s*import\s[^'"]*?from\s*(["'])([^"']+)\1/gm)) if (m[2] !== 'vscode') found.add(m[2]);
  return [...found].sort();
}

/** Node built-ins and Node-only modules among a metafile's inputs and their imports. */
export function nodeInputs(meta: Metafile): string[] {
  const found = new Set<string>();
  for (const [input, { imports }] of Object.entries(meta.inputs)) {
    const path = input.replace(/\\/g, '/');
    if (BUILTINS.has(path) || NODE_ONLY.some((p) => path.startsWith(p))) found.add(path);
    for (const i of imports) if (BUILTINS.has(i.path) || (i.external && i.path !== 'vscode')) found.add(`${path} imports ${i.path}`);
  }
  return [...found].sort();
}

function read(rel: string): string {
  const file = nodePath.join(ROOT, rel);
  assert.ok(fs.existsSync(file), `${rel} exists (run node scripts/build.mjs first)`);
  return fs.readFileSync(file, 'utf8');
}

describe('web bundle', () => {
  it('is the browser entry of the manifest, beside the Node main', () => {
    assert.equal(pkg.browser, './dist/web/extension.js');
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
    read('dist/web/extension.js');
  });

  it('requires nothing but vscode', () => {
    assert.deepEqual(nodeRequirements(read('dist/web/extension.js')), []);
    assert.deepEqual(nodeRequirements(read('out/test/web/index.js')), [], 'nor does the web suite');
  });

  it('has no Node built-in and no Node-only module among its inputs', () => {
    const meta = JSON.parse(read('out/web-extension.meta.json')) as Metafile;
    const inputs = Object.keys(meta.inputs).map((p) => p.replace(/\\/g, '/'));
    // The same core and adapters as the Node bundle, the web platform in place of the Node one.
    for (const p of ['src/core/build.ts', 'src/core/check.ts', 'src/vscode/diagnostics.ts', 'src/vscode/views/weeksView.ts', 'src/vscode/platform/web.ts', 'src/vscode/webParseCache.ts']) {
      assert.ok(inputs.includes(p), `${p} is in the web bundle`);
    }
    assert.deepEqual(nodeInputs(meta), []);
    assert.deepEqual(nodeInputs(JSON.parse(read('out/web-suite.meta.json')) as Metafile), [], 'nor in the web suite');
  });

  it('would notice a Node built-in (the checks themselves)', () => {
    assert.deepEqual(nodeRequirements('const fs = require("node:fs"); const v = require("vscode"); import("os");'), ['node:fs', 'os']);
    assert.deepEqual(nodeRequirements('import { x } from "worker_threads";\n'), ['worker_threads']);
    const meta: Metafile = {
      inputs: {
        'src/a.ts': { imports: [{ path: 'node:zlib', external: true }, { path: 'vscode', external: true }] },
        'src/node/parsing.ts': { imports: [] },
      },
    };
    assert.deepEqual(nodeInputs(meta), ['src/a.ts imports node:zlib', 'src/node/parsing.ts']);
  });

  it('has no network code (the image download needs the Node host)', () => {
    const source = read('dist/web/extension.js');
    assert.doesNotMatch(source, /\bfetch\(|new XMLHttpRequest|new WebSocket|require\("(?:node:)?(?:http|https|net|tls)"\)/);
  });

  it('registers every contributed command, as the Node bundle does', () => {
    const source = read('dist/web/extension.js');
    for (const { command } of pkg.contributes.commands as Array<{ command: string }>) {
      assert.ok(source.includes(`"${command}"`) || source.includes(`'${command}'`), `${command} is registered by the web bundle`);
    }
  });
});

describe('the repository of a github.dev workspace', () => {
  it('comes from the workspace URI', () => {
    assert.deepEqual(githubIdentityOfUri({ scheme: 'vscode-vfs', authority: 'github', path: '/SovereignCloudStack/minutes' }), { owner: 'SovereignCloudStack', repo: 'minutes' });
    assert.deepEqual(githubIdentityOfUri({ scheme: 'vscode-vfs', authority: 'github+7b2276223a317d', path: '/org/repo/' }), { owner: 'org', repo: 'repo' });
    assert.deepEqual(githubIdentityOfUri({ scheme: 'vscode-vfs', authority: 'GitHub', path: '/org/repo.git' }), { owner: 'org', repo: 'repo' });
  });

  it('is not guessed from other file systems', () => {
    assert.equal(githubIdentityOfUri({ scheme: 'file', authority: '', path: '/home/me/minutes' }), undefined);
    assert.equal(githubIdentityOfUri({ scheme: 'vscode-vfs', authority: 'azurerepos', path: '/org/project/repo' }), undefined);
    assert.equal(githubIdentityOfUri({ scheme: 'vscode-remote', authority: 'github', path: '/org/repo' }), undefined);
    assert.equal(githubIdentityOfUri({ scheme: 'vscode-vfs', authority: 'github', path: '/org' }), undefined);
    assert.equal(githubIdentityOfUri({ scheme: 'vscode-vfs', authority: 'github', path: '/org/re po' }), undefined);
  });
});
