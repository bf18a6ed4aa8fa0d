// Long work on the extension host in slices: it gives the event loop a turn every few milliseconds.
// Node's and the web worker's globals only (`performance`, and setImmediate or a message channel).

export const SLICE_MS = 12;

/** A macrotask turn: setImmediate in Node; in a web worker a message to itself (timers are clamped to 4 ms there). */
export function nextTurn(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    // The web's MessagePort (Node's typings describe Node's own).
    const port = channel.port1 as unknown as { onmessage: (() => void) | null; close(): void };
    port.onmessage = () => {
      port.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
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

/** Runs at most `limit` tasks at a time; the others wait their turn in order. */
export class Limiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => PromiseLike<T>): Promise<T> {
    // A finished task hands its place straight to the next in line.
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
