import * as assert from 'node:assert/strict';
import { PathSet } from '../../../src/core/index/pathSet';

describe('index part: the path set', () => {
  it('a new file brings its new folders, deepest first, then itself; a known one brings nothing', () => {
    const paths = new PathSet();
    assert.deepEqual(paths.add('iaas/2023/20230426.md'), [['iaas/2023', 'folder'], ['iaas', 'folder'], ['iaas/2023/20230426.md', 'file']]);
    assert.deepEqual(paths.add('iaas/20230503.md'), [['iaas/20230503.md', 'file']]);
    assert.deepEqual(paths.add('iaas/20230503.md'), []);
    assert.ok(paths.hasFile('iaas/20230503.md') && paths.hasFolder('iaas/2023') && !paths.hasFile('iaas'));
  });

  it('a folder lasts while a file is below it; removing takes away the emptied folders', () => {
    const paths = new PathSet();
    paths.add('iaas/2023/20230426.md');
    paths.add('iaas/20230503.md');
    assert.deepEqual(paths.remove('iaas/2023/20230426.md'), [['iaas/2023', 'folder'], ['iaas/2023/20230426.md', 'file']]);
    assert.ok(paths.hasFolder('iaas'));
    assert.deepEqual(paths.remove('iaas/2023/20230426.md'), [], 'removing twice changes nothing');
    assert.deepEqual(paths.remove('iaas/20230503.md'), [['iaas', 'folder'], ['iaas/20230503.md', 'file']]);
    assert.ok(!paths.exists('iaas'));
  });

  it('what a deletion takes: the file, every file below a folder, or nothing', () => {
    const paths = new PathSet();
    for (const p of ['iaas/20230426.md', 'iaas/sub/x.png', 'iaas-old/20220101.md']) paths.add(p);
    assert.deepEqual(paths.filesAt('iaas/20230426.md'), ['iaas/20230426.md']);
    assert.deepEqual(paths.filesAt('iaas').sort(), ['iaas/20230426.md', 'iaas/sub/x.png']);
    assert.deepEqual(paths.filesAt('ops'), []);
  });

  it('queries report what they looked at to the collector they are given, and to nothing else', () => {
    const paths = new PathSet();
    paths.add('iaas/20230426.md');
    const deps = new Set<string>();
    assert.equal(paths.hasFile('ops/20230427.md', deps), false);
    assert.equal(paths.hasFolder('iaas', deps), true);
    assert.equal(paths.exists('iaas/20230426.md', deps), true);
    assert.equal(paths.hasFolder('', deps), true, 'the root always exists');
    assert.deepEqual([...deps].sort(), ['iaas', 'iaas/20230426.md', 'ops/20230427.md']);
    const other = new Set<string>();
    paths.hasFile('notes.md');
    assert.equal(other.size, 0);
    assert.equal(deps.size, 3, 'a query without a collector records nowhere');
  });

  it('a path that differs only in case', () => {
    const paths = new PathSet();
    paths.add('IaaS/20230426.md');
    assert.equal(paths.caseVariant('iaas/20230426.md'), 'IaaS/20230426.md');
    assert.equal(paths.caseVariant('IaaS/20230426.md'), undefined, 'the path itself exists');
    paths.remove('IaaS/20230426.md');
    assert.equal(paths.caseVariant('iaas/20230426.md'), undefined);
  });
});
