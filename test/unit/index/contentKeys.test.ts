import * as assert from 'node:assert/strict';
import { ContentKeys, uploadHostOf } from '../../../src/core/index/contentKeys';
import type { IndexedFile } from '../../../src/core/index/part';
import { fileOf, sorted } from './files';

function keysOf(files: IndexedFile[]): { keys: ContentKeys; map: Map<string, IndexedFile> } {
  const map = new Map<string, IndexedFile>();
  const keys = new ContentKeys(map);
  for (const f of files) {
    keys.pathAdded(f.path, 'file');
    map.set(f.path, f);
    keys.fileAdded(f, undefined);
  }
  return { keys, map };
}

describe('index part: content keys', () => {
  it('files with the same text, and with the same body but other dates', () => {
    const { keys } = keysOf([
      fileOf('iaas/20230426.md', '# IaaS 2023-04-26\n\n## Agenda\n'),
      fileOf('iaas/20230503.md', '# IaaS 2023-05-03\n\n## Agenda\n'),
      fileOf('ops/20230426.md', '# IaaS 2023-04-26\n\n## Agenda\n'),
      fileOf('ops/20230427.md', '# Ops\n'),
    ]);
    assert.deepEqual(keys.identicalTo('iaas/20230426.md'), ['ops/20230426.md']);
    assert.deepEqual(keys.sameBodyAs('iaas/20230426.md'), ['iaas/20230503.md', 'ops/20230426.md']);
    assert.deepEqual(keys.identicalTo('ops/20230427.md'), []);
    assert.deepEqual(keys.identicalTo('missing.md'), []);
  });

  it('a changed body affects the files that shared the old one and those that share the new one', () => {
    const a = fileOf('a/20230426.md', '# 2023-04-26\n\nsame\n');
    const b = fileOf('b/20230426.md', '# 2023-04-26\n\nsame\n');
    const c = fileOf('c/20230426.md', '# 2023-04-26\n\nother\n');
    const { keys, map } = keysOf([a, b, c]);
    const edited = fileOf('a/20230426.md', '# 2023-04-26\n\nother\n');
    map.set(edited.path, edited);
    assert.deepEqual(sorted(keys.fileAdded(edited, a)), ['b/20230426.md', 'c/20230426.md']);
    assert.deepEqual(keys.sameBodyAs('a/20230426.md'), ['c/20230426.md']);
    assert.deepEqual(sorted(keys.fileRemoved(c)), ['a/20230426.md']);
  });

  it('files by name, anywhere; a removed path is no longer found', () => {
    const keys = new ContentKeys(new Map());
    keys.pathAdded('iaas/diagram.png', 'file');
    keys.pathAdded('images/diagram.png', 'file');
    keys.pathAdded('images', 'folder');
    assert.deepEqual(keys.filesNamed('diagram.png'), ['iaas/diagram.png', 'images/diagram.png']);
    assert.deepEqual(keys.filesNamed('images'), [], 'folders are not files');
    keys.pathRemoved('iaas/diagram.png', 'file');
    assert.deepEqual(keys.filesNamed('diagram.png'), ['images/diagram.png']);
  });

  it('a pad host: configured, or showing its uploads in three files', () => {
    const image = (host: string) => `![x](https://${host}/uploads/a.png)\n`;
    const files = ['a.md', 'b.md', 'c.md'].map((p) => fileOf(p, image('pad.example.org') + image('blog.example.com')));
    const { keys } = keysOf([...files, fileOf('d.md', image('blog.example.com'))]);
    assert.deepEqual([...keys.padHosts([])].sort(), ['blog.example.com', 'pad.example.org']);
    keys.fileRemoved(files[0]);
    assert.deepEqual([...keys.padHosts(['Other.Example'])].sort(), ['blog.example.com', 'other.example']);
    assert.equal(uploadHostOf('https://pad.example.org/uploads/x.png'), 'pad.example.org');
    assert.equal(uploadHostOf('https://example.org/images/x.png'), undefined);
  });
});
