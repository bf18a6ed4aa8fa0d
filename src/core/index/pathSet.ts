// Every path of the repository, Markdown or not, and the folders they make: what exists.
import { dirname } from '../paths';
import type { DependencyCollector, PathKind } from './part';

export class PathSet {
  private readonly files = new Set<string>();
  /** Folder → number of files below it (a folder exists while that is positive). */
  private readonly folders = new Map<string, number>();
  /** Lower-cased path → the paths that differ only in case. */
  private readonly lowerCase = new Map<string, Set<string>>();
  /** A file's name, lower-cased and without `.md` ({@link nameKey}) → the files of that name. */
  private readonly byName = new Map<string, Set<string>>();

  /** Records a file; returns the paths that came to exist (its new folders, then the file), none when it was known. */
  add(path: string): Array<[string, PathKind]> {
    if (this.files.has(path)) return [];
    this.files.add(path);
    const lower = path.toLowerCase();
    let same = this.lowerCase.get(lower);
    if (!same) this.lowerCase.set(lower, (same = new Set()));
    same.add(path);
    const key = nameKey(path);
    let named = this.byName.get(key);
    if (!named) this.byName.set(key, (named = new Set()));
    named.add(path);
    const appeared: Array<[string, PathKind]> = [];
    for (let dir = dirname(path); dir !== ''; dir = dirname(dir)) {
      const n = this.folders.get(dir) ?? 0;
      this.folders.set(dir, n + 1);
      if (n === 0) appeared.push([dir, 'folder']);
    }
    appeared.push([path, 'file']);
    return appeared;
  }

  /** Forgets a file; returns the paths that no longer exist (its emptied folders, then the file). */
  remove(path: string): Array<[string, PathKind]> {
    if (!this.files.delete(path)) return [];
    const same = this.lowerCase.get(path.toLowerCase());
    same?.delete(path);
    if (same?.size === 0) this.lowerCase.delete(path.toLowerCase());
    const named = this.byName.get(nameKey(path));
    named?.delete(path);
    if (named?.size === 0) this.byName.delete(nameKey(path));
    const gone: Array<[string, PathKind]> = [];
    for (let dir = dirname(path); dir !== ''; dir = dirname(dir)) {
      const n = (this.folders.get(dir) ?? 1) - 1;
      if (n <= 0) {
        this.folders.delete(dir);
        gone.push([dir, 'folder']);
      } else this.folders.set(dir, n);
    }
    gone.push([path, 'file']);
    return gone;
  }

  hasFile(path: string, deps?: DependencyCollector): boolean {
    deps?.add(path);
    return this.files.has(path);
  }

  /** The root (`''`) always exists and depends on nothing. */
  hasFolder(path: string, deps?: DependencyCollector): boolean {
    if (path === '') return true;
    deps?.add(path);
    return this.folders.has(path);
  }

  /** A file or a folder. */
  exists(path: string, deps?: DependencyCollector): boolean {
    deps?.add(path);
    return this.files.has(path) || this.folders.has(path);
  }

  /** The files a deletion of `path` takes away: the file, or every file below the folder. */
  filesAt(path: string): string[] {
    if (this.files.has(path)) return [path];
    if (!this.folders.has(path)) return [];
    return [...this.files].filter((p) => p.startsWith(path + '/'));
  }

  /**
   * The one file elsewhere with the name `path` ends in (letter case and a missing `.md` aside):
   * where a file went that moved (`2018/2018-11-12.md` now in `2018/Q4/`). Undefined when there
   * is none, or several.
   */
  movedTo(path: string): string | undefined {
    const found = this.byName.get(nameKey(path));
    if (!found || found.size !== 1 || found.has(path)) return undefined;
    const [only] = found;
    const name = (p: string) => p.slice(p.lastIndexOf('/') + 1).toLowerCase().replace(/\.md$/, '');
    return name(only) === name(path) ? only : undefined;
  }

  /** The files with the name `path` ends in ({@link nameKey}), up to three (more are as good as many). */
  namesakes(path: string): string[] {
    const found = this.byName.get(nameKey(path));
    if (!found) return [];
    const out: string[] = [];
    for (const p of found) {
      out.push(p);
      if (out.length === 3) break;
    }
    return out;
  }

  /** The existing path that differs from `path` only in case, if any. */
  caseVariant(path: string): string | undefined {
    const found = this.lowerCase.get(path.toLowerCase());
    if (!found || found.has(path)) return undefined;
    return [...found].sort()[0];
  }
}

/** A file's name as {@link PathSet.movedTo} compares it: lower-cased, without a final `.md`. */
export function nameKey(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase().replace(/\.md$/, '');
}
