import * as assert from 'node:assert/strict';
import { IdentityElection } from '../../../src/core/index/identityElection';
import { fileOf } from './files';

const url = (repo: string, path: string) => `<https://github.com/${repo}/blob/main/${path}>`;

describe('index part: the identity election', () => {
  it('a URL votes only while the path it names exists; a path coming or going moves its votes', () => {
    const existing = new Set<string>(['iaas/20230426.md']);
    const election = new IdentityElection({}, (p) => existing.has(p));
    election.fileAdded(fileOf('notes.md', `${url('org/minutes', 'iaas/20230426.md')}\n${url('fork/minutes', 'ops/20230427.md')} ${url('fork/minutes', 'ops')}\n`));
    assert.equal(election.refresh(), true);
    assert.deepEqual(election.identity, { owner: 'org', repo: 'minutes' });
    assert.equal(election.refresh(), false, 'nothing changed');
    existing.add('ops/20230427.md');
    existing.add('ops');
    election.pathAdded('ops/20230427.md');
    election.pathAdded('ops');
    assert.equal(election.refresh(), true);
    assert.deepEqual(election.identity, { owner: 'fork', repo: 'minutes' });
    existing.delete('ops');
    election.pathRemoved('ops');
    assert.equal(election.refresh(), false, 'a tie: the first in alphabetical order stays');
    assert.deepEqual(election.identity, { owner: 'fork', repo: 'minutes' });
    existing.delete('ops/20230427.md');
    election.pathRemoved('ops/20230427.md');
    assert.equal(election.refresh(), true);
    assert.deepEqual(election.identity, { owner: 'org', repo: 'minutes' });
  });

  it('a file removed or replaced takes its votes back', () => {
    const election = new IdentityElection({}, () => true);
    const notes = fileOf('notes.md', `${url('org/minutes', 'a.md')}\n`);
    election.fileAdded(notes);
    election.refresh();
    assert.deepEqual(election.identity, { owner: 'org', repo: 'minutes' });
    election.fileAdded(fileOf('notes.md', `${url('other/minutes', 'a.md')}\n`));
    assert.equal(election.refresh(), true);
    assert.deepEqual(election.identity, { owner: 'other', repo: 'minutes' });
    election.fileRemoved(notes);
    assert.equal(election.refresh(), true);
    assert.equal(election.identity, undefined);
    assert.deepEqual(election.all, []);
  });

  it('a configured identity is never replaced; remotes follow the elected one', () => {
    const configured = new IdentityElection({ identity: { owner: 'org', repo: 'minutes' }, remotes: [{ owner: 'mirror', repo: 'm' }] }, () => true);
    configured.fileAdded(fileOf('notes.md', `${url('other/minutes', 'a.md')}\n`));
    assert.equal(configured.refresh(), false);
    assert.deepEqual(configured.all, [{ owner: 'org', repo: 'minutes' }, { owner: 'mirror', repo: 'm' }]);
    const remoteOnly = new IdentityElection({ remotes: [{ owner: 'me', repo: 'minutes' }] }, () => true);
    assert.deepEqual(remoteOnly.identity, { owner: 'me', repo: 'minutes' }, 'without votes, the first remote');
    // A fork's clone: the upstream, of the same name, is elected from the files' URLs.
    remoteOnly.fileAdded(fileOf('notes.md', `${url('org/Minutes', 'a.md')}\n`));
    remoteOnly.refresh();
    assert.deepEqual(remoteOnly.all, [{ owner: 'org', repo: 'Minutes' }, { owner: 'me', repo: 'minutes' }]);
  });

  it('with git remotes known, a repository of another name is never elected, however many of its URLs name files here', () => {
    const election = new IdentityElection({ remotes: [{ owner: 'nodejs-like', repo: 'security-wg' }] }, () => true);
    // Generic files every project has: ten URLs into another project, fewer into this one.
    election.fileAdded(fileOf('a.md', Array.from({ length: 10 }, () => url('nodejs-like/node', 'CONTRIBUTING.md')).join('\n')));
    election.fileAdded(fileOf('b.md', `${url('nodejs-like/security-wg', 'meetings/2023-10-26.md')}\n`));
    election.refresh();
    assert.deepEqual(election.all, [{ owner: 'nodejs-like', repo: 'security-wg' }]);
    assert.deepEqual(election.identity, { owner: 'nodejs-like', repo: 'security-wg' });
    const noVotes = new IdentityElection({ remotes: [{ owner: 'nodejs-like', repo: 'security-wg' }] }, () => true);
    noVotes.fileAdded(fileOf('a.md', url('nodejs-like/node', 'LICENSE')));
    assert.equal(noVotes.refresh(), false);
    assert.deepEqual(noVotes.all, [{ owner: 'nodejs-like', repo: 'security-wg' }]);
  });
});
