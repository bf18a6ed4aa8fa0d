// A stand-in for src/core/parse.ts inside the in-core benchmark only (bench/build-core.mjs points
// index.ts's `./parse` import here; src/ is untouched). While `memo.enabled` is off, parseMinutes IS
// the real one. While it is on (only while the N-copies index is being built), each file of the
// corpus tree is parsed a few times instead of N times:
//   - its text with `copy-K/` normalized is the key; copy 0 and copy 1 are parsed for real, and
//     comparing the two models leaf by leaf gives a plan: a leaf equal in both is the same in every
//     copy; a string that differs only by the copy prefix becomes `copy-K/`; any other string that
//     differs depends on the whole text (a content hash) and gets a value unique to copy K, so "which
//     files are alike" stays exactly as with real parses; anything else (numbers or shapes that
//     differ) makes that file fall back to real parses in every copy;
//   - copies whose number has as many digits share offsets and truncations, so one copy per digit
//     count (0, 10, 100 …) is parsed for real too, and copy K's model is that one's with the plan
//     applied (`copy-10/` → `copy-K/`);
//   - a text without any `copy-K/` (none in the generated corpora) is parsed once and cloned.
// verifyMemo() compares derived models with real parses, so a change in the model that breaks
// these assumptions shows up in the report instead of silently skewing it.
import { parseMinutes as realParse } from '../src/core/parse';
export * from '../src/core/parse';

type Doc = ReturnType<typeof realParse>;
type Plan = 'same' | 'subst' | 'hash' | Plan[] | { [key: string]: Plan };

const COPY = /copy-(\d+)\//g;

interface Entry {
  plan?: Plan;
  /** Per digit count: the copy parsed for real and its model. */
  bases: Map<number, { k: number; doc: Doc }>;
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

const firstOfDigits = (d: number) => (d === 1 ? 0 : 10 ** (d - 1));
const textOfCopy = (key: string, k: number) => (k === 0 ? key : key.replaceAll('copy-0/', `copy-${k}/`));

function parse(text: string): Doc {
  memo.realParses++;
  return realParse(text);
}

export function parseMinutes(text: string): Doc {
  if (!memo.enabled) return realParse(text);
  let k: number | undefined;
  let several = false;
  for (const m of text.matchAll(COPY)) {
    const n = Number(m[1]);
    if (k === undefined) k = n;
    else if (n !== k) several = true;
  }
  if (k === undefined) {
    let doc = memo.exact.get(text);
    if (doc) memo.cloned++;
    else memo.exact.set(text, (doc = parse(text)));
    return structuredClone(doc);
  }
  if (several) {
    memo.fallbacks++;
    return parse(text);
  }
  const key = k === 0 ? text : text.replaceAll(`copy-${k}/`, 'copy-0/');
  let entry = memo.byKey.get(key);
  if (!entry) {
    const doc0 = parse(key);
    const doc1 = parse(textOfCopy(key, 1));
    let plan: Plan | undefined;
    try {
      plan = makePlan(doc0, doc1);
    } catch (e) {
      if (!(e instanceof Mismatch)) throw e;
    }
    entry = { plan, bases: new Map([[1, { k: 0, doc: doc0 }]]) };
    memo.byKey.set(key, entry);
  }
  if (!entry.plan) {
    memo.fallbacks++;
    return parse(text);
  }
  const digits = String(k).length;
  let base = entry.bases.get(digits);
  if (!base) {
    const k0 = firstOfDigits(digits);
    entry.bases.set(digits, (base = { k: k0, doc: parse(textOfCopy(key, k0)) }));
    if (k === k0) return structuredClone(base.doc);
  }
  try {
    const doc = apply(base.doc, entry.plan, base.k, k) as Doc;
    memo.derived++;
    return doc;
  } catch (e) {
    if (!(e instanceof Mismatch)) throw e;
    memo.fallbacks++;
    return parse(text);
  }
}

function makePlan(a: unknown, b: unknown): Plan {
  if (typeof a === 'string') {
    if (typeof b !== 'string') throw new Mismatch();
    if (a === b) return 'same';
    if (b === a.replaceAll('copy-0/', 'copy-1/')) return 'subst';
    return 'hash';
  }
  if (a === null || typeof a !== 'object') {
    if (a !== b) throw new Mismatch();
    return 'same';
  }
  if (b === null || typeof b !== 'object') throw new Mismatch();
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) throw new Mismatch();
    return a.map((x, i) => makePlan(x, b[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) throw new Mismatch();
  const out: Record<string, Plan> = {};
  for (const key of keys) {
    if (!(key in (b as object))) throw new Mismatch();
    out[key] = makePlan((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
  }
  return out;
}

/** Copy K's model from the real model of copy `baseK` (same digit count) and the plan. */
function apply(base: unknown, plan: Plan, baseK: number, k: number): unknown {
  if (plan === 'same') {
    if (base !== null && typeof base === 'object') throw new Mismatch();
    return base;
  }
  if (plan === 'subst') {
    if (typeof base !== 'string') throw new Mismatch();
    return k === baseK ? base : base.replaceAll(`copy-${baseK}/`, `copy-${k}/`);
  }
  if (plan === 'hash') {
    if (typeof base !== 'string') throw new Mismatch();
    return k === baseK ? base : `${base}~copy-${k}`;
  }
  if (base === null || typeof base !== 'object') throw new Mismatch();
  if (Array.isArray(plan)) {
    if (!Array.isArray(base) || base.length !== plan.length) throw new Mismatch();
    const out = new Array(plan.length);
    for (let i = 0; i < plan.length; i++) out[i] = apply(base[i], plan[i], baseK, k);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key in plan) {
    if (!(key in (base as object))) throw new Mismatch();
    out[key] = apply((base as Record<string, unknown>)[key], plan[key], baseK, k);
  }
  return out;
}

/**
 * Compares derived models of copy `k` with real parses of it: every leaf must be equal, except
 * those that depend on the whole text, which must only differ from the base copy's.
 */
export function verifyMemo(k: number, limit: number): { copy: number; checked: number; mismatches: string[] } {
  const mismatches: string[] = [];
  let checked = 0;
  const digits = String(k).length;
  for (const [key, entry] of memo.byKey) {
    if (checked >= limit) break;
    const base = entry.bases.get(digits);
    if (!entry.plan || !base) continue;
    checked++;
    const real = realParse(textOfCopy(key, k));
    let derived: unknown;
    try {
      derived = apply(base.doc, entry.plan, base.k, k);
    } catch {
      mismatches.push(`${key.slice(0, 40)}…: shape differs from its base copy`);
      continue;
    }
    const where = compare(derived, real, entry.plan, base.doc, k !== base.k, '$');
    if (where) mismatches.push(where);
  }
  return { copy: k, checked, mismatches };
}

function compare(derived: unknown, real: unknown, plan: Plan, base: unknown, otherCopy: boolean, at: string): string | undefined {
  if (plan === 'hash') return !otherCopy || real !== base ? undefined : `${at}: a text-dependent value equals the base copy's`;
  if (plan === 'same' || plan === 'subst') {
    return derived === real ? undefined : `${at}: derived ${JSON.stringify(derived)?.slice(0, 70)} ≠ real ${JSON.stringify(real)?.slice(0, 70)}`;
  }
  if (real === null || typeof real !== 'object') return `${at}: shape`;
  if (Array.isArray(plan)) {
    if (!Array.isArray(real) || real.length !== plan.length) return `${at}: length`;
    for (let i = 0; i < plan.length; i++) {
      const w = compare((derived as unknown[])[i], real[i], plan[i], (base as unknown[])[i], otherCopy, `${at}[${i}]`);
      if (w) return w;
    }
    return undefined;
  }
  if (Object.keys(real).length !== Object.keys(plan).length) return `${at}: keys`;
  for (const key in plan) {
    const w = compare((derived as Record<string, unknown>)[key], (real as Record<string, unknown>)[key], plan[key], (base as Record<string, unknown>)[key], otherCopy, `${at}.${key}`);
    if (w) return w;
  }
  return undefined;
}
