// The extension manifest is complete and consistent, and the VSIX holds only what it needs.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { ROOT, cleanup, makeTempDir } from './helpers';

const pkg = JSON.parse(fs.readFileSync(nodePath.join(ROOT, 'package.json'), 'utf8'));
const vsce = nodePath.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [vsce, ...args], { cwd, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/**
 * The project as a fresh clone has it (sources, tests, docs) plus the built bundles, without the
 * installed dependencies and test runtimes that vsce would otherwise walk for minutes.
 */
function cloneLike(): string {
  const dir = makeTempDir('minutes-vsix-');
  const skip = new Set(['node_modules', '.git', '.test-host', 'out', 'bench']);
  const copy = (rel: string) => {
    for (const name of fs.readdirSync(nodePath.join(ROOT, rel))) {
      if (skip.has(name) || name.endsWith('.vsix')) continue;
      const from = nodePath.join(ROOT, rel, name);
      const to = nodePath.join(dir, rel, name);
      if (fs.statSync(from).isDirectory()) {
        fs.mkdirSync(to, { recursive: true });
        copy(nodePath.join(rel, name));
      } else fs.copyFileSync(from, to);
    }
  };
  copy('');
  // The build that `vscode:prepublish` runs needs the dev dependencies.
  fs.symlinkSync(nodePath.join(ROOT, 'node_modules'), nodePath.join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('extension manifest', () => {
  it('targets VS Code 1.100 and names its entry point', () => {
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.equal(pkg.main, './dist/extension.js');
    assert.ok(pkg.displayName && pkg.description && pkg.publisher && pkg.license && pkg.version);
    assert.ok(pkg.bin.minutes, 'the CLI is the package bin');
  });

  it('activates only in workspaces with dated minutes (or a configuration file), never on "*"', () => {
    assert.ok(pkg.activationEvents.length >= 2);
    for (const e of pkg.activationEvents) assert.match(e, /^workspaceContains:/);
  });

  it('declares every command it uses in menus and keybindings', () => {
    const commands = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'Minutes', c.command);
    const used = [
      ...Object.values(pkg.contributes.menus as Record<string, Array<{ command: string }>>).flat().map((m) => m.command),
      ...pkg.contributes.keybindings.map((k: { command: string }) => k.command),
    ];
    for (const c of used) assert.ok(commands.has(c), `${c} is contributed`);
    const source = fs.readFileSync(nodePath.join(ROOT, 'dist', 'extension.js'), 'utf8');
    for (const c of commands) assert.ok(source.includes(`"${c}"`) || source.includes(`'${c}'`), `${c} is registered by the extension`);
  });

  it('points every contributed file at a file that exists', () => {
    const c = pkg.contributes;
    for (const p of [...c.grammars.map((g: { path: string }) => g.path), ...c.snippets.map((s: { path: string }) => s.path), ...c.jsonValidation.map((j: { url: string }) => j.url)]) {
      assert.ok(fs.existsSync(nodePath.join(ROOT, p)), p);
    }
  });

  it('declares limited support for Restricted Mode, honestly', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(pkg.capabilities.untrustedWorkspaces.description, /download/);
  });

  let clone: string | undefined;
  before(function () {
    this.timeout(60_000);
    clone = cloneLike();
  });
  after(() => cleanup(clone));

  it('packages only the bundle, the manifest, docs and assets', async function () {
    this.timeout(120_000);
    const { code, stdout, stderr } = await run(['ls', '--no-dependencies'], clone!);
    assert.equal(code, 0, stderr);
    const files = stdout.trim().split('\n').map((l) => l.trim());
    assert.ok(files.includes('dist/extension.js'));
    assert.ok(files.includes('dist/parseWorker.js'), 'the parser thread bundle ships with the extension');
    assert.ok(files.includes('dist/web/extension.js'), 'the web bundle (package.json browser) ships with the extension');
    assert.ok(files.includes('package.json') && files.includes('README.md') && files.includes('LICENSE'));
    assert.ok(files.includes('docs/rules/broken-link.md') && files.includes('schemas/minutes.schema.json') && files.includes('snippets/minutes.json'));
    for (const f of files) assert.doesNotMatch(f, /^(src|test|node_modules|bench|scripts|out|\.test-host|\.ci)\/|\.map$|^dist\/cli\.js$/, f);
  });

  it('builds a VSIX with npm run package’s command', async function () {
    this.timeout(180_000);
    const dir = makeTempDir();
    try {
      const out = nodePath.join(dir, 'minutes-workbench.vsix');
      const { code, stderr } = await run(['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], clone!);
      assert.equal(code, 0, stderr);
      const size = fs.statSync(out).size;
      assert.ok(size > 50_000 && size < 5_000_000, `${size} bytes`);
    } finally {
      cleanup(dir);
    }
  });
});
