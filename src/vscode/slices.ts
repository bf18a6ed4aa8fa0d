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

/**
 * Whose slice ran in this turn, and who waits for one. Every slicer that yields asks for its next
 * turn at once, so two of them (the Problems panel's pass and the parse cache's write) would run
 * their slices back to back in one turn, and the host would be blocked for both. One slice a turn:
 * a slicer that finds this turn taken waits for the next, and waiting slicers go first, in order.
 */
let turnTakenBy: Slicer | undefined;
let turnRelease: Promise<void> | undefined;
const waitingForTurn: Slicer[] = [];
/** Past this many turns of waiting, a slicer runs its slice anyway (never starved, whatever the order of turns). */
const MAX_TURNS_WAITED = 8;

function takeTurn(slicer: Slicer): void {
  turnTakenBy = slicer;
  turnRelease ??= nextTurn().then(() => {
    turnTakenBy = undefined;
    turnRelease = undefined;
  });
}

export class Slicer {
  private start = performance.now();

  constructor(private readonly ms = SLICE_MS) {}

  /** True when this slice has used its time. */
  get due(): boolean {
    return performance.now() - this.start >= this.ms;
  }

  /** Callers of this slicer, one after the other: each asks once the one before has done its work. */
  private queue: Promise<void> = Promise.resolve();

  /**
   * Yields to the event loop when this slice has used its time. The next slice runs in a turn no
   * other slicer's slice ran in. Callers that share a slicer (work done for many files at once)
   * share its slice: each asks after the one before it has done its work (which runs first, as it
   * awaited first), and once the slice has no time left, the next waits for the next turn.
   */
  breathe(): Promise<void> {
    const asked = this.queue.then(() => (this.due ? this.nextSlice() : undefined));
    this.queue = asked;
    return asked;
  }

  private async nextSlice(): Promise<void> {
    // However the turns fall, no slicer waits more than a few of them: then it runs anyway.
    let waited = 0;
    for (;;) {
      await nextTurn();
      while (waited < MAX_TURNS_WAITED && ((turnTakenBy !== undefined && turnTakenBy !== this) || (waitingForTurn.length > 0 && waitingForTurn[0] !== this))) {
        if (!waitingForTurn.includes(this)) waitingForTurn.push(this);
        waited++;
        await nextTurn();
      }
      if (turnTakenBy === this && waited < MAX_TURNS_WAITED) {
        // Still marked as this slicer's turn (from its last slice, the release not yet run): its
        // slice goes on if it has time left, else it waits for the next turn like any other.
        if (!this.due) return;
        waited++;
        continue;
      }
      const place = waitingForTurn.indexOf(this);
      if (place >= 0) waitingForTurn.splice(place, 1);
      takeTurn(this);
      this.start = performance.now();
      return;
    }
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
