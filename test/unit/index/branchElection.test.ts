import * as assert from 'node:assert/strict';
import { BranchElection } from '../../../src/core/index/branchElection';
import type { DependencyCollector, IndexedFile, LinkResolver } from '../../../src/core/index/part';
import { resolveLink, type RepoIdentity } from '../../../src/core/links';
import { fileOf } from './files';

const ID: RepoIdentity = { owner: 'org', repo: 'minutes' };
const url = (branch: string, path: string) => `<https://github.com/org/minutes/blob/${branch}/${path}>`;

/** A repository of `existing` paths; every query reports its path to the collector, as the index does. */
function setUp(existing: Set<string>) {
  const files = new Map<string, IndexedFile>();
  const asked: string[] = [];
  const resolver: LinkResolver = {
    resolve: (from, link) => resolveLink(link.url, from, [ID]),
    hasFile: (p: string, deps?: DependencyCollector) => (deps?.add(p), asked.push(p), existing.has(p) && p.endsWith('.md')),
    hasFolder: (p: string, deps?: DependencyCollector) => (deps?.add(p), asked.push(p), existing.has(p) && !p.endsWith('.md')),
  };
  const election = new BranchElection(files, resolver);
  const add = (path: string, text: string) => {
    const file = fileOf(path, text);
    const previous = files.get(path);
    files.set(path, file);
    election.fileAdded(file);
    return previous;
  };
  return { election, add, files, asked };
}

describe('index part: the default branch election', () => {
  it('the branch most URLs name, among those that lead somewhere; ties alphabetical; main without votes', () => {
    const existing = new Set(['iaas/20230426.md', 'ops/20230427.md', 'iaas']);
    const { election, add } = setUp(existing);
    assert.equal(election.elect(ID), 'main');
    add('notes/a.md', `${url('develop', 'iaas/20230426.md')} ${url('develop', 'ops/20230427.md')} ${url('main', 'iaas')} ${url('release', 'gone.md')}\n`);
    assert.equal(election.elect(ID), 'develop');
    add('notes/b.md', `${url('main', 'ops/20230427.md')}\n`);
    assert.equal(election.elect(ID), 'develop', 'two each: develop comes first');
    assert.equal(election.elect({ owner: 'someone', repo: 'else' }), 'develop', 'no new vote before something changes');
    election.invalidate();
    assert.equal(election.elect({ owner: 'someone', repo: 'else' }), 'main', 'after the identity changed, every file votes anew');
  });

  it('a file votes again only when it changes or a path its votes depend on comes or goes', () => {
    const existing = new Set(['iaas/20230426.md']);
    const { election, add, files, asked } = setUp(existing);
    add('notes/a.md', `${url('develop', 'iaas/20230426.md')}\n`);
    add('notes/b.md', `${url('main', 'ops/20230427.md')}\n`);
    assert.equal(election.elect(ID), 'develop');
    asked.length = 0;
    election.pathAdded('unrelated/x.md');
    assert.equal(election.elect(ID), 'develop');
    assert.deepEqual(asked, [], 'nothing asked again');
    existing.add('ops/20230427.md');
    election.pathAdded('ops/20230427.md');
    existing.add('develop');
    election.pathAdded('develop');
    assert.equal(election.elect(ID), 'main', 'a folder named like the branch: that URL names a folder, no branch');
    existing.delete('develop');
    election.pathRemoved('develop');
    election.fileRemoved(files.get('notes/b.md')!);
    files.delete('notes/b.md');
    assert.equal(election.elect(ID), 'develop');
  });
});
