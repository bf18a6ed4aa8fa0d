// Parsed models written to a cache and read back are the same documents: the same values and the
// same shared objects (the title's heading is one of the headings), so every rule sees what a
// fresh parse gives. The CLI's `--cache` gives the same findings on a second run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { main } from '../../src/cli/main';
import { parseMinutes } from '../../src/core/parse';
import { decodeModel, encodeModel } from '../../src/node/modelJson';
import { FIXTURE, ROOT, cleanup, fakeIo, makeTempDir, markdownUnder } from './helpers';

describe('models as JSON for caches', () => {
  it('read back equal, with the title heading still one of the headings', () => {
    let titled = 0;
    for (const file of markdownUnder(FIXTURE)) {
      const doc = parseMinutes(fs.readFileSync(file, 'utf8'));
      const json = encodeModel(doc);
      assert.ok(!json.includes('\n'), 'one line');
      // Positions are shared by every model in memory, and shared again as a model is read back:
      // the list of shared objects names none of them (it would only grow the cache).
      const shared = (JSON.parse(json) as { r: Array<[Array<string | number>, unknown]> }).r;
      assert.ok(!shared.some(([path]) => path.at(-1) === 'start' || path.at(-1) === 'end'), `${file}: ${JSON.stringify(shared)}`);
      const back = decodeModel(json)!;
      assert.deepEqual(back, JSON.parse(JSON.stringify(doc)), file);
      if (doc.title) {
        titled++;
        assert.equal(doc.headings.includes(doc.title.heading), back.headings.includes(back.title!.heading), file);
      }
    }
    assert.ok(titled > 10);
  });

  it('reads damaged or foreign entries as nothing', () => {
    const json = encodeModel(parseMinutes('# 2024-01-01\n\n## Agenda\n'));
    assert.ok(decodeModel(json));
    assert.equal(decodeModel(json.slice(0, json.length >> 1)), undefined);
    assert.equal(decodeModel('{"d":{"hash":"x"},"r":[]}'), undefined);
    assert.equal(decodeModel(JSON.stringify(JSON.parse(json).d)), undefined);
    assert.equal(decodeModel('{"d":' + JSON.stringify(JSON.parse(json).d) + ',"r":[[["nowhere","deep"],["headings",0]]]}'), undefined);
  });

  it('a shared object may only stand for an equal one', () => {
    const doc = parseMinutes('# 2024-01-01\n\n## Agenda\n\n## Agenda\n\n## Action items\n');
    const encoded = JSON.parse(encodeModel(doc)) as { d: { headings: unknown[] }; r: unknown[] };
    // The two "Agenda" headings differ only in their lines; the first heading is the title.
    assert.ok(decodeModel(JSON.stringify({ ...encoded, r: [[['title', 'heading'], ['headings', 0]]] })));
    for (const wrong of [['headings', 1], ['headings', 2], ['headings'], ['end']]) {
      assert.equal(decodeModel(JSON.stringify({ ...encoded, r: [[['title', 'heading'], wrong]] })), undefined, JSON.stringify(wrong));
    }
    // Keys in another order are read back in the model's order: the same heading.
    const h = encoded.d.headings[0] as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(h).reverse());
    const other = { ...encoded, d: { ...encoded.d, headings: [reordered, ...encoded.d.headings.slice(1)] }, r: [[['title', 'heading'], ['headings', 0]]] };
    const back = decodeModel(JSON.stringify(other))!;
    assert.equal(back.title!.heading, back.headings[0]);
  });

  it('the cache file is ASCII, and text past ASCII reads back the same', async function () {
    this.timeout(60_000);
    const dir = makeTempDir('minutes-cache-');
    try {
      const repo = nodePath.join(dir, 'repo');
      fs.mkdirSync(nodePath.join(repo, 'iaas'), { recursive: true });
      const text = '# 2024-01-01 Caf\u00e9 \u{1F600}\n\n## Participants\n\n* J\u00f6rg \u2014 @j\u00f6rg\n\n## Notes\n\nSee [\u00fcber](#caf\u00e9-) and [x](./20240108.md#\u00fcber).\n';
      fs.writeFileSync(nodePath.join(repo, 'iaas', '20240101.md'), text);
      fs.writeFileSync(nodePath.join(repo, 'iaas', '20240108.md'), '# 2024-01-08\n\n## \u00dcber\n');
      const cacheFile = nodePath.join(dir, 'parsed.json');
      const run = async (...extra: string[]) => {
        const io = fakeIo(ROOT);
        await main(['check', repo, '--format', 'json', ...extra], io.io);
        return io.stdout();
      };
      const plain = await run();
      assert.equal(await run('--cache-location', cacheFile), plain);
      const bytes = fs.readFileSync(cacheFile);
      assert.ok(bytes.every((b) => b < 0x80), 'only ASCII in the cache');
      // Read back from the cache (and the findings beside it): the same findings.
      assert.equal(await run('--cache-location', cacheFile), plain);
      fs.rmSync(cacheFile.replace(/\.json$/, '.findings.json'));
      assert.equal(await run('--cache-location', cacheFile), plain);
      const entries = Object.values((JSON.parse(bytes.toString('latin1')) as { entries: Record<string, unknown> }).entries);
      assert.ok(entries.some((e) => decodeModel(JSON.stringify(e))?.headings.some((h) => h.text === '\u00dcber')));
    } finally {
      cleanup(dir);
    }
  });

  it('the CLI reports the same with --cache as without', async function () {
    this.timeout(60_000);
    const dir = makeTempDir('minutes-cache-');
    try {
      const cacheFile = nodePath.join(dir, 'parsed.json');
      const check = async (...extra: string[]) => {
        const io = fakeIo(ROOT);
        const code = await main(['check', FIXTURE, '--format', 'json', ...extra], io.io);
        return { code, stdout: io.stdout() };
      };
      const plain = await check();
      const first = await check('--cache-location', cacheFile);
      assert.ok(fs.existsSync(cacheFile));
      const second = await check('--cache-location', cacheFile);
      assert.deepEqual(first, plain);
      assert.deepEqual(second, plain);
    } finally {
      cleanup(dir);
    }
  });

  it('a run that found everything in the cache leaves the file as it is; a change is written', async function () {
    this.timeout(60_000);
    const dir = makeTempDir('minutes-cache-');
    try {
      const repo = nodePath.join(dir, 'repo');
      fs.cpSync(FIXTURE, repo, { recursive: true });
      const cacheFile = nodePath.join(dir, 'parsed.json');
      const check = () => main(['check', repo, '--format', 'json', '--cache-location', cacheFile], fakeIo(ROOT).io);
      await check();
      const written = fs.readFileSync(cacheFile, 'utf8');
      fs.utimesSync(cacheFile, new Date(0), new Date(0));
      await check();
      assert.equal(fs.statSync(cacheFile).mtimeMs, 0, 'rewritten though nothing changed');
      const file = markdownUnder(repo).find((f) => /\d{8}\.md$/.test(f))!;
      fs.appendFileSync(file, '\nOne more line.\n');
      await check();
      assert.notEqual(fs.statSync(cacheFile).mtimeMs, 0);
      assert.notEqual(fs.readFileSync(cacheFile, 'utf8'), written);
    } finally {
      cleanup(dir);
    }
  });
});
