// The extension host's parser threads: started when a build has files to parse, stopped when they
// have had nothing to do for a while. Without them (no thread could start), files parse here.
import * as vscode from 'vscode';
import { availableParallelism } from 'node:os';
import { ParserPool, ParseBudgetExceeded } from '../node/parsing';
import type { MinutesDocument } from '../core/model';
import type { Listing } from '../core/workspace';
import { parseMinutes } from '../core/parse';

const IDLE_MS = 30_000;

/** One thread per core but one, which stays the extension host's (at least one thread, at most 4). */
export function extensionThreads(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, 4));
}

export class ParserThreads implements vscode.Disposable {
  private pool: ParserPool | undefined;
  private failed = false;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Threads started so far (for the metrics). */
  started = 0;

  constructor(private readonly script: string | undefined, private readonly size = extensionThreads()) {}

  /** The pool, started on first use; undefined when threads are unavailable. */
  get(): ParserPool | undefined {
    this.touch();
    if (this.pool || this.failed || !this.script || this.size < 1) return this.pool;
    try {
      this.pool = new ParserPool(this.script, this.size);
      this.started += this.pool.size;
    } catch {
      this.failed = true;
    }
    return this.pool;
  }

  get threads(): number {
    return this.pool?.size ?? 0;
  }

  /** Lists a folder on a thread; undefined when there is none. */
  list(root: string, options: { under?: string; ignoreFolders: ReadonlySet<string> }): Promise<Listing> | undefined {
    return this.get()?.list(root, options);
  }

  /** Runs git on a thread; undefined when there is none. */
  git(cwd: string, args: readonly string[]): Promise<string | undefined> | undefined {
    return this.get()?.git(cwd, args);
  }

  /** Parses on a thread, or here when there is none (or it failed). */
  async parse(text: string): Promise<MinutesDocument> {
    const pool = this.get();
    // Over its time budget, a file is skipped: parsing it here would stall the extension host.
    return pool
      ? pool.parse(text).catch((error: unknown) => {
          if (error instanceof ParseBudgetExceeded) throw error;
          return parseMinutes(text);
        })
      : parseMinutes(text);
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const pool = this.pool;
      this.pool = undefined;
      void pool?.close();
    }, IDLE_MS);
    this.idleTimer.unref?.();
  }

  dispose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    void this.pool?.close();
    this.pool = undefined;
  }
}
