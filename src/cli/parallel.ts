// The CLI's parsing on every core (worker threads that run the same bundle, see src/node/parsing.ts)
// and its cache of parsed models by content hash (`--cache`), so a second run parses only what
// changed.
import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import type { MinutesDocument } from '../core/model';
import { MODEL_VERSION, contentKey, makeParser as makeSharedParser, type ModelCache, type ParserPool } from '../node/parsing';

import { fromEncoded, toEncoded } from '../node/modelJson';

export { MODEL_VERSION, ParserPool, runWorkerIfAsked } from '../node/parsing';

/** The model version, and how models are written (with their shared objects listed). */
const CACHE_VERSION = `${MODEL_VERSION}/shared-2`;

/** Parsed models by content hash, kept in a file between runs. */
export class ParseCache implements ModelCache {
  private entries = new Map<string, MinutesDocument>();
  private used = new Set<string>();
  private loaded = 0;
  hits = 0;
  misses = 0;

  constructor(readonly file: string) {}

  async load(): Promise<void> {
    try {
      const data = JSON.parse(await fs.readFile(this.file, 'utf8')) as { version?: string; entries?: Record<string, unknown> };
      if (data.version !== CACHE_VERSION || !data.entries) return;
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
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fs.mkdir(nodePath.dirname(this.file), { recursive: true });
    await fs.writeFile(tmp, JSON.stringify({ version: CACHE_VERSION, entries }));
    await fs.rename(tmp, this.file);
  }
}

/** The parse function for buildIndex: cache first, then a worker (or this thread for small repositories). */
export function makeParser(pool: ParserPool | (() => ParserPool | undefined) | undefined, cache: ParseCache | undefined): (path: string, text: string) => Promise<MinutesDocument> {
  return makeSharedParser(pool, cache);
}
