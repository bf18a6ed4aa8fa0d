import * as assert from 'node:assert/strict';
import { TeamCatalogue, dateBound } from '../../../src/core/index/teamCatalogue';
import type { IndexedFile } from '../../../src/core/index/part';
import { fileOf } from './files';

function setUp(paths: string[]) {
  const files = new Map<string, IndexedFile>();
  const catalogue = new TeamCatalogue(files);
  const add = (path: string) => {
    const file = fileOf(path, '# x\n');
    const previous = files.get(path);
    files.set(path, file);
    catalogue.fileAdded(file, previous);
  };
  const remove = (path: string) => {
    catalogue.fileRemoved(files.get(path)!);
    files.delete(path);
  };
  for (const p of paths) add(p);
  return { catalogue, add, remove };
}

describe('index part: the team catalogue', () => {
  it('teams and their dated minutes, oldest first; undated files are in no team', () => {
    const { catalogue } = setUp(['ops/20230427.md', 'iaas/20230503.md', 'iaas/20230426.md', 'iaas/notes.md', 'README.md']);
    assert.deepEqual(catalogue.teams(), ['iaas', 'ops']);
    assert.deepEqual(catalogue.minutes().map((m) => m.file), ['iaas/20230426.md', 'ops/20230427.md', 'iaas/20230503.md']);
    assert.deepEqual(catalogue.minutesOfTeam('iaas').map((m) => m.date), ['2023-04-26', '2023-05-03']);
    assert.deepEqual(catalogue.minutesOfTeam('none'), []);
    assert.deepEqual(catalogue.minutesOfTeamBetween('iaas', '2023-04-27', '2023-05-03').map((m) => m.file), ['iaas/20230503.md']);
  });

  it("a team's list stays the same object until its own minutes come or go", () => {
    const { catalogue, add, remove } = setUp(['iaas/20230426.md', 'ops/20230427.md']);
    const iaas = catalogue.minutesOfTeam('iaas');
    const ops = catalogue.minutesOfTeam('ops');
    add('iaas/20230426.md');
    assert.equal(catalogue.minutesOfTeam('iaas'), iaas, 'a new model at the same path');
    add('iaas/20230503.md');
    assert.notEqual(catalogue.minutesOfTeam('iaas'), iaas);
    assert.equal(catalogue.minutesOfTeam('ops'), ops);
    remove('ops/20230427.md');
    assert.deepEqual(catalogue.teams(), ['iaas']);
  });

  it('weeks: the weekly, the minutes, and an agenda beside its minutes or standing for its meeting', () => {
    const { catalogue, remove } = setUp(['weekly/20230427.md', 'iaas/20230426.md', 'iaas/20230426-agenda.md', 'ops/20230504-agenda.md', 'ops/20230427.md']);
    assert.deepEqual(catalogue.companionFiles().map((c) => [c.file, c.role]), [['iaas/20230426-agenda.md', 'agenda'], ['ops/20230504-agenda.md', 'agenda']]);
    const weeks = catalogue.weeks(['weekly']);
    assert.deepEqual(weeks.map((w) => [w.week, w.start, w.end, w.weekly?.file ?? null, w.minutes.map((m) => m.file)]), [
      ['2023-W17', '2023-04-24', '2023-04-30', 'weekly/20230427.md', ['iaas/20230426.md', 'ops/20230427.md']],
      ['2023-W18', '2023-05-01', '2023-05-07', null, ['ops/20230504-agenda.md']],
    ]);
    assert.deepEqual(weeks[0].minutes[0].related, [{ file: 'iaas/20230426-agenda.md', role: 'agenda' }]);
    assert.equal(catalogue.weeks([])[0].weekly, null, 'without a weekly folder, the weekly is minutes like any');
    remove('iaas/20230426-agenda.md');
    assert.equal(catalogue.weeks(['weekly'])[0].minutes[0].related, undefined);
    assert.deepEqual(catalogue.layouts().map((l) => l.team).sort(), ['iaas', 'ops', 'weekly']);
  });

  it('dateBound: the first position on or after a date, or after it', () => {
    const list = ['2023-04-19', '2023-04-26', '2023-04-26', '2023-05-03'].map((date, i) => ({ team: 't', file: `t/${i}.md`, date }));
    assert.equal(dateBound(list, '2023-04-26', false), 1);
    assert.equal(dateBound(list, '2023-04-26', true), 3);
    assert.equal(dateBound(list, '2023-06-01', false), 4);
    assert.equal(dateBound([], '2023-06-01', true), 0);
  });
});
