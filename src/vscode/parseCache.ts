// The extension's parse cache in workspace storage: parsed models by content hash and model
// version, so reopening a repository re-parses only the files that changed.
//
// One gzip file per workspace folder: a header line and then one `key<TAB>model JSON` line per file.
// Read and written in slices (models are some kilobytes of JSON each, so a large repository's cache
// is hundreds of megabytes before compression, and the extension host must not stop for it);
// compression runs on libuv's threads. A line that does not read back is only a miss; written to
// a temporary file and renamed, so a reader never sees half a cache.
import { createWriteStream, promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { hash64 } from '../core/parse';
import type { MinutesDocument } from '../core/model';
import { MODEL_VERSION, type ModelCache } from '../node/parsing';
import { Slicer } from './slices';
import { decodeModel, encodeModel } from '../node/modelJson';

const FORMAT = 'minutes-parse-cache/2';
const HEADER = JSON.stringify({ format: FORMAT, model: MODEL_VERSION });
const NEWLINE = 10;
const TAB = 9;
const WRITE_CHUNK = 1 << 20;

/** The cache file of a workspace folder inside the extension's workspace storage folder. */
export function cacheFileFor(storageFolder: string, folderUri: string): string {
  return nodePath.join(storageFolder, `parsed-${hash64(folderUri)}.jsonl.gz`);
}

export class WorkspaceParseCache implements ModelCache {
  /** Entries read from disk: the model's JSON text, parsed only when a file asks for it. */
  private stored = new Map<string, Buffer>();
  /** What this build used: kept entries (their JSON text) and new models. */
  private readonly used = new Map<string, string | MinutesDocument>();
  hits = 0;
  misses = 0;
  loaded = 0;
  loadMs = 0;

  constructor(readonly file: string) {}

  /**
   * Reads the cache; an absent, foreign or damaged file just means fewer hits. Decompressed as a
   * stream, a line at a time; each entry stays a slice of the decompressed bytes (outside the
   * JavaScript heap, so the garbage collector does not walk hundreds of megabytes of JSON) until a
   * file asks for it.
   */
  async load(): Promise<void> {
    const started = Date.now();
    const slicer = new Slicer();
    let rest: Buffer | undefined;
    let header = false;
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.file, 'r');
    } catch {
      return;
    }
    const source = handle.createReadStream();
    const lines = zlib.createGunzip({ chunkSize: 256 * 1024 });
    // A read error ends the decompression (and so the loop below) instead of going unhandled.
    source.on('error', (error) => lines.destroy(error));
    source.pipe(lines);
    try {
      for await (const piece of lines as AsyncIterable<Buffer>) {
        const bytes = rest ? Buffer.concat([rest, piece]) : piece;
        let start = 0;
        for (;;) {
          const end = bytes.indexOf(NEWLINE, start);
          if (end < 0) break;
          if (!header) {
            if (bytes.toString('utf8', start, end) !== HEADER) {
              lines.destroy();
              return;
            }
            header = true;
          } else {
            const tab = bytes.indexOf(TAB, start);
            if (tab > start && tab < end) this.stored.set(bytes.toString('latin1', start, tab), bytes.subarray(tab + 1, end));
          }
          start = end + 1;
          if (slicer.due) await slicer.breathe();
        }
        // A last line without its line break is cut short: it waits for the next piece, or is dropped.
        rest = start < bytes.length ? Buffer.from(bytes.subarray(start)) : undefined;
        await slicer.breathe();
      }
    } catch {
      // Unreadable or not gzip: what was read so far still counts, line by line.
    } finally {
      source.destroy();
      await handle.close().catch(() => undefined);
    }
    this.loaded = this.stored.size;
    this.loadMs = Date.now() - started;
  }

  lookup(key: string): MinutesDocument | undefined {
    // Files with the same content share an entry: the second one finds it among the used.
    const stored = this.stored.get(key);
    const json = stored ? stored.toString('utf8') : this.used.get(key);
    let doc: MinutesDocument | undefined;
    if (typeof json === 'string') {
      // A damaged line: parse the file again.
      doc = decodeModel(json);
    } else doc = json;
    if (!doc) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    if (this.stored.delete(key)) this.used.set(key, json!);
    return doc;
  }

  store(key: string, doc: MinutesDocument): void {
    this.used.set(key, doc);
  }

  /** True when the file on disk holds exactly what this build used. */
  get unchanged(): boolean {
    return this.misses === 0 && this.stored.size === 0 && this.loaded > 0;
  }

  /** Writes what this build used (entries of files that are gone are dropped), atomically. */
  async save(): Promise<void> {
    this.stored.clear();
    if (this.unchanged) return;
    await fs.mkdir(nodePath.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    const used = this.used;
    async function* lines(): AsyncGenerator<string> {
      const slicer = new Slicer();
      let chunk = HEADER + '\n';
      for (const [key, entry] of used) {
        chunk += key + '\t' + (typeof entry === 'string' ? entry : encodeModel(entry)) + '\n';
        if (chunk.length >= WRITE_CHUNK) {
          yield chunk;
          chunk = '';
        }
        await slicer.breathe();
      }
      yield chunk;
    }
    try {
      await pipeline(Readable.from(lines()), zlib.createGzip({ level: 1 }), createWriteStream(tmp));
      await fs.rename(tmp, this.file);
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw error;
    }
  }

  /** Forgets everything (after saving), so the models are not held twice. */
  release(): void {
    this.stored.clear();
    this.used.clear();
  }
}
