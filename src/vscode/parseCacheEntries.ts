// What the Node and the web parse caches share: the entries of one workspace folder's cache (parsed
// models by content key and model version), looked up and stored during a build, and written back
// as lines (`key<TAB>model JSON`) after it. Where and how the lines are kept (a gzip file on disk,
// a file through workspace.fs) is the storage back end's business.
import type { MinutesDocument } from '../core/model';
import { decodeModel, encodeModel } from '../node/modelJson';
import { Slicer } from './slices';
import type { ParseCacheStore } from './platform/types';

/** Where a cache's lines are kept. `E` is an entry's stored form (bytes or text) until a file asks for it. */
export interface ParseCacheStorage<E> {
  /** The first line of the cache: its format and model version. */
  readonly header: string;
  /**
   * Reads the entries, handing each to `add`; false when there is nothing to read (absent, foreign
   * format), true when it was read (up to where it was damaged, if it was).
   */
  read(add: (key: string, entry: E) => void): Promise<boolean>;
  /** An entry's model JSON. */
  text(entry: E): string;
  /** Replaces the cache with these lines, atomically. */
  write(lines: AsyncIterable<string>): Promise<void>;
}

export class ParseCacheEntries<E> implements ParseCacheStore {
  /** Entries read from storage, in their stored form, parsed only when a file asks for them. */
  private readonly stored = new Map<string, E>();
  /** What this build used: kept entries (their JSON text) and new models. */
  private readonly used = new Map<string, string | MinutesDocument>();
  hits = 0;
  misses = 0;
  loaded = 0;
  loadMs = 0;

  constructor(private readonly storage: ParseCacheStorage<E>) {}

  /** Reads the cache; an absent, foreign or damaged one just means fewer hits. */
  async load(): Promise<void> {
    const started = Date.now();
    if (!(await this.storage.read((key, entry) => this.stored.set(key, entry)))) return;
    this.loaded = this.stored.size;
    this.loadMs = Date.now() - started;
  }

  lookup(key: string): MinutesDocument | undefined {
    // Files with the same content share an entry: the second one finds it among the used.
    const stored = this.stored.get(key);
    const entry = stored !== undefined ? this.storage.text(stored) : this.used.get(key);
    // A damaged line: parse the file again.
    const doc = typeof entry === 'string' ? decodeModel(entry) : entry;
    if (!doc) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    if (this.stored.delete(key)) this.used.set(key, entry!);
    return doc;
  }

  store(key: string, doc: MinutesDocument): void {
    this.used.set(key, doc);
  }

  /** True when the stored cache holds exactly what this build used. */
  get unchanged(): boolean {
    return this.misses === 0 && this.stored.size === 0 && this.loaded > 0;
  }

  /** Writes what this build used (entries of files that are gone are dropped). */
  async save(): Promise<void> {
    this.stored.clear();
    if (this.unchanged) return;
    await this.storage.write(this.lines());
  }

  /** The header, then one line per entry, in slices. */
  private async *lines(): AsyncGenerator<string> {
    const slicer = new Slicer();
    yield this.storage.header + '\n';
    for (const [key, entry] of this.used) {
      yield key + '\t' + (typeof entry === 'string' ? entry : encodeModel(entry)) + '\n';
      await slicer.breathe();
    }
  }

  /** Forgets everything (after saving), so the models are not held twice. */
  release(): void {
    this.stored.clear();
    this.used.clear();
  }
}
