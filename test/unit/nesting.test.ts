// The nesting guard: a file whose lines start with more than MAX_NESTING list or quote markers is
// not parsed (the parser's cost grows with the square of the depth). It runs on every file read,
// cached or not, so it passes over ordinary lines after a few characters; these tests hold it to
// the plain marker-by-marker count it replaced.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_NESTING, nestsDeeperThan } from '../../src/core/build';

/** The most markers any line starts with, counted marker by marker on every line. */
function deepestByCount(text: string, max: number): number {
  let deepest = 0;
  const marker = /^(?:[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?:[ \t]+|$))+/;
  for (const line of text.split('\n')) {
    const m = marker.exec(line.slice(0, 8 * (max + 1)));
    if (m) deepest = Math.max(deepest, (m[0].match(/[-*+>]|\d{1,9}[.)]/g) ?? []).length);
  }
  return deepest;
}

describe('nesting guard', () => {
  it('says deeper than the limit exactly when a line has one marker more', () => {
    for (const unit of ['- ', '* ', '+ ', '> ', '1. ', '12) ', '-\t', ' > ']) {
      const at = unit.repeat(MAX_NESTING);
      assert.equal(nestsDeeperThan(`# Title\n\n${at}item\n`, MAX_NESTING), false, JSON.stringify(unit));
      assert.equal(nestsDeeperThan(`# Title\n\n${at}${unit}item\n`, MAX_NESTING), true, JSON.stringify(unit));
      // The last marker may end the line (and the file).
      assert.equal(nestsDeeperThan(`${at}${unit.trimEnd()}`, MAX_NESTING), true, JSON.stringify(unit));
    }
    assert.equal(nestsDeeperThan('- a\n'.repeat(10_000), MAX_NESTING), false);
    assert.equal(nestsDeeperThan(`${' '.repeat(5_000)}- a`, MAX_NESTING), false);
  });

  it('agrees with the marker-by-marker count on any text of marker characters', () => {
    const piece = fc.constantFrom('- ', '* ', '+ ', '> ', '>', '1. ', '1)', '123456789. ', '1234567890. ', ' ', '\t', '\n', 'a', '-', '.', ')', '\r\n');
    for (const max of [1, 3, 10]) {
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
          const text = pieces.join('');
          assert.equal(nestsDeeperThan(text, max), deepestByCount(text, max) > max, JSON.stringify(text));
        }),
        { seed: 7, numRuns: 3000 },
      );
    }
  });
});
