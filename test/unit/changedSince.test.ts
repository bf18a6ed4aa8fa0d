// `minutes check --changed-since <ref>` / `--changed` on temporary git repositories: the files it
// checks must include every file whose findings the change changed (found by checking the whole
// repository before and after), and its findings for them must be the full check's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { main } from '../../src/cli/main';
import { changedSince, gitBlobs } from '../../src/cli/changed';
import { findingLine, type JsonFinding as Finding } from '../../src/cli/format/diagnostics';
import { cleanup, fakeIo, git, hasGit, makeTempDir, writeFiles } from './helpers';


const GH = 'https://github.com/example-org/minutes/blob/main';
const WEEKS = [
  { weekly: '20261022', iaas: '20261021', container: '20261019', ops: '20261022' },
  { weekly: '20261029', iaas: '20261028', container: '20261026', ops: '20261029' },
  { weekly: '20261105', iaas: '20261104', container: '20261102', ops: '20261105' },
  { weekly: '20261112', iaas: '20261111', container: '20261109', ops: '20261112' },
  { weekly: '20261119', iaas: '20261118', container: '20261116', ops: '20261119' },
  // Ops did not meet that week.
  { weekly: '20261126', iaas: '20261125', container: '20261123', ops: undefined },
];

function dashed(d: string): string {
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;
}

function teamMinutes(date: string, topic: string): string {
  return `# ${dashed(date)}\n\n## Participants\n\n* @amrit-vale\n* @tobi-n\n\n## Agenda\n\n### ${topic}\n\n* A decision about ${topic.toLowerCase()}\n\n## Action items\n\n- _AI @tobi-n: write down ${topic.toLowerCase()}_\n`;
}

function weekly(w: (typeof WEEKS)[number], i: number): string {
  return [
    `# Tech Weekly ${dashed(w.weekly)}`,
    '',
    `Topic of the week: item ${i} of the roadmap.`,
    '',
    '## Team updates',
    '',
    '### Team IaaS',
    '',
    `Minutes: <${GH}/iaas/${w.iaas}.md>`,
    '',
    '### Team Container',
    '',
    `Minutes: <${GH}/container/${w.container}.md>`,
    '',
    ...(w.ops ? ['### Team Ops', '', `Minutes: <${GH}/ops/${w.ops}.md>`, ''] : []),
  ].join('\n');
}

function baseTree(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [i, w] of WEEKS.entries()) {
    files[`weekly/${w.weekly}.md`] = weekly(w, i);
    files[`iaas/${w.iaas}.md`] = teamMinutes(w.iaas, `Flavor cleanup ${i}`);
    files[`container/${w.container}.md`] = teamMinutes(w.container, `Autoscaler limits ${i}`);
    if (w.ops) files[`ops/${w.ops}.md`] = teamMinutes(w.ops, `Restore drill ${i}`);
  }
  // Cross-references with fragments, relative and absolute.
  // (each team links one other team only: a folder that links several is taken for a weekly)
  files['ops/20261112.md'] += `\nSee [the flavors](../iaas/20261104.md#flavor-cleanup-2).\n`;
  files['iaas/20261111.md'] += `\nSee [the limits](${GH}/container/20261109.md#autoscaler-limits-3).\n`;
  files['README.md'] = '# Minutes\n\nOne folder per team; the weekly links them.\n';
  return files;
}

/** Writes `files` into `root` and commits them as the first commit of branch main. */
function committed(root: string, files: Record<string, string>): void {
  writeFiles(root, files);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
}

async function check(root: string, ...extra: string[]) {
  const io = fakeIo(root);
  const code = await main(['check', '.', '--format', 'json', ...extra], io.io);
  return { code, findings: code === 2 ? [] : (JSON.parse(io.stdout()) as Finding[]), stderr: io.stderr() };
}

const key = (f: Finding) => findingLine(f, 'text');
const byFile = (findings: Finding[]) => {
  const map = new Map<string, string[]>();
  for (const f of findings) map.set(f.file, [...(map.get(f.file) ?? []), key(f)]);
  return map;
};

/**
 * Commits the base tree, applies `change` (and commits it on a branch when `commit`), and checks
 * that `--changed-since main` finds every file whose findings changed and reports them as the full
 * check does. Returns what it printed, and the files whose findings changed.
 */
async function scenario(change: (root: string) => void, commit = true) {
  const root = makeTempDir('minutes-changed-');
  try {
    committed(root, baseTree());
    const before = await check(root);
    if (commit) git(root, 'checkout', '-q', '-b', 'topic');
    change(root);
    if (commit) {
      git(root, 'add', '-A');
      git(root, 'commit', '-q', '-m', 'change');
    }
    const after = await check(root);
    const scoped = await check(root, ...(commit ? ['--changed-since', 'main'] : ['--changed']));
    assert.notEqual(scoped.code, 2, scoped.stderr);
    const [b, a] = [byFile(before.findings), byFile(after.findings)];
    const differing = [...new Set([...b.keys(), ...a.keys()])].filter((f) => fs.existsSync(nodePath.join(root, f)) && JSON.stringify(b.get(f) ?? []) !== JSON.stringify(a.get(f) ?? []));
    const got = byFile(scoped.findings);
    for (const f of differing) assert.deepEqual(got.get(f) ?? [], a.get(f) ?? [], `${f}: its findings changed, so it must be checked\n${scoped.stderr}`);
    for (const [f, list] of got) assert.deepEqual(list, a.get(f), `${f}: findings differ from the full check`);
    assert.equal(scoped.code, after.code);
    const m = /checked (\d+) of (\d+) files: (\d+) changed since [^,]+, (\d+) whose/.exec(scoped.stderr);
    assert.ok(m, scoped.stderr);
    return { scoped, differing, checked: Number(m[1]), total: Number(m[2]), changed: Number(m[3]) };
  } finally {
    cleanup(root);
  }
}

describe('cli: check --changed-since', function () {
  this.timeout(60_000);
  before(function () {
    if (!hasGit()) this.skip();
  });

  it('a renamed team file: the weekly linking its old name is checked and reports it', async () => {
    const r = await scenario((root) => {
      git(root, 'mv', 'iaas/20261104.md', 'iaas/20261103.md');
    });
    assert.ok(r.differing.includes('weekly/20261105.md'), r.differing.join());
    assert.ok(r.differing.includes('ops/20261112.md'), r.differing.join());
    assert.ok(r.scoped.findings.some((f) => f.file === 'weekly/20261105.md' && f.rule === 'broken-link'));
    assert.ok(r.checked < r.total, `checked ${r.checked} of ${r.total}`);
  });

  it('a deleted file: files linking into it (with fragments too) are checked', async () => {
    const r = await scenario((root) => {
      fs.rmSync(nodePath.join(root, 'container/20261109.md'));
    });
    assert.ok(r.differing.includes('weekly/20261112.md') && r.differing.includes('iaas/20261111.md'), r.differing.join());
    assert.ok(r.scoped.findings.some((f) => f.file === 'iaas/20261111.md' && f.rule === 'broken-link'));
    assert.equal(r.changed, 0);
    assert.ok(r.checked < r.total);
  });

  it('a renamed heading: links with its fragment elsewhere are checked', async () => {
    const r = await scenario((root) => {
      const p = nodePath.join(root, 'iaas/20261104.md');
      fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace('### Flavor cleanup 2', '### Flavour cleanup'));
    });
    assert.deepEqual(r.differing, ['ops/20261112.md']);
    assert.equal(r.changed, 1);
  });

  it('a weekly/team pair: team minutes added in a week whose weekly does not link them', async () => {
    const r = await scenario((root) => {
      writeFiles(root, { 'ops/20261126.md': teamMinutes('20261126', 'Backups') });
    });
    assert.deepEqual(r.differing, ['weekly/20261126.md'], 'the weekly of that week must be checked');
    assert.ok(r.scoped.findings.some((f) => f.file === 'weekly/20261126.md' && f.rule === 'weekly-team-link'), JSON.stringify(r.scoped.findings));
    assert.equal(r.changed, 1);
  });

  it('a weekly that now links another week\'s team minutes', async () => {
    const r = await scenario((root) => {
      const p = nodePath.join(root, 'weekly/20261119.md');
      fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace('ops/20261119.md', 'ops/20261112.md'));
    });
    assert.ok(r.scoped.findings.some((f) => f.file === 'weekly/20261119.md' && f.rule === 'weekly-team-link'), JSON.stringify(r.scoped.findings, null, 1));
  });

  it('--changed: uncommitted and untracked changes since the last commit', async () => {
    const r = await scenario((root) => {
      fs.rmSync(nodePath.join(root, 'ops/20261105.md'));
      writeFiles(root, { 'ops/20261106.md': teamMinutes('20261106', 'Restore drill 0') });
    }, false);
    assert.ok(r.differing.includes('weekly/20261105.md'));
    assert.equal(r.changed, 1);
  });

  it('a change to the configuration checks every file', async () => {
    const root = makeTempDir('minutes-changed-');
    try {
      committed(root, baseTree());
      writeFiles(root, { '.minutes.jsonc': '{ "rules": { "link-form": "off" } }\n' });
      const r = await check(root, '--changed');
      assert.match(r.stderr, new RegExp(`checked all ${Object.keys(baseTree()).length} files`));
    } finally {
      cleanup(root);
    }
  });

  it('a pull request whose target branch moved on: only the branch\'s own changes, since the merge base', async () => {
    const root = makeTempDir('minutes-changed-');
    try {
      committed(root, baseTree());
      const forked = git(root, 'rev-parse', 'HEAD').trim();
      git(root, 'checkout', '-q', '-b', 'topic');
      writeFiles(root, { 'iaas/20261104.md': teamMinutes('20261104', 'Flavour cleanup') });
      git(root, 'commit', '-q', '-am', 'topic');
      // main goes on after the fork: its later work is not the pull request's.
      git(root, 'checkout', '-q', 'main');
      writeFiles(root, { 'ops/20261112.md': teamMinutes('20261112', 'Another drill'), 'ops/20261113.md': teamMinutes('20261113', 'Extra') });
      git(root, 'add', '-A');
      git(root, 'commit', '-q', '-m', 'main moves on');
      git(root, 'checkout', '-q', 'topic');
      const set = await changedSince(root, 'main');
      assert.equal(set.base, forked);
      assert.deepEqual(set.changes, [{ status: 'modified', path: 'iaas/20261104.md' }]);
      const r = await check(root, '--changed-since', 'main');
      assert.match(r.stderr, /checked \d+ of \d+ files: 1 changed since main/);
    } finally {
      cleanup(root);
    }
  });

  it('a revision with no common history: the changes since that revision itself', async () => {
    const root = makeTempDir('minutes-changed-');
    try {
      committed(root, baseTree());
      git(root, 'checkout', '-q', '--orphan', 'other');
      git(root, 'rm', '-q', '-r', '--cached', '.');
      git(root, 'add', 'README.md', 'iaas');
      git(root, 'commit', '-q', '-m', 'unrelated');
      const other = git(root, 'rev-parse', 'HEAD').trim();
      git(root, 'checkout', '-q', '-f', 'main');
      const set = await changedSince(root, 'other');
      assert.equal(set.base, other);
      const expected = Object.keys(baseTree()).filter((p) => !p.startsWith('iaas/') && p !== 'README.md').sort();
      assert.deepEqual(set.changes.map((c) => `${c.status} ${c.path}`).sort(), expected.map((p) => `added ${p}`));
    } finally {
      cleanup(root);
    }
  });

  it('reads the base\'s content of many files with one git process: names with spaces, missing files, exact bytes', async () => {
    const root = makeTempDir('minutes-changed-');
    try {
      const crlf = '# 2026-11-04\r\n\r\n## Agenda\r\n\r\n* caf\u00e9 \u{1F600}\r\n';
      committed(root, { 'iaas/20261104.md': crlf, 'team a/20261105 notes.md': '# x\n', 'empty.md': '' });
      const base = git(root, 'rev-parse', 'HEAD').trim();
      fs.writeFileSync(nodePath.join(root, 'iaas/20261104.md'), 'changed since\n');
      const blobs = await gitBlobs(root, base, ['iaas/20261104.md', 'no/such.md', 'team a/20261105 notes.md', 'empty.md', 'line\nbreak.md', 'iaas/20261104.md']);
      assert.deepEqual([...blobs.keys()].sort(), ['empty.md', 'iaas/20261104.md', 'team a/20261105 notes.md']);
      assert.equal(Buffer.from(blobs.get('iaas/20261104.md')!).toString('utf8'), crlf);
      assert.equal(Buffer.from(blobs.get('team a/20261105 notes.md')!).toString('utf8'), '# x\n');
      assert.equal(blobs.get('empty.md')!.length, 0);
      assert.equal((await gitBlobs(root, base, [])).size, 0);
    } finally {
      cleanup(root);
    }
  });

  it('says why not outside a git repository, for an unknown revision, and for a revision that looks like an option', async () => {
    const root = makeTempDir('minutes-changed-');
    try {
      writeFiles(root, baseTree());
      // A parent folder that is a git repository would be found: make sure git stops here.
      const env = process.env.GIT_CEILING_DIRECTORIES;
      process.env.GIT_CEILING_DIRECTORIES = nodePath.dirname(root);
      try {
        const r = await check(root, '--changed-since', 'main');
        assert.equal(r.code, 2);
        assert.match(r.stderr, /--changed-since needs git: .* is not in a git repository/);
      } finally {
        if (env === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
        else process.env.GIT_CEILING_DIRECTORIES = env;
      }
      git(root, 'init', '-q', '-b', 'main');
      git(root, 'add', '-A');
      git(root, 'commit', '-q', '-m', 'base');
      const unknown = await check(root, '--changed-since', 'no-such-branch');
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /unknown revision "no-such-branch"/);
      const option = await check(root, '--changed-since=--output=x');
      assert.equal(option.code, 2);
      assert.match(option.stderr, /takes a git revision/);
      const weeks = fakeIo(root);
      assert.equal(await main(['weeks', '.', '--changed'], weeks.io), 2);
      assert.match(weeks.stderr(), /--changed is for check only/);
    } finally {
      cleanup(root);
    }
  });
});
