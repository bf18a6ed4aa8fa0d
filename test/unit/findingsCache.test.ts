// A warm `minutes check --cache` reuses the last run's findings when no input of the rules changed,
// and only then: any change to a Markdown file, a path, the configuration, the git remotes or the
// arguments checks anew.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { main } from '../../src/cli/main';
import { FIXTURE, cleanup, fakeIo, makeTempDir, writeFiles } from './helpers';

describe('cli: check --cache reuses findings when nothing changed', function () {
  this.timeout(60_000);
  let repo: string;
  let cacheDir: string;
  let parseCache: string;
  let findings: string;

  beforeEach(() => {
    repo = makeTempDir('minutes-findings-');
    fs.cpSync(FIXTURE, repo, { recursive: true });
    cacheDir = makeTempDir('minutes-findings-cache-');
    parseCache = nodePath.join(cacheDir, 'parsed.json');
    findings = nodePath.join(cacheDir, 'parsed.findings.json');
  });
  afterEach(() => {
    cleanup(repo);
    cleanup(cacheDir);
  });

  async function check(...extra: string[]) {
    const io = fakeIo(repo);
    const code = await main(['check', '.', '--cache-location', parseCache, ...extra], io.io);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  }

  /** Runs once to fill the caches, then marks the parse cache so a run that builds the index shows. */
  async function warmed(...extra: string[]) {
    const first = await check(...extra);
    assert.ok(fs.existsSync(findings), 'the findings are kept beside the parse cache');
    fs.writeFileSync(parseCache, 'not read when the findings are reused');
    return first;
  }
  const indexBuilt = () => fs.readFileSync(parseCache, 'utf8') !== 'not read when the findings are reused';

  it('prints the same findings, exit code and summary without building the index', async () => {
    for (const format of ['text', 'json', 'github', 'sarif']) {
      fs.rmSync(findings, { force: true });
      const first = await warmed('--format', format);
      const again = await check('--format', format);
      assert.equal(indexBuilt(), false, `${format}: nothing changed, so nothing is parsed`);
      assert.deepEqual(again, first, format);
    }
  });

  it('checks anew when a Markdown file changes', async () => {
    const first = await warmed('--format', 'json');
    fs.appendFileSync(nodePath.join(repo, 'iaas/20261104.md'), '\nSee [gone](20261105.md).\n');
    const after = await check('--format', 'json');
    assert.equal(indexBuilt(), true);
    assert.notDeepEqual(after.stdout, first.stdout);
    assert.ok((JSON.parse(after.stdout) as Array<{ file: string; message: string }>).some((f) => f.file === 'iaas/20261104.md' && /`iaas\/20261105\.md` does not exist/.test(f.message)), after.stdout);
  });

  it('checks anew when a linked path appears, and when the configuration or the remotes change', async () => {
    const first = await warmed('--format', 'json');
    const broken = (JSON.parse(first.stdout) as Array<{ message: string; rule: string }>).filter((f) => f.rule === 'broken-link' && /`iaas\/20261118\.md` does not exist/.test(f.message));
    assert.ok(broken.length > 0, 'the fixture links a missing file');
    writeFiles(repo, { 'iaas/20261118.txt': 'not the file' });
    await check('--format', 'json');
    assert.equal(indexBuilt(), true, 'a new path');

    fs.writeFileSync(parseCache, 'not read when the findings are reused');
    await check('--format', 'json');
    assert.equal(indexBuilt(), false, 'nothing changed since');

    writeFiles(repo, { '.minutes.jsonc': '{ "rules": { "broken-link": "off" } }\n' });
    const off = await check('--format', 'json');
    assert.equal(indexBuilt(), true, 'the configuration');
    assert.ok(!(JSON.parse(off.stdout) as Array<{ rule: string }>).some((f) => f.rule === 'broken-link'));

    fs.writeFileSync(parseCache, 'not read when the findings are reused');
    writeFiles(repo, { '.git/config': '[remote "origin"]\n\turl = https://github.com/other/minutes.git\n' });
    await check('--format', 'json');
    assert.equal(indexBuilt(), true, 'the git remotes');
  });

  it('checks anew for other arguments (rules, paths) and never reuses findings with --fix', async () => {
    await warmed('--format', 'json');
    const one = await check('--format', 'json', '--rule', 'empty-link');
    assert.equal(indexBuilt(), true);
    for (const f of JSON.parse(one.stdout) as Array<{ rule: string }>) assert.equal(f.rule, 'empty-link');

    fs.writeFileSync(parseCache, 'not read when the findings are reused');
    const io = fakeIo(repo);
    await main(['check', 'iaas', '--format', 'json', '--cache-location', parseCache], io.io);
    assert.equal(indexBuilt(), true, 'another scope');
    for (const f of JSON.parse(io.stdout()) as Array<{ file: string }>) assert.match(f.file, /^iaas\//);

    fs.writeFileSync(parseCache, 'not read when the findings are reused');
    await check('--fix');
    assert.equal(indexBuilt(), true, '--fix');
  });
});
