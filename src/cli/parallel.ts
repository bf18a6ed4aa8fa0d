// The CLI's parsing on every core (worker threads that run the same bundle, see src/node/parsing.ts)
// and its cache of parsed models by content hash (`--cache`), so a second run parses only what
// changed.
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import type { MinutesDocument } from '../core/model';
import { MODEL_VERSION, contentKey, makeParser as makeSharedParser, type ModelCache, type ParserPool } from '../node/parsing';

import { fromEncoded, toEncoded } from '../node/modelJson';
import { lstatOrUndefined, readRegularFile, writeFileAtomic } from '../node/safeFs';

export { MODEL_VERSION, ParserPool, runWorkerIfAsked } from '../node/parsing';

/** The model version, and how models are written (with their shared objects listed). */
const CACHE_VERSION = `${MODEL_VERSION}/shared-2`;
/** How every cache file this program writes begins (any version): a file that does not is never overwritten. */
const CACHE_PREFIX = '{"version":"model-';
/** A cache is some kilobytes a file; JSON.parse cannot take more than this anyway. */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

export class CacheRefused extends Error {}

/**
 * JSON with every character past ASCII written as a `\u` escape: reading it back is then the fast
 * decode of one-byte text (a few names with accents made the whole 5 MB parse cache decode as
 * two-byte text, three times slower).
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Parsed models by content hash, kept in a file between runs. */
export class ParseCache implements ModelCache {
  private entries = new Map<string, MinutesDocument>();
  private used = new Set<string>();
  private loaded = 0;
  hits = 0;
  misses = 0;

  /**
   * `inside`: the folder (the repository) the cache's folders must not lead out of through a
   * symbolic link: the default location is in the repository, which can plant links there.
   */
  constructor(
    readonly file: string,
    readonly inside?: string,
  ) {}

  /** The folders between `inside` and the file are real folders (no link), or do not exist yet. */
  private async foldersAreReal(create: boolean): Promise<boolean> {
    if (!this.inside) {
      if (create) await fs.mkdir(nodePath.dirname(this.file), { recursive: true });
      return true;
    }
    const rel = nodePath.relative(this.inside, nodePath.dirname(this.file));
    let dir = this.inside;
    for (const name of rel.split(nodePath.sep).filter(Boolean)) {
      dir = nodePath.join(dir, name);
      let stat = await lstatOrUndefined(dir);
      if (!stat && create) {
        await fs.mkdir(dir).catch((error: { code?: string }) => {
          if (error.code !== 'EEXIST') throw error;
        });
        stat = await lstatOrUndefined(dir);
      }
      if (!stat) return false;
      if (!stat.isDirectory()) throw new CacheRefused(`${dir} is not a folder (a symbolic link?); the cache is not written through it`);
    }
    return true;
  }

  async load(): Promise<void> {
    try {
      // The cache is untrusted input: only a regular file of bounded size, never through a link,
      // and every entry checked against the model's schema.
      const text = await this.readBeside(this.file);
      if (text === undefined) return;
      const data = JSON.parse(text) as { version?: unknown; entries?: unknown };
      if (!data || typeof data !== 'object' || data.version !== CACHE_VERSION || !data.entries || typeof data.entries !== 'object' || Array.isArray(data.entries)) return;
      for (const [key, value] of Object.entries(data.entries)) {
        // An entry that does not read back as a model is a miss, not a crash.
        const doc = fromEncoded(value);
        if (doc) this.entries.set(key, doc);
      }
      this.loaded = this.entries.size;
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
  }

  get(text: string): { key: string; doc?: MinutesDocument } {
    const key = contentKey(text);
    const doc = this.lookup(key);
    return { key, doc };
  }

  lookup(key: string): MinutesDocument | undefined {
    const doc = this.entries.get(key);
    if (doc) this.hits++;
    else this.misses++;
    this.used.add(key);
    return doc;
  }

  store(key: string, doc: MinutesDocument): void {
    this.entries.set(key, doc);
  }

  /** Writes the entries this run used (others belong to files that are gone), atomically; nothing when nothing changed. */
  async save(): Promise<void> {
    // Every file found in the cache, and every entry used: the file on disk is already this.
    if (this.misses === 0 && this.used.size === this.loaded) return;
    const entries: Record<string, unknown> = {};
    for (const key of this.used) {
      const doc = this.entries.get(key);
      if (doc) entries[key] = toEncoded(doc);
    }
    await this.writeBeside(this.file, asciiJson({ version: CACHE_VERSION, entries }), CACHE_PREFIX);
  }

  /**
   * A file of the cache's (this one, or one beside it) as text: a regular file of bounded size, never
   * through a link; undefined when it or its folder does not exist.
   */
  async readBeside(file: string, maxBytes = MAX_CACHE_BYTES): Promise<string | undefined> {
    if (!(await this.foldersAreReal(false))) return undefined;
    try {
      return (await readRegularFile(file, maxBytes)).toString('utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /**
   * Writes a file of the cache's (this one, or one beside it) that starts with `prefix`: never over a
   * file that is not one this program wrote (`--cache-location` naming a document by mistake, or a
   * link planted at the cache's place), through an exclusive temporary file with a random name and a
   * rename, so never through a link.
   */
  async writeBeside(file: string, content: string, prefix: string): Promise<void> {
    await this.foldersAreReal(true);
    const existing = await lstatOrUndefined(file);
    if (existing) {
      if (!existing.isFile()) throw new CacheRefused(`${file} exists and is not a regular file; not overwritten`);
      const head = await readHead(file, prefix.length);
      if (head !== prefix) throw new CacheRefused(`${file} exists and is not a minutes cache; not overwritten`);
    }
    await writeFileAtomic(file, content);
  }
}

/** The first `n` bytes of a regular file (not following a link), as text. */
async function readHead(file: string, n: number): Promise<string> {
  const handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0));
  try {
    const buffer = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The parse function for buildIndex: cache first, then a worker (or this thread for small repositories). */
export function makeParser(pool: ParserPool | (() => ParserPool | undefined) | undefined, cache: ParseCache | undefined): (path: string, text: string) => Promise<MinutesDocument> {
  return makeSharedParser(pool, cache);
}
