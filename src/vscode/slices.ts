// Long work on the extension host in slices: it gives the event loop a turn every few milliseconds.
import { performance } from 'node:perf_hooks';

export const SLICE_MS = 12;

export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class Slicer {
  private start = performance.now();

  constructor(private readonly ms = SLICE_MS) {}

  /** True when this slice has used its time. */
  get due(): boolean {
    return performance.now() - this.start >= this.ms;
  }

  /** Yields to the event loop when this slice has used its time. */
  async breathe(): Promise<void> {
    if (!this.due) return;
    await nextTurn();
    this.start = performance.now();
  }
}
