// The workspace over Node's fs, for the CLI: never follows a link out of the root or into a loop.
import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import type { FileStat, ListOptions, MinutesWorkspace, SkippedEntry, WorkspaceEntry } from '../core/workspace';
import { DEFAULT_IGNORED_FOLDERS } from '../core/workspace';
import { describeError } from '../core/build';

export class NodeWorkspace implements MinutesWorkspace {
  readonly root: string;
  private realRoot: Promise<string> | undefined;

  constructor(root: string) {
    this.root = nodePath.resolve(root);
  }

  get name(): string {
    return this.root;
  }

  private abs(path: string): string {
    const abs = nodePath.resolve(this.root, ...path.split('/'));
    const rel = nodePath.relative(this.root, abs);
    if (isOutside(rel)) throw new Error(`refusing to read outside the repository: ${path}`);
    return abs;
  }

  async list(options: ListOptions = {}): Promise<{ entries: WorkspaceEntry[]; skipped: SkippedEntry[] }> {
    const ignore = options.ignoreFolders ?? DEFAULT_IGNORED_FOLDERS;
    const entries: WorkspaceEntry[] = [];
    const skipped: SkippedEntry[] = [];
    let realRoot: string;
    try {
      realRoot = await this.realRootPath();
    } catch (error) {
      this.realRoot = undefined;
      return { entries, skipped: [{ path: '.', reason: `the repository folder could not be read (${describeError(error)})` }] };
    }
    const walk = async (dir: string): Promise<void> => {
      if (options.signal?.aborted) return;
      let names;
      try {
        names = await fs.readdir(dir === '' ? this.root : this.abs(dir), { withFileTypes: true });
      } catch (error) {
        skipped.push({ path: dir || '.', reason: `folder could not be read (${describeError(error)})` });
        return;
      }
      for (const d of names) {
        const path = dir === '' ? d.name : `${dir}/${d.name}`;
        if (d.isDirectory()) {
          if (ignore.has(d.name)) continue;
          entries.push({ path, type: 'directory', size: 0 });
          await walk(path);
        } else if (d.isFile()) {
          let size = 0;
          try {
            size = (await fs.stat(this.abs(path))).size;
          } catch (error) {
            skipped.push({ path, reason: `could not be read (${describeError(error)})` });
            continue;
          }
          entries.push({ path, type: 'file', size });
        } else if (d.isSymbolicLink()) {
          const reason = await this.symlinkReason(path, realRoot);
          if (typeof reason === 'string') skipped.push({ path, reason });
          else entries.push({ path, type: 'file', size: reason.size });
        }
      }
    };
    await walk(options.under ?? '');
    return { entries, skipped };
  }

  /** A link to a file inside the repository is read like the file; anything else is skipped, with the reason. */
  private async symlinkReason(path: string, realRoot: string): Promise<string | { size: number }> {
    let real: string;
    try {
      real = await fs.realpath(this.abs(path));
    } catch (error) {
      const code = (error as { code?: string }).code;
      return code === 'ELOOP' ? 'symbolic link loop; not followed' : 'broken symbolic link; not followed';
    }
    const rel = nodePath.relative(realRoot, real);
    if (isOutside(rel)) return 'symbolic link to a place outside the repository; not followed';
    const stat = await fs.stat(real);
    if (stat.isDirectory()) return 'symbolic link to a folder; not followed (its files are indexed at their real place)';
    // A pipe or device would block or never end when read.
    if (!stat.isFile()) return 'symbolic link to something that is not a file; not followed';
    return { size: stat.size };
  }

  private realRootPath(): Promise<string> {
    this.realRoot ??= fs.realpath(this.root);
    return this.realRoot;
  }

  async read(path: string): Promise<Uint8Array> {
    const abs = this.abs(path);
    // Only a path through a symbolic link can lead elsewhere; plain files are read directly.
    if ((await fs.lstat(abs)).isSymbolicLink() || path.includes('/')) {
      const real = await fs.realpath(abs);
      const rel = nodePath.relative(await this.realRootPath(), real);
      if (isOutside(rel)) throw new Error('it leads outside the repository');
      return fs.readFile(real);
    }
    return fs.readFile(abs);
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await fs.stat(this.abs(path));
      return { type: s.isDirectory() ? 'directory' : 'file', size: s.size, mtime: s.mtimeMs };
    } catch {
      return undefined;
    }
  }
}

/** A path relative to the root leads out of it (`..`, `../x`), unlike a name such as `..notes.md`. */
function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith('..' + nodePath.sep) || rel.startsWith('../') || nodePath.isAbsolute(rel);
}
