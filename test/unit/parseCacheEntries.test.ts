// The parse cache's entries, shared by the Node and the web cache, over a storage back end in memory.
import * as assert from 'node:assert/strict';
import { parseMinutes } from '../../src/core/parse';
import { contentKey } from '../../src/core/modelCache';
import { ParseCacheEntries, type ParseCacheStorage } from '../../src/vscode/parseCacheEntries';

class MemoryStorage implements ParseCacheStorage<string> {
  readonly header = '{"format":"test"}';
  content: string | undefined;
  writes = 0;

  async read(add: (key: string, entry: string) => void): Promise<boolean> {
    if (this.content === undefined) return false;
    const [first, ...rest] = this.content.split('\n');
    if (first !== this.header) return false;
    for (const line of rest) {
      const tab = line.indexOf('\t');
      if (tab > 0) add(line.slice(0, tab), line.slice(tab + 1));
    }
    return true;
  }

  text(entry: string): string {
    return entry;
  }

  async write(lines: AsyncIterable<string>): Promise<void> {
    let text = '';
    for await (const line of lines) text += line;
    this.content = text;
    this.writes++;
  }
}

/** A model as it reads back from JSON (absent fields, not undefined ones). */
const model = (text: string) => JSON.parse(JSON.stringify(parseMinutes(text)));

describe('parse cache entries', () => {
  const a = '# 2024-01-01\n\n## Agenda\n';
  const b = '# 2024-01-08\n\n## Agenda\n\n- [x](../iaas/20240101.md)\n';

  it('round-trips models through its storage: misses first, hits after, nothing written when nothing changed', async () => {
    const storage = new MemoryStorage();
    const first = new ParseCacheEntries(storage);
    await first.load();
    assert.equal(first.loaded, 0);
    assert.equal(first.lookup(contentKey(a)), undefined);
    first.store(contentKey(a), parseMinutes(a));
    first.store(contentKey(b), parseMinutes(b));
    assert.equal(first.misses, 1);
    assert.equal(first.unchanged, false);
    await first.save();
    assert.equal(storage.writes, 1);
    assert.ok(storage.content?.startsWith(storage.header + '\n'));

    const second = new ParseCacheEntries(storage);
    await second.load();
    assert.equal(second.loaded, 2);
    assert.deepEqual(second.lookup(contentKey(a)), model(a));
    // A second file with the same content finds the entry among the used ones.
    assert.deepEqual(second.lookup(contentKey(a)), model(a));
    assert.deepEqual(second.lookup(contentKey(b)), model(b));
    assert.equal(second.hits, 3);
    assert.equal(second.unchanged, true);
    await second.save();
    assert.equal(storage.writes, 1, 'an unchanged cache is not written again');
  });

  it('drops the entries a build did not use, and treats a damaged entry as a miss', async () => {
    const storage = new MemoryStorage();
    storage.content = `${storage.header}\nbroken\t{"not":"a model"}\n`;
    const first = new ParseCacheEntries(storage);
    await first.load();
    assert.equal(first.loaded, 1);
    // As a build does: a file's lookup misses, then its parsed model is stored.
    assert.equal(first.lookup(contentKey(a)), undefined);
    first.store(contentKey(a), parseMinutes(a));
    await first.save();
    assert.ok(!storage.content?.includes('broken'), 'the entry this build did not use was dropped');
    const second = new ParseCacheEntries(storage);
    await second.load();
    assert.equal(second.loaded, 1);
    assert.ok(second.lookup(contentKey(a)));
    storage.content = `${storage.header}\nbroken\t{"not":"a model"}\n`;
    const third = new ParseCacheEntries(storage);
    await third.load();
    assert.equal(third.lookup('broken'), undefined);
    assert.equal(third.misses, 1);
    third.release();
    assert.equal(third.lookup(contentKey(a)), undefined);
  });
});
