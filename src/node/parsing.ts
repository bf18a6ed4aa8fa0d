// Parsing off the main thread, shared by the CLI and the extension: worker threads that parse files
// into the compact model, and the parse function for buildIndex that asks a cache first.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { compactDocument, parseMinutes } from '../core/parse';
import type { MinutesDocument } from '../core/model';
import { contentKey, type ModelCache } from '../core/modelCache';

// The model version, the cache key and the cache interface are pure, shared with the web host.
export { MODEL_VERSION, contentKey, type ModelCache } from '../core/modelCache';

const WORKER_FLAG = 'minutes-parse-worker';

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
      // As JSON: a string crosses threads as one copy, and JSON.parse on the other side builds
      // compact objects and flat strings (a structured clone costs more and keeps less compact).
      port.postMessage({ id: job.id, json: JSON.stringify(parseMinutes(job.text)) });
    } catch (error) {
      port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  return true;
}

/** As many parser threads as cores (at most 8). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

export class ParserPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (doc: MinutesDocument) => void; reject: (error: Error) => void; worker: number }>();
  /** Files sent to each thread and not answered yet: the next goes to the least busy one. */
  private readonly load: number[] = [];
  private next = 0;

  /** `script` is a bundle that calls {@link runWorkerIfAsked} when it starts. */
  constructor(script: string, size = defaultThreads()) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: WORKER_FLAG });
      this.load.push(0);
      worker.on('message', (m: { id: number; json?: string; error?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        this.load[p.worker]--;
        if (m.json !== undefined) p.resolve(compactDocument(JSON.parse(m.json) as MinutesDocument));
        else p.reject(new Error(m.error ?? 'the parser failed'));
      });
      worker.on('error', (error) => this.failAll(error));
      // A thread that ends without an error event still owes its answers.
      worker.on('exit', (code) => this.failAll(new Error(`a parser thread stopped (exit code ${code})`)));
      this.workers.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    this.load.fill(0);
  }

  parse(text: string): Promise<MinutesDocument> {
    const id = this.next++;
    let w = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i] < this.load[w]) w = i;
    this.load[w]++;
    const worker = this.workers[w];
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: w });
      worker.postMessage({ id, text } satisfies Job);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The parse function for buildIndex: cache first, then a worker (or this thread without a pool). */
export function makeParser(
  pool: ParserPool | (() => ParserPool | undefined) | undefined,
  cache: ModelCache | undefined,
  onParsed?: (path: string) => void,
): (path: string, text: string) => Promise<MinutesDocument> {
  return async (path, text) => {
    const key = cache ? contentKey(text) : '';
    const cached = cache?.lookup(key);
    if (cached) return cached;
    onParsed?.(path);
    const p = typeof pool === 'function' ? pool() : pool;
    // A parser thread that crashed is no reason to skip the file: parse it here instead.
    const doc = p ? await p.parse(text).catch(() => parseMinutes(text)) : parseMinutes(text);
    cache?.store(key, doc);
    return doc;
  };
}
