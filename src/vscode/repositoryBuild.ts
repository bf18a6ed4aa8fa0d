// A build's parse cache: read only once there are minutes to parse, and only after the last build
// wrote it; written after the build, in the background.
import type * as vscode from 'vscode';
import type { BuildMetrics } from './hostMetrics';
import type { ParseCacheStore } from './platform/types';
import type { BuildRecorder } from './repositoryMetrics';

export class BuildCache {
  private ready: Promise<void> | undefined;

  /** `lastSaved`: the previous build's cache being written, when the read starts. */
  constructor(readonly store: ParseCacheStore | undefined, private readonly lastSaved: () => Promise<void>, private readonly recorder: BuildRecorder) {}

  /** Reads the cache (once); what is absent or damaged is only a miss. */
  read(): Promise<void> {
    return (this.ready ??= this.lastSaved().then(async () => {
      this.recorder.phase('reading the parse cache');
      await this.store?.load().catch(() => undefined);
      this.recorder.phase('indexing');
    }));
  }

  /** The cache's part of a build's metrics. */
  metrics(): Pick<BuildMetrics, 'cacheHits' | 'cacheEntries' | 'cacheLoadMs'> {
    return {
      cacheHits: this.store?.hits ?? 0,
      cacheEntries: this.ready ? this.store?.loaded : undefined,
      cacheLoadMs: this.ready ? this.store?.loadMs : undefined,
    };
  }

  /** Writes what the build used, when it read the cache at all; undefined when there is nothing to write. */
  save(log: (line: string) => void): Promise<void> | undefined {
    const store = this.store;
    if (!store || !this.ready) return undefined;
    return (async () => {
      try {
        await store.save();
      } catch (error) {
        log(`could not write the parse cache: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        store.release();
      }
    })();
  }
}

/** A build's progress in the window, by whole percents. */
export function progressReporter(progress: vscode.Progress<{ message?: string; increment?: number }> | undefined, onProgress: (done: number, total: number) => void): (done: number, total: number) => void {
  let reported = 0;
  return (done, total) => {
    onProgress(done, total);
    const pct = Math.floor((done / total) * 100);
    if (progress && pct > reported) {
      progress.report({ message: `${done}/${total}`, increment: pct - reported });
      reported = pct;
    }
  };
}
