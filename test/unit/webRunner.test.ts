// The web suite's own runner and assertions (test/suite/web/): mocha's meaning for what the shared
// feature tests use, so a test that fails in the web worker host is counted as failed.
import * as nodeAssert from 'node:assert/strict';
import * as webAssert from '../suite/web/assert';
import { bdd, runAll } from '../suite/web/bdd';

describe('web suite runner', () => {
  it('counts passes, failures, skips, timeouts and a failed before hook as mocha does', async () => {
    const order: string[] = [];
    bdd.describe('outer', () => {
      bdd.beforeEach(() => void order.push('beforeEach'));
      bdd.afterEach(() => void order.push('afterEach'));
      bdd.it('passes', async () => void order.push('passes'));
      bdd.it('fails', () => {
        throw new Error('boom');
      });
      bdd.it('skips itself', function () {
        this.skip();
      });
      bdd.it('times out', async function () {
        this.timeout(20);
        await new Promise((r) => setTimeout(r, 200));
      });
      bdd.it.skip('is pending');
      bdd.describe('inner with a failing before', () => {
        bdd.before(() => {
          throw new Error('no setup');
        });
        bdd.it('a', () => undefined);
        bdd.it('b', () => undefined);
      });
    });
    bdd.describe('not picked', () => bdd.it('never runs', () => void order.push('never')));
    const lines: string[] = [];
    const results = await runAll((l) => lines.push(l), 1000, (title) => title === 'outer');
    nodeAssert.equal(results.passed, 1);
    nodeAssert.equal(results.failed, 4, JSON.stringify(results.failures.map((f) => f.title)));
    nodeAssert.equal(results.pending, 2);
    nodeAssert.deepEqual(results.failures.map((f) => f.title), ['outer fails', 'outer times out', 'outer inner with a failing before "before all" hook (2 tests not run)']);
    nodeAssert.match(results.failures[1].error, /timed out after 20 ms/);
    nodeAssert.deepEqual(order.slice(0, 3), ['beforeEach', 'passes', 'afterEach']);
    nodeAssert.ok(!order.includes('never'));
  });
});

describe('web suite assertions', () => {
  it('mean what node:assert/strict means', () => {
    webAssert.equal(1, 1);
    webAssert.equal(NaN, NaN);
    nodeAssert.throws(() => webAssert.equal(1, '1'), /expected "1", got 1/);
    webAssert.deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] });
    nodeAssert.throws(() => webAssert.deepEqual({ a: 1 }, { a: 1, b: undefined }));
    nodeAssert.throws(() => webAssert.deepEqual([1, 2], { 0: 1, 1: 2 }));
    nodeAssert.throws(() => webAssert.ok(0, 'zero'), /zero/);
    webAssert.match('abc', /b/);
    nodeAssert.throws(() => webAssert.match('abc', /d/));
    webAssert.doesNotMatch('abc', /d/);
    webAssert.notEqual(1, 2);
    nodeAssert.throws(() => webAssert.notEqual(1, 1));
  });
});
