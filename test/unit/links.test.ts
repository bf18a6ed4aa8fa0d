import * as assert from 'node:assert/strict';
import { parseGithubUrl, resolveLink, sameRepo, safeDecode, type LinkTarget, type RepoIdentity } from '../../src/core/links';
import { remotesFromGitConfig } from '../../src/core/gitConfig';

const IDS: RepoIdentity[] = [{ owner: 'example-org', repo: 'minutes' }];
const FROM = 'community-call/20230427.md';
const resolve = (url: string, from = FROM, ids = IDS): LinkTarget => resolveLink(url, from, ids);

function internal(url: string, from = FROM, ids = IDS) {
  const t = resolve(url, from, ids);
  assert.equal(t.kind, 'internal', `${url} → ${JSON.stringify(t)}`);
  return t as Extract<LinkTarget, { kind: 'internal' }>;
}

describe('links: resolveLink, relative and root-relative', () => {
  it('resolves a path relative to the linking file', () => {
    const t = internal('20230420.md');
    assert.equal(t.path, 'community-call/20230420.md');
    assert.equal(t.via, 'relative');
    assert.equal(t.fragment, undefined);
    assert.equal(t.plain, false);
  });

  it('resolves ./ and ../', () => {
    assert.equal(internal('./20230420.md').path, 'community-call/20230420.md');
    assert.equal(internal('../iaas/20230426.md').path, 'iaas/20230426.md');
    assert.equal(internal('../iaas/./x/../20230426.md').path, 'iaas/20230426.md');
    assert.equal(internal('../iaas/').path, 'iaas');
    assert.equal(internal('..').path, '');
  });

  it('resolves from a root file', () => {
    assert.equal(internal('iaas/20230426.md', 'README.md').path, 'iaas/20230426.md');
  });

  it('resolves root-relative /x from the repository root', () => {
    const t = internal('/iaas/20230426.md#agenda');
    assert.equal(t.path, 'iaas/20230426.md');
    assert.equal(t.via, 'root');
    assert.equal(t.fragment, 'agenda');
  });

  it('resolves a fragment-only link to the linking file', () => {
    const t = internal('#action-items');
    assert.equal(t.path, FROM);
    assert.equal(t.fragment, 'action-items');
  });

  it('decodes percent-encoding in paths and fragments', () => {
    assert.equal(internal('my%20file.md').path, 'community-call/my file.md');
    assert.equal(internal('my file.md').path, 'community-call/my file.md');
    assert.equal(internal('x.md#h%C3%A9').fragment, 'hé');
    assert.equal(internal('%zz.md').path, 'community-call/%zz.md', 'a malformed escape is kept as written');
    assert.equal(safeDecode('%E2%82%AC'), '€');
    assert.equal(safeDecode('%E2%82'), '%E2%82');
  });

  it('keeps ?plain=1 and line anchors of relative links', () => {
    const t = internal('../ops/20230427.md?plain=1#L12');
    assert.equal(t.path, 'ops/20230427.md');
    assert.equal(t.plain, true);
    assert.deepEqual(t.line, { start: 12, end: 12 });
    assert.deepEqual(internal('x.md#L5C2-L7C3').line, { start: 5, end: 7 });
    assert.equal(internal('x.md#Lfoo').line, undefined);
  });

  it('../../etc/passwd leaves the repository', () => {
    assert.deepEqual(resolve('../../etc/passwd'), { kind: 'outside', path: '../../etc/passwd' });
    assert.equal(resolve('../../../etc/passwd', 'ops/20261112.md').kind, 'outside');
    assert.equal(resolve('/../x').kind, 'outside');
  });

  it('file: URLs and drive paths are local files', () => {
    assert.deepEqual(resolve('file:///etc/passwd'), { kind: 'local-file', url: 'file:///etc/passwd' });
    assert.equal(resolve('FILE:///C:/x.md').kind, 'local-file');
    assert.equal(resolve('C:\\Users\\me\\notes.md').kind, 'local-file');
    assert.equal(resolve('\\\\server\\share\\x.md').kind, 'local-file');
  });

  it('other schemes are external', () => {
    assert.deepEqual(resolve('mailto:someone@example.org'), { kind: 'external', url: 'mailto:someone@example.org' });
    assert.equal(resolve('https://example.org/x.md').kind, 'external');
    assert.equal(resolve('ftp://example.org/x').kind, 'external');
  });

  it('empty and blank destinations are empty', () => {
    assert.deepEqual(resolve(''), { kind: 'empty' });
    assert.deepEqual(resolve('   '), { kind: 'empty' });
  });
});

describe('links: resolveLink, GitHub URLs', () => {
  it('resolves a blob URL of this repository on any branch', () => {
    const t = internal('https://github.com/example-org/minutes/blob/main/iaas/20230426.md');
    assert.equal(t.path, 'iaas/20230426.md');
    assert.equal(t.via, 'github');
    assert.equal(t.branch, 'main');
    const pr = internal('https://github.com/example-org/minutes/blob/add-iaas-minutes/iaas/20230426.md#agenda');
    assert.equal(pr.branch, 'add-iaas-minutes');
    assert.equal(pr.path, 'iaas/20230426.md');
    assert.equal(pr.fragment, 'agenda');
  });

  it('resolves tree, raw, blame and edit URLs', () => {
    assert.equal(internal('https://github.com/example-org/minutes/tree/main/iaas').path, 'iaas');
    assert.equal(internal('https://github.com/example-org/minutes/tree/main/iaas/').path, 'iaas');
    assert.equal(internal('https://github.com/example-org/minutes/raw/main/images/a.png').path, 'images/a.png');
    assert.equal(internal('https://github.com/example-org/minutes/blame/main/a.md').path, 'a.md');
    assert.equal(internal('https://github.com/example-org/minutes/edit/main/a.md').path, 'a.md');
    assert.equal(internal('https://github.com/example-org/minutes/blob/main').path, '');
  });

  it('matches owner and repository case-insensitively, with www. and a .git suffix', () => {
    assert.equal(internal('https://github.com/EXAMPLE-ORG/Minutes/blob/main/a.md').path, 'a.md');
    assert.equal(internal('https://www.github.com/example-org/minutes/blob/main/a.md').path, 'a.md');
    assert.equal(internal('https://github.com/example-org/minutes.git/blob/main/a.md').path, 'a.md');
    assert.equal(internal('http://github.com/example-org/minutes/blob/main/a.md').path, 'a.md');
    assert.equal(internal('//github.com/example-org/minutes/blob/main/a.md').path, 'a.md');
    assert.equal(internal('HTTPS://GITHUB.COM/example-org/minutes/blob/main/a.md').path, 'a.md');
    assert.equal(internal('https://github.com/example-org/minutes/blob/main/a.md', FROM, [{ owner: 'Example-Org', repo: 'MINUTES' }]).path, 'a.md');
  });

  it('resolves raw.githubusercontent.com URLs', () => {
    const t = internal('https://raw.githubusercontent.com/example-org/minutes/main/iaas/20230426.md');
    assert.equal(t.path, 'iaas/20230426.md');
    assert.equal(t.branch, 'main');
  });

  it('decodes percent-encoded GitHub paths and fragments', () => {
    const t = internal('https://github.com/example-org/minutes/blob/main/team%20a/x.md#h%C3%A9');
    assert.equal(t.path, 'team a/x.md');
    assert.equal(t.fragment, 'hé');
  });

  it('reads ?plain=1#L57 and #L10-L20 line anchors', () => {
    const a = internal('https://github.com/example-org/minutes/blob/main/ops/20230427.md?plain=1#L57');
    assert.equal(a.path, 'ops/20230427.md');
    assert.equal(a.plain, true);
    assert.equal(a.fragment, 'L57');
    assert.deepEqual(a.line, { start: 57, end: 57 });
    const b = internal('https://github.com/example-org/minutes/blob/main/ops/20230427.md#L10-L20');
    assert.equal(b.plain, false);
    assert.deepEqual(b.line, { start: 10, end: 20 });
  });

  it('treats other repositories, and this repository\'s non-file pages, as external', () => {
    assert.equal(resolve('https://github.com/other-org/minutes/blob/main/a.md').kind, 'external');
    assert.equal(resolve('https://github.com/example-org/other/blob/main/a.md').kind, 'external');
    assert.equal(resolve('https://github.com/example-org/minutes-fork/blob/main/a.md').kind, 'external');
    assert.equal(resolve('https://github.com/example-org/minutes').kind, 'external');
    assert.equal(resolve('https://github.com/example-org/minutes/issues/3').kind, 'external');
    assert.equal(resolve('https://github.com/example-org/minutes/pull/3/files').kind, 'external');
    assert.equal(resolve('https://gitlab.com/example-org/minutes/blob/main/a.md').kind, 'external');
    assert.equal(resolve('https://github.com.evil.example/example-org/minutes/blob/main/a.md').kind, 'external');
  });

  it('treats every GitHub URL as external when the identity is unknown', () => {
    assert.equal(resolve('https://github.com/example-org/minutes/blob/main/a.md', FROM, []).kind, 'external');
  });

  it('accepts any of several identities (elected identity and git remotes)', () => {
    const ids = [{ owner: 'me', repo: 'minutes-fork' }, { owner: 'example-org', repo: 'minutes' }];
    assert.equal(internal('https://github.com/me/minutes-fork/blob/main/a.md', FROM, ids).path, 'a.md');
    assert.equal(internal('https://github.com/example-org/minutes/blob/main/a.md', FROM, ids).path, 'a.md');
  });

  it('a GitHub URL that climbs out of the repository is outside', () => {
    assert.equal(resolve('https://github.com/example-org/minutes/blob/main/../../x').kind, 'outside');
  });

  it('parseGithubUrl and sameRepo', () => {
    assert.deepEqual(parseGithubUrl('https://github.com/o/r.git/tree/dev/a/b/?x=1#frag'), { owner: 'o', repo: 'r', mode: 'tree', branch: 'dev', path: 'a/b', query: '?x=1', fragment: 'frag' });
    assert.equal(parseGithubUrl('https://example.org/o/r/blob/main/a.md'), undefined);
    assert.equal(sameRepo(IDS, 'Example-Org', 'Minutes.git'), true);
    assert.equal(sameRepo(IDS, 'example-org', 'minutes2'), false);
  });
});

describe('gitConfig: remotesFromGitConfig', () => {
  const config = [
    '[core]',
    '\trepositoryformatversion = 0',
    '\turl = https://github.com/not/a-remote',
    '[remote "origin"]',
    '\turl = git@github.com:me/minutes-fork.git',
    '\tfetch = +refs/heads/*:refs/remotes/origin/*',
    '[remote "gitlab"]',
    '\turl = https://gitlab.com/someone/minutes.git',
    '[remote "upstream"]',
    '\turl = https://github.com/Example-Org/minutes.git',
    '\tfetch = +refs/heads/*:refs/remotes/upstream/*',
    '[remote "mirror"]',
    '\turl = ssh://git@github.com/mirror-org/minutes',
    '[branch "main"]',
    '\tremote = origin',
    '\turl = https://github.com/not/a-remote-either',
    '',
  ].join('\n');

  it('reads GitHub remotes in https, scp-like ssh and ssh:// forms, upstream before origin, others after', () => {
    assert.deepEqual(remotesFromGitConfig(config), [
      { owner: 'Example-Org', repo: 'minutes' },
      { owner: 'me', repo: 'minutes-fork' },
      { owner: 'mirror-org', repo: 'minutes' },
    ]);
  });

  it('ignores non-GitHub remotes and url keys outside remote sections', () => {
    const ids = remotesFromGitConfig(config);
    assert.ok(!ids.some((i) => i.owner === 'someone' || i.owner === 'not'));
  });

  it('reads CRLF config files, spaces in section headers and URLs without .git', () => {
    const crlf = '[remote  "origin" ]\r\n  url=https://github.com/o/r/\r\n';
    assert.deepEqual(remotesFromGitConfig(crlf), [{ owner: 'o', repo: 'r' }]);
  });

  it('reads https URLs with credentials or a user name', () => {
    assert.deepEqual(remotesFromGitConfig('[remote "origin"]\n\turl = https://someone@github.com/o/r.git\n'), [{ owner: 'o', repo: 'r' }]);
  });

  it('reads section and key names in any letter case, quoted values and trailing comments, as git does', () => {
    assert.deepEqual(remotesFromGitConfig('[Remote "origin"]\n\tURL = https://github.com/o/r.git\n'), [{ owner: 'o', repo: 'r' }]);
    assert.deepEqual(remotesFromGitConfig('[remote "origin"]\n\turl = "https://github.com/o/r.git"\n'), [{ owner: 'o', repo: 'r' }]);
    assert.deepEqual(remotesFromGitConfig('[remote "origin"]\n\turl = https://github.com/o/r.git ; the mirror\n'), [{ owner: 'o', repo: 'r' }]);
  });

  it('returns nothing for a config without remotes', () => {
    assert.deepEqual(remotesFromGitConfig('[core]\n\tbare = false\n'), []);
    assert.deepEqual(remotesFromGitConfig(''), []);
  });
});
