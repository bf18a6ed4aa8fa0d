// Background work on the extension host runs in slices of a few milliseconds. Two such jobs at
// once (the Problems panel's pass and the parse cache's write) must not run a slice each in the same
// event-loop turn: the host would be blocked for both.
import * as assert from 'node:assert/strict';
import { Slicer } from '../../src/vscode/slices';

/** Busy for `ms`: one unit of work longer than a slice, so the slicer yields after each. */
function work(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy
  }
}

/** Counts event-loop turns: a timer that runs once in every turn's timers phase. */
function turnCounter(): { now(): number; stop(): void } {
  let turns = 0;
  let timer: ReturnType<typeof setTimeout>;
  const tick = () => {
    turns++;
    timer = setTimeout(tick, 0);
  };
  timer = setTimeout(tick, 0);
  return { now: () => turns, stop: () => clearTimeout(timer) };
}

describe('slices', () => {
  it('two slicers never run a slice in the same turn, and take turns', async () => {
    const turns = turnCounter();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Started in a check phase, where a slicer's turns begin (see below).
    await new Promise((resolve) => setImmediate(resolve));
    const slices: Array<{ who: string; turn: number }> = [];
    const job = async (who: string, units: number) => {
      const slicer = new Slicer(12);
      for (let i = 0; i < units; i++) {
        slices.push({ who, turn: turns.now() });
        work(14);
        await slicer.breathe();
      }
    };
    await Promise.all([job('problems', 8), job('cache', 8), job('listing', 4)]);
    turns.stop();
    // The first slice of each starts in the turn that started them all; after that, one slice a turn.
    const later = slices.slice(3);
    const byTurn = new Map<number, string[]>();
    for (const s of later) byTurn.set(s.turn, [...(byTurn.get(s.turn) ?? []), s.who]);
    const crowded = [...byTurn].filter(([, who]) => who.length > 1);
    assert.deepEqual(crowded, [], `slices that ran in the same turn: ${JSON.stringify(crowded)}`);
    // Nobody waits for another to finish: the slices of the two long jobs alternate.
    const order = later.filter((s) => s.who !== 'listing').map((s) => s.who[0]).join('');
    assert.ok(!/(p{3}|c{3})/.test(order.slice(0, 10)), order);
    assert.equal(slices.length, 20);
  });

  it('callers that share a slicer share its slice: no more work in a turn than a slice holds', async () => {
    const turns = turnCounter();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // As the index's build does: files read together each take their model in the same turn.
    const slicer = new Slicer(12);
    const unitsByTurn = new Map<number, number>();
    // The reads finish in one turn's check phase, as a slicer's turns begin: a slice begun in the
    // timers phase would be followed by the next one in the same loop iteration's check phase.
    let open!: () => void;
    const read = new Promise<void>((resolve) => (open = resolve));
    setImmediate(open);
    await Promise.all(
      Array.from({ length: 30 }, async () => {
        await read;
        await slicer.breathe();
        unitsByTurn.set(turns.now(), (unitsByTurn.get(turns.now()) ?? 0) + 1);
        work(3);
      }),
    );
    turns.stop();
    const most = Math.max(...unitsByTurn.values());
    // A slice of 12 ms holds four units of 3 ms, and the one that finds it used up: five at most.
    assert.ok(most <= 5, `${most} units of 3 ms in one turn: ${JSON.stringify([...unitsByTurn])}`);
    assert.equal([...unitsByTurn.values()].reduce((a, b) => a + b, 0), 30);
  });

  it('one slicer alone yields once per slice and waits no extra turn', async () => {
    const slicer = new Slicer(5);
    // Counts check phases: an immediate that queues the next one runs once in every turn.
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    for (let i = 0; i < 10; i++) {
      work(6);
      await slicer.breathe();
    }
    counting = false;
    assert.ok(turns <= 11, `${turns} turns for 10 slices`);
  });
});
