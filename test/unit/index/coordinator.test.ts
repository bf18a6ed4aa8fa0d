import * as assert from 'node:assert/strict';
import { MinutesIndex } from '../../../src/core/index';
import { parseMinutes } from '../../../src/core/parse';

const GH = 'https://github.com/org/minutes/blob';

describe('index: the coordinator', () => {
  it('merges what every part affected: the file, its linkers, the files of the same body', () => {
    const index = new MinutesIndex({ identity: { owner: 'org', repo: 'minutes' } });
    index.update('weekly/20230427.md', `[x](${GH}/main/iaas/20230426.md#agenda)\n`);
    index.update('ops/20230426.md', '# 2023-04-26\n\n## Agenda\n');
    const affected = index.update('iaas/20230426.md', '# 2023-04-26\n\n## Agenda\n');
    assert.equal(affected.all, false);
    assert.deepEqual([...affected.paths].sort(), ['iaas/20230426.md', 'ops/20230426.md', 'weekly/20230427.md']);
    const gone = index.delete('iaas');
    assert.deepEqual([...gone.paths].sort(), ['iaas/20230426.md', 'ops/20230426.md', 'weekly/20230427.md']);
  });

  it('a new identity affects everything', () => {
    const index = new MinutesIndex();
    index.addPath('iaas/20230426.md');
    assert.equal(index.update('notes.md', `<${GH}/main/iaas/20230426.md>\n`).all, true);
    assert.deepEqual(index.identity, { owner: 'org', repo: 'minutes' });
    assert.deepEqual(index.backlinks('iaas/20230426.md').map((b) => b.from), ['notes.md']);
  });

  it('queries have no side effect: what an answer depends on goes to the collector passed in', () => {
    const index = new MinutesIndex({ identity: { owner: 'org', repo: 'minutes' } });
    index.addPath('iaas/20230426.md');
    const link = parseMinutes(`<${GH}/feature/x/iaas/20230426.md>\n`).links[0];
    const deps = new Set<string>();
    const target = index.resolve('notes.md', link, deps);
    assert.deepEqual(target.kind === 'internal' && [target.path, target.branch], ['iaas/20230426.md', 'feature/x']);
    assert.deepEqual([...deps], ['x/iaas/20230426.md', 'iaas/20230426.md']);
    index.resolve('notes.md', link);
    index.hasFile('ops/20230427.md');
    assert.equal(index.hasFolder('iaas', deps), true);
    assert.deepEqual([...deps], ['x/iaas/20230426.md', 'iaas/20230426.md', 'iaas'], 'queries without a collector record nowhere');
  });
});
