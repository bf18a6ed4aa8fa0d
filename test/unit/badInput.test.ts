// Files that are not the well-formed minutes the index expects: odd encodings, binaries, huge files,
// symbolic links, files that vanish, links that point out of the repository.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { buildIndex, DEFAULT_MAX_FILE_SIZE, GIT_BRANCH_FILES, type BuildResult } from '../../src/core/build';
import { checkAll } from '../../src/core/check';
import type { ListOptions, WorkspaceEntry } from '../../src/core/workspace';
import { MemoryWorkspace } from './memoryWorkspace';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { main } from '../../src/cli/main';
import { FIXTURE, RecordingWorkspace, reasonOf, trySymlink, OPS_MINUTES, cleanup, fakeIo, makeTempRepo, writeFiles } from './helpers';

describe('bad input', () => {
  let dir: string | undefined;
  let repo: string;

  beforeEach(() => {
    // every test repository has dated minutes, so it is indexed as a minutes repository
    ({ dir, repo } = makeTempRepo('minutes-test-', OPS_MINUTES));
  });

  afterEach(() => {
    cleanup(dir);
    dir = undefined;
  });

  async function build(ws = new NodeWorkspace(repo)): Promise<BuildResult> {
    return buildIndex(ws);
  }

  it('CRLF line endings: findings at the line and column a user sees', async () => {
    writeFiles(repo, { 'iaas/20230426.md': '# IaaS 2023-04-26\r\n\r\n## Links\r\n\r\n- see [ops](../ops/20230428.md)\r\n' });
    const result = await build();
    assert.deepEqual(result.skipped, []);
    const diags = checkAll(result.index);
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0].range, { start: { line: 4, character: 12 }, end: { line: 4, character: 30 } });
    assert.equal(result.index.get('iaas/20230426.md')?.doc.lineCount, 5);
    const io = fakeIo(repo);
    assert.equal(await main(['check', '.'], io.io), 1);
    assert.match(io.stdout(), /^iaas\/20230426\.md:5:13: error broken-link: `ops\/20230428\.md` does not exist; did you mean `ops\/20230427\.md` \(one day earlier\)\?$/m);
  });

  it('a byte order mark: not counted in columns, the title is still found', async () => {
    writeFiles(repo, { 'iaas/20230426.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[ops](../ops/20230401.md)\n# IaaS 2023-04-26\n')]) });
    const result = await build();
    const diags = checkAll(result.index);
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0].range.start, { line: 0, character: 6 });
    assert.deepEqual(result.notes, []);
    const titled = new MemoryWorkspace({ 'iaas/20230426.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# IaaS 2023-04-26\n')]) });
    assert.equal((await buildIndex(titled)).index.get('iaas/20230426.md')?.doc.title?.date, '2023-04-26');
  });

  it('an empty file is indexed with no lines', async () => {
    writeFiles(repo, { 'iaas/20230426.md': '', 'iaas/20230503.md': '[empty](20230426.md#L1)\n' });
    const result = await build();
    assert.deepEqual(result.skipped, []);
    const empty = result.index.get('iaas/20230426.md');
    assert.ok(empty);
    assert.equal(empty.doc.lineCount, 0);
    assert.deepEqual(empty.doc.links, []);
    assert.equal(result.datedMinutes, 3);
    const diags = checkAll(result.index);
    assert.deepEqual(diags.map((d) => d.message), ['`iaas/20230426.md` has 0 lines; line 1 does not exist.']);
  });

  it('invalid UTF-8 is indexed, with a note', async () => {
    writeFiles(repo, { 'iaas/20230426.md': Buffer.concat([Buffer.from('# Gr'), Buffer.from([0xfc, 0xdf]), Buffer.from('e 2023-04-26\n\n[x](../ops/nope.md)\n')]) });
    const result = await build();
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(result.notes, [{ path: 'iaas/20230426.md', reason: 'not valid UTF-8; invalid bytes were read as U+FFFD' }]);
    const file = result.index.get('iaas/20230426.md');
    assert.ok(file);
    assert.equal(file.doc.title?.heading.text, 'Gr\ufffd\ufffde 2023-04-26');
    assert.equal(checkAll(result.index).length, 1, 'its links are still checked');
    const io = fakeIo(repo);
    await main(['check', '.'], io.io);
    assert.match(io.stderr(), /^iaas\/20230426\.md: note: not valid UTF-8; invalid bytes were read as U\+FFFD$/m);
  });

  it('NUL bytes: a .md that is really a PNG is skipped as binary', async () => {
    const png = fs.readFileSync(nodePath.join(FIXTURE, 'images/diagram.png'));
    writeFiles(repo, { 'iaas/20230426.md': png, 'iaas/20230503.md': Buffer.from('# text\0with a NUL\n') });
    const result = await build();
    assert.equal(reasonOf(result, 'iaas/20230426.md'), 'binary content (NUL bytes), not a text file');
    assert.equal(reasonOf(result, 'iaas/20230503.md'), 'binary content (NUL bytes), not a text file');
    assert.equal(result.index.get('iaas/20230426.md'), undefined);
    assert.ok(result.index.hasFile('iaas/20230426.md'), 'the path still exists for links');
    const io = fakeIo(repo);
    assert.equal(await main(['check', '.'], io.io), 0);
    assert.match(io.stderr(), /^iaas\/20230426\.md: skipped: binary content \(NUL bytes\), not a text file$/m);
  });

  it('a UTF-16 file (Windows "Unicode") is skipped with a reason, not indexed as garbage', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# IaaS 2023-04-26\n', 'utf16le')]);
    writeFiles(repo, { 'iaas/20230426.md': utf16 });
    const result = await build();
    assert.equal(reasonOf(result, 'iaas/20230426.md'), 'binary content (NUL bytes), not a text file');
  });

  it('a 30 MB file is skipped for its size without being read', async function () {
    const big = nodePath.join(repo, 'iaas/20230426.md');
    fs.mkdirSync(nodePath.dirname(big), { recursive: true });
    const fd = fs.openSync(big, 'w');
    try {
      fs.ftruncateSync(fd, 30 * 1024 * 1024); // sparse: instant, takes no disk space
    } finally {
      fs.closeSync(fd);
    }
    const ws = new RecordingWorkspace(repo);
    const result = await build(ws);
    const mb = (DEFAULT_MAX_FILE_SIZE / 1024 / 1024).toFixed(1);
    assert.equal(reasonOf(result, 'iaas/20230426.md'), `larger than ${mb} MB (30.0 MB); not indexed`);
    assert.ok(!ws.reads.includes('iaas/20230426.md'), 'never read');
    assert.ok(result.index.hasFile('iaas/20230426.md'));
  });

  it('a file whose size the listing does not tell is refused by the read itself, never read whole', async () => {
    // As the workspaces do (a stat before the read): over the limit, the read fails with the size
    // and returns nothing; no separate stat is asked for first.
    class Unsized extends MemoryWorkspace {
      readonly returned: string[] = [];
      readonly stats: string[] = [];
      override async list(options?: ListOptions) {
        const listing = await super.list(options);
        return { ...listing, entries: listing.entries.map((e): WorkspaceEntry => (e.type === 'file' ? { ...e, size: -1 } : e)) };
      }
      override async read(path: string, options?: { maxBytes?: number }) {
        const size = (await super.stat(path))?.size ?? 0;
        if (options?.maxBytes !== undefined && size > options.maxBytes) throw Object.assign(new Error('too big'), { code: 'ETOOBIG', size });
        this.returned.push(path);
        return super.read(path);
      }
      override async stat(path: string) {
        this.stats.push(path);
        return super.stat(path);
      }
    }
    const ws = new Unsized({ 'iaas/20230426.md': '# x\n' + 'y'.repeat(DEFAULT_MAX_FILE_SIZE + 10), 'ops/20230427.md': '# ok\n' });
    const result = await buildIndex(ws);
    const mb = (DEFAULT_MAX_FILE_SIZE / 1024 / 1024).toFixed(1);
    assert.match(reasonOf(result, 'iaas/20230426.md') ?? '', new RegExp(`^larger than ${mb} MB \\(\\d+\\.\\d MB\\); not indexed$`));
    assert.deepEqual(ws.returned, ['ops/20230427.md']);
    assert.deepEqual(ws.stats.filter((p) => p.endsWith('.md')), [], 'no stat before a read');
  });

  it('a file that grew after it was listed is still not indexed when too large', async () => {
    class Growing extends MemoryWorkspace {
      override async list(options?: ListOptions) {
        const listing = await super.list(options);
        return { ...listing, entries: listing.entries.map((e) => ({ ...e, size: Math.min(e.size, 10) })) };
      }
    }
    const result = await buildIndex(new Growing({ 'iaas/20230426.md': 'x'.repeat(DEFAULT_MAX_FILE_SIZE + 1) }));
    assert.match(reasonOf(result, 'iaas/20230426.md') ?? '', /^larger than .*; not indexed$/);
    assert.equal(result.index.get('iaas/20230426.md'), undefined);
  });

  it('a symbolic link loop is skipped, with no hang', async function () {
    const a = nodePath.join(repo, 'iaas/a.md');
    fs.mkdirSync(nodePath.dirname(a), { recursive: true });
    if (!trySymlink('b.md', a) || !trySymlink('a.md', nodePath.join(repo, 'iaas/b.md')) || !trySymlink('self.md', nodePath.join(repo, 'iaas/self.md'))) this.skip();
    assert.ok(trySymlink('.', nodePath.join(repo, 'iaas/here'), 'dir'));
    const result = await build();
    assert.equal(reasonOf(result, 'iaas/a.md'), 'symbolic link loop; not followed');
    assert.equal(reasonOf(result, 'iaas/b.md'), 'symbolic link loop; not followed');
    assert.equal(reasonOf(result, 'iaas/self.md'), 'symbolic link loop; not followed');
    assert.equal(reasonOf(result, 'iaas/here'), 'symbolic link to a folder; not followed (its files are indexed at their real place)');
    assert.equal(result.markdownFiles, 1);
  });

  it('a symbolic link to a folder outside the repository is not followed', async function () {
    const outside = nodePath.join(dir!, 'outside');
    writeFiles(outside, { '20230426.md': '# secret\n', 'deep/x.md': '# deeper\n' });
    if (!trySymlink(outside, nodePath.join(repo, 'linked'), 'dir')) this.skip();
    const ws = new RecordingWorkspace(repo);
    const result = await build(ws);
    assert.equal(reasonOf(result, 'linked'), 'symbolic link to a place outside the repository; not followed');
    assert.equal(result.index.hasFile('linked/20230426.md'), false);
    assert.equal(result.index.hasFolder('linked'), false);
    assert.ok(ws.reads.every((p) => !p.startsWith('linked')), JSON.stringify(ws.reads));
  });

  it('a symbolic link to a file outside the repository is not followed or read', async function () {
    const outside = nodePath.join(dir!, 'secret.md');
    fs.writeFileSync(outside, '# secret 2023-04-26\n');
    fs.mkdirSync(nodePath.join(repo, 'iaas'));
    if (!trySymlink(outside, nodePath.join(repo, 'iaas/20230426.md'))) this.skip();
    const ws = new RecordingWorkspace(repo);
    const result = await build(ws);
    assert.equal(reasonOf(result, 'iaas/20230426.md'), 'symbolic link to a place outside the repository; not followed');
    assert.equal(result.index.get('iaas/20230426.md'), undefined);
    assert.ok(!ws.reads.includes('iaas/20230426.md'));
    await assert.rejects(ws.read('iaas/20230426.md'), /outside the repository/, 'a direct read is refused too');
  });

  it('a symbolic link to a file inside the repository is read like the file', async function () {
    fs.mkdirSync(nodePath.join(repo, 'iaas'));
    if (!trySymlink('../ops/20230427.md', nodePath.join(repo, 'iaas/20230427.md'))) this.skip();
    const result = await build();
    assert.deepEqual(result.skipped, []);
    assert.equal(result.index.get('iaas/20230427.md')?.doc.title?.date, '2023-04-27');
  });

  it('a symbolic link to a named pipe is skipped, not read (reading it would block forever)', async function () {
    fs.mkdirSync(nodePath.join(repo, 'iaas'));
    try {
      execFileSync('mkfifo', [nodePath.join(repo, 'iaas/pipe')], { stdio: 'ignore' });
    } catch {
      this.skip();
    }
    if (!trySymlink('pipe', nodePath.join(repo, 'iaas/20230426.md'))) this.skip();
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), 5000)));
    const result = await Promise.race([build(), hang]);
    clearTimeout(timer);
    if (result === 'hang') {
      // unblock the pending read so the process can exit, then fail
      fs.writeFileSync(nodePath.join(repo, 'iaas/pipe'), '');
      assert.fail('indexing blocked on reading a named pipe');
    }
    assert.equal(reasonOf(result, 'iaas/20230426.md'), 'symbolic link to something that is not a file; not followed');
  });

  it('a broken symbolic link is skipped', async function () {
    fs.mkdirSync(nodePath.join(repo, 'iaas'));
    if (!trySymlink('nowhere.md', nodePath.join(repo, 'iaas/20230426.md'))) this.skip();
    const result = await build();
    assert.equal(reasonOf(result, 'iaas/20230426.md'), 'broken symbolic link; not followed');
  });

  it('a file deleted between listing and reading is skipped with the reason (NodeWorkspace)', async () => {
    writeFiles(repo, { 'iaas/20230426.md': '# x\n', 'iaas/20230503.md': '# y\n' });
    const root = repo;
    class Vanishing extends NodeWorkspace {
      override async list(options?: ListOptions) {
        const listing = await super.list(options);
        fs.unlinkSync(nodePath.join(root, 'iaas/20230426.md'));
        return listing;
      }
    }
    const result = await build(new Vanishing(repo));
    assert.equal(reasonOf(result, 'iaas/20230426.md'), 'could not be read (it no longer exists)');
    assert.ok(result.index.get('iaas/20230503.md'));
  });

  it('a file deleted between listing and reading is skipped with the reason (MemoryWorkspace)', async () => {
    class Vanishing extends MemoryWorkspace {
      override async read(path: string): Promise<Uint8Array> {
        if (path === 'iaas/20230426.md') throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
        return super.read(path);
      }
    }
    const result = await buildIndex(new Vanishing({ 'iaas/20230426.md': '# x\n', 'ops/20230427.md': '[x](../iaas/20230426.md)\n' }));
    assert.deepEqual(result.skipped, [{ path: 'iaas/20230426.md', reason: 'could not be read (it no longer exists)' }]);
    assert.deepEqual(checkAll(result.index), [], 'the listed path still counts as existing for links');
  });

  it('a link to ../../etc/passwd is reported and nothing outside the repository is read', async () => {
    fs.writeFileSync(nodePath.join(dir!, 'outside.md'), '# outside\n');
    writeFiles(repo, {
      'iaas/20230426.md': '# x\n\n[p](../../etc/passwd) [q](../../outside.md) [r](/../../outside.md) <file:///etc/passwd>\n',
      '.git/config': '[remote "origin"]\n\turl = https://github.com/o/r.git\n',
    });
    const ws = new RecordingWorkspace(repo);
    const result = await build(ws);
    const diags = checkAll(result.index);
    assert.deepEqual(diags.map((d) => [d.severity, d.data?.reason]), [['error', 'outside'], ['error', 'outside'], ['error', 'outside'], ['warning', 'local-file']]);
    assert.match(diags[0].message, /`\.\.\/\.\.\/etc\/passwd` leads out of the repository/);
    const listed = new Set((await ws.list()).entries.map((e) => e.path));
    for (const p of [...ws.reads, ...ws.stats]) {
      assert.ok(listed.has(p) || p === '.git/config' || (GIT_BRANCH_FILES as readonly string[]).includes(p) || p === '.minutes.jsonc', `read or stat outside the listing: ${p}`);
      assert.ok(!p.includes('..') && !nodePath.isAbsolute(p), p);
    }
    assert.ok(ws.reads.includes('iaas/20230426.md'));
    await assert.rejects(ws.read('../outside.md'), /outside the repository/);
  });

  it('names that merely start with two dots are inside the repository', async function () {
    writeFiles(repo, { '..archive/20230426.md': '# old\n', '..notes.md': '# notes\n\n[a](/..archive/20230426.md)\n' });
    fs.mkdirSync(nodePath.join(repo, 'iaas'));
    const linked = trySymlink('../..notes.md', nodePath.join(repo, 'iaas/notes.md'));
    const result = await build();
    assert.deepEqual(result.skipped, []);
    assert.ok(result.index.get('..archive/20230426.md'));
    assert.ok(result.index.get('..notes.md'));
    if (linked) assert.ok(result.index.get('iaas/notes.md'), 'a link to a file named ..notes.md is a link inside');
    assert.deepEqual(checkAll(result.index), []);
  });

  it('a folder with no minutes: the CLI says so and still checks its links', async () => {
    const empty = nodePath.join(dir!, 'notes');
    writeFiles(empty, { 'README.md': '# Notes\n\n[x](missing.md)\n', 'misc/plan.md': '# Plan\n', 'misc/image.png': 'png' });
    const io = fakeIo(dir!);
    assert.equal(await main(['check', 'notes'], io.io), 1);
    assert.match(io.stdout(), /README\.md:3:\d+: error broken-link: .*missing\.md/);
    assert.match(io.stderr(), /minutes: no minutes found in .*notes .*checking links and markup only/);
  });
});
