import * as assert from 'node:assert/strict';
import { WeeklyFolders } from '../../../src/core/index/weeklyFolders';
import type { IndexedFile } from '../../../src/core/index/part';
import { fileOf } from './files';

/** A weekly folder part over a hand-kept link graph: `links` are (from, target) pairs. */
function setUp() {
  const files = new Map<string, IndexedFile>();
  const linkers = new Map<string, Set<string>>();
  const weekly = new WeeklyFolders(files, (p) => linkers.get(p) ?? []);
  const link = (from: string, target: string, delta: 1 | -1) => {
    if (delta > 0) (linkers.get(target) ?? linkers.set(target, new Set()).get(target)!).add(from);
    else linkers.get(target)?.delete(from);
    weekly.linkChanged(files.get(from)!, target, delta);
  };
  const add = (path: string) => {
    const file = fileOf(path, '# x\n');
    files.set(path, file);
    weekly.fileAdded(file, undefined);
    return file;
  };
  const remove = (path: string) => {
    weekly.fileRemoved(files.get(path)!);
    files.delete(path);
  };
  return { weekly, link, add, remove };
}

describe('index part: the weekly folders', () => {
  it('a folder whose dated files link to two other teams is a weekly; one team is a pair, not a weekly', () => {
    const { weekly, link, add } = setUp();
    add('community-call/20230427.md');
    add('iaas/20230426.md');
    link('community-call/20230427.md', 'iaas/20230426.md', 1);
    link('community-call/20230427.md', 'ops/20230427.md', 1);
    assert.deepEqual(weekly.folders(), [], 'ops/20230427.md is not indexed: it does not count');
    add('ops/20230427.md');
    assert.deepEqual(weekly.folders(), ['community-call'], 'the file came: the link that waited for it counts');
    link('community-call/20230427.md', 'iaas/20230426.md', -1);
    assert.deepEqual(weekly.folders(), []);
  });

  it('undated files and links within the team do not count; a removed target stops counting', () => {
    const { weekly, link, add, remove } = setUp();
    for (const p of ['weekly/20230427.md', 'weekly/notes.md', 'iaas/20230426.md', 'ops/20230427.md', 'iam/20230428.md']) add(p);
    link('weekly/notes.md', 'iaas/20230426.md', 1);
    link('weekly/notes.md', 'ops/20230427.md', 1);
    link('weekly/20230427.md', 'weekly/20230420.md', 1);
    assert.deepEqual(weekly.folders(), []);
    link('weekly/20230427.md', 'iaas/20230426.md', 1);
    link('weekly/20230427.md', 'ops/20230427.md', 1);
    link('weekly/20230427.md', 'iam/20230428.md', 1);
    link('iaas/20230426.md', 'ops/20230427.md', 1);
    assert.deepEqual(weekly.folders(), ['weekly'], 'iaas reaches one team, under half of the best reach');
    remove('iam/20230428.md');
    remove('ops/20230427.md');
    assert.deepEqual(weekly.folders(), []);
    weekly.clear();
    assert.deepEqual(weekly.folders(), []);
  });
});
