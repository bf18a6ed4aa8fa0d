// Parsing on every core: worker threads that run the same bundle and parse files into the compact
// model, and a cache of parsed models by content hash (`--cache`), so a second run parses only what
// changed.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { parseMinutes, hash64 } from '../core/parse';
import type { MinutesDocument } from '../core/model';

const WORKER_FLAG = 'minutes-parse-worker';
/** Bump when the model or the parser changes what it produces: old caches are then ignored. */
export const MODEL_VERSION = 'model-11';

interface Job {
  id: number;
  text: string;
}

/** In a worker started by {@link ParserPool}: parse what the main thread sends. */
export function runWorkerIfAsked(): boolean {
  if (isMainThread || workerData !== WORKER_FLAG || !parentPort) return false;
  const port = parentPort;
  port.on('message', (job: Job) => {
    try {
      port.postMessage({ id: job.id, doc: parseMinutes(job.text) });
    } catch (error) {
      port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  return true;
}

export class ParserPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (doc: MinutesDocument) => void; reject: (error: Error) => void }>();
  private next = 0;
  private turn = 0;

  constructor(script: string, size = Math.max(1, Math.min(availableParallelism(), 8))) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: WORKER_FLAG });
      worker.on('message', (m: { id: number; doc?: MinutesDocument; error?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.doc) p.resolve(m.doc);
        else p.reject(new Error(m.error ?? 'the parser failed'));
      });
      worker.on('error', (error) => this.failAll(error));
      // A thread that ends without an error event still owes its answers.
      worker.on('exit', (code) => this.failAll(new Error(`a parser thread stopped (exit code ${code})`)));
      this.workers.push(worker);
    }
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  parse(text: string): Promise<MinutesDocument> {
    const id = this.next++;
    const worker = this.workers[this.turn++ % this.workers.length];
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, text } satisfies Job);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Parsed models by content hash, kept in a file between runs. */
export class ParseCache {
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
    const key = hash64(text) + ':' + text.length;
    const doc = this.entries.get(key);
    if (doc) this.hits++;
    else this.misses++;
    this.used.add(key);
    return { key, doc };
  }

  set(key: string, doc: MinutesDocument): void {
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
  return async (_path, text) => {
    const cached = cache?.get(text);
    if (cached?.doc) return cached.doc;
    // A parser thread that crashed is no reason to skip the file: parse it here instead.
    const doc = pool ? await pool.parse(text).catch(() => parseMinutes(text)) : parseMinutes(text);
    if (cached) cache!.set(cached.key, doc);
    return doc;
  };
}
