// A stand-in for src/core/parse.ts inside the in-core benchmark only (the bundler swaps it in for
// index.ts's `./parse` import; src/ is untouched). While `memo.enabled` is off, parseMinutes IS the
// real one. While it is on (only while the N-copies index is being built), a copy's file is parsed
// once, not N times:
//   - a text seen before (a file whose copies are byte-identical) gets a deep clone of that parse;
//   - a text that differs between copies only by `copy-K/` in its URLs is parsed for real as copy-0
//     and copy-1; the model for copy K is derived leaf by leaf: a leaf equal in both is kept, a
//     string that differs by the copy prefix gets `copy-K/`, any other string that differs (a hash
//     of the text) gets a value unique to copy K, so "which files are alike" stays exactly as real;
//     anything else (shapes or numbers differing) falls back to the real parse for every copy.
// `verifyMemo` compares derived models with real parses of a few copies, so a change in the model
// that breaks these assumptions shows up in the results instead of silently skewing them.
import { parseMinutes as realParse } from '../src/core/parse';
export * from '../src/core/parse';

type Doc = ReturnType<typeof realParse>;

const COPY = /copy-(\d+)\//g;

interface Entry {
  doc0: Doc;
  doc1: Doc;
  /** Copy 0's and copy 1's models differ only in ways we can derive. */
  derivable: boolean;
}

export const memo = {
  enabled: false,
  exact: new Map<string, Doc>(),
  byKey: new Map<string, Entry>(),
  realParses: 0,
  cloned: 0,
  derived: 0,
  fallbacks: 0,
};

class Mismatch extends Error {}

export function parseMinutes(text: string): Doc {
  if (!memo.enabled) return realParse(text);
  const copies = new Set<string>();
  for (const m of text.matchAll(COPY)) copies.add(m[1]);
  if (copies.size === 0) {
    let doc = memo.exact.get(text);
    if (!doc) {
      memo.realParses++;
      memo.exact.set(text, (doc = realParse(text)));
      return structuredClone(doc);
    }
    memo.cloned++;
    return structuredClone(doc);
  }
  if (copies.size > 1) {
    memo.realParses++;
    memo.fallbacks++;
    return realParse(text);
  }
  const k = Number([...copies][0]);
  const key = text.replace(COPY, 'copy-0/');
  let entry = memo.byKey.get(key);
  if (!entry) {
    const doc0 = realParse(key);
    const doc1 = realParse(text.replace(COPY, 'copy-1/'));
    memo.realParses += 2;
    let derivable = true;
    try {
      derive(doc0, doc1, 2);
    } catch (e) {
      if (!(e instanceof Mismatch)) throw e;
      derivable = false;
    }
    memo.byKey.set(key, (entry = { doc0, doc1, derivable }));
  }
  if (!entry.derivable) {
    memo.realParses++;
    memo.fallbacks++;
    return realParse(text);
  }
  memo.derived++;
  return derive(entry.doc0, entry.doc1, k) as Doc;
}

function derive(a: unknown, b: unknown, k: number): unknown {
  if (typeof a === 'string') {
    if (typeof b !== 'string') throw new Mismatch();
    if (a === b) return a;
    if (b === a.replaceAll('copy-0/', 'copy-1/')) return a.replaceAll('copy-0/', `copy-${k}/`);
    // Depends on the whole text (a hash): one value per copy, as real parses would give.
    return k === 0 ? a : k === 1 ? b : `${a}~copy-${k}`;
  }
  if (a === null || typeof a !== 'object') {
    if (a !== b) throw new Mismatch();
    return a;
  }
  if (b === null || typeof b !== 'object') throw new Mismatch();
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) throw new Mismatch();
    return a.map((x, i) => derive(x, b[i], k));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) throw new Mismatch();
  const out: Record<string, unknown> = {};
  for (const key of ka) {
    if (!(key in (b as object))) throw new Mismatch();
    out[key] = derive((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], k);
  }
  return out;
}

/**
 * Compares derived models with real parses of copy `k`: every string must be equal, except those
 * that depend on the whole text (there only "differs from copy 0" is required). Numbers may differ
 * when copy K's prefix is longer than copy 0's (`copy-37/` shifts columns); only their count matters.
 */
export function verifyMemo(textOfCopy: (key: string, k: number) => string, k: number, limit: number): { checked: number; mismatches: string[] } {
  const mismatches: string[] = [];
  let checked = 0;
  for (const [key, entry] of memo.byKey) {
    if (checked >= limit) break;
    if (!entry.derivable) continue;
    checked++;
    const real = realParse(textOfCopy(key, k));
    const derived = derive(entry.doc0, entry.doc1, k);
    const where = compare(derived, real, entry.doc0, '$', k);
    if (where) mismatches.push(where);
  }
  return { checked, mismatches };
}

function compare(derived: unknown, real: unknown, doc0: unknown, at: string, k: number): string | undefined {
  if (typeof derived === 'string') {
    if (derived === real) return undefined;
    if (derived === `${doc0}~copy-${k}` && real !== doc0) return undefined;
    return `${at}: derived ${JSON.stringify(derived).slice(0, 80)} ≠ real ${JSON.stringify(real).slice(0, 80)}`;
  }
  if (typeof derived === 'number') return typeof real === 'number' ? undefined : `${at}: type`;
  if (derived === null || typeof derived !== 'object') return derived === real ? undefined : `${at}: ${String(derived)} ≠ ${String(real)}`;
  if (real === null || typeof real !== 'object') return `${at}: shape`;
  if (Array.isArray(derived)) {
    if (!Array.isArray(real) || real.length !== derived.length) return `${at}: length ${derived.length} ≠ ${Array.isArray(real) ? real.length : '?'}`;
    for (let i = 0; i < derived.length; i++) {
      const w = compare(derived[i], real[i], (doc0 as unknown[])[i], `${at}[${i}]`, k);
      if (w) return w;
    }
    return undefined;
  }
  const keys = Object.keys(derived);
  if (keys.length !== Object.keys(real).length) return `${at}: keys`;
  for (const key of keys) {
    const w = compare((derived as Record<string, unknown>)[key], (real as Record<string, unknown>)[key], (doc0 as Record<string, unknown>)[key], `${at}.${key}`, k);
    if (w) return w;
  }
  return undefined;
}
