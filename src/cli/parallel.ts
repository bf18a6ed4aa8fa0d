// The CLI's parsing on every core (worker threads that run the same bundle, see src/node/parsing.ts)
// and its cache of parsed models by content hash (`--cache`), so a second run parses only what
// changed.
import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import type { MinutesDocument } from '../core/model';
import { MODEL_VERSION, contentKey, makeParser as makeSharedParser, type ModelCache, type ParserPool } from '../node/parsing';

export { MODEL_VERSION, ParserPool, runWorkerIfAsked } from '../node/parsing';

/** Parsed models by content hash, kept in a file between runs. */
export class ParseCache implements ModelCache {
  private entries = new Map<string, MinutesDocument>();
  private used = new Set<string>();
  hits = 0;
  misses = 0;

  constructor(readonly file: string) {}

  async load(): Promise<void> {
    try {
      const data = JSON.parse(await fs.readFile(this.file, 'utf8')) as { version?: string; entries?: Record<string, MinutesDocument> };
      if (data.version === MODEL_VERSION && data.entries) this.entries = new Map(Object.entries(data.entries));
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

  /** Writes the entries this run used (others belong to files that are gone), atomically. */
  async save(): Promise<void> {
    const entries: Record<string, MinutesDocument> = {};
    for (const key of this.used) {
      const doc = this.entries.get(key);
      if (doc) entries[key] = doc;
    }
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fs.mkdir(nodePath.dirname(this.file), { recursive: true });
    await fs.writeFile(tmp, JSON.stringify({ version: MODEL_VERSION, entries }));
    await fs.rename(tmp, this.file);
  }
}

/** The parse function for buildIndex: cache first, then a worker (or this thread for small repositories). */
export function makeParser(pool: ParserPool | undefined, cache: ParseCache | undefined): (path: string, text: string) => Promise<MinutesDocument> {
  return makeSharedParser(pool, cache);
}
