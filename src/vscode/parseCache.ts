// The extension's parse cache in workspace storage: parsed models by content hash and model
// version, so reopening a repository re-parses only the files that changed. The entries are
// parseCacheEntries.ts's; this is their storage on disk.
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
import { MODEL_VERSION } from '../node/parsing';
import { Slicer } from './slices';
import { ParseCacheEntries, type ParseCacheStorage } from './parseCacheEntries';

const FORMAT = 'minutes-parse-cache/2';
const HEADER = JSON.stringify({ format: FORMAT, model: MODEL_VERSION });
const NEWLINE = 10;
const TAB = 9;
const WRITE_CHUNK = 1 << 20;

/** The cache file of a workspace folder inside the extension's workspace storage folder. */
export function cacheFileFor(storageFolder: string, folderUri: string): string {
  return nodePath.join(storageFolder, `parsed-${hash64(folderUri)}.jsonl.gz`);
}

/** A gzip file on disk; each entry stays a slice of the decompressed bytes until a file asks for it. */
class GzipFileStorage implements ParseCacheStorage<Buffer> {
  readonly header = HEADER;

  constructor(readonly file: string) {}

  /**
   * Decompressed as a stream, a line at a time; each entry stays a slice of the decompressed bytes
   * (outside the JavaScript heap, so the garbage collector does not walk hundreds of megabytes of
   * JSON) until a file asks for it.
   */
  async read(add: (key: string, entry: Buffer) => void): Promise<boolean> {
    const slicer = new Slicer();
    let rest: Buffer | undefined;
    let header = false;
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.file, 'r');
    } catch {
      return false;
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
              return false;
            }
            header = true;
          } else {
            const tab = bytes.indexOf(TAB, start);
            if (tab > start && tab < end) add(bytes.toString('latin1', start, tab), bytes.subarray(tab + 1, end));
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
    return true;
  }

  text(entry: Buffer): string {
    return entry.toString('utf8');
  }

  /** Compressed on libuv's threads, in chunks of about a megabyte; a temporary file renamed. */
  async write(lines: AsyncIterable<string>): Promise<void> {
    await fs.mkdir(nodePath.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    async function* chunks(): AsyncGenerator<string> {
      let chunk = '';
      for await (const line of lines) {
        chunk += line;
        if (chunk.length >= WRITE_CHUNK) {
          yield chunk;
          chunk = '';
        }
      }
      yield chunk;
    }
    try {
      await pipeline(Readable.from(chunks()), zlib.createGzip({ level: 1 }), createWriteStream(tmp));
      await fs.rename(tmp, this.file);
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw error;
    }
  }
}

/** The parse cache of a workspace folder in the Node extension host. */
export class WorkspaceParseCache extends ParseCacheEntries<Buffer> {
  constructor(readonly file: string) {
    super(new GzipFileStorage(file));
  }
}
