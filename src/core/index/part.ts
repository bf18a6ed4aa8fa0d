// What the parts of the index share: the indexed file, the sets of affected paths, the one
// interface every part implements, and the collector a query reports its dependencies to.
import type { LinkTarget } from '../links';
import type { MinutesDocument, MinutesFileName, MinutesLink } from '../model';

export interface IndexedFile {
  path: string;
  name: MinutesFileName;
  doc: MinutesDocument;
  /** Internal targets of its links (repository paths), for the backward graph. */
  targets: string[];
}

export interface Affected {
  /** Everything may have changed (the repository's identity did). */
  all: boolean;
  /** Markdown files whose diagnostics may have changed (deleted ones included, to clear theirs). */
  paths: Set<string>;
}

export function none(): Affected {
  return { all: false, paths: new Set() };
}

export function all(): Affected {
  return { all: true, paths: new Set() };
}

/** Adds what a part says it affected. */
export function merge(into: Affected, paths: Iterable<string> | void): void {
  if (paths) for (const p of paths) into.paths.add(p);
}

/** Where a query reports the paths whose existence its answer depends on (a `Set<string>` will do). */
export interface DependencyCollector {
  add(path: string): void;
}

export type PathKind = 'file' | 'folder';

/**
 * One incremental part of the index. Each hears every change and answers for the files whose
 * findings the change may alter (their paths); the coordinator merges those answers.
 */
export interface IndexPart {
  /** A file or folder came to exist. */
  pathAdded?(path: string, kind: PathKind): Iterable<string> | void;
  /** A file or folder no longer exists. */
  pathRemoved?(path: string, kind: PathKind): Iterable<string> | void;
  /** A Markdown file's model was added (`previous` undefined) or replaced `previous` at the same path. */
  fileAdded?(file: IndexedFile, previous: IndexedFile | undefined): Iterable<string> | void;
  /** A Markdown file's model is removed (called while the file is still in the index). */
  fileRemoved?(file: IndexedFile): Iterable<string> | void;
}

/** How parts resolve links and ask for paths, reporting what they looked at to `deps`. */
export interface LinkResolver {
  resolve(fromPath: string, link: MinutesLink, deps?: DependencyCollector): LinkTarget;
  hasFile(path: string, deps?: DependencyCollector): boolean;
  hasFolder(path: string, deps?: DependencyCollector): boolean;
}

/** Keys to sets of paths, for "which files share this". */
export class PathsByKey {
  private readonly map = new Map<string, Set<string>>();
  add(key: string, path: string): void {
    let set = this.map.get(key);
    if (!set) this.map.set(key, (set = new Set()));
    set.add(path);
  }
  delete(key: string, path: string): void {
    const set = this.map.get(key);
    set?.delete(path);
    if (set?.size === 0) this.map.delete(key);
  }
  get(key: string): ReadonlySet<string> {
    return this.map.get(key) ?? EMPTY;
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  clear(): void {
    this.map.clear();
  }
}
export const EMPTY: ReadonlySet<string> = new Set();

/** Adds `delta` to a count kept only while positive. */
export function addCount<K>(counts: Map<K, number>, key: K, delta: number): number {
  const n = (counts.get(key) ?? 0) + delta;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
  return n;
}
