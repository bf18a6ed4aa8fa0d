// Parsed models as JSON for caches: JSON alone would turn an object the model holds twice (the
// title's heading is also one of the headings) into two, and code that compares them by identity
// would then see a different document. The encoding lists such objects and decoding restores them.
import type { MinutesDocument } from '../core/model';

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
    if (!value || typeof value !== 'object') return;
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

/** Makes the copies JSON made of a shared object the one object again; false if the paths do not fit. */
function relink(doc: MinutesDocument, shared: unknown[]): boolean {
  const at = (path: Path): unknown => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), doc);
  for (const entry of shared) {
    if (!Array.isArray(entry) || entry.length !== 2 || !Array.isArray(entry[0]) || !Array.isArray(entry[1]) || entry[0].length === 0) return false;
    const [path, target] = entry as [Path, Path];
    const parent = at(path.slice(0, -1));
    const object = at(target);
    if (!parent || typeof parent !== 'object' || !object || typeof object !== 'object') return false;
    (parent as Record<string | number, unknown>)[path[path.length - 1]] = object;
  }
  return true;
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

/** The same for a value already parsed from JSON. */
export function fromEncoded(value: unknown): MinutesDocument | undefined {
  const v = value as { d?: unknown; r?: unknown } | null;
  if (!v || typeof v !== 'object' || !looksLikeModel(v.d) || !Array.isArray(v.r)) return undefined;
  return relink(v.d, v.r) ? v.d : undefined;
}
