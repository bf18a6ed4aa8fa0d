// The parse cache of the web extension host (github.dev, vscode.dev): the same idea as the Node
// cache (models by content key and model version, one file per workspace folder), kept in the
// extension's storage through workspace.fs, compressed with the web's CompressionStream where there
// is one. Read and written in slices so the editor never stalls; written to a temporary file and
// renamed, so a reader never sees half a cache; anything unreadable is only a miss. The entries are
// parseCacheEntries.ts's; this is their storage.
import * as vscode from 'vscode';
import { hash64 } from '../core/parse';
import { MODEL_VERSION } from '../core/modelCache';
import { Slicer } from './slices';
import { ParseCacheEntries, type ParseCacheStorage } from './parseCacheEntries';

const FORMAT = 'minutes-parse-cache-web/1';
const HEADER = JSON.stringify({ format: FORMAT, model: MODEL_VERSION });

type Compression = 'gzip' | 'none';

function compression(): Compression {
  return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function' ? 'gzip' : 'none';
}

/** The cache file of a workspace folder inside a storage folder (any file system VS Code can write). */
export function webCacheFileFor(storage: vscode.Uri, folderUri: string): vscode.Uri {
  return vscode.Uri.joinPath(storage, `parsed-${hash64(folderUri)}.${compression() === 'gzip' ? 'jsonl.gz' : 'jsonl'}`);
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([new Uint8Array(bytes)]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** A file any file system of VS Code can hold, compressed where the host can. */
class WorkspaceFsStorage implements ParseCacheStorage<string> {
  readonly header = HEADER;

  constructor(readonly file: vscode.Uri) {}

  async read(add: (key: string, entry: string) => void): Promise<boolean> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(this.file);
      if (this.file.path.endsWith('.gz')) bytes = await transform(bytes, new DecompressionStream('gzip'));
    } catch {
      return false;
    }
    const text = new TextDecoder().decode(bytes);
    const slicer = new Slicer();
    let start = text.indexOf('\n');
    if (start < 0 || text.slice(0, start) !== HEADER) return false;
    start++;
    while (start < text.length) {
      const end = text.indexOf('\n', start);
      // A last line without its line break is cut short: dropped.
      if (end < 0) break;
      const tab = text.indexOf('\t', start);
      if (tab > start && tab < end) add(text.slice(start, tab), text.slice(tab + 1, end));
      start = end + 1;
      if (slicer.due) await slicer.breathe();
    }
    return true;
  }

  text(entry: string): string {
    return entry;
  }

  async write(lines: AsyncIterable<string>): Promise<void> {
    const parts: string[] = [];
    for await (const line of lines) parts.push(line);
    let bytes: Uint8Array = new TextEncoder().encode(parts.join(''));
    if (this.file.path.endsWith('.gz')) bytes = await transform(bytes, new CompressionStream('gzip'));
    const folder = vscode.Uri.joinPath(this.file, '..');
    const tmp = this.file.with({ path: `${this.file.path}.${Date.now()}.tmp` });
    await vscode.workspace.fs.createDirectory(folder);
    try {
      await vscode.workspace.fs.writeFile(tmp, bytes);
      await vscode.workspace.fs.rename(tmp, this.file, { overwrite: true });
    } catch (error) {
      await vscode.workspace.fs.delete(tmp).then(undefined, () => undefined);
      throw error;
    }
  }
}

/** The parse cache of a workspace folder in the web extension host. */
export class WebParseCache extends ParseCacheEntries<string> {
  constructor(readonly file: vscode.Uri) {
    super(new WorkspaceFsStorage(file));
  }
}
