// What the index keeps up to date as files change, instead of recomputing it from every file: the
// default branch's election, the weekly folders, the dated minutes per team, and the window of
// neighbours conventions are learned from. Each must answer as a fresh build (or the plain
// computation) would, after any change.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildIndex } from '../../src/core/build';
import { neighbours } from '../../src/core/conventions';
import { defaultBranch } from '../../src/core/github';
import type { MinutesIndex, TeamMinutes } from '../../src/core/index';
import { basename } from '../../src/core/paths';
import { MemoryWorkspace } from './memoryWorkspace';
import { fuzzParameters } from './arbitraries';

const REPO = 'https://github.com/example-org/minutes';
const { numRuns, seed } = fuzzParameters(100);

async function indexOf(files: Record<string, string>): Promise<MinutesIndex> {
  return (await buildIndex(new MemoryWorkspace(files))).index;
}

const team = (title: string) => `# ${title}\n\n## Participants\n\n## Agenda\n`;
const weekly = (date: string, links: string[]) => `# Weekly ${date}\n\n${links.map((l) => `## ${l.split('/')[0]}\n\nMinutes: <${l.startsWith('http') ? l : `${REPO}/blob/main/${l}`}>\n`).join('\n')}`;

describe('incremental: the default branch', () => {
  it('follows the links as they are typed, and a folder named like the branch', async () => {
    const index = await indexOf({
      'iaas/20230426.md': team('IaaS 2023-04-26'),
      'ops/20230427.md': team('Ops 2023-04-27'),
      'community-call/20230427.md': weekly('2023-04-27', ['iaas/20230426.md', 'ops/20230427.md']),
    });
    assert.equal(defaultBranch(index), 'main');
    // Three URLs on another branch outvote two on main.
    const develop = (p: string) => `${REPO}/blob/develop/${p}`;
    index.update('notes/a.md', `<${develop('iaas/20230426.md')}> <${develop('ops/20230427.md')}> <${develop('iaas')}>\n`);
    assert.equal(defaultBranch(index), 'develop');
    // A folder `develop/` makes those URLs name a folder where the branch belongs: they stop voting.
    index.addPath('develop/readme.txt');
    assert.equal(defaultBranch(index), 'main');
    index.delete('develop');
    assert.equal(defaultBranch(index), 'develop');
    // URLs vote only while the path they name exists.
    index.delete('ops/20230427.md');
    index.delete('iaas');
    assert.equal(defaultBranch(index), 'main');
    index.update('iaas/20230426.md', team('IaaS 2023-04-26'));
    assert.equal(defaultBranch(index), 'develop');
    // A tie (the weekly's one URL on main): the first in alphabetical order, however the files came.
    index.update('notes/a.md', `<${develop('iaas/20230426.md')}>\n`);
    assert.equal(defaultBranch(index), 'develop');
    index.rename('notes/a.md', 'notes/c.md');
    assert.equal(defaultBranch(index), 'develop');
    index.update('notes/b.md', `<${REPO}/blob/main/iaas/20230426.md>\n`);
    assert.equal(defaultBranch(index), 'main');
  });

  it('a branch whose name has a slash: the URL votes once its path exists under the longer branch', async () => {
    const ws = new MemoryWorkspace({ 'iaas/20230426.md': team('IaaS 2023-04-26'), 'ops/20230427.md': team('Ops 2023-04-27') });
    const { index } = await buildIndex(ws, { identity: { owner: 'example-org', repo: 'minutes' } });
    index.update('notes/a.md', `<${REPO}/blob/feature/x/iaas/20230503.md> <${REPO}/blob/feature/x/ops/20230427.md>\n`);
    assert.equal(defaultBranch(index), 'feature/x');
    index.delete('ops/20230427.md');
    assert.equal(defaultBranch(index), 'main');
    index.update('iaas/20230503.md', team('IaaS 2023-05-03'));
    assert.equal(defaultBranch(index), 'feature/x');
  });
});

describe('incremental: weekly folders and dated minutes', () => {
  it('the weekly folder comes and goes with the team minutes its files link', async () => {
    const index = await indexOf({
      'iaas/20230426.md': team('IaaS 2023-04-26'),
      'ops/20230427.md': team('Ops 2023-04-27'),
      'community-call/20230427.md': weekly('2023-04-27', ['iaas/20230426.md', 'ops/20230427.md']),
    });
    assert.deepEqual(index.weeklyFolders(), ['community-call']);
    // The linked file goes: the weekly reaches one team, which is no weekly.
    index.rename('ops/20230427.md', 'ops/notes.md');
    assert.deepEqual(index.weeklyFolders(), []);
    index.rename('ops/notes.md', 'ops/20230427.md');
    assert.deepEqual(index.weeklyFolders(), ['community-call']);
    // The weekly itself moves to an undated name: its links no longer count.
    index.rename('community-call/20230427.md', 'community-call/index.md');
    assert.deepEqual(index.weeklyFolders(), []);
    index.rename('community-call/index.md', 'community-call/20230427.md');
    assert.deepEqual(index.weeklyFolders(), ['community-call']);
    index.update('community-call/20230427.md', weekly('2023-04-27', ['iaas/20230426.md']));
    assert.deepEqual(index.weeklyFolders(), []);
  });

  it("a team's list stays the same object until its minutes change, and others' are not touched", async () => {
    const index = await indexOf({ 'iaas/20230419.md': team('IaaS'), 'iaas/20230426.md': team('IaaS'), 'ops/20230427.md': team('Ops') });
    const iaas = index.minutesOfTeam('iaas');
    const ops = index.minutesOfTeam('ops');
    index.update('iaas/20230426.md', team('IaaS, edited'));
    assert.equal(index.minutesOfTeam('iaas'), iaas, 'an edit keeps the list');
    index.rename('iaas/20230426.md', 'iaas/20230503.md');
    assert.notEqual(index.minutesOfTeam('iaas'), iaas);
    assert.deepEqual(index.minutesOfTeam('iaas').map((m) => m.file), ['iaas/20230419.md', 'iaas/20230503.md']);
    assert.deepEqual(iaas.map((m) => m.file), ['iaas/20230419.md', 'iaas/20230426.md'], 'a list handed out does not change');
    assert.equal(index.minutesOfTeam('ops'), ops);
    index.delete('ops');
    assert.deepEqual(index.teams(), ['iaas']);
    assert.deepEqual(index.minutes().map((m) => m.file), ['iaas/20230419.md', 'iaas/20230503.md']);
    assert.deepEqual(index.minutesOfTeamBetween('iaas', '2023-04-19', '2023-05-02').map((m) => m.file), ['iaas/20230419.md']);
  });
});

/** The window as it was first written: every minutes of the team sorted by distance (stable). */
function neighboursByFullSort(list: readonly TeamMinutes[], date: string | undefined, exclude?: string): TeamMinutes[] {
  const day = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
  const others = list.filter((m) => m.file !== exclude && !/^\d{4}-?\d{2}-?\d{2}[-_ ]/.test(basename(m.file)));
  if (!date) return others.slice(-12);
  return [...others].sort((a, b) => Math.abs(day(a.date) - day(date)) - Math.abs(day(b.date) - day(date))).slice(0, 12);
}

describe('incremental: the neighbours conventions are learned from', () => {
  it('are those of sorting the whole history by distance', () => {
    // Few distinct dates, so many minutes share one (and a distance) with others; extra sessions among them.
    const entry = fc.record({ day: fc.integer({ min: 1, max: 40 }), form: fc.constantFrom('', '-workshop', '_b', 'dashed') });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), fc.option(fc.integer({ min: 0, max: 45 }), { nil: undefined }), fc.nat(), (entries, at, pick) => {
        const seen = new Set<string>();
        const list: TeamMinutes[] = [];
        for (const e of entries) {
          const date = new Date(Date.UTC(2023, 0, e.day)).toISOString().slice(0, 10);
          const file = `iaas/${e.form === 'dashed' ? date : date.replace(/-/g, '') + e.form}.md`;
          if (seen.has(file)) continue;
          seen.add(file);
          list.push({ team: 'iaas', file, date });
        }
        list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.file < b.file ? -1 : 1));
        const date = at === undefined ? undefined : new Date(Date.UTC(2023, 0, at)).toISOString().slice(0, 10);
        const exclude = list.length ? list[pick % list.length].file : undefined;
        assert.deepEqual(neighbours(list, date, exclude), neighboursByFullSort(list, date, exclude));
      }),
      { seed, numRuns },
    );
  });
});
