// The limiter the listing reads folders with: never more at once than its limit, each in its turn,
// and a failed task gives its place back.
import * as assert from 'node:assert/strict';
import { Limiter } from '../../src/vscode/slices';

describe('Limiter', () => {
  it('runs at most its limit at once, and starts the others in the order they came', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (n: number) => limiter.run(async () => {
      started.push(n);
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5 + (n % 3)));
      running--;
      return n * 10;
    });
    const results = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(task));
    assert.deepEqual(results, [10, 20, 30, 40, 50, 60, 70]);
    assert.equal(most, 2);
    assert.deepEqual(started, [1, 2, 3, 4, 5, 6, 7]);
  });

  it('gives the place of a failed task to the next', async () => {
    const limiter = new Limiter(1);
    const failed = limiter.run(async () => {
      throw new Error('unreadable folder');
    });
    const next = limiter.run(async () => 'read');
    await assert.rejects(failed, /unreadable folder/);
    assert.equal(await next, 'read');
    assert.equal(await limiter.run(async () => 'and the one after'), 'and the one after');
  });
});
