// A warm `minutes check --cache` reuses the last run's findings when no input of the rules changed,
// and only then: any change to a Markdown file, a path, the configuration, the git remotes or the
// arguments checks anew.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { main } from '../../src/cli/main';
import { FIXTURE, cleanup, fakeIo, makeTempDir, writeFiles } from './helpers';
import { MemoryWorkspace } from './memoryWorkspace';
import { ReadOnceWorkspace } from '../../src/cli/findingsCache';

describe('cli: check --cache reuses findings when nothing changed', function () {
  this.timeout(60_000);
  let repo: string;
  let cacheDir: string;
  let parseCache: string;
  let findings: string;

  beforeEach(() => {
    repo = makeTempDir('minutes-findings-');
    fs.cpSync(FIXTURE, repo, { recursive: true });
    cacheDir = makeTempDir('minutes-findings-cache-');
    parseCache = nodePath.join(cacheDir, 'parsed.json');
    findings = nodePath.join(cacheDir, 'parsed.findings.json');
  });
  afterEach(() => {
    cleanup(repo);
    cleanup(cacheDir);
  });

  async function check(...extra: string[]) {
    const io = fakeIo(repo);
    const code = await main(['check', '.', '--cache-location', parseCache, ...extra], io.io);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  }

  /**
   * Runs once to fill the caches, then removes the parse cache so a run that builds the index shows:
   * a build writes it anew (a cache with nothing in it misses every file), reused findings leave it
   * absent. (The cache is never written over a file that is not a cache, so it cannot be marked.)
   */
  async function warmed(...extra: string[]) {
    const first = await check(...extra);
    assert.ok(fs.existsSync(findings), 'the findings are kept beside the parse cache');
    fs.rmSync(parseCache);
    return first;
  }
  const indexBuilt = () => fs.existsSync(parseCache);

  it('prints the same findings, exit code and summary without building the index', async () => {
    for (const format of ['text', 'json', 'github', 'sarif']) {
      fs.rmSync(findings, { force: true });
      const first = await warmed('--format', format);
      const again = await check('--format', format);
      assert.equal(indexBuilt(), false, `${format}: nothing changed, so nothing is parsed`);
      assert.deepEqual(again, first, format);
    }
  });

  it('checks anew when a Markdown file changes', async () => {
    const first = await warmed('--format', 'json');
    fs.appendFileSync(nodePath.join(repo, 'iaas/20261104.md'), '\nSee [gone](20261105.md).\n');
    const after = await check('--format', 'json');
    assert.equal(indexBuilt(), true);
    assert.notDeepEqual(after.stdout, first.stdout);
    assert.ok((JSON.parse(after.stdout) as Array<{ file: string; message: string }>).some((f) => f.file === 'iaas/20261104.md' && /`iaas\/20261105\.md` does not exist/.test(f.message)), after.stdout);
  });

  it('checks anew when a linked path appears, and when the configuration or the remotes change', async () => {
    const first = await warmed('--format', 'json');
    const broken = (JSON.parse(first.stdout) as Array<{ message: string; rule: string }>).filter((f) => f.rule === 'broken-link' && /`iaas\/20261118\.md` does not exist/.test(f.message));
    assert.ok(broken.length > 0, 'the fixture links a missing file');
    writeFiles(repo, { 'iaas/20261118.txt': 'not the file' });
    await check('--format', 'json');
    assert.equal(indexBuilt(), true, 'a new path');

    fs.rmSync(parseCache, { force: true });
    await check('--format', 'json');
    assert.equal(indexBuilt(), false, 'nothing changed since');

    writeFiles(repo, { '.minutes.jsonc': '{ "rules": { "broken-link": "off" } }\n' });
    const off = await check('--format', 'json');
    assert.equal(indexBuilt(), true, 'the configuration');
    assert.ok(!(JSON.parse(off.stdout) as Array<{ rule: string }>).some((f) => f.rule === 'broken-link'));

    fs.rmSync(parseCache, { force: true });
    writeFiles(repo, { '.git/config': '[remote "origin"]\n\turl = https://github.com/other/minutes.git\n' });
    await check('--format', 'json');
    assert.equal(indexBuilt(), true, 'the git remotes');
  });

  it('checks anew for other arguments (rules, paths) and never reuses findings with --fix', async () => {
    await warmed('--format', 'json');
    const one = await check('--format', 'json', '--rule', 'empty-link');
    assert.equal(indexBuilt(), true);
    for (const f of JSON.parse(one.stdout) as Array<{ rule: string }>) assert.equal(f.rule, 'empty-link');

    fs.rmSync(parseCache, { force: true });
    const io = fakeIo(repo);
    await main(['check', 'iaas', '--format', 'json', '--cache-location', parseCache], io.io);
    assert.equal(indexBuilt(), true, 'another scope');
    for (const f of JSON.parse(io.stdout()) as Array<{ file: string }>) assert.match(f.file, /^iaas\//);

    fs.rmSync(parseCache, { force: true });
    await check('--fix');
    assert.equal(indexBuilt(), true, '--fix');
  });
  it('treats the findings file as untrusted: a damaged or crafted one is a miss, a pipe is not read, nothing is written through it', async () => {
    const first = await warmed('--format', 'json');
    const kept = JSON.parse(fs.readFileSync(findings, 'utf8')) as { format: string; fingerprint: string; record: { diagnostics: unknown[] } };
    // Same fingerprint, a diagnostic whose fields are off: checked anew, same findings, no crash.
    for (const bad of [{ path: 1 }, { path: 'a.md', rule: 'x', message: 'm', severity: 'fatal', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, null]) {
      fs.writeFileSync(findings, JSON.stringify({ ...kept, record: { ...kept.record, diagnostics: [bad] } }));
      fs.rmSync(parseCache, { force: true });
      const again = await check('--format', 'json');
      assert.equal(indexBuilt(), true, JSON.stringify(bad));
      assert.equal(again.stdout, first.stdout);
    }
    // A named pipe where the findings file is: skipped without blocking, and not replaced.
    if (process.platform !== 'win32') {
      fs.rmSync(findings);
      require('node:child_process').execFileSync('mkfifo', [findings]);
      const again = await check('--format', 'json');
      assert.equal(again.stdout, first.stdout);
      assert.match(again.stderr, /not a regular file; not overwritten/);
      assert.ok(fs.lstatSync(findings).isFIFO());
    }
  });
});

describe('the warm fingerprint reads ahead', () => {
  /** A workspace whose reads take a while, each its own time, and which counts the reads in flight. */
  class SlowWorkspace extends MemoryWorkspace {
    inFlight = 0;
    mostInFlight = 0;
    constructor(files: Record<string, string>, private readonly delays: (path: string) => number) {
      super(files);
    }
    override async read(path: string): Promise<Uint8Array> {
      this.inFlight++;
      this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, this.delays(path)));
        return await super.read(path);
      } finally {
        this.inFlight--;
      }
    }
  }

  it('gives the same fingerprint whatever order the reads finish in, with a bounded number in flight', async () => {
    const files: Record<string, string> = { 'README.md': '# Minutes\n', 'logo.png': 'png' };
    for (let i = 0; i < 60; i++) files[`team${i % 3}/202301${String((i % 28) + 1).padStart(2, '0')}-${i}.md`] = `# Meeting ${i}\n\n- item ${i}\n`;
    const inOrder = await new ReadOnceWorkspace(new MemoryWorkspace(files)).fingerprint('salt');
    const slow = new SlowWorkspace(files, (path) => (path.length * 7) % 5);
    assert.equal(await new ReadOnceWorkspace(slow).fingerprint('salt'), inOrder);
    assert.ok(slow.mostInFlight > 1, 'reads overlap');
    assert.ok(slow.mostInFlight <= 16, `at most 16 reads in flight (${slow.mostInFlight})`);
    // A change to one file's content changes the fingerprint.
    const changed = { ...files, 'team1/20230102-1.md': '# Meeting 1, changed\n' };
    assert.notEqual(await new ReadOnceWorkspace(new SlowWorkspace(changed, () => 1)).fingerprint('salt'), inOrder);
  });

  it('keeps large files from piling up in flight (by their listed sizes)', async () => {
    const big = 'x'.repeat(6 * 1024 * 1024);
    const files: Record<string, string> = {};
    for (let i = 0; i < 8; i++) files[`notes/big-${i}.md`] = big;
    const slow = new SlowWorkspace(files, () => 2);
    await new ReadOnceWorkspace(slow).fingerprint('salt');
    // 16 MB of listed bytes at most: two 6 MB files, plus the one being hashed when it was read alone.
    assert.ok(slow.mostInFlight <= 3, `large files in flight: ${slow.mostInFlight}`);
  });
});
