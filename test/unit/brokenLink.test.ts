import * as assert from 'node:assert/strict';
import { buildIndex } from '../../src/core/build';
import { checkAll } from '../../src/core/check';
import type { MinutesDiagnostic } from '../../src/core/diagnostics';
import { MemoryWorkspace } from './memoryWorkspace';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { FIXTURE, loadExpected, shortFinding } from './helpers';

const GH = 'https://github.com/example-org/minutes/blob/main';

async function check(files: Record<string, string>): Promise<MinutesDiagnostic[]> {
  const { index } = await buildIndex(new MemoryWorkspace(files));
  return checkAll(index).filter((d) => d.rule === 'broken-link');
}

/** Findings of one file that links with `body`, in a small repository with a few teams. */
async function checkLinks(body: string, extra: Record<string, string> = {}): Promise<MinutesDiagnostic[]> {
  const diags = await check({
    'iaas/20230419.md': '# 2023-04-19\n',
    'iaas/20230426.md': '# 2023-04-26\n\n## Agenda\n\n## Action items\n\n## Agenda\n\n<a name="Custom-Anchor"></a>\n',
    'iaas/20230503.md': '# 2023-05-03\n',
    'ops/20230427.md': 'line 1\nline 2\nline 3\n',
    'images/diagram.png': 'png',
    'community-call/20230420.md': `# w\n\n<${GH}/iaas/20230419.md>\n`,
    'community-call/20230427.md': `# Weekly 2023-04-27\n\n## Notes\n\n${body}\n`,
    ...extra,
  });
  return diags.filter((d) => d.path === 'community-call/20230427.md');
}

async function one(body: string, extra?: Record<string, string>): Promise<MinutesDiagnostic> {
  const diags = await checkLinks(body, extra);
  assert.equal(diags.length, 1, `one finding expected for ${body}: ${JSON.stringify(diags.map((d) => d.message))}`);
  return diags[0];
}

async function none(body: string, extra?: Record<string, string>): Promise<void> {
  assert.deepEqual((await checkLinks(body, extra)).map((d) => d.message), [], body);
}

describe('broken-link on the sample repository', () => {
  const expected = loadExpected();
  let diagnostics: MinutesDiagnostic[];

  before(async () => {
    const { index } = await buildIndex(new NodeWorkspace(FIXTURE));
    diagnostics = checkAll(index, { rules: ['broken-link'] });
  });

  it('reports exactly the expected broken links and waiting links, nothing else', () => {
    const severityOf: Record<string, string> = { 'missing file': 'error', 'outside repository': 'error', 'missing fragment': 'warning', 'line out of range': 'warning' };
    const want = [
      ...expected.brokenLinks.map((b) => `${b.file}:${b.line}:${b.column} ${severityOf[b.reason]} broken-link`),
      ...expected.waiting.map((w) => `${w.file}:${w.line} info`),
    ].sort();
    const got = diagnostics.map((d) => (d.severity === 'info' ? `${d.path}:${d.range.start.line + 1} info` : shortFinding(d))).sort();
    assert.deepEqual(got, want);
    assert.ok(diagnostics.every((d) => d.rule === 'broken-link'));
  });

  it('uses the severity each reason calls for', () => {
    for (const b of expected.brokenLinks) {
      const d = diagnostics.find((x) => x.path === b.file && x.range.start.line + 1 === b.line && x.range.start.character + 1 === b.column);
      assert.ok(d, `${b.file}:${b.line}:${b.column}`);
      const severity = b.reason === 'missing fragment' || b.reason === 'line out of range' ? 'warning' : 'error';
      assert.equal(d.severity, severity, `${b.file}:${b.line} (${b.reason})`);
    }
  });

  it('names the target in every message', () => {
    for (const b of expected.brokenLinks) {
      const d = diagnostics.find((x) => x.path === b.file && x.range.start.line + 1 === b.line)!;
      const gh = /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[^/]+\/([^?#]+)/.exec(b.target);
      const mention = gh ? gh[1] : b.reason === 'outside repository' ? b.target : b.target.replace(/^\.\.\//, '');
      assert.ok(d.message.includes(`\`${mention}\``), `${d.message} should name ${mention}`);
    }
    for (const w of expected.waiting) {
      const d = diagnostics.find((x) => x.path === w.file && x.range.start.line + 1 === w.line)!;
      const path = /\/blob\/[^/]+\/(.+)$/.exec(w.target)![1];
      assert.equal(d.message, `\`${path}\` is not in the repository yet (waiting to be merged).`);
    }
  });

  it('a link\'s range covers its destination', () => {
    const d = diagnostics.find((x) => x.path === 'iaas/20261125.md')!;
    assert.deepEqual(d.range, { start: { line: 21, character: 23 }, end: { line: 21, character: 41 } });
  });

  it('suggests the nearest minutes of the team for a missing dated file', () => {
    const byFile = (f: string) => diagnostics.find((d) => d.path === f && d.severity === 'error')!;
    assert.equal(byFile('community-call/20261119.md').message, '`iaas/20261118.md` does not exist; did you mean `iaas/20261119.md` (one day later)?');
    assert.equal(byFile('community-call/20261119.md').data?.suggestion, 'iaas/20261119.md');
    assert.equal(byFile('iaas/20261125.md').message, '`ops/20261124.md` does not exist; did you mean `ops/20261126.md` (2 days later)?');
    assert.match(byFile('community-call/20261217.md').message, /`container\/20261214-retro\.md` does not exist; did you mean `container\/20261214\.md` \(same day\)\?/);
  });

  it('suggests the closest heading for a missing fragment and the line count for a line anchor', () => {
    const frag = diagnostics.find((d) => d.path === 'community-call/20261126.md')!;
    assert.equal(frag.message, '`container/20261123.md` has no heading `#features`; did you mean `#feature-list`?');
    const line = diagnostics.find((d) => d.path === 'community-call/20261203.md')!;
    assert.match(line.message, /^`ops\/20261201\.md` has \d+ lines; line 999 does not exist\.$/);
  });

  it('says a link out of the repository is not followed', () => {
    const out = diagnostics.find((d) => d.path === 'ops/20261112.md')!;
    assert.equal(out.message, '`../../../etc/passwd` leads out of the repository; it is not checked or followed.');
  });
});

describe('broken-link: missing files', () => {
  it('suggests the nearest minutes of the same team within a week', async () => {
    const d = await one('[x](../iaas/20230425.md)');
    assert.equal(d.severity, 'error');
    assert.equal(d.message, '`iaas/20230425.md` does not exist; did you mean `iaas/20230426.md` (one day later)?');
    assert.deepEqual(d.data, { reason: 'missing-file', target: 'iaas/20230425.md', suggestion: 'iaas/20230426.md' });
    assert.deepEqual(d.range, { start: { line: 4, character: 4 }, end: { line: 4, character: 23 } });
  });

  it('suggests an earlier file too, and nothing further than a week away', async () => {
    assert.equal((await one('[x](../iaas/20230428.md)')).message, '`iaas/20230428.md` does not exist; did you mean `iaas/20230426.md` (2 days earlier)?');
    assert.equal((await one('[x](../iaas/20230510.md)')).message, '`iaas/20230510.md` does not exist; did you mean `iaas/20230503.md` (7 days earlier)?');
    assert.equal((await one('[x](../iaas/20230511.md)')).message, '`iaas/20230511.md` does not exist.');
    assert.equal((await one('[x](../newteam/20230426.md)')).message, '`newteam/20230426.md` does not exist.');
    assert.equal((await one('[x](../iaas/notes.md)')).message, '`iaas/notes.md` does not exist.');
  });

  it('checks same-repository GitHub URLs of any branch, in every link form', async () => {
    const body = [
      `<${GH}/iaas/20230425.md>`,
      `${GH.replace('/main', '/some-branch')}/iaas/20230424.md`,
      `[ref][r]`,
      ``,
      `[r]: https://raw.githubusercontent.com/example-org/minutes/main/ops/20230428.md`,
    ].join('\n');
    const diags = await checkLinks(body);
    assert.deepEqual(diags.map((d) => [d.range.start.line, d.data?.target]), [
      [4, 'iaas/20230425.md'],
      [5, 'iaas/20230424.md'],
      [8, 'ops/20230428.md'],
    ]);
  });

  it('ignores other repositories, external URLs, mailto and empty links', async () => {
    await none(`<https://github.com/other-org/minutes/blob/main/iaas/20230425.md> <https://example.org/x.md> <mailto:a@b.example> [e]() x@y.example`);
  });

  it('reports a missing image and a missing HTML link', async () => {
    const diags = await checkLinks('![d](../images/nope.png) <a href="../ops/nope.md">x</a> ![ok](../images/diagram.png)');
    assert.deepEqual(diags.map((d) => d.data?.target), ['images/nope.png', 'ops/nope.md']);
  });

  it('does not report links in HTML comments', async () => {
    await none('<!-- <a href="../ops/nope.md">x</a> [y](../ops/nope2.md) -->');
  });

  it('still reports links after a comment opener in a code span', async () => {
    const d = await one('Use `<!--` to hide. [x](../ops/nope.md)');
    assert.equal(d.data?.target, 'ops/nope.md');
  });

  it('reports a waiting link as information, and nothing when its target exists', async () => {
    const d = await one(`Minutes: <${GH}/iam/20230426.md> (waiting to be merged)`);
    assert.equal(d.severity, 'info');
    assert.equal(d.message, '`iam/20230426.md` is not in the repository yet (waiting to be merged).');
    await none(`Minutes: <${GH}/iaas/20230426.md> (waiting to be merged)`);
  });

  it('reports a link out of the repository as an error and a file: URL as a warning', async () => {
    const out = await one('[p](../../etc/passwd)');
    assert.equal(out.severity, 'error');
    assert.equal(out.data?.reason, 'outside');
    const local = await one('[c](file:///home/me/notes.md)');
    assert.equal(local.severity, 'warning');
    assert.equal(local.message, "`file:///home/me/notes.md` points to a file on the author's computer; link a path in the repository instead.");
  });

  it('shortens very long destinations in messages', async () => {
    const long = '../../' + 'x'.repeat(200);
    const d = await one(`[p](${long})`);
    assert.ok(d.message.length < 200);
    assert.ok(d.message.includes('…'));
  });
});

describe('broken-link: folders and letter case', () => {
  it('accepts links to folders, relative or by GitHub tree URL', async () => {
    await none(`[a](../iaas/) [b](../iaas) [c](/iaas) <https://github.com/example-org/minutes/tree/main/iaas> [root](../)`);
  });

  it('reports a missing folder', async () => {
    const d = await one('[a](../nope/)');
    assert.equal(d.severity, 'error');
    assert.equal(d.message, '`nope` does not exist.');
  });

  it('reports a difference in letter case only, naming the existing path', async () => {
    const d = await one('[a](../IaaS/20230426.md)');
    assert.equal(d.severity, 'error');
    assert.equal(d.message, '`IaaS/20230426.md` does not exist; the repository has `iaas/20230426.md` (letter case differs).');
    assert.equal(d.data?.suggestion, 'iaas/20230426.md');
  });
});

describe('broken-link: fragments and line anchors', () => {
  it('accepts existing headings, in any letter case, and duplicates with -1', async () => {
    await none('[a](../iaas/20230426.md#agenda) [b](../iaas/20230426.md#Action-Items) [c](../iaas/20230426.md#agenda-1) [d](#notes) [e](#Notes)');
  });

  it('accepts HTML anchors and the user-content- prefix', async () => {
    await none('[a](../iaas/20230426.md#custom-anchor) [b](../iaas/20230426.md#Custom-Anchor) [c](../iaas/20230426.md#user-content-agenda) [d](../iaas/20230426.md#user-content-custom-anchor)');
  });

  it('accepts #top, an empty fragment and fragments on non-Markdown files', async () => {
    await none('[a](../iaas/20230426.md#top) [b](../iaas/20230426.md#) [c](../images/diagram.png#x)');
  });

  it('reports a missing heading as a warning, with a suggestion', async () => {
    const d = await one('[a](../iaas/20230426.md#agend)');
    assert.equal(d.severity, 'warning');
    assert.equal(d.message, '`iaas/20230426.md` has no heading `#agend`; did you mean `#agenda`?');
    assert.deepEqual(d.data, { reason: 'missing-fragment', target: 'iaas/20230426.md', fragment: 'agend', suggestion: 'agenda' });
    const far = await one('[a](../iaas/20230426.md#user-content-budget)');
    assert.equal(far.message, '`iaas/20230426.md` has no heading `#user-content-budget`.');
  });

  it('reports a missing heading in the same file', async () => {
    const d = await one('[a](#nowhere)');
    assert.equal(d.message, 'this file has no heading `#nowhere`.');
  });

  it('checks line anchors against the number of lines', async () => {
    await none(`[a](../ops/20230427.md#L3) <${GH}/ops/20230427.md?plain=1#L1-L3>`);
    const d = await one(`<${GH}/ops/20230427.md?plain=1#L4>`);
    assert.equal(d.severity, 'warning');
    assert.equal(d.message, '`ops/20230427.md` has 3 lines; line 4 does not exist.');
    const range = await one('[a](../ops/20230427.md#L2-L5)');
    assert.equal(range.message, '`ops/20230427.md` has 3 lines; lines 2–5 do not exist.');
  });
});
