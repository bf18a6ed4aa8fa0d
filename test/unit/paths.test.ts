import * as assert from 'node:assert/strict';
import { basename, dirname, isMarkdownPath, joinPath, normalizePath, parseFileName, topFolder } from '../../src/core/paths';

describe('paths: parseFileName', () => {
  it('reads team, date and week from team/YYYYMMDD.md', () => {
    assert.deepEqual(parseFileName('iaas/20230426.md'), { team: 'iaas', date: '2023-04-26', week: '2023-W17', suffix: undefined, layout: 'YYYYMMDD.md' });
  });

  it('reads the suffix of team/YYYYMMDD-suffix.md', () => {
    assert.deepEqual(parseFileName('iaas/20230710-overflow.md'), { team: 'iaas', date: '2023-07-10', week: '2023-W28', suffix: 'overflow', layout: 'YYYYMMDD-*.md' });
  });

  it('reads team/YYYY-MM-DD.md', () => {
    assert.deepEqual(parseFileName('iam/2023-04-26.md'), { team: 'iam', date: '2023-04-26', week: '2023-W17', suffix: undefined, layout: 'YYYY-MM-DD.md' });
    assert.equal(parseFileName('iam/2023-04-26-extra.md').suffix, 'extra');
  });

  it('accepts .markdown and upper-case extensions', () => {
    assert.equal(parseFileName('ops/20230427.markdown').date, '2023-04-27');
    assert.equal(parseFileName('ops/20230427.MD').date, '2023-04-27');
  });

  it('uses the ISO week, also across a year boundary', () => {
    assert.equal(parseFileName('community-call/20261231.md').week, '2026-W53');
    assert.equal(parseFileName('container/20270103.md').week, '2026-W53');
    assert.equal(parseFileName('container/20241230.md').week, '2025-W01');
  });

  it('rejects impossible dates', () => {
    assert.deepEqual(parseFileName('iaas/20231345.md'), { team: 'iaas' });
    assert.deepEqual(parseFileName('iaas/20230230.md'), { team: 'iaas' });
    assert.deepEqual(parseFileName('iaas/2023-02-30.md'), { team: 'iaas' });
  });

  it('rejects a mix of the compact and the dashed form, and names that only start with digits', () => {
    assert.deepEqual(parseFileName('iaas/2023-0426.md'), { team: 'iaas' });
    assert.deepEqual(parseFileName('iaas/202304-26.md'), { team: 'iaas' });
    assert.deepEqual(parseFileName('iaas/2023042612.md'), { team: 'iaas' });
    assert.deepEqual(parseFileName('iaas/20230426.txt'), { team: 'iaas' });
  });

  it('has no team for an undated file at the root; dated ones there are the root folder\'s minutes', () => {
    assert.equal(parseFileName('README.md').team, undefined);
    assert.equal(parseFileName('README.md').date, undefined);
    const rootDated = parseFileName('20230426.md');
    assert.equal(rootDated.team, '.');
    assert.equal(rootDated.date, '2023-04-26');
  });

  it('gives a non-dated file its team only', () => {
    assert.deepEqual(parseFileName('iaas/template.md'), { team: 'iaas' });
    assert.deepEqual(parseFileName('container/design-notes.md'), { team: 'container' });
  });

  it('takes the file’s own folder as the team for nested files, the folder above a year folder', () => {
    // A year folder is never a team (issue: any layout).
    assert.deepEqual(parseFileName('hackathons/2023/20231107.md'), { team: 'hackathons', date: '2023-11-07', week: '2023-W45', suffix: undefined, layout: 'YYYY/YYYYMMDD.md' });
    assert.deepEqual(parseFileName('copy-3/iaas/20230426.md').team, 'copy-3/iaas');
  });
});

describe('paths: normalizePath and friends', () => {
  it('resolves . and .. segments', () => {
    assert.equal(normalizePath('a/./b/../c'), 'a/c');
    assert.equal(normalizePath('community-call/../iaas/20230426.md'), 'iaas/20230426.md');
    assert.equal(normalizePath('a//b/'), 'a/b');
    assert.equal(normalizePath('/iaas/x.md'), 'iaas/x.md');
    assert.equal(normalizePath('a/..'), '');
    assert.equal(normalizePath(''), '');
  });

  it('returns undefined when the path climbs out of the root', () => {
    assert.equal(normalizePath('..'), undefined);
    assert.equal(normalizePath('../x'), undefined);
    assert.equal(normalizePath('a/../../x'), undefined);
    assert.equal(normalizePath('ops/../../../etc/passwd'), undefined);
  });

  it('dirname, basename, joinPath, topFolder, isMarkdownPath', () => {
    assert.equal(dirname('a/b/c.md'), 'a/b');
    assert.equal(dirname('c.md'), '');
    assert.equal(basename('a/b/c.md'), 'c.md');
    assert.equal(basename('c.md'), 'c.md');
    assert.equal(joinPath('a', '', 'b.md'), 'a/b.md');
    assert.equal(topFolder('iaas/x/y.md'), 'iaas');
    assert.equal(topFolder('README.md'), undefined);
    assert.equal(isMarkdownPath('a/B.MD'), true);
    assert.equal(isMarkdownPath('a/b.markdown'), true);
    assert.equal(isMarkdownPath('a/b.png'), false);
    assert.equal(isMarkdownPath('a/md'), false);
  });
});
