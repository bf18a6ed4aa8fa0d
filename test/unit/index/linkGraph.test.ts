import * as assert from 'node:assert/strict';
import { LinkGraph, anchorsChanged, resolveInRepository } from '../../../src/core/index/linkGraph';
import { nameKey } from '../../../src/core/index/pathSet';
import type { IndexedFile } from '../../../src/core/index/part';
import { resolveLink, type RepoIdentity } from '../../../src/core/links';
import { parseMinutes } from '../../../src/core/parse';
import { fileOf, sorted } from './files';

function graphOf(identities: RepoIdentity[] = [], existing = new Set<string>()) {
  const files = new Map<string, IndexedFile>();
  const events: string[] = [];
  const resolver = {
    resolve: (from: string, link: { url: string }) => resolveLink(link.url, from, identities),
    exists: (path: string) => existing.has(path),
    namesakes: (path: string) => [...existing].filter((p) => nameKey(p) === nameKey(path)),
  };
  const graph = new LinkGraph(files, resolver, (from, target, delta) => events.push(`${from.path}→${target} ${delta > 0 ? '+' : '-'}`));
  const add = (f: IndexedFile) => {
    const previous = files.get(f.path);
    files.set(f.path, f);
    return sorted(graph.fileAdded(f, previous));
  };
  return { files, events, graph, add, identities };
}

describe('index part: the link graph', () => {
  it('a file coming or going changes the findings of links to a missing file of its name (where it moved), not of links to one that exists', () => {
    const existing = new Set<string>(['b/x.md']);
    const { graph, add } = graphOf([], existing);
    add(fileOf('a/1.md', '[old place](../old/x.md)\n'));
    add(fileOf('a/2.md', '[there](../b/x.md)\n'));
    add(fileOf('a/3.md', '[other name](../old/y.md)\n'));
    existing.add('new/x.md');
    assert.deepEqual(sorted(graph.pathAdded('new/x.md', 'file')), ['a/1.md']);
    assert.deepEqual(sorted(graph.pathRemoved('new/X.md', 'file')), ['a/1.md'], 'letter case aside');
    assert.deepEqual(sorted(graph.pathAdded('new/x', 'file')), ['a/1.md'], 'without .md');
    assert.deepEqual(sorted(graph.pathAdded('old', 'folder')), [], 'a folder is no file of that name');
    // A third file of the name: no suggestion can come or go.
    existing.add('more/x.md');
    existing.add('other/x.md');
    assert.deepEqual(sorted(graph.pathAdded('other/x.md', 'file')), []);
  });

  it('dated minutes of another team are no place a team\'s minutes moved to', () => {
    const existing = new Set<string>();
    const { graph, add } = graphOf([], existing);
    add(fileOf('weekly/20230427.md', '[ops](../ops/20230426.md)\n[old iaas](../iaas/2022/20230426.md)\n'));
    existing.add('iaas/20230426.md');
    assert.deepEqual(sorted(graph.pathAdded('iaas/20230426.md', 'file')), ['weekly/20230427.md'], 'the iaas link, not the ops one');
    existing.clear();
    existing.add('ops/2023/20230426.md');
    const { graph: other, add: addOther } = graphOf([], existing);
    addOther(fileOf('weekly/20230427.md', '[ops](../ops/20230426.md)\n'));
    assert.deepEqual(sorted(other.pathAdded('ops/2023/20230426.md', 'file')), ['weekly/20230427.md'], 'a year folder of the same team');
  });

  it('who links to a path, existing or not; each link heard as it starts and stops counting', () => {
    const { graph, events, add } = graphOf();
    add(fileOf('community-call/20230427.md', '- [iaas](../iaas/20230426.md)\n- [again](../iaas/20230426.md#agenda)\n- [ops](/ops/20230427.md)\n'));
    assert.deepEqual([...graph.linkersOf('iaas/20230426.md')], ['community-call/20230427.md']);
    assert.deepEqual([...graph.linkersOf('ops/20230427.md')], ['community-call/20230427.md']);
    assert.deepEqual(events, ['community-call/20230427.md→iaas/20230426.md +', 'community-call/20230427.md→ops/20230427.md +'], 'one event per target, not per link');
    assert.equal(graph.backlinks('iaas/20230426.md').length, 2);
    assert.deepEqual(sorted(graph.pathAdded('iaas/20230426.md')), ['community-call/20230427.md'], 'a path that appears changes the findings of its links');
  });

  it('a new file, or one whose headings changed, affects its linkers; an edit elsewhere does not', () => {
    const { add } = graphOf();
    add(fileOf('weekly/20230427.md', '[x](../iaas/20230426.md#agenda)\n'));
    assert.deepEqual(add(fileOf('iaas/20230426.md', '# IaaS\n\n## Agenda\n')), ['weekly/20230427.md']);
    assert.deepEqual(add(fileOf('iaas/20230426.md', '# IaaS\n\n## Agenda\n')), [], 'the same anchors');
    assert.deepEqual(add(fileOf('iaas/20230426.md', '# IaaS\n\n## Topics\n')), ['weekly/20230427.md']);
    assert.ok(anchorsChanged(parseMinutes('a\n'), parseMinutes('a\nb\n')), 'line anchors move with the line count');
  });

  it('a file removed or replaced no longer links; relinking all follows a new identity', () => {
    const { graph, events, add, files, identities } = graphOf();
    const weekly = fileOf('weekly/20230427.md', '<https://github.com/org/minutes/blob/main/iaas/20230426.md>\n[ops](../ops/20230427.md)\n');
    add(weekly);
    assert.deepEqual([...graph.linkersOf('iaas/20230426.md')], [], 'another repository, until it is this one');
    identities.push({ owner: 'org', repo: 'minutes' });
    graph.relinkAll();
    assert.deepEqual([...graph.linkersOf('iaas/20230426.md')], ['weekly/20230427.md']);
    assert.deepEqual(weekly.targets.sort(), ['iaas/20230426.md', 'ops/20230427.md']);
    events.length = 0;
    add(fileOf('weekly/20230427.md', '[ops](../ops/20230427.md)\n'));
    assert.deepEqual([...graph.linkersOf('iaas/20230426.md')], []);
    assert.ok(events.includes('weekly/20230427.md→iaas/20230426.md -'));
    graph.fileRemoved(files.get('weekly/20230427.md')!);
    assert.deepEqual([...graph.linkersOf('ops/20230427.md')], []);
  });

  it('a GitHub URL whose branch has a slash: leading segments move into the branch until the path exists', () => {
    const id = [{ owner: 'org', repo: 'minutes' }];
    const exists = (p: string) => p === 'iaas/20230426.md';
    const seen = new Set<string>();
    const t = resolveInRepository('https://github.com/org/minutes/blob/feature/x/iaas/20230426.md', 'notes.md', id, (p) => (seen.add(p), exists(p)));
    assert.equal(t.kind, 'internal');
    assert.deepEqual(t.kind === 'internal' && [t.path, t.branch], ['iaas/20230426.md', 'feature/x']);
    assert.deepEqual([...seen], ['x/iaas/20230426.md', 'iaas/20230426.md'], 'the paths that decided it');
    const plain = resolveInRepository('https://github.com/org/minutes/blob/main/iaas/20230426.md', 'notes.md', id, exists);
    assert.deepEqual(plain.kind === 'internal' && [plain.path, plain.branch], ['iaas/20230426.md', 'main']);
  });
});
