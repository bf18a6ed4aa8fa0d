import * as assert from 'node:assert/strict';
import { buildIndex } from '../../src/core/build';
import { checkAll, checkFile } from '../../src/core/check';
import { MinutesIndex } from '../../src/core/index';
import { isMarkdownPath } from '../../src/core/paths';
import { MemoryWorkspace } from './memoryWorkspace';
import { fixtureWorkspace, snapshot } from './helpers';

const GH = 'https://github.com/example-org/minutes/blob/main';

/** A repository kept in memory and an index kept up to date by update/delete/rename, as the extension does. */
class Mirror {
  private constructor(
    readonly ws: MemoryWorkspace,
    readonly files: Map<string, string | Uint8Array>,
    readonly index: MinutesIndex,
  ) {}

  static async of(files: Record<string, string | Uint8Array>): Promise<Mirror> {
    const ws = new MemoryWorkspace(files);
    return new Mirror(ws, new Map(Object.entries(files)), (await buildIndex(ws)).index);
  }

  static async ofFixture(): Promise<Mirror> {
    const ws = fixtureWorkspace();
    const files = new Map<string, string | Uint8Array>();
    for (const e of (await ws.list()).entries) if (e.type === 'file') files.set(e.path, await ws.read(e.path));
    return new Mirror(ws, files, (await buildIndex(ws)).index);
  }

  text(path: string): string {
    const c = this.files.get(path);
    if (c === undefined) throw new Error(`no ${path}`);
    return typeof c === 'string' ? c : Buffer.from(c).toString('utf8');
  }

  write(path: string, content: string) {
    this.ws.write(path, content);
    this.files.set(path, content);
    return isMarkdownPath(path) ? this.index.update(path, content) : this.index.addPath(path);
  }

  edit(path: string, change: (text: string) => string) {
    const next = change(this.text(path));
    assert.notEqual(next, this.text(path), `the edit of ${path} changes nothing`);
    return this.write(path, next);
  }

  remove(path: string) {
    this.ws.remove(path);
    for (const p of [...this.files.keys()]) if (p === path || p.startsWith(path + '/')) this.files.delete(p);
    return this.index.delete(path);
  }

  rename(from: string, to: string) {
    const content = this.files.get(from);
    assert.ok(content !== undefined, `no ${from}`);
    this.ws.remove(from);
    this.files.delete(from);
    this.ws.write(to, content);
    this.files.set(to, content);
    return this.index.rename(from, to);
  }

  /** The index, after everything done to it, tells the same as one built from scratch on the final files. */
  async assertSameAsScratch(step: string): Promise<void> {
    const fresh = (await buildIndex(this.ws)).index;
    assert.deepEqual(snapshot(this.index), snapshot(fresh), `after ${step}`);
    assert.deepEqual(this.index.identity, fresh.identity, `identity after ${step}`);
  }
}

describe('index: identity', () => {
  it('is elected from the GitHub URLs that name existing paths', async () => {
    const { index } = await buildIndex(new MemoryWorkspace({
      'iaas/20230426.md': '# 2023-04-26\n',
      'ops/20230427.md': '# 2023-04-27\n',
      'community-call/20230427.md': `# Weekly\n\n<${GH}/iaas/20230426.md>\n\n<https://github.com/example-org/minutes/blob/main/ops/20230427.md>\n`,
      // a fork names more URLs, but of paths this checkout does not have
      'notes/x.md': [1, 2, 3, 4, 5].map((i) => `<https://github.com/someone/fork/blob/main/nowhere/${i}.md>`).join('\n\n'),
    }));
    assert.deepEqual(index.identity, { owner: 'example-org', repo: 'minutes' });
  });

  it('takes the majority among repositories naming existing paths', async () => {
    const { index } = await buildIndex(new MemoryWorkspace({
      'iaas/20230426.md': '# x\n',
      'a.md': `<${GH}/iaas/20230426.md>\n\n<${GH}/iaas/20230426.md>\n\n<https://github.com/fork/minutes/blob/main/iaas/20230426.md>\n`,
    }));
    assert.deepEqual(index.identity, { owner: 'example-org', repo: 'minutes' });
  });

  it('is unknown when no URL names an existing path; GitHub URLs are then not checked', async () => {
    const { index } = await buildIndex(new MemoryWorkspace({
      'iaas/20230426.md': `# x\n\n<${GH}/iaas/20230425.md>\n`,
    }));
    assert.equal(index.identity, undefined);
    assert.deepEqual(checkAll(index), []);
  });

  it('a configured identity wins over the votes', async () => {
    const { index } = await buildIndex(new MemoryWorkspace({
      'iaas/20230426.md': `# x\n\n<${GH}/iaas/20230426.md>\n\n<https://github.com/configured/repo/blob/main/iaas/20230425.md>\n`,
    }), { identity: { owner: 'configured', repo: 'repo' } });
    assert.deepEqual(index.identity, { owner: 'configured', repo: 'repo' });
    const diags = checkAll(index);
    assert.equal(diags.length, 1);
    assert.match(diags[0].message, /iaas\/20230425\.md/);
  });

  it('uses the git remotes of .git/config: upstream first, a fork\'s origin too', async () => {
    const ws = new MemoryWorkspace({
      '.git/config': '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:me/minutes-fork.git\n[remote "upstream"]\n\turl = https://github.com/Example-Org/Minutes.git\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      'iaas/20230426.md': '# 2023-04-26\n',
      // both URLs name missing files: they cast no vote, but the remotes make them this repository's
      'community-call/20230427.md': `# Weekly\n\n<${GH}/iaas/20230425.md>\n\n<https://github.com/me/minutes-fork/blob/main/ops/20230427.md>\n`,
    });
    const { index, markdownFiles } = await buildIndex(ws);
    assert.equal(markdownFiles, 2, '.git is not listed');
    assert.deepEqual(index.identity, { owner: 'Example-Org', repo: 'Minutes' });
    const messages = checkAll(index).map((d) => d.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0], /`iaas\/20230425\.md` does not exist; did you mean `iaas\/20230426\.md` \(one day later\)\?/);
    assert.match(messages[1], /`ops\/20230427\.md` does not exist/);
  });

  it('with a git remote, URLs into another project that has files of the same names are that project\'s, not broken links here', async () => {
    const ws = new MemoryWorkspace({
      '.git/config': '[remote "origin"]\n\turl = https://github.com/example-org/security-wg.git\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      'CONTRIBUTING.md': '# Contributing\n',
      'LICENSE.md': 'License\n',
      'meetings/2023-10-26.md': [
        '# Meeting 2023-10-26',
        '',
        '* <https://github.com/example-org/node/blob/main/CONTRIBUTING.md>',
        '* <https://github.com/example-org/node/blob/main/CONTRIBUTING.md#landing>',
        '* <https://github.com/example-org/node/blob/main/LICENSE>',
        '* <https://github.com/example-org/node/blob/main/.github/workflows/build.yml>',
        '* <https://github.com/example-org/security-wg/blob/main/CONTRIBUTING.md>',
        '* <https://github.com/example-org/security-wg/blob/main/meetings/2023-10-19.md>',
        '',
      ].join('\n'),
    });
    const { index } = await buildIndex(ws);
    assert.deepEqual(index.identity, { owner: 'example-org', repo: 'security-wg' });
    const messages = checkAll(index).filter((d) => d.rule === 'broken-link').map((d) => d.message);
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0], /meetings\/2023-10-19\.md/);
  });

  it('takes the default branch from the branch checked out only when it has a default\'s name, never a topic branch', async () => {
    const files = {
      '.git/config': '[remote "origin"]\n\turl = https://github.com/Example-Org/Minutes.git\n',
      'iaas/20230426.md': '# 2023-04-26\n',
      'community-call/20230427.md': `# Weekly\n\n<${GH}/iaas/20230426.md>\n`,
    };
    const onTopic = await buildIndex(new MemoryWorkspace({ ...files, '.git/HEAD': 'ref: refs/heads/fix-weekly-links\n' }));
    assert.deepEqual(checkAll(onTopic.index).filter((d) => d.rule === 'link-form'), [], 'a topic branch checked out says nothing of the default branch');
    const onMaster = await buildIndex(new MemoryWorkspace({ ...files, '.git/HEAD': 'ref: refs/heads/master\n', '.git/refs/remotes/origin/HEAD': 'ref: refs/remotes/origin/main\n' }));
    assert.deepEqual(checkAll(onMaster.index).filter((d) => d.rule === 'link-form'), [], "the remote's HEAD comes first");
  });

  it('ignores a .git/config without GitHub remotes', async () => {
    const { index } = await buildIndex(new MemoryWorkspace({
      '.git/config': '[remote "origin"]\n\turl = https://gitlab.com/x/y.git\n',
      'iaas/20230426.md': `# x\n\n<${GH}/iaas/20230425.md>\n`,
    }));
    assert.equal(index.identity, undefined);
  });
});

describe('index: teams, weekly folder and weeks', () => {
  it('infers the weekly folder on the fixture', async () => {
    const { index } = await buildIndex(fixtureWorkspace());
    assert.equal(index.weeklyFolder(), 'community-call');
    assert.deepEqual(index.teams(), ['community-call', 'container', 'iaas', 'iam', 'ops', 'sig-standardization']);
  });

  it('a folder that links to a single other team is not a weekly', async () => {
    const { index } = await buildIndex(new MemoryWorkspace({
      'iaas/20230426.md': '# x\n',
      'iaas/20230503.md': '# x\n',
      'ops/20230427.md': '# x\n\n[iaas](../iaas/20230426.md)\n',
      'ops/20230504.md': '# x\n\n[iaas](../iaas/20230503.md)\n',
    }));
    assert.equal(index.weeklyFolder(), undefined);
    assert.deepEqual(index.weeks().map((w) => [w.week, w.weekly, w.minutes.map((m) => m.file)]), [
      ['2023-W17', null, ['iaas/20230426.md', 'ops/20230427.md']],
      ['2023-W18', null, ['iaas/20230503.md', 'ops/20230504.md']],
    ]);
  });

  it('only dated minutes of other teams count towards the weekly', async () => {
    const { index } = await buildIndex(new MemoryWorkspace({
      'iaas/template.md': '# t\n',
      'ops/README.md': '# r\n',
      'cc/20230427.md': '# w\n\n[a](../iaas/template.md) [b](../ops/README.md)\n',
    }));
    assert.equal(index.weeklyFolder(), undefined);
  });

  it('groups the weekly and the team minutes by ISO week, across week 53', async () => {
    const { index } = await buildIndex(new MemoryWorkspace({
      'cc/20261231.md': `# Weekly\n\n<${GH}/iaas/20261230.md>\n<${GH}/ops/20270102.md>\n<${GH}/iam/2026-12-28.md>\n`,
      'cc/20270107.md': '# Weekly\n\n[iaas](../iaas/20270106.md)\n[ops](../ops/20270105.md)\n',
      'iaas/20261230.md': '# x\n',
      'iaas/20270106.md': '# x\n',
      'iaas/20270106-overflow.md': '# x\n',
      'iaas/template.md': '# not minutes\n',
      'ops/20270102.md': '# x\n',
      'ops/20270105.md': '# x\n',
      'iam/2026-12-28.md': '# x\n',
      'README.md': '# repo\n',
    }));
    assert.equal(index.weeklyFolder(), 'cc');
    const weeks = index.weeks();
    assert.deepEqual(weeks.map((w) => ({ week: w.week, start: w.start, end: w.end, weekly: w.weekly, minutes: w.minutes.map((m) => `${m.team} ${m.file} ${m.date}`) })), [
      {
        week: '2026-W53',
        start: '2026-12-28',
        end: '2027-01-03',
        weekly: { file: 'cc/20261231.md', date: '2026-12-31' },
        minutes: ['iam iam/2026-12-28.md 2026-12-28', 'iaas iaas/20261230.md 2026-12-30', 'ops ops/20270102.md 2027-01-02'],
      },
      {
        week: '2027-W01',
        start: '2027-01-04',
        end: '2027-01-10',
        weekly: { file: 'cc/20270107.md', date: '2027-01-07' },
        minutes: ['ops ops/20270105.md 2027-01-05', 'iaas iaas/20270106-overflow.md 2027-01-06', 'iaas iaas/20270106.md 2027-01-06'],
      },
    ]);
    assert.deepEqual(index.minutesOfTeam('ops').map((m) => m.file), ['ops/20270102.md', 'ops/20270105.md']);
  });
});

describe('index: backlinks', () => {
  it('finds links by GitHub URL, relative path and root-relative path', async () => {
    const { index } = await buildIndex(new MemoryWorkspace({
      'iaas/20230426.md': '# x\n\n## Agenda\n',
      'iaas/20230426-overflow.md': '# o\n\n[regular](20230426.md#agenda)\n',
      'community-call/20230427.md': `# w\n\n<${GH}/iaas/20230426.md>\n\n[same](/iaas/20230426.md)\n`,
      'ops/20230427.md': '# o\n\n[other](../iaas/20230425.md)\n',
    }));
    const back = index.backlinks('iaas/20230426.md');
    assert.deepEqual(back.map((b) => [b.from, b.link.raw, b.link.range.start.line]), [
      ['community-call/20230427.md', `${GH}/iaas/20230426.md`, 2],
      ['community-call/20230427.md', '/iaas/20230426.md', 4],
      ['iaas/20230426-overflow.md', '20230426.md#agenda', 2],
    ]);
    assert.deepEqual(index.backlinks('iaas/20230425.md').map((b) => b.from), ['ops/20230427.md'], 'links to a missing file are backlinks too');
    assert.deepEqual(index.backlinks('ops/20230427.md'), []);
  });

  it('follows renames and deletions', async () => {
    const m = await Mirror.of({
      'iaas/20230426.md': '# x\n',
      'a/x.md': '[t](../iaas/20230426.md)\n',
    });
    m.rename('a/x.md', 'b/x.md');
    assert.deepEqual(m.index.backlinks('iaas/20230426.md').map((b) => b.from), ['b/x.md']);
    m.remove('b/x.md');
    assert.deepEqual(m.index.backlinks('iaas/20230426.md'), []);
  });
});

describe('index: incremental updates equal a fresh build', () => {
  it('on the fixture: edits, creations, deletions and renames, checked after every step', async () => {
    const m = await Mirror.ofFixture();
    await m.assertSameAsScratch('the initial build');
    const steps: Array<[string, () => unknown]> = [
      ['adding the missing heading', () => m.edit('container/20261123.md', (t) => t + '\n## Features\n\n- x\n')],
      ['creating the missing iaas/20261118.md', () => m.write('iaas/20261118.md', '# 2026-11-18\n\n## Agenda\n')],
      ['deleting iaas/20261119.md', () => m.remove('iaas/20261119.md')],
      ['renaming ops/20261201.md', () => m.rename('ops/20261201.md', 'ops/20261202.md')],
      ['dropping the waiting marker', () => m.edit('community-call/20270114.md', (t) => t.replace(/ ?\(waiting to be merged\)/gi, ''))],
      ['creating the awaited iam/20270113.md', () => m.write('iam/20270113.md', '# 2027-01-13\n')],
      ['deleting the folder sig-standardization', () => m.remove('sig-standardization')],
      ['moving design notes into a subfolder', () => m.rename('container/design-notes.md', 'container/notes/design-notes.md')],
      ['renaming a heading that others link to', () => m.edit('iaas/20261209.md', (t) => t.replace(/^## Agenda$/m, '## Topics'))],
      ['deleting an image', () => m.remove('images/diagram.png')],
      ['adding a non-Markdown file', () => m.write('images/diagram.png', 'not really a png')],
      ['emptying a weekly', () => m.write('community-call/20261203.md', '')],
      ['recreating it', () => m.write('community-call/20261203.md', `# Tech Weekly 2026-12-03\n\n<${GH}/ops/20261202.md?plain=1#L3>\n`)],
    ];
    for (const [name, step] of steps) {
      step();
      await m.assertSameAsScratch(name);
    }
  });

  it('when the weekly folder disappears and comes back', async () => {
    const m = await Mirror.ofFixture();
    m.remove('community-call');
    await m.assertSameAsScratch('deleting community-call');
    m.write('community-call/20270121.md', `# Tech Weekly 2027-01-21\n\n<${GH}/iaas/20270113.md>\n<${GH}/ops/20270112.md>\n<${GH}/container/20270111.md>\n`);
    await m.assertSameAsScratch('a new weekly');
    m.rename('community-call/20270121.md', 'weekly/20270121.md');
    await m.assertSameAsScratch('moving the weekly to another folder');
  });

  it('renaming the only file whose URLs elected the identity keeps that file in the index', async () => {
    const m = await Mirror.of({
      'iaas/20270113.md': '# x\n',
      'ops/20270112.md': '# x\n',
      'cc/20270114.md': `# Weekly\n\n<${GH}/iaas/20270113.md>\n<${GH}/ops/20270112.md>\n`,
    });
    assert.deepEqual(m.index.identity, { owner: 'example-org', repo: 'minutes' });
    m.rename('cc/20270114.md', 'weekly/20270114.md');
    assert.ok(m.index.get('weekly/20270114.md'), 'the moved file is indexed at its new path');
    assert.equal(m.index.get('cc/20270114.md'), undefined);
    assert.deepEqual(m.index.identity, { owner: 'example-org', repo: 'minutes' });
    await m.assertSameAsScratch('the rename');
  });

  it('when a file with relative links moves to another folder', async () => {
    const m = await Mirror.of({
      'iaas/20230426.md': '# x\n',
      'ops/20230426.md': '# y\n',
      'iaas/notes.md': '[same folder](20230426.md) [up](../ops/20230426.md)\n',
    });
    assert.deepEqual(checkAll(m.index), []);
    m.rename('iaas/notes.md', 'iam/notes.md');
    await m.assertSameAsScratch('the move');
    assert.deepEqual(checkAll(m.index).map((d) => `${d.path} ${d.data?.target}`), ['iam/notes.md iam/20230426.md']);
  });

  it('when the weekly changes a dated link to a non-dated one in the same team', async () => {
    const m = await Mirror.of({
      'iaas/20230426.md': '# x\n',
      'iaas/template.md': '# t\n',
      'ops/20230427.md': '# o\n',
      'cc/20230427.md': '# w\n\n[iaas](../iaas/20230426.md) [ops](../ops/20230427.md)\n',
    });
    assert.equal(m.index.weeklyFolder(), 'cc');
    m.edit('cc/20230427.md', (t) => t.replace('20230426.md', 'template.md'));
    await m.assertSameAsScratch('pointing the iaas link at the template');
  });

  it('when a linking file is indexed before the file its GitHub URL names', async () => {
    const m = await Mirror.of({});
    m.write('cc/20230427.md', `# w\n\n<${GH}/iaas/20230426.md#agenda>\n`);
    m.write('iaas/20230426.md', '# x\n\n## Participants\n');
    await m.assertSameAsScratch('adding the target after the linker');
  });

  it('when the only file that names an existing path is deleted', async () => {
    const m = await Mirror.of({
      'iaas/20230426.md': '# x\n',
      'cc/20230427.md': `# w\n\n<${GH}/iaas/20230426.md>\n<${GH}/ops/20230427.md>\n`,
    });
    assert.deepEqual(m.index.identity, { owner: 'example-org', repo: 'minutes' });
    m.remove('iaas/20230426.md');
    await m.assertSameAsScratch('deleting the only existing target');
  });

  it('when one of two files differing only in letter case is deleted', async () => {
    const m = await Mirror.of({
      'iaas/Notes.md': '# a\n',
      'iaas/notes.md': '# b\n',
      'ops/20230427.md': '[n](../iaas/NOTES.md)\n',
    });
    await m.assertSameAsScratch('the initial build');
    m.remove('iaas/notes.md');
    await m.assertSameAsScratch('deleting iaas/notes.md');
  });

  it('through repeated edits, identical rewrites and re-creation', async () => {
    const m = await Mirror.of({
      'iaas/20230426.md': '# 2023-04-26\n\n## Agenda\n\n## Action items\n',
      'cc/20230427.md': `# w\n\n<${GH}/iaas/20230426.md#action-items>\n<${GH}/ops/20230427.md>\n`,
      'ops/20230427.md': '# o\n\n[iaas](../iaas/20230426.md#agenda)\n',
    });
    const text = m.text('iaas/20230426.md');
    m.write('iaas/20230426.md', text);
    await m.assertSameAsScratch('an identical rewrite');
    m.edit('iaas/20230426.md', (t) => t.replace('## Agenda', '## Agenda items'));
    await m.assertSameAsScratch('renaming a heading');
    m.remove('iaas/20230426.md');
    await m.assertSameAsScratch('deleting the target');
    m.write('iaas/20230426.md', text);
    await m.assertSameAsScratch('re-creating it');
    m.rename('ops/20230427.md', 'ops/20230428.md');
    await m.assertSameAsScratch('renaming a linked file');
    m.rename('ops/20230428.md', 'ops/20230427.md');
    await m.assertSameAsScratch('renaming it back');
  });
});

describe('index: Affected sets', () => {
  const base = () => Mirror.of({
    'a/20230427.md': '# A\n\nSee [B](../b/20230426.md#decisions) and [C](../c/20230426.md).\n',
    'b/20230426.md': '# B\n\n## Decisions\n\n- one\n',
    'other/x.md': '# unrelated\n\n[z](../b/20230426.md)\n',
  });

  it('editing a heading in B marks A, which links B#heading, affected', async () => {
    const m = await base();
    const affected = m.edit('b/20230426.md', (t) => t.replace('## Decisions', '## Decided'));
    assert.equal(affected.all, false);
    assert.ok(affected.paths.has('b/20230426.md'));
    assert.ok(affected.paths.has('a/20230427.md'));
    assert.equal(checkFile(m.index, 'a/20230427.md').length, 2, 'A now has a missing fragment besides the missing C');
  });

  it('a keystroke that changes no heading and no line count does not mark linkers', async () => {
    const m = await base();
    const affected = m.edit('b/20230426.md', (t) => t.replace('- one', '- one!'));
    assert.deepEqual([...affected.paths], ['b/20230426.md']);
    assert.equal(affected.all, false);
  });

  it('creating a missing target marks its linkers', async () => {
    const m = await base();
    assert.equal(checkFile(m.index, 'a/20230427.md').length, 1);
    const affected = m.write('c/20230426.md', '# C\n');
    assert.ok(affected.paths.has('a/20230427.md'));
    assert.ok(affected.paths.has('c/20230426.md'));
    assert.ok(!affected.paths.has('other/x.md'));
    assert.equal(checkFile(m.index, 'a/20230427.md').length, 0);
  });

  it('deleting a target marks its linkers, and the deleted file so its findings are cleared', async () => {
    const m = await base();
    const affected = m.remove('b/20230426.md');
    assert.deepEqual([...affected.paths].sort(), ['a/20230427.md', 'b/20230426.md', 'other/x.md']);
  });

  it('a file that moved: the link to its old place is told where it is, and that follows the file as it comes and goes', async () => {
    const m = await Mirror.of({
      'notes/2018/Q4/2018-11-12--all-hands.md': '# All hands 2018-11-12\n',
      'notes/2018/Q4/2018-11-21--gui.md': '# GUI 2018-11-21\n\nSee [the all hands](../2018-11-12--all-hands.md) and [x](../../../docs/guide.md).\n',
      'other/readme.md': '# unrelated\n',
      // Dated names recur across teams: the weekly of that date is no moved team file.
      'weekly/20181115.md': '# Weekly 2018-11-15\n\n[ops](../ops/20181115.md)\n',
    });
    assert.deepEqual(checkFile(m.index, 'weekly/20181115.md').map((d) => d.message), ['`ops/20181115.md` does not exist.']);
    const messages = () => checkFile(m.index, 'notes/2018/Q4/2018-11-21--gui.md').filter((d) => d.rule === 'broken-link').map((d) => d.message);
    assert.deepEqual(messages(), [
      '`notes/2018/2018-11-12--all-hands.md` does not exist; the repository has `notes/2018/Q4/2018-11-12--all-hands.md` (moved?).',
      '`docs/guide.md` does not exist.',
    ]);
    const fix = checkFile(m.index, 'notes/2018/Q4/2018-11-21--gui.md').find((d) => d.message.includes('moved?'))!.fixes![0];
    assert.equal(fix.edits![0].newText, '2018-11-12--all-hands.md');
    // A file of that name elsewhere: two candidates, no "moved"; the linking file is re-checked.
    assert.ok(m.write('archive/2018-11-12--all-hands.md', '# old copy\n').paths.has('notes/2018/Q4/2018-11-21--gui.md'));
    assert.doesNotMatch(messages()[0], /moved\?/);
    await m.assertSameAsScratch('a second file of the name');
    assert.ok(m.remove('archive/2018-11-12--all-hands.md').paths.has('notes/2018/Q4/2018-11-21--gui.md'));
    assert.match(messages()[0], /moved\?/);
    // The guide appears somewhere else: the link to its old place says where.
    assert.ok(m.write('handbook/guide.md', '# Guide\n').paths.has('notes/2018/Q4/2018-11-21--gui.md'));
    assert.match(messages()[1], /the repository has `handbook\/guide\.md` \(moved\?\)/);
    assert.ok(m.rename('handbook/guide.md', 'handbook/Guide.md').paths.has('notes/2018/Q4/2018-11-21--gui.md'));
    await m.assertSameAsScratch('renamed');
  });

  it('creating the first file of a linked folder marks the folder\'s linkers', async () => {
    const m = await Mirror.of({ 'a/20230427.md': '[all c](../c/)\n' });
    assert.equal(checkAll(m.index).length, 1);
    const affected = m.write('c/readme.md', '# c\n');
    assert.ok(affected.paths.has('a/20230427.md'));
    assert.equal(checkAll(m.index).length, 0);
  });

  it('renaming a target marks the linkers of the old and of the new path', async () => {
    const m = await base();
    const affected = m.rename('b/20230426.md', 'c/20230426.md');
    assert.ok(affected.paths.has('a/20230427.md'));
    assert.ok(affected.paths.has('other/x.md'));
    assert.ok(affected.paths.has('c/20230426.md'));
  });

  it('says all when the identity changes', async () => {
    const m = await Mirror.of({ 'iaas/20230426.md': '# x\n' });
    assert.equal(m.index.identity, undefined);
    const affected = m.write('cc/20230427.md', `<${GH}/iaas/20230426.md>\n`);
    assert.equal(affected.all, true);
    assert.deepEqual(m.index.identity, { owner: 'example-org', repo: 'minutes' });
  });
});
