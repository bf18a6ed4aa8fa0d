import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { main } from '../../src/cli/main';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { formatJson } from '../../src/cli/format/diagnostics';
import { formatWeeksJson } from '../../src/cli/format/weeks';
import { buildIndex } from '../../src/core/build';
import { checkAll } from '../../src/core/check';
import { builtCli, CORPUS, FIXTURE, ROOT, cleanup, fakeIo, loadExpected, makeTempDir, writeFiles } from './helpers';

const FIXTURE_REL = nodePath.relative(ROOT, FIXTURE).split(nodePath.sep).join('/');
const GH = 'https://github.com/example-org/minutes/blob/main';

async function run(argv: string[], cwd = ROOT) {
  const io = fakeIo(cwd);
  const code = await main(argv, io.io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

interface JsonFinding { file: string; line: number; column: number; endLine: number; endColumn: number; rule: string; severity: string; message: string }
interface JsonWeek { week: string; start: string; end: string; weekly: { file: string; date: string } | null; minutes: Array<{ team: string; file: string; date: string }> }


function runChild(cli: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('cli: check on the sample repository', () => {
  const expected = loadExpected();

  it('prints file:line:col: severity rule: message and exits 1', async () => {
    const { code, stdout, stderr } = await run(['check', FIXTURE_REL, '--rule', 'broken-link']);
    assert.equal(code, 1);
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines) assert.match(line, /^[\w./-]+:\d+:\d+: (error|warning|info|hint) [\w-]+: .+$/, line);
    const heads = lines.map((l) => l.slice(0, l.indexOf(' broken-link:')));
    const severityOf = (reason: string) => (reason === 'missing fragment' || reason === 'line out of range' ? 'warning' : 'error');
    const want = [
      ...expected.brokenLinks.map((b) => `${b.file}:${b.line}:${b.column}: ${severityOf(b.reason)}`),
      ...expected.waiting.map((w) => `${w.file}:${w.line}:`),
    ];
    assert.equal(heads.length, want.length, stdout);
    for (const w of want) assert.ok(heads.some((h) => (w.endsWith(':') ? h.startsWith(w) && h.endsWith(': info') : h === w)), `missing ${w} in\n${stdout}`);
    assert.ok(lines.includes('community-call/20261119.md:12:11: error broken-link: `iaas/20261118.md` does not exist; did you mean `iaas/20261119.md` (one day later)?'));
    assert.match(stderr, /^7 problems \(4 errors, 2 warnings, 1 info\) in 7 of \d+ files\n$/m);
  });

  it('--format json gives 1-based findings with POSIX relative paths', async () => {
    const { code, stdout } = await run(['check', FIXTURE, '--format', 'json', '--rule', 'broken-link']);
    assert.equal(code, 1);
    const findings = JSON.parse(stdout) as JsonFinding[];
    assert.equal(findings.length, expected.brokenLinks.length + expected.waiting.length);
    for (const f of findings) {
      assert.deepEqual(Object.keys(f).sort(), ['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'rule', 'severity']);
      assert.ok(!nodePath.isAbsolute(f.file) && !f.file.includes('\\'), f.file);
      assert.ok(f.line >= 1 && f.column >= 1 && f.endLine >= f.line);
      assert.equal(f.rule, 'broken-link');
    }
    const passwd = findings.find((f) => f.file === 'ops/20261112.md')!;
    assert.deepEqual({ ...passwd, message: undefined }, { file: 'ops/20261112.md', line: 23, column: 18, endLine: 23, endColumn: 37, rule: 'broken-link', severity: 'error', message: undefined });
    for (const b of expected.brokenLinks) {
      assert.ok(findings.some((f) => f.file === b.file && f.line === b.line && f.column === b.column), `${b.file}:${b.line}:${b.column}`);
    }
    const waiting = findings.filter((f) => f.severity === 'info');
    assert.deepEqual(waiting.map((f) => [f.file, f.line]), expected.waiting.map((w) => [w.file, w.line]));
  });

  it('--format=json and --rule broken-link are accepted', async () => {
    const { code, stdout } = await run(['check', '--format=json', '--rule', 'broken-link', FIXTURE_REL]);
    assert.equal(code, 1);
    assert.equal((JSON.parse(stdout) as unknown[]).length, expected.brokenLinks.length + expected.waiting.length);
  });
});

describe('cli: weeks on the sample repository', () => {
  const expected = loadExpected();

  it('--format json lists the weekly and the team minutes of every week, across 2026-W53', async () => {
    const { code, stdout } = await run(['weeks', FIXTURE_REL, '--format', 'json']);
    assert.equal(code, 0);
    const weeks = JSON.parse(stdout) as JsonWeek[];
    assert.deepEqual(weeks.map((w) => w.week), Object.keys(expected.weeks).sort());
    assert.ok(!weeks.some((w) => w.week === '2026-W52'), 'no meetings in the week of Christmas');
    for (const w of weeks) {
      const want = expected.weeks[w.week];
      assert.equal(w.weekly?.file, want.weekly, w.week);
      const byTeam: Record<string, string[]> = {};
      for (const m of w.minutes) (byTeam[m.team] ??= []).push(m.file);
      const wantByTeam = Object.fromEntries(Object.entries(want.minutes).map(([team, f]) => [team, (Array.isArray(f) ? f : [f]).slice().sort()]));
      for (const t of Object.keys(byTeam)) byTeam[t].sort();
      assert.deepEqual(byTeam, wantByTeam, w.week);
    }
    const w53 = weeks.find((w) => w.week === '2026-W53')!;
    assert.equal(w53.start, '2026-12-28');
    assert.equal(w53.end, '2027-01-03');
    assert.deepEqual(w53.weekly, { file: 'community-call/20261231.md', date: '2026-12-31' });
    assert.deepEqual(weeks.find((w) => w.week === '2027-W01')!.start, '2027-01-04');
  });

  it('text format names the week, its days, the weekly and each team\'s minutes', async () => {
    const { code, stdout } = await run(['weeks', FIXTURE_REL]);
    assert.equal(code, 0);
    const lines = stdout.split('\n');
    const at = lines.indexOf('2026-W53  2026-12-28 – 2027-01-03');
    assert.ok(at >= 0, stdout);
    assert.match(lines[at + 1], /^ {2}weekly +community-call\/20261231\.md$/);
    const block = lines.slice(at + 2, at + 6);
    assert.ok(block.some((l) => /^ {2}container +container\/20261228\.md {2}\(Mon 2026-12-28\)$/.test(l)), block.join('\n'));
    assert.ok(block.some((l) => /^ {2}iaas +iaas\/20261230\.md {2}\(Wed 2026-12-30\)$/.test(l)), block.join('\n'));
    assert.equal(lines.filter((l) => /^\d{4}-W\d{2} /.test(l)).length, Object.keys(expected.weeks).length);
  });
});

describe('cli: actions', () => {
  const run = async (...extra: string[]) => {
    const io = fakeIo(ROOT);
    const code = await main(['actions', FIXTURE, '--format', 'json', ...extra], io.io);
    return { code, items: code === 0 ? (JSON.parse(io.stdout()) as Array<{ owner: string | null; team: string | null; date: string | null }>) : [], stderr: io.stderr() };
  };

  it('--owner, --team and --max-age-weeks narrow the list as the Action Items view does', async function () {
    this.timeout(60_000);
    const all = await run();
    assert.equal(all.code, 0);
    const tobi = await run('--owner', '@tobi-n');
    assert.ok(tobi.items.length > 0 && tobi.items.every((a) => a.owner === 'tobi-n'));
    assert.equal(tobi.items.length, all.items.filter((a) => a.owner === 'tobi-n').length);
    const iaas = await run('--team', 'iaas');
    assert.ok(iaas.items.length > 0 && iaas.items.every((a) => a.team === 'iaas'));
    assert.equal(iaas.items.length, all.items.filter((a) => a.team === 'iaas').length);
    const recent = await run('--max-age-weeks', '4');
    // Four weeks before the newest minutes (the repository's, whatever their kind).
    const text = fakeIo(ROOT);
    assert.equal(await main(['actions', FIXTURE, '--max-age-weeks', '4'], text.io), 0);
    const since = /^\d+ open action items since (\d{4}-\d{2}-\d{2})$/m.exec(text.stderr())?.[1];
    assert.ok(since, text.stderr());
    assert.equal(text.stdout().trim().split('\n').length, recent.items.length);
    const newest = all.items.map((a) => a.date!).sort().at(-1)!;
    assert.ok(since! > new Date(Date.parse(`${newest}T00:00:00Z`) - 35 * 86_400_000).toISOString().slice(0, 10), `${since} is about four weeks before ${newest}`);
    assert.ok(recent.items.length > 0 && recent.items.length < all.items.length);
    assert.deepEqual(recent.items, all.items.filter((a) => a.date! >= since!));
    assert.deepEqual((await run('--max-age-weeks', '0')).items, all.items);
  });

  it('says when every open item is long past, and how to list the current ones', async function () {
    this.timeout(60_000);
    const dir = makeTempDir('minutes-actions-');
    try {
      writeFiles(dir, {
        'ops/20200105.md': '# 2020-01-05\n\n## Action items\n\n- AI @a: write the runbook\n',
        'ops/20260105.md': '# 2026-01-05\n\n## Notes\n\nNothing to do.\n',
      });
      const io = fakeIo(ROOT);
      assert.equal(await main(['actions', dir], io.io), 0);
      assert.match(io.stderr(), /1 open action item; the newest was written 2020-01-05, 313 weeks before the newest minutes \(2026-01-05\): --max-age-weeks 26 lists the current ones/);
    } finally {
      cleanup(dir);
    }
  });

  it('its options are for actions only, and take what they say', async () => {
    for (const [args, message] of [
      [['check', FIXTURE, '--owner', 'x'], /for actions only/],
      [['actions', FIXTURE, '--max-age-weeks', 'soon'], /whole number of weeks/],
      [['actions', FIXTURE, '--max-age-weeks', '-3'], /whole number of weeks/],
      [['actions', FIXTURE, '--owner', '@'], /takes a handle/],
      [['actions', FIXTURE, '--team', 'nosuch'], /no team "nosuch" in this repository; its teams: community-call, container, iaas/],
    ] as const) {
      const io = fakeIo(ROOT);
      assert.equal(await main([...args], io.io), 2, args.join(' '));
      assert.match(io.stderr(), message);
    }
  });
});

describe('cli: weeks names what it leaves out', () => {
  it('files beside dated minutes whose names carry no full date', async () => {
    const dir = makeTempDir('minutes-weeks-');
    try {
      writeFiles(dir, {
        'wg/2019/CG-06-11.md': '# CG 2019-06-11\n',
        'wg/2019/CG-06-25.md': '# CG 2019-06-25\n',
        'wg/2019/CG-07.md': '# In-person meeting, July 2019\n',
        'wg/2019/ES6-proposal.md': '# A proposal\n',
        'wg/2019/README.md': '# Notes\n',
        'docs/v2-plan.md': '# Plan\n',
      });
      const io = fakeIo(dir);
      assert.equal(await main(['weeks', '.'], io.io), 0);
      assert.match(io.stderr(), /^minutes: 1 file beside dated minutes carries no full date and is in no week: wg\/2019\/CG-07\.md \(/m);
      const json = fakeIo(dir);
      assert.equal(await main(['weeks', '.', '--format', 'json'], json.io), 0);
      assert.ok(Array.isArray(JSON.parse(json.stdout())), 'the JSON on stdout stays as it is');
    } finally {
      cleanup(dir);
    }
  });
});

describe('cli: usage and exit codes', () => {
  let dir: string | undefined;
  afterEach(() => {
    cleanup(dir);
    dir = undefined;
  });

  it('exits 0 when there are only warnings and information', async () => {
    dir = makeTempDir();
    writeFiles(dir, {
      'iaas/20230426.md': '# 2023-04-26\n\n## Agenda\n',
      'community-call/20230427.md': `# Weekly\n\n<${GH}/iaas/20230426.md#agendaa>\n\n<${GH}/ops/20230427.md> (waiting to be merged)\n`,
    });
    const { code, stdout, stderr } = await run(['check', dir]);
    assert.equal(code, 0, stdout + stderr);
    assert.deepEqual(stdout.trimEnd().split('\n').map((l) => l.replace(/: .*$/, '')), ['community-call/20230427.md:3:2', 'community-call/20230427.md:5:2']);
    assert.match(stdout, /:3:2: warning broken-link: `iaas\/20230426\.md` has no heading `#agendaa`; did you mean `#agenda`\?/);
    assert.match(stdout, /:5:2: info broken-link: /);
    assert.match(stderr, /2 problems \(0 errors, 1 warnings, 1 info\)/);
  });

  it('exits 0 with no output on stdout for a clean repository', async () => {
    dir = makeTempDir();
    writeFiles(dir, { 'iaas/20230426.md': '# ok\n', 'ops/20230427.md': '[iaas](../iaas/20230426.md)\n' });
    const { code, stdout } = await run(['check', dir]);
    assert.equal(code, 0);
    assert.equal(stdout, '');
    const json = await run(['check', dir, '--format', 'json']);
    assert.equal(json.code, 0);
    assert.deepEqual(JSON.parse(json.stdout), []);
  });

  it('resolves the folder against the given cwd', async () => {
    const { code, stdout } = await run(['check', 'sample-minutes', '--format', 'json'], nodePath.dirname(FIXTURE));
    assert.equal(code, 1);
    assert.ok((JSON.parse(stdout) as unknown[]).length > 0);
    const here = await run(['weeks', '--format', 'json'], FIXTURE);
    assert.equal(here.code, 0);
    assert.ok((JSON.parse(here.stdout) as unknown[]).length > 0);
  });

  for (const [argv, message] of [
    [['frobnicate'], /unknown command "frobnicate"/],
    [['check', '--bogus'], /unknown option --bogus/],
    [['check', '--format', 'xml'], /unknown format "xml"/],
    [['check', '--format'], /--format needs a value/],
    [['check', '--rule', 'no-such-rule'], /unknown rule "no-such-rule"/],
    [[], /no command given/],
    [['weeks', 'a', 'b'], /unexpected argument "b"/],
    [['weeks', '--fix'], /--fix is for check only/],
    [['weeks', '--format', 'sarif'], /--format sarif is for check only/],
  ] as Array<[string[], RegExp]>) {
    it(`usage error: minutes ${argv.join(' ')} → exit 2`, async () => {
      const { code, stdout, stderr } = await run(argv);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.match(stderr, /Usage: minutes <command>/);
    });
  }

  it('a missing folder → exit 2 with a message', async () => {
    const missing = nodePath.join(ROOT, 'test/fixtures/no-such-folder');
    const { code, stderr } = await run(['check', missing]);
    assert.equal(code, 2);
    assert.equal(stderr, `minutes: ${missing} does not exist\n`);
  });

  it('checks just the files and folders named, in the repository around them', async () => {
    const dir = makeTempDir();
    try {
      fs.cpSync(FIXTURE, dir, { recursive: true });
      fs.mkdirSync(nodePath.join(dir, '.git'));
      const { code, stdout } = await run(['check', nodePath.join(dir, 'iaas/20261125.md'), nodePath.join(dir, 'ops'), '--rule', 'broken-link', '--format', 'json']);
      assert.equal(code, 1);
      const files = (JSON.parse(stdout) as JsonFinding[]).map((f) => f.file);
      assert.deepEqual(files, ['iaas/20261125.md', 'ops/20261112.md'], 'only findings in the named paths, relative to the repository');
    } finally {
      cleanup(dir);
    }
  });

  it('a missing --config file is a usage error', async () => {
    const { code, stderr } = await run(['check', FIXTURE_REL, '--config', 'no-such.jsonc']);
    assert.equal(code, 2);
    assert.match(stderr, /no-such\.jsonc does not exist/);
  });

  it('--help and -h print the usage on stdout and exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await run(['check', flag]);
      assert.equal(code, 0);
      assert.equal(stderr, '');
      assert.match(stdout, /^Usage: minutes <command> \[arguments\] \[options\]/);
      assert.match(stdout, /check \[paths…\]/);
      assert.match(stdout, /weeks \[folder\]/);
      assert.match(stdout, /broken-link/);
    }
  });

  it('--version prints the version', async () => {
    const { code, stdout } = await run(['--version']);
    assert.equal(code, 0);
    assert.match(stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('a folder with no minutes → a message on stderr; its links are checked all the same', async () => {
    dir = makeTempDir();
    writeFiles(dir, { 'README.md': '# Not minutes\n\n[broken](nope.md)\n', 'docs/guide.md': '# Guide\n' });
    const weeks = await run(['weeks', dir]);
    assert.equal(weeks.code, 0);
    assert.equal(weeks.stdout, '');
    // `weeks` has nothing to list; `check` still checks the links.
    assert.match(weeks.stderr, /no minutes found in .+ \(no dated files such as team\/YYYYMMDD\.md\); nothing to do/);
    const check = await run(['check', dir]);
    assert.equal(check.code, 1);
    assert.match(check.stderr, /no minutes found in .+ \(no dated files such as team\/YYYYMMDD\.md\); checking links and markup only/);
    assert.match(check.stdout, /README\.md:3:\d+: error broken-link/);
    const json = await run(['check', dir, '--format', 'json']);
    assert.equal(json.code, 1);
    assert.deepEqual((JSON.parse(json.stdout) as Array<{ file: string; rule: string }>).map((d) => [d.file, d.rule]), [['README.md', 'broken-link']]);
  });

  it('an empty folder → a message on stderr, exit 0', async () => {
    dir = makeTempDir();
    const { code, stderr } = await run(['check', dir]);
    assert.equal(code, 0);
    assert.match(stderr, /no minutes found/);
  });
});

describe('cli: the built bin (node dist/cli.js)', function () {
  this.timeout(60_000);
  let cli: string;

  before(async () => {
    cli = await builtCli();
  });

  it('runs as a child process and its exit codes propagate', async () => {
    const [check, weeks, usage] = await Promise.all([
      runChild(cli, ['check', FIXTURE_REL]),
      runChild(cli, ['weeks', FIXTURE_REL, '--format', 'json']),
      runChild(cli, ['bogus']),
    ]);
    assert.equal(check.code, 1, check.stderr);
    assert.match(check.stdout, /^community-call\/20261119\.md:12:11: error broken-link: /m);
    assert.equal(weeks.code, 0, weeks.stderr);
    assert.ok((JSON.parse(weeks.stdout) as JsonWeek[]).some((w) => w.week === '2026-W53'));
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /unknown command "bogus"/);
    assert.ok(fs.readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node'));
  });

  it('a reader that closes the pipe early (`| head`) ends the run quietly, with its exit code', async () => {
    // A copy of its own: a file's repository is the folder marked by .git above it, here this project.
    const dir = makeTempDir('minutes-pipe-');
    fs.cpSync(FIXTURE, dir, { recursive: true });
    fs.writeFileSync(nodePath.join(dir, '.minutes.jsonc'), '{}\n');
    for (const [args, expected] of [[['actions', '.'], 0], [['refs', 'iaas/20261104.md'], 0], [['check', '.'], 1]] as const) {
      const child = spawn(process.execPath, [cli, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      // Nothing is read: every write the command makes meets a closed pipe.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.doesNotMatch(stderr, /EPIPE|at .*cli\.js/, `${args.join(' ')}: ${stderr}`);
      assert.equal(code, expected, `${args.join(' ')}: ${stderr}`);
    }
    cleanup(dir);
  });
});

describe('cli: the real SCS minutes corpus (optional)', function () {
  this.timeout(120_000);
  let findings: JsonFinding[];
  let weeks: JsonWeek[];

  before(async function () {
    // Absent on most machines; MINUTES_CORPUS=0 skips it where it is present (it costs a few seconds).
    if (process.env.MINUTES_CORPUS === '0' || !fs.existsSync(CORPUS) || !fs.statSync(CORPUS).isDirectory()) {
      this.skip();
      return;
    }
    // One pass over the ~800 files serves both commands (each `main` run would parse them all
    // again, 6–10 s apiece): the index `main` builds, and the CLI's own output formats.
    const result = await buildIndex(new NodeWorkspace(CORPUS));
    assert.ok(result.datedMinutes > 500, `${result.datedMinutes} dated minutes`);
    findings = JSON.parse(formatJson(checkAll(result.index))) as JsonFinding[];
    weeks = JSON.parse(formatWeeksJson(result.index.weeks())) as JsonWeek[];
  });

  it('reports the dead link to iaas/20220927.md in community-call/20220929.md line 11', () => {
    const hit = findings.find((f) => f.file === 'community-call/20220929.md' && f.line === 11);
    assert.ok(hit, 'finding on community-call/20220929.md:11');
    assert.equal(hit.severity, 'error');
    assert.match(hit.message, /`iaas\/20220927\.md` does not exist/);
  });

  it('lists 2023-W17 with its weekly and the iaas, container, ops and iam minutes', () => {
    const w17 = weeks.find((w) => w.week === '2023-W17');
    assert.ok(w17);
    assert.equal(w17.start, '2023-04-24');
    assert.equal(w17.weekly?.file, 'community-call/20230427.md');
    const teams = new Set(w17.minutes.map((m) => m.team));
    for (const team of ['iaas', 'container', 'ops', 'iam']) assert.ok(teams.has(team), `${team} in 2023-W17`);
    for (const m of w17.minutes) assert.equal(m.file.startsWith(`${m.team}/`), true);
  });
});
