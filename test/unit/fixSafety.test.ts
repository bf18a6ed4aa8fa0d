// `minutes check --fix` must never damage a file: it changes only the fixed ranges (BOM and line
// endings kept), a second run writes nothing, a kill at any moment leaves each file whole (the
// original or the fixed version), and a file that changed since it was indexed is left alone.
import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { buildIndex } from '../../src/core/build';
import { checkAll, checkFile } from '../../src/core/check';
import { safeEdits } from '../../src/core/fix';
import { fixFiles } from '../../src/cli/fixFiles';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { builtCli, FIXTURE, ROOT, cleanup, listFiles, makeTempDir, writeFiles } from './helpers';


function runCli(cli: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}


interface FileState {
  bytes: Buffer;
  ino: number;
  mtimeMs: number;
  mode: number;
}

function stateOf(root: string): Map<string, FileState> {
  const out = new Map<string, FileState>();
  for (const rel of listFiles(root)) {
    const abs = nodePath.join(root, ...rel.split('/'));
    const s = fs.statSync(abs);
    out.set(rel, { bytes: fs.readFileSync(abs), ino: s.ino, mtimeMs: s.mtimeMs, mode: s.mode });
  }
  return out;
}

/** Lines with their line breaks: `a\r\nb\n` → [['a', '\r\n'], ['b', '\n']]. */
function linesOf(bytes: Buffer): Array<[string, string]> {
  const text = bytes.toString('utf8');
  const out: Array<[string, string]> = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\r' && c !== '\n') continue;
    const eol = c === '\r' && text[i + 1] === '\n' ? '\r\n' : c;
    out.push([text.slice(start, i), eol]);
    i += eol.length - 1;
    start = i + 1;
  }
  out.push([text.slice(start), '']);
  return out;
}

const TEMP = /^\.(.+)\.minutes-(\d+)\.tmp$/;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('--fix: only the fixed ranges change', function () {
  this.timeout(180_000);
  let dir: string;
  let repo: string;
  let cli: string;
  const original = new Map<string, Buffer>();

  before(async () => {
    cli = await builtCli();
    dir = makeTempDir('minutes-fix-');
    repo = nodePath.join(dir, 'repo');
    fs.cpSync(FIXTURE, repo, { recursive: true });
    for (const rel of listFiles(repo)) original.set(rel, fs.readFileSync(nodePath.join(repo, rel)));
  });

  after(() => cleanup(dir));

  it('keeps the BOM and CRLF of every file and each byte outside the fixed ranges; a second run writes nothing', async () => {
    const read = (rel: string) => fs.readFileSync(nodePath.join(repo, rel));
    const write = (rel: string, bytes: Buffer | string) => fs.writeFileSync(nodePath.join(repo, rel), bytes);
    // Defects with safe fixes in the files that have a BOM and CRLF line endings: fixed, they are the originals again.
    const bomFile = 'ops/20261112.md';
    const crlfFile = 'community-call/20261203.md';
    assert.ok(read(bomFile).subarray(0, 3).equals(BOM), `${bomFile} has a BOM`);
    assert.ok(read(crlfFile).includes('\r\n## Meta\r\n'), `${crlfFile} has CRLF line endings and a Meta section`);
    write(bomFile, Buffer.from(read(bomFile).toString('utf8').replace('\n## Agenda\n', '\n##Agenda\n')));
    write(crlfFile, read(crlfFile).toString('utf8').replace('\r\n## Meta\r\n', '\r\n##Meta\r\n'));
    // A file with a defect of its own, turned into BOM + CRLF.
    const both = 'ops/20261208.md';
    const plain = read(both).toString('utf8');
    assert.ok(plain.includes('\n##Agenda\n') && !plain.includes('\r'), `${both} has ##Agenda and LF line endings`);
    write(both, Buffer.concat([BOM, Buffer.from(plain.replace(/\n/g, '\r\n'))]));
    const wanted = new Map<string, Buffer>([
      [bomFile, original.get(bomFile)!],
      [crlfFile, original.get(crlfFile)!],
      [both, Buffer.concat([BOM, Buffer.from(plain.replace('\n##Agenda\n', '\n## Agenda\n').replace(/\n/g, '\r\n'))])],
    ]);

    // What the safe fixes touch, as the core computes it (lines of each edit, per file).
    const { index } = await buildIndex(new NodeWorkspace(repo));
    const touched = new Map<string, Set<number>>();
    for (const file of index.markdownFiles()) {
      const edits = safeEdits(checkFile(index, file.path));
      if (!edits.length) continue;
      const lines = new Set<number>();
      for (const e of edits) for (let l = e.range.start.line; l <= e.range.end.line; l++) lines.add(l);
      touched.set(file.path, lines);
    }
    for (const p of wanted.keys()) assert.ok(touched.has(p), `a safe fix in ${p}`);
    assert.ok(touched.size >= 5, `safe fixes in ${touched.size} files`);

    const before = stateOf(repo);
    const first = await runCli(cli, ['check', repo, '--fix'], dir);
    assert.ok(first.code === 0 || first.code === 1, first.stderr);
    assert.doesNotMatch(first.stderr, /internal error|not fixed/);
    const after = stateOf(repo);
    assert.deepEqual([...after.keys()], [...before.keys()], 'no file added (no temporary file left) or removed');

    for (const [rel, was] of before) {
      const now = after.get(rel)!;
      const lines = touched.get(rel);
      if (!lines) {
        assert.ok(now.bytes.equals(was.bytes), `${rel} has no safe fix and must not change`);
        assert.equal(now.ino, was.ino, `${rel} was not rewritten`);
        continue;
      }
      assert.match(first.stderr, new RegExp(`^${rel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: fixed \\d+ problems?$`, 'm'));
      assert.equal(now.mode, was.mode, `${rel} keeps its permissions`);
      assert.equal(now.bytes.subarray(0, 3).equals(BOM), was.bytes.subarray(0, 3).equals(BOM), `${rel} keeps its BOM (or its lack of one)`);
      const a = linesOf(was.bytes);
      const b = linesOf(now.bytes);
      assert.equal(b.length, a.length, `${rel}: as many lines`);
      for (let i = 0; i < a.length; i++) {
        assert.equal(JSON.stringify(b[i][1]), JSON.stringify(a[i][1]), `${rel}:${i + 1}: the same line ending`);
        if (!lines.has(i)) assert.equal(b[i][0], a[i][0], `${rel}:${i + 1} is outside every fixed range and must not change`);
      }
      const exact = wanted.get(rel);
      if (exact) assert.ok(now.bytes.equals(exact), `${rel} is exactly as expected:\n${JSON.stringify(now.bytes.toString('utf8').slice(0, 300))}`);
    }

    // Idempotent: nothing left to fix, nothing written (the same inodes and times), nothing added.
    const second = await runCli(cli, ['check', repo, '--fix'], dir);
    assert.doesNotMatch(second.stderr, /fixed \d+ problem/, second.stderr);
    const again = stateOf(repo);
    assert.deepEqual([...again.keys()], [...after.keys()]);
    for (const [rel, s] of after) {
      const t = again.get(rel)!;
      assert.ok(t.bytes.equals(s.bytes), `${rel} changed on the second run`);
      assert.equal(t.ino, s.ino, `${rel} was rewritten on the second run`);
      assert.equal(t.mtimeMs, s.mtimeMs, `${rel} was touched on the second run`);
    }
  });
});

describe('--fix: a file changed on disk since it was indexed', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = makeTempDir('minutes-fix-');
    writeFiles(dir, {
      'iaas/20230419.md': '# IaaS 2023-04-19\n\n##Agenda\n\n- a\n',
      'iaas/20230426.md': '# IaaS 2023-04-26\n\n##Agenda\n\n- b\n',
      'ops/20230427.md': '# Ops 2023-04-27\n\n##Agenda\n\n- c\n',
    });
  });

  afterEach(() => cleanup(dir));

  it('is refused and left as it is now; the other files are fixed', async () => {
    const { index } = await buildIndex(new NodeWorkspace(dir));
    const changed = '# IaaS 2023-04-26\n\n##Agenda\n\n- b, edited meanwhile\n';
    fs.writeFileSync(nodePath.join(dir, 'iaas/20230426.md'), changed);
    const report = await fixFiles(dir, index, ['iaas/20230419.md', 'iaas/20230426.md', 'ops/20230427.md']);
    assert.deepEqual(report.refused, [{ path: 'iaas/20230426.md', reason: 'changed on disk while checking; not rewritten' }]);
    assert.deepEqual([...report.fixed.keys()], ['iaas/20230419.md', 'ops/20230427.md']);
    assert.equal(fs.readFileSync(nodePath.join(dir, 'iaas/20230426.md'), 'utf8'), changed);
    assert.equal(fs.readFileSync(nodePath.join(dir, 'ops/20230427.md'), 'utf8'), '# Ops 2023-04-27\n\n## Agenda\n\n- c\n');
    assert.deepEqual(listFiles(dir), ['iaas/20230419.md', 'iaas/20230426.md', 'ops/20230427.md'], 'no temporary file left');
  });

  it('a change that keeps the size and the first bytes is noticed too', async () => {
    const { index } = await buildIndex(new NodeWorkspace(dir));
    fs.writeFileSync(nodePath.join(dir, 'iaas/20230426.md'), '# IaaS 2023-04-26\n\n##Agenda\n\n- B\n');
    const report = await fixFiles(dir, index, ['iaas/20230426.md']);
    assert.deepEqual(report.refused.map((r) => r.path), ['iaas/20230426.md']);
    assert.equal(fs.readFileSync(nodePath.join(dir, 'iaas/20230426.md'), 'utf8'), '# IaaS 2023-04-26\n\n##Agenda\n\n- B\n');
  });

  it('a file that became invalid UTF-8 is refused, not rewritten', async () => {
    const { index } = await buildIndex(new NodeWorkspace(dir));
    const bytes = Buffer.concat([Buffer.from('# IaaS 2023-04-26\n\n##Agenda\n\n- '), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    fs.writeFileSync(nodePath.join(dir, 'iaas/20230426.md'), bytes);
    const report = await fixFiles(dir, index, ['iaas/20230426.md']);
    assert.deepEqual(report.refused, [{ path: 'iaas/20230426.md', reason: 'not valid UTF-8; not rewritten' }]);
    assert.ok(fs.readFileSync(nodePath.join(dir, 'iaas/20230426.md')).equals(bytes));
  });

  // Fixed (was a bug): fixFiles reads each file with a bare `await fs.readFile(abs)`: a file deleted (or made
  // unreadable) after indexing throws out of fixFiles, the CLI prints `minutes: internal error: it no
  // longer exists` and exits 2, and every file after it in the list stays unfixed. Suggested fix:
  // catch the read (and the write) per file in src/cli/fixFiles.ts and push
  // `{ path, reason: 'could not be read (…); not rewritten' }` to report.refused, then go on.
  it('a file deleted since it was indexed is refused with a reason; the files after it are still fixed', async () => {
    const { index } = await buildIndex(new NodeWorkspace(dir));
    fs.unlinkSync(nodePath.join(dir, 'iaas/20230419.md'));
    const report = await fixFiles(dir, index, ['iaas/20230419.md', 'iaas/20230426.md', 'ops/20230427.md']);
    assert.equal(report.refused.length, 1);
    assert.equal(report.refused[0].path, 'iaas/20230419.md');
    assert.match(report.refused[0].reason, /no longer exists|could not be read/);
    assert.deepEqual([...report.fixed.keys()], ['iaas/20230426.md', 'ops/20230427.md']);
  });

  // Fixed (was a bug): writeAtomic renames its temporary file onto the path it was given: a Markdown file that
  // is a symbolic link to another file in the repository becomes a regular file (a copy), and the
  // link is gone. Suggested fix: in src/cli/fixFiles.ts, resolve the real path first
  // (fs.realpath) and write the temporary file beside the target and rename onto the target,
  // fixing each real file once; or refuse links (`a symbolic link; fix its target instead`).
  it('a symbolic link stays a link (its target is fixed, once)', async function () {
    try {
      fs.symlinkSync('../ops/20230427.md', nodePath.join(dir, 'iaas/20230427.md'));
    } catch {
      this.skip();
    }
    const { index } = await buildIndex(new NodeWorkspace(dir));
    await fixFiles(dir, index, [...index.markdownFiles()].map((f) => f.path).sort());
    assert.ok(fs.lstatSync(nodePath.join(dir, 'iaas/20230427.md')).isSymbolicLink(), 'still a symbolic link');
    assert.equal(fs.readFileSync(nodePath.join(dir, 'ops/20230427.md'), 'utf8'), '# Ops 2023-04-27\n\n## Agenda\n\n- c\n');
  });
});

describe('--fix: safe fixes edit what they name', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = makeTempDir('minutes-fix-');
  });

  afterEach(() => cleanup(dir));

  // Fixed (was a bug): rangeInHeading (src/core/titleAndFileDates.ts) computes `at = heading.source.indexOf(needle)`
  // in the whole line (`source` is the line's text, indentation included) and then adds
  // `heading.range.start.character` (the column of the first `#`): for a title indented by 1–3
  // spaces, title-date's range is that many columns too far right (reported at 1:20 instead of
  // 1:18 below), and its safe "copied pad" fix overwrites the wrong characters:
  // `  # IaaS Meeting 2023-04-19` becomes `  # IaaS Meeting 202023-04-26`. Suggested fix: take
  // `start = at` (the column in the line), or make `source` start at the heading's first column.
  it('an indented title: the copied date is replaced, not the characters beside it', async () => {
    const files: Record<string, string> = {};
    for (const d of ['2023-03-22', '2023-03-29', '2023-04-05', '2023-04-12', '2023-04-19']) files[`iaas/${d.replace(/-/g, '')}.md`] = `# IaaS Meeting ${d}\n\n## Participants\n\n- @a\n`;
    files['iaas/20230426.md'] = '  # IaaS Meeting 2023-04-19\n\n## Participants\n\n- @a\n';
    writeFiles(dir, files);
    const { index } = await buildIndex(new NodeWorkspace(dir));
    const finding = checkFile(index, 'iaas/20230426.md').find((d) => d.rule === 'title-date');
    assert.deepEqual(finding?.range, { start: { line: 0, character: 17 }, end: { line: 0, character: 27 } });
    await fixFiles(dir, index, ['iaas/20230426.md']);
    assert.equal(fs.readFileSync(nodePath.join(dir, 'iaas/20230426.md'), 'utf8').split('\n')[0], '  # IaaS Meeting 2023-04-26');
  });
});

describe('--fix: killed at any moment', function () {
  this.timeout(300_000);
  const TEAMS = 12;
  const PER_TEAM = 50;
  let dir: string;
  let repo: string;
  let cli: string;
  const original = new Map<string, Buffer>();
  const fixed = new Map<string, Buffer>();

  before(async () => {
    cli = await builtCli();
    dir = makeTempDir('minutes-kill-');
    repo = nodePath.join(dir, 'repo');
    for (let t = 0; t < TEAMS; t++) {
      const team = `team${String(t).padStart(2, '0')}`;
      fs.mkdirSync(nodePath.join(repo, team), { recursive: true });
      for (let i = 0; i < PER_TEAM; i++) {
        const iso = new Date(Date.UTC(2020, 0, 1 + i * 7)).toISOString().slice(0, 10);
        const rel = `${team}/${iso.replace(/-/g, '')}.md`;
        // A few kilobytes each, so that a write takes a moment; every tenth file with CRLF and a BOM.
        const body = `# Team ${t} Meeting ${iso}\n\n## Participants\n\n- @alice\n- @bob\n\n##Agenda\n\n- the ${i}th meeting of team ${t}\n${'- an item of the agenda, long enough to make the file a few kilobytes\n'.repeat(20)}\n## Action items\n\n- none\n`;
        const encode = (text: string) => (i % 10 === 0 ? Buffer.concat([BOM, Buffer.from(text.replace(/\n/g, '\r\n'))]) : Buffer.from(text));
        original.set(rel, encode(body));
        fixed.set(rel, encode(body.replace('\n##Agenda\n', '\n## Agenda\n')));
        fs.writeFileSync(nodePath.join(repo, rel), original.get(rel)!);
      }
    }
  });

  after(() => cleanup(dir));

  /** Every Markdown file is exactly the original or exactly the fixed version; returns how many are fixed, and the stray files. */
  function verify(): { fixedCount: number; temps: string[] } {
    let fixedCount = 0;
    const temps: string[] = [];
    for (const rel of listFiles(repo)) {
      const bytes = fs.readFileSync(nodePath.join(repo, rel));
      const was = original.get(rel);
      if (!was) {
        assert.match(nodePath.posix.basename(rel), TEMP, `a stray file that is not a --fix temporary file: ${rel}`);
        temps.push(rel);
        continue;
      }
      if (bytes.equals(fixed.get(rel)!)) fixedCount++;
      else assert.ok(bytes.equals(was), `${rel} is neither the original nor the fixed version (${bytes.length} bytes, expected ${was.length} or ${fixed.get(rel)!.length}): a torn write`);
    }
    for (const rel of original.keys()) assert.ok(fs.existsSync(nodePath.join(repo, rel)), `${rel} is gone`);
    return { fixedCount, temps };
  }

  it('every file is the original or the fixed version, never a mix; a re-run finishes the job and ignores the leftovers', async () => {
    const paths = [...original.keys()].sort();
    const delays: number[] = [];
    let done = 0;
    for (let kill = 0; kill < 3; kill++) {
      const pending = paths.filter((p) => fs.readFileSync(nodePath.join(repo, p)).equals(original.get(p)!));
      if (pending.length < 50) break;
      // The fix phase has begun once the first file still to fix is replaced (the index comes first).
      const watch = nodePath.join(repo, pending[0]);
      const inode = fs.statSync(watch).ino;
      const child = spawn(process.execPath, [cli, 'check', repo, '--fix'], { cwd: dir, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      let ended = false;
      void exited.then(() => (ended = true));
      const deadline = Date.now() + 120_000;
      while (!ended && fs.statSync(watch).ino === inode && Date.now() < deadline) await new Promise((r) => setTimeout(r, 3));
      assert.ok(!ended, 'the run ended before it was killed: too few files to catch it in the act');
      const delay = Math.floor(Math.random() * 400);
      delays.push(delay);
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      const { fixedCount } = verify();
      assert.ok(fixedCount > done, `progress after kill ${kill + 1}: ${fixedCount} fixed (was ${done})`);
      done = fixedCount;
    }
    assert.ok(delays.length >= 2, `killed ${delays.length} times`);

    // What a kill between writing a temporary file and renaming it leaves (the kills above may or
    // may not have hit that moment): half a file under the temporary name.
    const stale = `${paths[0].split('/')[0]}/.${paths[0].split('/')[1]}.minutes-999999.tmp`;
    fs.writeFileSync(nodePath.join(repo, stale), fixed.get(paths[0])!.subarray(0, 100));

    // A run to the end fixes the rest.
    const last = await runCli(cli, ['check', repo, '--fix'], dir);
    assert.equal(last.code, 0, last.stderr);
    const { fixedCount, temps } = verify();
    assert.equal(fixedCount, paths.length, 'every file fixed in the end');
    // Temporary files of killed runs: ignored by the indexer (not Markdown, no findings, not counted) …
    const result = await buildIndex(new NodeWorkspace(repo));
    assert.equal(result.markdownFiles, paths.length, 'temporary files are not indexed as Markdown');
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(checkAll(result.index).map((d) => `${d.path} ${d.rule}`), []);
    assert.doesNotMatch(last.stderr, /\.tmp/);
    assert.ok(temps.includes(stale) || !fs.existsSync(nodePath.join(repo, stale)));
    // … and, if any are left, never cleaned up by a later run (reported, not failed: they are harmless but clutter `git status`).
    if (temps.length) console.log(`      note: ${temps.length} temporary file(s) of killed runs left behind and not cleaned by a re-run (kill delays ${delays.join(', ')} ms), e.g. ${temps[0]}`);
  });
});
