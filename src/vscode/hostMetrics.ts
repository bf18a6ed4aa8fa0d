// What the extension measures about itself: activation, each index build, and (when asked with
// MINUTES_LAG_MONITOR=1) the longest stretches the extension host's event loop was blocked.
import type { LagMonitor, Stretch } from '../node/lagMonitor';

export type { Stretch };

export interface ActivationMetrics {
  /** From the first to the last line of the bundle: evaluating the extension's code. */
  moduleEvalMs?: number;
  /** From the first line of the bundle to the start of activate(): evaluation, then VS Code preparing the extension context. */
  loadMs?: number;
  /** The activate() call itself. */
  activateMs: number;
}

export interface BuildMetrics {
  folder: string;
  /** no-minutes, ready, failed or cancelled */
  outcome: string;
  markdownFiles: number;
  /** Files the parser read (the rest came from the parse cache). */
  parsed: number;
  cacheHits: number;
  /** Entries the workspace-storage cache held when the build started (undefined: no cache). */
  cacheEntries?: number;
  cacheLoadMs?: number;
  parserThreads: number;
  /** Listing, reading and parsing, until the index was complete. */
  indexMs: number;
  /** From the start of the first build to the end of listing the folder (every file's path known). */
  listedMs?: number;
  /** Visible minutes editors checked from the listing before the index was built (the open file first). */
  openFiles?: number;
  /** From the start of the build to their findings being handed to the Problems panel. */
  openFilesMs?: number;
  /** From the start of the build to the end of the first full diagnostics pass after it. */
  diagnosticsDoneMs?: number;
  startedAt: number;
}

export class HostMetrics {
  activation: ActivationMetrics | undefined;
  readonly builds: BuildMetrics[] = [];

  /** The event-loop monitor, when the platform has one and it was asked for (started by its owner). */
  constructor(readonly lag?: LagMonitor) {}

  set phase(phase: string) {
    if (this.lag) this.lag.phase = phase;
  }

  dispose(): void {
    this.lag?.stop();
  }
}
