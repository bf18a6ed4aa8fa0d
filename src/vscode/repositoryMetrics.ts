// A repository's build metrics: what each build did (files parsed, cache hits, times), recorded in
// the window's HostMetrics, and what happened after it (its open files' and all files' problems).
import type { BuildMetrics, HostMetrics } from './hostMetrics';

export class BuildRecorder {
  /** What the last finished build did. */
  private finished: BuildMetrics | undefined;
  /** The build under way. */
  private current: BuildMetrics | undefined;

  constructor(private readonly folder: string, private readonly metrics?: HostMetrics) {}

  /** What the last finished build did (files parsed, cache hits, times). */
  get last(): BuildMetrics | undefined {
    return this.finished;
  }

  /** A new build's metrics, cancelled until it says otherwise. */
  start(startedAt: number): BuildMetrics {
    return { folder: this.folder, outcome: 'cancelled', markdownFiles: 0, parsed: 0, cacheHits: 0, parserThreads: 0, indexMs: 0, startedAt };
  }

  /** The build whose metrics the next notes go to. */
  building(metric: BuildMetrics): void {
    this.current = metric;
  }

  /** What the extension host is doing, for the event-loop monitor. */
  phase(name: string): void {
    if (this.metrics) this.metrics.phase = `${this.folder}: ${name}`;
  }

  /** The folder is listed (the first build's): every file's path is known. */
  listed(now = Date.now()): void {
    if (this.current) this.current.listedMs = now - this.current.startedAt;
  }

  /** The visible editors' files were checked from the listing, before the index. */
  openFilesChecked(count: number): void {
    if (this.current) this.current.openFiles = count;
  }

  /** Their findings were handed to the Problems panel (the first time counts). */
  openFilesPublished(now = Date.now()): void {
    const build = this.current;
    if (build && build.openFilesMs === undefined) build.openFilesMs = now - build.startedAt;
  }

  /** A build ended (ready, no minutes, failed). */
  record(metric: BuildMetrics): void {
    this.finished = metric;
    this.metrics?.builds.push(metric);
  }

  /** The first full pass of the Problems panel after the last build is done. */
  diagnosticsDone(now = Date.now()): void {
    const build = this.finished;
    if (build && build.diagnosticsDoneMs === undefined) build.diagnosticsDoneMs = now - build.startedAt;
  }
}
