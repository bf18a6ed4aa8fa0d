// Parsing off the main thread, shared by the CLI and the extension: worker threads that parse files
// into the compact model, and the parse function for buildIndex that asks a cache first.
import { Worker, isMainThread, parentPort, workerData, type WorkerOptions } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { execFile } from 'node:child_process';
import { compactDocument, parseMinutes } from '../core/parse';
import type { MinutesDocument } from '../core/model';
import { contentKey, type ModelCache } from '../core/modelCache';
import type { Listing } from '../core/workspace';
import { NodeWorkspace } from './nodeWorkspace';

// The model version, the cache key and the cache interface are pure, shared with the web host.
export { MODEL_VERSION, contentKey, type ModelCache } from '../core/modelCache';

const WORKER_FLAG = 'minutes-parse-worker';

/**
 * A file to parse; or, for the extension host, a folder to list or a git command to run: off its
 * thread, since a folder listed there waits a turn per folder, and starting a process from the host
 * copies its whole memory map while the host waits.
 */
type Job = { id: number; text: string; list?: undefined; git?: undefined } | { id: number; list: ListJob; text?: undefined; git?: undefined } | { id: number; git: GitJob; text?: undefined; list?: undefined };

export interface GitJob {
  cwd: string;
  args: string[];
}

/** git as the extension runs it: fixed arguments, no shell, a time-out, bounded output, never the repository's fsmonitor program. */
export function runGit(job: GitJob): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['-c', 'core.fsmonitor=false', ...job.args], { cwd: job.cwd, timeout: 10_000, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}

interface ListJob {
  root: string;
  under?: string;
  ignoreFolders: string[];
}

/** In a worker started by {@link ParserPool}: parse (or list, or run git for) what the main thread sends. */
export function runWorkerIfAsked(): boolean {
  if (isMainThread || workerData !== WORKER_FLAG || !parentPort) return false;
  const port = parentPort;
  // The budget of the first file starts when the thread can parse, not while it loads.
  port.postMessage({ ready: true });
  // One job at a time, answered in the order sent: the pool takes each answer as that of the first
  // job it is waiting for, and runs that job's time budget alone. A listing or git waits for its
  // answer before the next job starts.
  const jobs: Job[] = [];
  let running = false;
  const runAll = async () => {
    if (running) return;
    running = true;
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      const answer = await answerOf(job).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
      port.postMessage({ id: job.id, ...answer });
    }
    running = false;
  };
  port.on('message', (job: Job) => {
    jobs.push(job);
    void runAll();
  });
  return true;
}

async function answerOf(job: Job): Promise<{ json: string }> {
  if (job.git) return { json: JSON.stringify((await runGit(job.git)) ?? null) };
  if (job.list) {
    const { root, under, ignoreFolders } = job.list;
    return { json: JSON.stringify(await new NodeWorkspace(root).list({ under, ignoreFolders: new Set(ignoreFolders) })) };
  }
  // As JSON: a string crosses threads as one copy, and JSON.parse on the other side builds
  // compact objects and flat strings (a structured clone costs more and keeps less compact).
  return { json: JSON.stringify(parseMinutes(job.text)) };
}

/** As many parser threads as cores (at most 8). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/**
 * How long one file may take to parse. Minutes parse in milliseconds; some Markdown shapes make the
 * parser quadratic or worse (long runs of emphasis markers, brackets, setext underlines), and a
 * repository can commit such a file. Past this the file is skipped with the reason, and its thread
 * is stopped and replaced.
 */
export const PARSE_BUDGET_MS = budgetFromEnvironment() ?? 5000;

/** `MINUTES_PARSE_BUDGET_MS` (the user's environment, not the repository's) can change the budget. */
function budgetFromEnvironment(): number | undefined {
  const value = Number(process.env.MINUTES_PARSE_BUDGET_MS);
  return Number.isFinite(value) && value >= 100 && value <= 600_000 ? value : undefined;
}

/** How long a listing on a parser thread may take before the caller lists by itself instead. */
export const LIST_BUDGET_MS = 30_000;

/** git's own time-out is 10 s; past this its thread is replaced. */
const GIT_BUDGET_MS = 15_000;

/** A file that took longer than its parse budget: skipped, with the reason. */
export class ParseBudgetExceeded extends Error {
  /** The reason buildIndex gives for the skipped file. */
  readonly skipReason: string;
  constructor(ms: number) {
    super(`parsing took longer than ${ms / 1000} s`);
    this.skipReason = `took longer than ${ms / 1000} s to parse (Markdown that makes the parser slow); not indexed`;
  }
}

interface Pending {
  id: number;
  text?: string;
  list?: ListJob;
  git?: GitJob;
  /** This job's own budget (a listing may take longer than a file's parse). */
  budgetMs?: number;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/** One parser thread and the files sent to it, in the order it parses them. */
interface Slot {
  worker: Worker;
  /** The thread has loaded and said so: the clock of its first file runs from then. */
  ready: boolean;
  /** The thread ended (crashed, or was stopped): files sent to it now fail at once, never wait. */
  dead?: Error;
  queue: Pending[];
  timer?: ReturnType<typeof setTimeout>;
}

export class ParserPool {
  private readonly slots: Slot[] = [];
  private next = 0;
  private closed = false;

  /** `script` is a bundle that calls {@link runWorkerIfAsked} when it starts. */
  constructor(
    private readonly script: string,
    size = defaultThreads(),
    readonly budgetMs = PARSE_BUDGET_MS,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.start());
  }

  private start(): Slot {
    // Options without a prototype: even a polluted Object.prototype (execArgv, eval, env…) could not
    // reach the thread's options (a second wall behind the cache's schema check).
    const options = Object.assign(Object.create(null) as WorkerOptions, { workerData: WORKER_FLAG });
    const worker = new Worker(this.script, options);
    const slot: Slot = { worker, ready: false, queue: [] };
    worker.on('message', (m: { id: number; json?: string; error?: string; ready?: boolean }) => {
      if (m.ready) {
        slot.ready = true;
        this.startClock(slot);
        return;
      }
      const p = slot.queue[0];
      if (!p || p.id !== m.id) return;
      slot.queue.shift();
      this.startClock(slot);
      if (m.json === undefined) p.reject(new Error(m.error ?? 'the parser failed'));
      else if (p.list || p.git) p.resolve(JSON.parse(m.json));
      else p.resolve(compactDocument(JSON.parse(m.json) as MinutesDocument));
    });
    worker.on('error', (error) => this.fail(slot, error));
    // A thread that ends without an error event still owes its answers.
    worker.on('exit', (code) => {
      slot.dead = new Error(`a parser thread stopped (exit code ${code})`);
      this.fail(slot, slot.dead);
    });
    return slot;
  }

  /** The budget of the file the thread parses now (the first of its queue). */
  private startClock(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    const current = slot.queue[0];
    if (!current || this.closed || !slot.ready) return;
    slot.timer = setTimeout(() => this.overBudget(slot, current), current.budgetMs ?? this.budgetMs);
    slot.timer.unref?.();
  }

  /** Stops the thread stuck on `current`, skips that file, and gives the rest of its queue to a new thread. */
  private overBudget(slot: Slot, current: Pending): void {
    if (slot.queue[0] !== current) return;
    const rest = slot.queue.slice(1);
    slot.queue = [];
    slot.timer = undefined;
    slot.worker.removeAllListeners('exit');
    slot.worker.removeAllListeners('error');
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const fresh = this.start();
    this.slots[index] = fresh;
    current.reject(current.text === undefined ? new Error(`took longer than ${(current.budgetMs ?? this.budgetMs) / 1000} s`) : new ParseBudgetExceeded(this.budgetMs));
    for (const p of rest) this.send(fresh, p);
  }

  private fail(slot: Slot, error: Error): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    const queue = slot.queue;
    slot.queue = [];
    for (const p of queue) p.reject(error);
  }

  private send(slot: Slot, p: Pending): void {
    if (slot.dead) {
      p.reject(slot.dead);
      return;
    }
    slot.queue.push(p);
    slot.worker.postMessage((p.list ? { id: p.id, list: p.list } : p.git ? { id: p.id, git: p.git } : { id: p.id, text: p.text ?? '' }) satisfies Job);
    if (slot.queue.length === 1) this.startClock(slot);
  }

  get size(): number {
    return this.slots.length;
  }

  parse(text: string): Promise<MinutesDocument> {
    return new Promise((resolve, reject) => this.send(this.leastBusy(), { id: this.next++, text, resolve: resolve as (result: unknown) => void, reject }));
  }

  /**
   * Lists the folder `root` (below `under`) with Node's file system on a thread: what
   * {@link NodeWorkspace.list} gives, without a turn of this thread per folder.
   */
  list(root: string, options: { under?: string; ignoreFolders: Iterable<string> }, budgetMs = LIST_BUDGET_MS): Promise<Listing> {
    const list: ListJob = { root, under: options.under, ignoreFolders: [...options.ignoreFolders] };
    return new Promise((resolve, reject) => this.send(this.leastBusy(), { id: this.next++, list, budgetMs, resolve: resolve as (result: unknown) => void, reject }));
  }

  /** Runs git on a thread (see {@link runGit}): its standard output, or undefined when it failed. */
  git(cwd: string, args: readonly string[]): Promise<string | undefined> {
    const git: GitJob = { cwd, args: [...args] };
    return new Promise<unknown>((resolve, reject) => this.send(this.leastBusy(), { id: this.next++, git, budgetMs: GIT_BUDGET_MS, resolve, reject })).then((out) =>
      typeof out === 'string' ? out : undefined,
    );
  }

  private leastBusy(): Slot {
    let w = 0;
    for (let i = 1; i < this.slots.length; i++) if (this.slots[i].queue.length < this.slots[w].queue.length) w = i;
    return this.slots[w];
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.slots) if (slot.timer) clearTimeout(slot.timer);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
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
    // A parser thread that crashed is no reason to skip the file: parse it here instead. A file
    // over its parse budget is skipped (parsing it here would stall this thread just the same).
    const doc = p
      ? await p.parse(text).catch((error: unknown) => {
          if (error instanceof ParseBudgetExceeded) throw error;
          return parseMinutes(text);
        })
      : parseMinutes(text);
    cache?.store(key, doc);
    return doc;
  };
}
