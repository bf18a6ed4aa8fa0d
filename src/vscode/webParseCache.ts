// The parse cache of the web extension host (github.dev, vscode.dev): the same idea as the Node
// cache (models by content key and model version, one file per workspace folder), kept in the
// extension's storage through workspace.fs, compressed with the web's CompressionStream where there
// is one. Read and written in slices so the editor never stalls; written to a temporary file and
// renamed, so a reader never sees half a cache; anything unreadable is only a miss.
import * as vscode from 'vscode';
import { hash64 } from '../core/parse';
import type { MinutesDocument } from '../core/model';
import { MODEL_VERSION } from '../core/modelCache';
import { decodeModel, encodeModel } from '../node/modelJson';
import { Slicer } from './slices';
import type { ParseCacheStore } from './platform/types';

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

export class WebParseCache implements ParseCacheStore {
  /** Entries read from storage: the model's JSON text, parsed only when a file asks for it. */
  private stored = new Map<string, string>();
  private readonly used = new Map<string, string | MinutesDocument>();
  hits = 0;
  misses = 0;
  loaded = 0;
  loadMs = 0;

  constructor(readonly file: vscode.Uri) {}

  async load(): Promise<void> {
    const started = Date.now();
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(this.file);
      if (this.file.path.endsWith('.gz')) bytes = await transform(bytes, new DecompressionStream('gzip'));
    } catch {
      return;
    }
    const text = new TextDecoder().decode(bytes);
    const slicer = new Slicer();
    let start = text.indexOf('\n');
    if (start < 0 || text.slice(0, start) !== HEADER) return;
    start++;
    while (start < text.length) {
      const end = text.indexOf('\n', start);
      // A last line without its line break is cut short: dropped.
      if (end < 0) break;
      const tab = text.indexOf('\t', start);
      if (tab > start && tab < end) this.stored.set(text.slice(start, tab), text.slice(tab + 1, end));
      start = end + 1;
      if (slicer.due) await slicer.breathe();
    }
    this.loaded = this.stored.size;
    this.loadMs = Date.now() - started;
  }

  lookup(key: string): MinutesDocument | undefined {
    const stored = this.stored.get(key);
    const entry = stored ?? this.used.get(key);
    const doc = typeof entry === 'string' ? decodeModel(entry) : entry;
    if (!doc) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    if (this.stored.delete(key)) this.used.set(key, stored!);
    return doc;
  }

  store(key: string, doc: MinutesDocument): void {
    this.used.set(key, doc);
  }

  get unchanged(): boolean {
    return this.misses === 0 && this.stored.size === 0 && this.loaded > 0;
  }

  async save(): Promise<void> {
    this.stored.clear();
    if (this.unchanged) return;
    const slicer = new Slicer();
    const parts: string[] = [HEADER + '\n'];
    for (const [key, entry] of this.used) {
      parts.push(key + '\t' + (typeof entry === 'string' ? entry : encodeModel(entry)) + '\n');
      await slicer.breathe();
    }
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

  release(): void {
    this.stored.clear();
    this.used.clear();
  }
}
