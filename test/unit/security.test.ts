// A repository's content is untrusted input (see SECURITY.md): a committed parse cache, a
// `.minutes.jsonc`, a `.git/config` or `.git` file, symbolic links, named pipes, odd file names and
// pathological Markdown must not run code, touch anything outside, hang, or give a silent wrong
// answer. One block per class of attack; each test fails on the code before the defence.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as nodePath from 'node:path';
import { main } from '../../src/cli/main';
import { fixFiles } from '../../src/cli/fixFiles';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { buildIndex } from '../../src/core/build';
import { checkAll } from '../../src/core/check';
import { ignoreMatcher } from '../../src/core/config';
import { remotesFromGitConfig } from '../../src/core/gitConfig';
import { parseMinutes } from '../../src/core/parse';
import { imageFileName } from '../../src/core/rules/image-not-in-repo';
import { MemoryWorkspace } from './memoryWorkspace';
import { decodeModel, encodeModel } from '../../src/node/modelJson';
import { WorkspaceParseCache } from '../../src/vscode/parseCache';
import { MODEL_VERSION, contentKey } from '../../src/node/parsing';
import * as zlib from 'node:zlib';
import { ParserPool, ParseBudgetExceeded, makeParser } from '../../src/node/parsing';
import { fetchImage, isPrivateAddress, FetchRefused } from '../../src/net/fetchImage';
import { builtCli, cleanup, cpuMs, fakeIo, makeTempRepo, runNode, trySymlink, writeFiles } from './helpers';

const GH = 'https://github.com/example-org/minutes/blob/main';

function mkfifo(path: string): boolean {
  try {
    execFileSync('mkfifo', [path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const polluted = () => Object.keys(Object.prototype).concat(Object.keys(Array.prototype), Object.keys(Function.prototype));

describe('security: a repository is untrusted input', function () {
  this.timeout(60_000);
  let dir: string | undefined;
  let repo: string;

  beforeEach(() => {
    ({ dir, repo } = makeTempRepo('minutes-security-', {
      '.git/config': '[remote "origin"]\n\turl = https://github.com/example-org/minutes.git\n',
      'ops/20230427.md': '# Ops 2023-04-27\n\n## Agenda\n\n- [missing](20230499.md)\n',
      'iaas/20230426.md': '# IaaS 2023-04-26\n\n## Agenda\n\n- [ops](../ops/20230427.md)\n',
    }));
  });

  afterEach(() => {
    cleanup(dir);
    dir = undefined;
  });

  // ---- 1. the parse cache cannot run code -------------------------------------------------------

  describe('1. a crafted parse cache', () => {
    const cacheFile = () => nodePath.join(repo, 'node_modules/.cache/minutes/parsed.json');

    async function warmCache(): Promise<{ version: string; entries: Record<string, { d: Record<string, unknown>; r: unknown[] }> }> {
      const io = fakeIo(repo);
      await main(['check', '.', '--cache'], io.io);
      return JSON.parse(fs.readFileSync(cacheFile(), 'utf8'));
    }

    it('relink paths through __proto__, constructor.prototype or an array prototype cannot change Object.prototype', async () => {
      const before = polluted();
      const cache = await warmCache();
      const evil: unknown[] = [
        [['__proto__', 'execArgv'], ['headings']],
        [['__proto__', 'polluted'], ['headings', 0]],
        [['constructor', 'prototype', 'polluted'], ['headings', 0]],
        [['links', '__proto__', 'polluted'], ['headings', 0]],
        [['headings', 'constructor', 'prototype', 'polluted'], ['headings', 0]],
        [['handles', 'toString'], ['headings', 0]],
      ];
      for (const entry of Object.values(cache.entries)) entry.r.push(...evil);
      fs.writeFileSync(cacheFile(), JSON.stringify(cache));
      const io = fakeIo(repo);
      const code = await main(['check', '.', '--cache', '--format', 'json'], io.io);
      assert.deepEqual(polluted(), before, 'Object.prototype, Array.prototype and Function.prototype are unchanged');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(({} as Record<string, unknown>).execArgv, undefined);
      // every entry is refused, so every file is parsed again: the findings are those of a fresh parse
      const fresh = fakeIo(repo);
      assert.equal(code, await main(['check', '.', '--format', 'json'], fresh.io));
      assert.equal(io.stdout(), fresh.stdout());
      for (const k of ['polluted', 'execArgv']) delete (Object.prototype as Record<string, unknown>)[k];
    });

    it('decodeModel refuses every path that is not the model’s own, and never writes a prototype', () => {
      const before = polluted();
      const json = encodeModel(parseMinutes('# 2024-01-01\n\n## Agenda\n\n[x](y.md)\n'));
      const d = JSON.stringify(JSON.parse(json).d);
      for (const path of [['__proto__', 'x'], ['constructor', 'prototype', 'x'], ['links', 0, '__proto__', 'x'], ['links', 'length'], ['hash', 'x'], ['links', 99]]) {
        assert.equal(decodeModel(`{"d":${d},"r":[[${JSON.stringify(path)},["headings",0]]]}`), undefined, JSON.stringify(path));
      }
      // a model that carries its own `__proto__` key is rebuilt without it
      const own = decodeModel(`{"d":${d.replace('{', '{"__proto__":{"polluted":1},')},"r":[]}`);
      assert.ok(own);
      assert.equal(Object.getPrototypeOf(own), Object.prototype);
      assert.equal((own as unknown as Record<string, unknown>).polluted, undefined);
      assert.deepEqual(polluted(), before);
    });

    it('the extension’s cache (one model a line): crafted lines are misses, and no prototype changes', async () => {
      const before = polluted();
      const text = '# 2024-01-01\n\n## Agenda\n';
      const good = JSON.parse(encodeModel(parseMinutes(text)));
      const key = contentKey(text);
      const lines = [
        JSON.stringify({ format: 'minutes-parse-cache/2', model: MODEL_VERSION }),
        `${key}\t${JSON.stringify({ ...good, r: [[['__proto__', 'polluted'], ['headings', 0]]] })}`,
        `other\t${JSON.stringify({ d: { ...good.d, links: [{ kind: 'evil' }] }, r: [] })}`,
      ];
      const file = nodePath.join(dir!, 'parsed.jsonl.gz');
      fs.writeFileSync(file, zlib.gzipSync(lines.join('\n') + '\n'));
      const cache = new WorkspaceParseCache(file);
      await cache.load();
      assert.equal(cache.lookup(key), undefined);
      assert.equal(cache.lookup('other'), undefined);
      assert.deepEqual(polluted(), before);
    });

    it('parser threads take no option from a polluted Object.prototype', async () => {
      const cli = await builtCli();
      const proto = Object.prototype as Record<string, unknown>;
      proto.eval = true;
      proto.execArgv = ['--eval', 'process.exit(7)'];
      let pool: ParserPool | undefined;
      try {
        pool = new ParserPool(cli, 1);
        const doc = await pool.parse('# 2024-01-01\n');
        assert.equal(doc.title?.date, '2024-01-01');
      } finally {
        delete proto.eval;
        delete proto.execArgv;
        await pool?.close();
      }
    });

    it('a damaged but well-formed entry (wrong types, missing fields, null items) is re-parsed: same findings, same exit code, no skip', async () => {
      const cache = await warmCache();
      const damage: Array<(d: Record<string, unknown>) => void> = [
        (d) => (d.links = [null]),
        (d) => (d.headings = [{ text: 1 }]),
        (d) => (d.links = [{ kind: 'inline', range: 'x' }]),
        (d) => (d.lineCount = -1),
        (d) => (d.handles = { a: 'many' }),
        (d) => (d.title = { heading: null }),
        (d) => delete d.end,
        (d) => (d.actions = [{ text: 'x', done: 'no', range: { start: {}, end: {} } }]),
      ];
      const fresh = fakeIo(repo);
      const freshCode = await main(['check', '.', '--format', 'json'], fresh.io);
      for (const hurt of damage) {
        const copy = structuredClone(cache);
        for (const entry of Object.values(copy.entries)) hurt(entry.d);
        fs.writeFileSync(cacheFile(), JSON.stringify(copy));
        const io = fakeIo(repo);
        const code = await main(['check', '.', '--cache', '--format', 'json'], io.io);
        assert.equal(code, freshCode, `${hurt}: ${io.stderr()}`);
        assert.equal(io.stdout(), fresh.stdout(), String(hurt));
        assert.doesNotMatch(io.stderr(), /skipped|internal error/, String(hurt));
      }
    });
  });

  // ---- 2. writes never follow a link out of the repository ---------------------------------------

  describe('2. writes and symbolic links', () => {
    it('--fix: a link planted at a predictable temporary name does not make it write outside, and the minutes stay a file', async function () {
      writeFiles(repo, { 'iaas/20230503.md': '# IaaS 2023-04-26\n\n## Agenda\n' });
      const victim = nodePath.join(dir!, 'victim.txt');
      fs.writeFileSync(victim, 'precious\n');
      // the old name: `.<name>.minutes-<pid>.tmp`
      for (const name of [`.20230503.md.minutes-${process.pid}.tmp`, `.20230503.md.${process.pid}.tmp`]) {
        if (!trySymlink(victim, nodePath.join(repo, 'iaas', name))) this.skip();
      }
      const io = fakeIo(repo);
      await main(['check', '.', '--fix'], io.io);
      assert.equal(fs.readFileSync(victim, 'utf8'), 'precious\n', 'the file outside is untouched');
      const minutes = nodePath.join(repo, 'iaas/20230503.md');
      assert.ok(fs.lstatSync(minutes).isFile() && !fs.lstatSync(minutes).isSymbolicLink());
      assert.match(fs.readFileSync(minutes, 'utf8'), /^# IaaS 2023-05-03/);
    });

    it('--cache: a cache folder that is a link out of the repository is not written through', async function () {
      const outside = nodePath.join(dir!, 'outside-cache');
      fs.mkdirSync(outside);
      fs.mkdirSync(nodePath.join(repo, 'node_modules'));
      if (!trySymlink(outside, nodePath.join(repo, 'node_modules/.cache'), 'dir')) this.skip();
      const io = fakeIo(repo);
      assert.equal(await main(['check', '.', '--cache'], io.io), 1);
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing written outside');
      assert.match(io.stderr(), /could not write the cache .*not a folder/);
    });

    it('--cache: a cache file (or its old temporary name) that is a link to a file outside is neither followed nor overwritten', async function () {
      const victim = nodePath.join(dir!, 'victim.txt');
      fs.writeFileSync(victim, 'precious\n');
      const folder = nodePath.join(repo, 'node_modules/.cache/minutes');
      fs.mkdirSync(folder, { recursive: true });
      if (!trySymlink(victim, nodePath.join(folder, 'parsed.json'))) this.skip();
      trySymlink(victim, nodePath.join(folder, `parsed.json.${process.pid}.tmp`));
      const io = fakeIo(repo);
      assert.equal(await main(['check', '.', '--cache'], io.io), 1);
      assert.equal(fs.readFileSync(victim, 'utf8'), 'precious\n');
      assert.ok(fs.lstatSync(nodePath.join(folder, 'parsed.json')).isSymbolicLink());
      assert.match(io.stderr(), /could not write the cache .*not a regular file; not overwritten/);
    });

    it('--cache-location never replaces an existing file that is not a cache', async () => {
      const document = nodePath.join(dir!, 'notes.md');
      fs.writeFileSync(document, '# my notes\n');
      const io = fakeIo(repo);
      assert.equal(await main(['check', '.', '--cache-location', document], io.io), 1);
      assert.equal(fs.readFileSync(document, 'utf8'), '# my notes\n');
      assert.match(io.stderr(), /is not a minutes cache; not overwritten/);
      // its own cache file is rewritten as before
      const own = nodePath.join(dir!, 'cache.json');
      assert.equal(await main(['check', '.', '--cache-location', own], fakeIo(repo).io), 1);
      writeFiles(repo, { 'ops/20230504.md': '# Ops 2023-05-04\n' });
      assert.equal(await main(['check', '.', '--cache-location', own], fakeIo(repo).io), 1);
      assert.match(fs.readFileSync(own, 'utf8'), /^\{"version":"model-/);
    });
  });

  // ---- 3. reads that would hang or explode ------------------------------------------------------

  describe('3. pipes, devices and huge files where a small file is read', () => {
    const cases: Array<[string, string]> = [
      ['.minutes.jsonc', '.minutes.jsonc'],
      ['.git/config', '.git/config'],
      ['the parse cache', 'node_modules/.cache/minutes/parsed.json'],
    ];
    for (const [label, rel] of cases) {
      it(`a named pipe as ${label}: the CLI finishes (no hang) with the same findings`, async function () {
        const cli = await builtCli();
        const abs = nodePath.join(repo, rel);
        fs.mkdirSync(nodePath.dirname(abs), { recursive: true });
        fs.rmSync(abs, { force: true });
        if (!mkfifo(abs)) this.skip();
        const r = await runNode([cli, 'check', '.', '--cache', '--format', 'json'], { cwd: repo, timeout: 15_000 });
        assert.notEqual(r.code, 'SIGKILL', 'it hung on the pipe');
        assert.equal(r.code, 1, r.stderr);
        assert.equal(JSON.parse(r.stdout).length, 1);
      });

      it(`a link to /dev/zero as ${label}: the CLI finishes without reading it`, async function () {
        if (!fs.existsSync('/dev/zero')) this.skip();
        const cli = await builtCli();
        const abs = nodePath.join(repo, rel);
        fs.mkdirSync(nodePath.dirname(abs), { recursive: true });
        fs.rmSync(abs, { force: true });
        if (!trySymlink('/dev/zero', abs)) this.skip();
        const r = await runNode([cli, 'check', '.', '--cache', '--format', 'json'], { cwd: repo, timeout: 15_000, env: { NODE_OPTIONS: '--max-old-space-size=200' } });
        assert.equal(r.code, 1, r.stderr);
        assert.equal(JSON.parse(r.stdout).length, 1);
      });
    }

    it('a named pipe named like minutes, and links to it or to /dev/zero: skipped with the reason, never read', async function () {
      if (!mkfifo(nodePath.join(repo, 'ops/20230504.md'))) this.skip();
      trySymlink('20230504.md', nodePath.join(repo, 'ops/20230511.md'));
      trySymlink('/dev/zero', nodePath.join(repo, 'ops/20230518.md'));
      const cli = await builtCli();
      const r = await runNode([cli, 'check', '.'], { cwd: repo, timeout: 15_000 });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^ops\/20230504\.md: skipped: not a regular file \(a pipe, socket or device\); not read$/m);
      assert.match(r.stderr, /^ops\/20230511\.md: skipped: symbolic link to something that is not a file; not followed$/m);
      assert.match(r.stderr, /^ops\/20230518\.md: skipped: symbolic link to a place outside the repository; not followed$/m);
    });

    it('a `.git` folder or `.minutes.jsonc` that is a link out of the repository is not read', async function () {
      const outside = nodePath.join(dir!, 'outside');
      writeFiles(outside, { 'git/config': '[remote "origin"]\n\turl = https://github.com/evil/other.git\n', 'minutes.jsonc': '{ "rules": { "broken-link": "off" } }' });
      fs.rmSync(nodePath.join(repo, '.git'), { recursive: true });
      if (!trySymlink(nodePath.join(outside, 'git'), nodePath.join(repo, '.git'), 'dir')) this.skip();
      trySymlink(nodePath.join(outside, 'minutes.jsonc'), nodePath.join(repo, '.minutes.jsonc'));
      const io = fakeIo(repo);
      assert.equal(await main(['check', '.', '--format', 'json'], io.io), 1, 'broken-link is not turned off by a file outside');
      assert.match(io.stderr(), /\.minutes\.jsonc could not be read \(it leads outside the repository\)/);
    });

    it('--config naming a pipe or /dev/zero: a usage error at once, not a hang', async function () {
      const cli = await builtCli();
      const pipe = nodePath.join(dir!, 'pipe.jsonc');
      if (!mkfifo(pipe)) this.skip();
      for (const config of [pipe, '/dev/zero']) {
        const r = await runNode([cli, 'check', '.', '--config', config], { cwd: repo, timeout: 15_000 });
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /cannot be used: not a regular file/);
      }
    });

    it('a `.git` that is a pipe, and a `.git` file naming a pipe: no hang, checked all the same', async function () {
      const cli = await builtCli();
      fs.rmSync(nodePath.join(repo, '.git'), { recursive: true });
      if (!mkfifo(nodePath.join(repo, '.git'))) this.skip();
      let r = await runNode([cli, 'check', '.', '--format', 'json'], { cwd: repo, timeout: 15_000 });
      assert.equal(r.code, 1, r.stderr);
      fs.rmSync(nodePath.join(repo, '.git'));
      mkfifo(nodePath.join(dir!, 'gitdir-config'));
      fs.mkdirSync(nodePath.join(dir!, 'gitdir'));
      fs.renameSync(nodePath.join(dir!, 'gitdir-config'), nodePath.join(dir!, 'gitdir/config'));
      fs.writeFileSync(nodePath.join(repo, '.git'), `gitdir: ${nodePath.join(dir!, 'gitdir')}\n`);
      r = await runNode([cli, 'check', '.', '--format', 'json'], { cwd: repo, timeout: 15_000 });
      assert.equal(r.code, 1, r.stderr);
    });

    it('a 20 MB single-line .git/config and .minutes.jsonc: ignored with a note, no slow-down', async () => {
      fs.writeFileSync(nodePath.join(repo, '.git/config'), '[remote "origin"]\n\turl = ' + 'github.com/'.repeat(2_000_000) + '\n');
      fs.writeFileSync(nodePath.join(repo, '.minutes.jsonc'), '{"ignore": ["' + 'a'.repeat(20_000_000) + '"]}');
      const started = Date.now();
      const io = fakeIo(repo);
      assert.equal(await main(['check', '.'], io.io), 1);
      assert.ok(Date.now() - started < 10_000);
      assert.match(io.stderr(), /\.minutes\.jsonc: note: \.minutes\.jsonc is larger than 1 MB; ignored/);
    });
  });

  // ---- 4. no pattern from the repository takes more than linear time; a budget per file -----------

  describe('4. time', () => {
    it('ignore globs are matched without backtracking (a 45-byte glob, a long name)', () => {
      const globs = ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', '**/**/**/**/**/**/**/**/**/**/**/x/y'];
      const match = ignoreMatcher(globs);
      const name = 'a'.repeat(3000);
      const path = Array.from({ length: 200 }, () => 'd').join('/') + '/z';
      const ms = cpuMs(() => {
        assert.equal(match(name), false);
        assert.equal(match(path), false);
        assert.equal(match(name + 'b'), true);
        assert.equal(match('d/d/x/y/file.md'), true);
      });
      assert.ok(ms < 1000, `${ms} ms`);
      // the glob forms documented before still match as before
      const m = ignoreMatcher(['drafts', '**/archive/**', 'iaas/2019*.md', './old/', 'a?c']);
      assert.deepEqual(['drafts/x.md', 'drafts', 'x/archive/y.md', 'archive/y.md', 'iaas/20190101.md', 'old/a.md', 'abc', 'iaas/20200101.md', 'draftsx/a.md', 'ac'].map(m), [true, true, true, true, true, true, true, false, false, false]);
    });

    it('a 1 MB git remote line is read in linear time', () => {
      const ms = cpuMs(() => {
        assert.deepEqual(remotesFromGitConfig('[remote "origin"]\n\turl = ' + 'github.com/'.repeat(60_000) + ' x\n'), []);
        assert.deepEqual(remotesFromGitConfig('[remote "origin"]\n\turl = ' + 'github.com:a'.repeat(80_000) + '/\n'), []);
      });
      assert.ok(ms < 1000, `${ms} ms`);
      assert.deepEqual(remotesFromGitConfig('[remote "origin"]\n\turl = git@github.com:Org/Repo.git\n[remote "upstream"]\n\turl = https://github.com/up/minutes/\n'), [
        { owner: 'up', repo: 'minutes' },
        { owner: 'Org', repo: 'Repo' },
      ]);
    });

    it('our own trim is linear: 200 000 spaces and tabs inside the text', () => {
      const text = '# 2024-01-01\n\n```\n' + ' \t'.repeat(100_000) + 'x\n';
      const ms = cpuMs(() => parseMinutes(text));
      assert.ok(ms < 2000, `${ms} ms`);
    });

    it('a file over its parse budget is skipped with the reason; the thread is replaced and the other files are parsed', async function () {
      const cli = await builtCli();
      // Parsing on a thread is stopped at the budget; the pool goes on with a new thread.
      const pool = new ParserPool(cli, 1, 300);
      try {
        const slow = '*a '.repeat(400_000);
        const results = await Promise.allSettled([pool.parse('# 2024-01-01\n'), pool.parse(slow), pool.parse('# 2024-01-02\n'), pool.parse('# 2024-01-03\n')]);
        assert.equal(results[0].status, 'fulfilled');
        assert.equal(results[1].status, 'rejected');
        assert.ok((results[1] as PromiseRejectedResult).reason instanceof ParseBudgetExceeded);
        assert.equal(results[2].status, 'fulfilled');
        assert.equal(results[3].status, 'fulfilled');
        // a file over budget is not parsed again on the calling thread, and buildIndex says why it is skipped
        const ws = new MemoryWorkspace({ 'ops/20230427.md': '# Ops 2023-04-27\n', 'ops/20230504.md': slow });
        const result = await buildIndex(ws, { parse: makeParser(pool, undefined) });
        assert.deepEqual(result.skipped, [{ path: 'ops/20230504.md', reason: 'took longer than 0.3 s to parse (Markdown that makes the parser slow); not indexed' }]);
        assert.ok(result.index.get('ops/20230427.md'));
      } finally {
        await pool.close();
      }
    });

    it('a parser thread that has ended answers every later file at once (an error, never a wait)', async () => {
      const script = nodePath.join(dir!, 'exits.js');
      fs.writeFileSync(script, 'process.exit(3);\n');
      const pool = new ParserPool(script, 1);
      try {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        // Before, the file was posted to the ended thread and waited forever (the test's time-out).
        await assert.rejects(pool.parse('# 2024-01-01\n'), /a parser thread stopped \(exit code 3\)/);
      } finally {
        await pool.close();
      }
    });

    it('the CLI skips a file over the budget, says why, and checks the rest', async function () {
      const cli = await builtCli();
      writeFiles(repo, { 'ops/20230504.md': '*a '.repeat(400_000) });
      const r = await runNode([cli, 'check', '.', '--jobs', '1'], { cwd: repo, timeout: 60_000, env: { MINUTES_PARSE_BUDGET_MS: '300' } });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^ops\/20230504\.md: skipped: took longer than 0\.3 s to parse/m);
      assert.match(r.stdout, /ops\/20230427\.md:5:13: error broken-link/);
    });
  });

  // ---- 5. image downloads --------------------------------------------------------------------

  describe('5. image downloads', () => {
    it('the file name is one decoded segment: `..%2F..%2F.bashrc` stays in the folder', async () => {
      assert.equal(imageFileName('/uploads/..%2F..%2F.bashrc'), 'bashrc');
      assert.equal(imageFileName('/uploads/..%5C..%5Cx.png'), 'x.png');
      assert.equal(imageFileName('/uploads/%2E%2E'), 'image');
      assert.equal(imageFileName('/uploads/a%0Ab.png'), 'ab.png');
      assert.equal(imageFileName('/uploads/upload_1.png'), 'upload_1.png');
      const ws = new MemoryWorkspace({
        'iaas/20230426.md': '# IaaS 2023-04-26\n\n![a](https://pad.example.org/uploads/..%2F..%2F.bashrc)\n![b](https://pad.example.org/uploads/b.png)\n![c](https://pad.example.org/uploads/c.png)\n',
        '.minutes.jsonc': '{ "imageHosts": ["pad.example.org"] }',
      });
      const { index } = await buildIndex(ws);
      const targets = checkAll(index)
        .filter((d) => d.rule === 'image-not-in-repo')
        .map((d) => (d.data as { to?: string }).to);
      assert.deepEqual(targets, ['iaas/bashrc', 'iaas/b.png', 'iaas/c.png']);
    });

    let server: http.Server | undefined;
    let base = '';
    before(async () => {
      server = http.createServer((req, res) => {
        if (req.url === '/trickle.png') {
          res.writeHead(200, { 'content-type': 'image/png' });
          const timer = setInterval(() => res.write(Buffer.alloc(1)), 100);
          res.on('close', () => clearInterval(timer));
          return;
        }
        res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10));
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => {
      server?.closeAllConnections();
      server?.close();
    });

    const opts = { allowedHosts: new Set(['127.0.0.1', 'localhost']), allowHttp: true, allowPrivateAddresses: true, timeoutMs: 2000 };

    it('a server sending a byte every 100 ms is stopped at the total deadline', async () => {
      const started = Date.now();
      await assert.rejects(fetchImage(`${base}/trickle.png`, { ...opts, deadlineMs: 800 }), (e: unknown) => e instanceof FetchRefused && /not finished within 800 ms/.test(e.message));
      assert.ok(Date.now() - started < 2000);
    });

    it('a download can be cancelled', async () => {
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 300);
      const started = Date.now();
      await assert.rejects(fetchImage(`${base}/trickle.png`, { ...opts, signal: stop.signal }), /cancelled/);
      assert.ok(Date.now() - started < 1500);
    });

    it('loopback and private addresses are refused, as literals and as names that resolve to them', async () => {
      const strict = { ...opts, allowPrivateAddresses: false };
      await assert.rejects(fetchImage(`${base}/ok.png`, strict), /private, loopback or local address/);
      await assert.rejects(fetchImage(`${base.replace('127.0.0.1', 'localhost')}/ok.png`, strict), /resolves to .*private, loopback or local address/);
      assert.ok((await fetchImage(`${base}/ok.png`, opts)).bytes.length === 10, 'allowed when asked (tests)');
      for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '224.0.0.1']) assert.equal(isPrivateAddress(a), true, a);
      for (const a of ['140.82.112.3', '8.8.8.8', '2606:4700::1111', '172.32.0.1']) assert.equal(isPrivateAddress(a), false, a);
    });
  });

  // ---- 6. output cannot be hijacked ----------------------------------------------------------

  describe('6. file names in every output format', () => {
    const evil = ['20230428\n::stop-commands::tok.md', '20230429 %0A::error::x.md', '20230430\u001b[2J\u001b]8;;x\u0007.md', '20230501\r::warning::y.md'];

    function runnerCommands(text: string, own: RegExp | undefined): string[] {
      // What a GitHub runner would take as a command: a line starting with `::` after trimming, or `##[` anywhere.
      return text.split('\n').filter((l) => (/^\s*::/.test(l) && !(own && own.test(l))) || l.includes('##['));
    }

    it('text, json, github and sarif on stdout, and every stderr line: one line per item, no runner command, no escape character', async function () {
      for (const name of evil) {
        try {
          writeFiles(repo, { [`ops/${name}`]: `# x\n\n[b](nope.md)\n` });
        } catch {
          this.skip();
        }
      }
      writeFiles(repo, { 'ops/20230502\n::error::bin.md': Buffer.from('\0binary\n'), '::stop-commands::x.md': '[b](nope##[x].md)\n' });
      for (const format of ['text', 'json', 'github', 'sarif']) {
        const io = fakeIo(repo);
        await main(['check', '.', '--format', format], io.io);
        const own = format === 'github' ? /^::(error|warning|notice) file=/ : undefined;
        assert.deepEqual(runnerCommands(io.stdout(), own), [], `${format} stdout`);
        assert.deepEqual(runnerCommands(io.stderr(), undefined), [], `${format} stderr`);
        assert.ok(!/[\u001b\u0007\r]/.test(io.stdout() + io.stderr()), `${format}: no control characters`);
        if (format === 'json') {
          const files = new Set((JSON.parse(io.stdout()) as Array<{ file: string }>).map((f) => f.file));
          for (const name of evil) assert.ok(files.has(`ops/${name}`), `json keeps the name exactly: ${JSON.stringify(name)}`);
        }
        if (format === 'sarif') {
          const uris = JSON.parse(io.stdout()).runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri));
          for (const name of evil) assert.ok(uris.includes(`ops/${name}`));
        }
        if (format === 'text') {
          const lines = io.stdout().trimEnd().split('\n');
          assert.equal(lines.length, 6, io.stdout());
          assert.ok(lines.some((l) => l.startsWith('ops/20230428\\n::stop-commands::tok.md:3:5: error broken-link')));
          assert.match(io.stderr(), /^ops\/20230502\\n::error::bin\.md: skipped: binary content/m);
        }
      }
    });

    it('weeks, actions and refs print names escaped too', async () => {
      writeFiles(repo, { 'ops/20230428\n::stop-commands::x.md': '# x\n\n- AI @a\u001b[31m: do ##[x]\n' });
      for (const args of [['weeks', '.'], ['actions', '.'], ['refs', 'ops/20230428\n::stop-commands::x.md']]) {
        const io = fakeIo(repo);
        await main(args, io.io);
        assert.deepEqual(runnerCommands(io.stdout() + io.stderr(), undefined), [], args[0]);
        assert.ok(!/\u001b/.test(io.stdout()), args[0]);
      }
    });
  });

  // ---- 7. no silent wrong answers -------------------------------------------------------------

  describe('7. silent wrong answers', () => {
    it('check a b over two repositories checks both, each with its own root', async () => {
      const other = nodePath.join(dir!, 'other');
      writeFiles(other, { '.git/config': '', 'team/20230426.md': '# Team 2023-04-26\n\n[x](20230401.md)\n' });
      const io = fakeIo(dir!);
      assert.equal(await main(['check', 'repo', 'other', '--format', 'json'], io.io), 1);
      const files = (JSON.parse(io.stdout()) as Array<{ file: string }>).map((f) => f.file).sort();
      assert.deepEqual(files, ['other/team/20230426.md', 'repo/ops/20230427.md']);
    });

    it('a worktree or submodule (`.git` is a file): its own GitHub URLs are still checked', async () => {
      const gitdir = nodePath.join(dir!, 'main/.git');
      writeFiles(gitdir, { config: '[remote "origin"]\n\turl = git@github.com:example-org/minutes.git\n', 'worktrees/wt/commondir': '../..\n', 'worktrees/wt/HEAD': 'ref: refs/heads/x\n' });
      fs.rmSync(nodePath.join(repo, '.git'), { recursive: true });
      writeFiles(repo, { 'ops/20230427.md': `# Ops 2023-04-27\n\n- [missing](${GH}/ops/20230499.md)\n` });
      for (const dotGit of [`gitdir: ${nodePath.join(gitdir, 'worktrees/wt')}\n`, 'gitdir: ../main/.git\n']) {
        fs.writeFileSync(nodePath.join(repo, '.git'), dotGit);
        const io = fakeIo(repo);
        assert.equal(await main(['check', '.', '--format', 'json'], io.io), 1, dotGit);
        assert.deepEqual((JSON.parse(io.stdout()) as Array<{ rule: string }>).map((f) => f.rule), ['broken-link'], dotGit);
      }
    });

    it('--fix: a file that cannot be written is named, the others are fixed, and the exit code says so', async () => {
      // A name so long that no temporary file can be made beside it: the write fails (as any user, root too).
      const long = `iaas/20230503-${'x'.repeat(240)}.md`;
      writeFiles(repo, { [long]: '# IaaS 2023-04-26\n\nblocked\n', 'iaas/20230510.md': '# IaaS 2023-04-26\n\nfine\n' });
      const io = fakeIo(repo);
      const code = await main(['check', '.', '--fix'], io.io);
      assert.equal(code, 2, io.stderr());
      assert.match(io.stderr(), /^iaas\/20230503-x+\.md: not fixed: could not be written \(ENAMETOOLONG\)$/m);
      assert.match(io.stderr(), /^iaas\/20230510\.md: fixed 1 problem$/m);
      assert.match(io.stderr(), /^minutes: some fixes could not be written/m);
      assert.match(fs.readFileSync(nodePath.join(repo, 'iaas/20230510.md'), 'utf8'), /2023-05-10/);
      assert.doesNotMatch(io.stderr(), /internal error/);
    });

    it('--fix keeps the file mode, refuses read-only files and files with other hard links', async () => {
      // each title is the previous meeting's date (a copied pad), a fix that needs no choice
      const files = { 'iaas/20230503.md': '# IaaS 2023-04-26\n\none\n', 'iaas/20230510.md': '# IaaS 2023-05-03\n\ntwo\n', 'iaas/20230517.md': '# IaaS 2023-05-03\n\nthree\n' };
      writeFiles(repo, files);
      const abs = (p: string) => nodePath.join(repo, p);
      fs.chmodSync(abs('iaas/20230503.md'), 0o664);
      fs.chmodSync(abs('iaas/20230510.md'), 0o444);
      fs.linkSync(abs('iaas/20230517.md'), nodePath.join(dir!, 'hardlink.md'));
      const { index } = await buildIndex(new NodeWorkspace(repo));
      const report = await fixFiles(repo, index, Object.keys(files));
      assert.deepEqual([...report.fixed.keys()], ['iaas/20230503.md']);
      assert.equal(fs.statSync(abs('iaas/20230503.md')).mode & 0o777, 0o664, 'mode kept (not narrowed by the umask)');
      assert.deepEqual(report.refused, [
        { path: 'iaas/20230510.md', reason: 'read-only; not rewritten' },
        { path: 'iaas/20230517.md', reason: 'it has 2 hard links, which a rewrite would split; not rewritten' },
      ]);
      assert.equal(fs.readFileSync(abs('iaas/20230510.md'), 'utf8'), files['iaas/20230510.md']);
      assert.equal(fs.statSync(abs('iaas/20230517.md')).ino, fs.statSync(nodePath.join(dir!, 'hardlink.md')).ino, 'still one file');
    });

    it('--fix: a change made between the check and the rename wins; the fix is not written over it', async () => {
      writeFiles(repo, { 'iaas/20230503.md': '# IaaS 2023-04-26\n' });
      const { index } = await buildIndex(new NodeWorkspace(repo));
      // The change lands while the fix is being written: simulated by changing the file as soon as the temporary file appears.
      const folder = nodePath.join(repo, 'iaas');
      const watcher = fs.watch(folder, (_event, name) => {
        if (name && String(name).includes('.minutes-')) fs.writeFileSync(nodePath.join(folder, '20230503.md'), '# changed by a person\n');
      });
      try {
        const report = await fixFiles(repo, index, ['iaas/20230503.md']);
        const now = fs.readFileSync(nodePath.join(folder, '20230503.md'), 'utf8');
        if (now === '# changed by a person\n') assert.deepEqual(report.refused.map((r) => r.reason), ['changed on disk while fixing; not rewritten']);
        else assert.equal(now, '# IaaS 2023-05-03\n', 'the watcher was too late: the fix went through whole');
        assert.equal(now, '# changed by a person\n');
      } finally {
        watcher.close();
      }
      assert.deepEqual(fs.readdirSync(folder).filter((n) => n.includes('.tmp')), [], 'no temporary file left');
    });
  });
});
