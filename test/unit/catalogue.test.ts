// The bad-input catalogue, beyond badInput.test.ts (which has CRLF, a BOM, an empty file, invalid
// UTF-8, NUL bytes and a PNG saved as .md, UTF-16, a 30 MB file unread, unsized and growing files,
// file symlink loops and links out, a named pipe, files deleted before reading, ../../etc/passwd
// and file:///etc/passwd, `..name` files, a folder with no minutes): each entry here is one test
// with the message or skip reason the product gives. Entries that fail today are `it.skip` with a
// `// BUG:` comment saying what goes wrong, where, and a suggested fix.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { buildIndex, DEFAULT_MAX_FILE_SIZE, GIT_BRANCH_FILES, type BuildResult } from '../../src/core/build';
import { checkAll, checkFile } from '../../src/core/check';
import { parseMinutes } from '../../src/core/parse';
import { parseMarkdown } from '../../src/core/markdown';
import { fixFiles } from '../../src/cli/fixFiles';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { main } from '../../src/cli/main';
import type { ListOptions } from '../../src/core/workspace';
import { MemoryWorkspace } from './memoryWorkspace';
import { RecordingWorkspace, reasonOf, trySymlink, builtCli, ROOT, OPS_MINUTES, cleanup, cpuMs, fakeIo, makeTempRepo, runNode, writeFiles } from './helpers';

const GH = 'https://github.com/example-org/minutes/blob/main';

describe('bad-input catalogue', function () {
  this.timeout(120_000);
  let dir: string | undefined;
  let repo: string;

  beforeEach(() => {
    // every test repository has dated minutes, so it is indexed as a minutes repository
    ({ dir, repo } = makeTempRepo('minutes-catalogue-', OPS_MINUTES));
  });

  afterEach(() => {
    cleanup(dir);
    dir = undefined;
  });

  const build = (ws: NodeWorkspace = new NodeWorkspace(repo)): Promise<BuildResult> => buildIndex(ws);

  // ---- line endings and encodings ----------------------------------------------------------

  it('mixed line endings (LF, CRLF and CR in one file): each finding on its own line and column; a fix keeps every line ending', async () => {
    const text = '# IaaS 2023-04-26\n[a](../ops/a.md)\r\n  [b](../ops/b.md)\r    [c](../ops/c.md)\n\r\n##Agenda\r[d](../ops/d.md)';
    writeFiles(repo, { 'iaas/20230426.md': text });
    const result = await build();
    const file = result.index.get('iaas/20230426.md');
    assert.equal(file?.doc.lineCount, 7);
    const diags = checkFile(result.index, 'iaas/20230426.md');
    const at = (rule: string) => diags.filter((d) => d.rule === rule).map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
    assert.deepEqual(at('broken-link'), [[1, 4, 1, 15], [2, 6, 2, 17], [3, 8, 3, 19], [6, 4, 6, 15]]);
    assert.deepEqual(at('markup'), [[5, 0, 5, 2]]);
    const io = fakeIo(repo);
    assert.equal(await main(['check', '.', '--rule', 'broken-link'], io.io), 1);
    assert.deepEqual(io.stdout().trimEnd().split('\n').map((l) => l.replace(/ error .*/, '')), ['iaas/20230426.md:2:5:', 'iaas/20230426.md:3:7:', 'iaas/20230426.md:4:9:', 'iaas/20230426.md:7:5:']);
    const report = await fixFiles(repo, result.index, ['iaas/20230426.md']);
    assert.deepEqual([...report.fixed], [['iaas/20230426.md', 1]]);
    assert.equal(fs.readFileSync(nodePath.join(repo, 'iaas/20230426.md'), 'utf8'), text.replace('##Agenda', '## Agenda'));
  });

  it('a NUL byte after the first 8 000 bytes: indexed as text, as git would (it looks at the first 8 000 bytes)', async () => {
    const head = '# IaaS 2023-04-26\n\n' + 'Plain prose of the minutes, line after line.\n'.repeat(200);
    assert.ok(head.length > 8000);
    writeFiles(repo, { 'iaas/20230426.md': Buffer.concat([Buffer.from(head), Buffer.from([0]), Buffer.from(' after a NUL [x](../ops/nope.md)\n')]) });
    const result = await build();
    assert.deepEqual(result.skipped, []);
    const diags = checkAll(result.index);
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0].range.start, { line: 202, character: 18 });
  });

  it('invalid UTF-8 of every kind (stray continuation, overlong, encoded surrogate, cut at the end, after a BOM): indexed with a note, columns count each U+FFFD', async () => {
    const cases: Record<string, Buffer> = {
      'iaas/20230405.md': Buffer.concat([Buffer.from('# x\n\n'), Buffer.from([0x80, 0xbf]), Buffer.from(' [l](../ops/nope.md)\n')]),
      'iaas/20230412.md': Buffer.concat([Buffer.from('# x\n\n'), Buffer.from([0xc0, 0xaf]), Buffer.from(' [l](../ops/nope.md)\n')]),
      'iaas/20230419.md': Buffer.concat([Buffer.from('# x\n\n'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(' [l](../ops/nope.md)\n')]),
      'iaas/20230426.md': Buffer.concat([Buffer.from('# x\n\n[l](../ops/nope.md) '), Buffer.from([0xe2, 0x82])]),
      'iaas/20230503.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# x\n\n'), Buffer.from([0xff]), Buffer.from(' [l](../ops/nope.md)\n')]),
    };
    writeFiles(repo, cases);
    const result = await build();
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(result.notes.map((n) => n.path).sort(), Object.keys(cases).sort());
    for (const n of result.notes) assert.equal(n.reason, 'not valid UTF-8; invalid bytes were read as U+FFFD');
    const columns = Object.fromEntries(checkAll(result.index).filter((d) => d.path.startsWith('iaas/')).map((d) => [d.path, d.range.start.character]));
    // The WHATWG decoder replaces each maximal invalid subsequence: 2, 2, 3 and 1 replacement characters.
    assert.deepEqual(columns, { 'iaas/20230405.md': 7, 'iaas/20230412.md': 7, 'iaas/20230419.md': 8, 'iaas/20230426.md': 4, 'iaas/20230503.md': 6 });
  });

  it('a 30 MB file: the CLI says it is skipped for its size, and checks the rest', async () => {
    const big = nodePath.join(repo, 'iaas/20230426.md');
    fs.mkdirSync(nodePath.dirname(big), { recursive: true });
    const fd = fs.openSync(big, 'w');
    try {
      fs.ftruncateSync(fd, 30 * 1024 * 1024); // sparse: instant, takes no disk space
    } finally {
      fs.closeSync(fd);
    }
    writeFiles(repo, { 'iaas/20230503.md': '# IaaS 2023-05-03\n\n[x](nope.md)\n' });
    const io = fakeIo(repo);
    assert.equal(await main(['check', '.'], io.io), 1);
    const mb = (DEFAULT_MAX_FILE_SIZE / 1024 / 1024).toFixed(1);
    assert.match(io.stderr(), new RegExp(`^iaas/20230426\\.md: skipped: larger than ${mb.replace('.', '\\.')} MB \\(30\\.0 MB\\); not indexed$`, 'm'));
    assert.match(io.stdout(), /^iaas\/20230503\.md:3:5: error broken-link/m);
  });

  // ---- deep nesting and long lines -------------------------------------------------------

  it('a 1 000-level nested list and a 2 000-level block quote parse, without a stack overflow', () => {
    const list = parseMinutes('- '.repeat(1000) + '[x](#nope)\n');
    assert.equal(list.links.length, 1);
    const quote = parseMinutes('> '.repeat(2000) + '[x](#nope)\n');
    assert.equal(quote.links.length, 1);
    assert.deepEqual(quote.links[0].range.start, { line: 0, character: 4004 });
  });

  it('a 5 000-level nested block quote: indexing finishes, no crash; the file is indexed or skipped with a reason, the others indexed', async () => {
    writeFiles(repo, { 'iaas/20230426.md': '> '.repeat(5000) + 'deep\n', 'iaas/20230503.md': '# IaaS 2023-05-03\n' });
    const result = await build();
    assert.ok(result.index.get('iaas/20230503.md'));
    const reason = reasonOf(result, 'iaas/20230426.md');
    assert.ok(result.index.get('iaas/20230426.md') || /^could not be parsed \(.+\)$|^lists or quotes nested more than \d+ levels deep; not indexed$/.test(reason ?? ''), `neither indexed nor skipped with a reason: ${reason}`);
  });

  // Fixed (was a bug): parseMinutes walked the tree by recursion, so a list nested 1 500 deep or a
  // block quote nested 3 000 deep threw "Maximum call stack size exceeded" though the Markdown
  // parser coped. The tree is built and walked with explicit stacks now.
  it('a 1 500-level nested list and a 3 000-level block quote parse (the Markdown parser copes; parseMinutes must too)', () => {
    const list = '- '.repeat(1500) + 'x\n';
    const quote = '> '.repeat(3000) + 'x\n';
    parseMarkdown(list);
    parseMarkdown(quote);
    assert.equal(parseMinutes(list).headings.length, 0);
    assert.equal(parseMinutes(quote).headings.length, 0);
    const deepLink = parseMinutes('- '.repeat(1500) + '[x](y.md)\n');
    assert.equal(deepLink.links.length, 1);
  });

  // BUG (upstream, with a product consequence): for `- - - … x` nested 5 000 deep, the Markdown
  // parser (mdast-util-from-markdown / micromark) itself overflows the stack, after a time
  // quadratic in the depth (≈ 30 s for this 10 KB file on a busy 2-core machine); the file is
  // skipped as "could not be parsed (Maximum call stack size exceeded)". micromark is also
  // quadratic on long loose lists of nested items (`- - - - x` paragraphs: 43 KB take 8 s).
  // Suggested mitigation in src/core/parse.ts: before parsing, refuse (skip with a reason such as
  // "nested deeper than 1 000 levels; not indexed") a text whose list/quote nesting on one line
  // exceeds a bound — a cheap line scan of leading `- `/`* `/`1. `/`> ` markers — and parse in the
  // CLI's workers with a time budget.
  it.skip('a 5 000-level nested list parses and finishes', function () {
    this.timeout(600_000);
    const doc = parseMinutes('- '.repeat(5000) + '[x](#nope)\n');
    assert.equal(doc.links.length, 1);
  });

  // What the product does about it: such a file is not given to the parser at all.
  it('a 5 000-level nested list is skipped at once with the reason, the other files indexed', async function () {
    this.timeout(60_000);
    const ws = new MemoryWorkspace({ 'iaas/20230426.md': '- '.repeat(5000) + '[x](#nope)\n', 'iaas/20230503.md': '# 2023-05-03\n\n- one\n  - two\n' });
    const result = await buildIndex(ws);
    assert.match(reasonOf(result, 'iaas/20230426.md') ?? '', /^lists or quotes nested more than \d+ levels deep; not indexed$/);
    assert.ok(result.index.get('iaas/20230503.md'));
  });

  it('a single 1 MB line of prose parses in linear time (1 MB costs at most 24 × what 128 KB costs)', function () {
    this.timeout(300_000);
    const words = ['minutes', 'of the', '*meeting*', '`code`', '@alice', '2023-04-26', 'and', 'so', 'on', '**bold**', '~~old~~', 'www', 'a.b', 'x_y'];
    const line = (size: number) => {
      let out = '';
      for (let i = 0; out.length < size; i++) out += words[(i * 7) % words.length] + ' ';
      return out;
    };
    const small = line(128 * 1024);
    const large = line(1024 * 1024);
    parseMinutes(small.slice(0, 16 * 1024)); // warm up
    const a = cpuMs(() => parseMinutes(small));
    const b = cpuMs(() => parseMinutes(large));
    assert.ok(b <= 24 * Math.max(a, 10), `128 KB: ${a.toFixed(0)} ms, 1 MB: ${b.toFixed(0)} ms CPU (ratio ${(b / a).toFixed(1)}; a quadratic step would be 64)`);
  });

  // Fixed (was a bug): on one long line with many links, each link costs a pass over the whole line: addLink in
  // src/core/parse.ts calls `lines.lineText(line)` (a copy of the line) and runs WAITING and
  // WAITING_REMARK over it for every link, and `comments.some(...)` scans every comment: O(links ×
  // line length). A 128 KB line of `[a](b) ` takes ≈ 11 s on top of the parser's 8 s; a 1 MB line
  // (150 000 links) does not finish in 5 minutes (the CLI and the extension host hang). The same
  // for `<a href>` HTML on one line. Suggested fix: compute the line's text, `waiting` and
  // `waitingRange` once per line (a Map from line number), and keep comment spans sorted (binary
  // search) instead of `some`.
  it('a 128 KB line of links: parseMinutes costs at most twice what the Markdown parser alone costs', function () {
    this.timeout(300_000);
    const text = '[a](b.md) '.repeat(13_000);
    parseMinutes(text.slice(0, 10_000)); // warm up
    const tree = cpuMs(() => parseMarkdown(text));
    const minutes = cpuMs(() => parseMinutes(text));
    assert.ok(minutes <= 2 * tree + 300, `parser: ${tree.toFixed(0)} ms, parseMinutes: ${minutes.toFixed(0)} ms CPU`);
  });

  // ---- symbolic links and paths out of the repository -------------------------------------------

  it('a loop through two folder links (a/up → ../b, b/up → ../a) ends; neither link is followed', async function () {
    fs.mkdirSync(nodePath.join(repo, 'a'));
    fs.mkdirSync(nodePath.join(repo, 'b'));
    if (!trySymlink('../b', nodePath.join(repo, 'a/up'), 'dir') || !trySymlink('../a', nodePath.join(repo, 'b/up'), 'dir')) this.skip();
    writeFiles(repo, { 'a/20230426.md': '# a\n', 'b/20230426.md': '# b\n' });
    const result = await build();
    assert.equal(reasonOf(result, 'a/up'), 'symbolic link to a folder; not followed (its files are indexed at their real place)');
    assert.equal(reasonOf(result, 'b/up'), 'symbolic link to a folder; not followed (its files are indexed at their real place)');
    assert.deepEqual([...result.index.markdownFiles()].map((f) => f.path).sort(), ['a/20230426.md', 'b/20230426.md', 'ops/20230427.md']);
  });

  it('an absolute symbolic link to /etc/passwd named like minutes: skipped, never read', async function () {
    fs.mkdirSync(nodePath.join(repo, 'iaas'));
    if (!fs.existsSync('/etc/passwd') || !trySymlink('/etc/passwd', nodePath.join(repo, 'iaas/20230426.md'))) this.skip();
    const ws = new RecordingWorkspace(repo);
    const result = await build(ws);
    assert.equal(reasonOf(result, 'iaas/20230426.md'), 'symbolic link to a place outside the repository; not followed');
    assert.ok(!ws.reads.includes('iaas/20230426.md'));
    await assert.rejects(ws.read('iaas/20230426.md'), /outside the repository/);
    await assert.rejects(ws.read('../../../../etc/passwd'), /outside the repository/);
  });

  it('links out of the repository in every form: reported, and nothing outside is read or stat-ed', async () => {
    writeFiles(repo, {
      'iaas/20230426.md': [
        '# IaaS 2023-04-26',
        '',
        '- [a](../../../../etc/passwd)',
        '- [b](%2e%2e/%2e%2e/%2e%2e/etc/passwd)',
        '- [c](/../../etc/passwd)',
        `- [d](${GH}/../../etc/passwd)`,
        '- <img src="../../../../etc/passwd">',
        '- ![e](../../../../etc/passwd)',
        '- [f][ref]',
        '',
        '[ref]: ../../../../etc/passwd',
        '',
        '- <file:///etc/passwd> [g](FILE:///etc/passwd) [h](file://localhost/etc/passwd)',
        // Markdown unescapes `\\` to `\`: a UNC path is written with four backslashes.
        '- [i](C:\\Windows\\win.ini) [j](\\\\\\\\server\\\\share\\\\x.md)',
        '',
      ].join('\n'),
      'community-call/20230427.md': `# Weekly 2023-04-27\n\n<${GH}/ops/20230427.md> <${GH}/iaas/20230426.md>\n`,
    });
    const ws = new RecordingWorkspace(repo);
    const result = await build(ws);
    const diags = checkFile(result.index, 'iaas/20230426.md').filter((d) => d.rule === 'broken-link');
    const byLine = diags.map((d) => `${d.range.start.line + 1} ${String(d.data?.reason)}`);
    assert.deepEqual(byLine, [
      '3 outside', '4 outside', '5 outside', '6 outside', '7 outside', '8 outside', '11 outside',
      '13 local-file', '13 local-file', '13 local-file', '14 local-file', '14 local-file',
    ]);
    const listed = new Set((await ws.list()).entries.map((e) => e.path));
    for (const p of [...ws.reads, ...ws.stats]) {
      assert.ok(listed.has(p) || p === '.git/config' || (GIT_BRANCH_FILES as readonly string[]).includes(p) || p === '.minutes.jsonc', `read or stat outside the listing: ${p}`);
    }
    for (const p of ['etc/passwd', '../etc/passwd', '/etc/passwd']) assert.equal(result.index.hasFile(p), false);
  });

  // ---- folders that vanish while indexing ---------------------------------------------------------

  it('a folder removed after it was listed: its files are skipped with a reason, the rest indexed (NodeWorkspace)', async () => {
    writeFiles(repo, { 'iaas/20230426.md': '# x\n', 'iaas/20230503.md': '# y\n', 'iam/20230425.md': '# z\n' });
    const root = repo;
    class Vanishing extends NodeWorkspace {
      override async list(options?: ListOptions) {
        const listing = await super.list(options);
        fs.rmSync(nodePath.join(root, 'iaas'), { recursive: true });
        return listing;
      }
    }
    const result = await build(new Vanishing(repo));
    assert.equal(reasonOf(result, 'iaas/20230426.md'), 'could not be read (it no longer exists)');
    assert.equal(reasonOf(result, 'iaas/20230503.md'), 'could not be read (it no longer exists)');
    assert.ok(result.index.get('iam/20230425.md'));
    assert.ok(result.index.get('ops/20230427.md'));
  });

  it('a folder removed while it is being listed and read (a race, several rounds): never a crash; what vanished is skipped with a reason', async () => {
    for (let round = 0; round < 6; round++) {
      const files: Record<string, string> = {};
      for (let i = 0; i < 300; i++) files[`team${round}/sub${i % 10}/2023${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}-${i}.md`] = `# ${i}\n\n[x](../nope.md)\n`;
      writeFiles(repo, files);
      const building = build();
      // Remove it a little later each round: before, during or after the listing and the reads.
      await new Promise((r) => setTimeout(r, round * 3));
      fs.rmSync(nodePath.join(repo, `team${round}`), { recursive: true, force: true });
      const result = await building;
      for (const path of Object.keys(files)) {
        const indexed = result.index.get(path);
        const reason = reasonOf(result, path);
        if (!indexed && reason) assert.match(reason, /^could not be read \(.+\)$/, path);
      }
      for (const s of result.skipped) assert.match(s.reason, /^(could not be read|folder could not be read) \(.+\)$/, `${s.path}: ${s.reason}`);
      assert.ok(result.index.get('ops/20230427.md'), 'the rest is indexed');
    }
  });

  // Fixed (was a bug): NodeWorkspace.list starts with `fs.realpath(root)` (realRootPath) outside any try: when the
  // repository folder itself is gone (a workspace folder deleted, an unmounted drive), buildIndex
  // throws `ENOENT: no such file or directory, realpath …` instead of returning a result with the
  // root skipped; the CLI prints "internal error", the extension fails the whole index. Suggested
  // fix: in src/node/nodeWorkspace.ts catch the realpath failure in list() and return
  // `{ entries: [], skipped: [{ path: '.', reason: 'folder could not be read (it no longer exists)' }] }`.
  it('the repository folder itself removed before indexing: skipped with a reason, no exception', async () => {
    const ws = new NodeWorkspace(repo);
    fs.rmSync(repo, { recursive: true });
    const result = await build(ws);
    assert.equal(result.datedMinutes, 0);
    assert.match(reasonOf(result, '.') ?? '', /folder could not be read \(it no longer exists\)/);
  });

  // ---- repositories without git, without minutes, with a great many files -------------------------------

  it('a repository with no git: checked all the same (identity from its GitHub URLs), exit code by the findings', async () => {
    writeFiles(repo, {
      'iaas/20230426.md': '# IaaS 2023-04-26\n',
      'community-call/20230427.md': `# Weekly 2023-04-27\n\n<${GH}/iaas/20230426.md>\n\n<${GH}/ops/20230427.md>\n\n<${GH}/iaas/20230425.md>\n`,
    });
    assert.ok(!fs.existsSync(nodePath.join(repo, '.git')));
    for (let d = repo; nodePath.dirname(d) !== d; d = nodePath.dirname(d)) assert.ok(!fs.existsSync(nodePath.join(d, '.git')), `no .git above the test repository (${d})`);
    const io = fakeIo(dir!);
    assert.equal(await main(['check', 'repo', '--rule', 'broken-link'], io.io), 1);
    assert.match(io.stdout(), /^community-call\/20230427\.md:7:2: error broken-link: `iaas\/20230425\.md` does not exist; did you mean `iaas\/20230426\.md` \(one day later\)\?$/m);
    assert.doesNotMatch(io.stderr(), /git|internal error/i);
    const weeks = fakeIo(dir!);
    assert.equal(await main(['weeks', 'repo', '--format', 'json'], weeks.io), 0);
    assert.ok((JSON.parse(weeks.stdout()) as unknown[]).length > 0);
  });

  it('a git repository with no minutes: the message, and its broken link, in every output format', async () => {
    const empty = nodePath.join(dir!, 'empty');
    writeFiles(empty, { '.git/HEAD': 'ref: refs/heads/main\n', '.git/config': '[core]\n', 'README.md': '# Notes\n\n[x](missing.md)\n', 'docs/2023-plan.md': '# plan\n' });
    for (const format of ['text', 'json', 'github', 'sarif']) {
      const io = fakeIo(dir!);
      // Links are checked in any Markdown repository (the broken one fails the run).
      assert.equal(await main(['check', 'empty', '--format', format], io.io), 1, format);
      assert.match(io.stderr(), /^minutes: no minutes found in .*empty \(no dated files such as team\/YYYYMMDD\.md\); checking links and markup only$/m, format);
      if (format === 'json') assert.deepEqual((JSON.parse(io.stdout()) as Array<{ rule: string }>).map((d) => d.rule), ['broken-link']);
      if (format === 'sarif') assert.deepEqual((JSON.parse(io.stdout()) as { runs: Array<{ results: Array<{ ruleId: string }> }> }).runs.map((r) => r.results.map((x) => x.ruleId)), [['broken-link']]);
      if (format === 'text' || format === 'github') assert.match(io.stdout(), /broken-link/, format);
    }
  });

  it('100 000 non-minutes files: only the Markdown is read (for its links), datedMinutes 0, and it stays cheap', async function () {
    this.timeout(240_000);
    const many = nodePath.join(dir!, 'many');
    const started = Date.now();
    for (let d = 0; d < 100; d++) {
      const folder = nodePath.join(many, `folder${d}`);
      fs.mkdirSync(folder, { recursive: true });
      for (let f = 0; f < 1000; f++) fs.closeSync(fs.openSync(nodePath.join(folder, `note-${f}.txt`), 'w'));
    }
    writeFiles(many, { 'README.md': '# not minutes\n', 'docs/guide.md': '# guide\n' });
    const created = Date.now() - started;
    const ws = new RecordingWorkspace(many);
    const t0 = Date.now();
    const result = await buildIndex(ws);
    const took = Date.now() - t0;
    assert.equal(result.datedMinutes, 0);
    assert.equal(result.markdownFiles, 2);
    assert.deepEqual([...ws.reads].sort(), ['README.md', 'docs/guide.md'], 'only the Markdown files are read');
    assert.deepEqual(ws.stats.filter((p) => p !== '.git/config' && !(GIT_BRANCH_FILES as readonly string[]).includes(p) && p !== '.minutes.jsonc'), [], 'no file is stat-ed beyond the listing');
    assert.equal(result.index.size, 2, 'only the Markdown files are parsed');
    assert.ok(result.index.hasFile('folder99/note-999.txt'));
    assert.ok(took < 60_000, `buildIndex took ${took} ms (creating the files: ${created} ms)`);
  });

  // ---- internal errors --------------------------------------------------------------------------------

  describe('an internal error is one line, exit 2, never a stack trace', () => {
    const original = NodeWorkspace.prototype.list;
    afterEach(() => {
      NodeWorkspace.prototype.list = original;
    });

    for (const [label, thrown, shown] of [
      ['a string', 'boom', 'boom'],
      ['a number', 42, '42'],
      ['null', null, 'null'],
      ['an object without a message', { weird: true }, '[object Object]'],
      ['an Error', new Error('listing failed'), 'listing failed'],
      ['an Error with a code', Object.assign(new Error('EACCES: permission denied, scandir'), { code: 'EACCES' }), 'EACCES'],
    ] as Array<[string, unknown, string]>) {
      it(`a workspace whose listing throws ${label}`, async () => {
        NodeWorkspace.prototype.list = async () => {
          throw thrown;
        };
        const io = fakeIo(repo);
        assert.equal(await main(['check', '.'], io.io), 2);
        assert.equal(io.stderr(), `minutes: internal error: ${shown}\n`);
        assert.equal(io.stdout(), '');
      });
    }

    // BUG: main prints `describeError(error)` as it is: an error whose message spans lines (a
    // parser's or a library's, with a quoted source excerpt or its own trace) comes out over several
    // lines, which the "single line" promise and problem matchers do not expect. Suggested fix: in
    // src/cli/main.ts, print only the first line (`.split(/\r?\n/)[0]`), or replace line breaks by spaces.
    it('an error whose message spans lines is still printed on one line', async () => {
      NodeWorkspace.prototype.list = async () => {
        throw new Error('listing failed\n    at fake (file.js:1:1)');
      };
      const io = fakeIo(repo);
      assert.equal(await main(['check', '.'], io.io), 2);
      assert.equal(io.stderr().split('\n').filter(Boolean).length, 1, io.stderr());
    });

    it('a configuration path that is a folder', async () => {
      const io = fakeIo(repo);
      fs.mkdirSync(nodePath.join(repo, 'conf'));
      assert.equal(await main(['check', '.', '--config', 'conf'], io.io), 2);
      assert.match(io.stderr(), /^minutes: --config takes a file; .+conf is a folder\n/);
      assert.doesNotMatch(io.stderr(), /minutes: internal error|EISDIR/);
      assert.doesNotMatch(io.stderr(), /\n\s+at /);
    });

    it('the built CLI, when the file system fails with a non-Error (a preload breaks fs.promises.realpath)', async () => {
      const cli = await builtCli();
      const preload = nodePath.join(dir!, 'break-realpath.cjs');
      fs.writeFileSync(preload, "require('node:fs').promises.realpath = async () => { throw 'realpath broke'; };\n");
      const r = await runNode(['--require', preload, cli, 'check', repo], { cwd: dir! });
      assert.equal(r.code, 2, r.stderr);
      // The repository cannot be read: said once, plainly, as the last line; no stack trace.
      const lines = r.stderr.trimEnd().split('\n');
      assert.match(lines.at(-1)!, /^minutes: cannot read .*: the repository folder could not be read \(realpath broke\)$/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      assert.equal(r.stdout, '');
    });
  });

  // ---- the CLI's parser threads failing ------------------------------------------------------------

  // Fixed (was a bug): when a parser worker thread dies without an 'error' event (process.exit in the worker, or
  // the thread ending), ParserPool (src/cli/parallel.ts) never settles the pending parses: the
  // event loop empties, and `node dist/cli.js check` exits 0 with no output at all — a CI job
  // passes without anything checked. Suggested fix: handle the Worker's 'exit' event (reject its
  // pending parses, drop it from the rotation, parse on the main thread when none is left), and in
  // the bin wrapper set `process.exitCode = 2` with "minutes: internal error: exited before
  // finishing" on 'beforeExit' while main has not settled.
  it('a parser worker that exits: the CLI does not end silently with exit 0', async function () {
    this.timeout(120_000);
    const cli = await builtCli();
    const preload = nodePath.join(dir!, 'exit-worker.cjs');
    fs.writeFileSync(preload, "const wt = require('node:worker_threads'); if (!wt.isMainThread) setTimeout(() => process.exit(3), 0);\n");
    writeFiles(repo, { 'iaas/20230426.md': '# IaaS 2023-04-26\n\n[x](nope.md)\n' });
    const r = await runNode(['--require', preload, cli, 'check', repo], { cwd: dir!, timeout: 60_000 });
    assert.notEqual(r.code, 0, `exit 0 with stdout ${JSON.stringify(r.stdout)} and stderr ${JSON.stringify(r.stderr)}`);
  });

  // Fixed (was a bug): when every parser worker crashes (an uncaught exception or out of memory in the thread),
  // every file is skipped as "could not be parsed (…)", datedMinutes is 0, and the CLI says
  // "no minutes found … nothing to do" and exits 0 — a repository full of minutes passes CI
  // unchecked. Suggested fix: in src/cli/main.ts, when dated files were listed but none could be
  // indexed, say so ("N dated files could not be read or parsed") and exit 2; and in ParserPool,
  // fall back to parsing on the main thread once a worker has failed.
  it('parser workers that crash: the CLI does not claim "no minutes found" and exit 0', async function () {
    this.timeout(120_000);
    const cli = await builtCli();
    const preload = nodePath.join(dir!, 'crash-worker.cjs');
    fs.writeFileSync(preload, "const wt = require('node:worker_threads'); if (!wt.isMainThread) setTimeout(() => { throw new Error('worker crashed'); }, 0);\n");
    writeFiles(repo, { 'iaas/20230426.md': '# IaaS 2023-04-26\n\n[x](nope.md)\n' });
    const r = await runNode(['--require', preload, cli, 'check', repo], { cwd: dir!, timeout: 60_000 });
    assert.notEqual(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /no minutes found/);
  });
});
