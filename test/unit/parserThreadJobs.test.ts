// The parser threads' other jobs, for the extension host: listing a folder (as the CLI lists it) and
// running git, off the host's thread. Run on the real bundle's worker, as the extension runs them.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { ParserPool } from '../../src/node/parsing';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { DEFAULT_IGNORED_FOLDERS } from '../../src/core/workspace';
import { builtCli } from './helpers';

describe('parser threads: listing and git for the extension host', function () {
  this.timeout(60_000);
  let pool: ParserPool;
  let root: string;

  before(async () => {
    pool = new ParserPool(await builtCli(), 1);
    root = mkdtempSync(nodePath.join(tmpdir(), 'minutes-thread-jobs-'));
    mkdirSync(nodePath.join(root, 'iaas', 'notes'), { recursive: true });
    mkdirSync(nodePath.join(root, 'node_modules', 'x'), { recursive: true });
    writeFileSync(nodePath.join(root, 'iaas', '20230426.md'), '# IaaS\n');
    writeFileSync(nodePath.join(root, 'iaas', 'notes', 'a.md'), 'a longer file\n'.repeat(10));
    writeFileSync(nodePath.join(root, 'node_modules', 'x', 'README.md'), '# ignored\n');
    writeFileSync(nodePath.join(root, 'README.md'), '# Minutes\n');
    writeFileSync(nodePath.join(root, 'iaas', 'diagram.png'), Buffer.alloc(64));
    symlinkSync(nodePath.join(tmpdir()), nodePath.join(root, 'outside'));
    symlinkSync(nodePath.join(root, 'iaas', '20230426.md'), nodePath.join(root, 'iaas', 'link.md'));
  });

  after(async () => {
    await pool.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists a folder as NodeWorkspace does: entries, sizes, skipped links, ignored folders', async () => {
    const expected = await new NodeWorkspace(root).list({ ignoreFolders: DEFAULT_IGNORED_FOLDERS });
    const listed = await pool.list(root, { ignoreFolders: DEFAULT_IGNORED_FOLDERS });
    assert.deepEqual(listed, expected);
    const files = listed.entries.filter((e) => e.type === 'file').map((e) => `${e.path} ${e.size}`).sort();
    // Only Markdown files are sized (-1: a size nobody reads, so never asked for).
    assert.deepEqual(files, ['README.md 10', 'iaas/20230426.md 7', 'iaas/diagram.png -1', 'iaas/link.md 7', 'iaas/notes/a.md 140']);
    assert.deepEqual(listed.skipped.map((s) => s.path), ['outside']);
  });

  it('lists below a folder, and with the folders the caller ignores', async () => {
    const under = await pool.list(root, { under: 'iaas', ignoreFolders: new Set(['notes']) });
    assert.deepEqual(under.entries.map((e) => e.path).sort(), ['iaas/20230426.md', 'iaas/diagram.png', 'iaas/link.md']);
  });

  it('says why a folder cannot be listed', async () => {
    const gone = await pool.list(nodePath.join(root, 'no-such-folder'), { ignoreFolders: [] });
    assert.deepEqual(gone.entries, []);
    assert.match(gone.skipped[0]?.reason ?? '', /could not be read/);
  });

  it('runs git: its output, or undefined when git fails (never a rejection)', async () => {
    execFileSync('git', ['init', '-q'], { cwd: root });
    assert.equal((await pool.git(root, ['rev-parse', '--is-inside-work-tree']))?.trim(), 'true');
    assert.equal(await pool.git(root, ['no-such-git-command']), undefined);
    assert.equal(await pool.git(nodePath.join(root, 'no-such-folder'), ['status']), undefined);
  });

  it('answers every job sent behind a listing or git, each with its own answer', async () => {
    // Sent at once to one thread: the listing and git finish later than a parse would.
    const [listing, first, version, second] = await Promise.all([
      pool.list(root, { ignoreFolders: DEFAULT_IGNORED_FOLDERS }),
      pool.parse('# First\n'),
      pool.git(root, ['--version']),
      pool.parse('# Second\n\n[a](b.md)\n'),
    ]);
    assert.ok(listing.entries.some((e) => e.path === 'iaas/20230426.md'));
    assert.equal(first.title?.heading.text, 'First');
    assert.match(version ?? '', /^git version /);
    assert.equal(second.title?.heading.text, 'Second');
    assert.equal(second.links.length, 1);
  });

  it('still parses between the other jobs', async () => {
    const [doc, listing] = await Promise.all([pool.parse('# Title\n\n[x](y.md)\n'), pool.list(root, { ignoreFolders: [] })]);
    assert.equal(doc.links.length, 1);
    assert.ok(listing.entries.some((e) => e.path === 'node_modules/x/README.md'), 'nothing ignored when asked so');
  });
});
