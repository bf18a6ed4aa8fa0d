// The extension host's event-loop monitor (MINUTES_LAG_MONITOR=1): Node's perf_hooks, so only the
// Node entry uses it; the web host has no such measure.
import { PerformanceObserver, monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';

/** A stretch the event loop was blocked. */
export interface Stretch {
  ms: number;
  /** What the extension was doing when it ended. */
  phase: string;
  /** performance.now() at its end. */
  at: number;
  /** Its end on the monotonic clock in microseconds (process.hrtime), the clock of a V8 CPU profile's samples. */
  endUs: number;
}

/** How many of the longest stretches are kept. */
const KEPT = 40;

/** Samples the event loop every few milliseconds; a late tick is a blocking stretch. */
export class LagMonitor {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private histogram: IntervalHistogram | undefined;
  private last = 0;
  private gcObserver: PerformanceObserver | undefined;
  /** Garbage collection pauses of this thread: the longest, and their total. */
  gc = { longestMs: 0, totalMs: 0, count: 0 };
  /** The longest stretches seen since the last reset, longest first (at most {@link KEPT}). */
  stretches: Stretch[] = [];
  phase = 'idle';
  /** Writes the CPU profile taken beside this monitor, if one is (MINUTES_CPU_PROFILE). */
  stopProfile: () => void = () => undefined;

  constructor(private readonly intervalMs = 2) {}

  start(): void {
    if (this.timer) return;
    this.histogram = monitorEventLoopDelay({ resolution: 5 });
    this.histogram.enable();
    try {
      this.gcObserver = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          this.gc.count++;
          this.gc.totalMs += e.duration;
          this.gc.longestMs = Math.max(this.gc.longestMs, e.duration);
        }
      });
      this.gcObserver.observe({ entryTypes: ['gc'] });
    } catch {
      // No GC entries here: the stretches are still measured.
    }
    this.last = performance.now();
    const tick = () => {
      const now = performance.now();
      const blocked = now - this.last - this.intervalMs;
      if (blocked > 5) this.note({ ms: Math.round(blocked * 10) / 10, phase: this.phase, at: now, endUs: Number(process.hrtime.bigint() / 1000n) });
      this.last = now;
      this.timer = setTimeout(tick, this.intervalMs);
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  private note(s: Stretch): void {
    if (this.stretches.length >= KEPT && s.ms <= this.stretches[this.stretches.length - 1].ms) return;
    this.stretches.push(s);
    this.stretches.sort((a, b) => b.ms - a.ms);
    this.stretches.length = Math.min(this.stretches.length, KEPT);
  }

  /** The longest blocking stretch since the last reset, and Node's own event-loop delay maximum. */
  snapshot(): { longestMs: number; eventLoopDelayMaxMs: number; stretches: Stretch[]; gc: { longestMs: number; totalMs: number; count: number } } {
    return {
      gc: { longestMs: Math.round(this.gc.longestMs * 10) / 10, totalMs: Math.round(this.gc.totalMs), count: this.gc.count },
      longestMs: this.stretches[0]?.ms ?? 0,
      eventLoopDelayMaxMs: this.histogram ? Math.round(this.histogram.max / 1e5) / 10 : 0,
      stretches: [...this.stretches],
    };
  }

  reset(): void {
    this.stretches = [];
    this.histogram?.reset();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.histogram?.disable();
    this.gcObserver?.disconnect();
  }
}
