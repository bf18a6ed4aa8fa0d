// Parsed models as JSON for caches: JSON alone would turn an object the model holds twice (the
// title's heading is also one of the headings) into two, and code that compares them by identity
// would then see a different document. The encoding lists such objects and decoding restores them.
import type { ActionItem, LinkKind, MarkupIssue, MinutesDocument, MinutesHeading, MinutesLink, MinutesTitle } from '../core/model';
import type { IsoDate } from '../core/dates';
import type { Range } from '../core/text';
import { compactDocument, positionAt } from '../core/parse';

type Path = Array<string | number>;

/**
 * Objects the model holds twice (the title's heading is one of the headings): JSON would make
 * them two, and code that compares them by identity would see a different document. Listed as
 * [where it appears again, where it first appeared], in JSON's order.
 */
function sharedObjects(doc: MinutesDocument): Array<[Path, Path]> {
  const first = new Map<object, Path>();
  const shared: Array<[Path, Path]> = [];
  const walk = (value: unknown, path: Path) => {
    // Positions are shared between ranges and models alike, and shared again as models are read
    // back (compactDocument): listing them would only grow the cache.
    if (!value || typeof value !== 'object' || isPosition(value)) return;
    const seen = first.get(value);
    if (seen) {
      shared.push([path, seen]);
      return;
    }
    first.set(value, path);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(doc, []);
  return shared;
}

function isPosition(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length === 2 && keys[0] === 'line' && keys[1] === 'character';
}

/** Keys a path may never walk through: they lead to prototypes, not to the model's own data. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The value at `path`, walking own properties and array indices only; undefined when the path does not fit. */
function ownAt(root: unknown, path: readonly unknown[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (!v || typeof v !== 'object') return undefined;
    if (Array.isArray(v)) {
      if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= v.length) return undefined;
      v = v[k];
    } else {
      if (typeof k !== 'string' || FORBIDDEN_KEYS.has(k) || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
      v = (v as Record<string, unknown>)[k];
    }
  }
  return v;
}

/**
 * Makes the copies JSON made of a shared object the one object again; false if the paths do not
 * fit. A cache is untrusted input: paths walk only the model's own properties and array
 * elements, and an object is only ever replaced by an equal one.
 */
function relink(doc: MinutesDocument, shared: unknown[]): boolean {
  if (shared.length > 100_000) return false;
  for (const entry of shared) {
    if (!Array.isArray(entry) || entry.length !== 2 || !Array.isArray(entry[0]) || !Array.isArray(entry[1]) || entry[0].length === 0) return false;
    const [path, target] = entry as [unknown[], unknown[]];
    if (path.length > 16 || target.length > 16) return false;
    const parent = ownAt(doc, path.slice(0, -1));
    const key = path[path.length - 1];
    const current = ownAt(parent, [key]);
    const object = ownAt(doc, target);
    if (!parent || typeof parent !== 'object' || !current || typeof current !== 'object' || !object || typeof object !== 'object') return false;
    if (current !== object && !sameData(current, object, 0)) return false;
    (parent as Record<string | number, unknown>)[key as string | number] = object;
  }
  return true;
}

/** Equal plain data (what JSON gives: objects, arrays, strings, numbers, booleans, null), to a bounded depth. */
function sameData(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || depth > 16) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    // The same keys in the same order, as JSON of the two would have them.
    if (ka[i] !== kb[i] || !sameData((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]], depth + 1)) return false;
  }
  return true;
}

// ---- the model's schema: a cache entry is rebuilt from scratch, field by field ----------------

class Invalid extends Error {}

const fail = (): never => {
  throw new Invalid();
};

function record(v: unknown): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail();
  return v as Record<string, unknown>;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : fail();
}

function optStr(v: unknown): string | undefined {
  return v === undefined ? undefined : str(v);
}

function int(v: unknown): number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fail();
}

function bool(v: unknown): boolean {
  return typeof v === 'boolean' ? v : fail();
}

function list<T>(v: unknown, item: (x: unknown) => T): T[] {
  if (!Array.isArray(v)) fail();
  return (v as unknown[]).map(item);
}

function position(v: unknown): { line: number; character: number } {
  const o = record(v);
  return positionAt(int(o.line), int(o.character));
}

function range(v: unknown): Range {
  const o = record(v);
  return { start: position(o.start), end: position(o.end) };
}

/** Sets only the fields that are present, so a rebuilt model equals the one that was written. */
function withOptional<T extends object>(target: T, fields: Partial<T>): T {
  // `fields` is an object literal of this module's: its own keys are the model's field names.
  for (const k of Object.keys(fields)) {
    const v = (fields as Record<string, unknown>)[k];
    if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  }
  return target;
}

const LINK_KINDS = new Set<LinkKind>(['inline', 'autolink', 'literal', 'definition', 'html']);
const MARKUP_KINDS = new Set<MarkupIssue['kind']>(['heading-without-space', 'heading-nbsp', 'spaced-link', 'late-front-matter']);

function link(v: unknown): MinutesLink {
  const o = record(v);
  const kind = str(o.kind) as LinkKind;
  if (!LINK_KINDS.has(kind)) fail();
  return withOptional<MinutesLink>(
    { kind, image: bool(o.image), raw: str(o.raw), url: str(o.url), range: range(o.range), fullRange: range(o.fullRange), text: str(o.text), waiting: bool(o.waiting), commented: bool(o.commented) },
    { label: optStr(o.label), waitingRange: o.waitingRange === undefined ? undefined : range(o.waitingRange) },
  );
}

function heading(v: unknown): MinutesHeading {
  const o = record(v);
  return { level: int(o.level), text: str(o.text), name: str(o.name), slug: str(o.slug), range: range(o.range), source: str(o.source), snippet: str(o.snippet), items: int(o.items) };
}

function action(v: unknown): ActionItem {
  const o = record(v);
  return withOptional<ActionItem>({ text: str(o.text), done: bool(o.done), range: range(o.range) }, { owner: optStr(o.owner), section: optStr(o.section) });
}

function markup(v: unknown): MarkupIssue {
  const o = record(v);
  const kind = str(o.kind) as MarkupIssue['kind'];
  if (!MARKUP_KINDS.has(kind)) fail();
  return withOptional<MarkupIssue>({ kind, range: range(o.range) }, { replacement: optStr(o.replacement), text: optStr(o.text) });
}

function counts(v: unknown): Record<string, number> {
  const o = record(v);
  const out: Record<string, number> = {};
  for (const k of Object.keys(o)) {
    // An own property even for the key `__proto__`: assigning it would set the prototype.
    if (k === '__proto__') Object.defineProperty(out, k, { value: int(o[k]), enumerable: true, writable: true, configurable: true });
    else out[k] = int(o[k]);
  }
  return out;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A model rebuilt from untrusted JSON: only the model's fields, each of its type; throws {@link Invalid} otherwise. */
function model(v: unknown): MinutesDocument {
  const o = record(v);
  const headings = list(o.headings, heading);
  let title: MinutesTitle | undefined;
  if (o.title !== undefined) {
    const t = record(o.title);
    const date = optStr(t.date);
    if (date !== undefined && !DATE.test(date)) fail();
    title = withOptional<MinutesTitle>({ heading: heading(t.heading) }, { date: date as IsoDate | undefined, dateHeading: t.dateHeading === undefined ? undefined : heading(t.dateHeading) });
  }
  const doc: MinutesDocument = {
    lineCount: int(o.lineCount),
    finalNewline: bool(o.finalNewline),
    end: position(o.end),
    headings,
    links: list(o.links, link),
    htmlAnchors: list(o.htmlAnchors, str),
    handles: counts(o.handles),
    markup: list(o.markup, markup),
    actions: list(o.actions, action),
    hash: str(o.hash),
    bodyHash: str(o.bodyHash),
    bodySize: int(o.bodySize),
  };
  return withOptional(doc, { title, frontMatter: o.frontMatter === undefined ? undefined : { range: range(record(o.frontMatter).range) }, unclosedAtEnd: optStr(o.unclosedAtEnd), cancelled: o.cancelled === undefined ? undefined : o.cancelled === true ? true : fail() });
}

/** The model in untrusted JSON, rebuilt field by field, or undefined when anything does not fit the schema. */
export function validateModel(value: unknown): MinutesDocument | undefined {
  try {
    return model(value);
  } catch (error) {
    if (error instanceof Invalid || error instanceof RangeError) return undefined;
    throw error;
  }
}

export function looksLikeModel(value: unknown): value is MinutesDocument {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.hash === 'string' && Array.isArray(v.links) && Array.isArray(v.headings);
}

/** A model as one line of JSON (no line breaks), with its shared objects listed. */
export function encodeModel(doc: MinutesDocument): string {
  return JSON.stringify(toEncoded(doc));
}

/** The value {@link encodeModel} writes as JSON. */
export function toEncoded(doc: MinutesDocument): { d: MinutesDocument; r: Array<[Path, Path]> } {
  return { d: doc, r: sharedObjects(doc) };
}

/** The model {@link encodeModel} wrote, or undefined for anything else (damaged, foreign). */
export function decodeModel(json: string): MinutesDocument | undefined {
  try {
    return fromEncoded(JSON.parse(json));
  } catch {
    return undefined;
  }
}

/**
 * The same for a value already parsed from JSON. Cache files are untrusted input (a repository can
 * commit one, a CI cache can be poisoned): the model is rebuilt against its schema into fresh
 * objects, the shared-object list may only point at the model's own equal objects, and anything
 * else means "parse the file again".
 */
export function fromEncoded(value: unknown): MinutesDocument | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as { d?: unknown; r?: unknown };
  if (!Object.prototype.hasOwnProperty.call(v, 'd') || !Object.prototype.hasOwnProperty.call(v, 'r') || !looksLikeModel(v.d) || !Array.isArray(v.r)) return undefined;
  const doc = validateModel(v.d);
  if (!doc) return undefined;
  return relink(doc, v.r) ? compactDocument(doc) : undefined;
}
