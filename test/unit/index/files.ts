// Indexed files for the parts' tests: a path and its text, parsed as the index would.
import { parseMinutes } from '../../../src/core/parse';
import { parseFileName } from '../../../src/core/paths';
import type { IndexedFile } from '../../../src/core/index/part';

export function fileOf(path: string, text: string): IndexedFile {
  return { path, name: parseFileName(path), doc: parseMinutes(text), targets: [] };
}

/** The paths a part answered with, sorted (an answer may be a live set: copied at once). */
export function sorted(paths: Iterable<string> | void): string[] {
  return paths ? [...paths].sort() : [];
}
