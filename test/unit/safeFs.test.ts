// The one atomic write and the one bounded read (src/node/safeFs.ts): used by the caches, the
// workspace reader and `minutes check --fix`.
import { execFileSync } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { readRegularFile, readRegularFileSync, writeFileAtomic } from '../../src/node/safeFs';
import { cleanup, makeTempDir, trySymlink } from './helpers';

/** A fresh temporary folder for each test of the suite it is called in. */
function tempDirEachTest(): () => string {
  let dir: string | undefined;
  beforeEach(() => {
    dir = makeTempDir('minutes-safefs-');
  });
  afterEach(() => {
    cleanup(dir);
    dir = undefined;
  });
  return () => dir!;
}

describe('writeFileAtomic', () => {
  const tempDir = tempDirEachTest();
  let dir: string | undefined;
  beforeEach(() => {
    dir = tempDir();
  });
  const leftovers = () => fs.readdirSync(dir!).filter((name) => name.endsWith('.tmp'));

  it('replaces the file with the new bytes and the mode asked for, leaving no temporary file', async () => {
    const file = nodePath.join(dir!, 'a.md');
    fs.writeFileSync(file, 'old\n');
    await writeFileAtomic(file, 'new\n', { mode: 0o640, sync: true });
    assert.equal(fs.readFileSync(file, 'utf8'), 'new\n');
    if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(leftovers(), []);
  });

  it('what beforeRename throws stops the write: the file is as it was, the temporary file is gone', async () => {
    const file = nodePath.join(dir!, 'a.md');
    fs.writeFileSync(file, 'old\n');
    let seen: string[] = [];
    await assert.rejects(
      writeFileAtomic(file, 'new\n', {
        beforeRename: async () => {
          seen = leftovers();
          throw new Error('changed meanwhile');
        },
      }),
      /changed meanwhile/,
    );
    assert.equal(seen.length, 1, 'the new bytes wait in one temporary file beside the target');
    assert.equal(fs.readFileSync(file, 'utf8'), 'old\n');
    assert.deepEqual(leftovers(), []);
  });

  it('a symbolic link at the target is replaced, never followed', async function () {
    const outside = nodePath.join(dir!, 'outside.txt');
    fs.writeFileSync(outside, 'keep\n');
    const file = nodePath.join(dir!, 'cache.json');
    if (!trySymlink(outside, file, 'file')) this.skip();
    await writeFileAtomic(file, '{}');
    assert.equal(fs.readFileSync(outside, 'utf8'), 'keep\n');
    assert.ok(fs.lstatSync(file).isFile());
    assert.equal(fs.readFileSync(file, 'utf8'), '{}');
  });
});

for (const [name, read] of [
  ['readRegularFile', readRegularFile],
  // The command line's: the same steps, done at once on its thread.
  ['readRegularFileSync', async (file: string, max: number) => readRegularFileSync(file, max)],
] as const) {
  describe(name, () => {
    const tempDir = tempDirEachTest();
    let dir: string | undefined;
    beforeEach(() => {
      dir = tempDir();
    });

    it('returns exactly the bytes of the file, whatever its size up to the limit', async () => {
      for (const size of [0, 1, 4095, 4096, 70_000, 200_000]) {
        const bytes = Buffer.from(Array.from({ length: size }, (_, i) => (i * 7 + size) % 251));
        const file = nodePath.join(dir!, `f${size}`);
        fs.writeFileSync(file, bytes);
        const got = await read(file, 200_000);
        assert.equal(got.length, size, `size ${size}`);
        assert.ok(got.equals(bytes), `the bytes of a file of ${size} bytes`);
      }
    });

    it('refuses a file over the limit, a folder and a symbolic link', async function () {
      const big = nodePath.join(dir!, 'big');
      fs.writeFileSync(big, Buffer.alloc(1001, 65));
      await assert.rejects(read(big, 1000), /larger than 1000 bytes/);
      assert.equal((await read(big, 1001)).length, 1001);
      await assert.rejects(read(dir!, 1000));
      const link = nodePath.join(dir!, 'link');
      if (trySymlink(big, link)) await assert.rejects(read(link, 5000), /symbolic link/);
    });

    it('refuses a named pipe at once, never waiting for a writer', async function () {
      const pipe = nodePath.join(dir!, 'pipe.md');
      try {
        execFileSync('mkfifo', [pipe], { stdio: 'ignore' });
      } catch {
        this.skip();
      }
      // No writer ever opens it: a read that waited would never return.
      await assert.rejects(read(pipe, 1000), /not a regular file/);
    });
  });
}
